/*
** test_regex.c: unit tests for core/regex.c (flags, compile errors,
** captures, empty matches, invalid UTF-8, limits, the compile cache).
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "check.h"
#include "galley.h"
#include "regex.h"

#include <stdlib.h>
#include <string.h>

static galley_regex *compile(const char *pat, unsigned flags)
{
    galley_regex *re = NULL;
    galley_buf err = {0};
    int rc = galley_regex_compile(pat, strlen(pat), flags, &re, &err);
    if (rc)
        fprintf(stderr, "compile %s: %s\n", pat, err.s);
    galley_buf_free(&err);
    return re;
}

/* All matches of 'pat' over 's' as "start-end" pairs separated by spaces. */
static char *all(const char *pat, unsigned flags, const char *s, size_t len)
{
    static char out[512];
    galley_regex *re = compile(pat, flags);
    out[0] = '\0';
    if (!re)
        return out;
    galley_regex_iter it;
    galley_regex_iter_init(&it, re, s, len, 0);
    size_t n = 0;
    int rc;
    while ((rc = galley_regex_next(&it, NULL)) == 1) {
        size_t b, e;
        galley_regex_capture(re, 0, &b, &e);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%zu-%zu", n ? " " : "", b, e);
        if (n >= sizeof out - 16)
            break;
    }
    if (rc < 0)
        snprintf(out + n, sizeof out - n, " error");
    galley_regex_free(re);
    return out;
}

