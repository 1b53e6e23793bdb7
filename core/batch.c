/*
** batch.c: the batch runner (see batch.h).
**
**   reader thread      input -> job ring (numbered in input order)
**   N worker threads   job -> records, print() output, messages
**   calling thread     jobs in number order -> stderr, stdout, writer
**
** The ring holds 'window' jobs; job number k lives in slot k % window.
** Three counters under one mutex say who owns what: slots [nwritten,
** ntaken) are being processed, [ntaken, nread) wait for a worker, and the
** reader fills slot nread once nread - nwritten < window. A worker marks
** its job ready; the calling thread takes job nwritten when it is ready,
** so output is in input order whatever the number of workers and each
** document's messages, print() output and records stay together.
** Wake-ups come in batches: the reader, once the ring is full, sleeps
** until it is half empty; the calling thread sleeps until job nwritten
** and a quarter of the ring are done (or work runs out). A document then
** costs a few lock operations rather than three thread switches.
**
** Resume: the reader asks the writer which documents the output has and
** skips them; when the script's corpus result needs them (finish and
** done, or --parts), they go through process again, their output dropped,
** unless the output already ends with done()'s records.
**
** Faults: a document's error is reported on stderr as "galley: PATH:
** message" and counted; the run goes on unless --fail-fast. On SIGINT or
** SIGTERM the output is abandoned (galley_writer_abort: a file keeps its
** previous content, a database its committed transactions), or with
** --resume committed with the documents finished so far, and the signal
** is raised again. With --resume a JSON Lines output is also committed
** every few seconds (checkpoint), so that even a kill -9 keeps the work
** done up to the last checkpoint; a database commits by itself.
**
** References: wrk's per-thread Lua states (src/wrk.c, src/script.c);
** POSIX threads (pthread_cond_timedwait on CLOCK_MONOTONIC).
*/
#include "batch.h"
#include "galley.h"
#include "json.h"
#include "write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Seconds between two redraws of the progress line. */
#define REDRAW 0.2

/* A checkpoint may take at most this share of the run's time. */
#define CHECKPOINT_SHARE 0.05

/* Deepest folder nesting the progress counter walks (as read.c). */
#define COUNT_DEPTH 64

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

/* Append "galley: WHERE: WHAT\n" (or "galley: WHAT\n") to 'b'. */
static void add_line(galley_buf *b, const char *where, const char *what)
{
    if (where)
        galley_buf_printf(b, "galley: %s: %s\n", where, what);
    else
        galley_buf_printf(b, "galley: %s\n", what);
}

unsigned galley_batch_shard(const char *path, unsigned n)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    return n ? (unsigned)(h % n) + 1 : 1;
}

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

enum { JOB_DOC, JOB_ERROR };

typedef struct job {
    int kind;
    int replay;                 /* resume: run for finish() only, output dropped */
    galley_source src;          /* the text is freed once the document is made */
    size_t bytes;               /* raw bytes, for the in-flight limit */
    galley_buf json;            /* records: compact JSON, one a line */
    galley_buf printed;         /* print() output */
    galley_buf pre, post;       /* stderr lines before and after 'printed' */
    int failed;                 /* the document failed (counts one error) */
    int ready;                  /* results are in (under 'mu') */
} job;

typedef struct batch batch;

typedef struct worker {
    batch *b;
    int index;
    pthread_t thread;
    int started;
    galley_engine *e;
    galley_buf err;
    int status;                 /* load and setup: 0, or 2 on failure */
    galley_buf setup_printed;   /* print() output of load and setup */
    galley_buf printed;         /* print() output of finish */
    galley_val part;            /* finish() */
    int finished;               /* finish() ran; 'finish_rc' is its status */
    int finish_rc;
} worker;

struct batch {
    const galley_batch_opts *o;
    galley_batch_stats *st;
    pthread_mutex_t mu;
    pthread_cond_t work;        /* workers: a job to take, go, or stop */
    pthread_cond_t space;       /* reader: room in the ring */
    pthread_cond_t ready;       /* caller: job nwritten is ready, or a worker is set up */
    job *ring;
    size_t window;
    size_t nread, ntaken, nwritten, inflight;
    int eof;                    /* the reader is done */
    int go;                     /* every worker is set up: start */
    int stop;                   /* stop now, skip finish() */
    int nsetup;                 /* workers set up (or failed to) */
    size_t rskipped;            /* documents the reader skipped (resume) */
    int reader_waiting;         /* the reader waits for room in the ring */
    int main_waiting;           /* the caller waits for job nwritten */
    size_t since;               /* jobs done since the caller began to wait */
    size_t batch_wake;          /* ... wake it when this many are */
    worker *w;
    int nw;
    pthread_t reader;
    int reader_started;
    galley_engine *main_e;      /* loads the script first; runs done() */
    galley_buf err;
    /* the writer; 'wmu' guards the pointer, which a checkpoint replaces */
    pthread_mutex_t wmu;
    galley_writer *out;
    int write_failed;
    int fmt_jsonl, fmt_db;
    int replay;                 /* resume: documents done are run for finish() */
    int complete;               /* resume: the output ends with done() records */
    double ck_last, ck_cost, ck_every;
    /* progress */
    int show;
    double t0, drawn_at;
    size_t drawn_len;
    size_t consumed;            /* jobs written */
    pthread_t counter;
    int counter_started;
    size_t total_docs;          /* from the counter, under 'mu' */
    int total_known;
};

static void job_reset(job *j)
{
    galley_source_free(&j->src);
    j->kind = JOB_DOC;
    j->replay = j->failed = j->ready = 0;
    j->bytes = 0;
    /* keep small buffers for the next job, give big ones back */
    galley_buf *bufs[] = {&j->printed, &j->pre, &j->post};
    for (size_t i = 0; i < 3; i++) {
        if (bufs[i]->cap > 65536)
            galley_buf_free(bufs[i]);
        bufs[i]->len = 0;
    }
    if (j->json.cap > (1u << 20))
        galley_buf_free(&j->json);
    j->json.len = 0;
}

