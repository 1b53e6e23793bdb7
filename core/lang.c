/*
** lang.c: stop words and language guess (see lang.h).
**
** Source of the word lists: written for galley, by hand, from the closed
** word classes of each language (articles and determiners, pronouns,
** prepositions and their contractions, conjunctions, the forms of the
** auxiliary verbs, and a few very common adverbs), grouped by class below.
** They are meant for keyword scoring and the language guess, not as a
** complete grammar. English also lists the clitics the tokenizer splits off
** ("n't", "'s"). All lists are lower case, as case-folded words are.
**
** The lists go into one hash table (word -> set of languages) that is
** built once, at the first call, under pthread_once.
*/
#include "lang.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <stdlib.h>

static const char *const en_words[] = {
    /* articles, determiners, quantifiers */
    "a an the this that these those some any each every either neither no "
    "all both few many much more most other another such own same several",
    /* pronouns */
    "i me my mine myself we us our ours ourselves you your yours yourself "
    "yourselves he him his himself she her hers herself it its itself they "
    "them their theirs themselves who whom whose which what whatever "
    "whoever whichever one",
    /* prepositions */
    "about above across after against along among around at before behind "
    "below beneath beside besides between beyond by despite down during "
    "except for from in inside into like near of off on onto out outside "
    "over past per since through throughout till to toward towards under "
    "underneath until up upon via with within without amid",
    /* conjunctions */
    "and but or nor so yet if than because although though while whereas "
    "unless whether as once",
    /* auxiliary and modal verbs */
    "am is are was were be been being have has had having do does did doing "
    "will would shall should can could may might must ought cannot",
    /* adverbs */
    "not very too also just only again further here there where when why how "
    "now then ever never always still already even else",
    /* clitics as the tokenizer splits them */
    "n't 's 're 've 'll 'd 'm",
    NULL
};

static const char *const es_words[] = {
    /* articles, contractions, determiners */
    "el la lo los las un una unos unas al del este esta esto estos estas ese "
    "esa eso esos esas aquel aquella aquello aquellos aquellas cada todo toda "
    "todos todas otro otra otros otras mismo misma mismos mismas algún alguno "
    "alguna algunos algunas ningún ninguno ninguna mucho mucha muchos muchas "
    "poco poca pocos pocas tanto tanta tantos tantas varios varias",
    /* pronouns and possessives */
    "yo tú él ella ello nosotros nosotras vosotros vosotras ellos ellas "
    "usted ustedes me te se nos os le les mí ti sí mi mis tu tus su sus "
    "nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras "
    "suyo suya suyos suyas quien quienes cual cuales cuyo cuya cuyos cuyas "
    "qué quién quiénes cuál cuáles algo alguien nada nadie",
    /* prepositions */
    "a ante bajo con contra de desde durante en entre hacia hasta mediante "
    "para por según sin sobre tras",
    /* conjunctions */
    "y e o u ni pero sino que como cuando donde mientras porque pues si "
    "aunque",
    /* forms of ser, estar, haber */
    "es son era eran fue fueron ser sido siendo soy eres somos sea sean será "
    "serán sería serían está están estaba estaban estado estar estoy estamos "
    "esté ha han había habían he hemos has haber habido hay haya",
    /* adverbs */
    "no sí muy más menos ya también tan aquí allí así entonces solo sólo "
    "después antes donde cómo dónde cuándo",
    NULL
};

static const char *const fr_words[] = {
    /* articles, contractions, determiners (elided forms without the apostrophe) */
    "le la les l un une des du au aux ce cet cette ces mon ma mes ton ta tes "
    "son sa ses notre nos votre vos leur leurs quel quelle quels quelles "
    "tout toute tous toutes autre autres même mêmes chaque plusieurs",
    /* pronouns */
    "je j tu il elle on nous vous ils elles me m te t se s lui moi toi soi "
    "eux y en qui que qu quoi dont où cela ça ceci celui celle ceux celles c",
    /* prepositions */
    "à de d dans par pour sur sous avec sans entre chez vers contre depuis "
    "pendant avant après selon",
    /* conjunctions */
    "et ou mais donc or ni car si comme quand lorsque puisque",
    /* forms of être, avoir, faire */
    "est sont était étaient été être suis es sommes êtes sera seront serait "
    "a ai as avons avez ont avait avaient eu avoir aura fait",
    /* adverbs */
    "ne n pas plus moins très aussi bien déjà encore",
    NULL
};

