/*
** test_sent.c: the sentence and paragraph splitter.
**   test_sent [CASES]      CASES defaults to tests/cases/sentences.txt
** 1. The case table: an input line and the sentences expected, one a line
**    (the format is described at the top of the file).
** 2. The sample article of seeds/: twenty sentences, then the three
**    boilerplate lines each on its own.
** 3. Paragraphs, token indices, span token ranges, appending to spans that
**    already hold some, NULL span lists, and the period of an abbreviation
**    that ends a sentence split off as its own token ("U.S." "A.D." "St."
**    "Corp.").
*/
#include "cases.h"
#include "check.h"
#include "galley.h"
#include "sent.h"
#include "token.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define SEED "seeds/000_cec43ca621291e6e.txt"

/* Check what every split must hold: spans in order, trimmed, token ranges
** that match, every token's sentence and paragraph index. */
static void check_spans(const char *s, const galley_tokens *tk, const galley_spans *ss,
                        const galley_spans *ps)
{
    int ok = 1;
    size_t tok = 0;
    for (size_t i = 0; i < ss->n; i++) {
        const galley_span *x = &ss->s[i];
        if (x->tok != tok || x->ntok == 0 || x->start != tk->t[x->tok].start
            || x->end != tk->t[x->tok + x->ntok - 1].end || x->start >= x->end
            || s[x->start] == ' ' || s[x->end - 1] == ' ' || s[x->end - 1] == '\n')
            ok = 0;
        for (size_t k = x->tok; k < x->tok + x->ntok; k++)
            if (tk->t[k].sent != i)
                ok = 0;
        tok += x->ntok;
    }
    if (tok != tk->n)
        ok = 0;
    tok = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const galley_span *x = &ps->s[i];
        if (x->tok != tok)
            ok = 0;
        for (size_t k = x->tok; k < x->tok + x->ntok; k++)
            if (tk->t[k].para != i)
                ok = 0;
        tok += x->ntok;
    }
    if (tok != tk->n)
        ok = 0;
    CHECK(ok);
}

static int split(const char *s, size_t n, galley_tokens *tk, galley_spans *ss,
                 galley_spans *ps)
{
    memset(tk, 0, sizeof *tk);
    memset(ss, 0, sizeof *ss);
    memset(ps, 0, sizeof *ps);
    if (galley_token_split(s, n, tk) || galley_sent_split(s, n, tk, ss, ps))
        return -1;
    check_spans(s, tk, ss, ps);
    return 0;
}

static void release(galley_tokens *tk, galley_spans *ss, galley_spans *ps)
{
    galley_tokens_free(tk);
    galley_spans_free(ss);
    galley_spans_free(ps);
}

/* ---- 1. the case table ---------------------------------------------- */

static void run_case(const char *path, int line, const char *input, char **want, int nwant)
{
    static char text[65536];
    size_t n = unescape(input, text);
    galley_tokens tk;
    galley_spans ss, ps;
    CHECK(split(text, n, &tk, &ss, &ps) == 0);
    int ok = (int)ss.n == nwant;
    for (int i = 0; ok && i < nwant; i++) {
        char w[8192];
        size_t wl = unescape(want[i], w);
        const galley_span *x = &ss.s[i];
        ok = x->end - x->start == wl && memcmp(text + x->start, w, wl) == 0;
    }
    if (!ok) {
        fprintf(stderr, "%s:%d: %s\n  got:\n", path, line, input);
        for (size_t i = 0; i < ss.n; i++)
            fprintf(stderr, "    [%.*s]\n", (int)(ss.s[i].end - ss.s[i].start),
                    text + ss.s[i].start);
        fprintf(stderr, "  want:\n");
        for (int i = 0; i < nwant; i++)
            fprintf(stderr, "    [%s]\n", want[i]);
    }
    CHECK(ok);
    release(&tk, &ss, &ps);
}

static void test_cases(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        CHECK(0);
        return;
    }
    char line[8192], input[8192];
    char *want[64];
    int nwant = 0, have = 0, lineno = 0, start = 0, cases = 0, sentences = 0;
    for (;;) {
        char *r = fgets(line, sizeof line, f);
        if (r) {
            lineno++;
            line[strcspn(line, "\n")] = '\0';
            if (line[0] == '#')
                continue;
        }
        if (!r || line[0] == '\0') {
            if (have) {
                if (nwant == 0) {
                    fprintf(stderr, "%s:%d: case without sentences\n", path, start);
                    CHECK(0);
                } else
                    run_case(path, start, input, want, nwant);
                cases++;
                sentences += nwant;
                for (int i = 0; i < nwant; i++)
                    free(want[i]);
            }
            have = 0;
            nwant = 0;
            if (!r)
                break;
            continue;
        }
        if (!have) {
            strcpy(input, line);
            start = lineno;
            have = 1;
        } else if (nwant < 64)
            want[nwant++] = strdup(line);
    }
    fclose(f);
    printf("%s: %d cases, %d sentences\n", path, cases, sentences);
    CHECK(cases >= 150);
}

/* ---- 2. the sample article ---------------------------------------------- */

