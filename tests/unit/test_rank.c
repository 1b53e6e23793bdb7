/* test_rank.c: vocabulary, sentence similarity, PageRank, MMR, keyphrases. */
#include "check.h"
#include "galley.h"
#include "lang.h"
#include "rank.h"
#include "sent.h"
#include "token.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct doc {
    const char *s;
    size_t len;
    galley_tokens tk;
    galley_spans sents;
} doc;

static void open_doc(doc *d, const char *s)
{
    memset(d, 0, sizeof *d);
    d->s = s;
    d->len = strlen(s);
    CHECK(galley_token_split(s, d->len, &d->tk) == 0);
    CHECK(galley_sent_split(s, d->len, &d->tk, &d->sents, NULL) == 0);
}

static void close_doc(doc *d)
{
    galley_tokens_free(&d->tk);
    galley_spans_free(&d->sents);
}

static int near(double a, double b)
{
    return fabs(a - b) < 1e-6;
}

/* The text of phrase 'p' of 'd' is 'want'. */
static int phrase_is(const doc *d, const galley_phrase *p, const char *want)
{
    size_t a = d->tk.t[p->tok].start, b = d->tk.t[p->tok + p->ntok - 1].end;
    return b - a == strlen(want) && memcmp(d->s + a, want, b - a) == 0;
}

static void test_vocab(galley_ranker *r)
{
    uint32_t a, b, c;
    CHECK(galley_ranker_word(r, "Ferry", 5, &a) == 0);
    CHECK(galley_ranker_word(r, "ferry", 5, &b) == 0);
    CHECK(galley_ranker_word(r, "FERRY", 5, &c) == 0);
    CHECK(a == b && b == c);
    CHECK(galley_ranker_word(r, "MARÍA", strlen("MARÍA"), &a) == 0);
    CHECK(galley_ranker_word(r, "maría", strlen("maría"), &b) == 0);
    CHECK(a == b);
    CHECK(galley_ranker_word(r, "", 0, &a) == GALLEY_EINVAL);
    char longw[200];
    memset(longw, 'x', sizeof longw);
    CHECK(galley_ranker_word(r, longw, sizeof longw, &a) == GALLEY_EINVAL);
    CHECK(galley_ranker_term(r, "zzqq", 4, 0, &a) == GALLEY_EINVAL);
    CHECK(galley_ranker_term(r, "zzqq", 4, 1, &a) == 0);
    CHECK(galley_ranker_term(r, "zzqq", 4, 0, &b) == 0 && a == b);
    size_t n;
    const char *s = galley_ranker_stem(r, a, &n);
    CHECK_STR(s, n, "zzqq");
    CHECK(galley_ranker_stem(r, 1u << 30, &n) == NULL);
}