static void job_free(job *j)
{
    galley_source_free(&j->src);
    galley_buf_free(&j->json);
    galley_buf_free(&j->printed);
    galley_buf_free(&j->pre);
    galley_buf_free(&j->post);
}

/* Stop everything; called with 'mu' held. */
static void stop_locked(batch *b)
{
    b->stop = 1;
    pthread_cond_broadcast(&b->work);
    pthread_cond_broadcast(&b->space);
    pthread_cond_broadcast(&b->ready);
}

/* Wait on 'cv' for at most 'seconds'. */
static void wait_for(pthread_cond_t *cv, pthread_mutex_t *mu, double seconds)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long ns = ts.tv_nsec + (long)(seconds * 1e9);
    ts.tv_sec += ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    pthread_cond_timedwait(cv, mu, &ts);
}

/* ------------------------------------------------------------------ */
/* Messages and progress (the calling thread)                          */
/* ------------------------------------------------------------------ */

/* Clear the progress line before other text goes to stderr. */
static void unprogress(batch *b)
{
    if (b && b->drawn_len) {
        fprintf(stderr, "\r%*s\r", (int)b->drawn_len, "");
        b->drawn_len = 0;
    }
}

static void say(batch *b, const char *where, const char *what)
{
    fflush(stdout);
    unprogress(b);
    if (where)
        fprintf(stderr, "galley: %s: %s\n", where, what);
    else
        fprintf(stderr, "galley: %s\n", what);
}

static void say_lines(batch *b, const galley_buf *lines)
{
    if (!lines->len)
        return;
    fflush(stdout);
    unprogress(b);
    fwrite(lines->s, 1, lines->len, stderr);
}

static void put_out(const galley_buf *text)
{
    if (text->len)
        fwrite(text->s, 1, text->len, stdout);
}

static void clock_text(char *s, size_t n, double secs)
{
    long t = (long)(secs + 0.5);
    if (t >= 3600)
        snprintf(s, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(s, n, "%ld:%02ld", t / 60, t % 60);
}

/* Redraw the progress line (at most every REDRAW seconds unless 'force'). */
static void progress(batch *b, int force)
{
    if (!b->show)
        return;
    double t = now();
    if (!force && t - b->drawn_at < REDRAW)
        return;
    b->drawn_at = t;
    pthread_mutex_lock(&b->mu);
    size_t done = b->consumed + b->rskipped, total = b->total_docs;
    int known = b->total_known;
    pthread_mutex_unlock(&b->mu);
    double secs = t - b->t0 > 1e-6 ? t - b->t0 : 1e-6;
    char line[256], eta[32] = "";
    int n;
    if (known && total >= done) {
        if (done > 0 && total > done) {
            char c[24];
            clock_text(c, sizeof c, (double)(total - done) * secs / (double)done);
            snprintf(eta, sizeof eta, ", ETA %s", c);
        }
        n = snprintf(line, sizeof line, "galley: %zu/%zu documents (%.0f%%)", done, total,
                     total ? 100.0 * (double)done / (double)total : 100.0);
    } else {
        n = snprintf(line, sizeof line, "galley: %zu documents", done);
    }
    n += snprintf(line + n, sizeof line - (size_t)n, ", %.1f MB/s, %.0f documents/s, "
                  "%zu error%s%s", (double)b->st->bytes / 1e6 / secs,
                  (double)done / secs, b->st->errors, b->st->errors == 1 ? "" : "s", eta);
    size_t len = strlen(line);
    fprintf(stderr, "\r%s", line);
    if (b->drawn_len > len)
        fprintf(stderr, "%*s", (int)(b->drawn_len - len), "");
    b->drawn_len = len > b->drawn_len ? len : b->drawn_len;
}

static void summary(batch *b)
{
    const galley_batch_stats *st = b->st;
    unprogress(b);
    double s = st->seconds > 0 ? st->seconds : 1e-9;
    char skipped[64] = "";
    if (st->skipped)
        snprintf(skipped, sizeof skipped, ", %zu already in the output", st->skipped);
    fprintf(stderr, "galley: %zu documents, %.1f MB, %.2f s, %.0f documents/s, "
            "%zu error%s%s\n", st->docs, (double)st->bytes / 1e6, st->seconds,
            (double)st->docs / s, st->errors, st->errors == 1 ? "" : "s", skipped);
}

/* ------------------------------------------------------------------ */
/* Counting the input for progress (its own thread)                    */
/* ------------------------------------------------------------------ */

typedef struct count_state {
    batch *b;
    size_t docs;
    int known;
    int cut;                    /* stopped before the end */
    dev_t dev[COUNT_DEPTH];
    ino_t ino[COUNT_DEPTH];
    int depth;
} count_state;

static int count_stopped(batch *b)
{
    pthread_mutex_lock(&b->mu);
    int s = b->stop || b->eof;
    pthread_mutex_unlock(&b->mu);
    return s;
}

/* As read.c: a glob with a '/' matches the path, else the file name. */
static int glob_match(const char *glob, const char *path)
{
    const char *base = strrchr(path, '/');
    const char *subject = strchr(glob, '/') ? path : (base ? base + 1 : path);
    return fnmatch(glob, subject, 0) == 0;
}

static int count_excluded(const galley_input_opts *o, const char *path)
{
    for (size_t i = 0; i < o->nexclude; i++)
        if (glob_match(o->exclude[i], path))
            return 1;
    return 0;
}

static int count_included(const galley_input_opts *o, const char *path)
{
    if (o->ninclude == 0)
        return galley_input_known(path);
    for (size_t i = 0; i < o->ninclude; i++)
        if (glob_match(o->include[i], path))
            return 1;
    return 0;
}

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), e = strlen(end);
    return n >= e && strcmp(s + n - e, end) == 0;
}

