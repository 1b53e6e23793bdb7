/* test_ner.c: the entity and quote scanner with a small lexicon. */
#include "check.h"
#include "galley.h"
#include "ner.h"
#include "sent.h"
#include "token.h"

#include <stdlib.h>

static galley_ner *lexicon(void)
{
    static const struct { const char *w; const char *cls; const char *canon; } e[] = {
        {"President", "title", NULL}, {"Secretary of State", "title", NULL},
        {"minister", "title", NULL}, {"Marco", "first_m", NULL}, {"Ruth", "first_f", NULL},
        {"U.S.", "place", "United States"}, {"Venezuela", "place", NULL},
        {"Buenos Aires", "place", NULL}, {"Council", "org_suffix", NULL},
        {"University", "org_head", NULL}, {"Argentinian", "demonym", NULL},
        {"March", "month", NULL}, {"December", "month", NULL}, {"Tuesday", "weekday", NULL},
        {"five", "numword", NULL}, {"two", "numword", NULL}, {"million", "scale", NULL},
        {"$", "cursym", NULL}, {"%", "percent", NULL}, {"months", "dateunit", NULL},
        {"later", "ago", NULL}, {"last", "reldate", NULL}, {"week", "dateunit", NULL},
        {"said", "speech", NULL}, {"wrote", "speech", NULL}, {"he", "pron_m", NULL},
        {"she", "pron_f", NULL}, {"The", "common", NULL}, {"In", "common", NULL},
        {"de", "particle", NULL},
    };
    galley_ner *ner = galley_ner_new();
    CHECK(ner != NULL);
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++) {
        int c = galley_ner_class(e[i].cls);
        CHECK(c >= 0);
        CHECK(galley_ner_add(ner, e[i].w, strlen(e[i].w), c, e[i].canon,
                             e[i].canon ? strlen(e[i].canon) : 0, NULL) == 1);
    }
    CHECK(galley_ner_add(ner, "five", 4, galley_ner_class("numword"), NULL, 0, NULL) == 0);
    CHECK(galley_ner_add(ner, "x", 1, 99, NULL, 0, NULL) == GALLEY_EINVAL);
    CHECK(galley_ner_count(ner) == sizeof e / sizeof e[0]);
    return ner;
}

typedef struct doc {
    const char *s;
    galley_tokens tk;
    galley_ner_result r;
} doc;

static void scan(galley_ner *ner, doc *d, const char *s)
{
    memset(d, 0, sizeof *d);
    d->s = s;
    CHECK(galley_token_split(s, strlen(s), &d->tk) == 0);
    CHECK(galley_sent_split(s, strlen(s), &d->tk, NULL, NULL) == 0);
    CHECK(galley_ner_scan(ner, s, strlen(s), &d->tk, GALLEY_NER_ENTITIES | GALLEY_NER_QUOTES,
                          &d->r) == 0);
}

static void done(doc *d)
{
    galley_tokens_free(&d->tk);
    galley_ner_result_free(&d->r);
}

/* Is there a mention of 'text' with 'label'? Returns its index or -1. */
static int find(const doc *d, const char *text, int label)
{
    for (size_t i = 0; i < d->r.n; i++) {
        const galley_ner_mention *m = &d->r.m[i];
        if (m->label == label && m->end - m->start == strlen(text)
            && memcmp(d->s + m->start, text, strlen(text)) == 0)
            return (int)i;
    }
    return -1;
}

static const char *canon(const galley_ner *ner, const doc *d, int i, size_t *n)
{
    const galley_ner_mention *m = &d->r.m[d->r.m[i].canon];
    if (m->alias >= 0)
        return galley_ner_alias(ner, m->alias, n);
    *n = m->end - m->start;
    return d->s + m->start;
}

