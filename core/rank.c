/*
** rank.c: sentence and keyphrase ranking (see rank.h).
** References: Mihalcea and Tarau, "TextRank: Bringing Order into Texts"
** (2004); Erkan and Radev, "LexRank: Graph-based Lexical Centrality as
** Salience in Text Summarization" (2004); Barrios et al., "Variations of the
** Similarity Function of TextRank for Automated Summarization" (2016, BM25);
** Campos et al., "YAKE! Keyword Extraction from Single Documents using
** Multiple Local Features" (2020); Carbonell and Goldstein, "The Use of MMR,
** Diversity-Based Reranking for Reordering Documents and Producing
** Summaries" (1998).
** It does not tokenize or split sentences (token.h, sent.h) and does not
** decide what a summary is: the Lua side picks methods and priors.
*/
#include "rank.h"
#include "buf.h"
#include "galley.h"
#include "lang.h"
#include "stem.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define UNSET (UINT32_MAX - 1)      /* a word's stem not yet computed */
#define CONNECTOR 0x80000000u       /* key element of a stop word inside a phrase */

typedef struct word {
    uint32_t key;                   /* offset of the folded word in 'chars' */
    uint32_t hash;
    uint16_t len;
    uint8_t stop;                   /* stop-word languages, a bit each */
    uint8_t connector;              /* "of", "de": may join two names */
    uint32_t stem[GALLEY_LANG_N];   /* term per language, or UNSET */
} word;

typedef struct term {
    uint32_t key, hash;
    uint32_t len;
} stemrec;

/* Open addressing, linear probing; a slot holds id + 1, 0 when empty. */
typedef struct table {
    uint32_t *slot;
    size_t cap;
} table;

/* A keyphrase candidate. */
typedef struct cand {
    uint32_t key, klen;             /* its key elements in 'kpool' */
    uint32_t hash;
    uint32_t tok, ntok;             /* the occurrence shown */
    uint32_t count;
    int shown_initial;              /* the occurrence shown starts a sentence */
    double score;
} cand;

struct galley_ranker {
    /* vocabulary */
    word *words;
    size_t nwords, capwords;
    stemrec *terms;
    size_t nterms, capterms;
    galley_buf chars;
    table wtab, ttab;
    galley_stemmer *stemmer[GALLEY_LANG_N];
    int nostem[GALLEY_LANG_N];      /* libstemmer has no such language */
    galley_buf fold, stem;
    char low[GALLEY_RANK_WORD_LEN];
    /* the document */
    const char *text;
    size_t len;
    const galley_tokens *tk;
    const galley_spans *sents;
    int lang;
    size_t nsent, ntok;
    size_t tokcap;
    uint32_t *tword;                /* per token: word id, or GALLEY_TERM_NONE */
    uint32_t *tloc;                 /* per token: local term, or GALLEY_TERM_NONE */
    uint8_t *tstop;                 /* per token: stop-word languages */
    uint8_t *tinit;                 /* per token: first word of its sentence */
    uint8_t *tflag;                 /* per token: keyphrase marks (M_*) */
    /* term id -> local index, valid when stamp[term] == gen */
    uint32_t *stamp, *lid;
    size_t stampcap;
    uint32_t gen;
    /* local terms */
    size_t nloc, loccap;
    uint32_t *lterm, *ltf, *lsf, *llast, *lpos;
    double *lw;
    int plain_lw;                   /* lw and norm hold the weights without idf */
    /* sentences: bags of (local, tf), postings of each local term */
    size_t sentcap, bagcap;
    uint32_t *boff, *bloc, *btf, *slen;
    double *norm;
    uint32_t *poff, *psent, *ptf;
    /* scratch of keyphrases and queries */
    galley_tokens qtk;
    cand *cands;
    size_t ncands, capcands;
    table ctab;
    size_t ctabsize;                /* slots allocated in ctab (ctab.cap: those in use) */
    uint32_t *kpool;
    size_t nkpool, capkpool;
    double *work, *wscore;          /* scratch */
    size_t workcap, wscorecap;
    uint32_t *iwork;
    size_t iworkcap;
    uint64_t *set;
    size_t setcap;
    uint64_t *stopbits;             /* extra stop words of a call (stop_bits) */
    size_t stopbitscap, stopspan;
    uint32_t stopfirst;
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Make '*p' hold 'n' items of 'size' bytes (contents kept). */
static int resize(void *pp, size_t n, size_t size)
{
    void **p = pp;
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / size)
        return GALLEY_ENOMEM;
    void *q = realloc(*p, n * size);
    if (!q)
        return GALLEY_ENOMEM;
    *p = q;
    return GALLEY_OK;
}

/* Room for 'need' items in the array '*p' of capacity '*cap'. */
static int reserve(void *p, size_t *cap, size_t need, size_t size)
{
    return galley_grow(p, cap, need, size);
}

static uint32_t hash_bytes(const char *s, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t hash_ids(const uint32_t *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ k[i]) * 16777619u ^ (k[i] >> 16);
    return h;
}

static int table_init(table *t, size_t cap)
{
    t->slot = calloc(cap, sizeof *t->slot);
    if (!t->slot)
        return GALLEY_ENOMEM;
    t->cap = cap;
    return GALLEY_OK;
}

