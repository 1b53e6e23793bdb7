/*
** l_doc.h: the Lua face of documents ("galley.Doc"), tokens and spans.
** A Doc userdata owns its galley_doc; tokens and spans are views that keep
** their Doc alive through a user value.
*/
#ifndef GALLEY_L_DOC_H
#define GALLEY_L_DOC_H

#include "doc.h"
#include "token.h"

#include <lua.h>

/* Push a Doc for 'doc', which it owns from now on. Raises on no memory
** (and then frees 'doc'). */
void galley_l_pushdoc(lua_State *L, galley_doc *doc);

/* The galley_doc of the Doc at 'idx' (raises when it is not an open Doc). */
galley_doc *galley_l_checkdoc(lua_State *L, int idx);

/* The document of the Doc at 'idx', tokenized and split into sentences
** (raises when it is not an open Doc, or on no memory). */
const galley_doc *galley_l_checkanalyzed(lua_State *L, int idx);

/* galley_l_checkanalyzed with the tokens case-folded too (doc->folds). */
const galley_doc *galley_l_checkfolded(lua_State *L, int idx);

/* Push a Span of bytes [start, end) (0-based, half-open) of the Doc at
** 'docidx', with attribute "label" when 'label' is not NULL. */
void galley_l_pushspan(lua_State *L, int docidx, size_t start, size_t end,
                       const char *label);

/* Free the Doc's document now; later use raises "document is closed". */
void galley_l_closedoc(lua_State *L, int idx);

/* Fill the record table at 'rec' with "path" and "id" from the Doc at
** 'docidx' when the record lacks them. Returns 0. */
int galley_l_docfill(lua_State *L, int docidx, int rec);

/* What JSON shows of a Token, a token list or a Span (their __tojson),
** read without building a table. */
enum { GALLEY_L_TOKEN = 1, GALLEY_L_TOKENS, GALLEY_L_SPAN };

typedef struct galley_l_view {
    int type;                   /* GALLEY_L_TOKEN, _TOKENS or _SPAN */
    const char *text;           /* the document's text */
    size_t start, end;          /* Token, Span: bytes, 0-based, half-open */
    const galley_token *tokens; /* Token: itself; token list: its first */
    size_t ntokens;             /* token list: its length */
} galley_l_view;

/* When the value at 'idx' is a Token, a token list or a Span of an open
** document, and 'fn' (a stack index) holds its type's own __tojson (not
** one a script put in its place), fill 'v' and return 1; for a Span, also
** push its attribute table (or nil). Else return 0 and push nothing.
** Never raises. */
int galley_l_toview(lua_State *L, int idx, int fn, galley_l_view *v);

/* Add galley.document and the Doc metatable to the module table at the top. */
void galley_l_open_doc(lua_State *L);

#endif
