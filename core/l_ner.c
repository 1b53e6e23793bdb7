/*
** l_ner.c: the entity and quote scanner (ner.h) in Lua, as "galley.Tagger":
**   local t = galley.tagger()
**   t:add("Secretary of State", "title")        -- a phrase and its class
**   t:add("U.S.", "place", "United States")     -- with a canonical form
**   t:add_list("Paris\nLyon\n", "place")        -- one phrase a line
**   local ents, quotes = t:scan(doc, "all")     -- plain records
** Records are plain tables ready for output: {start, end, text, label,
** canonical} and {start, end, text, speaker}, with 0-based start and
** exclusive end as in JSON (DESIGN.md); they are built here because an
** article has dozens of them and building them in Lua costs more than
** finding them. The lists and what to do with the records are the Lua
** side's (scripts/lib/entities.lua, scripts/lib/quotes.lua).
*/
#include "galley.h"
#include "l_doc.h"
#include "l_ner.h"
#include "ner.h"

#include <lauxlib.h>
#include <string.h>

#define TAGGER_MT "galley.Tagger"

typedef struct ltagger {
    galley_ner *ner;
    galley_ner_result res;
} ltagger;

static ltagger *totagger(lua_State *L, int idx)
{
    ltagger *t = luaL_checkudata(L, idx, TAGGER_MT);
    if (!t->ner)
        luaL_error(L, "tagger is closed");
    return t;
}

static int tagger_gc(lua_State *L)
{
    ltagger *t = luaL_checkudata(L, 1, TAGGER_MT);
    galley_ner_free(t->ner);
    t->ner = NULL;
    galley_ner_result_free(&t->res);
    return 0;
}

static int check_class(lua_State *L, int idx)
{
    const char *name = luaL_checkstring(L, idx);
    int c = galley_ner_class(name);
    if (c < 0)
        return luaL_argerror(L, idx, lua_pushfstring(L, "unknown class '%s'", name));
    return c;
}

/* Add one phrase; raises on a bad phrase. Returns 1 when added. */
static int add_one(lua_State *L, ltagger *t, const char *s, size_t len, int c,
                   const char *canon, size_t clen)
{
    galley_buf err = {0};
    int rc = galley_ner_add(t->ner, s, len, c, canon, clen, &err);
    if (rc < 0) {
        if (rc == GALLEY_ENOMEM) {
            galley_buf_free(&err);
            return luaL_error(L, "not enough memory");
        }
        lua_pushfstring(L, "%s: '%s'", err.s ? err.s : "bad phrase", s);
        galley_buf_free(&err);
        return lua_error(L);
    }
    galley_buf_free(&err);
    return rc;
}

/* t:add(phrase, class [, canonical]) -> true when new */
static int tagger_add(lua_State *L)
{
    ltagger *t = totagger(L, 1);
    size_t len, clen = 0;
    const char *s = luaL_checklstring(L, 2, &len);
    int c = check_class(L, 3);
    const char *canon = luaL_optlstring(L, 4, NULL, &clen);
    lua_pushboolean(L, add_one(L, t, s, len, c, canon, clen));
    return 1;
}

/* t:add_list(text, class) -> number added. One phrase a line, optionally
** "phrase<TAB>canonical"; blank lines and lines starting with '#' skipped. */
static int tagger_add_list(lua_State *L)
{
    ltagger *t = totagger(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    int c = check_class(L, 3);
    const char *end = s + len;
    lua_Integer added = 0;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        const char *tab = memchr(s, '\t', (size_t)(le - s));
        const char *pe = tab ? tab : le;
        while (pe > s && (pe[-1] == ' ' || pe[-1] == '\r'))
            pe--;
        if (pe > s && s[0] != '#') {
            const char *canon = NULL;
            size_t clen = 0;
            if (tab) {
                canon = tab + 1;
                clen = (size_t)(le - canon);
                while (clen && (canon[clen - 1] == '\r' || canon[clen - 1] == ' '))
                    clen--;
            }
            added += add_one(L, t, s, (size_t)(pe - s), c, canon, clen);
        }
        s = le + 1;
    }
    lua_pushinteger(L, added);
    return 1;
}

/* Upvalues of scan: the keys of a record, then the label names. An
** article has dozens of records; keys and labels pushed from here cost no
** string interning, and lua_rawset no metamethod lookup. */
enum { UV_START = 1, UV_END, UV_TEXT, UV_LABEL, UV_CANONICAL, UV_SPEAKER, UV_LABELS };

static const char *const record_keys[] = {
    "start", "end", "text", "label", "canonical", "speaker"
};

/* Set field 'key' (an upvalue index) of the table on top to integer 'v'. */
static void set_int(lua_State *L, int key, lua_Integer v)
{
    lua_pushvalue(L, lua_upvalueindex(key));
    lua_pushinteger(L, v);
    lua_rawset(L, -3);
}

/* Set field 'key' of the table on top to the 'len' bytes at 's'. */
static void set_text(lua_State *L, int key, const char *s, size_t len)
{
    lua_pushvalue(L, lua_upvalueindex(key));
    lua_pushlstring(L, s, len);
    lua_rawset(L, -3);
}

