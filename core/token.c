/*
** token.c: news-text tokenizer (see token.h).
**
** Two layers. The first finds Unicode word boundaries (UAX #29, "Word
** Boundaries", https://www.unicode.org/reports/tr29/). A hand-written
** scanner decides them for text made of letters, digits, punctuation and
** spaces of any script; a stretch holding a character whose rules need more
** context (extending marks, joiners, regional indicators, Katakana, Hebrew
** letters) goes to libunistring's u8_wordbreaks (uniwbrk.h) instead. Both
** give the same boundaries; WordBreakTest.txt and random strings check it.
** The second layer applies the Universal Dependencies English conventions
** (as in the EWT and GUM treebanks) to the segments of each blank-separated
** chunk: abbreviations with their period ("U.S.", "Dr."), clitics split off
** ("do" "n't", "Maduro" "'s"), hyphenated compounds split except after a
** prefix ("e-mail", "non-profit"), times, dates and phone numbers kept
** whole, ellipses and "?!" runs kept whole, units split from numbers
** ("5" "pm"), and URLs, e-mail addresses, @mentions and #hashtags whole.
**
** Most chunks of news text are short ASCII words, perhaps with a comma or
** a stop; fast paths take them (sixteen bytes at a time with SSE2 where
** the compiler has it, byte classes otherwise), and other common shapes
** ("(AP)", "They're", "74,183", "well-known", "Inc."), giving exactly the
** tokens the rules give: GALLEY_TOKEN_NOFAST turns every shortcut off, and
** the tests compare both ways.
**
** It does not split sentences (sent.c) and does not look words up in any
** lexicon beyond the small tables below.
*/
#include "token.h"
#include "galley.h"
#include "lang.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwbrk.h>

const char *const galley_token_kind_names[GALLEY_TK_NKINDS] = {
    "word", "number", "punct", "symbol", "url", "email", "mention",
    "hashtag", "emoji"
};

/* ===================================================================
** Character classes
** =================================================================== */

/* ASCII byte classes (the 'cl' table). */
enum {
    CL_UP = 1 << 0,     /* A-Z */
    CL_LO = 1 << 1,     /* a-z */
    CL_DIG = 1 << 2,    /* 0-9 */
    CL_WS = 1 << 3,     /* space, tab, line breaks */
    CL_HI = 1 << 4,     /* a byte of a multi-byte UTF-8 sequence */
    CL_PUN = 1 << 5,    /* punctuation (Unicode P*) */
    CL_SYM = 1 << 6,    /* symbols (Unicode S*) */
    CL_AT = 1 << 7,     /* '@' */
    CL_SPEC = 1 << 8,   /* ':' '/' '#': may start or hold a URL or hashtag */
    CL_APOS = 1 << 9,   /* '\'' */
    CL_NL = 1 << 10,    /* '\n' '\v' '\f' '\r' */
    CL_TAIL = 1 << 11,  /* , ; : ? ) " . which often end a chunk */
    CL_END = 1 << 12    /* . ? ! */
};
#define CL_LET (CL_UP | CL_LO)
#define CL_STOP (CL_WS | CL_HI)

static const unsigned short cl[256] = {
    ['\t'] = CL_WS, ['\n'] = CL_WS | CL_NL, ['\v'] = CL_WS | CL_NL,
    ['\f'] = CL_WS | CL_NL, ['\r'] = CL_WS | CL_NL, [' '] = CL_WS,
    ['A' ... 'Z'] = CL_UP, ['a' ... 'z'] = CL_LO, ['0' ... '9'] = CL_DIG,
    ['!'] = CL_PUN | CL_END, ['"'] = CL_PUN | CL_TAIL, ['#'] = CL_PUN | CL_SPEC,
    ['%'] = CL_PUN, ['&'] = CL_PUN, ['\''] = CL_PUN | CL_APOS, ['('] = CL_PUN,
    [')'] = CL_PUN | CL_TAIL, ['*'] = CL_PUN, [','] = CL_PUN | CL_TAIL,
    ['-'] = CL_PUN, ['.'] = CL_PUN | CL_TAIL | CL_END, ['/'] = CL_PUN | CL_SPEC,
    [':'] = CL_PUN | CL_SPEC | CL_TAIL, [';'] = CL_PUN | CL_TAIL,
    ['?'] = CL_PUN | CL_TAIL | CL_END, ['@'] = CL_PUN | CL_AT, ['['] = CL_PUN, ['\\'] = CL_PUN,
    [']'] = CL_PUN, ['_'] = CL_PUN, ['{'] = CL_PUN, ['}'] = CL_PUN,
    ['$'] = CL_SYM, ['+'] = CL_SYM, ['<'] = CL_SYM, ['='] = CL_SYM,
    ['>'] = CL_SYM, ['^'] = CL_SYM, ['`'] = CL_SYM, ['|'] = CL_SYM,
    ['~'] = CL_SYM, [0x80 ... 0xff] = CL_HI
};

/* Word_Break classes as the scanner sees them. W_HARD stands for every
** class whose rules the scanner leaves to libunistring. */
enum {
    W_OTHER, W_ALETTER, W_NUMERIC, W_ENL, W_MIDLETTER, W_MIDNUMLET,
    W_MIDNUM, W_CR, W_LF, W_NEWLINE, W_WSS, W_HARD
};

static const unsigned char wb_ascii[128] = {
    ['\r'] = W_CR, ['\n'] = W_LF, ['\v'] = W_NEWLINE, ['\f'] = W_NEWLINE,
    [' '] = W_WSS, ['A' ... 'Z'] = W_ALETTER, ['a' ... 'z'] = W_ALETTER,
    ['0' ... '9'] = W_NUMERIC, ['_'] = W_ENL, [':'] = W_MIDLETTER,
    ['.'] = W_MIDNUMLET, ['\''] = W_MIDNUMLET, [','] = W_MIDNUM,
    [';'] = W_MIDNUM
};

static int wbclass(ucs4_t c)
{
    if (c < 0x80)
        return wb_ascii[c];
    /* the common letters and punctuation of news text, as the Unicode
       data has them (the tests compare with uc_wordbreak_property) */
    if (c >= 0xc0 && c <= 0x2af)
        return c == 0xd7 || c == 0xf7 ? W_OTHER : W_ALETTER;
    if ((c >= 0x38e && c <= 0x3a1) || (c >= 0x3a3 && c <= 0x3f5)
        || (c >= 0x400 && c <= 0x481) || (c >= 0x48a && c <= 0x52f)
        || (c >= 0x1e00 && c <= 0x1eff))
        return W_ALETTER;
    if (c >= 0x2010 && c <= 0x2026)
        return c == 0x2018 || c == 0x2019 || c == 0x2024 ? W_MIDNUMLET : W_OTHER;
    if (c >= 0xa0 && c <= 0xbf) {
        if (c == 0xaa || c == 0xb5 || c == 0xba)
            return W_ALETTER;
        return c == 0xb7 ? W_MIDLETTER : c == 0xad ? W_HARD : W_OTHER;
    }
    switch (uc_wordbreak_property(c)) {
    case WBP_OTHER: case WBP_DQ: return W_OTHER;
    case WBP_ALETTER: return W_ALETTER;
    case WBP_NUMERIC: return W_NUMERIC;
    case WBP_EXTENDNUMLET: return W_ENL;
    case WBP_MIDLETTER: return W_MIDLETTER;
    case WBP_MIDNUMLET: case WBP_SQ: return W_MIDNUMLET;
    case WBP_MIDNUM: return W_MIDNUM;
    case WBP_CR: return W_CR;
    case WBP_LF: return W_LF;
    case WBP_NEWLINE: return W_NEWLINE;
    case WBP_WSS: return W_WSS;
    default: return W_HARD;
    }
}

/* Decode the character at 's[i]' (i < n) into '*c'; returns its length.
** A malformed sequence reads as U+FFFD of length 1. */
static inline size_t dec(const uint8_t *s, size_t i, size_t n, ucs4_t *c)
{
    if (s[i] < 0x80) {
        *c = s[i];
        return 1;
    }
    int l = u8_mbtouc(c, s + i, n - i);
    return l > 0 ? (size_t)l : 1;
}

static inline int cls_at(const uint8_t *s, size_t i, size_t n, size_t *len)
{
    if (s[i] < 0x80) {
        *len = 1;
        return wb_ascii[s[i]];
    }
    ucs4_t c;
    *len = dec(s, i, n, &c);
    return wbclass(c);
}

static inline int alnum_class(int w)
{
    return w == W_ALETTER || w == W_NUMERIC || w == W_ENL;
}

/* Length of a blank (white space) character at 's[i]', 0 if none: ASCII
** white space and the Unicode spaces, line and paragraph separators and
** the zero width space. '*lines' gets the line breaks it makes. */
static inline size_t blank_len(const uint8_t *s, size_t i, size_t n, int *lines)
{
    uint8_t b = s[i];
    *lines = 0;
    if (b < 0x80) {
        if (!(cl[b] & CL_WS))
            return 0;
        if (b == '\n' || b == '\v' || b == '\f'
            || (b == '\r' && !(i + 1 < n && s[i + 1] == '\n')))
            *lines = 1;
        return 1;
    }
    if (b == 0xc2 && i + 1 < n) {
        if (s[i + 1] == 0xa0)
            return 2;                           /* no-break space */
        if (s[i + 1] == 0x85) {
            *lines = 1;                         /* next line */
            return 2;
        }
        return 0;
    }
    if (b == 0xe2 && i + 2 < n) {
        uint8_t c1 = s[i + 1], c2 = s[i + 2];
        if (c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8b) || c2 == 0xaf))
            return 3;                           /* U+2000-200B, U+202F */
        if (c1 == 0x80 && (c2 == 0xa8 || c2 == 0xa9)) {
            *lines = c2 == 0xa8 ? 1 : 2;        /* line, paragraph separator */
            return 3;
        }
        if (c1 == 0x81 && c2 == 0x9f)
            return 3;                           /* U+205F */
        return 0;
    }
    if (b == 0xe3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80)
        return 3;                               /* U+3000 */
    if (b == 0xe1 && i + 2 < n && s[i + 1] == 0x9a && s[i + 2] == 0x80)
        return 3;                               /* U+1680 */
    return 0;
}

/* ===================================================================
** Word boundaries (UAX #29)
** =================================================================== */

/* Find the end of the UAX #29 segment that starts at 's[i]' (i < n), in
** '*end'. Returns the scanner class of its first character, or W_HARD when
** libunistring must decide (then '*end' is undefined). Rules: WB3-3b
** (line breaks), WB3d (WSegSpace runs), WB5-13b (letters, digits, their
** middle punctuation and connectors); everything else breaks (WB999). */
static inline int next_seg(const uint8_t *s, size_t i, size_t n, size_t *end,
                           int *mid)
{
    size_t l;
    int w = cls_at(s, i, n, &l);
    size_t j = i + l;
    switch (w) {
    case W_HARD:
        return W_HARD;
    case W_CR:
        if (j < n && s[j] == '\n')
            j++;
        break;
    case W_WSS:
        while (j < n) {
            int w2 = cls_at(s, j, n, &l);
            if (w2 == W_HARD)
                return W_HARD;      /* WB4 after a space */
            if (w2 != W_WSS)
                break;
            j += l;
        }
        break;
    case W_ALETTER: case W_NUMERIC: case W_ENL: {
        int prev = w;
        while (j < n) {
            size_t l2, l3;
            int w2 = cls_at(s, j, n, &l2);
            if (alnum_class(w2)) {
                prev = w2;
                j += l2;
                continue;
            }
            if (w2 == W_HARD)
                return W_HARD;
            int mid_l = prev == W_ALETTER
                        && (w2 == W_MIDLETTER || w2 == W_MIDNUMLET);
            int mid_n = prev == W_NUMERIC
                        && (w2 == W_MIDNUM || w2 == W_MIDNUMLET);
            if (!(mid_l || mid_n) || j + l2 >= n)
                break;
            int w3 = cls_at(s, j + l2, n, &l3);
            if (w3 == W_HARD)
                return W_HARD;      /* WB4 between the middle and the next */
            if ((mid_l && w3 == W_ALETTER) || (mid_n && w3 == W_NUMERIC)) {
                *mid = 1;
                prev = w3;
                j += l2 + l3;
                continue;
            }
            break;
        }
        break;
    }
    default:
        if (j < n) {                /* WB4: an extending mark joins it */
            int w2 = cls_at(s, j, n, &l);
            if (w2 == W_HARD)
                return W_HARD;
        }
        break;
    }
    *end = j;
    return w;
}

int galley_wordbreaks(const char *str, size_t len, char *p)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t i = 0, end;
    int mid;
    if (len)
        memset(p, 0, len);
    while (i < len) {
        if (next_seg(s, i, len, &end, &mid) == W_HARD) {
            u8_wordbreaks(s, len, p);
            return 0;
        }
        if (i > 0)
            p[i] = 1;
        i = end;
    }
    return 1;
}

/* ===================================================================
** Small lexicons
** =================================================================== */

typedef struct abbr {
    const char *w;      /* without the final period */
    unsigned char cls;  /* GALLEY_ABBR_* */
} abbr;

