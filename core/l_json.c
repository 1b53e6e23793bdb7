/*
** l_json.c: the galley.json table and the conversions between Lua values
** and galley_val that every binding uses to pass plain data (see l_json.h
** for the rules). JSON text itself is json.c's job; this file only walks
** Lua values.
** C trees under construction live in a "holder" userdata with a __gc, so a
** Lua error (no memory, a bad 'next') in the middle of a conversion leaks
** nothing (the idea of liolib.c's LStream: the userdata owns the resource).
*/
#include "galley.h"
#include "json.h"
#include "l_doc.h"
#include "l_json.h"
#include "token.h"

#include <lauxlib.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OBJECT_MT "galley.json.object"
#define ARRAY_MT "galley.json.array"
#define HOLDER_MT "galley.json.value"

/* Longest key quoted in an error message, in bytes. */
#define KEY_SHOWN 40

/* Largest indent json.encode accepts. */
#define MAX_INDENT 16

/* The address of this byte is galley.json.null. */
static char null_tag;
#define JSON_NULL ((void *)&null_tag)

/* Keys that lead an object, in this order ("id", "path", "title", "label",
** "start", "end", "text": see key_rank()); the rest follow bytewise. */
#define NFIRST 7


/*
** {======================================================
** Holder: a userdata owning a tree and a buffer
** =======================================================
*/

typedef struct holder {
    galley_val val;
    galley_buf buf;
} holder;

static int holder_gc(lua_State *L)
{
    holder *h = (holder *)lua_touserdata(L, 1);
    galley_val_free(&h->val);
    galley_buf_free(&h->buf);
    return 0;
}

/* Push a new, empty holder. */
static holder *new_holder(lua_State *L)
{
    holder *h = (holder *)lua_newuserdatauv(L, sizeof *h, 0);
    galley_val_null(&h->val);
    memset(&h->buf, 0, sizeof h->buf);
    if (luaL_newmetatable(L, HOLDER_MT)) {
        lua_pushcfunction(L, holder_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return h;
}

/* }====================================================== */


/*
** {======================================================
** Lua value -> galley_val
** =======================================================
*/

/* Where a value sits in its parent, for messages: key 'key', or index
** 'index' when 'key' is NULL. */
typedef struct where {
    const char *key;
    size_t klen;
    lua_Integer index;
} where;

typedef struct conv {
    lua_State *L;
    galley_buf *out;            /* JSON text (galley_l_tojson) */
    int indent;                 /* spaces a level; 0: compact */
    char *err;
    size_t errsize;
    int objmt, arrmt;           /* stack slots of the marker metatables */
    int depth;                  /* nesting, tables and __tojson calls */
    int nopen;                  /* tables being converted, in 'open' */
    const void *open[GALLEY_JSON_MAXDEPTH];
} conv;

/* Write key 's' quoted into 'buf', cut at a character boundary when long. */
static void quote_key(char *buf, size_t n, const char *s, size_t len)
{
    size_t k = len;
    if (k > KEY_SHOWN) {
        k = KEY_SHOWN;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
    }
    snprintf(buf, n, "'%.*s%s'", (int)k, s, k < len ? "..." : "");
}

/* Describe the table key at 'idx' without converting it in place. */
static void describe_key(lua_State *L, int idx, char *buf, size_t n)
{
    char q[KEY_SHOWN + 8];
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        quote_key(q, sizeof q, s, len);
        snprintf(buf, n, "key %s", q);
        break;
    }
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(buf, n, "key %lld", (long long)lua_tointeger(L, idx));
        else
            snprintf(buf, n, "key %.14g", (double)lua_tonumber(L, idx));
        break;
    case LUA_TBOOLEAN:
        snprintf(buf, n, "key %s", lua_toboolean(L, idx) ? "true" : "false");
        break;
    default:
        snprintf(buf, n, "a %s key", luaL_typename(L, idx));
        break;
    }
}

/* Set the error message from 'fmt', followed by the location 'w' (none at
** the top level); returns GALLEY_EINVAL. */
static int fail(conv *C, const where *w, const char *fmt, ...)
{
    if (!C->err || !C->errsize)
        return GALLEY_EINVAL;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(C->err, C->errsize, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= C->errsize || !w)
        return GALLEY_EINVAL;
    if (w->key) {
        char q[KEY_SHOWN + 8];
        quote_key(q, sizeof q, w->key, w->klen);
        snprintf(C->err + n, C->errsize - (size_t)n, " (at key %s)", q);
    } else {
        snprintf(C->err + n, C->errsize - (size_t)n, " (at index %lld)",
                 (long long)w->index);
    }
    return GALLEY_EINVAL;
}

static int conv_value(conv *C, int idx, galley_val *out, const where *w);

/* Place of key 'k' ('len' bytes) in the output order: 0..6 for the
** leading keys or NFIRST for the others (written out: it runs for every
** compare). */
static int key_rank(const char *k, size_t len)
{
    switch (len) {
    case 2: return k[0] == 'i' && k[1] == 'd' ? 0 : NFIRST;
    case 3: return memcmp(k, "end", 3) == 0 ? 5 : NFIRST;
    case 4:
        if (memcmp(k, "path", 4) == 0) return 1;
        if (memcmp(k, "text", 4) == 0) return 6;
        return NFIRST;
    case 5:
        if (memcmp(k, "title", 5) == 0) return 2;
        if (memcmp(k, "label", 5) == 0) return 3;
        if (memcmp(k, "start", 5) == 0) return 4;
        return NFIRST;
    default:
        return NFIRST;
    }
}

