/*
** ner.c: names, dates, amounts and quotations in tokenized news text
** (see ner.h). One pass marks each token with the classes of the lexicon
** (a galley_phrase trie over case-folded tokens, so multi-word entries
** such as "Secretary of State" or "Buenos Aires" are found the same way);
** then, in order: dates and times, amounts, names (runs of capitalized
** words cut at titles, classified by gazetteers, suffixes, heads, first
** names and context), a document-level pass that links short forms to the
** fullest name and labels what it can, and quotations with their speakers.
** It does not parse syntax and knows no word of its own: every list is the
** caller's.
*/
#include "ner.h"
#include "galley.h"
#include "token.h"
#include "phrase.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

const char *const galley_ner_label_names[GALLEY_NER_NLABELS] = {
    "", "PERSON", "ORG", "PLACE", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"
};

const char *const galley_ner_class_names[GALLEY_NER_NCLASSES] = {
    "title", "first_m", "first_f", "first", "particle", "org_suffix", "org_head",
    "org", "place", "place_suffix", "place_head", "demonym", "month", "weekday",
    "numword", "scale", "currency", "cursym", "percent", "dayword", "daypart",
    "reldate", "dateunit", "ago", "season", "speech", "pron_m", "pron_f", "pron_p",
    "common", "ampm", "other_suffix"
};

/* Per-token scratch. */
typedef struct tinfo {
    uint32_t cls;               /* classes of one-token entries */
    uint32_t hit;               /* first multi-token hit starting here, or UINT32_MAX */
    uint64_t hash;              /* hash of the case-folded text */
    int32_t men;                /* mention covering the token, or -1 */
    uint8_t cap;                /* starts with an upper-case letter */
    uint8_t lower;              /* starts with a lower-case letter */
    uint8_t initial;            /* first word of a sentence or a quotation */
    uint8_t used;               /* taken by a date or an amount */
} tinfo;

struct galley_ner {
    galley_phrase *pm;
    galley_buf aliases;         /* canonical forms, NUL-terminated one after another */
    uint32_t *alias_off;
    size_t nalias, alias_cap;
    size_t count;
    /* scratch, reused from scan to scan */
    tinfo *ti;
    uint32_t *ids;
    size_t cap;
    galley_buf key;
    galley_folds folds;         /* galley_ner_scan's, when not given */
    galley_phrase_matches hits;
    uint64_t *lowset;           /* hashes of words seen in lower case */
    size_t lowcap;              /* slots allocated */
    size_t lowsize;             /* slots in use for this document: a power of two */
};

#define BIT(c) (1u << (c))
#define HAS(ner, i, c) ((ner)->ti[i].cls & BIT(c))

const char *galley_ner_alias(const galley_ner *ner, int32_t alias, size_t *len)
{
    if (alias < 0 || (size_t)alias >= ner->nalias) {
        *len = 0;
        return "";
    }
    const char *s = ner->aliases.s + ner->alias_off[alias];
    *len = strlen(s);
    return s;
}

galley_ner *galley_ner_new(void)
{
    galley_ner *ner = calloc(1, sizeof *ner);
    if (!ner)
        return NULL;
    ner->pm = galley_phrase_new();
    if (!ner->pm) {
        free(ner);
        return NULL;
    }
    return ner;
}

void galley_ner_free(galley_ner *ner)
{
    if (!ner)
        return;
    galley_phrase_free(ner->pm);
    galley_buf_free(&ner->aliases);
    free(ner->alias_off);
    free(ner->ti);
    free(ner->ids);
    galley_buf_free(&ner->key);
    galley_folds_free(&ner->folds);
    galley_phrase_matches_free(&ner->hits);
    free(ner->lowset);
    free(ner);
}

void galley_ner_result_free(galley_ner_result *r)
{
    free(r->m);
    free(r->q);
    memset(r, 0, sizeof *r);
}

int galley_ner_class(const char *name)
{
    for (int i = 0; i < GALLEY_NER_NCLASSES; i++)
        if (strcmp(name, galley_ner_class_names[i]) == 0)
            return i;
    return -1;
}

size_t galley_ner_count(const galley_ner *ner)
{
    return ner->count;
}

/* The case-folded key of 's' in ner->key (ASCII fast path). */
static int fold(galley_ner *ner, const char *s, size_t n)
{
    ner->key.len = 0;
    size_t i = 0;
    while (i < n && !((unsigned char)s[i] & 0x80))
        i++;
    if (i < n)
        return galley_casefold(s, n, &ner->key);
    if (galley_buf_reserve(&ner->key, n + 1))
        return GALLEY_ENOMEM;
    for (i = 0; i < n; i++) {
        char c = s[i];
        ner->key.s[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    ner->key.len = n;
    ner->key.s[n] = 0;
    return GALLEY_OK;
}

int galley_ner_add(galley_ner *ner, const char *s, size_t len, int cls,
                   const char *canon, size_t clen, galley_buf *err)
{
    if (cls < 0 || cls >= GALLEY_NER_NCLASSES) {
        if (err)
            galley_buf_adds(err, "unknown class");
        return GALLEY_EINVAL;
    }
    galley_tokens tk = {0};
    int rc = galley_token_split(s, len, &tk);
    if (rc)
        return rc;
    if (tk.n == 0) {
        galley_tokens_free(&tk);
        if (err)
            galley_buf_adds(err, "empty phrase");
        return GALLEY_EINVAL;
    }
    galley_phrase_key *keys = calloc(tk.n, sizeof *keys);
    galley_buf all = {0};
    size_t *off = calloc(tk.n, sizeof *off);
    if (!keys || !off) {
        rc = GALLEY_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < tk.n; i++) {
        if ((rc = fold(ner, s + tk.t[i].start, tk.t[i].end - tk.t[i].start)))
            goto done;
        off[i] = all.len;
        if ((rc = galley_buf_add(&all, ner->key.s, ner->key.len + 1)))
            goto done;
        keys[i].len = ner->key.len;
    }
    for (size_t i = 0; i < tk.n; i++)
        keys[i].s = all.s + off[i];
    uint32_t alias = 0;
    if (canon && clen) {
        if (ner->nalias == ner->alias_cap) {
            size_t nc = ner->alias_cap ? ner->alias_cap * 2 : 64;
            uint32_t *p = realloc(ner->alias_off, nc * sizeof *p);
            if (!p) {
                rc = GALLEY_ENOMEM;
                goto done;
            }
            ner->alias_off = p;
            ner->alias_cap = nc;
        }
        if (ner->nalias >= (1u << 25)) {
            rc = GALLEY_ELIMIT;
            if (err)
                galley_buf_adds(err, "too many canonical forms (limit is 33554432)");
            goto done;
        }
        ner->alias_off[ner->nalias] = (uint32_t)ner->aliases.len;
        if ((rc = galley_buf_add(&ner->aliases, canon, clen))
            || (rc = galley_buf_addc(&ner->aliases, 0)))
            goto done;
        alias = (uint32_t)++ner->nalias;     /* 0 means none */
    }
    rc = galley_phrase_add(ner->pm, keys, tk.n, (int32_t)(alias << 5 | (uint32_t)cls), err);
    if (rc == 1)
        ner->count++;
done:
    free(keys);
    free(off);
    galley_buf_free(&all);
    galley_tokens_free(&tk);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Scan state                                                          */
/* ------------------------------------------------------------------ */

typedef struct scan {
    galley_ner *ner;
    const char *s;
    const galley_token *t;
    size_t n;
    tinfo *ti;
    galley_ner_result *out;
} scan;

#define TXT(sc, i) ((sc)->s + (sc)->t[i].start)
#define LEN(sc, i) ((size_t)((sc)->t[i].end - (sc)->t[i].start))

static inline int is(const scan *sc, size_t i, const char *w)
{
    if (i >= sc->n || *TXT(sc, i) != w[0])
        return 0;           /* most calls end here, before strlen */
    size_t n = strlen(w);
    return LEN(sc, i) == n && memcmp(TXT(sc, i), w, n) == 0;
}

/* Case-insensitive comparison with an ASCII word. */
static int isi(const scan *sc, size_t i, const char *w)
{
    if (i >= sc->n)
        return 0;
    const char *p = TXT(sc, i);
    char c0 = p[0];
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (char)(c0 + 32);
    if (c0 != w[0])
        return 0;           /* most calls end here, before strlen */
    size_t n = strlen(w);
    if (LEN(sc, i) != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = p[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[k])
            return 0;
    }
    return 1;
}

static int cls(const scan *sc, size_t i, int c)
{
    return i < sc->n && (sc->ti[i].cls & BIT(c));
}

static int same(const scan *sc, size_t a, size_t b)
{
    return a < sc->n && b < sc->n && sc->t[a].sent == sc->t[b].sent;
}

static int word(const scan *sc, size_t i)
{
    return i < sc->n && sc->t[i].kind == GALLEY_TK_WORD;
}

static int spaced(const scan *sc, size_t i)
{
    return (sc->t[i].flags & GALLEY_TF_SPACE) != 0;
}

/* Longest multi-token hit of class 'c' starting at token 'i': its end, or
** 0; '*alias' gets its canonical form id (-1 for none). */
static size_t hit(const scan *sc, size_t i, int c, int32_t *alias)
{
    const galley_phrase_matches *h = &sc->ner->hits;
    size_t best = 0;
    if (i >= sc->n)
        return 0;
    for (size_t k = sc->ti[i].hit; k < h->n && h->m[k].start == i; k++) {
        if ((h->m[k].payload & 31) == c && h->m[k].end > best
            && sc->t[h->m[k].end - 1].sent == sc->t[i].sent) {
            best = h->m[k].end;
            if (alias)
                *alias = (int32_t)(h->m[k].payload >> 5) - 1;
        }
    }
    return best;
}

/* The one-token hit of class 'c' at token 'i': '*alias' gets its canonical
** form id (-1 for none). */
static void hit1(const scan *sc, size_t i, int c, int32_t *alias)
{
    const galley_phrase_matches *h = &sc->ner->hits;
    *alias = -1;
    for (size_t k = sc->ti[i].hit; k < h->n && h->m[k].start == i; k++)
        if ((h->m[k].payload & 31) == c && h->m[k].end == i + 1)
            *alias = (int32_t)(h->m[k].payload >> 5) - 1;
}

/* Digits of token 'i' as a number (ASCII digits only), or -1. */
static long digits(const scan *sc, size_t i, size_t *nd)
{
    if (i >= sc->n)
        return -1;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    long v = 0;
    size_t k = 0;
    for (; k < n && p[k] >= '0' && p[k] <= '9'; k++)
        if (k < 9)
            v = v * 10 + (p[k] - '0');
    if (nd)
        *nd = k;
    return k == n && n > 0 ? v : -1;
}

static int is_year(const scan *sc, size_t i)
{
    size_t nd;
    long v = digits(sc, i, &nd);
    return nd == 4 && v >= 1000 && v <= 2199;
}

/* "1990s" */
static int is_decade(const scan *sc, size_t i)
{
    if (i >= sc->n || LEN(sc, i) != 5)
        return 0;
    const char *p = TXT(sc, i);
    return p[4] == 's' && p[3] == '0' && p[0] >= '1' && p[0] <= '2'
        && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9';
}

/* "5th", "21st" (value, or -1) */
static long ordinal(const scan *sc, size_t i)
{
    if (i >= sc->n)
        return -1;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i), k = 0;
    long v = 0;
    for (; k < n && ((p[k] >= '0' && p[k] <= '9') || (k > 0 && p[k] == ',')); k++)
        if (p[k] != ',' && v < 100000000)
            v = v * 10 + (p[k] - '0');
    if (k == 0 || n != k + 2)
        return -1;
    char a = p[k], b = p[k + 1];
    if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd')
        || (a == 't' && b == 'h'))
        return v;
    return -1;
}

static int is_daynum(const scan *sc, size_t i)
{
    size_t nd;
    long v = digits(sc, i, &nd);
    if (v < 0)
        v = ordinal(sc, i);
    else if (nd > 2)
        return 0;
    return v >= 1 && v <= 31;
}

static int is_clock(const scan *sc, size_t i)
{
    if (i >= sc->n || sc->t[i].kind != GALLEY_TK_NUMBER)
        return 0;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    const char *c = memchr(p, ':', n);
    return c && c > p && c - p <= 2 && n - (size_t)(c - p) == 3;
}

/* Is token 'i' a currency sign: one of the list, or letters and a dollar
** sign ("A$", "HK$", "NZ$": the lexicon splits them when they stand alone)? */
static inline int cursym(const scan *sc, size_t i)
{
    if (i >= sc->n)
        return 0;
    if (sc->ti[i].cls & BIT(GALLEY_NER_CURSYM))
        return 1;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    if (n < 2 || n > 4 || p[n - 1] != '$')
        return 0;
    for (size_t k = 0; k + 1 < n; k++)
        if (p[k] < 'A' || p[k] > 'Z')
            return 0;
    return 1;
}

/* A cardinal number token (not a clock time, not an ordinal). */
static int is_number(const scan *sc, size_t i)
{
    if (i >= sc->n)
        return 0;
    if (cls(sc, i, GALLEY_NER_NUMWORD))
        return 1;
    if (sc->t[i].kind != GALLEY_TK_NUMBER || is_clock(sc, i))
        return 0;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    if (ordinal(sc, i) >= 0 || memchr(p, '/', n) || memchr(p, '-', n) || p[n - 1] == 's')
        return 0;           /* "5th", "9/11", "944-3737", "80s" */
    return (p[0] >= '0' && p[0] <= '9') || (p[0] == '.' && n > 1);
}

/* 1 for an opening quotation mark, 2 closing, 3 either (straight). */
static int qmark(const scan *sc, size_t i)
{
    if (i >= sc->n || sc->t[i].kind != GALLEY_TK_PUNCT)
        return 0;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    if (n == 1 && p[0] == '"')
        return 3;
    if (n == 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80) {
        unsigned char c = (unsigned char)p[2];
        if (c == 0x9C && i > 0 && !spaced(sc, i - 1) && sc->t[i - 1].kind == GALLEY_TK_WORD
            && (i + 1 >= sc->n || spaced(sc, i) || sc->t[i + 1].kind == GALLEY_TK_PUNCT))
            return 2;           /* a word“ closes: "rust belt“, a common slip */
        if (c == 0x9D && (i == 0 || spaced(sc, i - 1)) && i + 1 < sc->n && !spaced(sc, i)
            && sc->t[i + 1].kind == GALLEY_TK_WORD)
            return 1;           /* ”word opens: ”like this” */
        if (c == 0x9C || c == 0x9E)
            return 1;
        if (c == 0x9D)
            return 2;
    }
    if (n == 2 && (unsigned char)p[0] == 0xC2) {
        if ((unsigned char)p[1] == 0xAB)
            return 1;
        if ((unsigned char)p[1] == 0xBB)
            return 2;
    }
    return 0;
}

static int push_mention(scan *sc, size_t a, size_t b, int label, int32_t alias)
{
    galley_ner_result *r = sc->out;
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 64;
        galley_ner_mention *p = realloc(r->m, nc * sizeof *p);
        if (!p)
            return GALLEY_ENOMEM;
        r->m = p;
        r->cap = nc;
    }
    galley_ner_mention *m = &r->m[r->n++];
    m->tok = (uint32_t)a;
    m->ntok = (uint32_t)(b - a);
    m->start = sc->t[a].start;
    m->end = sc->t[b - 1].end;
    m->label = (uint8_t)label;
    m->flags = 0;
    m->canon = -1;
    m->alias = alias;
    return GALLEY_OK;
}

static int emit_used(scan *sc, size_t a, size_t b, int label)
{
    for (size_t k = a; k < b; k++)
        sc->ti[k].used = 1;
    return push_mention(sc, a, b, label, -1);
}

/* ------------------------------------------------------------------ */
/* Dates and times                                                     */
/* ------------------------------------------------------------------ */

/* Words that may stand before a bare month name ("in May", "since March"). */
static int date_prep(const scan *sc, size_t i)
{
    static const char *const w[] = {
        "in", "on", "since", "until", "till", "by", "from", "of", "during", "before",
        "after", "between", "and", "or", "to", "through", "last", "next", "this",
        "early", "late", "mid", "end", "that", "each", "every", "until", NULL
    };
    for (int k = 0; w[k]; k++)
        if (isi(sc, i, w[k]))
            return 1;
    return cls(sc, i, GALLEY_NER_RELDATE);
}

/* After a month at 'e' - 1: day and year; returns the new end. */
static size_t month_tail(const scan *sc, size_t m, size_t e)
{
    int day = 0;
    if (same(sc, m, e) && is_daynum(sc, e)) {
        e++;
        day = 1;
    }
    if (day && is(sc, e, ",") && same(sc, m, e + 1) && is_year(sc, e + 1))
        e += 2;
    else if (same(sc, m, e) && is_year(sc, e))
        e++;
    else if (!day && (is(sc, e, "of") || is(sc, e, ",")) && same(sc, m, e + 1)
             && is_year(sc, e + 1))
        e += 2;           /* "May, 1750", "March of 2024" */
    return e;
}

static int unitlike(const scan *sc, size_t i)
{
    return cls(sc, i, GALLEY_NER_DATEUNIT) || cls(sc, i, GALLEY_NER_SEASON)
        || cls(sc, i, GALLEY_NER_DAYPART) || (cls(sc, i, GALLEY_NER_WEEKDAY) && sc->ti[i].cap)
        || (cls(sc, i, GALLEY_NER_MONTH) && sc->ti[i].cap);
}

/* "his", "her", "their", "my", "our", "your" */
static int possessive(const scan *sc, size_t i)
{
    size_t n = LEN(sc, i);
    if (n < 2 || n > 5 || sc->t[i].kind != GALLEY_TK_WORD)
        return 0;
    switch (TXT(sc, i)[0] | 0x20) {     /* one or two comparisons for most words */
    case 'h': return n == 3 && (isi(sc, i, "his") || isi(sc, i, "her"));
    case 't': return n == 5 && isi(sc, i, "their");
    case 'm': return n == 2 && isi(sc, i, "my");
    case 'o': return n == 3 && isi(sc, i, "our");
    case 'y': return n == 4 && isi(sc, i, "your");
    default: return 0;
    }
}

/* A year and 's in one token: "1930's", "2003’s". */
static int year_s(const scan *sc, size_t i)
{
    if (i >= sc->n)
        return 0;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    if ((n != 6 && n != 8) || p[0] < '1' || p[0] > '2')
        return 0;
    for (int k = 0; k < 4; k++)
        if (p[k] < '0' || p[k] > '9')
            return 0;
    if (p[0] != '1' && p[0] != '2')
        return 0;
    return n == 6 ? (p[4] == '\'' && p[5] == 's')
                  : (memcmp(p + 4, "\xE2\x80\x99s", 4) == 0);
}

/* "80s" (two digits and s) or "twenties" ... "nineties": a decade of life. */
static int life_decade(const scan *sc, size_t i)
{
    static const char *const w[] = {
        "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
        "nineties", NULL
    };
    if (i >= sc->n)
        return 0;
    const char *p = TXT(sc, i);
    if (LEN(sc, i) == 3 && p[0] >= '1' && p[0] <= '9' && p[1] == '0' && p[2] == 's')
        return 1;
    for (int k = 0; w[k]; k++)
        if (isi(sc, i, w[k]))
            return 1;
    return 0;
}

/* "mid-1990s", "mid-2020": one token. */
static int mid_token(const scan *sc, size_t i)
{
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    if ((n != 8 && n != 9) || (p[0] | 0x20) != 'm' || (p[1] | 0x20) != 'i' || (p[2] | 0x20) != 'd'
        || p[3] != '-' || (p[4] != '1' && p[4] != '2'))
        return 0;
    for (size_t k = 5; k < 8; k++)
        if (p[k] < '0' || p[k] > '9')
            return 0;
    return n == 8 || (p[8] == 's' && p[7] == '0');
}