/* Abbreviations taken with their period (kept sorted, for the reader). */
static const abbr abbrs[] = {
    {"AVE", GALLEY_ABBR_OTHER}, {"Adm", GALLEY_ABBR_TITLE},
    {"Ala", GALLEY_ABBR_OTHER}, {"Alta", GALLEY_ABBR_OTHER},
    {"Amb", GALLEY_ABBR_TITLE}, {"Approx", GALLEY_ABBR_OTHER},
    {"Apr", GALLEY_ABBR_OTHER}, {"Apt", GALLEY_ABBR_OTHER},
    {"Ariz", GALLEY_ABBR_OTHER}, {"Ark", GALLEY_ABBR_OTHER},
    {"Art", GALLEY_ABBR_NUMBER}, {"Assn", GALLEY_ABBR_OTHER},
    {"Assoc", GALLEY_ABBR_OTHER}, {"Atty", GALLEY_ABBR_TITLE},
    {"Aug", GALLEY_ABBR_OTHER}, {"Ave", GALLEY_ABBR_OTHER},
    {"BROS", GALLEY_ABBR_OTHER}, {"Bldg", GALLEY_ABBR_OTHER},
    {"Blvd", GALLEY_ABBR_OTHER}, {"Brig", GALLEY_ABBR_TITLE},
    {"Bros", GALLEY_ABBR_OTHER}, {"CAPT", GALLEY_ABBR_TITLE},
    {"CO", GALLEY_ABBR_OTHER}, {"COL", GALLEY_ABBR_TITLE},
    {"CORP", GALLEY_ABBR_OTHER}, {"Calif", GALLEY_ABBR_OTHER},
    {"Capt", GALLEY_ABBR_TITLE}, {"Cdr", GALLEY_ABBR_TITLE},
    {"Ch", GALLEY_ABBR_NUMBER}, {"Cllr", GALLEY_ABBR_TITLE},
    {"Cmdr", GALLEY_ABBR_TITLE}, {"Co", GALLEY_ABBR_OTHER},
    {"Col", GALLEY_ABBR_TITLE}, {"Colo", GALLEY_ABBR_OTHER},
    {"Conn", GALLEY_ABBR_OTHER}, {"Corp", GALLEY_ABBR_OTHER},
    {"Cos", GALLEY_ABBR_OTHER}, {"Cpl", GALLEY_ABBR_TITLE},
    {"Cpt", GALLEY_ABBR_TITLE}, {"DR", GALLEY_ABBR_TITLE},
    {"Dec", GALLEY_ABBR_OTHER}, {"Del", GALLEY_ABBR_OTHER},
    {"Dept", GALLEY_ABBR_OTHER}, {"Det", GALLEY_ABBR_TITLE},
    {"Dist", GALLEY_ABBR_OTHER}, {"Dr", GALLEY_ABBR_TITLE},
    {"Dra", GALLEY_ABBR_TITLE}, {"Drs", GALLEY_ABBR_TITLE},
    {"Esq", GALLEY_ABBR_OTHER}, {"Feb", GALLEY_ABBR_OTHER},
    {"Fig", GALLEY_ABBR_NUMBER}, {"Fla", GALLEY_ABBR_OTHER},
    {"Fr", GALLEY_ABBR_TITLE}, {"Fri", GALLEY_ABBR_OTHER},
    {"Ft", GALLEY_ABBR_OTHER}, {"GEN", GALLEY_ABBR_TITLE},
    {"GOV", GALLEY_ABBR_TITLE}, {"Ga", GALLEY_ABBR_OTHER},
    {"Gen", GALLEY_ABBR_TITLE}, {"Gens", GALLEY_ABBR_TITLE},
    {"Gov", GALLEY_ABBR_TITLE}, {"Govs", GALLEY_ABBR_TITLE},
    {"Hon", GALLEY_ABBR_TITLE}, {"Hts", GALLEY_ABBR_OTHER},
    {"Hwy", GALLEY_ABBR_OTHER}, {"INC", GALLEY_ABBR_OTHER},
    {"Ill", GALLEY_ABBR_OTHER}, {"Inc", GALLEY_ABBR_OTHER},
    {"Ind", GALLEY_ABBR_OTHER}, {"Insp", GALLEY_ABBR_TITLE},
    {"Intl", GALLEY_ABBR_OTHER}, {"JR", GALLEY_ABBR_OTHER},
    {"Jan", GALLEY_ABBR_OTHER}, {"Jr", GALLEY_ABBR_OTHER},
    {"Jul", GALLEY_ABBR_OTHER}, {"Jun", GALLEY_ABBR_OTHER},
    {"Kan", GALLEY_ABBR_OTHER}, {"Kans", GALLEY_ABBR_OTHER},
    {"Ky", GALLEY_ABBR_OTHER}, {"LT", GALLEY_ABBR_TITLE},
    {"LTD", GALLEY_ABBR_OTHER}, {"La", GALLEY_ABBR_OTHER},
    {"Lt", GALLEY_ABBR_TITLE}, {"Ltd", GALLEY_ABBR_OTHER},
    {"MR", GALLEY_ABBR_TITLE}, {"MRS", GALLEY_ABBR_TITLE},
    {"Maj", GALLEY_ABBR_TITLE}, {"Mar", GALLEY_ABBR_OTHER},
    {"Mass", GALLEY_ABBR_OTHER}, {"Md", GALLEY_ABBR_OTHER},
    {"Messrs", GALLEY_ABBR_TITLE}, {"Mfg", GALLEY_ABBR_OTHER},
    {"Mich", GALLEY_ABBR_OTHER}, {"Minn", GALLEY_ABBR_OTHER},
    {"Miss", GALLEY_ABBR_OTHER}, {"Mme", GALLEY_ABBR_TITLE},
    {"Mo", GALLEY_ABBR_OTHER}, {"Mon", GALLEY_ABBR_OTHER},
    {"Mont", GALLEY_ABBR_OTHER}, {"Mr", GALLEY_ABBR_TITLE},
    {"Mrs", GALLEY_ABBR_TITLE}, {"Ms", GALLEY_ABBR_TITLE},
    {"Msgr", GALLEY_ABBR_TITLE}, {"Mt", GALLEY_ABBR_TITLE},
    {"Mx", GALLEY_ABBR_TITLE}, {"Natl", GALLEY_ABBR_OTHER},
    {"Neb", GALLEY_ABBR_OTHER}, {"Nev", GALLEY_ABBR_OTHER},
    {"No", GALLEY_ABBR_NUMBER}, {"Nos", GALLEY_ABBR_NUMBER},
    {"Nov", GALLEY_ABBR_OTHER}, {"Nr", GALLEY_ABBR_NUMBER},
    {"Oct", GALLEY_ABBR_OTHER}, {"Okla", GALLEY_ABBR_OTHER},
    {"Ont", GALLEY_ABBR_OTHER}, {"Op", GALLEY_ABBR_NUMBER},
    {"Ore", GALLEY_ABBR_OTHER}, {"PROF", GALLEY_ABBR_TITLE},
    {"PVT", GALLEY_ABBR_OTHER}, {"Pa", GALLEY_ABBR_OTHER},
    {"Penn", GALLEY_ABBR_OTHER}, {"Pfc", GALLEY_ABBR_TITLE},
    {"Ph", GALLEY_ABBR_OTHER}, {"Pkwy", GALLEY_ABBR_OTHER},
    {"Pres", GALLEY_ABBR_TITLE}, {"Prof", GALLEY_ABBR_TITLE},
    {"Pte", GALLEY_ABBR_TITLE}, {"Pvt", GALLEY_ABBR_TITLE},
    {"REP", GALLEY_ABBR_TITLE}, {"Rd", GALLEY_ABBR_OTHER},
    {"Rep", GALLEY_ABBR_TITLE}, {"Reps", GALLEY_ABBR_TITLE},
    {"Rev", GALLEY_ABBR_TITLE}, {"Rm", GALLEY_ABBR_NUMBER},
    {"Rt", GALLEY_ABBR_TITLE}, {"SEN", GALLEY_ABBR_TITLE},
    {"SGT", GALLEY_ABBR_TITLE}, {"SR", GALLEY_ABBR_OTHER},
    {"ST", GALLEY_ABBR_OTHER}, {"Sask", GALLEY_ABBR_OTHER},
    {"Sat", GALLEY_ABBR_OTHER}, {"Sec", GALLEY_ABBR_NUMBER},
    {"Sen", GALLEY_ABBR_TITLE}, {"Sens", GALLEY_ABBR_TITLE},
    {"Sep", GALLEY_ABBR_OTHER}, {"Sept", GALLEY_ABBR_OTHER},
    {"Sgt", GALLEY_ABBR_TITLE}, {"Spc", GALLEY_ABBR_TITLE},
    {"Sr", GALLEY_ABBR_OTHER}, {"Sra", GALLEY_ABBR_TITLE},
    {"Srta", GALLEY_ABBR_TITLE}, {"St", GALLEY_ABBR_OTHER},
    {"Ste", GALLEY_ABBR_OTHER}, {"Sts", GALLEY_ABBR_OTHER},
    {"Supt", GALLEY_ABBR_TITLE}, {"Tel", GALLEY_ABBR_OTHER},
    {"Tenn", GALLEY_ABBR_OTHER}, {"Tex", GALLEY_ABBR_OTHER},
    {"Thu", GALLEY_ABBR_OTHER}, {"Thur", GALLEY_ABBR_OTHER},
    {"Thurs", GALLEY_ABBR_OTHER}, {"Tue", GALLEY_ABBR_OTHER},
    {"Tues", GALLEY_ABBR_OTHER}, {"Twp", GALLEY_ABBR_OTHER},
    {"Univ", GALLEY_ABBR_OTHER}, {"Va", GALLEY_ABBR_OTHER},
    {"Vol", GALLEY_ABBR_NUMBER}, {"Vt", GALLEY_ABBR_OTHER},
    {"Wash", GALLEY_ABBR_OTHER}, {"Wed", GALLEY_ABBR_OTHER},
    {"Wis", GALLEY_ABBR_OTHER}, {"Wyo", GALLEY_ABBR_OTHER},
    {"al", GALLEY_ABBR_OTHER}, {"approx", GALLEY_ABBR_OTHER},
    {"ca", GALLEY_ABBR_OTHER}, {"cf", GALLEY_ABBR_OTHER},
    {"ch", GALLEY_ABBR_NUMBER}, {"co", GALLEY_ABBR_OTHER},
    {"dept", GALLEY_ABBR_OTHER}, {"esp", GALLEY_ABBR_OTHER},
    {"est", GALLEY_ABBR_OTHER}, {"etc", GALLEY_ABBR_TIME},
    {"ext", GALLEY_ABBR_NUMBER}, {"fig", GALLEY_ABBR_NUMBER},
    {"ft", GALLEY_ABBR_OTHER}, {"gal", GALLEY_ABBR_OTHER},
    {"hr", GALLEY_ABBR_OTHER}, {"hrs", GALLEY_ABBR_OTHER},
    {"incl", GALLEY_ABBR_OTHER}, {"lb", GALLEY_ABBR_OTHER},
    {"lbs", GALLEY_ABBR_OTHER}, {"mi", GALLEY_ABBR_OTHER},
    {"min", GALLEY_ABBR_OTHER}, {"mins", GALLEY_ABBR_OTHER},
    {"misc", GALLEY_ABBR_OTHER}, {"mos", GALLEY_ABBR_OTHER},
    {"no", GALLEY_ABBR_NUMBER}, {"nos", GALLEY_ABBR_NUMBER},
    {"oz", GALLEY_ABBR_OTHER}, {"p", GALLEY_ABBR_NUMBER},
    {"pop", GALLEY_ABBR_NUMBER}, {"pp", GALLEY_ABBR_NUMBER},
    {"sq", GALLEY_ABBR_OTHER}, {"st", GALLEY_ABBR_OTHER},
    {"tbsp", GALLEY_ABBR_OTHER}, {"tsp", GALLEY_ABBR_OTHER},
    {"v", GALLEY_ABBR_OTHER}, {"vol", GALLEY_ABBR_NUMBER},
    {"vs", GALLEY_ABBR_OTHER}, {"yr", GALLEY_ABBR_OTHER},
    {"yrs", GALLEY_ABBR_OTHER}
};

/* The abbreviations go into a hash table, built once (pthread_once) with
** the other tables (lex_build). */
#define ABBR_SLOTS 512
static unsigned char abbr_slot[ABBR_SLOTS];    /* index + 1 into abbrs, 0 empty */
static unsigned char abbr_lens[256];            /* by first byte: bit n, an entry of n bytes */
static pthread_once_t abbr_once = PTHREAD_ONCE_INIT;
static atomic_int abbr_built;
static void lex_build(void);

static inline unsigned abbr_hash(const uint8_t *w, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ w[i]) * 16777619u;
    return h & (ABBR_SLOTS - 1);
}

static void abbr_build(void)
{
    for (size_t k = 0; k < sizeof abbrs / sizeof abbrs[0]; k++) {
        const uint8_t *w = (const uint8_t *)abbrs[k].w;
        unsigned h = abbr_hash(w, strlen(abbrs[k].w));
        while (abbr_slot[h])
            h = (h + 1) & (ABBR_SLOTS - 1);
        abbr_slot[h] = (unsigned char)(k + 1);
        abbr_lens[w[0]] |= (unsigned char)(1u << strlen(abbrs[k].w));
    }
}

/* Lexicon class of the word 'w' ('n' bytes, no final period). */
static int abbr_lookup(const uint8_t *w, size_t n)
{
    if (n == 0 || n > 6)
        return GALLEY_ABBR_NONE;
    if (!atomic_load_explicit(&abbr_built, memory_order_acquire))
        pthread_once(&abbr_once, lex_build);
    if (!(abbr_lens[w[0]] & (1u << n)))
        return GALLEY_ABBR_NONE;
    for (unsigned h = abbr_hash(w, n); abbr_slot[h]; h = (h + 1) & (ABBR_SLOTS - 1)) {
        const char *e = abbrs[abbr_slot[h] - 1].w;
        size_t i = 0;
        while (i < n && e[i] == (char)w[i])
            i++;
        if (i == n && e[n] == '\0')
            return abbrs[abbr_slot[h] - 1].cls;
    }
    return GALLEY_ABBR_NONE;
}

/* 1 when 'w' ('n' bytes, no final period) is letters in groups of one to
** three separated by single periods: "U.S", "a.m", "Ph.D", "EE.UU". */
static int dotted(const uint8_t *w, size_t n)
{
    size_t run = 0, groups = 0;
    if (n < 3 || (w[1] != '.' && w[2] != '.' && (n < 4 || w[3] != '.')
                  && (w[0] & 0x80) == 0))
        return 0;                               /* no period where one must be */
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '.') {
            if (run == 0)
                return 0;
            groups++;
            run = 0;
        } else if ((cl[w[i]] & CL_LET) || w[i] >= 0x80) {
            if ((w[i] & 0xc0) != 0x80 && ++run > 3)
                return 0;
        } else {
            return 0;
        }
    }
    return groups >= 1 && run > 0;
}