/* The key order of objects: by rank (key_rank), then bytewise. */
static int key_order(int ra, const char *a, size_t la, int rb, const char *b, size_t lb)
{
    if (ra != rb)
        return ra < rb ? -1 : 1;
    int c = memcmp(a, b, la < lb ? la : lb);
    if (c)
        return c;
    return (la > lb) - (la < lb);
}

static int member_cmp(const void *a, const void *b)
{
    const galley_member *x = (const galley_member *)a;
    const galley_member *y = (const galley_member *)b;
    return key_order(key_rank(x->key, x->klen), x->key, x->klen,
                     key_rank(y->key, y->klen), y->key, y->klen);
}

/* Sort 'n' members: insertion sort for the usual small records (no
** allocation, few compares), qsort beyond. */
static void sort_members(galley_member *m, size_t n)
{
    if (n > 16) {
        qsort(m, n, sizeof *m, member_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        galley_member x = m[i];
        size_t j = i;
        for (; j > 0 && member_cmp(&m[j - 1], &x) > 0; j--)
            m[j] = m[j - 1];
        m[j] = x;
    }
}

/* Table 'idx' with keys 1..'n' into array 'out'. */
static int conv_array(conv *C, int idx, lua_Integer n, galley_val *out)
{
    lua_State *L = C->L;
    galley_val_arr(out);
    if ((size_t)n > SIZE_MAX / sizeof(galley_val))
        return GALLEY_ENOMEM;
    out->u.arr.items = malloc((size_t)n * sizeof(galley_val));
    if (!out->u.arr.items)
        return GALLEY_ENOMEM;
    out->u.arr.cap = (size_t)n;
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        galley_val *slot = galley_val_push(out);
        if (!slot)
            return GALLEY_ENOMEM;
        where w = {NULL, 0, i};
        int rc = conv_value(C, lua_gettop(L), slot, &w);
        if (rc)
            return rc;
        lua_pop(L, 1);
    }
    return GALLEY_OK;
}

/* Table 'idx' with 'n' string keys into object 'out', members sorted. */
static int conv_object(conv *C, int idx, size_t n, galley_val *out)
{
    lua_State *L = C->L;
    galley_val_obj(out);
    if (n > SIZE_MAX / sizeof(galley_member))
        return GALLEY_ENOMEM;
    out->u.obj.m = malloc(n * sizeof(galley_member));
    if (!out->u.obj.m)
        return GALLEY_ENOMEM;
    out->u.obj.cap = n;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING)     /* a __tojson added it */
            return fail(C, NULL, "a table changed while it was encoded");
        size_t klen;
        const char *k = lua_tolstring(L, -2, &klen);
        galley_val *slot = galley_val_set(out, k, klen);
        if (!slot)
            return GALLEY_ENOMEM;
        where w = {out->u.obj.m[out->u.obj.n - 1].key, klen, 0};
        int rc = conv_value(C, lua_gettop(L), slot, &w);
        if (rc)
            return rc;
        lua_pop(L, 1);
    }
    sort_members(out->u.obj.m, out->u.obj.n);
    return GALLEY_OK;
}

/* The checks both encoding paths make on entering table 'idx': depth,
** a table inside itself, stack room for 'slots'. Sets '*mark' to the
** array or object mark of its metatable (GALLEY_NULL: none). */
static int enter_table(conv *C, int idx, const where *w, int slots, int *mark)
{
    lua_State *L = C->L;
    if (C->depth >= GALLEY_JSON_MAXDEPTH)
        return fail(C, w, "nesting deeper than %d levels", GALLEY_JSON_MAXDEPTH);
    const void *self = lua_topointer(L, idx);
    for (int i = 0; i < C->nopen; i++)
        if (C->open[i] == self)
            return fail(C, w, "cannot encode a table that contains itself");
    luaL_checkstack(L, slots, "nesting too deep");
    *mark = GALLEY_NULL;
    if (lua_getmetatable(L, idx)) {
        if (lua_rawequal(L, -1, C->objmt))
            *mark = GALLEY_OBJ;
        else if (lua_rawequal(L, -1, C->arrmt))
            *mark = GALLEY_ARR;
        lua_pop(L, 1);
    }
    return GALLEY_OK;
}

