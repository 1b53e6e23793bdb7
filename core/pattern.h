/*
** pattern.h: token patterns, in the manner of spaCy's Matcher. A pattern
** is a list of elements; each tests one token with a predicate and
** repeats it as its quantifier says (one, ?, *, +, {n,m}); an element may
** carry a label, and then the tokens it took are reported as a capture.
** Patterns compile to an NFA run Thompson-style (a set of states per token,
** no backtracking), giving leftmost-longest, non-overlapping matches.
** The core knows nothing of token attributes: predicates are the caller's
** ids, answered by a callback.
** Ownership: a galley_pattern owns its automaton and its search scratch
** (so one search at a time per pattern); the caller owns the element array
** it passes and the galley_pattern_matches it fills.
*/
#ifndef GALLEY_PATTERN_H
#define GALLEY_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Most elements in a pattern. */
#if !defined(GALLEY_PATTERN_MAX_ELEMS)
#define GALLEY_PATTERN_MAX_ELEMS 64
#endif

/* Largest finite repeat count in {n,m}. */
#if !defined(GALLEY_PATTERN_MAX_REPEAT)
#define GALLEY_PATTERN_MAX_REPEAT 100
#endif

/* Most automaton states a pattern may compile to. */
#if !defined(GALLEY_PATTERN_MAX_STATES)
#define GALLEY_PATTERN_MAX_STATES 4096
#endif

/* Predicate that every token satisfies (spaCy's empty dict); no callback. */
#define GALLEY_PATTERN_ANY (-1)
/* 'max' of an element repeated without bound (* and +). */
#define GALLEY_PATTERN_INF (-1)

typedef struct galley_pattern_elem {
    int pred;           /* caller's predicate id (>= 0) or GALLEY_PATTERN_ANY */
    int min, max;       /* repeat bounds; max GALLEY_PATTERN_INF for no bound */
    int label;          /* caller's capture label (>= 0), or -1 for none */
} galley_pattern_elem;

/* Does token 'token' satisfy predicate 'pred'? 1 yes, 0 no, or a negative
** status (GALLEY_ENOMEM...) that stops the search and is returned by it. */
typedef int (*galley_pattern_test)(void *ud, size_t token, int pred);

/* A capture: tokens [start, end) taken by an element labelled 'label'.
** Elements that took no token give no capture. */
typedef struct galley_pattern_cap {
    uint32_t start, end;
    int label;
} galley_pattern_cap;

/* A match: tokens [start, end), never empty, and its captures
** caps[cap .. cap + ncap) in element order. */
typedef struct galley_pattern_match {
    uint32_t start, end;
    uint32_t cap, ncap;
} galley_pattern_match;

typedef struct galley_pattern_matches {
    galley_pattern_match *m;
    size_t n, mcap;
    galley_pattern_cap *caps;
    size_t ncaps, ccap;
} galley_pattern_matches;

typedef struct galley_pattern galley_pattern;

/* Compile the 'n' elements 'e'. Returns 0 with a new pattern in '*out', or
** GALLEY_EINVAL ("empty pattern", "bad repeat {3,1} in element 2"),
** GALLEY_ELIMIT ("pattern too long (limit is 64 elements)") or
** GALLEY_ENOMEM, the message appended to 'err' when not NULL. Elements are
** numbered from 1 in messages. */
int galley_pattern_compile(const galley_pattern_elem *e, size_t n, galley_pattern **out,
                           galley_buf *err);
void galley_pattern_free(galley_pattern *p);
/* Number of automaton states. */
size_t galley_pattern_states(const galley_pattern *p);
/* Whether the pattern can match without taking any token (such empty
** matches are never reported). */
int galley_pattern_nullable(const galley_pattern *p);

/* Find leftmost-longest, non-overlapping matches within tokens [start,
** end), asking 'test' (with 'ud') about tokens, at most once per token and
** predicate. When several ways of matching give the same span, captures
** follow the greediest one (earlier elements take as much as they can).
** Appends to 'out'; returns 0, GALLEY_ENOMEM or the callback's status. */
int galley_pattern_find(galley_pattern *p, size_t start, size_t end,
                        galley_pattern_test test, void *ud, galley_pattern_matches *out);
void galley_pattern_matches_free(galley_pattern_matches *ms);

#endif
