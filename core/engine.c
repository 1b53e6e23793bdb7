/*
** engine.c: one Lua state per worker running a pipeline (see engine.h).
** The model is lua.c's docall (a message handler adds the traceback) and
** wrk's script.c (hooks kept from the table the script returns). Time is
** limited by a count hook that checks a deadline; memory by the state's
** allocator, which refuses to grow past the limit.
*/
#include "engine.h"
#include "embedded.h"
#include "galley.h"
#include "l_doc.h"
#include "l_galley.h"
#include "l_json.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Instructions between two looks at the clock. */
#define CLOCK_EVERY 10000

static const char *const HOOKS[] = {"setup", "process", "finish", "done", NULL};

/* Blocks of the Lua state up to POOL_MAX bytes come from free lists, one
** a size class (POOL_STEP bytes apart), filled from chunks of POOL_CHUNK
** bytes that live as long as the engine: each article makes and drops
** thousands of small tables and strings, and a list push or pop costs a
** fraction of malloc and free. Sanitizer builds use malloc for every
** block, so that misuse of Lua memory is still caught. */
#define POOL_STEP 16
#define POOL_MAX 256
#define POOL_CHUNK 65536
#define POOL_CLASSES (POOL_MAX / POOL_STEP)

#if defined(__SANITIZE_ADDRESS__)
#define POOL_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_ON 0
#endif
#endif
#if !defined(POOL_ON)
#define POOL_ON 1
#endif

typedef struct pool {
    void *free[POOL_CLASSES];   /* free blocks of each class, linked through their first word */
    void *chunks;               /* chunks, linked through their first word */
    char *next, *end;           /* the part of the last chunk not handed out */
} pool;

struct galley_engine {
    lua_State *L;
    pool pool;
    galley_engine_opts opts;
    size_t used;                /* bytes the state holds */
    int over_memory;            /* the allocator refused a block */
    double deadline;            /* monotonic seconds, 0 = none */
    int hooks;                  /* registry ref of the hooks table */
    int capture;                /* print() appends to 'printed' */
    galley_buf printed;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The size class of a block of 'n' bytes (1..POOL_MAX). */
static size_t pool_class(size_t n)
{
    return (n - 1) / POOL_STEP;
}

/* A block of class 'c', or NULL. */
static void *pool_get(pool *P, size_t c)
{
    void *b = P->free[c];
    if (b) {
        P->free[c] = *(void **)b;
        return b;
    }
    size_t size = (c + 1) * POOL_STEP;
    if ((size_t)(P->end - P->next) < size) {   /* the rest of the chunk is left unused */
        char *chunk = malloc(POOL_CHUNK);
        if (!chunk)
            return NULL;
        *(void **)chunk = P->chunks;
        P->chunks = chunk;
        P->next = chunk + POOL_STEP;            /* keeps blocks aligned as malloc's */
        P->end = chunk + POOL_CHUNK;
    }
    b = P->next;
    P->next += size;
    return b;
}

/* Give back block 'b' of 'n' bytes (1..POOL_MAX). */
static void pool_put(pool *P, void *b, size_t n)
{
    size_t c = pool_class(n);
    *(void **)b = P->free[c];
    P->free[c] = b;
}

static void pool_free_all(pool *P)
{
    while (P->chunks) {
        void *next = *(void **)P->chunks;
        free(P->chunks);
        P->chunks = next;
    }
}

/* realloc for the blocks of the state: 'osize' is the size of 'ptr' (0
** when NULL), 'nsize' is not 0. */
static void *pool_realloc(pool *P, void *ptr, size_t osize, size_t nsize)
{
    if (!POOL_ON || (osize > POOL_MAX && nsize > POOL_MAX))
        return realloc(ptr, nsize);
    if (osize && osize <= POOL_MAX && nsize <= POOL_MAX &&
        pool_class(osize) == pool_class(nsize))
        return ptr;
    void *p = nsize > POOL_MAX ? malloc(nsize) : pool_get(P, pool_class(nsize));
    if (!p || !ptr)
        return p;
    memcpy(p, ptr, osize < nsize ? osize : nsize);
    if (osize > POOL_MAX)
        free(ptr);
    else
        pool_put(P, ptr, osize);
    return p;
}

static void *alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    galley_engine *e = ud;
    if (!ptr)
        osize = 0;
    if (nsize == 0) {
        if (!POOL_ON || osize > POOL_MAX)
            free(ptr);
        else if (ptr)
            pool_put(&e->pool, ptr, osize);
        e->used -= osize;
        return NULL;
    }
    if (e->opts.memory && nsize > osize && e->used + (nsize - osize) > e->opts.memory) {
        e->over_memory = 1;
        return NULL;
    }
    void *p = pool_realloc(&e->pool, ptr, osize, nsize);
    if (p)
        e->used += nsize - osize;
    return p;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    galley_engine *e;
    lua_getallocf(L, (void **)&e);
    if (e->deadline > 0 && now() > e->deadline) {
        e->deadline = now() + 1;    /* leave time to unwind a pcall in the script */
        char msg[96];
        snprintf(msg, sizeof msg, "timed out after %g s (raise the limit with --timeout)",
                 e->opts.timeout);
        luaL_error(L, "%s", msg);
    }
}

