/*
** l_rank.c: galley.rank, the ranking primitives of rank.h in Lua.
**   rank.sentences(doc [, opts])   a "galley.Graph" of the document's
**                                  sentences (similarity matrix)
**   rank.keyphrases([opts])        a "galley.Keyphraser"; kp:extract(doc [, n])
**   rank.idf(df, docs)             a "galley.Idf" from document frequencies
**   rank.terms(doc [, opts])       the distinct content stems of a document
**   rank.words(doc)                its numbers of word tokens and sentences
**   rank.pagerank(w [, prior [, damping]])   PageRank of a Lua matrix
** One galley_ranker per Lua state (registry "galley.ranker") holds the
** vocabulary and the last document loaded; a document is loaded once for
** every call made on it in a row. What a summary or a keyword list is, is
** decided in Lua (scripts/lib/summarize.lua, keywords.lua).
*/
#include "galley.h"
#include "l_doc.h"
#include "l_galley.h"
#include "l_rank.h"
#include "lang.h"
#include "rank.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RANKER_MT "galley.Ranker"
#define GRAPH_MT "galley.Graph"
#define IDF_MT "galley.Idf"
#define KP_MT "galley.Keyphraser"
#define RANKER_KEY "galley.ranker"
#define LAST_KEY "galley.ranker.doc"

typedef struct lranker {
    galley_ranker *r;
    int lang;                   /* language asked for the last document */
} lranker;

typedef struct lgraph {
    double *sim;                /* n x n */
    size_t n;
    int kind;                   /* GALLEY_SIM_* */
    int lang;
} lgraph;

typedef struct lidf {
    galley_idf *f;
    lua_Integer docs;
} lidf;

typedef struct lkp {
    galley_kp_opts o;
    uint32_t *stop;
    int lang;
} lkp;

static const char *const sim_names[] = {"cosine", "overlap", "bm25", NULL};
static const char *const kp_names[] = {"textrank", "yake", "tfidf", NULL};

static void nomem(lua_State *L)
{
    luaL_error(L, "not enough memory");
}

/* ------------------------------------------------------------------ */
/* The state's ranker and loading documents                            */
/* ------------------------------------------------------------------ */

static int ranker_gc(lua_State *L)
{
    lranker *lr = luaL_checkudata(L, 1, RANKER_MT);
    galley_ranker_free(lr->r);
    lr->r = NULL;
    return 0;
}

static lranker *state_ranker(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, RANKER_KEY) == LUA_TUSERDATA) {
        lranker *lr = lua_touserdata(L, -1);
        lua_pop(L, 1);
        return lr;
    }
    lua_pop(L, 1);
    lranker *lr = lua_newuserdatauv(L, sizeof *lr, 0);
    lr->r = NULL;
    lr->lang = -1;
    luaL_setmetatable(L, RANKER_MT);
    if (galley_ranker_new(&lr->r))
        nomem(L);
    lua_setfield(L, LUA_REGISTRYINDEX, RANKER_KEY);
    return lr;
}

/* The language index of option 'lang' of the table at 'opts' (-1: none). */
static int opt_lang(lua_State *L, int opts)
{
    int lang = -1;
    if (opts && lua_istable(L, opts)) {
        if (lua_getfield(L, opts, "lang") != LUA_TNIL) {
            const char *code = lua_tostring(L, -1);
            lang = code ? galley_lang_index(code) : -1;
            if (lang < 0)
                luaL_error(L, "unknown language '%s' (galley knows en es fr de pt it)",
                           code ? code : luaL_typename(L, -1));
        }
        lua_pop(L, 1);
    }
    return lang;
}