/* A date or time starting at token 'i': its end (0 when none), label in '*lab'. */
static size_t date_at(const scan *sc, size_t i, int *lab, size_t *start)
{
    size_t e = 0;
    *lab = GALLEY_NER_DATE;
    *start = i;
    const tinfo *ti = sc->ti;
    if (mid_token(sc, i)) {
        if (i > 0 && isi(sc, i - 1, "the") && same(sc, i - 1, i))
            *start = i - 1;     /* "the mid-1990s" */
        return i + 1;
    }
    if (cls(sc, i, GALLEY_NER_MONTH) && ti[i].cap) {
        e = month_tail(sc, i, i + 1);
        if (e == i + 1 && LEN(sc, i) <= 5 && !(i > 0 && date_prep(sc, i - 1))
            && !(i > 0 && is_daynum(sc, i - 1)))
            return 0;           /* "May" and "March" alone need a cue */
        if (i > 0 && cls(sc, i - 1, GALLEY_NER_RELDATE) && same(sc, i - 1, i))
            *start = i - 1;
        return e;
    }
    if (is_daynum(sc, i) && cls(sc, i + 1, GALLEY_NER_MONTH) && ti[i + 1].cap && same(sc, i, i + 1))
        return month_tail(sc, i + 1, i + 2) > i + 2 ? month_tail(sc, i + 1, i + 2) : i + 2;
    if (ordinal(sc, i) > 0 && (isi(sc, i + 1, "century") || isi(sc, i + 1, "centuries"))) {
        if (i > 0 && isi(sc, i - 1, "the") && same(sc, i - 1, i))
            *start = i - 1;     /* "the 20th century", as "the 1950s" */
        return i + 2;
    }
    if (cls(sc, i, GALLEY_NER_WEEKDAY) && ti[i].cap) {
        e = i + 1;
        if (is(sc, e, ",") && cls(sc, e + 1, GALLEY_NER_MONTH) && same(sc, i, e + 1)
            && is_daynum(sc, e + 2))
            e = month_tail(sc, e + 1, e + 2);
        else if (cls(sc, e, GALLEY_NER_DAYPART) && same(sc, i, e))
            e++;
        if (i > 0 && cls(sc, i - 1, GALLEY_NER_RELDATE) && same(sc, i - 1, i))
            *start = i - 1;
        return e;
    }
    if (sc->t[i].kind == GALLEY_TK_NUMBER && digits(sc, i, NULL) > 0 && same(sc, i, i + 1)
        && (is(sc, i + 1, "BC") || is(sc, i + 1, "BCE") || is(sc, i + 1, "AD")
            || is(sc, i + 1, "CE")))
        return i + 2;           /* "508 BC" */
    if (is_year(sc, i) && same(sc, i, i + 1)
        && (is(sc, i + 1, "'s") || is(sc, i + 1, "\xE2\x80\x99s"))) {
        if (i > 0 && isi(sc, i - 1, "the") && same(sc, i - 1, i))
            *start = i - 1;     /* "the 1930's" */
        return i + 2;           /* "2003's comedy" */
    }
    if (year_s(sc, i)) {
        if (i > 0 && isi(sc, i - 1, "the") && same(sc, i - 1, i))
            *start = i - 1;
        return i + 1;           /* one token: "1930's" */
    }
    if (is_year(sc, i) || is_decade(sc, i)) {
        if (i > 0 && cursym(sc, i - 1))
            return 0;
        if (cls(sc, i + 1, GALLEY_NER_PERCENT) || cls(sc, i + 1, GALLEY_NER_SCALE)
            || cls(sc, i + 1, GALLEY_NER_CURRENCY))
            return 0;
        if (i > 0 && word(sc, i - 1) && ti[i - 1].cap && !ti[i - 1].initial
            && !cls(sc, i - 1, GALLEY_NER_SEASON) && !cls(sc, i - 1, GALLEY_NER_MONTH)
            && !cls(sc, i - 1, GALLEY_NER_COMMON)
            && !(is_year(sc, i) && (TXT(sc, i)[0] == '2' || TXT(sc, i)[1] == '9')))
            return 0;           /* "Suite 1450", but "London 2012", "Euro 2024" */
        e = i + 1;
        if (i > 0 && (isi(sc, i - 1, "mid") || cls(sc, i - 1, GALLEY_NER_RELDATE))
            && same(sc, i - 1, i) && !isi(sc, i - 1, "this")) {
            *start = i - 1;
            if (is_decade(sc, i) && i > 1 && isi(sc, i - 2, "the") && same(sc, i - 2, i))
                *start = i - 2; /* "the early 1980s" */
        } else if (i > 0 && is_decade(sc, i) && isi(sc, i - 1, "the") && same(sc, i - 1, i))
            *start = i - 1;     /* a decade takes its article: "the 1950s" */
        return e;
    }
    if (sc->t[i].kind == GALLEY_TK_NUMBER && i > 1) {
        size_t nd;
        long v = digits(sc, i, &nd);
        int circa = (is(sc, i - 1, ".") && !spaced(sc, i - 2) && (is(sc, i - 2, "c")
                                                                  || is(sc, i - 2, "ca")))
            || isi(sc, i - 1, "circa");
        if (v > 0 && nd <= 4
            && (circa || (nd == 3 && v >= 100 && same(sc, i - 1, i)
                          && (isi(sc, i - 1, "in") || isi(sc, i - 1, "year"))
                          && i + 1 < sc->n && !(sc->t[i + 1].flags & GALLEY_TF_NL)
                          && (sc->t[i + 1].kind == GALLEY_TK_PUNCT
                              || (word(sc, i + 1) && ti[i + 1].cap)))))
            return i + 1;       /* "c. 347", "in 348,", "the year 711" */
    }
    if (possessive(sc, i) && same(sc, i, i + 2)) {
        size_t j = i + 1;
        if (isi(sc, j, "early") || isi(sc, j, "mid") || isi(sc, j, "late"))
            j++;
        return life_decade(sc, j) ? j + 1 : 0;  /* "her 80s", "his late twenties" */
    }
    if (cls(sc, i, GALLEY_NER_RELDATE)) {
        size_t j = i + 1;
        if (cls(sc, j, GALLEY_NER_RELDATE) && same(sc, i, j + 1) && unitlike(sc, j + 1))
            j++;            /* "later this year" */
        if (same(sc, i, j) && unitlike(sc, j)) {
            if (cls(sc, j, GALLEY_NER_MONTH))
                return 0;   /* the month case takes it */
            if (cls(sc, j, GALLEY_NER_DAYPART))
                *lab = GALLEY_NER_TIME;
            e = j + 1;
            if (cls(sc, e, GALLEY_NER_DAYPART) && same(sc, i, e))
                e++;
            return e;
        }
        if (same(sc, i, j + 1) && is_number(sc, j) && cls(sc, j + 1, GALLEY_NER_DATEUNIT))
            return j + 2;   /* "the past two years" */
        return 0;
    }
    if (cls(sc, i, GALLEY_NER_DATEUNIT) == 0 && same(sc, i, i + 1)
        && cls(sc, i + 1, GALLEY_NER_DATEUNIT)) {
        int num = is_number(sc, i) && !(sc->t[i].kind == GALLEY_TK_NUMBER && ordinal(sc, i) > 0);
        int loose = isi(sc, i, "a") || isi(sc, i, "an") || isi(sc, i, "several")
            || isi(sc, i, "few") || isi(sc, i, "many");
        int ago = cls(sc, i + 2, GALLEY_NER_AGO) && same(sc, i, i + 2);
        const char *u = TXT(sc, i + 1);
        int plural = u[LEN(sc, i + 1) - 1] == 's' && !isi(sc, i, "a") && !isi(sc, i, "an");
        if (num || (loose && (ago || plural))) {  /* "two months", "several years" */
            e = i + 2;
            if (ago)
                e++;       /* "two months later" */
            return e;
        }
        return 0;
    }
    if (cls(sc, i, GALLEY_NER_DAYWORD)) {
        e = i + 1;
        if (cls(sc, e, GALLEY_NER_DAYPART) && same(sc, i, e))
            e++;
        if (isi(sc, i, "tonight"))
            *lab = GALLEY_NER_TIME;
        return e;
    }
    if (is_clock(sc, i) && same(sc, i, i + 2)
        && (is(sc, i + 1, "-") || is(sc, i + 1, "\xE2\x80\x93") || isi(sc, i + 1, "to"))
        && is_clock(sc, i + 2)) {
        *lab = GALLEY_NER_TIME; /* "08:00 - 20:00" */
        return cls(sc, i + 3, GALLEY_NER_AMPM) && same(sc, i, i + 3) ? i + 4 : i + 3;
    }
    if (is_clock(sc, i) || (is_number(sc, i) && cls(sc, i + 1, GALLEY_NER_AMPM)
                            && digits(sc, i, NULL) >= 1 && digits(sc, i, NULL) <= 12)) {
        if (!is_clock(sc, i) || cls(sc, i + 1, GALLEY_NER_AMPM) || (i > 0 && isi(sc, i - 1, "at"))) {
            *lab = GALLEY_NER_TIME;
            e = i + 1;
            if (cls(sc, e, GALLEY_NER_AMPM) && same(sc, i, e))
                e++;
            return e;
        }
        return 0;
    }
    if (isi(sc, i, "noon") || isi(sc, i, "midnight")) {
        *lab = GALLEY_NER_TIME;
        return i + 1;
    }
    if (cls(sc, i, GALLEY_NER_SEASON) && same(sc, i, i + 1)) {
        if (is_year(sc, i + 1))
            return i + 2;
        if (is(sc, i + 1, "of") && same(sc, i, i + 2) && is_year(sc, i + 2))
            return i + 3;
    }
    return 0;
}

/* Classes a date or a time can start with. */
#define DATE_START (BIT(GALLEY_NER_MONTH) | BIT(GALLEY_NER_WEEKDAY) | BIT(GALLEY_NER_RELDATE) \
                    | BIT(GALLEY_NER_DAYWORD) | BIT(GALLEY_NER_SEASON) | BIT(GALLEY_NER_DAYPART) \
                    | BIT(GALLEY_NER_NUMWORD))

/* Words that may stand before a time noun in a vague time expression
** ("the following year", "his senior year", "a couple of days"). */
static int time_mod(const scan *sc, size_t i)
{
    static const char *const w[] = {
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
        "my", "our", "your", "every", "each", "all", "some", "many", "few", "several",
        "recent", "later", "early", "earlier", "final", "last", "first", "second", "third",
        "next", "past", "whole", "entire", "full", "same", "following", "previous", "coming",
        "other", "another", "further", "additional", "couple", "number", "hundreds",
        "thousands", "dozens", "lot", "most", "rest", "remainder", "end", "beginning",
        "start", "middle", "course", "one", "per", "subsequent", "ensuing", "current",
        "present", "long", "short", "brief", "half", "better", "part", "much", NULL
    };
    if (!word(sc, i) || !sc->ti[i].lower)
        return is_number(sc, i) && !cls(sc, i, GALLEY_NER_NUMWORD) ? 1 : isi(sc, i, "the")
            || isi(sc, i, "a") || isi(sc, i, "this") || isi(sc, i, "that") || isi(sc, i, "every")
            || isi(sc, i, "each") || isi(sc, i, "his") || isi(sc, i, "her");
    if (cls(sc, i, GALLEY_NER_NUMWORD) || cls(sc, i, GALLEY_NER_RELDATE))
        return 1;
    for (int k = 0; w[k]; k++)
        if (is(sc, i, w[k]))
            return 1;
    return 0;
}

/* Is the word after 'j' a lower-case word that may be a noun it modifies
** ("night service"), that is none of the words that follow a time noun? */
static int noun_after(const scan *sc, size_t j)
{
    static const char *const w[] = {
        "of", "in", "on", "at", "to", "for", "from", "before", "after", "ago", "later",
        "earlier", "when", "that", "which", "he", "she", "they", "we", "i", "it", "you",
        "the", "a", "an", "and", "or", "but", "is", "was", "were", "are", "will", "would",
        "has", "had", "have", "as", "since", "until", "with", "by", "his", "her", "their",
        "its", "my", "our", "so", "then", "there", "this", "these", "alone", "only", NULL
    };
    size_t i = j + 1;
    if (!word(sc, i) || !sc->ti[i].lower || !same(sc, j, i) || cls(sc, i, GALLEY_NER_SPEECH)
        || cls(sc, i, GALLEY_NER_AGO) || cls(sc, i, GALLEY_NER_DAYPART))
        return 0;
    for (int k = 0; w[k]; k++)
        if (isi(sc, i, w[k]))
            return 0;
    return 1;
}

/* Vague time expressions headed by a time noun that no rule above took:
** "the following year", "his freshman year" (one unknown word), "every
** week", "a couple of days", "the end of the season", "for decades",
** "all night". A bare singular noun needs a word before it. */
static int vague(scan *sc)
{
    for (size_t j = 0; j < sc->n; j++) {
        if (sc->ti[j].used || !sc->ti[j].lower
            || !(cls(sc, j, GALLEY_NER_DATEUNIT) || cls(sc, j, GALLEY_NER_DAYPART)
                 || cls(sc, j, GALLEY_NER_SEASON)
                 || (LEN(sc, j) == 5 && j > 0 && is(sc, j - 1, "a") && isi(sc, j, "while"))))
            continue;           /* "the following year", "for a while" */
        if (j + 1 < sc->n && (is(sc, j + 1, "-") || is(sc, j + 1, "'s")) && !spaced(sc, j))
            continue;           /* "two-year", "the year's" */
        if (cls(sc, j, GALLEY_NER_SEASON) && isi(sc, j + 1, "of") && !is_year(sc, j + 2))
            continue;           /* "the fall of the wall" */
        size_t k = j, steps = 0, unknown = 0;
        while (k > 0 && steps < 7 && same(sc, k - 1, j) && !sc->ti[k - 1].used) {
            size_t p = k - 1;
            if (is(sc, p, "of") && p > 0 && time_mod(sc, p - 1) && !isi(sc, p - 1, "the")
                && !isi(sc, p - 1, "a"))
                k = p;          /* "the end of", "a couple of" */
            else if (time_mod(sc, p) && !(isi(sc, p, "other") && p > 0 && isi(sc, p - 1, "each")))
                k = p;
            else if (!unknown && k == j && word(sc, p) && sc->ti[p].lower && LEN(sc, p) > 3
                     && p > 0 && time_mod(sc, p - 1) && !is(sc, p - 1, "a")
                     && !cls(sc, p, GALLEY_NER_SPEECH))
                k = p, unknown = 1;     /* "his sophomore year" */
            else
                break;
            steps++;
        }
        if (unknown && k + 1 == j)
            k = j;              /* an unknown word alone is no cue */
        while (k < j && (is(sc, k, "of") || isi(sc, k, "per")))
            k++;
        const char *u = TXT(sc, j);
        int plural = u[LEN(sc, j) - 1] == 's';
        int cue = k > 0 && same(sc, k - 1, j)
            && (isi(sc, k - 1, "for") || isi(sc, k - 1, "over") || isi(sc, k - 1, "within")
                || isi(sc, k - 1, "per") || isi(sc, k - 1, "during"));
        int at = k > 0 && same(sc, k - 1, j) && isi(sc, k - 1, "at")
            && cls(sc, j, GALLEY_NER_DAYPART) && !plural;          /* "at night" */
        int ago = plural && j + 1 < sc->n && (isi(sc, j + 1, "ago") || isi(sc, j + 1, "later"));
        if (k == j && !(cue && (plural || isi(sc, k - 1, "per"))) && !at && !ago)
            continue;           /* "centuries ago" */
        if (k < j && (isi(sc, k, "a") || isi(sc, k, "one")) && k > 0
            && (sc->t[k - 1].kind == GALLEY_TK_NUMBER || cls(sc, k - 1, GALLEY_NER_NUMWORD)
                || cls(sc, k - 1, GALLEY_NER_CURRENCY)))
            continue;           /* "$5 a day", "ten a night" */
        if (!plural && noun_after(sc, j))
            continue;           /* "a night service", "the season ticket" */
        size_t e = j + 1;
        if (cls(sc, e, GALLEY_NER_AGO) && same(sc, j, e) && !isi(sc, e, "since")
            && !isi(sc, e, "before") && !isi(sc, e, "after"))
            e++;
        int lab = cls(sc, j, GALLEY_NER_DAYPART) ? GALLEY_NER_TIME : GALLEY_NER_DATE;
        if (emit_used(sc, k, e, lab))
            return GALLEY_ENOMEM;
        j = e - 1;
    }
    return GALLEY_OK;
}

/* "in the past", "for the future": the noun with its article, after a
** preposition and before no noun it would modify. */
static int past_future(const scan *sc, size_t i)
{
    if (i < 2 || !(is(sc, i, "past") || is(sc, i, "future")) || !is(sc, i - 1, "the")
        || !same(sc, i - 2, i) || sc->ti[i - 1].used)
        return 0;
    if (!isi(sc, i - 2, "in") && !isi(sc, i - 2, "of") && !isi(sc, i - 2, "for")
        && !isi(sc, i - 2, "into") && !isi(sc, i - 2, "near"))
        return 0;
    return !(i + 1 < sc->n && same(sc, i, i + 1)
             && (is_number(sc, i + 1) || cls(sc, i + 1, GALLEY_NER_DATEUNIT)
                 || noun_after(sc, i)));
}

static int dates(scan *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        if (sc->ti[i].used)
            continue;
        char c0 = *TXT(sc, i);
        if ((c0 == 'p' || c0 == 'f') && past_future(sc, i)) {
            if (emit_used(sc, i - 1, i + 1, GALLEY_NER_DATE))
                return GALLEY_ENOMEM;
            continue;
        }
        if (sc->t[i].kind != GALLEY_TK_NUMBER && !(sc->ti[i].cls & DATE_START)
            && !(sc->t[i].kind == GALLEY_TK_WORD && cls(sc, i + 1, GALLEY_NER_DATEUNIT))
            && !(sc->t[i].kind == GALLEY_TK_WORD && LEN(sc, i) == 5 && is_decade(sc, i))
            && !(LEN(sc, i) >= 8 && mid_token(sc, i))
            && !possessive(sc, i) && !year_s(sc, i))
            continue;
        int lab;
        size_t start;
        size_t e = date_at(sc, i, &lab, &start);
        if (e > i) {
            if (start < i && sc->ti[start].used)
                start = i;
            /* drop a comma or "of" left dangling at the end */
            if (emit_used(sc, start, e, lab))
                return GALLEY_ENOMEM;
            size_t nd;
            if (e + 1 < sc->n && (is(sc, e, "-") || is(sc, e, "\xE2\x80\x93"))
                && same(sc, e, e + 1) && !sc->ti[e + 1].used && lab == GALLEY_NER_DATE
                && (isi(sc, e + 1, "present")
                    || (digits(sc, e - 1, NULL) > 0 && digits(sc, e + 1, &nd) > 0 && nd <= 4
                        && !cls(sc, e + 2, GALLEY_NER_MONTH)))) {
                if (emit_used(sc, e + 1, e + 2, GALLEY_NER_DATE))
                    return GALLEY_ENOMEM;   /* "2013 – present", "c. 314 – 368", "1892–94" */
                e += 2;
            }
            i = e - 1;
        }
    }
    return vague(sc);
}

/* ------------------------------------------------------------------ */
/* Amounts                                                             */
/* ------------------------------------------------------------------ */

static int not_amount(const scan *sc, size_t p)
{
    if (p > 0) {
        size_t q = p - 1;
        if (is(sc, q, "-") && !spaced(sc, q) && q > 0 && !spaced(sc, q - 1) && word(sc, q - 1))
            return 1;       /* "STS-1", "COVID-19" */
        if (sc->t[p].kind == GALLEY_TK_NUMBER && word(sc, q) && sc->ti[q].cap
            && (!sc->ti[q].initial || cls(sc, q, GALLEY_NER_PLACE_SUFFIX))
            && !cursym(sc, q) && !cls(sc, q, GALLEY_NER_COMMON))
            return 1;       /* "Apollo 11", "Terminal 2" */
        if (is(sc, q, "[") && is(sc, p + 1, "]"))
            return 1;       /* a reference mark */
        if (isi(sc, q, "no.") || is(sc, q, "#") || isi(sc, q, "number"))
            return 1;
        if (is(sc, q, "+") && !spaced(sc, q))
            return 1;       /* a phone number: "+44 20 ..." */
        if (word(sc, p) && sc->ti[p].cap && !sc->ti[p].initial
            && !(sc->t[p].flags & GALLEY_TF_UPPER))
            return 1;       /* a name: "Sky One", "Seven Nights" */
    }
    if (sc->t[p].kind == GALLEY_TK_NUMBER) {
        size_t nd;
        if (digits(sc, p, &nd) >= 0 && nd >= 8)
            return 1;       /* a phone or account number */
    }
    if ((p == 0 || (sc->t[p].flags & GALLEY_TF_NL)) && (is(sc, p + 1, ".") || is(sc, p + 1, ")")))
        return 1;           /* a list item: "1. A night service" */
    if (isi(sc, p, "one")) {
        static const char *const before[] = {
            "no", "the", "any", "every", "each", "this", "that", "which", "little", "someone", NULL
        };
        for (int k = 0; before[k]; k++)
            if (p > 0 && isi(sc, p - 1, before[k]))
                return 1;
        static const char *const after[] = {
            "another", "'s", "\xE2\x80\x99s", "must", "can", "could", "might", "may", "should",
            "would", "will", "cannot", "has", "does", "needs", NULL
        };
        for (int k = 0; after[k]; k++)
            if (isi(sc, p + 1, after[k]))
                return 1;       /* "one must", "one's" */
        if (p >= 2 && (isi(sc, p - 2, "a") || isi(sc, p - 2, "an") || isi(sc, p - 2, "the"))
            && word(sc, p - 1) && sc->ti[p - 1].lower && !cls(sc, p - 1, GALLEY_NER_NUMWORD)
            && (p + 1 >= sc->n || sc->t[p + 1].kind == GALLEY_TK_PUNCT))
            return 1;           /* "a similar one." */
    }
    return 0;
}

