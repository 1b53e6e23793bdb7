/*
** doc.h: the document model. A galley_doc is the cleaned text of one
** article (text.h) with its title, path and metadata. Positions everywhere
** are byte offsets into 'text'. A title line found at the top of a text file
** is taken out of the body: 'text' starts after it.
** Ownership: a galley_doc owns its text, title, path and meta; it takes the
** meta of the source it is made from. galley_doc_free releases all of it.
*/
#ifndef GALLEY_DOC_H
#define GALLEY_DOC_H

#include "read.h"
#include "sent.h"
#include "text.h"
#include "token.h"
#include "value.h"

#include <stddef.h>

typedef struct galley_doc {
    char *text;                 /* cleaned body, NUL-terminated */
    size_t len;
    char *title;                /* NULL when the article has none */
    size_t title_len;
    char *path;                 /* NULL for documents made from Lua */
    galley_val meta;            /* object: fields from JSON input */
    galley_text_stats stats;    /* what cleaning changed */
    /* analysis, made once by galley_doc_analyze */
    int analyzed;
    galley_tokens tokens;
    galley_spans sents, paras;
    /* case-folded tokens, made once by galley_doc_fold */
    int folded;
    galley_folds folds;
} galley_doc;

/* Make a document of the raw 'text' (cleaned here). 'path' may be NULL.
** Title detection runs when 'detect_title' is set. Returns 0, or
** GALLEY_ENOMEM / GALLEY_ELIMIT (text over GALLEY_MAX_DOC). */
int galley_doc_new(galley_doc **out, const char *text, size_t len,
                   const char *path, int detect_title);

/* Make a document of what the reader produced. The source's meta moves into
** the document (it is left null); a JSON "title" field becomes the title
** (and stays in meta); text and Markdown files get title detection, a
** Markdown "# Heading" first line counting as a title. */
int galley_doc_from_source(galley_doc **out, galley_source *src);

/* Tokenize the text and split it into sentences and paragraphs, once;
** later calls return at once. Returns 0 or GALLEY_ENOMEM. */
int galley_doc_analyze(galley_doc *doc);

/* Analyze the document and fold its tokens (doc->folds), once: the entity
** scanner and the ranker both look every word up. Returns 0 or
** GALLEY_ENOMEM. */
int galley_doc_fold(galley_doc *doc);

void galley_doc_free(galley_doc *doc);

#endif
