/*
** l_doc.c: documents in Lua ("galley.Doc"). A Doc owns its galley_doc
** (doc.h); its user value is a cache table for values built once (meta).
** Fields read like a table (doc.text, doc.title, doc.path, doc.meta);
** methods sit in the metatable's method table.
*/
#include "galley.h"
#include "l_doc.h"
#include "l_json.h"

#include <lauxlib.h>
#include <string.h>

#define DOC_MT "galley.Doc"

typedef struct ldoc {
    galley_doc *doc;
} ldoc;

static ldoc *todoc(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, DOC_MT);
}

galley_doc *galley_l_checkdoc(lua_State *L, int idx)
{
    ldoc *d = todoc(L, idx);
    if (!d->doc)
        luaL_error(L, "document is closed (documents live only during their process call)");
    return d->doc;
}

void galley_l_pushdoc(lua_State *L, galley_doc *doc)
{
    ldoc *d = lua_newuserdatauv(L, sizeof *d, 1);
    d->doc = NULL;
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

/* Push the document's meta as a table, built once and cached. */
static void push_meta(lua_State *L, int idx, const galley_doc *doc)
{
    lua_getiuservalue(L, idx, 1);
    if (lua_getfield(L, -1, "meta") == LUA_TNIL) {
        lua_pop(L, 1);
        galley_l_pushval(L, &doc->meta);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, "meta");
    }
    lua_remove(L, -2);
}

static void push_opt_string(lua_State *L, const char *s, size_t n)
{
    if (s)
        lua_pushlstring(L, s, n);
    else
        lua_pushnil(L);
}

static int doc_index(lua_State *L)
{
    galley_doc *doc = galley_l_checkdoc(L, 1);
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "text") == 0)
        lua_pushlstring(L, doc->text, doc->len);
    else if (strcmp(key, "title") == 0)
        push_opt_string(L, doc->title, doc->title_len);
    else if (strcmp(key, "path") == 0)
        push_opt_string(L, doc->path, doc->path ? strlen(doc->path) : 0);
    else if (strcmp(key, "meta") == 0)
        push_meta(L, 1, doc);
    else {
        luaL_getmetafield(L, 1, "methods");
        lua_getfield(L, -1, key);
    }
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
    {"__gc", doc_gc},
    {"__close", doc_gc},
    {"__tostring", doc_tostring},
    {NULL, NULL}
};

static const luaL_Reg doc_methods[] = {
    {NULL, NULL}
};

void galley_l_open_doc(lua_State *L)
{
    if (luaL_newmetatable(L, DOC_MT)) {
        luaL_setfuncs(L, doc_meta, 0);
        luaL_newlib(L, doc_methods);
        lua_setfield(L, -2, "methods");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, l_document);
    lua_setfield(L, -2, "document");
}