/* Table 'idx': check its keys, then convert it as an array or object. */
static int conv_table(conv *C, int idx, galley_val *out, const where *w)
{
    lua_State *L = C->L;
    int mark, rc = enter_table(C, idx, w, 6, &mark);
    if (rc)
        return rc;
    /* One pass over the keys, converting nothing: no Lua code runs, so
    ** the key strings stay anchored while 'skey' points into one. */
    size_t nstr = 0, sklen = 0;
    lua_Integer nint = 0, ikey = 0, maxint = 0;
    const char *skey = NULL;
    char kn[KEY_SHOWN + 16], q[KEY_SHOWN + 8];
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            if (!nstr++)
                skey = lua_tolstring(L, -1, &sklen);
        } else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
            lua_Integer k = lua_tointeger(L, -1);
            if (!nint++)
                ikey = k;
            if (k > maxint)
                maxint = k;
        } else {
            describe_key(L, -1, kn, sizeof kn);
            return fail(C, w, "cannot encode %s: keys must be strings, "
                        "or 1..n in an array", kn);
        }
    }
    if (nstr && (mark == GALLEY_ARR || nint))
        quote_key(q, sizeof q, skey, sklen);
    if (nstr && mark == GALLEY_ARR)
        return fail(C, w, "cannot encode key %s in an array: array keys "
                    "are 1..n", q);
    if (nint && mark == GALLEY_OBJ)
        return fail(C, w, "cannot encode key %lld in an object: object keys "
                    "are strings", (long long)ikey);
    if (nstr && nint)
        return fail(C, w, "cannot encode a table with both string and "
                    "integer keys (%s and %lld)", q, (long long)ikey);
    if (nint && maxint != nint) {
        lua_Integer hole = 1;
        for (; hole <= nint; hole++) {
            int missing = lua_rawgeti(L, idx, hole) == LUA_TNIL;
            lua_pop(L, 1);
            if (missing)
                break;
        }
        return fail(C, w, "cannot encode an array with a hole: key %lld is "
                    "nil but key %lld is set", (long long)hole,
                    (long long)maxint);
    }
    C->depth++;
    C->open[C->nopen++] = lua_topointer(L, idx);
    if (nstr)
        rc = conv_object(C, idx, nstr, out);
    else if (nint)
        rc = conv_array(C, idx, nint, out);
    else {
        if (mark == GALLEY_OBJ)
            galley_val_obj(out);
        else
            galley_val_arr(out);
        rc = GALLEY_OK;
    }
    C->nopen--;
    C->depth--;
    return rc;
}

/* Replace the value at 'idx' by what its __tojson (at the top) returns. */
static int conv_tojson(conv *C, int idx, galley_val *out, const where *w)
{
    lua_State *L = C->L;
    if (C->depth >= GALLEY_JSON_MAXDEPTH)
        return fail(C, w, "nesting deeper than %d levels", GALLEY_JSON_MAXDEPTH);
    luaL_checkstack(L, 4, "nesting too deep");
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        return fail(C, w, "__tojson failed: %s",
                    msg ? msg : "(error object is not a string)");
    }
    C->depth++;
    int rc = conv_value(C, lua_gettop(L), out, w);
    C->depth--;
    if (rc == GALLEY_OK)
        lua_pop(L, 1);
    return rc;
}

/* The value at 'idx' (an absolute index) into 'out'. */
static int conv_value(conv *C, int idx, galley_val *out, const where *w)
{
    lua_State *L = C->L;
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        galley_val_null(out);
        return GALLEY_OK;
    case LUA_TBOOLEAN:
        galley_val_bool(out, lua_toboolean(L, idx));
        return GALLEY_OK;
    case LUA_TNUMBER: {
        if (lua_isinteger(L, idx)) {
            galley_val_int(out, (int64_t)lua_tointeger(L, idx));
            return GALLEY_OK;
        }
        double n = (double)lua_tonumber(L, idx);
        if (isnan(n))
            return fail(C, w, "cannot encode NaN");
        if (isinf(n))
            return fail(C, w, "cannot encode %s", n > 0 ? "inf" : "-inf");
        galley_val_num(out, n);
        return GALLEY_OK;
    }
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        return galley_val_str(out, s, len);
    }
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == JSON_NULL) {
            galley_val_null(out);
            return GALLEY_OK;
        }
        return fail(C, w, "cannot encode a light userdata");
    case LUA_TTABLE:
    case LUA_TUSERDATA:
        if (luaL_getmetafield(L, idx, "__tojson") != LUA_TNIL)
            return conv_tojson(C, idx, out, w);
        if (lua_type(L, idx) == LUA_TTABLE)
            return conv_table(C, idx, out, w);
        if (luaL_getmetafield(L, idx, "__name") == LUA_TSTRING)
            return fail(C, w, "cannot encode a %s", lua_tostring(L, -1));
        return fail(C, w, "cannot encode a userdata");
    default:
        return fail(C, w, "cannot encode a %s", luaL_typename(L, idx));
    }
}

/* Convert the value at 'idx' (absolute) into 'out', which the caller keeps
** in a holder. Restores the stack. */
static int convert(lua_State *L, int idx, galley_val *out, char *err,
                   size_t errsize)
{
    conv C;
    C.L = L;
    C.err = err;
    C.errsize = err ? errsize : 0;
    C.depth = C.nopen = 0;
    if (C.errsize)
        err[0] = '\0';
    luaL_checkstack(L, 8, "nesting too deep");
    luaL_getmetatable(L, OBJECT_MT);
    C.objmt = lua_gettop(L);
    luaL_getmetatable(L, ARRAY_MT);
    C.arrmt = lua_gettop(L);
    int rc = conv_value(&C, idx, out, NULL);
    if (rc == GALLEY_ENOMEM && C.errsize)
        snprintf(err, errsize, "not enough memory");
    lua_settop(L, C.objmt - 1);
    return rc;
}

