/*
** l_match.c: matchers in Lua (see l_match.h).
**
**   galley.regex(pattern [, flags])   "galley.Regex"   core/regex.h
**   galley.phrases([list [, opts]])   "galley.Phrases" core/phrase.h
**   galley.pattern(spec [, opts])     "galley.Pattern" core/pattern.h
**   galley.distance, galley.similarity, galley.unaccent   core/fuzzy.h
**   galley.link_names(names [, opts])
**
** Every :find takes a string or a galley.Doc and returns a list of spans:
** tables {start, stop, text} with 1-based inclusive byte positions (as
** string.sub takes them), plus label, id and groups where they apply.
** Phrases and patterns work on tokens (core/token.h); a Doc's tokens and
** their case-folded keys are made once and kept in a weak table keyed by
** the Doc, so several matchers over one document tokenize it once.
** Strings are tokenized at each call; their invalid UTF-8 bytes read as
** U+001A for the tokenizer, so positions still point into the string.
**
** Not here: the Doc type (l_doc.c), the matching itself (the core files).
*/
#include "fuzzy.h"
#include "galley.h"
#include "l_doc.h"
#include "l_galley.h"
#include "l_match.h"
#include "lang.h"
#include "pattern.h"
#include "phrase.h"
#include "regex.h"
#include "stem.h"
#include "text.h"
#include "token.h"

#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_MT "galley.Doc"
#define REGEX_MT "galley.Regex"
#define PHRASES_MT "galley.Phrases"
#define PATTERN_MT "galley.Pattern"
#define TOKENS_MT "galley.TokenKeys"    /* internal: a text's tokens and keys */
#define CACHE_MT "galley.RegexCache"    /* internal: the state's compile cache */

static const char cache_key = 'c';      /* registry: the regex compile cache */
static const char tokcache_key = 't';   /* registry: Doc -> Tokens, weak keys */

static int nomem(lua_State *L)
{
    return luaL_error(L, "not enough memory");
}

/* Raise the message in 'err' (or a generic one for 'rc'), freeing 'err'. */
static int raise_buf(lua_State *L, galley_buf *err, int rc)
{
    if (err->len)
        lua_pushlstring(L, err->s, err->len);
    else
        lua_pushstring(L, rc == GALLEY_ENOMEM ? "not enough memory" : "match failed");
    galley_buf_free(err);
    return lua_error(L);
}

/* ==================================================================
** Subjects, positions, spans
** ================================================================== */

typedef struct subject {
    const char *s;      /* the bytes that positions refer to */
    size_t len;
    int doc;            /* stack index of the Doc, or 0 for a string */
} subject;

static void check_subject(lua_State *L, int idx, subject *sub)
{
    if (lua_type(L, idx) == LUA_TSTRING) {
        sub->s = lua_tolstring(L, idx, &sub->len);
        sub->doc = 0;
    } else if (luaL_testudata(L, idx, DOC_MT)) {
        galley_doc *d = galley_l_checkdoc(L, idx);
        sub->s = d->text;
        sub->len = d->len;
        sub->doc = lua_absindex(L, idx);
    } else {
        luaL_typeerror(L, idx, "string or galley.Doc");
    }
}

/* 0-based start from the optional 1-based 'init' at 'arg' (negative counts
** from the end, as string.find); len + 1 when past the end. */
static size_t init_pos(lua_State *L, int arg, size_t len)
{
    lua_Integer i = luaL_optinteger(L, arg, 1);
    if (i > 0) {
        if ((lua_Unsigned)i - 1 > len)
            return len + 1;
        return (size_t)i - 1;
    }
    if (i == 0 || (lua_Unsigned)-i > len)
        return 0;
    return len - (size_t)-i;
}

/* Push the span of bytes [b, e) of 'sub': a galley.Span of its Doc, or a
** table for a string. Further fields are set with lua_setfield either way. */
static void push_sspan(lua_State *L, const subject *sub, size_t b, size_t e,
                       const char *label);

/* Push the span table for bytes [b, e) of 's'. */
static void push_span(lua_State *L, const char *s, size_t b, size_t e)
{
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, (lua_Integer)b + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)e);
    lua_setfield(L, -2, "stop");
    lua_pushlstring(L, s + b, e - b);
    lua_setfield(L, -2, "text");
}

static void push_sspan(lua_State *L, const subject *sub, size_t b, size_t e,
                       const char *label)
{
    if (sub->doc) {
        galley_l_pushspan(L, sub->doc, b, e, label);
        return;
    }
    push_span(L, sub->s, b, e);
    if (label) {
        lua_pushstring(L, label);
        lua_setfield(L, -2, "label");
    }
}

/* ==================================================================
** Tokens of a subject, with their keys
** ================================================================== */

enum { K_LOWER, K_UNACCENT, NKEYS };

typedef struct ltokens {
    galley_tokens own_tk;       /* the tokens of a string */
    const galley_tokens *tk;    /* own_tk, or the Doc's tokens */
    char *own;                  /* the string with bad bytes replaced, or NULL */
    const char *scan;           /* what the tokenizer read */
    galley_buf kb[NKEYS];       /* keys, back to back */
    uint32_t *koff[NKEYS];      /* n + 1 offsets into kb */
} ltokens;

static int tokens_gc(lua_State *L)
{
    ltokens *t = luaL_checkudata(L, 1, TOKENS_MT);
    galley_tokens_free(&t->own_tk);
    t->tk = NULL;
    free(t->own);
    t->own = NULL;
    for (int k = 0; k < NKEYS; k++) {
        galley_buf_free(&t->kb[k]);
        free(t->koff[k]);
        t->koff[k] = NULL;
    }
    return 0;
}

/* Copy of 's' with each byte of an invalid UTF-8 sequence as 0x1A, or
** NULL (and '*bad' 0) when 's' is valid. */
static char *sanitize(const char *s, size_t len, int *bad)
{
    *bad = 0;
    size_t i = 0;
    while (i < len) {
        size_t l = galley_utf8_seq((const unsigned char *)s + i, len - i);
        if (!l || s[i] == '\0')
            break;
        i += l;
    }
    if (i == len)
        return NULL;
    *bad = 1;
    char *c = malloc(len ? len : 1);
    if (!c)
        return NULL;
    memcpy(c, s, len);
    while (i < len) {
        size_t l = galley_utf8_seq((const unsigned char *)c + i, len - i);
        if (!l || c[i] == '\0') {
            c[i++] = 0x1a;
        } else {
            i += l;
        }
    }
    return c;
}

/* Push the Tokens of 'sub' and return them: a Doc's own tokens (from
** l_doc.c) with keys kept as long as the Doc, or a string's, made here. */
static ltokens *subject_tokens(lua_State *L, const subject *sub)
{
    const galley_doc *doc = NULL;
    if (sub->doc) {
        doc = galley_l_checkanalyzed(L, sub->doc);
        lua_rawgetp(L, LUA_REGISTRYINDEX, &tokcache_key);
        lua_pushvalue(L, sub->doc);
        if (lua_rawget(L, -2) == LUA_TUSERDATA) {
            lua_remove(L, -2);
            ltokens *t = lua_touserdata(L, -1);
            t->scan = doc->text;
            t->tk = &doc->tokens;
            return t;
        }
        lua_pop(L, 1);
    }
    ltokens *t = lua_newuserdatauv(L, sizeof *t, 0);
    memset(t, 0, sizeof *t);
    luaL_setmetatable(L, TOKENS_MT);
    if (doc) {
        t->scan = doc->text;
        t->tk = &doc->tokens;
    } else {
        int bad = 0;
        t->scan = sub->s;
        t->own = sanitize(sub->s, sub->len, &bad);
        if (bad && !t->own)
            nomem(L);
        if (t->own)
            t->scan = t->own;
        int rc = galley_token_split_opt(t->scan, sub->len, &t->own_tk, 0);
        if (rc == GALLEY_ELIMIT)
            luaL_error(L, "text too large (limit is %d MiB)", (int)(GALLEY_MAX_DOC >> 20));
        if (rc)
            nomem(L);
        t->tk = &t->own_tk;
    }
    if (sub->doc) {
        lua_pushvalue(L, sub->doc);
        lua_pushvalue(L, -2);
        lua_rawset(L, -4);          /* cache[doc] = tokens */
        lua_remove(L, -2);          /* the cache table */
    }
    return t;
}

/* Make keys of kind 'k' for every token of 't' (once). */
static void ensure_keys(lua_State *L, ltokens *t, int k)
{
    if (t->koff[k])
        return;
    size_t n = t->tk->n;
    uint32_t *off = malloc((n + 1) * sizeof *off);
    if (!off)
        nomem(L);
    galley_buf *kb = &t->kb[k], tmp = {0};
    kb->len = 0;
    off[0] = 0;
    int rc = galley_buf_reserve(kb, 0);
    for (size_t i = 0; i < n && !rc; i++) {
        const galley_token *tok = &t->tk->t[i];
        const char *w = t->scan + tok->start;
        size_t wl = tok->end - tok->start;
        if (k == K_LOWER) {
            rc = galley_casefold(w, wl, kb);
        } else {
            tmp.len = 0;
            rc = galley_casefold(w, wl, &tmp);
            if (!rc)
                rc = galley_fuzzy_fold_accents(tmp.s, tmp.len, kb);
        }
        if (kb->len > UINT32_MAX)
            rc = GALLEY_ELIMIT;
        off[i + 1] = (uint32_t)kb->len;
    }
    galley_buf_free(&tmp);
    if (rc) {
        free(off);
        nomem(L);
    }
    t->koff[k] = off;
}

static const char *tok_key(const ltokens *t, int k, size_t i, size_t *len)
{
    *len = t->koff[k][i + 1] - t->koff[k][i];
    return t->kb[k].s + t->koff[k][i];
}

