/*
** galley.h: status codes, version and limits shared by every core module.
** Core modules never exit and never print; they return a status and leave
** reporting to the caller (the CLI or a Lua binding).
*/
#ifndef GALLEY_H
#define GALLEY_H

#include <stddef.h>
#include <stdint.h>

#define GALLEY_VERSION "0.1.0"

/* Status codes returned by core functions (0 is success). */
enum {
    GALLEY_OK = 0,
    GALLEY_ENOMEM = -1,   /* an allocation failed */
    GALLEY_EINVAL = -2,   /* bad argument or malformed input */
    GALLEY_EIO = -3,      /* a read or write failed; see errno */
    GALLEY_ELIMIT = -4    /* a documented limit was exceeded */
};

/* Largest document the core accepts, in bytes (offsets are 32-bit). */
#if !defined(GALLEY_MAX_DOC)
#define GALLEY_MAX_DOC ((size_t)1 << 30)
#endif

#endif