/* Documents in one file: its non-blank lines for JSON Lines, unknown for
** a JSON file (an array may hold any number), else one. */
static void count_file(count_state *c, const char *path)
{
    if (ends_with(path, ".json")) {
        c->known = 0;
        return;
    }
    if (!ends_with(path, ".jsonl") && !ends_with(path, ".ndjson")) {
        c->docs++;
        return;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    char chunk[65536];
    ssize_t n;
    int text = 0;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            char ch = chunk[i];
            if (ch == '\n') {
                c->docs += text;
                text = 0;
            } else if (ch != ' ' && ch != '\t' && ch != '\r') {
                text = 1;
            }
        }
    }
    c->docs += text;
    close(fd);
}

static void count_path(count_state *c, const char *path, int named);

static void count_dir(count_state *c, const char *path, const struct stat *st)
{
    for (int i = 0; i < c->depth; i++)
        if (c->dev[i] == st->st_dev && c->ino[i] == st->st_ino)
            return;
    if (c->depth == COUNT_DEPTH)
        return;
    DIR *d = opendir(path);
    if (!d)
        return;
    c->dev[c->depth] = st->st_dev;
    c->ino[c->depth] = st->st_ino;
    c->depth++;
    struct dirent *e;
    galley_buf p = {0};
    while ((e = readdir(d)) != NULL && !(c->cut = count_stopped(c->b))) {
        if (e->d_name[0] == '.')
            continue;
        p.len = 0;
        size_t n = strlen(path);
        if (galley_buf_printf(&p, "%s%s%s", path, n && path[n - 1] == '/' ? "" : "/",
                              e->d_name))
            break;
        count_path(c, p.s, 0);
    }
    galley_buf_free(&p);
    closedir(d);
    c->depth--;
}

static void count_path(count_state *c, const char *path, int named)
{
    const galley_input_opts *o = &c->b->o->input;
    if (strcmp(path, "-") == 0) {
        c->known = 0;
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        if (named || !count_excluded(o, path))
            c->docs += named || count_included(o, path);   /* reported as an error */
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (named || !count_excluded(o, path))
            count_dir(c, path, &st);
        return;
    }
    if (!named && (count_excluded(o, path) || !count_included(o, path) ||
                   !S_ISREG(st.st_mode)))
        return;
    count_file(c, path);
}

/* Count the documents of the input, as the reader will see them. */
static void *counter_main(void *arg)
{
    batch *b = arg;
    const galley_batch_opts *o = b->o;
    count_state c = {0};
    c.b = b;
    c.known = o->nshards <= 1;      /* a shard's share is not known in advance */
    if (o->npaths == 0)
        c.known = 0;
    for (size_t i = 0; i < o->npaths && c.known && !c.cut; i++)
        if (!(c.cut = count_stopped(b)))
            count_path(&c, o->paths[i], 1);
    pthread_mutex_lock(&b->mu);
    b->total_docs = c.docs;
    b->total_known = c.known && !c.cut;
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Resume                                                              */
/* ------------------------------------------------------------------ */

static int eqnocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
        int y = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* The output's format, as write.c picks it: set 'jsonl' or 'db'. */
static void output_format(batch *b)
{
    const char *f = b->o->format, *path = b->o->output;
    if (!f && path && strcmp(path, "-") != 0) {
        const char *slash = strrchr(path, '/');
        const char *dot = strrchr(slash ? slash + 1 : path, '.');
        f = dot ? dot + 1 : "jsonl";
    }
    if (!f)
        f = "jsonl";
    static const char *const others[] = {"json", "csv", "tsv", "md", "markdown", "html",
                                         "htm", NULL};
    b->fmt_db = eqnocase(f, "db") || eqnocase(f, "sqlite") || eqnocase(f, "sqlite3");
    b->fmt_jsonl = !b->fmt_db;
    for (int i = 0; others[i]; i++)
        if (eqnocase(f, others[i]))
            b->fmt_jsonl = 0;
}

/* 1 when the last complete line of the JSON Lines file 'path' is a record
** without a path: done() wrote it, so the run that made the file ended. */
static int jsonl_complete(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int complete = 0;
    char *s = NULL;
    if (fseeko(f, 0, SEEK_END) == 0) {
        off_t size = ftello(f), want = 4096;
        for (;;) {
            off_t from = size > want ? size - want : 0;
            size_t n = (size_t)(size - from);
            char *t = realloc(s, n + 1);
            if (!t || fseeko(f, from, SEEK_SET) || fread(t, 1, n, f) != n) {
                s = t ? t : s;
                break;
            }
            s = t;
            size_t end = n;
            while (end > 0 && s[end - 1] != '\n')   /* drop a cut last line */
                end--;
            while (end > 0 && s[end - 1] == '\n')
                end--;
            size_t start = end;
            while (start > 0 && s[start - 1] != '\n')
                start--;
            if (start == 0 && from > 0) {           /* the line starts further back */
                want *= 4;
                continue;
            }
            galley_val v;
            galley_json_error je;
            if (end > start && galley_json_decode(s + start, end - start, &v, &je) == 0) {
                const galley_val *p = v.type == GALLEY_OBJ ? galley_val_get(&v, "path") : NULL;
                complete = v.type == GALLEY_OBJ && (!p || p->type == GALLEY_NULL);
                galley_val_free(&v);
            }
            break;
        }
    }
    free(s);
    fclose(f);
    return complete;
}

/* 1 when the last row of the database's documents table has no path. */
static int db_complete(const char *path)
{
    sqlite3 *db;
    int complete = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT \"path\" IS NULL FROM \"documents\" "
                               "ORDER BY rowid DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                complete = sqlite3_column_int(st, 0) != 0;
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return complete;
}

/* Remove the temporary files ".NAME.tmp-PID[-K]" that runs killed before
** their commit left beside 'path' (their process is gone). */
static void remove_stale(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    galley_buf dir = {0}, prefix = {0}, full = {0};
    if (galley_buf_add(&dir, path, slash ? (size_t)(slash - path) + 1 : 0) ||
        galley_buf_printf(&prefix, ".%s.tmp-", base)) {
        galley_buf_free(&dir);
        galley_buf_free(&prefix);
        return;
    }
    DIR *d = opendir(dir.len ? dir.s : ".");
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix.s, prefix.len) != 0)
            continue;
        const char *p = e->d_name + prefix.len;
        char *end;
        long pid = strtol(p, &end, 10);
        if (end == p || pid <= 0 || pid == (long)getpid())
            continue;
        if (*end == '-') {
            const char *k = end + 1;
            strtol(k, &end, 10);
            if (end == k)
                continue;
        }
        if (*end || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        full.len = 0;
        if (galley_buf_printf(&full, "%s%s", dir.s ? dir.s : "", e->d_name) == 0)
            unlink(full.s);
    }
    if (d)
        closedir(d);
    galley_buf_free(&dir);
    galley_buf_free(&prefix);
    galley_buf_free(&full);
}