/* ==================================================================
** galley.regex
** ================================================================== */

typedef struct lregex {
    galley_regex *re;
} lregex;

static lregex *checkregex(lua_State *L, int idx)
{
    lregex *r = luaL_checkudata(L, idx, REGEX_MT);
    if (!r->re)
        luaL_argerror(L, idx, "regex is not compiled");
    return r;
}

static int cache_gc(lua_State *L)
{
    galley_regex_cache **c = luaL_checkudata(L, 1, CACHE_MT);
    galley_regex_cache_free(*c);
    *c = NULL;
    return 0;
}

/* The state's compile cache, made on first use. */
static galley_regex_cache *get_cache(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &cache_key) == LUA_TUSERDATA) {
        galley_regex_cache *c = *(galley_regex_cache **)lua_touserdata(L, -1);
        lua_pop(L, 1);
        return c;
    }
    lua_pop(L, 1);
    galley_regex_cache **c = lua_newuserdatauv(L, sizeof *c, 0);
    *c = NULL;
    luaL_setmetatable(L, CACHE_MT);
    *c = galley_regex_cache_new(0);
    if (!*c)
        nomem(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &cache_key);
    return *c;
}

/* Compile through the cache. Returns the regex (a new reference), or NULL
** with the message pushed. Raises on bad flags and no memory. */
static galley_regex *compile_regex(lua_State *L, const char *pat, size_t plen,
                                   const char *fl, size_t flen, int flagarg)
{
    unsigned flags;
    galley_buf err = {0};
    if (galley_regex_flags(fl, flen, &flags, &err)) {
        lua_pushlstring(L, err.s, err.len);
        galley_buf_free(&err);
        luaL_argerror(L, flagarg, lua_tostring(L, -1));
    }
    galley_regex *re;
    int rc = galley_regex_cache_get(get_cache(L), pat, plen, flags, &re, &err);
    if (rc == GALLEY_ENOMEM) {
        galley_buf_free(&err);
        nomem(L);
    }
    if (rc) {
        lua_pushlstring(L, err.s, err.len);
        galley_buf_free(&err);
        return NULL;
    }
    return re;
}

/* galley.regex(pattern [, flags]) -> Regex, or nil and a message */
static int l_regex(lua_State *L)
{
    if (luaL_testudata(L, 1, REGEX_MT) && lua_isnoneornil(L, 2)) {
        checkregex(L, 1);
        lua_settop(L, 1);
        return 1;
    }
    size_t plen, flen;
    const char *pat = luaL_checklstring(L, 1, &plen);
    const char *fl = luaL_optlstring(L, 2, "", &flen);
    lregex *r = lua_newuserdatauv(L, sizeof *r, 0);
    r->re = NULL;
    luaL_setmetatable(L, REGEX_MT);
    r->re = compile_regex(L, pat, plen, fl, flen, 2);
    if (!r->re) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    return 1;
}

static int regex_gc(lua_State *L)
{
    lregex *r = luaL_checkudata(L, 1, REGEX_MT);
    galley_regex_free(r->re);
    r->re = NULL;
    return 0;
}

/* Push the span of the last match, with its groups when the regex has any. */
static void push_match(lua_State *L, galley_regex *re, const subject *sub)
{
    size_t b, e;
    galley_regex_capture(re, 0, &b, &e);
    push_sspan(L, sub, b, e, NULL);
    size_t ng = galley_regex_groups(re);
    if (!ng)
        return;
    lua_createtable(L, (int)ng, (int)galley_regex_names(re));
    for (size_t i = 1; i <= ng; i++) {
        if (galley_regex_capture(re, i, &b, &e))
            push_sspan(L, sub, b, e, NULL);
        else
            lua_pushboolean(L, 0);
        lua_rawseti(L, -2, (lua_Integer)i);
    }
    for (size_t i = 0; i < galley_regex_names(re); i++) {
        size_t g;
        const char *name = galley_regex_name(re, i, &g);
        lua_rawgeti(L, -1, (lua_Integer)g);
        lua_setfield(L, -2, name);
    }
    lua_setfield(L, -2, "groups");
}

/* re:find(subject [, init]) -> list of spans */
static int regex_find(lua_State *L)
{
    lregex *r = checkregex(L, 1);
    subject sub;
    check_subject(L, 2, &sub);
    size_t init = init_pos(L, 3, sub.len);
    lua_newtable(L);
    galley_regex_iter it;
    galley_regex_iter_init(&it, r->re, sub.s, sub.len, init);
    galley_buf err = {0};
    lua_Integer k = 0;
    int rc;
    while ((rc = galley_regex_next(&it, &err)) == 1) {
        push_match(L, r->re, &sub);
        lua_rawseti(L, -2, ++k);
    }
    if (rc < 0)
        return raise_buf(L, &err, rc);
    return 1;
}

/* Push group 'i' of the last match as a string, or false when unset. */
static void push_group(lua_State *L, galley_regex *re, const char *s, size_t i)
{
    size_t b, e;
    if (galley_regex_capture(re, i, &b, &e))
        lua_pushlstring(L, s + b, e - b);
    else
        lua_pushboolean(L, 0);
}

/* Push the captures of the last match (the whole match when there are no
** groups); returns how many. */
static int push_captures(lua_State *L, galley_regex *re, const char *s)
{
    size_t ng = galley_regex_groups(re);
    if (ng == 0) {
        push_group(L, re, s, 0);
        return 1;
    }
    luaL_checkstack(L, (int)ng, "too many captures");
    for (size_t i = 1; i <= ng; i++)
        push_group(L, re, s, i);
    return (int)ng;
}

/* re:match(subject [, init]) -> captures, or nil */
static int regex_match(lua_State *L)
{
    lregex *r = checkregex(L, 1);
    subject sub;
    check_subject(L, 2, &sub);
    size_t init = init_pos(L, 3, sub.len);
    galley_buf err = {0};
    int rc = galley_regex_exec(r->re, sub.s, sub.len, init, 0, &err);
    if (rc < 0)
        return raise_buf(L, &err, rc);
    if (rc == 0) {
        lua_pushnil(L);
        return 1;
    }
    return push_captures(L, r->re, sub.s);
}

/* Append the replacement string 'rs' for the last match, with %0-%9,
** %{name} or %{number} and %% expanded. */
static void add_template(lua_State *L, luaL_Buffer *b, galley_regex *re, const char *s,
                         const char *rs, size_t rl)
{
    for (size_t i = 0; i < rl; i++) {
        if (rs[i] != '%') {
            luaL_addchar(b, rs[i]);
            continue;
        }
        if (++i >= rl)
            luaL_error(L, "invalid use of '%%' in replacement string");
        int g = -1;
        if (rs[i] == '%') {
            luaL_addchar(b, '%');
            continue;
        } else if (rs[i] >= '0' && rs[i] <= '9') {
            g = rs[i] - '0';
        } else if (rs[i] == '{') {
            const char *end = memchr(rs + i, '}', rl - i);
            if (!end)
                luaL_error(L, "missing '}' in replacement string");
            const char *name = rs + i + 1;
            size_t nl = (size_t)(end - name);
            size_t d = 0;
            while (d < nl && name[d] >= '0' && name[d] <= '9')
                d++;
            if (nl && d == nl && nl < 6)
                g = atoi(name);
            else if ((g = galley_regex_group(re, name, nl)) < 0)
                luaL_error(L, "unknown group name '%s' in replacement string",
                           lua_pushlstring(L, name, nl));
            i = (size_t)(end - rs);
        } else {
            luaL_error(L, "invalid use of '%%' in replacement string");
        }
        if ((size_t)g > galley_regex_groups(re))
            luaL_error(L, "invalid capture index %%%d in replacement string", g);
        size_t cb, ce;
        if (galley_regex_capture(re, (size_t)g, &cb, &ce))
            luaL_addlstring(b, s + cb, ce - cb);
    }
}

/* re:gsub(subject, repl [, n]) -> string, count */
static int regex_gsub(lua_State *L)
{
    lregex *r = checkregex(L, 1);
    subject sub;
    check_subject(L, 2, &sub);
    int tr = lua_type(L, 3);
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION ||
                     tr == LUA_TTABLE, 3, "string/function/table");
    lua_Integer max = luaL_optinteger(L, 4, LUA_MAXINTEGER);
    size_t rl = 0;
    const char *rs = tr == LUA_TSTRING || tr == LUA_TNUMBER ? lua_tolstring(L, 3, &rl) : NULL;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    galley_regex_iter it;
    galley_regex_iter_init(&it, r->re, sub.s, sub.len, 0);
    galley_buf err = {0};
    size_t last = 0;
    lua_Integer count = 0;
    int rc = 0;
    while (count < max && (rc = galley_regex_next(&it, &err)) == 1) {
        size_t mb, me;
        galley_regex_capture(r->re, 0, &mb, &me);
        luaL_addlstring(&b, sub.s + last, mb - last);
        last = me;
        count++;
        if (rs) {
            add_template(L, &b, r->re, sub.s, rs, rl);
            continue;
        }
        if (tr == LUA_TFUNCTION) {
            lua_pushvalue(L, 3);
            int n = push_captures(L, r->re, sub.s);
            lua_call(L, n, 1);
        } else {
            push_captures(L, r->re, sub.s);
            lua_settop(L, lua_gettop(L) - (int)(galley_regex_groups(r->re) ?
                                                galley_regex_groups(r->re) - 1 : 0));
            lua_gettable(L, 3);
        }
        if (!lua_toboolean(L, -1)) {
            lua_pop(L, 1);
            luaL_addlstring(&b, sub.s + mb, me - mb);   /* keep the match */
        } else if (lua_isstring(L, -1)) {
            luaL_addvalue(&b);
        } else {
            return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
        }
    }
    if (rc < 0)
        return raise_buf(L, &err, rc);
    luaL_addlstring(&b, sub.s + last, sub.len - last);
    luaL_pushresult(&b);
    lua_pushinteger(L, count);
    return 2;
}

