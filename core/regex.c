/*
** regex.c: Unicode regular expressions on PCRE2 (see regex.h).
**
** Patterns compile with PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
** then go through the JIT when the library supports it. Invalid UTF-8 in a
** pattern is a compile error; in a subject it is skipped over by PCRE2
** itself, so subjects are never checked or copied. Each regex owns a match
** context carrying the limits and, once the JIT has needed more than its
** default 32 KiB, its own JIT stack.
**
** Not here: replacement strings, splitting (the Lua binding builds them
** from the match iterator), locale tables (Unicode properties only).
** References: pcre2api(3), pcre2jit(3), pcre2unicode(3), pcre2demo.c.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "regex.h"
#include "galley.h"

#include <stdlib.h>
#include <string.h>

struct galley_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jstack;    /* NULL until the default stack was too small */
    char *pat;                  /* copy of the pattern, NUL-terminated */
    size_t patlen;
    unsigned flags;
    int jit;
    int refs;
    uint32_t ngroups;
    uint32_t nnames, namesize;
    PCRE2_SPTR names;           /* PCRE2's name table, inside 'code' */
    uint32_t match_limit, depth_limit;
    int matched;                /* match data holds a successful match */
};

static void adderr(galley_buf *err, const char *msg)
{
    if (err)
        galley_buf_adds(err, msg);
}

int galley_regex_flags(const char *s, size_t len, unsigned *flags, galley_buf *err)
{
    unsigned f = 0;
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case 'i': f |= GALLEY_RX_ICASE; break;
        case 'm': f |= GALLEY_RX_MULTILINE; break;
        case 's': f |= GALLEY_RX_DOTALL; break;
        case 'x': f |= GALLEY_RX_EXTENDED; break;
        default:
            if (err) {
                unsigned char c = (unsigned char)s[i];
                if (c >= 0x20 && c < 0x7f)
                    galley_buf_printf(err, "unknown regex flag '%c' (flags are i, m, s, x)", c);
                else
                    galley_buf_printf(err, "unknown regex flag byte 0x%02x (flags are i, m, s, x)", c);
            }
            return GALLEY_EINVAL;
        }
    }
    *flags = f;
    return GALLEY_OK;
}

/* Append PCRE2's text for error 'code' to 'err'. */
static void pcre_message(galley_buf *err, int code)
{
    PCRE2_UCHAR msg[256];
    if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
        strcpy((char *)msg, "unknown PCRE2 error");
    adderr(err, (const char *)msg);
}

int galley_regex_compile(const char *pat, size_t len, unsigned flags,
                         galley_regex **out, galley_buf *err)
{
    *out = NULL;
    if (len > GALLEY_REGEX_MAX_PATTERN) {
        if (err)
            galley_buf_printf(err, "regex pattern too long (limit is %d bytes)",
                              GALLEY_REGEX_MAX_PATTERN);
        return GALLEY_ELIMIT;
    }
    if (flags & ~(unsigned)(GALLEY_RX_ICASE | GALLEY_RX_MULTILINE |
                            GALLEY_RX_DOTALL | GALLEY_RX_EXTENDED)) {
        adderr(err, "unknown regex flag bits");
        return GALLEY_EINVAL;
    }
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    if (flags & GALLEY_RX_ICASE) opts |= PCRE2_CASELESS;
    if (flags & GALLEY_RX_MULTILINE) opts |= PCRE2_MULTILINE;
    if (flags & GALLEY_RX_DOTALL) opts |= PCRE2_DOTALL;
    if (flags & GALLEY_RX_EXTENDED) opts |= PCRE2_EXTENDED;

    galley_regex *re = calloc(1, sizeof *re);
    if (!re)
        goto nomem;
    re->refs = 1;
    re->flags = flags;
    re->match_limit = GALLEY_REGEX_MATCH_LIMIT;
    re->depth_limit = GALLEY_REGEX_DEPTH_LIMIT;
    re->pat = malloc(len + 1);
    if (!re->pat)
        goto nomem;
    if (len)
        memcpy(re->pat, pat, len);
    re->pat[len] = '\0';
    re->patlen = len;

    int code;
    PCRE2_SIZE off;
    /* PCRE2 wants a non-NULL pointer even for an empty pattern. */
    re->code = pcre2_compile((PCRE2_SPTR)re->pat, len, opts, &code, &off, NULL);
    if (!re->code) {
        if (code == PCRE2_ERROR_NOMEMORY)
            goto nomem;
        if (err) {
            pcre_message(err, code);
            galley_buf_printf(err, " at offset %zu", (size_t)off);
        }
        galley_regex_free(re);
        return GALLEY_EINVAL;
    }
    /* The JIT is optional: without it (or on failure) the interpreter runs. */
    re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
    re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
    re->mctx = pcre2_match_context_create(NULL);
    if (!re->md || !re->mctx)
        goto nomem;
    pcre2_set_match_limit(re->mctx, re->match_limit);
    pcre2_set_depth_limit(re->mctx, re->depth_limit);
    pcre2_set_heap_limit(re->mctx, GALLEY_REGEX_HEAP_LIMIT);
    pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->ngroups);
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &re->nnames);
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &re->namesize);
    pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &re->names);
    *out = re;
    return GALLEY_OK;

