/*
** read.h: input. Walks the paths given on the command line (files, folders
** walked recursively in sorted order, "-" for standard input) and yields
** one raw document at a time: the bytes of a .txt or .md file, one item of
** a .json file, one line of a .jsonl file. It does not clean text (text.h)
** and knows nothing of Lua.
** Ownership: galley_input_next fills a galley_source the caller releases
** with galley_source_free; the galley_input owns its walk state.
*/
#ifndef GALLEY_READ_H
#define GALLEY_READ_H

#include "buf.h"
#include "value.h"

#include <stddef.h>

/* Largest document, in bytes (a whole text file or one JSON Lines line). */
#if !defined(GALLEY_READ_MAX)
#define GALLEY_READ_MAX ((size_t)256 << 20)
#endif

/* Bytes looked at for NUL bytes before a file is refused as binary. */
#define GALLEY_BINARY_PROBE 1024

typedef enum { GALLEY_SRC_TEXT, GALLEY_SRC_MARKDOWN, GALLEY_SRC_JSON } galley_src_kind;

typedef struct galley_source {
    char *path;             /* "seeds/a.txt", "news.jsonl:12" (line), "a.json:3" (item), "-" */
    char *text;             /* raw bytes, owned, NUL-terminated */
    size_t len;
    galley_val meta;        /* object: the JSON fields other than the text */
    galley_src_kind kind;
} galley_source;

typedef struct galley_input_opts {
    const char *const *include;     /* globs a walked file's name must match (any) */
    size_t ninclude;
    const char *const *exclude;     /* globs that leave a walked file or folder out */
    size_t nexclude;
} galley_input_opts;

typedef struct galley_input galley_input;

/* Start reading 'paths' (not copied: they must outlive the input).
** Returns 0 or GALLEY_ENOMEM. 'opts' may be NULL. */
int galley_input_open(galley_input **in, const char *const *paths, size_t n,
                      const galley_input_opts *opts);

/* Next document: returns 1 with 'src' filled, 0 at the end, or GALLEY_EIO /
** GALLEY_EINVAL / GALLEY_ENOMEM with 'err' set to "PATH: what went wrong"
** (one bad file or line; call again to go on). */
int galley_input_next(galley_input *in, galley_source *src, galley_buf *err);

void galley_input_close(galley_input *in);
void galley_source_free(galley_source *src);

/* 1 when 'name' has an extension galley reads in walked folders. */
int galley_input_known(const char *name);

#endif
