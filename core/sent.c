/*
** sent.c: sentence and paragraph splitter over tokens (see sent.h).
**
** Unicode has a sentence boundary annex (UAX #29) but libunistring does not
** implement it, and its rules are too plain for news anyway; these are
** ours. A sentence may end after a terminal token: a run of . ? ! or an
** ellipsis, or an abbreviation that kept its period ("U.S.", "p.m."). Closing
** quotes and brackets right after the stop belong to the sentence. Whether
** it does end depends on what follows:
**   ? ! ...      ends unless a lower-case word or a comma follows, or a
**                speech verb after a closing quote ("Why?" Smith asked),
**                or it closes a capitalised title ("Jeopardy! was"), or it
**                sits in a quotation that the sentence goes on after
**                (chanted "Go! Go!" as he ran).
**   .            ends unless a lower-case word or a comma follows, or it
**                closes a list number or Roman numeral at the start of a
**                line ("1." "IV."), or a unit after a number ("9 in. and");
**                after a lower-case abbreviation the tokenizer split off
**                ("gen." "c.") only a sentence-starting word ends it.
**   ellipsis     ends before a capital.
**   "Mr." "No."  (titles, numbers) never end a sentence.
**   "a.m." "etc." end before a capital that is not a time zone.
**   "U.S." "J."  end before a sentence-starting word (a capitalised
**                function word or sentence adverb: "The", "He", "However"),
**                an opening quote, after a closing quote, or on a new line;
**                "Dec." and a unit after a number ("5 C." "10 min.") before
**                any capital; "B.C." after a year as "a.m." does; a party
**                and state ("R-Ariz.") before any capital; the end of a
**                street or company name ("Elm St." "Acme Corp.") before a
**                capital that opens a clause ("Workers went").
**   "Gen."       (titles) end only before a pronoun or article.
** A blank line always ends the sentence and the paragraph. A single line
** break ends a sentence when the line has no final stop, does not stop on
** a word that needs a continuation (a comma, "the", "of"), and the next
** line starts a new unit (a capital, a digit, a bullet, an opening quote):
** headlines, datelines, bylines and list items stand alone. A long line
** of prose that breaks before a name going on into the rest of the
** sentence was wrapped, and goes on.
*/
#include "sent.h"
#include "galley.h"
#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

/* What the token after a possible stop looks like. */
enum {
    N_UPPER,    /* a word with a capital letter, or a letter without case */
    N_LOWER,    /* a lower-case word */
    N_DIGIT,    /* a number */
    N_CONT,     /* punctuation that continues a sentence: , ; : ) */
    N_OTHER     /* a symbol, a bullet, an emoji, a URL... */
};

/* Terminal token bits. */
enum { T_DOT = 1, T_Q = 2, T_ELL = 4 };

static inline const uint8_t *tx(const char *s, const galley_token *t)
{
    return (const uint8_t *)s + t->start;
}

static inline size_t tlen(const galley_token *t)
{
    return t->end - t->start;
}

static inline int is(const char *s, const galley_token *t, const char *w)
{
    size_t n = strlen(w);
    return tlen(t) == n && memcmp(tx(s, t), w, n) == 0;
}

/* T_* bits of a terminal punctuation token, 0 for any other. */
static int terminal(const char *s, const galley_token *t)
{
    if (t->kind != GALLEY_TK_PUNCT)
        return 0;
    const uint8_t *p = tx(s, t);
    size_t n = tlen(t);
    if (n == 3 && p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xa6)
        return T_ELL;                           /* … */
    int bits = 0, dots = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.')
            dots++;
        else if (p[i] == '?' || p[i] == '!')
            bits |= T_Q;
        else
            return 0;
    }
    if (dots == 1)
        bits |= T_DOT;
    else if (dots > 1)
        bits |= T_ELL;
    return bits;
}

/* Closing quotes and brackets; straight quotes only when attached to the
** token before them. */
static int closer_mark(const char *s, const galley_tokens *tk, size_t i)
{
    const galley_token *t = &tk->t[i];
    if (t->kind != GALLEY_TK_PUNCT)
        return 0;
    const uint8_t *p = tx(s, t);
    size_t n = tlen(t);
    if (n == 1) {
        if (p[0] == ')' || p[0] == ']' || p[0] == '}')
            return 1;
        if (p[0] == '"' || p[0] == '\'')
            return i > 0 && !(tk->t[i - 1].flags & GALLEY_TF_SPACE);
        return 0;
    }
    if (n == 2)
        return p[0] == 0xc2 && p[1] == 0xbb;                       /* » */
    return n == 3 && p[0] == 0xe2 && p[1] == 0x80
           && (p[2] == 0x9d || p[2] == 0x99 || p[2] == 0xba);      /* ” ’ › */
}

static int opener_mark(const char *s, const galley_tokens *tk, size_t i)
{
    const galley_token *t = &tk->t[i];
    if (t->kind != GALLEY_TK_PUNCT)
        return 0;
    const uint8_t *p = tx(s, t);
    size_t n = tlen(t);
    if (n == 1) {
        if (p[0] == '(' || p[0] == '[' || p[0] == '{')
            return 1;
        if (p[0] == '"' || p[0] == '\'')
            return !(t->flags & GALLEY_TF_SPACE);
        return 0;
    }
    if (n == 2)
        return p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbf || p[1] == 0xa1);  /* « ¿ ¡ */
    return n == 3 && p[0] == 0xe2 && p[1] == 0x80
           && (p[2] == 0x9c || p[2] == 0x98 || p[2] == 0xb9);      /* “ ‘ ‹ */
}

/* The same, with the token's mark flags read first (most tokens are no
** quote or bracket). */
static inline int is_closer(const char *s, const galley_tokens *tk, size_t i)
{
    return (tk->t[i].xflags & (GALLEY_TX_CLOSE | GALLEY_TX_QUOTE)) && closer_mark(s, tk, i);
}

static inline int is_opener(const char *s, const galley_tokens *tk, size_t i)
{
    return (tk->t[i].xflags & (GALLEY_TX_OPEN | GALLEY_TX_QUOTE)) && opener_mark(s, tk, i);
}

/* Case of a word: N_UPPER when it has a capital or its first letter has
** no case, N_LOWER otherwise. */
static int word_case(const char *s, const galley_token *t)
{
    if (t->flags & (GALLEY_TF_TITLE | GALLEY_TF_UPPER))
        return N_UPPER;
    const uint8_t *p = tx(s, t);
    size_t n = tlen(t), i = 0;
    if (t->flags & GALLEY_TF_ASCII) {
        for (; i < n; i++)
            if (p[i] >= 'A' && p[i] <= 'Z')
                return N_UPPER;                 /* "iPhone", "eBay" */
        return p[0] >= 'a' && p[0] <= 'z' ? N_LOWER : N_UPPER;
    }
    while (i < n) {
        ucs4_t c;
        int l = u8_mbtouc(&c, p + i, n - i);
        if (uc_is_property_uppercase(c))
            return N_UPPER;                     /* "iPhone", "eBay" */
        i += l > 0 ? (size_t)l : 1;
    }
    ucs4_t c0;
    u8_mbtouc(&c0, p, n);
    return uc_is_property_lowercase(c0) || !uc_is_property_alphabetic(c0)
           ? N_LOWER : N_UPPER;
}

