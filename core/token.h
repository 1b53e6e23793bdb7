/*
** token.h: news-text tokenizer (UAX #29 word boundaries from libunistring,
** Universal Dependencies English conventions on top).
** Ownership: galley_token_split fills a galley_tokens array that the caller
** owns and releases with galley_tokens_free. Tokens point into the text by
** byte offsets only; they never own text.
*/
#ifndef GALLEY_TOKEN_H
#define GALLEY_TOKEN_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

typedef enum {
    GALLEY_TK_WORD = 0, GALLEY_TK_NUMBER, GALLEY_TK_PUNCT, GALLEY_TK_SYMBOL,
    GALLEY_TK_URL, GALLEY_TK_EMAIL, GALLEY_TK_MENTION, GALLEY_TK_HASHTAG,
    GALLEY_TK_EMOJI, GALLEY_TK_NKINDS
} galley_token_kind;

/* Names of the kinds, as they appear in output ("word", "number", ...). */
extern const char *const galley_token_kind_names[GALLEY_TK_NKINDS];

/* Token flags. */
enum {
    GALLEY_TF_TITLE = 1 << 0,   /* first letter upper, rest lower: "Maduro" */
    GALLEY_TF_UPPER = 1 << 1,   /* all cased letters upper: "NATO" */
    GALLEY_TF_DIGIT = 1 << 2,   /* all digits */
    GALLEY_TF_PUNCT = 1 << 3,   /* punctuation */
    GALLEY_TF_SPACE = 1 << 4,   /* whitespace follows the token */
    GALLEY_TF_ASCII = 1 << 5,   /* token bytes are all ASCII */
    GALLEY_TF_NL = 1 << 6,      /* a line break precedes the token */
    GALLEY_TF_STOP = 1 << 7     /* ends with . ? ! or an ellipsis: "U.S." "?!" */
};

/* More token flags (the 'xflags' field): what kind of punctuation, and
** where the token stands. */
enum {
    GALLEY_TX_OPEN = 1 << 0,    /* opening bracket or curly quote: ( [ { \u201c \u2018 \u00ab \u00bf */
    GALLEY_TX_CLOSE = 1 << 1,   /* closing bracket or curly quote: ) ] } \u201d \u2019 \u00bb */
    GALLEY_TX_QUOTE = 1 << 2,   /* a quotation mark of any kind, straight ones too */
    GALLEY_TX_BRACKET = 1 << 3, /* ( ) [ ] { } */
    GALLEY_TX_CURRENCY = 1 << 4,/* a currency sign: $ \u20ac \u00a3 \u00a5 ... */
    GALLEY_TX_BULLET = 1 << 5,  /* a list bullet: \u2022 \u2043 \u2023 \u25e6 \u25aa \u25cf */
    GALLEY_TX_ITEM = 1 << 6,    /* a number of up to three digits or one letter
                                   right before "." or ")": "1." "a)" */
    GALLEY_TX_EOL = 1 << 7      /* a line break follows the token */
};

typedef struct galley_token {
    uint32_t start, end;        /* byte offsets, half-open */
    uint32_t sent, para;        /* sentence and paragraph index, 0-based */
    uint8_t kind;               /* galley_token_kind */
    uint8_t flags;              /* GALLEY_TF_* */
    uint8_t lines;              /* line breaks in the blank before the token
                                   (255 or more count as 255); 2+ is a blank line */
    uint8_t xflags;             /* GALLEY_TX_* */
} galley_token;

typedef struct galley_tokens {
    galley_token *t;
    size_t n, cap;
} galley_tokens;

/* Split 's' (valid UTF-8, 'len' bytes, NFC) into tokens appended to 'out'.
** Returns 0, GALLEY_ENOMEM, or GALLEY_ELIMIT when 'len' is over
** GALLEY_MAX_DOC. sent/para are left 0 (the sentence splitter sets them).
** Invalid UTF-8 gives odd tokens, never a crash. */
int galley_token_split(const char *s, size_t len, galley_tokens *out);
void galley_tokens_free(galley_tokens *tk);

/* Options of galley_token_split_opt. */
enum {
    GALLEY_TOKEN_NOFAST = 1 << 0   /* no shortcut: every chunk through the
                                      rules, every word boundary from
                                      libunistring (the same tokens, slower) */
};

/* galley_token_split with options (GALLEY_TOKEN_*). */
int galley_token_split_opt(const char *s, size_t len, galley_tokens *out,
                           unsigned opts);

/* UAX #29 word boundaries of 's', before any news rule: p[i] is 1 when a
** boundary falls between bytes i-1 and i, as libunistring's u8_wordbreaks
** sets it ('p' has 'len' bytes). Returns 1 when the fast scanner decided
** every boundary, 0 when the text needed libunistring (extending marks,
** joiners, regional indicators, Katakana, Hebrew letters). */
int galley_wordbreaks(const char *s, size_t len, char *p);

/* Abbreviations, as the tokenizer keeps them with their final period. */
enum {
    GALLEY_ABBR_NONE = 0,
    GALLEY_ABBR_TITLE,      /* before a name, never ends a sentence: "Mr." "Gen." */
    GALLEY_ABBR_NUMBER,     /* before a number: "No." "Fig." */
    GALLEY_ABBR_TIME,       /* "a.m." "p.m." "etc.": a capital after it starts a sentence */
    GALLEY_ABBR_INITIAL,    /* one capital letter: "J." */
    GALLEY_ABBR_OTHER       /* "U.S." "Inc." "Jan." "Calif.": ends a sentence
                               only before a sentence-starting word */
};

/* The abbreviation class of 'w' ('n' bytes, final period included). */
int galley_token_abbrev(const char *w, size_t n);

/* Token attributes computed on demand (each appends to 'out' and returns
** 0 or GALLEY_ENOMEM): */
/* Case-folded form of 's' (Unicode full case folding, NFC; an ASCII fast
** path); what stop word lists and stemmers take. */
int galley_casefold(const char *s, size_t len, galley_buf *out);
/* The case-folded tokens of one text, made once for the modules that look
** words up (the entity scanner, the ranker): token i folds (galley_casefold)
** to the len[i] bytes at chars.s + off[i], whose 64-bit FNV-1a hash
** (galley_fold_hash) is hash[i]. The caller owns it and releases it with
** galley_folds_free. */
typedef struct galley_folds {
    galley_buf chars;
    uint32_t *off, *len;
    uint64_t *hash;
    size_t n, cap;
} galley_folds;

/* Fold the tokens 'tk' of 's' into 'out', replacing what it held.
** Returns 0 or GALLEY_ENOMEM. */
int galley_token_fold(const char *s, const galley_tokens *tk, galley_folds *out);
void galley_folds_free(galley_folds *f);
/* 64-bit FNV-1a of the 'n' bytes at 's'. */
uint64_t galley_fold_hash(const char *s, size_t n);
/* Lower-case form of 's' (Unicode lower-case mapping). */
int galley_lower(const char *s, size_t len, galley_buf *out);
/* Word shape of 's': "X" upper, "x" lower, "d" digit, other characters as
** they are, runs of one shape cut at 4 ("Maduro" -> "Xxxxx", "U.S." ->
** "X.X.", "1,000.50" -> "d,ddd.dd"). */
int galley_shape(const char *s, size_t len, galley_buf *out);
/* The shape of token 't' of text 's'. */
int galley_token_shape(const char *s, const galley_token *t, galley_buf *out);

#endif
