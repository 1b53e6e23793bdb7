/*
** l_doc.c: documents, tokens and spans in Lua.
**   "galley.Doc"     owns a galley_doc (doc.h); user value 1 is a cache
**                    table (meta, sentence and paragraph lists).
**   "galley.Token"   a view: a token index; user value 1 is its Doc.
**   "galley.Tokens"  a view of a run of tokens (#, [i], and a for-loop
**                    iterator: `for tok in doc:tokens() do`); user value 1
**                    is its Doc.
**   "galley.Span"    a view of a byte range with its tokens; user value 1
**                    is its Doc, user value 2 a table of attributes
**                    (label and whatever a script sets) or nil.
** Views keep their Doc alive, but once the Doc is closed (its process call
** returned) using them raises "document is closed". In Lua, start and stop
** are 1-based inclusive byte positions; JSON (__tojson) gives 0-based
** start and exclusive end, as DESIGN.md says.
*/
#include "galley.h"
#include "l_doc.h"
#include "l_galley.h"
#include "l_json.h"
#include "lang.h"
#include "stem.h"
#include "token.h"

#include <lauxlib.h>
#include <string.h>

#define DOC_MT "galley.Doc"
#define TOKEN_MT "galley.Token"
#define TOKENS_MT "galley.Tokens"
#define SPAN_MT "galley.Span"
#define STEMMERS "galley.stemmers"

typedef struct ldoc {
    galley_doc *doc;
    int lang;                   /* language index; -2 until known */
} ldoc;

typedef struct ltoken {
    uint32_t i;
} ltoken;

typedef struct ltokens {
    uint32_t first, n;
} ltokens;

typedef struct lspan {
    uint32_t start, end;        /* bytes, half-open */
    uint32_t tok, ntok;         /* its tokens */
} lspan;

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

static ldoc *todoc(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, DOC_MT);
}

static galley_doc *open_doc(lua_State *L, ldoc *d)
{
    if (!d->doc)
        luaL_error(L, "document is closed (documents live only during their process call)");
    return d->doc;
}

galley_doc *galley_l_checkdoc(lua_State *L, int idx)
{
    return open_doc(L, todoc(L, idx));
}

/* The document at 'idx', tokenized and split. */
static galley_doc *analyzed(lua_State *L, int idx)
{
    galley_doc *doc = galley_l_checkdoc(L, idx);
    if (galley_doc_analyze(doc))
        luaL_error(L, "not enough memory");
    return doc;
}

const galley_doc *galley_l_checkanalyzed(lua_State *L, int idx)
{
    return analyzed(L, idx);
}

const galley_doc *galley_l_checkfolded(lua_State *L, int idx)
{
    galley_doc *doc = galley_l_checkdoc(L, idx);
    if (galley_doc_fold(doc))
        luaL_error(L, "not enough memory");
    return doc;
}

void galley_l_pushdoc(lua_State *L, galley_doc *doc)
{
    ldoc *d = lua_newuserdatauv(L, sizeof *d, 1);
    d->doc = NULL;
    d->lang = -2;
    luaL_setmetatable(L, DOC_MT);   /* empty first, so __gc is always safe */
    d->doc = doc;
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
}

void galley_l_closedoc(lua_State *L, int idx)
{
    ldoc *d = todoc(L, idx);
    galley_doc_free(d->doc);
    d->doc = NULL;
    lua_newtable(L);
    lua_setiuservalue(L, idx, 1);
}

static int doc_gc(lua_State *L)
{
    ldoc *d = todoc(L, 1);
    galley_doc_free(d->doc);
    d->doc = NULL;
    return 0;
}

/* Push the cached value 'key' of the Doc at 'idx'; returns its type. */
static int cached(lua_State *L, int idx, const char *key)
{
    lua_getiuservalue(L, idx, 1);
    int t = lua_getfield(L, -1, key);
    lua_remove(L, -2);
    return t;
}

