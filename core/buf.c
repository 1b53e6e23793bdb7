/*
** buf.c: growable byte buffer (see buf.h).
*/
#include "buf.h"
#include "galley.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int galley_buf_reserve(galley_buf *b, size_t n)
{
    if (n < b->cap - b->len && b->s)
        return GALLEY_OK;
    if (n > SIZE_MAX / 2 - b->len - 1)
        return GALLEY_ENOMEM;
    size_t need = b->len + n + 1;   /* +1 keeps room for the NUL */
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s)
        return GALLEY_ENOMEM;
    b->s = s;
    b->cap = cap;
    return GALLEY_OK;
}

int galley_buf_add(galley_buf *b, const char *s, size_t n)
{
    if (galley_buf_reserve(b, n))
        return GALLEY_ENOMEM;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return GALLEY_OK;
}

int galley_buf_adds(galley_buf *b, const char *s)
{
    return galley_buf_add(b, s, strlen(s));
}

int galley_buf_addc(galley_buf *b, char c)
{
    return galley_buf_add(b, &c, 1);
}

int galley_buf_printf(galley_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return GALLEY_EINVAL;
    if (galley_buf_reserve(b, (size_t)n))
        return GALLEY_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return GALLEY_OK;
}

char *galley_buf_take(galley_buf *b, size_t *len)
{
    if (!b->s && galley_buf_reserve(b, 0))
        return NULL;
    char *s = b->s;
    s[b->len] = '\0';
    if (len)
        *len = b->len;
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void galley_buf_free(galley_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

int galley_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return GALLEY_OK;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    if (c > SIZE_MAX / size)
        return GALLEY_ENOMEM;
    void *q = realloc(*p, c * size);
    if (!q)
        return GALLEY_ENOMEM;
    *p = q;
    *cap = c;
    return GALLEY_OK;
}
