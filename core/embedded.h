/*
** embedded.h: the Lua sources compiled into galley (build/embedded.c is
** generated from scripts/ by core/embed.lua). Modules are scripts/lib/x.lua
** as "galley.x"; scripts are the stock pipelines scripts/x.lua as "x".
*/
#ifndef GALLEY_EMBEDDED_H
#define GALLEY_EMBEDDED_H

#include <stddef.h>

typedef struct galley_embedded {
    const char *name;       /* "galley.show", "digest" */
    const char *file;       /* "show.lua": the chunk name in messages */
    const char *source;
    size_t len;
} galley_embedded;

/* Both lists end with an entry whose name is NULL. */
extern const galley_embedded galley_embedded_modules[];
extern const galley_embedded galley_embedded_scripts[];

/* The entry named 'name' in 'list' (a trailing ".lua" is ignored), or NULL. */
const galley_embedded *galley_embedded_find(const galley_embedded *list,
                                            const char *name);

#endif
