/*
** ner.h: the scanner behind the stock entity and quote pipelines. Given a
** tokenized document and a lexicon of word classes (titles, first names,
** places, organization suffixes, months, speech verbs, ...: the lists come
** from the caller, scripts/lib/entities.lua), it finds names (PERSON, ORG,
** PLACE), dates and times, amounts (MONEY, PERCENT, QUANTITY) and direct
** quotations with the mention that speaks them. The rules are fixed here;
** what counts as a title or a place is the lexicon's business.
** Ownership: a galley_ner owns its lexicon and scratch memory (one thread
** at a time); galley_ner_scan fills a galley_ner_result that the caller
** owns and releases with galley_ner_result_free. Results refer to the text
** and tokens by offsets only.
*/
#ifndef GALLEY_NER_H
#define GALLEY_NER_H

#include "buf.h"
#include "token.h"

#include <stddef.h>
#include <stdint.h>

/* Word classes of lexicon entries (one entry may be added with several). */
enum {
    GALLEY_NER_TITLE = 0,   /* precedes a person's name: "President", "minister" */
    GALLEY_NER_FIRST_M,     /* first names, male and female (gender hint) */
    GALLEY_NER_FIRST_F,
    GALLEY_NER_FIRST,       /* first name, either */
    GALLEY_NER_PARTICLE,    /* inside names, lower case: "de", "van", "bin" */
    GALLEY_NER_ORG_SUFFIX,  /* last word of an organization: "Party", "Inc." */
    GALLEY_NER_ORG_HEAD,    /* first word of "X of Y" organizations: "University" */
    GALLEY_NER_ORG,         /* a known organization */
    GALLEY_NER_PLACE,       /* a known place */
    GALLEY_NER_PLACE_SUFFIX,/* last word of a place: "River", "Street" */
    GALLEY_NER_PLACE_HEAD,  /* first word of a place: "Mount", "Lake" */
    GALLEY_NER_DEMONYM,     /* "Argentinian": not an entity by itself */
    GALLEY_NER_MONTH,
    GALLEY_NER_WEEKDAY,
    GALLEY_NER_NUMWORD,     /* "five", "twenty", "hundred" */
    GALLEY_NER_SCALE,       /* after a number: "million", "bn" */
    GALLEY_NER_CURRENCY,    /* after a number: "dollars", "euros" */
    GALLEY_NER_CURSYM,      /* before a number: "$", "€", "USD" */
    GALLEY_NER_PERCENT,     /* "%", "percent", "per cent" */
    GALLEY_NER_DAYWORD,     /* "today", "yesterday", "tomorrow" */
    GALLEY_NER_DAYPART,     /* "morning", "evening", "noon" */
    GALLEY_NER_RELDATE,     /* "last", "next", "this", "early" */
    GALLEY_NER_DATEUNIT,    /* "week", "months", "year" */
    GALLEY_NER_AGO,         /* after a duration: "ago", "later" */
    GALLEY_NER_SEASON,
    GALLEY_NER_SPEECH,      /* "said", "wrote", "according", "called" */
    GALLEY_NER_PRON_M,      /* "he" */
    GALLEY_NER_PRON_F,      /* "she" */
    GALLEY_NER_PRON_P,      /* "they", "we" */
    GALLEY_NER_COMMON,      /* a word that is no name, even capitalized */
    GALLEY_NER_AMPM,        /* "a.m.", "pm" */
    GALLEY_NER_OTHER_SUFFIX,/* last word of a name that is none of ours: "Prize", "Cup" */
    GALLEY_NER_NCLASSES     /* at most 32 */
};

/* Labels of mentions. */
enum {
    GALLEY_NER_NONE = 0, GALLEY_NER_PERSON, GALLEY_NER_L_ORG, GALLEY_NER_L_PLACE,
    GALLEY_NER_DATE, GALLEY_NER_TIME, GALLEY_NER_MONEY, GALLEY_NER_L_PERCENT,
    GALLEY_NER_QUANTITY, GALLEY_NER_NLABELS
};