/* Load the Doc at 'docidx' into the state's ranker, unless it is the
** document loaded last (with the same language). 'lang' -1: the document's
** meta "lang", else a guess from its stop words. */
static galley_ranker *load(lua_State *L, int docidx, int lang)
{
    docidx = lua_absindex(L, docidx);
    const galley_doc *doc = galley_l_checkfolded(L, docidx);
    lranker *lr = state_ranker(L);
    lua_getfield(L, LUA_REGISTRYINDEX, LAST_KEY);
    int same = lua_rawequal(L, -1, docidx) && lr->lang == lang;
    lua_pop(L, 1);
    if (same)
        return lr->r;
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LAST_KEY);
    int use = lang;
    if (use < 0) {
        galley_val *m = galley_val_get(&doc->meta, "lang");
        if (m && m->type == GALLEY_STR)
            use = galley_lang_index(m->u.str.s);
    }
    if (galley_ranker_load_folded(lr->r, doc->text, doc->len, &doc->tokens, &doc->folds,
                                  &doc->sents, use))
        nomem(L);
    lr->lang = lang;
    lua_pushvalue(L, docidx);
    lua_setfield(L, LUA_REGISTRYINDEX, LAST_KEY);
    return lr->r;
}

/* A list of 'n' numbers from 'v'. */
static void push_numbers(lua_State *L, const double *v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* 'n' numbers from the list at 'idx' into 'out' (missing ones are 0). */
static void get_numbers(lua_State *L, int idx, double *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        out[i] = lua_tonumber(L, -1);
        lua_pop(L, 1);
    }
}

/* A scratch array of 'n' doubles that Lua frees (a userdata left on the stack). */
static double *scratch(lua_State *L, size_t n)
{
    if (n > SIZE_MAX / sizeof(double))
        nomem(L);
    return lua_newuserdatauv(L, (n ? n : 1) * sizeof(double), 0);
}

static lidf *opt_idf(lua_State *L, int opts)
{
    lidf *f = NULL;
    if (opts && lua_istable(L, opts)) {
        if (lua_getfield(L, opts, "idf") != LUA_TNIL)
            f = luaL_testudata(L, -1, IDF_MT);
        if (!f && !lua_isnil(L, -1))
            luaL_error(L, "option 'idf' must be a galley.Idf (from galley.rank.idf)");
        lua_pop(L, 1);
    }
    return f;
}

/* ------------------------------------------------------------------ */
/* Graphs of sentences                                                 */
/* ------------------------------------------------------------------ */

static lgraph *checkgraph(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, GRAPH_MT);
}

/* The idf of graph 'idx' (its user value 2), or NULL. */
static const galley_idf *graph_idf(lua_State *L, int idx)
{
    lua_getiuservalue(L, idx, 2);
    lidf *f = luaL_testudata(L, -1, IDF_MT);
    lua_pop(L, 1);
    return f ? f->f : NULL;
}

/* rank.sentences(doc [, {similarity=, idf=, lang=}]) */
static int rank_sentences(lua_State *L)
{
    int has = !lua_isnoneornil(L, 2);
    if (has)
        luaL_checktype(L, 2, LUA_TTABLE);
    int kind = GALLEY_SIM_COSINE;
    if (has && lua_getfield(L, 2, "similarity") != LUA_TNIL) {
        const char *name = lua_tostring(L, -1);
        kind = -1;
        for (int i = 0; name && sim_names[i]; i++)
            if (strcmp(name, sim_names[i]) == 0)
                kind = i;
        if (kind < 0)
            return luaL_error(L, "unknown similarity '%s' (cosine, overlap or bm25)",
                              name ? name : luaL_typename(L, -1));
    }
    if (has)
        lua_pop(L, 1);
    int lang = opt_lang(L, has ? 2 : 0);
    lidf *f = opt_idf(L, has ? 2 : 0);
    galley_ranker *r = load(L, 1, lang);
    size_t n = galley_ranker_nsent(r);
    lgraph *g = lua_newuserdatauv(L, sizeof *g, 2);
    g->sim = NULL;
    g->n = 0;
    g->kind = kind;
    g->lang = lang;
    luaL_setmetatable(L, GRAPH_MT);     /* empty first: __gc is safe */
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    if (f) {
        lua_getfield(L, 2, "idf");
        lua_setiuservalue(L, -2, 2);
    }
    g->sim = malloc((n ? n * n : 1) * sizeof *g->sim);
    if (!g->sim)
        nomem(L);
    g->n = n;
    galley_ranker_similarity(r, kind, f ? f->f : NULL, g->sim);
    return 1;
}

