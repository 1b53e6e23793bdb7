/*
** test_json.c: the JSON codec (core/json.h): string escaping and UTF-8
** repair, number forms, strict decoding, error positions and messages,
** pretty printing, round trips, and a seeded mutation run for crashes.
*/
#include "check.h"
#include "galley.h"
#include "json.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Count one check, printing 'what' when it failed. */
static void note(int ok, int line, const char *what, const char *got,
                 size_t glen, const char *want)
{
    if (ok) {
        check_pass++;
        return;
    }
    check_fail++;
    fprintf(stderr, "%s:%d: %s: got \"%.*s\", want \"%s\"\n", __FILE__, line,
            what, got ? (int)glen : 6, got ? got : "(null)", want);
}

/* Decode 'len' bytes of 'in' from an exact-size copy (so that a read
** past the end shows under ASan). */
static int decode_n(const char *in, size_t len, galley_val *v,
                    galley_json_error *e)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return GALLEY_ENOMEM;
    memcpy(copy, in, len);
    int rc = galley_json_decode(copy, len, v, e);
    free(copy);
    return rc;
}

/* --- string encoding ---------------------------------------------------- */

#define STR(in, want) str_case(__LINE__, in, sizeof(in) - 1, want)

static void str_case(int line, const char *in, size_t len, const char *want)
{
    galley_buf b = {0};
    int rc = galley_json_string(&b, in, len);
    note(rc == GALLEY_OK && b.len == strlen(want)
         && memcmp(b.s, want, b.len) == 0 && b.s[b.len] == '\0',
         line, "json_string", b.s, b.len, want);
    galley_buf_free(&b);
}