/* Double 't', placing the 'n' ids again by their hashes ('hash_of'). */
static int table_grow(table *t, size_t n, const void *items, size_t size,
                      size_t hash_at)
{
    size_t cap = t->cap * 2;
    uint32_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return GALLEY_ENOMEM;
    for (size_t id = 0; id < n; id++) {
        uint32_t h;
        memcpy(&h, (const char *)items + id * size + hash_at, sizeof h);
        size_t i = h & (cap - 1);
        while (slot[i])
            i = (i + 1) & (cap - 1);
        slot[i] = (uint32_t)id + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return GALLEY_OK;
}

/* ------------------------------------------------------------------ */
/* Vocabulary                                                          */
/* ------------------------------------------------------------------ */

/* The words table's hash of a folded word, from its galley_fold_hash:
** the same whether the ranker folded the word or galley_token_fold did. */
static uint32_t word_hash(uint64_t h)
{
    return (uint32_t)(h ^ (h >> 32));
}

/* Case-fold 'w' into '*f' ('*fn' bytes) and hash it into '*h' (word_hash):
** ASCII in place, the rest through galley_casefold. Returns 0, or
** GALLEY_EINVAL when too long or empty. */
static int fold_word(galley_ranker *r, const char *w, size_t n, const char **f,
                     size_t *fn, uint32_t *h)
{
    if (n == 0)
        return GALLEY_EINVAL;
    size_t i = 0;
    if (n <= GALLEY_RANK_WORD_LEN) {
        for (; i < n; i++) {
            unsigned char c = (unsigned char)w[i];
            if (c >= 0x80)
                break;
            r->low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    if (i == n) {
        *f = r->low;
        *fn = n;
    } else {
        r->fold.len = 0;
        if (galley_casefold(w, n, &r->fold))
            return GALLEY_ENOMEM;
        if (r->fold.len == 0 || r->fold.len > GALLEY_RANK_WORD_LEN)
            return GALLEY_EINVAL;
        *f = r->fold.s;
        *fn = r->fold.len;
    }
    *h = word_hash(galley_fold_hash(*f, *fn));
    return GALLEY_OK;
}

static uint32_t find_word(const galley_ranker *r, const char *f, size_t n, uint32_t h)
{
    size_t mask = r->wtab.cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t s = r->wtab.slot[i];
        if (!s)
            return GALLEY_TERM_NONE;
        const word *w = &r->words[s - 1];
        if (w->hash == h && w->len == n && memcmp(r->chars.s + w->key, f, n) == 0)
            return s - 1;
    }
}

static uint32_t find_term(const galley_ranker *r, const char *f, size_t n, uint32_t h)
{
    size_t mask = r->ttab.cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t s = r->ttab.slot[i];
        if (!s)
            return GALLEY_TERM_NONE;
        const stemrec *t = &r->terms[s - 1];
        if (t->hash == h && t->len == n && memcmp(r->chars.s + t->key, f, n) == 0)
            return s - 1;
    }
}

static int add_chars(galley_ranker *r, const char *s, size_t n, uint32_t *off)
{
    if (r->chars.len + n > UINT32_MAX)
        return GALLEY_ENOMEM;
    *off = (uint32_t)r->chars.len;
    return galley_buf_add(&r->chars, s, n);
}

/* Add the folded word 'f' (hash 'h'); its id to '*id'. */
static int add_word(galley_ranker *r, const char *f, size_t n, uint32_t h, uint32_t *id)
{
    if ((r->nwords + 1) * 2 > r->wtab.cap &&
        table_grow(&r->wtab, r->nwords, r->words, sizeof *r->words,
                   offsetof(word, hash)))
        return GALLEY_ENOMEM;
    if (reserve(&r->words, &r->capwords, r->nwords + 1, sizeof *r->words))
        return GALLEY_ENOMEM;
    word *w = &r->words[r->nwords];
    if (add_chars(r, f, n, &w->key))   /* 'f' may be r->fold, never r->chars */
        return GALLEY_ENOMEM;
    w->hash = h;
    w->len = (uint16_t)n;
    w->stop = (uint8_t)galley_stop_langs(f, n);
    w->connector = 0;
    for (int l = 0; l < GALLEY_LANG_N; l++)
        w->stem[l] = UNSET;
    size_t mask = r->wtab.cap - 1, i = h & mask;
    while (r->wtab.slot[i])
        i = (i + 1) & mask;
    r->wtab.slot[i] = (uint32_t)r->nwords + 1;
    *id = (uint32_t)r->nwords++;
    return GALLEY_OK;
}

/* The term of stem 's', added when 'add' is set and there is room. */
static int term_id(galley_ranker *r, const char *s, size_t n, int add, uint32_t *id)
{
    uint32_t h = hash_bytes(s, n, 2166136261u);
    *id = find_term(r, s, n, h);
    if (*id != GALLEY_TERM_NONE || !add)
        return GALLEY_OK;
    if (r->nterms >= GALLEY_RANK_WORDS * 2u)
        return GALLEY_OK;
    if ((r->nterms + 1) * 2 > r->ttab.cap &&
        table_grow(&r->ttab, r->nterms, r->terms, sizeof *r->terms,
                   offsetof(stemrec, hash)))
        return GALLEY_ENOMEM;
    if (reserve(&r->terms, &r->capterms, r->nterms + 1, sizeof *r->terms))
        return GALLEY_ENOMEM;
    stemrec *t = &r->terms[r->nterms];
    if (add_chars(r, s, n, &t->key))
        return GALLEY_ENOMEM;
    t->hash = h;
    t->len = (uint32_t)n;
    size_t mask = r->ttab.cap - 1, i = h & mask;
    while (r->ttab.slot[i])
        i = (i + 1) & mask;
    r->ttab.slot[i] = (uint32_t)r->nterms + 1;
    *id = (uint32_t)r->nterms++;
    return GALLEY_OK;
}

/* The stemmer of 'lang', made on first use; NULL when libstemmer has none. */
static int stemmer_of(galley_ranker *r, int lang, galley_stemmer **st)
{
    if (!r->stemmer[lang] && !r->nostem[lang]) {
        int rc = galley_stemmer_new(galley_lang_code(lang), &r->stemmer[lang]);
        if (rc == GALLEY_ENOMEM)
            return rc;
        if (rc)
            r->nostem[lang] = 1;
    }
    *st = r->stemmer[lang];
    return GALLEY_OK;
}

/* The term of the folded word 'f' in language 'lang' (its stem), added
** when 'add' is set. 'f' must not point into r->chars. */
static int stem_term(galley_ranker *r, const char *f, size_t n, int lang, int add,
                     uint32_t *id)
{
    galley_stemmer *sb;
    if (stemmer_of(r, lang, &sb))
        return GALLEY_ENOMEM;
    if (!sb)
        return term_id(r, f, n, add, id);
    r->stem.len = 0;
    if (galley_stemmer_stem(sb, f, n, &r->stem))
        return GALLEY_ENOMEM;
    if (r->stem.len == 0)
        return term_id(r, f, n, add, id);
    return term_id(r, r->stem.s, r->stem.len, add, id);
}

/* The term of word 'id' in 'lang', computed once. */
static int word_term(galley_ranker *r, uint32_t id, int lang, uint32_t *t)
{
    if (r->words[id].stem[lang] != UNSET) {
        *t = r->words[id].stem[lang];
        return GALLEY_OK;
    }
    /* copy the key out: stemming may add to r->chars */
    char f[GALLEY_RANK_WORD_LEN];
    size_t n = r->words[id].len;
    memcpy(f, r->chars.s + r->words[id].key, n);
    if (stem_term(r, f, n, lang, 1, t))
        return GALLEY_ENOMEM;
    r->words[id].stem[lang] = *t;
    return GALLEY_OK;
}

/* The word id of the folded word 'f' ('fn' bytes, hash 'h') into '*id',
** added when new and there is room (always when 'force'), GALLEY_TERM_NONE
** otherwise; its stop-word languages into '*stop'. */
static int find_or_add(galley_ranker *r, const char *f, size_t fn, uint32_t h, int force,
                       uint32_t *id, unsigned *stop)
{
    *id = find_word(r, f, fn, h);
    /* add_word appends to r->chars; 'f' is elsewhere (r->low, r->fold, a
       galley_folds), left alone */
    if (*id == GALLEY_TERM_NONE && (force || r->nwords < GALLEY_RANK_WORDS) &&
        add_word(r, f, fn, h, id))
        return GALLEY_ENOMEM;
    *stop = *id != GALLEY_TERM_NONE ? r->words[*id].stop : galley_stop_langs(f, fn);
    return GALLEY_OK;
}

/* Look up the token text 'w': its word id (GALLEY_TERM_NONE when the
** vocabulary is full and the word new) and stop-word languages. */
static int lookup(galley_ranker *r, const char *w, size_t n, int force,
                  uint32_t *id, unsigned *stop)
{
    const char *f;
    size_t fn;
    uint32_t h;
    int rc = fold_word(r, w, n, &f, &fn, &h);
    if (rc)
        return rc;
    return find_or_add(r, f, fn, h, force, id, stop);
}

/* lookup() of token 'i' of the folds 'fo'. */
static int lookup_folded(galley_ranker *r, const galley_folds *fo, size_t i,
                         uint32_t *id, unsigned *stop)
{
    size_t fn = fo->len[i];
    if (fn == 0 || fn > GALLEY_RANK_WORD_LEN)
        return GALLEY_EINVAL;
    return find_or_add(r, fo->chars.s + fo->off[i], fn, word_hash(fo->hash[i]), 0, id, stop);
}

/* The term of a word the vocabulary could not keep. */
static int transient_term(galley_ranker *r, const char *w, size_t n, int lang, uint32_t *t)
{
    const char *f;
    size_t fn;
    uint32_t h;
    *t = GALLEY_TERM_NONE;
    int rc = fold_word(r, w, n, &f, &fn, &h);
    if (rc)
        return rc == GALLEY_ENOMEM ? rc : GALLEY_OK;
    return stem_term(r, f, fn, lang, 0, t);
}

int galley_ranker_new(galley_ranker **out)
{
    static const char *const connectors[] = {
        "of", "de", "del", "da", "do", "dos", "du", "di", "von", "van", "der", NULL
    };
    *out = NULL;
    galley_ranker *r = calloc(1, sizeof *r);
    if (!r)
        return GALLEY_ENOMEM;
    r->gen = 1;
    if (table_init(&r->wtab, 1024) || table_init(&r->ttab, 1024)) {
        galley_ranker_free(r);
        return GALLEY_ENOMEM;
    }
    for (int i = 0; connectors[i]; i++) {
        uint32_t id;
        unsigned stop;
        if (lookup(r, connectors[i], strlen(connectors[i]), 1, &id, &stop)) {
            galley_ranker_free(r);
            return GALLEY_ENOMEM;
        }
        r->words[id].connector = 1;
    }
    *out = r;
    return GALLEY_OK;
}

void galley_ranker_free(galley_ranker *r)
{
    if (!r)
        return;
    free(r->words);
    free(r->terms);
    galley_buf_free(&r->chars);
    free(r->wtab.slot);
    free(r->ttab.slot);
    for (int l = 0; l < GALLEY_LANG_N; l++)
        galley_stemmer_free(r->stemmer[l]);
    galley_buf_free(&r->fold);
    galley_buf_free(&r->stem);
    free(r->tword);
    free(r->tloc);
    free(r->tstop);
    free(r->tinit);
    free(r->stamp);
    free(r->lid);
    free(r->lterm);
    free(r->ltf);
    free(r->lsf);
    free(r->llast);
    free(r->lpos);
    free(r->lw);
    free(r->boff);
    free(r->bloc);
    free(r->btf);
    free(r->slen);
    free(r->norm);
    free(r->poff);
    free(r->psent);
    free(r->ptf);
    galley_tokens_free(&r->qtk);
    free(r->cands);
    free(r->ctab.slot);
    free(r->kpool);
    free(r->work);
    free(r->wscore);
    free(r->iwork);
    free(r->set);
    free(r->stopbits);
    free(r->tflag);
    free(r);
}

int galley_ranker_word(galley_ranker *r, const char *w, size_t n, uint32_t *id)
{
    unsigned stop;
    return lookup(r, w, n, 1, id, &stop);
}

int galley_ranker_term(galley_ranker *r, const char *s, size_t n, int add, uint32_t *id)
{
    if (n == 0)
        return GALLEY_EINVAL;
    int rc = term_id(r, s, n, add, id);
    if (rc)
        return rc;
    return *id == GALLEY_TERM_NONE ? GALLEY_EINVAL : GALLEY_OK;
}

const char *galley_ranker_stem(const galley_ranker *r, uint32_t id, size_t *len)
{
    if (id >= r->nterms)
        return NULL;
    *len = r->terms[id].len;
    return r->chars.s + r->terms[id].key;
}

/* ------------------------------------------------------------------ */
/* Loading a document                                                  */
/* ------------------------------------------------------------------ */

static int is_wordish(int kind)
{
    return kind == GALLEY_TK_WORD || kind == GALLEY_TK_NUMBER ||
           kind == GALLEY_TK_HASHTAG || kind == GALLEY_TK_MENTION;
}

/* The local index of term 't', made on first use in this document. */
static int local_of(galley_ranker *r, uint32_t t, uint32_t *l)
{
    if (t >= r->stampcap) {
        size_t cap = r->stampcap ? r->stampcap : 1024;
        while (cap <= t)
            cap *= 2;
        if (resize(&r->stamp, cap, sizeof *r->stamp) || resize(&r->lid, cap, sizeof *r->lid))
            return GALLEY_ENOMEM;
        memset(r->stamp + r->stampcap, 0, (cap - r->stampcap) * sizeof *r->stamp);
        r->stampcap = cap;
    }
    if (r->stamp[t] == r->gen) {
        *l = r->lid[t];
        return GALLEY_OK;
    }
    if (r->nloc + 1 > r->loccap) {
        size_t cap = r->loccap ? r->loccap * 2 : 256;
        if (resize(&r->lterm, cap, sizeof *r->lterm) || resize(&r->ltf, cap, sizeof *r->ltf) ||
            resize(&r->lsf, cap, sizeof *r->lsf) || resize(&r->llast, cap, sizeof *r->llast) ||
            resize(&r->lpos, cap, sizeof *r->lpos) || resize(&r->lw, cap, sizeof *r->lw) ||
            resize(&r->poff, cap + 1, sizeof *r->poff))
            return GALLEY_ENOMEM;
        r->loccap = cap;
    }
    *l = (uint32_t)r->nloc++;
    r->stamp[t] = r->gen;
    r->lid[t] = *l;
    r->lterm[*l] = t;
    r->ltf[*l] = 0;
    r->lsf[*l] = 0;
    r->llast[*l] = GALLEY_TERM_NONE;
    return GALLEY_OK;
}

static void next_gen(galley_ranker *r)
{
    r->nloc = 0;
    if (++r->gen == 0) {            /* wrapped: forget every stamp */
        if (r->stamp)
            memset(r->stamp, 0, r->stampcap * sizeof *r->stamp);
        r->gen = 1;
    }
}

/* Bags of terms per sentence and postings per term. */
static int build_bags(galley_ranker *r)
{
    size_t n = r->nsent;
    if (reserve(&r->boff, &r->sentcap, n + 1, sizeof *r->boff))
        return GALLEY_ENOMEM;
    if (!r->poff && resize(&r->poff, 1, sizeof *r->poff))   /* a text without terms */
        return GALLEY_ENOMEM;
    if (resize(&r->slen, r->sentcap, sizeof *r->slen) ||
        resize(&r->norm, r->sentcap, sizeof *r->norm))
        return GALLEY_ENOMEM;
    size_t nb = 0;
    for (size_t s = 0; s < n; s++) {
        const galley_span *sp = &r->sents->s[s];
        r->boff[s] = (uint32_t)nb;
        r->slen[s] = 0;
        for (size_t i = sp->tok; i < (size_t)sp->tok + sp->ntok && i < r->ntok; i++) {
            uint32_t l = r->tloc[i];
            if (l == GALLEY_TERM_NONE)
                continue;
            r->slen[s]++;
            if (r->llast[l] != s) {
                r->llast[l] = (uint32_t)s;
                r->lpos[l] = (uint32_t)nb;
                r->bloc[nb] = l;
                r->btf[nb] = 1;
                r->lsf[l]++;
                nb++;
            } else {
                r->btf[r->lpos[l]]++;
            }
        }
    }
    r->boff[n] = (uint32_t)nb;
    /* postings: counting sort of the bag entries by term */
    uint32_t sum = 0;
    for (size_t l = 0; l < r->nloc; l++) {
        r->poff[l] = sum;
        sum += r->lsf[l];
    }
    r->poff[r->nloc] = sum;
    for (size_t l = 0; l < r->nloc; l++)
        r->lpos[l] = r->poff[l];
    for (size_t s = 0; s < n; s++)
        for (size_t b = r->boff[s]; b < r->boff[s + 1]; b++) {
            uint32_t l = r->bloc[b], at = r->lpos[l]++;
            r->psent[at] = (uint32_t)s;
            r->ptf[at] = r->btf[b];
        }
    return GALLEY_OK;
}

int galley_ranker_load(galley_ranker *r, const char *s, size_t len,
                       const galley_tokens *tk, const galley_spans *sents, int lang)
{
    return galley_ranker_load_folded(r, s, len, tk, NULL, sents, lang);
}

int galley_ranker_load_folded(galley_ranker *r, const char *s, size_t len,
                              const galley_tokens *tk, const galley_folds *f,
                              const galley_spans *sents, int lang)
{
    r->text = s;
    r->len = len;
    r->tk = tk;
    r->sents = sents;
    r->plain_lw = 0;
    next_gen(r);
    r->nsent = sents->n < GALLEY_RANK_SENTS ? sents->n : GALLEY_RANK_SENTS;
    r->ntok = tk->n;
    if (r->nsent < sents->n) {
        const galley_span *last = &sents->s[r->nsent - 1];
        r->ntok = (size_t)last->tok + last->ntok;
    }
    size_t nt = r->ntok;
    if (nt > r->tokcap) {
        size_t cap = r->tokcap ? r->tokcap : 1024;
        while (cap < nt)
            cap *= 2;
        if (resize(&r->tword, cap, sizeof *r->tword) || resize(&r->tloc, cap, sizeof *r->tloc) ||
            resize(&r->tstop, cap, 1) || resize(&r->tinit, cap, 1) ||
            resize(&r->tflag, cap, 1) ||
            resize(&r->bloc, cap, sizeof *r->bloc) || resize(&r->btf, cap, sizeof *r->btf) ||
            resize(&r->psent, cap, sizeof *r->psent) || resize(&r->ptf, cap, sizeof *r->ptf))
            return GALLEY_ENOMEM;
        r->tokcap = cap;
    }
    /* words, stop-word languages and the language vote */
    double vote[GALLEY_LANG_N] = {0};
    size_t voted = 0;
    for (size_t i = 0; i < nt; i++) {
        const galley_token *t = &tk->t[i];
        r->tword[i] = GALLEY_TERM_NONE;
        r->tstop[i] = 0;
        r->tinit[i] = 0;
        if (!is_wordish(t->kind))
            continue;
        unsigned stop = 0;
        int rc = f ? lookup_folded(r, f, i, &r->tword[i], &stop)
            : lookup(r, s + t->start, t->end - t->start, 0, &r->tword[i], &stop);
        if (rc == GALLEY_ENOMEM)
            return rc;
        if (rc) {                   /* too long: never a content word */
            r->tstop[i] = 0xff;
            continue;
        }
        r->tstop[i] = (uint8_t)stop;
        if (stop && voted < GALLEY_LANG_GUESS_WORDS) {
            int k = __builtin_popcount(stop);
            for (int l = 0; l < GALLEY_LANG_N; l++)
                if (stop & (1u << l))
                    vote[l] += 1.0 / k;
        }
        voted++;
    }
    if (lang < 0 || lang >= GALLEY_LANG_N) {
        lang = GALLEY_LANG_EN;
        for (int l = 0; l < GALLEY_LANG_N; l++)
            if (vote[l] > vote[lang])
                lang = l;
    }
    r->lang = lang;
    /* first words of sentences */
    for (size_t si = 0; si < r->nsent; si++) {
        const galley_span *sp = &sents->s[si];
        for (size_t i = sp->tok; i < (size_t)sp->tok + sp->ntok && i < nt; i++)
            if (is_wordish(tk->t[i].kind)) {
                r->tinit[i] = 1;
                break;
            }
    }
    /* terms of content words */
    for (size_t i = 0; i < nt; i++) {
        r->tloc[i] = GALLEY_TERM_NONE;
        if (!is_wordish(tk->t[i].kind) || r->tstop[i] == 0xff ||
            (r->tstop[i] >> lang & 1))
            continue;
        uint32_t t;
        int rc = r->tword[i] != GALLEY_TERM_NONE
            ? word_term(r, r->tword[i], lang, &t)
            : transient_term(r, s + tk->t[i].start, tk->t[i].end - tk->t[i].start, lang, &t);
        if (rc)
            return rc;
        if (t == GALLEY_TERM_NONE)
            continue;
        uint32_t l;
        if (local_of(r, t, &l))
            return GALLEY_ENOMEM;
        r->ltf[l]++;
        r->tloc[i] = l;
    }
    return build_bags(r);
}

int galley_ranker_lang(const galley_ranker *r)
{
    return r->lang;
}

size_t galley_ranker_nsent(const galley_ranker *r)
{
    return r->nsent;
}

size_t galley_ranker_sentlen(const galley_ranker *r, size_t i)
{
    return i < r->nsent ? r->slen[i] : 0;
}

void galley_ranker_sentinfo(const galley_ranker *r, size_t i, galley_sentinfo *out)
{
    memset(out, 0, sizeof *out);
    if (i >= r->nsent)
        return;
    const galley_span *sp = &r->sents->s[i];
    out->content = r->slen[i];
    /* "1." "2)" "•" "-" at the start: an item of a list */
    if (sp->ntok >= 2 && r->tk->t[sp->tok].kind == GALLEY_TK_NUMBER) {
        const galley_token *t = &r->tk->t[sp->tok + 1];
        char c = r->text[t->start];
        out->list = t->end - t->start == 1 && (c == '.' || c == ')');
    } else if (sp->ntok >= 1) {
        const galley_token *t = &r->tk->t[sp->tok];
        const char *s = r->text + t->start;
        size_t n = t->end - t->start;
        out->list = (t->kind == GALLEY_TK_PUNCT || t->kind == GALLEY_TK_SYMBOL) &&
                    ((n == 1 && (s[0] == '-' || s[0] == '*')) ||
                     (n == 3 && (memcmp(s, "\xe2\x80\xa2", 3) == 0 ||     /* bullet */
                                 memcmp(s, "\xe2\x80\x93", 3) == 0 ||     /* en dash */
                                 memcmp(s, "\xe2\x80\x94", 3) == 0)));    /* em dash */
    }
    for (size_t j = sp->tok; j < (size_t)sp->tok + sp->ntok && j < r->ntok; j++) {
        const galley_token *t = &r->tk->t[j];
        if (t->kind == GALLEY_TK_PUNCT) {
            const char *s = r->text + t->start;
            size_t n = t->end - t->start;
            if ((n == 1 && s[0] == '"') ||
                (n == 3 && memcmp(s, "\xe2\x80", 2) == 0 &&
                 ((unsigned char)s[2] == 0x9c || (unsigned char)s[2] == 0x9d)) ||
                (n == 2 && (unsigned char)s[0] == 0xc2 &&
                 ((unsigned char)s[1] == 0xab || (unsigned char)s[1] == 0xbb)))
                out->quotes++;
            continue;
        }
        if (!is_wordish(t->kind))
            continue;
        out->words++;
        if (t->kind == GALLEY_TK_NUMBER)
            out->numbers++;
        else if (r->tloc[j] != GALLEY_TERM_NONE && !r->tinit[j] &&
                 (t->flags & (GALLEY_TF_TITLE | GALLEY_TF_UPPER)))
            out->names++;
    }
}

size_t galley_ranker_terms(const galley_ranker *r, uint32_t *out, size_t max)
{
    for (size_t l = 0; l < r->nloc && l < max; l++)
        out[l] = r->lterm[l];
    return r->nloc;
}

/* ------------------------------------------------------------------ */
/* Sentence similarity                                                 */
/* ------------------------------------------------------------------ */

/* Term weights into r->lw and tf-idf norms of sentences into r->norm.
** Those without idf are kept for the document (the summary asks for
** them twice: for the sentence graph and for the title). */
static void weigh(galley_ranker *r, const galley_idf *idf)
{
    if (!idf && r->plain_lw)
        return;
    r->plain_lw = !idf;
    double n = (double)r->nsent;
    for (size_t l = 0; l < r->nloc; l++)
        r->lw[l] = idf ? galley_idf_get(idf, r->lterm[l])
                       : log(1.0 + n / (r->lsf[l] ? r->lsf[l] : 1));
    for (size_t s = 0; s < r->nsent; s++) {
        double sum = 0;
        for (size_t b = r->boff[s]; b < r->boff[s + 1]; b++) {
            double v = r->btf[b] * r->lw[r->bloc[b]];
            sum += v * v;
        }
        r->norm[s] = sqrt(sum);
    }
}

int galley_ranker_similarity(galley_ranker *r, int kind, const galley_idf *idf,
                             double *sim)
{
    size_t n = r->nsent;
    if (kind < GALLEY_SIM_COSINE || kind > GALLEY_SIM_BM25)
        return GALLEY_EINVAL;
    memset(sim, 0, n * n * sizeof *sim);
    weigh(r, idf);
    double avg = 0;
    for (size_t s = 0; s < n; s++)
        avg += r->slen[s];
    avg = n ? avg / n : 0;
    const double k1 = 1.2, b = 0.75;
    for (size_t l = 0; l < r->nloc; l++) {
        uint32_t p0 = r->poff[l], p1 = r->poff[l + 1];
        if (p1 - p0 < 2)
            continue;
        double w = r->lw[l];
        for (uint32_t a = p0; a < p1; a++) {
            size_t sa = r->psent[a];
            for (uint32_t c = a + 1; c < p1; c++) {
                size_t sc = r->psent[c];
                if (kind == GALLEY_SIM_COSINE) {
                    double v = (double)r->ptf[a] * r->ptf[c] * w * w;
                    sim[sa * n + sc] += v;
                    sim[sc * n + sa] += v;
                } else if (kind == GALLEY_SIM_OVERLAP) {
                    sim[sa * n + sc] += 1;
                    sim[sc * n + sa] += 1;
                } else {
                    double ta = r->ptf[a], tc = r->ptf[c];
                    double na = k1 * (1 - b + b * r->slen[sa] / avg);
                    double nc = k1 * (1 - b + b * r->slen[sc] / avg);
                    sim[sa * n + sc] += w * ta * tc * (k1 + 1) / (tc + nc);
                    sim[sc * n + sa] += w * tc * ta * (k1 + 1) / (ta + na);
                }
            }
        }
    }
    if (kind == GALLEY_SIM_COSINE) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (sim[i * n + j] != 0)
                    sim[i * n + j] /= r->norm[i] * r->norm[j];
    } else if (kind == GALLEY_SIM_OVERLAP) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (sim[i * n + j] != 0)
                    sim[i * n + j] /= log(1.0 + r->slen[i]) + log(1.0 + r->slen[j]);
    }
    return GALLEY_OK;
}

