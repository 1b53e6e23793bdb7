/*
** json.c: JSON text <-> galley_val (see json.h).
** The encoder appends straight into a galley_buf: runs of bytes that need
** no escaping are found eight at a time and copied with one memcpy, and
** room is reserved once per run, not per byte. The decoder is a recursive
** descent parser over ('s', 'len') that never reads past the end (the
** input needs no NUL). It checks the grammar of RFC 8259 strictly; only a
** leading UTF-8 byte order mark is tolerated (RFC 8259 section 8.1 lets a
** parser ignore it).
** UTF-8 validity is that of RFC 3629 (no overlongs, no surrogates, nothing
** above U+10FFFF); each maximal invalid subpart becomes one U+FFFD, the
** practice of Unicode's chapter 3, as in text.c.
** Numbers: integers go through int64 only; other numbers are read exactly
** when the decimal fits Clinger's fast path (at most 2^53 and a power of ten
** up to 22), else by strtod; they are written by the shortest of %.15g,
** %.16g and %.17g that reads back the same.
*/
#include "json.h"
#include "text.h"
#include "galley.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Largest indent galley_json_encode_pretty uses. */
#define MAX_INDENT 16

/*
** {======================================================
** Byte classes and UTF-8
** =======================================================
*/

/* 1 for the bytes a JSON string holds as they are: printable ASCII but
** '"' and '\\'. Bytes 0x80 and above need a UTF-8 check first. */
static const unsigned char plain[256] = {
    ['\x20'] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Number of leading bytes of 's' ('n' bytes) that are 'plain'. Eight
** bytes at a time while none is below 0x20, at or above 0x80, '"' or '\\'
** (the usual "has a zero byte" test, used only as a yes/no). */
static size_t plain_run(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w, q, b;
        memcpy(&w, s + i, 8);
        q = w ^ (ONES * '"');
        b = w ^ (ONES * '\\');
        uint64_t bad = (w | ((w - ONES * 0x20) & ~w)
                        | ((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS;
        if (bad)
            break;
    }
    while (i < n && plain[s[i]])
        i++;
    return i;
}

/* Write code point 'c' (not a surrogate, at most U+10FFFF) as UTF-8 into
** 'd'; returns the byte count. */
static size_t utf8_put(char *d, unsigned long c)
{
    if (c < 0x80) {
        d[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18));
    d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* }====================================================== */


/*
** {======================================================
** Encoder
** =======================================================
*/

int galley_json_string(galley_buf *out, const char *str, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    if (len > SIZE_MAX / 2 || galley_buf_reserve(out, len + 2))
        return GALLEY_ENOMEM;
    size_t o = out->len, i = 0;
    out->s[o++] = '"';
    while (i < len) {
        /* copy the longest stretch of plain ASCII and valid UTF-8 */
        size_t j = i + plain_run(s + i, len - i), k;
        while (j < len && s[j] >= 0x80 && (k = galley_utf8_seq(s + j, len - j)) > 0)
            j += k + plain_run(s + j + k, len - j - k);
        memcpy(out->s + o, s + i, j - i);
        o += j - i;
        i = j;
        if (i == len)
            break;
        /* one escape or replacement: room for it (6 bytes at most, for
        ** 1 byte of input) plus the rest of the input unchanged */
        out->len = o;
        if (galley_buf_reserve(out, len - i + 7))
            return GALLEY_ENOMEM;
        unsigned c = s[i];
        char *d = out->s + o;
        if (c >= 0x80) {
            memcpy(d, REPLACEMENT, 3);
            o += 3;
            i += galley_utf8_invalid(s + i, len - i);
            continue;
        }
        d[0] = '\\';
        switch (c) {
        case '"': d[1] = '"'; o += 2; break;
        case '\\': d[1] = '\\'; o += 2; break;
        case '\n': d[1] = 'n'; o += 2; break;
        case '\t': d[1] = 't'; o += 2; break;
        case '\r': d[1] = 'r'; o += 2; break;
        case '\b': d[1] = 'b'; o += 2; break;
        case '\f': d[1] = 'f'; o += 2; break;
        default:
            memcpy(d + 1, "u00", 3);
            d[4] = hex[c >> 4];
            d[5] = hex[c & 15];
            o += 6;
            break;
        }
        i++;
    }
    out->s[o++] = '"';
    out->s[o] = '\0';
    out->len = o;
    return GALLEY_OK;
}

int galley_json_integer(galley_buf *out, int64_t i)
{
    /* room for 20 digits and a sign, checked here and not by a call */
    if (out->cap - out->len <= 21 && galley_buf_reserve(out, 21))
        return GALLEY_ENOMEM;
    char tmp[24], *p = tmp + sizeof tmp;
    uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0)
        *--p = '-';
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(out->s + out->len, p, n);
    out->len += n;
    out->s[out->len] = '\0';
    return GALLEY_OK;
}

/* Write 'n' directly when it is a decimal of at most six places between
** 1e-3 and 1e9 (scores, ratios: most numbers a record holds); returns 1
** when written, 0 when the general path must do it. Such a decimal has at
** most 15 significant digits, so "%.15g" would print exactly its digits
** and read back as 'n': the text is the same, without snprintf and strtod. */
static int short_decimal(galley_buf *out, double n, int *rc)
{
    double a = fabs(n);
    if (!(a >= 1e-3 && a < 1e9))
        return 0;
    double m = floor(a * 1e6 + 0.5);
    if (m / 1e6 != a)                   /* more places than six */
        return 0;
    uint64_t u = (uint64_t)m, ip = u / 1000000, fp = u % 1000000;
    char tmp[32], *p = tmp + sizeof tmp;
    int places = 6;
    while (fp % 10 == 0) {              /* not integral: fp is not 0 */
        fp /= 10;
        places--;
    }
    while (places-- > 0) {
        *--p = (char)('0' + fp % 10);
        fp /= 10;
    }
    *--p = '.';
    do {
        *--p = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    if (n < 0)
        *--p = '-';
    *rc = galley_buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
    return 1;
}

int galley_json_number(galley_buf *out, double n)
{
    if (!isfinite(n))
        return GALLEY_EINVAL;
    int done;
    if (n != floor(n) && short_decimal(out, n, &done))
        return done;
    if (n == floor(n) && fabs(n) < 1e15) {
        /* integral: digits plus ".0", so that it reads back as a float */
        int rc = signbit(n) && n == 0 ? galley_buf_addc(out, '-')
                                      : GALLEY_OK;
        if (rc || (rc = galley_json_integer(out, (int64_t)n)))
            return rc;
        return galley_buf_add(out, ".0", 2);
    }
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, n);
        if (strtod(tmp, NULL) == n)
            break;
    }
    /* Rewrite in place: the locale's decimal point becomes '.', the
    ** exponent loses its leading zeros ("1e-07" -> "1e-7"). */
    char res[48];
    size_t r = 0;
    int frac = 0;
    for (const char *p = tmp; *p; ) {
        char c = *p;
        if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
            res[r++] = c;
            p++;
        } else if (c == 'e') {
            res[r++] = c;
            p++;
            if (*p == '+' || *p == '-')
                res[r++] = *p++;
            while (*p == '0' && p[1])
                p++;
            frac = 1;
        } else {
            res[r++] = '.';
            frac = 1;
            while (*p && !(*p >= '0' && *p <= '9'))
                p++;   /* a decimal point of several bytes */
        }
    }
    if (!frac) {
        res[r++] = '.';
        res[r++] = '0';
    }
    return galley_buf_add(out, res, r);
}

