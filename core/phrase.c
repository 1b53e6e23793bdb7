/*
** phrase.c: phrase matcher over token keys (see phrase.h).
**
** Three tables, all open addressing with linear probing:
**   keys   key bytes -> id (the bytes in one arena, offsets per id);
**   edges  (node, id) -> child node, the trie's edges;
**   root   id -> child of the root, a plain array (most tokens stop there).
** A node carries its payloads: one inline, or a sorted vector when an
** entry has several. Searching from each token walks the trie as long as
** edges exist, so the cost per token is the length of the longest entry
** prefix found there, whatever the number of entries.
**
** Not here: turning text into keys (the caller folds, strips or stems),
** tokenizing entries (core/token.h).
*/
#include "phrase.h"
#include "buf.h"
#include "galley.h"

#include <stdlib.h>
#include <string.h>

/* Payloads of a node that has several, sorted. */
typedef struct paylist {
    int32_t *v;
    uint32_t n, cap;
} paylist;

struct galley_phrase {
    /* keys */
    galley_buf arena;           /* key bytes, back to back */
    uint32_t *koff;             /* key id -> offset in arena; koff[nkeys] = end */
    uint32_t *khash;            /* key id -> hash */
    uint32_t *kslot;            /* hash slots: id + 1, 0 = empty */
    size_t nkeys, kcap, kslots;
    /* trie */
    uint32_t *root;             /* key id -> child of root (0 = none); kcap long */
    uint64_t *ekey;             /* edge slots: parent << 32 | id */
    uint32_t *eval;             /* edge slots: child, 0 = empty */
    size_t nedges, eslots;
    int32_t *pay;               /* node -> payload, or paylist index when npay > 1 */
    uint32_t *npay;             /* node -> number of payloads */
    size_t nnodes, ncap;
    paylist *lists;
    size_t nlists, lcap;
    uint32_t *lfree;            /* indices of unused paylists */
    size_t nlfree, lfcap;
    size_t count;               /* entries */
};

/* ------------------------------------------------------------------ */
/* Hashing */

static uint32_t str_hash(const char *s, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    for (size_t k = 0; i < len; i++, k += 8)
        w |= (uint64_t)(unsigned char)s[i] << k;
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 32;
    return (uint32_t)h;
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

/* ------------------------------------------------------------------ */
/* Keys */

static const char *key_at(const galley_phrase *pm, uint32_t id, size_t *len)
{
    *len = pm->koff[id + 1] - pm->koff[id];
    return pm->arena.s + pm->koff[id];
}

static uint32_t key_find(const galley_phrase *pm, const char *s, size_t len, uint32_t h)
{
    if (!pm->kslots)
        return GALLEY_PHRASE_NONE;
    size_t mask = pm->kslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = pm->kslot[i];
        if (!v)
            return GALLEY_PHRASE_NONE;
        uint32_t id = v - 1;
        if (pm->khash[id] == h) {
            size_t klen;
            const char *k = key_at(pm, id, &klen);
            if (klen == len && (len == 0 || memcmp(k, s, len) == 0))
                return id;
        }
    }
}

static int key_rehash(galley_phrase *pm, size_t slots)
{
    uint32_t *t = calloc(slots, sizeof *t);
    if (!t)
        return GALLEY_ENOMEM;
    size_t mask = slots - 1;
    for (size_t id = 0; id < pm->nkeys; id++) {
        size_t i = pm->khash[id] & mask;
        while (t[i])
            i = (i + 1) & mask;
        t[i] = (uint32_t)id + 1;
    }
    free(pm->kslot);
    pm->kslot = t;
    pm->kslots = slots;
    return GALLEY_OK;
}