int galley_ranker_query(galley_ranker *r, const char *q, size_t qn,
                        const galley_idf *idf, double *out)
{
    size_t n = r->nsent;
    for (size_t s = 0; s < n; s++)
        out[s] = 0;
    r->qtk.n = 0;
    if (galley_token_split(q, qn, &r->qtk))
        return GALLEY_ENOMEM;
    weigh(r, idf);
    /* the query's tf per local term in r->lpos (free after build_bags),
       touched terms listed in r->llast */
    size_t touched = 0;
    double qnorm = 0, unseen = idf ? 0 : log(1.0 + (double)n);
    for (size_t i = 0; i < r->qtk.n; i++) {
        const galley_token *t = &r->qtk.t[i];
        if (!is_wordish(t->kind))
            continue;
        uint32_t id, term;
        unsigned stop;
        int rc = lookup(r, q + t->start, t->end - t->start, 0, &id, &stop);
        if (rc == GALLEY_ENOMEM)
            return rc;
        if (rc || (stop >> r->lang & 1))
            continue;
        rc = id != GALLEY_TERM_NONE ? word_term(r, id, r->lang, &term)
                                    : transient_term(r, q + t->start, t->end - t->start,
                                                     r->lang, &term);
        if (rc)
            return rc;
        int in_doc = term != GALLEY_TERM_NONE && term < r->stampcap &&
                     r->stamp[term] == r->gen;
        if (!in_doc) {
            double w = idf && term != GALLEY_TERM_NONE ? galley_idf_get(idf, term) : unseen;
            qnorm += w * w;
            continue;
        }
        uint32_t l = r->lid[term];
        size_t k = 0;
        while (k < touched && r->llast[k] != l)
            k++;
        if (k == touched) {
            r->llast[touched++] = l;
            r->lpos[l] = 0;
        }
        r->lpos[l]++;
    }
    for (size_t k = 0; k < touched; k++) {
        uint32_t l = r->llast[k];
        double w = r->lw[l], qt = r->lpos[l] * w;
        qnorm += qt * qt;
        for (uint32_t p = r->poff[l]; p < r->poff[l + 1]; p++)
            out[r->psent[p]] += qt * r->ptf[p] * w;
    }
    qnorm = sqrt(qnorm);
    for (size_t s = 0; s < n; s++)
        if (out[s] != 0)
            out[s] /= qnorm * r->norm[s];
    /* llast held query terms: make it mean "last sentence" again */
    for (size_t l = 0; l < r->nloc; l++)
        r->llast[l] = GALLEY_TERM_NONE;
    return GALLEY_OK;
}

