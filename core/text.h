/*
** text.h: input cleaning. Turns raw bytes into the text every other module
** sees: valid UTF-8 (invalid bytes and NULs become U+FFFD and are counted),
** no byte order mark, LF line ends only, NFC (libunistring uninorm.h).
** ASCII-only input without CR takes a fast path that only copies.
** It also finds a title line (DESIGN.md: a short first line without a final
** stop, followed by a blank line).
*/
#ifndef GALLEY_TEXT_H
#define GALLEY_TEXT_H

#include "buf.h"

#include <stddef.h>

/* A title line is at most this many bytes. */
#if !defined(GALLEY_TITLE_MAX)
#define GALLEY_TITLE_MAX 200
#endif

typedef struct galley_text_stats {
    size_t invalid;         /* invalid UTF-8 sequences and NUL bytes replaced */
    size_t first_invalid;   /* byte offset of the first one in the raw input */
    int bom;                /* a byte order mark was dropped */
    int normalized;         /* NFC changed the text */
} galley_text_stats;

/* Clean 'len' bytes of 's' into 'out' (replacing its content). Returns 0 or
** GALLEY_ENOMEM; 'st' (may be NULL) receives what was changed. */
int galley_text_clean(const char *s, size_t len, galley_buf *out,
                      galley_text_stats *st);

/* 1 when the first 'probe' bytes of 's' contain a NUL byte (binary file). */
int galley_text_is_binary(const char *s, size_t len, size_t probe);

/* Find a title line at the start of cleaned text 's': returns its length
** (>0, surrounding blanks trimmed) with its offset in '*start', and sets
** '*body' to the offset where the body starts (after the blank lines);
** returns 0 when the text has no title line. */
size_t galley_text_title(const char *s, size_t len, size_t *start,
                         size_t *body);

/* Bytes of the UTF-8 sequence starting at 's' (at most 'len'), or 0 when
** it is not a valid, shortest-form sequence. */
size_t galley_utf8_seq(const unsigned char *s, size_t len);

/* Bytes of the maximal invalid subpart at 's' (where galley_utf8_seq gave
** 0): a lead byte with the continuation bytes that still fit it, or one
** byte. Each such subpart becomes one U+FFFD (Unicode chapter 3). */
size_t galley_utf8_invalid(const unsigned char *s, size_t len);

#endif