/* The text of a document's id as the writer compares it, or NULL. */
static const char *id_text(const galley_val *meta, galley_buf *b)
{
    const galley_val *id = meta->type == GALLEY_OBJ ? galley_val_get(meta, "id") : NULL;
    if (!id || id->type == GALLEY_NULL)
        return NULL;
    b->len = 0;
    int rc;
    switch (id->type) {
    case GALLEY_STR: rc = galley_buf_add(b, id->u.str.s, id->u.str.len); break;
    case GALLEY_INT: rc = galley_buf_printf(b, "%" PRId64, id->u.i); break;
    case GALLEY_NUM: rc = galley_json_number(b, id->u.n); break;
    default:         rc = galley_json_encode(id, b); break;
    }
    if (rc || galley_buf_addc(b, '\0'))
        return NULL;
    return b->s;
}

/* 1 when the output already has the records of 'src'. */
static int already_done(batch *b, const galley_source *src, galley_buf *scratch)
{
    if (!src->path)
        return 0;
    const char *id = id_text(&src->meta, scratch);
    pthread_mutex_lock(&b->wmu);
    int done = b->out && galley_writer_done(b->out, src->path, id);
    pthread_mutex_unlock(&b->wmu);
    return done;
}

/* Commit the JSON Lines output and open it again to go on (--resume), so
** that a kill loses at most the work since the last checkpoint. */
static void checkpoint(batch *b)
{
    double t = now();
    char err[512];
    pthread_mutex_lock(&b->wmu);
    int rc = galley_writer_commit(b->out, err, sizeof err);
    b->out = NULL;
    if (rc == GALLEY_OK)
        rc = galley_writer_open(&b->out, b->o->output, b->o->format, GALLEY_WRITE_RESUME,
                                err, sizeof err);
    pthread_mutex_unlock(&b->wmu);
    if (rc) {
        say(b, NULL, err);
        b->write_failed = 1;
    }
    b->ck_last = now();
    b->ck_cost = b->ck_last - t;
}

static void maybe_checkpoint(batch *b)
{
    if (!b->o->resume || !b->fmt_jsonl || b->write_failed || !b->out)
        return;
    double t = now(), every = b->ck_every;
    if (every < b->ck_cost / CHECKPOINT_SHARE)
        every = b->ck_cost / CHECKPOINT_SHARE;
    if (t - b->ck_last >= every)
        checkpoint(b);
}

/* ------------------------------------------------------------------ */
/* Reader thread                                                       */
/* ------------------------------------------------------------------ */

/* Put job 'j' (moved) into the ring; returns 0, or -1 when stopped. */
static int push_job(batch *b, job *j)
{
    pthread_mutex_lock(&b->mu);
    while (!b->stop && (b->nread - b->nwritten >= b->window ||
                        (b->nread > b->nwritten && b->inflight + j->bytes > GALLEY_BATCH_BYTES))) {
        b->reader_waiting = 1;
        pthread_cond_wait(&b->space, &b->mu);
    }
    b->reader_waiting = 0;
    if (b->stop) {
        pthread_mutex_unlock(&b->mu);
        return -1;
    }
    job *slot = &b->ring[b->nread % b->window];
    slot->kind = j->kind;
    slot->replay = j->replay;
    slot->failed = j->failed;
    slot->src = j->src;
    slot->bytes = j->bytes;
    galley_buf t = slot->post;
    slot->post = j->post;
    j->post = t;
    memset(&j->src, 0, sizeof j->src);
    b->inflight += j->bytes;
    b->nread++;
    pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
    return 0;
}