/* ------------------------------------------------------------------ */
/* PageRank and MMR                                                    */
/* ------------------------------------------------------------------ */

/* Normalized prior into 'p' (uniform when 'prior' is NULL or sums to 0). */
static void make_prior(const double *prior, size_t n, double *p)
{
    double sum = 0;
    if (prior)
        for (size_t i = 0; i < n; i++)
            sum += prior[i] > 0 ? prior[i] : 0;
    for (size_t i = 0; i < n; i++)
        p[i] = sum > 0 ? (prior[i] > 0 ? prior[i] / sum : 0) : 1.0 / n;
}

/* One PageRank update: out = (1 - d) p + d (y + dangling p), where 'y'
** holds the mass passed along edges; returns the L1 change. */
static double damp(double *out, const double *y, const double *p, size_t n,
                   double d, double dangling)
{
    double change = 0;
    for (size_t j = 0; j < n; j++) {
        double v = (1 - d) * p[j] + d * (y[j] + dangling * p[j]);
        change += fabs(v - out[j]);
        out[j] = v;
    }
    return change;
}

/* The power iteration of both PageRanks over the edges of rows 'off' /
** 'col': an edge's weight is dense[i * n + j] of a dense matrix, else
** wt[e], else 1. 'p' is the prior, 'out_w' the out-weight of each row, 'y'
** scratch of n doubles. Returns the rounds made. */
static int walk(const uint32_t *off, const uint32_t *col, const double *wt,
                const double *dense, size_t n, const double *p, double d, double tol,
                int maxiter, double *out, double *y, const double *out_w)
{
    int it = 0;
    while (it < maxiter) {
        it++;
        double dangling = 0;
        for (size_t j = 0; j < n; j++)
            y[j] = 0;
        for (size_t i = 0; i < n; i++) {
            if (out_w[i] <= 0) {
                dangling += out[i];
                continue;
            }
            double c = out[i] / out_w[i];
            const double *row = dense ? dense + i * n : NULL;
            for (uint32_t e = off[i]; e < off[i + 1]; e++)
                y[col[e]] += c * (row ? row[col[e]] : wt ? wt[e] : 1);
        }
        if (damp(out, y, p, n, d, dangling) < tol)
            break;
    }
    return it;
}