nomem:
    galley_regex_free(re);
    adderr(err, "not enough memory");
    return GALLEY_ENOMEM;
}

galley_regex *galley_regex_ref(galley_regex *re)
{
    re->refs++;
    return re;
}

void galley_regex_free(galley_regex *re)
{
    if (!re || --re->refs > 0)
        return;
    pcre2_match_data_free(re->md);
    pcre2_match_context_free(re->mctx);
    pcre2_jit_stack_free(re->jstack);
    pcre2_code_free(re->code);
    free(re->pat);
    free(re);
}

void galley_regex_limits(galley_regex *re, uint32_t match, uint32_t depth)
{
    re->match_limit = match ? match : GALLEY_REGEX_MATCH_LIMIT;
    re->depth_limit = depth ? depth : GALLEY_REGEX_DEPTH_LIMIT;
    pcre2_set_match_limit(re->mctx, re->match_limit);
    pcre2_set_depth_limit(re->mctx, re->depth_limit);
}

const char *galley_regex_pattern(const galley_regex *re, size_t *len)
{
    if (len)
        *len = re->patlen;
    return re->pat;
}

unsigned galley_regex_flagbits(const galley_regex *re) { return re->flags; }
int galley_regex_jit(const galley_regex *re) { return re->jit; }
size_t galley_regex_groups(const galley_regex *re) { return re->ngroups; }
size_t galley_regex_names(const galley_regex *re) { return re->nnames; }

const char *galley_regex_name(const galley_regex *re, size_t i, size_t *group)
{
    if (i >= re->nnames)
        return NULL;
    PCRE2_SPTR e = re->names + i * re->namesize;
    if (group)
        *group = ((size_t)e[0] << 8) | e[1];   /* big-endian group number */
    return (const char *)e + 2;
}

int galley_regex_group(const galley_regex *re, const char *name, size_t len)
{
    for (size_t i = 0; i < re->nnames; i++) {
        size_t g;
        const char *n = galley_regex_name(re, i, &g);
        if (strlen(n) == len && memcmp(n, name, len) == 0)
            return (int)g;
    }
    return -1;
}

/* Turn a negative pcre2_match result into a status and a message. */
static int match_error(galley_regex *re, int rc, galley_buf *err)
{
    switch (rc) {
    case PCRE2_ERROR_MATCHLIMIT:
        if (err)
            galley_buf_printf(err, "regex match limit exceeded (limit is %lu)",
                              (unsigned long)re->match_limit);
        return GALLEY_ELIMIT;
    case PCRE2_ERROR_DEPTHLIMIT:
        if (err)
            galley_buf_printf(err, "regex depth limit exceeded (limit is %lu)",
                              (unsigned long)re->depth_limit);
        return GALLEY_ELIMIT;
    case PCRE2_ERROR_HEAPLIMIT:
        if (err)
            galley_buf_printf(err, "regex heap limit exceeded (limit is %u KiB)",
                              GALLEY_REGEX_HEAP_LIMIT);
        return GALLEY_ELIMIT;
    case PCRE2_ERROR_JIT_STACKLIMIT:
        if (err)
            galley_buf_printf(err, "regex JIT stack limit exceeded (limit is %u bytes)",
                              GALLEY_REGEX_JIT_STACK);
        return GALLEY_ELIMIT;
    case PCRE2_ERROR_NOMEMORY:
        adderr(err, "not enough memory");
        return GALLEY_ENOMEM;
    default:
        if (err) {
            galley_buf_adds(err, "regex match failed: ");
            pcre_message(err, rc);
        }
        return GALLEY_EINVAL;
    }
}

/* One match attempt. Compiled code goes straight to the JIT (which takes
** every option but ANCHORED at match time), skipping pcre2_match's checks. */
static int run(galley_regex *re, const char *s, size_t len, size_t start, uint32_t opts)
{
    if (re->jit && !(opts & PCRE2_ANCHORED))
        return pcre2_jit_match(re->code, (PCRE2_SPTR)s, len, start, opts, re->md, re->mctx);
    return pcre2_match(re->code, (PCRE2_SPTR)s, len, start, opts, re->md, re->mctx);
}

int galley_regex_exec(galley_regex *re, const char *s, size_t len, size_t start,
                      uint32_t opts, galley_buf *err)
{
    re->matched = 0;
    if (start > len)
        return 0;
    if (!s)
        s = "";                 /* PCRE2 refuses NULL even with length 0 */
    int rc = run(re, s, len, start, opts);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT && re->jit && !re->jstack) {
        /* Give the JIT a larger stack once, then try again. */
        re->jstack = pcre2_jit_stack_create(32 * 1024, GALLEY_REGEX_JIT_STACK, NULL);
        if (!re->jstack)
            return match_error(re, PCRE2_ERROR_NOMEMORY, err);
        pcre2_jit_stack_assign(re->mctx, NULL, re->jstack);
        rc = run(re, s, len, start, opts);
    }
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return match_error(re, rc, err);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    if (ov[0] > ov[1]) {
        /* Only \K inside a lookaround can do this; PCRE2 10.38+ rejects it. */
        adderr(err, "regex match ends before it starts (\\K in a lookaround)");
        return GALLEY_EINVAL;
    }
    re->matched = 1;
    return 1;
}