/* re:split(subject) -> list of strings between matches */
static int regex_split(lua_State *L)
{
    lregex *r = checkregex(L, 1);
    subject sub;
    check_subject(L, 2, &sub);
    lua_newtable(L);
    galley_regex_iter it;
    galley_regex_iter_init(&it, r->re, sub.s, sub.len, 0);
    galley_buf err = {0};
    size_t last = 0;
    lua_Integer k = 0;
    int rc;
    while ((rc = galley_regex_next(&it, &err)) == 1) {
        size_t mb, me;
        galley_regex_capture(r->re, 0, &mb, &me);
        /* An empty match where the last one ended, or at the end, cuts nothing. */
        if (mb == me && (mb == last || mb == sub.len))
            continue;
        lua_pushlstring(L, sub.s + last, mb - last);
        lua_rawseti(L, -2, ++k);
        last = me;
    }
    if (rc < 0)
        return raise_buf(L, &err, rc);
    lua_pushlstring(L, sub.s + last, sub.len - last);
    lua_rawseti(L, -2, ++k);
    return 1;
}

static void push_flags(lua_State *L, unsigned f)
{
    char s[5];
    size_t n = 0;
    if (f & GALLEY_RX_ICASE) s[n++] = 'i';
    if (f & GALLEY_RX_MULTILINE) s[n++] = 'm';
    if (f & GALLEY_RX_DOTALL) s[n++] = 's';
    if (f & GALLEY_RX_EXTENDED) s[n++] = 'x';
    lua_pushlstring(L, s, n);
}

static int regex_index(lua_State *L)
{
    lregex *r = checkregex(L, 1);
    const char *key = luaL_checkstring(L, 2);
    size_t len;
    if (strcmp(key, "pattern") == 0) {
        const char *p = galley_regex_pattern(r->re, &len);
        lua_pushlstring(L, p, len);
    } else if (strcmp(key, "flags") == 0) {
        push_flags(L, galley_regex_flagbits(r->re));
    } else if (strcmp(key, "groups") == 0) {
        lua_pushinteger(L, (lua_Integer)galley_regex_groups(r->re));
    } else if (strcmp(key, "jit") == 0) {
        lua_pushboolean(L, galley_regex_jit(r->re));
    } else {
        luaL_getmetafield(L, 1, "methods");
        lua_getfield(L, -1, key);
    }
    return 1;
}

static int regex_tostring(lua_State *L)
{
    lregex *r = luaL_checkudata(L, 1, REGEX_MT);
    if (!r->re) {
        lua_pushliteral(L, "galley.Regex (none)");
        return 1;
    }
    size_t len;
    const char *p = galley_regex_pattern(r->re, &len);
    lua_pushfstring(L, "galley.Regex (%s)", p);
    return 1;
}

/* ==================================================================
** galley.phrases
** ================================================================== */

enum { A_LOWER, A_TEXT, A_UNACCENT, A_STEM };
static const char *const attr_names[] = { "lower", "text", "unaccent", "stem", NULL };

typedef struct lphrases {
    galley_phrase *pm;
    int attr;
    galley_stemmer *stemmer;    /* A_STEM only */
    /* scratch, reused by every call */
    galley_tokens tk;
    galley_buf clean, kb, tmp;
    uint32_t *koff;
    size_t kcap;
    galley_phrase_key *keys;
    size_t keycap;
    uint32_t *ids;
    size_t idcap;
    galley_phrase_matches ms;
} lphrases;

/* user values: 1 = payload info (array: payload + 1 -> {label=, id=} or
** false), 2 = payload index ("label\0id" -> payload) */

static lphrases *checkphrases(lua_State *L, int idx)
{
    lphrases *p = luaL_checkudata(L, idx, PHRASES_MT);
    if (!p->pm)
        luaL_argerror(L, idx, "phrase list is not set up");
    return p;
}

static int phrases_gc(lua_State *L)
{
    lphrases *p = luaL_checkudata(L, 1, PHRASES_MT);
    galley_phrase_free(p->pm);
    p->pm = NULL;
    galley_stemmer_free(p->stemmer);
    p->stemmer = NULL;
    galley_tokens_free(&p->tk);
    galley_buf_free(&p->clean);
    galley_buf_free(&p->kb);
    galley_buf_free(&p->tmp);
    free(p->koff);
    free(p->keys);
    free(p->ids);
    p->koff = NULL;
    p->keys = NULL;
    p->ids = NULL;
    p->kcap = p->keycap = p->idcap = 0;
    galley_phrase_matches_free(&p->ms);
    return 0;
}

static void *grow_array(lua_State *L, void *v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return v;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(v, c * size);
    if (!q)
        nomem(L);
    *cap = c;
    return q;
}

/* Append the key of word 'w' to 'out' the way 'p' wants it. */
static int word_key(lphrases *p, const char *w, size_t n, galley_buf *out)
{
    switch (p->attr) {
    case A_TEXT:
        return galley_buf_add(out, w, n);
    case A_LOWER:
        return galley_casefold(w, n, out);
    case A_UNACCENT: {
        p->tmp.len = 0;
        int rc = galley_casefold(w, n, &p->tmp);
        return rc ? rc : galley_fuzzy_fold_accents(p->tmp.s, p->tmp.len, out);
    }
    default:
        return galley_stemmer_stem(p->stemmer, w, n, out);
    }
}

/* Tokenize the phrase 's' and leave its keys in p->keys; returns how many. */
static size_t phrase_keys(lua_State *L, lphrases *p, const char *s, size_t len)
{
    p->tk.n = 0;
    p->kb.len = 0;
    /* Bad bytes as in strings searched (U+001A), then cleaned as documents. */
    int bad;
    char *fixed = sanitize(s, len, &bad);
    if (bad && !fixed)
        nomem(L);
    int rc = galley_text_clean(fixed ? fixed : s, len, &p->clean, NULL);
    free(fixed);
    if (rc || galley_token_split(p->clean.s, p->clean.len, &p->tk))
        nomem(L);
    size_t n = p->tk.n;
    p->koff = grow_array(L, p->koff, &p->kcap, n + 1, sizeof *p->koff);
    p->keys = grow_array(L, p->keys, &p->keycap, n + 1, sizeof *p->keys);
    p->koff[0] = 0;
    for (size_t i = 0; i < n; i++) {
        const galley_token *t = &p->tk.t[i];
        if (word_key(p, p->clean.s + t->start, t->end - t->start, &p->kb))
            nomem(L);
        p->koff[i + 1] = (uint32_t)p->kb.len;
    }
    for (size_t i = 0; i < n; i++) {
        p->keys[i].s = p->kb.s + p->koff[i];
        p->keys[i].len = p->koff[i + 1] - p->koff[i];
    }
    return n;
}