static void *reader_main(void *arg)
{
    batch *b = arg;
    const galley_batch_opts *o = b->o;
    static const char *const stdin_only[] = {"-"};
    galley_input *in = NULL;
    galley_buf err = {0}, scratch = {0};
    job j = {0};
    if (galley_input_open(&in, o->npaths ? o->paths : stdin_only, o->npaths ? o->npaths : 1,
                          &o->input)) {
        j.kind = JOB_ERROR;
        j.failed = 1;
        add_line(&j.post, NULL, "not enough memory");
        push_job(b, &j);
    }
    for (int rc = 1; in && rc;) {
        memset(&j.src, 0, sizeof j.src);
        j.kind = JOB_DOC;
        j.replay = j.failed = 0;
        j.bytes = 0;
        j.post.len = 0;
        rc = galley_input_next(in, &j.src, &err);
        if (rc == 0)
            break;
        if (rc < 0) {
            /* a bad file or line: reported once, by shard 1 */
            if (o->nshards > 1 && o->shard != 1)
                continue;
            j.kind = JOB_ERROR;
            j.failed = 1;
            add_line(&j.post, NULL, err.len ? err.s : "not enough memory");
        } else {
            if (o->nshards > 1 && galley_batch_shard(j.src.path, o->nshards) != o->shard) {
                galley_source_free(&j.src);
                continue;
            }
            if (o->resume && already_done(b, &j.src, &scratch)) {
                if (!b->replay) {
                    galley_source_free(&j.src);
                    pthread_mutex_lock(&b->mu);
                    b->rskipped++;
                    pthread_mutex_unlock(&b->mu);
                    continue;
                }
                j.replay = 1;
            }
            j.bytes = j.src.len;
        }
        if (push_job(b, &j)) {
            galley_source_free(&j.src);
            break;
        }
        if (rc == GALLEY_ENOMEM)
            break;
    }
    galley_input_close(in);
    galley_buf_free(&err);
    galley_buf_free(&scratch);
    galley_buf_free(&j.post);
    pthread_mutex_lock(&b->mu);
    b->eof = 1;
    pthread_cond_broadcast(&b->work);
    pthread_cond_broadcast(&b->ready);
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Worker threads                                                      */
/* ------------------------------------------------------------------ */

static void warn_cleaning(const galley_doc *doc, galley_buf *lines)
{
    if (doc->stats.invalid == 0)
        return;
    char msg[160];
    snprintf(msg, sizeof msg, "warning: %zu invalid UTF-8 sequence%s or NUL bytes "
             "replaced by U+FFFD (the first at byte %zu)", doc->stats.invalid,
             doc->stats.invalid == 1 ? "" : "s", doc->stats.first_invalid);
    add_line(lines, doc->path ? doc->path : "-", msg);
}

static void run_job(worker *w, job *j)
{
    if (j->kind != JOB_DOC)
        return;
    const char *path = j->src.path ? j->src.path : "-";
    galley_doc *doc;
    int rc = galley_doc_from_source(&doc, &j->src);
    free(j->src.text);              /* the document has its own copy */
    j->src.text = NULL;
    if (rc) {
        add_line(&j->post, path, rc == GALLEY_ELIMIT ? "document too large"
                                                     : "not enough memory");
        j->failed = 1;
        return;
    }
    warn_cleaning(doc, &j->pre);
    w->err.len = 0;
    j->json.len = 0;
    rc = galley_engine_process_json(w->e, doc, &j->json, &w->err);
    galley_engine_printed(w->e, &j->printed);
    if (rc) {
        j->json.len = 0;
        add_line(&j->post, path, rc == GALLEY_ENOMEM ? "not enough memory"
                                 : w->err.len ? w->err.s : "error");
        j->failed = 1;
    }
}

/* A new engine with the script loaded and set up; 0 or 2. */
static int engine_ready(const galley_batch_opts *o, galley_engine **e, galley_buf *err,
                        int setup)
{
    if (galley_engine_new(e, &o->engine)) {
        err->len = 0;
        galley_buf_adds(err, "not enough memory");
        return 2;
    }
    galley_engine_capture(*e);
    int rc = o->eval ? galley_engine_load_eval(*e, o->eval, err)
                     : galley_engine_load(*e, o->script, err);
    if (rc == GALLEY_OK && setup)
        rc = galley_engine_setup(*e, o->params, err);
    if (rc == GALLEY_ENOMEM) {
        err->len = 0;
        galley_buf_adds(err, "not enough memory");
    }
    return rc ? 2 : 0;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    w->status = engine_ready(b->o, &w->e, &w->err, 1);
    if (w->e)
        galley_engine_printed(w->e, &w->setup_printed);
    pthread_mutex_lock(&b->mu);
    b->nsetup++;
    pthread_cond_broadcast(&b->ready);
    while (!b->go && !b->stop)
        pthread_cond_wait(&b->work, &b->mu);
    for (;;) {
        while (!b->stop && b->ntaken == b->nread && !b->eof)
            pthread_cond_wait(&b->work, &b->mu);
        if (b->stop || (b->ntaken == b->nread && b->eof))
            break;
        size_t seq = b->ntaken++;
        job *j = &b->ring[seq % b->window];
        pthread_mutex_unlock(&b->mu);
        run_job(w, j);
        pthread_mutex_lock(&b->mu);
        j->ready = 1;
        /* wake the caller once a few jobs are ready, or when work runs out */
        if (b->main_waiting && b->ring[b->nwritten % b->window].ready &&
            (++b->since >= b->batch_wake || b->ntaken == b->nread))
            pthread_cond_signal(&b->ready);
    }
    int finish = !b->stop;
    pthread_mutex_unlock(&b->mu);
    if (finish) {
        w->err.len = 0;
        w->finish_rc = galley_engine_finish(w->e, &w->part, &w->err);
        galley_engine_printed(w->e, &w->printed);
        w->finished = 1;
    }
    galley_engine_free(w->e);
    w->e = NULL;
    return NULL;
}

/* ------------------------------------------------------------------ */
/* The calling thread: output in input order                           */
/* ------------------------------------------------------------------ */

/* Count what the writer said of one record: 1 when it refused the record
** (the run goes on), else 0; a write error stops the writing. */
static int tally(batch *b, int rc)
{
    if (rc == GALLEY_OK) {
        b->st->records++;
        return 0;
    }
    say(b, NULL, galley_writer_error(b->out));
    if (rc != GALLEY_EINVAL) {
        b->write_failed = 1;
        return 0;
    }
    b->st->errors++;
    return 1;
}

/* Write every record of 'records' (an array). Returns 1 when a record was
** refused, -1 when the writer failed, else 0. */
static int emit(batch *b, const galley_val *records)
{
    int refused = 0;
    for (size_t i = 0; i < records->u.arr.n && !b->write_failed; i++) {
        int rc = galley_writer_put(b->out, &records->u.arr.items[i]);
        refused |= tally(b, rc);
    }
    return b->write_failed ? -1 : refused;
}

/* Write the records of 'json' (compact JSON, one a line) as emit does. */
static int emit_json(batch *b, const galley_buf *json)
{
    int refused = 0;
    const char *p = json->s, *end = json->s + json->len;
    while (p < end && !b->write_failed) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        int rc = galley_writer_put_json(b->out, p, len);
        p += len + 1;
        refused |= tally(b, rc);
    }
    return b->write_failed ? -1 : refused;
}

/* Write out job 'j'; returns 1 when the run must stop after it. */
static int consume(batch *b, job *j)
{
    galley_batch_stats *st = b->st;
    say_lines(b, &j->pre);
    if (!j->replay)
        put_out(&j->printed);
    say_lines(b, &j->post);
    if (j->kind == JOB_DOC) {
        if (j->replay)
            st->skipped++;
        else
            st->docs++;
        st->bytes += j->bytes;
    }
    st->errors += (size_t)j->failed;
    int refused = 0;
    if (!j->replay && j->json.len)
        refused = emit_json(b, &j->json);
    if (refused < 0)
        return 1;
    return (j->failed || refused) && b->o->fail_fast;
}

