/*
** fuzzy.h: approximate string comparison for names: Damerau-Levenshtein
** distance (the unrestricted kind, with adjacent transpositions that may
** be edited further) and Jaro-Winkler similarity, both on code points, and
** accent folding ("Nicolás" -> "Nicolas") for accent-insensitive keys.
** Input is UTF-8; an invalid byte counts as one U+FFFD code point.
** Ownership: nothing is kept between calls; results go to the caller's
** variables or galley_buf.
*/
#ifndef GALLEY_FUZZY_H
#define GALLEY_FUZZY_H

#include <stddef.h>

#include "buf.h"

/* Longest string galley_fuzzy_distance and galley_fuzzy_similarity take,
** in code points (the distance needs a table of length x length). */
#if !defined(GALLEY_FUZZY_MAX_LEN)
#define GALLEY_FUZZY_MAX_LEN 2048
#endif

/* Damerau-Levenshtein distance between 'a' and 'b' (insertions, deletions,
** substitutions and transpositions of adjacent code points, each costing
** 1; unlike the "optimal string alignment" variant, a transposed pair may
** be edited again: "CA" -> "ABC" is 2). Stores it in '*dist'. Returns 0,
** GALLEY_ELIMIT ("string too long (limit is 2048 code points)") or
** GALLEY_ENOMEM, with the message appended to 'err' when not NULL. */
int galley_fuzzy_distance(const char *a, size_t alen, const char *b, size_t blen,
                          size_t *dist, galley_buf *err);

/* Jaro-Winkler similarity of 'a' and 'b' in [0, 1] (1: equal), with
** Winkler's prefix scale 0.1 over at most 4 code points, applied when the
** Jaro similarity exceeds 0.7. Two empty strings are equal (1); an empty
** and a non-empty one score 0. Returns as galley_fuzzy_distance. */
int galley_fuzzy_similarity(const char *a, size_t alen, const char *b, size_t blen,
                            double *sim, galley_buf *err);

/* Append 's' without its accents to 'out': each character is decomposed
** (canonical decomposition) and the marks from the combining diacritical
** blocks (U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF, U+FE20-FE2F)
** are dropped; a few Latin letters with a stroke fold to their base
** (ø, ł, đ, ħ, ŧ and dotless ı). Characters that lose no mark are kept as
** they are, so Hangul, Arabic and Indic text pass unchanged. Invalid bytes
** become U+FFFD. Case is kept. Returns 0 or GALLEY_ENOMEM. */
int galley_fuzzy_fold_accents(const char *s, size_t len, galley_buf *out);

#endif
