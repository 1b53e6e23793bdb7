/*
** fuzzy.c: edit distance, Jaro-Winkler and accent folding (see fuzzy.h).
**
** The distance is Lowrance and Wagner's unrestricted Damerau-Levenshtein
** (JACM 22(2), 1975), in the table form with a last-row-seen map per code
** point; common prefixes and suffixes are trimmed first, so near-equal
** names cost little. Jaro-Winkler follows Winkler, "String Comparator
** Metrics and Enhanced Decision Rules in the Fellegi-Sunter Model of
** Record Linkage" (1990). Folding uses libunistring's canonical
** decompositions (uninorm.h), applied until nothing decomposes further.
**
** Not here: case folding (core/text), deciding which names co-refer (the
** Lua name linker).
*/
#include "fuzzy.h"
#include "galley.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uninorm.h>

/* Decode 's' into a new array of code points; NULL on no memory. */
static ucs4_t *decode(const char *s, size_t len, size_t *n)
{
    ucs4_t *v = malloc((len ? len : 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0;
    const uint8_t *p = (const uint8_t *)s, *e = p + len;
    while (p < e) {
        ucs4_t uc;
        int l = u8_mbtouc(&uc, p, (size_t)(e - p));  /* bad bytes: U+FFFD */
        v[k++] = uc;
        p += l > 0 ? l : 1;
    }
    *n = k;
    return v;
}

static int too_long(galley_buf *err)
{
    if (err)
        galley_buf_printf(err, "string too long (limit is %d code points)", GALLEY_FUZZY_MAX_LEN);
    return GALLEY_ELIMIT;
}

static int nomem(galley_buf *err)
{
    if (err)
        galley_buf_adds(err, "not enough memory");
    return GALLEY_ENOMEM;
}

/* Decode both strings, checking the length limit. */
static int decode2(const char *a, size_t alen, const char *b, size_t blen,
                   ucs4_t **va, size_t *na, ucs4_t **vb, size_t *nb, galley_buf *err)
{
    *va = *vb = NULL;
    /* A code point takes at least one byte, so short inputs pass at once. */
    if ((alen > GALLEY_FUZZY_MAX_LEN && u8_mbsnlen((const uint8_t *)a, alen) > GALLEY_FUZZY_MAX_LEN) ||
        (blen > GALLEY_FUZZY_MAX_LEN && u8_mbsnlen((const uint8_t *)b, blen) > GALLEY_FUZZY_MAX_LEN))
        return too_long(err);
    *va = decode(a, alen, na);
    *vb = decode(b, blen, nb);
    if (!*va || !*vb) {
        free(*va);
        free(*vb);
        *va = *vb = NULL;
        return nomem(err);
    }
    /* u8_mbsnlen counts an invalid byte run the way u8_mbtouc does, but be
    ** safe about the table size whatever it counted. */
    if (*na > GALLEY_FUZZY_MAX_LEN || *nb > GALLEY_FUZZY_MAX_LEN) {
        free(*va);
        free(*vb);
        *va = *vb = NULL;
        return too_long(err);
    }
    return GALLEY_OK;
}

/* ------------------------------------------------------------------ */
/* Damerau-Levenshtein */

/* Code point -> last row (1-based) where it was seen in 'a'; open
** addressing, sized for the distinct code points of 'a'. */
typedef struct cpmap {
    ucs4_t *key;
    uint32_t *val;      /* 0: empty slot */
    size_t mask;
} cpmap;

static size_t cp_get(cpmap *m, ucs4_t c)
{
    size_t i = (c * 2654435761u) & m->mask;
    while (m->val[i]) {
        if (m->key[i] == c)
            return m->val[i] - 1;
        i = (i + 1) & m->mask;
    }
    return 0;
}

static void cp_set(cpmap *m, ucs4_t c, size_t row)
{
    size_t i = (c * 2654435761u) & m->mask;
    while (m->val[i] && m->key[i] != c)
        i = (i + 1) & m->mask;
    m->key[i] = c;
    m->val[i] = (uint32_t)row + 1;
}

static size_t min3(size_t x, size_t y, size_t z)
{
    size_t m = x < y ? x : y;
    return m < z ? m : z;
}

/* Distance of a[0..m) and b[0..n), both non-empty. */
static int dl(const ucs4_t *a, size_t m, const ucs4_t *b, size_t n, size_t *dist)
{
    size_t w = n + 2;
    uint32_t *d = malloc((m + 2) * w * sizeof *d);
    cpmap map;
    size_t slots = 16;
    while (slots < 2 * m)
        slots *= 2;
    map.key = malloc(slots * sizeof *map.key);
    map.val = calloc(slots, sizeof *map.val);
    map.mask = slots - 1;
    if (!d || !map.key || !map.val) {
        free(d);
        free(map.key);
        free(map.val);
        return GALLEY_ENOMEM;
    }
#define D(i, j) d[(size_t)(i) * w + (size_t)(j)]
    uint32_t big = (uint32_t)(m + n);
    D(0, 0) = big;
    for (size_t i = 0; i <= m; i++) {
        D(i + 1, 0) = big;
        D(i + 1, 1) = (uint32_t)i;
    }
    for (size_t j = 0; j <= n; j++) {
        D(0, j + 1) = big;
        D(1, j + 1) = (uint32_t)j;
    }
    for (size_t i = 1; i <= m; i++) {
        size_t db = 0;
        for (size_t j = 1; j <= n; j++) {
            size_t k = cp_get(&map, b[j - 1]);     /* last row with b[j] in a */
            size_t l = db;                         /* last column with a[i] in b */
            size_t cost = 1;
            if (a[i - 1] == b[j - 1]) {
                cost = 0;
                db = j;
            }
            size_t v = min3((size_t)D(i, j) + cost, (size_t)D(i + 1, j) + 1,
                            (size_t)D(i, j + 1) + 1);
            size_t t = (size_t)D(k, l) + (i - k - 1) + 1 + (j - l - 1);
            D(i + 1, j + 1) = (uint32_t)(v < t ? v : t);
        }
        cp_set(&map, a[i - 1], i);
    }
    *dist = D(m + 1, n + 1);
#undef D
    free(d);
    free(map.key);
    free(map.val);
    return GALLEY_OK;
}

int galley_fuzzy_distance(const char *a, size_t alen, const char *b, size_t blen,
                          size_t *dist, galley_buf *err)
{
    ucs4_t *va, *vb;
    size_t m, n;
    int rc = decode2(a, alen, b, blen, &va, &m, &vb, &n, err);
    if (rc)
        return rc;
    /* Trim what both share at either end: it costs nothing. */
    size_t p = 0;
    while (p < m && p < n && va[p] == vb[p])
        p++;
    while (m > p && n > p && va[m - 1] == vb[n - 1])
        m--, n--;
    if (m == p || n == p) {
        *dist = (m - p) + (n - p);
    } else if (dl(va + p, m - p, vb + p, n - p, dist)) {
        rc = nomem(err);
    }
    free(va);
    free(vb);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Jaro-Winkler */

int galley_fuzzy_similarity(const char *a, size_t alen, const char *b, size_t blen,
                            double *sim, galley_buf *err)
{
    ucs4_t *va, *vb;
    size_t m, n;
    int rc = decode2(a, alen, b, blen, &va, &m, &vb, &n, err);
    if (rc)
        return rc;
    if (m == 0 || n == 0) {
        *sim = m == n ? 1.0 : 0.0;
        free(va);
        free(vb);
        return GALLEY_OK;
    }
    unsigned char *fa = calloc(m, 1), *fb = calloc(n, 1);
    if (!fa || !fb) {
        free(fa);
        free(fb);
        free(va);
        free(vb);
        return nomem(err);
    }
    size_t win = (m > n ? m : n) / 2;
    win = win > 0 ? win - 1 : 0;
    size_t matches = 0;
    for (size_t i = 0; i < m; i++) {
        size_t lo = i > win ? i - win : 0;
        size_t hi = i + win + 1 < n ? i + win + 1 : n;
        for (size_t j = lo; j < hi; j++) {
            if (!fb[j] && va[i] == vb[j]) {
                fa[i] = fb[j] = 1;
                matches++;
                break;
            }
        }
    }
    double jw = 0.0;
    if (matches) {
        size_t half = 0;    /* matched code points out of order */
        for (size_t i = 0, j = 0; i < m; i++) {
            if (!fa[i])
                continue;
            while (!fb[j])
                j++;
            if (va[i] != vb[j])
                half++;
            j++;
        }
        double mm = (double)matches;
        double jaro = (mm / (double)m + mm / (double)n + (mm - (double)half / 2.0) / mm) / 3.0;
        jw = jaro;
        if (jaro > 0.7) {
            size_t l = 0;
            while (l < 4 && l < m && l < n && va[l] == vb[l])
                l++;
            jw = jaro + (double)l * 0.1 * (1.0 - jaro);
        }
    }
    *sim = jw;
    free(fa);
    free(fb);
    free(va);
    free(vb);
    return GALLEY_OK;
}

/* ------------------------------------------------------------------ */
/* Accent folding */

static int is_accent(ucs4_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F);
}

/* Latin letters whose stroke or missing dot is not a combining mark. */
static ucs4_t stroke_base(ucs4_t c)
{
    switch (c) {
    case 0x00D8: return 'O';    /* Ø */
    case 0x00F8: return 'o';    /* ø */
    case 0x0110: return 'D';    /* Đ */
    case 0x0111: return 'd';    /* đ */
    case 0x0126: return 'H';    /* Ħ */
    case 0x0127: return 'h';    /* ħ */
    case 0x0131: return 'i';    /* ı */
    case 0x0141: return 'L';    /* Ł */
    case 0x0142: return 'l';    /* ł */
    case 0x0166: return 'T';    /* Ŧ */
    case 0x0167: return 't';    /* ŧ */
    default: return c;
    }
}

/* Full canonical decomposition of 'c' into 'out' (room for
** UC_DECOMPOSITION_MAX_LENGTH); returns the count. */
static int decompose(ucs4_t c, ucs4_t *out)
{
    ucs4_t tmp[UC_DECOMPOSITION_MAX_LENGTH];
    int n = uc_canonical_decomposition(c, tmp);
    if (n <= 0) {
        out[0] = c;
        return 1;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        ucs4_t sub[UC_DECOMPOSITION_MAX_LENGTH];
        int m = decompose(tmp[i], sub);
        for (int j = 0; j < m && k < UC_DECOMPOSITION_MAX_LENGTH; j++)
            out[k++] = sub[j];
    }
    return k;
}

static int put(galley_buf *out, ucs4_t c)
{
    uint8_t u[6];
    int l = u8_uctomb(u, c, (ptrdiff_t)sizeof u);
    if (l <= 0)
        return galley_buf_add(out, "\xef\xbf\xbd", 3);
    return galley_buf_add(out, (const char *)u, (size_t)l);
}

int galley_fuzzy_fold_accents(const char *s, size_t len, galley_buf *out)
{
    const uint8_t *p = (const uint8_t *)s, *e = p + len;
    if (galley_buf_reserve(out, len))
        return GALLEY_ENOMEM;
    while (p < e) {
        /* ASCII runs are copied as they are. */
        const uint8_t *q = p;
        while (q < e && *q < 0x80)
            q++;
        if (q > p) {
            if (galley_buf_add(out, (const char *)p, (size_t)(q - p)))
                return GALLEY_ENOMEM;
            p = q;
            continue;
        }
        ucs4_t c;
        int l = u8_mbtouc(&c, p, (size_t)(e - p));
        p += l > 0 ? l : 1;
        if (is_accent(c))
            continue;
        ucs4_t base = stroke_base(c);
        if (base != c) {
            if (put(out, base))
                return GALLEY_ENOMEM;
            continue;
        }
        ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];
        int n = decompose(c, dec), marks = 0;
        for (int i = 0; i < n; i++)
            marks += is_accent(dec[i]);
        if (!marks) {
            if (put(out, c))    /* unchanged, still composed */
                return GALLEY_ENOMEM;
            continue;
        }
        for (int i = 0; i < n; i++)
            if (!is_accent(dec[i]) && put(out, stroke_base(dec[i])))
                return GALLEY_ENOMEM;
    }
    return GALLEY_OK;
}