/* Category of token 'j', looking past opening quotes and brackets ('*opened'
** tells whether there were any). */
static int next_cat(const char *s, const galley_tokens *tk, size_t j, int *opened)
{
    *opened = 0;
    while (j + 1 < tk->n && is_opener(s, tk, j)) {
        *opened = 1;
        j++;
    }
    const galley_token *t = &tk->t[j];
    switch (t->kind) {
    case GALLEY_TK_WORD:
        return word_case(s, t);
    case GALLEY_TK_NUMBER:
        return N_DIGIT;
    case GALLEY_TK_PUNCT: {
        uint8_t c = tx(s, t)[0];
        if (c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '}'
            || c == '.' || c == '?' || c == '!' || is_closer(s, tk, j))
            return N_CONT;
        if ((c == '-' || is(s, t, "\u2013") || is(s, t, "\u2014")) && t->lines == 0)
            return N_CONT;
        return N_OTHER;
    }
    case GALLEY_TK_SYMBOL: {
        uint8_t c = tx(s, t)[0];    /* a percent sign, an emoticon */
        return c == '%' || c == ':' || c == ';' ? N_CONT : N_OTHER;
    }
    default:
        return N_OTHER;
    }
}

/* The index of the token after the openers at 'j'. */
static size_t skip_openers(const char *s, const galley_tokens *tk, size_t j)
{
    while (j + 1 < tk->n && is_opener(s, tk, j))
        j++;
    return j;
}

/* Sentence adverbs and plural nouns that open news sentences, which no
** stop list holds. */
static const char *const openers[] = {
    "However", "Meanwhile", "Later", "Earlier", "Today", "Yesterday",
    "Tomorrow", "Instead", "According", "Thus", "Therefore", "Furthermore",
    "Moreover", "Nevertheless", "Nonetheless", "Indeed", "Perhaps", "Maybe",
    "Otherwise", "Afterwards", "Eventually", "Finally", "Overall",
    "Separately", "Elsewhere", "Asked", "Unlike", "Officials", "Residents",
    "Analysts", "Critics", "Investors", "Experts", "Witnesses",
    "Authorities", "Researchers", "Scientists", "Lawmakers", "Prosecutors",
    "Protesters", "Leaders", "Voters", "Shares", "Prices", "Thousands",
    "Hundreds", "Dozens", "Millions", "Others", "Nobody", "Everyone",
    "Workers", "Officers", "Students", "Parents", "Doctors", "Families",
    "Customers", "Employees", "Visitors", "Guests", "Farmers", "Please", NULL
};

/* 1 when token 't' is a capitalised function word that starts sentences:
** "The", "He", "But", "El", "Die" (a stop word of any language), or a
** sentence adverb ("However"). */
static int starter(const char *s, const galley_token *t)
{
    if (t->kind != GALLEY_TK_WORD || !(t->flags & (GALLEY_TF_TITLE | GALLEY_TF_UPPER)))
        return 0;
    size_t n = tlen(t);
    if (n == 1)
        return tx(s, t)[0] == 'A' || tx(s, t)[0] == 'I';
    if (galley_stop_langs((const char *)tx(s, t), n) != 0)
        return 1;
    const uint8_t *p = tx(s, t);
    for (const char *const *w = openers; *w; w++)
        if ((uint8_t)(*w)[0] == p[0] && strlen(*w) == n && memcmp(*w, p, n) == 0)
            return 1;
    return 0;
}

/* 1 when token 't' is one of the words 'w' (first bytes compared first). */
static int in_words(const char *s, const galley_token *t, const char *const *w)
{
    const uint8_t *p = tx(s, t);
    for (; *w; w++)
        if ((uint8_t)(*w)[0] == p[0] && is(s, t, *w))
            return 1;
    return 0;
}

/* Verbs of saying that follow a quotation: "Why?" Smith asked. */
static const char *const speech[] = {
    "said", "says", "asked", "asks", "told", "added", "adds", "wrote",
    "writes", "replied", "replies", "shouted", "yelled", "insisted",
    "explained", "continued", "noted", "recalled", "warned", "declared",
    "exclaimed", "cried", "whispered", "tweeted", "posted", "argued",
    "stated", "claimed", "answered", "demanded", "wondered", "responded",
    "remarked", "suggested", "admitted", "agreed", "conceded", "joked",
    "urged", "pleaded", "muttered", "screamed", "snapped", "observed",
    "commented", "countered", "quipped", "announced", "promised",
    "boasted", "complained", "acknowledged", "repeated", "confirmed",
    "testified", "explains", "notes", "recalls", "tells", "tweets", NULL
};

/* Words that follow "a.m." and "p.m." inside a sentence: time zones, days
** and months ("at 9 a.m. Monday"). */
static const char *const zones[] = {
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST",
    "PDT", "GMT", "UTC", "BST", "CET", "CEST", "Eastern", "Central",
    "Mountain", "Pacific", "local", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.",
    "Oct.", "Nov.", "Dec.", "E.T.", "C.T.", "M.T.", "P.T.", NULL
};

/* Subjects of a speech verb that do not say the quotation before them. */
static const char *const nobody[] = {
    "Nobody", "No", "None", "Nothing", "Everyone", "Everybody", "Someone",
    "Somebody", "Many", "Others", "Few", "Several", NULL
};

/* Abbreviated months, which name no one: a capital after them starts a
** sentence. */
static const char *const months[] = {
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
    "Oct.", "Nov.", "Dec.", NULL
};

/* Units after a number: a capital after them starts a sentence. */
static const char *const units[] = {
    "min.", "mins.", "hr.", "hrs.", "lb.", "lbs.", "oz.", "ft.", "mi.",
    "yr.", "yrs.", "gal.", NULL
};

/* Eras after a year: "in 44 B.C." */
static const char *const eras[] = {
    "B.C.", "A.D.", "B.C.E.", "C.E.", NULL
};

/* Street names end with these; a capital after them starts a sentence:
** "on Elm St. Police said" (but "Mount St. Helens"). */
static const char *const streets[] = {
    "St.", "Ave.", "Rd.", "Blvd.", "Hwy.", NULL
};