static const char *const de_words[] = {
    /* articles and determiners */
    "der die das den dem des ein eine einen einem einer eines kein keine "
    "keinen keinem keiner dieser diese dieses diesen diesem jeder jede jedes "
    "jeden jedem alle alles allen mein meine meinen dein deine sein seine "
    "seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere euer eure",
    /* pronouns */
    "ich du er sie es wir mich dich sich uns euch mir dir ihm ihn ihnen man "
    "was wer wen wem wessen welche welcher welches",
    /* prepositions and their contractions */
    "in im ins an am ans auf aus bei beim mit nach von vom zu zum zur über "
    "unter vor hinter neben zwischen durch für gegen ohne um bis seit "
    "während wegen trotz",
    /* conjunctions */
    "und oder aber denn sondern doch dass daß wenn weil ob als wie wo",
    /* forms of sein, haben, werden and the modal verbs */
    "ist sind war waren bin bist seid gewesen hat haben hatte hatten habe "
    "hast wird werden wurde wurden worden kann können konnte konnten muss "
    "müssen musste soll sollen sollte will wollen wollte",
    /* adverbs */
    "nicht auch noch schon nur sehr so dann da hier dort jetzt immer",
    NULL
};

static const char *const pt_words[] = {
    /* articles, contractions, determiners */
    "o a os as um uma uns umas ao aos à às do da dos das no na nos nas num "
    "numa pelo pela pelos pelas este esta isto estes estas esse essa isso "
    "esses essas aquele aquela aquilo aqueles aquelas todo toda todos todas "
    "outro outra outros outras mesmo mesma cada muito muita muitos muitas",
    /* pronouns and possessives */
    "eu tu ele ela nós vós eles elas você vocês me te se lhe lhes vos meu "
    "minha meus minhas teu tua seu sua seus suas nosso nossa nossos nossas "
    "qual quais quem cujo cuja",
    /* prepositions */
    "de em por para com sem sobre entre até desde contra após",
    /* conjunctions */
    "e ou mas nem que como quando onde porque pois embora",
    /* forms of ser, estar, ter, haver */
    "é são era eram foi foram ser sido sou somos está estão estava estavam "
    "estar estou tem têm tinha tinham ter há houve",
    /* adverbs */
    "não sim também já mais menos",
    NULL
};

static const char *const it_words[] = {
    /* articles, contracted prepositions, determiners (elided forms
       without the apostrophe) */
    "il lo la i gli le un uno una l dell all nell sull dall del dello della "
    "dei degli delle al allo alla ai agli alle dal dallo dalla dai dagli "
    "dalle nel nello nella nei negli nelle sul sullo sulla sui sugli sulle "
    "questo questa questi queste quello quella quelli quelle tutto tutta "
    "tutti tutte altro altra altri altre ogni",
    /* pronouns and possessives */
    "io tu lui lei noi voi loro mi ti si ci vi ne mio mia miei mie tuo tua "
    "tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro vostra "
    "chi cui quale quali",
    /* prepositions */
    "di a da in con su per tra fra",
    /* conjunctions */
    "e ed o ma né che se come quando dove perché anche però",
    /* forms of essere and avere */
    "è sono era erano fu furono essere stato stata stati state ho hai ha "
    "abbiamo avete hanno aveva avevano avere",
    /* adverbs */
    "non più meno molto molta molti molte già",
    NULL
};

static const char *const *const lists[GALLEY_LANG_N] = {
    en_words, es_words, fr_words, de_words, pt_words, it_words
};

static const char *const codes[GALLEY_LANG_N] = {
    "en", "es", "fr", "de", "pt", "it"
};
static const char *const names[GALLEY_LANG_N] = {
    "english", "spanish", "french", "german", "portuguese", "italian"
};

/* Longest stop word, in bytes. */
#define WORD_MAX 24
/* Hash table slots (a power of two, at least twice the number of words). */
#define SLOTS 4096

typedef struct slot {
    const char *w;      /* into the lists; not NUL-terminated */
    uint8_t len;
    uint8_t langs;      /* bit per language */
} slot;

static slot table[SLOTS];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint32_t hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)w[i]) * 16777619u;
    return h;
}

static void add(const char *w, size_t n, int lang)
{
    uint32_t i = hash(w, n) & (SLOTS - 1);
    while (table[i].w && !(table[i].len == n && memcmp(table[i].w, w, n) == 0))
        i = (i + 1) & (SLOTS - 1);
    table[i].w = w;
    table[i].len = (uint8_t)n;
    table[i].langs |= (uint8_t)(1u << lang);
}