static int amounts(scan *sc)
{
    uint32_t start = BIT(GALLEY_NER_NUMWORD) | BIT(GALLEY_NER_CURSYM);
    for (size_t i = 0; i < sc->n; i++) {
        if (sc->ti[i].used || (sc->t[i].kind != GALLEY_TK_NUMBER && !(sc->ti[i].cls & start)
                               && !cursym(sc, i)))
            continue;
        size_t p = i;
        int cur = 0;
        if (cursym(sc, i) && same(sc, i, i + 1) && is_number(sc, i + 1)
            && !sc->ti[i + 1].used) {
            p = i + 1;
            cur = 1;
        } else if (!is_number(sc, i) || cls(sc, i, GALLEY_NER_SCALE)) {
            continue;
        }
        if (!cur && not_amount(sc, p))
            continue;
        size_t e = p + 1;
        while (e < sc->n && same(sc, i, e) && !sc->ti[e].used) {
            if (cls(sc, e, GALLEY_NER_SCALE) && (cur || LEN(sc, e) > 2 || !spaced(sc, e - 1))) {
                e++;      /* "3.7 million", "$3.36bn", but not "1.78 m" */
                continue;
            }
            int wordnum = cls(sc, e - 1, GALLEY_NER_NUMWORD);
            if (wordnum && cls(sc, e, GALLEY_NER_NUMWORD)) {
                e++;
                continue;
            }
            if (wordnum && is(sc, e, "-") && !spaced(sc, e - 1) && !spaced(sc, e)
                && cls(sc, e + 1, GALLEY_NER_NUMWORD)) {
                e += 2;
                continue;
            }
            break;
        }
        int lab = GALLEY_NER_QUANTITY;
        size_t pe = hit(sc, e, GALLEY_NER_PERCENT, NULL);
        if (cls(sc, e, GALLEY_NER_PERCENT) && same(sc, i, e)) {
            lab = GALLEY_NER_L_PERCENT;
            e++;
        } else if (pe) {
            lab = GALLEY_NER_L_PERCENT;
            e = pe;
        } else if (cur || (cls(sc, e, GALLEY_NER_CURRENCY) && same(sc, i, e))) {
            lab = GALLEY_NER_MONEY;
        }
        size_t st = i;
        if (!cur && i > 0 && is(sc, i - 1, ".") && !spaced(sc, i - 1) && !sc->ti[i - 1].used
            && (i == 1 || spaced(sc, i - 2)) && sc->t[i].kind == GALLEY_TK_NUMBER)
            st = i - 1;     /* ".265" */
        if (emit_used(sc, st, e, lab))
            return GALLEY_ENOMEM;
        if (lab == GALLEY_NER_MONEY && !cur && e < sc->n && cls(sc, e, GALLEY_NER_CURRENCY))
            sc->ti[e].used = 1; /* "70 DKK": the code is no name */
        i = e - 1;
    }
    return GALLEY_OK;
}

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

#define FIRST (BIT(GALLEY_NER_FIRST) | BIT(GALLEY_NER_FIRST_M) | BIT(GALLEY_NER_FIRST_F))
#define NAMED (BIT(GALLEY_NER_FIRST) | BIT(GALLEY_NER_FIRST_M) | BIT(GALLEY_NER_FIRST_F) \
               | BIT(GALLEY_NER_PLACE) | BIT(GALLEY_NER_ORG))

/* A word that may be part of a name. */
static int namey(const scan *sc, size_t i)
{
    if (!word(sc, i) || !sc->ti[i].cap || sc->ti[i].used)
        return 0;
    uint32_t c = sc->ti[i].cls;
    if ((c & BIT(GALLEY_NER_COMMON))
        && (!(sc->t[i].flags & GALLEY_TF_UPPER) || LEN(sc, i) == 1 || !(c & NAMED))
        && !(hit(sc, i, GALLEY_NER_PLACE, NULL) > i + 1) && !(hit(sc, i, GALLEY_NER_ORG, NULL) > i + 1))
        return 0;           /* "The", "Who" (not "WHO"), but "The Hague" */
    if (c & (BIT(GALLEY_NER_PRON_M) | BIT(GALLEY_NER_PRON_F) | BIT(GALLEY_NER_PRON_P)))
        return (c & NAMED) != 0;
    return 1;
}

static int lowerseen(const scan *sc, size_t i)
{
    const galley_ner *ner = sc->ner;
    uint64_t h = sc->ti[i].hash;
    size_t mask = ner->lowsize - 1;
    for (size_t k = h & mask; ner->lowset[k]; k = (k + 1) & mask)
        if (ner->lowset[k] == h)
            return 1;
    return 0;
}

/* A quarter of the world after "the": "the West", "the Midwest". */
static int quarter(const scan *sc, size_t a, size_t b)
{
    static const char *const w[] = {
        "North", "South", "East", "West", "Northeast", "Northwest", "Southeast",
        "Southwest", "Midwest", "Mideast", NULL
    };
    if (b != a + 1 || a == 0 || !isi(sc, a - 1, "the") || !same(sc, a - 1, a)
        || (b < sc->n && word(sc, b) && sc->ti[b].cap && same(sc, a, b)))
        return 0;
    for (int k = 0; w[k]; k++)
        if (is(sc, a, w[k]))
            return 1;
    return 0;
}

/* A numbered road at 'i' ("I-95", "US-75", "SR-9", a direction after
** it): its end, or 0. */
static size_t road(const scan *sc, size_t i)
{
    if (i + 2 >= sc->n || sc->t[i + 2].kind != GALLEY_TK_NUMBER || spaced(sc, i)
        || spaced(sc, i + 1) || !is(sc, i + 1, "-")
        || !(is(sc, i, "I") || is(sc, i, "US") || is(sc, i, "SR"))
        || digits(sc, i + 2, NULL) <= 0 || sc->ti[i + 2].used)
        return 0;
    size_t e = i + 3;
    if (e < sc->n && same(sc, i, e) && (is(sc, e, "North") || is(sc, e, "South")
                                        || is(sc, e, "East") || is(sc, e, "West")))
        e++;
    return e;
}

/* A number that belongs to the place word before it: "Terminal 2",
** "Route 66", "Pier 39". */
static int place_number(const scan *sc, size_t j)
{
    size_t nd;
    return j > 0 && j < sc->n && same(sc, j - 1, j) && !sc->ti[j].used
        && sc->t[j].kind == GALLEY_TK_NUMBER && cls(sc, j - 1, GALLEY_NER_PLACE_SUFFIX)
        && sc->ti[j - 1].cap && digits(sc, j, &nd) > 0 && nd <= 4;
}

/* Is the place word at 'i' also a family name ("Helen Park", "Tom Hall")? */
static int surname(const scan *sc, size_t i)
{
    static const char *const w[] = {
        "Park", "Hill", "Hills", "Lake", "Street", "Lane", "Hall", "Castle", "Tower", "Port",
        "Bay", "Marsh", "Chapel", "Temple", "Abbey", "Mount", "Beach", "Bridge", "Bridges",
        "Garden", "Gardens", "Market", "Field", "Wood", "Ford", "Brook", "Cliff", "Ridge",
        "Parish", "Arena", "Range", "Peak", "Inn", "Gate", "Cove", "Canton", "Reef", NULL
    };
    for (int k = 0; w[k]; k++)
        if (is(sc, i, w[k]))
            return 1;
    return 0;
}

/* A Roman numeral after a ruler's name: "II" ... "XX", "I" before
** punctuation or "of" ("Norton I, Emperor", "Damasus I of Rome"). */
static int regnal(const scan *sc, size_t i)
{
    if (!word(sc, i) || LEN(sc, i) > 5)
        return 0;
    const char *p = TXT(sc, i);
    for (size_t k = 0; k < LEN(sc, i); k++)
        if (p[k] != 'I' && p[k] != 'V' && p[k] != 'X')
            return 0;
    if (LEN(sc, i) > 1)
        return 1;
    return i + 1 >= sc->n || !same(sc, i, i + 1) || is(sc, i + 1, "of")
        || is(sc, i + 1, ",") || is(sc, i + 1, ".") || is(sc, i + 1, ")") || is(sc, i + 1, ";");
}

/* May the one-token name at 'i' be an acronym of an organization? Not a
** code with digits ("M1", "A64", "AD842"), nor a currency ("DKK"). */
static int acronym(const scan *sc, size_t i)
{
    if (lowerseen(sc, i))
        return 0;               /* "a HUGE collector" where "huge" is written too */
    const char *p = TXT(sc, i);
    for (size_t k = 0; k < LEN(sc, i); k++)
        if (p[k] >= '0' && p[k] <= '9')
            return 0;
    return !cursym(sc, i) && !cls(sc, i, GALLEY_NER_CURRENCY);
}

/* Is token 'i' an upper-case acronym of two to six letters that no list
** knows as a place, a title or a common word? */
static int upper_acronym(const scan *sc, size_t i)
{
    return word(sc, i) && LEN(sc, i) >= 2 && LEN(sc, i) <= 6
        && (sc->t[i].flags & GALLEY_TF_UPPER)
        && !(sc->ti[i].cls & (BIT(GALLEY_NER_TITLE) | BIT(GALLEY_NER_COMMON)
                              | BIT(GALLEY_NER_PLACE)))
        && acronym(sc, i);
}

/* Does token 'i' end like an English adjective or participle rather than
** a name ("Archaeological", "Creative", "Chasing", "Promised"), or, when
** 'last', like no family name ("Counseling Psychology" aside)? */
static int wordlike(const scan *sc, size_t i, int last)
{
    static const char *const mid[] = { "ical", "ive", "ional", "ous", "ary", "ing", "ed", NULL };
    static const char *const end[] = { "ical", "ional", "ous", NULL };
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    if (n < 5 || !sc->ti[i].cap)
        return 0;
    for (const char *const *w = last ? end : mid; *w; w++) {
        size_t m = strlen(*w);
        if (memcmp(p + n - m, *w, m) == 0)
            return 1;
    }
    return 0;
}

/* Is token 'i' the possessive "'s"? */
static int poss(const scan *sc, size_t i)
{
    return is(sc, i, "'s") || is(sc, i, "\xE2\x80\x99s");
}

/* Is the word at 'i' written in camel case, as companies and websites are
** ("LibriVox", "PayPal"), with no family-name prefix ("McCarthy",
** "DeSantis", "LeBron", "FitzGibbon")? */
static int camel(const scan *sc, size_t i)
{
    static const char *const pre[] = { "Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van",
                                       "Von", "Fitz", "Al", "El", "Ben", "Abu", NULL };
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i), k = 1;
    while (k + 1 < n && !(p[k] >= 'a' && p[k] <= 'z' && p[k + 1] >= 'A' && p[k + 1] <= 'Z'))
        k++;
    if (k + 1 >= n || !(p[0] >= 'A' && p[0] <= 'Z') || !(p[1] >= 'a' && p[1] <= 'z')
        || memchr(p, '.', n) || (n > 3 && memcmp(p + n - 3, "ers", 3) == 0))
        return 0;               /* a website, "YouTubers" */
    if (p[n - 1] >= 'A' && p[n - 1] <= 'Z' && p[n - 2] >= 'A' && p[n - 2] <= 'Z')
        return 0;               /* "ChatGPT", "SiriusXM": a product's letters */
    for (int w = 0; pre[w]; w++)
        if (strlen(pre[w]) == k + 1 && memcmp(p, pre[w], k + 1) == 0)
            return 0;
    return 1;
}

/* Does the word at 'i' end as company names do and names of people and
** places do not ("Telvacom", "Norpetrol", "Kazgaz", "Biotech")? */
static int firmlike(const scan *sc, size_t i)
{
    static const char *const end[] = { "com", "tech", "soft", "petrol", "gaz", "corp",
                                       "pharma", NULL };
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    if (n < 6 || !sc->ti[i].cap || (sc->t[i].flags & GALLEY_TF_UPPER) || memchr(p, '.', n)
        || (sc->ti[i].cls & BIT(GALLEY_NER_COMMON)))
        return 0;
    for (const char *const *w = end; *w; w++) {
        size_t m = strlen(*w);
        if (n > m + 2 && memcmp(p + n - m, *w, m) == 0)
            return 1;
    }
    return 0;
}

/* Mention candidate flags (kept apart from the label until resolved). */
enum { C_TITLED = 1, C_INITIAL = 2, C_SPEECH = 4, C_PREP = 8, C_WEAK = 16 };

typedef struct cand {
    uint32_t a, b;
    int label;
    int flags;
    int32_t alias;
} cand;

/* Label chunk [a, b); returns the label or GALLEY_NER_NONE for "unknown"
** (kept for the document pass) or -1 to drop. */
static int classify(const scan *sc, size_t *pa, size_t b, int flags, int32_t *alias)
{
    size_t a = *pa;
    *alias = -1;
    size_t len = b - a;
    if (len == 0)
        return -1;
    if (hit(sc, a, GALLEY_NER_PLACE, alias) == b
        && !(len == 1 && cls(sc, a, GALLEY_NER_ORG) && !(a > 0 && is(sc, a - 1, "the"))))
        return GALLEY_NER_L_PLACE;      /* "the Amazon", but "Amazon" the company */
    *alias = -1;
    if (len == 1 && cls(sc, a, GALLEY_NER_PLACE) && !cls(sc, a, GALLEY_NER_ORG)) {
        hit1(sc, a, GALLEY_NER_PLACE, alias);
        return GALLEY_NER_L_PLACE;      /* "Washington" of "Washington, D.C." */
    }
    *alias = -1;
    if (hit(sc, a, GALLEY_NER_ORG, alias) == b || (len == 1 && cls(sc, a, GALLEY_NER_ORG)))
        return GALLEY_NER_L_ORG;
    *alias = -1;
    if (len >= 3 && (cls(sc, a, GALLEY_NER_PLACE) || cls(sc, a, GALLEY_NER_DEMONYM))
        && hit(sc, a + 1, GALLEY_NER_ORG, NULL) == b)
        return GALLEY_NER_L_ORG;        /* "U.S. Customs and Border Protection" */
    if (cls(sc, b - 1, GALLEY_NER_OTHER_SUFFIX))
        return -1;              /* "Nobel Peace Prize", "World Cup" */
    if (len >= 2 && cls(sc, b - 1, GALLEY_NER_ORG_SUFFIX))
        return GALLEY_NER_L_ORG;
    if (len >= 3 && cls(sc, b - 2, GALLEY_NER_ORG_SUFFIX) && sc->ti[b - 2].cap
        && cls(sc, b - 1, GALLEY_NER_PLACE) && !(sc->ti[a].cls & FIRST))
        return GALLEY_NER_L_ORG;        /* "Imperial College London" */
    if ((len >= 2 && cls(sc, a, GALLEY_NER_OTHER_SUFFIX)
         && !cls(sc, b - 1, GALLEY_NER_PLACE_SUFFIX))
        || (a > 0 && cls(sc, a - 1, GALLEY_NER_OTHER_SUFFIX) && sc->ti[a - 1].cap
            && same(sc, a - 1, a)))
        return -1;              /* "Hurricane Katrina", "Cyclone Phailin" */
    for (size_t k = a + 1; k + 1 < b; k++)
        if (is(sc, k, "&") || is(sc, k, "+"))
            return GALLEY_NER_L_ORG;    /* "Caldwell & Brooks", "Kuehne + Nagel" */
    for (size_t k = a + 1; k + 1 < b; k++) {
        if (!isi(sc, k, "of") && !isi(sc, k, "for") && !is(sc, k, "on") && !is(sc, k, "to")
            && !(cls(sc, k, GALLEY_NER_PARTICLE) && sc->ti[k].lower))
            continue;           /* "Bank of England", "Conservatoire de Paris" */
        /* "Linguistic Society of America", "Bank of England", "Gulf of Mexico":
           the last such word decides ("District Court for the ...") */
        for (size_t j = k; j-- > a;) {
            if (cls(sc, j, GALLEY_NER_ORG_HEAD) || cls(sc, j, GALLEY_NER_ORG_SUFFIX))
                return GALLEY_NER_L_ORG;
            if (cls(sc, j, GALLEY_NER_PLACE_HEAD) || cls(sc, j, GALLEY_NER_PLACE_SUFFIX))
                return GALLEY_NER_L_PLACE;
        }
        break;
    }
    if (len >= 3 && LEN(sc, a) == 1 && is(sc, a + 1, "-") && word(sc, a + 2)
        && (is(sc, a, "D") || is(sc, a, "R") || is(sc, a, "I")))
        return -1;              /* "Chuck Schumer, D-N.Y.": a party and a state */
    if (cls(sc, a, GALLEY_NER_DEMONYM) && len >= 2
        && (is(sc, a + 1, "-") || cls(sc, a + 1, GALLEY_NER_DEMONYM)))
        return -1;              /* "Iraqi-British", "Roman Catholic" */
    uint32_t first = BIT(GALLEY_NER_FIRST) | BIT(GALLEY_NER_FIRST_M) | BIT(GALLEY_NER_FIRST_F);
    if (len >= 2 && cls(sc, b - 1, GALLEY_NER_ORG) && !cls(sc, b - 2, GALLEY_NER_PARTICLE)
        && !cls(sc, a, GALLEY_NER_DEMONYM)
        && (cls(sc, a, GALLEY_NER_PLACE) || !(sc->ti[a].cls & first))
        && hit(sc, a, GALLEY_NER_PLACE, NULL) <= b - 1)
        return GALLEY_NER_L_ORG;        /* "Denver Nuggets", "Golden State Warriors" */
    if (len >= 2 && (sc->ti[a].cls & first) && !cls(sc, a, GALLEY_NER_PLACE_HEAD)
        && (!cls(sc, b - 1, GALLEY_NER_PLACE_SUFFIX) || (len == 2 && surname(sc, b - 1))))
        return GALLEY_NER_PERSON;       /* "Helen Park"; not "Ross Sea", "George Washington
                                           Bridge" */
    size_t pp = hit(sc, a, GALLEY_NER_PLACE, NULL);
    if (pp > a && pp < b && !cls(sc, b - 1, GALLEY_NER_PLACE_SUFFIX) && !(flags & C_TITLED)) {
        const char *last = TXT(sc, b - 1);
        char z = last[LEN(sc, b - 1) - 1];
        if ((z == 's' || z == 'x') && sc->ti[b - 1].cap)
            return GALLEY_NER_L_ORG;    /* "Boston Red Sox", "St. Louis Cardinals" */
    }
    if (len >= 2 && (cls(sc, b - 1, GALLEY_NER_PLACE_SUFFIX) || cls(sc, a, GALLEY_NER_PLACE_HEAD)))
        return GALLEY_NER_L_PLACE;
    if (len >= 2 && cls(sc, a, GALLEY_NER_ORG_HEAD) && cls(sc, a, GALLEY_NER_ORG_SUFFIX)
        && !(sc->ti[a].cls & first) && !lowerseen(sc, a) && word(sc, a + 1) && sc->ti[a + 1].cap
        && sc->ti[b - 1].cap && !hit(sc, a + 1, GALLEY_NER_PLACE, NULL)
        && !cls(sc, a + 1, GALLEY_NER_PLACE))
        return GALLEY_NER_L_ORG;        /* "Banco Central", "Grupo Televisa" */
    if (cls(sc, a, GALLEY_NER_DEMONYM)) {
        if (len == 1)
            return -1;
        *pa = a + 1;            /* "Venezuelan María Corina Machado" */
        return classify(sc, pa, b, flags, alias);
    }
    if (flags & C_TITLED)
        return GALLEY_NER_PERSON;
    if (quarter(sc, a, b) || road(sc, a) == b
        || (len >= 2 && place_number(sc, b - 1)))
        return GALLEY_NER_L_PLACE;      /* "the West", "I-95", "Terminal 2" */
    if (len >= 2 && regnal(sc, b - 1)) {
        if (cls(sc, b - 2, GALLEY_NER_OTHER_SUFFIX))
            return -1;          /* "World War II" */
        return GALLEY_NER_PERSON;       /* "Norton I", "Louis XIV" */
    }
    if (len == 3 && is(sc, a + 1, "-") && !spaced(sc, a) && !spaced(sc, a + 1)
        && upper_acronym(sc, a) && upper_acronym(sc, a + 2))
        return GALLEY_NER_L_ORG;        /* "AFL-CIO", not "US-EU" */
    if (len == 1 && LEN(sc, a) >= 3 && LEN(sc, a) <= 6 && (sc->t[a].flags & GALLEY_TF_UPPER)
        && !(sc->ti[a].cls & (BIT(GALLEY_NER_TITLE) | BIT(GALLEY_NER_COMMON))) && acronym(sc, a))
        return GALLEY_NER_L_ORG;        /* an acronym, even when a name is spelt so */
    if (len == 1 && (sc->ti[a].cls & first) && !(flags & C_INITIAL)
        && !(b < sc->n && sc->t[b].kind == GALLEY_TK_NUMBER))
        return GALLEY_NER_PERSON;       /* "Isabel", not "Pier 4" */
    if (len == 1 && LEN(sc, a) >= 2 && LEN(sc, a) <= 6 && (sc->t[a].flags & GALLEY_TF_UPPER)
        && !(sc->ti[a].cls & (BIT(GALLEY_NER_TITLE) | BIT(GALLEY_NER_COMMON))) && acronym(sc, a))
        return GALLEY_NER_L_ORG;        /* an acronym */
    if (len == 1 && !(sc->ti[a].cls & first) && (camel(sc, a) || firmlike(sc, a)))
        return GALLEY_NER_L_ORG;        /* "LibriVox", "PayPal", "Telvacom" */
    return GALLEY_NER_NONE;
}

