/*
** test_phrase.c: unit tests for core/phrase.c. Keys are made by hand
** (words split at spaces), as the Lua binding would make them from tokens.
*/
#include "check.h"
#include "galley.h"
#include "phrase.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAXK 80

/* Split 's' at spaces into 'k'; returns the number of keys. */
static size_t split(const char *s, galley_phrase_key *k)
{
    size_t n = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *b = s;
        while (*s && *s != ' ')
            s++;
        k[n].s = b;
        k[n].len = (size_t)(s - b);
        n++;
    }
    return n;
}

static int add(galley_phrase *pm, const char *phrase, int32_t payload)
{
    galley_phrase_key k[MAXK];
    return galley_phrase_add(pm, k, split(phrase, k), payload, NULL);
}

/* Matches over 'text' as "start-end:payload" items. */
static const char *find(galley_phrase *pm, const char *text, int mode)
{
    static char out[1024];
    galley_phrase_key k[256];
    size_t n = split(text, k);
    galley_phrase_matches ms = {0};
    out[0] = '\0';
    if (galley_phrase_find_keys(pm, k, n, mode, &ms)) {
        strcpy(out, "error");
        return out;
    }
    size_t o = 0;
    for (size_t i = 0; i < ms.n; i++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%u-%u:%d", i ? " " : "",
                              ms.m[i].start, ms.m[i].end, ms.m[i].payload);
    galley_phrase_matches_free(&ms);
    return out;
}

static void test_basic(void)
{
    galley_phrase *pm = galley_phrase_new();
    CHECK(pm != NULL);
    CHECK(galley_phrase_count(pm) == 0);
    CHECK(strcmp(find(pm, "nothing to see", GALLEY_PHRASE_LONGEST), "") == 0);
    CHECK(add(pm, "new york", 1) == 1);
    CHECK(add(pm, "new york city", 2) == 1);
    CHECK(add(pm, "york", 3) == 1);
    CHECK(add(pm, "city hall", 4) == 1);
    CHECK(add(pm, "new york", 1) == 0);             /* duplicate */
    CHECK(galley_phrase_count(pm) == 4);
    CHECK(galley_phrase_keys(pm) == 4);             /* new york city hall */
    const char *t = "we saw new york city hall and york";
    CHECK(strcmp(find(pm, t, GALLEY_PHRASE_LONGEST), "2-5:2 7-8:3") == 0);
    CHECK(strcmp(find(pm, t, GALLEY_PHRASE_ALL),
                 "2-4:1 2-5:2 3-4:3 4-6:4 7-8:3") == 0);
    /* A prefix of an entry that is not itself an entry does not match. */
    CHECK(strcmp(find(pm, "new jersey", GALLEY_PHRASE_LONGEST), "") == 0);
    CHECK(strcmp(find(pm, "new", GALLEY_PHRASE_LONGEST), "") == 0);
    /* Longest when the long entry fails at its last token. */
    CHECK(strcmp(find(pm, "new york city", GALLEY_PHRASE_LONGEST), "0-3:2") == 0);
    CHECK(strcmp(find(pm, "new york town", GALLEY_PHRASE_LONGEST), "0-2:1") == 0);
    /* Empty sequence. */
    CHECK(strcmp(find(pm, "", GALLEY_PHRASE_LONGEST), "") == 0);
    galley_phrase_matches ms = {0};
    CHECK(galley_phrase_find(pm, NULL, 0, GALLEY_PHRASE_ALL, &ms) == 0 && ms.n == 0);
    /* Unknown ids are skipped over. */
    uint32_t ids[3] = { GALLEY_PHRASE_NONE, galley_phrase_id(pm, "york", 4), 12345 };
    CHECK(ids[1] != GALLEY_PHRASE_NONE);
    CHECK(galley_phrase_id(pm, "yor", 3) == GALLEY_PHRASE_NONE);
    CHECK(galley_phrase_find(pm, ids, 3, GALLEY_PHRASE_LONGEST, &ms) == 0);
    CHECK(ms.n == 1 && ms.m[0].start == 1 && ms.m[0].end == 2 && ms.m[0].payload == 3);
    galley_phrase_matches_free(&ms);
    galley_phrase_free(pm);
    galley_phrase_free(NULL);
}