/* Push the canonical name of mention 'x'. */
static void push_canon(lua_State *L, const galley_doc *doc, const ltagger *t, size_t x)
{
    const galley_ner_mention *m = &t->res.m[x];
    const galley_ner_mention *c = &t->res.m[m->canon >= 0 ? (size_t)m->canon : x];
    if (c->alias >= 0) {
        size_t n;
        const char *a = galley_ner_alias(t->ner, c->alias, &n);
        lua_pushlstring(L, a, n);
    } else if (m->alias >= 0) {
        size_t n;
        const char *a = galley_ner_alias(t->ner, m->alias, &n);
        lua_pushlstring(L, a, n);
    } else {
        lua_pushlstring(L, doc->text + c->start, c->end - c->start);
    }
}

/* t:scan(doc [, what]) -> entities, quotes (what: "entities", "quotes", "all") */
static int tagger_scan(lua_State *L)
{
    static const char *const whats[] = {"entities", "quotes", "all", NULL};
    ltagger *t = totagger(L, 1);
    const galley_doc *doc = galley_l_checkfolded(L, 2);
    int w = luaL_checkoption(L, 3, "entities", whats);
    unsigned what = w == 0 ? GALLEY_NER_ENTITIES : w == 1 ? GALLEY_NER_QUOTES
        : GALLEY_NER_ENTITIES | GALLEY_NER_QUOTES;
    t->res.n = t->res.nq = 0;
    if (galley_ner_scan_folded(t->ner, doc->text, doc->len, &doc->tokens, &doc->folds,
                               what, &t->res))
        return luaL_error(L, "not enough memory");
    if (what & GALLEY_NER_ENTITIES) {
        lua_createtable(L, (int)t->res.n, 0);
        for (size_t x = 0; x < t->res.n; x++) {
            const galley_ner_mention *m = &t->res.m[x];
            int named = m->label == GALLEY_NER_PERSON || m->label == GALLEY_NER_L_ORG
                || m->label == GALLEY_NER_L_PLACE;
            /* sized for its fields: a canonical name, or the value
               galley.entities gives a DATE */
            lua_createtable(L, 0, named || m->label == GALLEY_NER_DATE ? 5 : 4);
            set_int(L, UV_START, m->start);
            set_int(L, UV_END, m->end);
            set_text(L, UV_TEXT, doc->text + m->start, m->end - m->start);
            lua_pushvalue(L, lua_upvalueindex(UV_LABEL));
            lua_pushvalue(L, lua_upvalueindex(UV_LABELS + m->label));
            lua_rawset(L, -3);
            if (named) {
                lua_pushvalue(L, lua_upvalueindex(UV_CANONICAL));
                push_canon(L, doc, t, x);
                lua_rawset(L, -3);
            }
            lua_rawseti(L, -2, (lua_Integer)x + 1);
        }
    } else {
        lua_pushnil(L);
    }
    if (what & GALLEY_NER_QUOTES) {
        lua_createtable(L, (int)t->res.nq, 0);
        for (size_t x = 0; x < t->res.nq; x++) {
            const galley_ner_quote *q = &t->res.q[x];
            lua_createtable(L, 0, 4);
            set_int(L, UV_START, q->start);
            set_int(L, UV_END, q->end);
            set_text(L, UV_TEXT, doc->text + q->start, q->end - q->start);
            if (q->speaker >= 0) {
                lua_pushvalue(L, lua_upvalueindex(UV_SPEAKER));
                push_canon(L, doc, t, (size_t)q->speaker);
                lua_rawset(L, -3);
            }
            lua_rawseti(L, -2, (lua_Integer)x + 1);
        }
    } else {
        lua_pushnil(L);
    }
    return 2;
}

static int tagger_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)galley_ner_count(totagger(L, 1)->ner));
    return 1;
}

static int tagger_tostring(lua_State *L)
{
    ltagger *t = luaL_checkudata(L, 1, TAGGER_MT);
    if (!t->ner)
        lua_pushliteral(L, "galley.Tagger (closed)");
    else
        lua_pushfstring(L, "galley.Tagger (%d entries)", (int)galley_ner_count(t->ner));
    return 1;
}

/* galley.tagger() */
static int l_tagger(lua_State *L)
{
    ltagger *t = lua_newuserdatauv(L, sizeof *t, 0);
    memset(t, 0, sizeof *t);
    luaL_setmetatable(L, TAGGER_MT);    /* empty first, so __gc is always safe */
    t->ner = galley_ner_new();
    if (!t->ner)
        return luaL_error(L, "not enough memory");
    return 1;
}

static const luaL_Reg tagger_meta[] = {
    {"__gc", tagger_gc},
    {"__close", tagger_gc},
    {"__len", tagger_len},
    {"__tostring", tagger_tostring},
    {NULL, NULL}
};

static const luaL_Reg tagger_methods[] = {
    {"add", tagger_add},
    {"add_list", tagger_add_list},
    {NULL, NULL}
};

/* Push scan with its upvalues (UV_*). */
static void push_scan(lua_State *L)
{
    for (size_t i = 0; i < sizeof record_keys / sizeof *record_keys; i++)
        lua_pushstring(L, record_keys[i]);
    for (int i = 0; i < GALLEY_NER_NLABELS; i++)
        lua_pushstring(L, galley_ner_label_names[i]);
    lua_pushcclosure(L, tagger_scan, UV_LABELS - 1 + GALLEY_NER_NLABELS);
}

void galley_l_open_ner(lua_State *L)
{
    if (luaL_newmetatable(L, TAGGER_MT)) {
        luaL_setfuncs(L, tagger_meta, 0);
        lua_newtable(L);
        luaL_setfuncs(L, tagger_methods, 0);
        push_scan(L);
        lua_setfield(L, -2, "scan");
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, l_tagger);
    lua_setfield(L, -2, "tagger");
}