static void test_seed(void)
{
    FILE *f = fopen(SEED, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", SEED);
        CHECK(0);
        return;
    }
    static char text[65536];
    size_t n = fread(text, 1, sizeof text, f);
    fclose(f);
    galley_tokens tk;
    galley_spans ss, ps;
    CHECK(split(text, n, &tk, &ss, &ps) == 0);
    CHECK(ss.n == 23);
    if (ss.n == 23) {
        const char *last[] = {"Share", "Leave A Reply", "Exit mobile version"};
        for (int i = 0; i < 3; i++) {
            const galley_span *x = &ss.s[20 + i];
            CHECK_STR(text + x->start, x->end - x->start, last[i]);
        }
        const galley_span *x = &ss.s[0];
        const char *end = "\u201crescue operation.\u201d";
        CHECK(x->end - x->start > strlen(end)
              && memcmp(text + x->end - strlen(end), end, strlen(end)) == 0);
        x = &ss.s[4];
        CHECK(memcmp(text + x->start, "\u201cThe US welcomes", strlen("\u201cThe US welcomes")) == 0);
    } else {
        for (size_t i = 0; i < ss.n; i++)
            fprintf(stderr, "  [%.60s]\n", text + ss.s[i].start);
    }
    CHECK(ps.n == 13);
    release(&tk, &ss, &ps);
}

/* ---- 3. the rest ---------------------------------------------------------- */

static void test_structure(void)
{
    const char *s = "First one. Second one.\n\nNew paragraph here.\n\n\n\nLast.";
    galley_tokens tk;
    galley_spans ss, ps;
    CHECK(split(s, strlen(s), &tk, &ss, &ps) == 0);
    CHECK(ss.n == 4 && ps.n == 3);
    if (ss.n == 4 && ps.n == 3) {
        CHECK(tk.t[ss.s[2].tok].para == 1 && tk.t[ss.s[3].tok].para == 2);
        CHECK_STR(s + ps.s[0].start, ps.s[0].end - ps.s[0].start, "First one. Second one.");
        CHECK(ps.s[1].tok == ss.s[2].tok && ps.s[1].ntok == ss.s[2].ntok);
    }
    /* spans are appended after what the lists hold; NULL lists are fine */
    galley_spans more = ss;
    CHECK(galley_sent_split(s, strlen(s), &tk, &more, NULL) == 0 && more.n == 8);
    ss = more;
    release(&tk, &ss, &ps);

    galley_tokens t2 = {0};
    CHECK(galley_token_split(s, strlen(s), &t2) == 0);
    CHECK(galley_sent_split(s, strlen(s), &t2, NULL, NULL) == 0);
    CHECK(t2.t[t2.n - 1].sent == 3 && t2.t[t2.n - 1].para == 2);
    galley_tokens_free(&t2);

    /* no tokens: no spans */
    galley_tokens t3 = {0};
    galley_spans s3 = {0}, p3 = {0};
    CHECK(galley_sent_split("", 0, &t3, &s3, &p3) == 0 && s3.n == 0 && p3.n == 0);
    CHECK(galley_sent_split("  \n ", 4, &t3, &s3, &p3) == 0 && s3.n == 0 && p3.n == 0);
    galley_spans_free(&s3);
    galley_spans_free(&p3);
}

/* A sentence that ends with an abbreviation: its period becomes a token of
** its own, as UD treebanks have it; inside a sentence it stays. */
static void test_final_abbreviation(void)
{
    const char *s = "They moved to the U.S. The U.S. economy grew. Talks ended at 5 p.m.";
    galley_tokens tk;
    galley_spans ss, ps;
    CHECK(split(s, strlen(s), &tk, &ss, &ps) == 0);
    CHECK(ss.n == 3);
    int us = 0, usdot = 0, dots = 0;
    for (size_t i = 0; i < tk.n; i++) {
        const char *t = s + tk.t[i].start;
        size_t l = tk.t[i].end - tk.t[i].start;
        if (l == 3 && memcmp(t, "U.S", 3) == 0)
            us++;
        if (l == 4 && memcmp(t, "U.S.", 4) == 0)
            usdot++;
        if (l == 1 && *t == '.') {
            dots++;
            CHECK(tk.t[i].kind == GALLEY_TK_PUNCT && (tk.t[i].flags & GALLEY_TF_STOP));
        }
    }
    CHECK(us == 1 && usdot == 1 && dots == 3);
    CHECK(tk.t[tk.n - 1].end == strlen(s) && tk.t[tk.n - 2].end == strlen(s) - 1);
    if (ss.n == 3) {
        CHECK_STR(s + ss.s[0].start, ss.s[0].end - ss.s[0].start, "They moved to the U.S.");
        CHECK(ss.s[0].ntok == 6);
    }
    release(&tk, &ss, &ps);
}

/* The same for the abbreviations that end a sentence by the newer rules:
** an era after a year, a street name, a company name. */
static void test_final_era_street_company(void)
{
    const char *s = "The wall went up in 120 A.D. Parts of it stand on Elm St. "
                    "Guards watch it for Acme Corp. Tourists come anyway.";
    static const char *const last[] = {"A.D", "St", "Corp"};
    galley_tokens tk;
    galley_spans ss, ps;
    CHECK(split(s, strlen(s), &tk, &ss, &ps) == 0);
    CHECK(ss.n == 4);
    for (size_t k = 0; k < 3 && k < ss.n; k++) {
        const galley_token *dot = &tk.t[ss.s[k].tok + ss.s[k].ntok - 1];
        const galley_token *w = dot - 1;
        CHECK(dot->end - dot->start == 1 && s[dot->start] == '.'
              && dot->kind == GALLEY_TK_PUNCT);
        CHECK_STR(s + w->start, w->end - w->start, last[k]);
        CHECK(w->end == dot->start);
    }
    release(&tk, &ss, &ps);
}

int main(int argc, char **argv)
{
    test_cases(argc > 1 ? argv[1] : "tests/cases/sentences.txt");
    test_seed();
    test_structure();
    test_final_abbreviation();
    test_final_era_street_company();
    return check_done();
}
