/*
** test_token.c: the tokenizer.
**   test_token [CASES]     CASES defaults to tests/cases/tokens.txt (run
**                          from the repository root, as tests/run.sh does)
** 1. The word-boundary layer against Unicode's WordBreakTest.txt (package
**    unicode-data; skipped with a message when the file is absent), and
**    against libunistring's u8_wordbreaks on random strings, so that the
**    fast scanner and the libunistring path agree.
** 2. The case table: input lines and the tokens expected (the format is
**    described at the top of the file); each case also runs with
**    GALLEY_TOKEN_NOFAST, which must give the same tokens.
** 3. Kinds, flags, line counts, shapes, case folding, abbreviation classes,
**    and bad input (invalid UTF-8, NUL bytes) that must not crash.
*/
#include "cases.h"
#include "check.h"
#include "galley.h"
#include "token.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwbrk.h>

#define WBTEST "/usr/share/unicode/auxiliary/WordBreakTest.txt"

/* ---- helpers ---------------------------------------------------- */

/* The tokens of 's' as one line, separated by single spaces. */
static char *joined(const char *s, const galley_tokens *tk)
{
    size_t cap = 1;
    for (size_t i = 0; i < tk->n; i++)
        cap += tk->t[i].end - tk->t[i].start + 1;
    char *out = malloc(cap);
    size_t n = 0;
    for (size_t i = 0; i < tk->n; i++) {
        if (i)
            out[n++] = ' ';
        memcpy(out + n, s + tk->t[i].start, tk->t[i].end - tk->t[i].start);
        n += tk->t[i].end - tk->t[i].start;
    }
    out[n] = '\0';
    return out;
}

static int same_tokens(const galley_tokens *a, const galley_tokens *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->t[i].start != b->t[i].start || a->t[i].end != b->t[i].end
            || a->t[i].kind != b->t[i].kind || a->t[i].flags != b->t[i].flags
            || a->t[i].lines != b->t[i].lines || a->t[i].xflags != b->t[i].xflags)
            return 0;
    return 1;
}

/* Tokenize 's' both ways (with every shortcut, and with none:
** GALLEY_TOKEN_NOFAST); checks that they agree; returns the fast one. */
static galley_tokens split2(const char *s, size_t len, const char *what)
{
    galley_tokens a = {0}, b = {0};
    CHECK(galley_token_split(s, len, &a) == GALLEY_OK);
    CHECK(galley_token_split_opt(s, len, &b, GALLEY_TOKEN_NOFAST) == GALLEY_OK);
    if (!same_tokens(&a, &b)) {
        char *x = joined(s, &a), *y = joined(s, &b);
        fprintf(stderr, "fast and libunistring paths differ on \"%s\":\n  %s\n  %s\n",
                what, x, y);
        free(x);
        free(y);
        CHECK(0);
    } else
        CHECK(1);
    galley_tokens_free(&b);
    return a;
}

/* ---- 1. word boundaries ------------------------------------------- */

static void test_wordbreaktest(void)
{
    FILE *f = fopen(WBTEST, "r");
    if (!f) {
        printf("SKIP: %s not found (Debian package unicode-data); "
               "WordBreakTest conformance not checked\n", WBTEST);
        return;
    }
    char line[8192];
    int lines = 0, fast = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        char *h = strchr(line, '#');
        if (h)
            *h = '\0';
        if ((unsigned char)line[0] != 0xc3)     /* starts with ÷ */
            continue;
        uint8_t s[1024];
        char want[1024], got[1024];
        size_t n = 0;
        int brk = 0;
        memset(want, 0, sizeof want);
        for (char *p = line; *p;) {
            if ((unsigned char)p[0] == 0xc3 && (unsigned char)p[1] == 0xb7) {
                brk = 1;                        /* ÷ */
                p += 2;
            } else if ((unsigned char)p[0] == 0xc3 && (unsigned char)p[1] == 0x97) {
                brk = 0;                        /* × */
                p += 2;
            } else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                p++;
            } else {
                ucs4_t c = (ucs4_t)strtoul(p, &p, 16);
                want[n] = (char)brk;
                int l = u8_uctomb(s + n, c, 6);
                n += l > 0 ? (size_t)l : 0;
            }
        }
        if (n == 0)
            continue;
        lines++;
        fast += galley_wordbreaks((const char *)s, n, got);
        int ok = 1;
        for (size_t i = 1; i < n; i++)
            if ((s[i] & 0xc0) != 0x80 && got[i] != want[i])
                ok = 0;
        if (!ok && bad++ < 5)
            fprintf(stderr, "WordBreakTest: wrong boundaries: %s\n", line);
        CHECK(ok);
    }
    fclose(f);
    printf("WordBreakTest.txt: %d lines, %d decided by the fast scanner, %d by libunistring, %d wrong\n",
           lines, fast, lines - fast, bad);
    CHECK(lines > 1000);
    CHECK(fast > 100);
}

