/*
** sent.h: sentence and paragraph splitting of tokenized news text.
** Ownership: galley_sent_split appends spans to galley_spans arrays that
** the caller owns and releases with galley_spans_free; it writes the
** sentence and paragraph index of every token into the caller's tokens.
*/
#ifndef GALLEY_SENT_H
#define GALLEY_SENT_H

#include "token.h"

#include <stddef.h>
#include <stdint.h>

typedef struct galley_span {
    uint32_t start, end;        /* byte offsets, half-open, no blanks at either end */
    uint32_t tok, ntok;         /* its tokens: tok .. tok+ntok-1 */
} galley_span;

typedef struct galley_spans {
    galley_span *s;
    size_t n, cap;
} galley_spans;

/* Split the text 's' ('len' bytes), already tokenized into 'tk' by
** galley_token_split, into sentences and paragraphs: sets every token's
** 'sent' and 'para' and appends one span per sentence to 'sents' and one
** per paragraph to 'paras' (either may be NULL). A blank line ends a
** paragraph and a sentence. When a sentence ends with an abbreviation
** ("in the U.S."), its period becomes a token of its own, as in the UD
** treebanks: 'tk' may grow (and move), so call this before keeping
** pointers or indices into it. Returns 0 or GALLEY_ENOMEM. */
int galley_sent_split(const char *s, size_t len, galley_tokens *tk,
                      galley_spans *sents, galley_spans *paras);

void galley_spans_free(galley_spans *sp);

#endif