/* The payload for (label at 'li', id at 'ii'), made when new. */
static int32_t payload_for(lua_State *L, int self, int li, int ii)
{
    int hasl = !lua_isnoneornil(L, li), hasi = !lua_isnoneornil(L, ii);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    if (hasl) {
        lua_pushvalue(L, li);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\0');
    if (hasi) {
        luaL_addchar(&b, lua_type(L, ii) == LUA_TNUMBER ? 'n' : 's');
        lua_pushvalue(L, ii);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);                            /* key */
    lua_getiuservalue(L, self, 2);                  /* key index */
    lua_pushvalue(L, -2);
    if (lua_rawget(L, -2) == LUA_TNUMBER) {
        int32_t pay = (int32_t)lua_tointeger(L, -1);
        lua_pop(L, 3);
        return pay;
    }
    lua_pop(L, 1);
    lua_getiuservalue(L, self, 1);                  /* key index info */
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    if (n >= INT32_MAX)
        luaL_error(L, "too many labels and ids (limit is %d)", INT32_MAX);
    if (hasl || hasi) {
        lua_createtable(L, 0, 2);
        if (hasl) {
            lua_pushvalue(L, li);
            lua_setfield(L, -2, "label");
        }
        if (hasi) {
            lua_pushvalue(L, ii);
            lua_setfield(L, -2, "id");
        }
    } else {
        lua_pushboolean(L, 0);
    }
    lua_rawseti(L, -2, n + 1);
    lua_pop(L, 1);                                  /* key index */
    lua_pushvalue(L, -2);
    lua_pushinteger(L, n);
    lua_rawset(L, -3);
    lua_pop(L, 2);
    return (int32_t)n;
}

/* Add the entry at 'idx' (a string or {text=, label=, id=}); 'what' names
** it in messages. Returns 1 when added, 0 when it was there. */
static int add_entry(lua_State *L, int self, lphrases *p, int idx, const char *what)
{
    idx = lua_absindex(L, idx);
    int top = lua_gettop(L);
    if (lua_type(L, idx) == LUA_TSTRING) {
        lua_pushvalue(L, idx);
        lua_pushnil(L);
        lua_pushnil(L);
    } else if (lua_type(L, idx) == LUA_TTABLE) {
        if (lua_getfield(L, idx, "text") != LUA_TSTRING)
            luaL_error(L, "%s: field 'text' must be a string", what);
        int t = lua_getfield(L, idx, "label");
        if (t != LUA_TNIL && t != LUA_TSTRING)
            luaL_error(L, "%s: field 'label' must be a string", what);
        t = lua_getfield(L, idx, "id");
        if (t != LUA_TNIL && t != LUA_TSTRING && t != LUA_TNUMBER)
            luaL_error(L, "%s: field 'id' must be a string or a number", what);
    } else {
        return luaL_error(L, "%s: a string or a table with 'text' expected, got %s", what,
                          luaL_typename(L, idx));
    }
    int32_t pay = payload_for(L, self, top + 2, top + 3);
    size_t len;
    const char *s = lua_tolstring(L, top + 1, &len);
    size_t n = phrase_keys(L, p, s, len);
    galley_buf err = {0};
    int rc = galley_phrase_add(p->pm, p->keys, n, pay, &err);
    lua_settop(L, top);
    if (rc < 0) {
        if (rc == GALLEY_ENOMEM) {
            galley_buf_free(&err);
            return nomem(L);
        }
        lua_pushfstring(L, "%s: ", what);
        lua_pushlstring(L, err.s, err.len);
        galley_buf_free(&err);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return rc;
}

/* Add a string, an entry table, or a list of those at 'idx'; returns the
** number added. */
static lua_Integer add_any(lua_State *L, int self, lphrases *p, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TTABLE && lua_getfield(L, idx, "text") == LUA_TNIL) {
        lua_pop(L, 1);
        lua_Integer n = luaL_len(L, idx), added = 0;
        for (lua_Integer i = 1; i <= n; i++) {
            char what[48];
            snprintf(what, sizeof what, "entry %lld", (long long)i);
            lua_geti(L, idx, i);
            added += add_entry(L, self, p, -1, what);
            lua_pop(L, 1);
        }
        return added;
    }
    if (lua_type(L, idx) == LUA_TTABLE)
        lua_pop(L, 1);
    return add_entry(L, self, p, idx, "entry");
}

/* galley.phrases([list [, opts]]) */
static int l_phrases(lua_State *L)
{
    int attr = A_LOWER;
    const char *lang = "en";
    lua_settop(L, 2);
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "attr") != LUA_TNIL) {
            const char *a = lua_tostring(L, -1);
            for (attr = 0; a && attr_names[attr] && strcmp(a, attr_names[attr]); attr++)
                ;
            if (!a || !attr_names[attr])
                return luaL_error(L, "unknown attr '%s' (attrs are lower, text, unaccent, stem)",
                                  a ? a : luaL_typename(L, -1));
        }
        if (lua_getfield(L, 2, "lang") != LUA_TNIL && !(lang = lua_tostring(L, -1)))
            return luaL_error(L, "option 'lang' must be a string");
        if (!lang)
            lang = "en";
    }
    lphrases *p = lua_newuserdatauv(L, sizeof *p, 2);
    memset(p, 0, sizeof *p);
    luaL_setmetatable(L, PHRASES_MT);
    int self = lua_gettop(L);
    lua_newtable(L);
    lua_setiuservalue(L, self, 1);
    lua_newtable(L);
    lua_setiuservalue(L, self, 2);
    p->attr = attr;
    if (attr == A_STEM) {
        int rc = galley_stemmer_new(lang, &p->stemmer);
        if (rc == GALLEY_EINVAL)
            return luaL_error(L, "no stemmer for language '%s'", lang);
        if (rc)
            return nomem(L);
    }
    p->pm = galley_phrase_new();
    if (!p->pm)
        return nomem(L);
    if (!lua_isnoneornil(L, 1)) {
        luaL_argexpected(L, lua_type(L, 1) == LUA_TTABLE || lua_type(L, 1) == LUA_TSTRING,
                         1, "table or string");
        add_any(L, self, p, 1);
    }
    lua_settop(L, self);
    return 1;
}

/* m:add(entry_or_list) -> number added */
static int phrases_add(lua_State *L)
{
    lphrases *p = checkphrases(L, 1);
    luaL_argexpected(L, lua_type(L, 2) == LUA_TTABLE || lua_type(L, 2) == LUA_TSTRING,
                     2, "table or string");
    lua_pushinteger(L, add_any(L, 1, p, 2));
    return 1;
}