static uint64_t rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* A random character: mostly the classes the fast scanner handles, some
** it hands to libunistring, and code points from the ranges it knows by
** heart (Latin, Greek, Cyrillic, General Punctuation). */
static ucs4_t random_char(void)
{
    static const ucs4_t pick[] = {
        'a', 'Z', 'q', '0', '7', '.', '\'', ':', ',', ';', '_', ' ', ' ', '\n',
        '\r', '\t', '-', '"', '!', '@', '#', 0xe9, 0xdf, 0x2019, 0x2018, 0xb7,
        0x201c, 0x2026, 0x2014, 0x3a9, 0x434, 0x65e5, 0x30ab, 0x5d0, 0x308,
        0x200d, 0x1f600, 0x1f1fa, 0x1f3fd, 0xa0, 0x3000, 0x2028, 0x66b, 0xad,
        0xfe0f, 0x2060, 0xff0e, 0x2024
    };
    switch (rnd(6)) {
    case 0:
        return 0xa0 + rnd(0x530 - 0xa0);
    case 1:
        return rnd(2) ? 0x1e00 + rnd(0x100) : 0x2000 + rnd(0x70);
    default:
        return pick[rnd(sizeof pick / sizeof pick[0])];
    }
}

static void test_random_breaks(void)
{
    int bad = 0, fast = 0;
    for (int k = 0; k < 60000; k++) {
        uint8_t s[256];
        char got[256], want[256];
        size_t n = 0;
        int m = 1 + (int)rnd(14);
        for (int i = 0; i < m; i++) {
            int l = u8_uctomb(s + n, random_char(), 6);
            n += l > 0 ? (size_t)l : 0;
        }
        fast += galley_wordbreaks((const char *)s, n, got);
        u8_wordbreaks(s, n, want);
        int ok = memcmp(got + 1, want + 1, n - 1) == 0;
        if (!ok && bad++ < 5) {
            fprintf(stderr, "random boundaries differ on:");
            for (size_t i = 0; i < n; i++)
                fprintf(stderr, " %02x", s[i]);
            fprintf(stderr, "\n");
        }
        CHECK(ok);
    }
    printf("random strings: 60000 compared with u8_wordbreaks, %d by the fast scanner, %d wrong\n",
           fast, bad);
    CHECK(fast > 10000);
}