int galley_l_toval(lua_State *L, int idx, galley_val *out, char *err,
                   size_t errsize)
{
    idx = lua_absindex(L, idx);
    int top = lua_gettop(L);
    galley_val_null(out);
    holder *h = new_holder(L);
    int rc = convert(L, idx, &h->val, err, errsize);
    if (rc == GALLEY_OK) {
        *out = h->val;
        galley_val_null(&h->val);
    } else {
        galley_val_free(&h->val);
    }
    lua_settop(L, top);
    return rc;
}

/* }====================================================== */


/*
** {======================================================
** Lua value -> JSON text, with no tree in between
** =======================================================
** The same rules and order as galley_l_toval followed by
** galley_json_encode(_pretty). An object's pairs stay on the Lua stack
** while it is written (up to STACK_KEYS of them; a bigger object keeps its
** keys in a Lua table), so key strings stay anchored and values are not
** looked up again. Token, token list and Span objects are written from
** their document, without calling __tojson (galley_l_toview). When a value
** is refused, the message comes from galley_l_toval run over it again, so
** that it names the same key as before whatever the order of traversal.
*/

/* Pairs of an object kept on the Lua stack while it is written. */
#define STACK_KEYS 200

/* Members sorted in an array on the C stack up to this many. */
#define SMALL_KEYS 32

typedef struct jkey {
    const char *s;
    size_t len;
    int rank;
    int slot;       /* stack index of the value, or index in the key table */
} jkey;

static int jkey_cmp(const void *a, const void *b)
{
    const jkey *x = (const jkey *)a, *y = (const jkey *)b;
    return key_order(x->rank, x->s, x->len, y->rank, y->s, y->len);
}