static void test_load(galley_ranker *r)
{
    doc d;
    open_doc(&d, "The ferries were running late. The ferry runs daily.\n\n"
                 "Nothing else matched here.");
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, -1) == 0);
    CHECK(galley_ranker_lang(r) == GALLEY_LANG_EN);
    CHECK(galley_ranker_nsent(r) == 3);
    /* content words: ferries running late | ferry runs daily | nothing matched */
    CHECK(galley_ranker_sentlen(r, 0) == 3);
    CHECK(galley_ranker_sentlen(r, 1) == 3);
    CHECK(galley_ranker_sentlen(r, 9) == 0);
    uint32_t terms[16];
    size_t nt = galley_ranker_terms(r, terms, 16);
    CHECK(nt >= 5 && nt <= 8);
    /* "ferries" and "ferry", "running" and "runs" share stems */
    size_t len;
    const char *s0 = galley_ranker_stem(r, terms[0], &len);
    CHECK_STR(s0, len, "ferri");
    double sim[9];
    CHECK(galley_ranker_similarity(r, GALLEY_SIM_COSINE, NULL, sim) == 0);
    CHECK(sim[0] == 0 && sim[4] == 0 && sim[8] == 0);       /* diagonal */
    CHECK(sim[1] > 0.3 && near(sim[1], sim[3]));             /* symmetric */
    CHECK(sim[2] == 0 && sim[5] == 0);                       /* nothing shared */
    CHECK(sim[1] <= 1.0 + 1e-9);
    CHECK(galley_ranker_similarity(r, GALLEY_SIM_OVERLAP, NULL, sim) == 0);
    CHECK(near(sim[1], 2 / (2 * log(4.0))));                 /* 2 shared, 3 words each */
    CHECK(galley_ranker_similarity(r, GALLEY_SIM_BM25, NULL, sim) == 0);
    CHECK(sim[1] > 0 && sim[2] == 0);
    CHECK(galley_ranker_similarity(r, 7, NULL, sim) == GALLEY_EINVAL);
    double q[3];
    CHECK(galley_ranker_query(r, "Daily ferry", 11, NULL, q) == 0);
    CHECK(q[1] > q[0] && q[0] > 0 && q[2] == 0);
    CHECK(galley_ranker_query(r, "", 0, NULL, q) == 0);
    CHECK(q[0] == 0 && q[1] == 0);
    close_doc(&d);

    /* Spanish, found by its stop words; the same ranker goes on */
    open_doc(&d, "El presidente dijo que la reunión de los ministros fue un éxito. "
                 "Los ministros no dijeron nada.");
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, -1) == 0);
    CHECK(galley_ranker_lang(r) == GALLEY_LANG_ES);
    CHECK(galley_ranker_similarity(r, GALLEY_SIM_COSINE, NULL, sim) == 0);
    CHECK(sim[1] > 0);
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, GALLEY_LANG_EN) == 0);
    CHECK(galley_ranker_lang(r) == GALLEY_LANG_EN);
    close_doc(&d);

    /* an empty document */
    open_doc(&d, "");
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, -1) == 0);
    CHECK(galley_ranker_nsent(r) == 0);
    galley_phrase ph[4];
    size_t np = 9;
    galley_kp_opts o = {GALLEY_KP_TEXTRANK, 3, 2, NULL, NULL, 0};
    CHECK(galley_ranker_phrases(r, &o, ph, 4, &np) == 0 && np == 0);
    close_doc(&d);
}

static void test_idf(galley_ranker *r)
{
    galley_idf *f;
    CHECK(galley_idf_new(&f, 99) == 0);
    uint32_t t;
    CHECK(galley_ranker_term(r, "ferri", 5, 1, &t) == 0);
    CHECK(galley_idf_set(f, t, 9) == 0);
    CHECK(near(galley_idf_get(f, t), log(100.0 / 10) + 1));
    CHECK(near(galley_idf_get(f, t + 100000), log(100.0) + 1));
    CHECK(galley_idf_set(f, GALLEY_TERM_NONE, 1) == GALLEY_EINVAL);
    /* corpus weights change the similarity */
    doc d;
    open_doc(&d, "Ferry tickets rose. Ferry crews struck. Tickets sold out.");
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, -1) == 0);
    double a[9], b[9];
    CHECK(galley_ranker_similarity(r, GALLEY_SIM_COSINE, NULL, a) == 0);
    CHECK(galley_ranker_similarity(r, GALLEY_SIM_COSINE, f, b) == 0);
    CHECK(a[1] > 0 && b[1] > 0 && !near(a[1], b[1]));
    close_doc(&d);
    galley_idf_free(f);
}