/* Intern 's': its id in '*id'. Returns 0, GALLEY_ENOMEM or GALLEY_ELIMIT. */
static int key_intern(galley_phrase *pm, const char *s, size_t len, uint32_t *id,
                      galley_buf *err)
{
    uint32_t h = str_hash(s, len);
    uint32_t found = key_find(pm, s, len, h);
    if (found != GALLEY_PHRASE_NONE) {
        *id = found;
        return GALLEY_OK;
    }
    if (pm->nkeys >= UINT32_MAX - 2 || len > UINT32_MAX - pm->arena.len) {
        if (err)
            galley_buf_printf(err, "phrase keys too large (limit is %u bytes)", UINT32_MAX);
        return GALLEY_ELIMIT;
    }
    if ((pm->nkeys + 1) * 4 >= pm->kslots * 3 &&
        key_rehash(pm, pm->kslots ? pm->kslots * 2 : 1024))
        return GALLEY_ENOMEM;
    /* koff needs nkeys + 2 items; khash and root grow along with it. */
    if (pm->nkeys + 2 > pm->kcap) {
        size_t c1 = pm->kcap, c2 = pm->kcap, c3 = pm->kcap;
        if (galley_grow((void **)&pm->koff, &c1, pm->nkeys + 2, sizeof *pm->koff) ||
            galley_grow((void **)&pm->khash, &c2, pm->nkeys + 2, sizeof *pm->khash) ||
            galley_grow((void **)&pm->root, &c3, pm->nkeys + 2, sizeof *pm->root))
            return GALLEY_ENOMEM;
        memset(pm->root + pm->kcap, 0, (c3 - pm->kcap) * sizeof *pm->root);
        pm->kcap = c3;      /* the three grew alike from the same capacity */
    }
    if (galley_buf_add(&pm->arena, s, len))
        return GALLEY_ENOMEM;
    uint32_t nid = (uint32_t)pm->nkeys;
    if (pm->nkeys == 0)
        pm->koff[0] = 0;
    pm->koff[nid + 1] = (uint32_t)pm->arena.len;
    pm->khash[nid] = h;
    size_t mask = pm->kslots - 1;
    size_t i = h & mask;
    while (pm->kslot[i])
        i = (i + 1) & mask;
    pm->kslot[i] = nid + 1;
    pm->nkeys++;
    *id = nid;
    return GALLEY_OK;
}

uint32_t galley_phrase_id(const galley_phrase *pm, const char *key, size_t len)
{
    return key_find(pm, key, len, str_hash(key, len));
}

/* ------------------------------------------------------------------ */
/* Trie */

static uint32_t edge_get(const galley_phrase *pm, uint32_t node, uint32_t id)
{
    if (node == 0)
        return pm->root[id];
    if (!pm->eslots)
        return 0;
    uint64_t k = (uint64_t)node << 32 | id;
    size_t mask = pm->eslots - 1;
    for (size_t i = mix64(k) & mask;; i = (i + 1) & mask) {
        if (!pm->eval[i])
            return 0;
        if (pm->ekey[i] == k)
            return pm->eval[i];
    }
}

static int edge_rehash(galley_phrase *pm, size_t slots)
{
    uint64_t *k = malloc(slots * sizeof *k);
    uint32_t *v = calloc(slots, sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return GALLEY_ENOMEM;
    }
    size_t mask = slots - 1;
    for (size_t j = 0; j < pm->eslots; j++) {
        if (!pm->eval[j])
            continue;
        size_t i = mix64(pm->ekey[j]) & mask;
        while (v[i])
            i = (i + 1) & mask;
        k[i] = pm->ekey[j];
        v[i] = pm->eval[j];
    }
    free(pm->ekey);
    free(pm->eval);
    pm->ekey = k;
    pm->eval = v;
    pm->eslots = slots;
    return GALLEY_OK;
}

static int node_new(galley_phrase *pm, uint32_t *node, galley_buf *err)
{
    if (pm->nnodes >= UINT32_MAX - 1) {
        if (err)
            galley_buf_printf(err, "too many phrase nodes (limit is %u)", UINT32_MAX - 1);
        return GALLEY_ELIMIT;
    }
    if (pm->nnodes + 1 > pm->ncap) {
        size_t c1 = pm->ncap, c2 = pm->ncap;
        if (galley_grow((void **)&pm->pay, &c1, pm->nnodes + 1, sizeof *pm->pay) ||
            galley_grow((void **)&pm->npay, &c2, pm->nnodes + 1, sizeof *pm->npay))
            return GALLEY_ENOMEM;
        pm->ncap = c1 < c2 ? c1 : c2;
    }
    *node = (uint32_t)pm->nnodes++;
    pm->pay[*node] = 0;
    pm->npay[*node] = 0;
    return GALLEY_OK;
}