/* Cache the value at the top under 'key', leaving it on the stack. */
static void cache(lua_State *L, int idx, const char *key)
{
    lua_getiuservalue(L, idx, 1);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, key);
    lua_pop(L, 1);
}

static void push_meta(lua_State *L, int idx, const galley_doc *doc)
{
    if (cached(L, idx, "meta") != LUA_TNIL)
        return;
    lua_pop(L, 1);
    galley_l_pushval(L, &doc->meta);
    cache(L, idx, "meta");
}

/* The language of the Doc at 'idx': meta.lang when it names one, else a
** guess from the text, English when nothing can be told. */
static int doc_lang(lua_State *L, int idx)
{
    ldoc *d = todoc(L, idx);
    galley_doc *doc = open_doc(L, d);
    if (d->lang == -2) {
        galley_val *m = galley_val_get(&doc->meta, "lang");
        int lang = m && m->type == GALLEY_STR ? galley_lang_index(m->u.str.s) : -1;
        if (lang < 0)
            lang = galley_lang_guess(doc->text, doc->len);
        d->lang = lang < 0 ? GALLEY_LANG_EN : lang;
    }
    return d->lang;
}

/* The text of the Doc at 'idx', copied once: a pipeline reads doc.text
** several times an article (cleaning, the record), and a text never
** changes. */
static void push_text(lua_State *L, int idx, const galley_doc *doc)
{
    if (cached(L, idx, "text") != LUA_TNIL)
        return;
    lua_pop(L, 1);
    lua_pushlstring(L, doc->text, doc->len);
    cache(L, idx, "text");
}

static void push_opt_string(lua_State *L, const char *s, size_t n)
{
    if (s)
        lua_pushlstring(L, s, n);
    else
        lua_pushnil(L);
}

static void push_token(lua_State *L, int docidx, size_t i);

static int doc_index(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TNUMBER) {
        const galley_doc *doc = analyzed(L, 1);
        lua_Integer i = luaL_checkinteger(L, 2), n = (lua_Integer)doc->tokens.n;
        if (i < 0)
            i += n + 1;
        if (i < 1 || i > n)
            lua_pushnil(L);
        else
            push_token(L, 1, (size_t)(i - 1));
        return 1;
    }
    galley_doc *doc = galley_l_checkdoc(L, 1);
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "text") == 0)
        push_text(L, 1, doc);
    else if (strcmp(key, "title") == 0)
        push_opt_string(L, doc->title, doc->title_len);
    else if (strcmp(key, "path") == 0)
        push_opt_string(L, doc->path, doc->path ? strlen(doc->path) : 0);
    else if (strcmp(key, "meta") == 0)
        push_meta(L, 1, doc);
    else if (strcmp(key, "lang") == 0)
        lua_pushstring(L, galley_lang_code(doc_lang(L, 1)));
    else {
        luaL_getmetafield(L, 1, "methods");
        lua_getfield(L, -1, key);
    }
    return 1;
}

static int doc_newindex(lua_State *L)
{
    ldoc *d = todoc(L, 1);
    open_doc(L, d);
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "lang") != 0)
        return luaL_error(L, "cannot set field '%s' of a document (only doc.lang can be "
                          "set; keep your own values in a table)", key);
    const char *code = luaL_checkstring(L, 3);
    int lang = galley_lang_index(code);
    if (lang < 0)
        return luaL_error(L, "unknown language '%s' (galley knows en es fr de pt it)", code);
    d->lang = lang;
    return 0;
}

static int doc_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)analyzed(L, 1)->tokens.n);
    return 1;
}

static int doc_tostring(lua_State *L)
{
    ldoc *d = todoc(L, 1);
    if (!d->doc)
        lua_pushliteral(L, "galley.Doc (closed)");
    else
        lua_pushfstring(L, "galley.Doc (%s, %d bytes)",
                        d->doc->path ? d->doc->path : "no path", (int)d->doc->len);
    return 1;
}

