/*
** l_galley.h: the "galley" Lua module (what require "galley" returns).
*/
#ifndef GALLEY_L_GALLEY_H
#define GALLEY_L_GALLEY_H

#include <lua.h>

int luaopen_galley(lua_State *L);

#endif