/* Words that put a saint's "St." after them. */
static const char *const saints[] = {
    "Mount", "Mt.", "Fort", "Ft.", "Port", "Lake", "Cape", "Sault", NULL
};

/* Company names end with these: "Acme Corp. Workers went on strike". */
static const char *const companies[] = {
    "Inc.", "Corp.", "Co.", "Ltd.", "Cos.", "Bros.", NULL
};

/* Words that never follow a title such as "Gen." in a name. */
static const char *const pronouns[] = {
    "The", "He", "She", "It", "They", "We", "His", "Her", "Its", "Their",
    "This", "That", "These", "Those", "An", NULL
};

/* Abbreviations that the tokenizer splits from their period (its list is
** in token.c). Written in lower case, the period after them ends a
** sentence only before a sentence-starting word ("a new gen. manager");
** capitalised, not before a lower-case word ("the Dir. of the fund", "Sat.
** and Sun. so"). */
static const char *const lower_abbrs[] = {
    "gen", "asst", "assoc", "intl", "natl", "govt", "mgr", "mgmt", "dir",
    "div", "misc", "pct", "deg", "ref", "jr", "sr", "esp", "ed", "eds",
    "fmr", "univ", "corp", "inc", "ltd", "plc", "bldg", "blvd", "dist",
    "gov", "sen", "rep", "dr", "mr", "mrs", "ms", "prof", "pres", "vp",
    "ave", "rd", "mt", "hwy", "ctr", "appt", "avg", "aka", "incl", "exec",
    "admin", "sun", "yds", "yd", "kg", "km", "cm", "mm", "sq", "pop", NULL
};

/* 1 when the word 't' before a stop is one of 'lower_abbrs', in lower case
** or with a capital first letter. */
static int short_abbr(const char *s, const galley_token *t)
{
    size_t n = tlen(t);
    if (t->kind != GALLEY_TK_WORD || n < 2 || n > 5 || (t->flags & GALLEY_TF_UPPER))
        return 0;
    const uint8_t *p = tx(s, t);
    uint8_t c = (uint8_t)(p[0] | 0x20);
    for (const char *const *w = lower_abbrs; *w; w++) {
        if ((uint8_t)(*w)[0] != c)
            continue;
        size_t k = 1;       /* a shorter entry stops at its NUL */
        while (k < n && (uint8_t)(*w)[k] == p[k])
            k++;
        if (k == n && (*w)[n] == '\0')
            return 1;
    }
    return 0;
}

/* 1 when a line that ends with token 't' goes on to the next line. */
static int continues(const char *s, const galley_token *t)
{
    if (t->kind == GALLEY_TK_PUNCT) {
        uint8_t c = tx(s, t)[0];
        return c == ',' || c == ';' || c == '-' || c == '(' || c == '['
               || c == '{' || c == '/' || c == '&' || is(s, t, "\u2013")
               || is(s, t, "\u2014") || is(s, t, "\u201c") || is(s, t, "\u2018");
    }
    if (t->kind == GALLEY_TK_SYMBOL)
        return tx(s, t)[0] == '+' || tx(s, t)[0] == '=';
    if (t->kind == GALLEY_TK_WORD && !(t->flags & (GALLEY_TF_TITLE | GALLEY_TF_UPPER)))
        return galley_stop_langs((const char *)tx(s, t), tlen(t)) != 0;
    return 0;
}

#define NONE SIZE_MAX

/* Tokens looked back for the opening single quote that a quote mark
** standing apart closes. */
#if !defined(GALLEY_SENT_QUOTE)
#define GALLEY_SENT_QUOTE 400
#endif

/* Bytes a line must have to be taken for a wrapped line of prose. */
#if !defined(GALLEY_SENT_WRAP)
#define GALLEY_SENT_WRAP 40
#endif

/* Bullets that open list items. */
static int is_bullet(const char *s, const galley_token *t)
{
    const uint8_t *p = tx(s, t);
    if (tlen(t) != 3 || p[0] != 0xe2)
        return 0;
    return (p[1] == 0x80 && (p[2] == 0xa2 || p[2] == 0xa3))       /* U+2022 U+2023 */
           || (p[1] == 0x81 && p[2] == 0x83)                     /* U+2043 */
           || (p[1] == 0x97 && (p[2] == 0xa6 || p[2] == 0x8f))   /* U+25E6 U+25CF */
           || (p[1] == 0x96 && p[2] == 0xaa);                    /* U+25AA */
}

/* 1 when a list item marker starts at token 'j': "1." "2)" "3.)" "a." "b)"
** "A." attached to its number or letter, then a capitalised word. */
static int list_marker(const char *s, const galley_tokens *tk, size_t j)
{
    const galley_token *T = tk->t;
    size_t n = tk->n;
    if (j >= n)
        return 0;
    const galley_token *t = &T[j];
    size_t k;
    if (t->kind == GALLEY_TK_WORD && tlen(t) == 2 && tx(s, t)[1] == '.'
        && (tx(s, t)[0] | 0x20) >= 'a' && (tx(s, t)[0] | 0x20) <= 'z') {
        k = j + 1;                              /* "A." kept whole */
    } else {
        int num = t->kind == GALLEY_TK_NUMBER && (t->flags & GALLEY_TF_DIGIT)
                  && tlen(t) <= 3;
        int letter = t->kind == GALLEY_TK_WORD && tlen(t) == 1
                     && (tx(s, t)[0] | 0x20) >= 'a' && (tx(s, t)[0] | 0x20) <= 'z';
        if (!(num || letter) || (t->flags & GALLEY_TF_SPACE) || j + 1 >= n)
            return 0;
        k = j + 1;
        if (!is(s, &T[k], ".") && !is(s, &T[k], ")"))
            return 0;
        if (is(s, &T[k], ".") && !(T[k].flags & GALLEY_TF_SPACE) && k + 1 < n
            && is(s, &T[k + 1], ")"))
            k++;
        if (!(T[k].flags & GALLEY_TF_SPACE))
            return 0;
        k++;
    }
    return k < n && T[k].kind == GALLEY_TK_WORD && word_case(s, &T[k]) == N_UPPER;
}

/* 1 when token 't' is a Roman numeral of two to five letters, all upper
** or all lower case: "II" "xiv" (one letter is an initial or a letter). */
static int roman(const char *s, const galley_token *t)
{
    size_t n = tlen(t);
    if (t->kind != GALLEY_TK_WORD || n < 2 || n > 5)
        return 0;
    const uint8_t *p = tx(s, t);
    int low = p[0] >= 'a';
    for (size_t k = 0; k < n; k++) {
        uint8_t c = (uint8_t)(low ? p[k] - 0x20 : p[k]);
        if (c != 'I' && c != 'V' && c != 'X' && c != 'L' && c != 'C')
            return 0;
    }
    return 1;
}