int galley_l_docfill(lua_State *L, int docidx, int rec)
{
    galley_doc *doc = galley_l_checkdoc(L, docidx);
    if (lua_getfield(L, rec, "path") == LUA_TNIL) {
        lua_pushstring(L, doc->path ? doc->path : "-");
        lua_setfield(L, rec, "path");
    }
    lua_pop(L, 1);
    if (lua_getfield(L, rec, "id") == LUA_TNIL) {
        galley_val *id = galley_val_get(&doc->meta, "id");
        if (id && id->type != GALLEY_NULL) {
            galley_l_pushval(L, id);
            lua_setfield(L, rec, "id");
        }
    }
    lua_pop(L, 1);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Views                                                               */
/* ------------------------------------------------------------------ */

/* The open, analyzed document behind the view at 'idx' (its Doc is
** pushed, and stays on the stack). */
static galley_doc *view_doc(lua_State *L, int idx)
{
    lua_getiuservalue(L, idx, 1);
    galley_doc *doc = open_doc(L, todoc(L, -1));
    return doc;
}

static void push_token(lua_State *L, int docidx, size_t i)
{
    docidx = lua_absindex(L, docidx);
    ltoken *t = lua_newuserdatauv(L, sizeof *t, 1);
    t->i = (uint32_t)i;
    luaL_setmetatable(L, TOKEN_MT);
    lua_pushvalue(L, docidx);
    lua_setiuservalue(L, -2, 1);
}

static void push_tokens(lua_State *L, int docidx, size_t first, size_t n)
{
    docidx = lua_absindex(L, docidx);
    ltokens *t = lua_newuserdatauv(L, sizeof *t, 1);
    t->first = (uint32_t)first;
    t->n = (uint32_t)n;
    luaL_setmetatable(L, TOKENS_MT);
    lua_pushvalue(L, docidx);
    lua_setiuservalue(L, -2, 1);
}

/* First token ending after byte 'start' and the number of tokens that
** start before byte 'end'. */
static void token_range(const galley_tokens *tk, uint32_t start, uint32_t end,
                        uint32_t *tok, uint32_t *ntok)
{
    size_t lo = 0, hi = tk->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tk->t[mid].end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t last = lo;
    while (last < tk->n && tk->t[last].start < end)
        last++;
    *tok = (uint32_t)lo;
    *ntok = (uint32_t)(last - lo);
}

void galley_l_pushspan(lua_State *L, int docidx, size_t start, size_t end,
                       const char *label)
{
    docidx = lua_absindex(L, docidx);
    const galley_doc *doc = analyzed(L, docidx);
    lspan *s = lua_newuserdatauv(L, sizeof *s, 2);
    s->start = (uint32_t)start;
    s->end = (uint32_t)end;
    token_range(&doc->tokens, s->start, s->end, &s->tok, &s->ntok);
    luaL_setmetatable(L, SPAN_MT);
    lua_pushvalue(L, docidx);
    lua_setiuservalue(L, -2, 1);
    if (label) {
        lua_createtable(L, 0, 1);
        lua_pushstring(L, label);
        lua_setfield(L, -2, "label");
        lua_setiuservalue(L, -2, 2);
    }
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

static const galley_token *checktoken(lua_State *L, int idx, galley_doc **docp)
{
    ltoken *t = luaL_checkudata(L, idx, TOKEN_MT);
    galley_doc *doc = view_doc(L, idx);
    lua_pop(L, 1);
    if (docp)
        *docp = doc;
    return &doc->tokens.t[t->i];
}

/* Push form 'f' (lower or shape) of 's'. */
static void push_form(lua_State *L, int (*f)(const char *, size_t, galley_buf *),
                      const char *s, size_t n)
{
    galley_buf b = {0};
    if (f(s, n, &b)) {
        galley_buf_free(&b);
        luaL_error(L, "not enough memory");
    }
    lua_pushlstring(L, b.s, b.len);
    galley_buf_free(&b);
}

static void stemmer_gc_meta(lua_State *L);

/* The stemmer for language 'lang', one per Lua state and language. */
static galley_stemmer *stemmer_for(lua_State *L, int lang)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, STEMMERS) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, STEMMERS);
    }
    galley_stemmer **slot;
    if (lua_rawgeti(L, -1, lang + 1) == LUA_TNIL) {
        lua_pop(L, 1);
        slot = lua_newuserdatauv(L, sizeof *slot, 0);
        *slot = NULL;
        stemmer_gc_meta(L);
        int rc = galley_stemmer_new(galley_lang_code(lang), slot);
        if (rc == GALLEY_ENOMEM)
            luaL_error(L, "not enough memory");
        lua_rawseti(L, -2, lang + 1);
        lua_rawgeti(L, -1, lang + 1);
    }
    slot = lua_touserdata(L, -1);
    lua_pop(L, 2);
    return *slot;
}

