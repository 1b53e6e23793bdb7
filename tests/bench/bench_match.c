/*
** bench_match.c: throughput of the matchers in core/ (regex, phrase,
** pattern), one thread, best of three runs.
**   bench_match [TEXT-FILE...]
** The text is the files named, else the corpus named by GALLEY_BENCH_CORPUS
** (tests/bench/run.sh sets it to gen_news's output), else the files of
** seeds/; it is cut or repeated to about 16 MB. Regex scanning is timed through
** galley_regex_next and through pcre2_match called directly with the same
** compiled options; phrase lists are timed with 1,000 and 1,000,000
** entries over the same tokens, and the million-entry load is timed and
** sized. Tokens here come from a plain splitter (runs of letters and
** digits, single other characters), lower-cased in ASCII, as keys.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "galley.h"
#include "pattern.h"
#include "phrase.h"
#include "regex.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TARGET (16u << 20)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A "Vm...:" field of /proc/self/status, in kB. */
static long vm_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, strlen(field)) == 0 &&
            sscanf(line + strlen(field), ": %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

static void die(const char *msg)
{
    fprintf(stderr, "bench_match: %s\n", msg);
    exit(1);
}

static void add_file(galley_buf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (galley_buf_add(b, chunk, n))
            die("out of memory");
    galley_buf_addc(b, '\n');
    fclose(f);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_text(galley_buf *text, int argc, char **argv)
{
    galley_buf one = {0};
    const char *corpus = getenv("GALLEY_BENCH_CORPUS");
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            add_file(&one, argv[i]);
    } else if (corpus && *corpus) {
        add_file(&one, corpus);
    } else {
        DIR *d = opendir("seeds");
        if (!d)
            die("no text: give files or run from the top directory");
        char *names[4096];
        size_t n = 0;
        struct dirent *de;
        while ((de = readdir(d)) && n < 4096)
            if (de->d_name[0] != '.')
                names[n++] = strdup(de->d_name);
        closedir(d);
        qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            char path[4200];
            snprintf(path, sizeof path, "seeds/%s", names[i]);
            add_file(&one, path);
            free(names[i]);
        }
    }
    if (!one.len)
        die("empty text");
    if (one.len > TARGET) {
        /* Cut at the last line break before the target. */
        size_t cut = TARGET;
        while (cut > 0 && one.s[cut - 1] != '\n')
            cut--;
        one.len = cut ? cut : TARGET;
    }
    do {
        if (galley_buf_add(text, one.s, one.len))
            die("out of memory");
    } while (text->len + one.len <= TARGET);
    galley_buf_free(&one);
}

/* ------------------------------------------------------------------ */
/* Regex */

static size_t run_galley(galley_regex *re, const char *s, size_t len)
{
    galley_regex_iter it;
    galley_regex_iter_init(&it, re, s, len, 0);
    size_t n = 0, b, e;
    while (galley_regex_next(&it, NULL) == 1) {
        galley_regex_capture(re, 0, &b, &e);
        n += e - b + 1;
    }
    return n;
}

/* The loop of pcre2demo.c, without the CRLF cases. */
static size_t run_pcre2(pcre2_code *code, pcre2_match_data *md, const char *s, size_t len)
{
    size_t n = 0, pos = 0;
    uint32_t opts = 0;
    for (;;) {
        int rc = pcre2_match(code, (PCRE2_SPTR)s, len, pos, opts, md, NULL);
        if (rc < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        n += ov[1] - ov[0] + 1;
        opts = ov[0] == ov[1] ? PCRE2_NOTEMPTY_ATSTART : 0;
        pos = ov[1];
    }
    return n;
}

static void bench_regex(const char *s, size_t len)
{
    static const char *pats[] = {
        "\\p{Lu}\\w+", "\\d+(?:[.,]\\d+)*", "(?i)president|minister|government",
        "\\b\\w+ing\\b",
    };
    printf("regex scan (%.1f MB of text), MB/s: galley_regex_next vs pcre2_match\n",
           (double)len / 1e6);
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        galley_regex *re;
        if (galley_regex_compile(pats[k], strlen(pats[k]), 0, &re, NULL))
            die("regex compile");
        int err;
        PCRE2_SIZE off;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)pats[k], PCRE2_ZERO_TERMINATED,
                                         PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
                                         &err, &off, NULL);
        if (!code)
            die("pcre2 compile");
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
        double tg = 1e9, tp = 1e9;
        size_t ng = 0, np = 0;
        for (int r = 0; r < 3; r++) {
            double t0 = now();
            np = run_pcre2(code, md, s, len);
            double t1 = now();
            ng = run_galley(re, s, len);
            double t2 = now();
            if (t1 - t0 < tp) tp = t1 - t0;
            if (t2 - t1 < tg) tg = t2 - t1;
        }
        if (ng != np)
            die("regex results differ");
        printf("  %-36s galley %8.1f   pcre2 %8.1f   overhead %+5.1f%%\n", pats[k],
               (double)len / 1e6 / tg, (double)len / 1e6 / tp, (tg / tp - 1) * 100);
        pcre2_match_data_free(md);
        pcre2_code_free(code);
        galley_regex_free(re);
    }
}