static int msgh(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    galley_engine *e;
    lua_getallocf(L, (void **)&e);
    if (e->opts.verbose)
        luaL_traceback(L, L, msg, 1);
    else
        lua_pushstring(L, msg);
    return 1;
}

/* Call the function below 'nargs' arguments under the limits; on error set
** 'err' to the message and return GALLEY_EINVAL. Leaves 'nres' results. */
static int docall(galley_engine *e, int nargs, int nres, galley_buf *err)
{
    lua_State *L = e->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    e->over_memory = 0;
    e->deadline = e->opts.timeout > 0 ? now() + e->opts.timeout : 0;
    int status = lua_pcall(L, nargs, nres, base);
    e->deadline = 0;
    lua_remove(L, base);
    if (status == LUA_OK)
        return GALLEY_OK;
    err->len = 0;
    if (status == LUA_ERRMEM && e->over_memory && e->opts.memory)
        galley_buf_printf(err, "memory limit of %zu MB exceeded (raise it with --memory)",
                          e->opts.memory >> 20);
    else
        galley_buf_adds(err, lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
    lua_pop(L, 1);
    lua_gc(L, LUA_GCCOLLECT);
    return GALLEY_EINVAL;
}

/* print() writes to standard output through one buffered stream, or,
** for an engine on a worker thread, to the engine's buffer (capture). */
static int l_print(lua_State *L)
{
    galley_engine *e;
    lua_getallocf(L, (void **)&e);
    int n = lua_gettop(L);
    if (!e->capture) {
        for (int i = 1; i <= n; i++) {
            size_t len;
            const char *s = luaL_tolstring(L, i, &len);
            if (i > 1)
                fputc('\t', stdout);
            fwrite(s, 1, len, stdout);
            lua_pop(L, 1);
        }
        fputc('\n', stdout);
        return 0;
    }
    galley_buf *b = &e->printed;
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if ((i > 1 && galley_buf_addc(b, '\t')) || galley_buf_add(b, s, len))
            return luaL_error(L, "not enough memory");
        lua_pop(L, 1);
    }
    if (galley_buf_addc(b, '\n'))
        return luaL_error(L, "not enough memory");
    if (e->opts.memory && b->len > e->opts.memory)
        return luaL_error(L, "print output over the memory limit of %d MB",
                          (int)(e->opts.memory >> 20));
    return 0;
}

void galley_engine_capture(galley_engine *e)
{
    e->capture = 1;
}

void galley_engine_printed(galley_engine *e, galley_buf *out)
{
    galley_buf t = *out;
    *out = e->printed;
    e->printed = t;
    e->printed.len = 0;
}

/* Prepend GALLEY_PATH (a package.path-style list) to package.path. */
static void add_user_path(lua_State *L)
{
    const char *gp = getenv("GALLEY_PATH");
    if (!gp || !*gp)
        return;
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    lua_pushfstring(L, "%s;%s", gp, lua_tostring(L, -1));
    lua_setfield(L, -3, "path");
    lua_pop(L, 2);
}

static int open_state(lua_State *L)
{
    luaL_openlibs(L);
    luaL_requiref(L, "galley", luaopen_galley, 0);
    lua_pop(L, 1);
    lua_pushcfunction(L, l_print);
    lua_setglobal(L, "print");
    add_user_path(L);
    return 0;
}