/* Write the jobs out in order until the input ends or the run stops. */
static void drain(batch *b)
{
    pthread_mutex_lock(&b->mu);
    for (;;) {
        job *j = &b->ring[b->nwritten % b->window];
        while (!b->stop && !interrupted && !(b->nwritten < b->nread && j->ready) &&
               !(b->eof && b->nwritten == b->nread)) {
            b->main_waiting = 1;
            b->since = 0;
            wait_for(&b->ready, &b->mu, REDRAW);
            b->main_waiting = 0;
            if (b->show) {
                pthread_mutex_unlock(&b->mu);
                progress(b, 0);
                pthread_mutex_lock(&b->mu);
            }
        }
        if (b->stop || interrupted || (b->eof && b->nwritten == b->nread))
            break;
        pthread_mutex_unlock(&b->mu);
        int stop = consume(b, j);
        size_t bytes = j->bytes;
        job_reset(j);
        if (b->show)
            progress(b, 0);
        maybe_checkpoint(b);
        pthread_mutex_lock(&b->mu);
        b->inflight -= bytes;
        b->nwritten++;
        b->consumed++;
        /* let the reader go on once the ring is half empty */
        if (b->reader_waiting && ((b->nread - b->nwritten <= b->window / 2 &&
                                   b->inflight <= GALLEY_BATCH_BYTES / 2) ||
                                  b->nread == b->nwritten))
            pthread_cond_signal(&b->space);
        if (stop || b->write_failed) {
            stop_locked(b);
            break;
        }
    }
    pthread_mutex_unlock(&b->mu);
}

/* Join the threads (after a stop or the end of the input). */
static void join_all(batch *b)
{
    if (b->reader_started)
        pthread_join(b->reader, NULL);
    b->reader_started = 0;
    for (int i = 0; i < b->nw; i++)
        if (b->w[i].started) {
            pthread_join(b->w[i].thread, NULL);
            b->w[i].started = 0;
        }
    if (b->counter_started)
        pthread_join(b->counter, NULL);
    b->counter_started = 0;
}

/* Start the threads with SIGINT and SIGTERM blocked in them, so that the
** calling thread gets the signals. Returns 0 or -1. */
static int start_threads(batch *b)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int rc = 0;
    for (int i = 0; i < b->nw && !rc; i++) {
        b->w[i].b = b;
        b->w[i].index = i;
        rc = pthread_create(&b->w[i].thread, NULL, worker_main, &b->w[i]);
        b->w[i].started = rc == 0;
    }
    if (!rc) {
        rc = pthread_create(&b->reader, NULL, reader_main, b);
        b->reader_started = rc == 0;
    }
    if (!rc && b->show) {
        b->counter_started = pthread_create(&b->counter, NULL, counter_main, b) == 0;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc ? -1 : 0;
}

/* Wait until every worker is set up; returns 0, or 2 (a setup failed, or
** a signal came). */
static int wait_setup(batch *b)
{
    pthread_mutex_lock(&b->mu);
    while (b->nsetup < b->nw && !interrupted)
        wait_for(&b->ready, &b->mu, REDRAW);
    int failed = interrupted != 0;
    for (int i = 0; i < b->nw && !failed && b->nsetup == b->nw; i++)
        failed = b->w[i].status != 0;
    if (failed)
        stop_locked(b);
    else {
        b->go = 1;
        pthread_cond_broadcast(&b->work);
    }
    pthread_mutex_unlock(&b->mu);
    if (failed && !interrupted) {
        for (int i = 0; i < b->nw; i++)
            if (b->w[i].status) {
                say(b, NULL, b->w[i].err.len ? b->w[i].err.s : "not enough memory");
                break;
            }
    }
    return failed ? 2 : 0;
}

/* ------------------------------------------------------------------ */
/* Parts and done                                                      */
/* ------------------------------------------------------------------ */

/* Write 'parts' to 'path' as JSON Lines, one part a line, through a
** temporary file renamed at the end ("-": to standard output). Returns 0
** or -1 (reported). */
static int write_parts(batch *b, const char *path, const galley_val *parts)
{
    galley_buf tmp = {0}, line = {0};
    if (strcmp(path, "-") == 0) {
        int rc = 0;
        for (size_t i = 0; i < parts->u.arr.n && !rc; i++) {
            line.len = 0;
            rc = galley_json_encode(&parts->u.arr.items[i], &line) || galley_buf_addc(&line, '\n');
            if (!rc)
                put_out(&line);
        }
        galley_buf_free(&line);
        if (fflush(stdout))
            rc = 1;
        if (rc)
            say(b, "standard output", "cannot write the parts");
        return rc ? -1 : 0;
    }
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
    if (galley_buf_printf(&tmp, "%.*s.%s.tmp-%ld", (int)dlen, path, path + dlen,
                          (long)getpid())) {
        say(b, path, "not enough memory");
        return -1;
    }
    FILE *f = fopen(tmp.s, "w");
    int rc = f ? 0 : -1;
    const char *why = NULL;
    for (size_t i = 0; i < parts->u.arr.n && !rc; i++) {
        line.len = 0;
        int jr = galley_json_encode(&parts->u.arr.items[i], &line);
        if (jr) {
            why = jr == GALLEY_EINVAL ? "a part has a NaN or infinite number, or nests "
                                        "too deep" : "not enough memory";
            rc = -1;
        } else if (galley_buf_addc(&line, '\n') || fwrite(line.s, 1, line.len, f) != line.len) {
            rc = -1;
        }
    }
    if (f && (fflush(f) || fsync(fileno(f))))
        rc = -1;
    if (f && fclose(f))
        rc = -1;
    if (!rc && rename(tmp.s, path))
        rc = -1;
    if (rc) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot write the parts: %s", why ? why : strerror(errno));
        say(b, path, msg);
        unlink(tmp.s);
    }
    galley_buf_free(&tmp);
    galley_buf_free(&line);
    return rc;
}

