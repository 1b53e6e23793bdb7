/*
** value.c: the plain-data tree (see value.h).
** Arrays and objects grow by doubling; strings and keys are copied into
** their own allocations (so a caller may take one over, as read.c does
** with the text field). Nothing here validates UTF-8: that is the JSON
** encoder's job when it writes.
*/
#include "value.h"
#include "galley.h"

#include <stdlib.h>
#include <string.h>

void galley_val_null(galley_val *v)
{
    memset(v, 0, sizeof *v);
    v->type = GALLEY_NULL;
}

void galley_val_bool(galley_val *v, int b)
{
    galley_val_null(v);
    v->type = GALLEY_BOOL;
    v->u.b = b != 0;
}

void galley_val_int(galley_val *v, int64_t i)
{
    galley_val_null(v);
    v->type = GALLEY_INT;
    v->u.i = i;
}

void galley_val_num(galley_val *v, double n)
{
    galley_val_null(v);
    v->type = GALLEY_NUM;
    v->u.n = n;
}

int galley_val_str(galley_val *v, const char *s, size_t len)
{
    galley_val_null(v);
    if (len == SIZE_MAX)
        return GALLEY_ENOMEM;
    char *p = malloc(len + 1);
    if (!p)
        return GALLEY_ENOMEM;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    v->type = GALLEY_STR;
    v->u.str.s = p;
    v->u.str.len = len;
    return GALLEY_OK;
}

void galley_val_arr(galley_val *v)
{
    galley_val_null(v);
    v->type = GALLEY_ARR;
}

void galley_val_obj(galley_val *v)
{
    galley_val_null(v);
    v->type = GALLEY_OBJ;
}

/* Grow an array of 'size'-byte elements at '*p' so it holds 'n' + 1;
** returns 0 or GALLEY_ENOMEM (leaving '*p' as it was). */
static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return GALLEY_OK;
    size_t ncap = *cap ? *cap * 2 : 4;
    if (ncap <= n || ncap > SIZE_MAX / size)
        return GALLEY_ENOMEM;
    void *q = realloc(*p, ncap * size);
    if (!q)
        return GALLEY_ENOMEM;
    *p = q;
    *cap = ncap;
    return GALLEY_OK;
}

galley_val *galley_val_push(galley_val *a)
{
    if (a->type != GALLEY_ARR)
        return NULL;
    void *items = a->u.arr.items;
    if (grow(&items, &a->u.arr.cap, a->u.arr.n, sizeof(galley_val)))
        return NULL;
    a->u.arr.items = items;
    galley_val *v = &a->u.arr.items[a->u.arr.n++];
    galley_val_null(v);
    return v;
}

galley_val *galley_val_set(galley_val *o, const char *key, size_t klen)
{
    if (o->type != GALLEY_OBJ || klen == SIZE_MAX)
        return NULL;
    void *m = o->u.obj.m;
    if (grow(&m, &o->u.obj.cap, o->u.obj.n, sizeof(galley_member)))
        return NULL;
    o->u.obj.m = m;
    char *k = malloc(klen + 1);
    if (!k)
        return NULL;
    if (klen)
        memcpy(k, key, klen);
    k[klen] = '\0';
    galley_member *mb = &o->u.obj.m[o->u.obj.n++];
    mb->key = k;
    mb->klen = klen;
    galley_val_null(&mb->val);
    return &mb->val;
}

galley_val *galley_val_get(const galley_val *o, const char *key)
{
    if (o->type != GALLEY_OBJ)
        return NULL;
    size_t klen = strlen(key);
    for (size_t i = 0; i < o->u.obj.n; i++) {
        galley_member *m = &o->u.obj.m[i];
        if (m->klen == klen && memcmp(m->key, key, klen) == 0)
            return &m->val;
    }
    return NULL;
}

int galley_val_copy(galley_val *dst, const galley_val *src)
{
    switch (src->type) {
    case GALLEY_STR:
        return galley_val_str(dst, src->u.str.s, src->u.str.len);
    case GALLEY_ARR:
        galley_val_arr(dst);
        for (size_t i = 0; i < src->u.arr.n; i++) {
            galley_val *d = galley_val_push(dst);
            if (!d || galley_val_copy(d, &src->u.arr.items[i]))
                goto nomem;
        }
        return GALLEY_OK;
    case GALLEY_OBJ:
        galley_val_obj(dst);
        for (size_t i = 0; i < src->u.obj.n; i++) {
            const galley_member *m = &src->u.obj.m[i];
            galley_val *d = galley_val_set(dst, m->key, m->klen);
            if (!d || galley_val_copy(d, &m->val))
                goto nomem;
        }
        return GALLEY_OK;
    default:
        *dst = *src;    /* scalars own nothing */
        return GALLEY_OK;
    }
nomem:
    galley_val_free(dst);
    return GALLEY_ENOMEM;
}

void galley_val_free(galley_val *v)
{
    switch (v->type) {
    case GALLEY_STR:
        free(v->u.str.s);
        break;
    case GALLEY_ARR:
        for (size_t i = 0; i < v->u.arr.n; i++)
            galley_val_free(&v->u.arr.items[i]);
        free(v->u.arr.items);
        break;
    case GALLEY_OBJ:
        for (size_t i = 0; i < v->u.obj.n; i++) {
            free(v->u.obj.m[i].key);
            galley_val_free(&v->u.obj.m[i].val);
        }
        free(v->u.obj.m);
        break;
    default:
        break;
    }
    galley_val_null(v);
}