/* Dense PageRank with 'work' of 3 n doubles and 'cols' of n + 1 + n * n
** ids (see galley_pagerank). The weights that add nothing (0, and those
** under 0, which count as 0) are left out of the walk: each row keeps the
** list of its other columns, so a sparse graph (a sentence shares words
** with few others) costs its edges, not n * n; the sums are the same. */
static int pagerank_ws(const double *w, size_t n, const double *prior, double d,
                       double tol, int maxiter, double *out, double *work, uint32_t *cols)
{
    double *p = work, *y = p + n, *out_w = y + n;
    uint32_t *off = cols, *col = cols + n + 1;
    int neg = 0;                    /* negative weights count as 0 */
    make_prior(prior, n, p);
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < n; j++) {
            double v = w[i * n + j];
            neg |= v < 0;
            s += v > 0 ? v : 0;
        }
        out_w[i] = s;
        out[i] = p[i];
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        off[i] = (uint32_t)m;
        for (size_t j = 0; j < n; j++) {
            double v = w[i * n + j];
            if (neg ? v > 0 : v != 0)   /* NaN stays, as it would spread */
                col[m++] = (uint32_t)j;
        }
    }
    off[n] = (uint32_t)m;
    return walk(off, col, NULL, w, n, p, d, tol, maxiter, out, y, out_w);
}

int galley_pagerank(const double *w, size_t n, const double *prior, double d,
                    double tol, int maxiter, double *out)
{
    if (d < 0 || d >= 1 || maxiter < 1)
        return GALLEY_EINVAL;
    if (n == 0)
        return 0;
    if (n >= UINT32_MAX / n || n > SIZE_MAX / sizeof(uint32_t) / (n + 2))
        return GALLEY_ENOMEM;
    double *work = malloc(3 * n * sizeof *work);
    uint32_t *cols = malloc((n + 1 + n * n) * sizeof *cols);
    if (!work || !cols) {
        free(work);
        free(cols);
        return GALLEY_ENOMEM;
    }
    int it = pagerank_ws(w, n, prior, d, tol, maxiter, out, work, cols);
    free(work);
    free(cols);
    return it;
}

/* Sparse PageRank with 'work' of 3 n doubles (see galley_pagerank_csr);
** when 'started', 'out' holds the first guess. */
static int pagerank_csr_ws(const uint32_t *off, const uint32_t *col, const double *wt,
                           size_t n, const double *prior, double d, double tol,
                           int maxiter, double *out, double *work, int started)
{
    double *p = work, *y = p + n, *out_w = y + n;
    make_prior(prior, n, p);
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        if (wt)
            for (uint32_t e = off[i]; e < off[i + 1]; e++)
                s += wt[e];
        else
            s = off[i + 1] - off[i];
        out_w[i] = s;
        if (!started)
            out[i] = p[i];
    }
    return walk(off, col, wt, NULL, n, p, d, tol, maxiter, out, y, out_w);
}

/* PageRank of an undirected, unweighted graph (each edge in both rows,
** every row sorted) from the first guess in 'out', uniform prior, with
** 'work' of 3 n doubles. Each node gathers the shares of its neighbours
** instead of each node scattering its own: the same additions in the same
** order as pagerank_csr_ws (a node's mass arrives from its neighbours in
** increasing order there too), so the same result, with no writes to
** scattered places. */
static int pagerank_sym(const uint32_t *off, const uint32_t *col, size_t n, double d,
                        double tol, int maxiter, double *out, double *work)
{
    double *share = work, *deg = work + n;     /* degrees as doubles, made once */
    double p = 1.0 / n, rest = (1 - d) * p;     /* the uniform prior of make_prior */
    for (size_t i = 0; i < n; i++)
        deg[i] = off[i + 1] - off[i];
    int it = 0;
    while (it < maxiter) {
        it++;
        double dangling = 0;
        for (size_t i = 0; i < n; i++) {
            if (deg[i] == 0)
                dangling += out[i];
            else
                share[i] = out[i] / deg[i];
        }
        /* damp() with the prior's one value */
        double change = 0;
        for (size_t j = 0; j < n; j++) {
            /* two neighbours a step, still added one by one in order: the
               same sum, with half the loop tests */
            uint32_t e = off[j], end = off[j + 1];
            double y = 0;
            for (; e + 1 < end; e += 2) {
                y += share[col[e]];
                y += share[col[e + 1]];
            }
            if (e < end)
                y += share[col[e]];
            double v = rest + d * (y + dangling * p);
            change += fabs(v - out[j]);
            out[j] = v;
        }
        if (change < tol)
            break;
    }
    return it;
}

int galley_pagerank_csr(const uint32_t *off, const uint32_t *col, const double *wt,
                        size_t n, const double *prior, double d, double tol,
                        int maxiter, double *out)
{
    if (d < 0 || d >= 1 || maxiter < 1)
        return GALLEY_EINVAL;
    if (n == 0)
        return 0;
    double *work = malloc(3 * n * sizeof *work);
    if (!work)
        return GALLEY_ENOMEM;
    int it = pagerank_csr_ws(off, col, wt, n, prior, d, tol, maxiter, out, work, 0);
    free(work);
    return it;
}

