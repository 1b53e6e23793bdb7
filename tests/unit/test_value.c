/*
** test_value.c: the plain-data tree (core/value.h).
*/
#include "check.h"
#include "galley.h"
#include "value.h"

#include <stdlib.h>

static void test_scalars(void)
{
    galley_val v;
    galley_val_null(&v);
    CHECK(v.type == GALLEY_NULL);
    galley_val_bool(&v, 7);
    CHECK(v.type == GALLEY_BOOL && v.u.b == 1);
    galley_val_bool(&v, 0);
    CHECK(v.type == GALLEY_BOOL && v.u.b == 0);
    galley_val_int(&v, INT64_MIN);
    CHECK(v.type == GALLEY_INT && v.u.i == INT64_MIN);
    galley_val_num(&v, -0.5);
    CHECK(v.type == GALLEY_NUM && v.u.n == -0.5);
    galley_val_free(&v);            /* scalars own nothing */
    CHECK(v.type == GALLEY_NULL);

    CHECK(galley_val_str(&v, "caf\xC3\xA9 au lait", 13) == GALLEY_OK);
    CHECK(v.type == GALLEY_STR);
    CHECK_STR(v.u.str.s, v.u.str.len, "caf\xC3\xA9 au lait");
    CHECK(v.u.str.s[13] == '\0');
    galley_val_free(&v);
    CHECK(v.type == GALLEY_NULL);

    /* embedded NUL, and the empty string from a NULL pointer */
    CHECK(galley_val_str(&v, "a\0b", 3) == GALLEY_OK);
    CHECK(v.u.str.len == 3 && v.u.str.s[1] == '\0' && v.u.str.s[2] == 'b');
    galley_val_free(&v);
    CHECK(galley_val_str(&v, NULL, 0) == GALLEY_OK);
    CHECK(v.type == GALLEY_STR && v.u.str.len == 0 && v.u.str.s[0] == '\0');
    galley_val_free(&v);
}

static void test_array(void)
{
    galley_val a;
    galley_val_arr(&a);
    CHECK(a.type == GALLEY_ARR && a.u.arr.n == 0);
    for (int i = 0; i < 1000; i++) {
        galley_val *it = galley_val_push(&a);
        CHECK(it && it->type == GALLEY_NULL);
        if (it)
            galley_val_int(it, i * 3);
    }
    CHECK(a.u.arr.n == 1000);
    int ok = 1;
    for (size_t i = 0; i < a.u.arr.n; i++)
        ok &= a.u.arr.items[i].type == GALLEY_INT
              && a.u.arr.items[i].u.i == (int64_t)i * 3;
    CHECK(ok);
    galley_val_free(&a);
    CHECK(a.type == GALLEY_NULL);

    /* pushing on something that is not an array fails */
    galley_val s;
    galley_val_int(&s, 1);
    CHECK(galley_val_push(&s) == NULL);
    galley_val_obj(&s);
    CHECK(galley_val_push(&s) == NULL);
    galley_val_free(&s);
}

static void test_object(void)
{
    galley_val o;
    galley_val_obj(&o);
    galley_val *v = galley_val_set(&o, "title", 5);
    CHECK(v && v->type == GALLEY_NULL);
    CHECK(galley_val_str(v, "Storm warning", 13) == GALLEY_OK);
    v = galley_val_set(&o, "words", 5);
    galley_val_int(v, 412);
    v = galley_val_set(&o, "title", 5);    /* a duplicate is kept */
    galley_val_bool(v, 1);
    v = galley_val_set(&o, "k\0ey", 4);     /* NUL inside a key */
    galley_val_null(v);
    CHECK(o.u.obj.n == 4);
    CHECK(strcmp(o.u.obj.m[0].key, "title") == 0 && o.u.obj.m[0].klen == 5);
    CHECK(strcmp(o.u.obj.m[1].key, "words") == 0);
    CHECK(o.u.obj.m[3].klen == 4 && memcmp(o.u.obj.m[3].key, "k\0ey", 5) == 0);

    galley_val *t = galley_val_get(&o, "title");
    CHECK(t && t->type == GALLEY_STR);      /* the first match */
    galley_val *w = galley_val_get(&o, "words");
    CHECK(w && w->type == GALLEY_INT && w->u.i == 412);
    CHECK(galley_val_get(&o, "word") == NULL);
    CHECK(galley_val_get(&o, "wordsx") == NULL);
    CHECK(galley_val_get(&o, "k") == NULL);  /* "k\0ey" is not "k" */
    CHECK(galley_val_get(&o, "") == NULL);

    galley_val n;
    galley_val_int(&n, 3);
    CHECK(galley_val_get(&n, "title") == NULL);
    CHECK(galley_val_set(&n, "x", 1) == NULL);

    /* many members */
    for (int i = 0; i < 300; i++) {
        char key[16];
        int len = snprintf(key, sizeof key, "m%d", i);
        galley_val *m = galley_val_set(&o, key, (size_t)len);
        CHECK(m != NULL);
        if (m)
            galley_val_int(m, i);
    }
    galley_val *m299 = galley_val_get(&o, "m299");
    CHECK(m299 && m299->u.i == 299);
    galley_val_free(&o);
    CHECK(o.type == GALLEY_NULL);
}

static void test_copy(void)
{
    galley_val o, c;
    galley_val_obj(&o);
    galley_val *list = galley_val_set(&o, "entities", 8);
    galley_val_arr(list);
    for (int i = 0; i < 3; i++) {
        galley_val *e = galley_val_push(list);
        galley_val_obj(e);
        galley_val_str(galley_val_set(e, "text", 4), "Lagos", 5);
        galley_val_int(galley_val_set(e, "start", 5), i * 10);
        galley_val_num(galley_val_set(e, "score", 5), 0.25 * i);
    }
    galley_val_null(galley_val_set(&o, "speaker", 7));
    CHECK(galley_val_copy(&c, &o) == GALLEY_OK);
    galley_val_free(&o);                    /* the copy stands alone */
    CHECK(c.type == GALLEY_OBJ && c.u.obj.n == 2);
    galley_val *l = galley_val_get(&c, "entities");
    CHECK(l && l->type == GALLEY_ARR && l->u.arr.n == 3);
    if (l && l->u.arr.n == 3) {
        galley_val *e2 = &l->u.arr.items[2];
        galley_val *txt = galley_val_get(e2, "text");
        CHECK(txt && txt->type == GALLEY_STR);
        if (txt)
            CHECK_STR(txt->u.str.s, txt->u.str.len, "Lagos");
        CHECK(galley_val_get(e2, "start")->u.i == 20);
        CHECK(galley_val_get(e2, "score")->u.n == 0.5);
    }
    galley_val *sp = galley_val_get(&c, "speaker");
    CHECK(sp && sp->type == GALLEY_NULL);
    galley_val_free(&c);

    /* scalars and strings */
    galley_val s, d;
    galley_val_str(&s, "x", 1);
    CHECK(galley_val_copy(&d, &s) == GALLEY_OK);
    CHECK(d.u.str.s != s.u.str.s);
    CHECK_STR(d.u.str.s, d.u.str.len, "x");
    galley_val_free(&s);
    galley_val_free(&d);
    galley_val_num(&s, 1.5);
    CHECK(galley_val_copy(&d, &s) == GALLEY_OK && d.type == GALLEY_NUM
          && d.u.n == 1.5);
}

int main(void)
{
    test_scalars();
    test_array();
    test_object();
    test_copy();
    return check_done();
}