static void test_payloads(void)
{
    galley_phrase *pm = galley_phrase_new();
    CHECK(add(pm, "paris", 7) == 1);
    CHECK(add(pm, "paris", 2) == 1);
    CHECK(add(pm, "paris", 7) == 0);
    CHECK(add(pm, "paris", 5) == 1);
    CHECK(galley_phrase_count(pm) == 3);
    CHECK(strcmp(find(pm, "to paris", GALLEY_PHRASE_LONGEST), "1-2:2 1-2:5 1-2:7") == 0);
    galley_phrase_key k[4];
    size_t n = split("paris", k);
    CHECK(galley_phrase_has(pm, k, n, 5) == 1);
    CHECK(galley_phrase_has(pm, k, n, 6) == 0);
    CHECK(galley_phrase_has(pm, k, n, -1) == 1);
    CHECK(galley_phrase_remove(pm, k, n, 5) == 1);
    CHECK(galley_phrase_remove(pm, k, n, 5) == 0);
    CHECK(galley_phrase_count(pm) == 2);
    CHECK(strcmp(find(pm, "paris", GALLEY_PHRASE_LONGEST), "0-1:2 0-1:7") == 0);
    CHECK(galley_phrase_remove(pm, k, n, 2) == 1);     /* back to one inline */
    CHECK(strcmp(find(pm, "paris", GALLEY_PHRASE_LONGEST), "0-1:7") == 0);
    CHECK(add(pm, "paris", 1) == 1);                    /* list reused */
    CHECK(strcmp(find(pm, "paris", GALLEY_PHRASE_LONGEST), "0-1:1 0-1:7") == 0);
    CHECK(galley_phrase_remove(pm, k, n, -1) == 2);
    CHECK(galley_phrase_count(pm) == 0);
    CHECK(galley_phrase_has(pm, k, n, -1) == 0);
    CHECK(strcmp(find(pm, "paris", GALLEY_PHRASE_LONGEST), "") == 0);
    /* Removing a prefix entry leaves the longer one. */
    CHECK(add(pm, "san jose", 1) == 1);
    CHECK(add(pm, "san", 1) == 1);
    n = split("san", k);
    CHECK(galley_phrase_remove(pm, k, n, 1) == 1);
    CHECK(strcmp(find(pm, "san san jose", GALLEY_PHRASE_ALL), "1-3:1") == 0);
    /* Nothing to remove: unknown keys, empty. */
    n = split("los angeles", k);
    CHECK(galley_phrase_remove(pm, k, n, -1) == 0);
    CHECK(galley_phrase_remove(pm, k, 0, -1) == 0);
    CHECK(galley_phrase_has(pm, k, 0, -1) == 0);

    /* Many payloads in scrambled order stay sorted and unique. */
    for (int i = 0; i < 200; i++)
        CHECK(add(pm, "lima", (i * 37) % 100) == (i < 100));
    galley_phrase_matches ms = {0};
    n = split("lima", k);
    CHECK(galley_phrase_find_keys(pm, k, n, GALLEY_PHRASE_LONGEST, &ms) == 0);
    CHECK(ms.n == 100);
    int sorted = 1;
    for (size_t i = 0; i < ms.n; i++)
        sorted &= ms.m[i].payload == (int32_t)i;
    CHECK(sorted);
    galley_phrase_matches_free(&ms);
    /* Remove by payload across the trie. */
    CHECK(add(pm, "san jose", 42) == 1);
    CHECK(galley_phrase_remove_payload(pm, 42) == 2);  /* lima and san jose */
    CHECK(galley_phrase_remove_payload(pm, 42) == 0);
    CHECK(galley_phrase_remove_payload(pm, -1) == 0);
    CHECK(galley_phrase_count(pm) == 100);
    CHECK(strcmp(find(pm, "san jose", GALLEY_PHRASE_ALL), "0-2:1") == 0);
    galley_phrase_free(pm);
}