/* done(parts) in engine 'e'; its output goes out. Returns 0 or -1. */
static int run_done(batch *b, galley_engine *e, const galley_val *parts)
{
    galley_val records;
    galley_val_arr(&records);
    b->err.len = 0;
    int rc = galley_engine_done(e, parts, &records, &b->err);
    galley_buf printed = {0};
    galley_engine_printed(e, &printed);
    put_out(&printed);
    galley_buf_free(&printed);
    if (rc) {
        say(b, NULL, rc == GALLEY_ENOMEM ? "not enough memory" : b->err.len ? b->err.s : "error");
        b->st->errors++;
    } else {
        emit(b, &records);
    }
    galley_val_free(&records);
    return rc ? -1 : 0;
}

/* After the last document: the workers' finish() output in worker order,
** then the parts to --parts FILE or to done(). */
static void finish_all(batch *b, int run_done_hook)
{
    galley_val parts;
    galley_val_arr(&parts);
    for (int i = 0; i < b->nw; i++) {
        worker *w = &b->w[i];
        if (!w->finished)
            continue;
        put_out(&w->printed);
        if (w->finish_rc) {
            say(b, NULL, w->finish_rc == GALLEY_ENOMEM ? "not enough memory"
                         : w->err.len ? w->err.s : "error");
            b->st->errors++;
        } else if (w->part.type != GALLEY_NULL) {
            galley_val *slot = galley_val_push(&parts);
            if (!slot) {
                say(b, NULL, "not enough memory");
                b->st->errors++;
                break;
            }
            *slot = w->part;
            galley_val_null(&w->part);
        }
    }
    if (b->o->parts) {
        if (write_parts(b, b->o->parts, &parts))
            b->write_failed = 1;
    } else if (run_done_hook) {
        run_done(b, b->main_e, &parts);
    }
    galley_val_free(&parts);
}

/* ------------------------------------------------------------------ */
/* Running a batch                                                     */
/* ------------------------------------------------------------------ */

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

static int batch_init(batch *b, const galley_batch_opts *o, galley_batch_stats *st)
{
    memset(b, 0, sizeof *b);
    memset(st, 0, sizeof *st);
    b->o = o;
    b->st = st;
    b->t0 = now();
    b->show = o->progress && !o->quiet;
    b->nw = o->jobs > 0 ? o->jobs : default_jobs();
    b->window = (size_t)b->nw * GALLEY_BATCH_WINDOW;
    b->batch_wake = b->window / 4 ? b->window / 4 : 1;
    b->drawn_at = b->t0;
    b->ck_every = o->checkpoint > 0 ? o->checkpoint : GALLEY_BATCH_CHECKPOINT;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&b->mu, NULL);
    pthread_mutex_init(&b->wmu, NULL);
    pthread_cond_init(&b->work, &ca);
    pthread_cond_init(&b->space, &ca);
    pthread_cond_init(&b->ready, &ca);
    pthread_condattr_destroy(&ca);
    b->ring = calloc(b->window, sizeof *b->ring);
    b->w = calloc((size_t)b->nw, sizeof *b->w);
    if (!b->ring || !b->w)
        return -1;
    return 0;
}

static void batch_free(batch *b)
{
    for (size_t i = 0; b->ring && i < b->window; i++)
        job_free(&b->ring[i]);
    free(b->ring);
    for (int i = 0; b->w && i < b->nw; i++) {
        galley_engine_free(b->w[i].e);
        galley_buf_free(&b->w[i].err);
        galley_buf_free(&b->w[i].setup_printed);
        galley_buf_free(&b->w[i].printed);
        galley_val_free(&b->w[i].part);
    }
    free(b->w);
    galley_engine_free(b->main_e);
    galley_buf_free(&b->err);
    pthread_mutex_destroy(&b->mu);
    pthread_mutex_destroy(&b->wmu);
    pthread_cond_destroy(&b->work);
    pthread_cond_destroy(&b->space);
    pthread_cond_destroy(&b->ready);
}

/* After SIGINT or SIGTERM: keep (--resume) or drop the output, say so, and
** die of the signal. The other threads are not waited for. */
static void die_of_signal(batch *b)
{
    char err[512];
    pthread_mutex_lock(&b->wmu);    /* the reader may be looking at the writer */
    if (b->out && b->o->resume && !b->write_failed) {
        if (galley_writer_commit(b->out, err, sizeof err))
            say(b, NULL, err);
        else {
            snprintf(err, sizeof err, "interrupted; the output has the documents finished "
                     "so far: run again with --resume to go on");
            say(b, NULL, err);
        }
    } else {
        const char *o = b->o->output;
        galley_writer_abort(b->out);
        say(b, NULL, !o || !strcmp(o, "-") ? "interrupted"
               : b->fmt_db ? "interrupted; the database keeps the documents committed "
                             "so far (--resume goes on from there)"
               : "interrupted; the output was not written");
    }
    b->out = NULL;
    fflush(stdout);
    signal(interrupted, SIG_DFL);   /* the reader stays blocked on 'wmu' */
    raise(interrupted);
    _exit(128 + interrupted);
}