static void sort_keys(jkey *k, size_t n)
{
    if (n > 16) {
        qsort(k, n, sizeof *k, jkey_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        jkey x = k[i];
        size_t j = i;
        for (; j > 0 && jkey_cmp(&k[j - 1], &x) > 0; j--)
            k[j] = k[j - 1];
        k[j] = x;
    }
}

static int enc_value(conv *C, int idx, const where *w, int level);

/* A newline and the indent of 'level', when pretty-printing. */
static int enc_newline(conv *C, int level)
{
    if (!C->indent)
        return GALLEY_OK;
    galley_buf *out = C->out;
    size_t n = (size_t)C->indent * (size_t)level;
    if (galley_buf_reserve(out, n + 1))
        return GALLEY_ENOMEM;
    out->s[out->len++] = '\n';
    memset(out->s + out->len, ' ', n);
    out->len += n;
    out->s[out->len] = '\0';
    return GALLEY_OK;
}

/* Append byte 'c' to 'out': galley_buf_addc without a call while there is
** room (a record writes one for every key, value and bracket). */
static inline int put_char(galley_buf *out, char c)
{
    if (out->len + 1 >= out->cap)
        return galley_buf_addc(out, c);
    out->s[out->len++] = c;
    out->s[out->len] = '\0';
    return GALLEY_OK;
}

/* Longest key or string written by the short paths (enc_key, short_string). */
#define PLAIN_KEY 64

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Whether the word 'w' has a byte below 0x20, at or above 0x80, '"' or
** '\\' (json.c's test for text that needs no escape). */
static int word_needs_escape(uint64_t w)
{
    uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
    return ((w | ((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS) != 0;
}

/* Whether 'k' ('len' bytes) is printable ASCII without '"' and '\\',
** eight bytes at a time: a short one padded with spaces, the last eight
** bytes of a longer one read again. */
static int plain_text(const char *k, size_t len)
{
    uint64_t w;
    if (len < 8) {
        w = ONES * ' ';
        memcpy(&w, k, len);
        return !word_needs_escape(w);
    }
    for (size_t i = 0; i + 8 <= len; i += 8) {
        memcpy(&w, k + i, 8);
        if (word_needs_escape(w))
            return 0;
    }
    memcpy(&w, k + len - 8, 8);
    return !word_needs_escape(w);
}

/* Append the short, plain string 's' ('len' bytes) quoted, as
** galley_json_string would; returns 1 when done (or 'rc' set on no
** memory), 0 when 's' is long or needs escapes. */
static int short_string(galley_buf *out, const char *s, size_t len, int *rc)
{
    if (len > PLAIN_KEY || !plain_text(s, len))
        return 0;
    *rc = GALLEY_OK;
    if (out->cap - out->len <= len + 2 && (*rc = galley_buf_reserve(out, len + 2)))
        return 1;
    char *d = out->s + out->len;
    *d++ = '"';
    memcpy(d, s, len);
    d += len;
    *d++ = '"';
    *d = '\0';
    out->len = (size_t)(d - out->s);
    return 1;
}

/* '"key":' (or '"key": ' when pretty), after a ',' unless 'first', on a
** new line at 'level' when pretty. Compact output of a short key of
** printable ASCII (every key a record has) is copied as it is. */
static int enc_key(conv *C, const char *k, size_t len, int first, int level)
{
    int rc;
    if (!C->indent && len <= PLAIN_KEY && plain_text(k, len)) {
        galley_buf *out = C->out;
        if (out->cap - out->len <= len + 4 && galley_buf_reserve(out, len + 4))
            return GALLEY_ENOMEM;
        char *d = out->s + out->len;
        if (!first)
            *d++ = ',';
        *d++ = '"';
        memcpy(d, k, len);
        d += len;
        *d++ = '"';
        *d++ = ':';
        *d = '\0';
        out->len = (size_t)(d - out->s);
        return GALLEY_OK;
    }
    if ((!first && (rc = put_char(C->out, ','))) ||
        (rc = enc_newline(C, level)) || (rc = galley_json_string(C->out, k, len)))
        return rc;
    return C->indent ? galley_buf_add(C->out, ": ", 2) : put_char(C->out, ':');
}

/* The close of a container that had 'n' members at 'level'. */
static int enc_close(conv *C, char c, size_t n, int level)
{
    int rc;
    if (n && (rc = enc_newline(C, level)))
        return rc;
    return put_char(C->out, c);
}

/* {"start":..,"end":..,"text":..,"kind":..} of token 't' over 'text'. */
static int enc_token(conv *C, const char *text, const galley_token *t, int level)
{
    int rc;
    if ((rc = put_char(C->out, '{')) ||
        (rc = enc_key(C, "start", 5, 1, level + 1)) ||
        (rc = galley_json_integer(C->out, t->start)) ||
        (rc = enc_key(C, "end", 3, 0, level + 1)) ||
        (rc = galley_json_integer(C->out, t->end)) ||
        (rc = enc_key(C, "text", 4, 0, level + 1)) ||
        (rc = galley_json_string(C->out, text + t->start, t->end - t->start)) ||
        (rc = enc_key(C, "kind", 4, 0, level + 1)))
        return rc;
    const char *kind = galley_token_kind_names[t->kind];
    if ((rc = galley_json_string(C->out, kind, strlen(kind))))
        return rc;
    return enc_close(C, '}', 4, level);
}

/* Write sorted members 'k' ('n' of them): values at their stack slots,
** or (when 'keytab' is not 0) looked up through the key table. Span
** members start, end, text have slot 0 and come from 'v'. */
static int enc_members(conv *C, int tidx, int keytab, jkey *k, size_t n,
                       const galley_l_view *v, int level)
{
    lua_State *L = C->L;
    int rc;
    if ((rc = put_char(C->out, '{')))
        return rc;
    for (size_t i = 0; i < n; i++) {
        if ((rc = enc_key(C, k[i].s, k[i].len, i == 0, level + 1)))
            return rc;
        where w = {k[i].s, k[i].len, 0};
        if (k[i].slot == 0) {           /* a span's own member */
            if (k[i].rank == 4)
                rc = galley_json_integer(C->out, (int64_t)v->start);
            else if (k[i].rank == 5)
                rc = galley_json_integer(C->out, (int64_t)v->end);
            else
                rc = galley_json_string(C->out, v->text + v->start, v->end - v->start);
        } else if (keytab) {
            lua_rawgeti(L, keytab, k[i].slot);
            lua_rawget(L, tidx);
            rc = enc_value(C, lua_gettop(L), &w, level + 1);
            lua_pop(L, 1);
        } else {
            rc = enc_value(C, k[i].slot, &w, level + 1);
        }
        if (rc)
            return rc;
    }
    return enc_close(C, '}', n, level);
}

/* A Span: its attributes (the table or nil at the top of the stack) and
** start, end, text, as span_tojson builds them. */
static int enc_span(conv *C, const galley_l_view *v, const where *w, int level)
{
    lua_State *L = C->L;
    int attr = lua_gettop(L);
    jkey small[SMALL_KEYS];
    jkey *k = small;
    size_t n = 0, cap = SMALL_KEYS;
    if (lua_type(L, attr) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, attr)) {
            luaL_checkstack(L, 4, "nesting too deep");
            if (lua_type(L, -2) != LUA_TSTRING)
                return fail(C, w, "a span attribute key is not a string");
            size_t len;
            const char *s = lua_tolstring(L, -2, &len);
            int r = key_rank(s, len);
            if (r >= 4 && r <= 6) {     /* start, end, text: the span's own */
                lua_pop(L, 1);
                continue;
            }
            if (n == cap) {
                if (n + 3 > STACK_KEYS)
                    return fail(C, w, "too many span attributes");
                jkey *big = lua_newuserdatauv(L, (size_t)STACK_KEYS * sizeof *big, 0);
                memcpy(big, k, n * sizeof *k);
                k = big;
                cap = STACK_KEYS;
                lua_insert(L, attr + 1);    /* below the pairs */
                for (size_t i = 0; i < n; i++)
                    k[i].slot++;
            }
            k[n].s = s;
            k[n].len = len;
            k[n].rank = r;
            k[n].slot = lua_gettop(L);
            n++;
            lua_pushvalue(L, -2);       /* the key again, for lua_next */
        }
    }
    if (n + 3 > cap) {
        if (n + 3 > STACK_KEYS)
            return fail(C, w, "too many span attributes");
        jkey *big = lua_newuserdatauv(L, (size_t)STACK_KEYS * sizeof *big, 0);
        memcpy(big, k, n * sizeof *k);
        k = big;
    }
    static const char *const own[] = {"start", "end", "text"};
    for (int i = 0; i < 3; i++) {
        k[n].s = own[i];
        k[n].len = strlen(own[i]);
        k[n].rank = 4 + i;
        k[n].slot = 0;
        n++;
    }
    sort_keys(k, n);
    C->depth += 2;                  /* __tojson, then its table */
    int rc = enc_members(C, 0, 0, k, n, v, level);
    C->depth -= 2;
    return rc;
}

/* A Token, token list or Span read by galley_l_toview, at C->depth (its
** __tojson call's level). */
static int enc_view(conv *C, const galley_l_view *v, const where *w, int level)
{
    if (C->depth + 1 >= GALLEY_JSON_MAXDEPTH)
        return fail(C, w, "nesting deeper than %d levels", GALLEY_JSON_MAXDEPTH);
    switch (v->type) {
    case GALLEY_L_TOKEN:
        return enc_token(C, v->text, v->tokens, level);
    case GALLEY_L_TOKENS: {
        int rc;
        if (v->ntokens && C->depth + 2 >= GALLEY_JSON_MAXDEPTH) {
            where first = {NULL, 0, 1};
            return fail(C, &first, "nesting deeper than %d levels", GALLEY_JSON_MAXDEPTH);
        }
        if ((rc = put_char(C->out, '[')))
            return rc;
        for (size_t i = 0; i < v->ntokens; i++) {
            if ((i && (rc = put_char(C->out, ','))) ||
                (rc = enc_newline(C, level + 1)) ||
                (rc = enc_token(C, v->text, &v->tokens[i], level + 1)))
                return rc;
        }
        return enc_close(C, ']', v->ntokens, level);
    }
    default:
        return enc_span(C, v, w, level);
    }
}

/* The value at 'idx' whose __tojson is at 'fn' (the top of the stack). */
static int enc_tojson(conv *C, int idx, int fn, const where *w, int level)
{
    lua_State *L = C->L;
    if (C->depth >= GALLEY_JSON_MAXDEPTH)
        return fail(C, w, "nesting deeper than %d levels", GALLEY_JSON_MAXDEPTH);
    luaL_checkstack(L, 4, "nesting too deep");
    galley_l_view v;
    if (galley_l_toview(L, idx, fn, &v))
        return enc_view(C, &v, w, level);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        return fail(C, w, "__tojson failed: %s",
                    msg ? msg : "(error object is not a string)");
    }
    C->depth++;
    int rc = enc_value(C, lua_gettop(L), w, level);
    C->depth--;
    return rc;
}

/* An object of 'nstr' string keys at 'idx' whose first 'nkept' pairs are
** on the stack above 'base' (key, value, key, value...). */
static int enc_object(conv *C, int idx, int base, size_t nstr, size_t nkept,
                      int level)
{
    lua_State *L = C->L;
    jkey small[SMALL_KEYS];
    jkey *k = small;
    int keytab = 0;
    if (nstr > SMALL_KEYS) {
        if (nstr > SIZE_MAX / sizeof *k)
            return GALLEY_ENOMEM;
        k = lua_newuserdatauv(L, nstr * sizeof *k, 0);
    }
    if (nkept == nstr) {
        for (size_t i = 0; i < nstr; i++) {
            int ks = base + 1 + 2 * (int)i;
            k[i].s = lua_tolstring(L, ks, &k[i].len);
            k[i].rank = key_rank(k[i].s, k[i].len);
            k[i].slot = ks + 1;
        }
    } else {                        /* big: the keys go to a table */
        if (nstr > INT_MAX)
            return GALLEY_ENOMEM;
        lua_createtable(L, (int)nstr, 0);
        keytab = lua_gettop(L);
        size_t i = 0;
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING || i == nstr)
                return fail(C, NULL, "a table changed while it was encoded");
            lua_pushvalue(L, -1);
            lua_rawseti(L, keytab, (lua_Integer)i + 1);
            i++;
        }
        if (i != nstr)
            return fail(C, NULL, "a table changed while it was encoded");
        for (i = 0; i < nstr; i++) {
            lua_rawgeti(L, keytab, (lua_Integer)i + 1);
            k[i].s = lua_tolstring(L, -1, &k[i].len);    /* anchored in keytab */
            k[i].rank = key_rank(k[i].s, k[i].len);
            k[i].slot = (int)i + 1;
            lua_pop(L, 1);
        }
    }
    sort_keys(k, nstr);
    return enc_members(C, idx, keytab, k, nstr, NULL, level);
}

