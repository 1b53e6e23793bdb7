/*
** rank.h: ranking for extractive summaries and keyphrases. A vocabulary
** interns case-folded words and their Snowball stems as term ids; a ranker
** loads one tokenized document and gives its sentence vectors, similarity
** matrices (tf-idf cosine, word overlap, BM25), keyphrase candidates and
** scores (TextRank, YAKE-style, tf-idf), and the two generic steps on top:
** PageRank by power iteration with a prior, and maximal marginal relevance
** (MMR) selection. What a summary is (which method, priors, how many
** sentences) is decided by the caller.
** Ownership: the caller owns the galley_ranker (which owns its vocabulary
** and scratch space, reused from one document to the next) and each
** galley_idf; a ranker must not be used by two threads at once. Results
** are written into arrays the caller passes.
*/
#ifndef GALLEY_RANK_H
#define GALLEY_RANK_H

#include "sent.h"
#include "token.h"

#include <stddef.h>
#include <stdint.h>

/* Distinct words a vocabulary keeps (later new words are looked up each
** time instead of kept, so memory stays bounded). */
#if !defined(GALLEY_RANK_WORDS)
#define GALLEY_RANK_WORDS (1u << 19)
#endif

/* Sentences of a document that are ranked (the rest are left out: the
** similarity matrix has GALLEY_RANK_SENTS squared cells). */
#if !defined(GALLEY_RANK_SENTS)
#define GALLEY_RANK_SENTS 1024
#endif

/* Longest word looked up, in bytes (longer tokens are not content words). */
#if !defined(GALLEY_RANK_WORD_LEN)
#define GALLEY_RANK_WORD_LEN 64
#endif

/* Longest keyphrase, in words. */
#if !defined(GALLEY_RANK_PHRASE_WORDS)
#define GALLEY_RANK_PHRASE_WORDS 8
#endif

/* No term: punctuation, symbols, stop words. */
#define GALLEY_TERM_NONE UINT32_MAX

typedef struct galley_ranker galley_ranker;

/* Document frequencies of terms over a corpus, for idf weights. */
typedef struct galley_idf galley_idf;

/* Similarity measures of sentence pairs. */
enum {
    GALLEY_SIM_COSINE = 0,  /* cosine of tf-idf vectors (LexRank's idf-modified cosine) */
    GALLEY_SIM_OVERLAP,     /* shared terms / (log len i + log len j) (TextRank) */
    GALLEY_SIM_BM25         /* BM25 of sentence j for the terms of sentence i */
};

/* Keyphrase scoring methods. */
enum {
    GALLEY_KP_TEXTRANK = 0, /* PageRank over the word co-occurrence graph */
    GALLEY_KP_YAKE,         /* statistical features of each word (YAKE-style) */
    GALLEY_KP_TFIDF         /* term frequency times idf */
};

typedef struct galley_kp_opts {
    int method;             /* GALLEY_KP_* */
    int max_words;          /* longest phrase, 1..GALLEY_RANK_PHRASE_WORDS */
    int window;             /* TextRank co-occurrence window, 2 or more */
    const galley_idf *idf;  /* corpus frequencies, or NULL */
    const uint32_t *stop;   /* extra stop words as sorted word ids, or NULL */
    size_t nstop;
} galley_kp_opts;

/* A keyphrase: tokens tok..tok+ntok-1 of the document are its text. */
typedef struct galley_phrase {
    uint32_t tok, ntok;
    uint32_t count;         /* occurrences in the document */
    double score;           /* higher is better; the best phrase has 1 */
} galley_phrase;

/* ---- ranker and vocabulary ---- */

int galley_ranker_new(galley_ranker **out);
void galley_ranker_free(galley_ranker *r);

/* The word id of 'w' ('n' bytes of UTF-8, case-folded here), added to the
** vocabulary even past GALLEY_RANK_WORDS (for configured word lists).
** Returns 0, GALLEY_EINVAL for an empty or over-long word, GALLEY_ENOMEM. */
int galley_ranker_word(galley_ranker *r, const char *w, size_t n, uint32_t *id);

/* The term id of the stem 's' ('n' bytes, as stems are written: already
** folded), added when 'add' is set. Returns 0, GALLEY_EINVAL when the term
** is unknown and not added, GALLEY_ENOMEM. */
int galley_ranker_term(galley_ranker *r, const char *s, size_t n, int add, uint32_t *id);

/* The stem string of term 'id' ('*len' bytes), or NULL. */
const char *galley_ranker_stem(const galley_ranker *r, uint32_t id, size_t *len);

/* ---- one document ---- */

/* Load the document 's' with its tokens 'tk' and sentences 'sents' (as
** galley_doc_analyze makes them) into 'r', in language 'lang' (lang.h), or
** guessed from the stop words when 'lang' is -1. Stop words, punctuation
** and symbols get no term. Returns 0 or GALLEY_ENOMEM. The ranker keeps
** pointers to 's', 'tk' and 'sents' until the next load. */
int galley_ranker_load(galley_ranker *r, const char *s, size_t len,
                       const galley_tokens *tk, const galley_spans *sents, int lang);