/* Apply 'op' (remove or test) to the phrase at 2 with the label at 3. */
static size_t by_label(lua_State *L, lphrases *p, int remove)
{
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    const char *label = luaL_optstring(L, 3, NULL);
    size_t n = phrase_keys(L, p, s, len);
    if (!label)
        return remove ? galley_phrase_remove(p->pm, p->keys, n, -1)
                      : (size_t)galley_phrase_has(p->pm, p->keys, n, -1);
    size_t done = 0;
    lua_getiuservalue(L, 1, 1);
    lua_Integer np = (lua_Integer)lua_rawlen(L, -1);
    for (lua_Integer i = 1; i <= np; i++) {
        if (lua_rawgeti(L, -1, i) == LUA_TTABLE) {
            lua_getfield(L, -1, "label");
            const char *l = lua_tostring(L, -1);
            if (l && strcmp(l, label) == 0) {
                int32_t pay = (int32_t)(i - 1);
                done += remove ? galley_phrase_remove(p->pm, p->keys, n, pay)
                               : (size_t)galley_phrase_has(p->pm, p->keys, n, pay);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return done;
}

/* m:remove(text [, label]) -> number removed */
static int phrases_remove(lua_State *L)
{
    lphrases *p = checkphrases(L, 1);
    lua_pushinteger(L, (lua_Integer)by_label(L, p, 1));
    return 1;
}

/* m:has(text [, label]) -> boolean */
static int phrases_has(lua_State *L)
{
    lphrases *p = checkphrases(L, 1);
    lua_pushboolean(L, by_label(L, p, 0) > 0);
    return 1;
}

/* m:load(path [, label]) -> number added, or nil and a message */
static int phrases_load(lua_State *L)
{
    lphrases *p = checkphrases(L, 1);
    const char *path = luaL_checkstring(L, 2);
    int hasdef = !lua_isnoneornil(L, 3);
    if (hasdef)
        luaL_checkstring(L, 3);
    FILE *f = fopen(path, "rb");
    if (!f) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    /* Read it whole into a Lua string first, so no error leaves f open. */
    galley_buf all = {0};
    char chunk[65536];
    size_t got;
    int rc = 0;
    while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = galley_buf_add(&all, chunk, got);
    int rerr = ferror(f);
    fclose(f);
    if (rc || rerr) {
        galley_buf_free(&all);
        if (rc)
            return nomem(L);
        lua_pushnil(L);
        lua_pushfstring(L, "%s: read error", path);
        return 2;
    }
    lua_pushlstring(L, all.s ? all.s : "", all.len);
    galley_buf_free(&all);
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    int text = lua_gettop(L);
    lua_Integer added = 0, line = 0;
    for (size_t i = 0; i < len; ) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        size_t le = e;
        line++;
        if (le > i && s[le - 1] == '\r')
            le--;
        /* columns: phrase [TAB label [TAB id]] */
        const char *c1 = memchr(s + i, '\t', le - i);
        size_t pe = c1 ? (size_t)(c1 - s) : le;
        size_t k = i;
        while (k < pe && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (k < pe) {
            lua_createtable(L, 0, 3);
            lua_pushlstring(L, s + i, pe - i);
            lua_setfield(L, -2, "text");
            int haslabel = 0;
            if (c1) {
                size_t ls = pe + 1;
                const char *c2 = memchr(s + ls, '\t', le - ls);
                size_t lend = c2 ? (size_t)(c2 - s) : le;
                if (lend > ls) {
                    lua_pushlstring(L, s + ls, lend - ls);
                    lua_setfield(L, -2, "label");
                    haslabel = 1;
                }
                if (c2 && le > lend + 1) {
                    lua_pushlstring(L, s + lend + 1, le - lend - 1);
                    lua_setfield(L, -2, "id");
                }
            }
            if (!haslabel && hasdef) {
                lua_pushvalue(L, 3);
                lua_setfield(L, -2, "label");
            }
            char what[64];
            snprintf(what, sizeof what, "line %lld", (long long)line);
            added += add_entry(L, 1, p, -1, what);
            lua_pop(L, 1);
        }
        i = e + 1;
    }
    lua_settop(L, text - 1);
    lua_pushinteger(L, added);
    return 1;
}

/* Fill p->ids with the id of every token of 't' under 'p''s key. */
static void token_ids(lua_State *L, lphrases *p, ltokens *t)
{
    size_t n = t->tk->n;
    p->ids = grow_array(L, p->ids, &p->idcap, n + 1, sizeof *p->ids);
    if (p->attr == A_LOWER || p->attr == A_UNACCENT) {
        int k = p->attr == A_LOWER ? K_LOWER : K_UNACCENT;
        ensure_keys(L, t, k);
        for (size_t i = 0; i < n; i++) {
            size_t kl;
            const char *key = tok_key(t, k, i, &kl);
            p->ids[i] = galley_phrase_id(p->pm, key, kl);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const galley_token *tok = &t->tk->t[i];
        const char *w = t->scan + tok->start;
        size_t wl = tok->end - tok->start;
        if (p->attr == A_TEXT) {
            p->ids[i] = galley_phrase_id(p->pm, w, wl);
        } else {
            p->kb.len = 0;
            if (word_key(p, w, wl, &p->kb))
                nomem(L);
            p->ids[i] = galley_phrase_id(p->pm, p->kb.s, p->kb.len);
        }
    }
}

/* Read option 'name' of the options table at 'idx' as a boolean. */
static int opt_bool(lua_State *L, int idx, const char *name)
{
    if (lua_isnoneornil(L, idx))
        return 0;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_getfield(L, idx, name);
    int b = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return b;
}

/* m:find(subject [, {all = true}]) -> list of spans with label and id */
static int phrases_find(lua_State *L)
{
    lphrases *p = checkphrases(L, 1);
    subject sub;
    check_subject(L, 2, &sub);
    int mode = opt_bool(L, 3, "all") ? GALLEY_PHRASE_ALL : GALLEY_PHRASE_LONGEST;
    ltokens *t = subject_tokens(L, &sub);
    token_ids(L, p, t);
    p->ms.n = 0;
    if (galley_phrase_find(p->pm, p->ids, t->tk->n, mode, &p->ms))
        return nomem(L);
    lua_getiuservalue(L, 1, 1);
    int info = lua_gettop(L);
    lua_createtable(L, (int)(p->ms.n < INT32_MAX ? p->ms.n : 0), 0);
    for (size_t i = 0; i < p->ms.n; i++) {
        const galley_phrase_match *m = &p->ms.m[i];
        size_t b = t->tk->t[m->start].start, e = t->tk->t[m->end - 1].end;
        if (lua_rawgeti(L, info, (lua_Integer)m->payload + 1) == LUA_TTABLE) {
            lua_getfield(L, -1, "label");
            push_sspan(L, &sub, b, e, lua_tostring(L, -1));
            lua_replace(L, -2);                 /* the span over the label */
            if (lua_getfield(L, -2, "id") != LUA_TNIL)
                lua_setfield(L, -2, "id");
            else
                lua_pop(L, 1);
            lua_remove(L, -2);                  /* the payload info */
        } else {
            lua_pop(L, 1);
            push_sspan(L, &sub, b, e, NULL);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int phrases_len(lua_State *L)
{
    lphrases *p = checkphrases(L, 1);
    lua_pushinteger(L, (lua_Integer)galley_phrase_count(p->pm));
    return 1;
}

static int phrases_tostring(lua_State *L)
{
    lphrases *p = luaL_checkudata(L, 1, PHRASES_MT);
    lua_pushfstring(L, "galley.Phrases (%d entries, %s)",
                    p->pm ? (int)galley_phrase_count(p->pm) : 0, attr_names[p->attr]);
    return 1;
}

/* ==================================================================
** galley.pattern
** ================================================================== */

enum { W_TEXT, W_LOWER, W_SHAPE, W_STEM, W_KIND, W_FLAG, W_REGEX };
enum { F_TITLE, F_UPPER, F_DIGIT, F_PUNCT, F_NUM, F_STOP, F_ALPHA };

typedef struct cond {
    uint8_t what;           /* W_* */
    uint8_t flag;           /* W_FLAG: F_* */
    uint8_t want;           /* W_FLAG: wanted value */
    uint16_t kinds;         /* W_KIND: bit per galley_token_kind */
    galley_phrase *set;     /* W_TEXT, W_LOWER, W_SHAPE, W_STEM: the values */
    galley_regex *re;       /* W_REGEX */
} cond;

typedef struct pred {
    uint32_t first, n;      /* its conditions */
    int neg;
} pred;

typedef struct lpattern {
    galley_pattern *pat;
    cond *conds;
    size_t nconds, ccap;
    pred *preds;
    size_t npreds, pcap;
    galley_stemmer *stemmer;
    int lang;                   /* for stems, and stop words of strings */
    int lang_given;             /* opts.lang was given: also for a Doc's stop words */
    int need_lower;
    galley_pattern_matches ms;
    galley_buf tmp;
} lpattern;

/* user values: 1 = capture label names (array, index + 1), 2 = span label */

static lpattern *checkpattern(lua_State *L, int idx)
{
    lpattern *p = luaL_checkudata(L, idx, PATTERN_MT);
    if (!p->pat)
        luaL_argerror(L, idx, "pattern is not compiled");
    return p;
}

static int pattern_gc(lua_State *L)
{
    lpattern *p = luaL_checkudata(L, 1, PATTERN_MT);
    galley_pattern_free(p->pat);
    p->pat = NULL;
    for (size_t i = 0; i < p->nconds; i++) {
        galley_phrase_free(p->conds[i].set);
        galley_regex_free(p->conds[i].re);
    }
    free(p->conds);
    free(p->preds);
    p->conds = NULL;
    p->preds = NULL;
    p->nconds = p->npreds = 0;
    galley_stemmer_free(p->stemmer);
    p->stemmer = NULL;
    galley_pattern_matches_free(&p->ms);
    galley_buf_free(&p->tmp);
    return 0;
}

/* Append the normal form of value 'v' for condition 'what' to p->tmp. */
static int value_key(lpattern *p, int what, const char *v, size_t n)
{
    p->tmp.len = 0;
    switch (what) {
    case W_LOWER: return galley_casefold(v, n, &p->tmp);
    case W_STEM: return galley_stemmer_stem(p->stemmer, v, n, &p->tmp);
    default: return galley_buf_add(&p->tmp, v, n);
    }
}

/* The set of string values at 'idx' (a string or a list of strings). */
static galley_phrase *value_set(lua_State *L, lpattern *p, int what, int idx, int elem,
                                const char *key)
{
    idx = lua_absindex(L, idx);
    galley_phrase *set = galley_phrase_new();
    if (!set)
        nomem(L);
    p->conds[p->nconds - 1].set = set;     /* owned by the condition from here */
    lua_Integer n = 1;
    int list = lua_type(L, idx) == LUA_TTABLE;
    if (list)
        n = luaL_len(L, idx);
    else if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "element %d: '%s' must be a string or a list of strings", elem, key);
    for (lua_Integer i = 1; i <= n; i++) {
        if (list && lua_geti(L, idx, i) != LUA_TSTRING)
            luaL_error(L, "element %d: '%s' must be a string or a list of strings", elem, key);
        size_t vl;
        const char *v = lua_tolstring(L, list ? -1 : idx, &vl);
        if (value_key(p, what, v, vl))
            nomem(L);
        galley_phrase_key k = { p->tmp.s ? p->tmp.s : "", p->tmp.len };
        if (galley_phrase_add(set, &k, 1, 0, NULL) < 0)
            nomem(L);
        if (list)
            lua_pop(L, 1);
    }
    return set;
}

static cond *new_cond(lua_State *L, lpattern *p, int what)
{
    p->conds = grow_array(L, p->conds, &p->ccap, p->nconds + 1, sizeof *p->conds);
    cond *c = &p->conds[p->nconds++];      /* counted now, so __gc frees it */
    memset(c, 0, sizeof *c);
    c->what = (uint8_t)what;
    return c;
}

/* Parse an op string into 'e'; 0 when it is not one. */
static int parse_op(const char *op, galley_pattern_elem *e, int *neg)
{
    *neg = 0;
    e->min = e->max = 1;
    if (strcmp(op, "!") == 0) { *neg = 1; return 1; }
    if (strcmp(op, "?") == 0) { e->min = 0; return 1; }
    if (strcmp(op, "*") == 0) { e->min = 0; e->max = GALLEY_PATTERN_INF; return 1; }
    if (strcmp(op, "+") == 0) { e->max = GALLEY_PATTERN_INF; return 1; }
    if (op[0] != '{')
        return 0;
    const char *s = op + 1;
    char *end;
    long lo = 0, hi;
    if (*s != ',') {
        lo = strtol(s, &end, 10);
        if (end == s)
            return 0;
        s = end;
    }
    if (*s == '}') {
        hi = lo;
    } else if (*s == ',') {
        s++;
        if (*s == '}') {
            hi = -1;
        } else {
            hi = strtol(s, &end, 10);
            if (end == s)
                return 0;
            s = end;
        }
        if (*s != '}')
            return 0;
    } else {
        return 0;
    }
    if (s[1] != '\0' || lo < 0 || lo > 100000 || hi > 100000 || (hi >= 0 && hi < lo))
        return 0;
    e->min = (int)lo;
    e->max = hi < 0 ? GALLEY_PATTERN_INF : (int)hi;
    return 1;
}

static const struct { const char *name; int flag; } flag_keys[] = {
    {"is_title", F_TITLE}, {"is_upper", F_UPPER}, {"is_digit", F_DIGIT},
    {"is_punct", F_PUNCT}, {"like_num", F_NUM}, {"is_stop", F_STOP},
    {"is_alpha", F_ALPHA}, {NULL, 0}
};

/* Compile element 'elem' (the table at the top) into 'e'. */
static void compile_elem(lua_State *L, int self, lpattern *p, int elem, galley_pattern_elem *e)
{
    int t = lua_gettop(L);
    int neg = 0, opneg = 0;
    uint32_t first = (uint32_t)p->nconds;
    e->min = e->max = 1;
    e->label = -1;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "element %d: keys must be strings", elem);
        const char *key = lua_tostring(L, -2);
        int what = -1;
        if (strcmp(key, "text") == 0) what = W_TEXT;
        else if (strcmp(key, "lower") == 0 || strcmp(key, "in") == 0) what = W_LOWER;
        else if (strcmp(key, "shape") == 0) what = W_SHAPE;
        else if (strcmp(key, "stem") == 0) what = W_STEM;
        if (what >= 0) {
            if (what == W_STEM && !p->stemmer) {
                int rc = galley_stemmer_new(galley_lang_code(p->lang), &p->stemmer);
                if (rc == GALLEY_EINVAL)
                    luaL_error(L, "no stemmer for language '%s'", galley_lang_code(p->lang));
                if (rc)
                    nomem(L);
            }
            new_cond(L, p, what);
            value_set(L, p, what, -1, elem, key);
            if (what == W_LOWER)
                p->need_lower = 1;
        } else if (strcmp(key, "kind") == 0) {
            cond *c = new_cond(L, p, W_KIND);
            int list = lua_type(L, -1) == LUA_TTABLE;
            lua_Integer n = list ? luaL_len(L, -1) : 1;
            for (lua_Integer i = 1; i <= n; i++) {
                if (list)
                    lua_geti(L, -1, i);
                const char *k = lua_tostring(L, -1);
                int found = -1;
                for (int j = 0; k && j < GALLEY_TK_NKINDS; j++)
                    if (strcmp(k, galley_token_kind_names[j]) == 0)
                        found = j;
                if (found < 0 || lua_type(L, -1) != LUA_TSTRING)
                    luaL_error(L, "element %d: unknown kind '%s' (kinds are word, number, "
                               "punct, symbol, url, email, mention, hashtag, emoji)", elem,
                               k ? k : luaL_typename(L, -1));
                c->kinds |= (uint16_t)(1u << found);
                if (list)
                    lua_pop(L, 1);
            }
        } else if (strcmp(key, "regex") == 0) {
            cond *c = new_cond(L, p, W_REGEX);
            if (luaL_testudata(L, -1, REGEX_MT)) {
                c->re = galley_regex_ref(((lregex *)lua_touserdata(L, -1))->re);
            } else if (lua_type(L, -1) == LUA_TSTRING) {
                size_t pl;
                const char *pat = lua_tolstring(L, -1, &pl);
                c->re = compile_regex(L, pat, pl, "", 0, 1);
                if (!c->re)
                    luaL_error(L, "element %d: regex: %s", elem, lua_tostring(L, -1));
            } else {
                luaL_error(L, "element %d: 'regex' must be a string or a galley.Regex", elem);
            }
        } else if (strcmp(key, "op") == 0) {
            const char *op = lua_tostring(L, -1);
            if (lua_type(L, -1) != LUA_TSTRING || !parse_op(op, e, &opneg))
                luaL_error(L, "element %d: bad op '%s' (ops are !, ?, *, +, {n}, {n,m}, "
                           "{n,}, {,m})", elem, op ? op : luaL_typename(L, -1));
        } else if (strcmp(key, "label") == 0) {
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "element %d: 'label' must be a string", elem);
            lua_getiuservalue(L, self, 1);
            lua_Integer n = (lua_Integer)lua_rawlen(L, -1), at = 0;
            for (lua_Integer i = 1; i <= n && !at; i++) {
                lua_rawgeti(L, -1, i);
                if (lua_rawequal(L, -1, -3))
                    at = i;
                lua_pop(L, 1);
            }
            if (!at) {
                at = n + 1;
                lua_pushvalue(L, -2);
                lua_rawseti(L, -2, at);
            }
            lua_pop(L, 1);
            e->label = (int)at - 1;
        } else if (strcmp(key, "not") == 0) {
            neg = lua_toboolean(L, -1);
        } else {
            int f = -1;
            for (int j = 0; flag_keys[j].name; j++)
                if (strcmp(key, flag_keys[j].name) == 0)
                    f = flag_keys[j].flag;
            if (f < 0)
                luaL_error(L, "element %d: unknown key '%s'", elem, key);
            if (lua_type(L, -1) != LUA_TBOOLEAN)
                luaL_error(L, "element %d: '%s' must be a boolean", elem, key);
            cond *c = new_cond(L, p, W_FLAG);
            c->flag = (uint8_t)f;
            c->want = (uint8_t)lua_toboolean(L, -1);
        }
        lua_pop(L, 1);
    }
    neg ^= opneg;
    uint32_t n = (uint32_t)p->nconds - first;
    if (n == 0 && !neg) {
        e->pred = GALLEY_PATTERN_ANY;
        return;
    }
    p->preds = grow_array(L, p->preds, &p->pcap, p->npreds + 1, sizeof *p->preds);
    p->preds[p->npreds].first = first;
    p->preds[p->npreds].n = n;
    p->preds[p->npreds].neg = neg;
    e->pred = (int)p->npreds++;
}

/* galley.pattern(spec [, opts]) */
static int l_pattern(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    const char *lang = "en";
    int hasopts = !lua_isnoneornil(L, 2);
    if (hasopts) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "lang");
        lang = luaL_optstring(L, -1, "en");
        lua_getfield(L, 2, "label");
        if (!lua_isnil(L, -1))
            luaL_checkstring(L, -1);
    } else {
        lua_pushnil(L);
        lua_pushnil(L);
    }
    int label = lua_gettop(L);
    int given = hasopts && !lua_isnil(L, label - 1);
    int li = galley_lang_index(lang);
    if (li < 0)
        return luaL_error(L, "unknown language '%s'", lang);
    lpattern *p = lua_newuserdatauv(L, sizeof *p, 2);
    memset(p, 0, sizeof *p);
    luaL_setmetatable(L, PATTERN_MT);
    int self = lua_gettop(L);
    p->lang = li;
    p->lang_given = given;
    lua_newtable(L);
    lua_setiuservalue(L, self, 1);
    lua_pushvalue(L, label);
    lua_setiuservalue(L, self, 2);
    lua_Integer n = luaL_len(L, 1);
    if (n == 0)
        return luaL_error(L, "empty pattern");
    if (n > GALLEY_PATTERN_MAX_ELEMS)
        return luaL_error(L, "pattern too long (limit is %d elements)", GALLEY_PATTERN_MAX_ELEMS);
    galley_pattern_elem e[GALLEY_PATTERN_MAX_ELEMS];
    for (lua_Integer i = 1; i <= n; i++) {
        int t = lua_geti(L, 1, i);
        if (t == LUA_TSTRING) {
            /* A plain string stands for {lower = s}. */
            lua_createtable(L, 0, 1);
            lua_insert(L, -2);
            lua_setfield(L, -2, "lower");
        } else if (t != LUA_TTABLE) {
            return luaL_error(L, "element %d: a table expected, got %s", (int)i,
                              luaL_typename(L, -1));
        }
        compile_elem(L, self, p, (int)i, &e[i - 1]);
        lua_pop(L, 1);
    }
    galley_buf err = {0};
    int rc = galley_pattern_compile(e, (size_t)n, &p->pat, &err);
    if (rc)
        return raise_buf(L, &err, rc);
    lua_settop(L, self);
    return 1;
}

typedef struct pctx {
    lpattern *p;
    ltokens *t;
    int lang;                   /* for is_stop */
    galley_buf err;
} pctx;

static int eval_cond(pctx *c, const cond *cd, size_t i)
{
    lpattern *p = c->p;
    ltokens *t = c->t;
    const galley_token *tok = &t->tk->t[i];
    const char *w = t->scan + tok->start;
    size_t wl = tok->end - tok->start;
    size_t kl;
    const char *k;
    switch (cd->what) {
    case W_TEXT:
        return galley_phrase_id(cd->set, w, wl) != GALLEY_PHRASE_NONE;
    case W_LOWER:
        k = tok_key(t, K_LOWER, i, &kl);
        return galley_phrase_id(cd->set, k, kl) != GALLEY_PHRASE_NONE;
    case W_SHAPE:
        p->tmp.len = 0;
        if (galley_shape(w, wl, &p->tmp))
            return GALLEY_ENOMEM;
        return galley_phrase_id(cd->set, p->tmp.s, p->tmp.len) != GALLEY_PHRASE_NONE;
    case W_STEM:
        p->tmp.len = 0;
        if (galley_stemmer_stem(p->stemmer, w, wl, &p->tmp))
            return GALLEY_ENOMEM;
        return galley_phrase_id(cd->set, p->tmp.s ? p->tmp.s : "", p->tmp.len)
               != GALLEY_PHRASE_NONE;
    case W_KIND:
        return (cd->kinds >> tok->kind) & 1;
    case W_REGEX:
        return galley_regex_exec(cd->re, w, wl, 0, 0, &c->err);
    default: {
        int v = 0;
        switch (cd->flag) {
        case F_TITLE: v = (tok->flags & GALLEY_TF_TITLE) != 0; break;
        case F_UPPER: v = (tok->flags & GALLEY_TF_UPPER) != 0; break;
        case F_DIGIT: v = (tok->flags & GALLEY_TF_DIGIT) != 0; break;
        case F_PUNCT: v = tok->kind == GALLEY_TK_PUNCT; break;
        case F_NUM: v = tok->kind == GALLEY_TK_NUMBER; break;
        case F_STOP: v = galley_stop_is(c->lang, w, wl); break;
        case F_ALPHA: v = tok->kind == GALLEY_TK_WORD && !(tok->flags & GALLEY_TF_DIGIT); break;
        }
        return v == cd->want;
    }
    }
}

static int ptest(void *ud, size_t i, int id)
{
    pctx *c = ud;
    const pred *pr = &c->p->preds[id];
    for (uint32_t k = 0; k < pr->n; k++) {
        int r = eval_cond(c, &c->p->conds[pr->first + k], i);
        if (r < 0)
            return r;
        if (!r)
            return pr->neg;
    }
    return !pr->neg;
}

/* pat:find(subject) -> list of spans with label and groups */
static int pattern_find(lua_State *L)
{
    lpattern *p = checkpattern(L, 1);
    subject sub;
    check_subject(L, 2, &sub);
    ltokens *t = subject_tokens(L, &sub);
    if (p->need_lower)
        ensure_keys(L, t, K_LOWER);
    pctx c = { p, t, p->lang, {0} };
    if (sub.doc && !p->lang_given) {
        /* The Doc's language, as token.is_stop has it. */
        lua_getfield(L, sub.doc, "lang");
        int li = galley_lang_index(lua_tostring(L, -1) ? lua_tostring(L, -1) : "en");
        if (li >= 0)
            c.lang = li;
        lua_pop(L, 1);
    }
    p->ms.n = p->ms.ncaps = 0;
    int rc = galley_pattern_find(p->pat, 0, t->tk->n, ptest, &c, &p->ms);
    if (rc)
        return raise_buf(L, &c.err, rc);
    galley_buf_free(&c.err);
    lua_getiuservalue(L, 1, 1);
    int labels = lua_gettop(L);
    lua_getiuservalue(L, 1, 2);
    int label = lua_gettop(L);
    lua_createtable(L, (int)(p->ms.n < INT32_MAX ? p->ms.n : 0), 0);
    for (size_t i = 0; i < p->ms.n; i++) {
        const galley_pattern_match *m = &p->ms.m[i];
        push_sspan(L, &sub, t->tk->t[m->start].start, t->tk->t[m->end - 1].end,
                   lua_tostring(L, label));
        if (m->ncap) {
            lua_createtable(L, 0, (int)m->ncap);
            for (uint32_t k = 0; k < m->ncap; k++) {
                const galley_pattern_cap *cp = &p->ms.caps[m->cap + k];
                lua_rawgeti(L, labels, cp->label + 1);
                if (lua_rawget(L, -2) == LUA_TNIL) {   /* the first capture of a label wins */
                    lua_pop(L, 1);
                    lua_rawgeti(L, labels, cp->label + 1);
                    push_sspan(L, &sub, t->tk->t[cp->start].start, t->tk->t[cp->end - 1].end,
                               NULL);
                    lua_rawset(L, -3);
                } else {
                    lua_pop(L, 1);
                }
            }
            lua_setfield(L, -2, "groups");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int pattern_len(lua_State *L)
{
    lpattern *p = checkpattern(L, 1);
    lua_pushinteger(L, (lua_Integer)galley_pattern_states(p->pat));
    return 1;
}

static int pattern_tostring(lua_State *L)
{
    lpattern *p = luaL_checkudata(L, 1, PATTERN_MT);
    lua_pushfstring(L, "galley.Pattern (%d states)",
                    p->pat ? (int)galley_pattern_states(p->pat) : 0);
    return 1;
}

/* ==================================================================
** Fuzzy names
** ================================================================== */

static int fuzzy_error(lua_State *L, galley_buf *err, int rc)
{
    return raise_buf(L, err, rc);
}

/* galley.distance(a, b) -> integer */
static int l_distance(lua_State *L)
{
    size_t al, bl, d;
    const char *a = luaL_checklstring(L, 1, &al);
    const char *b = luaL_checklstring(L, 2, &bl);
    galley_buf err = {0};
    int rc = galley_fuzzy_distance(a, al, b, bl, &d, &err);
    if (rc)
        return fuzzy_error(L, &err, rc);
    lua_pushinteger(L, (lua_Integer)d);
    return 1;
}

/* galley.similarity(a, b) -> number in [0, 1] */
static int l_similarity(lua_State *L)
{
    size_t al, bl;
    const char *a = luaL_checklstring(L, 1, &al);
    const char *b = luaL_checklstring(L, 2, &bl);
    double s;
    galley_buf err = {0};
    int rc = galley_fuzzy_similarity(a, al, b, bl, &s, &err);
    if (rc)
        return fuzzy_error(L, &err, rc);
    lua_pushnumber(L, s);
    return 1;
}

/* galley.unaccent(s) -> s without accents */
static int l_unaccent(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    galley_buf out = {0};
    if (galley_fuzzy_fold_accents(s, len, &out)) {
        galley_buf_free(&out);
        return nomem(L);
    }
    luaL_buffinit(L, &b);
    luaL_addlstring(&b, out.s ? out.s : "", out.len);
    galley_buf_free(&out);
    luaL_pushresult(&b);
    return 1;
}

/* Words that may stand before a name without being part of it. */
static const char *const default_titles[] = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord",
    "lady", "president", "vice", "prime", "minister", "chancellor", "premier",
    "governor", "gov", "senator", "sen", "rep", "representative", "congressman",
    "congresswoman", "mayor", "judge", "justice", "gen", "general", "col", "colonel",
    "lt", "capt", "captain", "sgt", "adm", "admiral", "secretary", "ambassador", "king",
    "queen", "prince", "princess", "pope", "rev", "reverend", "father", "sheikh",
    "ayatollah", "chief", "commissioner", "speaker", "former", "late", "coach",
    "officer", "detective", "inspector", "sergeant", "lieutenant", "major", "deputy",
    "foreign", "interior", "defense", "defence", "finance", "health", "state",
    "leader", "opposition", "ceo", "chairman", "chairwoman", "director", "dep",
    "the", NULL
};

typedef struct nname {
    uint32_t first, n;      /* its keys */
    size_t cb, ce;          /* the kept part, in its cleaned text */
    int text;               /* index of its cleaned text in the texts table */
    int cluster;            /* -1 while unassigned, -2 for no words */
} nname;

typedef struct linker {
    galley_buf kb;
    uint32_t *koff;         /* key i: kb[koff[i] .. koff[i+1]) */
    size_t nk, kcap;
    size_t *kcp;            /* code points of each key */
    int fuzzy;
} linker;

/* What galley.link_names allocates, owned by a userdata. */
typedef struct scratch {
    linker lk;
    size_t kcpcap;
    nname *nm;
    galley_tokens tk;
    galley_buf clean, tmp;
    galley_phrase *titles;
    int *full, *num;
} scratch;

static int key_eq(const linker *lk, uint32_t a, uint32_t b)
{
    size_t al = lk->koff[a + 1] - lk->koff[a], bl = lk->koff[b + 1] - lk->koff[b];
    const char *as = lk->kb.s + lk->koff[a], *bs = lk->kb.s + lk->koff[b];
    if (al == bl && memcmp(as, bs, al) == 0)
        return 1;
    if (lk->fuzzy <= 0 || lk->kcp[a] < 5 || lk->kcp[b] < 5)
        return 0;
    size_t d;
    if (galley_fuzzy_distance(as, al, bs, bl, &d, NULL))
        return 0;
    return d <= (size_t)lk->fuzzy;
}

/* 'a' is a shorter or equal form of 'b': same last word, and its words
** appear in 'b' in order. */
static int compatible(const linker *lk, const nname *a, const nname *b)
{
    if (a->n > b->n || !key_eq(lk, a->first + a->n - 1, b->first + b->n - 1))
        return 0;
    uint32_t j = 0;
    for (uint32_t i = 0; i < a->n - 1; i++) {
        while (j < b->n - 1 && !key_eq(lk, a->first + i, b->first + j))
            j++;
        if (j >= b->n - 1)
            return 0;
        j++;
    }
    return 1;
}

/* Key of a word for linking: case-folded, accents off, final periods off. */
static int link_key(linker *lk, const char *w, size_t n, galley_buf *tmp)
{
    tmp->len = 0;
    size_t before = lk->kb.len;
    if (galley_casefold(w, n, tmp) || galley_fuzzy_fold_accents(tmp->s, tmp->len, &lk->kb))
        return GALLEY_ENOMEM;
    while (lk->kb.len > before && lk->kb.s[lk->kb.len - 1] == '.')
        lk->kb.len--;
    return GALLEY_OK;
}

static int is_possessive(const char *w, size_t n)
{
    return (n == 2 && memcmp(w, "'s", 2) == 0) || (n == 4 && memcmp(w, "\xe2\x80\x99s", 4) == 0) ||
           (n == 1 && w[0] == '\'') || (n == 3 && memcmp(w, "\xe2\x80\x99", 3) == 0);
}

/* galley.link_names(names [, opts]) -> ids, canonical names */
static int l_link_names(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    int fuzzy = 1;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "fuzzy");
        fuzzy = (int)luaL_optinteger(L, -1, 1);
        lua_pop(L, 1);
    }
    lua_Integer nn = luaL_len(L, 1);
    if (nn > 100000)
        return luaL_error(L, "too many names (limit is 100000)");
    /* Scratch owned by a userdata, so errors leak nothing. */
    scratch *sc = lua_newuserdatauv(L, sizeof *sc, 0);
    memset(sc, 0, sizeof *sc);
    luaL_setmetatable(L, "galley.LinkScratch");
    linker *lk = &sc->lk;
    lk->fuzzy = fuzzy;
    sc->nm = calloc((size_t)nn + 1, sizeof *sc->nm);
    sc->titles = galley_phrase_new();
    if (!sc->nm || !sc->titles)
        return nomem(L);
    /* Titles: opts.titles, or the default list; keyed like name words. */
    int custom = 0;
    if (!lua_isnoneornil(L, 2)) {
        lua_getfield(L, 2, "titles");
        custom = lua_istable(L, -1);
        if (!custom)
            lua_pop(L, 1);
    }
    lua_Integer nt = custom ? luaL_len(L, -1) : 0;
    for (lua_Integer i = 1; custom ? i <= nt : default_titles[i - 1] != NULL; i++) {
        const char *w;
        size_t wl;
        if (custom) {
            lua_geti(L, -1, i);
            w = luaL_checklstring(L, -1, &wl);
        } else {
            w = default_titles[i - 1];
            wl = strlen(w);
        }
        size_t before = lk->kb.len;
        if (link_key(lk, w, wl, &sc->tmp))
            return nomem(L);
        galley_phrase_key k = { lk->kb.s + before, lk->kb.len - before };
        if (galley_phrase_add(sc->titles, &k, 1, 0, NULL) < 0)
            return nomem(L);
        lk->kb.len = before;
        if (custom)
            lua_pop(L, 1);
    }
    if (custom)
        lua_pop(L, 1);
    lua_createtable(L, (int)nn, 0);
    int texts = lua_gettop(L);          /* cleaned text of each name */
    /* Keys of every name. */
    size_t nkeys = 0;
    for (lua_Integer i = 1; i <= nn; i++) {
        nname *m = &sc->nm[i - 1];
        int t = lua_geti(L, 1, i);
        if (t == LUA_TTABLE || t == LUA_TUSERDATA) {    /* a span */
            lua_getfield(L, -1, "text");
            lua_remove(L, -2);
        }
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "name %d: a string or a span expected", (int)i);
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (galley_text_clean(s, len, &sc->clean, NULL))
            return nomem(L);
        lua_pop(L, 1);
        lua_pushlstring(L, sc->clean.s ? sc->clean.s : "", sc->clean.len);
        lua_pushvalue(L, -1);
        lua_rawseti(L, texts, i);
        m->text = (int)i;
        s = lua_tolstring(L, -1, &len);     /* anchored in 'texts' */
        lua_pop(L, 1);
        sc->tk.n = 0;
        if (galley_token_split(s, len, &sc->tk))
            return nomem(L);
        /* Words only; leading titles off unless nothing else is left. */
        size_t a = 0, b = sc->tk.n;
        while (b > a && (sc->tk.t[b - 1].kind != GALLEY_TK_WORD ||
                         is_possessive(s + sc->tk.t[b - 1].start,
                                       sc->tk.t[b - 1].end - sc->tk.t[b - 1].start)))
            b--;
        while (a < b && sc->tk.t[a].kind != GALLEY_TK_WORD)
            a++;
        size_t keep = a;
        for (size_t j = a; j < b; j++) {
            const galley_token *tok = &sc->tk.t[j];
            size_t before = lk->kb.len;
            if (link_key(lk, s + tok->start, tok->end - tok->start, &sc->tmp))
                return nomem(L);
            int title = galley_phrase_id(sc->titles, lk->kb.s + before,
                                         lk->kb.len - before) != GALLEY_PHRASE_NONE;
            lk->kb.len = before;
            if (!title || j == b - 1)
                break;
            keep = j + 1;
        }
        /* Keep titles when the name is nothing but titles ("the President"). */
        m->first = (uint32_t)nkeys;
        m->n = 0;
        m->cluster = -1;
        if (keep >= b) {
            m->cluster = -2;
            continue;
        }
        m->cb = sc->tk.t[keep].start;
        m->ce = sc->tk.t[b - 1].end;
        for (size_t j = keep; j < b; j++) {
            const galley_token *tok = &sc->tk.t[j];
            if (tok->kind != GALLEY_TK_WORD && tok->kind != GALLEY_TK_NUMBER)
                continue;       /* hyphens and periods between words */
            lk->koff = grow_array(L, lk->koff, &lk->kcap, nkeys + 2, sizeof *lk->koff);
            lk->kcp = grow_array(L, lk->kcp, &sc->kcpcap, nkeys + 1, sizeof *lk->kcp);
            if (nkeys == 0)
                lk->koff[0] = 0;
            lk->koff[nkeys] = (uint32_t)lk->kb.len;
            if (link_key(lk, s + tok->start, tok->end - tok->start, &sc->tmp))
                return nomem(L);
            lk->koff[nkeys + 1] = (uint32_t)lk->kb.len;
            size_t cps = 0;
            for (size_t q = lk->koff[nkeys]; q < lk->kb.len; q++)
                cps += ((unsigned char)lk->kb.s[q] & 0xc0) != 0x80;
            lk->kcp[nkeys] = cps;
            nkeys++;
            m->n++;
        }
        if (m->n == 0)
            m->cluster = -2;
    }
    lk->nk = nkeys;
    /* Pass 1: names of two words or more, longest first, join the first
    ** cluster whose full name they fit, or start one. */
    size_t ncl = 0;
    int *full = sc->full = malloc(((size_t)nn + 1) * sizeof *full);  /* cluster -> name */
    if (!full)
        return nomem(L);
    uint32_t maxn = 0;
    for (lua_Integer i = 0; i < nn; i++)
        if (sc->nm[i].cluster == -1 && sc->nm[i].n > maxn)
            maxn = sc->nm[i].n;
    for (uint32_t len = maxn; len >= 2; len--) {
        for (lua_Integer i = 0; i < nn; i++) {
            nname *m = &sc->nm[i];
            if (m->cluster != -1 || m->n != len)
                continue;
            for (size_t c = 0; c < ncl && m->cluster < 0; c++)
                if (sc->nm[full[c]].n >= 2 && compatible(lk, m, &sc->nm[full[c]]))
                    m->cluster = (int)c;
            if (m->cluster < 0) {
                full[ncl] = (int)i;
                m->cluster = (int)ncl++;
            }
        }
    }
    /* Pass 2: single words in document order: the cluster whose full name
    ** ends (or else starts) with it; among several, the one mentioned last
    ** before it, or else first after it. */
    for (lua_Integer i = 0; i < nn; i++) {
        nname *m = &sc->nm[i];
        if (m->cluster != -1)
            continue;
        int best = -1;
        lua_Integer bestpos = -1, bestafter = nn + 1;
        for (int pass = 0; pass < 2 && best < 0; pass++) {
            for (size_t c = 0; c < ncl; c++) {
                const nname *f = &sc->nm[full[c]];
                uint32_t at = pass == 0 ? f->first + f->n - 1 : f->first;
                if ((pass == 1 && f->n < 2) || !key_eq(lk, m->first, at))
                    continue;
                lua_Integer before = -1, after = nn + 1;
                for (lua_Integer j = 0; j < nn; j++) {
                    if (sc->nm[j].cluster != (int)c)
                        continue;
                    if (j < i)
                        before = j;
                    else if (after > nn)
                        after = j;
                }
                if (before > bestpos || (bestpos < 0 && before < 0 && after < bestafter)) {
                    best = (int)c;
                    bestpos = before;
                    bestafter = after;
                }
            }
        }
        if (best < 0) {
            full[ncl] = (int)i;
            best = (int)ncl++;
        }
        m->cluster = best;
    }
    /* Number clusters by first mention; the full name of each is its text. */
    int *num = sc->num = malloc((ncl + 1) * sizeof *num);
    if (!num)
        return nomem(L);
    for (size_t c = 0; c < ncl; c++)
        num[c] = 0;
    lua_createtable(L, (int)nn, 0);
    int ids = lua_gettop(L);
    lua_createtable(L, (int)ncl, 0);
    int canon = lua_gettop(L);
    int next = 0;
    for (lua_Integer i = 0; i < nn; i++) {
        nname *m = &sc->nm[i];
        if (m->cluster < 0) {
            lua_pushboolean(L, 0);
        } else {
            if (!num[m->cluster]) {
                num[m->cluster] = ++next;
                const nname *f = &sc->nm[full[m->cluster]];
                lua_rawgeti(L, texts, f->text);
                const char *s = lua_tostring(L, -1);
                lua_pushlstring(L, s + f->cb, f->ce - f->cb);
                lua_remove(L, -2);
                lua_rawseti(L, canon, next);
            }
            lua_pushinteger(L, num[m->cluster]);
        }
        lua_rawseti(L, ids, i + 1);
    }
    lua_pushvalue(L, ids);
    lua_pushvalue(L, canon);
    return 2;
}