/* Table 'idx': check its keys as conv_table does, then write it. */
static int enc_table(conv *C, int idx, const where *w, int level)
{
    lua_State *L = C->L;
    int mark, rc = enter_table(C, idx, w, 8, &mark);
    if (rc)
        return rc;
    int base = lua_gettop(L);
    int keep = lua_rawlen(L, idx) == 0;     /* likely an object: keep pairs */
    size_t nstr = 0, nkept = 0;
    lua_Integer nint = 0, maxint = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            nstr++;
            if (keep && nkept < STACK_KEYS) {
                if (nkept % 16 == 0)    /* room for 16 more pairs at a time */
                    luaL_checkstack(L, 36, "nesting too deep");
                nkept++;
                lua_pushvalue(L, -2);   /* key, value, key (for lua_next) */
                continue;
            }
        } else if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1) {
            lua_Integer k = lua_tointeger(L, -2);
            nint++;
            if (k > maxint)
                maxint = k;
        } else {
            return fail(C, w, "cannot encode a key: keys must be strings, "
                        "or 1..n in an array");
        }
        lua_pop(L, 1);
    }
    if ((nstr && mark == GALLEY_ARR) || (nint && mark == GALLEY_OBJ) ||
        (nstr && nint) || (nint && maxint != nint))
        return fail(C, w, "cannot encode a table: bad keys");
    C->depth++;
    C->open[C->nopen++] = lua_topointer(L, idx);
    if (nstr)
        rc = enc_object(C, idx, base, nstr, nkept, level);
    else if (nint) {
        rc = put_char(C->out, '[');
        for (lua_Integer i = 1; i <= nint && !rc; i++) {
            if ((i > 1 && (rc = put_char(C->out, ','))) ||
                (rc = enc_newline(C, level + 1)))
                break;
            lua_rawgeti(L, idx, i);
            where wi = {NULL, 0, i};
            rc = enc_value(C, lua_gettop(L), &wi, level + 1);
            lua_pop(L, 1);
        }
        if (!rc)
            rc = enc_close(C, ']', (size_t)nint, level);
    } else
        rc = galley_buf_add(C->out, mark == GALLEY_OBJ ? "{}" : "[]", 2);
    C->nopen--;
    C->depth--;
    lua_settop(L, base);
    return rc;
}

