/*
** check.h: the unit tests' whole framework. CHECK(cond) counts and reports
** a failed condition with its line; check_done() prints the tally and gives
** the exit status (0 when every check passed).
*/
#ifndef GALLEY_CHECK_H
#define GALLEY_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond) do { \
    if (cond) check_pass++; \
    else { check_fail++; fprintf(stderr, "%s:%d: check failed: %s\n", \
                                 __FILE__, __LINE__, #cond); } \
} while (0)

/* Compare a byte string with an expected C string, showing both on failure. */
#define CHECK_STR(got, glen, want) do { \
    const char *g_ = (got); size_t gl_ = (glen); const char *w_ = (want); \
    if (g_ && gl_ == strlen(w_) && memcmp(g_, w_, gl_) == 0) check_pass++; \
    else { check_fail++; fprintf(stderr, "%s:%d: got \"%.*s\", want \"%s\"\n", \
                                 __FILE__, __LINE__, g_ ? (int)gl_ : 6, \
                                 g_ ? g_ : "(null)", w_); } \
} while (0)

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_pass, check_fail);
    return check_fail ? 1 : 0;
}

#endif