/* The first token of the sentence that starts at 'a', past a bullet. */
static size_t item_start(const char *s, const galley_tokens *tk, size_t a)
{
    return a + 1 < tk->n && is_bullet(s, &tk->t[a]) ? a + 1 : a;
}

/* 1 when the stop at 'i' (next token 'j') is inside a quotation opened in
** the middle of the sentence that started at 'a', and the sentence goes on
** in lower case after the quotation closes: The crowd chanted "Go! Go!" as
** he ran. */
static int inside_quote(const char *s, const galley_tokens *tk, size_t a, size_t i,
                        size_t j)
{
    const galley_token *T = tk->t;
    size_t k = i, n = tk->n;
    for (;;) {
        if (k == a || k + 60 < i)
            return 0;
        k--;
        if (T[k].xflags & GALLEY_TX_QUOTE)
            break;
    }
    if (k == item_start(s, tk, a) || !is_opener(s, tk, k))
        return 0;
    for (size_t q = j; q < n && q < j + 60 && T[q].lines < 2; q++) {
        if (!(T[q].xflags & GALLEY_TX_QUOTE))
            continue;
        if (!is_closer(s, tk, q) || q + 1 >= n || T[q + 1].lines)
            return 0;
        return T[q + 1].kind == GALLEY_TK_WORD && word_case(s, &T[q + 1]) == N_LOWER;
    }
    return 0;
}

/* A dateline opening the sentence at 'a': capitals, an optional place,
** an optional agency in brackets and a dash: "CARACAS, Venezuela (AP) --".
** Returns the index of the dash, or NONE. */
static size_t dateline(const char *s, const galley_tokens *tk, size_t a)
{
    const galley_token *T = tk->t;
    size_t n = tk->n, i = a;
    if (i >= n || T[i].kind != GALLEY_TK_WORD || !(T[i].flags & GALLEY_TF_UPPER)
        || tlen(&T[i]) < 3)
        return NONE;
    while (i < n && i < a + 10) {
        const galley_token *t = &T[i];
        if (t->kind == GALLEY_TK_WORD && word_case(s, t) == N_UPPER)
            i++;
        else if (is(s, t, ",") || is(s, t, "."))
            i++;
        else if (is(s, t, "(") && i + 2 < n && T[i + 1].kind == GALLEY_TK_WORD
                 && is(s, &T[i + 2], ")"))
            i += 3;
        else
            break;
    }
    if (i == a || i + 1 >= n)
        return NONE;
    if (!(is(s, &T[i], "-") || is(s, &T[i], "--") || is(s, &T[i], "\u2013")
          || is(s, &T[i], "\u2014")))
        return NONE;
    return T[i].lines == 0 && T[i + 1].lines == 0 ? i : NONE;
}

/* 1 when the token after the stop 'e' is a straight quote mark standing
** apart that closes the quotation the sentence opened at or after 'a': "
** We won . " A single one closes a quotation opened earlier in the
** paragraph (up to GALLEY_SENT_QUOTE tokens back): ' We won . We did . ' */
static int apart_quote(const char *s, const galley_tokens *tk, size_t a, size_t e)
{
    const galley_token *T = tk->t;
    size_t n = tk->n, q = 0;
    int single = is(s, &T[e + 1], "'");
    if (T[e + 1].lines || !(T[e].flags & GALLEY_TF_SPACE)
        || !(single || is(s, &T[e + 1], "\""))
        || !(e + 2 >= n || T[e + 2].lines || (T[e + 1].flags & GALLEY_TF_SPACE)))
        return 0;
    if (!single) {
        for (size_t k = a; k <= e; k++)
            q += is(s, &T[k], "\"");
        return q & 1;
    }
    for (size_t k = e; k > 0 && k + GALLEY_SENT_QUOTE > e && T[k].lines < 2; k--)
        q += is(s, &T[k], "'") && (T[k].flags & GALLEY_TF_SPACE)
             && (T[k - 1].flags & GALLEY_TF_SPACE);
    return q & 1;
}

/* 1 when the sentence that started at 'a' reads as a headline in title
** case up to the abbreviation 'i' and past the capital 'w' after it: "U.S.
** To Send Troops", "Officials Say U.S. Officials Were Warned". */
static int headline(const char *s, const galley_tokens *tk, size_t a, size_t i, size_t w)
{
    const galley_token *T = tk->t;
    size_t words = 0;
    for (size_t k = a; k < i; k++) {
        if (T[k].kind != GALLEY_TK_WORD)
            continue;
        if (word_case(s, &T[k]) != N_UPPER)
            return 0;
        words++;
    }
    if (i > a && words < 2)
        return 0;
    return w + 1 < tk->n && T[w + 1].lines == 0 && T[w + 1].kind == GALLEY_TK_WORD
           && word_case(s, &T[w + 1]) == N_UPPER;
}

/* Words that make no sentence with a name alone: "The U.S." is no sentence. */
static const char *const bare[] = {
    "the", "The", "a", "A", "an", "An", "in", "In", "of", "Of", "for", "For", "from",
    "From", "to", "To", "at", "At", "by", "By", "on", "On", NULL
};

/* 1 when the sentence that started at 'a' has only articles and
** prepositions before the abbreviation 'i': "The U.S. State Department
** said", "In the U.K. Parliament". */
static int bare_start(const char *s, const galley_tokens *tk, size_t a, size_t i)
{
    for (size_t k = a; k < i; k++)
        if (!in_words(s, &tk->t[k], bare))
            return 0;
    return i > a;
}

/* 1 when a lettered list item opens at 'j': "(b)" "(iv)" and a word. */
static int letter_item(const char *s, const galley_tokens *tk, size_t j)
{
    const galley_token *T = tk->t;
    if (j + 3 >= tk->n || !is(s, &T[j], "(") || T[j + 1].kind != GALLEY_TK_WORD
        || !is(s, &T[j + 2], ")") || T[j + 3].kind != GALLEY_TK_WORD
        || (T[j].flags & GALLEY_TF_SPACE) || (T[j + 1].flags & GALLEY_TF_SPACE))
        return 0;
    return tlen(&T[j + 1]) == 1 || roman(s, &T[j + 1]);
}

/* 1 when the line at 'j' opens with a lower-case list marker: "ii." "b)"
** and a space. */
static int lower_item(const char *s, const galley_tokens *tk, size_t j)
{
    const galley_token *T = tk->t;
    if (j + 2 >= tk->n || T[j].kind != GALLEY_TK_WORD || (T[j].flags & GALLEY_TF_SPACE)
        || !(tlen(&T[j]) == 1 || roman(s, &T[j]))
        || !(is(s, &T[j + 1], ".") || is(s, &T[j + 1], ")"))
        || !(T[j + 1].flags & GALLEY_TF_SPACE) || T[j + 2].lines)
        return 0;
    return T[j + 2].kind == GALLEY_TK_WORD;
}

