/*
** l_galley.h: the "galley" Lua module (what require "galley" returns).
*/
#ifndef GALLEY_L_GALLEY_H
#define GALLEY_L_GALLEY_H

#include <lua.h>
#include <lauxlib.h>

int luaopen_galley(lua_State *L);

/* Make metatable 'name' of a userdata type with 'meta'; 'methods' (or
** NULL) go in its "methods" field and, unless 'meta' has __index, in
** __index. Shared by the binding files. */
void galley_l_newtype(lua_State *L, const char *name, const luaL_Reg *meta,
                      const luaL_Reg *methods);

#endif
