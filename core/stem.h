/*
** stem.h: word stems from the Snowball stemmers of libstemmer, one
** stemmer per language.
** Ownership: the caller owns each galley_stemmer and frees it with
** galley_stemmer_free. A stemmer keeps state between calls, so one object
** must not be used by two threads at once: make one per worker thread.
*/
#ifndef GALLEY_STEM_H
#define GALLEY_STEM_H

#include "buf.h"

#include <stddef.h>

typedef struct galley_stemmer galley_stemmer;

/* Make a stemmer for language 'lang': an ISO 639 code ("en", "es") or a
** Snowball algorithm name ("english", "porter"). Returns 0 with '*out' set,
** GALLEY_EINVAL when libstemmer has no such language, or GALLEY_ENOMEM. */
int galley_stemmer_new(const char *lang, galley_stemmer **out);

/* Append to 'out' the stem of the word 'w' ('n' bytes of UTF-8), which is
** case-folded first (Snowball stemmers expect lower case). Returns 0 or
** GALLEY_ENOMEM. */
int galley_stemmer_stem(galley_stemmer *st, const char *w, size_t n,
                        galley_buf *out);

/* The language the stemmer was made for, as given to galley_stemmer_new. */
const char *galley_stemmer_lang(const galley_stemmer *st);

void galley_stemmer_free(galley_stemmer *st);

#endif