/* ------------------------------------------------------------------ */
/* Tokens */

typedef struct toks {
    galley_phrase_key *k;   /* lower-cased keys, in 'low' */
    uint32_t *off;          /* byte offset of each token in the text */
    size_t n;
    char *low;
} toks;

static int wordbyte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static void split(const char *s, size_t len, toks *t)
{
    size_t cap = len / 2 + 16;  /* grown below when needed */
    t->k = malloc(cap * sizeof *t->k);
    t->off = malloc(cap * sizeof *t->off);
    t->low = malloc(len + 1);
    if (!t->k || !t->off || !t->low)
        die("out of memory");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        t->low[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    t->n = 0;
    for (size_t i = 0; i < len; ) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (wordbyte(c))
            while (j < len && wordbyte((unsigned char)s[j]))
                j++;
        if (t->n == cap) {
            cap *= 2;
            t->k = realloc(t->k, cap * sizeof *t->k);
            t->off = realloc(t->off, cap * sizeof *t->off);
            if (!t->k || !t->off)
                die("out of memory");
        }
        t->k[t->n].s = t->low + i;
        t->k[t->n].len = j - i;
        t->off[t->n] = (uint32_t)i;
        t->n++;
        i = j;
    }
}

/* ------------------------------------------------------------------ */
/* Phrases */

static uint32_t rng = 2024;
static uint32_t rnd(uint32_t n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 8) % n;
}

/* Entries: 'ntext' bigrams and unigrams from the text, then phrases of 1
** to 4 made-up words that never occur in it, all as keys in one arena. */
typedef struct entries {
    char *arena;
    galley_phrase_key *k;
    uint32_t *first, *len;  /* per entry: first key index, count */
    size_t n;
} entries;

static void make_entries(entries *e, const toks *t, size_t n, size_t ntext)
{
    e->arena = malloc(n * 40 + 1);
    e->k = malloc(n * 4 * sizeof *e->k);
    e->first = malloc(n * sizeof *e->first);
    e->len = malloc(n * sizeof *e->len);
    if (!e->arena || !e->k || !e->first || !e->len)
        die("out of memory");
    size_t a = 0, nk = 0;
    rng = 2024;
    for (size_t i = 0; i < n; i++) {
        e->first[i] = (uint32_t)nk;
        if (i < ntext) {
            size_t at = rnd((uint32_t)(t->n - 2));
            size_t len = 1 + (i & 1);
            for (size_t j = 0; j < len; j++)
                e->k[nk++] = t->k[at + j];
            e->len[i] = (uint32_t)len;
            continue;
        }
        size_t words = 1 + rnd(4);
        for (size_t j = 0; j < words; j++) {
            size_t wl = 3 + rnd(6);
            char *w = e->arena + a;
            w[0] = '~';     /* never a token here: the same matches either way */
            for (size_t c = 1; c < wl; c++)
                w[c] = (char)('a' + rnd(26));
            e->k[nk].s = w;
            e->k[nk].len = wl;
            nk++;
            a += wl;
        }
        e->len[i] = (uint32_t)words;
    }
    e->n = n;
}

static galley_phrase *load(const entries *e, size_t n, double *secs)
{
    double t0 = now();
    galley_phrase *pm = galley_phrase_new();
    if (!pm)
        die("out of memory");
    for (size_t i = 0; i < n; i++)
        if (galley_phrase_add(pm, e->k + e->first[i], e->len[i], (int32_t)(i % 1000), NULL) < 0)
            die("phrase add");
    *secs = now() - t0;
    return pm;
}

static double match_secs(const galley_phrase *pm, const toks *t, size_t *nmatch)
{
    double best = 1e9;
    for (int r = 0; r < 3; r++) {
        galley_phrase_matches ms = {0};
        double t0 = now();
        if (galley_phrase_find_keys(pm, t->k, t->n, GALLEY_PHRASE_LONGEST, &ms))
            die("phrase find");
        double dt = now() - t0;
        if (dt < best)
            best = dt;
        *nmatch = ms.n;
        galley_phrase_matches_free(&ms);
    }
    return best;
}

