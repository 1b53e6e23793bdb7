/*
** regex.h: Unicode regular expressions on PCRE2 (8-bit library, UTF and
** UCP, JIT when the library has it). Subjects may hold invalid UTF-8
** (PCRE2_MATCH_INVALID_UTF): bad bytes never match a character and never
** crash. Every match runs under match, depth and heap limits, so a
** pathological pattern fails with GALLEY_ELIMIT instead of hanging.
** Ownership: a galley_regex is reference counted; galley_regex_compile and
** galley_regex_cache_get hand out one reference that the caller drops with
** galley_regex_free. A regex keeps one match-data block: captures read with
** galley_regex_capture are those of the last galley_regex_exec or
** galley_regex_next on that regex. Objects belong to one thread.
*/
#ifndef GALLEY_REGEX_H
#define GALLEY_REGEX_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Longest pattern accepted, in bytes. */
#if !defined(GALLEY_REGEX_MAX_PATTERN)
#define GALLEY_REGEX_MAX_PATTERN 65536
#endif

/* Default PCRE2 match limit (calls of its internal match function). */
#if !defined(GALLEY_REGEX_MATCH_LIMIT)
#define GALLEY_REGEX_MATCH_LIMIT 10000000u
#endif

/* Default PCRE2 depth limit (nested backtracking frames; interpreter only). */
#if !defined(GALLEY_REGEX_DEPTH_LIMIT)
#define GALLEY_REGEX_DEPTH_LIMIT 100000u
#endif

/* PCRE2 heap limit for backtracking frames, in KiB (interpreter only). */
#if !defined(GALLEY_REGEX_HEAP_LIMIT)
#define GALLEY_REGEX_HEAP_LIMIT 65536u
#endif

/* Largest JIT stack a regex may grow to, in bytes. */
#if !defined(GALLEY_REGEX_JIT_STACK)
#define GALLEY_REGEX_JIT_STACK (1024u * 1024u)
#endif

/* Compile flags (letters as in the flags string). */
enum {
    GALLEY_RX_ICASE = 1 << 0,       /* 'i': caseless (Unicode case folding) */
    GALLEY_RX_MULTILINE = 1 << 1,   /* 'm': ^ and $ match at line breaks */
    GALLEY_RX_DOTALL = 1 << 2,      /* 's': . matches a newline */
    GALLEY_RX_EXTENDED = 1 << 3     /* 'x': whitespace and # comments ignored */
};

typedef struct galley_regex galley_regex;

/* Parse a flags string such as "im" ('len' bytes) into '*flags'. Returns 0,
** or GALLEY_EINVAL with "unknown regex flag 'q'" in 'err' (appended). */
int galley_regex_flags(const char *s, size_t len, unsigned *flags, galley_buf *err);

/* Compile 'pat' ('len' bytes of UTF-8). On success '*out' holds a new
** regex (one reference) and 0 is returned. On failure returns
** GALLEY_EINVAL (bad pattern: "missing closing parenthesis at offset 4"),
** GALLEY_ELIMIT (pattern too long) or GALLEY_ENOMEM, with the message
** appended to 'err' when 'err' is not NULL. */
int galley_regex_compile(const char *pat, size_t len, unsigned flags,
                         galley_regex **out, galley_buf *err);
/* Take one more reference to 're'; returns 're'. */
galley_regex *galley_regex_ref(galley_regex *re);
/* Drop one reference; the last one frees the regex. NULL is a no-op. */
void galley_regex_free(galley_regex *re);

/* Set the match and depth limits of 're' (0 keeps the default). */
void galley_regex_limits(galley_regex *re, uint32_t match, uint32_t depth);

/* The pattern and flags 're' was compiled from. */
const char *galley_regex_pattern(const galley_regex *re, size_t *len);
unsigned galley_regex_flagbits(const galley_regex *re);
/* Whether the JIT compiled 're'. */
int galley_regex_jit(const galley_regex *re);

/* Number of capture groups, not counting group 0 (the whole match). */
size_t galley_regex_groups(const galley_regex *re);
/* Number of named groups. */
size_t galley_regex_names(const galley_regex *re);
/* Named group 'i' (0-based, in name order): returns its NUL-terminated
** name and stores its group number in '*group'; NULL when out of range. */
const char *galley_regex_name(const galley_regex *re, size_t i, size_t *group);
/* Group number of the group called 'name' ('len' bytes), or -1. */
int galley_regex_group(const galley_regex *re, const char *name, size_t len);

/* Search 's' ('len' bytes) from byte 'start' with extra PCRE2 match
** options 'opts' (0, or PCRE2_ANCHORED, PCRE2_NOTEMPTY_ATSTART...).
** Returns 1 on a match (captures readable), 0 when there is none, or
** GALLEY_ELIMIT ("regex match limit exceeded (limit is 10000000)"),
** GALLEY_EINVAL or GALLEY_ENOMEM with the message appended to 'err'. */
int galley_regex_exec(galley_regex *re, const char *s, size_t len, size_t start,
                      uint32_t opts, galley_buf *err);
/* Byte range of group 'i' of the last match, half-open. Returns 1 when the
** group took part in the match, 0 when it did not or 'i' is out of range. */
int galley_regex_capture(const galley_regex *re, size_t i, size_t *start, size_t *end);

/* ---------------------------------------------------------------------
** Iterating over the matches of a subject, left to right. After an empty
** match the next one may not be empty at the same place (Perl's rule), so
** "x*" over "ab" gives three empty matches, at 0, 1 and 2.
*/
typedef struct galley_regex_iter {
    galley_regex *re;           /* not owned */
    const char *s;              /* not owned */
    size_t len;
    size_t pos;                 /* where the next search starts */
    int notempty;               /* the last match was empty at 'pos' */
    int done;
} galley_regex_iter;

/* Start iterating 're' over 's' ('len' bytes) from byte 'start'. */
void galley_regex_iter_init(galley_regex_iter *it, galley_regex *re,
                            const char *s, size_t len, size_t start);
/* Find the next match: 1 (captures readable through galley_regex_capture),
** 0 at the end, or an error status as galley_regex_exec. */
int galley_regex_next(galley_regex_iter *it, galley_buf *err);

/* ---------------------------------------------------------------------
** A compile cache: regexes keyed by pattern and flags, at most 'cap' of
** them, least recently used dropped first. The cache holds a reference
** to each regex it keeps, so a regex handed out stays valid after its
** eviction until the caller frees it.
*/
typedef struct galley_regex_cache galley_regex_cache;

/* Default capacity of a cache. */
#if !defined(GALLEY_REGEX_CACHE_SIZE)
#define GALLEY_REGEX_CACHE_SIZE 64
#endif

/* New cache keeping up to 'cap' regexes (0: GALLEY_REGEX_CACHE_SIZE);
** NULL on no memory. */
galley_regex_cache *galley_regex_cache_new(size_t cap);
void galley_regex_cache_free(galley_regex_cache *c);
/* Number of regexes held. */
size_t galley_regex_cache_count(const galley_regex_cache *c);
/* As galley_regex_compile, served from the cache when the same pattern
** and flags were compiled before. '*out' carries one reference for the
** caller. Failed compilations are not cached. */
int galley_regex_cache_get(galley_regex_cache *c, const char *pat, size_t len,
                           unsigned flags, galley_regex **out, galley_buf *err);

#endif
