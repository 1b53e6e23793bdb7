/*
** l_rank.h: sentence graphs, keyphrases and corpus frequencies in Lua
** (galley.rank, see l_rank.c).
** Ownership: each Lua state has one galley_ranker (its vocabulary), kept in
** the registry; Graph, Idf and Keyphraser userdata own their C memory.
*/
#ifndef GALLEY_L_RANK_H
#define GALLEY_L_RANK_H

#include <lua.h>

/* Add galley.rank (a table of functions) to the module table at the top. */
void galley_l_open_rank(lua_State *L);

#endif