/* Append a newline and 'level' * 'indent' spaces. */
static int newline(galley_buf *out, int indent, int level)
{
    size_t n = (size_t)indent * (size_t)level;
    if (galley_buf_reserve(out, n + 1))
        return GALLEY_ENOMEM;
    out->s[out->len++] = '\n';
    memset(out->s + out->len, ' ', n);
    out->len += n;
    out->s[out->len] = '\0';
    return GALLEY_OK;
}

/* Append 'v' at nesting 'level' (0 at the top), 'indent' spaces a level
** (0: compact). */
static int encode(const galley_val *v, galley_buf *out, int indent, int level)
{
    int rc;
    switch (v->type) {
    case GALLEY_NULL:
        return galley_buf_add(out, "null", 4);
    case GALLEY_BOOL:
        return v->u.b ? galley_buf_add(out, "true", 4)
                      : galley_buf_add(out, "false", 5);
    case GALLEY_INT:
        return galley_json_integer(out, v->u.i);
    case GALLEY_NUM:
        return galley_json_number(out, v->u.n);
    case GALLEY_STR:
        return galley_json_string(out, v->u.str.s, v->u.str.len);
    case GALLEY_ARR:
        if (level >= GALLEY_JSON_MAXDEPTH)
            return GALLEY_EINVAL;
        if ((rc = galley_buf_addc(out, '[')))
            return rc;
        for (size_t i = 0; i < v->u.arr.n; i++) {
            if (i && (rc = galley_buf_addc(out, ',')))
                return rc;
            if (indent && (rc = newline(out, indent, level + 1)))
                return rc;
            if ((rc = encode(&v->u.arr.items[i], out, indent, level + 1)))
                return rc;
        }
        if (indent && v->u.arr.n && (rc = newline(out, indent, level)))
            return rc;
        return galley_buf_addc(out, ']');
    case GALLEY_OBJ:
        if (level >= GALLEY_JSON_MAXDEPTH)
            return GALLEY_EINVAL;
        if ((rc = galley_buf_addc(out, '{')))
            return rc;
        for (size_t i = 0; i < v->u.obj.n; i++) {
            const galley_member *m = &v->u.obj.m[i];
            if (i && (rc = galley_buf_addc(out, ',')))
                return rc;
            if (indent && (rc = newline(out, indent, level + 1)))
                return rc;
            if ((rc = galley_json_string(out, m->key, m->klen)))
                return rc;
            if ((rc = indent ? galley_buf_add(out, ": ", 2)
                             : galley_buf_addc(out, ':')))
                return rc;
            if ((rc = encode(&m->val, out, indent, level + 1)))
                return rc;
        }
        if (indent && v->u.obj.n && (rc = newline(out, indent, level)))
            return rc;
        return galley_buf_addc(out, '}');
    }
    return GALLEY_EINVAL;
}