int main(void)
{
    galley_ner *ner = lexicon();
    doc d;
    size_t n;

    scan(ner, &d, "U.S. Secretary of State Marco Rubio met President Ana Ruiz in "
                  "Buenos Aires in March 2024. Rubio said five people left.");
    int us = find(&d, "U.S.", GALLEY_NER_L_PLACE);
    CHECK(us >= 0);
    const char *c = canon(ner, &d, us, &n);
    CHECK_STR(c, n, "United States");
    CHECK(find(&d, "Marco Rubio", GALLEY_NER_PERSON) >= 0);
    CHECK(find(&d, "Secretary of State Marco Rubio", GALLEY_NER_PERSON) < 0);
    CHECK(find(&d, "Ana Ruiz", GALLEY_NER_PERSON) >= 0);       /* after a title */
    CHECK(find(&d, "Buenos Aires", GALLEY_NER_L_PLACE) >= 0);
    CHECK(find(&d, "March 2024", GALLEY_NER_DATE) >= 0);
    CHECK(find(&d, "five", GALLEY_NER_QUANTITY) >= 0);
    int rubio = find(&d, "Rubio", GALLEY_NER_PERSON);
    CHECK(rubio >= 0);
    c = canon(ner, &d, rubio, &n);
    CHECK_STR(c, n, "Marco Rubio");
    CHECK(d.r.m[rubio].flags & GALLEY_NER_MALE);
    for (size_t i = 1; i < d.r.n; i++)
        CHECK(d.r.m[i - 1].end <= d.r.m[i].start);           /* in order, no overlap */
    done(&d);

    /* possessives, demonyms, organizations, amounts, dates */
    scan(ner, &d, "Venezuela’s Harbor Council paid $3.5 million, up 12% in December. "
                  "The Argentinian envoy left two months later.");
    CHECK(find(&d, "Venezuela", GALLEY_NER_L_PLACE) >= 0);
    CHECK(find(&d, "Harbor Council", GALLEY_NER_L_ORG) >= 0);
    CHECK(find(&d, "$3.5 million", GALLEY_NER_MONEY) >= 0);
    CHECK(find(&d, "12%", GALLEY_NER_L_PERCENT) >= 0);
    CHECK(find(&d, "December", GALLEY_NER_DATE) >= 0);
    CHECK(find(&d, "two months later", GALLEY_NER_DATE) >= 0);
    CHECK(find(&d, "Argentinian", GALLEY_NER_PERSON) < 0);
    CHECK(find(&d, "Argentinian", GALLEY_NER_L_PLACE) < 0);
    done(&d);

    /* quotes: after the close, before the open, pronouns, a second quote */
    scan(ner, &d, "Ruth Tamsin spoke first. \xE2\x80\x9CWe won,\xE2\x80\x9D she said. "
                  "\xE2\x80\x9CIt was hard.\xE2\x80\x9D\n\n"
                  "Marco Polo said: \"Not yet.\"\n\n"
                  "\xE2\x80\x9C" "A title\xE2\x80\x9D was read.");
    CHECK(d.r.nq == 4);
    if (d.r.nq == 4) {
        const char *want[] = {"We won,", "It was hard.", "Not yet.", "A title"};
        for (int i = 0; i < 4; i++)
            CHECK_STR(d.s + d.r.q[i].start, d.r.q[i].end - d.r.q[i].start, want[i]);
        CHECK(d.r.q[0].speaker >= 0 && d.r.q[0].speaker == d.r.q[1].speaker);
        if (d.r.q[0].speaker >= 0) {
            c = canon(ner, &d, d.r.q[0].speaker, &n);
            CHECK_STR(c, n, "Ruth Tamsin");
        }
        CHECK(d.r.q[2].speaker >= 0);
        if (d.r.q[2].speaker >= 0) {
            c = canon(ner, &d, d.r.q[2].speaker, &n);
            CHECK_STR(c, n, "Marco Polo");
        }
        CHECK(d.r.q[3].speaker < 0);
    }
    done(&d);

    /* a quotation over two paragraphs */
    scan(ner, &d, "\xE2\x80\x9C" "First part.\n\n\xE2\x80\x9CSecond part,\xE2\x80\x9D "
                  "Marco Vela said.");
    CHECK(d.r.nq == 2);
    if (d.r.nq == 2) {
        CHECK_STR(d.s + d.r.q[0].start, d.r.q[0].end - d.r.q[0].start, "First part.");
        CHECK(d.r.q[0].speaker >= 0 && d.r.q[0].speaker == d.r.q[1].speaker);
    }
    done(&d);

    /* vague times headed by a time noun; no person after an article or
       before a year in brackets; a line opening a quotation while one is
       open; a word then an opening mark closes */
    scan(ner, &d, "The Harlow Quartet played for months. Silent Orchard (2019) won. "
                  "Every week the last week ended.\n\n"
                  "Marco Vela said: \"One.\n\"Two.\" The so-called "
                  "\"salt coast\xE2\x80\x9C shrank.");
    CHECK(find(&d, "months", GALLEY_NER_DATE) >= 0);
    CHECK(find(&d, "last week", GALLEY_NER_DATE) >= 0);
    CHECK(find(&d, "Harlow Quartet", GALLEY_NER_PERSON) < 0);
    CHECK(find(&d, "Silent Orchard", GALLEY_NER_PERSON) < 0);
    CHECK(d.r.nq == 3);
    if (d.r.nq == 3) {
        const char *want[] = {"One.", "Two.", "salt coast"};
        for (int i = 0; i < 3; i++)
            CHECK_STR(d.s + d.r.q[i].start, d.r.q[i].end - d.r.q[i].start, want[i]);
        CHECK(d.r.q[0].speaker >= 0 && d.r.q[0].speaker == d.r.q[1].speaker);
    }
    done(&d);

    /* empty text, and a second scan reusing the scratch */
    scan(ner, &d, "");
    CHECK(d.r.n == 0 && d.r.nq == 0);
    done(&d);

    galley_ner_free(ner);
    return check_done();
}