static int scratch_gc(lua_State *L)
{
    scratch *sc = lua_touserdata(L, 1);
    galley_buf_free(&sc->lk.kb);
    free(sc->lk.koff);
    free(sc->lk.kcp);
    free(sc->nm);
    galley_tokens_free(&sc->tk);
    galley_buf_free(&sc->clean);
    galley_buf_free(&sc->tmp);
    galley_phrase_free(sc->titles);
    free(sc->full);
    free(sc->num);
    memset(sc, 0, sizeof *sc);
    return 0;
}

/* ==================================================================
** Module
** ================================================================== */

static const luaL_Reg regex_meta[] = {
    {"__index", regex_index}, {"__gc", regex_gc}, {"__tostring", regex_tostring},
    {NULL, NULL}
};
static const luaL_Reg regex_methods[] = {
    {"find", regex_find}, {"match", regex_match}, {"gsub", regex_gsub},
    {"split", regex_split}, {NULL, NULL}
};
static const luaL_Reg phrases_meta[] = {
    {"__gc", phrases_gc}, {"__len", phrases_len}, {"__tostring", phrases_tostring},
    {NULL, NULL}
};
static const luaL_Reg phrases_methods[] = {
    {"find", phrases_find}, {"add", phrases_add}, {"remove", phrases_remove},
    {"has", phrases_has}, {"load", phrases_load}, {NULL, NULL}
};
static const luaL_Reg pattern_meta[] = {
    {"__gc", pattern_gc}, {"__len", pattern_len}, {"__tostring", pattern_tostring},
    {NULL, NULL}
};
static const luaL_Reg pattern_methods[] = {
    {"find", pattern_find}, {NULL, NULL}
};
static const luaL_Reg match_funcs[] = {
    {"regex", l_regex}, {"phrases", l_phrases}, {"pattern", l_pattern},
    {"distance", l_distance}, {"similarity", l_similarity}, {"unaccent", l_unaccent},
    {"link_names", l_link_names}, {NULL, NULL}
};

void galley_l_open_match(lua_State *L)
{
    static const luaL_Reg tokens_meta[] = { {"__gc", tokens_gc}, {NULL, NULL} };
    static const luaL_Reg cache_meta[] = { {"__gc", cache_gc}, {NULL, NULL} };
    static const luaL_Reg scratch_meta[] = { {"__gc", scratch_gc}, {NULL, NULL} };
    galley_l_newtype(L, REGEX_MT, regex_meta, regex_methods);
    galley_l_newtype(L, PHRASES_MT, phrases_meta, phrases_methods);
    galley_l_newtype(L, PATTERN_MT, pattern_meta, pattern_methods);
    galley_l_newtype(L, TOKENS_MT, tokens_meta, NULL);
    galley_l_newtype(L, CACHE_MT, cache_meta, NULL);
    galley_l_newtype(L, "galley.LinkScratch", scratch_meta, NULL);
    /* Doc -> Tokens, collected with the Doc. */
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &tokcache_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &tokcache_key);
    } else {
        lua_pop(L, 1);
    }
    luaL_setfuncs(L, match_funcs, 0);
}