/* Child of 'node' by 'id', created when missing. */
static int edge_add(galley_phrase *pm, uint32_t node, uint32_t id, uint32_t *child,
                    galley_buf *err)
{
    uint32_t c = edge_get(pm, node, id);
    if (c) {
        *child = c;
        return GALLEY_OK;
    }
    if (node != 0 && (pm->nedges + 1) * 4 >= pm->eslots * 3 &&
        edge_rehash(pm, pm->eslots ? pm->eslots * 2 : 1024))
        return GALLEY_ENOMEM;
    int rc = node_new(pm, &c, err);
    if (rc)
        return rc;
    if (node == 0) {
        pm->root[id] = c;
    } else {
        uint64_t k = (uint64_t)node << 32 | id;
        size_t mask = pm->eslots - 1;
        size_t i = mix64(k) & mask;
        while (pm->eval[i])
            i = (i + 1) & mask;
        pm->ekey[i] = k;
        pm->eval[i] = c;
        pm->nedges++;
    }
    *child = c;
    return GALLEY_OK;
}

/* Node reached by 'keys' without creating anything, or 0. */
static uint32_t walk(const galley_phrase *pm, const galley_phrase_key *keys, size_t n)
{
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t id = galley_phrase_id(pm, keys[i].s, keys[i].len);
        if (id == GALLEY_PHRASE_NONE)
            return 0;
        node = edge_get(pm, node, id);
        if (!node)
            return 0;
    }
    return node;
}

/* ------------------------------------------------------------------ */
/* Payloads */

/* Index of the first item >= 'p' in the sorted 'v' of 'n' items. */
static uint32_t lower_bound(const int32_t *v, uint32_t n, int32_t p)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (v[mid] < p) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* Add 'p' to 'node': 1 added, 0 present, or GALLEY_ENOMEM. */
static int pay_add(galley_phrase *pm, uint32_t node, int32_t p)
{
    uint32_t n = pm->npay[node];
    if (n == 0) {
        pm->pay[node] = p;
        pm->npay[node] = 1;
        return 1;
    }
    if (n == 1) {
        int32_t q = pm->pay[node];
        if (q == p)
            return 0;
        size_t li;
        if (pm->nlfree) {
            li = pm->lfree[--pm->nlfree];
        } else {
            /* The free stack can hold every list, so releasing never fails. */
            if (galley_grow((void **)&pm->lists, &pm->lcap, pm->nlists + 1, sizeof *pm->lists) ||
                galley_grow((void **)&pm->lfree, &pm->lfcap, pm->nlists + 1, sizeof *pm->lfree))
                return GALLEY_ENOMEM;
            li = pm->nlists++;
            pm->lists[li].v = NULL;
            pm->lists[li].n = pm->lists[li].cap = 0;
        }
        paylist *l = &pm->lists[li];
        size_t cap = l->cap;
        if (galley_grow((void **)&l->v, &cap, 2, sizeof *l->v)) {
            pm->lfree[pm->nlfree++] = (uint32_t)li;
            return GALLEY_ENOMEM;
        }
        l->cap = (uint32_t)cap;
        l->v[0] = q < p ? q : p;
        l->v[1] = q < p ? p : q;
        l->n = 2;
        pm->pay[node] = (int32_t)li;
        pm->npay[node] = 2;
        return 1;
    }
    paylist *l = &pm->lists[pm->pay[node]];
    uint32_t at = lower_bound(l->v, l->n, p);
    if (at < l->n && l->v[at] == p)
        return 0;
    if (l->n == UINT32_MAX - 1)
        return GALLEY_ENOMEM;
    size_t cap = l->cap;
    if (galley_grow((void **)&l->v, &cap, (size_t)l->n + 1, sizeof *l->v))
        return GALLEY_ENOMEM;
    l->cap = (uint32_t)cap;
    memmove(l->v + at + 1, l->v + at, (l->n - at) * sizeof *l->v);
    l->v[at] = p;
    l->n++;
    pm->npay[node]++;
    return 1;
}