/* Names of the labels ("PERSON", ...), index 0 is "". */
extern const char *const galley_ner_label_names[GALLEY_NER_NLABELS];

/* Names of the classes ("title", "first_m", ...), as galley_ner_class reads them. */
extern const char *const galley_ner_class_names[GALLEY_NER_NCLASSES];

/* Mention flags. */
enum {
    GALLEY_NER_MALE = 1 << 0,      /* first name from the male list only */
    GALLEY_NER_FEMALE = 1 << 1     /* first name from the female list only */
};

typedef struct galley_ner_mention {
    uint32_t start, end;        /* bytes, half-open */
    uint32_t tok, ntok;         /* its tokens */
    uint8_t label;              /* GALLEY_NER_PERSON ... */
    uint8_t flags;              /* GALLEY_NER_MALE, GALLEY_NER_FEMALE */
    int32_t canon;              /* index of the mention with the fullest form of
                                   this name (itself when none is fuller) */
    int32_t alias;              /* lexicon canonical form (galley_ner_alias), or -1 */
} galley_ner_mention;

/* How a quote's speaker was found. */
enum {
    GALLEY_NER_BY_NONE = 0, GALLEY_NER_BY_AFTER,   /* “...,” he said / said X */
    GALLEY_NER_BY_BEFORE,       /* X said: “...” / X called it “...” */
    GALLEY_NER_BY_COLON,        /* X said this. -> sentence ending in ':' before */
    GALLEY_NER_BY_CHAIN         /* a later paragraph of the same quotation */
};

typedef struct galley_ner_quote {
    uint32_t start, end;        /* bytes of the quotation without its marks */
    int32_t speaker;            /* mention index (pronouns resolved), or -1 */
    uint8_t how;                /* GALLEY_NER_BY_* */
} galley_ner_quote;

typedef struct galley_ner_result {
    galley_ner_mention *m;
    size_t n, cap;
    galley_ner_quote *q;
    size_t nq, capq;
} galley_ner_result;

typedef struct galley_ner galley_ner;

/* What galley_ner_scan looks for. */
enum {
    GALLEY_NER_ENTITIES = 1,
    GALLEY_NER_QUOTES = 2       /* implies the names, for the speakers */
};

/* A new scanner with an empty lexicon, or NULL on no memory. */
galley_ner *galley_ner_new(void);
void galley_ner_free(galley_ner *ner);

/* The class named 'name' ("title", "place", ...), or -1. */
int galley_ner_class(const char *name);

/* Add the phrase 's' ('len' bytes, tokenized as documents are, compared
** case-insensitively) to class 'cls', with the canonical form 'canon'
** ('clen' bytes, may be NULL) reported for places and organizations.
** Returns 1 when added, 0 when present already, or GALLEY_EINVAL /
** GALLEY_ELIMIT / GALLEY_ENOMEM with a message appended to 'err'. */
int galley_ner_add(galley_ner *ner, const char *s, size_t len, int cls,
                   const char *canon, size_t clen, galley_buf *err);

/* Number of entries of the lexicon. */
size_t galley_ner_count(const galley_ner *ner);

/* The canonical form number 'alias' (from a mention); sets '*len'. */
const char *galley_ner_alias(const galley_ner *ner, int32_t alias, size_t *len);

/* Scan the text 's' ('len' bytes), tokenized and split into sentences and
** paragraphs in 'tk', for what 'what' asks; 'out' gets its mentions and
** quotes in document order (replacing what it held). Returns 0 or GALLEY_ENOMEM. */
int galley_ner_scan(galley_ner *ner, const char *s, size_t len, const galley_tokens *tk,
                    unsigned what, galley_ner_result *out);

/* galley_ner_scan with the tokens folded already ('f', from
** galley_token_fold over 'tk'). */
int galley_ner_scan_folded(galley_ner *ner, const char *s, size_t len, const galley_tokens *tk,
                           const galley_folds *f, unsigned what, galley_ner_result *out);

void galley_ner_result_free(galley_ner_result *r);

#endif
