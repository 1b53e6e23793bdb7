/*
** phrase.h: a phrase matcher over token keys, in the manner of spaCy's
** PhraseMatcher. An entry is a sequence of keys (one per token: the
** case-folded text, the exact text, an accent-free form or a stem, as the
** caller decides) with an integer payload (the caller's label index).
** Keys are interned to 32-bit ids; entries form a trie over ids whose
** edges live in one hash table, so finding matches costs the same with a
** thousand entries or a million.
** Ownership: a galley_phrase copies every key it keeps; the caller owns
** the key arrays it passes and the galley_phrase_matches it fills, and
** releases them with galley_phrase_matches_free. One thread at a time.
*/
#ifndef GALLEY_PHRASE_H
#define GALLEY_PHRASE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Longest entry, in tokens. */
#if !defined(GALLEY_PHRASE_MAX_TOKENS)
#define GALLEY_PHRASE_MAX_TOKENS 64
#endif

/* Id of a key that no entry uses. */
#define GALLEY_PHRASE_NONE UINT32_MAX

/* One key: 'len' bytes at 's' (not NUL-terminated, may be empty). */
typedef struct galley_phrase_key {
    const char *s;
    size_t len;
} galley_phrase_key;

typedef struct galley_phrase galley_phrase;

/* A match: tokens [start, end) of the searched sequence, and the payload
** of the entry. A span matched by entries with several payloads gives one
** match per payload, in increasing payload order. */
typedef struct galley_phrase_match {
    uint32_t start, end;
    int32_t payload;
} galley_phrase_match;

typedef struct galley_phrase_matches {
    galley_phrase_match *m;
    size_t n, cap;
} galley_phrase_matches;

/* Search modes. */
enum {
    GALLEY_PHRASE_LONGEST = 0,  /* leftmost-longest, non-overlapping */
    GALLEY_PHRASE_ALL = 1       /* every match, overlapping; by start, then end */
};

/* New empty matcher, or NULL on no memory. */
galley_phrase *galley_phrase_new(void);
void galley_phrase_free(galley_phrase *pm);

/* Add the entry 'keys' ('n' keys) with 'payload' (>= 0). Returns 1 when
** added, 0 when that entry with that payload was there already, or
** GALLEY_EINVAL ("empty phrase", "negative payload"), GALLEY_ELIMIT
** ("phrase too long (limit is 64 tokens)") or GALLEY_ENOMEM, with the
** message appended to 'err' when not NULL. */
int galley_phrase_add(galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                      int32_t payload, galley_buf *err);
/* Remove the entry 'keys' with 'payload', or with every payload when
** 'payload' < 0. Returns the number of entries removed. Memory is kept
** for reuse, not given back. */
size_t galley_phrase_remove(galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                            int32_t payload);
/* Remove every entry carrying 'payload'; returns how many. Visits the
** whole trie. */
size_t galley_phrase_remove_payload(galley_phrase *pm, int32_t payload);
/* Whether the entry 'keys' is present with 'payload' (any when < 0). */
int galley_phrase_has(const galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                      int32_t payload);
/* Number of entries: distinct (keys, payload) pairs. */
size_t galley_phrase_count(const galley_phrase *pm);
/* Number of distinct keys interned so far. */
size_t galley_phrase_keys(const galley_phrase *pm);
/* Bytes of memory held by 'pm' (tables and keys). */
size_t galley_phrase_memory(const galley_phrase *pm);

/* Id of 'key' ('len' bytes), or GALLEY_PHRASE_NONE when no entry has it. */
uint32_t galley_phrase_id(const galley_phrase *pm, const char *key, size_t len);

/* Find matches in the token sequence 'ids' ('n' ids from galley_phrase_id)
** in 'mode', appending them to 'out'. Returns 0 or GALLEY_ENOMEM. */
int galley_phrase_find(const galley_phrase *pm, const uint32_t *ids, size_t n, int mode,
                       galley_phrase_matches *out);
/* The same from keys: looks each one up, then searches. */
int galley_phrase_find_keys(const galley_phrase *pm, const galley_phrase_key *keys, size_t n,
                            int mode, galley_phrase_matches *out);
void galley_phrase_matches_free(galley_phrase_matches *ms);

#endif