int galley_batch_run(const galley_batch_opts *o, galley_batch_stats *st)
{
    batch b;
    if (batch_init(&b, o, st)) {
        say(NULL, NULL, "not enough memory");
        batch_free(&b);
        return 2;
    }
    output_format(&b);
    /* the script is loaded once here first: a load error is reported once */
    int status = engine_ready(o, &b.main_e, &b.err, 0);
    if (status) {
        say(NULL, NULL, b.err.s ? b.err.s : "not enough memory");
        batch_free(&b);
        return 2;
    }
    galley_buf dropped = {0};
    int has_finish = galley_engine_has(b.main_e, "finish");
    int has_done = galley_engine_has(b.main_e, "done");
    if (o->resume && o->output && strcmp(o->output, "-") != 0)
        b.complete = b.fmt_db ? db_complete(o->output)
                   : b.fmt_jsonl ? jsonl_complete(o->output) : 0;
    b.replay = o->resume && has_finish && (o->parts || (has_done && !b.complete));
    int want_done = has_done && !o->parts && !(o->resume && b.complete);
    if (want_done) {
        b.err.len = 0;
        if (galley_engine_setup(b.main_e, o->params, &b.err)) {
            say(NULL, NULL, b.err.len ? b.err.s : "not enough memory");
            batch_free(&b);
            return 2;
        }
    }
    galley_engine_printed(b.main_e, &dropped);  /* the workers' print() shows instead */
    galley_buf_free(&dropped);
    if (o->output && strcmp(o->output, "-") != 0)
        remove_stale(o->output);
    char werr[512];
    if (galley_writer_open(&b.out, o->output, o->format, o->resume ? GALLEY_WRITE_RESUME : 0,
                           werr, sizeof werr)) {
        say(NULL, NULL, werr);
        batch_free(&b);
        return 2;
    }
    b.ck_last = now();
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;     /* a second Ctrl-C ends it at once */
    sigemptyset(&sa.sa_mask);
    /* a signal ignored by whoever started us (nohup, a background job) stays so */
    sigaction(SIGINT, NULL, &old_int);
    sigaction(SIGTERM, NULL, &old_term);
    if (old_int.sa_handler != SIG_IGN)
        sigaction(SIGINT, &sa, NULL);
    if (old_term.sa_handler != SIG_IGN)
        sigaction(SIGTERM, &sa, NULL);
    if (start_threads(&b)) {
        pthread_mutex_lock(&b.mu);
        stop_locked(&b);
        pthread_mutex_unlock(&b.mu);
        say(&b, NULL, "cannot start threads");
        status = 2;
    } else {
        status = wait_setup(&b);
    }
    if (status == 0) {
        put_out(&b.w[0].setup_printed);     /* print() of load and setup: once */
        drain(&b);
    }
    if (interrupted)
        die_of_signal(&b);
    join_all(&b);
    st->skipped += b.rskipped;
    if (interrupted)
        die_of_signal(&b);
    if (status == 0 && !b.stop)
        finish_all(&b, want_done);
    if (status == 0 && interrupted)
        die_of_signal(&b);
    if (status || b.write_failed) {
        galley_writer_abort(b.out);
        status = 2;
    } else if (galley_writer_commit(b.out, werr, sizeof werr)) {
        say(&b, NULL, werr);
        status = 2;
    } else {
        status = st->errors ? 1 : 0;
    }
    b.out = NULL;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    st->seconds = now() - b.t0;
    fflush(stdout);
    if (b.show)
        summary(&b);
    batch_free(&b);
    return status;
}

/* ------------------------------------------------------------------ */
/* Merge                                                               */
/* ------------------------------------------------------------------ */

/* Append the parts of file 'path' (JSON Lines) to 'parts'; 0 or -1. */
static int read_parts(batch *b, const char *path, galley_val *parts)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "r");
    char msg[300];
    if (!f) {
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        say(b, path, msg);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t i = 0;
        while (i < (size_t)n && strchr(" \t\r\n", line[i]))
            i++;
        if (i == (size_t)n)
            continue;
        galley_val *slot = galley_val_push(parts);
        galley_json_error je;
        int jr = slot ? galley_json_decode(line, (size_t)n, slot, &je) : GALLEY_ENOMEM;
        if (jr) {
            char where[300];
            snprintf(where, sizeof where, "%s:%zu", path, lineno);
            if (jr == GALLEY_EINVAL)
                snprintf(msg, sizeof msg, "invalid JSON at column %zu: %s", je.col, je.msg);
            else
                snprintf(msg, sizeof msg, "not enough memory");
            say(b, where, msg);
            rc = -1;
        }
    }
    if (!rc && ferror(f)) {
        snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
        say(b, path, msg);
        rc = -1;
    }
    free(line);
    if (!is_stdin)
        fclose(f);
    return rc;
}

int galley_batch_merge(const galley_batch_opts *o, galley_batch_stats *st)
{
    batch b;
    galley_batch_opts one = *o;
    one.jobs = 1;
    if (batch_init(&b, &one, st)) {
        say(NULL, NULL, "not enough memory");
        batch_free(&b);
        return 2;
    }
    b.show = 0;
    int status = engine_ready(o, &b.main_e, &b.err, 1);
    if (status == 0 && !galley_engine_has(b.main_e, "done")) {
        b.err.len = 0;
        galley_buf_printf(&b.err, "%s: the script has no done hook, nothing to merge",
                          o->script);
        status = 2;
    }
    galley_buf printed = {0};
    if (b.main_e)
        galley_engine_printed(b.main_e, &printed);
    if (status) {
        say(NULL, NULL, b.err.len ? b.err.s : "not enough memory");
        galley_buf_free(&printed);
        batch_free(&b);
        return 2;
    }
    galley_val parts;
    galley_val_arr(&parts);
    static const char *const stdin_only[] = {"-"};
    const char *const *files = o->npaths ? o->paths : stdin_only;
    size_t nfiles = o->npaths ? o->npaths : 1;
    for (size_t i = 0; i < nfiles && status == 0; i++)
        if (read_parts(&b, files[i], &parts))
            status = 2;
    char werr[512];
    if (status == 0 && galley_writer_open(&b.out, o->output, o->format, 0, werr, sizeof werr)) {
        say(NULL, NULL, werr);
        status = 2;
    }
    if (status == 0) {
        put_out(&printed);
        run_done(&b, b.main_e, &parts);
        if (b.write_failed) {
            galley_writer_abort(b.out);
            status = 2;
        } else if (galley_writer_commit(b.out, werr, sizeof werr)) {
            say(NULL, NULL, werr);
            status = 2;
        } else {
            status = st->errors ? 1 : 0;
        }
        b.out = NULL;
    }
    fflush(stdout);
    galley_buf_free(&printed);
    galley_val_free(&parts);
    st->seconds = now() - b.t0;
    batch_free(&b);
    return status;
}