static void test_pagerank(void)
{
    double out[4];
    /* two nodes pointing at each other share the score */
    double w2[4] = {0, 1, 1, 0};
    CHECK(galley_pagerank(w2, 2, NULL, 0.85, 1e-9, 100, out) >= 1);
    CHECK(near(out[0], 0.5) && near(out[1], 0.5));
    /* a star: the centre wins; scores sum to 1 */
    double star[16] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    CHECK(galley_pagerank(star, 4, NULL, 0.85, 1e-9, 200, out) >= 1);
    CHECK(out[0] > out[1] && near(out[1], out[2]) && near(out[2], out[3]));
    CHECK(near(out[0] + out[1] + out[2] + out[3], 1));
    /* closed form for the star: c = (1-d)/4 + d * 3 x, x = (1-d)/4 + d c / 3 */
    double d = 0.85, x = ((1 - d) / 4 + d * (1 - d) / 12) / (1 - d * d);
    CHECK(near(out[1], x));
    /* the prior pulls toward node 3 */
    double prior[4] = {0, 0, 0, 1}, biased[4];
    CHECK(galley_pagerank(star, 4, prior, 0.85, 1e-9, 200, biased) >= 1);
    CHECK(biased[3] > biased[1] && biased[1] == biased[2]);
    /* dangling node: no edges at all, all mass goes back to the prior */
    double none[4] = {0, 0, 0, 0};
    CHECK(galley_pagerank(none, 2, NULL, 0.85, 1e-9, 100, out) >= 1);
    CHECK(near(out[0], 0.5));
    CHECK(galley_pagerank(w2, 2, NULL, 1.0, 1e-9, 100, out) == GALLEY_EINVAL);
    CHECK(galley_pagerank(w2, 0, NULL, 0.85, 1e-9, 100, out) == 0);
    /* the sparse form agrees with the dense one */
    uint32_t off[5] = {0, 3, 4, 5, 6}, col[6] = {1, 2, 3, 0, 0, 0};
    double dense[4], sparse[4];
    CHECK(galley_pagerank(star, 4, prior, 0.85, 1e-10, 300, dense) >= 1);
    CHECK(galley_pagerank_csr(off, col, NULL, 4, prior, 0.85, 1e-10, 300, sparse) >= 1);
    for (int i = 0; i < 4; i++)
        CHECK(near(dense[i], sparse[i]));
}

static void test_mmr(void)
{
    /* 0 and 1 are near copies; 2 is different */
    double sim[9] = {0, 0.95, 0.1, 0.95, 0, 0.1, 0.1, 0.1, 0};
    double score[3] = {1.0, 0.9, 0.5};
    size_t pick[3];
    CHECK(galley_mmr(sim, 3, score, 2, 0.5, 1.0, pick) == 2);
    CHECK(pick[0] == 0 && pick[1] == 2);
    CHECK(galley_mmr(sim, 3, score, 2, 1.0, 1.0, pick) == 2);    /* relevance only */
    CHECK(pick[0] == 0 && pick[1] == 1);
    double zero[3] = {1.0, 0, 0};
    CHECK(galley_mmr(sim, 3, zero, 3, 0.7, 1.0, pick) == 1);     /* score 0: never */
    /* near copies are never picked past 'maxsim', whatever lambda says */
    CHECK(galley_mmr(sim, 3, score, 3, 1.0, 0.9, pick) == 2);
    CHECK(pick[0] == 0 && pick[1] == 2);
    double none[3] = {0, 0, 0};
    CHECK(galley_mmr(sim, 3, none, 3, 0.7, 1.0, pick) == 0);
}