/* 1 when the stop 'i' follows a lone lower-case letter that stands apart
** (after a space or an opening bracket): an abbreviation such as "c."
** (century), "v." (versus), "(b. 1950)". */
static int lone_lower(const char *s, const galley_tokens *tk, size_t a, size_t i)
{
    const galley_token *T = tk->t;
    if (i == a || T[i - 1].kind != GALLEY_TK_WORD || tlen(&T[i - 1]) != 1
        || (T[i - 1].flags & GALLEY_TF_SPACE) || i - 1 == item_start(s, tk, a))
        return 0;
    uint8_t c = tx(s, &T[i - 1])[0];     /* i - 1 > a here: not the item start */
    return c >= 'a' && c <= 'z'
           && ((T[i - 2].flags & GALLEY_TF_SPACE) || is(s, &T[i - 2], "(")
               || is(s, &T[i - 2], "["));
}

/* 1 when the abbreviation 'i' ends a street name: "St." "Ave." after a
** capitalised word or an ordinal ("Elm St." "5th Ave."), not a saint's
** "St." ("Mount St. Helens"). */
static int street_end(const char *s, const galley_tokens *tk, size_t a, size_t i)
{
    const galley_token *T = tk->t;
    if (i == a || !in_words(s, &T[i], streets))
        return 0;
    const galley_token *p = &T[i - 1];
    if (p->kind == GALLEY_TK_NUMBER || (p->kind == GALLEY_TK_WORD
                                         && tx(s, p)[0] >= '0' && tx(s, p)[0] <= '9'))
        return 1;                               /* "5th Ave." */
    return p->kind == GALLEY_TK_WORD && (p->flags & GALLEY_TF_TITLE)
           && !in_words(s, p, saints);
}

/* 1 when the abbreviation 'i' is a state after a party letter and a
** hyphen: "R-Ariz." "D-N.Y." */
static int party_state(const char *s, const galley_tokens *tk, size_t a, size_t i)
{
    const galley_token *T = tk->t;
    if (i < a + 2 || !is(s, &T[i - 1], "-") || (T[i - 1].flags & GALLEY_TF_SPACE)
        || (T[i - 2].flags & GALLEY_TF_SPACE) || tlen(&T[i - 2]) != 1)
        return 0;
    uint8_t c = tx(s, &T[i - 2])[0];
    return c == 'D' || c == 'R' || c == 'I';
}

/* 1 when the capitalised word 'w' opens a clause: a lower-case word that
** is no stop word follows it ("Workers went"), not a capital ("Chief
** Executive") or a comma ("Cleveland, Ohio"). */
static int clause_after(const char *s, const galley_tokens *tk, size_t w)
{
    const galley_token *T = tk->t;
    if (!(T[w].flags & GALLEY_TF_TITLE) || tlen(&T[w]) < 3 || w + 1 >= tk->n
        || T[w + 1].lines)
        return 0;
    const galley_token *x = &T[w + 1];
    return x->kind == GALLEY_TK_WORD && word_case(s, x) == N_LOWER
           && !galley_stop_is(GALLEY_LANG_EN, (const char *)tx(s, x), tlen(x));
}

/* 1 when the line that ends with the word 'i' (in the sentence that
** started at 'a') was wrapped in the middle of a sentence before the
** capitalised word 'j' on the next line: the line is long, reads as
** prose (it opens the sentence with a sentence-starting word, or the
** sentence began on an earlier line, and most of its words are lower
** case), and the next line goes on from a few capitalised words into a
** comma, a lower-case word or the final stop: "...introduced by
** Senator\nMaria Lopez, who has...". Headlines (title case, or no article
** in front) and lines that the next line starts anew ("The", "He") stand
** alone. */
static int wrapped(const char *s, const galley_tokens *tk, size_t a, size_t i, size_t j)
{
    const galley_token *T = tk->t;
    size_t n = tk->n, k = i;
    if (T[i].kind != GALLEY_TK_WORD || T[j].kind != GALLEY_TK_WORD)
        return 0;
    while (k > a && T[k].lines == 0)
        k--;
    if (T[i].end - T[k].start < GALLEY_SENT_WRAP)
        return 0;
    size_t lower = 0, upper = 0;
    for (size_t q = k; q <= i; q++)
        if (T[q].kind == GALLEY_TK_WORD) {
            if (word_case(s, &T[q]) == N_LOWER)
                lower++;
            else
                upper++;
        }
    if (lower < 4 || lower <= upper)
        return 0;
    size_t q = j;
    while (q < n && q < j + 4 && (q == j || T[q].lines == 0)
           && ((T[q].kind == GALLEY_TK_WORD && word_case(s, &T[q]) == N_UPPER)
               || is(s, &T[q], "&")))
        q++;
    if (q >= n || T[q].lines || !(is(s, &T[q], ",") || is(s, &T[q], ".")
                                  || (T[q].kind == GALLEY_TK_WORD
                                      && word_case(s, &T[q]) == N_LOWER)))
        return 0;
    return !starter(s, &T[j]) && (k > a || starter(s, &T[k]));
}

