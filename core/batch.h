/*
** batch.h: the batch runner. Reads documents from the input paths, runs
** the pipeline's hooks over them and writes the records in input order;
** counts and reports what failed and goes on. It knows nothing of
** articles: the script says what to do with each document.
*/
#ifndef GALLEY_BATCH_H
#define GALLEY_BATCH_H

#include "engine.h"
#include "read.h"
#include "value.h"

typedef struct galley_batch_opts {
    const char *script;             /* pipeline file or stock name ... */
    const char *eval;               /* ... or a chunk for `galley eval` */
    const char *const *paths;       /* inputs; none means standard input */
    size_t npaths;
    galley_input_opts input;
    galley_engine_opts engine;
    const galley_val *params;       /* --set KEY=VALUE pairs, an object */
    const char *output;             /* -o FILE; NULL for standard output */
    const char *format;             /* -f FORMAT; NULL to follow the extension */
    int jobs;                       /* worker threads */
    int quiet, progress, fail_fast;
} galley_batch_opts;

typedef struct galley_batch_stats {
    size_t docs, records, errors, bytes;
    double seconds;
} galley_batch_stats;

/* Run the batch; returns the exit status (0 ok, 1 some documents failed,
** 2 the script could not be loaded or the output not written). */
int galley_batch_run(const galley_batch_opts *opts, galley_batch_stats *stats);

#endif