int galley_token_abbrev(const char *str, size_t n)
{
    const uint8_t *w = (const uint8_t *)str;
    if (n < 2 || w[n - 1] != '.')
        return GALLEY_ABBR_NONE;
    n--;
    if (dotted(w, n)) {
        if ((n == 3 && (w[0] | 0x20) == 'a' && (w[2] | 0x20) == 'm')
            || (n == 3 && (w[0] | 0x20) == 'p' && (w[2] | 0x20) == 'm'))
            return GALLEY_ABBR_TIME;
        return GALLEY_ABBR_OTHER;
    }
    if (n == 1 && (cl[w[0]] & CL_UP))
        return GALLEY_ABBR_INITIAL;
    if (n >= 2 && n <= 3 && w[0] >= 0xc0) {     /* one non-ASCII capital */
        ucs4_t c;
        size_t l = dec(w, 0, n, &c);
        if (l == n && uc_is_property_uppercase(c))
            return GALLEY_ABBR_INITIAL;
    }
    return abbr_lookup(w, n);
}

/* Prefixes that UD English keeps joined to the rest of a hyphenated word
** ("non-profit", "co-founder"); "e" only before the words in 'ewords'. */
static const char *const prefixes[] = {
    "anti", "bi", "co", "counter", "cyber", "de", "ex", "extra", "hyper",
    "inter", "intra", "macro", "mega", "micro", "mid", "mini", "mis",
    "multi", "neo", "non", "over", "post", "pre", "pro", "pseudo", "re",
    "semi", "sub", "super", "trans", "tri", "ultra", "un", "vice", NULL
};
static const char *const ewords[] = {
    "mail", "mails", "commerce", "book", "books", "reader", "readers",
    "learning", "cigarette", "cigarettes", "government", "business",
    "banking", "bike", "bikes", "scooter", "scooters", "voting", "wallet",
    "ticket", "tickets", "waste", "sports", "filing", "visa", NULL
};

/* 1 when 'w' ('n' bytes) equals one of 'list', ASCII case ignored. */
static int in_list(const char *const *list, const uint8_t *w, size_t n)
{
    if (n == 0 || n > 10)
        return 0;
    for (; *list; list++) {
        if (((*list)[0] ^ w[0]) & ~0x20)
            continue;
        const char *p = *list;
        size_t i = 0;
        while (i < n && p[i] && (w[i] | 0x20) == (uint8_t)p[i]
               && (cl[w[i]] & CL_LET))
            i++;
        if (i == n && p[i] == '\0')
            return 1;
    }
    return 0;
}

/* File name extensions, kept with the name before them ("Sam3102.doc"). */
static const char *const extensions[] = {
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv", "htm",
    "html", "jpg", "jpeg", "png", "gif", "zip", "mp3", "mp4", "vcf", NULL
};

/* Units written right after a number, split off as their own word
** (case matters: "4G" and "2B" stay whole). */
static const char *const units[] = {
    "am", "pm", "AM", "PM", "k", "K", "m", "M", "mn", "bn", "b", "tn", "MM",
    "km", "kg", "g", "mg", "mm", "cm", "ml", "lb", "lbs", "oz", "ft", "mi",
    "in", "yd", "yds", "mph", "kph", "kmh", "hr", "hrs", "h", "min", "mins",
    "sec", "secs", "ms",
    "gb", "mb", "kb", "tb", "GB", "MB", "KB", "TB", "GHz", "MHz", "Hz", "kHz",
    "kW", "MW", "GW", "kWh", "MWh", "USD", "EUR", "GBP", "yr", "yrs", "p",
    "C", "F", "pc", "bp", "bps", "ppm", "ppb", "kbps", "Mbps", "Gbps", "Btu",
    "BTU", "MMBtu", "MMBTU", "bbl", "mcf", "Mcf", "bcf", "Bcf", "tcf", "Tcf",
    NULL
};

/* 1 when 'w' ('n' bytes) is one of 'units', case included. */
static int is_unit(const uint8_t *w, size_t n)
{
    for (const char *const *u = units; *u; u++)
        if (strlen(*u) == n && memcmp(*u, w, n) == 0)
            return 1;
    return 0;
}

/* Words that UD English splits in two or three: "cannot" -> "can" "not",
** and contractions written without their apostrophe, as the treebanks
** split them: "dont" -> "do" "nt", "thats" -> "that" "s". Those that are
** also English words stay out ("lets", "ill", "well", "were", "id",
** "hell"), but for "its", "cant" and "wont" when the word after them shows
** the contraction (MULTI_NEXT); MULTI_LOWER ones split only in lower case
** ("Ive" and "Im" are names). */
enum { MULTI_LOWER = 1, MULTI_NEXT = 2 };
typedef struct multi {
    const char *w;
    unsigned char cut1, cut2, flags;
} multi;
static const multi multis[] = {
    {"cannot", 3, 0, 0}, {"gonna", 3, 0, 0}, {"wanna", 3, 0, 0},
    {"gotta", 3, 0, 0}, {"outta", 3, 0, 0}, {"gimme", 3, 0, 0},
    {"lemme", 3, 0, 0}, {"dunno", 2, 3, 0},
    {"aint", 2, 0, 0}, {"arent", 3, 0, 0}, {"cant", 2, 0, MULTI_NEXT},
    {"didnt", 3, 0, 0}, {"doesnt", 4, 0, 0},
    {"dont", 2, 0, 0}, {"hadnt", 3, 0, 0}, {"hasnt", 3, 0, 0},
    {"havent", 4, 0, 0}, {"isnt", 2, 0, 0}, {"mustnt", 4, 0, 0},
    {"wasnt", 3, 0, 0}, {"werent", 4, 0, 0},
    {"heres", 4, 0, 0}, {"shes", 3, 0, 0},
    {"thats", 4, 0, 0}, {"theres", 5, 0, 0}, {"whats", 4, 0, 0},
    {"wheres", 5, 0, 0}, {"whos", 3, 0, 0},
    {"theyre", 4, 0, 0}, {"youre", 3, 0, 0},
    {"ive", 1, 0, MULTI_LOWER}, {"theyve", 4, 0, 0}, {"weve", 2, 0, 0},
    {"youve", 3, 0, 0}, {"im", 1, 0, MULTI_LOWER}, {"theyll", 4, 0, 0},
    {"youll", 3, 0, 0}, {"thatd", 4, 0, 0}, {"theyd", 4, 0, 0},
    {"youd", 3, 0, 0}, {"its", 2, 0, MULTI_NEXT}, {"wont", 2, 0, MULTI_NEXT},
    {NULL, 0, 0, 0}
};

/* Words of up to MULTI_ROWS - 1 bytes are looked up in the tables below
** (the words of 'multis' are shorter). Bit l of multi_keys[n * 32 + f]:
** some word in 'multis' has 'n' letters, a first letter whose low five
** bits are f and a last letter whose low five bits are l (1 for 'a' and
** 'A'); multi_keys2 the same for the second and the last but one letters.
** multi_head[n * 32 + f] is the first such word (index + 1 into 'multis',
** 0 for none), multi_next the word after it with the same length and
** first letter. */
#define MULTI_ROWS 16
#define MULTI_LONG 6    /* the longest word in 'multis' */
static uint32_t multi_keys[MULTI_ROWS * 32], multi_keys2[MULTI_ROWS * 32];
static unsigned char multi_head[MULTI_ROWS * 32];
static unsigned char multi_next[sizeof multis / sizeof multis[0]];

/* Build the lexicon tables (once). */
static void lex_build(void)
{
    abbr_build();
    for (size_t k = sizeof multis / sizeof multis[0] - 1; k-- > 0;) {
        const char *w = multis[k].w;
        size_t n = strlen(w), key = n * 32 + (size_t)(w[0] & 31);
        multi_keys[key] |= 1u << (w[n - 1] & 31);
        multi_keys2[n * 32 + (size_t)(w[1] & 31)] |= 1u << (w[n - 2] & 31);
        multi_next[k] = multi_head[key];
        multi_head[key] = (unsigned char)(k + 1);
    }
    atomic_store_explicit(&abbr_built, 1, memory_order_release);
}

/* The entry of 'multis' that the word 'w' ('n' bytes, maybe_multi true)
** is, or NULL. */
static const multi *multi_find(const uint8_t *w, size_t n)
{
    if (!((multi_keys2[n * 32 + (w[1] & 31)] >> (w[n - 2] & 31)) & 1))
        return NULL;
    size_t key = n * 32 + (size_t)(w[0] & 31);
    for (unsigned k = multi_head[key]; k; k = multi_next[k - 1]) {
        const multi *m = &multis[k - 1];
        if (m->w[n - 1] != (w[n - 1] | 0x20))
            continue;
        size_t i = 0;
        while (i < n && (w[i] | 0x20) == (uint8_t)m->w[i] && (cl[w[i]] & CL_LET)
               && (!(m->flags & MULTI_LOWER) || (cl[w[i]] & CL_LO)))
            i++;
        if (i == n)
            return m;
    }
    return NULL;
}

/* ===================================================================
** Token attributes
** =================================================================== */

/* 1 when 'c' is an emoji code point that stands for a picture by itself. */
static int emoji_base(ucs4_t c)
{
    return uc_is_property_emoji_presentation(c)
           || uc_is_property_regional_indicator(c)
           || (c >= 0x1f000 && uc_is_property_extended_pictographic(c));
}

/* Kind and flags of the text [a, b) of 's'. */
static int classify(const uint8_t *s, size_t a, size_t b, uint8_t *flags)
{
    size_t up = 0, lo = 0, dig = 0, let = 0, ncp = 0, ndec = 0;
    size_t first_let = SIZE_MAX, first_dig = SIZE_MAX, last_nonlet = 0;
    int first_up = 0, ascii = 1, emoji = 0;
    ucs4_t c0 = 0;
    size_t i = a;
    while (i < b) {
        ucs4_t c;
        size_t l = dec(s, i, b, &c);
        if (i == a)
            c0 = c;
        ncp++;
        if (c < 0x80) {
            unsigned k = cl[c];
            if (k & CL_LET) {
                if (first_let == SIZE_MAX) {
                    first_let = i;
                    first_up = (k & CL_UP) != 0;
                }
                let++;
                if (k & CL_UP) up++; else lo++;
            } else {
                if (k & CL_DIG) {
                    dig++;
                    ndec++;
                    if (first_dig == SIZE_MAX)
                        first_dig = i;
                }
                last_nonlet = i + 1;
            }
        } else {
            ascii = 0;
            if (c == 0xfe0f || c == 0x20e3 || c == 0x200d || emoji_base(c))
                emoji = 1;
            if (uc_is_property_alphabetic(c) && !uc_is_property_emoji(c)) {
                int u = uc_is_property_uppercase(c);
                int lw = uc_is_property_lowercase(c);
                if (first_let == SIZE_MAX) {
                    first_let = i;
                    first_up = u;
                }
                let++;
                up += u;
                lo += lw;
            } else {
                if (uc_is_property_numeric(c)) {
                    dig++;
                    ndec += uc_is_general_category(c, UC_DECIMAL_DIGIT_NUMBER);
                    if (first_dig == SIZE_MAX)
                        first_dig = i;
                }
                last_nonlet = i + l;
            }
        }
        i += l;
    }
    uint8_t f = ascii ? GALLEY_TF_ASCII : 0;
    if (up + lo > 0) {
        if (lo == 0)
            f |= GALLEY_TF_UPPER;
        if (first_up && up == 1)
            f |= GALLEY_TF_TITLE;
    }
    if (ndec == ncp)
        f |= GALLEY_TF_DIGIT;
    int kind;
    if (emoji && !(let > 0 && !emoji_base(c0)))
        kind = GALLEY_TK_EMOJI;
    else if (let > 0) {
        /* "1990s", "5th", "'90s": digits with a decade or ordinal ending */
        kind = GALLEY_TK_WORD;
        if (first_dig != SIZE_MAX && first_dig < first_let
            && last_nonlet <= first_let) {
            size_t k = b - first_let;
            const uint8_t *e = s + first_let;
            if ((k == 1 && (e[0] | 0x20) == 's')
                || (k == 2 && (((e[0] | 0x20) == 's' && (e[1] | 0x20) == 't')
                               || ((e[0] | 0x20) == 'n' && (e[1] | 0x20) == 'd')
                               || ((e[0] | 0x20) == 'r' && (e[1] | 0x20) == 'd')
                               || ((e[0] | 0x20) == 't' && (e[1] | 0x20) == 'h'))))
                kind = GALLEY_TK_NUMBER;
        }
    } else if (dig > 0)
        kind = GALLEY_TK_NUMBER;
    else if (c0 < 0x80)
        kind = (cl[c0] & CL_SYM) ? GALLEY_TK_SYMBOL : GALLEY_TK_PUNCT;
    else if (uc_is_general_category(c0, UC_CATEGORY_P))
        kind = GALLEY_TK_PUNCT;
    else if (uc_is_general_category(c0, UC_CATEGORY_L)
             || uc_is_general_category(c0, UC_CATEGORY_M))
        kind = GALLEY_TK_WORD;
    else
        kind = GALLEY_TK_SYMBOL;
    if (kind == GALLEY_TK_PUNCT)
        f |= GALLEY_TF_PUNCT;
    *flags = f;
    return kind;
}

