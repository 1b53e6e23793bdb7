/*
** form.c: case-folded form and shape of token text (see form.h).
** Letters and digits are classed with libunistring's unictype.h, case
** folding is u8_casefold (unicase.h, full folding: "Straße" -> "strasse").
*/
#include "form.h"
#include "galley.h"

#include <stdlib.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

int galley_form_lower(const char *s, size_t n, galley_buf *out)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n) {
        if (galley_buf_reserve(out, n))
            return GALLEY_ENOMEM;
        char *d = out->s + out->len;
        for (i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            d[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        out->len += n;
        out->s[out->len] = '\0';
        return GALLEY_OK;
    }
    size_t len = 0;
    uint8_t *f = u8_casefold((const uint8_t *)s, n, NULL, NULL, NULL, &len);
    if (!f)
        return GALLEY_ENOMEM;
    int rc = galley_buf_add(out, (const char *)f, len);
    free(f);
    return rc;
}

int galley_form_shape(const char *s, size_t n, galley_buf *out)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = 0;
    int last = -1, run = 0;
    while (i < n) {
        ucs4_t c;
        int k = u8_mbtouc(&c, u + i, n - i);
        int sh;
        if (c < 0x80)
            sh = (c >= 'A' && c <= 'Z') ? 'X' : (c >= 'a' && c <= 'z') ? 'x'
               : (c >= '0' && c <= '9') ? 'd' : (int)c;
        else if (uc_is_general_category(c, UC_CATEGORY_Lu)
                 || uc_is_general_category(c, UC_CATEGORY_Lt))
            sh = 'X';
        else if (uc_is_general_category(c, UC_CATEGORY_L))
            sh = 'x';
        else if (uc_is_general_category(c, UC_CATEGORY_Nd))
            sh = 'd';
        else
            sh = -1;    /* keep the character itself */
        run = (sh == last && sh != -1) ? run + 1 : 1;
        last = sh;
        if (run <= GALLEY_SHAPE_RUN) {
            int rc = sh == -1 ? galley_buf_add(out, s + i, (size_t)k)
                              : galley_buf_addc(out, (char)sh);
            if (rc)
                return GALLEY_ENOMEM;
        }
        i += (size_t)k;
    }
    return galley_buf_reserve(out, 0);
}
