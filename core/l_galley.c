/*
** l_galley.c: the "galley" module table. Gathers what each binding file
** adds (documents, JSON, matchers) and installs a package searcher for the
** Lua library embedded at build time, so that require "galley.x" works in
** galley and in the stock lua5.4 interpreter alike.
*/
#include "embedded.h"
#include "galley.h"
#include "l_doc.h"
#include "l_galley.h"
#include "l_json.h"
#include "l_match.h"
#include "l_ner.h"
#include "l_rank.h"

#include <lauxlib.h>
#include <string.h>

/* package.searchers entry: finds "galley.x" among the embedded modules. */
static int search_embedded(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    const galley_embedded *m = galley_embedded_find(galley_embedded_modules, name);
    if (!m) {
        lua_pushfstring(L, "no embedded module '%s'", name);
        return 1;
    }
    lua_pushfstring(L, "=%s", m->file);
    if (luaL_loadbuffer(L, m->source, m->len, lua_tostring(L, -1)) != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, m->file);
    return 2;
}

/* Put search_embedded right after the preload searcher, once per state. */
static void add_searcher(lua_State *L)
{
    if (lua_getglobal(L, "package") != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    lua_getfield(L, -1, "searchers");
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        int found = lua_tocfunction(L, -1) == search_embedded;
        lua_pop(L, 1);
        if (found) {
            lua_pop(L, 2);
            return;
        }
    }
    for (lua_Integer i = n; i >= 2; i--) {
        lua_rawgeti(L, -1, i);
        lua_rawseti(L, -2, i + 1);
    }
    lua_pushcfunction(L, search_embedded);
    lua_rawseti(L, -2, 2);
    lua_pop(L, 2);
}

/* Make metatable 'name' with 'meta'; 'methods' go in "methods" and, unless
** __index is in 'meta', in __index too. */
void galley_l_newtype(lua_State *L, const char *name, const luaL_Reg *meta,
                      const luaL_Reg *methods)
{
    if (!luaL_newmetatable(L, name)) {
        lua_pop(L, 1);
        return;
    }
    luaL_setfuncs(L, meta, 0);
    if (methods) {
        lua_newtable(L);
        luaL_setfuncs(L, methods, 0);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, "methods");
        if (lua_getfield(L, -2, "__index") == LUA_TNIL) {
            lua_pop(L, 1);
            lua_setfield(L, -2, "__index");
        } else {
            lua_pop(L, 2);
        }
    }
    lua_pop(L, 1);
}

int luaopen_galley(lua_State *L)
{
    lua_newtable(L);
    lua_pushliteral(L, GALLEY_VERSION);
    lua_setfield(L, -2, "version");
    galley_l_open_json(L);
    lua_setfield(L, -2, "json");
    galley_l_open_doc(L);
    galley_l_open_match(L);
    galley_l_open_ner(L);
    galley_l_open_rank(L);
    add_searcher(L);
    return 1;
}