/* classify for ASCII-only text: one pass that ORs byte classes. */
static inline int classify_ascii(const uint8_t *s, size_t a, size_t b, uint8_t *flags)
{
    unsigned first = cl[s[a]], rest = 0;
    for (size_t i = a + 1; i < b; i++)
        rest |= cl[s[i]];
    unsigned all = first | rest;
    if (all & CL_HI)
        return classify(s, a, b, flags);
    uint8_t f = GALLEY_TF_ASCII;
    if (all & CL_LET) {
        if (!(all & CL_LO))
            f |= GALLEY_TF_UPPER;
        if ((first & CL_UP) && !(rest & CL_UP))
            f |= GALLEY_TF_TITLE;
    }
    if (all == CL_DIG)
        f |= GALLEY_TF_DIGIT;
    int kind;
    if (all & CL_LET) {
        if (!(all & CL_DIG) && (first & CL_LET))
            kind = GALLEY_TK_WORD;
        else
            return classify(s, a, b, flags);    /* "1990s", "5th", "'s" */
    } else if (all & CL_DIG)
        kind = GALLEY_TK_NUMBER;
    else if (first & CL_SYM)
        kind = GALLEY_TK_SYMBOL;
    else {
        kind = GALLEY_TK_PUNCT;
        f |= GALLEY_TF_PUNCT;
    }
    *flags = f;
    return kind;
}

/* ===================================================================
** The tokenizer
** =================================================================== */

typedef struct seg {
    uint32_t a, b;      /* byte offsets, half-open */
    uint8_t w;          /* scanner class of the first character */
    uint8_t mid;        /* letters or digits joined across . ' : , ; */
} seg;

typedef struct ctx {
    const uint8_t *s;
    size_t n;
    galley_tokens *out;
    unsigned opts;
    size_t n0;          /* tokens in 'out' before this call */
    int ascii;          /* the current chunk is ASCII only */
    int apos;           /* the current chunk may hold an apostrophe */
    seg *g;
    size_t ng, gcap;
    char *brk;
    size_t brkcap;
    seg gbuf[64];
    char brkbuf[256];
} ctx;

static int grow_tokens(galley_tokens *tk, size_t more)
{
    if (more <= tk->cap - tk->n)
        return GALLEY_OK;
    size_t cap = tk->cap ? tk->cap : 64;
    while (cap - tk->n < more) {
        if (cap > SIZE_MAX / 2 / sizeof(galley_token))
            return GALLEY_ENOMEM;
        cap *= 2;
    }
    galley_token *t = realloc(tk->t, cap * sizeof *t);
    if (!t)
        return GALLEY_ENOMEM;
    tk->t = t;
    tk->cap = cap;
    return GALLEY_OK;
}

/* GALLEY_TF_STOP when [a, b) of 's' ends with . ? ! or an ellipsis. */
static inline unsigned stop_flag(const uint8_t *s, size_t a, size_t b)
{
    uint8_t z = s[b - 1];
    if (cl[z] & CL_END)
        return GALLEY_TF_STOP;
    return z == 0xa6 && b - a >= 3 && s[b - 2] == 0x80 && s[b - 3] == 0xe2
           ? GALLEY_TF_STOP : 0;
}

/* GALLEY_TX_* of the punctuation or symbol token [a, b) of 's'. */
static unsigned mark_flags(const uint8_t *s, size_t a, size_t b)
{
    size_t n = b - a;
    const uint8_t *p = s + a;
    if (n == 1) {
        switch (p[0]) {
        case '(': case '[': case '{': return GALLEY_TX_OPEN | GALLEY_TX_BRACKET;
        case ')': case ']': case '}': return GALLEY_TX_CLOSE | GALLEY_TX_BRACKET;
        case '"': case '\'': case '`': return GALLEY_TX_QUOTE;
        case '$': return GALLEY_TX_CURRENCY;
        default: return 0;
        }
    }
    if (p[0] < 0x80)
        return 0;
    if (n == 2 && p[0] == 0xc2) {
        switch (p[1]) {
        case 0xab: return GALLEY_TX_OPEN | GALLEY_TX_QUOTE;     /* « */
        case 0xbb: return GALLEY_TX_CLOSE | GALLEY_TX_QUOTE;    /* » */
        case 0xbf: case 0xa1: return GALLEY_TX_OPEN;            /* ¿ ¡ */
        default: break;
        }
    }
    if (n == 3 && p[0] == 0xe2) {
        unsigned x = (unsigned)p[1] << 8 | p[2];
        switch (x) {
        case 0x809c: case 0x8098: case 0x80b9:                  /* “ ‘ ‹ */
            return GALLEY_TX_OPEN | GALLEY_TX_QUOTE;
        case 0x809d: case 0x8099: case 0x80ba:                  /* ” ’ › */
            return GALLEY_TX_CLOSE | GALLEY_TX_QUOTE;
        case 0x809e: case 0x809a: case 0x809f: case 0x809b:     /* „ ‚ ‟ ‛ */
            return GALLEY_TX_QUOTE;
        case 0x80a2: case 0x80a3: case 0x8183:                  /* • ‣ ⁃ */
        case 0x97a6: case 0x96aa: case 0x978f:                  /* ◦ ▪ ● */
            return GALLEY_TX_BULLET;
        default: break;
        }
    }
    ucs4_t c;
    if (dec(s, a, b, &c) == n && uc_is_general_category(c, UC_CURRENCY_SYMBOL))
        return GALLEY_TX_CURRENCY;
    return 0;
}

/* Set the 'xflags' of the token just appended, 't', and mark the token
** before it as a possible list item when 't' is "." or ")" right after a
** short number or a lone letter ("1." "a)"). */
static inline void finish(ctx *c, galley_token *t)
{
    if (t->kind != GALLEY_TK_PUNCT && t->kind != GALLEY_TK_SYMBOL) {
        t->xflags = 0;
        return;
    }
    t->xflags = (uint8_t)mark_flags(c->s, t->start, t->end);
    uint8_t ch = c->s[t->start];
    if (t->end - t->start == 1 && (ch == '.' || ch == ')') && c->out->n >= 2 + c->n0) {
        galley_token *p = t - 1;
        size_t pl = p->end - p->start;
        if (p->end == t->start
            && ((p->kind == GALLEY_TK_NUMBER && (p->flags & GALLEY_TF_DIGIT) && pl <= 3)
                || (p->kind == GALLEY_TK_WORD && pl == 1 && (cl[c->s[p->start]] & CL_LET))))
            p->xflags |= GALLEY_TX_ITEM;
    }
}

/* Append the token [a, b); 'kind' < 0 asks classify for it. */
static inline int emit(ctx *c, size_t a, size_t b, int kind)
{
    galley_tokens *tk = c->out;
    if (tk->n == tk->cap && grow_tokens(tk, 1))
        return GALLEY_ENOMEM;
    galley_token *t = &tk->t[tk->n++];
    uint8_t f;
    int k = classify_ascii(c->s, a, b, &f);
    t->start = (uint32_t)a;
    t->end = (uint32_t)b;
    t->sent = t->para = 0;
    t->kind = (uint8_t)(kind < 0 ? k : kind);
    t->flags = (uint8_t)(f | stop_flag(c->s, a, b));
    t->lines = 0;
    finish(c, t);
    return GALLEY_OK;
}

/* Append the token [a, b) with a known kind and flags. */
static inline int emit_as(ctx *c, size_t a, size_t b, int kind, unsigned flags)
{
    galley_tokens *tk = c->out;
    if (tk->n == tk->cap && grow_tokens(tk, 1))
        return GALLEY_ENOMEM;
    galley_token *t = &tk->t[tk->n++];
    t->start = (uint32_t)a;
    t->end = (uint32_t)b;
    t->sent = t->para = 0;
    t->kind = (uint8_t)kind;
    t->flags = (uint8_t)(flags | stop_flag(c->s, a, b));
    t->lines = 0;
    finish(c, t);
    return GALLEY_OK;
}

/* Append the token [a, b) with all its fields known. */
static inline int emit_full(ctx *c, size_t a, size_t b, int kind, unsigned flags,
                            unsigned lines)
{
    galley_tokens *tk = c->out;
    if (tk->n == tk->cap && grow_tokens(tk, 1))
        return GALLEY_ENOMEM;
    galley_token *t = &tk->t[tk->n++];
    t->start = (uint32_t)a;
    t->end = (uint32_t)b;
    t->sent = t->para = 0;
    t->kind = (uint8_t)kind;
    t->flags = (uint8_t)flags;
    t->lines = (uint8_t)lines;
    finish(c, t);
    return GALLEY_OK;
}

/* 1 when the word at 'p' ('n' bytes, 0 < n < MULTI_ROWS) may be one of
** the words that 'multis' splits (same length, first and last letters).
** The tables are built (galley_token_split_opt sees to it). Words of two
** and three letters, common as they are, are only "im", "ive" and "its". */
static inline int multi_hint(const uint8_t *p, size_t n)
{
    if (n - 4 <= MULTI_LONG - 4)
        return (multi_keys[n * 32 + (p[0] & 31)] >> (p[n - 1] & 31)) & 1;
    return n - 2 <= 1 && (p[0] | 0x20) == 'i'
           && (n == 2 ? p[1] == 'm' : p[1] == 'v' || p[1] == 't');
}

/* multi_hint for a word of any length 'n' > 0. */
static inline int maybe_multi(const uint8_t *p, size_t n)
{
    return n < MULTI_ROWS && multi_hint(p, n);
}

/* 1 when the letters at 'p' ('n' of them) are a word that 'multis'
** splits. */
static inline int is_multi(const uint8_t *p, size_t n)
{
    return maybe_multi(p, n) && multi_find(p, n) != NULL;
}

/* Flags of an ASCII word from the classes of its first byte and the rest. */
static inline unsigned word_flags(unsigned first, unsigned rest)
{
    unsigned f = GALLEY_TF_ASCII;
    if (!((first | rest) & CL_LO))
        f |= GALLEY_TF_UPPER;
    if ((first & CL_UP) && !(rest & CL_UP))
        f |= GALLEY_TF_TITLE;
    return f;
}

static inline int is1(const uint8_t *s, const seg *g, int ch)
{
    return g->b - g->a == 1 && s[g->a] == ch;
}

static inline int all_digits(const uint8_t *s, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    for (; a < b; a++)
        if (!(cl[s[a]] & CL_DIG))
            return 0;
    return 1;
}

static inline int all_upper(const uint8_t *s, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    for (; a < b; a++)
        if (!(cl[s[a]] & CL_UP))
            return 0;
    return 1;
}

static int numval(const uint8_t *s, size_t a, size_t b)
{
    int v = 0;
    for (; a < b && v < 100000; a++)
        v = v * 10 + (s[a] - '0');
    return v;
}

/* 1 when the first non-blank character at or after 's[i]' is a digit. */
static int digit_follows(const uint8_t *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < n && (cl[s[i]] & CL_DIG);
}

/* 1 when the word [a, b) takes the period segment that follows it; 'nx'
** is the segment after the period (NULL at the end of the chunk), 'ce' the
** end of the chunk. */
static int takes_period(ctx *c, size_t a, size_t b, const seg *nx, size_t ce)
{
    const uint8_t *s = c->s;
    size_t n = b - a;
    if (n > 12)
        return 0;
    if (n == 1 && (cl[s[a]] & CL_UP))
        return 1;
    if (s[a] >= 0xc0) {
        ucs4_t ch;
        if (dec(s, a, b, &ch) == n)
            return uc_is_property_uppercase(ch);
    }
    int k = abbr_lookup(s + a, n);
    if (k == GALLEY_ABBR_NUMBER)
        return nx ? (cl[s[nx->a]] & CL_DIG) != 0 : digit_follows(s, ce, c->n);
    return k != GALLEY_ABBR_NONE || dotted(s + a, n);
}

/* Phone numbers and ZIP+4 codes: digit groups joined by hyphens, as
** 555-0123, 212-555-0123, 1-800-555-0123, 20500-0003. 'g[k]' is the first
** group; returns how many segments the number spans, 0 if none. */
static size_t phone(const uint8_t *s, const seg *g, size_t k, size_t m)
{
    size_t lens[5], ng = 0, j = k;
    while (j < m && ng < 5 && all_digits(s, g[j].a, g[j].b)) {
        lens[ng++] = g[j].b - g[j].a;
        if (j + 2 < m && is1(s, &g[j + 1], '-') && g[j + 2].w == W_NUMERIC)
            j += 2;
        else
            break;
    }
    if (ng < 2 || lens[ng - 1] != 4)
        return 0;
    if (j + 1 < m && g[j + 1].w == W_NUMERIC)
        return 0;
    int ok;
    switch (ng) {
    case 2: ok = lens[0] == 3 || lens[0] == 1 || lens[0] == 5; break;
    case 3: ok = (lens[0] == 3 || lens[0] == 1) && lens[1] == 3; break;
    case 4: ok = lens[0] == 1 && lens[1] == 3 && lens[2] == 3; break;
    default: ok = 0;
    }
    return ok ? j - k + 1 : 0;
}

/* Words after "its" that its possessive sense cannot have before them:
** "its a", "its not" are "it's". */
static const char *const its_next[] = {
    "a", "an", "the", "not", "my", "your", "our", "their", "his", "this",
    "that", "these", "those", "so", "too", "really", "still", "always",
    "never", "been", "about", "what", "because", "ok", "okay", "gonna",
    "going", "getting", NULL
};

/* Words after the nouns "cant" and "wont" ("political cant of the day",
** "as was his wont"; "wont to" is "used to"). */
static const char *const noun_next[] = {
    "to", "of", "and", "or", "about", "is", "was", "in", "that", "from",
    "for", "as", NULL
};

/* 1 when the word after the "its" ('w0' 'i'), "cant" or "wont" that ends
** at 'b' makes it a contraction: one space, then a lower-case word (not
** the first part of a compound, "its all-time") in 'its_next', or for
** "cant" and "wont" any such word not in 'noun_next' ("he wont go"). */
static int next_shows_verb(const ctx *c, size_t b, char w0)
{
    const uint8_t *s = c->s;
    if (b + 1 >= c->n || s[b] != ' ')
        return 0;
    size_t x = b + 1, y = x;
    while (y < c->n && (cl[s[y]] & CL_LO))
        y++;
    if (y == x || (y < c->n && ((cl[s[y]] & (CL_LET | CL_DIG | CL_HI | CL_APOS))
                                || s[y] == '-')))
        return 0;
    if (w0 == 'i')
        return in_list(its_next, s + x, y - x);
    return !in_list(noun_next, s + x, y - x);
}