int galley_json_encode(const galley_val *v, galley_buf *out)
{
    return encode(v, out, 0, 0);
}

int galley_json_encode_pretty(const galley_val *v, galley_buf *out,
                              int indent)
{
    if (indent < 0)
        indent = 0;
    if (indent > MAX_INDENT)
        indent = MAX_INDENT;
    return encode(v, out, indent, 0);
}

/* }====================================================== */


/*
** {======================================================
** Decoder
** =======================================================
*/

typedef struct parser {
    const unsigned char *s, *p, *end;   /* input, position, its end */
    galley_json_error *err;
    galley_buf tmp;                     /* strings with escapes, numbers */
    int depth;                          /* open arrays and objects */
} parser;

static const double tens[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* Record error 'msg' at byte 'at' of the input; returns GALLEY_EINVAL. */
static int fail_at(parser *P, const unsigned char *at, const char *msg)
{
    galley_json_error *e = P->err;
    if (!e)
        return GALLEY_EINVAL;
    size_t line = 1;
    const unsigned char *bol = P->s;
    for (const unsigned char *q = P->s; q < at; ) {
        const unsigned char *nl = memchr(q, '\n', (size_t)(at - q));
        if (!nl)
            break;
        line++;
        q = bol = nl + 1;
    }
    e->line = line;
    e->col = (size_t)(at - bol) + 1;
    e->offset = (size_t)(at - P->s);
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    return GALLEY_EINVAL;
}

/* "unexpected ..." for the byte at 'at': the character itself when it is
** printable ASCII or valid UTF-8, else its value. */
static int unexpected(parser *P, const unsigned char *at)
{
    char msg[64];
    if (at >= P->end)
        return fail_at(P, at, "unexpected end of input");
    unsigned c = *at;
    size_t k;
    if (c == '\'')
        snprintf(msg, sizeof msg, "unexpected character \"'\" "
                 "(strings take double quotes)");
    else if (c > 0x20 && c < 0x7F)
        snprintf(msg, sizeof msg, "unexpected character '%c'", (char)c);
    else if (c >= 0x80 && (k = galley_utf8_seq(at, (size_t)(P->end - at))) > 0)
        snprintf(msg, sizeof msg, "unexpected character '%.*s'", (int)k,
                 (const char *)at);
    else
        snprintf(msg, sizeof msg, "unexpected byte 0x%02X", c);
    return fail_at(P, at, msg);
}

static void skip_ws(parser *P)
{
    const unsigned char *p = P->p, *end = P->end;
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    P->p = p;
}

static int hexval(unsigned c)
{
    if (c >= '0' && c <= '9') return (int)(c - '0');
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    return -1;
}

/* The four hex digits at 'p' (checked to be there), or -1. */
static long hex4(const unsigned char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Read the string whose opening quote is at P->p. On success '*str' and
** '*len' give its decoded bytes: a pointer into the input when it had no
** escape and no invalid byte, else into P->tmp (valid until the next
** string). Leaves P->p after the closing quote. */
static int read_string(parser *P, const char **str, size_t *len)
{
    const unsigned char *open = P->p, *p = open + 1, *end = P->end;
    const unsigned char *start = p;
    int slow = 0;
    P->tmp.len = 0;
    for (;;) {
        const unsigned char *run = p;
        p += plain_run(p, (size_t)(end - p));
        if (slow && p > run && galley_buf_add(&P->tmp, (const char *)run,
                                              (size_t)(p - run)))
            return GALLEY_ENOMEM;
        if (p >= end)
            return fail_at(P, open, "unterminated string");
        unsigned c = *p;
        if (c == '"')
            break;
        if (c >= 0x80) {
            size_t k = galley_utf8_seq(p, (size_t)(end - p));
            if (k) {
                if (slow && galley_buf_add(&P->tmp, (const char *)p, k))
                    return GALLEY_ENOMEM;
                p += k;
                continue;
            }
        } else if (c < 0x20) {
            char msg[64];
            snprintf(msg, sizeof msg,
                     "unescaped control character 0x%02X in string", c);
            return fail_at(P, p, msg);
        }
        /* an escape or an invalid byte: from here on, decode into tmp */
        if (!slow) {
            slow = 1;
            if (galley_buf_add(&P->tmp, (const char *)start,
                               (size_t)(p - start)))
                return GALLEY_ENOMEM;
        }
        if (c >= 0x80) {
            if (galley_buf_add(&P->tmp, REPLACEMENT, 3))
                return GALLEY_ENOMEM;
            p += galley_utf8_invalid(p, (size_t)(end - p));
            continue;
        }
        /* c == '\\' */
        if (p + 1 >= end)
            return fail_at(P, open, "unterminated string");
        char e;
        switch (p[1]) {
        case '"': e = '"'; break;
        case '\\': e = '\\'; break;
        case '/': e = '/'; break;
        case 'b': e = '\b'; break;
        case 'f': e = '\f'; break;
        case 'n': e = '\n'; break;
        case 'r': e = '\r'; break;
        case 't': e = '\t'; break;
        case 'u': e = 0; break;
        default: {
            char msg[64];
            unsigned x = p[1];
            if (x > 0x20 && x < 0x7F)
                snprintf(msg, sizeof msg, "invalid escape '\\%c' in string",
                         (char)x);
            else
                snprintf(msg, sizeof msg, "invalid escape '\\' + byte 0x%02X "
                         "in string", x);
            return fail_at(P, p, msg);
        }
        }
        if (e) {
            if (galley_buf_addc(&P->tmp, e))
                return GALLEY_ENOMEM;
            p += 2;
            continue;
        }
        long cp = end - p >= 6 ? hex4(p + 2) : -1;
        if (cp < 0)
            return fail_at(P, p, "invalid \\u escape (expected 4 hex digits)");
        p += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            /* a high surrogate counts only with a low one right after it */
            long lo = end - p >= 6 && p[0] == '\\' && p[1] == 'u'
                      ? hex4(p + 2) : -1;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        char u[4];
        if (galley_buf_add(&P->tmp, u, utf8_put(u, (unsigned long)cp)))
            return GALLEY_ENOMEM;
    }
    P->p = p + 1;
    if (slow) {
        *str = P->tmp.s;
        *len = P->tmp.len;
    } else {
        *str = (const char *)start;
        *len = (size_t)(p - start);
    }
    return GALLEY_OK;
}

static int is_digit(const unsigned char *p, const unsigned char *end)
{
    return p < end && *p >= '0' && *p <= '9';
}

/* The number at P->p, by RFC 8259's grammar. */
static int read_number(parser *P, galley_val *v)
{
    const unsigned char *start = P->p, *p = start, *end = P->end;
    int neg = 0, frac = 0, expo = 0, lost = 0;
    uint64_t mant = 0;
    int ndig = 0;           /* significant digits in 'mant' */
    long exp10 = 0;         /* value = mant * 10^exp10 (when !lost) */
    if (*p == '-') {
        neg = 1;
        p++;
        if (!is_digit(p, end))
            return fail_at(P, p, p < end ? "expected a digit after '-'"
                                         : "unexpected end of input");
    }
    if (*p == '0') {
        p++;
        if (is_digit(p, end))
            return fail_at(P, start, "leading zeros are not allowed");
    } else {
        for (; is_digit(p, end); p++) {
            if (ndig < 19) {
                mant = mant * 10 + (*p - '0');
                ndig++;
            } else {
                exp10++;
                lost = 1;
            }
        }
    }
    if (p < end && *p == '.') {
        frac = 1;
        p++;
        if (!is_digit(p, end))
            return fail_at(P, p, p < end ? "expected a digit after '.'"
                                         : "unexpected end of input");
        for (; is_digit(p, end); p++) {
            if (mant == 0 && *p == '0') {
                exp10--;        /* leading zeros of 0.000123 */
            } else if (ndig < 19) {
                mant = mant * 10 + (*p - '0');
                ndig++;
                exp10--;
            } else {
                lost = 1;
            }
        }
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        expo = 1;
        p++;
        int eneg = 0;
        if (p < end && (*p == '+' || *p == '-'))
            eneg = *p++ == '-';
        if (!is_digit(p, end))
            return fail_at(P, p, p < end ? "expected a digit in the exponent"
                                         : "unexpected end of input");
        long e = 0;
        for (; is_digit(p, end); p++)
            if (e < 100000)
                e = e * 10 + (*p - '0');
        exp10 += eneg ? -e : e;
    }
    P->p = p;
    if (!frac && !expo && !lost) {
        if (mant <= (uint64_t)INT64_MAX) {
            galley_val_int(v, neg ? -(int64_t)mant : (int64_t)mant);
            return GALLEY_OK;
        }
        if (neg && mant == (uint64_t)INT64_MAX + 1) {
            galley_val_int(v, INT64_MIN);
            return GALLEY_OK;
        }
    }
    double d;
    if (!lost && mant <= ((uint64_t)1 << 53) && exp10 >= -22 && exp10 <= 22) {
        d = (double)mant;       /* exact, and so is one multiply or divide */
        d = exp10 < 0 ? d / tens[-exp10] : d * tens[exp10];
    } else {
        /* strtod wants the locale's decimal point and a NUL at the end */
        size_t n = (size_t)(p - start);
        P->tmp.len = 0;
        if (galley_buf_add(&P->tmp, (const char *)start, n))
            return GALLEY_ENOMEM;
        char dp = localeconv()->decimal_point[0];
        if (frac && dp != '.') {
            char *dot = memchr(P->tmp.s, '.', n);
            if (dot)
                *dot = dp;
        }
        d = strtod(P->tmp.s, NULL);
        neg = 0;                /* strtod read the sign */
    }
    if (isinf(d))
        return fail_at(P, start, "number out of range");
    galley_val_num(v, neg ? -d : d);
    return GALLEY_OK;
}

/* true, false, null, or an error naming the word found. */
static int read_literal(parser *P, galley_val *v)
{
    const unsigned char *p = P->p, *q = p;
    while (q < P->end && ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'))
        q++;
    size_t n = (size_t)(q - p);
    if (n == 4 && memcmp(p, "true", 4) == 0)
        galley_val_bool(v, 1);
    else if (n == 5 && memcmp(p, "false", 5) == 0)
        galley_val_bool(v, 0);
    else if (n == 4 && memcmp(p, "null", 4) == 0)
        galley_val_null(v);
    else {
        char msg[64];
        snprintf(msg, sizeof msg, "invalid literal '%.*s%s'",
                 n > 20 ? 20 : (int)n, (const char *)p, n > 20 ? "..." : "");
        return fail_at(P, p, msg);
    }
    P->p = q;
    return GALLEY_OK;
}

static int read_value(parser *P, galley_val *v);

/* Enter an array or object at P->p. */
static int open_nest(parser *P)
{
    if (++P->depth > GALLEY_JSON_MAXDEPTH) {
        char msg[64];
        snprintf(msg, sizeof msg, "nesting deeper than %d levels",
                 GALLEY_JSON_MAXDEPTH);
        return fail_at(P, P->p, msg);
    }
    P->p++;
    skip_ws(P);
    return GALLEY_OK;
}

static int read_array(parser *P, galley_val *v)
{
    int rc;
    galley_val_arr(v);
    if ((rc = open_nest(P)))
        return rc;
    if (P->p < P->end && *P->p == ']') {
        P->p++;
        P->depth--;
        return GALLEY_OK;
    }
    for (;;) {
        galley_val *item = galley_val_push(v);
        if (!item)
            return GALLEY_ENOMEM;
        if ((rc = read_value(P, item)))
            return rc;
        skip_ws(P);
        if (P->p >= P->end)
            return unexpected(P, P->p);
        if (*P->p == ']')
            break;
        if (*P->p != ',')
            return fail_at(P, P->p, "expected ',' or ']' after an array item");
        P->p++;
        skip_ws(P);
        if (P->p < P->end && *P->p == ']')
            return fail_at(P, P->p, "trailing comma before ']'");
    }
    P->p++;
    P->depth--;
    return GALLEY_OK;
}

static int read_object(parser *P, galley_val *v)
{
    int rc;
    galley_val_obj(v);
    if ((rc = open_nest(P)))
        return rc;
    if (P->p < P->end && *P->p == '}') {
        P->p++;
        P->depth--;
        return GALLEY_OK;
    }
    for (;;) {
        if (P->p >= P->end)
            return unexpected(P, P->p);
        if (*P->p != '"')
            return fail_at(P, P->p, "expected a string as object key");
        const char *key;
        size_t klen;
        if ((rc = read_string(P, &key, &klen)))
            return rc;
        galley_val *slot = galley_val_set(v, key, klen);
        if (!slot)
            return GALLEY_ENOMEM;
        skip_ws(P);
        if (P->p >= P->end)
            return unexpected(P, P->p);
        if (*P->p != ':')
            return fail_at(P, P->p, "expected ':' after object key");
        P->p++;
        skip_ws(P);
        if ((rc = read_value(P, slot)))
            return rc;
        skip_ws(P);
        if (P->p >= P->end)
            return unexpected(P, P->p);
        if (*P->p == '}')
            break;
        if (*P->p != ',')
            return fail_at(P, P->p,
                           "expected ',' or '}' after an object member");
        P->p++;
        skip_ws(P);
        if (P->p < P->end && *P->p == '}')
            return fail_at(P, P->p, "trailing comma before '}'");
    }
    P->p++;
    P->depth--;
    return GALLEY_OK;
}

/* The value at P->p (whitespace already skipped) into 'v'. */
static int read_value(parser *P, galley_val *v)
{
    if (P->p >= P->end)
        return unexpected(P, P->p);
    switch (*P->p) {
    case '{':
        return read_object(P, v);
    case '[':
        return read_array(P, v);
    case '"': {
        const char *s;
        size_t len;
        int rc = read_string(P, &s, &len);
        return rc ? rc : galley_val_str(v, s, len);
    }
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        return read_number(P, v);
    default:
        if ((*P->p | 0x20) >= 'a' && (*P->p | 0x20) <= 'z')
            return read_literal(P, v);
        return unexpected(P, P->p);
    }
}

int galley_json_decode(const char *s, size_t len, galley_val *out,
                       galley_json_error *err)
{
    parser P;
    P.s = P.p = (const unsigned char *)s;
    P.end = P.s + len;
    P.err = err;
    P.depth = 0;
    memset(&P.tmp, 0, sizeof P.tmp);
    galley_val_null(out);
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        P.p += 3;
    skip_ws(&P);
    int rc = read_value(&P, out);
    if (rc == GALLEY_OK) {
        skip_ws(&P);
        if (P.p < P.end)
            rc = fail_at(&P, P.p, "trailing characters after the value");
    }
    galley_buf_free(&P.tmp);
    if (rc) {
        galley_val_free(out);
        if (rc == GALLEY_ENOMEM && err) {
            memset(err, 0, sizeof *err);
            snprintf(err->msg, sizeof err->msg, "not enough memory");
        }
    }
    return rc;
}

/* }====================================================== */
