/*
** l_match.h: the matchers in Lua: galley.regex ("galley.Regex"),
** galley.phrases ("galley.Phrases"), galley.pattern ("galley.Pattern"),
** and the fuzzy helpers galley.distance, galley.similarity,
** galley.unaccent and galley.link_names.
** Ownership: each matcher userdata owns its C object; the Lua values it
** needs (labels, ids) live in its user values.
*/
#ifndef GALLEY_L_MATCH_H
#define GALLEY_L_MATCH_H

#include <lua.h>

/* Add the matcher functions to the module table at the top of the stack. */
void galley_l_open_match(lua_State *L);

#endif