static void test_bad_input(void)
{
    galley_phrase *pm = galley_phrase_new();
    galley_buf err = {0};
    galley_phrase_key k[MAXK];
    CHECK(galley_phrase_add(pm, k, 0, 1, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "empty phrase");
    err.len = 0;
    size_t n = split("a", k);
    CHECK(galley_phrase_add(pm, k, n, -3, &err) == GALLEY_EINVAL);
    CHECK_STR(err.s, err.len, "negative payload");
    err.len = 0;
    for (int i = 0; i < 65; i++)
        k[i].s = "w", k[i].len = 1;
    CHECK(galley_phrase_add(pm, k, 65, 1, &err) == GALLEY_ELIMIT);
    CHECK_STR(err.s, err.len, "phrase too long (limit is 64 tokens)");
    CHECK(galley_phrase_add(pm, k, 64, 1, NULL) == 1);
    CHECK(galley_phrase_count(pm) == 1);
    /* Keys are bytes: empty keys, NUL bytes and invalid UTF-8 are fine. */
    galley_phrase_key odd[3] = { {"", 0}, {"a\0b", 3}, {"\xff\xfe", 2} };
    CHECK(galley_phrase_add(pm, odd, 3, 9, NULL) == 1);
    CHECK(galley_phrase_id(pm, "a", 1) == GALLEY_PHRASE_NONE);
    CHECK(galley_phrase_id(pm, "a\0b", 3) != GALLEY_PHRASE_NONE);
    galley_phrase_key doc[4] = { {"x", 1}, {"", 0}, {"a\0b", 3}, {"\xff\xfe", 2} };
    galley_phrase_matches ms = {0};
    CHECK(galley_phrase_find_keys(pm, doc, 4, GALLEY_PHRASE_LONGEST, &ms) == 0);
    CHECK(ms.n == 1 && ms.m[0].start == 1 && ms.m[0].end == 4 && ms.m[0].payload == 9);
    galley_phrase_matches_free(&ms);
    /* A run of 64 'w' keys matches, 65 tokens give one match and a rest. */
    CHECK(galley_phrase_find_keys(pm, k, 65, GALLEY_PHRASE_LONGEST, &ms) == 0);
    CHECK(ms.n == 1 && ms.m[0].start == 0 && ms.m[0].end == 64);
    galley_phrase_matches_free(&ms);
    galley_buf_free(&err);
    galley_phrase_free(pm);
}

static void test_million_duplicates(void)
{
    galley_phrase *pm = galley_phrase_new();
    galley_phrase_key k[4];
    size_t n = split("nicolás maduro", k);
    size_t added = 0;
    for (int i = 0; i < 1000000; i++)
        added += (size_t)galley_phrase_add(pm, k, n, 3, NULL);
    CHECK(added == 1);
    CHECK(galley_phrase_count(pm) == 1);
    CHECK(galley_phrase_keys(pm) == 2);
    CHECK(galley_phrase_memory(pm) < 64 * 1024);
    CHECK(strcmp(find(pm, "president nicolás maduro", GALLEY_PHRASE_ALL), "1-3:3") == 0);
    galley_phrase_free(pm);
}

/* Compare with a plain search over every entry, on random data. */
static uint32_t rng = 12345;
static uint32_t rnd(uint32_t n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 8) % n;
}