size_t galley_mmr(const double *sim, size_t n, const double *score, size_t k,
                  double lambda, double maxsim, size_t *pick)
{
    double top = 0;
    for (size_t i = 0; i < n; i++)
        if (score[i] > top)
            top = score[i];
    if (top <= 0)
        return 0;
    size_t np = 0;
    while (np < k) {
        size_t best = n;
        double bv = 0;
        for (size_t i = 0; i < n; i++) {
            if (score[i] <= 0)
                continue;
            double red = 0;
            int taken = 0;
            for (size_t q = 0; q < np; q++) {
                if (pick[q] == i) {
                    taken = 1;
                    break;
                }
                double s = sim[i * n + pick[q]];
                if (s > red)
                    red = s;
            }
            if (taken || red > maxsim)
                continue;
            double v = lambda * score[i] / top - (1 - lambda) * red;
            if (best == n || v > bv) {
                best = i;
                bv = v;
            }
        }
        if (best == n)
            break;
        pick[np++] = best;
    }
    return np;
}

/* ------------------------------------------------------------------ */
/* Keyphrases                                                          */
/* ------------------------------------------------------------------ */

/* The extra stop words of 'o' as bits over their span of word ids, in
** r->stopbits: mark_tokens tests every token, and a bit costs less than a
** search of the sorted list. The span is small (the words of a list get
** their ids together). */
static int stop_bits(galley_ranker *r, const galley_kp_opts *o)
{
    r->stopfirst = r->stopspan = 0;
    if (!o->nstop)
        return GALLEY_OK;
    uint32_t first = o->stop[0];
    size_t span = (size_t)(o->stop[o->nstop - 1] - first) + 1, nw = (span + 63) / 64;
    if (reserve(&r->stopbits, &r->stopbitscap, nw, sizeof *r->stopbits))
        return GALLEY_ENOMEM;
    memset(r->stopbits, 0, nw * sizeof *r->stopbits);
    for (size_t k = 0; k < o->nstop; k++) {
        uint32_t b = o->stop[k] - first;
        r->stopbits[b >> 6] |= 1ull << (b & 63);
    }
    r->stopfirst = first;
    r->stopspan = span;
    return GALLEY_OK;
}

/* Whether word 'w' is an extra stop word (stop_bits). */
static int extra_stop(const galley_ranker *r, uint32_t w)
{
    uint32_t b = w - r->stopfirst;      /* ids below the span wrap around, past it */
    return b < r->stopspan && (r->stopbits[b >> 6] >> (b & 63) & 1);
}

/* Case classes of tokens in a run. */
enum { C_NEUTRAL = 0, C_CAP, C_LOW };

static int case_class(const galley_ranker *r, size_t i)
{
    const galley_token *t = &r->tk->t[i];
    if (r->tinit[i] || t->kind == GALLEY_TK_NUMBER)
        return C_NEUTRAL;
    return t->flags & (GALLEY_TF_TITLE | GALLEY_TF_UPPER) ? C_CAP : C_LOW;
}

/* Whether the lower-case English token 'i' ends with 'suf' and is at
** least 'min' bytes long, and is none of the words of 'except'. */
static int english_suffix(const galley_ranker *r, size_t i, const char *suf, size_t min,
                          const char *const *except)
{
    const galley_token *t = &r->tk->t[i];
    size_t n = t->end - t->start;
    const char *s = r->text + t->start;
    if (r->lang != GALLEY_LANG_EN || n < min || t->kind != GALLEY_TK_WORD ||
        (t->flags & (GALLEY_TF_TITLE | GALLEY_TF_UPPER)))
        return 0;
    /* byte loops, not strlen and memcmp: this runs for every word */
    size_t k = 0;
    while (suf[k])
        k++;
    for (size_t j = 0; j < k; j++)
        if (s[n - k + j] != suf[j])
            return 0;
    for (; *except; except++)
        if ((*except)[0] == s[0] && strlen(*except) == n && memcmp(*except, s, n) == 0)
            return 0;
    return 1;
}

/* The last byte of token 'i' (tokens are never empty). */
static char last_byte(const galley_ranker *r, size_t i)
{
    return r->text[r->tk->t[i].end - 1];
}

/* An adverb: "reportedly", "initially" (never a phrase word). */
static int adverb(const galley_ranker *r, size_t i)
{
    static const char *const except[] = {
        "family", "assembly", "supply", "rally", "reply", "anomaly", "monopoly",
        "belly", "jelly", "bully", "ally", "homily", "butterfly", NULL
    };
    if (last_byte(r, i) != 'y')     /* the usual answer, without a call */
        return 0;
    return english_suffix(r, i, "ly", 5, except);
}

/* A past tense or participle: "voted", "sparked" (ends a phrase). */
static int is_past(const galley_ranker *r, size_t i)
{
    static const char *const except[] = {
        "hundred", "kindred", "sacred", "naked", "wicked", "rugged", "ragged", "beloved",
        "crooked", "wretched", "seabed", "riverbed", "hatred", "shred", NULL
    };
    const galley_token *t = &r->tk->t[i];
    const char *e = r->text + t->end;
    if (last_byte(r, i) != 'd' || t->end - t->start < 5)
        return 0;                               /* the usual answer, without a call */
    if (e[-3] == 'e' && e[-2] == 'e')
        return 0;                               /* need, speed, seed */
    return english_suffix(r, i, "ed", 5, except);
}

/* Whether token 'i' is a phrase word under the options. */
static int is_phrase_word(const galley_ranker *r, size_t i)
{
    if (r->tloc[i] == GALLEY_TERM_NONE || adverb(r, i))
        return 0;
    if (r->tword[i] != GALLEY_TERM_NONE && extra_stop(r, r->tword[i]))
        return 0;
    return 1;
}

/* Token marks for keyphrases, computed once a call (r->tflag). */
enum { M_WORD = 1, M_PAST = 2, M_CAP = 4, M_LOW = 8 };

static int mark_tokens(galley_ranker *r, const galley_kp_opts *o)
{
    if (stop_bits(r, o))
        return GALLEY_ENOMEM;
    for (size_t i = 0; i < r->ntok; i++) {
        uint8_t m = 0;
        if (is_phrase_word(r, i)) {
            m = M_WORD;
            int c = case_class(r, i);
            m |= c == C_CAP ? M_CAP : c == C_LOW ? M_LOW : 0;
            if ((m & M_LOW) && is_past(r, i))
                m |= M_PAST;
        }
        r->tflag[i] = m;
    }
    return GALLEY_OK;
}

static int phrase_word(const galley_ranker *r, size_t i)
{
    return r->tflag[i] & M_WORD;
}

static int past(const galley_ranker *r, size_t i)
{
    return r->tflag[i] & M_PAST;
}

/* The case class of phrase word 'i'. */
static int word_class(const galley_ranker *r, size_t i)
{
    return r->tflag[i] & M_CAP ? C_CAP : r->tflag[i] & M_LOW ? C_LOW : C_NEUTRAL;
}

/* The case class token 'i' gives its run when it is a connector between
** two phrase words, else C_NEUTRAL: capitalized words ("Bank of England"),
** or lower-case ones in Romance languages ("plan de agua"). */
static int connects(const galley_ranker *r, size_t i, size_t end)
{
    uint32_t w = r->tword[i];
    if (w == GALLEY_TERM_NONE || !r->words[w].connector || i == 0 || i + 1 >= end ||
        !phrase_word(r, i - 1) || !phrase_word(r, i + 1))
        return C_NEUTRAL;
    int a = word_class(r, i - 1), b = word_class(r, i + 1);
    if (a == C_CAP && b == C_CAP)
        return C_CAP;
    if (a == C_LOW && b == C_LOW && r->lang != GALLEY_LANG_EN && r->lang != GALLEY_LANG_DE)
        return C_LOW;
    return C_NEUTRAL;
}

/* Count one occurrence of tokens a..b-1 as a candidate. */
static int add_cand(galley_ranker *r, size_t a, size_t b)
{
    /* trim connectors and numbers at the ends: "voted 7", "48.5 million" */
    while (a < b && (r->tloc[a] == GALLEY_TERM_NONE || r->tk->t[a].kind == GALLEY_TK_NUMBER))
        a++;
    while (b > a && (r->tloc[b - 1] == GALLEY_TERM_NONE ||
                     r->tk->t[b - 1].kind == GALLEY_TK_NUMBER || past(r, b - 1)))
        b--;
    if (a >= b)
        return GALLEY_OK;
    size_t kl = b - a;
    if (reserve(&r->kpool, &r->capkpool, r->nkpool + kl, sizeof *r->kpool))
        return GALLEY_ENOMEM;
    uint32_t *key = r->kpool + r->nkpool;
    for (size_t i = a; i < b; i++)
        key[i - a] = r->tloc[i] != GALLEY_TERM_NONE ? r->tloc[i] : CONNECTOR | r->tword[i];
    uint32_t h = hash_ids(key, kl);
    size_t mask = r->ctab.cap - 1;
    size_t i = h & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t s = r->ctab.slot[i];
        if (!s)
            break;
        cand *c = &r->cands[s - 1];
        if (c->hash == h && c->klen == kl &&
            memcmp(r->kpool + c->key, key, kl * sizeof *key) == 0) {
            c->count++;
            if (c->shown_initial && !r->tinit[a]) {
                c->tok = (uint32_t)a;
                c->ntok = (uint32_t)kl;
                c->shown_initial = 0;
            }
            return GALLEY_OK;
        }
    }
    if (reserve(&r->cands, &r->capcands, r->ncands + 1, sizeof *r->cands))
        return GALLEY_ENOMEM;
    cand *c = &r->cands[r->ncands];
    c->key = (uint32_t)r->nkpool;
    c->klen = (uint32_t)kl;
    c->hash = h;
    c->tok = (uint32_t)a;
    c->ntok = (uint32_t)kl;
    c->count = 1;
    c->shown_initial = r->tinit[a];
    c->score = 0;
    r->nkpool += kl;
    r->ctab.slot[i] = (uint32_t)++r->ncands;
    if (r->ncands * 2 > r->ctab.cap) {
        if (table_grow(&r->ctab, r->ncands, r->cands, sizeof *r->cands, offsetof(cand, hash)))
            return GALLEY_ENOMEM;
        r->ctabsize = r->ctab.cap;
    }
    return GALLEY_OK;
}