/* If the sentence that started at token 'a' ends with token 'i' (or with
** closers right after it), return the index of its last token, else NONE. */
static size_t end_after(const char *s, const galley_tokens *tk, size_t a, size_t i)
{
    const galley_token *T = tk->t;
    size_t n = tk->n;
    const galley_token *t = &T[i];
    if (i + 1 < n && T[i + 1].lines == 0 && !(t->flags & GALLEY_TF_STOP))
        return NONE;                            /* the common case: no stop */
    int term = terminal(s, t);
    int dots = 0;   /* ". . ." spaced: the dots before this one */
    if (term == T_DOT)
        for (size_t k = i; k > 0 && is(s, &T[k - 1], ".") && (T[k - 1].flags & GALLEY_TF_SPACE)
                           && T[k].lines == 0; k--)
            dots++;
    if (dots >= 2)
        term = T_ELL;
    int ab = GALLEY_ABBR_NONE;
    if (!term && t->kind == GALLEY_TK_WORD && tx(s, t)[tlen(t) - 1] == '.')
        ab = galley_token_abbrev((const char *)tx(s, t), tlen(t));
    size_t e = i;
    int quote = 0, closed = 0;
    if (term || ab) {
        while (e + 1 < n && T[e + 1].lines == 0 && !(T[e].flags & GALLEY_TF_SPACE)
               && is_closer(s, tk, e + 1)) {
            e++;
            closed = 1;
            quote |= !is(s, &T[e], ")") && !is(s, &T[e], "]") && !is(s, &T[e], "}");
        }
        if (!closed && e + 1 < n && (T[e + 1].xflags & GALLEY_TX_QUOTE)
            && apart_quote(s, tk, a, e))
            e++, closed = quote = 1;
    }
    /* an emoticon or emoji after the stop belongs to its sentence */
    if (term)
        while (e + 1 < n && T[e + 1].lines == 0
               && (T[e + 1].kind == GALLEY_TK_EMOJI
                   || (T[e + 1].kind == GALLEY_TK_SYMBOL
                       && (tx(s, &T[e + 1])[0] == ':' || tx(s, &T[e + 1])[0] == ';'))))
            e++;
    size_t j = e + 1;
    if (j >= n || T[j].lines >= 2)
        return NONE;                            /* the caller ends it */
    int opened;
    int c = next_cat(s, tk, j, &opened);
    size_t w = opened ? skip_openers(s, tk, j) : j;
    int newline = T[j].lines > 0;
    if (term) {
        if (c == N_CONT)
            return NONE;
        if ((term & T_Q) && !closed && c != N_LOWER && inside_quote(s, tk, a, i, j))
            return NONE;
        if (term & T_DOT && i > 0 && !(T[i - 1].flags & GALLEY_TF_SPACE)) {
            /* "1." or "a." opening a list item, "N°. 1026" */
            const galley_token *p = &T[i - 1];
            if (i - 1 == item_start(s, tk, a) && (p->kind == GALLEY_TK_NUMBER
                                   || (p->kind == GALLEY_TK_WORD && tlen(p) == 1)
                                   || (roman(s, p) && (i - 1 == 0 || p->lines))))
                return NONE;
            if (c == N_DIGIT && (is(s, p, "\u00b0") || is(s, p, "\u00ba")))
                return NONE;
        }
        if (c == N_LOWER) {
            /* a lower-case word after a stop: a new sentence after a full
               stop that follows a word, or a "?" or "!" that no quote mark
               or bracket closes ("Why? because..."); not after an ellipsis
               ("I thought... maybe"), a quoted or bracketed stop ("This is
               great." she said) or a lone letter */
            if (opened && !closed && (T[e].flags & GALLEY_TF_SPACE) && letter_item(s, tk, j))
                return e;                       /* "rule one. (b) The second" */
            if ((term & T_ELL) || closed || opened || !(T[e].flags & GALLEY_TF_SPACE))
                return NONE;            /* ...or a stop inside a name: "v2.pdf" */
            if (term & T_Q) {
                /* a title that ends with its mark: "the show Jeopardy! was",
                   "titled it Why Now? and" */
                const galley_token *p = i > a ? &T[i - 1] : NULL;
                if (p && i - 1 > a && tlen(t) == 1
                    && p->kind == GALLEY_TK_WORD && !(p->flags & GALLEY_TF_SPACE)
                    && word_case(s, p) == N_UPPER)
                    return NONE;
                return e;
            }
            if (i == 0 || T[i - 1].kind != GALLEY_TK_WORD
                || (T[i - 1].flags & GALLEY_TF_SPACE) || tlen(&T[i - 1]) < 2)
                return NONE;
            if (i >= 2 && T[i - 2].kind == GALLEY_TK_NUMBER && tlen(&T[i - 1]) <= 3
                && word_case(s, &T[i - 1]) == N_LOWER)
                return NONE;                    /* a unit: "9 in. and" */
            if (short_abbr(s, &T[i - 1]))
                return NONE;
            return e;
        }
        if (term == T_DOT && i > a && (T[i - 1].flags & GALLEY_TF_SPACE)
            && !(T[i].flags & GALLEY_TF_SPACE) && c == N_DIGIT)
            return NONE;                        /* a decimal: "fell .5 percent" */
        if (term == T_DOT && c == N_DIGIT && i > a && !(T[i - 1].flags & GALLEY_TF_SPACE)
            && ((tlen(&T[i - 1]) <= 5 && short_abbr(s, &T[i - 1])) || lone_lower(s, tk, a, i)))
            return NONE;                        /* "(pop. 256,000)", "(b. 1931)" */
        if (term == T_DOT && c == N_UPPER && !opened && !closed && i > a
            && !(T[i - 1].flags & (GALLEY_TF_SPACE | GALLEY_TF_TITLE | GALLEY_TF_UPPER))
            && (lone_lower(s, tk, a, i) || (tlen(&T[i - 1]) <= 5 && short_abbr(s, &T[i - 1])))
            && !starter(s, &T[w]))
            return NONE;                        /* "the 5th c. B.C.", "the gen. Manager" */
        if (term & T_Q) {
            if (quote && c == N_UPPER && !opened && !in_words(s, &T[w], nobody)) {
                /* "Why?" Smith asked. / "Why?" Marco Rubio asked. (but
                   "Why?" Nobody answered.) */
                for (size_t k = j + 1; k < n && k <= j + 3; k++) {
                    if (in_words(s, &T[k], speech))
                        return NONE;
                    if (T[k].kind != GALLEY_TK_WORD || word_case(s, &T[k]) != N_UPPER)
                        break;
                }
            }
            return e;
        }
        if ((term & T_ELL) && i > 0 && (is(s, &T[i - 1], "[") || is(s, &T[i - 1], "("))
            && !(T[i - 1].flags & GALLEY_TF_SPACE))
            return NONE;                        /* "[...]" marks an omission */
        if (term & T_ELL) {
            /* three dots are an omission unless a capital other than "I"
               follows; four (or a dot after them) end the sentence */
            int four = tlen(t) >= 4 || dots >= 3
                       || (dots == 2 && i >= 3 && !(T[i - 3].flags & GALLEY_TF_SPACE))
                       || (!dots && i > 0 && is(s, &T[i - 1], "."));
            if (c == N_UPPER && (four || !is(s, &T[w], "I")))
                return e;
            return newline || c == N_OTHER ? e : NONE;
        }
        return e;
    }
    if (ab) {
        switch (ab) {
        case GALLEY_ABBR_TITLE:
            /* a title names someone; a pronoun or article after it starts
               a sentence: "promoted to Maj. Gen. Her husband" */
            if (c == N_UPPER && !opened && tlen(&T[w]) <= 5 && in_words(s, &T[w], pronouns))
                return e;
            return NONE;
        case GALLEY_ABBR_NUMBER:
            return NONE;
        case GALLEY_ABBR_TIME:
            /* "At 5 a.m. Mr. Smith left" has no verb before the time */
            if (c == N_UPPER && !in_words(s, &T[w], zones) && i >= a + 3)
                return e;
            return newline && c != N_LOWER && c != N_CONT ? e : NONE;
        default:
            if (ab == GALLEY_ABBR_INITIAL && i == item_start(s, tk, a) && list_marker(s, tk, i))
                return NONE;                    /* "A. The budget" */
            /* an era after a year reads like a time: "In 44 B.C. Caesar" */
            if (i > a && T[i - 1].kind == GALLEY_TK_NUMBER && in_words(s, t, eras)) {
                if (c == N_UPPER && !opened && i >= a + 3)
                    return e;
                return newline && c != N_LOWER && c != N_CONT ? e : NONE;
            }
            /* before a quote mark (not a bracket: "Acme Inc. (NYSE: ACM)"),
               a sentence-starting word, or after a quote: in the U.S." Others */
            if (c == N_UPPER && ((opened && !(T[j].xflags & GALLEY_TX_BRACKET))
                                 || quote || (starter(s, &T[w]) && !headline(s, tk, a, i, w)
                                              && !bare_start(s, tk, a, i))))
                return e;
            /* a month before a capital ("in Dec. Shoppers"), a unit after
               a number ("-5 C. Roads") */
            if (c == N_UPPER && (in_words(s, t, months)
                                 || (i > a && (T[i - 1].kind == GALLEY_TK_NUMBER
                                               || is(s, &T[i - 1], "\u00b0"))
                                     && (ab == GALLEY_ABBR_INITIAL || in_words(s, t, units)))))
                return e;
            /* the network, not an initial: "wrote on X. Critics said" */
            if (c == N_UPPER && ab == GALLEY_ABBR_INITIAL && i > a && tx(s, t)[0] == 'X'
                && is(s, &T[i - 1], "on"))
                return e;
            /* a party and state after a name: "Tom Ruiz, R-Ariz. Democrats" */
            if (c == N_UPPER && !opened && party_state(s, tk, a, i))
                return e;
            /* the end of a street or company name: "on Elm St. Police",
               "Acme Corp. Workers went" (not "Acme Inc. Chief Executive") */
            if (c == N_UPPER && !opened && !in_words(s, &T[w], zones)
                && (street_end(s, tk, a, i) || in_words(s, t, companies))
                && clause_after(s, tk, w))
                return e;
            return newline && c != N_LOWER && c != N_CONT ? e : NONE;
        }
    }
    if (newline) {
        if (c == N_CONT || continues(s, t))
            return NONE;
        if (i == a && t->kind == GALLEY_TK_WORD && (is(s, t, "A") || in_words(s, t, pronouns)))
            return NONE;                        /* "in December. The\nPeace Prize" */
        if (c == N_LOWER && !opened && lower_item(s, tk, j))
            return i;                           /* "budget\nii. Hire staff" */
        /* a short line without a stop stands alone even before a
           lower-case line: list lines, menus, boilerplate */
        if (c == N_LOWER && !(i - a < 3 && T[j].kind == GALLEY_TK_WORD))
            return NONE;
        /* ...but not the start of a sentence: a capitalised word, then
           lower-case words ("Stocks fell\nsharply", "The storm hit\nthe") */
        if (c == N_LOWER && i > a && T[a].kind == GALLEY_TK_WORD
            && (T[a].flags & GALLEY_TF_TITLE) && !(T[a].xflags & GALLEY_TX_EOL)) {
            size_t k = a + 1;
            while (k <= i && T[k].kind == GALLEY_TK_WORD && word_case(s, &T[k]) == N_LOWER)
                k++;
            if (k > i)
                return NONE;
        }
        /* hard-wrapped text: a name at the start of the next line */
        if (c == N_UPPER && !opened && wrapped(s, tk, a, i, j))
            return NONE;
        /* a colon before a quotation on the next line: He wrote:\n"Come" */
        if (opened && is(s, t, ":") && (T[j].xflags & GALLEY_TX_QUOTE))
            return NONE;
        return i;
    }
    return NONE;
}