static int graph_gc(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    free(g->sim);
    g->sim = NULL;
    g->n = 0;
    return 0;
}

static int graph_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)checkgraph(L, 1)->n);
    return 1;
}

static int graph_tostring(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    lua_pushfstring(L, "galley.Graph (%d sentences, %s)", (int)g->n, sim_names[g->kind]);
    return 1;
}

/* Sentence number 'arg' (1-based) of graph 'g', as a 0-based index. */
static size_t sent_arg(lua_State *L, const lgraph *g, int arg)
{
    lua_Integer i = luaL_checkinteger(L, arg);
    luaL_argcheck(L, i >= 1 && (size_t)i <= g->n, arg, "no such sentence");
    return (size_t)(i - 1);
}

/* g:similarity(i, j) */
static int graph_similarity(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    size_t i = sent_arg(L, g, 2), j = sent_arg(L, g, 3);
    lua_pushnumber(L, g->sim[i * g->n + j]);
    return 1;
}

/* g:lengths(): content words of each sentence */
static int graph_lengths(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    lua_getiuservalue(L, 1, 1);
    galley_ranker *r = load(L, -1, g->lang);
    lua_createtable(L, (int)g->n, 0);
    for (size_t i = 0; i < g->n; i++) {
        lua_pushinteger(L, (lua_Integer)galley_ranker_sentlen(r, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* g:features(): lists of what each sentence holds: content, words,
** numbers, names, quotes, list (see galley_sentinfo in rank.h) */
static int graph_features(lua_State *L)
{
    static const char *const names[] = {"content", "words", "numbers", "names", "quotes", "list"};
    lgraph *g = checkgraph(L, 1);
    lua_getiuservalue(L, 1, 1);
    galley_ranker *r = load(L, -1, g->lang);
    lua_createtable(L, 0, 6);
    int t = lua_gettop(L);
    for (int f = 0; f < 6; f++)
        lua_createtable(L, (int)g->n, 0);
    for (size_t i = 0; i < g->n; i++) {
        galley_sentinfo si;
        galley_ranker_sentinfo(r, i, &si);
        uint32_t v[6] = {si.content, si.words, si.numbers, si.names, si.quotes, si.list};
        for (int f = 0; f < 6; f++) {
            lua_pushinteger(L, v[f]);
            lua_rawseti(L, t + 1 + f, (lua_Integer)i + 1);
        }
    }
    for (int f = 5; f >= 0; f--)
        lua_setfield(L, t, names[f]);
    return 1;
}

/* g:query(text): cosine of 'text' with each sentence */
static int graph_query(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    size_t qn;
    const char *q = luaL_checklstring(L, 2, &qn);
    const galley_idf *f = graph_idf(L, 1);
    lua_getiuservalue(L, 1, 1);
    galley_ranker *r = load(L, -1, g->lang);
    double *out = scratch(L, g->n);
    if (galley_ranker_query(r, q, qn, f, out))
        nomem(L);
    push_numbers(L, out, g->n);
    return 1;
}

/* g:pagerank([prior [, damping]]) */
static int graph_pagerank(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    int has_prior = !lua_isnoneornil(L, 2);
    if (has_prior)
        luaL_checktype(L, 2, LUA_TTABLE);
    double d = luaL_optnumber(L, 3, 0.85);
    luaL_argcheck(L, d >= 0 && d < 1, 3, "damping must be in [0, 1)");
    double *prior = NULL, *out = scratch(L, g->n);
    if (has_prior) {
        prior = scratch(L, g->n);
        get_numbers(L, 2, prior, g->n);
    }
    if (galley_pagerank(g->sim, g->n, prior, d, 1e-6, 100, out) == GALLEY_ENOMEM)
        nomem(L);
    push_numbers(L, out, g->n);
    return 1;
}

/* g:degree([threshold]): how many sentences each is similar to, over 'threshold' */
static int graph_degree(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    double t = luaL_optnumber(L, 2, 0.1);
    lua_createtable(L, (int)g->n, 0);
    for (size_t i = 0; i < g->n; i++) {
        lua_Integer deg = 0;
        for (size_t j = 0; j < g->n; j++)
            deg += g->sim[i * g->n + j] > t;
        lua_pushinteger(L, deg);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* g:threshold(t [, binary]): cut similarities under 't'; 1 for the rest
** when 'binary'. Returns g. */
static int graph_threshold(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    double t = luaL_checknumber(L, 2);
    int binary = lua_toboolean(L, 3);
    for (size_t i = 0; i < g->n * g->n; i++) {
        if (g->sim[i] < t)
            g->sim[i] = 0;
        else if (binary && g->sim[i] > 0)
            g->sim[i] = 1;
    }
    lua_settop(L, 1);
    return 1;
}

/* Weights of the news summary (g:scores, g:summary); see summarize.lua. */
typedef struct news_opts {
    const char *title;          /* or NULL */
    size_t title_len;
    double position, title_weight, damping, quote, numbers, names, lambda, max_sim;
    lua_Integer min_words;
} news_opts;

static double opt_num(lua_State *L, int opts, const char *key, double def)
{
    if (!opts)
        return def;
    lua_getfield(L, opts, key);
    int isnum;
    double v = lua_tonumberx(L, -1, &isnum);
    if (!isnum && !lua_isnil(L, -1))
        luaL_error(L, "option '%s' must be a number", key);
    lua_pop(L, 1);
    return isnum ? v : def;
}

static void get_news_opts(lua_State *L, int opts, news_opts *o)
{
    if (lua_isnoneornil(L, opts))
        opts = 0;
    else
        luaL_checktype(L, opts, LUA_TTABLE);
    o->title = NULL;
    o->title_len = 0;
    if (opts && lua_getfield(L, opts, "title") == LUA_TSTRING)
        o->title = lua_tolstring(L, -1, &o->title_len);   /* anchored in 'opts' */
    if (opts)
        lua_pop(L, 1);
    o->position = opt_num(L, opts, "position", 1.0);
    o->title_weight = opt_num(L, opts, "title_weight", 0.5);
    o->damping = opt_num(L, opts, "damping", 0.3);
    o->quote = opt_num(L, opts, "quote", 0.5);
    o->numbers = opt_num(L, opts, "numbers", 0.5);
    o->names = opt_num(L, opts, "names", 0.0);
    o->lambda = opt_num(L, opts, "lambda", 0.7);
    o->max_sim = opt_num(L, opts, "max_sim", 0.6);
    o->min_words = (lua_Integer)opt_num(L, opts, "min_words", 4);
    if (o->damping < 0 || o->damping >= 1)
        luaL_error(L, "damping must be in [0, 1)");
    if (o->lambda < 0 || o->lambda > 1)
        luaL_error(L, "lambda must be in [0, 1]");
}

/* The news scores of the graph at 1 into 'score' (n values): PageRank of
** the similarity graph personalized by the prior 1 / i^position * (1 +
** title_weight * cosine with the title), times (1 + numbers * min(figures,
** 2) / 2 + names * min(names, 3) / 3), times 'quote' for a sentence with a
** quotation mark. Sentences with fewer than min_words content words, and
** list items, score 0 (unless no sentence is left: then any with a word).
** Uses 'work' (6 n doubles). */
static void news_scores(lua_State *L, lgraph *g, galley_ranker *r, const news_opts *o,
                        double *score, double *work)
{
    size_t n = g->n;
    double *prior = work, *q = work + n, *pw = work + 2 * n;
    for (size_t i = 0; i < n; i++)
        q[i] = 0;
    if (o->title && o->title_len &&
        galley_ranker_query(r, o->title, o->title_len, graph_idf(L, 1), q))
        nomem(L);
    for (size_t i = 0; i < n; i++)
        prior[i] = pow((double)(i + 1), -o->position) * (1 + o->title_weight * q[i]);
    /* scores only rank sentences: five digits are plenty */
    if (galley_pagerank(g->sim, n, prior, o->damping, 1e-5, 100, score) == GALLEY_ENOMEM)
        nomem(L);
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        galley_sentinfo si;
        galley_ranker_sentinfo(r, i, &si);
        double f = 1 + o->numbers * (si.numbers < 2 ? si.numbers : 2) / 2.0 +
                   o->names * (si.names < 3 ? si.names : 3) / 3.0;
        if (si.quotes)
            f *= o->quote;
        pw[i] = si.words;
        if ((lua_Integer)si.content < o->min_words || si.list)
            f = 0;
        any |= f > 0;
        score[i] *= f;
    }
    if (!any)                   /* nothing long enough: take what there is */
        for (size_t i = 0; i < n; i++)
            if (pw[i] > 0 && score[i] == 0)
                score[i] = prior[i];
}

/* g:scores([opts]): the news score of each sentence (see news_scores) */
static int graph_scores(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    news_opts o;
    get_news_opts(L, 2, &o);
    lua_getiuservalue(L, 1, 1);
    galley_ranker *r = load(L, -1, g->lang);
    double *score = scratch(L, g->n), *work = scratch(L, 6 * g->n);
    news_scores(L, g, r, &o, score, work);
    push_numbers(L, score, g->n);
    return 1;
}

/* g:summary(k [, opts]): the spans of the k sentences the news method
** picks (news scores, then MMR with lambda and max_sim), in document order */
static int graph_summary(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2);
    luaL_argcheck(L, k >= 0, 2, "negative count");
    news_opts o;
    get_news_opts(L, 3, &o);
    lua_getiuservalue(L, 1, 1);
    int docidx = lua_gettop(L);
    galley_ranker *r = load(L, docidx, g->lang);
    size_t n = g->n;
    double *score = scratch(L, n), *work = scratch(L, 6 * n);
    news_scores(L, g, r, &o, score, work);
    const double *sim = g->sim;
    if (g->kind != GALLEY_SIM_COSINE) {         /* overlap and BM25: scale to [0, 1] */
        double top = 0, *scaled = scratch(L, n * n);
        for (size_t i = 0; i < n * n; i++)
            top = g->sim[i] > top ? g->sim[i] : top;
        for (size_t i = 0; i < n * n; i++)
            scaled[i] = top > 0 ? g->sim[i] / top : 0;
        sim = scaled;
    }
    size_t *pick = lua_newuserdatauv(L, (n ? n : 1) * sizeof *pick, 0);
    size_t np = galley_mmr(sim, n, score, (size_t)k < n ? (size_t)k : n, o.lambda,
                           o.max_sim, pick);
    for (size_t i = 1; i < np; i++)             /* document order */
        for (size_t j = i; j > 0 && pick[j - 1] > pick[j]; j--) {
            size_t t = pick[j];
            pick[j] = pick[j - 1];
            pick[j - 1] = t;
        }
    const galley_doc *doc = galley_l_checkanalyzed(L, docidx);
    lua_createtable(L, (int)np, 0);
    for (size_t i = 0; i < np; i++) {
        const galley_span *sp = &doc->sents.s[pick[i]];
        galley_l_pushspan(L, docidx, sp->start, sp->end, NULL);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* g:mmr(scores, k [, lambda [, maxsim]]): sentence numbers in pick order */
static int graph_mmr(lua_State *L)
{
    lgraph *g = checkgraph(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer k = luaL_checkinteger(L, 3);
    double lambda = luaL_optnumber(L, 4, 0.7);
    double maxsim = luaL_optnumber(L, 5, 1.0);
    luaL_argcheck(L, k >= 0, 3, "negative count");
    luaL_argcheck(L, lambda >= 0 && lambda <= 1, 4, "lambda must be in [0, 1]");
    size_t n = g->n;
    if ((size_t)k > n)
        k = (lua_Integer)n;
    double *score = scratch(L, n);
    get_numbers(L, 2, score, n);
    const double *sim = g->sim;
    double top = 0;
    for (size_t i = 0; i < n * n; i++)
        if (g->sim[i] > top)
            top = g->sim[i];
    if (top > 1) {                      /* overlap and BM25: scale to [0, 1] */
        double *s = scratch(L, n * n);
        for (size_t i = 0; i < n * n; i++)
            s[i] = g->sim[i] / top;
        sim = s;
    }
    size_t *pick = lua_newuserdatauv(L, (n ? n : 1) * sizeof *pick, 0);
    size_t np = galley_mmr(sim, n, score, (size_t)k, lambda, maxsim, pick);
    lua_createtable(L, (int)np, 0);
    for (size_t i = 0; i < np; i++) {
        lua_pushinteger(L, (lua_Integer)pick[i] + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* rank.pagerank(w [, prior [, damping]]): 'w' a list of n rows of n weights */
static int rank_pagerank(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int has_prior = !lua_isnoneornil(L, 2);
    if (has_prior)
        luaL_checktype(L, 2, LUA_TTABLE);
    double d = luaL_optnumber(L, 3, 0.85);
    luaL_argcheck(L, d >= 0 && d < 1, 3, "damping must be in [0, 1)");
    size_t n = (size_t)lua_rawlen(L, 1);
    luaL_argcheck(L, n <= GALLEY_RANK_SENTS * 4, 1, "graph too large");
    double *w = scratch(L, n * n), *out = scratch(L, n), *prior = NULL;
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TTABLE)
            return luaL_argerror(L, 1, "rows must be lists of numbers");
        get_numbers(L, lua_gettop(L), w + i * n, n);
        lua_pop(L, 1);
    }
    if (has_prior) {
        prior = scratch(L, n);
        get_numbers(L, 2, prior, n);
    }
    if (galley_pagerank(w, n, prior, d, 1e-9, 200, out) == GALLEY_ENOMEM)
        nomem(L);
    push_numbers(L, out, n);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Corpus frequencies and terms                                        */
/* ------------------------------------------------------------------ */

static int idf_gc(lua_State *L)
{
    lidf *f = luaL_checkudata(L, 1, IDF_MT);
    galley_idf_free(f->f);
    f->f = NULL;
    return 0;
}

static int idf_tostring(lua_State *L)
{
    lidf *f = luaL_checkudata(L, 1, IDF_MT);
    lua_pushfstring(L, "galley.Idf (%I documents)", f->docs);
    return 1;
}

/* idf:get(stem): the idf weight of 'stem' */
static int idf_get(lua_State *L)
{
    lidf *f = luaL_checkudata(L, 1, IDF_MT);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    uint32_t t = GALLEY_TERM_NONE;
    if (n)
        galley_ranker_term(state_ranker(L)->r, s, n, 0, &t);
    lua_pushnumber(L, galley_idf_get(f->f, t));
    return 1;
}

/* rank.idf(df, docs): 'df' maps stems to the number of documents with them */
static int rank_idf(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer docs = luaL_checkinteger(L, 2);
    luaL_argcheck(L, docs >= 0, 2, "negative document count");
    galley_ranker *r = state_ranker(L)->r;
    lidf *f = lua_newuserdatauv(L, sizeof *f, 0);
    f->f = NULL;
    f->docs = docs;
    luaL_setmetatable(L, IDF_MT);
    if (galley_idf_new(&f->f, (uint64_t)docs))
        nomem(L);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        size_t n;
        const char *s = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &n) : NULL;
        int isnum;
        lua_Integer df = lua_tointegerx(L, -1, &isnum);
        if (!s || !isnum || df < 0)
            return luaL_argerror(L, 1, "expected a table of stems to document counts");
        uint32_t t;
        int rc = n ? galley_ranker_term(r, s, n, 1, &t) : GALLEY_EINVAL;
        if (rc == GALLEY_ENOMEM)
            nomem(L);
        if (rc == 0 && galley_idf_set(f->f, t, (uint64_t)df))
            nomem(L);
        lua_pop(L, 1);
    }
    return 1;
}

/* rank.terms(doc [, {lang=}]): distinct content stems, in order of first use */
static int rank_terms(lua_State *L)
{
    galley_ranker *r = load(L, 1, opt_lang(L, lua_istable(L, 2) ? 2 : 0));
    size_t n = galley_ranker_terms(r, NULL, 0);
    uint32_t *t = lua_newuserdatauv(L, (n ? n : 1) * sizeof *t, 0);
    galley_ranker_terms(r, t, n);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = galley_ranker_stem(r, t[i], &len);
        lua_pushlstring(L, s, len);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* rank.words(doc): the number of word tokens (words, numbers, hashtags,
** mentions: not punctuation, symbols, URLs or emoji), and of sentences */
static int rank_words(lua_State *L)
{
    const galley_doc *doc = galley_l_checkanalyzed(L, 1);
    lua_Integer n = 0;
    for (size_t i = 0; i < doc->tokens.n; i++) {
        int k = doc->tokens.t[i].kind;
        n += k == GALLEY_TK_WORD || k == GALLEY_TK_NUMBER || k == GALLEY_TK_HASHTAG ||
             k == GALLEY_TK_MENTION;
    }
    lua_pushinteger(L, n);
    lua_pushinteger(L, (lua_Integer)doc->sents.n);
    return 2;
}

/* ------------------------------------------------------------------ */
/* Keyphrases                                                          */
/* ------------------------------------------------------------------ */

static int kp_gc(lua_State *L)
{
    lkp *k = luaL_checkudata(L, 1, KP_MT);
    free(k->stop);
    k->stop = NULL;
    k->o.stop = NULL;
    k->o.nstop = 0;
    return 0;
}

static int kp_tostring(lua_State *L)
{
    lkp *k = luaL_checkudata(L, 1, KP_MT);
    lua_pushfstring(L, "galley.Keyphraser (%s, %d words at most)", kp_names[k->o.method],
                    k->o.max_words);
    return 1;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static lua_Integer opt_int(lua_State *L, int opts, const char *key, lua_Integer def)
{
    lua_getfield(L, opts, key);
    int isnum;
    lua_Integer v = lua_tointegerx(L, -1, &isnum);
    if (!isnum && !lua_isnil(L, -1))
        luaL_error(L, "option '%s' must be an integer", key);
    lua_pop(L, 1);
    return isnum ? v : def;
}

/* rank.keyphrases([{method=, max_words=, window=, stop=, idf=, lang=}]) */
static int rank_keyphrases(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    lkp *k = lua_newuserdatauv(L, sizeof *k, 1);
    memset(k, 0, sizeof *k);
    luaL_setmetatable(L, KP_MT);
    int kpidx = lua_gettop(L);
    if (lua_getfield(L, 1, "method") != LUA_TNIL) {
        const char *name = lua_tostring(L, -1);
        k->o.method = -1;
        for (int i = 0; name && kp_names[i]; i++)
            if (strcmp(name, kp_names[i]) == 0)
                k->o.method = i;
        if (k->o.method < 0)
            return luaL_error(L, "unknown keyphrase method '%s' (textrank, yake or tfidf)",
                              name ? name : luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    lua_Integer mw = opt_int(L, 1, "max_words", 4), win = opt_int(L, 1, "window", 2);
    if (mw < 1 || mw > GALLEY_RANK_PHRASE_WORDS)
        return luaL_error(L, "max_words must be 1 to %d", GALLEY_RANK_PHRASE_WORDS);
    if (win < 2 || win > 100)
        return luaL_error(L, "window must be 2 to 100");
    k->o.max_words = (int)mw;
    k->o.window = (int)win;
    k->lang = opt_lang(L, 1);
    lidf *f = opt_idf(L, 1);
    if (f) {
        lua_getfield(L, 1, "idf");
        lua_setiuservalue(L, kpidx, 1);
        k->o.idf = f->f;
    }
    if (lua_getfield(L, 1, "stop") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            return luaL_error(L, "option 'stop' must be a list of words");
        galley_ranker *r = state_ranker(L)->r;
        size_t n = (size_t)lua_rawlen(L, -1);
        k->stop = malloc((n ? n : 1) * sizeof *k->stop);
        if (!k->stop)
            nomem(L);
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            lua_rawgeti(L, -1, (lua_Integer)i + 1);
            size_t len;
            const char *w = lua_tolstring(L, -1, &len);
            if (!w)
                return luaL_error(L, "option 'stop' must be a list of words");
            int rc = galley_ranker_word(r, w, len, &k->stop[m]);
            if (rc == GALLEY_ENOMEM)
                nomem(L);
            m += rc == 0;
            lua_pop(L, 1);
        }
        qsort(k->stop, m, sizeof *k->stop, cmp_u32);
        k->o.stop = k->stop;
        k->o.nstop = m;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, kpidx);
    return 1;
}

/* kp:extract(doc [, n]): up to n (default 10) {text, score}, best first */
static int kp_extract(lua_State *L)
{
    lkp *k = luaL_checkudata(L, 1, KP_MT);
    lua_Integer want = luaL_optinteger(L, 3, 10);
    luaL_argcheck(L, want >= 0 && want <= 100000, 3, "count out of range");
    galley_ranker *r = load(L, 2, k->lang);
    const galley_doc *doc = galley_l_checkanalyzed(L, 2);
    galley_phrase *ph = lua_newuserdatauv(L, (want ? (size_t)want : 1) * sizeof *ph, 0);
    size_t n;
    int rc = galley_ranker_phrases(r, &k->o, ph, (size_t)want, &n);
    if (rc == GALLEY_ENOMEM)
        nomem(L);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const galley_token *a = &doc->tokens.t[ph[i].tok];
        const galley_token *b = &doc->tokens.t[ph[i].tok + ph[i].ntok - 1];
        lua_createtable(L, 0, 2);
        lua_pushlstring(L, doc->text + a->start, b->end - a->start);
        lua_setfield(L, -2, "text");
        lua_pushnumber(L, floor(ph[i].score * 1e4 + 0.5) / 1e4);
        lua_setfield(L, -2, "score");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Module                                                              */
/* ------------------------------------------------------------------ */

static const luaL_Reg graph_meta[] = {
    {"__gc", graph_gc},
    {"__close", graph_gc},
    {"__len", graph_len},
    {"__tostring", graph_tostring},
    {NULL, NULL}
};

static const luaL_Reg graph_methods[] = {
    {"similarity", graph_similarity},
    {"lengths", graph_lengths},
    {"features", graph_features},
    {"query", graph_query},
    {"pagerank", graph_pagerank},
    {"degree", graph_degree},
    {"threshold", graph_threshold},
    {"mmr", graph_mmr},
    {"scores", graph_scores},
    {"summary", graph_summary},
    {NULL, NULL}
};

static const luaL_Reg idf_meta[] = {
    {"__gc", idf_gc},
    {"__tostring", idf_tostring},
    {NULL, NULL}
};

static const luaL_Reg idf_methods[] = {
    {"get", idf_get},
    {NULL, NULL}
};

static const luaL_Reg kp_meta[] = {
    {"__gc", kp_gc},
    {"__tostring", kp_tostring},
    {NULL, NULL}
};

static const luaL_Reg kp_methods[] = {
    {"extract", kp_extract},
    {NULL, NULL}
};

static const luaL_Reg rank_funcs[] = {
    {"sentences", rank_sentences},
    {"keyphrases", rank_keyphrases},
    {"idf", rank_idf},
    {"terms", rank_terms},
    {"words", rank_words},
    {"pagerank", rank_pagerank},
    {NULL, NULL}
};

void galley_l_open_rank(lua_State *L)
{
    static const luaL_Reg ranker_meta[] = {{"__gc", ranker_gc}, {NULL, NULL}};
    galley_l_newtype(L, RANKER_MT, ranker_meta, NULL);
    galley_l_newtype(L, GRAPH_MT, graph_meta, graph_methods);
    galley_l_newtype(L, IDF_MT, idf_meta, idf_methods);
    galley_l_newtype(L, KP_MT, kp_meta, kp_methods);
    luaL_newlib(L, rank_funcs);
    lua_setfield(L, -2, "rank");
}
