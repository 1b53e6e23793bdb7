/* test_text.c: input cleaning and title detection (core/text.c). */
#include "check.h"
#include "text.h"

#include <stdlib.h>

static galley_buf out;
static galley_text_stats st;

/* Clean 's' and compare the result with 'want'. */
static void clean(const char *s, size_t n, const char *want, size_t invalid)
{
    CHECK(galley_text_clean(s, n, &out, &st) == 0);
    CHECK_STR(out.s, out.len, want);
    CHECK(st.invalid == invalid);
}

#define CLEAN(lit, want, invalid) clean(lit, sizeof lit - 1, want, invalid)

static void test_clean(void)
{
    CLEAN("Plain ASCII stays as it is.\n", "Plain ASCII stays as it is.\n", 0);
    CLEAN("", "", 0);
    CLEAN("\xEF\xBB\xBFWith a BOM", "With a BOM", 0);
    CHECK(st.bom == 1);
    CLEAN("one\r\ntwo\rthree\n", "one\ntwo\nthree\n", 0);
    CLEAN("a\r\r\nb", "a\n\nb", 0);
    /* accents and curly quotes pass through */
    CLEAN("Nicol\xC3\xA1s said \xE2\x80\x9Chola\xE2\x80\x9D", "Nicol\xC3\xA1s said \xE2\x80\x9Chola\xE2\x80\x9D", 0);
    CHECK(st.normalized == 0);
    /* invalid bytes: each maximal subpart becomes one U+FFFD */
    CLEAN("caf\xE9 bar", "caf\xEF\xBF\xBD bar", 1);
    CHECK(st.first_invalid == 3);
    CLEAN("\x80\x80x", "\xEF\xBF\xBD\xEF\xBF\xBDx", 2);
    CLEAN("\xE2\x80x", "\xEF\xBF\xBDx", 1);          /* truncated 3-byte sequence */
    CLEAN("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", 2); /* overlong '/' */
    CLEAN("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3); /* surrogate */
    CLEAN("\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4);
    CLEAN("\xF0\x9F\x98", "\xEF\xBF\xBD", 1);         /* cut at the end */
    CLEAN("\xF0\x9F\x98\x80 ok", "\xF0\x9F\x98\x80 ok", 0);
    CLEAN("a\0b", "a\xEF\xBF\xBD" "b", 1);            /* a NUL is replaced too */
    /* NFC: e + combining acute becomes one code point */
    CLEAN("Jose\xCC\x81", "Jos\xC3\xA9", 0);
    CHECK(st.normalized == 1);
    /* Angstrom sign is a singleton: NFC maps it to A with ring */
    CLEAN("\xE2\x84\xAB", "\xC3\x85", 0);
    /* already NFC text outside the fast ranges is left as it is */
    CLEAN("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", 0);
    CHECK(st.normalized == 0);
}

static void test_binary(void)
{
    CHECK(galley_text_is_binary("abc\0def", 7, 1024) == 1);
    CHECK(galley_text_is_binary("abcdef", 6, 1024) == 0);
    CHECK(galley_text_is_binary("abc\0def", 7, 3) == 0);   /* past the probe */
}

static void title(const char *s, const char *want, const char *body)
{
    size_t start = 0, b = 0, n = galley_text_title(s, strlen(s), &start, &b);
    if (!want) {
        CHECK(n == 0);
        return;
    }
    CHECK_STR(s + start, n, want);
    CHECK_STR(s + b, strlen(s) - b, body);
}

static void test_title(void)
{
    title("Council backs ferry plan\n\nThe council voted.", "Council backs ferry plan", "The council voted.");
    title("  Spaced title  \n \n\nBody.", "Spaced title", "Body.");
    title("A first sentence that ends.\n\nBody.", NULL, NULL);
    title("No blank line after\nBody.", NULL, NULL);
    title("Only one line", NULL, NULL);
    title("Question?\n\nBody.", NULL, NULL);
    title("He said \xE2\x80\x9C" "enough.\xE2\x80\x9D\n\nBody.", NULL, NULL);
    title("\n\nBody.", NULL, NULL);
    char longline[300];
    memset(longline, 'x', 250);
    strcpy(longline + 250, "\n\nBody.");
    title(longline, NULL, NULL);
}

int main(void)
{
    test_clean();
    test_binary();
    test_title();
    galley_buf_free(&out);
    return check_done();
}
