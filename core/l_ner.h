/*
** l_ner.h: the entity and quote scanner in Lua ("galley.Tagger", see l_ner.c).
** Ownership: a Tagger userdata owns its galley_ner and its last result.
*/
#ifndef GALLEY_L_NER_H
#define GALLEY_L_NER_H

#include <lua.h>

/* Add galley.tagger and the Tagger metatable to the module table at the top. */
void galley_l_open_ner(lua_State *L);

#endif