/* Emit the word [a, b), splitting clitics ("do" "n't", "it" "'s"), the
** words in 'multis' and units after numbers ("5" "pm"). */
static int emit_word(ctx *c, size_t a, size_t b)
{
    const uint8_t *s = c->s;
    size_t n = b - a;
    const multi *m;
    if (maybe_multi(s + a, n) && (m = multi_find(s + a, n)) != NULL
        && (!(m->flags & MULTI_NEXT) || next_shows_verb(c, b, m->w[0]))) {
        size_t c1 = a + m->cut1;
        if (emit(c, a, c1, GALLEY_TK_WORD))
            return GALLEY_ENOMEM;
        if (m->cut2) {
            size_t c2 = a + m->cut2;
            if (emit(c, c1, c2, GALLEY_TK_WORD))
                return GALLEY_ENOMEM;
            c1 = c2;
        }
        return emit(c, c1, b, GALLEY_TK_WORD);
    }
    /* the last apostrophe, straight or curly */
    size_t q = b, ql = 0;
    for (size_t i = c->apos ? b : a; i > a + 1; i--) {
        if (s[i - 1] == '\'') {
            q = i - 1;
            ql = 1;
            break;
        }
        if (s[i - 1] == 0x99 && i >= a + 3 && s[i - 3] == 0xe2
            && s[i - 2] == 0x80) {
            q = i - 3;
            ql = 3;
            break;
        }
    }
    if (ql && q > a) {
        const uint8_t *t = s + q + ql;
        size_t tl = b - q - ql;
        uint8_t prev = s[q - 1];
        int prev_let = (cl[prev] & CL_LET) || prev >= 0x80;
        if (tl == 1 && (t[0] | 0x20) == 't' && (prev | 0x20) == 'n'
            && q - 1 > a && ((cl[s[q - 2]] & CL_LET) || s[q - 2] >= 0x80)) {
            if (emit(c, a, q - 1, GALLEY_TK_WORD))
                return GALLEY_ENOMEM;
            return emit(c, q - 1, b, GALLEY_TK_WORD);
        }
        if (prev_let
            && ((tl == 1 && ((t[0] | 0x20) == 's' || (t[0] | 0x20) == 'd'
                             || (t[0] | 0x20) == 'm'))
                || (tl == 2 && (((t[0] | 0x20) == 'r' && (t[1] | 0x20) == 'e')
                                || ((t[0] | 0x20) == 'v' && (t[1] | 0x20) == 'e')
                                || ((t[0] | 0x20) == 'l' && (t[1] | 0x20) == 'l'))))) {
            /* "they'd've": two clitics (not looked for before 's) */
            if ((tl == 1 && (t[0] | 0x20) == 's') ? emit(c, a, q, -1) : emit_word(c, a, q))
                return GALLEY_ENOMEM;
            return emit(c, q, b, GALLEY_TK_WORD);
        }
    }
    /* a number with a unit: "5pm", "3.5bn", "375mm" */
    if (cl[s[a]] & CL_DIG) {
        size_t u = a;
        while (u < b && (cl[s[u]] & CL_DIG
                         || ((s[u] == '.' || s[u] == ',') && u + 1 < b
                             && (cl[s[u + 1]] & CL_DIG))))
            u++;
        if (u < b && u - a <= 12) {
            size_t v = u;
            while (v < b && (cl[s[v]] & CL_LET))
                v++;
            if (v == b && is_unit(s + u, b - u)) {
                if (emit(c, a, u, GALLEY_TK_NUMBER))
                    return GALLEY_ENOMEM;
                return emit(c, u, b, GALLEY_TK_WORD);
            }
        }
    }
    return emit(c, a, b, -1);
}

/* 1 when 'g' is a clitic word after an apostrophe: s re ve ll d m. */
static int clitic_tail(const uint8_t *s, const seg *g)
{
    size_t n = g->b - g->a;
    const uint8_t *t = s + g->a;
    if (n == 1)
        return (t[0] | 0x20) == 's' || (t[0] | 0x20) == 'd' || (t[0] | 0x20) == 'm';
    if (n == 2)
        return ((t[0] | 0x20) == 'r' && (t[1] | 0x20) == 'e')
               || ((t[0] | 0x20) == 'v' && (t[1] | 0x20) == 'e')
               || ((t[0] | 0x20) == 'l' && (t[1] | 0x20) == 'l');
    return 0;
}

/* 1 when 'g' is an apostrophe: straight, curly, or the acute accent that
** some keyboards give for it ("I\u00b4m"). */
static inline int is_apos(const uint8_t *s, const seg *g)
{
    size_t n = g->b - g->a;
    return (n == 1 && s[g->a] == '\'')
           || (n == 3 && s[g->a] == 0xe2 && s[g->a + 1] == 0x80
               && s[g->a + 2] == 0x99)
           || (n == 2 && s[g->a] == 0xc2 && s[g->a + 1] == 0xb4);
}

/* Two sentences run together, "quality.You", "Tuesday.Mr": a word of two
** letters or more ending in lower case, a period, a capitalised word; or an
** initial stuck to a name, "J.Aron". Returns the offset of the period, 0 if
** the segment [a, b) is not of that form. */
static size_t run_on(const uint8_t *s, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && (cl[s[i]] & CL_LET))
        i++;
    if (i >= b || s[i] != '.' || i + 3 > b || !(cl[s[i + 1]] & CL_UP))
        return 0;
    if (!(i - a == 1 && (cl[s[a]] & CL_UP))
        && !(i - a >= 2 && (cl[s[i - 1]] & CL_LO) && (cl[s[i - 2]] & CL_LO)))
        return 0;
    for (size_t k = i + 2; k < b; k++)
        if (!(cl[s[k]] & CL_LO) && !(s[k] == '\'' && k + 1 < b && (cl[s[k + 1]] & CL_LO)))
            return 0;                           /* "quality.You'll" too */
    static const char *const tlds[] = {"com", "net", "org", "gov", "edu", "info", NULL};
    if (i - a >= 2 && in_list(tlds, s + i + 1, b - i - 1))
        return 0;                               /* "Newsfeed.Com" */
    return i;
}

/* 1 when the number [a, b) has commas that cannot group thousands nor be
** a decimal comma: a group of four digits or more after one ("11,2000"). */
static int bad_commas(const uint8_t *s, size_t a, size_t b)
{
    size_t run = 0;
    int comma = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == ',') {
            if (comma && run > 3)
                return 1;
            comma = 1;
            run = 0;
        } else if (cl[s[i]] & CL_DIG)
            run++;
        else
            return 0;
    }
    return comma && run > 3;
}

/* Month abbreviations in dates such as "01-Feb-02". */
static int month3(const uint8_t *s, size_t a, size_t b)
{
    static const char *const months[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec", NULL
    };
    return b - a == 3 && in_list(months, s + a, 3);
}

/* Characters whose runs make one token: "--", "==", "$$$". */
static inline int run_char(uint8_t ch)
{
    switch (ch) {
    case '-': case '=': case '*': case '+': case '$': case '<': case '>':
    case '/': case '\\': case '~': case '^': case '|': case '#':
        return 1;
    default:
        return 0;
    }
}

/* Apply the UD rules to the segments 'g[0..m)' of a chunk ending at 'ce'. */
static int rules(ctx *c, const seg *g, size_t m, size_t ce)
{
    const uint8_t *s = c->s;
    size_t k = 0;
    while (k < m) {
        size_t a = g[k].a, b = g[k].b, j = k + 1;
        if (alnum_class(g[k].w)) {
            size_t dot;
            if (g[k].mid && (dot = run_on(s, a, b)) > 0
                && !(dot == a + 1 && b - dot <= 3 && b < ce && s[b] == '.')) {
                /* "quality.You": a stop and a missing space; "J.Aron" (but
                   not a degree, "B.Sc.") */
                if (dot == a + 1 ? emit(c, a, dot + 1, GALLEY_TK_WORD)
                                 : (emit_word(c, a, dot)
                                    || emit(c, dot, dot + 1, GALLEY_TK_PUNCT)))
                    return GALLEY_ENOMEM;
                a = dot + 1;
            }
            if (j + 1 < m && b - a >= 2 && s[b - 1] == 'n' && g[j].b - g[j].a == 2
                && s[g[j].a] == 0xc2 && s[g[j].a + 1] == 0xb4
                && g[j + 1].b - g[j + 1].a == 1 && (s[g[j + 1].a] | 0x20) == 't'
                && (j + 2 == m || !alnum_class(g[j + 2].w))) {
                /* "don\u00b4t": the acute accent for an apostrophe */
                if (emit_word(c, a, b - 1) || emit(c, b - 1, g[j + 1].b, GALLEY_TK_WORD))
                    return GALLEY_ENOMEM;
                k = j + 2;
                continue;
            }
            size_t part = a;    /* start of the last hyphen-joined part */
            size_t unit = 0;    /* where a unit after a time starts */
            for (;;) {
                if (g[k].w == W_NUMERIC && j == k + 1 && j + 1 < m
                    && g[j + 1].b - g[j + 1].a == 1 && s[g[j + 1].a] == 's'
                    && (b - a == 2 || b - a == 4) && is_apos(s, &g[j])
                    && all_digits(s, a, b) && (j + 2 == m || !alnum_class(g[j + 2].w))) {
                    b = g[j + 1].b;             /* decades: "the 1990's", "70's" */
                    j += 2;
                    break;
                }
                if (j < m && is1(s, &g[j], '!') && j == k + 1 && b - a == 5
                    && memcmp(s + a, "Yahoo", 5) == 0) {
                    b = g[j].b;                 /* the brand's own "!" */
                    j++;
                    break;
                }
                if (j + 1 < m && is1(s, &g[j], '*') && g[k].w == W_ALETTER && j == k + 1) {
                    size_t x = j;
                    while (x < m && is1(s, &g[x], '*'))
                        x++;
                    if (x < m && g[x].w == W_ALETTER) {
                        b = g[x].b;             /* a word starred out: "bl**dy" */
                        j = x + 1;
                    }
                    break;
                }
                if (j < m && is1(s, &g[j], '/') && j == k + 1 && b - a == 1
                    && (s[a] == 'w' || s[a] == 'b') && (k == 0 || !is1(s, &g[k - 1], '/'))) {
                    /* "w/", "w/o", "b/c": with, without, because */
                    const seg *r = j + 1 < m ? &g[j + 1] : NULL;
                    if (r && r->b - r->a == 1 && s[r->a] == (s[a] == 'b' ? 'c' : 'o')
                        && (j + 2 == m || !(alnum_class(g[j + 2].w) || is1(s, &g[j + 2], '/')))) {
                        b = r->b;
                        j += 2;
                    } else if (s[a] == 'w' && !(r && is1(s, r, '/'))
                               && !(j + 2 < m && is1(s, &g[j + 2], '/'))) {
                        b = g[j].b;
                        j++;
                    }
                    break;
                }
                if (j < m && is1(s, &g[j], '.')) {
                    if (takes_period(c, part, b, j + 1 < m ? &g[j + 1] : NULL, ce)) {
                        b = g[j].b;
                        j++;
                    } else if (j + 1 < m && alnum_class(g[j + 1].w)
                               && in_list(extensions, s + g[j + 1].a, g[j + 1].b - g[j + 1].a)
                               && (j + 2 == m || !alnum_class(g[j + 2].w))) {
                        b = g[j + 1].b;         /* a file name: "v2.pdf" */
                        j += 2;
                    }
                    break;
                }
                if (j + 1 < m && g[j].b - g[j].a == 1 && alnum_class(g[j + 1].w)) {
                    uint8_t d = s[g[j].a];
                    const seg *r = &g[j + 1];
                    size_t np;
                    if (d == '-' && part == a && g[k].w == W_NUMERIC
                        && (np = phone(s, g, k, m)) > 0) {
                        b = g[k + np - 1].b;
                        j = k + np;
                        break;
                    }
                    if (d == '-' && j == k + 1 && b - a <= 2 && all_digits(s, a, b)
                        && month3(s, r->a, r->b) && j + 3 < m && is1(s, &g[j + 2], '-')
                        && all_digits(s, g[j + 3].a, g[j + 3].b)) {
                        b = g[j + 3].b;         /* 01-Feb-02 */
                        j += 4;
                        break;
                    }
                    if (d == '-' && g[j - 1].w != W_NUMERIC
                        && (in_list(prefixes, s + part, b - part)
                            || (b - part == 1 && (s[part] | 0x20) == 'e'
                                && in_list(ewords, s + r->a, r->b - r->a)))) {
                        part = r->a;
                        b = r->b;
                        j += 2;
                        continue;
                    }
                    if (d == ':' && j == k + 1 && b - a <= 2 && all_digits(s, a, b)
                        && r->b - r->a > 2 && all_digits(s, r->a, r->a + 2)
                        && (cl[s[r->a + 2]] & CL_LET)
                        && is_unit(s + r->a + 2, r->b - r->a - 2)) {
                        unit = r->a + 2;        /* "9:30pm": the time, then "pm" */
                        b = r->b;
                        j += 2;
                        break;
                    }
                    if (d == ':' && j == k + 1 && b - a <= 2 && all_digits(s, a, b)
                        && r->b - r->a == 2 && all_digits(s, r->a, r->b)) {
                        b = r->b;
                        j += 2;
                        /* seconds: "10:30:15" */
                        if (j + 1 < m && is1(s, &g[j], ':')
                            && g[j + 1].b - g[j + 1].a == 2
                            && all_digits(s, g[j + 1].a, g[j + 1].b)) {
                            b = g[j + 1].b;
                            j += 2;
                        }
                        break;
                    }
                    if (d == '/' && j == k + 1 && b - a <= 4 && all_digits(s, a, b)
                        && r->b - r->a <= 4 && all_digits(s, r->a, r->b)) {
                        if (j + 3 < m && is1(s, &g[j + 2], '/')
                            && all_digits(s, g[j + 3].a, g[j + 3].b)) {
                            b = g[j + 3].b;     /* 12/31/2024 */
                            j += 4;
                            break;
                        }
                        int x = numval(s, a, b), y = numval(s, r->a, r->b);
                        if (b - a <= 2 && r->b - r->a <= 2 && x >= 1 && x <= 12
                            && y >= 1 && y <= 31) {
                            b = r->b;           /* 9/11 */
                            j += 2;
                        }
                        break;
                    }
                    if (d == '&' && j == k + 1 && b - a <= 3 && all_upper(s, a, b)
                        && r->b - r->a <= 3 && all_upper(s, r->a, r->b)) {
                        b = r->b;               /* AT&T, R&D */
                        j += 2;
                        break;
                    }
                    if (d == '$' && j == k + 1 && b - a <= 3 && all_upper(s, a, b)
                        && r->w == W_NUMERIC) {
                        b = g[j].b;             /* US$, C$ */
                        j++;
                        break;
                    }
                }
                break;
            }
            if (j == k + 1) {
                if (g[k].mid && g[k].w == W_NUMERIC && bad_commas(s, a, b)) {
                    /* "11,2000": not a thousands separator */
                    size_t x = a;
                    for (size_t y = a; y <= b; y++)
                        if (y == b || s[y] == ',') {
                            if (emit(c, x, y, -1)
                                || (y < b && emit(c, y, y + 1, GALLEY_TK_PUNCT)))
                                return GALLEY_ENOMEM;
                            x = y + 1;
                        }
                } else if (emit_word(c, a, b))
                    return GALLEY_ENOMEM;
            } else if (unit) {
                if (emit(c, a, unit, GALLEY_TK_NUMBER) || emit(c, unit, b, GALLEY_TK_WORD))
                    return GALLEY_ENOMEM;
            } else if (emit(c, a, b, -1))
                return GALLEY_ENOMEM;
            k = j;
            continue;
        }
        uint8_t ch = s[a];
        int kind = -1;
        if (b - a == 1 && (ch == '.' || ch == '?' || ch == '!')) {
            /* "...", "?!", "!!!", ".?", "..?"; an ellipsis (three dots
               or more) stays apart from a following "?" or "!" */
            size_t dots = ch == '.';
            while (j < m && g[j].b - g[j].a == 1) {
                uint8_t d = s[g[j].a];
                if (d == '.')
                    dots++;
                else if ((d != '?' && d != '!') || dots >= 3)
                    break;
                j++;
            }
        } else if (b - a == 1 && run_char(ch) && j < m && is1(s, &g[j], ch)) {
            while (j < m && is1(s, &g[j], ch))
                j++;
            /* a rule drawn with both: "----==", "=---" */
            if (ch == '-' || ch == '=')
                while (j < m && (is1(s, &g[j], '-') || is1(s, &g[j], '=')))
                    j++;
        } else if (b - a == 1 && (ch == '-' || ch == '=') && j + 1 < m
                   && is1(s, &g[j], ch ^ ('-' ^ '=')) && is1(s, &g[j + 1], s[g[j].a])) {
            while (j < m && (is1(s, &g[j], '-') || is1(s, &g[j], '=')))
                j++;                            /* "=--", "-==" */
        } else if (is_apos(s, &g[k])) {
            if (k > 0 && j < m && clitic_tail(s, &g[j])
                && (j + 1 == m || !alnum_class(g[j + 1].w))) {
                j++;                            /* U.S.'s */
                kind = GALLEY_TK_WORD;
            } else if ((k == 0 || !alnum_class(g[k - 1].w)) && j < m
                       && g[j].w == W_NUMERIC
                       && ((g[j].b - g[j].a == 2 && all_digits(s, g[j].a, g[j].b))
                           || (g[j].b - g[j].a == 3 && all_digits(s, g[j].a, g[j].b - 1)
                               && s[g[j].b - 1] == 's'))) {
                j++;                            /* '90s */
                kind = GALLEY_TK_NUMBER;
            }
        } else if (b - a == 1 && (ch == '@' || ch == '#') && j < m
                   && alnum_class(g[j].w) && (k == 0 || !alnum_class(g[k - 1].w))
                   && (ch == '@' || g[j].w != W_NUMERIC)) {
            kind = ch == '@' ? GALLEY_TK_MENTION : GALLEY_TK_HASHTAG;
            j++;
        } else if ((ch == ':' || ch == ';' || ch == '=')
                   && (k == 0 || alnum_class(g[k - 1].w))) {
            /* a face at the start of a chunk or right after a word,
               "great:)", before its end or a stop */
            static const char *const faces[] = {
                ":-)", ":-(", ";-)", ":-D", ":-P", ":)", ":(", ";)", ":D",
                ":P", ":p", ":/", ";D", ";P", ";p", "=)", "=(", NULL
            };
            for (const char *const *f = faces; *f; f++) {
                size_t fl = strlen(*f), x = j;
                if (fl > ce - a || memcmp(*f, s + a, fl) != 0)
                    continue;
                while (x < m && g[x].b <= a + fl)
                    x++;
                if (g[x - 1].b == a + fl
                    && (x == m || (g[x].b - g[x].a == 1 && strchr(".,;!?", s[g[x].a])))) {
                    j = x;
                    kind = GALLEY_TK_SYMBOL;
                    break;
                }
            }
        }
        if (emit(c, a, g[j - 1].b, kind))
            return GALLEY_ENOMEM;
        k = j;
    }
    return GALLEY_OK;
}

