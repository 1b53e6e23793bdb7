/*
** cases.h: reading the case tables of tests/cases/ (shared by the unit
** tests that use them). Escapes in a case: \n \t \\ \uXXXX \UXXXXXXXX.
*/
#ifndef GALLEY_CASES_H
#define GALLEY_CASES_H

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* Decode the escapes of 'in' into 'out' (room for 4 * strlen(in) + 1);
** returns the length. */
static inline size_t unescape(const char *in, char *out)
{
    size_t n = 0;
    for (const char *p = in; *p; p++) {
        if (*p != '\\' || !p[1]) {
            out[n++] = *p;
            continue;
        }
        p++;
        if (*p == 'n')
            out[n++] = '\n';
        else if (*p == 't')
            out[n++] = '\t';
        else if (*p == 'u' || *p == 'U') {
            int digits = *p == 'u' ? 4 : 8;
            char hex[9] = {0};
            memcpy(hex, p + 1, (size_t)digits);
            int l = u8_uctomb((uint8_t *)out + n, (ucs4_t)strtoul(hex, NULL, 16), 6);
            n += l > 0 ? (size_t)l : 0;
            p += digits;
        } else
            out[n++] = *p;
    }
    out[n] = '\0';
    return n;
}

#endif