static void test_string_encode(void)
{
    STR("", "\"\"");
    STR("hello", "\"hello\"");
    STR("she said \"no\" \\ twice", "\"she said \\\"no\\\" \\\\ twice\"");
    STR("a\nb\tc\rd\be\ff", "\"a\\nb\\tc\\rd\\be\\ff\"");
    STR("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
    STR("a\0b", "\"a\\u0000b\"");
    STR("/", "\"/\"");
    /* UTF-8 goes through byte for byte: 2, 3 and 4 bytes, U+2028, NBSP */
    STR("caf\xC3\xA9", "\"caf\xC3\xA9\"");
    STR("\xE2\x82\xAC" "5", "\"\xE2\x82\xAC" "5\"");
    STR("rain \xF0\x9F\x8C\xA7\xEF\xB8\x8F today",
        "\"rain \xF0\x9F\x8C\xA7\xEF\xB8\x8F today\"");
    STR("\xE2\x80\xA8\xC2\xA0", "\"\xE2\x80\xA8\xC2\xA0\"");
    STR("e\xCC\x81t\xC3\xA9", "\"e\xCC\x81t\xC3\xA9\"");    /* combining acute */
    STR("\xE2\x80\x9Cquoted\xE2\x80\x9D", "\"\xE2\x80\x9Cquoted\xE2\x80\x9D\"");
    STR("\xF4\x8F\xBF\xBF", "\"\xF4\x8F\xBF\xBF\"");          /* U+10FFFF */
    /* invalid bytes: one U+FFFD per maximal invalid subpart */
    STR("\x80", "\"\xEF\xBF\xBD\"");
    STR("a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"");
    STR("\xC3" "A", "\"\xEF\xBF\xBD" "A\"");
    STR("\xE2\x82", "\"\xEF\xBF\xBD\"");                       /* cut short */
    STR("\xE2\x82" "x", "\"\xEF\xBF\xBDx\"");
    STR("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");           /* overlong */
    STR("\xE0\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    STR("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* surrogate */
    STR("\xF4\x90\x80\x80",
        "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  /* > U+10FFFF */
    STR("\xF0\x9F\x98" "!", "\"\xEF\xBF\xBD!\"");
    STR("\xF0\x9F\x98\xF0\x9F\x98\x80",
        "\"\xEF\xBF\xBD\xF0\x9F\x98\x80\"");
    STR("\xFE\xFF\"", "\"\xEF\xBF\xBD\xEF\xBF\xBD\\\"\"");

    /* an escape at every offset of a long run (the eight-byte scan) */
    for (size_t pos = 0; pos < 40; pos++) {
        char in[41], want[64];
        memset(in, 'x', 40);
        in[40] = '\0';
        in[pos] = '"';
        snprintf(want, sizeof want, "\"%.*s\\\"%s\"", (int)pos, in,
                 in + pos + 1);
        str_case(__LINE__, in, 40, want);
        in[pos] = '\xE9';                               /* invalid alone */
        snprintf(want, sizeof want, "\"%.*s\xEF\xBF\xBD%s\"", (int)pos, in,
                 in + pos + 1);
        str_case(__LINE__, in, 40, want);
    }
    /* appending keeps what the buffer held */
    galley_buf b = {0};
    galley_buf_adds(&b, "x=");
    galley_json_string(&b, "y", 1);
    CHECK_STR(b.s, b.len, "x=\"y\"");
    galley_buf_free(&b);
}

/* A byte-at-a-time model of the string encoder, written independently:
** it decodes code points and checks their range, rather than classifying
** lead bytes. Returns the bytes appended to 'out'. */
static size_t model_seq(const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (c >= 0xF8 || (c >= 0x80 && c < 0xC0) || n > len)
        return 0;
    unsigned long cp = c & (0xFF >> (n + 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    static const unsigned long minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < minimum[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static void model_string(galley_buf *out, const unsigned char *s, size_t len)
{
    galley_buf_addc(out, '"');
    for (size_t i = 0; i < len; ) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : model_seq(s + i, len - i);
        if (c == '"' || c == '\\') {
            galley_buf_addc(out, '\\');
            galley_buf_addc(out, (char)c);
        } else if (c == '\n') galley_buf_adds(out, "\\n");
        else if (c == '\t') galley_buf_adds(out, "\\t");
        else if (c == '\r') galley_buf_adds(out, "\\r");
        else if (c == '\b') galley_buf_adds(out, "\\b");
        else if (c == '\f') galley_buf_adds(out, "\\f");
        else if (c < 0x20) galley_buf_printf(out, "\\u%04x", c);
        else if (n) {
            galley_buf_add(out, (const char *)s + i, n);
            i += n;
            continue;
        } else {
            /* the longest prefix that some continuation would complete */
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, k = 1;
            for (size_t t = need - 1; t >= 2; t--) {
                unsigned char probe[4];
                if (t > len - i)
                    continue;
                memcpy(probe, s + i, t);
                memset(probe + t, 0x80, need - t);
                if (model_seq(probe, need) == need) {
                    k = t;
                    break;
                }
            }
            galley_buf_adds(out, "\xEF\xBF\xBD");
            i += k;
            continue;
        }
        i++;
    }
    galley_buf_addc(out, '"');
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_string_model(void)
{
    static const unsigned char alphabet[] = {
        'a', ' ', '"', '\\', '\n', 0x01, 0x7F, 0xC3, 0xA9, 0xE2, 0x82,
        0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xBF, 0xFF, 0xED, 0xA0, 0xE0, 0xF4,
        0x90, 0x8F, 0xC0, 0xC2
    };
    int bad = 0;
    for (int iter = 0; iter < 20000; iter++) {
        unsigned char s[48];
        size_t len = rng() % sizeof s;
        for (size_t i = 0; i < len; i++)
            s[i] = alphabet[rng() % sizeof alphabet];
        galley_buf got = {0}, want = {0};
        galley_json_string(&got, (const char *)s, len);
        model_string(&want, s, len);
        if (got.len != want.len || memcmp(got.s, want.s, got.len) != 0) {
            if (bad++ < 3)
                fprintf(stderr, "model mismatch: \"%.*s\" vs \"%.*s\"\n",
                        (int)got.len, got.s, (int)want.len, want.s);
        }
        galley_buf_free(&got);
        galley_buf_free(&want);
    }
    CHECK(bad == 0);
}

/* --- numbers ------------------------------------------------------------ */

#define NUM(n, want) num_case(__LINE__, n, want)

static void num_case(int line, double n, const char *want)
{
    galley_buf b = {0};
    int rc = galley_json_number(&b, n);
    note(rc == GALLEY_OK && b.len == strlen(want)
         && memcmp(b.s, want, b.len) == 0, line, "json_number", b.s, b.len,
         want);
    galley_buf_free(&b);
}

static void test_number_encode(void)
{
    NUM(2.0, "2.0");
    NUM(0.0, "0.0");
    NUM(-0.0, "-0.0");
    NUM(-17.0, "-17.0");
    NUM(123456789012345.0, "123456789012345.0");
    NUM(1e15, "1e+15");
    NUM(1e20, "1e+20");
    NUM(0.1, "0.1");
    NUM(-2.5, "-2.5");
    NUM(0.1 + 0.2, "0.30000000000000004");
    NUM(1.0 / 3, "0.3333333333333333");
    NUM(1.5e-7, "1.5e-7");
    NUM(6.02214076e23, "6.02214076e+23");
    NUM(DBL_MAX, "1.7976931348623157e+308");
    NUM(9007199254740993.0, "9007199254740992.0");  /* 2^53 + 1 rounds down */
    NUM(1234567890123456.0, "1234567890123456.0");
    /* decimals of up to six places, written without printf: the same text */
    NUM(0.8495, "0.8495");
    NUM(-0.8495, "-0.8495");
    NUM(0.001, "0.001");
    NUM(0.0001, "0.0001");
    NUM(0.000125, "0.000125");
    NUM(123456789.5, "123456789.5");
    NUM(999999999.999999, "999999999.999999");
    NUM(1000000000.5, "1000000000.5");
    NUM(12.000001, "12.000001");
    NUM(0.1234567, "0.1234567");
    NUM(floor(0.63 * 1e4 + 0.5) / 1e4, "0.63");

    galley_buf b = {0};
    CHECK(galley_json_number(&b, NAN) == GALLEY_EINVAL);
    CHECK(galley_json_number(&b, INFINITY) == GALLEY_EINVAL);
    CHECK(galley_json_number(&b, -INFINITY) == GALLEY_EINVAL);
    CHECK(b.len == 0);
    galley_buf_free(&b);

    /* every finite double reads back to the same bits, as a float */
    int bad = 0;
    for (int iter = 0; iter < 100000; iter++) {
        uint64_t bits = rng();
        double d;
        if (iter % 4 == 0)
            bits &= 0x800FFFFFFFFFFFFFULL | (uint64_t)(rng() % 2047) << 52;
        memcpy(&d, &bits, sizeof d);
        if (iter % 4 == 1)
            d = (double)(int64_t)(rng() % 2000000) / 1000.0;  /* 3 decimals */
        if (!isfinite(d))
            continue;
        galley_buf nb = {0};
        galley_val v;
        if (galley_json_number(&nb, d) != GALLEY_OK
            || galley_json_decode(nb.s, nb.len, &v, NULL) != GALLEY_OK
            || v.type != GALLEY_NUM || memcmp(&v.u.n, &d, sizeof d) != 0) {
            if (bad++ < 3)
                fprintf(stderr, "number round trip failed: %.17g -> %s\n", d,
                        nb.s ? nb.s : "");
        }
        galley_buf_free(&nb);
    }
    CHECK(bad == 0);
}

/* Decode 'in'; expect type 'type' and, for numbers, value 'n' / 'i'. */
static void dnum(int line, const char *in, galley_vtype type, int64_t i,
                 double n)
{
    galley_val v;
    galley_json_error e;
    int rc = decode_n(in, strlen(in), &v, &e);
    int ok = rc == GALLEY_OK && v.type == type
             && (type == GALLEY_INT ? v.u.i == i
                 : memcmp(&v.u.n, &n, sizeof n) == 0);
    if (!ok && rc == GALLEY_OK && v.type == GALLEY_NUM)
        fprintf(stderr, "  decoded %s as %.17g\n", in, v.u.n);
    note(ok, line, "decode number", in, strlen(in),
         type == GALLEY_INT ? "an integer" : "a float");
    galley_val_free(&v);
}

#define DINT(in, i) dnum(__LINE__, in, GALLEY_INT, i, 0)
#define DNUM(in, n) dnum(__LINE__, in, GALLEY_NUM, 0, n)

static void test_number_decode(void)
{
    DINT("0", 0);
    DINT("-0", 0);
    DINT("7", 7);
    DINT("-42", -42);
    DINT("9223372036854775807", INT64_MAX);
    DINT("-9223372036854775808", INT64_MIN);
    DNUM("9223372036854775808", 9223372036854775808.0);
    DNUM("-9223372036854775809", -9223372036854775808.0);
    DNUM("12345678901234567890", 12345678901234567890.0);
    DNUM("100000000000000000000000", 1e23);
    DNUM("0.0", 0.0);
    DNUM("-0.0", -0.0);
    DNUM("2.0", 2.0);
    DNUM("1.5", 1.5);
    DNUM("-1.5", -1.5);
    DNUM("1e2", 100.0);
    DNUM("1E+2", 100.0);
    DNUM("1e-2", 0.01);
    DNUM("0.1", 0.1);
    DNUM("0.000123", 0.000123);
    DNUM("123.456e-5", 123.456e-5);
    DNUM("3.141592653589793238462643383279", 3.141592653589793);
    DNUM("0.30000000000000004", 0.30000000000000004);
    DNUM("2.2250738585072014e-308", 2.2250738585072014e-308);
    DNUM("4.9e-324", 4.9e-324);
    DNUM("1e-400", 0.0);
    DNUM("-1e-400", -0.0);
    DNUM("1.7976931348623157e308", DBL_MAX);
    DNUM("9007199254740993.0", 9007199254740992.0);   /* ties to even */
    DNUM("0e999999999999", 0.0);
    DNUM("1e22", 1e22);
    DNUM("1e23", 1e23);
    DNUM("8.98846567431158e307", 8.98846567431158e307);

    /* decimal strings in many shapes agree with strtod */
    int bad = 0;
    for (int iter = 0; iter < 50000; iter++) {
        char s[64];
        int ndig = 1 + (int)(rng() % 20), pos = 0;
        s[pos++] = rng() % 2 ? '-' : '1';
        for (int k = 0; k < ndig; k++)
            s[pos++] = (char)('0' + rng() % 10);
        s[pos++] = '.';
        s[pos++] = (char)('0' + rng() % 10);
        pos += snprintf(s + pos, sizeof s - (size_t)pos, "e%d",
                        (int)(rng() % 80) - 40);
        s[pos] = '\0';
        if (s[0] == '-' && s[1] == '0' && s[2] != '.')
            s[1] = '5';                     /* no leading zero */
        double want = strtod(s, NULL);
        galley_val v;
        if (galley_json_decode(s, strlen(s), &v, NULL) != GALLEY_OK
            || v.type != GALLEY_NUM || v.u.n != want) {
            if (bad++ < 3)
                fprintf(stderr, "decode %s differs from strtod\n", s);
        }
        galley_val_free(&v);
    }
    CHECK(bad == 0);
}

/* With a locale that writes decimal commas, JSON still uses points. */
static void test_locale(void)
{
    static const char *const names[] = {
        "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8"
    };
    const char *got = NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names && !got; i++)
        got = setlocale(LC_NUMERIC, names[i]);
    if (!got) {
        printf("(no locale with a decimal comma here; locale test skipped)\n");
        return;
    }
    NUM(0.5, "0.5");
    NUM(0.1 + 0.2, "0.30000000000000004");
    DNUM("0.30000000000000004", 0.30000000000000004);
    DNUM("3.141592653589793238462643383279", 3.141592653589793);
    setlocale(LC_NUMERIC, "C");
}

/* --- decoding ----------------------------------------------------------- */

/* Decode 'in' ('len' bytes) and encode it compactly: expect 'want'. */
static void rt_case(int line, const char *in, size_t len, const char *want)
{
    galley_val v;
    galley_json_error e;
    galley_buf b = {0};
    int rc = decode_n(in, len, &v, &e);
    if (rc == GALLEY_OK)
        rc = galley_json_encode(&v, &b);
    else
        fprintf(stderr, "  %zu:%zu: %s\n", e.line, e.col, e.msg);
    note(rc == GALLEY_OK && b.len == strlen(want)
         && memcmp(b.s, want, b.len) == 0, line, "round trip", b.s, b.len,
         want);
    galley_val_free(&v);
    galley_buf_free(&b);
}

#define RT(in, want) rt_case(__LINE__, in, sizeof(in) - 1, want)
#define SAME(in) rt_case(__LINE__, in, sizeof(in) - 1, in)

static void test_decode(void)
{
    SAME("null");
    SAME("true");
    SAME("false");
    SAME("0");
    SAME("\"\"");
    SAME("[]");
    SAME("{}");
    SAME("[1,2.5,-3,\"x\",null,true,false,[],{}]");
    SAME("{\"id\":\"a1\",\"tokens\":[{\"start\":0,\"end\":5,\"text\":\"Hello\"}]}");
    SAME("{\"z\":1,\"a\":2,\"m\":3}");          /* member order is kept */
    SAME("{\"a\":1,\"a\":2}");                  /* so are duplicates */
    RT(" \t\r\n[ 1 ,\n2 ] \n", "[1,2]");
    RT("{ \"a\" : { } , \"b\" : [ ] }", "{\"a\":{},\"b\":[]}");
    RT("\xEF\xBB\xBF{\"a\":1}", "{\"a\":1}");   /* byte order mark */
    RT("1E2", "100.0");
    RT("-0", "0");
    RT("-0.0", "-0.0");
    RT("1.50", "1.5");

    /* escapes */
    RT("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\\"\\\\/\\b\\f\\n\\r\\t\"");
    RT("\"\\u0041\\u00e9\\u00E9\\u20AC\"", "\"A\xC3\xA9\xC3\xA9\xE2\x82\xAC\"");
    RT("\"\\uD83D\\uDE00\"", "\"\xF0\x9F\x98\x80\"");      /* surrogate pair */
    RT("\"\\ud83d\\ude00!\"", "\"\xF0\x9F\x98\x80!\"");
    RT("\"\\uDBFF\\uDFFF\"", "\"\xF4\x8F\xBF\xBF\"");
    RT("\"\\uD800\"", "\"\xEF\xBF\xBD\"");                 /* lone high */
    RT("\"\\uDC00x\"", "\"\xEF\xBF\xBDx\"");               /* lone low */
    RT("\"\\uD800\\u0041\"", "\"\xEF\xBF\xBD" "A\"");
    RT("\"\\uD800\\uD800\\uDC00\"", "\"\xEF\xBF\xBD\xF0\x90\x80\x80\"");
    RT("\"\\uDE00\\uD83D\"", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  /* wrong order */
    RT("\"a\\u0000b\"", "\"a\\u0000b\"");
    RT("\"\\u001F\\u007f\"", "\"\\u001f\x7f\"");
    RT("\"\\u2028\"", "\"\xE2\x80\xA8\"");

    /* UTF-8 through, invalid bytes repaired */
    SAME("\"Z\xC3\xBCrich \xE2\x80\x94 \xF0\x9F\x87\xA8\xF0\x9F\x87\xAD\"");
    SAME("{\"caf\xC3\xA9\":\"\xE6\x9D\xB1\xE4\xBA\xAC\"}");
    RT("\"a\xFF" "b\"", "\"a\xEF\xBF\xBD" "b\"");
    RT("\"\xE2\x82\"", "\"\xEF\xBF\xBD\"");
    RT("\"\xED\xA0\x80\"", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    RT("\"\xC0\xAF\\n\"", "\"\xEF\xBF\xBD\xEF\xBF\xBD\\n\"");
    RT("{\"k\xFF\":1}", "{\"k\xEF\xBF\xBD\":1}");
    RT("\"x\\\"\xFF\"", "\"x\\\"\xEF\xBF\xBD\"");

    /* what the tree looks like */
    galley_val v;
    galley_json_error e;
    const char *doc = "{\"title\":\"Flood\",\"words\":120,\"score\":0.5,"
                      "\"tags\":[\"rain\",\"river\"],\"k\\u0000\":null}";
    CHECK(decode_n(doc, strlen(doc), &v, &e) == GALLEY_OK);
    CHECK(v.type == GALLEY_OBJ && v.u.obj.n == 5);
    galley_val *t = galley_val_get(&v, "title");
    CHECK(t && t->type == GALLEY_STR && t->u.str.len == 5
          && strcmp(t->u.str.s, "Flood") == 0);
    CHECK(galley_val_get(&v, "words")->type == GALLEY_INT);
    CHECK(galley_val_get(&v, "score")->type == GALLEY_NUM);
    galley_val *tags = galley_val_get(&v, "tags");
    CHECK(tags && tags->type == GALLEY_ARR && tags->u.arr.n == 2);
    CHECK(v.u.obj.m[4].klen == 2 && v.u.obj.m[4].key[1] == '\0');
    galley_val_free(&v);

    /* a string with an escape is NUL-terminated and its length exact */
    CHECK(decode_n("\"a\\u0000\\n\"", 11, &v, &e) == GALLEY_OK);
    CHECK(v.type == GALLEY_STR && v.u.str.len == 3 && v.u.str.s[3] == '\0');
    galley_val_free(&v);

    /* depth: 200 levels decode and encode; the 201st does not */
    char deep[512];
    memset(deep, '[', 200);
    memset(deep + 200, ']', 200);
    CHECK(decode_n(deep, 400, &v, &e) == GALLEY_OK);
    galley_buf b = {0};
    CHECK(galley_json_encode(&v, &b) == GALLEY_OK && b.len == 400);
    galley_buf_free(&b);
    galley_val_free(&v);
}

/* Decode 'in' and expect an error at 'line':'col' saying 'msg'. */
static void err_case(int where, const char *in, size_t len, size_t line,
                     size_t col, const char *msg)
{
    galley_val v;
    galley_json_error e;
    memset(&e, 0, sizeof e);
    int rc = decode_n(in, len, &v, &e);
    int ok = rc == GALLEY_EINVAL && v.type == GALLEY_NULL && e.line == line
             && e.col == col && strcmp(e.msg, msg) == 0;
    if (!ok)
        fprintf(stderr, "%s:%d: decoding \"%.*s\": got rc %d at %zu:%zu "
                "\"%s\", want %zu:%zu \"%s\"\n", __FILE__, where, (int)len,
                in, rc, e.line, e.col, e.msg, line, col, msg);
    ok ? check_pass++ : check_fail++;
    galley_val_free(&v);
}

#define ERR(in, line, col, msg) err_case(__LINE__, in, sizeof(in) - 1, line, col, msg)

static void test_errors(void)
{
    ERR("", 1, 1, "unexpected end of input");
    ERR("  \n ", 2, 2, "unexpected end of input");
    ERR("[1,]", 1, 4, "trailing comma before ']'");
    ERR("{\"a\":1,}", 1, 8, "trailing comma before '}'");
    ERR("[1, ,2]", 1, 5, "unexpected character ','");
    ERR("[,]", 1, 2, "unexpected character ','");
    ERR("{\"a\" 1}", 1, 6, "expected ':' after object key");
    ERR("{\"a\"}", 1, 5, "expected ':' after object key");
    ERR("{a:1}", 1, 2, "expected a string as object key");
    ERR("{,}", 1, 2, "expected a string as object key");
    ERR("{1:2}", 1, 2, "expected a string as object key");
    ERR("[1 2]", 1, 4, "expected ',' or ']' after an array item");
    ERR("[1}", 1, 3, "expected ',' or ']' after an array item");
    ERR("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}' after an object member");
    ERR("{\"a\":1]", 1, 7, "expected ',' or '}' after an object member");
    ERR("[1]x", 1, 4, "trailing characters after the value");
    ERR("1 2", 1, 3, "trailing characters after the value");
    ERR("{} {}", 1, 4, "trailing characters after the value");
    ERR("[1", 1, 3, "unexpected end of input");
    ERR("[1,", 1, 4, "unexpected end of input");
    ERR("{\"a\"", 1, 5, "unexpected end of input");
    ERR("{\"a\":", 1, 6, "unexpected end of input");
    ERR("{\"a\":1", 1, 7, "unexpected end of input");
    ERR("{", 1, 2, "unexpected end of input");

    /* strings */
    ERR("\"abc", 1, 1, "unterminated string");
    ERR("[\"ok\", \"abc\\", 1, 8, "unterminated string");
    ERR("[\n  \"abc\n\"]", 2, 7, "unescaped control character 0x0A in string");
    ERR("\"a\tb\"", 1, 3, "unescaped control character 0x09 in string");
    ERR("\"a\\x\"", 1, 3, "invalid escape '\\x' in string");
    ERR("\"\\U0041\"", 1, 2, "invalid escape '\\U' in string");
    ERR("\"\\'\"", 1, 2, "invalid escape '\\'' in string");
    ERR("\"\\u12\"", 1, 2, "invalid \\u escape (expected 4 hex digits)");
    ERR("\"\\u12G4\"", 1, 2, "invalid \\u escape (expected 4 hex digits)");
    ERR("\"\\uD800\\u12\"", 1, 8, "invalid \\u escape (expected 4 hex digits)");
    ERR("'a'", 1, 1, "unexpected character \"'\" (strings take double quotes)");
    ERR("\xE2\x80\x9Cquoted\xE2\x80\x9D", 1, 1,
        "unexpected character '\xE2\x80\x9C'");

    /* numbers */
    ERR("01", 1, 1, "leading zeros are not allowed");
    ERR("-01", 1, 1, "leading zeros are not allowed");
    ERR("[00]", 1, 2, "leading zeros are not allowed");
    ERR("1.", 1, 3, "unexpected end of input");
    ERR("1.x", 1, 3, "expected a digit after '.'");
    ERR("[1.]", 1, 4, "expected a digit after '.'");
    ERR(".5", 1, 1, "unexpected character '.'");
    ERR("+1", 1, 1, "unexpected character '+'");
    ERR("1e", 1, 3, "unexpected end of input");
    ERR("1e+", 1, 4, "unexpected end of input");
    ERR("1ex", 1, 3, "expected a digit in the exponent");
    ERR("-", 1, 2, "unexpected end of input");
    ERR("-x", 1, 2, "expected a digit after '-'");
    ERR("-Infinity", 1, 2, "expected a digit after '-'");
    ERR("1e400", 1, 1, "number out of range");
    ERR("[1, -1e400]", 1, 5, "number out of range");
    ERR("1.7976931348623159e308", 1, 1, "number out of range");
    ERR("0x1F", 1, 2, "trailing characters after the value");

    /* literals, comments, odd bytes */
    ERR("NaN", 1, 1, "invalid literal 'NaN'");
    ERR("[Infinity]", 1, 2, "invalid literal 'Infinity'");
    ERR("tru", 1, 1, "invalid literal 'tru'");
    ERR("True", 1, 1, "invalid literal 'True'");
    ERR("nulls", 1, 1, "invalid literal 'nulls'");
    ERR("undefinedundefinedundefined", 1, 1,
        "invalid literal 'undefinedundefinedun...'");
    ERR("// note\n1", 1, 1, "unexpected character '/'");
    ERR("[1 /* two */]", 1, 4, "expected ',' or ']' after an array item");
    ERR("\x01", 1, 1, "unexpected byte 0x01");
    ERR("\xFF", 1, 1, "unexpected byte 0xFF");
    ERR("[1,\0]", 1, 4, "unexpected byte 0x00");
    ERR("\xC3\xA9", 1, 1, "unexpected character '\xC3\xA9'");

    /* positions: lines, columns in bytes, CRLF, byte order mark */
    ERR("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8, "invalid literal 'tru'");
    ERR("[1,\r\n2,\r\n]", 3, 1, "trailing comma before ']'");
    ERR("\xEF\xBB\xBF[1,]", 1, 7, "trailing comma before ']'");
    ERR("[\"\xC3\xA9t\xC3\xA9\" x]", 1, 10, "expected ',' or ']' after an array item");
    ERR("\n\n\n   }", 4, 4, "unexpected character '}'");

    /* depth */
    char deep[1024];
    memset(deep, '[', 201);
    memset(deep + 201, ']', 201);
    err_case(__LINE__, deep, 402, 1, 201, "nesting deeper than 200 levels");
    size_t n = 0;
    for (int i = 0; i < 201; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"a\":");
    err_case(__LINE__, deep, n, 1, 1001, "nesting deeper than 200 levels");

    /* the offset field */
    galley_val v;
    galley_json_error e;
    CHECK(decode_n("[1,\n 2 3]", 9, &v, &e) == GALLEY_EINVAL);
    CHECK(e.offset == 7 && e.line == 2 && e.col == 4);
    CHECK(decode_n("[1,", 3, &v, NULL) == GALLEY_EINVAL);  /* no 'err' */
}

/* --- encoding trees ------------------------------------------------------ */

static void test_encode(void)
{
    galley_val o;
    galley_val_obj(&o);
    galley_val_str(galley_val_set(&o, "path", 4), "seeds/a.txt", 11);
    galley_val *sp = galley_val_set(&o, "spans", 5);
    galley_val_arr(sp);
    galley_val *s0 = galley_val_push(sp);
    galley_val_obj(s0);
    galley_val_int(galley_val_set(s0, "start", 5), 0);
    galley_val_int(galley_val_set(s0, "end", 3), 4);
    galley_val_str(galley_val_set(s0, "text", 4), "Kyiv", 4);
    galley_val_num(galley_val_set(s0, "score", 5), 0.75);
    galley_val_null(galley_val_set(&o, "speaker", 7));
    galley_val_bool(galley_val_set(&o, "ok", 2), 1);
    galley_val_arr(galley_val_set(&o, "none", 4));
    galley_val_obj(galley_val_set(&o, "meta", 4));

    galley_buf b = {0};
    CHECK(galley_json_encode(&o, &b) == GALLEY_OK);
    CHECK_STR(b.s, b.len, "{\"path\":\"seeds/a.txt\",\"spans\":[{\"start\":0,"
              "\"end\":4,\"text\":\"Kyiv\",\"score\":0.75}],\"speaker\":null,"
              "\"ok\":true,\"none\":[],\"meta\":{}}");
    b.len = 0;
    CHECK(galley_json_encode_pretty(&o, &b, 2) == GALLEY_OK);
    CHECK_STR(b.s, b.len,
              "{\n"
              "  \"path\": \"seeds/a.txt\",\n"
              "  \"spans\": [\n"
              "    {\n"
              "      \"start\": 0,\n"
              "      \"end\": 4,\n"
              "      \"text\": \"Kyiv\",\n"
              "      \"score\": 0.75\n"
              "    }\n"
              "  ],\n"
              "  \"speaker\": null,\n"
              "  \"ok\": true,\n"
              "  \"none\": [],\n"
              "  \"meta\": {}\n"
              "}");
    /* pretty output decodes to the same tree */
    galley_val back;
    galley_buf c = {0};
    CHECK(galley_json_decode(b.s, b.len, &back, NULL) == GALLEY_OK);
    CHECK(galley_json_encode(&back, &c) == GALLEY_OK);
    galley_val_free(&back);
    b.len = 0;
    galley_json_encode(&o, &b);
    CHECK(b.len == c.len && memcmp(b.s, c.s, b.len) == 0);
    /* indent 0 is compact; indents are capped at 16 */
    c.len = 0;
    CHECK(galley_json_encode_pretty(&o, &c, 0) == GALLEY_OK);
    CHECK(b.len == c.len && memcmp(b.s, c.s, b.len) == 0);
    c.len = 0;
    galley_val arr;
    galley_val_arr(&arr);
    galley_val_int(galley_val_push(&arr), 1);
    CHECK(galley_json_encode_pretty(&arr, &c, 99) == GALLEY_OK);
    CHECK_STR(c.s, c.len, "[\n                1\n]");
    galley_val_free(&arr);
    galley_buf_free(&c);

    /* NaN anywhere fails the whole encoding */
    galley_val_num(galley_val_set(&o, "bad", 3), NAN);
    b.len = 0;
    CHECK(galley_json_encode(&o, &b) == GALLEY_EINVAL);
    galley_val_free(&o);

    /* integers at the ends of int64 */
    galley_val_int(&o, INT64_MIN);
    b.len = 0;
    galley_json_encode(&o, &b);
    CHECK_STR(b.s, b.len, "-9223372036854775808");
    galley_val_int(&o, INT64_MAX);
    b.len = 0;
    galley_json_encode(&o, &b);
    CHECK_STR(b.s, b.len, "9223372036854775807");

    /* nesting: 200 levels encode, 201 do not */
    galley_val root, *cur = &root;
    galley_val_arr(&root);
    for (int i = 1; i < 201; i++) {
        cur = galley_val_push(cur);
        galley_val_arr(cur);
    }
    b.len = 0;
    CHECK(galley_json_encode(&root, &b) == GALLEY_EINVAL);
    galley_val_free(&root);
    galley_val_obj(&root);
    cur = &root;
    for (int i = 1; i < 200; i++) {
        cur = galley_val_set(cur, "k", 1);
        galley_val_obj(cur);
    }
    b.len = 0;
    CHECK(galley_json_encode(&root, &b) == GALLEY_OK);
    galley_val_free(&root);
    galley_buf_free(&b);
}

/* A big tree: encode, decode, encode again gives the same bytes. */
static void test_big(void)
{
    galley_val root;
    galley_val_arr(&root);
    for (int i = 0; i < 20000; i++) {
        galley_val *r = galley_val_push(&root);
        galley_val_obj(r);
        char text[64];
        int n = snprintf(text, sizeof text, "item %d: \"q\"\n\xC3\xA9\x01", i);
        galley_val_str(galley_val_set(r, "text", 4), text, (size_t)n);
        galley_val_int(galley_val_set(r, "n", 1), (int64_t)i * 1000003);
        galley_val_num(galley_val_set(r, "x", 1), i / 7.0);
    }
    galley_buf a = {0}, b = {0};
    galley_val back;
    CHECK(galley_json_encode(&root, &a) == GALLEY_OK);
    CHECK(galley_json_decode(a.s, a.len, &back, NULL) == GALLEY_OK);
    CHECK(back.type == GALLEY_ARR && back.u.arr.n == 20000);
    CHECK(galley_json_encode(&back, &b) == GALLEY_OK);
    CHECK(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
    galley_val_free(&root);
    galley_val_free(&back);
    galley_buf_free(&a);
    galley_buf_free(&b);
}

/* Mutated documents: no crash, and whatever decodes re-encodes stably. */
static void test_mutations(void)
{
    static const char *const seeds[] = {
        "{\"id\":\"x\",\"a\":[1,2.5e3,-0,true,null],\"s\":\"\\u00e9\\n\\\"\"}",
        "[{\"t\":\"\xC3\xA9\xF0\x9F\x98\x80\"},{},[],\"\\uD83D\\uDE00\"]",
        "{\"deep\":[[[[{\"k\":[0.125,1e-9,12345678901234567890]}]]]]}",
    };
    static const char noise[] = "{}[],:\"\\u0123456789.eE+-tfnl \n\xC3\xFF";
    int unstable = 0;
    for (int iter = 0; iter < 30000; iter++) {
        const char *seed = seeds[iter % 3];
        char s[128];
        size_t len = strlen(seed);
        memcpy(s, seed, len);
        int edits = 1 + (int)(rng() % 4);
        for (int k = 0; k < edits; k++) {
            size_t at = rng() % len;
            switch (rng() % 3) {
            case 0:
                s[at] = noise[rng() % (sizeof noise - 1)];
                break;
            case 1:
                memmove(s + at, s + at + 1, len - at - 1);
                len--;
                break;
            default:
                if (len < sizeof s - 1) {
                    memmove(s + at + 1, s + at, len - at);
                    s[at] = noise[rng() % (sizeof noise - 1)];
                    len++;
                }
            }
        }
        galley_val v, w;
        galley_json_error e;
        galley_val_null(&w);
        if (decode_n(s, len, &v, &e) != GALLEY_OK) {
            if (e.offset > len || e.line < 1 || e.col < 1 || !e.msg[0])
                unstable++;
            continue;
        }
        galley_buf a = {0}, b = {0};
        if (galley_json_encode(&v, &a) != GALLEY_OK
            || galley_json_decode(a.s, a.len, &w, NULL) != GALLEY_OK
            || galley_json_encode(&w, &b) != GALLEY_OK
            || a.len != b.len || memcmp(a.s, b.s, a.len) != 0)
            unstable++;
        galley_val_free(&w);
        galley_val_free(&v);
        galley_buf_free(&a);
        galley_buf_free(&b);
    }
    CHECK(unstable == 0);
}

int main(void)
{
    test_string_encode();
    test_string_model();
    test_number_encode();
    test_number_decode();
    test_locale();
    test_decode();
    test_errors();
    test_encode();
    test_big();
    test_mutations();
    return check_done();
}