static int push_seg(ctx *c, size_t a, size_t b, int w, int mid)
{
    if (c->ng == c->gcap) {
        size_t cap = c->gcap * 2;
        seg *g = c->g == c->gbuf ? malloc(cap * sizeof *g)
                                 : realloc(c->g, cap * sizeof *g);
        if (!g)
            return GALLEY_ENOMEM;
        if (c->g == c->gbuf)
            memcpy(g, c->gbuf, sizeof c->gbuf);
        c->g = g;
        c->gcap = cap;
    }
    seg *x = &c->g[c->ng++];
    x->a = (uint32_t)a;
    x->b = (uint32_t)b;
    x->w = (uint8_t)w;
    x->mid = (uint8_t)mid;
    return GALLEY_OK;
}

/* Segment [a, e) into c->g; libunistring decides when the scanner cannot
** (or always, with GALLEY_TOKEN_NOFAST). */
static int segment(ctx *c, size_t a, size_t e)
{
    const uint8_t *s = c->s;
    c->ng = 0;
    if (!(c->opts & GALLEY_TOKEN_NOFAST)) {
        size_t i = a, end;
        for (;;) {
            if (i >= e)
                return GALLEY_OK;
            int mid = 0;
            int w = next_seg(s, i, e, &end, &mid);
            if (w == W_HARD)
                break;
            if (push_seg(c, i, end, w, mid))
                return GALLEY_ENOMEM;
            i = end;
        }
        c->ng = 0;
    }
    size_t n = e - a;
    if (n > c->brkcap) {
        char *p = c->brk == c->brkbuf ? malloc(n) : realloc(c->brk, n);
        if (!p)
            return GALLEY_ENOMEM;
        c->brk = p;
        c->brkcap = n;
    }
    u8_wordbreaks(s + a, n, c->brk);
    size_t start = a;
    for (size_t i = a + 1; i <= e; i++) {
        if (i < e && !c->brk[i - a])
            continue;
        ucs4_t ch;
        dec(s, start, e, &ch);
        int w = wbclass(ch);
        if (w == W_HARD) {
            int p = uc_wordbreak_property(ch);
            w = (p == WBP_HL || p == WBP_KATAKANA) ? W_ALETTER : W_OTHER;
        }
        int mid = 0;
        if (alnum_class(w))
            for (size_t k = start + 1; k + 1 < i; k++)
                if (s[k] == '.' || s[k] == '\'' || s[k] == ':' || s[k] == ','
                    || s[k] == ';' || s[k] >= 0x80)
                    mid = 1;
        if (push_seg(c, start, i, w, mid))
            return GALLEY_ENOMEM;
        start = i;
    }
    return GALLEY_OK;
}

static int segment_rules(ctx *c, size_t a, size_t e)
{
    if (a >= e)
        return GALLEY_OK;
    if (segment(c, a, e))
        return GALLEY_ENOMEM;
    return rules(c, c->g, c->ng, e);
}

/* Case-insensitive ASCII prefix test. */
static int starts(const uint8_t *s, size_t i, size_t e, const char *p)
{
    size_t l = strlen(p);
    if (e - i < l)
        return 0;
    for (size_t k = 0; k < l; k++)
        if ((s[i + k] | ((cl[s[i + k]] & CL_UP) ? 0x20 : 0)) != (uint8_t)p[k])
            return 0;
    return 1;
}

static inline int url_byte(uint8_t b)
{
    return (cl[b] & (CL_LET | CL_DIG)) || (b != '"' && b != '<' && b != '>'
           && b != '\\' && b != '^' && b != '`' && b != '{' && b != '|'
           && b != '}' && b > 0x20 && b < 0x7f);
}

/* Length of a URL at 's[i]' (chunk end 'e'), 0 if none. Closing
** punctuation at its end stays out, as do brackets it did not open. */
static size_t url_at(const uint8_t *s, size_t i, size_t e)
{
    size_t j;
    uint8_t b0 = s[i] | 0x20;
    if (b0 != 'h' && b0 != 'f' && b0 != 'm' && b0 != 'w')
        return 0;
    if (starts(s, i, e, "http://")) j = i + 7;
    else if (starts(s, i, e, "https://")) j = i + 8;
    else if (starts(s, i, e, "ftp://")) j = i + 6;
    else if (starts(s, i, e, "mailto:")) j = i + 7;
    else if (starts(s, i, e, "www.") && i + 4 < e && (cl[s[i + 4]] & (CL_LET | CL_DIG)))
        j = i + 4;
    else
        return 0;
    size_t body = j;
    while (j < e) {
        if (s[j] < 0x80) {
            if (!url_byte(s[j]))
                break;
            j++;
        } else {
            ucs4_t ch;
            size_t l = dec(s, j, e, &ch);
            if (!uc_is_property_alphabetic(ch) && !uc_is_property_numeric(ch))
                break;
            j += l;
        }
    }
    int open = 0, sq = 0;
    for (size_t k = i; k < j; k++) {
        open += (s[k] == '(') - (s[k] == ')');
        sq += (s[k] == '[') - (s[k] == ']');
    }
    while (j > body) {
        uint8_t b = s[j - 1];
        if (b == '.' || b == ',' || b == ';' || b == ':' || b == '!' || b == '?'
            || b == '\'' || b == '"' || b == '*')
            j--;
        else if (b == ')' && open < 0) {
            j--;
            open++;
        } else if (b == ']' && sq < 0) {
            j--;
            sq++;
        } else
            break;
    }
    return j > body ? j - i : 0;
}

/* A bare domain with a path: "example.com/news". */
static size_t domain_path_at(const uint8_t *s, size_t i, size_t e)
{
    size_t j = i, dots = 0, label = 0, tld = 0;
    while (j < e && ((cl[s[j]] & (CL_LET | CL_DIG)) || s[j] == '-' || s[j] == '.')) {
        if (s[j] == '.') {
            if (label == 0)
                return 0;
            dots++;
            label = tld = 0;
        } else {
            label++;
            tld = (cl[s[j]] & CL_LET) ? tld + 1 : 100;
        }
        j++;
    }
    if (!dots || tld < 2 || tld > 6 || j >= e || s[j] != '/' || (cl[s[i]] & CL_DIG))
        return 0;
    size_t k = j;
    while (k < e && s[k] < 0x80 && url_byte(s[k]))
        k++;
    while (k > j + 1 && (s[k - 1] == '.' || s[k - 1] == ',' || s[k - 1] == ';'
                         || s[k - 1] == ':' || s[k - 1] == '!' || s[k - 1] == '?'
                         || s[k - 1] == ')' || s[k - 1] == '"' || s[k - 1] == '\''))
        k--;
    return k - i;
}

static inline int email_local(uint8_t b)
{
    return (cl[b] & (CL_LET | CL_DIG)) || b == '.' || b == '_' || b == '%'
           || b == '+' || b == '-';
}

/* Find an e-mail address around the '@' at 's[at]' within [p, e); on
** success sets [*a, *b) and returns 1. */
static int email_at(const uint8_t *s, size_t p, size_t at, size_t e,
                    size_t *a, size_t *b)
{
    size_t i = at;
    while (i > p && email_local(s[i - 1]))
        i--;
    while (i < at && !(cl[s[i]] & (CL_LET | CL_DIG)))
        i++;
    if (i == at)
        return 0;
    size_t j = at + 1, label = 0;
    while (j < e && ((cl[s[j]] & (CL_LET | CL_DIG)) || s[j] == '-' || s[j] == '.')) {
        if (s[j] == '.') {
            if (label == 0)
                break;
            label = 0;
        } else
            label++;
        j++;
    }
    while (j > at + 1 && (s[j - 1] == '.' || s[j - 1] == '-'))
        j--;
    size_t dot = 0, let = 0;
    for (size_t k = at + 1; k < j; k++) {
        if (s[k] == '.')
            dot = k;
        let |= cl[s[k]] & CL_LET;
    }
    if (!dot) {
        /* a host without a domain, as mail systems write it inside a
           company: "Warner@ENRON", "J.Lamb@HOUSTON"; the local part
           holds a letter */
        size_t k = i;
        while (k < at && !(cl[s[k]] & CL_LET))
            k++;
        if (k == at || !let || j - at - 1 < 2 || !(cl[s[at + 1]] & CL_LET))
            return 0;
    } else if (j - dot - 1 < 2 || !(cl[s[at + 1]] & (CL_LET | CL_DIG)))
        return 0;
    for (size_t k = dot + 1; dot && k < j; k++)
        if (!(cl[s[k]] & CL_LET))
            return 0;
    *a = i;
    *b = j;
    return 1;
}

