/*
** pattern.c: token patterns compiled to an NFA (see pattern.h).
**
** The automaton is Thompson's, the search Pike's: a list of threads in
** priority order, at most one per state, each with its start token and
** the positions where it entered every element. Each token is tested once
** per predicate whatever the number of threads, and the work per token is
** bounded by the number of states, so no pattern can blow up the way a
** backtracking matcher does. Leftmost-longest: the earliest start wins;
** among matches from that start the longest; threads that started later
** are dropped as soon as an earlier one has matched. After a match the
** search goes on from its end.
**
** Element j (0-based) compiles to:
**   SAVE j                      entering the element
**   TOK p  (min times)
**   L: SPLIT L+1, out; TOK p; JMP L          when max is unbounded
**   SPLIT next, out; TOK p  (max - min times) when max is finite
** and the pattern ends with SAVE n, MATCH. SPLIT prefers its first arm,
** so repeats are greedy. A TOK always takes a token, so closures end.
**
** References: Thompson, "Regular expression search algorithm" (CACM
** 1968); Russ Cox, "Regular Expression Matching: the Virtual Machine
** Approach" (2009), for the Pike VM.
*/
#include "pattern.h"
#include "buf.h"
#include "galley.h"

#include <stdlib.h>
#include <string.h>

enum { OP_TOK, OP_SPLIT, OP_JMP, OP_SAVE, OP_MATCH };

typedef struct state {
    uint8_t op;
    int pred;           /* OP_TOK: index into preds, or -1 for any token */
    uint32_t x, y;      /* next states (OP_SPLIT: x preferred); OP_SAVE: x */
    uint32_t slot;      /* OP_SAVE: element boundary */
} state;

/* A thread list: threads in priority order. */
typedef struct tlist {
    uint32_t *st;       /* state of each thread */
    uint32_t *start;    /* start token of each thread */
    uint32_t *caps;     /* nslots positions per thread */
    size_t n;
} tlist;

struct galley_pattern {
    state *s;
    size_t ns;
    int *preds;         /* distinct caller predicate ids */
    size_t npreds;
    int *labels;        /* label of each element */
    size_t nelems, nslots;
    int nullable;
    /* search scratch */
    tlist a, b;
    uint32_t *mark;     /* state -> generation of the list it is on */
    uint32_t gen;
    uint32_t *stack;    /* closure stack: states, or restore entries */
    uint32_t *cur;      /* capture positions being built */
    size_t *memo_tok;   /* predicate -> token index + 1 of the memo */
    int8_t *memo_val;
    uint32_t *best;     /* capture positions of the best match so far */
};

/* ------------------------------------------------------------------ */
/* Compiling */

static int emit(galley_pattern *p, uint8_t op, int pred, uint32_t x, uint32_t y, uint32_t slot)
{
    if (p->ns >= GALLEY_PATTERN_MAX_STATES)
        return GALLEY_ELIMIT;
    state *s = &p->s[p->ns++];
    s->op = op;
    s->pred = pred;
    s->x = x;
    s->y = y;
    s->slot = slot;
    return GALLEY_OK;
}

/* Dense index of caller predicate 'id' (added when new), or -1 for ANY. */
static int pred_index(galley_pattern *p, int id)
{
    if (id == GALLEY_PATTERN_ANY)
        return -1;
    for (size_t i = 0; i < p->npreds; i++)
        if (p->preds[i] == id)
            return (int)i;
    p->preds[p->npreds] = id;
    return (int)p->npreds++;
}