/* The value at 'idx' (an absolute index) as JSON; the stack may keep
** values above its level on failure (the caller restores it). */
static int enc_value(conv *C, int idx, const where *w, int level)
{
    lua_State *L = C->L;
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        return galley_buf_add(C->out, "null", 4);
    case LUA_TBOOLEAN:
        return lua_toboolean(L, idx) ? galley_buf_add(C->out, "true", 4)
                                     : galley_buf_add(C->out, "false", 5);
    case LUA_TNUMBER: {
        if (lua_isinteger(L, idx))
            return galley_json_integer(C->out, (int64_t)lua_tointeger(L, idx));
        double n = (double)lua_tonumber(L, idx);
        if (isnan(n))
            return fail(C, w, "cannot encode NaN");
        if (isinf(n))
            return fail(C, w, "cannot encode %s", n > 0 ? "inf" : "-inf");
        return galley_json_number(C->out, n);
    }
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        int rc;
        if (short_string(C->out, s, len, &rc))
            return rc;
        return galley_json_string(C->out, s, len);
    }
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == JSON_NULL)
            return galley_buf_add(C->out, "null", 4);
        return fail(C, w, "cannot encode a light userdata");
    case LUA_TTABLE:
    case LUA_TUSERDATA: {
        int top = lua_gettop(L), rc;
        if (luaL_getmetafield(L, idx, "__tojson") != LUA_TNIL)
            rc = enc_tojson(C, idx, top + 1, w, level);
        else if (lua_type(L, idx) == LUA_TTABLE)
            rc = enc_table(C, idx, w, level);
        else
            rc = fail(C, w, "cannot encode a userdata");
        if (rc == GALLEY_OK)
            lua_settop(L, top);
        return rc;
    }
    default:
        return fail(C, w, "cannot encode a %s", luaL_typename(L, idx));
    }
}

/* Append the JSON text of the value at 'idx' to 'out' ('indent' spaces a
** level, 0: compact). See galley_l_tojson. */
static int tojson(lua_State *L, int idx, galley_buf *out, int indent, char *err,
                  size_t errsize)
{
    idx = lua_absindex(L, idx);
    int top = lua_gettop(L);
    size_t mark = out->len;
    conv C;
    C.L = L;
    C.out = out;
    C.indent = indent;
    C.err = NULL;               /* the message, if any, comes from convert */
    C.errsize = 0;
    C.depth = C.nopen = 0;
    if (err && errsize)
        err[0] = '\0';
    luaL_checkstack(L, 8, "nesting too deep");
    luaL_getmetatable(L, OBJECT_MT);
    C.objmt = lua_gettop(L);
    luaL_getmetatable(L, ARRAY_MT);
    C.arrmt = lua_gettop(L);
    int rc = enc_value(&C, idx, NULL, 0);
    lua_settop(L, top);
    if (rc == GALLEY_OK)
        return GALLEY_OK;
    out->len = mark;
    if (out->s)
        out->s[mark] = '\0';
    if (rc != GALLEY_EINVAL) {
        if (err && errsize)
            snprintf(err, errsize, "not enough memory");
        return rc;
    }
    /* refused: the tree converter names the first bad value as it always
    ** has (and, should it accept the value after all, its text is used) */
    galley_val v;
    rc = galley_l_toval(L, idx, &v, err, errsize);
    if (rc == GALLEY_OK) {
        rc = indent ? galley_json_encode_pretty(&v, out, indent)
                    : galley_json_encode(&v, out);
        galley_val_free(&v);
        if (rc) {
            out->len = mark;
            if (out->s)
                out->s[mark] = '\0';
            if (err && errsize)
                snprintf(err, errsize, rc == GALLEY_ENOMEM ? "not enough memory"
                         : "cannot encode the value");
        }
    }
    return rc;
}

int galley_l_tojson(lua_State *L, int idx, galley_buf *out, char *err,
                    size_t errsize)
{
    return tojson(L, idx, out, 0, err, errsize);
}

/* }====================================================== */

/*
** {======================================================
** galley_val -> Lua value
** =======================================================
*/