/* Opening punctuation that may stand before a URL or an e-mail address. */
static size_t opener_len(const uint8_t *s, size_t i, size_t e)
{
    uint8_t b = s[i];
    if (b == '(' || b == '[' || b == '{' || b == '<' || b == '"' || b == '\'')
        return 1;
    if (b == 0xe2 && i + 2 < e && s[i + 1] == 0x80
        && (s[i + 2] == 0x9c || s[i + 2] == 0x98))
        return 3;                               /* “ ‘ */
    if (b == 0xc2 && i + 1 < e && (s[i + 1] == 0xab || s[i + 1] == 0xbf
                                   || s[i + 1] == 0xa1))
        return 2;                               /* « ¿ ¡ */
    return 0;
}

/* Tokenize the chunk [a, e) (no blanks inside); 'acc' is the union of the
** byte classes of its bytes. */
static int chunk(ctx *c, size_t a, size_t e, unsigned acc)
{
    const uint8_t *s = c->s;
    c->ascii = !(acc & CL_HI);
    c->apos = (acc & (CL_APOS | CL_HI)) != 0;
    if (!(acc & ~CL_LET) && !(c->opts & GALLEY_TOKEN_NOFAST))
        return emit_word(c, a, e);              /* letters only: one word */
    if (!(acc & (CL_AT | CL_SPEC))
        && !((acc & CL_PUN) && e - a > 4 && ((s[a] | 0x20) == 'w' || opener_len(s, a, e))))
        return segment_rules(c, a, e);
    /* URLs, bare domains with a path and e-mail addresses, after openers */
    size_t p = a;
    while (p < e) {
        size_t q = p, ol;
        while (q < e && (ol = opener_len(s, q, e)) > 0)
            q += ol;
        if (q >= e)
            break;
        size_t ul = url_at(s, q, e);
        if (!ul && (acc & CL_SPEC))
            ul = domain_path_at(s, q, e);
        if (ul) {
            if (segment_rules(c, p, q) || emit(c, q, q + ul, GALLEY_TK_URL))
                return GALLEY_ENOMEM;
            p = q + ul;
            continue;
        }
        if (acc & CL_AT) {
            const uint8_t *at = memchr(s + q, '@', e - q);
            size_t ea, eb;
            if (at && email_at(s, q, (size_t)(at - s), e, &ea, &eb)) {
                if (segment_rules(c, p, ea) || emit(c, ea, eb, GALLEY_TK_EMAIL))
                    return GALLEY_ENOMEM;
                p = eb;
                continue;
            }
        }
        break;
    }
    return segment_rules(c, p, e);
}


/* Length of an opening or closing mark at 's[i]' that stands as a token
** of its own next to a word: ASCII quotes and brackets, curly quotes,
** guillemets, inverted marks; 0 for anything else. */
static inline size_t mark_len(const uint8_t *s, size_t i, size_t e)
{
    uint8_t b = s[i];
    if (b == '(' || b == ')' || b == '[' || b == ']' || b == '"' || b == '\'')
        return 1;
    if (b == 0xe2 && i + 2 < e && s[i + 1] == 0x80
        && (s[i + 2] == 0x9c || s[i + 2] == 0x9d || s[i + 2] == 0x98 || s[i + 2] == 0x99))
        return 3;
    if (b == 0xc2 && i + 1 < e && (s[i + 1] == 0xab || s[i + 1] == 0xbb
                                   || s[i + 1] == 0xbf || s[i + 1] == 0xa1))
        return 2;
    return 0;
}

/* Tokenize the chunk [a, e) when it is one ASCII word with marks around
** it and commas or stops after it: "(AP)", "courts).", "\u201cWe",
** "longer,\u201d". The result is the one the rules give. Returns 0 (and
** emits nothing) when the chunk is not of that form. */
static int wrapped(ctx *c, size_t a, size_t e, int *rc)
{
    const uint8_t *s = c->s;
    size_t p = a, l;
    while (p < e && (l = mark_len(s, p, e)) > 0)
        p += l;
    size_t q = p;
    while (q < e && (cl[s[q]] & CL_LET))
        q++;
    if (q == p || is_multi(s + p, q - p) || (q < e && s[q] == '!' && q - p == 5))
        return 0;
    if (p > a && s[p - 1] == '\'' && q == e)
        return 0;                               /* 'Tis: an apostrophe to check */
    for (size_t r = q; r < e; r += l) {
        l = mark_len(s, r, e);
        if (!l && (cl[s[r]] & CL_TAIL) && s[r] != '"')
            l = 1;
        else if (!l && s[r] == '!')
            l = 1;
        if (!l)
            return 0;
    }
    if (q < e && s[q] == '.' && takes_period(c, p, q, NULL, e))
        return 0;
    if (q < e && (s[q] == '\'' || s[q] == 0xe2) && q + 1 < e)
        return 0;                               /* a possessive mark, then more */
    for (size_t x = a; x < p; x += l) {
        l = mark_len(s, x, e);
        if ((*rc = emit(c, x, x + l, GALLEY_TK_PUNCT)))
            return 1;
    }
    uint8_t first = cl[s[p]];
    unsigned rest = 0;
    for (size_t x = p + 1; x < q; x++)
        rest |= cl[s[x]];
    if ((*rc = emit_as(c, p, q, GALLEY_TK_WORD, word_flags(first, rest))))
        return 1;
    for (size_t x = q; x < e; x += l) {
        l = mark_len(s, x, e);
        if (!l) {
            l = 1;
            if (s[x] == '.' || s[x] == '?' || s[x] == '!') {
                size_t dots = s[x] == '.';
                while (x + l < e && (s[x + l] == '.' || s[x + l] == '?' || s[x + l] == '!')) {
                    if (s[x + l] == '.')
                        dots++;
                    else if (dots >= 3)
                        break;
                    l++;
                }
            }
        }
        if ((*rc = emit(c, x, x + l, GALLEY_TK_PUNCT)))
            return 1;
    }
    return 1;
}

/* Tokenize the chunk [a, e) when it is a word with apostrophes inside
** ("They're", "didn\u2019t", "O'Neill's"), or a number with single commas
** or periods inside ("74,183", "15.3"), perhaps after a dollar sign, perhaps
** with one comma or stop after it. The result is the one the rules give.
** Returns 0 (and emits nothing) when the chunk is not of that form. */
static int simple(ctx *c, size_t a, size_t e, int *rc)
{
    const uint8_t *s = c->s;
    size_t b = e;
    if ((cl[s[b - 1]] & CL_TAIL) || s[b - 1] == '!')
        b--;
    if (b <= a || !(cl[s[b - 1]] & (CL_LET | CL_DIG)))
        return 0;
    size_t x = a;
    int dollar = s[x] == '$';
    x += dollar;
    if (x >= b)
        return 0;
    int word = (cl[s[x]] & CL_LET) != 0;
    if (!word && !(cl[s[x]] & CL_DIG))
        return 0;
    int ascii = 1, mids = 0;
    for (size_t k = x; k < b; k++) {
        unsigned q = cl[s[k]];
        if (q & (word ? CL_LET : CL_DIG))
            continue;
        if (word && s[k] == '\'' && (cl[s[k + 1]] & CL_LET)) {
            mids++;
            continue;
        }
        if (word && s[k] == 0xe2 && k + 3 < b && s[k + 1] == 0x80 && s[k + 2] == 0x99
            && (cl[s[k + 3]] & CL_LET)) {
            ascii = 0;
            mids++;
            k += 2;
            continue;
        }
        if (!word && (s[k] == '.' || s[k] == ',') && (cl[s[k + 1]] & CL_DIG)) {
            mids++;
            continue;
        }
        return 0;
    }
    if ((word && (dollar || !mids)) || (!word && bad_commas(s, x, b)))
        return 0;
    if (word && b < e && s[b] == '!' && b - x == 5)
        return 0;
    if (dollar && (*rc = emit(c, a, a + 1, GALLEY_TK_SYMBOL)))
        return 1;
    if (word) {
        c->ascii = ascii;
        c->apos = 1;
        *rc = emit_word(c, x, b);
    } else
        *rc = emit(c, x, b, GALLEY_TK_NUMBER);
    if (*rc == GALLEY_OK && b < e)
        *rc = emit(c, b, e, GALLEY_TK_PUNCT);
    return 1;
}

/* Tokenize the chunk [a, e) when it is ASCII words joined by single
** hyphens ("well-known", "non-profit", "two-year-old"), perhaps with one
** comma or stop after them: split at each hyphen except after a prefix,
** as the rules do. Returns 0 (and emits nothing) when it is not of that
** form. */
static int hyphened(ctx *c, size_t a, size_t e, int *rc)
{
    const uint8_t *s = c->s;
    size_t b = e;
    if (cl[s[b - 1]] & CL_TAIL)
        b--;
    if (b <= a || !(cl[s[a]] & CL_LET) || !(cl[s[b - 1]] & CL_LET))
        return 0;
    size_t hyphens = 0, last = a;
    for (size_t k = a; k < b; k++) {
        if (cl[s[k]] & CL_LET)
            continue;
        if (s[k] != '-' || !(cl[s[k + 1]] & CL_LET))
            return 0;
        hyphens++;
        last = k + 1;
    }
    if (!hyphens || (b < e && s[b] == '.' && takes_period(c, last, b, NULL, e)))
        return 0;
    c->ascii = 1;
    c->apos = 0;
    size_t tok = a, part = a;
    for (size_t k = a; k <= b; k++) {
        if (k < b && s[k] != '-')
            continue;
        if (k < b) {
            size_t nx = k + 1, ne = nx;
            while (ne < b && s[ne] != '-')
                ne++;
            if (in_list(prefixes, s + part, k - part)
                || (k - part == 1 && (s[part] | 0x20) == 'e'
                    && in_list(ewords, s + nx, ne - nx))) {
                part = nx;                      /* "non-profit": one word */
                continue;
            }
        }
        *rc = tok == part ? emit_word(c, tok, k) : emit(c, tok, k, -1);
        if (*rc == GALLEY_OK && k < b)
            *rc = emit(c, k, k + 1, GALLEY_TK_PUNCT);
        if (*rc)
            return 1;
        tok = part = k + 1;
    }
    if (b < e)
        *rc = emit(c, b, e, GALLEY_TK_PUNCT);
    return 1;
}

/* Tokenize the chunk that starts at 's[a]' (not a blank), byte by byte;
** 'lines' is the number of line breaks before it. Returns its end. */
static size_t scalar_chunk(ctx *c, size_t a, unsigned lines, int *rc)
{
    const uint8_t *s = c->s;
    size_t len = c->n, i = a, n0 = c->out->n;
    /* 'first' is the class of the first byte, 'body' of the bytes between
       the first and the last, 'last' of the last */
    unsigned first = cl[s[a]], body = 0, last = first;
    for (i++; i < len; i++) {
        unsigned k2 = cl[s[i]];
        if (k2 & CL_STOP) {
            int nl;
            if ((k2 & CL_WS) || blank_len(s, i, len, &nl))
                break;
        }
        if (i > a + 1)
            body |= last;
        last = k2;
    }
    unsigned acc = first | body | last;
    size_t n = i - a;
    if (c->opts & GALLEY_TOKEN_NOFAST) {
        *rc = chunk(c, a, i, acc);             /* no shortcut at all */
    } else if (!(acc & ~CL_LET) && !is_multi(s + a, n)) {
        /* one ASCII word: the most common chunk */
        *rc = emit_as(c, a, i, GALLEY_TK_WORD, word_flags(first, body | (n > 1 ? last : 0)));
    } else if (n >= 2 && !((first | body) & ~CL_LET) && !is_multi(s + a, n - 1)
               && (last & CL_TAIL)) {
        if (s[i - 1] == '.' && takes_period(c, a, i - 1, NULL, i)) {
            *rc = emit(c, a, i, -1);            /* an abbreviation: "Inc." */
        } else {
            /* a word and its comma or stop */
            *rc = emit_as(c, a, i - 1, GALLEY_TK_WORD, word_flags(first, n > 2 ? body : 0));
            if (*rc == GALLEY_OK)
                *rc = emit_as(c, i - 1, i, GALLEY_TK_PUNCT, GALLEY_TF_ASCII | GALLEY_TF_PUNCT);
        }
    } else if (!((first | body | last) & ~CL_DIG)) {
        *rc = emit_as(c, a, i, GALLEY_TK_NUMBER, GALLEY_TF_ASCII | GALLEY_TF_DIGIT);
    } else if (n >= 2 && !((first | body) & ~CL_DIG) && (last & CL_TAIL)) {
        *rc = emit_as(c, a, i - 1, GALLEY_TK_NUMBER, GALLEY_TF_ASCII | GALLEY_TF_DIGIT);
        if (*rc == GALLEY_OK)
            *rc = emit_as(c, i - 1, i, GALLEY_TK_PUNCT, GALLEY_TF_ASCII | GALLEY_TF_PUNCT);
    } else if (!(acc & (CL_AT | CL_SPEC)) && n < 64 && simple(c, a, i, rc)) {
        /* done: a word with an apostrophe or a number with separators */
    } else if (!(acc & (CL_AT | CL_SPEC | CL_DIG | CL_HI)) && n < 64 && hyphened(c, a, i, rc)) {
        /* done: hyphenated words */
    } else if (!(acc & (CL_DIG | CL_AT | CL_SPEC)) && n < 64 && wrapped(c, a, i, rc)) {
        /* done: a word between quotes, brackets and stops */
    } else
        *rc = chunk(c, a, i, acc);
    galley_tokens *out = c->out;
    if (*rc == GALLEY_OK && out->n > n0) {
        galley_token *t = &out->t[n0];
        t->lines = (uint8_t)(lines > 255 ? 255 : lines);
        if (lines)
            t->flags |= GALLEY_TF_NL;
        if (i < len)
            out->t[out->n - 1].flags |= GALLEY_TF_SPACE;
    }
    return i;
}