static int check_elems(const galley_pattern_elem *e, size_t n, galley_buf *err)
{
    if (n == 0) {
        if (err) galley_buf_adds(err, "empty pattern");
        return GALLEY_EINVAL;
    }
    if (n > GALLEY_PATTERN_MAX_ELEMS) {
        if (err)
            galley_buf_printf(err, "pattern too long (limit is %d elements)",
                              GALLEY_PATTERN_MAX_ELEMS);
        return GALLEY_ELIMIT;
    }
    for (size_t j = 0; j < n; j++) {
        if (e[j].pred < 0 && e[j].pred != GALLEY_PATTERN_ANY) {
            if (err)
                galley_buf_printf(err, "bad predicate %d in element %zu", e[j].pred, j + 1);
            return GALLEY_EINVAL;
        }
        if (e[j].min < 0 || (e[j].max != GALLEY_PATTERN_INF && e[j].max < e[j].min)) {
            if (err)
                galley_buf_printf(err, "bad repeat {%d,%d} in element %zu",
                                  e[j].min, e[j].max, j + 1);
            return GALLEY_EINVAL;
        }
        if (e[j].min > GALLEY_PATTERN_MAX_REPEAT || e[j].max > GALLEY_PATTERN_MAX_REPEAT) {
            if (err)
                galley_buf_printf(err, "repeat count too large in element %zu (limit is %d)",
                                  j + 1, GALLEY_PATTERN_MAX_REPEAT);
            return GALLEY_ELIMIT;
        }
        if (e[j].label < -1) {
            if (err)
                galley_buf_printf(err, "bad label %d in element %zu", e[j].label, j + 1);
            return GALLEY_EINVAL;
        }
    }
    return GALLEY_OK;
}

static int build(galley_pattern *p, const galley_pattern_elem *e, size_t n)
{
    int nullable = 1;
    for (size_t j = 0; j < n; j++) {
        int pi = pred_index(p, e[j].pred);
        if (emit(p, OP_SAVE, 0, (uint32_t)p->ns + 1, 0, (uint32_t)j))
            return GALLEY_ELIMIT;
        for (int k = 0; k < e[j].min; k++)
            if (emit(p, OP_TOK, pi, (uint32_t)p->ns + 1, 0, 0))
                return GALLEY_ELIMIT;
        if (e[j].min > 0)
            nullable = 0;
        if (e[j].max == GALLEY_PATTERN_INF) {
            uint32_t l = (uint32_t)p->ns;
            if (emit(p, OP_SPLIT, 0, l + 1, l + 3, 0) ||
                emit(p, OP_TOK, pi, l + 2, 0, 0) ||
                emit(p, OP_JMP, 0, l, 0, 0))
                return GALLEY_ELIMIT;
        } else {
            int opt = e[j].max - e[j].min;
            size_t first = p->ns;
            for (int k = 0; k < opt; k++) {
                uint32_t l = (uint32_t)p->ns;
                /* the skip arm is patched to the element's end below */
                if (emit(p, OP_SPLIT, 0, l + 1, 0, 0) ||
                    emit(p, OP_TOK, pi, l + 2, 0, 0))
                    return GALLEY_ELIMIT;
            }
            for (size_t k = first; k < p->ns; k++)
                if (p->s[k].op == OP_SPLIT)
                    p->s[k].y = (uint32_t)p->ns;
        }
    }
    if (emit(p, OP_SAVE, 0, (uint32_t)p->ns + 1, 0, (uint32_t)n) ||
        emit(p, OP_MATCH, 0, 0, 0, 0))
        return GALLEY_ELIMIT;
    p->nullable = nullable;
    return GALLEY_OK;
}

static int alloc_list(tlist *l, size_t ns, size_t nslots)
{
    l->st = malloc(ns * sizeof *l->st);
    l->start = malloc(ns * sizeof *l->start);
    l->caps = malloc(ns * nslots * sizeof *l->caps);
    l->n = 0;
    return l->st && l->start && l->caps ? GALLEY_OK : GALLEY_ENOMEM;
}

