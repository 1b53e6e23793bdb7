/*
** text.c: input cleaning and title detection (see text.h).
** UTF-8 validity follows RFC 3629 (no overlongs, no surrogates, at most
** U+10FFFF); each maximal invalid subpart becomes one U+FFFD, the practice
** of Unicode's chapter 3 ("U+FFFD substitution of maximal subparts").
*/
#include "text.h"
#include "galley.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

size_t galley_utf8_seq(const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;  /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) { n = 3; lo = 0xA0; }
    else if (c == 0xED) { n = 3; hi = 0x9F; }   /* no surrogates */
    else if (c >= 0xE1 && c <= 0xEF) n = 3;
    else if (c == 0xF0) { n = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) { n = 4; hi = 0x8F; }
    else return 0;
    if (len < 2 || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (i >= len || (s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

size_t galley_utf8_invalid(const unsigned char *s, size_t len)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    size_t need;
    if (c >= 0xC2 && c <= 0xDF) need = 2;
    else if (c >= 0xE0 && c <= 0xEF) need = 3;
    else if (c >= 0xF0 && c <= 0xF4) need = 4;
    else return 1;
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
    else if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
    size_t i = 1;
    if (i < len && s[i] >= lo && s[i] <= hi) {
        i++;
        while (i < need && i < len && (s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* Code points below U+0300 and these ranges are stable under NFC whatever
** surrounds them (no canonical decomposition, combining class 0, never the
** second part of a composition), so text made only of them skips NFC. */
static int nfc_stable(ucs4_t c)
{
    return c < 0x300
        || (c >= 0x2002 && c <= 0x206F)     /* general punctuation */
        || (c >= 0x20A0 && c <= 0x20BF)     /* currency signs */
        || c == 0xFE0F || c == 0xFEFF
        || (c >= 0x1F000 && c <= 0x1FAFF);  /* emoji */
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Number of leading bytes of 's' ('n' bytes) that are ASCII and neither
** CR nor NUL: eight at a time while a word has none of those (the usual
** "has a zero byte" test), then byte by byte. */
static size_t plain_ascii(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w, cr;
        memcpy(&w, s + i, 8);
        cr = w ^ (ONES * '\r');
        if ((w | ((w - ONES) & ~w) | ((cr - ONES) & ~cr)) & HIGHS)
            break;
    }
    while (i < n && s[i] < 0x80 && s[i] != '\r' && s[i] != 0)
        i++;
    return i;
}

/* Copy 's' into 'out' with invalid bytes replaced and line ends made LF;
** sets '*stable' to 0 when some code point may change under NFC. */
static int repair(const unsigned char *s, size_t len, galley_buf *out,
                  galley_text_stats *st, int *stable)
{
    size_t i = 0;
    while (i < len) {
        size_t run = i + plain_ascii(s + i, len - i);
        if (run > i && galley_buf_add(out, (const char *)s + i, run - i))
            return GALLEY_ENOMEM;
        i = run;
        if (i >= len)
            break;
        if (s[i] == '\r') {
            if (galley_buf_addc(out, '\n'))
                return GALLEY_ENOMEM;
            i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        size_t n = s[i] ? galley_utf8_seq(s + i, len - i) : 0;
        if (n == 0) {
            if (st->invalid++ == 0)
                st->first_invalid = i;
            if (galley_buf_add(out, REPLACEMENT, 3))
                return GALLEY_ENOMEM;
            i += s[i] ? galley_utf8_invalid(s + i, len - i) : 1;
            continue;
        }
        ucs4_t c;
        u8_mbtouc_unsafe(&c, s + i, n);
        if (!nfc_stable(c))
            *stable = 0;
        if (galley_buf_add(out, (const char *)s + i, n))
            return GALLEY_ENOMEM;
        i += n;
    }
    return galley_buf_reserve(out, 0);
}

static int normalize(galley_buf *out, galley_text_stats *st)
{
    size_t n = 0;
    uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)out->s, out->len,
                              NULL, &n);
    if (!r)
        return GALLEY_ENOMEM;
    if (n != out->len || memcmp(r, out->s, n) != 0) {
        st->normalized = 1;
        out->len = 0;
        int rc = galley_buf_add(out, (const char *)r, n);
        free(r);
        return rc;
    }
    free(r);
    return GALLEY_OK;
}

int galley_text_clean(const char *s, size_t len, galley_buf *out,
                      galley_text_stats *st)
{
    galley_text_stats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    out->len = 0;
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0) {
        st->bom = 1;
        u += 3;
        len -= 3;
    }
    int stable = 1;
    if (galley_buf_reserve(out, len) || repair(u, len, out, st, &stable))
        return GALLEY_ENOMEM;
    return stable ? GALLEY_OK : normalize(out, st);
}

int galley_text_is_binary(const char *s, size_t len, size_t probe)
{
    return memchr(s, '\0', len < probe ? len : probe) != NULL;
}

/* 1 when the line ends as a sentence does: a stop, possibly followed by
** closing quotes or brackets. */
static int ends_with_stop(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ' || c == '\t') {
            n--;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80
            && ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) {
            n -= 3;   /* closing curly quote */
            continue;
        }
        return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',';
    }
    return 0;
}

size_t galley_text_title(const char *s, size_t len, size_t *start,
                         size_t *body)
{
    const char *nl = memchr(s, '\n', len);
    if (!nl)
        return 0;
    size_t n = (size_t)(nl - s);
    if (n == 0 || n > GALLEY_TITLE_MAX || ends_with_stop(s, n))
        return 0;
    /* the next line must be blank (spaces allowed) */
    size_t i = n + 1;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= len || s[i] != '\n')
        return 0;
    while (i < len && (s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t t = n;
    while (t > 0 && (s[t - 1] == ' ' || s[t - 1] == '\t'))
        t--;
    size_t lead = 0;
    while (lead < t && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    if (lead == t)
        return 0;
    *start = lead;
    *body = i;
    return t - lead;
}