/* Line breaks in the blank bytes [a, b) of 's', as the scalar path counts
** them. */
static unsigned count_lines(const uint8_t *s, size_t a, size_t b, size_t len)
{
    unsigned lines = 0;
    for (size_t i = a; i < b; i++)
        if (s[i] == '\n' || s[i] == '\v' || s[i] == '\f'
            || (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n')))
            lines++;
    return lines;
}

#if defined(__SSE2__)
/* Bit i of each mask tells about byte i of a 16-byte window: 'stop' a
** blank, control or non-ASCII byte, 'ws' an ASCII blank, 'sp' a space,
** 'let' an ASCII letter, 'up' a capital. */
typedef struct vmasks {
    unsigned stop, ws, sp, let, up;
} vmasks;

static inline void vclass(const uint8_t *p, vmasks *w)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i stop = _mm_cmplt_epi8(x, _mm_set1_epi8(0x21));  /* signed: also >= 0x80 */
    __m128i sp = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
    __m128i r9 = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - 9))),
                                _mm_set1_epi8((char)(-128 + 5)));
    __m128i t = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
                             _mm_set1_epi8((char)(0x80 - 'a')));
    __m128i let = _mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + 26)));
    __m128i up = _mm_and_si128(let, _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
    w->stop = (unsigned)_mm_movemask_epi8(stop);
    w->sp = (unsigned)_mm_movemask_epi8(sp);
    w->ws = w->sp | (unsigned)_mm_movemask_epi8(r9);
    w->let = (unsigned)_mm_movemask_epi8(let);
    w->up = (unsigned)_mm_movemask_epi8(up);
}

/* Tokenize the chunks at 's[i]' while they are short ASCII words, perhaps
** with a comma or a stop, each followed by a blank, from the sixteen bytes
** there (i + 16 <= len); chunks after the first in the window must follow
** a single space. Returns where to go on, or 0 when the first chunk is not
** of that form. */
static inline size_t fast16(ctx *c, size_t i, unsigned lines, int *rc)
{
    const uint8_t *s = c->s;
    vmasks w;
    vclass(s + i, &w);
    unsigned o = 0;
    size_t done = 0;
    unsigned nl = lines ? GALLEY_TF_NL : 0;     /* for the first chunk only */
    unsigned ln = lines > 255 ? 255 : lines;
    for (;;) {
        unsigned stop = w.stop >> o, let = w.let >> o, up = w.up >> o;
        unsigned n = (unsigned)__builtin_ctz(stop | (0x10000u >> o));
        if (n == 0 || o + n >= 16 || !((w.ws >> (o + n)) & 1))
            return done;
        unsigned m = (1u << n) - 1, m1 = m >> 1, lo = let & ~up;
        const uint8_t *p = s + i + o;
        if ((let & m) == m && !(multi_hint(p, n) && multi_find(p, n))) {
            unsigned f = GALLEY_TF_ASCII | GALLEY_TF_SPACE | nl;
            if (!(lo & m))
                f |= GALLEY_TF_UPPER;
            if ((up & 1) && !(up & m & ~1u))
                f |= GALLEY_TF_TITLE;
            *rc = emit_full(c, i + o, i + o + n, GALLEY_TK_WORD, f, ln);
        } else {
            uint8_t z = p[n - 1];
            int ab = 0;
            if (n >= 2 && (let & m1) == m1 && (cl[z] & CL_TAIL) && !is_multi(p, n - 1)
                && z == '.' && (ab = takes_period(c, i + o, i + o + n - 1, NULL, i + o + n))) {
                *rc = emit(c, i + o, i + o + n, -1);    /* an abbreviation: "Inc." */
                if (*rc == GALLEY_OK) {
                    galley_token *t = &c->out->t[c->out->n - 1];
                    t->flags |= (uint8_t)(GALLEY_TF_SPACE | nl);
                    t->lines = (uint8_t)ln;
                }
            } else if (n >= 2 && (let & m1) == m1 && (cl[z] & CL_TAIL) && !ab
                       && !is_multi(p, n - 1)) {
                unsigned f = GALLEY_TF_ASCII | nl;
                if (!(lo & m1))
                    f |= GALLEY_TF_UPPER;
                if ((up & 1) && !(up & m1 & ~1u))
                    f |= GALLEY_TF_TITLE;
                *rc = emit_full(c, i + o, i + o + n - 1, GALLEY_TK_WORD, f, ln);
                if (*rc == GALLEY_OK)
                    *rc = emit_full(c, i + o + n - 1, i + o + n, GALLEY_TK_PUNCT,
                                    GALLEY_TF_ASCII | GALLEY_TF_PUNCT | GALLEY_TF_SPACE
                                    | ((cl[z] & CL_END) ? GALLEY_TF_STOP : 0), 0);
            } else
                return done;
        }
        nl = ln = 0;
        o += n;
        done = i + o;
        /* one space and more text in the window: go on from there */
        if (*rc || !((w.sp >> o) & 1) || o + 1 >= 16 || ((w.stop >> (o + 1)) & 1))
            return done;
        o++;
        done = i + o;
    }
}
#endif

int galley_token_split_opt(const char *str, size_t len, galley_tokens *out,
                           unsigned opts)
{
    if (len > GALLEY_MAX_DOC)
        return GALLEY_ELIMIT;
    ctx c;
    c.s = (const uint8_t *)str;
    c.n = len;
    c.out = out;
    c.opts = opts;
    c.g = c.gbuf;
    c.ng = 0;
    c.gcap = sizeof c.gbuf / sizeof c.gbuf[0];
    c.brk = c.brkbuf;
    c.brkcap = sizeof c.brkbuf;
    c.ascii = c.apos = 1;
    c.n0 = out->n;
    if (!atomic_load_explicit(&abbr_built, memory_order_acquire))
        pthread_once(&abbr_once, lex_build);     /* maybe_multi reads the tables */
    const uint8_t *s = c.s;
    int rc = grow_tokens(out, len / 5 + 16);
    size_t i = 0;
    unsigned lines = 0;
    while (rc == GALLEY_OK && i < len) {
        unsigned k = cl[s[i]];
        if (k & CL_WS) {
            lines += count_lines(s, i, i + 1, len);
            i++;
            continue;
        }
        if (k & CL_HI) {
            int nl;
            size_t bl = blank_len(s, i, len, &nl);
            if (bl) {
                lines += (unsigned)nl;
                i += bl;
                continue;
            }
        }
        if (lines && out->n > c.n0)
            out->t[out->n - 1].xflags |= GALLEY_TX_EOL;
        if (!(opts & GALLEY_TOKEN_NOFAST) && s[i] == 0xe2 && i + 3 < len && s[i + 1] == 0x80
            && (s[i + 2] == 0x94 || s[i + 2] == 0x93) && s[i + 3] == ' ') {
            /* a dash between blanks */
            rc = emit_full(&c, i, i + 3, GALLEY_TK_PUNCT, GALLEY_TF_PUNCT | GALLEY_TF_SPACE
                           | (lines ? GALLEY_TF_NL : 0), lines > 255 ? 255 : lines);
            i += 4;
            lines = 0;
            continue;
        }
#if defined(__SSE2__)
        if (i + 16 <= len && !(opts & GALLEY_TOKEN_NOFAST)) {
            size_t e = fast16(&c, i, lines, &rc);
            if (e) {
                i = e;
                lines = 0;
                continue;
            }
        }
#endif
        i = scalar_chunk(&c, i, lines, &rc);
        lines = 0;
    }
    if (rc == GALLEY_OK && lines && out->n > c.n0)
        out->t[out->n - 1].xflags |= GALLEY_TX_EOL;
    if (c.g != c.gbuf)
        free(c.g);
    if (c.brk != c.brkbuf)
        free(c.brk);
    return rc;
}

int galley_token_split(const char *s, size_t len, galley_tokens *out)
{
    return galley_token_split_opt(s, len, out, 0);
}

void galley_tokens_free(galley_tokens *tk)
{
    free(tk->t);
    tk->t = NULL;
    tk->n = tk->cap = 0;
}

/* ===================================================================
** Attributes on demand
** =================================================================== */

static int is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* Append the result of a libunistring case mapping of 's' to 'out'. */
static int casemap(const char *s, size_t len, galley_buf *out, int fold)
{
    if (is_ascii(s, len)) {
        if (galley_buf_reserve(out, len))
            return GALLEY_ENOMEM;
        char *d = out->s + out->len;
        for (size_t i = 0; i < len; i++)
            d[i] = (char)((cl[(unsigned char)s[i]] & CL_UP) ? s[i] | 0x20 : s[i]);
        out->len += len;
        out->s[out->len] = '\0';
        return GALLEY_OK;
    }
    if (galley_buf_reserve(out, len + 16))
        return GALLEY_ENOMEM;
    size_t room = out->cap - out->len - 1;
    uint8_t *dst = (uint8_t *)out->s + out->len;
    size_t rl = room;
    uint8_t *r = fold
        ? u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFC, dst, &rl)
        : u8_tolower((const uint8_t *)s, len, NULL, UNINORM_NFC, dst, &rl);
    if (!r)
        return GALLEY_ENOMEM;
    if (r != dst) {             /* did not fit: libunistring allocated */
        int rc = galley_buf_add(out, (const char *)r, rl);
        free(r);
        return rc;
    }
    out->len += rl;
    out->s[out->len] = '\0';
    return GALLEY_OK;
}

int galley_casefold(const char *s, size_t len, galley_buf *out)
{
    return casemap(s, len, out, 1);
}

#define FNV64_BASIS 1469598103934665603ull
#define FNV64_PRIME 1099511628211ull

uint64_t galley_fold_hash(const char *s, size_t n)
{
    uint64_t h = FNV64_BASIS;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV64_PRIME;
    return h;
}

/* Append the folded form of token text 'p' ('n' bytes) to 'b'; its hash
** to '*h'. ASCII is lowered and hashed in one pass. */
static int fold_one(const char *p, size_t n, galley_buf *b, uint64_t *h)
{
    if (b->cap - b->len <= n && galley_buf_reserve(b, n))
        return GALLEY_ENOMEM;
    char *d = b->s + b->len;
    uint64_t hh = FNV64_BASIS;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x80) {
            size_t at = b->len;
            if (galley_casefold(p, n, b))
                return GALLEY_ENOMEM;
            *h = galley_fold_hash(b->s + at, b->len - at);
            return GALLEY_OK;
        }
        c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        d[i] = (char)c;
        hh = (hh ^ c) * FNV64_PRIME;
    }
    b->len += n;
    b->s[b->len] = '\0';
    *h = hh;
    return GALLEY_OK;
}

int galley_token_fold(const char *s, const galley_tokens *tk, galley_folds *out)
{
    out->n = 0;
    out->chars.len = 0;
    if (tk->n > out->cap) {
        size_t cap = out->cap ? out->cap : 256;
        while (cap < tk->n)
            cap *= 2;
        uint32_t *off = realloc(out->off, cap * sizeof *off);
        if (!off)
            return GALLEY_ENOMEM;
        out->off = off;
        uint32_t *len = realloc(out->len, cap * sizeof *len);
        if (!len)
            return GALLEY_ENOMEM;
        out->len = len;
        uint64_t *hash = realloc(out->hash, cap * sizeof *hash);
        if (!hash)
            return GALLEY_ENOMEM;
        out->hash = hash;
        out->cap = cap;
    }
    /* room for the text the tokens cover, which ASCII fills exactly */
    if (tk->n && galley_buf_reserve(&out->chars, tk->t[tk->n - 1].end - tk->t[0].start))
        return GALLEY_ENOMEM;
    for (size_t i = 0; i < tk->n; i++) {
        const galley_token *t = &tk->t[i];
        size_t at = out->chars.len;
        if (at > UINT32_MAX || fold_one(s + t->start, t->end - t->start, &out->chars, &out->hash[i]))
            return GALLEY_ENOMEM;
        out->off[i] = (uint32_t)at;
        out->len[i] = (uint32_t)(out->chars.len - at);
    }
    out->n = tk->n;
    return GALLEY_OK;
}

void galley_folds_free(galley_folds *f)
{
    galley_buf_free(&f->chars);
    free(f->off);
    free(f->len);
    free(f->hash);
    memset(f, 0, sizeof *f);
}

int galley_lower(const char *s, size_t len, galley_buf *out)
{
    return casemap(s, len, out, 0);
}

int galley_shape(const char *str, size_t len, galley_buf *out)
{
    const uint8_t *s = (const uint8_t *)str;
    char last = 0;
    int run = 0;
    size_t i = 0;
    while (i < len) {
        ucs4_t c;
        size_t l = dec(s, i, len, &c);
        char sh = 0;
        if (c < 0x80) {
            unsigned k = cl[c];
            sh = (k & CL_UP) ? 'X' : (k & CL_LO) ? 'x' : (k & CL_DIG) ? 'd' : 0;
        } else if (uc_is_property_alphabetic(c)) {
            sh = uc_is_property_uppercase(c) ? 'X' : 'x';
        } else if (uc_is_general_category(c, UC_DECIMAL_DIGIT_NUMBER)) {
            sh = 'd';
        }
        if (sh) {
            run = sh == last ? run + 1 : 1;
            last = sh;
            if (run <= 4 && galley_buf_addc(out, sh))
                return GALLEY_ENOMEM;
        } else {
            last = 0;
            run = 0;
            if (galley_buf_add(out, (const char *)s + i, l))
                return GALLEY_ENOMEM;
        }
        i += l;
    }
    if (!out->s && galley_buf_reserve(out, 0))
        return GALLEY_ENOMEM;
    return GALLEY_OK;
}

int galley_token_shape(const char *s, const galley_token *t, galley_buf *out)
{
    return galley_shape(s + t->start, t->end - t->start, out);
}
