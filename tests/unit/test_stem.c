/*
** test_stem.c: Snowball stemmers through libstemmer.
*/
#include "check.h"
#include "galley.h"
#include "stem.h"

#include <string.h>

static void stem_is(galley_stemmer *st, const char *w, const char *want)
{
    galley_buf b = {0};
    CHECK(galley_stemmer_stem(st, w, strlen(w), &b) == GALLEY_OK);
    CHECK_STR(b.s, b.len, want);
    galley_buf_free(&b);
}

int main(void)
{
    galley_stemmer *en, *es, *x = NULL;
    CHECK(galley_stemmer_new("en", &en) == GALLEY_OK && en);
    CHECK(strcmp(galley_stemmer_lang(en), "en") == 0);
    stem_is(en, "Running", "run");
    stem_is(en, "elections", "elect");
    stem_is(en, "ELECTED", "elect");
    stem_is(en, "Maduro's", "maduro");
    stem_is(en, "Maduro\u2019s", "maduro");
    stem_is(en, "", "");
    CHECK(galley_stemmer_new("es", &es) == GALLEY_OK);
    stem_is(es, "Elecciones", "eleccion");
    stem_is(es, "corriendo", "corr");
    /* appending keeps what the buffer holds */
    galley_buf b = {0};
    CHECK(galley_stemmer_stem(en, "cats", 4, &b) == 0 && galley_buf_addc(&b, ' ') == 0
          && galley_stemmer_stem(en, "dogs", 4, &b) == 0);
    CHECK_STR(b.s, b.len, "cat dog");
    galley_buf_free(&b);
    galley_stemmer_free(en);
    galley_stemmer_free(es);

    const char *langs[] = {"english", "porter", "fr", "de", "pt", "it", "russian"};
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        galley_stemmer *st = NULL;
        CHECK(galley_stemmer_new(langs[i], &st) == GALLEY_OK && st);
        galley_stemmer_free(st);
    }
    CHECK(galley_stemmer_new("klingon", &x) == GALLEY_EINVAL && x == NULL);
    CHECK(galley_stemmer_new(NULL, &x) == GALLEY_EINVAL);
    galley_stemmer_free(NULL);
    return check_done();
}
