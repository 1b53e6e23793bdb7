/*
** test_pattern.c: unit tests for core/pattern.c. Tokens are the bytes of
** a string; predicate 'U' is any upper-case letter, 'D' any digit, and
** any other predicate id is the byte itself.
*/
#include "check.h"
#include "galley.h"
#include "pattern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct doc {
    const char *s;
    size_t calls;
    size_t fail_at;     /* token index where the test fails, or SIZE_MAX */
} doc;

static int holds(int c, int pred)
{
    if (pred == 'U') return c >= 'A' && c <= 'Z';
    if (pred == 'D') return c >= '0' && c <= '9';
    return c == pred;
}

static int test(void *ud, size_t tok, int pred)
{
    doc *d = ud;
    d->calls++;
    if (tok == d->fail_at)
        return GALLEY_ENOMEM;
    return holds((unsigned char)d->s[tok], pred);
}

/* Parse a pattern: one element per item, "c", "c?", "c*", "c+", "c{n,m}",
** '.' for any token, and ":L" after an item for label L (a digit). */
static size_t parse(const char *spec, galley_pattern_elem *e)
{
    size_t n = 0;
    for (const char *s = spec; *s; ) {
        galley_pattern_elem *x = &e[n++];
        x->pred = *s == '.' ? GALLEY_PATTERN_ANY : (unsigned char)*s;
        x->min = x->max = 1;
        x->label = -1;
        s++;
        if (*s == '?') { x->min = 0; x->max = 1; s++; }
        else if (*s == '*') { x->min = 0; x->max = GALLEY_PATTERN_INF; s++; }
        else if (*s == '+') { x->min = 1; x->max = GALLEY_PATTERN_INF; s++; }
        else if (*s == '{') {
            char *end;
            x->min = (int)strtol(s + 1, &end, 10);
            x->max = (int)strtol(end + 1, &end, 10);
            s = end + 1;
        }
        if (*s == ':') { x->label = s[1] - '0'; s += 2; }
    }
    return n;
}

/* Matches of 'spec' over 'text': "start-end" items, captures as
** "[label:start-end]" after their match. */
static const char *run(const char *spec, const char *text)
{
    static char out[2048];
    galley_pattern_elem e[200];
    size_t n = parse(spec, e);
    galley_pattern *p;
    galley_buf err = {0};
    if (galley_pattern_compile(e, n, &p, &err)) {
        snprintf(out, sizeof out, "error: %s", err.s);
        galley_buf_free(&err);
        return out;
    }
    doc d = { text, 0, SIZE_MAX };
    galley_pattern_matches ms = {0};
    int rc = galley_pattern_find(p, 0, strlen(text), test, &d, &ms);
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < ms.n && rc == 0; i++) {
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%u-%u", i ? " " : "",
                              ms.m[i].start, ms.m[i].end);
        for (uint32_t c = 0; c < ms.m[i].ncap; c++) {
            const galley_pattern_cap *cp = &ms.caps[ms.m[i].cap + c];
            o += (size_t)snprintf(out + o, sizeof out - o, "[%d:%u-%u]", cp->label,
                                  cp->start, cp->end);
        }
    }
    if (rc)
        snprintf(out, sizeof out, "status %d", rc);
    galley_pattern_matches_free(&ms);
    galley_pattern_free(p);
    return out;
}

#define RUN(spec, text, want) do { \
    const char *got_ = run(spec, text); \
    if (strcmp(got_, want) == 0) check_pass++; \
    else { check_fail++; fprintf(stderr, "%s:%d: %s over \"%s\": got \"%s\", want \"%s\"\n", \
                                 __FILE__, __LINE__, spec, text, got_, want); } \
} while (0)

static void test_quantifiers(void)
{
    RUN("U+:0", "aBCdE", "1-3[0:1-3] 4-5[0:4-5]");
    RUN("ab?c", "acabcabbc", "0-2 2-5");
    RUN("a{2,3}", "aaaaaaa", "0-3 3-6");
    RUN("a{2,2}", "aaaaa", "0-2 2-4");
    RUN("a{0,0}b", "ab", "1-2");
    RUN("ab*", "abbbxa", "0-4 5-6");
    RUN("a.*b", "xaxbxbx", "1-6");               /* longest, not first */
    RUN("a?", "bab", "1-2");                      /* empty matches never */
    RUN(".*", "", "");
    RUN(".*", "xyz", "0-3");
    RUN("x*y", "xxyxy", "0-3 3-5");
    RUN("ab", "", "");
    RUN("ab", "aab", "1-3");
    /* Leftmost beats longest: the match at 0 wins over a longer one at 1. */
    RUN("a?bc*", "abxbccc", "0-2 3-7");
    RUN("b.?c?", "abcbcc", "1-3 3-6");
}

