/*
** buf.h: a growable byte buffer. The buffer owns 's'; it is always
** NUL-terminated after a successful add, so 's' can be used as a C string
** when the content has no NUL. A zeroed galley_buf is a valid empty buffer.
*/
#ifndef GALLEY_BUF_H
#define GALLEY_BUF_H

#include <stddef.h>

typedef struct galley_buf {
    char *s;
    size_t len, cap;
} galley_buf;

/* Make room for 'n' more bytes; returns 0 or GALLEY_ENOMEM. */
int galley_buf_reserve(galley_buf *b, size_t n);
/* Append 'n' bytes of 's'; returns 0 or GALLEY_ENOMEM. */
int galley_buf_add(galley_buf *b, const char *s, size_t n);
/* Append the C string 's'. */
int galley_buf_adds(galley_buf *b, const char *s);
/* Append one byte. */
int galley_buf_addc(galley_buf *b, char c);
/* Append printf-formatted text. */
int galley_buf_printf(galley_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the content to the caller (who frees it) and reset the buffer. */
char *galley_buf_take(galley_buf *b, size_t *len);
void galley_buf_free(galley_buf *b);

/* Grow the array '*p' of '*cap' items of 'size' bytes so that it holds at
** least 'need' items (capacity doubles from 16). Returns 0 or GALLEY_ENOMEM,
** leaving '*p' and '*cap' as they were. */
int galley_grow(void **p, size_t *cap, size_t need, size_t size);

#endif