static void test_flags(void)
{
    unsigned f = 99;
    galley_buf err = {0};
    CHECK(galley_regex_flags("", 0, &f, &err) == 0 && f == 0);
    CHECK(galley_regex_flags("imsx", 4, &f, &err) == 0);
    CHECK(f == (GALLEY_RX_ICASE | GALLEY_RX_MULTILINE | GALLEY_RX_DOTALL | GALLEY_RX_EXTENDED));
    CHECK(galley_regex_flags("iq", 2, &f, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "unknown regex flag 'q' (flags are i, m, s, x)");
    err.len = 0;
    CHECK(galley_regex_flags("\xc3\xa9", 2, &f, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "unknown regex flag byte 0xc3 (flags are i, m, s, x)");
    galley_buf_free(&err);
}

static void test_compile_errors(void)
{
    galley_regex *re = NULL;
    galley_buf err = {0};
    CHECK(galley_regex_compile("(abc", 4, 0, &re, &err) == GALLEY_EINVAL);
    CHECK(re == NULL);
    CHECK_STR(err.s, err.len, "missing closing parenthesis at offset 4");
    err.len = 0;
    CHECK(galley_regex_compile("a{2,1}", 6, 0, &re, &err) == GALLEY_EINVAL);
    CHECK(strstr(err.s, "at offset 5") != NULL);
    err.len = 0;
    /* Invalid UTF-8 in the pattern is refused with its offset. */
    CHECK(galley_regex_compile("ab\xff", 3, 0, &re, &err) == GALLEY_EINVAL);
    CHECK(strstr(err.s, "UTF-8 error") != NULL);
    CHECK(strstr(err.s, "at offset 2") != NULL);
    err.len = 0;
    /* Too long. */
    size_t big = GALLEY_REGEX_MAX_PATTERN + 1;
    char *p = malloc(big);
    CHECK(p != NULL);
    memset(p, 'a', big);
    CHECK(galley_regex_compile(p, big, 0, &re, &err) == GALLEY_ELIMIT);
    CHECK_STR(err.s, err.len, "regex pattern too long (limit is 65536 bytes)");
    err.len = 0;
    /* Within the limit, PCRE2's own size limit may still refuse it. */
    CHECK(galley_regex_compile(p, big - 1, 0, &re, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "regular expression is too large at offset 65536");
    err.len = 0;
    /* A long pattern that compiles small is fine. */
    memset(p, ' ', big - 1);
    p[0] = 'a';
    CHECK(galley_regex_compile(p, big - 1, GALLEY_RX_EXTENDED, &re, &err) == 0);
    CHECK(galley_regex_exec(re, "ba", 2, 0, 0, NULL) == 1);
    galley_regex_free(re);
    free(p);
    /* Unknown flag bits. */
    CHECK(galley_regex_compile("a", 1, 1u << 10, &re, &err) == GALLEY_EINVAL);
    /* NULL err is allowed. */
    CHECK(galley_regex_compile("[", 1, 0, &re, NULL) == GALLEY_EINVAL);
    /* Empty pattern. */
    CHECK(galley_regex_compile("", 0, 0, &re, &err) == 0);
    galley_regex_free(re);
    galley_buf_free(&err);
}

static void test_captures(void)
{
    galley_regex *re = compile("(?<first>\\p{Lu}\\w+)\\s+(\\p{Lu}\\w+)(x)?", 0);
    CHECK(re != NULL);
    CHECK(galley_regex_groups(re) == 3);
    CHECK(galley_regex_names(re) == 1);
    size_t g = 0;
    const char *name = galley_regex_name(re, 0, &g);
    CHECK(name && strcmp(name, "first") == 0 && g == 1);
    CHECK(galley_regex_name(re, 1, &g) == NULL);
    CHECK(galley_regex_group(re, "first", 5) == 1);
    CHECK(galley_regex_group(re, "firs", 4) == -1);
    const char *s = "said Nicolás Maduro today";
    CHECK(galley_regex_exec(re, s, strlen(s), 0, 0, NULL) == 1);
    size_t b, e;
    CHECK(galley_regex_capture(re, 0, &b, &e) == 1);
    CHECK_STR(s + b, e - b, "Nicolás Maduro");
    CHECK(galley_regex_capture(re, 1, &b, &e) == 1);
    CHECK_STR(s + b, e - b, "Nicolás");
    CHECK(galley_regex_capture(re, 2, &b, &e) == 1);
    CHECK_STR(s + b, e - b, "Maduro");
    CHECK(galley_regex_capture(re, 3, &b, &e) == 0);   /* did not take part */
    CHECK(galley_regex_capture(re, 4, &b, &e) == 0);   /* no such group */
    /* No match: captures are not readable. */
    CHECK(galley_regex_exec(re, "lower case", 10, 0, 0, NULL) == 0);
    CHECK(galley_regex_capture(re, 0, &b, &e) == 0);
    /* Start past the end. */
    CHECK(galley_regex_exec(re, s, strlen(s), strlen(s) + 1, 0, NULL) == 0);
    galley_regex_free(re);
}

static void test_unicode(void)
{
    /* UCP: \w and \b know letters beyond ASCII. */
    const char *s = "café crème";
    CHECK(strcmp(all("\\w+", 0, s, strlen(s)), "0-5 6-12") == 0);
    /* Caseless on non-ASCII letters. */
    s = "ÉTÉ été";
    CHECK(strcmp(all("été", GALLEY_RX_ICASE, s, strlen(s)), "0-5 6-11") == 0);
    /* Flags m and s. */
    s = "one\ntwo";
    CHECK(strcmp(all("^\\w+$", 0, s, strlen(s)), "") == 0);
    CHECK(strcmp(all("^\\w+$", GALLEY_RX_MULTILINE, s, strlen(s)), "0-3 4-7") == 0);
    CHECK(strcmp(all("e.t", 0, s, strlen(s)), "") == 0);
    CHECK(strcmp(all("e.t", GALLEY_RX_DOTALL, s, strlen(s)), "2-5") == 0);
    CHECK(strcmp(all("t w o  # a comment", GALLEY_RX_EXTENDED, s, strlen(s)), "4-7") == 0);
    /* Curly quotes and NBSP: \s matches NBSP under UCP. */
    s = "“quoted”\xc2\xa0text";
    CHECK(strcmp(all("\\s", 0, s, strlen(s)), "12-14") == 0);
    CHECK(strcmp(all("“([^”]*)”", 0, s, strlen(s)), "0-12") == 0);
}

static void test_invalid_subject(void)
{
    /* Bad bytes never match a character and never stop the scan. */
    const char s[] = "caf\xff\xfe ol\xc3\xa9 \xe2\x82 z";
    size_t len = sizeof s - 1;
    CHECK(strcmp(all("\\w+", 0, s, len), "0-3 6-10 14-15") == 0);
    CHECK(strcmp(all(".", 0, "a\x80" "b", 3), "0-1 2-3") == 0);
    /* A start offset inside a character is accepted. */
    galley_regex *re = compile("\\w+", 0);
    CHECK(galley_regex_exec(re, "é", 2, 1, 0, NULL) >= 0);
    /* Embedded NUL bytes are ordinary bytes. */
    CHECK(galley_regex_exec(re, "\0\0ab", 4, 0, 0, NULL) == 1);
    size_t b, e;
    CHECK(galley_regex_capture(re, 0, &b, &e) == 1 && b == 2 && e == 4);
    /* Empty and NULL subjects. */
    CHECK(galley_regex_exec(re, "", 0, 0, 0, NULL) == 0);
    CHECK(galley_regex_exec(re, NULL, 0, 0, 0, NULL) == 0);
    galley_regex_free(re);
}

static void test_empty_matches(void)
{
    CHECK(strcmp(all("x*", 0, "ab", 2), "0-0 1-1 2-2") == 0);
    CHECK(strcmp(all("a*", 0, "baaa", 4), "0-0 1-4 4-4") == 0);
    CHECK(strcmp(all("", 0, "", 0), "0-0") == 0);
    /* Empty matches step over whole characters, not bytes. */
    CHECK(strcmp(all("", 0, "é", 2), "0-0 2-2") == 0);
    CHECK(strcmp(all("\\b", 0, "hi yo", 5), "0-0 2-2 3-3 5-5") == 0);
    /* Iterating from an offset. */
    galley_regex *re = compile("\\d+", 0);
    galley_regex_iter it;
    galley_regex_iter_init(&it, re, "12 34 56", 8, 4);
    CHECK(galley_regex_next(&it, NULL) == 1);
    size_t b, e;
    galley_regex_capture(re, 0, &b, &e);
    CHECK(b == 4 && e == 5);
    CHECK(galley_regex_next(&it, NULL) == 1);
    CHECK(galley_regex_next(&it, NULL) == 0);
    CHECK(galley_regex_next(&it, NULL) == 0);
    /* Anchored at the start offset (the interpreter path). */
    CHECK(galley_regex_exec(re, "12 34", 5, 2, PCRE2_ANCHORED, NULL) == 0);
    CHECK(galley_regex_exec(re, "12 34", 5, 3, PCRE2_ANCHORED, NULL) == 1);
    galley_regex_capture(re, 0, &b, &e);
    CHECK(b == 3 && e == 5);
    galley_regex_iter_init(&it, re, "12", 2, 3);
    CHECK(galley_regex_next(&it, NULL) == 0);
    galley_regex_free(re);
}

static void test_limits(void)
{
    /* Nested quantifiers over a subject that almost matches. */
    char s[64];
    memset(s, 'a', 40);
    s[40] = 'b';
    galley_regex *re = compile("(a+)+$", 0);
    CHECK(re != NULL);
    galley_regex_limits(re, 100000, 0);
    galley_buf err = {0};
    CHECK(galley_regex_exec(re, s, 41, 0, 0, &err) == GALLEY_ELIMIT);
    CHECK_STR(err.s, err.len, "regex match limit exceeded (limit is 100000)");
    err.len = 0;
    /* The iterator passes the error on and stops. */
    galley_regex_iter it;
    galley_regex_iter_init(&it, re, s, 41, 0);
    CHECK(galley_regex_next(&it, &err) == GALLEY_ELIMIT);
    CHECK(galley_regex_next(&it, &err) == 0);
    err.len = 0;
    /* With the default limit it fails too, and in bounded time. */
    galley_regex_limits(re, 0, 0);
    CHECK(galley_regex_exec(re, s, 41, 0, 0, &err) == GALLEY_ELIMIT);
    CHECK_STR(err.s, err.len, "regex match limit exceeded (limit is 10000000)");
    err.len = 0;
    galley_regex_free(re);

    /* Deep recursion: the JIT stack grows once, then the limit applies. */
    size_t n = 2000000;
    char *big = malloc(n);
    CHECK(big != NULL);
    memset(big, 'a', n);
    re = compile("(a|b)*c", 0);
    int rc = galley_regex_exec(re, big, n, 0, 0, &err);
    CHECK(rc == 0 || rc == GALLEY_ELIMIT);
    if (rc == GALLEY_ELIMIT)
        CHECK(strstr(err.s, "limit exceeded (limit is") != NULL);
    galley_regex_free(re);
    free(big);
    galley_buf_free(&err);
}

static void test_cache(void)
{
    galley_regex_cache *c = galley_regex_cache_new(2);
    CHECK(c != NULL);
    galley_regex *a, *a2, *b, *ai, *d;
    galley_buf err = {0};
    CHECK(galley_regex_cache_get(c, "a+", 2, 0, &a, &err) == 0);
    CHECK(galley_regex_cache_get(c, "a+", 2, 0, &a2, &err) == 0);
    CHECK(a == a2);
    CHECK(galley_regex_cache_count(c) == 1);
    CHECK(galley_regex_cache_get(c, "a+", 2, GALLEY_RX_ICASE, &ai, &err) == 0);
    CHECK(ai != a);
    CHECK(galley_regex_flagbits(ai) == GALLEY_RX_ICASE);
    CHECK(galley_regex_cache_count(c) == 2);
    /* Touch "a+" so that "a+"/i is the least recently used. */
    galley_regex_free(a2);
    CHECK(galley_regex_cache_get(c, "a+", 2, 0, &a2, &err) == 0);
    CHECK(galley_regex_cache_get(c, "b", 1, 0, &b, &err) == 0);
    CHECK(galley_regex_cache_count(c) == 2);
    /* The evicted regex still works for its holder. */
    CHECK(galley_regex_exec(ai, "xAa", 3, 0, 0, NULL) == 1);
    galley_regex_free(ai);
    CHECK(galley_regex_cache_get(c, "a+", 2, GALLEY_RX_ICASE, &d, &err) == 0);
    CHECK(d != NULL);
    size_t len;
    CHECK_STR(galley_regex_pattern(d, &len), len, "a+");
    /* Bad patterns are reported and not cached. */
    CHECK(galley_regex_cache_get(c, "(", 1, 0, &ai, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "missing closing parenthesis at offset 1");
    CHECK(galley_regex_cache_count(c) == 2);
    /* Freeing the cache leaves handed-out regexes alive. */
    galley_regex_cache_free(c);
    CHECK(galley_regex_exec(a, "baa", 3, 0, 0, NULL) == 1);
    galley_regex_free(a);
    galley_regex_free(a2);
    galley_regex_free(b);
    galley_regex_free(d);
    galley_regex_cache_free(NULL);
    galley_buf_free(&err);

    /* Many patterns through a small cache. */
    c = galley_regex_cache_new(0);
    for (int i = 0; i < 1000; i++) {
        char p[32];
        int n = snprintf(p, sizeof p, "w%d", i % 100);
        galley_regex *r;
        CHECK(galley_regex_cache_get(c, p, (size_t)n, 0, &r, NULL) == 0);
        galley_regex_free(r);
    }
    CHECK(galley_regex_cache_count(c) == GALLEY_REGEX_CACHE_SIZE);
    galley_regex_cache_free(c);
}

int main(void)
{
    test_flags();
    test_compile_errors();
    test_captures();
    test_unicode();
    test_invalid_subject();
    test_empty_matches();
    test_limits();
    test_cache();
    return check_done();
}