static void push_val(lua_State *L, const galley_val *v, int level)
{
    switch (v->type) {
    case GALLEY_NULL:
        lua_pushlightuserdata(L, JSON_NULL);
        return;
    case GALLEY_BOOL:
        lua_pushboolean(L, v->u.b);
        return;
    case GALLEY_INT:
        lua_pushinteger(L, (lua_Integer)v->u.i);
        return;
    case GALLEY_NUM:
        lua_pushnumber(L, (lua_Number)v->u.n);
        return;
    case GALLEY_STR:
        lua_pushlstring(L, v->u.str.s, v->u.str.len);
        return;
    case GALLEY_ARR: {
        size_t n = v->u.arr.n;
        if (level >= GALLEY_JSON_MAXDEPTH)
            luaL_error(L, "nesting deeper than %d levels", GALLEY_JSON_MAXDEPTH);
        luaL_checkstack(L, 3, "nesting too deep");
        lua_createtable(L, n > INT_MAX ? INT_MAX : (int)n, 0);
        for (size_t i = 0; i < n; i++) {
            push_val(L, &v->u.arr.items[i], level + 1);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        return;
    }
    case GALLEY_OBJ: {
        size_t n = v->u.obj.n;
        if (level >= GALLEY_JSON_MAXDEPTH)
            luaL_error(L, "nesting deeper than %d levels", GALLEY_JSON_MAXDEPTH);
        luaL_checkstack(L, 4, "nesting too deep");
        lua_createtable(L, 0, n > INT_MAX ? INT_MAX : (int)n);
        for (size_t i = n; i-- > 0; ) {     /* backwards: the first wins */
            const galley_member *m = &v->u.obj.m[i];
            lua_pushlstring(L, m->key, m->klen);
            push_val(L, &m->val, level + 1);
            lua_rawset(L, -3);
        }
        if (n == 0) {
            luaL_newmetatable(L, OBJECT_MT);
            lua_setmetatable(L, -2);
        }
        return;
    }
    }
    lua_pushnil(L);     /* not reached with a valid tree */
}

void galley_l_pushval(lua_State *L, const galley_val *v)
{
    push_val(L, v, 0);
}

/* }====================================================== */


/*
** {======================================================
** galley.json
** =======================================================
*/

/* json.encode(value [, opts]) */
static int json_encode(lua_State *L)
{
    luaL_checkany(L, 1);
    int indent = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "indent") != LUA_TNIL) {
            int isint;
            lua_Integer n = lua_tointegerx(L, -1, &isint);
            luaL_argcheck(L, isint && lua_type(L, -1) == LUA_TNUMBER && n >= 0 && n <= MAX_INDENT, 2,
                          "'indent' must be an integer from 0 to 16");
            indent = (int)n;
        }
        lua_pop(L, 1);
    }
    holder *h = new_holder(L);
    char err[256];
    int rc = tojson(L, 1, &h->buf, indent, err, sizeof err);
    if (rc == GALLEY_EINVAL)
        return luaL_error(L, "%s", err);
    if (rc)
        return luaL_error(L, "not enough memory");
    lua_pushlstring(L, h->buf.s ? h->buf.s : "", h->buf.len);
    galley_buf_free(&h->buf);       /* now, rather than at the next GC */
    return 1;
}

/* json.decode(s): the value, or nil and "line L, column C: message" */
static int json_decode(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    holder *h = new_holder(L);
    galley_json_error e;
    int rc = galley_json_decode(s, len, &h->val, &e);
    if (rc == GALLEY_ENOMEM)
        return luaL_error(L, "not enough memory");
    if (rc) {
        luaL_pushfail(L);
        lua_pushfstring(L, "line %I, column %I: %s", (lua_Integer)e.line,
                        (lua_Integer)e.col, e.msg);
        return 2;
    }
    galley_l_pushval(L, &h->val);
    galley_val_free(&h->val);
    return 1;
}

/* json.object([t]) and json.array([t]): mark 't' (or a new table). */
static int set_marker(lua_State *L, const char *name)
{
    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    } else {
        luaL_checktype(L, 1, LUA_TTABLE);
        lua_settop(L, 1);
    }
    if (lua_getmetatable(L, 1)) {
        luaL_getmetatable(L, OBJECT_MT);
        luaL_getmetatable(L, ARRAY_MT);
        if (!lua_rawequal(L, 2, 3) && !lua_rawequal(L, 2, 4))
            return luaL_argerror(L, 1, "the table already has a metatable");
        lua_settop(L, 1);
    }
    luaL_newmetatable(L, name);
    lua_setmetatable(L, 1);
    return 1;
}

static int json_object(lua_State *L)
{
    return set_marker(L, OBJECT_MT);
}

static int json_array(lua_State *L)
{
    return set_marker(L, ARRAY_MT);
}

static const luaL_Reg json_funcs[] = {
    {"encode", json_encode},
    {"decode", json_decode},
    {"object", json_object},
    {"array", json_array},
    {NULL, NULL}
};

int galley_l_open_json(lua_State *L)
{
    luaL_newmetatable(L, OBJECT_MT);
    luaL_newmetatable(L, ARRAY_MT);
    lua_pop(L, 2);
    luaL_newlib(L, json_funcs);
    lua_pushlightuserdata(L, JSON_NULL);
    lua_setfield(L, -2, "null");
    return 1;
}

/* }====================================================== */