int galley_regex_capture(const galley_regex *re, size_t i, size_t *start, size_t *end)
{
    if (!re->matched || i > re->ngroups)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    if (ov[2 * i] == PCRE2_UNSET)
        return 0;
    *start = ov[2 * i];
    *end = ov[2 * i + 1];
    return 1;
}

/* ------------------------------------------------------------------ */
/* Iterator */

void galley_regex_iter_init(galley_regex_iter *it, galley_regex *re,
                            const char *s, size_t len, size_t start)
{
    it->re = re;
    it->s = s;
    it->len = len;
    it->pos = start;
    it->notempty = 0;
    it->done = start > len;
}

int galley_regex_next(galley_regex_iter *it, galley_buf *err)
{
    if (it->done)
        return 0;
    /* After an empty match at 'pos', look for one that is not empty there:
    ** the leftmost match from 'pos' that is non-empty or starts later. */
    uint32_t opts = it->notempty ? PCRE2_NOTEMPTY_ATSTART : 0;
    int rc = galley_regex_exec(it->re, it->s, it->len, it->pos, opts, err);
    if (rc <= 0) {
        it->done = 1;
        return rc;
    }
    size_t b, e;
    galley_regex_capture(it->re, 0, &b, &e);
    it->pos = e;
    it->notempty = b == e;
    if (e > it->len)
        it->done = 1;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Compile cache: a hash table over (flags, pattern) with chaining, and a
** doubly linked list in order of use, most recent first. */

typedef struct centry {
    struct centry *hnext;           /* hash chain */
    struct centry *prev, *next;     /* use order */
    uint64_t hash;
    galley_regex *re;               /* the cache's reference */
} centry;

struct galley_regex_cache {
    centry **slots;
    size_t nslots, count, cap;
    centry *head, *tail;
};

static uint64_t key_hash(const char *s, size_t len, unsigned flags)
{
    uint64_t h = 1469598103934665603ull ^ flags;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

galley_regex_cache *galley_regex_cache_new(size_t cap)
{
    galley_regex_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->cap = cap ? cap : GALLEY_REGEX_CACHE_SIZE;
    c->nslots = 16;
    while (c->nslots < c->cap * 2)
        c->nslots *= 2;
    c->slots = calloc(c->nslots, sizeof *c->slots);
    if (!c->slots) {
        free(c);
        return NULL;
    }
    return c;
}

static void unlink_use(galley_regex_cache *c, centry *e)
{
    if (e->prev) e->prev->next = e->next; else c->head = e->next;
    if (e->next) e->next->prev = e->prev; else c->tail = e->prev;
    e->prev = e->next = NULL;
}

static void push_front(galley_regex_cache *c, centry *e)
{
    e->prev = NULL;
    e->next = c->head;
    if (c->head) c->head->prev = e; else c->tail = e;
    c->head = e;
}

static void drop_entry(galley_regex_cache *c, centry *e)
{
    centry **p = &c->slots[e->hash & (c->nslots - 1)];
    while (*p != e)
        p = &(*p)->hnext;
    *p = e->hnext;
    unlink_use(c, e);
    galley_regex_free(e->re);
    free(e);
    c->count--;
}

void galley_regex_cache_free(galley_regex_cache *c)
{
    if (!c)
        return;
    while (c->head)
        drop_entry(c, c->head);
    free(c->slots);
    free(c);
}

size_t galley_regex_cache_count(const galley_regex_cache *c)
{
    return c->count;
}

int galley_regex_cache_get(galley_regex_cache *c, const char *pat, size_t len,
                           unsigned flags, galley_regex **out, galley_buf *err)
{
    uint64_t h = key_hash(pat, len, flags);
    for (centry *e = c->slots[h & (c->nslots - 1)]; e; e = e->hnext) {
        if (e->hash == h && e->re->flags == flags && e->re->patlen == len &&
            memcmp(e->re->pat, pat, len) == 0) {
            unlink_use(c, e);
            push_front(c, e);
            *out = galley_regex_ref(e->re);
            return GALLEY_OK;
        }
    }
    galley_regex *re;
    int rc = galley_regex_compile(pat, len, flags, &re, err);
    if (rc)
        return rc;
    centry *e = calloc(1, sizeof *e);
    if (!e) {
        /* Still usable, just not cached. */
        *out = re;
        return GALLEY_OK;
    }
    if (c->count >= c->cap)
        drop_entry(c, c->tail);
    e->hash = h;
    e->re = re;
    size_t slot = h & (c->nslots - 1);
    e->hnext = c->slots[slot];
    c->slots[slot] = e;
    push_front(c, e);
    c->count++;
    *out = galley_regex_ref(re);
    return GALLEY_OK;
}
