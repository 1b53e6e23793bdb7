/*
** test_lang.c: stop words and the language guess.
*/
#include "check.h"
#include "lang.h"

#include <string.h>

static int stop(int lang, const char *w)
{
    return galley_stop_is(lang, w, strlen(w));
}

static int guess(const char *s)
{
    return galley_lang_guess(s, strlen(s));
}

static void test_names(void)
{
    CHECK(galley_lang_index("en") == GALLEY_LANG_EN);
    CHECK(galley_lang_index("ES") == GALLEY_LANG_ES);
    CHECK(galley_lang_index("portuguese") == GALLEY_LANG_PT);
    CHECK(galley_lang_index("German") == GALLEY_LANG_DE);
    CHECK(galley_lang_index("xx") == -1);
    CHECK(galley_lang_index("") == -1);
    CHECK(galley_lang_index(NULL) == -1);
    CHECK(strcmp(galley_lang_code(GALLEY_LANG_IT), "it") == 0);
    CHECK(strcmp(galley_lang_english(GALLEY_LANG_FR), "french") == 0);
    CHECK(galley_lang_code(-1) == NULL && galley_lang_code(GALLEY_LANG_N) == NULL);
    for (int i = 0; i < GALLEY_LANG_N; i++) {
        CHECK(galley_lang_index(galley_lang_code(i)) == i);
        CHECK(galley_lang_index(galley_lang_english(i)) == i);
    }
}

static void test_stop(void)
{
    CHECK(stop(GALLEY_LANG_EN, "the") && stop(GALLEY_LANG_EN, "The") && stop(GALLEY_LANG_EN, "THE"));
    CHECK(stop(GALLEY_LANG_EN, "n't") && stop(GALLEY_LANG_EN, "n\u2019t"));
    CHECK(stop(GALLEY_LANG_EN, "'s") && stop(GALLEY_LANG_EN, "\u2019s"));
    CHECK(stop(GALLEY_LANG_EN, "would") && stop(GALLEY_LANG_EN, "between"));
    CHECK(!stop(GALLEY_LANG_EN, "Maduro") && !stop(GALLEY_LANG_EN, "election"));
    CHECK(!stop(GALLEY_LANG_EN, "") && !stop(GALLEY_LANG_EN, "th"));
    CHECK(stop(GALLEY_LANG_ES, "el") && stop(GALLEY_LANG_ES, "\u00c9l") && stop(GALLEY_LANG_ES, "seg\u00fan"));
    CHECK(stop(GALLEY_LANG_ES, "M\u00c1S") && !stop(GALLEY_LANG_ES, "gobierno"));
    CHECK(!stop(GALLEY_LANG_EN, "el") && !stop(GALLEY_LANG_ES, "the"));
    CHECK(stop(GALLEY_LANG_FR, "les") && stop(GALLEY_LANG_FR, "\u00eatre"));
    CHECK(stop(GALLEY_LANG_DE, "und") && stop(GALLEY_LANG_DE, "\u00fcber") && stop(GALLEY_LANG_DE, "dass"));
    CHECK(stop(GALLEY_LANG_PT, "n\u00e3o") && stop(GALLEY_LANG_PT, "voc\u00ea"));
    CHECK(stop(GALLEY_LANG_IT, "della") && stop(GALLEY_LANG_IT, "perch\u00e9"));
    CHECK(!stop(-1, "the") && !stop(GALLEY_LANG_N, "the"));
    unsigned m = galley_stop_langs("de", 2);
    CHECK((m & (1u << GALLEY_LANG_ES)) && (m & (1u << GALLEY_LANG_FR))
          && (m & (1u << GALLEY_LANG_PT)) && !(m & (1u << GALLEY_LANG_EN)));
    char longword[200];
    memset(longword, 'a', sizeof longword);
    CHECK(galley_stop_langs(longword, sizeof longword) == 0);
}

static void test_guess(void)
{
    CHECK(guess("The council said on Tuesday that it would not approve the budget "
                "until the mayor explained where the money had gone.") == GALLEY_LANG_EN);
    CHECK(guess("El Gobierno anunci\u00f3 el lunes que destinar\u00e1 los fondos a la "
                "reconstrucci\u00f3n de las escuelas, seg\u00fan un comunicado.") == GALLEY_LANG_ES);
    CHECK(guess("Le gouvernement a annonc\u00e9 lundi qu'il allait consacrer les fonds "
                "\u00e0 la reconstruction des \u00e9coles du pays.") == GALLEY_LANG_FR);
    CHECK(guess("Die Regierung hat am Montag angek\u00fcndigt, dass sie die Mittel f\u00fcr "
                "den Wiederaufbau der Schulen verwenden wird.") == GALLEY_LANG_DE);
    CHECK(guess("O governo anunciou na segunda-feira que vai destinar os recursos \u00e0 "
                "reconstru\u00e7\u00e3o das escolas, segundo um comunicado.") == GALLEY_LANG_PT);
    CHECK(guess("Il governo ha annunciato luned\u00ec che destiner\u00e0 i fondi alla "
                "ricostruzione delle scuole, secondo una nota.") == GALLEY_LANG_IT);
    /* English text that quotes a Spanish phrase stays English */
    CHECK(guess("The crowd chanted \u201cno pasar\u00e1n\u201d as the president of the "
                "assembly left the building with his guards.") == GALLEY_LANG_EN);
    CHECK(guess("12345 678") == -1);
    CHECK(guess("") == -1);
    CHECK(guess("\xff\xfe\x80 bad bytes") == -1);
}

int main(void)
{
    test_names();
    test_stop();
    test_guess();
    return check_done();
}