int galley_engine_new(galley_engine **out, const galley_engine_opts *opts)
{
    *out = NULL;
    galley_engine *e = calloc(1, sizeof *e);
    if (!e)
        return GALLEY_ENOMEM;
    if (opts)
        e->opts = *opts;
    e->hooks = LUA_NOREF;
    e->L = lua_newstate(alloc, e);
    if (!e->L) {
        pool_free_all(&e->pool);
        free(e);
        return GALLEY_ENOMEM;
    }
    lua_sethook(e->L, count_hook, LUA_MASKCOUNT, CLOCK_EVERY);
    galley_buf err = {0};
    lua_pushcfunction(e->L, open_state);
    int rc = docall(e, 0, 0, &err);
    galley_buf_free(&err);
    if (rc) {
        galley_engine_free(e);
        return GALLEY_ENOMEM;
    }
    *out = e;
    return GALLEY_OK;
}

void galley_engine_free(galley_engine *e)
{
    if (!e)
        return;
    lua_close(e->L);
    pool_free_all(&e->pool);
    galley_buf_free(&e->printed);
    free(e);
}

/* Load the script's chunk: a file, or else a stock pipeline by name. */
static int load_chunk(lua_State *L, const char *script, galley_buf *err)
{
    FILE *f = fopen(script, "r");
    int status;
    if (f) {
        fclose(f);
        status = luaL_loadfile(L, script);
    } else {
        const galley_embedded *s = strchr(script, '/') ? NULL
            : galley_embedded_find(galley_embedded_scripts, script);
        if (!s) {
            err->len = 0;
            galley_buf_printf(err, "%s: cannot open script (no such file, and no "
                              "stock pipeline of that name)", script);
            return GALLEY_EINVAL;
        }
        lua_pushfstring(L, "=%s", s->file);
        status = luaL_loadbuffer(L, s->source, s->len, lua_tostring(L, -1));
        lua_remove(L, -2);
    }
    if (status != LUA_OK) {
        err->len = 0;
        galley_buf_adds(err, lua_tostring(L, -1));
        lua_pop(L, 1);
        return GALLEY_EINVAL;
    }
    return GALLEY_OK;
}

/* Keep the hooks table at the top of the stack (a function counts as
** process; nothing returned means hooks are globals, wrk-style). */
static int keep_hooks(galley_engine *e, const char *script, galley_buf *err)
{
    lua_State *L = e->L;
    if (lua_isfunction(L, -1)) {
        lua_newtable(L);
        lua_insert(L, -2);
        lua_setfield(L, -2, "process");
    } else if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
        for (const char *const *h = HOOKS; *h; h++) {
            lua_getglobal(L, *h);
            lua_setfield(L, -2, *h);
        }
    } else if (!lua_istable(L, -1)) {
        err->len = 0;
        galley_buf_printf(err, "%s: the script returned a %s; it must return a table of "
                          "hooks (setup, process, finish, done)", script,
                          luaL_typename(L, -1));
        lua_pop(L, 1);
        return GALLEY_EINVAL;
    }
    for (const char *const *h = HOOKS; *h; h++) {
        int t = lua_getfield(L, -1, *h);
        lua_pop(L, 1);
        if (t != LUA_TNIL && t != LUA_TFUNCTION) {
            err->len = 0;
            galley_buf_printf(err, "%s: hook '%s' is a %s, not a function", script, *h,
                              lua_typename(L, t));
            lua_pop(L, 1);
            return GALLEY_EINVAL;
        }
    }
    e->hooks = luaL_ref(L, LUA_REGISTRYINDEX);
    return GALLEY_OK;
}

int galley_engine_load(galley_engine *e, const char *script, galley_buf *err)
{
    if (load_chunk(e->L, script, err))
        return GALLEY_EINVAL;
    if (docall(e, 0, 1, err))
        return GALLEY_EINVAL;
    return keep_hooks(e, script, err);
}