static void bench_phrase(const char *s, size_t len, const toks *t)
{
    (void)s;
    size_t big = 1000000, small = 1000;
    entries e;
    make_entries(&e, t, big, 500);
    printf("phrase lists (%zu tokens):\n", t->n);
    long rss0 = vm_kb("VmRSS"), hwm0 = vm_kb("VmHWM");
    double ls;
    galley_phrase *pm = load(&e, big, &ls);
    long rss1 = vm_kb("VmRSS"), hwm1 = vm_kb("VmHWM");
    printf("  load %zu entries (%zu distinct keys): %.2f s, tables %.1f MB, "
           "RSS +%.1f MB, peak RSS +%.1f MB\n",
           galley_phrase_count(pm), galley_phrase_keys(pm), ls,
           (double)galley_phrase_memory(pm) / 1e6, (double)(rss1 - rss0) / 1e3,
           (double)(hwm1 - (hwm0 > rss0 ? hwm0 : rss0)) / 1e3);
    double sl;
    galley_phrase *ps = load(&e, small, &sl);
    size_t m1, m2;
    double t1 = match_secs(ps, t, &m1);
    double t2 = match_secs(pm, t, &m2);
    printf("  match, %7zu entries: %8.1f MB/s %6.1f M tokens/s (%zu matches)\n", small,
           (double)len / 1e6 / t1, (double)t->n / 1e6 / t1, m1);
    printf("  match, %7zu entries: %8.1f MB/s %6.1f M tokens/s (%zu matches)  ratio %.2fx\n",
           big, (double)len / 1e6 / t2, (double)t->n / 1e6 / t2, m2, t2 / t1);
    galley_phrase_free(ps);
    galley_phrase_free(pm);
    free(e.arena);
    free(e.k);
    free(e.first);
    free(e.len);
}

/* ------------------------------------------------------------------ */
/* Token patterns */

enum { P_TITLE, P_SAID, P_DIGIT, P_PERCENT, P_THE };

typedef struct pctx {
    const char *s;
    const toks *t;
} pctx;

static int ptest(void *ud, size_t i, int pred)
{
    const pctx *c = ud;
    const galley_phrase_key *k = &c->t->k[i];
    const char *orig = c->s + c->t->off[i];
    switch (pred) {
    case P_TITLE: return orig[0] >= 'A' && orig[0] <= 'Z' && k->len > 1;
    case P_SAID: return k->len == 4 && memcmp(k->s, "said", 4) == 0;
    case P_DIGIT: return k->s[0] >= '0' && k->s[0] <= '9';
    case P_PERCENT: return (k->len == 7 && memcmp(k->s, "percent", 7) == 0) ||
                           (k->len == 1 && k->s[0] == '%');
    case P_THE: return k->len == 3 && memcmp(k->s, "the", 3) == 0;
    }
    return 0;
}

static void bench_pattern(const char *s, size_t len, const toks *t)
{
    static const struct { const char *name; galley_pattern_elem e[4]; size_t n; } pats[] = {
        { "TITLE+:name said", { { P_TITLE, 1, GALLEY_PATTERN_INF, 0 }, { P_SAID, 1, 1, -1 } }, 2 },
        { "DIGIT ANY? percent|%", { { P_DIGIT, 1, 1, 0 }, { GALLEY_PATTERN_ANY, 0, 1, -1 },
                                  { P_PERCENT, 1, 1, -1 } }, 3 },
        { "the ANY{0,3} TITLE+", { { P_THE, 1, 1, -1 }, { GALLEY_PATTERN_ANY, 0, 3, -1 },
                                   { P_TITLE, 1, GALLEY_PATTERN_INF, 1 } }, 3 },
    };
    pctx c = { s, t };
    printf("token patterns (%zu tokens):\n", t->n);
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        galley_pattern *p;
        if (galley_pattern_compile(pats[k].e, pats[k].n, &p, NULL))
            die("pattern compile");
        double best = 1e9;
        size_t nm = 0;
        for (int r = 0; r < 3; r++) {
            galley_pattern_matches ms = {0};
            double t0 = now();
            if (galley_pattern_find(p, 0, t->n, ptest, &c, &ms))
                die("pattern find");
            double dt = now() - t0;
            if (dt < best)
                best = dt;
            nm = ms.n;
            galley_pattern_matches_free(&ms);
        }
        printf("  %-24s %8.1f MB/s %6.1f M tokens/s (%zu matches)\n", pats[k].name,
               (double)len / 1e6 / best, (double)t->n / 1e6 / best, nm);
        galley_pattern_free(p);
    }
}

int main(int argc, char **argv)
{
    galley_buf text = {0};
    load_text(&text, argc, argv);
    bench_regex(text.s, text.len);
    toks t;
    split(text.s, text.len, &t);
    bench_phrase(text.s, text.len, &t);
    bench_pattern(text.s, text.len, &t);
    free(t.k);
    free(t.off);
    free(t.low);
    galley_buf_free(&text);
    return 0;
}