/* Candidates from the run of tokens a..b-1 (one case class). */
static int run_cands(galley_ranker *r, const galley_kp_opts *o, size_t a, size_t b)
{
    size_t m = (size_t)o->max_words;
    if (o->method == GALLEY_KP_YAKE) {          /* every n-gram up to m words */
        for (size_t i = a; i < b; i++)
            for (size_t j = i + 1; j <= b && j - i <= m; j++) {
                if (r->tloc[i] == GALLEY_TERM_NONE || r->tloc[j - 1] == GALLEY_TERM_NONE)
                    continue;
                if (add_cand(r, i, j))
                    return GALLEY_ENOMEM;
            }
        return GALLEY_OK;
    }
    for (size_t i = a; i < b; i += m)           /* the run, in pieces of m words */
        if (add_cand(r, i, i + m < b ? i + m : b))
            return GALLEY_ENOMEM;
    return GALLEY_OK;
}

/* Split the document into runs of phrase words and make the candidates. */
static int make_cands(galley_ranker *r, const galley_kp_opts *o)
{
    r->ncands = 0;
    r->nkpool = 0;
    size_t want = 64;                   /* at most half full: candidates <= tokens */
    while (want < r->ntok * 2)
        want *= 2;
    /* a table sized for this document: clearing all that the longest
       document needed would cost more than the lookups */
    if (r->ctabsize < want) {
        free(r->ctab.slot);
        r->ctab.slot = NULL;
        r->ctabsize = 0;
        if (table_init(&r->ctab, want))
            return GALLEY_ENOMEM;
        r->ctabsize = want;
    } else {
        r->ctab.cap = want;
        memset(r->ctab.slot, 0, want * sizeof *r->ctab.slot);
    }
    for (size_t s = 0; s < r->nsent; s++) {
        const galley_span *sp = &r->sents->s[s];
        size_t end = (size_t)sp->tok + sp->ntok;
        size_t a = sp->tok;
        int cls = C_NEUTRAL;
        for (size_t i = sp->tok; i <= end; i++) {
            int in = 0, c = C_NEUTRAL;
            if (i < end) {
                if (phrase_word(r, i)) {
                    in = 1;
                    c = word_class(r, i);
                    /* "council voted", "announcement sparked": a verb after a
                       noun ends the run and is left out */
                    if (i > a && past(r, i) && word_class(r, i - 1) == C_LOW)
                        in = 0;
                } else if (i > a && (c = connects(r, i, end)) != C_NEUTRAL) {
                    in = 1;
                }
            }
            if (in && (c == C_NEUTRAL || cls == C_NEUTRAL || c == cls)) {
                if (c != C_NEUTRAL)
                    cls = c;
                continue;
            }
            if (i > a && run_cands(r, o, a, i))
                return GALLEY_ENOMEM;
            a = in ? i : i + 1;
            cls = in ? c : C_NEUTRAL;
        }
    }
    return GALLEY_OK;
}

/* Room for 'nd' doubles in r->work, 'nu' uint32s in r->iwork. */
static int scratch(galley_ranker *r, size_t nd, size_t nu)
{
    if (reserve(&r->work, &r->workcap, nd, sizeof *r->work) ||
        reserve(&r->iwork, &r->iworkcap, nu, sizeof *r->iwork))
        return GALLEY_ENOMEM;
    return GALLEY_OK;
}

/* Sort the 'n' ids of 'a' (rows of a few dozen at most: insertion). */
static void sort_ids(uint32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > x; j--)
            a[j] = a[j - 1];
        a[j] = x;
    }
}

/* Word scores by TextRank: PageRank over co-occurrence of phrase words
** within 'window' positions of each other in a sentence. */
static int textrank_words(galley_ranker *r, const galley_kp_opts *o, double *ws)
{
    size_t n = r->nloc, W = (size_t)(o->window > 1 ? o->window : 2);
    /* iwork: seq (ntok) | off (n + 1) | col; pairs counted first */
    size_t pairs = 0;
    for (size_t s = 0; s < r->nsent; s++) {
        const galley_span *sp = &r->sents->s[s];
        size_t m = 0;
        for (size_t i = sp->tok; i < (size_t)sp->tok + sp->ntok; i++)
            m += phrase_word(r, i) != 0;
        for (size_t i = 0; i < m; i++)
            pairs += (m - 1 - i < W - 1 ? m - 1 - i : W - 1);
    }
    if (scratch(r, 3 * n, r->ntok + n + 1 + 2 * pairs + 1))
        return GALLEY_ENOMEM;
    uint32_t *seq = r->iwork, *off = seq + r->ntok, *col = off + n + 1;
    memset(off, 0, (n + 1) * sizeof *off);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t s = 0; s < r->nsent; s++) {
            const galley_span *sp = &r->sents->s[s];
            size_t m = 0;
            for (size_t i = sp->tok; i < (size_t)sp->tok + sp->ntok; i++)
                if (phrase_word(r, i))
                    seq[m++] = r->tloc[i];
            for (size_t i = 0; i < m; i++)
                for (size_t j = i + 1; j < m && j - i < W; j++) {
                    uint32_t a = seq[i], b = seq[j];
                    if (a == b)
                        continue;
                    if (pass == 0) {
                        off[a + 1]++;
                        off[b + 1]++;
                    } else {
                        col[off[a]++] = b;
                        col[off[b]++] = a;
                    }
                }
        }
        if (pass == 0) {
            for (size_t i = 0; i < n; i++)
                off[i + 1] += off[i];
        } else {            /* 'off' moved one row up while filling: shift back */
            for (size_t i = n; i > 0; i--)
                off[i] = off[i - 1];
            off[0] = 0;
        }
    }
    for (size_t i = 0; i < n; i++)      /* rows in order, as pagerank_sym needs */
        sort_ids(col + off[i], off[i + 1] - off[i]);
    /* word ranks need no precision past the third digit; the walk on an
       undirected graph settles near degree / total degree, a close start */
    double d = 0.85, total = off[n];
    for (size_t i = 0; i < n; i++)
        ws[i] = (1 - d) / n + (total > 0 ? d * (off[i + 1] - off[i]) / total : d / n);
    pagerank_sym(off, col, n, d, 1e-3, 20, ws, r->work);
    return GALLEY_OK;
}