/* Random text made of words, numbers and punctuation: both paths of the
** tokenizer must agree, and nothing may overlap or run past the text. */
static void test_random_tokens(void)
{
    static const char *const pieces[] = {
        "Maduro", "said", "U.S.", "Dr.", "can't", "don\u2019t", "e-mail", "3.5%",
        "1,000.50", "5pm", "9/11", "\u201cYes,\u201d", "(AP)", "\u2014", "...",
        "?!", "caf\u00e9", "na\u0308ive", "\U0001F44D\U0001F3FD", "#tag", "@user",
        "x@y.org", "https://a.b/c?d=1.", "No.", "5", "Mr", "J.", "\u00a0", "\n",
        "\n\n", "  ", "\t", "'90s", "AT&T", "\u0645\u0631\u062d\u0628\u0627",
        "\u65e5\u672c", "\u0391\u03b8\u03ae\u03bd\u03b1", "--", "$", "O'Neill's",
        "well-known", "non-profit", "555-0123", "10:30", "a.m.", "etc.", "I'm",
        "courts).", "'Tis", "(officials", "Jones'", "players\u2019", "Yahoo!",
        "longer,\u201d", "\u00abHola\u00bb,", "\u00bfQu\u00e9?", "(AP)", "it.\u2019",
        "Inc.)", "word...?", "wow?!.", "\"Yes!\"", "[sic]", "cannot,", "Dr.)",
        "hey!!", "U.S.\u201d", "end.\"", "'s", "\u2018quote\u2019",
        "two-year-old", "e-mail,", "ex-Gov.", "non-profit-making.", "Mass.",
        "co-founder's", "x-ray!", "e-Toiba", "Inc.,", "Sen.", "$5,000.", "1,5",
        "dont", "Thats,", "its", "a", "wont", "to", "im", "Ive", "ive.", "w/",
        "b/c", "sh*t", "I\u00b4m", "don\u00b4t", "Reyes@HQ", "----==", "..?",
        ":-)", "great:)", "12MMBtu", "LTD.", "they'd've", "DIDNT", "(theyre)"
    };
    for (int k = 0; k < 3000; k++) {
        char s[2048];
        size_t n = 0;
        int m = 1 + (int)rnd(30);
        for (int i = 0; i < m; i++) {
            const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
            size_t l = strlen(p);
            memcpy(s + n, p, l);
            n += l;
            if (rnd(3))
                s[n++] = ' ';
        }
        s[n] = '\0';
        galley_tokens tk = split2(s, n, s);
        int ok = 1;
        for (size_t i = 0; i < tk.n; i++) {
            if (tk.t[i].start >= tk.t[i].end || tk.t[i].end > n
                || (i && tk.t[i].start < tk.t[i - 1].end)
                || tk.t[i].kind >= GALLEY_TK_NKINDS)
                ok = 0;
        }
        CHECK(ok);
        galley_tokens_free(&tk);
    }
}

/* ---- 2. the case table -------------------------------------------- */

static int kind_index(const char *name)
{
    for (int k = 0; k < GALLEY_TK_NKINDS; k++)
        if (strcmp(galley_token_kind_names[k], name) == 0)
            return k;
    return -1;
}

static void test_cases(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        CHECK(0);
        return;
    }
    char line[4096], input[4096], text[16384], want[16384];
    int state = 0, cases = 0, lineno = 0, start = 0;
    galley_tokens tk = {0};
    for (;;) {
        char *r = fgets(line, sizeof line, f);
        if (r) {
            lineno++;
            line[strcspn(line, "\n")] = '\0';
            if (line[0] == '#')
                continue;
        }
        if (!r || line[0] == '\0') {
            if (state == 1) {
                fprintf(stderr, "%s:%d: case without expected tokens\n", path, start);
                CHECK(0);
            }
            state = 0;
            if (!r)
                break;
            continue;
        }
        if (state == 0) {
            strcpy(input, line);
            start = lineno;
            state = 1;
        } else if (state == 1) {
            size_t n = unescape(input, text);
            unescape(line, want);
            galley_tokens_free(&tk);
            tk = split2(text, n, input);
            char *got = joined(text, &tk);
            if (strcmp(got, want) != 0) {
                fprintf(stderr, "%s:%d: %s\n  got:  %s\n  want: %s\n", path, start,
                        input, got, want);
                CHECK(0);
            } else
                CHECK(1);
            free(got);
            cases++;
            state = 2;
        } else if (strncmp(line, "kinds:", 6) == 0) {
            char *save = NULL;
            size_t i = 0;
            int ok = 1;
            for (char *w = strtok_r(line + 6, " ", &save); w; w = strtok_r(NULL, " ", &save), i++)
                if (i >= tk.n || kind_index(w) != tk.t[i].kind)
                    ok = 0;
            if (!ok || i != tk.n) {
                fprintf(stderr, "%s:%d: kinds differ for: %s\n  got:", path, start, input);
                for (size_t k = 0; k < tk.n; k++)
                    fprintf(stderr, " %s", galley_token_kind_names[tk.t[k].kind]);
                fprintf(stderr, "\n");
            }
            CHECK(ok && i == tk.n);
        }
    }
    galley_tokens_free(&tk);
    fclose(f);
    printf("%s: %d cases\n", path, cases);
    CHECK(cases >= 200);
}

