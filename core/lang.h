/*
** lang.h: languages: stop words and a language guess for English,
** Spanish, French, German, Portuguese and Italian.
** Ownership: nothing to own; the word lists are static and read-only, and
** every function here is safe to call from several threads at once.
*/
#ifndef GALLEY_LANG_H
#define GALLEY_LANG_H

#include <stddef.h>

/* Language indices. */
enum {
    GALLEY_LANG_EN = 0, GALLEY_LANG_ES, GALLEY_LANG_FR, GALLEY_LANG_DE,
    GALLEY_LANG_PT, GALLEY_LANG_IT, GALLEY_LANG_N
};

/* Number of words the language guess reads at most. */
#if !defined(GALLEY_LANG_GUESS_WORDS)
#define GALLEY_LANG_GUESS_WORDS 2000
#endif

/* The index of language 'name' (an ISO 639-1 code such as "es", or an
** English name such as "spanish", any case), or -1. */
int galley_lang_index(const char *name);

/* The ISO 639-1 code of language 'lang' ("en"), or NULL when out of range. */
const char *galley_lang_code(int lang);

/* The English name of language 'lang' ("english"), as Snowball names its
** stemmers, or NULL when out of range. */
const char *galley_lang_english(int lang);

/* 1 when the word 'w' ('n' bytes of UTF-8) is a stop word of 'lang', else
** 0 (also for a 'lang' out of range). Case is folded here and the curly
** apostrophe reads as the straight one, so "The", "n’t" and "'s" are found. */
int galley_stop_is(int lang, const char *w, size_t n);

/* Bit (1 << lang) set for each language that has 'w' as a stop word. */
unsigned galley_stop_langs(const char *w, size_t n);

/* Guess the language of 's' ('len' bytes of UTF-8) from how many of its
** first GALLEY_LANG_GUESS_WORDS words are stop words of each language (a
** word shared by k languages counts 1/k for each). Returns the index of the
** best language, or -1 when no word was a stop word of any. */
int galley_lang_guess(const char *s, size_t len);

#endif