static int stemmer_gc(lua_State *L)
{
    galley_stemmer **slot = lua_touserdata(L, 1);
    galley_stemmer_free(*slot);
    *slot = NULL;
    return 0;
}

static void stemmer_gc_meta(lua_State *L)
{
    if (luaL_newmetatable(L, "galley.Stemmer")) {
        lua_pushcfunction(L, stemmer_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
}

/* Push the stem of 's' in the language of the Doc at 'docidx'. */
static void push_stem(lua_State *L, int docidx, const char *s, size_t n)
{
    galley_stemmer *st = stemmer_for(L, doc_lang(L, docidx));
    if (!st) {
        push_form(L, galley_casefold, s, n);
        return;
    }
    galley_buf b = {0};
    if (galley_stemmer_stem(st, s, n, &b)) {
        galley_buf_free(&b);
        luaL_error(L, "not enough memory");
    }
    lua_pushlstring(L, b.s, b.len);
    galley_buf_free(&b);
}

static void push_sentence(lua_State *L, int docidx, size_t i);

static int token_index(lua_State *L)
{
    galley_doc *doc;
    const galley_token *t = checktoken(L, 1, &doc);
    ltoken *ut = lua_touserdata(L, 1);
    const char *key = luaL_checkstring(L, 2);
    const char *s = doc->text + t->start;
    size_t n = t->end - t->start;
    int f = t->flags;
    switch (key[0]) {
    case 'd':
        if (!strcmp(key, "doc")) { lua_getiuservalue(L, 1, 1); return 1; }
        break;
    case 'i':
        if (!strcmp(key, "i")) { lua_pushinteger(L, ut->i + 1); return 1; }
        if (!strcmp(key, "is_title")) { lua_pushboolean(L, f & GALLEY_TF_TITLE); return 1; }
        if (!strcmp(key, "is_upper")) { lua_pushboolean(L, f & GALLEY_TF_UPPER); return 1; }
        if (!strcmp(key, "is_digit")) { lua_pushboolean(L, f & GALLEY_TF_DIGIT); return 1; }
        if (!strcmp(key, "is_punct")) {
            lua_pushboolean(L, t->kind == GALLEY_TK_PUNCT);
            return 1;
        }
        if (!strcmp(key, "is_alpha")) {
            lua_pushboolean(L, t->kind == GALLEY_TK_WORD && !(f & GALLEY_TF_DIGIT));
            return 1;
        }
        if (!strcmp(key, "is_stop")) {
            lua_getiuservalue(L, 1, 1);
            lua_pushboolean(L, galley_stop_is(doc_lang(L, -1), s, n));
            return 1;
        }
        break;
    case 'k':
        if (!strcmp(key, "kind")) {
            lua_pushstring(L, galley_token_kind_names[t->kind]);
            return 1;
        }
        break;
    case 'l':
        if (!strcmp(key, "lower")) { push_form(L, galley_casefold, s, n); return 1; }
        if (!strcmp(key, "like_num")) {
            lua_pushboolean(L, t->kind == GALLEY_TK_NUMBER);
            return 1;
        }
        break;
    case 'p':
        if (!strcmp(key, "para")) { lua_pushinteger(L, t->para + 1); return 1; }
        break;
    case 's':
        if (!strcmp(key, "start")) { lua_pushinteger(L, t->start + 1); return 1; }
        if (!strcmp(key, "stop")) { lua_pushinteger(L, t->end); return 1; }
        if (!strcmp(key, "shape")) { push_form(L, galley_shape, s, n); return 1; }
        if (!strcmp(key, "sent")) { lua_pushinteger(L, t->sent + 1); return 1; }
        if (!strcmp(key, "space_after")) {
            lua_pushboolean(L, f & GALLEY_TF_SPACE);
            return 1;
        }
        if (!strcmp(key, "stem")) {
            lua_getiuservalue(L, 1, 1);
            push_stem(L, lua_gettop(L), s, n);
            return 1;
        }
        if (!strcmp(key, "sentence")) {
            lua_getiuservalue(L, 1, 1);
            push_sentence(L, lua_gettop(L), t->sent);
            return 1;
        }
        break;
    case 't':
        if (!strcmp(key, "text")) { lua_pushlstring(L, s, n); return 1; }
        break;
    }
    return luaL_error(L, "a token has no field '%s'", key);
}

static int token_tostring(lua_State *L)
{
    galley_doc *doc;
    const galley_token *t = checktoken(L, 1, &doc);
    lua_pushlstring(L, doc->text + t->start, t->end - t->start);
    return 1;
}

static int token_eq(lua_State *L)
{
    ltoken *a = luaL_checkudata(L, 1, TOKEN_MT), *b = luaL_checkudata(L, 2, TOKEN_MT);
    lua_getiuservalue(L, 1, 1);
    lua_getiuservalue(L, 2, 1);
    lua_pushboolean(L, a->i == b->i && lua_rawequal(L, -1, -2));
    return 1;
}

/* {start, end, text, kind}: 0-based, end exclusive. */
static int token_tojson(lua_State *L)
{
    galley_doc *doc;
    const galley_token *t = checktoken(L, 1, &doc);
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, t->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, t->end);
    lua_setfield(L, -2, "end");
    lua_pushlstring(L, doc->text + t->start, t->end - t->start);
    lua_setfield(L, -2, "text");
    lua_pushstring(L, galley_token_kind_names[t->kind]);
    lua_setfield(L, -2, "kind");
    return 1;
}

/* ------------------------------------------------------------------ */
/* Token lists                                                         */
/* ------------------------------------------------------------------ */

static int tokens_len(lua_State *L)
{
    ltokens *t = luaL_checkudata(L, 1, TOKENS_MT);
    lua_pushinteger(L, t->n);
    return 1;
}

static int tokens_index(lua_State *L)
{
    ltokens *t = luaL_checkudata(L, 1, TOKENS_MT);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 0)
        i += (lua_Integer)t->n + 1;
    if (i < 1 || i > (lua_Integer)t->n)
        return 0;
    view_doc(L, 1);
    push_token(L, -1, t->first + (size_t)i - 1);
    return 1;
}