/* ---- 3. attributes ------------------------------------------------ */

static const galley_token *tok(const galley_tokens *tk, const char *s, const char *text)
{
    for (size_t i = 0; i < tk->n; i++)
        if (tk->t[i].end - tk->t[i].start == strlen(text)
            && memcmp(s + tk->t[i].start, text, strlen(text)) == 0)
            return &tk->t[i];
    fprintf(stderr, "no token \"%s\"\n", text);
    return NULL;
}

static void test_flags(void)
{
    const char *s = "Maduro NATO met 2024\n\nthe U.S. at 5:30, \u00c1ngel \u00e9l A";
    galley_tokens tk = split2(s, strlen(s), s);
    const galley_token *t;
    CHECK((t = tok(&tk, s, "Maduro")) && (t->flags & GALLEY_TF_TITLE)
          && !(t->flags & GALLEY_TF_UPPER) && (t->flags & GALLEY_TF_ASCII)
          && (t->flags & GALLEY_TF_SPACE) && t->kind == GALLEY_TK_WORD && t->lines == 0);
    CHECK((t = tok(&tk, s, "NATO")) && (t->flags & GALLEY_TF_UPPER)
          && !(t->flags & GALLEY_TF_TITLE));
    CHECK((t = tok(&tk, s, "met")) && !(t->flags & (GALLEY_TF_UPPER | GALLEY_TF_TITLE)));
    CHECK((t = tok(&tk, s, "2024")) && (t->flags & GALLEY_TF_DIGIT)
          && t->kind == GALLEY_TK_NUMBER);
    CHECK((t = tok(&tk, s, "the")) && t->lines == 2 && (t->flags & GALLEY_TF_NL));
    CHECK((t = tok(&tk, s, "U.S.")) && (t->flags & GALLEY_TF_STOP)
          && (t->flags & GALLEY_TF_UPPER));
    CHECK((t = tok(&tk, s, "5:30")) && t->kind == GALLEY_TK_NUMBER
          && !(t->flags & GALLEY_TF_DIGIT) && !(t->flags & GALLEY_TF_SPACE));
    CHECK((t = tok(&tk, s, ",")) && (t->flags & GALLEY_TF_PUNCT) && t->kind == GALLEY_TK_PUNCT);
    CHECK((t = tok(&tk, s, "\u00c1ngel")) && (t->flags & GALLEY_TF_TITLE)
          && !(t->flags & GALLEY_TF_ASCII));
    CHECK((t = tok(&tk, s, "\u00e9l")) && !(t->flags & (GALLEY_TF_TITLE | GALLEY_TF_UPPER)));
    CHECK((t = tok(&tk, s, "A")) && (t->flags & GALLEY_TF_TITLE) && (t->flags & GALLEY_TF_UPPER)
          && !(t->flags & GALLEY_TF_SPACE));
    galley_tokens_free(&tk);

    /* punctuation classes, list items, line ends */
    const char *p = "(a) \u201cYes\u201d [9] \"no\" $5 \u20ac6\n\u2022 1. b) 2024. x\n\ny";
    tk = split2(p, strlen(p), p);
    CHECK((t = tok(&tk, p, "(")) && t->xflags == (GALLEY_TX_OPEN | GALLEY_TX_BRACKET));
    CHECK((t = tok(&tk, p, ")")) && t->xflags == (GALLEY_TX_CLOSE | GALLEY_TX_BRACKET));
    CHECK((t = tok(&tk, p, "a")) && t->xflags == GALLEY_TX_ITEM);
    CHECK((t = tok(&tk, p, "\u201c")) && t->xflags == (GALLEY_TX_OPEN | GALLEY_TX_QUOTE));
    CHECK((t = tok(&tk, p, "\u201d")) && t->xflags == (GALLEY_TX_CLOSE | GALLEY_TX_QUOTE));
    CHECK((t = tok(&tk, p, "\"")) && t->xflags == GALLEY_TX_QUOTE);
    CHECK((t = tok(&tk, p, "$")) && t->xflags == GALLEY_TX_CURRENCY);
    CHECK((t = tok(&tk, p, "\u20ac")) && t->xflags == GALLEY_TX_CURRENCY);
    CHECK((t = tok(&tk, p, "6")) && t->xflags == GALLEY_TX_EOL);
    CHECK((t = tok(&tk, p, "\u2022")) && t->xflags == GALLEY_TX_BULLET);
    CHECK((t = tok(&tk, p, "1")) && t->xflags == GALLEY_TX_ITEM);
    CHECK((t = tok(&tk, p, "b")) && t->xflags == GALLEY_TX_ITEM);
    CHECK((t = tok(&tk, p, "2024")) && t->xflags == 0);
    CHECK((t = tok(&tk, p, "x")) && t->xflags == GALLEY_TX_EOL);
    CHECK((t = tok(&tk, p, "y")) && t->xflags == 0);
    galley_tokens_free(&tk);
    tk = split2("end\n", 4, "end\\n");
    CHECK(tk.n == 1 && tk.t[0].xflags == GALLEY_TX_EOL);
    galley_tokens_free(&tk);

    /* appending: offsets stay absolute, earlier tokens stay */
    galley_tokens a = {0};
    CHECK(galley_token_split("one two", 7, &a) == GALLEY_OK && a.n == 2);
    CHECK(galley_token_split("three", 5, &a) == GALLEY_OK && a.n == 3 && a.t[2].start == 0);
    galley_tokens_free(&a);
    CHECK(a.t == NULL && a.n == 0);

    /* empty and blank input */
    galley_tokens e = {0};
    CHECK(galley_token_split("", 0, &e) == GALLEY_OK && e.n == 0);
    CHECK(galley_token_split(" \n\t\u00a0 ", strlen(" \n\t\u00a0 "), &e) == GALLEY_OK && e.n == 0);
    galley_tokens_free(&e);
}