/* Payloads of 'node': a pointer to 'n' sorted items. */
static const int32_t *pay_list(const galley_phrase *pm, uint32_t node, uint32_t *n)
{
    *n = pm->npay[node];
    if (*n <= 1)
        return &pm->pay[node];
    return pm->lists[pm->pay[node]].v;
}

/* Remove 'p' (all when < 0) from 'node'; returns how many went. */
static size_t pay_remove(galley_phrase *pm, uint32_t node, int32_t p)
{
    uint32_t n = pm->npay[node];
    if (n == 0)
        return 0;
    if (n == 1) {
        if (p >= 0 && pm->pay[node] != p)
            return 0;
        pm->npay[node] = 0;
        return 1;
    }
    uint32_t li = (uint32_t)pm->pay[node];
    paylist *l = &pm->lists[li];
    size_t gone;
    if (p < 0) {
        gone = l->n;
        l->n = 0;
    } else {
        uint32_t at = lower_bound(l->v, l->n, p);
        if (at >= l->n || l->v[at] != p)
            return 0;
        memmove(l->v + at, l->v + at + 1, (l->n - at - 1) * sizeof *l->v);
        l->n--;
        gone = 1;
    }
    if (l->n <= 1) {
        /* Back to inline; the list goes on the free stack. */
        pm->npay[node] = l->n;
        if (l->n == 1)
            pm->pay[node] = l->v[0];
        l->n = 0;
        pm->lfree[pm->nlfree++] = li;
    } else {
        pm->npay[node] = l->n;
    }
    return gone;
}

/* ------------------------------------------------------------------ */
/* Public */

galley_phrase *galley_phrase_new(void)
{
    galley_phrase *pm = calloc(1, sizeof *pm);
    if (!pm)
        return NULL;
    uint32_t root;
    if (node_new(pm, &root, NULL)) {
        galley_phrase_free(pm);
        return NULL;
    }
    return pm;
}

void galley_phrase_free(galley_phrase *pm)
{
    if (!pm)
        return;
    galley_buf_free(&pm->arena);
    free(pm->koff);
    free(pm->khash);
    free(pm->kslot);
    free(pm->root);
    free(pm->ekey);
    free(pm->eval);
    free(pm->pay);
    free(pm->npay);
    for (size_t i = 0; i < pm->nlists; i++)
        free(pm->lists[i].v);
    free(pm->lists);
    free(pm->lfree);
    free(pm);
}

int galley_phrase_add(galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                      int32_t payload, galley_buf *err)
{
    if (n == 0) {
        if (err) galley_buf_adds(err, "empty phrase");
        return GALLEY_EINVAL;
    }
    if (n > GALLEY_PHRASE_MAX_TOKENS) {
        if (err)
            galley_buf_printf(err, "phrase too long (limit is %d tokens)",
                              GALLEY_PHRASE_MAX_TOKENS);
        return GALLEY_ELIMIT;
    }
    if (payload < 0) {
        if (err) galley_buf_adds(err, "negative payload");
        return GALLEY_EINVAL;
    }
    uint32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t id;
        int rc = key_intern(pm, keys[i].s, keys[i].len, &id, err);
        if (rc == GALLEY_ENOMEM)
            goto nomem;
        if (rc)
            return rc;
        rc = edge_add(pm, node, id, &node, err);
        if (rc == GALLEY_ENOMEM)
            goto nomem;
        if (rc)
            return rc;
    }
    int rc = pay_add(pm, node, payload);
    if (rc < 0)
        goto nomem;
    pm->count += (size_t)rc;
    return rc;

nomem:
    if (err) galley_buf_adds(err, "not enough memory");
    return GALLEY_ENOMEM;
}

size_t galley_phrase_remove(galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                            int32_t payload)
{
    if (n == 0)
        return 0;
    uint32_t node = walk(pm, keys, n);
    if (!node)
        return 0;
    size_t gone = pay_remove(pm, node, payload);
    pm->count -= gone;
    return gone;
}