/* A list of {start, end, text, kind} tables, for output. */
static int tokens_tojson(lua_State *L)
{
    ltokens *t = luaL_checkudata(L, 1, TOKENS_MT);
    view_doc(L, 1);
    int docidx = lua_gettop(L);
    lua_createtable(L, (int)t->n, 0);
    for (uint32_t i = 0; i < t->n; i++) {
        push_token(L, docidx, t->first + i);
        lua_replace(L, 1);          /* token_tojson reads its argument at 1 */
        token_tojson(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* The iterator of a generic for: the control value is the last token. */
static int tokens_call(lua_State *L)
{
    ltokens *t = luaL_checkudata(L, 1, TOKENS_MT);
    size_t next = t->first;
    if (!lua_isnoneornil(L, 3)) {
        ltoken *prev = luaL_checkudata(L, 3, TOKEN_MT);
        next = prev->i + 1;
    }
    if (next >= (size_t)t->first + t->n)
        return 0;
    view_doc(L, 1);
    push_token(L, -1, next);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Spans                                                               */
/* ------------------------------------------------------------------ */

static lspan *checkspan(lua_State *L, int idx, galley_doc **docp)
{
    lspan *s = luaL_checkudata(L, idx, SPAN_MT);
    galley_doc *doc = view_doc(L, idx);
    lua_pop(L, 1);
    if (docp)
        *docp = doc;
    return s;
}

/* Sentence or paragraph 'i' (0-based) of the Doc at 'docidx'. */
static void push_part(lua_State *L, int docidx, const galley_span *sp)
{
    lspan *s = lua_newuserdatauv(L, sizeof *s, 2);
    s->start = sp->start;
    s->end = sp->end;
    s->tok = sp->tok;
    s->ntok = sp->ntok;
    luaL_setmetatable(L, SPAN_MT);
    lua_pushvalue(L, docidx);
    lua_setiuservalue(L, -2, 1);
}

/* Push the list of sentences or paragraphs, built once per document. */
static void push_parts(lua_State *L, int docidx, int paras)
{
    const char *key = paras ? "paragraphs" : "sentences";
    docidx = lua_absindex(L, docidx);
    if (cached(L, docidx, key) != LUA_TNIL)
        return;
    lua_pop(L, 1);
    const galley_doc *doc = analyzed(L, docidx);
    const galley_spans *sp = paras ? &doc->paras : &doc->sents;
    lua_createtable(L, (int)sp->n, 0);
    for (size_t i = 0; i < sp->n; i++) {
        push_part(L, docidx, &sp->s[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    cache(L, docidx, key);
}

static void push_sentence(lua_State *L, int docidx, size_t i)
{
    push_parts(L, docidx, 0);
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    lua_remove(L, -2);
}

static int span_index(lua_State *L)
{
    galley_doc *doc;
    lspan *s = checkspan(L, 1, &doc);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lua_Integer i = luaL_checkinteger(L, 2);
        if (i < 0)
            i += (lua_Integer)s->ntok + 1;
        if (i < 1 || i > (lua_Integer)s->ntok)
            return 0;
        lua_getiuservalue(L, 1, 1);
        push_token(L, -1, s->tok + (size_t)i - 1);
        return 1;
    }
    const char *key = luaL_checkstring(L, 2);
    if (!strcmp(key, "text"))
        lua_pushlstring(L, doc->text + s->start, s->end - s->start);
    else if (!strcmp(key, "start"))
        lua_pushinteger(L, s->start + 1);
    else if (!strcmp(key, "stop"))
        lua_pushinteger(L, s->end);
    else if (!strcmp(key, "doc"))
        lua_getiuservalue(L, 1, 1);
    else if (lua_getiuservalue(L, 1, 2) == LUA_TTABLE && lua_getfield(L, -1, key) != LUA_TNIL)
        return 1;
    else {
        luaL_getmetafield(L, 1, "methods");
        lua_getfield(L, -1, key);
    }
    return 1;
}

static int span_newindex(lua_State *L)
{
    checkspan(L, 1, NULL);
    const char *key = luaL_checkstring(L, 2);
    if (!strcmp(key, "text") || !strcmp(key, "start") || !strcmp(key, "stop")
        || !strcmp(key, "doc") || !strcmp(key, "end"))
        return luaL_error(L, "cannot set field '%s' of a span (it is fixed)", key);
    if (lua_getiuservalue(L, 1, 2) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, 1, 2);
    }
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    lua_rawset(L, -3);
    return 0;
}

static int span_len(lua_State *L)
{
    lspan *s = checkspan(L, 1, NULL);
    lua_pushinteger(L, s->ntok);
    return 1;
}

static int span_tokens(lua_State *L)
{
    lspan *s = checkspan(L, 1, NULL);
    lua_getiuservalue(L, 1, 1);
    push_tokens(L, -1, s->tok, s->ntok);
    return 1;
}

static int span_tostring(lua_State *L)
{
    galley_doc *doc;
    lspan *s = checkspan(L, 1, &doc);
    lua_pushlstring(L, doc->text + s->start, s->end - s->start);
    return 1;
}

static int span_eq(lua_State *L)
{
    lspan *a = luaL_checkudata(L, 1, SPAN_MT), *b = luaL_checkudata(L, 2, SPAN_MT);
    lua_getiuservalue(L, 1, 1);
    lua_getiuservalue(L, 2, 1);
    lua_pushboolean(L, a->start == b->start && a->end == b->end && lua_rawequal(L, -1, -2));
    return 1;
}

/* {start, end, text} plus the span's attributes (label, ...). */
static int span_tojson(lua_State *L)
{
    galley_doc *doc;
    lspan *s = checkspan(L, 1, &doc);
    lua_newtable(L);
    if (lua_getiuservalue(L, 1, 2) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_settable(L, -5);
        }
    }
    lua_pop(L, 1);
    lua_pushinteger(L, s->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, s->end);
    lua_setfield(L, -2, "end");
    lua_pushlstring(L, doc->text + s->start, s->end - s->start);
    lua_setfield(L, -2, "text");
    return 1;
}

/* ------------------------------------------------------------------ */
/* JSON without tables (l_json.c's fast path)                          */
/* ------------------------------------------------------------------ */

/* The open document behind the view at 'idx' (user value 1), or NULL;
** never raises. */
static galley_doc *view_doc_or_null(lua_State *L, int idx)
{
    galley_doc *doc = NULL;
    if (lua_getiuservalue(L, idx, 1) == LUA_TUSERDATA) {
        ldoc *d = luaL_testudata(L, -1, DOC_MT);
        doc = d ? d->doc : NULL;
    }
    lua_pop(L, 1);
    return doc;
}

int galley_l_toview(lua_State *L, int idx, int fn, galley_l_view *v)
{
    lua_CFunction f = lua_tocfunction(L, fn);
    const char *mt;
    if (f == span_tojson)
        mt = SPAN_MT;
    else if (f == token_tojson)
        mt = TOKEN_MT;
    else if (f == tokens_tojson)
        mt = TOKENS_MT;
    else
        return 0;
    void *u = luaL_testudata(L, idx, mt);
    if (!u)
        return 0;
    galley_doc *doc = view_doc_or_null(L, idx);
    if (!doc)
        return 0;       /* closed: __tojson says so */
    memset(v, 0, sizeof *v);
    v->text = doc->text;
    if (f == span_tojson) {
        const lspan *s = u;
        v->type = GALLEY_L_SPAN;
        v->start = s->start;
        v->end = s->end;
        lua_getiuservalue(L, idx, 2);
    } else if (f == token_tojson) {
        const ltoken *t = u;
        v->type = GALLEY_L_TOKEN;
        v->tokens = &doc->tokens.t[t->i];
        v->start = v->tokens->start;
        v->end = v->tokens->end;
    } else {
        const ltokens *t = u;
        v->type = GALLEY_L_TOKENS;
        v->tokens = doc->tokens.t + t->first;
        v->ntokens = t->n;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Doc methods and galley.document                                     */
/* ------------------------------------------------------------------ */

static int doc_tokens(lua_State *L)
{
    const galley_doc *doc = analyzed(L, 1);
    push_tokens(L, 1, 0, doc->tokens.n);
    return 1;
}

static int doc_sentences(lua_State *L)
{
    push_parts(L, 1, 0);
    return 1;
}

static int doc_paragraphs(lua_State *L)
{
    push_parts(L, 1, 1);
    return 1;
}

/* doc:span(start, stop [, label]): the span of bytes start..stop (1-based,
** inclusive, negative from the end, as string.sub). */
static int doc_span(lua_State *L)
{
    const galley_doc *doc = analyzed(L, 1);
    lua_Integer len = (lua_Integer)doc->len;
    lua_Integer i = luaL_checkinteger(L, 2), j = luaL_optinteger(L, 3, -1);
    const char *label = luaL_optstring(L, 4, NULL);
    if (i < 0)
        i = i + len + 1 > 0 ? i + len + 1 : 1;
    else if (i == 0)
        i = 1;
    if (j < 0)
        j += len + 1;
    else if (j > len)
        j = len;
    if (j < i - 1)
        j = i - 1;
    if (i > len + 1)
        i = j = len + 1, j = len;
    galley_l_pushspan(L, 1, (size_t)(i - 1), (size_t)j, label);
    return 1;
}

/* galley.document(text [, meta]) */
static int l_document(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    int has_meta = !lua_isnoneornil(L, 2);
    if (has_meta)
        luaL_checktype(L, 2, LUA_TTABLE);
    galley_val meta;
    galley_val_obj(&meta);
    if (has_meta) {
        char msg[256];
        if (galley_l_toval(L, 2, &meta, msg, sizeof msg))
            return luaL_argerror(L, 2, msg);
        if (meta.type == GALLEY_ARR && meta.u.arr.n == 0) {
            galley_val_free(&meta);
            galley_val_obj(&meta);      /* {} reads as an empty object here */
        }
        if (meta.type != GALLEY_OBJ) {
            galley_val_free(&meta);
            return luaL_argerror(L, 2, "meta must be a table with string keys");
        }
    }
    galley_source src = {0};
    src.text = (char *)text;
    src.len = len;
    src.meta = meta;
    galley_val *p = galley_val_get(&meta, "path");
    src.path = p && p->type == GALLEY_STR ? p->u.str.s : NULL;
    src.kind = galley_val_get(&meta, "title") ? GALLEY_SRC_JSON : GALLEY_SRC_TEXT;
    galley_doc *doc;
    int rc = galley_doc_from_source(&doc, &src);
    galley_val_free(&src.meta);
    if (rc == GALLEY_ELIMIT)
        return luaL_error(L, "document too large (limit is %d MiB)",
                          (int)(GALLEY_MAX_DOC >> 20));
    if (rc)
        return luaL_error(L, "not enough memory");
    galley_l_pushdoc(L, doc);
    return 1;
}

static const luaL_Reg doc_meta[] = {
    {"__index", doc_index},
    {"__newindex", doc_newindex},
    {"__len", doc_len},
    {"__gc", doc_gc},
    {"__close", doc_gc},
    {"__tostring", doc_tostring},
    {NULL, NULL}
};

static const luaL_Reg doc_methods[] = {
    {"tokens", doc_tokens},
    {"sentences", doc_sentences},
    {"paragraphs", doc_paragraphs},
    {"span", doc_span},
    {NULL, NULL}
};

static const luaL_Reg token_meta[] = {
    {"__index", token_index},
    {"__tostring", token_tostring},
    {"__eq", token_eq},
    {"__tojson", token_tojson},
    {NULL, NULL}
};

static const luaL_Reg tokens_meta[] = {
    {"__len", tokens_len},
    {"__index", tokens_index},
    {"__call", tokens_call},
    {"__tojson", tokens_tojson},
    {NULL, NULL}
};

static const luaL_Reg span_meta[] = {
    {"__index", span_index},
    {"__newindex", span_newindex},
    {"__len", span_len},
    {"__tostring", span_tostring},
    {"__eq", span_eq},
    {"__tojson", span_tojson},
    {NULL, NULL}
};

static const luaL_Reg span_methods[] = {
    {"tokens", span_tokens},
    {NULL, NULL}
};

void galley_l_open_doc(lua_State *L)
{
    galley_l_newtype(L, DOC_MT, doc_meta, doc_methods);
    galley_l_newtype(L, TOKEN_MT, token_meta, NULL);
    galley_l_newtype(L, TOKENS_MT, tokens_meta, NULL);
    galley_l_newtype(L, SPAN_MT, span_meta, span_methods);
    lua_pushcfunction(L, l_document);
    lua_setfield(L, -2, "document");
}