/* 1 when token 't' is the marker of a first item: "1" "a" "A" ("a." whole;
** not "A.", an initial as often: "Speakers: A. Ruiz and B. Kent"). */
static int first_marker(const char *s, const galley_token *t)
{
    const uint8_t *p = tx(s, t);
    size_t n = tlen(t);
    return (n == 1 && (p[0] == '1' || (p[0] | 0x20) == 'a'))
           || (n == 2 && p[0] == 'a' && p[1] == '.');
}

/* 1 when a new sentence starts at token 'i' inside the sentence that
** started at 'a': a bullet, the first item of a list run on after a colon
** ("three steps: 1. Open it. 2. ..."), or the next item of a list whose
** first item opened the sentence ("1. The first item 2. The second item"). */
static int starts_item(const char *s, const galley_tokens *tk, size_t a, size_t i)
{
    const galley_token *t = &tk->t[i];
    if (i <= a)
        return 0;
    if (tx(s, t)[0] == 0xe2 && is_bullet(s, t))
        return 1;
    if (t->kind != GALLEY_TK_NUMBER && !(t->kind == GALLEY_TK_WORD && tlen(t) <= 2))
        return 0;
    if (is(s, &tk->t[i - 1], ":") && (tk->t[i - 1].flags & GALLEY_TF_SPACE)
        && first_marker(s, t) && list_marker(s, tk, i))
        return 1;
    size_t first = item_start(s, tk, a);
    return i > first + 2 && !(tk->t[i - 1].flags & GALLEY_TF_NL)
           && (tk->t[i - 1].flags & GALLEY_TF_SPACE)
           && list_marker(s, tk, i) && list_marker(s, tk, first)
           && (tk->t[i].kind == GALLEY_TK_NUMBER) == (tk->t[first].kind == GALLEY_TK_NUMBER);
}

static int push_span(galley_spans *sp, const galley_tokens *tk, size_t a, size_t b)
{
    if (!sp || a >= b)
        return GALLEY_OK;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 16;
        galley_span *x = realloc(sp->s, cap * sizeof *x);
        if (!x)
            return GALLEY_ENOMEM;
        sp->s = x;
        sp->cap = cap;
    }
    galley_span *x = &sp->s[sp->n++];
    x->start = tk->t[a].start;
    x->end = tk->t[b - 1].end;
    x->tok = (uint32_t)a;
    x->ntok = (uint32_t)(b - a);
    return GALLEY_OK;
}

/* Abbreviations whose period ends a sentence, to be split in two. */
typedef struct splits {
    size_t *at;
    size_t n, cap;
} splits;

/* The sentence [a, b) is closed: when it ends with an abbreviation (before
** any closing quotes), note it in 'sp'. */
static int note_split(const char *s, const galley_tokens *tk, size_t a, size_t b,
                      splits *sp)
{
    size_t i = b - 1;
    while (i > a && is_closer(s, tk, i))
        i--;
    const galley_token *t = &tk->t[i];
    if (t->kind != GALLEY_TK_WORD || tlen(t) < 2 || tx(s, t)[tlen(t) - 1] != '.'
        || !galley_token_abbrev((const char *)tx(s, t), tlen(t)))
        return GALLEY_OK;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 16;
        size_t *x = realloc(sp->at, cap * sizeof *x);
        if (!x)
            return GALLEY_ENOMEM;
        sp->at = x;
        sp->cap = cap;
    }
    sp->at[sp->n++] = i;
    return GALLEY_OK;
}