int galley_engine_load_eval(galley_engine *e, const char *code, galley_buf *err)
{
    lua_State *L = e->L;
    /* 'doc' is the chunk's first argument; the prefix keeps line numbers */
    lua_pushfstring(L, "local doc = ...; local galley = require 'galley'; %s", code);
    int status = luaL_loadbuffer(L, lua_tostring(L, -1), lua_rawlen(L, -1), "=eval");
    lua_remove(L, -2);
    if (status != LUA_OK) {
        err->len = 0;
        galley_buf_adds(err, lua_tostring(L, -1));
        lua_pop(L, 1);
        return GALLEY_EINVAL;
    }
    /* wrap as process(doc): a scalar result becomes {value = result} */
    static const char wrap[] =
        "local body = ...\n"
        "return function(doc)\n"
        "  local r = body(doc)\n"
        "  if r == nil or type(r) == 'table' then return r end\n"
        "  return {value = r}\n"
        "end\n";
    luaL_loadbuffer(L, wrap, sizeof wrap - 1, "=eval");
    lua_insert(L, -2);
    if (docall(e, 1, 1, err))
        return GALLEY_EINVAL;
    return keep_hooks(e, "eval", err);
}

int galley_engine_run_file(galley_engine *e, const char *path, char **args,
                           int nargs, galley_buf *err)
{
    lua_State *L = e->L;
    lua_createtable(L, nargs, 1);
    lua_pushstring(L, path);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < nargs; i++) {
        lua_pushstring(L, args[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setglobal(L, "arg");
    int status = strcmp(path, "-") == 0 ? luaL_loadfile(L, NULL) : luaL_loadfile(L, path);
    if (status != LUA_OK) {
        err->len = 0;
        galley_buf_adds(err, lua_tostring(L, -1));
        lua_pop(L, 1);
        return GALLEY_EINVAL;
    }
    for (int i = 0; i < nargs; i++)
        lua_pushstring(L, args[i]);
    return docall(e, nargs, 0, err);
}

/* Push hook 'name'; returns 0 when the script does not define it. */
static int push_hook(galley_engine *e, const char *name)
{
    if (e->hooks == LUA_NOREF)
        return 0;
    lua_rawgeti(e->L, LUA_REGISTRYINDEX, e->hooks);
    int t = lua_getfield(e->L, -1, name);
    lua_remove(e->L, -2);
    if (t == LUA_TFUNCTION)
        return 1;
    lua_pop(e->L, 1);
    return 0;
}

int galley_engine_has(galley_engine *e, const char *name)
{
    if (!push_hook(e, name))
        return 0;
    lua_pop(e->L, 1);
    return 1;
}

int galley_engine_setup(galley_engine *e, const galley_val *params, galley_buf *err)
{
    if (!push_hook(e, "setup"))
        return GALLEY_OK;
    if (params)
        galley_l_pushval(e->L, params);
    else
        lua_newtable(e->L);
    return docall(e, 1, 0, err);
}

/* Where each_record puts one record (the table on top of the stack):
** GALLEY_EINVAL with 'msg' when it cannot be written, GALLEY_ENOMEM. */
typedef int (*put_record)(lua_State *L, void *dst, char *msg, size_t size);

/* Walk the hook result at the top of the stack (a record, a list of
** records or nil) and pop it: each record, with path and id filled in
** from the document at 'docidx' (0: none), goes to 'put' with 'dst'. */
static int each_record(galley_engine *e, int docidx, put_record put, void *dst,
                       galley_buf *err)
{
    lua_State *L = e->L;
    int res = lua_gettop(L);
    if (lua_isnil(L, res)) {
        lua_pop(L, 1);
        return GALLEY_OK;
    }
    int bad = !lua_istable(L, res);
    int list = !bad && lua_rawgeti(L, res, 1) != LUA_TNIL;
    if (!bad)
        lua_pop(L, 1);
    lua_Integer n = list ? (lua_Integer)lua_rawlen(L, res) : 1;
    int rc = GALLEY_OK;
    for (lua_Integer i = 1; i <= n && !bad; i++) {
        if (list)
            lua_rawgeti(L, res, i);
        else
            lua_pushvalue(L, res);
        if (!lua_istable(L, -1)) {
            bad = 1;
            break;
        }
        if (docidx && galley_l_docfill(L, docidx, lua_gettop(L))) {
            rc = GALLEY_ENOMEM;
            break;
        }
        char msg[256];
        rc = put(L, dst, msg, sizeof msg);
        if (rc == GALLEY_EINVAL) {
            err->len = 0;
            galley_buf_printf(err, "cannot write the record: %s", msg);
        }
        if (rc)
            break;
        lua_pop(L, 1);
    }
    if (bad) {
        err->len = 0;
        galley_buf_printf(err, "the hook returned a %s; expected a table (a record), a "
                          "list of tables, or nil", luaL_typename(L, -1));
        rc = GALLEY_EINVAL;
    }
    lua_settop(L, res - 1);
    return rc;
}

/* A record as a tree at the end of the array 'dst'. */
static int put_tree(lua_State *L, void *dst, char *msg, size_t size)
{
    galley_val *slot = galley_val_push(dst);
    if (!slot)
        return GALLEY_ENOMEM;
    return galley_l_toval(L, -1, slot, msg, size) ? GALLEY_EINVAL : GALLEY_OK;
}

/* A record as compact JSON and a newline at the end of the buffer 'dst'. */
static int put_json(lua_State *L, void *dst, char *msg, size_t size)
{
    if (galley_l_tojson(L, -1, dst, msg, size))
        return GALLEY_EINVAL;
    return galley_buf_addc(dst, '\n') ? GALLEY_ENOMEM : GALLEY_OK;
}

/* The hook result into 'records' (see each_record). */
static int collect(galley_engine *e, int docidx, galley_val *records, galley_buf *err)
{
    return each_record(e, docidx, put_tree, records, err);
}

/* As collect, but each record goes to 'out' as compact JSON and a
** newline. On failure 'out' is as it was. */
static int collect_json(galley_engine *e, int docidx, galley_buf *out, galley_buf *err)
{
    size_t mark = out->len;
    int rc = each_record(e, docidx, put_json, out, err);
    if (rc)
        out->len = mark;
    return rc;
}

/* Call process(doc) on 'doc' (owned from now on) and hand its result to
** 'take' (collect or collect_json) with 'dst'. */
static int process_with(galley_engine *e, galley_doc *doc,
                        int (*take)(galley_engine *, int, void *, galley_buf *),
                        void *dst, galley_buf *err)
{
    lua_State *L = e->L;
    if (!galley_engine_has(e, "process")) {
        galley_doc_free(doc);
        return GALLEY_OK;
    }
    galley_l_pushdoc(L, doc);
    int docidx = lua_gettop(L);
    push_hook(e, "process");
    lua_pushvalue(L, docidx);
    int rc = docall(e, 1, 1, err);
    if (rc == GALLEY_OK)
        rc = take(e, docidx, dst, err);
    galley_l_closedoc(L, docidx);   /* free the text now, not at the next GC */
    lua_settop(L, docidx - 1);
    return rc;
}

static int take_json(galley_engine *e, int docidx, void *out, galley_buf *err)
{
    return collect_json(e, docidx, out, err);
}

static int take_vals(galley_engine *e, int docidx, void *records, galley_buf *err)
{
    return collect(e, docidx, records, err);
}

int galley_engine_process_json(galley_engine *e, galley_doc *doc, galley_buf *out,
                               galley_buf *err)
{
    return process_with(e, doc, take_json, out, err);
}

int galley_engine_process(galley_engine *e, galley_doc *doc, galley_val *records,
                          galley_buf *err)
{
    return process_with(e, doc, take_vals, records, err);
}

int galley_engine_finish(galley_engine *e, galley_val *part, galley_buf *err)
{
    galley_val_null(part);
    if (!push_hook(e, "finish"))
        return GALLEY_OK;
    if (docall(e, 0, 1, err))
        return GALLEY_EINVAL;
    char msg[256];
    int rc = galley_l_toval(e->L, -1, part, msg, sizeof msg);
    lua_pop(e->L, 1);
    if (rc) {
        err->len = 0;
        galley_buf_printf(err, "finish() returned a value that is not plain data: %s", msg);
        return GALLEY_EINVAL;
    }
    return GALLEY_OK;
}

int galley_engine_done(galley_engine *e, const galley_val *parts,
                       galley_val *records, galley_buf *err)
{
    if (!push_hook(e, "done"))
        return GALLEY_OK;
    galley_l_pushval(e->L, parts);
    if (docall(e, 1, 1, err))
        return GALLEY_EINVAL;
    return collect(e, 0, records, err);
}
