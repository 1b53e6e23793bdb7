/*
** batch.c: the batch runner (see batch.h): input -> engine -> writer.
** Errors of one document are reported on standard error as
** "galley: PATH: message" and counted; the run goes on.
*/
#include "batch.h"
#include "galley.h"
#include "write.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    interrupted = sig;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void report(const char *where, const char *what)
{
    fflush(stdout);
    if (where)
        fprintf(stderr, "galley: %s: %s\n", where, what);
    else
        fprintf(stderr, "galley: %s\n", what);
}

typedef struct run {
    const galley_batch_opts *o;
    galley_batch_stats *st;
    galley_engine *e;
    galley_writer *w;
    galley_buf err;
    int write_failed;
} run;

/* Write every record of 'records' (an array) and empty it. */
static int emit(run *r, galley_val *records)
{
    for (size_t i = 0; i < records->u.arr.n && !r->write_failed; i++) {
        int rc = galley_writer_put(r->w, &records->u.arr.items[i]);
        if (rc == GALLEY_EINVAL) {
            report(NULL, galley_writer_error(r->w));
            r->st->errors++;
        } else if (rc) {
            report(NULL, galley_writer_error(r->w));
            r->write_failed = 1;
        } else {
            r->st->records++;
        }
    }
    galley_val_free(records);
    galley_val_arr(records);
    return r->write_failed ? GALLEY_EIO : GALLEY_OK;
}

static void warn_cleaning(const galley_doc *doc)
{
    if (doc->stats.invalid == 0)
        return;
    char msg[160];
    snprintf(msg, sizeof msg, "warning: %zu invalid UTF-8 sequence%s or NUL bytes "
             "replaced by U+FFFD (the first at byte %zu)", doc->stats.invalid,
             doc->stats.invalid == 1 ? "" : "s", doc->stats.first_invalid);
    report(doc->path ? doc->path : "-", msg);
}

/* Run process over one source; returns 0, or -1 when the run must stop. */
static int one(run *r, galley_source *src, galley_val *records)
{
    galley_doc *doc;
    int rc = galley_doc_from_source(&doc, src);
    if (rc) {
        report(src->path, rc == GALLEY_ELIMIT ? "document too large" : "not enough memory");
        r->st->errors++;
        return r->o->fail_fast ? -1 : 0;
    }
    r->st->bytes += src->len;
    warn_cleaning(doc);
    char path[4096];
    snprintf(path, sizeof path, "%s", doc->path ? doc->path : "-");
    rc = galley_engine_process(r->e, doc, records, &r->err);
    if (rc == GALLEY_ENOMEM)
        galley_buf_adds(&r->err, "not enough memory");
    if (rc) {
        galley_val_free(records);
        galley_val_arr(records);
        report(path, r->err.s ? r->err.s : "error");
        r->st->errors++;
        return r->o->fail_fast ? -1 : 0;
    }
    return emit(r, records) ? -1 : 0;
}

static int read_all(run *r)
{
    static const char *const stdin_only[] = {"-"};
    galley_input *in;
    const char *const *paths = r->o->npaths ? r->o->paths : stdin_only;
    size_t n = r->o->npaths ? r->o->npaths : 1;
    if (galley_input_open(&in, paths, n, &r->o->input))
        return GALLEY_ENOMEM;
    galley_val records;
    galley_val_arr(&records);
    galley_source src;
    int rc;
    while (!interrupted && (rc = galley_input_next(in, &src, &r->err)) != 0) {
        if (rc < 0) {
            report(NULL, r->err.s ? r->err.s : "not enough memory");
            r->st->errors++;
            if (r->o->fail_fast || rc == GALLEY_ENOMEM)
                break;
            continue;
        }
        r->st->docs++;
        int stop = one(r, &src, &records);
        galley_source_free(&src);
        if (stop)
            break;
    }
    galley_val_free(&records);
    galley_input_close(in);
    return GALLEY_OK;
}

static int finish_and_done(run *r)
{
    galley_val parts, part, records;
    galley_val_arr(&parts);
    galley_val_arr(&records);
    int rc = galley_engine_finish(r->e, &part, &r->err);
    if (rc == GALLEY_OK) {
        galley_val *slot = galley_val_push(&parts);
        if (slot)
            *slot = part;
        else
            galley_val_free(&part);
        if (galley_engine_has(r->e, "done"))
            rc = galley_engine_done(r->e, &parts, &records, &r->err);
    }
    if (rc) {
        report(NULL, r->err.s ? r->err.s : "not enough memory");
        r->st->errors++;
    } else {
        emit(r, &records);
    }
    galley_val_free(&parts);
    galley_val_free(&records);
    return rc;
}

static void summary(const run *r)
{
    const galley_batch_stats *st = r->st;
    double s = st->seconds > 0 ? st->seconds : 1e-9;
    fprintf(stderr, "galley: %zu documents, %.1f MB, %.2f s, %.0f documents/s, "
            "%zu error%s\n", st->docs, st->bytes / 1e6, st->seconds, st->docs / s,
            st->errors, st->errors == 1 ? "" : "s");
}

static int load(run *r)
{
    const galley_batch_opts *o = r->o;
    if (galley_engine_new(&r->e, &o->engine)) {
        report(NULL, "not enough memory");
        return 2;
    }
    int rc = o->eval ? galley_engine_load_eval(r->e, o->eval, &r->err)
                     : galley_engine_load(r->e, o->script, &r->err);
    if (rc == GALLEY_OK)
        rc = galley_engine_setup(r->e, o->params, &r->err);
    if (rc) {
        report(NULL, r->err.s ? r->err.s : "not enough memory");
        return 2;
    }
    return 0;
}

int galley_batch_run(const galley_batch_opts *o, galley_batch_stats *st)
{
    run r = {0};
    r.o = o;
    r.st = st;
    memset(st, 0, sizeof *st);
    double t0 = now();
    int status = load(&r);
    char werr[512];
    if (status == 0 && galley_writer_open(&r.w, o->output, o->format, 0, werr, sizeof werr)) {
        report(NULL, werr);
        status = 2;
    }
    if (status) {
        galley_engine_free(r.e);
        galley_buf_free(&r.err);
        return status;
    }
    void (*old_int)(int) = signal(SIGINT, on_signal);
    void (*old_term)(int) = signal(SIGTERM, on_signal);
    read_all(&r);
    if (!interrupted && !r.write_failed)
        finish_and_done(&r);
    if (interrupted || r.write_failed) {
        galley_writer_abort(r.w);
        status = 2;
        if (interrupted)
            report(NULL, "interrupted; the output was not written");
    } else if (galley_writer_commit(r.w, werr, sizeof werr)) {
        report(NULL, werr);
        status = 2;
    } else {
        status = st->errors ? 1 : 0;
    }
    signal(SIGINT, old_int);
    signal(SIGTERM, old_term);
    st->seconds = now() - t0;
    if (o->progress && !o->quiet)
        summary(&r);
    galley_engine_free(r.e);
    galley_buf_free(&r.err);
    if (interrupted) {
        signal(interrupted, SIG_DFL);
        raise(interrupted);
    }
    return status;
}