int galley_pattern_compile(const galley_pattern_elem *e, size_t n, galley_pattern **out,
                           galley_buf *err)
{
    *out = NULL;
    int rc = check_elems(e, n, err);
    if (rc)
        return rc;
    galley_pattern *p = calloc(1, sizeof *p);
    if (!p)
        goto nomem;
    p->nelems = n;
    p->nslots = n + 1;
    p->s = malloc(GALLEY_PATTERN_MAX_STATES * sizeof *p->s);
    p->preds = malloc(n * sizeof *p->preds);
    p->labels = malloc(n * sizeof *p->labels);
    if (!p->s || !p->preds || !p->labels)
        goto nomem;
    for (size_t j = 0; j < n; j++)
        p->labels[j] = e[j].label;
    if (build(p, e, n)) {
        if (err)
            galley_buf_printf(err, "pattern too large (limit is %d states)",
                              GALLEY_PATTERN_MAX_STATES);
        galley_pattern_free(p);
        return GALLEY_ELIMIT;
    }
    state *s = realloc(p->s, p->ns * sizeof *s);
    if (s)
        p->s = s;
    size_t ns = p->ns;
    if (alloc_list(&p->a, ns, p->nslots) || alloc_list(&p->b, ns, p->nslots))
        goto nomem;
    p->mark = calloc(ns, sizeof *p->mark);
    p->stack = malloc((2 * ns + 2) * 2 * sizeof *p->stack);
    p->cur = malloc(p->nslots * sizeof *p->cur);
    p->best = malloc(p->nslots * sizeof *p->best);
    p->memo_tok = calloc(p->npreds + 1, sizeof *p->memo_tok);
    p->memo_val = calloc(p->npreds + 1, sizeof *p->memo_val);
    if (!p->mark || !p->stack || !p->cur || !p->best || !p->memo_tok || !p->memo_val)
        goto nomem;
    *out = p;
    return GALLEY_OK;

nomem:
    galley_pattern_free(p);
    if (err) galley_buf_adds(err, "not enough memory");
    return GALLEY_ENOMEM;
}

void galley_pattern_free(galley_pattern *p)
{
    if (!p)
        return;
    free(p->s);
    free(p->preds);
    free(p->labels);
    tlist *ls[2] = { &p->a, &p->b };
    for (int i = 0; i < 2; i++) {
        free(ls[i]->st);
        free(ls[i]->start);
        free(ls[i]->caps);
    }
    free(p->mark);
    free(p->stack);
    free(p->cur);
    free(p->best);
    free(p->memo_tok);
    free(p->memo_val);
    free(p);
}

size_t galley_pattern_states(const galley_pattern *p) { return p->ns; }
int galley_pattern_nullable(const galley_pattern *p) { return p->nullable; }

/* ------------------------------------------------------------------ */
/* Searching */

#define RESTORE 0x80000000u     /* stack entry: restore slot, value follows */

/* Add the closure of state 's0' to 'l', for a thread that started at
** 'start', with captures 'caps' (NULL: all at 'pos'), now at token 'pos'.
** States already on the list (this generation) are skipped: a thread with
** priority got there first. */
static void add_thread(galley_pattern *p, tlist *l, uint32_t s0, uint32_t start,
                       const uint32_t *caps, uint32_t pos)
{
    uint32_t *cur = p->cur;
    if (caps)
        memcpy(cur, caps, p->nslots * sizeof *cur);
    else
        for (size_t k = 0; k < p->nslots; k++)
            cur[k] = pos;
    uint32_t *stk = p->stack;
    size_t top = 0;
    stk[top++] = s0;
    while (top) {
        uint32_t v = stk[--top];
        if (v & RESTORE) {
            cur[v & ~RESTORE] = stk[--top];
            continue;
        }
        if (p->mark[v] == p->gen)
            continue;
        p->mark[v] = p->gen;
        const state *st = &p->s[v];
        switch (st->op) {
        case OP_JMP:
            stk[top++] = st->x;
            break;
        case OP_SPLIT:
            stk[top++] = st->y;
            stk[top++] = st->x;     /* popped first: preferred */
            break;
        case OP_SAVE:
            stk[top++] = cur[st->slot];
            stk[top++] = RESTORE | st->slot;
            cur[st->slot] = pos;
            stk[top++] = st->x;
            break;
        default:                    /* OP_TOK, OP_MATCH: a thread */
            l->st[l->n] = v;
            l->start[l->n] = start;
            memcpy(l->caps + l->n * p->nslots, cur, p->nslots * sizeof *cur);
            l->n++;
            break;
        }
    }
}

/* Memoized predicate test. */
static int test_tok(galley_pattern *p, int pi, size_t tok, galley_pattern_test test, void *ud)
{
    if (pi < 0)
        return 1;
    if (p->memo_tok[pi] == tok + 1)
        return p->memo_val[pi];
    int r = test(ud, tok, p->preds[pi]);
    if (r < 0)
        return r;
    p->memo_tok[pi] = tok + 1;
    p->memo_val[pi] = r != 0;
    return r != 0;
}