/* galley_ranker_load with the tokens folded already ('f', from
** galley_token_fold over 'tk'; NULL: folded here). */
int galley_ranker_load_folded(galley_ranker *r, const char *s, size_t len,
                              const galley_tokens *tk, const galley_folds *f,
                              const galley_spans *sents, int lang);

/* The language of the loaded document. */
int galley_ranker_lang(const galley_ranker *r);

/* Sentences ranked (at most GALLEY_RANK_SENTS). */
size_t galley_ranker_nsent(const galley_ranker *r);

/* Content words (tokens with a term) of sentence 'i'. */
size_t galley_ranker_sentlen(const galley_ranker *r, size_t i);

/* What a sentence holds, for summary policies. */
typedef struct galley_sentinfo {
    uint32_t content;       /* content words (tokens with a term) */
    uint32_t words;         /* word and number tokens */
    uint32_t numbers;       /* number tokens */
    uint32_t names;         /* capitalized content words, not first in the sentence */
    uint32_t quotes;        /* double quotation marks: " “ ” « » */
    uint32_t list;          /* 1 for an item of a list: "1." "2)" "-" "•" first */
} galley_sentinfo;

/* Fill 'out' for sentence 'i' (zeros when out of range). */
void galley_ranker_sentinfo(const galley_ranker *r, size_t i, galley_sentinfo *out);

/* The distinct terms of the loaded document, in order of first use, into
** 'out' (room for 'max'); returns how many there are. */
size_t galley_ranker_terms(const galley_ranker *r, uint32_t *out, size_t max);

/* Fill 'sim' (n x n, row-major, n = galley_ranker_nsent) with the
** similarity 'kind' (GALLEY_SIM_*) of each pair of sentences; the diagonal
** is 0. Term weights are idf from 'idf' when given, else from the
** document's own sentences (log(1 + n / sentences with the term)).
** Returns 0, or GALLEY_EINVAL for an unknown kind. */
int galley_ranker_similarity(galley_ranker *r, int kind, const galley_idf *idf,
                             double *sim);

/* Cosine of the text 'q' ('qn' bytes, e.g. the title) with each sentence,
** into 'out' (n values), with the weights of galley_ranker_similarity.
** Returns 0 or GALLEY_ENOMEM. */
int galley_ranker_query(galley_ranker *r, const char *q, size_t qn,
                        const galley_idf *idf, double *out);

/* Up to 'max' keyphrases of the loaded document into 'out', best first;
** '*n' gets how many. Returns 0, GALLEY_EINVAL for bad options, or
** GALLEY_ENOMEM. */
int galley_ranker_phrases(galley_ranker *r, const galley_kp_opts *o,
                          galley_phrase *out, size_t max, size_t *n);

/* ---- generic steps ---- */

/* PageRank of the weighted graph 'w' (n x n, row-major; w[i*n+j] is the
** weight of the edge i -> j) by power iteration: x = (1 - d) p + d M x,
** where M moves each node's score along its out-edges in proportion to
** their weights and p is 'prior' (normalized here; NULL for uniform).
** Dangling nodes give their score to p. Stops when the L1 change is under
** 'tol' or after 'maxiter' rounds. Writes scores summing to 1 into 'out';
** returns the rounds made, or GALLEY_EINVAL, GALLEY_ENOMEM. */
int galley_pagerank(const double *w, size_t n, const double *prior, double d,
                    double tol, int maxiter, double *out);

/* The same over a sparse graph: the edges of node i are col[off[i] ..
** off[i+1]-1] with weights 'wt' (NULL: all 1). */
int galley_pagerank_csr(const uint32_t *off, const uint32_t *col, const double *wt,
                        size_t n, const double *prior, double d, double tol,
                        int maxiter, double *out);

/* Pick up to 'k' items by maximal marginal relevance: each round takes the
** item i that maximizes lambda * score[i] / max score - (1 - lambda) *
** max over picked j of sim[i*n+j]. Items with score <= 0, and items more
** similar than 'maxsim' to one already picked, are never picked. Writes
** the picks, in pick order, to 'pick'; returns how many. */
size_t galley_mmr(const double *sim, size_t n, const double *score, size_t k,
                  double lambda, double maxsim, size_t *pick);

/* ---- corpus frequencies ---- */

/* An idf table for a corpus of 'docs' documents. Returns 0 or GALLEY_ENOMEM. */
int galley_idf_new(galley_idf **out, uint64_t docs);
void galley_idf_free(galley_idf *f);

/* Record that term 'term' is in 'df' documents. Returns 0 or GALLEY_ENOMEM. */
int galley_idf_set(galley_idf *f, uint32_t term, uint64_t df);

/* log((docs + 1) / (df + 1)) + 1: 1 + log(docs + 1) for terms never seen. */
double galley_idf_get(const galley_idf *f, uint32_t term);

#endif
