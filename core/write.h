/*
** write.h: output writers. Records (galley_val objects) go out as JSON
** Lines (the default), a JSON array, CSV, TSV, a Markdown table, an HTML
** page or an SQLite database.
**
** Files never end half-written. Text formats go to a temporary file next to
** the output (".NAME.tmp-PID") that galley_writer_commit renames over it;
** galley_writer_abort removes it and leaves any previous output as it was.
** SQLite writes in place, in transactions of about GALLEY_WRITE_BATCH
** records that never split the records of one document; an interrupted
** run keeps its committed batches. Standard output (and any other
** non-regular file, such as /dev/stdout or a pipe) is written directly.
**
** Formats (by name or by the output's extension):
**   jsonl (.jsonl .ndjson, and any other extension)  one compact record a line
**   json  (.json)   an array, one record a line between "[" and "]"
**   csv   (.csv)    RFC 4180: a field with a comma, quote, CR or LF is quoted
**                   and its quotes doubled
**   tsv   (.tsv)    no quoting; a tab, LF, CR or backslash in a field is
**                   written \t, \n, \r, \\ (as PostgreSQL's COPY text format)
**   md    (.md .markdown)  a pipe table; | \ * ` < are escaped with a
**                   backslash, a line break is written <br>, a tab a space
**   html  (.html .htm)  one self-contained page, a card per record
**   db    (.db .sqlite .sqlite3)  SQLite, see below
** CSV, TSV and Markdown have one column per top-level field ("path" and
** "id" first, then in order of first appearance over all records); null is
** an empty cell, booleans are true/false, arrays and objects are compact
** JSON. Rows end with LF. As the header needs every column, records are
** spooled (as JSON Lines, in an unlinked file) and the table is written at
** commit: memory does not grow with the number of records.
**
** SQLite: table "documents" has "rowid" INTEGER PRIMARY KEY, "id", "path",
** one column per other top-level field that is not a list of objects
** (scalars as they are, booleans 0/1, other arrays and objects as JSON
** text), and "record", the whole record as JSON. Each field holding a list
** of objects (e.g. "entities") fills a table named after it ("documents"
** and names starting "sqlite_" get a "field_" prefix) with "document_id"
** (REFERENCES documents(rowid)) and one column per member of the objects.
** Columns are added (ALTER TABLE ADD COLUMN) as new fields appear; names
** compare without regard to ASCII case, as SQLite does. Reopening an
** existing database appends to it.
**
** Resume (GALLEY_WRITE_RESUME): the records already in the output are kept
** and galley_writer_done tells which documents they came from, so the
** caller can skip them. A JSON Lines output keeps its complete lines; when
** its last line is cut (no final newline), that line and the lines just
** before it from the same document are dropped, so a document is either
** wholly there or redone. A database keeps all its rows.
**
** Ownership: the writer copies what it needs; records stay the caller's.
** A writer belongs to one thread; galley_writer_done only reads a set that
** is fixed once galley_writer_open returns.
*/
#ifndef GALLEY_WRITE_H
#define GALLEY_WRITE_H

#include "value.h"

#include <stddef.h>

/* Records per SQLite transaction (a batch ends at a document boundary). */
#if !defined(GALLEY_WRITE_BATCH)
#define GALLEY_WRITE_BATCH 1000
#endif

/* Strings longer than this show folded (<details>) in HTML output. */
#if !defined(GALLEY_WRITE_HTML_FOLD)
#define GALLEY_WRITE_HTML_FOLD 600
#endif

/* Flags for galley_writer_open. */
#define GALLEY_WRITE_RESUME 1u  /* keep the output's records (.jsonl, .db) */

typedef struct galley_writer galley_writer;

/* Open a writer on 'path' (NULL or "-": standard output) in 'format' (a
** name above; NULL: from the extension of 'path', JSON Lines by default).
** Returns 0, or GALLEY_EINVAL (unknown format, SQLite or resume without a
** file), GALLEY_EIO (the file, its folder or the database cannot be used;
** a previous .jsonl output with a broken complete line cannot be resumed),
** GALLEY_ENOMEM; 'err' then says "PATH: reason". */
int galley_writer_open(galley_writer **w, const char *path, const char *format,
                       unsigned flags, char *err, size_t errsize);

/* Write one record (an object). Returns 0; GALLEY_EINVAL when this record
** is refused (not an object; a NaN or infinite number; nesting deeper than
** GALLEY_JSON_MAXDEPTH) and nothing of it was written, the writer going
** on; GALLEY_EIO or GALLEY_ENOMEM when the writer failed (disk full...), after
** which only commit or abort remain and both discard the output.
** galley_writer_error tells why. */
int galley_writer_put(galley_writer *w, const galley_val *record);

/* Write one record given as its compact JSON text ('len' bytes, as
** galley_json_encode or galley_l_tojson writes it; no newline), with the
** same results as galley_writer_put: JSON Lines and JSON take the bytes as
** they are, the other formats decode them first. The text is trusted to be
** what the encoder wrote; only a text that is not an object is refused. */
int galley_writer_put_json(galley_writer *w, const char *json, size_t len);

/* The message of the last failed put: "PATH: reason". */
const char *galley_writer_error(const galley_writer *w);

/* 1 when the output kept at open (GALLEY_WRITE_RESUME) has a record with
** "path" equal to 'path' and, unless 'id' is NULL, "id" equal to 'id'
** (ids compare as text; an integer id is its decimal digits); else 0. */
int galley_writer_done(const galley_writer *w, const char *path, const char *id);

/* Number of distinct documents (path and id) kept at open. */
size_t galley_writer_ndone(const galley_writer *w);

/* Finish: write what ends the format, flush, fsync, rename the temporary
** file over 'path' (or commit the last transaction). Frees 'w'. Returns 0,
** or GALLEY_EIO / GALLEY_ENOMEM with 'err' set, the temporary file removed
** and any previous output left as it was. */
int galley_writer_commit(galley_writer *w, char *err, size_t errsize);

/* Give up: remove the temporary file (roll back the open transaction),
** leaving any previous output as it was. What already went to standard
** output stays there (a JSON array or HTML page then lacks its end).
** Frees 'w'; NULL is allowed. Not for signal handlers: set a flag there
** and call this from the thread that owns the writer. */
void galley_writer_abort(galley_writer *w);

#endif