static void test_captures(void)
{
    RUN("U+:1D{1,2}:2", "xAB12y", "1-5[1:1-3][2:3-5]");
    /* Greedy: the first element takes all it can. */
    RUN(".*:1.*:2", "abc", "0-3[1:0-3]");
    RUN("a*:1a:2", "aaa", "0-3[1:0-2][2:2-3]");
    /* Optional labelled elements that took nothing give no capture. */
    RUN("U:1D?:2U:3", "ABCD", "0-2[1:0-1][3:1-2] 2-4[1:2-3][3:3-4]");
    RUN("U:1D?:2U:3", "A1B", "0-3[1:0-1][2:1-2][3:2-3]");
    /* Same label on two elements: two captures. */
    RUN("U:4x?U:4", "AxB", "0-3[4:0-1][4:2-3]");
}

static void test_errors(void)
{
    RUN("", "x", "error: empty pattern");
    char big[200];
    memset(big, 'a', 65);
    big[65] = '\0';
    RUN(big, "aaa", "error: pattern too long (limit is 64 elements)");
    big[64] = '\0';
    RUN(big, "aaa", "");
    RUN("ab{3,1}", "x", "error: bad repeat {3,1} in element 2");
    RUN("a{0,101}", "x", "error: repeat count too large in element 1 (limit is 100)");
    RUN("a{0,100}", "aaa", "0-3");
    /* 64 elements of {0,100}: too many states. */
    size_t o = 0;
    for (int i = 0; i < 21; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "a{0,100}");
    RUN(big, "a", "error: pattern too large (limit is 4096 states)");
    galley_pattern_elem e[2] = { { -7, 1, 1, -1 }, { 'a', 1, 1, -2 } };
    galley_pattern *p;
    galley_buf err = {0};
    CHECK(galley_pattern_compile(e, 1, &p, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "bad predicate -7 in element 1");
    err.len = 0;
    CHECK(galley_pattern_compile(e + 1, 1, &p, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "bad label -2 in element 1");
    CHECK(galley_pattern_compile(e, 0, &p, NULL) == GALLEY_EINVAL);
    galley_buf_free(&err);
    galley_pattern_free(NULL);
}

static void test_callback(void)
{
    galley_pattern_elem e[4];
    size_t n = parse("a*a*a*b", e);
    galley_pattern *p;
    CHECK(galley_pattern_compile(e, n, &p, NULL) == 0);
    CHECK(galley_pattern_nullable(p) == 0);
    char *s = malloc(1001);
    memset(s, 'a', 1000);
    s[1000] = '\0';
    doc d = { s, 0, SIZE_MAX };
    galley_pattern_matches ms = {0};
    CHECK(galley_pattern_find(p, 0, 1000, test, &d, &ms) == 0);
    CHECK(ms.n == 0);
    CHECK(d.calls <= 2000);         /* once per token and predicate */
    /* Errors from the callback stop the search. */
    d.calls = 0;
    d.fail_at = 3;
    CHECK(galley_pattern_find(p, 0, 1000, test, &d, &ms) == GALLEY_ENOMEM);
    /* A sub-range of the tokens. */
    s[10] = 'b';
    s[20] = 'b';
    d.fail_at = SIZE_MAX;
    CHECK(galley_pattern_find(p, 12, 21, test, &d, &ms) == 0);
    CHECK(ms.n == 1 && ms.m[0].start == 12 && ms.m[0].end == 21);
    CHECK(galley_pattern_find(p, 5, 5, test, &d, &ms) == 0 && ms.n == 1);
    galley_pattern_matches_free(&ms);
    galley_pattern_free(p);
    free(s);

    n = parse("a?", e);
    CHECK(galley_pattern_compile(e, n, &p, NULL) == 0);
    CHECK(galley_pattern_nullable(p) == 1);
    galley_pattern_free(p);
}

/* Many stars over a long run that never matches: linear, not exponential. */
static void test_no_blowup(void)
{
    galley_pattern_elem e[GALLEY_PATTERN_MAX_ELEMS];
    size_t n = parse(".*.*.*.*.*.*.*.*.*.*.*.*b", e);
    galley_pattern *p;
    CHECK(galley_pattern_compile(e, n, &p, NULL) == 0);
    size_t len = 20000;
    char *s = malloc(len + 1);
    memset(s, 'a', len);
    s[len] = '\0';
    doc d = { s, 0, SIZE_MAX };
    galley_pattern_matches ms = {0};
    clock_t t0 = clock();
    CHECK(galley_pattern_find(p, 0, len, test, &d, &ms) == 0);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(ms.n == 0);
    CHECK(secs < 2.0);
    s[len - 1] = 'b';
    CHECK(galley_pattern_find(p, 0, len, test, &d, &ms) == 0);
    CHECK(ms.n == 1 && ms.m[0].start == 0 && ms.m[0].end == len);
    galley_pattern_matches_free(&ms);
    galley_pattern_free(p);
    free(s);
}

/* Reference: longest end of elements j.. from token 'pos', or -1. */
static int ref_longest(const galley_pattern_elem *e, size_t n, size_t j, const char *s,
                       size_t len, size_t pos)
{
    if (j == n)
        return (int)pos;
    int best = -1;
    int max = e[j].max == GALLEY_PATTERN_INF ? (int)len : e[j].max;
    for (int c = 0; c <= max; c++) {
        if (c >= e[j].min) {
            int r = ref_longest(e, n, j + 1, s, len, pos + (size_t)c);
            if (r > best)
                best = r;
        }
        if (pos + (size_t)c >= len)
            break;
        if (e[j].pred != GALLEY_PATTERN_ANY && !holds((unsigned char)s[pos + (size_t)c], e[j].pred))
            break;
    }
    return best;
}

static uint32_t rng = 777;
static uint32_t rnd(uint32_t n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 8) % n;
}

static void test_random(void)
{
    int bad = 0;
    for (int round = 0; round < 3000; round++) {
        galley_pattern_elem e[4];
        size_t n = 1 + rnd(4);
        for (size_t j = 0; j < n; j++) {
            e[j].pred = rnd(5) ? "abc"[rnd(3)] : GALLEY_PATTERN_ANY;
            e[j].label = (int)j;
            switch (rnd(5)) {
            case 0: e[j].min = 0; e[j].max = 1; break;
            case 1: e[j].min = 0; e[j].max = GALLEY_PATTERN_INF; break;
            case 2: e[j].min = 1; e[j].max = GALLEY_PATTERN_INF; break;
            case 3: e[j].min = (int)rnd(3); e[j].max = e[j].min + (int)rnd(3); break;
            default: e[j].min = e[j].max = 1; break;
            }
        }
        char s[24];
        size_t len = rnd(sizeof s);
        for (size_t i = 0; i < len; i++)
            s[i] = "abcab"[rnd(5)];
        s[len] = '\0';
        galley_pattern *p;
        if (galley_pattern_compile(e, n, &p, NULL)) {
            bad++;
            continue;
        }
        doc d = { s, 0, SIZE_MAX };
        galley_pattern_matches ms = {0};
        if (galley_pattern_find(p, 0, len, test, &d, &ms))
            bad++;
        /* Walk the reference leftmost-longest scan alongside. */
        size_t k = 0;
        for (size_t pos = 0; pos < len; ) {
            int r = ref_longest(e, n, 0, s, len, pos);
            if (r > (int)pos) {
                if (k >= ms.n || ms.m[k].start != pos || ms.m[k].end != (uint32_t)r)
                    bad++;
                /* Captures lie inside the match, in order, on matching tokens. */
                uint32_t last = (uint32_t)pos;
                for (uint32_t c = 0; k < ms.n && c < ms.m[k].ncap; c++) {
                    const galley_pattern_cap *cp = &ms.caps[ms.m[k].cap + c];
                    if (cp->start < last || cp->end > (uint32_t)r || cp->start >= cp->end)
                        bad++;
                    for (uint32_t t = cp->start; t < cp->end; t++)
                        if (e[cp->label].pred != GALLEY_PATTERN_ANY &&
                            !holds((unsigned char)s[t], e[cp->label].pred))
                            bad++;
                    uint32_t cnt = cp->end - cp->start;
                    if (cnt < (uint32_t)e[cp->label].min ||
                        (e[cp->label].max != GALLEY_PATTERN_INF && cnt > (uint32_t)e[cp->label].max))
                        bad++;
                    last = cp->end;
                }
                k++;
                pos = (size_t)r;
            } else {
                pos++;
            }
        }
        if (k != ms.n)
            bad++;
        if (bad && round < 100000) {
            static int shown;
            if (!shown++)
                fprintf(stderr, "first mismatch in round %d over \"%s\"\n", round, s);
        }
        galley_pattern_matches_free(&ms);
        galley_pattern_free(p);
    }
    CHECK(bad == 0);
}

int main(void)
{
    test_quantifiers();
    test_captures();
    test_errors();
    test_callback();
    test_no_blowup();
    test_random();
    return check_done();
}
