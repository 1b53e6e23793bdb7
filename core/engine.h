/*
** engine.h: one Lua state running one pipeline script (DESIGN.md: hooks
** setup, process, finish, done). Each worker thread owns one engine; an
** engine is never shared between threads. Every hook runs under lua_pcall
** with a traceback handler, a time limit and a memory limit; an error in
** one call is reported to the caller and the engine stays usable.
** Ownership: the engine owns its Lua state; galley_engine_process takes
** ownership of the document it is given; records come out as galley_val
** trees or JSON text owned by the caller.
*/
#ifndef GALLEY_ENGINE_H
#define GALLEY_ENGINE_H

#include "buf.h"
#include "doc.h"
#include "value.h"

typedef struct galley_engine galley_engine;

typedef struct galley_engine_opts {
    double timeout;             /* seconds per hook call; 0 means no limit */
    size_t memory;              /* bytes per Lua state; 0 means no limit */
    int verbose;                /* add Lua tracebacks to error messages */
} galley_engine_opts;

/* A new Lua state with the standard libraries, the galley module and the
** embedded Lua library. Returns 0 or GALLEY_ENOMEM. */
int galley_engine_new(galley_engine **e, const galley_engine_opts *opts);

/* Load the pipeline 'script' (a file, or the name of a stock pipeline such
** as "digest"): run it and keep the hooks it returns. On failure returns
** GALLEY_EINVAL with 'err' set to "script.lua:3: message". */
int galley_engine_load(galley_engine *e, const char *script, galley_buf *err);

/* Load a chunk of Lua as the body of process(doc), for `galley eval`:
** 'doc' is in scope; a value it returns is the record. */
int galley_engine_load_eval(galley_engine *e, const char *code, galley_buf *err);

/* Run a Lua file as a plain program with 'args' as its arguments ('arg'
** table and '...'), for `galley lua`. Returns 0 or GALLEY_EINVAL. */
int galley_engine_run_file(galley_engine *e, const char *path, char **args,
                           int nargs, galley_buf *err);

/* Call setup(params); 'params' is an object of strings (may be NULL). */
int galley_engine_setup(galley_engine *e, const galley_val *params, galley_buf *err);

/* Call process(doc) on 'doc' (owned from now on) and append each record
** it returns to array 'records'. */
int galley_engine_process(galley_engine *e, galley_doc *doc, galley_val *records,
                          galley_buf *err);

/* As galley_engine_process, but each record is appended to 'out' as its
** compact JSON text (galley_l_tojson) and a newline; on failure 'out' is
** left as it was. */
int galley_engine_process_json(galley_engine *e, galley_doc *doc, galley_buf *out,
                               galley_buf *err);

/* Call finish(): '*part' gets its result (null when the hook is absent). */
int galley_engine_finish(galley_engine *e, galley_val *part, galley_buf *err);

/* 1 when the script defines the hook 'name'. */
int galley_engine_has(galley_engine *e, const char *name);

/* Call done(parts) with the array 'parts'; its records go to 'records'. */
int galley_engine_done(galley_engine *e, const galley_val *parts,
                       galley_val *records, galley_buf *err);

/* From now on print() appends to a buffer of the engine instead of writing
** to standard output: for engines on worker threads, whose output must come
** out in document order. */
void galley_engine_capture(galley_engine *e);

/* Swap 'out' with the engine's print buffer: 'out' gets what print() wrote
** since the last call (its own content is dropped, its memory reused). */
void galley_engine_printed(galley_engine *e, galley_buf *out);

void galley_engine_free(galley_engine *e);

#endif