static void build(void)
{
    for (int lang = 0; lang < GALLEY_LANG_N; lang++)
        for (const char *const *p = lists[lang]; *p; p++) {
            const char *s = *p;
            while (*s) {
                while (*s == ' ')
                    s++;
                const char *e = s;
                while (*e && *e != ' ')
                    e++;
                if (e > s && e - s <= WORD_MAX)
                    add(s, (size_t)(e - s), lang);
                s = e;
            }
        }
}

static unsigned lookup(const char *w, size_t n)
{
    uint32_t i = hash(w, n) & (SLOTS - 1);
    while (table[i].w) {
        if (table[i].len == n && memcmp(table[i].w, w, n) == 0)
            return table[i].langs;
        i = (i + 1) & (SLOTS - 1);
    }
    return 0;
}

/* Case-fold 'w' into 'buf' (room for WORD_MAX bytes), turning the curly
** apostrophe into the straight one; returns the length, 0 when too long. */
static size_t fold(const char *w, size_t n, char *buf)
{
    if (n == 0 || n > 3 * WORD_MAX)
        return 0;
    size_t len = 0, i = 0;
    int ascii = 1;
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)w[k] >= 0x80)
            ascii = 0;
    if (ascii) {
        if (n > WORD_MAX)
            return 0;
        for (; i < n; i++)
            buf[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
        return n;
    }
    uint8_t tmp[3 * WORD_MAX + 8];
    size_t tl = sizeof tmp;
    uint8_t *r = u8_casefold((const uint8_t *)w, n, NULL, UNINORM_NFC, tmp, &tl);
    if (!r)
        return 0;
    if (r != tmp) {
        free(r);
        return 0;
    }
    for (i = 0; i < tl; i++) {
        if (len >= WORD_MAX)
            return 0;
        if (tmp[i] == 0xe2 && i + 2 < tl && tmp[i + 1] == 0x80 && tmp[i + 2] == 0x99) {
            buf[len++] = '\'';
            i += 2;
        } else {
            buf[len++] = (char)tmp[i];
        }
    }
    return len;
}

int galley_lang_index(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < GALLEY_LANG_N; i++) {
        size_t k = 0;
        const char *c = strlen(name) == 2 ? codes[i] : names[i];
        while (name[k] && c[k] && (name[k] | 0x20) == c[k])
            k++;
        if (!name[k] && !c[k])
            return i;
    }
    return -1;
}

const char *galley_lang_code(int lang)
{
    return lang >= 0 && lang < GALLEY_LANG_N ? codes[lang] : NULL;
}

const char *galley_lang_english(int lang)
{
    return lang >= 0 && lang < GALLEY_LANG_N ? names[lang] : NULL;
}

unsigned galley_stop_langs(const char *w, size_t n)
{
    char buf[WORD_MAX];
    size_t len = fold(w, n, buf);
    if (!len)
        return 0;
    pthread_once(&table_once, build);
    return lookup(buf, len);
}

int galley_stop_is(int lang, const char *w, size_t n)
{
    if (lang < 0 || lang >= GALLEY_LANG_N)
        return 0;
    return (galley_stop_langs(w, n) >> lang) & 1;
}

/* 1 when the byte at 's[i]' starts a character that separates words in the
** guess: ASCII non-letters, and the Latin-1 and General Punctuation marks. */
static size_t sep_len(const unsigned char *s, size_t i, size_t len)
{
    unsigned char b = s[i];
    if (b < 0x80)
        return ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ? 0 : 1;
    if (b == 0xc2 && i + 1 < len && s[i + 1] < 0xc0)
        return 2;                               /* U+0080-00BF */
    if (b == 0xe2 && i + 2 < len && s[i + 1] == 0x80)
        return 3;                               /* U+2000-203F */
    return 0;
}

int galley_lang_guess(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    double score[GALLEY_LANG_N] = {0};
    size_t i = 0, words = 0;
    pthread_once(&table_once, build);
    while (i < len && words < GALLEY_LANG_GUESS_WORDS) {
        size_t l = sep_len(s, i, len);
        if (l) {
            i += l;
            continue;
        }
        size_t a = i;
        while (i < len && !sep_len(s, i, len))
            i++;
        words++;
        char buf[WORD_MAX];
        size_t fl = fold(str + a, i - a, buf);
        unsigned m = fl ? lookup(buf, fl) : 0;
        if (!m)
            continue;
        int k = __builtin_popcount(m);
        for (int lang = 0; lang < GALLEY_LANG_N; lang++)
            if (m & (1u << lang))
                score[lang] += 1.0 / k;
    }
    int best = -1;
    for (int lang = 0; lang < GALLEY_LANG_N; lang++)
        if (score[lang] > 0 && (best < 0 || score[lang] > score[best]))
            best = lang;
    return best;
}
