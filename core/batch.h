/*
** batch.h: the batch runner. Reads documents from the input paths, runs
** the pipeline's hooks over them on N worker threads (one Lua state each)
** and writes the records in input order; counts and reports what failed
** and goes on. It knows nothing of articles: the script says what to do
** with each document.
**
** Threads: one reader (input -> numbered jobs), N workers (a job -> its
** records, print() output and messages), and the caller's thread, which
** writes everything in input order. At most GALLEY_BATCH_WINDOW jobs per
** worker are in flight (read and not yet written), so memory does not grow
** with the number of documents.
**
** Ownership: the runner copies nothing from 'opts', which must outlive the
** call; it owns its engines, writer and threads and frees them on return.
*/
#ifndef GALLEY_BATCH_H
#define GALLEY_BATCH_H

#include "engine.h"
#include "read.h"
#include "value.h"

/* Documents in flight (read, not yet written) per worker thread. */
#if !defined(GALLEY_BATCH_WINDOW)
#define GALLEY_BATCH_WINDOW 16
#endif

/* Bytes of raw documents in flight, at most (one document always fits). */
#if !defined(GALLEY_BATCH_BYTES)
#define GALLEY_BATCH_BYTES ((size_t)64 << 20)
#endif

/* Seconds between two commits of a resumable JSON Lines output (--resume). */
#if !defined(GALLEY_BATCH_CHECKPOINT)
#define GALLEY_BATCH_CHECKPOINT 30.0
#endif

typedef struct galley_batch_opts {
    const char *script;             /* pipeline file or stock name ... */
    const char *eval;               /* ... or a chunk for `galley eval` */
    const char *const *paths;       /* inputs (merge: parts files); none: stdin */
    size_t npaths;
    galley_input_opts input;
    galley_engine_opts engine;
    const galley_val *params;       /* --set KEY=VALUE pairs, an object */
    const char *output;             /* -o FILE; NULL for standard output */
    const char *format;             /* -f FORMAT; NULL to follow the extension */
    int jobs;                       /* worker threads; 0: the number of cores */
    int quiet, progress, fail_fast;
    unsigned shard, nshards;        /* --shard I/N (1 <= I <= N); 0/0: all */
    const char *parts;              /* --parts FILE: the finish() parts */
    int resume;                     /* --resume: skip documents in the output */
    double checkpoint;              /* seconds; 0: GALLEY_BATCH_CHECKPOINT */
} galley_batch_opts;

typedef struct galley_batch_stats {
    size_t docs;                    /* documents processed */
    size_t skipped;                 /* already in the output (--resume) */
    size_t records, errors, bytes;
    double seconds;
} galley_batch_stats;

/* Run the batch; returns the exit status (0 ok, 1 some documents failed,
** 2 the script could not be loaded or the output not written). */
int galley_batch_run(const galley_batch_opts *opts, galley_batch_stats *stats);

/* `galley merge`: run done(parts) over the parts files 'opts->paths' (as
** written by --parts, "-" for standard input) in the order given, and
** write its records. Returns the exit status as galley_batch_run. */
int galley_batch_merge(const galley_batch_opts *opts, galley_batch_stats *stats);

/* Shard of 'path' among 'n' (1..n): FNV-1a 64 of the path's bytes, mod n,
** plus 1. The same on every machine. */
unsigned galley_batch_shard(const char *path, unsigned n);

#endif