size_t galley_phrase_remove_payload(galley_phrase *pm, int32_t payload)
{
    if (payload < 0)
        return 0;
    size_t gone = 0;
    for (size_t node = 1; node < pm->nnodes; node++)
        if (pm->npay[node])
            gone += pay_remove(pm, (uint32_t)node, payload);
    pm->count -= gone;
    return gone;
}

int galley_phrase_has(const galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                      int32_t payload)
{
    if (n == 0)
        return 0;
    uint32_t node = walk(pm, keys, n);
    if (!node || !pm->npay[node])
        return 0;
    if (payload < 0)
        return 1;
    uint32_t np;
    const int32_t *v = pay_list(pm, node, &np);
    uint32_t at = lower_bound(v, np, payload);
    return at < np && v[at] == payload;
}

size_t galley_phrase_count(const galley_phrase *pm) { return pm->count; }
size_t galley_phrase_keys(const galley_phrase *pm) { return pm->nkeys; }

size_t galley_phrase_memory(const galley_phrase *pm)
{
    size_t m = sizeof *pm + pm->arena.cap;
    m += pm->kcap * (sizeof *pm->koff + sizeof *pm->khash + sizeof *pm->root);
    m += pm->kslots * sizeof *pm->kslot;
    m += pm->eslots * (sizeof *pm->ekey + sizeof *pm->eval);
    m += pm->ncap * (sizeof *pm->pay + sizeof *pm->npay);
    m += pm->lcap * sizeof *pm->lists + pm->lfcap * sizeof *pm->lfree;
    for (size_t i = 0; i < pm->nlists; i++)
        m += pm->lists[i].cap * sizeof *pm->lists[i].v;
    return m;
}

/* Append one match per payload of 'node' for tokens [start, end). */
static int emit(const galley_phrase *pm, uint32_t node, size_t start, size_t end,
                galley_phrase_matches *out)
{
    uint32_t np;
    const int32_t *v = pay_list(pm, node, &np);
    if (galley_grow((void **)&out->m, &out->cap, out->n + np, sizeof *out->m))
        return GALLEY_ENOMEM;
    for (uint32_t k = 0; k < np; k++) {
        galley_phrase_match *m = &out->m[out->n++];
        m->start = (uint32_t)start;
        m->end = (uint32_t)end;
        m->payload = v[k];
    }
    return GALLEY_OK;
}

int galley_phrase_find(const galley_phrase *pm, const uint32_t *ids, size_t n, int mode,
                       galley_phrase_matches *out)
{
    size_t i = 0;
    while (i < n) {
        uint32_t id = ids[i];
        uint32_t node = id < pm->nkeys ? pm->root[id] : 0;
        size_t best = 0;
        uint32_t bnode = 0;
        for (size_t j = i + 1; node; j++) {
            if (pm->npay[node]) {
                if (mode == GALLEY_PHRASE_ALL) {
                    if (emit(pm, node, i, j, out))
                        return GALLEY_ENOMEM;
                } else {
                    best = j;
                    bnode = node;
                }
            }
            if (j >= n || ids[j] >= pm->nkeys)
                break;
            node = edge_get(pm, node, ids[j]);
        }
        if (best) {
            if (emit(pm, bnode, i, best, out))
                return GALLEY_ENOMEM;
            i = best;
        } else {
            i++;
        }
    }
    return GALLEY_OK;
}

int galley_phrase_find_keys(const galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                            int mode, galley_phrase_matches *out)
{
    if (n == 0)
        return GALLEY_OK;
    uint32_t *ids = malloc(n * sizeof *ids);
    if (!ids)
        return GALLEY_ENOMEM;
    for (size_t i = 0; i < n; i++)
        ids[i] = galley_phrase_id(pm, keys[i].s, keys[i].len);
    int rc = galley_phrase_find(pm, ids, n, mode, out);
    free(ids);
    return rc;
}

void galley_phrase_matches_free(galley_phrase_matches *ms)
{
    free(ms->m);
    ms->m = NULL;
    ms->n = ms->cap = 0;
}