/* Does the context before 'a' speak of a school: "studied at", "graduated
** from", "a professor at", "attended"? */
static int school_context(const scan *sc, size_t a)
{
    static const char *const w[] = {
        "studied", "study", "studying", "graduated", "graduate", "professor", "lecturer",
        "student", "students", "enrolled", "educated", "degree", "doctorate", "alumnus",
        "alumna", "researcher", "fellow", "research", NULL
    };
    if (a >= 1 && (is(sc, a - 1, "attended") || is(sc, a - 1, "attending")))
        return 1;
    if (a < 2 || !(is(sc, a - 1, "at") || is(sc, a - 1, "from")) || !same(sc, a - 2, a))
        return 0;
    for (int k = 0; w[k]; k++)
        if (is(sc, a - 2, w[k]))
            return 1;
    return 0;
}

static int push_cand(scan *sc, cand **cv, size_t *nc, size_t *capc, size_t a, size_t b,
                     int flags)
{
    int32_t alias;
    int lab = classify(sc, &a, b, flags, &alias);
    if (lab < 0 && b - a >= 2 && cls(sc, b - 1, GALLEY_NER_OTHER_SUFFIX)) {
        /* "FIFA World Cup", "Cannes Film Festival": the known name in front */
        size_t oe = hit(sc, a, GALLEY_NER_ORG, &alias), pe = 0;
        if (oe == 0 && cls(sc, a, GALLEY_NER_ORG)) {
            oe = a + 1;
            hit1(sc, a, GALLEY_NER_ORG, &alias);
        }
        if (oe > a && oe < b) {
            lab = GALLEY_NER_L_ORG;
        } else {
            alias = -1;
            pe = hit(sc, a, GALLEY_NER_PLACE, &alias);
            if (pe == 0 && cls(sc, a, GALLEY_NER_PLACE)) {
                pe = a + 1;
                hit1(sc, a, GALLEY_NER_PLACE, &alias);
            }
            if (pe > a && pe < b)
                lab = GALLEY_NER_L_PLACE;
        }
        if (lab < 0)
            return GALLEY_OK;
        b = lab == GALLEY_NER_L_ORG ? oe : pe;
        flags &= ~(C_SPEECH | C_PREP);
    }
    if (lab == GALLEY_NER_NONE && b - a >= 2) {
        /* "NASA Discovery mission", "Google Analytics": the known
           organization in front of what is no name of ours */
        int32_t oa = -1;
        size_t oe = hit(sc, a, GALLEY_NER_ORG, &oa);
        if (oe == 0 && cls(sc, a, GALLEY_NER_ORG)) {
            oe = a + 1;
            hit1(sc, a, GALLEY_NER_ORG, &oa);
        }
        if (oe > a && oe < b && !(sc->ti[oe].cls & FIRST)) {
            lab = GALLEY_NER_L_ORG;
            alias = oa;
            b = oe;
            flags &= ~(C_SPEECH | C_PREP);
        }
    }
    if ((lab == GALLEY_NER_NONE || (lab == GALLEY_NER_L_PLACE && b == a + 1))
        && school_context(sc, a)) {
        lab = GALLEY_NER_L_ORG;         /* "studied at Cambridge" */
        flags &= ~C_PREP;
    }
    if (lab < 0)
        return GALLEY_OK;
    if (*nc == *capc) {
        size_t ncap = *capc ? *capc * 2 : 64;
        cand *p = realloc(*cv, ncap * sizeof *p);
        if (!p)
            return GALLEY_ENOMEM;
        *cv = p;
        *capc = ncap;
    }
    if (b < sc->n && cls(sc, b, GALLEY_NER_SPEECH))
        flags |= C_SPEECH;
    else if (b + 1 < sc->n && sc->t[b].kind == GALLEY_TK_WORD && sc->ti[b].lower
             && cls(sc, b + 1, GALLEY_NER_SPEECH) && LEN(sc, b) <= 6)
        flags |= C_SPEECH;      /* "Rubio also said" */
    else if (a >= 2 && (is(sc, a - 1, "\xE2\x80\x94") || is(sc, a - 1, "\xE2\x80\x93"))
             && (qmark(sc, a - 2) & 2))
        flags |= C_SPEECH;      /* “...” — Peres, on oil */
    if (a > 0 && !(b < sc->n && (is(sc, b, "'s") || is(sc, b, "\xE2\x80\x99s")))) {
        static const char *const preps[] = {
            "in", "near", "from", "across", "throughout", "outside", "inside", "at", "via",
            "into", "towards", "toward", NULL
        };
        for (int k = 0; preps[k]; k++)
            if (isi(sc, a - 1, preps[k]))
                flags |= C_PREP;
        /* "moved to X", but not "according to X", "spoke to X" */
        static const char *const to_person[] = {
            "spoke", "talked", "married", "gave", "sent", "introduced", "thanks", "next",
            "sold", "wrote", "listened", "reported", "appealed", "letter", "message", NULL
        };
        if (isi(sc, a - 1, "to") && a >= 2 && !cls(sc, a - 2, GALLEY_NER_SPEECH)) {
            int pers = 0;
            for (int k = 0; to_person[k]; k++)
                pers |= isi(sc, a - 2, to_person[k]);
            if (!pers)
                flags |= C_PREP;
        }
    }
    if (b > a + 1 && isi(sc, a, "the")
        && (lab == GALLEY_NER_L_ORG || hit(sc, a, GALLEY_NER_PLACE, NULL) != b))
        a++;                    /* "The Economist", "The Atlantic Ocean"; but "The Hague" */
    (*cv)[(*nc)++] = (cand){(uint32_t)a, (uint32_t)b, lab, flags, alias};
    return GALLEY_OK;
}

/* A title (one token or a multi-token entry) at 'i': its end, or 0. */
static size_t title_at(const scan *sc, size_t i)
{
    size_t e = hit(sc, i, GALLEY_NER_TITLE, NULL);
    if (e)
        return e;
    return cls(sc, i, GALLEY_NER_TITLE) ? i + 1 : 0;
}

/* Does [a, b) end in an organization, place or other suffix, with no first
** name to start it? */
static int suffixed(const scan *sc, size_t a, size_t b)
{
    uint32_t first = BIT(GALLEY_NER_FIRST) | BIT(GALLEY_NER_FIRST_M) | BIT(GALLEY_NER_FIRST_F);
    return b > a && sc->ti[a].cap && !(sc->ti[a].cls & first)
        && (sc->ti[b - 1].cls & (BIT(GALLEY_NER_ORG_SUFFIX) | BIT(GALLEY_NER_OTHER_SUFFIX)
                                 | BIT(GALLEY_NER_PLACE_SUFFIX)));
}

/* Classes of words that end names. */
#define SUFFIXES (BIT(GALLEY_NER_ORG_SUFFIX) | BIT(GALLEY_NER_PLACE_SUFFIX) \
                  | BIT(GALLEY_NER_OTHER_SUFFIX) | BIT(GALLEY_NER_PLACE) | BIT(GALLEY_NER_ORG))

/* Does token 'k' (in a run from 'a') follow "of" or "of the", and at most
** three words more, after a word that heads or ends organizations
** ("Ministry of", "Office of the", "Office of the Data Protection")? */
static int of_head(const scan *sc, size_t a, size_t k)
{
    for (int w = 0; w < 3 && k > a + 2 && sc->ti[k - 1].cap && word(sc, k - 1)
                    && !title_at(sc, k - 1); w++)
        k--;                    /* "Office of the Australian Information Commissioner" */
    if (k >= a + 2 && isi(sc, k - 1, "the"))
        k--;
    return k >= a + 2 && is(sc, k - 1, "of")
        && (cls(sc, k - 2, GALLEY_NER_ORG_HEAD) || cls(sc, k - 2, GALLEY_NER_ORG_SUFFIX));
}

/* Cut the run [a, b) at titles and classify each piece. */
static int run(scan *sc, cand **cv, size_t *nc, size_t *capc, size_t a, size_t b)
{
    /* a sentence-initial word that is no name */
    while (a < b && sc->ti[a].initial && !(sc->ti[a].cls & NAMED)
           && !hit(sc, a, GALLEY_NER_PLACE, NULL) && !hit(sc, a, GALLEY_NER_ORG, NULL)
           && !title_at(sc, a) && !(a + 1 < b && (cls(sc, a, GALLEY_NER_PLACE_HEAD)
                                                   || cls(sc, a, GALLEY_NER_ORG_HEAD)))
           && (cls(sc, a, GALLEY_NER_SPEECH) || cls(sc, a, GALLEY_NER_COMMON)
               || ((lowerseen(sc, a) || (wordlike(sc, a, 0) && a + 1 < b))
                   && !(b >= a + 3 && cls(sc, b - 1, GALLEY_NER_ORG_SUFFIX)))))
        a++;                    /* "Meanwhile", "Considering Socotra"; but "Famine Early
                                   Warning Network", "International Airlines Group" */
    if (a >= b)
        return GALLEY_OK;
    int flags = 0;
    if (a > 0 && cls(sc, a - 1, GALLEY_NER_TITLE) && same(sc, a - 1, a))
        flags |= C_TITLED;     /* "opposition leader María Corina Machado" */
    if (sc->ti[a].initial)
        flags |= C_INITIAL;
    size_t piece = a;
    for (size_t k = a; k < b;) {
        if (k > piece && k + 2 < b && sc->ti[k].cap && cls(sc, k, GALLEY_NER_ORG_SUFFIX)
            && (sc->ti[k + 1].cls & FIRST) && !(sc->ti[k + 1].cls & SUFFIXES)
            && word(sc, k + 2) && sc->ti[k + 2].cap && !(sc->ti[k + 2].cls & SUFFIXES)
            && !hit(sc, k + 1, GALLEY_NER_PLACE, NULL) && !hit(sc, k + 1, GALLEY_NER_ORG, NULL)) {
            /* "Ardley State University Simon Vance": a name after an
               organization's with no title or comma between them */
            if (push_cand(sc, cv, nc, capc, piece, k + 1, flags))
                return GALLEY_ENOMEM;
            flags = 0;
            piece = ++k;
            continue;
        }
        size_t pe = hit(sc, k, GALLEY_NER_PLACE, NULL), oe = hit(sc, k, GALLEY_NER_ORG, NULL);
        size_t te = title_at(sc, k);
        if (te && te < b && te >= pe && te >= oe
            && (suffixed(sc, te, b)
                || (te == k + 1 && cls(sc, k, GALLEY_NER_PLACE_HEAD) && sc->ti[te].cap
                    && (sc->ti[b - 1].cls & (BIT(GALLEY_NER_ORG_SUFFIX)
                                             | BIT(GALLEY_NER_PLACE_SUFFIX))))))
            te = 0;             /* "General Motors", "Major League Soccer", "St. Jude
                                   Children's Research Hospital" */
        if (te == k + 1 && te == b && k > a && cls(sc, k, GALLEY_NER_ORG_SUFFIX))
            te = 0;             /* "the National Guard": a title that ends names */
        if (te && te <= b && of_head(sc, a, k)) {
            k = te;             /* "Ministry of Justice", "Office of the Prime Minister" */
            continue;
        }
        if (te && te <= b && te >= pe && te >= oe && (te > k + 1 || sc->ti[k].cap)) {
            /* a title: what comes before is a piece of its own */
            if (k > piece && push_cand(sc, cv, nc, capc, piece, k, flags))
                return GALLEY_ENOMEM;
            flags = C_TITLED;
            piece = k = te;
            while (piece < b && (isi(sc, piece, "of") || isi(sc, piece, "the")
                                 || isi(sc, piece, "for"))) {
                flags = 0;          /* "Earl of Clare": no person after it */
                piece = k = piece + 1;
            }
            continue;
        }
        k = pe > k + 1 && pe <= b ? pe : oe > k + 1 && oe <= b ? oe : k + 1;
    }
    if (piece < b && (flags & C_TITLED)) {
        /* "King Louis XV of France": the person ends before "of" */
        for (size_t k = piece + 1; k + 1 < b; k++) {
            if (!isi(sc, k, "of"))
                continue;
            if (push_cand(sc, cv, nc, capc, piece, k, C_TITLED))
                return GALLEY_ENOMEM;
            piece = k + 1 + isi(sc, k + 1, "the");
            flags = 0;
            break;
        }
    }
    if (piece < b && push_cand(sc, cv, nc, capc, piece, b,
                               piece == a ? flags : (flags & C_TITLED)))
        return GALLEY_ENOMEM;
    return GALLEY_OK;
}

/* Connects two name words: "de", "van", "of" (after heads), "&", "-". */
static size_t connector(const scan *sc, size_t a, size_t k)
{
    if (k + 1 >= sc->n || !same(sc, k, k + 1))
        return 0;
    if (cls(sc, k, GALLEY_NER_PARTICLE) && sc->ti[k].lower && namey(sc, k + 1))
        return k + 1;
    if (cls(sc, k, GALLEY_NER_PARTICLE) && sc->ti[k].lower && is(sc, k + 1, "-")
        && !spaced(sc, k) && !spaced(sc, k + 1) && namey(sc, k + 2))
        return k + 2;           /* "Abd al-Karim Qasim" */
    if ((is(sc, k, "&") || is(sc, k, "+")) && namey(sc, k + 1) && k > a
        && !(cls(sc, k - 1, GALLEY_NER_PLACE) && cls(sc, k + 1, GALLEY_NER_PLACE)))
        return k + 1;           /* "Caldwell & Brooks", not "Tempe & Mesa" */
    if (is(sc, k, "and") && k > a && namey(sc, k + 1)
        && !(sc->ti[k + 1].cls & (FIRST | BIT(GALLEY_NER_PLACE) | BIT(GALLEY_NER_ORG)))) {
        /* "Department of Health and Human Services": after "of" that
           follows an organization word */
        for (size_t j = a + 1; j < k; j++)
            if ((is(sc, j, "of") || is(sc, j, "for"))
                && (cls(sc, j - 1, GALLEY_NER_ORG_HEAD) || cls(sc, j - 1, GALLEY_NER_ORG_SUFFIX)))
                return k + 1;
        if (k == a + 1) {
            /* "Energy and Mines Ministry": one organization word, then a head */
            if (!cls(sc, a, GALLEY_NER_ORG_SUFFIX) || (sc->ti[a].cls & NAMED)
                || hit(sc, k + 1, GALLEY_NER_ORG, NULL) || hit(sc, k + 1, GALLEY_NER_PLACE, NULL))
                return 0;
            for (size_t m = k + 1; m <= k + 3 && namey(sc, m) && !(sc->ti[m].cls & NAMED); m++)
                if (cls(sc, m, GALLEY_NER_ORG_HEAD) && m > k + 1)
                    return k + 1;
            return 0;
        }
        /* "United Nations Relief and Works Agency", "National Oceanic and
           Atmospheric Administration": plain words on both sides, a suffix
           soon after */
        if ((sc->ti[k - 1].cls & (NAMED | BIT(GALLEY_NER_ORG_SUFFIX)))
            || (sc->ti[a].cls & FIRST) || hit(sc, k + 1, GALLEY_NER_ORG, NULL)
            || hit(sc, k + 1, GALLEY_NER_PLACE, NULL))
            return 0;
        for (size_t j = a; j < k; j++)
            if (sc->ti[j].lower)
                return 0;       /* "Conservatoire de Valdera and Halvor Industries" */
        for (size_t m = k + 1; m <= k + 3 && namey(sc, m) && !(sc->ti[m].cls & NAMED); m++)
            if (cls(sc, m, GALLEY_NER_ORG_SUFFIX) && m > k + 1)
                return k + 1;
        return 0;
    }
    if ((is(sc, k, "'") || is(sc, k, "\xE2\x80\x99")) && k > a && !spaced(sc, k - 1)
        && spaced(sc, k) && TXT(sc, k - 1)[LEN(sc, k - 1) - 1] == 's' && namey(sc, k + 1)
        && (cls(sc, k + 1, GALLEY_NER_ORG_HEAD) || cls(sc, k + 1, GALLEY_NER_ORG_SUFFIX))
        && !is(sc, k + 1, "Center") && !is(sc, k + 1, "Centre"))
        return k + 1;           /* "Teachers' Union", not "the Visitors' Center" */
    if (poss(sc, k) && k > a && LEN(sc, k - 1) > 3 && namey(sc, k + 1)
        && (memcmp(TXT(sc, k - 1) + LEN(sc, k - 1) - 3, "men", 3) == 0
            || memcmp(TXT(sc, k - 1) + LEN(sc, k - 1) - 3, "ren", 3) == 0))
        return k + 1;           /* "Longshoremen's Association", "Children's Hospital" */
    if (is(sc, k, "to") && k > a && sc->ti[k - 1].cap
        && (cls(sc, k - 1, GALLEY_NER_ORG_HEAD) || cls(sc, k - 1, GALLEY_NER_ORG_SUFFIX))
        && namey(sc, k + 1) && namey(sc, k + 2) && same(sc, k, k + 2)
        && !(sc->ti[k + 1].cls & NAMED) && !(sc->ti[k + 2].cls & NAMED)
        && !cls(sc, k + 2, GALLEY_NER_ORG_SUFFIX) && !(a > 0 && is(sc, a - 1, "from")))
        return k + 1;           /* "Committee to Protect Journalists", not "from US Weekly
                                   to Time Magazine" */
    if (is(sc, k, "on") && k > a && sc->ti[k - 1].cap
        && (cls(sc, k - 1, GALLEY_NER_ORG_HEAD) || cls(sc, k - 1, GALLEY_NER_ORG_SUFFIX))
        && namey(sc, k + 1) && !(sc->ti[k + 1].cls & NAMED))
        return k + 1;           /* "Commission on Human Rights", not "Council on Syria" */
    if ((is(sc, k, "-") || is(sc, k, "'")) && !spaced(sc, k - 1) && !spaced(sc, k)
        && namey(sc, k + 1))
        return k + 1;
    if (is(sc, k, "of") || is(sc, k, "for")) {
        int head = 0;
        for (size_t j = a; j < k; j++)
            if (cls(sc, j, GALLEY_NER_ORG_HEAD) || cls(sc, j, GALLEY_NER_ORG_SUFFIX)
                || cls(sc, j, GALLEY_NER_PLACE_HEAD) || cls(sc, j, GALLEY_NER_PLACE_SUFFIX)
                || cls(sc, j, GALLEY_NER_TITLE) || hit(sc, j, GALLEY_NER_TITLE, NULL) > k
                || hit(sc, j, GALLEY_NER_ORG, NULL) > k || hit(sc, j, GALLEY_NER_PLACE, NULL) > k)
                head = 1;
        if (!head)
            return 0;
        size_t j = k + 1;
        if (is(sc, j, "the") && same(sc, k, j + 1))
            j++;
        return namey(sc, j) && !cls(sc, j, GALLEY_NER_MONTH) ? j : 0;
    }
    return 0;
}