/* Word scores in the manner of YAKE (lower is better there; here 1 / S so
** that higher is better): casing, position, frequency, relatedness to
** context and spread over sentences. */
static int yake_words(galley_ranker *r, const galley_kp_opts *o, double *ws)
{
    size_t n = r->nloc;
    size_t cap = 64;
    while (cap < r->ntok * 4)
        cap *= 2;
    if (scratch(r, n * 6, 0) || reserve(&r->set, &r->setcap, cap, sizeof *r->set))
        return GALLEY_ENOMEM;
    double *f = r->work;
    memset(f, 0, n * 6 * sizeof *f);
    uint64_t *set = r->set;
    memset(set, 0, cap * sizeof *set);
    double *tf = f, *tcase = f + n, *left = f + 2 * n, *right = f + 3 * n,
           *pos = f + 4 * n, *seen = f + 5 * n;
    /* counts, and distinct neighbours: pairs (term, side, neighbour word) in a set */
    for (size_t s = 0; s < r->nsent; s++) {
        const galley_span *sp = &r->sents->s[s];
        size_t end = (size_t)sp->tok + sp->ntok;
        for (size_t i = sp->tok; i < end; i++) {
            if (!phrase_word(r, i))
                continue;
            uint32_t l = r->tloc[i];
            tf[l]++;
            if (word_class(r, i) == C_CAP)
                tcase[l]++;
            for (int side = 0; side < 2; side++) {
                size_t j = side ? i + 1 : i - 1;
                if ((side == 0 && i == sp->tok) || (side == 1 && j >= end))
                    continue;
                uint32_t nb = r->tword[j];
                if (!is_wordish(r->tk->t[j].kind) || nb == GALLEY_TERM_NONE)
                    continue;
                uint64_t key = (((uint64_t)l << 33) | ((uint64_t)side << 32) | nb) + 1;
                size_t h = (size_t)(key * 0x9e3779b97f4a7c15ull >> 20) & (cap - 1);
                while (set[h] && set[h] != key)
                    h = (h + 1) & (cap - 1);
                if (!set[h]) {
                    set[h] = key;
                    (side ? right : left)[l]++;
                }
            }
        }
    }
    /* median sentence of each term: its occurrences come in sentence
       order, so a second pass stops at the middle one */
    for (size_t l = 0; l < n; l++)
        pos[l] = -1;
    for (size_t s = 0; s < r->nsent; s++) {
        const galley_span *sp = &r->sents->s[s];
        for (size_t i = sp->tok; i < (size_t)sp->tok + sp->ntok; i++) {
            if (!phrase_word(r, i))
                continue;
            uint32_t l = r->tloc[i];
            seen[l]++;
            if (pos[l] < 0 && seen[l] >= (tf[l] + 1) / 2)
                pos[l] = (double)s;
        }
    }
    double mean = 0, sd = 0, maxtf = 0;
    size_t m = 0;
    for (size_t l = 0; l < n; l++)
        if (tf[l] > 0) {
            mean += tf[l];
            m++;
            if (tf[l] > maxtf)
                maxtf = tf[l];
        }
    mean = m ? mean / m : 0;
    for (size_t l = 0; l < n; l++)
        if (tf[l] > 0)
            sd += (tf[l] - mean) * (tf[l] - mean);
    sd = m ? sqrt(sd / m) : 0;
    double ns = r->nsent ? (double)r->nsent : 1;
    for (size_t l = 0; l < n; l++) {
        if (tf[l] <= 0) {
            ws[l] = 0;
            continue;
        }
        double wcase = tcase[l] / (1 + log(tf[l]));
        double wpos = log(log(3 + (pos[l] < 0 ? 0 : pos[l])));
        double wfreq = tf[l] / (mean + sd);
        double wrel = 1 + (left[l] / tf[l] + right[l] / tf[l]) * tf[l] / maxtf;
        double wdif = r->lsf[l] / ns;
        double S = wpos * wrel / (wcase + wfreq / wrel + wdif / wrel);
        if (o->idf)
            S /= galley_idf_get(o->idf, r->lterm[l]);
        ws[l] = S;
    }
    return GALLEY_OK;
}

static int by_score(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->tok < y->tok ? -1 : x->tok > y->tok;
}

/* Whether phrase 'a' (na key ids) repeats phrase 'b': more than half of
** the words of the shorter one are words of the other ("ferry service" in
** "municipal ferry service"; "State Marco Rubio" after "Secretary of State
** Marco"), or they are the same words. */
static int repeats(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t wa = 0, wb = 0, shared = 0;
    for (size_t i = 0; i < na; i++) {
        if (a[i] & CONNECTOR)
            continue;
        wa++;
        for (size_t j = 0; j < nb; j++)
            if (b[j] == a[i]) {
                shared++;
                break;
            }
    }
    for (size_t j = 0; j < nb; j++)
        wb += !(b[j] & CONNECTOR);
    size_t least = wa < wb ? wa : wb;
    return shared * 2 > least || shared == least;
}

int galley_ranker_phrases(galley_ranker *r, const galley_kp_opts *o,
                          galley_phrase *out, size_t max, size_t *nout)
{
    *nout = 0;
    if (o->method < GALLEY_KP_TEXTRANK || o->method > GALLEY_KP_TFIDF ||
        o->max_words < 1 || o->max_words > GALLEY_RANK_PHRASE_WORDS)
        return GALLEY_EINVAL;
    if (r->nloc == 0 || max == 0)
        return GALLEY_OK;
    if (mark_tokens(r, o) || make_cands(r, o) ||
        reserve(&r->wscore, &r->wscorecap, r->nloc, sizeof *r->wscore))
        return GALLEY_ENOMEM;
    double *ws = r->wscore;
    int rc = GALLEY_OK;
    if (o->method == GALLEY_KP_TEXTRANK)
        rc = textrank_words(r, o, ws);
    else if (o->method == GALLEY_KP_YAKE)
        rc = yake_words(r, o, ws);
    else
        for (size_t l = 0; l < r->nloc; l++)
            ws[l] = r->ltf[l];
    if (rc)
        return rc;
    if (o->idf && o->method == GALLEY_KP_TEXTRANK)
        for (size_t l = 0; l < r->nloc; l++)
            ws[l] *= galley_idf_get(o->idf, r->lterm[l]);
    else if (o->idf && o->method == GALLEY_KP_TFIDF)
        for (size_t l = 0; l < r->nloc; l++)
            ws[l] *= galley_idf_get(o->idf, r->lterm[l]);
    for (size_t c = 0; c < r->ncands; c++) {
        cand *cd = &r->cands[c];
        const uint32_t *key = r->kpool + cd->key;
        if (o->method == GALLEY_KP_YAKE) {
            double prod = 1, sum = 0;
            for (uint32_t k = 0; k < cd->klen; k++)
                if (!(key[k] & CONNECTOR)) {
                    prod *= ws[key[k]];
                    sum += ws[key[k]];
                }
            double S = prod / (cd->count * (1 + sum));
            cd->score = S > 0 ? 1 / S : 0;
        } else {
            double sum = 0;
            for (uint32_t k = 0; k < cd->klen; k++)
                if (!(key[k] & CONNECTOR))
                    sum += ws[key[k]];
            cd->score = sum;
        }
    }
    /* the best first, by selection: few are taken and no sort allocates */
    size_t n = 0;
    double best = 0;
    for (size_t c = 0; c < r->ncands && n < max; c++) {
        size_t top = c;
        for (size_t j = c + 1; j < r->ncands; j++)
            if (r->cands[j].score >= r->cands[top].score &&
                by_score(&r->cands[j], &r->cands[top]) < 0)
                top = j;
        if (top != c) {
            cand t = r->cands[c];
            r->cands[c] = r->cands[top];
            r->cands[top] = t;
        }
        const cand *cd = &r->cands[c];
        if (cd->score <= 0)
            break;
        if (c == 0)
            best = cd->score;
        const uint32_t *key = r->kpool + cd->key;
        int dup = 0;
        for (size_t q = 0; q < n && !dup; q++) {
            /* out[q].count holds the candidate index while choosing */
            const cand *pk = &r->cands[out[q].count];
            const uint32_t *pkey = r->kpool + pk->key;
            dup = repeats(key, cd->klen, pkey, pk->klen);
        }
        if (dup)
            continue;
        out[n].tok = cd->tok;
        out[n].ntok = cd->ntok;
        out[n].count = (uint32_t)c;
        out[n].score = cd->score / best;
        n++;
    }
    for (size_t q = 0; q < n; q++)
        out[q].count = r->cands[out[q].count].count;
    *nout = n;
    return GALLEY_OK;
}

/* ------------------------------------------------------------------ */
/* Corpus frequencies                                                  */
/* ------------------------------------------------------------------ */

struct galley_idf {
    uint64_t docs;
    uint32_t *df;
    size_t n;
};

int galley_idf_new(galley_idf **out, uint64_t docs)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return GALLEY_ENOMEM;
    (*out)->docs = docs;
    return GALLEY_OK;
}

void galley_idf_free(galley_idf *f)
{
    if (!f)
        return;
    free(f->df);
    free(f);
}

int galley_idf_set(galley_idf *f, uint32_t term, uint64_t df)
{
    if (term == GALLEY_TERM_NONE)
        return GALLEY_EINVAL;
    if (term >= f->n) {
        size_t n = f->n ? f->n : 1024;
        while (n <= term)
            n *= 2;
        if (resize(&f->df, n, sizeof *f->df))
            return GALLEY_ENOMEM;
        memset(f->df + f->n, 0, (n - f->n) * sizeof *f->df);
        f->n = n;
    }
    f->df[term] = df > UINT32_MAX ? UINT32_MAX : (uint32_t)df;
    return GALLEY_OK;
}

double galley_idf_get(const galley_idf *f, uint32_t term)
{
    double df = term < f->n ? f->df[term] : 0;
    return log(((double)f->docs + 1) / (df + 1)) + 1;
}
