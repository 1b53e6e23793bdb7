/*
** l_json.h: Lua values <-> galley_val, and the galley.json table.
** Ownership: galley_l_toval gives the caller a tree it must free with
** galley_val_free; galley_l_pushval copies, the caller keeps its tree.
**
** Lua to plain data (galley_l_toval), the rules json.encode follows:
** - nil and galley.json.null -> null; booleans; strings as bytes (the JSON
**   encoder later repairs invalid UTF-8); integers (math.type "integer")
**   -> GALLEY_INT, floats -> GALLEY_NUM; NaN and infinities are errors.
** - A table is an array when its keys are exactly 1..n (n > 0), or when it
**   is empty and carries the json.array marker; an object when all its
**   keys are strings, or when it is empty and carries the json.object
**   marker. An empty table without a marker is an empty array. A marker
**   also decides which keys are allowed: string keys in a json.array
**   table, integer keys in a json.object table are errors.
** - Errors, each naming the key: mixed string and integer keys, integer
**   keys that are not 1..n, keys of other types, a table inside itself,
**   nesting deeper than GALLEY_JSON_MAXDEPTH, functions, threads and
**   userdata ("cannot encode a function (at key 'x')").
** - A table or userdata whose metatable has __tojson is replaced by what
**   __tojson(value) returns, converted by these same rules (Span and Token
**   objects do this).
** - Object members come out in a stable order: "id", "path", "title",
**   "label", "start", "end", "text" first when present, then the other
**   keys in bytewise order.
**
** Plain data to Lua (galley_l_pushval): null -> galley.json.null; an
** object -> a table (an empty one gets the json.object marker, so that
** {} decodes and encodes back to {}); an array -> a sequence (an empty
** one is a plain empty table, which encodes as []). Among duplicate
** member names the first wins, as galley_val_get finds it.
**
** galley.json.null is a light userdata (the address of a static byte), so
** it is the same value in every Lua state of the process.
*/
#ifndef GALLEY_L_JSON_H
#define GALLEY_L_JSON_H

#include "buf.h"
#include "value.h"

#include <lua.h>

/* Convert the value at 'idx' into 'out' (which the caller then owns).
** Returns 0; or GALLEY_EINVAL, GALLEY_ENOMEM with a message in 'err'
** ('errsize' bytes; may be NULL) and 'out' null. An error raised by a
** __tojson metamethod is caught and returned as GALLEY_EINVAL; only a Lua
** memory error can escape, and then nothing leaks. Leaves the stack as
** it was. */
int galley_l_toval(lua_State *L, int idx, galley_val *out, char *err,
                   size_t errsize);

/* Append the compact JSON text of the value at 'idx' to 'out': the same
** bytes as galley_l_toval followed by galley_json_encode, without the tree
** (Token, token list and Span objects are read directly). Returns 0; or
** GALLEY_EINVAL, GALLEY_ENOMEM with the message galley_l_toval gives in
** 'err' ('errsize' bytes; may be NULL) and 'out' as it was. A refused
** value is converted again by galley_l_toval to find the message, so a
** __tojson metamethod may then run twice. Leaves the stack as it was. */
int galley_l_tojson(lua_State *L, int idx, galley_buf *out, char *err,
                    size_t errsize);

/* Push 'v' as a Lua value (raises on no memory). */
void galley_l_pushval(lua_State *L, const galley_val *v);

/* Push the galley.json table: encode, decode, null, object, array.
** Returns 1. */
int galley_l_open_json(lua_State *L);

#endif