static void test_phrases(galley_ranker *r)
{
    doc d;
    open_doc(&d, "The municipal ferry service will add two boats, the council said. "
                 "Critics of the ferry service said the money should fix roads. "
                 "The Bank of England said nothing about the ferry service. "
                 "Road repairs were delayed again, officials said.");
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, -1) == 0);
    galley_phrase ph[10];
    size_t n;
    /* news verbs as extra stop words, sorted by id */
    static const char *const verbs[] = {"said", "rose", "came"};
    uint32_t stop[3];
    for (int i = 0; i < 3; i++)
        CHECK(galley_ranker_word(r, verbs[i], strlen(verbs[i]), &stop[i]) == 0);
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            if (stop[j] < stop[i]) {
                uint32_t x = stop[i];
                stop[i] = stop[j];
                stop[j] = x;
            }
    galley_kp_opts o = {GALLEY_KP_TEXTRANK, 4, 2, NULL, stop, 3};
    CHECK(galley_ranker_phrases(r, &o, ph, 10, &n) == 0);
    CHECK(n >= 3);
    CHECK(near(ph[0].score, 1));
    int ferry = -1, bank = -1, said = -1;
    for (size_t i = 0; i < n; i++) {
        if (phrase_is(&d, &ph[i], "municipal ferry service") || phrase_is(&d, &ph[i], "ferry service"))
            ferry = (int)i;
        if (phrase_is(&d, &ph[i], "Bank of England"))
            bank = (int)i;
        if (phrase_is(&d, &ph[i], "said"))
            said = (int)i;
        if (i > 0)
            CHECK(ph[i].score <= ph[i - 1].score);
    }
    CHECK(ferry == 0);
    CHECK(bank >= 0);
    /* once "municipal ferry service" is in, "ferry service" is not again */
    int both = 0;
    for (size_t i = 0; i < n; i++)
        both += phrase_is(&d, &ph[i], "ferry service") || phrase_is(&d, &ph[i], "municipal ferry service");
    CHECK(both == 1);
    CHECK(said < 0);
    /* without the extra stop words, "said" makes phrases */
    galley_kp_opts o2 = {GALLEY_KP_TFIDF, 4, 2, NULL, NULL, 0};
    CHECK(galley_ranker_phrases(r, &o2, ph, 10, &n) == 0);
    int with_said = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = d.tk.t[ph[i].tok].start, b = d.tk.t[ph[i].tok + ph[i].ntok - 1].end;
        for (size_t j = a; j + 4 <= b; j++)
            with_said |= memcmp(d.s + j, "said", 4) == 0;
    }
    CHECK(with_said);
    /* YAKE-style scores, all n-grams */
    galley_kp_opts o3 = {GALLEY_KP_YAKE, 3, 2, NULL, stop, 3};
    CHECK(galley_ranker_phrases(r, &o3, ph, 10, &n) == 0);
    CHECK(n >= 3 && near(ph[0].score, 1));
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found |= phrase_is(&d, &ph[i], "ferry service") || phrase_is(&d, &ph[i], "municipal ferry service");
    CHECK(found);
    /* bad options */
    galley_kp_opts bad = {9, 3, 2, NULL, NULL, 0};
    CHECK(galley_ranker_phrases(r, &bad, ph, 10, &n) == GALLEY_EINVAL);
    bad.method = GALLEY_KP_TEXTRANK;
    bad.max_words = 0;
    CHECK(galley_ranker_phrases(r, &bad, ph, 10, &n) == GALLEY_EINVAL);
    close_doc(&d);

    /* sentence-initial capitals give way to a later lower-case form;
       curly quotes and NBSP are not words */
    open_doc(&d, "“Tariffs hurt,” she said.\u00a0Steel tariffs rose. New tariffs on steel tariffs came.");
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, -1) == 0);
    galley_kp_opts o4 = {GALLEY_KP_TFIDF, 3, 2, NULL, stop, 3};
    CHECK(galley_ranker_phrases(r, &o4, ph, 10, &n) == 0);
    found = 0;
    for (size_t i = 0; i < n; i++)
        found |= phrase_is(&d, &ph[i], "steel tariffs");
    CHECK(found);
    close_doc(&d);
}

static void test_limits(galley_ranker *r)
{
    size_t n = GALLEY_RANK_SENTS + 50;
    char *s = malloc(n * 16 + 1);
    CHECK(s != NULL);
    if (!s)
        return;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(s + len, "Boats %zu sail. ", i % 7);
    doc d;
    open_doc(&d, s);
    CHECK(d.sents.n == n);
    CHECK(galley_ranker_load(r, d.s, d.len, &d.tk, &d.sents, -1) == 0);
    CHECK(galley_ranker_nsent(r) == GALLEY_RANK_SENTS);
    close_doc(&d);
    free(s);
}

int main(void)
{
    galley_ranker *r;
    CHECK(galley_ranker_new(&r) == 0);
    test_vocab(r);
    test_load(r);
    test_idf(r);
    test_pagerank();
    test_mmr();
    test_phrases(r);
    test_limits(r);
    galley_ranker_free(r);
    return check_done();
}
