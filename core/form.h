/*
** form.h: forms of a token's text used for matching and features: the
** case-folded form (libunistring u8_casefold, with an ASCII fast path) and
** the shape ("Xxxx" for "Rubio", "dd" for "20", "X.X." for "U.S.").
** Ownership: results are appended to a galley_buf the caller owns.
*/
#ifndef GALLEY_FORM_H
#define GALLEY_FORM_H

#include "buf.h"

#include <stddef.h>

/* Longest run of one shape character kept ("Xxxx" for "Washington"). */
#define GALLEY_SHAPE_RUN 4

/* Append the case-folded form of 's' ('n' bytes of UTF-8) to 'out'.
** Returns 0 or GALLEY_ENOMEM. */
int galley_form_lower(const char *s, size_t n, galley_buf *out);

/* Append the shape of 's': upper-case letters become X, other letters x,
** digits d, everything else is kept; runs longer than GALLEY_SHAPE_RUN of
** one character are cut. Returns 0 or GALLEY_ENOMEM. */
int galley_form_shape(const char *s, size_t n, galley_buf *out);

#endif
