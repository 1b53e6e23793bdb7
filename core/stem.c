/*
** stem.c: Snowball stemming through libstemmer (see stem.h;
** libstemmer.h: sb_stemmer_new, sb_stemmer_stem, sb_stemmer_length).
** It does not guess languages (lang.h) or pick which words to stem.
*/
#include "stem.h"
#include "galley.h"
#include "lang.h"
#include "token.h"

#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Longest language name kept. */
#define LANG_MAX 32

struct galley_stemmer {
    struct sb_stemmer *sb;
    galley_buf fold;            /* the case-folded word */
    char lang[LANG_MAX];
};

int galley_stemmer_new(const char *lang, galley_stemmer **out)
{
    *out = NULL;
    if (!lang || strlen(lang) >= LANG_MAX)
        return GALLEY_EINVAL;
    /* libstemmer returns NULL both for an unknown language and when out of
       memory: tell them apart by the list of algorithms it has. */
    int li = galley_lang_index(lang);
    const char *algo = li >= 0 ? galley_lang_english(li) : lang;
    int known = 0;
    const char **list = sb_stemmer_list();
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], algo) == 0)
            known = 1;
    galley_stemmer *st = calloc(1, sizeof *st);
    if (!st)
        return GALLEY_ENOMEM;
    st->sb = sb_stemmer_new(algo, "UTF_8");
    if (!st->sb) {
        free(st);
        return known ? GALLEY_ENOMEM : GALLEY_EINVAL;
    }
    strcpy(st->lang, lang);
    *out = st;
    return GALLEY_OK;
}

int galley_stemmer_stem(galley_stemmer *st, const char *w, size_t n,
                        galley_buf *out)
{
    st->fold.len = 0;
    if (galley_casefold(w, n, &st->fold))
        return GALLEY_ENOMEM;
    /* the curly apostrophe reads as the straight one the stemmers know */
    size_t k = 0;
    for (size_t i = 0; i < st->fold.len; i++) {
        if (i + 2 < st->fold.len && (unsigned char)st->fold.s[i] == 0xe2
            && (unsigned char)st->fold.s[i + 1] == 0x80
            && (unsigned char)st->fold.s[i + 2] == 0x99) {
            st->fold.s[k++] = '\'';
            i += 2;
        } else
            st->fold.s[k++] = st->fold.s[i];
    }
    st->fold.len = k;
    if (st->fold.len > INT_MAX)
        return galley_buf_add(out, st->fold.s, st->fold.len);
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)st->fold.s,
                                         (int)st->fold.len);
    if (!r)
        return GALLEY_ENOMEM;
    return galley_buf_add(out, (const char *)r, (size_t)sb_stemmer_length(st->sb));
}

const char *galley_stemmer_lang(const galley_stemmer *st)
{
    return st->lang;
}

void galley_stemmer_free(galley_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    galley_buf_free(&st->fold);
    free(st);
}