static void next_gen(galley_pattern *p)
{
    if (++p->gen == 0) {        /* wrapped: clear the marks once */
        memset(p->mark, 0, p->ns * sizeof *p->mark);
        p->gen = 1;
    }
}

/* Append the match [start, end) with captures 'caps' to 'out'. */
static int record(galley_pattern *p, uint32_t start, uint32_t end, const uint32_t *caps,
                  galley_pattern_matches *out)
{
    if (galley_grow((void **)&out->m, &out->mcap, out->n + 1, sizeof *out->m) ||
        galley_grow((void **)&out->caps, &out->ccap, out->ncaps + p->nelems, sizeof *out->caps))
        return GALLEY_ENOMEM;
    galley_pattern_match *m = &out->m[out->n++];
    m->start = start;
    m->end = end;
    m->cap = (uint32_t)out->ncaps;
    m->ncap = 0;
    for (size_t j = 0; j < p->nelems; j++) {
        if (p->labels[j] < 0 || caps[j + 1] <= caps[j])
            continue;
        galley_pattern_cap *c = &out->caps[out->ncaps++];
        c->start = caps[j];
        c->end = caps[j + 1];
        c->label = p->labels[j];
        m->ncap++;
    }
    return GALLEY_OK;
}

int galley_pattern_find(galley_pattern *p, size_t start, size_t end,
                        galley_pattern_test test, void *ud, galley_pattern_matches *out)
{
    if (end > UINT32_MAX - 1)
        return GALLEY_ELIMIT;
    /* The memo is keyed by token index: forget anything from before. */
    memset(p->memo_tok, 0, (p->npreds + 1) * sizeof *p->memo_tok);
    size_t pos = start;
    while (pos < end) {
        tlist *cl = &p->a, *nl = &p->b;
        cl->n = 0;
        int matched = 0;
        uint32_t bstart = 0, bend = 0;
        size_t i = pos;
        next_gen(p);
        for (;;) {
            /* Seed a thread starting here, at the lowest priority. */
            if (!matched && i < end)
                add_thread(p, cl, 0, (uint32_t)i, NULL, (uint32_t)i);
            /* Accepting threads at token i: the first non-empty one wins
            ** if it starts earlier, or as early but ends later. */
            for (size_t t = 0; t < cl->n; t++) {
                if (p->s[cl->st[t]].op != OP_MATCH || cl->start[t] >= i)
                    continue;
                if (!matched || cl->start[t] < bstart ||
                    (cl->start[t] == bstart && i > bend)) {
                    matched = 1;
                    bstart = cl->start[t];
                    bend = (uint32_t)i;
                    memcpy(p->best, cl->caps + t * p->nslots, p->nslots * sizeof *p->best);
                }
                break;
            }
            if (matched) {
                /* Threads are in start order: drop those that started later. */
                size_t keep = cl->n;
                while (keep && cl->start[keep - 1] > bstart)
                    keep--;
                cl->n = keep;
            }
            /* A seed always leaves a thread, so an empty list means a
            ** match was found and nothing can extend it. */
            if (i >= end || cl->n == 0)
                break;
            /* Step over token i. */
            next_gen(p);
            nl->n = 0;
            for (size_t t = 0; t < cl->n; t++) {
                const state *st = &p->s[cl->st[t]];
                if (st->op != OP_TOK)
                    continue;
                int r = test_tok(p, st->pred, i, test, ud);
                if (r < 0)
                    return r;
                if (r)
                    add_thread(p, nl, st->x, cl->start[t], cl->caps + t * p->nslots,
                               (uint32_t)i + 1);
            }
            tlist *tmp = cl;
            cl = nl;
            nl = tmp;
            i++;
        }
        if (matched) {
            if (record(p, bstart, bend, p->best, out))
                return GALLEY_ENOMEM;
            pos = bend;
        } else {
            break;              /* the scan reached the end */
        }
    }
    return GALLEY_OK;
}

void galley_pattern_matches_free(galley_pattern_matches *ms)
{
    free(ms->m);
    free(ms->caps);
    ms->m = NULL;
    ms->caps = NULL;
    ms->n = ms->mcap = ms->ncaps = ms->ccap = 0;
}