static void test_bad_input(void)
{
    /* invalid UTF-8, lone continuation bytes, truncated sequences, NUL */
    const char bad[] = "ab\xff\xfe cd\x80\x80 \xe2\x80 \xc3\0x \xf0\x9f\x98 e\xcc";
    galley_tokens tk = {0};
    CHECK(galley_token_split(bad, sizeof bad - 1, &tk) == GALLEY_OK);
    int ok = 1;
    for (size_t i = 0; i < tk.n; i++)
        if (tk.t[i].end > sizeof bad - 1 || tk.t[i].start >= tk.t[i].end)
            ok = 0;
    CHECK(ok && tk.n > 0);
    galley_tokens_free(&tk);
    for (int k = 0; k < 2000; k++) {
        char s[64];
        size_t n = 1 + rnd(63);
        for (size_t i = 0; i < n; i++)
            s[i] = (char)rnd(256);
        galley_tokens a = {0};
        CHECK(galley_token_split(s, n, &a) == GALLEY_OK);
        galley_tokens_free(&a);
        char p[64];
        galley_wordbreaks(s, n, p);
    }
}

static void test_attributes(void)
{
    galley_buf b = {0};
    CHECK(galley_shape("Maduro", 6, &b) == 0);
    CHECK_STR(b.s, b.len, "Xxxxx");
    b.len = 0;
    CHECK(galley_shape("U.S.", 4, &b) == 0);
    CHECK_STR(b.s, b.len, "X.X.");
    b.len = 0;
    CHECK(galley_shape("1,000.50", 8, &b) == 0);
    CHECK_STR(b.s, b.len, "d,ddd.dd");
    b.len = 0;
    CHECK(galley_shape("\u00c1ngela", strlen("\u00c1ngela"), &b) == 0);
    CHECK_STR(b.s, b.len, "Xxxxx");
    b.len = 0;
    CHECK(galley_shape("\u2014", 3, &b) == 0);
    CHECK_STR(b.s, b.len, "\u2014");
    b.len = 0;
    CHECK(galley_casefold("Stra\u00dfe", strlen("Stra\u00dfe"), &b) == 0);
    CHECK_STR(b.s, b.len, "strasse");
    b.len = 0;
    CHECK(galley_casefold("NATO", 4, &b) == 0);
    CHECK_STR(b.s, b.len, "nato");
    b.len = 0;
    CHECK(galley_lower("\u00c9L PA\u00cdS", strlen("\u00c9L PA\u00cdS"), &b) == 0);
    CHECK_STR(b.s, b.len, "\u00e9l pa\u00eds");
    b.len = 0;
    /* a long word goes through libunistring's own allocation */
    char big[600];
    for (int i = 0; i < 300; i++) {
        big[2 * i] = (char)0xc3;
        big[2 * i + 1] = (char)0x89;            /* É */
    }
    CHECK(galley_casefold(big, 600, &b) == 0 && b.len == 600
          && (unsigned char)b.s[1] == 0xa9);
    galley_buf_free(&b);

    const char *s = "Dr. Ana Ruiz";
    galley_tokens tk = {0};
    CHECK(galley_token_split(s, strlen(s), &tk) == 0 && tk.n == 3);
    galley_buf sh = {0};
    CHECK(galley_token_shape(s, &tk.t[0], &sh) == 0);
    CHECK_STR(sh.s, sh.len, "Xx.");
    galley_buf_free(&sh);
    galley_tokens_free(&tk);

    CHECK(galley_token_abbrev("Mr.", 3) == GALLEY_ABBR_TITLE);
    CHECK(galley_token_abbrev("Gen.", 4) == GALLEY_ABBR_TITLE);
    CHECK(galley_token_abbrev("No.", 3) == GALLEY_ABBR_NUMBER);
    CHECK(galley_token_abbrev("p.m.", 4) == GALLEY_ABBR_TIME);
    CHECK(galley_token_abbrev("etc.", 4) == GALLEY_ABBR_TIME);
    CHECK(galley_token_abbrev("J.", 2) == GALLEY_ABBR_INITIAL);
    CHECK(galley_token_abbrev("\u00c1.", 3) == GALLEY_ABBR_INITIAL);
    CHECK(galley_token_abbrev("U.S.", 4) == GALLEY_ABBR_OTHER);
    CHECK(galley_token_abbrev("Inc.", 4) == GALLEY_ABBR_OTHER);
    CHECK(galley_token_abbrev("Sept.", 5) == GALLEY_ABBR_OTHER);
    CHECK(galley_token_abbrev("dog.", 4) == GALLEY_ABBR_NONE);
    /* capitalised company and title forms; a few of news text */
    CHECK(galley_token_abbrev("LTD.", 4) == GALLEY_ABBR_OTHER);
    CHECK(galley_token_abbrev("CORP.", 5) == GALLEY_ABBR_OTHER);
    CHECK(galley_token_abbrev("MR.", 3) == GALLEY_ABBR_TITLE);
    CHECK(galley_token_abbrev("Spc.", 4) == GALLEY_ABBR_TITLE);
    CHECK(galley_token_abbrev("Sts.", 4) == GALLEY_ABBR_OTHER);
    CHECK(galley_token_abbrev("pop.", 4) == GALLEY_ABBR_NUMBER);
    CHECK(galley_token_abbrev("LA.", 3) == GALLEY_ABBR_NONE);
    CHECK(galley_token_abbrev("NATO.", 5) == GALLEY_ABBR_NONE);
    CHECK(galley_token_abbrev("Mr", 2) == GALLEY_ABBR_NONE);
    CHECK(galley_token_abbrev(".", 1) == GALLEY_ABBR_NONE);
    for (int k = 0; k < GALLEY_TK_NKINDS; k++)
        CHECK(galley_token_kind_names[k] && galley_token_kind_names[k][0]);
}

int main(int argc, char **argv)
{
    test_wordbreaktest();
    test_random_breaks();
    test_random_tokens();
    test_cases(argc > 1 ? argv[1] : "tests/cases/tokens.txt");
    test_flags();
    test_bad_input();
    test_attributes();
    return check_done();
}