/* Is every token of mention 'x' found among the tokens of 'y'? */
static int contained(const scan *sc, const cand *x, const cand *y)
{
    for (size_t i = x->a; i < x->b; i++) {
        int found = 0;
        for (size_t j = y->a; j < y->b && !found; j++)
            found = LEN(sc, i) == LEN(sc, j) && memcmp(TXT(sc, i), TXT(sc, j), LEN(sc, i)) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

/* The label of the fullest labelled name that piece 'x' is part of (any
** part of a person's name, the start of an organization's or a place's),
** or 0. */
/* Candidates looked at on either side when a piece takes the label of a
** fuller name: all of them in any article, a bounded window in huge texts. */
#define NER_LINK_WINDOW 4096

/* Acronyms spelt out in one article that are remembered as no organization. */
#define NER_ACRONYMS 16

static int link_label(const scan *sc, const cand *cv, size_t nc, size_t x)
{
    const cand *u = &cv[x];
    size_t best = SIZE_MAX, blen = 0;
    /* a window of candidates around x keeps huge documents linear */
    size_t y0 = x > NER_LINK_WINDOW ? x - NER_LINK_WINDOW : 0;
    size_t y1 = nc - x > NER_LINK_WINDOW ? x + NER_LINK_WINDOW : nc;
    for (size_t y = y0; y < y1; y++) {
        const cand *v = &cv[y];
        if (y == x || v->label <= GALLEY_NER_NONE || v->b - v->a < u->b - u->a
            || (v->flags & C_WEAK))
            continue;
        if (v->label != GALLEY_NER_PERSON) {
            /* a prefix: "Harvard" of "Harvard University" */
            int pre = 1;
            for (size_t k = 0; k < u->b - u->a && pre; k++)
                pre = LEN(sc, u->a + k) == LEN(sc, v->a + k)
                    && memcmp(TXT(sc, u->a + k), TXT(sc, v->a + k), LEN(sc, u->a + k)) == 0;
            if (!pre)
                continue;
        }
        if (v->b - v->a > blen && contained(sc, u, v)) {
            best = y;
            blen = v->b - v->a;
        }
    }
    return best != SIZE_MAX ? cv[best].label : 0;
}

/* Does the context of the unknown piece [a, b) say it names no person?
** After an article or a possessive ("the Bernoulli family", "Waugh's
** Brideshead Revisited") but a country's or a city's ("Kenya's Faith
** Jepchumba": news names people so), before a year in brackets (a work:
** "Leap Year (2010)"), alone between quotation marks ("Marbles"), or after
** a Spanish article. */
static int no_person(const scan *sc, size_t a, size_t b)
{
    if (a > 0 && same(sc, a - 1, a)) {
        if (isi(sc, a - 1, "the") || isi(sc, a - 1, "a") || isi(sc, a - 1, "an"))
            return 1;
        if (is(sc, a - 1, "'s") || is(sc, a - 1, "\xE2\x80\x99s"))
            return !(a >= 2 && b - a >= 2 && b - a <= 3 && cls(sc, a - 2, GALLEY_NER_PLACE)
                     && sc->ti[a - 2].cap);
        if ((qmark(sc, a - 1) & 1) && b < sc->n && (qmark(sc, b) & 2))
            return 1;
    }
    if (b > a + 1 && (is(sc, a, "El") || is(sc, a, "La") || is(sc, a, "Los") || is(sc, a, "Las")))
        return 1;               /* a Spanish article: "El Pitazo" (but "Le Pen") */
    return b + 1 < sc->n && is(sc, b, "(") && is_year(sc, b + 1);
}

/* Is the unknown piece [a, b) after "the" an organization: one word that
** ends organizations ("the Senate", "the Times": the short form of a
** name), or "the House"? */
static int the_org(const scan *sc, size_t a, size_t b)
{
    return b == a + 1 && a > 0 && isi(sc, a - 1, "the") && same(sc, a - 1, a)
        && !sc->ti[a].initial && (cls(sc, a, GALLEY_NER_ORG_SUFFIX) || is(sc, a, "House"))
        && !(sc->ti[a].cls & (FIRST | BIT(GALLEY_NER_DEMONYM)));
}

/* Does the context of the unknown piece [a, b) say it is a place? A name
** after "of" that follows a word for a place or a person's name ("the
** mayor of Tarvin", "the village of Elm", "Theodorus of Tabennese"). */
static int place_context(const scan *sc, const cand *cv, size_t x)
{
    static const char *const before_of[] = {
        "city", "town", "village", "province", "region", "district", "county", "state",
        "island", "islands", "kingdom", "capital", "border", "borders", "outskirts", "port",
        "coast", "suburbs", "diocese", "desert", "siege", "battle", "municipality", "streets",
        "centre", "center", "heart", "north", "south", "east", "west", "mayor", "governor",
        "people", "residents", "citizens", "inhabitants", "parish", "archipelago", "valley",
        "resident", "citizen", "suburb", "neighbourhood", "neighborhood", "shores", "banks",
        "area", "prefecture", "emirate", "republic", "duchy", "sultanate", "territory",
        "monastery", "bishop", "archbishop", "native", "outside", NULL
    };
    const cand *u = &cv[x];
    size_t a = u->a;
    if (a < 2 || !is(sc, a - 1, "of") || !same(sc, a - 2, a))
        return 0;
    if (x > 0 && cv[x - 1].b == a - 1 && cv[x - 1].label == GALLEY_NER_PERSON && u->b == a + 1)
        return 1;
    for (int k = 0; before_of[k]; k++)
        if (is(sc, a - 2, before_of[k]))
            return 1;
    return 0;
}

/* Is token 'i' a word of 'w'? */
static int among(const scan *sc, size_t i, const char *const *w)
{
    for (; *w; w++)
        if (is(sc, i, *w))
            return 1;
    return 0;
}

/* Is token 'i' a lower-case word for a kind of organization ("party",
** "agency", "newspaper")? */
static int org_noun(const scan *sc, size_t i)
{
    static const char *const w[] = {
        "party", "parties", "company", "firm", "group", "agency", "newspaper", "daily",
        "broadcaster", "network", "union", "bank", "lender", "carrier", "airline", "club",
        "coalition", "alliance", "organization", "organisation", "ministry",
        "militia", "outlet", "magazine", "weekly", "tabloid", "insurer", "conglomerate",
        "startup", "start-up", "retailer", "manufacturer", "maker", "charity", "watchdog",
        "regulator", "think-tank", "tank", "university", "bloc", "faction", "chamber",
        "carmaker", "automaker", "chipmaker", "drugmaker", "miner", "website", "channel",
        "utility", "provider", "pollster", "publisher", "grocer", "supermarket", "operator",
        NULL
    };
    return i < sc->n && sc->ti[i].lower && word(sc, i) && among(sc, i, w);
}

/* Does the context of the unknown piece [a, b) say it is a company:
** "shares of Veltrix", "Veltrix shares", "Veltrix's chief executive",
** "Veltrix, a software maker"? */
static int company_context(const scan *sc, size_t a, size_t b)
{
    static const char *const role[] = {
        "shares", "stock", "shareholders", "investors", "board", "headquarters", "subsidiary",
        "unit", "parent", "stake", "chief", "CEO", "founder", "co-founder", "chairman",
        "spokesperson", "revenue", "profit", "earnings", "customers", "employees", NULL
    };
    static const char *const kind[] = {
        "company", "firm", "maker", "startup", "start-up", "retailer", "bank", "lender",
        "carrier", "airline", "manufacturer", "group", "conglomerate", "insurer", "broker",
        "publisher", "developer", "operator", "supplier", "producer", "giant", "chain", NULL
    };
    if (a >= 2 && is(sc, a - 1, "of") && (isi(sc, a - 2, "shares") || isi(sc, a - 2, "stake")))
        return 1;
    size_t k = b;
    if (k < sc->n && (is(sc, k, "'s") || is(sc, k, "\xE2\x80\x99s")))
        k++;
    if (k < sc->n && same(sc, a, k) && word(sc, k))
        for (int w = 0; role[w]; w++)
            if (is(sc, k, role[w]))
                return 1;
    if (b + 2 >= sc->n || !is(sc, b, ","))
        return 0;
    size_t j = b + 1;
    if (isi(sc, j, "a") || isi(sc, j, "an") || isi(sc, j, "the"))
        j++;
    else if (j + 1 < sc->n && sc->ti[j].cap && poss(sc, j + 1))
        j += 2;                 /* "Naftogaz, Ukraine's state energy company" */
    else if (!org_noun(sc, j) || !is(sc, j + 1, "of"))
        return 0;               /* "Agora, publisher of ..." */
    for (size_t e = j + 6; j < e && j < sc->n && same(sc, b, j)
         && ((word(sc, j) && sc->ti[j].lower) || (is(sc, j, "-") && !spaced(sc, j))
             || poss(sc, j)); j++)
    {
        if (org_noun(sc, j))
            return 1;
        for (int w = 0; kind[w]; w++)
            if (is(sc, j, kind[w]))
                return 1;
    }
    return 0;
}

/* Is a name after "The" in the middle of a sentence, with 'p' the word
** before "The" and 'b' the end of the name, a newspaper or another
** medium: "told The Clarion", "according to The Clarion", "a writer for
** The Clarion", "The Clarion reported"? */
static int press(const scan *sc, size_t p, size_t b)
{
    static const char *const by[] = {
        "quoted", "reported", "published", "interviewed", "obtained", "seen", "reviewed",
        "broadcast", "aired", NULL
    };
    static const char *const for_[] = {
        "writer", "writers", "reporter", "reporters", "columnist", "editor", "correspondent",
        "wrote", "writes", "writing", "op-ed", "column", "article", "piece", NULL
    };
    static const char *const after[] = {
        "reported", "reports", "said", "says", "wrote", "writes", "revealed", "published",
        "quoted", "cited", NULL
    };
    if (is(sc, p, "told") || is(sc, p, "tells"))
        return 1;
    if (p > 0 && is(sc, p, "to") && (cls(sc, p - 1, GALLEY_NER_SPEECH) || is(sc, p - 1, "spoke")))
        return 1;               /* "according to", "remarked to" */
    if (p > 0 && is(sc, p, "with") && (is(sc, p - 1, "interview") || is(sc, p - 1, "interviews")))
        return 1;
    const char *const *w = is(sc, p, "by") ? by : is(sc, p, "for") ? for_ : NULL;
    for (; p > 0 && w && *w; w++)
        if (is(sc, p - 1, *w))
            return 1;
    if (b < sc->n && same(sc, p, b))
        for (w = after; *w; w++)
            if (is(sc, b, *w))
                return 1;
    return 0;
}

/* Does the context of the unknown piece [a, b) say it is an organization:
** a word for one right before or after it ("the ruling party Morena",
** "oil company Petrovalle", "the Tass news agency", "the Likud party"),
** or someone's role in it before "of" ("leader of Vente Venezuela")? */
static int org_context(const scan *sc, size_t a, size_t b)
{
    static const char *const role[] = {
        "leader", "leaders", "member", "members", "head", "chairman", "chairwoman",
        "founder", "co-founder", "spokesman", "spokeswoman", "spokesperson", "employees",
        "executives", "officials", "lawyers", "shareholders", "CEO", "chief", NULL
    };
    static const char *const work[] = {
        "worked", "works", "working", "employed", "job", "analyst", "analysts", "economist",
        "economists", "strategist", "strategists", "executive", "executives", "engineer",
        "engineers", "employee", "employees", "trader", "traders", "banker", "bankers",
        "consultant", "spokesman", "spokeswoman", "spokesperson", NULL
    };
    const char *z = TXT(sc, b - 1);
    size_t zn = LEN(sc, b - 1);
    if (zn > 4 && z[zn - 4] == '.')
        return 0;               /* a website: "the website Kelpie.com" */
    if (a > 0 && same(sc, a - 1, a) && org_noun(sc, a - 1))
        return 1;
    if (a >= 2 && is(sc, a - 1, "The") && !sc->ti[a - 1].initial && press(sc, a - 2, b))
        return 1;
    if (a >= 2 && is(sc, a - 1, "in") && same(sc, a - 2, a)
        && (is(sc, a - 2, "published") || is(sc, a - 2, "wrote") || is(sc, a - 2, "writes")
            || is(sc, a - 2, "writing") || is(sc, a - 2, "op-ed") || is(sc, a - 2, "column")
            || is(sc, a - 2, "editorial")))
        return 1;               /* "published in Nature" */
    if (a > 0 && (is(sc, a - 1, "and") || (is(sc, a - 1, "-") && !spaced(sc, a - 1))))
        return 0;               /* "Travel and Leisure magazine", "the al-Ahali group" */
    size_t e = b;
    if (e < sc->n && word(sc, e) && sc->ti[e].lower && LEN(sc, e) > 3 && !org_noun(sc, e))
        e++;                    /* "the Tass news agency" */
    if (e < sc->n && same(sc, a, e) && org_noun(sc, e)
        && !(e + 1 < sc->n && word(sc, e + 1) && sc->ti[e + 1].cap && same(sc, e, e + 1))
        && !is(sc, e, "coalition") && !is(sc, e, "alliance") && !is(sc, e, "bloc")
        && !is(sc, e, "faction"))
        return 1;               /* not "Local newspaper La Prensa", "the Okoro coalition" */
    if (a >= 2 && (is(sc, a - 1, "of") || is(sc, a - 1, "for")) && same(sc, a - 2, a)
        && among(sc, a - 2, role))
        return 1;
    if (a >= 2 && (is(sc, a - 1, "at") || is(sc, a - 1, "for")) && same(sc, a - 2, a))
        for (const char *const *w = work; *w; w++)
            if (isi(sc, a - 2, *w))
                return 1;       /* "analysts at Bernvale", "worked for Quillon" */
    return 0;
}

/* Do the words from 'i' on (dir 1) or before 'i' (dir -1) spell the
** acronym at 'x' ("Reactive Oxygen Species" for "ROS", "Interview of the
** Month" for "IOTM")? Returns 1 for words that name no organization, 0 for
** none or for an organization's name. */
static int spelt(const scan *sc, size_t x, size_t i, int dir)
{
    const char *p = TXT(sc, x);
    size_t n = LEN(sc, x), got = 0, lo = i, hi = i;
    for (size_t k = i, steps = 0; got < n && steps < 2 * n + 2; steps++) {
        if (k >= sc->n || !word(sc, k))
            return 0;
        char c = *TXT(sc, k);
        if (!(c >= 'a' && c <= 'z' && (is(sc, k, "of") || is(sc, k, "the") || is(sc, k, "and")
                                       || is(sc, k, "for") || is(sc, k, "on")
                                       || is(sc, k, "in")))) {
            size_t at = dir > 0 ? got : n - 1 - got;   /* small words are left out */
            if ((c | 0x20) != (p[at] | 0x20))
                return 0;
            got++;
        }
        lo = k < lo ? k : lo;
        hi = k > hi ? k : hi;
        if (dir < 0 && k == 0)
            break;
        k = dir > 0 ? k + 1 : k - 1;
    }
    return got == n && !cls(sc, hi, GALLEY_NER_ORG_SUFFIX) && !hit(sc, lo, GALLEY_NER_ORG, NULL)
        && !cls(sc, lo, GALLEY_NER_ORG_HEAD);
}

/* Is the acronym at 'x' spelt out next to it, in brackets, as words that
** name no organization: "reactive oxygen species (ROS)", "ROS [reactive
** oxygen species]"? */
static int acronym_defined(const scan *sc, size_t x)
{
    if (x >= 2 && (is(sc, x - 1, "(") || is(sc, x - 1, "[")) && x + 1 < sc->n
        && (is(sc, x + 1, ")") || is(sc, x + 1, "]")))
        return spelt(sc, x, x - 2, -1);
    if (x + 2 < sc->n && (is(sc, x + 1, "(") || is(sc, x + 1, "[")))
        return spelt(sc, x, x + 2, 1);
    return 0;
}

/* Is candidate 'x' the short form of the organization just before it, in
** brackets: "the Oswaldo Cruz Foundation (Fiocruz)"? */
static int short_form(const scan *sc, const cand *cv, size_t x)
{
    const cand *u = &cv[x];
    return x > 0 && u->a >= 2 && u->b == u->a + 1 && is(sc, u->a - 1, "(")
        && u->b < sc->n && is(sc, u->b, ")") && cv[x - 1].b == u->a - 1
        && cv[x - 1].label == GALLEY_NER_L_ORG && !(cv[x - 1].flags & C_WEAK);
}

/* Is the piece [a, b) after a preposition a field, a creed or a website
** rather than a place: "a degree in Linguistics", "converted to
** Catholicism"? */
static int field(const scan *sc, size_t a, size_t b)
{
    static const char *const end[] = { "ism", "ology", "ics", "anity", "onry", NULL };
    static const char *const degree[] = {
        "degree", "degrees", "Ph.D.", "PhD", "doctorate", "Bachelor", "Master", "Masters",
        "diploma", "major", "minor", "BA", "MA", "BSc", "MSc", "MBA", "courses", "Professor",
        "professor", "lecturer", "Education", "Arts", "Science", "Sciences", NULL
    };
    const char *p = TXT(sc, b - 1);
    size_t n = LEN(sc, b - 1);
    if (n > 4 && (memcmp(p + n - 4, ".com", 4) == 0 || memcmp(p + n - 4, ".org", 4) == 0
                  || memcmp(p + n - 4, ".net", 4) == 0))
        return 1;               /* a website: "at Kelpie.com" */
    for (int k = 0; end[k]; k++) {
        size_t m = strlen(end[k]);
        if (n > m + 2 && memcmp(p + n - m, end[k], m) == 0)
            return 1;
    }
    if (a >= 2)
        for (int k = 0; degree[k]; k++)
            if (is(sc, a - 2, degree[k]))
                return 1;
    return 0;
}

/* Only a comma, "and" or "or" between tokens 'a' and 'b' (end, start). */
static int listed(const scan *sc, size_t a, size_t b)
{
    if (b <= a || b - a > 2 || !same(sc, a, b))
        return 0;
    for (size_t k = a; k < b; k++)
        if (!is(sc, k, ",") && !is(sc, k, "and") && !is(sc, k, "or"))
            return 0;
    return 1;
}

/* Are candidates 'x' and 'x + 1' in a list (see listed)? 2 when "and" or
** "or" joins them, 1 for a comma alone. */
static int linked(const scan *sc, const cand *cv, size_t nc, size_t x)
{
    if (x + 1 >= nc || !listed(sc, cv[x].b, cv[x + 1].a))
        return 0;
    return is(sc, cv[x + 1].a - 1, ",") ? 1 : 2;
}

/* Is candidate 'x' in a list with a name labelled 'label' ("Dalmatia and
** Pannonia")? For an organization, two names with a comma alone between
** them are no list ("the head of NATO, Tom Vance, said") unless the list
** goes on. */
static int listed_with(const scan *sc, const cand *cv, size_t nc, size_t x, int label)
{
    int left = x > 0 ? linked(sc, cv, nc, x - 1) : 0, right = linked(sc, cv, nc, x);
    if (left && cv[x - 1].label == label && !(cv[x - 1].flags & C_WEAK)
        && (label != GALLEY_NER_L_ORG || left == 2 || right
            || (x > 1 && linked(sc, cv, nc, x - 2))))
        return 1;
    return right && cv[x + 1].label == label && !(cv[x + 1].flags & C_WEAK)
        && (label != GALLEY_NER_L_ORG || right == 2 || left || linked(sc, cv, nc, x + 1));
}

/* A game's score at token 'i': "2-1", "1–1" (small numbers, no spaces). */
static int score(const scan *sc, size_t i)
{
    size_t n1, n2;
    return i + 2 < sc->n && sc->t[i].kind == GALLEY_TK_NUMBER && !spaced(sc, i)
        && (is(sc, i + 1, "-") || is(sc, i + 1, "\xE2\x80\x93")) && !spaced(sc, i + 1)
        && sc->t[i + 2].kind == GALLEY_TK_NUMBER && digits(sc, i, &n1) >= 0 && n1 <= 3
        && digits(sc, i + 2, &n2) >= 0 && n2 <= 3 && same(sc, i, i + 2);
}

/* Is the place [a, b) a team, in a sentence with a score: before or after
** a verb of winning or losing, or after "against", "with", "to", "by",
** "over" after such a verb or the score ("Ardley beat Norwick 2-1",
** "drew 1-1 with Norwick", "lost to Ardley")? */
static int sports(const scan *sc, size_t a, size_t b)
{
    static const char *const verb[] = {
        "beat", "beats", "beaten", "defeated", "defeats", "edged", "thrashed", "routed",
        "drew", "draws", "lost", "won", "overcame", "downed", "crushed", "hammered",
        "eliminated", "stunned", "upset", "held", NULL
    };
    static const char *const prep[] = { "against", "with", "to", "by", "over", "versus", "vs",
                                        "vs.", NULL };
    if (b < sc->n && (poss(sc, b) || (sc->ti[a].cls & FIRST)))
        return 0;               /* "Spain's Nadal" */
    int near = (b < sc->n && same(sc, a, b) && among(sc, b, verb))
        || (a > 0 && same(sc, a - 1, a) && among(sc, a - 1, verb));
    if (!near && a > 1 && same(sc, a - 1, a) && among(sc, a - 1, prep))
        for (size_t k = a - 1; k-- > 0 && k + 5 >= a && same(sc, k, a);)
            if (among(sc, k, verb) || (k + 2 < a - 1 && score(sc, k))) {
                near = 1;
                break;
            }
    if (!near)
        return 0;
    size_t s0 = a;
    while (s0 > 0 && same(sc, s0 - 1, a))
        s0--;
    for (size_t k = s0; k < sc->n && same(sc, k, a); k++)
        if (score(sc, k))
            return 1;
    return 0;
}

/* Do name words from 'i' on, up to four, reach an organization suffix
** ("Warning Systems Network")? */
static int suffix_ahead(const scan *sc, size_t i)
{
    for (size_t m = i; m < i + 4 && same(sc, i, m) && namey(sc, m)
                       && !(sc->t[m].flags & GALLEY_TF_NL); m++)
        if (cls(sc, m, GALLEY_NER_ORG_SUFFIX))
            return 1;
    return 0;
}

static int names(scan *sc)
{
    cand *cv = NULL;
    size_t nc = 0, capc = 0;
    int rc = GALLEY_OK;
    for (size_t i = 0; i < sc->n; i++) {
        size_t j = LEN(sc, i) <= 2 && sc->ti[i].cap ? road(sc, i) : 0;
        if (j) {
            if ((rc = run(sc, &cv, &nc, &capc, i, j)))
                goto done;
            i = j - 1;
            continue;
        }
        if (!namey(sc, i))
            continue;
        j = i + 1;
        for (;;) {
            size_t he = hit(sc, j - 1, GALLEY_NER_ORG, NULL), u = j;
            while (u < he && !sc->ti[u].used)
                u++;
            if (he > j && u == he) {
                j = he;         /* "Procter & Gamble" (but "Bosnia" and "Herzegovina") */
                continue;
            }
            if (j < sc->n && same(sc, i, j) && namey(sc, j) && !(sc->t[j].flags & GALLEY_TF_NL)) {
                j++;
                continue;
            }
            if (j < sc->n && same(sc, i, j) && !(sc->t[j].flags & GALLEY_TF_NL) && !sc->ti[j].used
                && ((sc->ti[j].cap && !(sc->ti[i].cls & FIRST) && word(sc, j)
                     && !(sc->t[j].flags & GALLEY_TF_UPPER)
                     && cls(sc, j, GALLEY_NER_ORG_SUFFIX) && cls(sc, j, GALLEY_NER_COMMON))
                    || (is(sc, j, "I") && regnal(sc, j))
                    || (sc->ti[j].cap && !(sc->ti[i].cls & FIRST) && word(sc, j)
                        && !(sc->t[j].flags & GALLEY_TF_UPPER) && cls(sc, j, GALLEY_NER_COMMON)
                        && same(sc, j, j + 1) && !(sc->t[j + 1].flags & GALLEY_TF_NL)
                        && (suffix_ahead(sc, j + 1)
                            || ((is(sc, j + 1, "'") || is(sc, j + 1, "\xE2\x80\x99"))
                                && connector(sc, i, j + 1) == j + 2))))) {
                j++;            /* "ABC News", "Norton I", "Moody's Investors Service",
                                   "Transport Workers' Federation", "Famine Early Warning
                                   Systems Network" */
                continue;
            }
            if (place_number(sc, j)) {
                j++;
                break;          /* "Terminal 2" */
            }
            size_t c = j < sc->n ? connector(sc, i, j) : 0;
            if (c) {
                j = c;
                continue;
            }
            break;
        }
        if ((title_at(sc, i) == j || (j == i + 1 && !(sc->ti[i].cls & NAMED)))
            && j + 1 < sc->n && same(sc, j, j + 1) && poss(sc, j) && is(sc, j + 1, "Office")) {
            /* "the Attorney General's Office", "the Ombudsman's Office" */
            if ((rc = push_cand(sc, &cv, &nc, &capc, i, j + 2, 0)))
                goto done;
            i = j + 1;
            continue;
        }
        if (i > 0 && word(sc, i - 1) && sc->ti[i - 1].cap && !sc->ti[i - 1].initial
            && !sc->ti[i - 1].used && cls(sc, i - 1, GALLEY_NER_COMMON) && same(sc, i - 1, i)
            && !isi(sc, i - 1, "the") && !(sc->t[i - 1].flags & GALLEY_TF_UPPER)
            && (cls(sc, j - 1, GALLEY_NER_ORG_SUFFIX) || cls(sc, j - 1, GALLEY_NER_PLACE_SUFFIX)))
            i--;                /* "New Culture Movement", "Old Town Square" */
        if ((rc = run(sc, &cv, &nc, &capc, i, j)))
            goto done;
        i = j - 1;
    }
    /* the document pass: unknown pieces take the label of a fuller name
       (any part of a person's name, the start of an organization's or a
       place's), else of their context */
    int *found = calloc(nc ? nc : 1, sizeof *found);
    if (!found) {
        rc = GALLEY_ENOMEM;
        goto done;
    }
    /* acronyms spelt out as words that name no organization, and every
       other use of them in the article */
    uint64_t acro[NER_ACRONYMS];
    size_t nacro = 0;
    for (size_t x = 0; x < nc && nacro < NER_ACRONYMS; x++)
        if (cv[x].label == GALLEY_NER_L_ORG && cv[x].b == cv[x].a + 1
            && (sc->t[cv[x].a].flags & GALLEY_TF_UPPER) && !cls(sc, cv[x].a, GALLEY_NER_ORG)
            && acronym_defined(sc, cv[x].a))
            acro[nacro++] = sc->ti[cv[x].a].hash;
    for (size_t x = 0; x < nc && nacro; x++)
        if (cv[x].label == GALLEY_NER_L_ORG && cv[x].b == cv[x].a + 1
            && !cls(sc, cv[x].a, GALLEY_NER_ORG))
            for (size_t k = 0; k < nacro; k++)
                if (acro[k] == sc->ti[cv[x].a].hash)
                    cv[x].label = -1;
    for (size_t x = 0; x < nc; x++)
        if (cv[x].label == GALLEY_NER_NONE)
            found[x] = link_label(sc, cv, nc, x);
    for (int pass = 0; pass < 2; pass++) {
        /* pieces of several words first, so that one word can then
           take the label of the name it belongs to */
        for (size_t x = 0; x < nc; x++) {
            cand *u = &cv[x];
            size_t len = u->b - u->a;
            if (u->label != GALLEY_NER_NONE || (pass == 0 && len < 2))
                continue;
            if (pass == 1 && !found[x])
                found[x] = link_label(sc, cv, nc, x);
            int seen = 0;
            size_t nw = 0;      /* name words, not particles and hyphens */
            int has_first = 0;
            for (size_t k = u->a; k < u->b; k++)
                if (sc->ti[k].cap) {
                    seen |= lowerseen(sc, k)
                        || (wordlike(sc, k, k + 1 == u->b) && !(sc->ti[k].cls & FIRST));
                    nw++;
                    has_first |= (sc->ti[k].cls & (BIT(GALLEY_NER_FIRST) | BIT(GALLEY_NER_FIRST_M)
                                                   | BIT(GALLEY_NER_FIRST_F))) != 0;
                }
            if (found[x])
                u->label = found[x];
            else if (!has_first && short_form(sc, cv, x)) {
                u->label = GALLEY_NER_L_ORG;    /* "Oswaldo Cruz Foundation (Fiocruz)" */
                u->flags |= C_WEAK;
            }
            else if (the_org(sc, u->a, u->b)
                     || (!has_first && (company_context(sc, u->a, u->b)
                                        || org_context(sc, u->a, u->b)))) {
                u->label = GALLEY_NER_L_ORG;
                u->flags |= C_WEAK;
            } else if (!has_first && place_context(sc, cv, x)) {
                u->label = GALLEY_NER_L_PLACE;
                u->flags |= C_WEAK;
            } else if (no_person(sc, u->a, u->b) || cls(sc, u->a, GALLEY_NER_COMMON))
                ;
            else if (!(sc->ti[u->a].cls & FIRST) && !(u->flags & C_PREP)
                     && listed_with(sc, cv, nc, x, GALLEY_NER_L_ORG)) {
                u->label = GALLEY_NER_L_ORG;    /* "Google, Bing and Yahoo", "Petrobras and
                                                   Ecopetrol said" */
                u->flags |= C_WEAK;
            } else if ((u->flags & C_SPEECH)
                       && !(len == 1 && (cls(sc, u->a, GALLEY_NER_ORG_SUFFIX)
                                         || cls(sc, u->a, GALLEY_NER_ORG_HEAD)))) {
                u->label = GALLEY_NER_PERSON;   /* not "Federation said" */
                u->flags |= C_WEAK;
            } else if (!has_first && listed_with(sc, cv, nc, x, GALLEY_NER_L_PLACE)) {
                u->label = GALLEY_NER_L_PLACE;  /* "Cruden and Ellon" */
                u->flags |= C_WEAK;
            } else if ((u->flags & C_PREP) && nw >= 2 && nw <= 3 && !seen && has_first) {
                u->label = GALLEY_NER_PERSON;   /* "from LeBron James" */
            } else if ((u->flags & C_PREP) && field(sc, u->a, u->b)) {
                ;                       /* "a degree in Linguistics" */
            } else if (u->flags & C_PREP) {
                u->label = GALLEY_NER_L_PLACE;
                u->flags |= C_WEAK;     /* no other piece follows it */
            }
            else if (nw >= 2 && nw <= 3 && !seen
                     && (!(u->flags & C_INITIAL) || (word(sc, u->b) && sc->ti[u->b].lower)
                         || is(sc, u->b, ",")))
                u->label = GALLEY_NER_PERSON;
        }
    }
    free(found);
    int scored = 0;             /* a game's score anywhere in the article */
    for (size_t k = 0; k < sc->n && !scored; k++)
        scored = sc->t[k].kind == GALLEY_TK_NUMBER && score(sc, k);
    for (size_t x = 0; x < nc && scored; x++)
        if (cv[x].label == GALLEY_NER_L_PLACE && sports(sc, cv[x].a, cv[x].b))
            cv[x].label = GALLEY_NER_L_ORG;     /* "Ardley beat Norwick 2-1" */
    for (size_t x = 0; x < nc; x++)
        if (cv[x].label > 0 && (rc = push_mention(sc, cv[x].a, cv[x].b, cv[x].label, cv[x].alias)))
            goto done;
done:
    free(cv);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Linking                                                             */
/* ------------------------------------------------------------------ */

static int cmp_mention(const void *pa, const void *pb)
{
    const galley_ner_mention *a = pa, *b = pb;
    return a->start < b->start ? -1 : a->start > b->start;
}

static int mcontained(const scan *sc, const galley_ner_mention *x, const galley_ner_mention *y)
{
    cand cx = {x->tok, x->tok + x->ntok, 0, 0, 0}, cy = {y->tok, y->tok + y->ntok, 0, 0, 0};
    return contained(sc, &cx, &cy);
}

static void link(scan *sc)
{
    galley_ner_result *r = sc->out;
    if (r->n > 1)
        qsort(r->m, r->n, sizeof *r->m, cmp_mention);
    for (size_t x = 0; x < r->n; x++) {
        galley_ner_mention *m = &r->m[x];
        for (uint32_t k = m->tok; k < m->tok + m->ntok; k++)
            sc->ti[k].men = (int32_t)x;
        m->canon = (int32_t)x;
        if (m->label != GALLEY_NER_PERSON && m->label != GALLEY_NER_L_ORG)
            continue;
        uint32_t blen = m->ntok;
        size_t y0 = x > NER_LINK_WINDOW ? x - NER_LINK_WINDOW : 0;
        size_t y1 = r->n - x > NER_LINK_WINDOW ? x + NER_LINK_WINDOW : r->n;
        for (size_t y = y0; y < y1; y++) {
            galley_ner_mention *v = &r->m[y];
            if (v->label == m->label && v->ntok > blen && mcontained(sc, m, v)) {
                m->canon = (int32_t)y;
                blen = v->ntok;
            }
        }
    }
    for (size_t x = 0; x < r->n; x++) {
        galley_ner_mention *m = &r->m[x];
        if (m->label != GALLEY_NER_PERSON)
            continue;
        const galley_ner_mention *c = &r->m[m->canon];
        uint32_t f = sc->ti[c->tok].cls;
        int male = (f & BIT(GALLEY_NER_FIRST_M)) != 0, female = (f & BIT(GALLEY_NER_FIRST_F)) != 0;
        if (male && !female)
            m->flags |= GALLEY_NER_MALE;
        if (female && !male)
            m->flags |= GALLEY_NER_FEMALE;
    }
}

/* ------------------------------------------------------------------ */
/* Quotations                                                          */
/* ------------------------------------------------------------------ */

/* The quotations are found in two passes: the first pairs the marks (and
** the pieces of a quotation over several paragraphs), the second looks for
** each one's speaker, knowing where every quotation is, so that names and
** pronouns inside quotations are never taken for the narrator's. */

#define QNONE (-1)              /* no attribution here: try the next rule */
#define QNULL (-2)              /* attributed to somebody with no name: stop */
#define QSELF (-3)              /* "I said": the voice of the quotation around it */

/* One quotation of the first pass. */
typedef struct qrec {
    uint32_t qo, qc;            /* opening mark; closing mark, or last token of an open piece */
    uint32_t from, to;          /* bytes between the marks, blanks trimmed */
    uint32_t chain;             /* opening token of the first piece of its chain, or UINT32_MAX */
    int32_t speaker;
    uint8_t closed, inner, how;
} qrec;

typedef struct qscan {
    scan *sc;
    qrec *q;
    size_t nq, capq;
    uint8_t *inq;               /* per token: inside a quotation (marks included) */
    int32_t *ref;               /* per token: the mention a pronoun stands for, or -1 */
    uint8_t *sex;               /* per mention: genders pronouns gave it (GALLEY_NER_MALE ...) */
    int32_t *pl;                /* per mention: the person a place is named like, -1, or -2 unknown */
    size_t resolved;            /* pronouns before this token have their 'ref' */
    int32_t self;               /* the speaker of the quotation around the one at hand, or -1 */
} qscan;

/* A single quotation mark at 'i': 1 opening (‘ or ' before a word, after a
** blank), 2 closing (’ or ' after a word, before a blank or punctuation),
** else 0. Apostrophes inside words are parts of their tokens. */
static int smark(const scan *sc, size_t i)
{
    if (sc->t[i].kind != GALLEY_TK_PUNCT)
        return 0;
    const char *p = TXT(sc, i);
    size_t n = LEN(sc, i);
    int straight = n == 1 && p[0] == '\'';
    int left = n == 3 && memcmp(p, "\xE2\x80\x98", 3) == 0;
    int right = n == 3 && memcmp(p, "\xE2\x80\x99", 3) == 0;
    if (!straight && !left && !right)
        return 0;
    int blank_before = i == 0 || spaced(sc, i - 1) || sc->t[i].lines > 0
        || qmark(sc, i - 1) || is(sc, i - 1, "(");
    int blank_after = i + 1 >= sc->n || spaced(sc, i) || sc->t[i + 1].kind == GALLEY_TK_PUNCT;
    if ((straight || left) && blank_before && !blank_after && word(sc, i + 1))
        return 1;
    if ((straight || right) && !blank_before && blank_after)
        return 2;
    return 0;
}

/* A straight double mark that can only close: after a word, before a blank. */
static int closing_only(const scan *sc, size_t i)
{
    int blank_before = i == 0 || spaced(sc, i - 1) || sc->t[i].lines > 0;
    int blank_after = i + 1 >= sc->n || spaced(sc, i) || sc->t[i + 1].kind == GALLEY_TK_PUNCT;
    return !blank_before && blank_after;
}

/* Pronoun kinds: 'm', 'f', 'p' (they), 0 (none). Possessive and object
** forms are given when 'any'; else only the subject forms he, she, they. */
static int pron(const scan *sc, size_t k, int any)
{
    if (k >= sc->n || sc->t[k].kind != GALLEY_TK_WORD || LEN(sc, k) > 4)
        return 0;
    if (cls(sc, k, GALLEY_NER_PRON_M))
        return any || isi(sc, k, "he") ? 'm' : 0;
    if (cls(sc, k, GALLEY_NER_PRON_F))
        return any || isi(sc, k, "she") ? 'f' : 0;
    if (isi(sc, k, "his"))
        return any ? 'm' : 0;
    if (cls(sc, k, GALLEY_NER_PRON_P))
        return isi(sc, k, "they") ? 'p' : 0;
    return 0;
}

static int is_person(const scan *sc, int32_t x)
{
    return x >= 0 && sc->out->m[x].label == GALLEY_NER_PERSON;
}

/* A place named like a person of the article ("according to Herrera",
** Herrera being a town too): that person's mention nearest before, or -1. */
static int32_t surname_person(const scan *sc, int32_t x)
{
    const galley_ner_mention *m = &sc->out->m[x];
    int32_t best = -1;
    if (m->ntok != 1)
        return -1;
    size_t y0 = (size_t)x > NER_LINK_WINDOW ? (size_t)x - NER_LINK_WINDOW : 0;
    size_t y1 = sc->out->n - (size_t)x > NER_LINK_WINDOW ? (size_t)x + NER_LINK_WINDOW : sc->out->n;
    for (size_t y = y0; y < y1; y++) {
        const galley_ner_mention *v = &sc->out->m[y];
        if (v->label != GALLEY_NER_PERSON || v->ntok < 2)
            continue;
        size_t l = v->tok + v->ntok - 1;
        if (LEN(sc, l) == LEN(sc, m->tok) && memcmp(TXT(sc, l), TXT(sc, m->tok), LEN(sc, l)) == 0
            && (best < 0 || v->tok < m->tok))
            best = (int32_t)y;
    }
    return best;
}

/* The speaker mention 'x' names: a person or an organization that can
** speak, not an owner ("Ruiz's aide") nor the object of a preposition
** ("a spokesman for Acme"), unless 'free'; -1 when it names none. */
static int32_t speaker_mention(const scan *sc, int32_t x, int free)
{
    const galley_ner_mention *m = &sc->out->m[x];
    int32_t y = x;
    if (m->label == GALLEY_NER_L_PLACE)
        y = surname_person(sc, x);
    else if (m->label != GALLEY_NER_PERSON && m->label != GALLEY_NER_L_ORG)
        return -1;
    if (y < 0)
        return -1;
    size_t b = m->tok + m->ntok, a = m->tok;
    if (b < sc->n && (is(sc, b, "'s") || is(sc, b, "\xE2\x80\x99s") || is(sc, b, "'")
                      || is(sc, b, "\xE2\x80\x99")))
        return -1;
    static const char *const preps[] = {
        "of", "for", "at", "with", "from", "to", "by", "in", "on", "about", "against",
        "like", "than", "among", "between", "toward", "towards", "into", "without",
        "under", "over", "behind", "beside", "after", "before", "meeting", "met", NULL
    };
    if (!free && a > 0 && sc->ti[a - 1].lower)
        for (int k = 0; preps[k]; k++)
            if (isi(sc, a - 1, preps[k]))
                return -1;
    return y;
}

/* Tokens looked at before a token for its sentence's start: a bounded
** window keeps huge sentences (texts without stops) linear. */
#define NER_QUOTE_WINDOW 256

/* The first token of the sentence of token 'k' (at most NER_QUOTE_WINDOW
** tokens back). */
static size_t sent_start(const scan *sc, size_t k)
{
    size_t lo = k > NER_QUOTE_WINDOW ? k - NER_QUOTE_WINDOW : 0;
    while (k > lo && sc->t[k - 1].sent == sc->t[k].sent)
        k--;
    return k;
}

/* Can a pronoun of kind 'p' stand for mention 'x'? 2 when the first name
** (or a pronoun that stood for the person before) says so, 1 when nothing
** says otherwise, 0 when not. */
static int agrees(const qscan *qs, int p, int32_t *px)
{
    const scan *sc = qs->sc;
    int32_t x = *px;
    const galley_ner_mention *m = &sc->out->m[x];
    if (m->label == GALLEY_NER_L_PLACE) {
        if (qs->pl[x] == -2)
            qs->pl[x] = surname_person(sc, x);  /* "Santos said" */
        if (qs->pl[x] < 0)
            return 0;
        m = &sc->out->m[*px = x = qs->pl[x]];
    }
    uint8_t f = m->flags | qs->sex[m->canon >= 0 ? m->canon : x];
    if (p == 'p')
        return m->label == GALLEY_NER_L_ORG
            || (m->label == GALLEY_NER_PERSON && !(f & (GALLEY_NER_MALE | GALLEY_NER_FEMALE)));
    if (m->label != GALLEY_NER_PERSON)
        return 0;
    int male = (f & GALLEY_NER_MALE) != 0, female = (f & GALLEY_NER_FEMALE) != 0;
    if (male && female)
        return 1;
    if (p == 'm')
        return female ? 0 : male ? 2 : 1;
    return male ? 0 : female ? 2 : 1;
}

/* The mention the pronoun at 'k' (of kind 'p') stands for, pronouns before
** it resolved: the sentence of 'k' and then up to four before it, in each
** the first person outside quotations whose gender agrees (the subject,
** more often than not); one whose gender is unknown when no person of the
** right gender is named in that sentence or the one before; -1 when none. */
static int32_t resolve(const qscan *qs, size_t k, int p)
{
    const scan *sc = qs->sc;
    size_t end = k, start = sent_start(sc, k);
    if (qs->inq[k] && start > 0) {
        end = start;            /* Ruiz said: “He lied.”: he is not Ruiz */
        start = sent_start(sc, start - 1);
    }
    int32_t loose = -1;
    int quoted = 0;
    for (int back = 0, left = 2; back < (p == 'p' ? 2 : 5) && left > 0; back++) {
        for (size_t t = start; t < end; t++) {
            if (qs->inq[t])
                continue;
            int32_t x = sc->ti[t].men;
            int a = 0;
            if (x >= 0) {
                const galley_ner_mention *m = &sc->out->m[x];
                t = m->tok + m->ntok - 1;
                a = agrees(qs, p, &x);
                if (qs->self >= 0 && qs->inq[k]
                    && sc->out->m[x].canon == sc->out->m[qs->self].canon)
                    a = 0;      /* “He lied,” said Gil: he is not Gil */
            } else if (p != 'p' && pron(sc, t, 0) == p && qs->ref[t] >= 0) {
                x = qs->ref[t];
                a = 2;
            }
            if (a == 2)
                return x;
            if (a == 1 && loose < 0)
                loose = x;
        }
        if (loose >= 0)
            left--;
        if (qs->inq[start] && qs->inq[end - 1] && quoted++ < 8)
            back--;             /* a quoted sentence: the narrator said nothing */
        do {                    /* headings and captions have no say */
            if (start == 0)
                return loose;
            end = start;
            start = sent_start(sc, start - 1);
        } while (start > 0 && sc->t[end - 1].kind != GALLEY_TK_PUNCT);
    }
    return loose;
}

/* Remember that pronoun kind 'p' stood for mention 'x'. */
static void learn(qscan *qs, int p, int32_t x)
{
    if (x < 0 || (p != 'm' && p != 'f'))
        return;
    const galley_ner_mention *m = &qs->sc->out->m[x];
    if (m->label == GALLEY_NER_PERSON)
        qs->sex[m->canon >= 0 ? m->canon : x] |= p == 'm' ? GALLEY_NER_MALE : GALLEY_NER_FEMALE;
}

/* The mention the pronoun at 'k' stands for, or -1. */
static int32_t antecedent(qscan *qs, size_t k)
{
    const scan *sc = qs->sc;
    int p = pron(sc, k, 1);
    if (!p)
        return -1;
    for (; qs->resolved < k; qs->resolved++) {
        size_t t = qs->resolved;
        int pt = qs->inq[t] ? 0 : pron(sc, t, 0);
        qs->ref[t] = pt && pt != 'p' ? resolve(qs, t, pt) : -1;
        learn(qs, pt, qs->ref[t]);
    }
    int32_t x = resolve(qs, k, p);
    learn(qs, p, x);
    return x;
}

/* Do the titles at 'a' and 'b' share their rank: no "vice", "deputy",
** "former" before one of them that the other lacks ("the president" is not
** Vice President Carmen Vega)? */
static int same_rank(const scan *sc, size_t a, size_t b)
{
    static const char *const w[] = {
        "vice", "deputy", "former", "assistant", "acting", "under", "lieutenant", "ex", NULL
    };
    int ra = -1, rb = -1;
    for (int k = 0; w[k]; k++) {
        if (a > 0 && isi(sc, a - 1, w[k]))
            ra = k;
        if (b > 0 && isi(sc, b - 1, w[k]))
            rb = k;
    }
    if (a > 1 && is(sc, a - 1, "-") && isi(sc, a - 2, "vice"))
        ra = 0;                 /* "Vice-President" */
    if (b > 1 && is(sc, b - 1, "-") && isi(sc, b - 2, "vice"))
        rb = 0;
    return ra == rb;
}

/* A role noun at 't' ("the minister", "a spokesman"): the person last
** introduced with that title before token 'before', either before the name
** ("Finance Minister Carla Duarte") or after it ("Duarte, the minister"),
** else QNULL. */
static int32_t role_person(const qscan *qs, size_t t, size_t before)
{
    const scan *sc = qs->sc;
    uint32_t id = sc->ner->ids[t];
    size_t lo = 0, hi = sc->out->n;     /* mentions are in document order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->out->m[mid].tok < before)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t y = lo; y-- > 0 && y + NER_LINK_WINDOW > lo;) {
        const galley_ner_mention *m = &sc->out->m[y];
        if (m->tok >= before || m->label != GALLEY_NER_PERSON || qs->inq[m->tok])
            continue;
        for (uint32_t j = m->tok; j-- > 0 && j + 4 > m->tok && same(sc, j, m->tok);)
            if (sc->ner->ids[j] == id && j != t && same_rank(sc, j, t))
                return (int32_t)y;
        size_t e = m->tok + m->ntok;
        if (is(sc, e, ","))
            for (size_t j = e + 1; j < e + 7 && same(sc, e, j) && !is(sc, j, ",")
                 && !is(sc, j, "."); j++)
                if (sc->ner->ids[j] == id && j != t && same_rank(sc, j, t))
                    return (int32_t)y;
    }
    return QNULL;
}

/* A role noun: a lower-case title such as "spokesman" or "minister". */
static int role(const scan *sc, size_t i)
{
    return cls(sc, i, GALLEY_NER_TITLE) && sc->ti[i].lower;
}

/* "It said": the organization named last before token 'k' outside
** quotations, in its sentence or the one before, else QNULL. */
static int32_t it_org(const qscan *qs, size_t k)
{
    const scan *sc = qs->sc;
    size_t lo = sent_start(sc, k);
    if (lo > 0)
        lo = sent_start(sc, lo - 1);
    for (size_t i = k; i-- > lo;) {
        int32_t x = sc->ti[i].men;
        if (x < 0 || qs->inq[i])
            continue;
        const galley_ner_mention *m = &sc->out->m[x];
        uint32_t first = BIT(GALLEY_NER_FIRST) | BIT(GALLEY_NER_FIRST_M) | BIT(GALLEY_NER_FIRST_F);
        if (m->label == GALLEY_NER_L_ORG
            || (m->label == GALLEY_NER_PERSON && !(sc->ti[m->tok].cls & first) && m->ntok > 1))
            return x;           /* a name taken for a person's: "Thames Valley Water said" */
        i = m->tok;
    }
    return QNULL;
}

/* The speaker named by the words [a, b) next to a speech verb, read from
** the left: the first person ("Ruiz", "the minister, Carla Duarte"), a
** pronoun, the person a role noun stands for ("the minister"), an
** organization; QNULL when there are words but no name ("the company",
** "officials", "Ruiz's spokesman"), QNONE when there are none. */
static int32_t np_speaker(qscan *qs, size_t a, size_t b)
{
    const scan *sc = qs->sc;
    int32_t org = -1;
    size_t rl = SIZE_MAX;
    int words = 0;
    for (size_t i = a; i < b && i < sc->n; i++) {
        int32_t x = sc->ti[i].men;
        if (x >= 0) {
            const galley_ner_mention *m = &sc->out->m[x];
            words = 1;
            int32_t y = speaker_mention(sc, x, i == a);
            if (y >= 0) {
                if (sc->out->m[y].label == GALLEY_NER_PERSON)
                    return y;
                if (org < 0)
                    org = y;
            }
            i = m->tok + m->ntok - 1;
            continue;
        }
        if (!word(sc, i))
            continue;
        if (isi(sc, i, "who") || isi(sc, i, "which") || isi(sc, i, "whose"))
            break;
        words = 1;
        if (rl == SIZE_MAX && (isi(sc, i, "i") || isi(sc, i, "we")))
            return QSELF;
        if (rl == SIZE_MAX && isi(sc, i, "it"))
            return it_org(qs, i);
        int p = pron(sc, i, 0);
        if (p && rl == SIZE_MAX) {
            int32_t r = antecedent(qs, i);
            return r >= 0 ? r : QNULL;
        }
        if (role(sc, i) && rl == SIZE_MAX)
            rl = i;
    }
    if (rl != SIZE_MAX)
        return role_person(qs, rl, a);
    if (org >= 0)
        return org;
    return words ? QNULL : QNONE;
}

/* A word that can follow a closing mark but no possessive: "of", "and". */
static int function_word(const scan *sc, size_t i)
{
    static const char *const w[] = {
        "of", "in", "on", "and", "or", "to", "for", "was", "is", "were", "are", "with",
        "at", "by", "from", "that", "which", "as", "but", "has", "had", "have", NULL
    };
    for (int k = 0; w[k]; k++)
        if (isi(sc, i, w[k]))
            return 1;
    return 0;
}

/* Adverbs and auxiliaries between a subject and its verb ("Ruiz later
** said", "who has repeatedly said"). */
static int aux(const scan *sc, size_t i)
{
    static const char *const w[] = {
        "also", "later", "then", "has", "had", "have", "was", "is", "once", "previously",
        "reportedly", "recently", "repeatedly", "often", "publicly", "again", "would", "will",
        "had", "has", "earlier", "first", "simply", "only", "never", "once", "just", "did",
        "famously", "himself", "herself", "quickly", "flatly", NULL
    };
    if (!word(sc, i) || !sc->ti[i].lower)
        return 0;
    for (int k = 0; w[k]; k++)
        if (isi(sc, i, w[k]))
            return 1;
    return 0;
}

/* After the speech verb at 'v': the name that ends the clause ("..., said
** Interior Minister Ana Ruiz." "said Ruiz, who ..."), or QNONE. 'strict'
** refuses a name followed by a verb ("said Ruiz was wrong"). */
static int32_t after_verb(qscan *qs, size_t v, int strict)
{
    const scan *sc = qs->sc;
    static const char *const ok_after[] = {
        "on", "in", "at", "during", "after", "before", "from", "while", "when", "as", "and",
        "but", "via", "with", "who", "whose", "last", "this", "earlier", "later", "today",
        "yesterday", "to", "of", "told", "adding", "according", NULL
    };
    size_t rl = SIZE_MAX;
    int lw = 0;                 /* lower-case words that are no title */
    for (size_t i = v + 1; i < sc->n && i < v + 12 && same(sc, v, i) && !qmark(sc, i); i++) {
        int32_t x = sc->ti[i].men;
        if (x >= 0) {
            const galley_ner_mention *m = &sc->out->m[x];
            size_t e = m->tok + m->ntok;
            int32_t y = speaker_mention(sc, x, 0);
            if (y >= 0) {
                int fine = !strict || e >= sc->n || !word(sc, e) || !sc->ti[e].lower;
                for (int k = 0; !fine && ok_after[k]; k++)
                    fine = isi(sc, e, ok_after[k]);
                return fine ? y : QNONE;
            }
            if (m->label == GALLEY_NER_PERSON || m->label == GALLEY_NER_L_ORG
                || m->label == GALLEY_NER_L_PLACE) {
                i = e - 1;      /* "said Acme's chief executive, ..." */
                continue;
            }
            return QNONE;
        }
        if (is(sc, i, ".") || is(sc, i, ";") || is(sc, i, ":"))
            break;
        if (is(sc, i, ",") || is(sc, i, "'s") || is(sc, i, "\xE2\x80\x99s"))
            continue;
        if (!word(sc, i))
            break;
        if (pron(sc, i, 0) && i == v + 1 && !strict) {
            int32_t r = antecedent(qs, i);  /* “...,” said he */
            return r >= 0 ? r : QNULL;
        }
        if (role(sc, i)) {
            if (rl == SIZE_MAX)
                rl = i;
            continue;
        }
        if (sc->ti[i].cap || isi(sc, i, "the") || isi(sc, i, "a") || isi(sc, i, "an")
            || isi(sc, i, "its") || isi(sc, i, "for") || isi(sc, i, "of")
            || (rl == SIZE_MAX && i < v + 4 && !strict))
            continue;
        if (strict && lw++ < 2 && i <= v + 3 && !pron(sc, i, 1) && !aux(sc, i)
            && !isi(sc, i, "it") && !isi(sc, i, "that") && !function_word(sc, i))
            continue;           /* "said council member Ruth Okafor" */
        break;
    }
    if (rl != SIZE_MAX)
        return role_person(qs, rl, v);
    return QNONE;
}

/* Is the word before token 'k' (past an article) "of", "at" or "from"? */
static int of_before(const scan *sc, size_t k)
{
    if (k > 0 && isi(sc, k - 1, "the"))
        k--;
    return k > 0 && same(sc, k - 1, k)
           && (isi(sc, k - 1, "of") || isi(sc, k - 1, "at") || isi(sc, k - 1, "from"));
}

/* The subject of the speech verb at 'v' that stands before it: "Ruiz
** said", "Ruiz, who replaced Alonso in March, said", "Robert Hale, Acme's
** chief executive, said", "he told", "the minister said"; or the name after
** it (", said Ruiz"); QNULL for a subject with no name ("officials said"). */
static int32_t subject_of(qscan *qs, size_t v)
{
    const scan *sc = qs->sc;
    size_t j = v, n = LEN(sc, v);
    if (n > 4 && memcmp(TXT(sc, v) + n - 3, "ing", 3) == 0 && v > 0 && is(sc, v - 1, ",")) {
        /* "Poisson rejected the paper, saying ...": the sentence's subject */
        for (size_t i = sent_start(sc, v); i < v; i++) {
            int32_t x = sc->ti[i].men;
            if (qs->inq[i] && !qs->inq[v])
                continue;
            if (x >= 0 && speaker_mention(sc, x, 0) >= 0)
                return speaker_mention(sc, x, 0);
            if (x >= 0)
                i = sc->out->m[x].tok + sc->out->m[x].ntok - 1;
            else if (pron(sc, i, 0)) {
                int32_t r = antecedent(qs, i);
                return r >= 0 ? r : QNULL;
            }
        }
        return QNULL;
    }
    while (j > 0 && same(sc, j - 1, v) && aux(sc, j - 1))
        j--;
    if (j > 0 && same(sc, j - 1, v) && (isi(sc, j - 1, "who") || isi(sc, j - 1, "which"))) {
        j--;                    /* "Ruiz, who said" */
        if (j > 0 && is(sc, j - 1, ","))
            j--;
    } else if (j > 0 && same(sc, j - 1, v) && (is(sc, j - 1, ",") || sent_start(sc, v) == j
                                                 || qmark(sc, j - 1) || smark(sc, j - 1) == 2)) {
        int32_t x = after_verb(qs, v, 1);     /* "..., said Ruiz" */
        if (x >= 0)
            return x;
        /* skip what stands between commas: "Ruiz, who ..., said", "Ann
           Lee, 45, a nurse from Leeds, said" */
        for (int seg = 0; seg < 3 && j > 0 && is(sc, j - 1, ","); seg++) {
            size_t p = j - 1;
            while (p-- > 0 && p + 20 > j && same(sc, p, v) && !qmark(sc, p) && !is(sc, p, ","))
                ;
            if (p == SIZE_MAX || !is(sc, p, ","))
                break;
            int32_t y = sc->ti[p + 1].men;
            if (is_person(sc, y) && sc->out->m[y].tok + sc->out->m[y].ntok == j - 1)
                return y;       /* "the festival's director, Claire Martin, said" */
            j = p;
        }
    }
    size_t lo = j > 16 ? j - 16 : 0;      /* 16 words before the verb, past asides */
    int seen = 0;
    int32_t owner = -1;         /* an organization after "of": its person may come first */
    for (size_t i = j; i-- > lo;) {
        if (!same(sc, i, v) || qmark(sc, i) || is(sc, i, ";") || (qs->inq[i] && !qs->inq[v])
            || (is(sc, i, ",") && seen))
            break;          /* "After Ruiz spoke, officials said" */
        seen |= word(sc, i);
        int32_t x = sc->ti[i].men;
        if (x >= 0) {
            const galley_ner_mention *m = &sc->out->m[x];
            int32_t y = speaker_mention(sc, x, 0);
            if (y >= 0 && !is_person(sc, y) && owner < 0 && of_before(sc, m->tok)) {
                owner = y;      /* "Professor Ann Holm of the Oslo School ..., said" */
                i = m->tok;
                continue;
            }
            if (y >= 0)
                return y;
            i = m->tok;
            continue;
        }
        if (pron(sc, i, 0)) {
            int32_t r = antecedent(qs, i);
            return r >= 0 ? r : QNULL;
        }
        if (role(sc, i) && !(i + 1 < sc->n && sc->ti[i + 1].men >= 0))
            return role_person(qs, i, i);       /* "the interior minister said" */
        if (isi(sc, i, "i") || isi(sc, i, "we"))
            return QSELF;
        if (pron(sc, i, 1))
            return QNULL;
    }
    if (owner >= 0)
        return owner;
    int32_t x = after_verb(qs, v, 1);
    return x >= 0 ? x : QNULL;
}

/* The first person of the clause [a, b) that can be its subject, within
** its first words ("Opposition leader Tomás Herrera dismissed it."), or
** QNONE. */
static int32_t lead_subject(qscan *qs, size_t a, size_t b)
{
    const scan *sc = qs->sc;
    for (size_t i = a; i < b && i < a + 10; i++) {
        if (qs->inq[i] || qmark(sc, i))
            return QNONE;
        int32_t x = sc->ti[i].men;
        if (x >= 0) {
            const galley_ner_mention *m = &sc->out->m[x];
            if (m->label == GALLEY_NER_PERSON && speaker_mention(sc, x, 0) >= 0)
                return x;
            i = m->tok + m->ntok - 1;
            continue;
        }
        if (pron(sc, i, 0) == 'm' || pron(sc, i, 0) == 'f') {
            int32_t r = antecedent(qs, i);
            return r >= 0 ? r : QNONE;
        }
        if (word(sc, i) && sc->ti[i].lower && !role(sc, i) && !isi(sc, i, "the")
            && !isi(sc, i, "on") && !isi(sc, i, "in") && !isi(sc, i, "at"))
            return QNONE;       /* the subject is no name: "The report said" */
    }
    return QNONE;
}

/* A speech verb at 'k' ("according" only with "to"; "as X put it"). */
static int speech(const scan *sc, size_t k)
{
    if (!cls(sc, k, GALLEY_NER_SPEECH))
        return isi(sc, k, "put") && isi(sc, k + 1, "it");
    return !isi(sc, k, "according") || isi(sc, k + 1, "to");
}

/* “...,” he said / “...,” said Rubio / “...,” X's chief, Jane Doe, told
** analysts / “...,” according to X: the speech verb within a few words of
** the closing mark of 'r'; 'cross' allows it in the next sentence (“...”
** Ruiz said.) when that sentence has no quotation of its own. */
static int32_t after_close(qscan *qs, const qrec *r, int cross)
{
    const scan *sc = qs->sc;
    size_t qc = r->qc, j = qc + 1;
    while (j < sc->n && sc->t[j].kind == GALLEY_TK_PUNCT && !qmark(sc, j)
           && (is(sc, j, ",") || is(sc, j, "\xE2\x80\x94") || is(sc, j, "\xE2\x80\x93")
               || is(sc, j, "-")))
        j++;
    if (j >= sc->n || sc->t[j].para != sc->t[qc].para)
        return QNONE;
    if ((sc->t[j].sent != sc->t[qc].sent) != cross)
        return QNONE;
    if (isi(sc, j, "according") && isi(sc, j + 1, "to")) {
        int32_t x = np_speaker(qs, j + 2, j + 10 < sc->n ? j + 10 : sc->n);
        return x == QNONE ? QNULL : x;
    }
    size_t k = j;
    for (; k < sc->n && k < j + 20 && !qmark(sc, k) && same(sc, j, k); k++) {
        if (cls(sc, k, GALLEY_NER_SPEECH) && !isi(sc, k, "according"))
            break;
        if (sc->t[k].kind == GALLEY_TK_PUNCT && (is(sc, k, ".") || is(sc, k, "?")
                                                 || is(sc, k, "!") || is(sc, k, ";")))
            break;
    }
    if (k >= sc->n || !cls(sc, k, GALLEY_NER_SPEECH) || !same(sc, j, k)) {
        /* “...” — Shimon Peres, on oil: a name right after a dash */
        size_t d = qc + 1;
        if (!cross && d + 1 < sc->n && (is(sc, d, "\xE2\x80\x94") || is(sc, d, "\xE2\x80\x93"))
            && is_person(sc, sc->ti[d + 1].men))
            return sc->ti[d + 1].men;
        return QNONE;
    }
    if (cross)
        for (size_t i = k + 1; i < sc->n && same(sc, k, i); i++)
            if (qmark(sc, i) || smark(sc, i))
                return QNONE;   /* Chen called it “a betrayal.” */
    if (k > j && word(sc, j) && sc->ti[j].lower && sc->ti[j].men < 0 && !pron(sc, j, 0)
        && !role(sc, j) && !isi(sc, j, "i") && !isi(sc, j, "we") && !isi(sc, j, "the")
        && !isi(sc, j, "it")
        && !isi(sc, j, "a") && !isi(sc, j, "an") && !possessive(sc, j) && !isi(sc, j, "its")
        && !isi(sc, j, "according"))
        return QNONE;           /* “a trap” and said ...: no subject here */
    int32_t x = k > j ? np_speaker(qs, j, k) : QNONE;
    if (x == QNONE) {
        x = after_verb(qs, k, 0);
        if (x == QNONE && k == j)
            x = QNULL;
    }
    return x;
}

/* The speaker a speech word 'k' before the quotation at 'qo' names: the
** one after "according to" (up to a comma: "according to harbor director
** X"), else the verb's subject. */
static int32_t verb_speaker(qscan *qs, size_t k, size_t qo)
{
    const scan *sc = qs->sc;
    if (isi(sc, k, "according")) {
        size_t e = k + 2;
        while (e < qo && e < k + 10 && !is(sc, e, ","))
            e++;
        int32_t x = np_speaker(qs, k + 2, e);
        return x == QNONE ? QNULL : x;
    }
    return subject_of(qs, k);
}

/* X said: “...” / X called it “...” / according to X, “...”: the speech
** verb nearest before the opening mark in its sentence (or in the clause
** before a colon), and its subject. QNULL for a subject with no name. */
static int32_t before_open(qscan *qs, const qrec *r)
{
    const scan *sc = qs->sc;
    size_t qo = r->qo;
    if (qo == 0)
        return QNONE;
    size_t lo_sent = sc->t[qo].sent;
    if (is(sc, qo - 1, ":"))
        lo_sent = sc->t[qo - 1].sent;
    size_t lim = qo > 30 ? qo - 30 : 0;
    for (size_t k = qo; k-- > lim;) {
        if (sc->t[k].sent != lo_sent && sc->t[k].sent != sc->t[qo].sent)
            break;
        if (qmark(sc, k) || (!r->inner && qs->inq[k]))
            break;
        if (speech(sc, k))
            return verb_speaker(qs, k, qo);
    }
    if (is(sc, qo - 1, ":") && !r->inner) {
        /* Herrera disagreed: “...” */
        size_t a = sent_start(sc, qo - 1);
        return lead_subject(qs, a, qo);
    }
    return QNONE;
}

/* A quotation that starts a sentence with no attribution of its own, after
** a sentence of the same paragraph where somebody speaks ("Mayor Ines Falk
** said the plan was flawed. “It will never work.”") or acts ("Herrera
** dismissed the proposal. “It is a press release.”"). */
static int32_t prev_sentence(qscan *qs, const qrec *r)
{
    const scan *sc = qs->sc;
    size_t qo = r->qo;
    if (qo == 0 || same(sc, qo - 1, qo))
        return QNONE;
    int newpara = sc->t[qo - 1].para != sc->t[qo].para;
    if (newpara && sc->t[qo - 1].para + 1 != sc->t[qo].para)
        return QNONE;
    size_t a = sent_start(sc, qo - 1);
    for (size_t k = qo; k-- > a;) {
        if (qmark(sc, k) || qs->inq[k])
            break;
        if (speech(sc, k))
            return verb_speaker(qs, k, qo);
    }
    return newpara ? QNONE : lead_subject(qs, a, qo);
}

/* Is a person other than 'spk' named outside quotations between tokens
** 'a' and 'b'? */
static int other_person(const qscan *qs, size_t a, size_t b, int32_t spk)
{
    const scan *sc = qs->sc;
    const galley_ner_mention *s = &sc->out->m[spk];
    for (size_t i = a; i < b; i++) {
        int32_t x = sc->ti[i].men;
        if (x < 0 || qs->inq[i] || sc->out->m[x].label != GALLEY_NER_PERSON)
            continue;
        if (sc->out->m[x].canon != s->canon && sc->out->m[x].canon != spk
            && (int32_t)x != s->canon)
            return 1;
        i = sc->out->m[x].tok + sc->out->m[x].ntok - 1;
    }
    return 0;
}

/* The quotation 'r' (number 'x'): who speaks it, and how that was found. */
static int32_t attribute(qscan *qs, size_t x, int *how)
{
    const scan *sc = qs->sc;
    const qrec *r = &qs->q[x];
    int32_t spk = QNONE;
    *how = GALLEY_NER_BY_AFTER;
    qs->self = -1;
    if (r->inner)
        for (size_t y = x; y-- > 0;)
            if (!qs->q[y].inner) {
                if (qs->q[y].qc > r->qc && qs->q[y].qo < r->qo)
                    qs->self = qs->q[y].speaker;
                break;
            }
    if (r->closed)
        spk = after_close(qs, r, 0);
    if (spk == QNONE) {
        *how = GALLEY_NER_BY_BEFORE;
        spk = before_open(qs, r);
    }
    if (r->inner) {
        if (spk == QSELF) {     /* “I told them, ‘Go,’” Ruiz said. */
            spk = qs->self;
            *how = GALLEY_NER_BY_CHAIN;
        }
        return spk;
    }
    if (spk == QSELF)
        spk = QNULL;
    if (spk == QNONE && r->closed) {
        *how = GALLEY_NER_BY_AFTER;
        spk = after_close(qs, r, 1);
    }
    if (spk == QNONE) {
        *how = GALLEY_NER_BY_COLON;
        spk = prev_sentence(qs, r);
    }
    size_t e = r->qc > r->qo + 1 ? r->qc - 1 : r->qc;
    int said = !r->closed || is(sc, e, ".") || is(sc, e, "?") || is(sc, e, "!")
        || is(sc, e, ",") || (sc->t[e].flags & GALLEY_TF_STOP);
    if (spk == QNONE && said) {
        /* the same voice goes on: a second quotation of the paragraph, or
           one that opens the paragraph after the quoted one (not a title:
           “Blue Harbor” was played) */
        *how = GALLEY_NER_BY_CHAIN;
        for (size_t y = x; y-- > 0;) {
            const qrec *p = &qs->q[y];
            if (p->inner)
                continue;
            uint32_t pp = sc->t[p->qo].para, rp = sc->t[r->qo].para;
            int opens = r->qo == 0 || sc->t[r->qo - 1].para != rp;
            if (p->speaker >= 0 && (pp == rp || (pp + 1 == rp && opens))
                && !other_person(qs, p->qc, r->qo, p->speaker))
                spk = p->speaker;
            break;
        }
    }
    return spk;
}

/* The fullest name of the person 'x' that is nearest before token 'at':
** "Moreau" is the Jeanne Moreau of the paragraph, not another Moreau. */
static int32_t fullest(const scan *sc, int32_t x, size_t at)
{
    if (!is_person(sc, x) || sc->out->m[x].canon == x)
        return x;
    const galley_ner_result *r = sc->out;
    const galley_ner_mention *m = &r->m[x];
    int32_t before = -1, after = -1;
    size_t y0 = (size_t)x > NER_LINK_WINDOW ? (size_t)x - NER_LINK_WINDOW : 0;
    size_t y1 = r->n - (size_t)x > NER_LINK_WINDOW ? (size_t)x + NER_LINK_WINDOW : r->n;
    for (size_t y = y0; y < y1; y++) {
        const galley_ner_mention *v = &r->m[y];
        if (v->label != GALLEY_NER_PERSON || v->ntok <= m->ntok || !mcontained(sc, m, v))
            continue;
        if (v->tok < at)
            before = (int32_t)y;
        else if (after < 0)
            after = (int32_t)y;
    }
    return before >= 0 ? before : after >= 0 ? after : x;
}

static int add_qrec(qscan *qs, size_t qo, size_t qc, uint32_t from, uint32_t to, int closed,
                    int inner, uint32_t chain)
{
    const char *s = qs->sc->s;
    while (from < to && (s[from] == ' ' || s[from] == '\n' || s[from] == '\t'))
        from++;
    while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\n' || s[to - 1] == '\t'))
        to--;
    if (to <= from)
        return GALLEY_OK;
    if (qs->nq == qs->capq) {
        size_t nc = qs->capq ? qs->capq * 2 : 16;
        qrec *p = realloc(qs->q, nc * sizeof *p);
        if (!p)
            return GALLEY_ENOMEM;
        qs->q = p;
        qs->capq = nc;
    }
    qs->q[qs->nq++] = (qrec){(uint32_t)qo, (uint32_t)qc, from, to, chain, -1,
                             (uint8_t)closed, (uint8_t)inner, 0};
    return GALLEY_OK;
}

static int cmp_qrec(const void *pa, const void *pb)
{
    const qrec *a = pa, *b = pb;
    return a->from < b->from ? -1 : a->from > b->from;
}

/* The first pass: pair the marks. */
static int find_quotes(qscan *qs)
{
    scan *sc = qs->sc;
    size_t n = sc->n;
    size_t sopen = SIZE_MAX;    /* token of an open single mark */
    int curly = 0;              /* it is a ‘ */
    size_t open = SIZE_MAX;     /* token of the open double mark */
    uint32_t chain = UINT32_MAX;        /* first piece of the running chain */
    for (size_t i = 0; i < n; i++) {
        int para_end = i + 1 >= n || sc->t[i + 1].para != sc->t[i].para;
        if (sc->t[i].kind != GALLEY_TK_PUNCT && !para_end) {
            if (sopen != SIZE_MAX && i > sopen + 40 && !curly)
                sopen = SIZE_MAX;       /* most tokens: words */
            continue;
        }
        int q = qmark(sc, i);
        int sq = q ? 0 : smark(sc, i);
        if (sq == 2 && sopen != SIZE_MAX && i + 1 < n && word(sc, i + 1) && sc->ti[i + 1].lower
            && !pron(sc, i + 1, 0) && !cls(sc, i + 1, GALLEY_NER_SPEECH)
            && TXT(sc, i - 1)[LEN(sc, i - 1) - 1] == 's' && !function_word(sc, i + 1))
            sq = 0;             /* ‘the players’ union’: a possessive */
        if (sq == 1 && sopen == SIZE_MAX) {
            sopen = i;
            curly = LEN(sc, i) == 3;    /* ‘ opens and is no apostrophe: up to the paragraph's end */
        } else if (sq == 2 && sopen != SIZE_MAX) {
            if (add_qrec(qs, sopen, i, sc->t[sopen].end, sc->t[i].start, 1,
                         open != SIZE_MAX && open < sopen, UINT32_MAX))
                return GALLEY_ENOMEM;
            sopen = SIZE_MAX;
        } else if (sq == 2 && open != SIZE_MAX && i > open + 1 && !spaced(sc, i - 1)
                   && (is(sc, i - 1, ".") || is(sc, i - 1, "!") || is(sc, i - 1, "?"))) {
            q = 2;              /* “... She was right.’ a slip for ” */
        }
        if (sopen != SIZE_MAX && (para_end || (i > sopen + 40 && !curly)))
            sopen = SIZE_MAX;   /* no closing mark: an apostrophe after all */
        if (q == 3 && open == SIZE_MAX && closing_only(sc, i))
            q = 0;              /* a stray closing mark opens nothing */
        if ((q == 3 || q == 1) && open != SIZE_MAX && i > open + 1 && sc->t[i].lines > 0
            && !para_end && !spaced(sc, i) && word(sc, i + 1)) {
            /* a line that opens with a mark while a quotation is
               open: that one ended with the line before, and goes on here */
            if (chain == UINT32_MAX)
                chain = (uint32_t)open;
            if (add_qrec(qs, open, i - 1, sc->t[open].end, sc->t[i - 1].end, 0, 0, chain))
                return GALLEY_ENOMEM;
            open = i;
            continue;
        }
        if (q && open == SIZE_MAX && (q & 1) && !para_end) {
            open = i;
        } else if (q && open != SIZE_MAX && (q & 2)) {
            if (add_qrec(qs, open, i, sc->t[open].end, sc->t[i].start, 1, 0, chain))
                return GALLEY_ENOMEM;
            chain = UINT32_MAX;
            open = SIZE_MAX;
            continue;
        } else if (q == 1 && open != SIZE_MAX) {
            /* an opening mark inside an open quote: the first runs on to here */
            open = i;
            continue;
        }
        if (para_end && open != SIZE_MAX) {
            /* unclosed at the paragraph's end: a quotation over paragraphs
               goes on when the next paragraph opens with a mark */
            int more = i + 1 < n && (qmark(sc, i + 1) & 1);
            if (chain == UINT32_MAX && more)
                chain = (uint32_t)open;
            if (add_qrec(qs, open, i, sc->t[open].end, sc->t[i].end, 0, 0, chain))
                return GALLEY_ENOMEM;
            open = SIZE_MAX;
            if (!more)
                chain = UINT32_MAX;
        }
    }
    /* single marks inside double ones were closed first */
    if (qs->nq > 1)
        qsort(qs->q, qs->nq, sizeof *qs->q, cmp_qrec);
    for (size_t x = 0; x < qs->nq; x++)
        for (size_t t = qs->q[x].qo; t <= qs->q[x].qc && t < n; t++)
            qs->inq[t] = 1;
    return GALLEY_OK;
}

static int quotes(scan *sc)
{
    qscan qs = {sc, NULL, 0, 0, NULL, NULL, NULL, NULL, 0, -1};
    int rc = GALLEY_ENOMEM;
    size_t nm = sc->out->n;
    qs.ref = malloc((sc->n + nm) * sizeof *qs.ref + sc->n + nm + 1);
    if (!qs.ref)
        return GALLEY_ENOMEM;
    qs.pl = qs.ref + sc->n;
    for (size_t x = 0; x < nm; x++)
        qs.pl[x] = -2;
    qs.inq = (uint8_t *)(qs.pl + nm);
    qs.sex = qs.inq + sc->n;
    memset(qs.inq, 0, sc->n + nm + 1);
    if (find_quotes(&qs))
        goto done;
    for (size_t x = 0; x < qs.nq; x++) {
        int how;
        int32_t spk = attribute(&qs, x, &how);
        qs.q[x].speaker = spk >= 0 ? spk : -1;
        qs.q[x].how = (uint8_t)(spk >= 0 ? how : GALLEY_NER_BY_NONE);
    }
    /* the pieces of a chain share one speaker */
    for (size_t x = 0; x < qs.nq; x++) {
        uint32_t c = qs.q[x].chain;
        if (c == UINT32_MAX || qs.q[x].inner)
            continue;
        size_t y = x;
        int32_t cs = -1;
        for (; y < qs.nq && (qs.q[y].chain == c || qs.q[y].inner); y++)
            if (cs < 0 && !qs.q[y].inner)
                cs = qs.q[y].speaker;
        for (size_t k = x; k < y; k++)
            if (!qs.q[k].inner && qs.q[k].speaker < 0 && cs >= 0) {
                qs.q[k].speaker = cs;
                qs.q[k].how = GALLEY_NER_BY_CHAIN;
            }
        x = y - 1;
    }
    galley_ner_result *r = sc->out;
    if (qs.nq > r->capq) {
        galley_ner_quote *p = realloc(r->q, qs.nq * sizeof *p);
        if (!p)
            goto done;
        r->q = p;
        r->capq = qs.nq;
    }
    for (size_t x = 0; x < qs.nq; x++) {
        const qrec *q = &qs.q[x];
        r->q[x] = (galley_ner_quote){q->from, q->to, fullest(sc, q->speaker, q->qo), q->how};
    }
    r->nq = qs.nq;
    rc = GALLEY_OK;
done:
    free(qs.ref);
    free(qs.q);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Scan                                                                */
/* ------------------------------------------------------------------ */

static int prepare(galley_ner *ner, const char *s, const galley_tokens *tk,
                   const galley_folds *f)
{
    size_t n = tk->n;
    if (n + 1 > ner->cap) {
        size_t nc = n + 1 > 2 * ner->cap ? n + 1 : 2 * ner->cap;
        tinfo *ti = realloc(ner->ti, nc * sizeof *ti);
        if (!ti)
            return GALLEY_ENOMEM;
        ner->ti = ti;
        uint32_t *ids = realloc(ner->ids, nc * sizeof *ids);
        if (!ids)
            return GALLEY_ENOMEM;
        ner->ids = ids;
        ner->cap = nc;
    }
    size_t lc = 64;
    while (lc < 2 * n)
        lc *= 2;
    if (lc > ner->lowcap) {
        uint64_t *p = realloc(ner->lowset, lc * sizeof *p);
        if (!p)
            return GALLEY_ENOMEM;
        ner->lowset = p;
        ner->lowcap = lc;
    }
    /* sized for this document, not the largest one seen: clearing is per article */
    ner->lowsize = lc;
    memset(ner->lowset, 0, lc * sizeof *ner->lowset);
    size_t mask = lc - 1;
    uint32_t sent = UINT32_MAX;
    int after_open = 0;
    for (size_t i = 0; i < n; i++) {
        const galley_token *t = &tk->t[i];
        tinfo *x = &ner->ti[i];
        const char *p = s + t->start;
        size_t len = t->end - t->start;
        memset(x, 0, sizeof *x);
        x->men = -1;
        x->hit = UINT32_MAX;
        ner->ids[i] = galley_phrase_id(ner->pm, f->chars.s + f->off[i], f->len[i]);
        x->hash = f->hash[i] | 1;       /* 0 marks an empty slot */
        unsigned char c = (unsigned char)p[0];
        if (c < 0x80) {
            x->cap = c >= 'A' && c <= 'Z';
            x->lower = c >= 'a' && c <= 'z';
        } else {
            ucs4_t uc;
            u8_mbtouc(&uc, (const uint8_t *)p, len);
            x->cap = uc_is_upper(uc) || uc_is_property_titlecase(uc);
            x->lower = uc_is_lower(uc);
        }
        if (t->sent != sent) {
            sent = t->sent;
            after_open = 1;
        }
        if (t->kind == GALLEY_TK_WORD || t->kind == GALLEY_TK_NUMBER) {
            x->initial = (uint8_t)after_open;
            after_open = 0;
        } else if (t->kind == GALLEY_TK_PUNCT) {
            /* quotes, brackets and dashes before a word keep it initial */
            int mark = c == '"' || (len == 3 && c == 0xE2 && (unsigned char)p[1] == 0x80
                                    && (unsigned char)p[2] >= 0x98 && (unsigned char)p[2] <= 0x9E)
                || (len == 2 && c == 0xC2);
            if (mark || c == '(' || c == '[' || c == '\'' || c == '-' || c == ':')
                after_open = after_open || mark || c == ':';
        }
        if (x->lower) {
            size_t k = x->hash & mask;
            while (ner->lowset[k] && ner->lowset[k] != x->hash)
                k = (k + 1) & mask;
            ner->lowset[k] = x->hash;
        }
    }
    ner->hits.n = 0;
    if (galley_phrase_find(ner->pm, ner->ids, n, GALLEY_PHRASE_ALL, &ner->hits))
        return GALLEY_ENOMEM;
    for (size_t k = 0; k < ner->hits.n; k++) {
        galley_phrase_match *m = &ner->hits.m[k];
        if (m->end == m->start + 1)
            ner->ti[m->start].cls |= BIT(m->payload & 31);
        if (ner->ti[m->start].hit == UINT32_MAX)
            ner->ti[m->start].hit = (uint32_t)k;
    }
    return GALLEY_OK;
}

int galley_ner_scan(galley_ner *ner, const char *s, size_t len, const galley_tokens *tk,
                    unsigned what, galley_ner_result *out)
{
    out->n = out->nq = 0;
    if (galley_token_fold(s, tk, &ner->folds))
        return GALLEY_ENOMEM;
    return galley_ner_scan_folded(ner, s, len, tk, &ner->folds, what, out);
}

int galley_ner_scan_folded(galley_ner *ner, const char *s, size_t len, const galley_tokens *tk,
                           const galley_folds *f, unsigned what, galley_ner_result *out)
{
    (void)len;
    out->n = out->nq = 0;
    if (tk->n == 0)
        return GALLEY_OK;
    int rc = prepare(ner, s, tk, f);
    if (rc)
        return rc;
    scan sc = {ner, s, tk->t, tk->n, ner->ti, out};
    if ((rc = dates(&sc)) || (rc = amounts(&sc)) || (rc = names(&sc)))
        return rc;
    link(&sc);
    if ((what & GALLEY_NER_QUOTES) && (rc = quotes(&sc)))
        return rc;
    return GALLEY_OK;
}