/* Split the period off the abbreviations noted in 'sp' (in increasing
** order), and move the token indices of the spans from 'sents[s0]' and
** 'paras[p0]' on. */
static int apply_splits(galley_tokens *tk, const splits *sp, galley_spans *sents,
                        size_t s0, galley_spans *paras, size_t p0)
{
    size_t n = tk->n, k = sp->n;
    if (tk->cap - n < k) {
        galley_token *t = realloc(tk->t, (n + k) * sizeof *t);
        if (!t)
            return GALLEY_ENOMEM;
        tk->t = t;
        tk->cap = n + k;
    }
    galley_token *T = tk->t;
    size_t j = n + k;
    for (size_t i = n; i-- > sp->at[0];) {    /* tokens before the first stay */
        if (k > 0 && sp->at[k - 1] == i) {
            galley_token dot = T[i];
            dot.start = dot.end - 1;
            dot.kind = GALLEY_TK_PUNCT;
            dot.flags = (uint8_t)((dot.flags & GALLEY_TF_SPACE) | GALLEY_TF_PUNCT
                                  | GALLEY_TF_ASCII | GALLEY_TF_STOP);
            dot.lines = 0;
            dot.xflags = (uint8_t)(dot.xflags & GALLEY_TX_EOL);
            T[--j] = dot;
            T[--j] = T[i];
            T[j].end--;
            T[j].flags &= (uint8_t)~(GALLEY_TF_SPACE | GALLEY_TF_STOP);
            T[j].xflags &= (uint8_t)~GALLEY_TX_EOL;
            k--;
        } else {
            T[--j] = T[i];
        }
    }
    tk->n = n + sp->n;
    for (int pass = 0; pass < 2; pass++) {
        galley_spans *x = pass ? paras : sents;
        if (!x)
            continue;
        size_t q = 0;   /* splits before the span's first token */
        for (size_t i = pass ? p0 : s0; i < x->n; i++) {
            galley_span *y = &x->s[i];
            size_t a = y->tok, b = y->tok + y->ntok;
            while (q < sp->n && sp->at[q] < a)
                q++;
            size_t r = q;
            while (r < sp->n && sp->at[r] < b)
                r++;
            y->tok = (uint32_t)(a + q);
            y->ntok = (uint32_t)(b - a + (r - q));
        }
    }
    return GALLEY_OK;
}

/* The splitter's state while it walks the tokens. */
typedef struct walk {
    const char *s;
    galley_tokens *tk;
    galley_spans *sents, *paras;
    size_t sstart, pstart;      /* first token of the sentence, paragraph */
    uint32_t sent, para;
    splits sp;
} walk;

/* Close the sentence [w->sstart, end). */
static int close_sent(walk *w, size_t end)
{
    if (w->sstart >= end)
        return GALLEY_OK;
    galley_token *T = w->tk->t;
    uint32_t sent = w->sent, para = w->para;    /* locals: no reload per token */
    for (size_t k = w->sstart; k < end; k++) {
        T[k].sent = sent;
        T[k].para = para;
    }
    if (note_split(w->s, w->tk, w->sstart, end, &w->sp)
        || push_span(w->sents, w->tk, w->sstart, end))
        return GALLEY_ENOMEM;
    w->sent++;
    w->sstart = end;
    return GALLEY_OK;
}

/* Take token 'i' that is not plain (or opens a sentence or a line);
** returns the index of the last token it took (closers after a stop). */
static size_t step(walk *w, size_t i, int *rc)
{
    const char *s = w->s;
    galley_tokens *tk = w->tk;
    galley_token *T = tk->t;
    size_t n = tk->n;
    if (i > 0 && T[i].lines >= 2) {
        if ((*rc = close_sent(w, i)) || (*rc = push_span(w->paras, tk, w->pstart, i)))
            return i;
        w->para++;
        w->pstart = i;
    }
    const galley_token *t = &T[i];
    unsigned f = t->flags;
    int maybe_item = t->kind == GALLEY_TK_NUMBER ? !(f & GALLEY_TF_SPACE)
                     : t->kind == GALLEY_TK_WORD
                       ? tlen(t) <= 2 && (!(f & GALLEY_TF_SPACE) || (f & GALLEY_TF_STOP))
                       : (t->kind == GALLEY_TK_PUNCT || t->kind == GALLEY_TK_SYMBOL)
                         && !(f & GALLEY_TF_ASCII);
    if (maybe_item && starts_item(s, tk, w->sstart, i) && (*rc = close_sent(w, i)))
        return i;
    if (i != w->sstart && i + 1 < n && T[i + 1].lines == 0 && !(t->flags & GALLEY_TF_STOP))
        return i;                               /* no stop */
    size_t e = i == w->sstart ? dateline(s, tk, i) : NONE;
    if (e == NONE)
        e = end_after(s, tk, w->sstart, i);
    if (e == NONE)
        return i;
    *rc = close_sent(w, e + 1);
    return e;
}

int galley_sent_split(const char *s, size_t len, galley_tokens *tk,
                      galley_spans *sents, galley_spans *paras)
{
    (void)len;
    size_t n = tk->n;
    size_t s0 = sents ? sents->n : 0, p0 = paras ? paras->n : 0;
    walk w = {s, tk, sents, paras, 0, 0, 0, 0, {NULL, 0, 0}};
    int rc = GALLEY_OK;
    size_t i = 0;
    while (i < n && rc == GALLEY_OK) {
        i = step(&w, i, &rc) + 1;
        /* the common run: plain tokens inside a line, one sentence */
        const galley_token *T = tk->t;
        if (i >= n || T[i].lines || (i == w.sstart && (T[i].flags & GALLEY_TF_UPPER)))
            continue;
        while (i + 1 < n && !(T[i].flags & GALLEY_TF_STOP)
               && !(T[i].xflags & (GALLEY_TX_EOL | GALLEY_TX_ITEM | GALLEY_TX_BULLET)))
            i++;
    }
    if (rc == GALLEY_OK && w.sstart < n)
        rc = close_sent(&w, n);
    if (rc == GALLEY_OK)
        rc = push_span(paras, tk, w.pstart, n);
    if (rc == GALLEY_OK && w.sp.n)
        rc = apply_splits(tk, &w.sp, sents, s0, paras, p0);
    free(w.sp.at);
    return rc;
}

void galley_spans_free(galley_spans *sp)
{
    free(sp->s);
    sp->s = NULL;
    sp->n = sp->cap = 0;
}