static void test_random(void)
{
    enum { V = 12, E = 400, L = 4, DOC = 3000 };
    static const char *words[V] = { "a", "b", "c", "d", "e", "f", "g", "h",
                                    "i", "j", "k", "l" };
    static int ent[E][L + 1];       /* length, then words */
    static int entpay[E];
    galley_phrase *pm = galley_phrase_new();
    for (int e = 0; e < E; e++) {
        int len = 1 + (int)rnd(L);
        galley_phrase_key k[L];
        ent[e][0] = len;
        for (int i = 0; i < len; i++) {
            ent[e][i + 1] = (int)rnd(V / 2) * ((int)rnd(3) ? 1 : 2);
            k[i].s = words[ent[e][i + 1]];
            k[i].len = 1;
        }
        entpay[e] = (int)rnd(50);
        CHECK(galley_phrase_add(pm, k, (size_t)len, entpay[e], NULL) >= 0);
    }
    static int doc[DOC];
    static galley_phrase_key dk[DOC];
    for (int i = 0; i < DOC; i++) {
        doc[i] = (int)rnd(V);
        dk[i].s = words[doc[i]];
        dk[i].len = 1;
    }
    galley_phrase_matches all = {0}, lng = {0};
    CHECK(galley_phrase_find_keys(pm, dk, DOC, GALLEY_PHRASE_ALL, &all) == 0);
    CHECK(galley_phrase_find_keys(pm, dk, DOC, GALLEY_PHRASE_LONGEST, &lng) == 0);
    /* Expected ALL: for each start, each length, each distinct payload. */
    size_t want = 0, bad = 0, li = 0, i = 0;
    size_t next_free = 0;
    for (int s = 0; s < DOC; s++) {
        int longest = 0;
        for (int len = 1; len <= L && s + len <= DOC; len++) {
            char seen[50] = {0};
            for (int e = 0; e < E; e++) {
                if (ent[e][0] != len || seen[entpay[e]])
                    continue;
                int ok = 1;
                for (int t = 0; t < len && ok; t++)
                    ok = ent[e][t + 1] == doc[s + t];
                if (ok)
                    seen[entpay[e]] = 1;
            }
            for (int p = 0; p < 50; p++) {
                if (!seen[p])
                    continue;
                longest = len;
                if (i >= all.n || all.m[i].start != (uint32_t)s ||
                    all.m[i].end != (uint32_t)(s + len) || all.m[i].payload != p)
                    bad++;
                i++;
                want++;
            }
        }
        if (longest && (size_t)s >= next_free) {
            /* Every payload of the longest span at s. */
            while (li < lng.n && lng.m[li].start == (uint32_t)s) {
                if (lng.m[li].end != (uint32_t)(s + longest))
                    bad++;
                li++;
            }
            next_free = (size_t)(s + longest);
        }
    }
    CHECK(all.n == want);
    CHECK(li == lng.n);
    CHECK(bad == 0);
    galley_phrase_matches_free(&all);
    galley_phrase_matches_free(&lng);
    galley_phrase_free(pm);
}

/* Many distinct entries: every one is found again. */
static void test_many(void)
{
    galley_phrase *pm = galley_phrase_new();
    char buf[64];
    for (int i = 0; i < 200000; i++) {
        snprintf(buf, sizeof buf, "w%d x%d", i, i % 7);
        CHECK(add(pm, buf, i) == 1);
    }
    CHECK(galley_phrase_count(pm) == 200000);
    int bad = 0;
    for (int i = 0; i < 200000; i += 997) {
        snprintf(buf, sizeof buf, "q w%d x%d q", i, i % 7);
        char want[64];
        snprintf(want, sizeof want, "1-3:%d", i);
        bad += strcmp(find(pm, buf, GALLEY_PHRASE_LONGEST), want) != 0;
    }
    CHECK(bad == 0);
    galley_phrase_free(pm);
}

int main(void)
{
    test_basic();
    test_payloads();
    test_bad_input();
    test_million_duplicates();
    test_random();
    test_many();
    return check_done();
}
