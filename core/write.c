/*
** write.c: output writers (see write.h for formats and guarantees).
**
** Every format starts from the record's compact JSON (json.h), which also
** checks that the record can be written at all before a byte goes out.
** Text goes to a stdio stream: a temporary file renamed at commit, or
** standard output. CSV, TSV and Markdown spool the JSON Lines to an unlinked
** file and write the table from it at commit. SQLite goes through the
** sqlite3 C API (https://sqlite.org/c3ref/intro.html) with one prepared
** INSERT per table, prepared again when ALTER TABLE adds a column.
**
** It does not know what the records mean: "path" and "id" are the only
** field names it treats apart (column order, resume keys, card titles).
*/
#include "write.h"

#include "buf.h"
#include "galley.h"
#include "json.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum { F_JSONL, F_JSON, F_CSV, F_TSV, F_MD, F_HTML, F_DB };

/* Format names, which are also the extensions that select them. */
static const struct { const char *name; int fmt; } formats[] = {
    {"jsonl", F_JSONL}, {"ndjson", F_JSONL}, {"json", F_JSON},
    {"csv", F_CSV}, {"tsv", F_TSV}, {"md", F_MD}, {"markdown", F_MD},
    {"html", F_HTML}, {"htm", F_HTML},
    {"db", F_DB}, {"sqlite", F_DB}, {"sqlite3", F_DB},
    {NULL, 0}
};

/* ------------------------------------------------------------------------
** Small helpers
** --------------------------------------------------------------------- */

static int eqnocase(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z') x += 32;
        if (y >= 'A' && y <= 'Z') y += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

static int fmt_byname(const char *name)
{
    for (int i = 0; formats[i].name; i++)
        if (eqnocase(name, strlen(name), formats[i].name, strlen(formats[i].name)))
            return formats[i].fmt;
    return -1;
}

/* Format named by the extension of 'path'; JSON Lines when none matches. */
static int fmt_bypath(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (!dot)
        return F_JSONL;
    int f = fmt_byname(dot + 1);
    return f < 0 ? F_JSONL : f;
}

static void seterr(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void seterr(char *err, size_t size, const char *fmt, ...)
{
    if (!err || !size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

/* Length of the valid UTF-8 sequence at 's' ('n' bytes left), 0 if none. */
static size_t u8len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
        return 0;   /* overlong, surrogate, or over U+10FFFF */
    return k;
}

/* Bytes of the invalid sequence at 's' taken as one U+FFFD: its maximal
** subpart, the longest start of a well-formed sequence (as json.c does;
** Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts"). */
static size_t bad_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    size_t k;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        lo = c == 0xE0 ? 0xA0 : lo;
        hi = c == 0xED ? 0x9F : hi;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        lo = c == 0xF0 ? 0x90 : lo;
        hi = c == 0xF4 ? 0x8F : hi;
    } else
        return 1;
    size_t i = 1;
    if (i < n && s[i] >= lo && s[i] <= hi)
        for (i++; i < k && i < n && (s[i] & 0xC0) == 0x80; i++)
            ;
    return i;
}

/* Append 's' with each invalid UTF-8 sequence as U+FFFD. */
static int add_clean(galley_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        size_t k = u8len(p + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        if (galley_buf_add(b, s + run, i - run) ||
            galley_buf_add(b, "\xEF\xBF\xBD", 3))
            return GALLEY_ENOMEM;
        i += bad_len(p + i, n - i);
        run = i;
    }
    return galley_buf_add(b, s + run, n - run);
}

/* ------------------------------------------------------------------------
** Column sets: names in order of addition, found through a hash table;
** with 'nocase', names differing in ASCII case are one (as in SQL).
** --------------------------------------------------------------------- */

typedef struct colset {
    char **name;
    size_t *len;
    size_t n, cap;
    size_t *slot;       /* index + 1, 0 = empty; size nslot, a power of 2 */
    size_t nslot;
    int nocase;
} colset;

static size_t hashname(const char *s, size_t n, int nocase)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (nocase && c >= 'A' && c <= 'Z')
            c += 32;
        h = (h ^ c) * 1099511628211u;
    }
    return (size_t)h;
}

static int colset_same(const colset *c, size_t i, const char *s, size_t n)
{
    if (c->nocase)
        return eqnocase(c->name[i], c->len[i], s, n);
    return c->len[i] == n && memcmp(c->name[i], s, n) == 0;
}

/* Index of name 's' ('n' bytes), or -1. */
static long colset_find(const colset *c, const char *s, size_t n)
{
    if (!c->nslot)
        return -1;
    size_t mask = c->nslot - 1;
    for (size_t h = hashname(s, n, c->nocase) & mask;; h = (h + 1) & mask) {
        size_t k = c->slot[h];
        if (!k)
            return -1;
        if (colset_same(c, k - 1, s, n))
            return (long)(k - 1);
    }
}

static void colset_place(colset *c, size_t i)
{
    size_t mask = c->nslot - 1;
    size_t h = hashname(c->name[i], c->len[i], c->nocase) & mask;
    while (c->slot[h])
        h = (h + 1) & mask;
    c->slot[h] = i + 1;
}

/* Add name 's' (not present); returns its index, or -1 on no memory. */
static long colset_add(colset *c, const char *s, size_t n)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        char **nm = realloc(c->name, cap * sizeof *nm);
        if (!nm)
            return -1;
        c->name = nm;
        size_t *ln = realloc(c->len, cap * sizeof *ln);
        if (!ln)
            return -1;
        c->len = ln;
        c->cap = cap;
    }
    if ((c->n + 1) * 2 > c->nslot) {
        size_t nslot = c->nslot ? c->nslot * 2 : 32;
        size_t *slot = calloc(nslot, sizeof *slot);
        if (!slot)
            return -1;
        free(c->slot);
        c->slot = slot;
        c->nslot = nslot;
        for (size_t i = 0; i < c->n; i++)
            colset_place(c, i);
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    c->name[c->n] = copy;
    c->len[c->n] = n;
    colset_place(c, c->n);
    return (long)c->n++;
}

/* Index of 's', added when absent; -1 on no memory. */
static long colset_get(colset *c, const char *s, size_t n)
{
    long i = colset_find(c, s, n);
    return i >= 0 ? i : colset_add(c, s, n);
}

static void colset_free(colset *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->name[i]);
    free(c->name);
    free(c->len);
    free(c->slot);
    int nocase = c->nocase;
    memset(c, 0, sizeof *c);
    c->nocase = nocase;
}

/* ------------------------------------------------------------------------
** Done set: (path, id) of the records kept at open, sorted for bsearch.
** --------------------------------------------------------------------- */

typedef struct keyent {
    size_t off, plen, ilen;     /* path at 'off' in the pool, id after it */
    int hasid;
    const char *p, *id;         /* set by keyset_finish */
} keyent;

typedef struct keyset {
    galley_buf pool;
    keyent *e;
    size_t n, cap;
} keyset;

static int keyset_add(keyset *k, const char *p, size_t plen,
                      const char *id, size_t ilen, int hasid)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        keyent *e = realloc(k->e, cap * sizeof *e);
        if (!e)
            return GALLEY_ENOMEM;
        k->e = e;
        k->cap = cap;
    }
    keyent *e = &k->e[k->n];
    e->off = k->pool.len;
    e->plen = plen;
    e->ilen = hasid ? ilen : 0;
    e->hasid = hasid;
    if (galley_buf_add(&k->pool, p, plen) ||
        (hasid && galley_buf_add(&k->pool, id, ilen)))
        return GALLEY_ENOMEM;
    k->n++;
    return GALLEY_OK;
}

static int cmpbytes(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

static int keycmp(const void *x, const void *y)
{
    const keyent *a = x, *b = y;
    int c = cmpbytes(a->p, a->plen, b->p, b->plen);
    if (c)
        return c;
    if (a->hasid != b->hasid)
        return a->hasid - b->hasid;
    return cmpbytes(a->id, a->ilen, b->id, b->ilen);
}

/* Point entries into the final pool, sort them, drop duplicates. */
static void keyset_finish(keyset *k)
{
    for (size_t i = 0; i < k->n; i++) {
        k->e[i].p = k->pool.s + k->e[i].off;
        k->e[i].id = k->e[i].p + k->e[i].plen;
    }
    if (k->n)
        qsort(k->e, k->n, sizeof *k->e, keycmp);
    size_t m = 0;
    for (size_t i = 0; i < k->n; i++)
        if (!m || keycmp(&k->e[m - 1], &k->e[i]))
            k->e[m++] = k->e[i];
    k->n = m;
}

static int keyset_has(const keyset *k, const char *p, const char *id)
{
    size_t plen = strlen(p), lo = 0, hi = k->n;
    while (lo < hi) {   /* first entry whose path is not below 'p' */
        size_t mid = lo + (hi - lo) / 2;
        if (cmpbytes(k->e[mid].p, k->e[mid].plen, p, plen) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t ilen = id ? strlen(id) : 0;
    for (size_t i = lo; i < k->n; i++) {
        const keyent *e = &k->e[i];
        if (cmpbytes(e->p, e->plen, p, plen))
            break;
        if (!id || (e->hasid && e->ilen == ilen && memcmp(e->id, id, ilen) == 0))
            return 1;
    }
    return 0;
}

static void keyset_free(keyset *k)
{
    galley_buf_free(&k->pool);
    free(k->e);
    memset(k, 0, sizeof *k);
}

/* Append the key text of 'v': a string as it is, a number as JSON writes
** it, anything else as its JSON. Returns 0 or a status. */
static int key_text(galley_buf *b, const galley_val *v)
{
    switch (v->type) {
    case GALLEY_STR: return galley_buf_add(b, v->u.str.s, v->u.str.len);
    case GALLEY_INT: return galley_buf_printf(b, "%" PRId64, v->u.i);
    case GALLEY_NUM: return galley_json_number(b, v->u.n);
    default:         return galley_json_encode(v, b);
    }
}

/* Member 'name' of 'rec' for keys: NULL when absent or null. */
static const galley_val *key_member(const galley_val *rec, const char *name)
{
    const galley_val *v = rec->type == GALLEY_OBJ ? galley_val_get(rec, name) : NULL;
    return v && v->type != GALLEY_NULL ? v : NULL;
}

/* The document key of 'rec' into 'b' (reset): "P" path NUL "I" id, with
** "-" for a missing part; used to tell where one document's records end. */
static int record_key(galley_buf *b, const galley_val *rec)
{
    const galley_val *p = key_member(rec, "path"), *id = key_member(rec, "id");
    b->len = 0;
    if (galley_buf_addc(b, p ? 'P' : '-') || (p && key_text(b, p)) ||
        galley_buf_addc(b, '\0') || galley_buf_addc(b, id ? 'I' : '-') ||
        (id && key_text(b, id)))
        return GALLEY_ENOMEM;
    return GALLEY_OK;
}

/* Add (path, id) of 'rec' to 'k' when it has a path. */
static int keyset_record(keyset *k, const galley_val *rec, galley_buf *scratch)
{
    const galley_val *p = key_member(rec, "path"), *id = key_member(rec, "id");
    if (!p)
        return GALLEY_OK;
    scratch->len = 0;
    if (key_text(scratch, p))
        return GALLEY_ENOMEM;
    size_t plen = scratch->len;
    if (id && key_text(scratch, id))
        return GALLEY_ENOMEM;
    return keyset_add(k, scratch->s, plen, scratch->s + plen,
                      scratch->len - plen, id != NULL);
}

/* ------------------------------------------------------------------------
** The writer
** --------------------------------------------------------------------- */

typedef struct dbtable {
    char *name;             /* SQL name, unquoted */
    colset cols;            /* its columns, in table order (nocase) */
    sqlite3_stmt *ins;      /* INSERT of every column; NULL until needed */
    int checked;            /* our own columns are known to be there */
} dbtable;

struct galley_writer {
    int fmt;
    unsigned flags;
    char *name;             /* for messages: the path, or "standard output" */
    char *final;            /* commit renames 'tmp' to this */
    char *tmp;              /* temporary file; NULL when writing directly */
    FILE *out;              /* text output */
    int own_out;            /* 'out' is ours to close (not stdout) */
    FILE *spool;            /* CSV/TSV/MD: the records as JSON Lines */
    int failed;             /* status of a failed put, 0 while all is well */
    size_t count;           /* records written */
    galley_buf json, cell, line, key, lastkey, tmpb;
    colset cols;            /* CSV/TSV/MD columns */
    keyset done;
    char msg[512];
    /* SQLite */
    sqlite3 *db;
    int intxn;              /* a transaction is open */
    size_t batch;           /* records in it */
    dbtable *tab;
    size_t ntab, captab;
    colset tnames;          /* table names -> index in 'tab' (nocase) */
    const galley_val **vals;
    size_t nvals;
};

static int fail(galley_writer *w, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record a failure of the writer: "NAME: what"; returns 'status'. */
static int fail(galley_writer *w, int status, const char *fmt, ...)
{
    int n = snprintf(w->msg, sizeof w->msg, "%s: ", w->name);
    if (n < 0 || (size_t)n >= sizeof w->msg)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->msg + n, sizeof w->msg - (size_t)n, fmt, ap);
    va_end(ap);
    w->failed = status;
    return status;
}

static int ioerr(galley_writer *w)
{
    return fail(w, GALLEY_EIO, "%s", errno ? strerror(errno) : "write error");
}

static int nomem(galley_writer *w)
{
    return fail(w, GALLEY_ENOMEM, "not enough memory");
}

static int out_write(galley_writer *w, const char *s, size_t n)
{
    errno = 0;
    if (n && fwrite(s, 1, n, w->out) != n)
        return ioerr(w);
    return GALLEY_OK;
}

/* ------------------------------------------------------------------------
** Files: temporary output, spool, JSON Lines resume
** --------------------------------------------------------------------- */

/* Folder part of 'path' with its final '/', or "" for a bare name. */
static char *dir_of(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) + 1 : 0;
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    if (base)
        *base = path + n;
    return d;
}

/* Create the temporary file next to 'w->final' and open 'w->out' on it. */
static int temp_open(galley_writer *w, int have_old, mode_t mode)
{
    const char *base;
    char *dir = dir_of(w->final, &base);
    if (!dir)
        return nomem(w);
    galley_buf b = {0};
    int fd = -1;
    for (int k = 0; k < 1000 && fd < 0; k++) {
        b.len = 0;
        if (galley_buf_printf(&b, "%s.%s.tmp-%ld", dir, base, (long)getpid()) ||
            (k && galley_buf_printf(&b, "-%d", k))) {
            free(dir);
            galley_buf_free(&b);
            return nomem(w);
        }
        fd = open(b.s, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) {
            int e = errno;
            fail(w, GALLEY_EIO, "cannot create %s: %s", b.s, strerror(e));
            free(dir);
            galley_buf_free(&b);
            return GALLEY_EIO;
        }
    }
    free(dir);
    if (fd < 0) {
        galley_buf_free(&b);
        return fail(w, GALLEY_EIO, "cannot create a temporary file: too many left over");
    }
    w->tmp = galley_buf_take(&b, NULL);
    if (!w->tmp) {
        close(fd);
        return nomem(w);
    }
    if (have_old)
        (void)fchmod(fd, mode & 07777);     /* keep the old file's mode */
    w->out = fdopen(fd, "w");
    if (!w->out) {
        close(fd);
        return ioerr(w);
    }
    w->own_out = 1;
    setvbuf(w->out, NULL, _IOFBF, 1 << 16);
    return GALLEY_OK;
}

/* An unlinked scratch file next to the output, or in $TMPDIR for stdout. */
static int spool_open(galley_writer *w)
{
    galley_buf b = {0};
    int rc;
    if (w->final) {
        const char *base;
        char *dir = dir_of(w->final, &base);
        rc = dir ? galley_buf_printf(&b, "%s.%s.spool-XXXXXX", dir, base) : GALLEY_ENOMEM;
        free(dir);
    } else {
        const char *t = getenv("TMPDIR");
        rc = galley_buf_printf(&b, "%s/galley-spool-XXXXXX", t && *t ? t : "/tmp");
    }
    if (rc) {
        galley_buf_free(&b);
        return nomem(w);
    }
    int fd = mkstemp(b.s);
    if (fd < 0) {
        int e = errno;
        fail(w, GALLEY_EIO, "cannot create %s: %s", b.s, strerror(e));
        galley_buf_free(&b);
        return GALLEY_EIO;
    }
    unlink(b.s);
    galley_buf_free(&b);
    w->spool = fdopen(fd, "w+");
    if (!w->spool) {
        close(fd);
        return ioerr(w);
    }
    setvbuf(w->spool, NULL, _IOFBF, 1 << 16);
    return GALLEY_OK;
}

/* Copy the complete lines of the JSON Lines file 'old' to the temporary
** output and note their keys. A cut last line is dropped with the lines
** of the last document before it; blank lines are dropped. */
static int jsonl_resume(galley_writer *w, const char *old)
{
    FILE *in = fopen(old, "r");
    if (!in)
        return ioerr(w);
    char *s = NULL;
    size_t cap = 0, lineno = 0, runkeys = 0;
    off_t runstart = 0;
    int cut = 0, rc = GALLEY_OK;
    ssize_t n;
    w->lastkey.len = 0;
    errno = 0;
    while ((n = getline(&s, &cap, in)) > 0) {
        lineno++;
        if (s[n - 1] != '\n') {
            cut = 1;
            break;
        }
        size_t i = 0;
        while (i < (size_t)n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
            i++;
        if (i == (size_t)n)
            continue;
        galley_val v;
        galley_json_error je;
        rc = galley_json_decode(s, (size_t)n, &v, &je);
        if (rc == GALLEY_EINVAL) {
            rc = fail(w, GALLEY_EIO, "line %zu: not a JSON record (%s), cannot resume",
                      lineno, je.msg);
            break;
        }
        if (rc) {
            rc = nomem(w);
            break;
        }
        if (record_key(&w->key, &v)) {
            galley_val_free(&v);
            rc = nomem(w);
            break;
        }
        if (w->key.len != w->lastkey.len ||
            memcmp(w->key.s, w->lastkey.s, w->key.len) != 0) {
            runstart = ftello(w->out);     /* a new document starts here */
            runkeys = w->done.n;
            galley_buf tb = w->key;
            w->key = w->lastkey;
            w->lastkey = tb;
        }
        if (runstart < 0 || keyset_record(&w->done, &v, &w->tmpb)) {
            galley_val_free(&v);
            rc = runstart < 0 ? ioerr(w) : nomem(w);
            break;
        }
        galley_val_free(&v);
        if ((rc = out_write(w, s, (size_t)n)))
            break;
        errno = 0;
    }
    if (!rc && ferror(in))
        rc = ioerr(w);
    free(s);
    fclose(in);
    if (!rc && cut && w->lastkey.len) {
        if (fflush(w->out) || ftruncate(fileno(w->out), runstart) ||
            fseeko(w->out, runstart, SEEK_SET))
            rc = ioerr(w);
        w->done.n = runkeys;
    }
    w->lastkey.len = 0;
    return rc;
}

/* Open a text output file: temporary file (resume: with the old records),
** or the file itself when it is not a regular file. */
static int file_open(galley_writer *w, const char *path)
{
    struct stat st;
    char *target = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        target = realpath(path, NULL);  /* replace what the link points to */
    const char *t = target ? target : path;
    int have_old = 0;
    if (stat(t, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            free(target);
            return fail(w, GALLEY_EIO, "%s", strerror(EISDIR));
        }
        if (!S_ISREG(st.st_mode)) {     /* /dev/stdout, a pipe: write directly */
            free(target);
            if (w->flags & GALLEY_WRITE_RESUME)
                return fail(w, GALLEY_EINVAL, "resume needs a regular file");
            w->out = fopen(path, "w");
            if (!w->out)
                return ioerr(w);
            w->own_out = 1;
            return GALLEY_OK;
        }
        have_old = 1;
    } else if (errno != ENOENT) {
        free(target);
        return ioerr(w);
    }
    w->final = strdup(t);
    free(target);
    if (!w->final)
        return nomem(w);
    int rc = temp_open(w, have_old, st.st_mode);
    if (!rc && have_old && (w->flags & GALLEY_WRITE_RESUME))
        rc = jsonl_resume(w, w->final);
    return rc;
}

/* ------------------------------------------------------------------------
** Cells: CSV, TSV, Markdown
** --------------------------------------------------------------------- */

/* Append the text of 'v' as a table cell: strings (UTF-8 made valid) and
** numbers as they are, booleans true/false, null nothing, others JSON. */
static int cell_text(galley_buf *b, const galley_val *v)
{
    if (!v)
        return GALLEY_OK;
    switch (v->type) {
    case GALLEY_NULL: return GALLEY_OK;
    case GALLEY_BOOL: return galley_buf_adds(b, v->u.b ? "true" : "false");
    case GALLEY_INT:  return galley_buf_printf(b, "%" PRId64, v->u.i);
    case GALLEY_NUM:  return galley_json_number(b, v->u.n);
    case GALLEY_STR:  return add_clean(b, v->u.str.s, v->u.str.len);
    default:          return galley_json_encode(v, b);
    }
}

/* Append cell text 's' to 'b' escaped for format 'fmt' (a table of
** 'ncols' columns). Bytes that need no escape are copied in runs. */
static int cell_escape(galley_buf *b, int fmt, const char *s, size_t n, size_t ncols)
{
    if (fmt == F_CSV) {
        int quote = n == 0 && ncols == 1;   /* a lone empty field is not a blank line */
        for (size_t i = 0; i < n && !quote; i++)
            quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
        if (!quote)
            return galley_buf_add(b, s, n);
        if (galley_buf_addc(b, '"'))
            return GALLEY_ENOMEM;
        const char *q, *end = s + n;
        while ((q = memchr(s, '"', (size_t)(end - s)))) {
            if (galley_buf_add(b, s, (size_t)(q - s) + 1) || galley_buf_addc(b, '"'))
                return GALLEY_ENOMEM;   /* the quote, doubled */
            s = q + 1;
        }
        if (galley_buf_add(b, s, (size_t)(end - s)) || galley_buf_addc(b, '"'))
            return GALLEY_ENOMEM;
        return GALLEY_OK;
    }
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        const char *e;
        char two[3] = {'\\', c, '\0'};
        if (fmt == F_TSV) {
            e = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" :
                c == '\\' ? "\\\\" : NULL;
        } else if (c == '\r' || c == '\n') {     /* Markdown: CRLF, CR, LF */
            e = c == '\r' && i + 1 < n && s[i + 1] == '\n' ? "" : "<br>";
        } else if (c == '|' || c == '\\' || c == '*' || c == '`' || c == '<') {
            e = two;
        } else {
            e = c == '\t' ? " " : NULL;
        }
        if (!e)
            continue;
        if (galley_buf_add(b, s + run, i - run) || galley_buf_adds(b, e))
            return GALLEY_ENOMEM;
        run = i + 1;
    }
    return galley_buf_add(b, s + run, n - run);
}

/* Note the top-level fields of 'rec' as columns. */
static int cols_note(galley_writer *w, const galley_val *rec)
{
    for (size_t i = 0; i < rec->u.obj.n; i++) {
        const galley_member *m = &rec->u.obj.m[i];
        if (colset_get(&w->cols, m->key, m->klen) < 0)
            return nomem(w);
    }
    return GALLEY_OK;
}

/* One row of cells (in column order 'ord'; the names when 'header') out. */
static int table_row(galley_writer *w, const size_t *ord, const galley_val **vals,
                     int header)
{
    size_t nc = w->cols.n;
    galley_buf *b = &w->line;
    b->len = 0;
    int rc = w->fmt == F_MD ? galley_buf_adds(b, "| ") : GALLEY_OK;
    for (size_t j = 0; j < nc && !rc; j++) {
        size_t c = ord[j];
        if (j)
            rc = galley_buf_adds(b, w->fmt == F_CSV ? "," : w->fmt == F_TSV ? "\t" : " | ");
        w->cell.len = 0;
        if (!rc)
            rc = header ? add_clean(&w->cell, w->cols.name[c], w->cols.len[c])
                       : cell_text(&w->cell, vals[c]);
        if (!rc)
            rc = cell_escape(b, w->fmt, w->cell.s, w->cell.len, nc);
    }
    if (!rc)
        rc = galley_buf_adds(b, w->fmt == F_MD ? " |\n" : "\n");
    if (!rc && w->fmt == F_MD && header) {
        for (size_t j = 0; j < nc && !rc; j++)
            rc = galley_buf_adds(b, j ? " --- |" : "| --- |");
        if (!rc)
            rc = galley_buf_addc(b, '\n');
    }
    if (rc)
        return rc == GALLEY_ENOMEM ? nomem(w) : fail(w, rc, "cannot format a cell");
    return out_write(w, b->s, b->len);
}

/* Write the table from the spool: header, then one row per record. */
static int table_write(galley_writer *w)
{
    size_t nc = w->cols.n;
    if (!nc)
        return GALLEY_OK;
    size_t *ord = malloc(nc * sizeof *ord);
    const galley_val **vals = malloc(nc * sizeof *vals);
    if (!ord || !vals) {
        free(ord);
        free(vals);
        return nomem(w);
    }
    long pi = colset_find(&w->cols, "path", 4), ii = colset_find(&w->cols, "id", 2);
    size_t k = 0;
    if (pi >= 0)
        ord[k++] = (size_t)pi;
    if (ii >= 0)
        ord[k++] = (size_t)ii;
    for (size_t c = 0; c < nc; c++)
        if ((long)c != pi && (long)c != ii)
            ord[k++] = c;
    int rc = table_row(w, ord, vals, 1);
    char *s = NULL;
    size_t cap = 0;
    ssize_t n;
    errno = 0;
    if (!rc && (fflush(w->spool) || fseeko(w->spool, 0, SEEK_SET)))
        rc = fail(w, GALLEY_EIO, "spool: %s", strerror(errno));
    while (!rc && (n = getline(&s, &cap, w->spool)) > 0) {
        galley_val v;
        galley_json_error je;
        rc = galley_json_decode(s, (size_t)n, &v, &je);
        if (rc) {
            rc = rc == GALLEY_ENOMEM ? nomem(w) : fail(w, GALLEY_EIO, "spool: %s", je.msg);
            break;
        }
        for (size_t c = 0; c < nc; c++)
            vals[c] = NULL;
        for (size_t i = 0; i < v.u.obj.n; i++) {
            const galley_member *m = &v.u.obj.m[i];
            long c = colset_find(&w->cols, m->key, m->klen);
            if (c >= 0 && !vals[c])
                vals[c] = &m->val;
        }
        rc = table_row(w, ord, vals, 0);
        galley_val_free(&v);
        errno = 0;
    }
    if (!rc && ferror(w->spool))
        rc = fail(w, GALLEY_EIO, "spool: %s", strerror(errno));
    free(s);
    free(ord);
    free(vals);
    return rc;
}

/* ------------------------------------------------------------------------
** HTML
** --------------------------------------------------------------------- */

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>%s</title>\n<style>\n"
    "body{font:15px/1.5 system-ui,sans-serif;color:#222;background:#f5f5f2;"
    "max-width:64em;margin:0 auto;padding:1em}\n"
    "h1{font-size:1.3em}\n"
    "article{background:#fff;border:1px solid #ddd;border-radius:6px;"
    "padding:.4em 1em 1em;margin:0 0 1em}\n"
    "h2{font-size:1.1em;margin:.4em 0 .6em}\n"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em;margin:0}\n"
    "dt{font-weight:600;color:#555}\n"
    "dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}\n"
    "table{border-collapse:collapse;font-size:.92em}\n"
    "th,td{border:1px solid #ddd;padding:.1em .4em;text-align:left;vertical-align:top}\n"
    "th{background:#f0f0ec;white-space:nowrap}\n"
    "ul{margin:0;padding-left:1.3em}\n"
    ".null{color:#999;font-style:italic}\n"
    "summary{cursor:pointer}\n"
    "footer{color:#777;font-size:.9em}\n"
    "</style>\n</head>\n<body>\n<h1>%s</h1>\n";

/* Append 's' (valid UTF-8) with HTML's special characters escaped. */
static int esc_html(galley_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e;
        switch (s[i]) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\'': e = "&#39;"; break;
        default: continue;
        }
        if (galley_buf_add(b, s + run, i - run) || galley_buf_adds(b, e))
            return GALLEY_ENOMEM;
        run = i + 1;
    }
    return galley_buf_add(b, s + run, n - run);
}

/* Append raw bytes 's' made valid UTF-8 and HTML-escaped. */
static int html_text(galley_buf *b, galley_buf *tmp, const char *s, size_t n)
{
    tmp->len = 0;
    if (add_clean(tmp, s, n))
        return GALLEY_ENOMEM;
    return esc_html(b, tmp->s, tmp->len);
}

static int html_val(galley_buf *b, galley_buf *tmp, const galley_val *v);

/* A list of objects as a table, columns in order of first appearance. */
static int html_table(galley_buf *b, galley_buf *tmp, const galley_val *a)
{
    colset keys = {0};
    int rc = GALLEY_OK;
    for (size_t i = 0; i < a->u.arr.n && !rc; i++) {
        const galley_val *o = &a->u.arr.items[i];
        for (size_t j = 0; j < o->u.obj.n && !rc; j++)
            if (colset_get(&keys, o->u.obj.m[j].key, o->u.obj.m[j].klen) < 0)
                rc = GALLEY_ENOMEM;
    }
    if (!rc)
        rc = galley_buf_adds(b, "<table><tr>");
    for (size_t c = 0; c < keys.n && !rc; c++) {
        rc = galley_buf_adds(b, "<th>");
        if (!rc)
            rc = html_text(b, tmp, keys.name[c], keys.len[c]);
        if (!rc)
            rc = galley_buf_adds(b, "</th>");
    }
    if (!rc)
        rc = galley_buf_adds(b, "</tr>");
    for (size_t i = 0; i < a->u.arr.n && !rc; i++) {
        const galley_val *o = &a->u.arr.items[i];
        rc = galley_buf_adds(b, "<tr>");
        for (size_t c = 0; c < keys.n && !rc; c++) {
            const galley_val *cv = NULL;
            for (size_t j = 0; j < o->u.obj.n && !cv; j++)
                if (o->u.obj.m[j].klen == keys.len[c] &&
                    memcmp(o->u.obj.m[j].key, keys.name[c], keys.len[c]) == 0)
                    cv = &o->u.obj.m[j].val;
            rc = galley_buf_adds(b, "<td>");
            if (!rc && cv)
                rc = html_val(b, tmp, cv);
            if (!rc)
                rc = galley_buf_adds(b, "</td>");
        }
        if (!rc)
            rc = galley_buf_adds(b, "</tr>");
    }
    if (!rc)
        rc = galley_buf_adds(b, "</table>");
    colset_free(&keys);
    return rc;
}

/* Members of object 'o' as a <dl>, one "<dt>key</dt><dd>value</dd>" each;
** 'nl' puts each pair on its own line (top level only: nested lists sit
** inside a pre-wrap <dd>, where a newline would show). */
static int html_dl(galley_buf *b, galley_buf *tmp, const galley_val *o, int nl)
{
    int rc = galley_buf_adds(b, nl ? "<dl>\n" : "<dl>");
    for (size_t i = 0; i < o->u.obj.n && !rc; i++) {
        const galley_member *m = &o->u.obj.m[i];
        rc = galley_buf_adds(b, "<dt>");
        if (!rc)
            rc = html_text(b, tmp, m->key, m->klen);
        if (!rc)
            rc = galley_buf_adds(b, "</dt><dd>");
        if (!rc)
            rc = html_val(b, tmp, &m->val);
        if (!rc)
            rc = galley_buf_adds(b, nl ? "</dd>\n" : "</dd>");
    }
    return rc ? rc : galley_buf_adds(b, "</dl>");
}

/* Append 'v' as readable HTML: long strings fold, lists of objects are
** tables, other lists are bullet lists, objects are definition lists. */
static int html_val(galley_buf *b, galley_buf *tmp, const galley_val *v)
{
    int rc;
    switch (v->type) {
    case GALLEY_NULL:
        return galley_buf_adds(b, "<span class=\"null\">null</span>");
    case GALLEY_BOOL: case GALLEY_INT: case GALLEY_NUM:
        return cell_text(b, v);
    case GALLEY_STR: {
        const char *s = v->u.str.s;
        size_t n = v->u.str.len;
        if (n <= GALLEY_WRITE_HTML_FOLD)
            return html_text(b, tmp, s, n);
        size_t cut = GALLEY_WRITE_HTML_FOLD / 3;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;                          /* not inside a UTF-8 sequence */
        rc = galley_buf_adds(b, "<details><summary>");
        if (!rc)
            rc = html_text(b, tmp, s, cut);
        if (!rc)
            rc = galley_buf_printf(b, "\xE2\x80\xA6 (%zu bytes)</summary>", n);
        if (!rc)
            rc = html_text(b, tmp, s, n);
        return rc ? rc : galley_buf_adds(b, "</details>");
    }
    case GALLEY_ARR: {
        size_t n = v->u.arr.n, objs = 0;
        if (!n)
            return galley_buf_adds(b, "<span class=\"null\">(none)</span>");
        for (size_t i = 0; i < n; i++)
            objs += v->u.arr.items[i].type == GALLEY_OBJ;
        if (objs == n)
            return html_table(b, tmp, v);
        rc = galley_buf_adds(b, "<ul>");
        for (size_t i = 0; i < n && !rc; i++) {
            rc = galley_buf_adds(b, "<li>");
            if (!rc)
                rc = html_val(b, tmp, &v->u.arr.items[i]);
            if (!rc)
                rc = galley_buf_adds(b, "</li>");
        }
        return rc ? rc : galley_buf_adds(b, "</ul>");
    }
    case GALLEY_OBJ:
        if (!v->u.obj.n)
            return galley_buf_adds(b, "<span class=\"null\">{}</span>");
        return html_dl(b, tmp, v, 0);
    }
    return GALLEY_OK;
}

/* One card: a heading (the title, else the path, else "Record N") and
** the fields. */
static int html_record(galley_writer *w, const galley_val *rec)
{
    galley_buf *b = &w->line;
    const galley_val *t = galley_val_get(rec, "title");
    if (!t || t->type != GALLEY_STR || !t->u.str.len)
        t = galley_val_get(rec, "path");
    b->len = 0;
    int rc = galley_buf_adds(b, "<article>\n<h2>");
    if (!rc && t && t->type == GALLEY_STR && t->u.str.len)
        rc = html_text(b, &w->tmpb, t->u.str.s, t->u.str.len);
    else if (!rc)
        rc = galley_buf_printf(b, "Record %zu", w->count + 1);
    if (!rc)
        rc = galley_buf_adds(b, "</h2>\n");
    if (!rc)
        rc = html_dl(b, &w->tmpb, rec, 1);
    if (!rc)
        rc = galley_buf_adds(b, "\n</article>\n");
    if (rc)
        return nomem(w);
    return out_write(w, b->s, b->len);
}

static int html_begin(galley_writer *w)
{
    const char *title = w->final ? strrchr(w->final, '/') : NULL;
    title = title ? title + 1 : w->final ? w->final : "galley output";
    galley_buf *b = &w->line;
    b->len = 0;
    w->cell.len = 0;
    if (html_text(&w->cell, &w->tmpb, title, strlen(title)) ||
        galley_buf_printf(b, html_head, w->cell.s, w->cell.s))
        return nomem(w);
    return out_write(w, b->s, b->len);
}

/* ------------------------------------------------------------------------
** SQLite
** --------------------------------------------------------------------- */

static int dberr(galley_writer *w)
{
    return fail(w, GALLEY_EIO, "%s", w->db ? sqlite3_errmsg(w->db) : "cannot open database");
}

static int db_exec(galley_writer *w, const char *sql)
{
    return sqlite3_exec(w->db, sql, NULL, NULL, NULL) == SQLITE_OK ? GALLEY_OK : dberr(w);
}

/* Append "name" quoted as an SQL identifier. */
static int add_ident(galley_buf *b, const char *s, size_t n)
{
    int rc = galley_buf_addc(b, '"');
    for (size_t i = 0; i < n && !rc; i++)
        rc = s[i] == '"' ? galley_buf_add(b, "\"\"", 2) : galley_buf_addc(b, s[i]);
    return rc ? rc : galley_buf_addc(b, '"');
}

static int is_objlist(const galley_val *v)
{
    if (v->type != GALLEY_ARR)
        return 0;
    for (size_t i = 0; i < v->u.arr.n; i++)
        if (v->u.arr.items[i].type != GALLEY_OBJ)
            return 0;
    return 1;
}

/* Names a field cannot take as a column: the rowid's, and the column the
** table fills itself ("record" in documents, "document_id" in the others). */
static int reserved(const char *s, size_t n, int docs)
{
    return n == 0 || eqnocase(s, n, "rowid", 5) || eqnocase(s, n, "oid", 3) ||
           eqnocase(s, n, "_rowid_", 7) ||
           (docs ? eqnocase(s, n, "record", 6) : eqnocase(s, n, "document_id", 11));
}

/* Member 'm' of a row ('docs': of documents): 1 with its column name in
** w->cell (UTF-8 made valid), 0 when it has no column, -1 on no memory. */
static int db_colname(galley_writer *w, const galley_member *m, int docs)
{
    if (docs && is_objlist(&m->val))
        return 0;
    w->cell.len = 0;
    if (add_clean(&w->cell, m->key, strlen(m->key)))
        return -1;
    return !reserved(w->cell.s, w->cell.len, docs);
}

/* Load table 'name' (its columns from PRAGMA table_info); returns its
** index or a negative status. A table that does not exist has no columns. */
static long db_load(galley_writer *w, const char *name, size_t n)
{
    long k = colset_find(&w->tnames, name, n);
    if (k >= 0)
        return k;
    if (w->ntab == w->captab) {
        size_t cap = w->captab ? w->captab * 2 : 8;
        dbtable *t = realloc(w->tab, cap * sizeof *t);
        if (!t)
            return nomem(w);
        w->tab = t;
        w->captab = cap;
    }
    dbtable *t = &w->tab[w->ntab];
    memset(t, 0, sizeof *t);
    t->cols.nocase = 1;
    if (!(t->name = malloc(n + 1)))
        return nomem(w);
    memcpy(t->name, name, n);
    t->name[n] = '\0';
    w->ntab++;
    if (colset_add(&w->tnames, name, n) < 0)
        return nomem(w);
    galley_buf *b = &w->tmpb;
    b->len = 0;
    if (galley_buf_adds(b, "PRAGMA table_info(") || add_ident(b, name, n) ||
        galley_buf_addc(b, ')'))
        return nomem(w);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(w->db, b->s, (int)b->len, &st, NULL) != SQLITE_OK)
        return dberr(w);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 1);
        if (c && colset_get(&t->cols, c, (size_t)sqlite3_column_bytes(st, 1)) < 0) {
            sqlite3_finalize(st);
            return nomem(w);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return dberr(w);
    return (long)(w->ntab - 1);
}

/* Make table 'k' hold the fields of 'row' (a record when 'docs', else an
** item of a list): CREATE TABLE the first time, ALTER TABLE ADD COLUMN
** for the fields (and, in a table made elsewhere, our own columns) it lacks. */
static int db_columns(galley_writer *w, size_t k, const galley_val *row, int docs)
{
    static const char *const fixed_docs[] = {"rowid", "id", "path", NULL};
    static const char *const fixed_list[] = {"document_id", NULL};
    const char *const *fixed = docs ? fixed_docs : fixed_list;
    dbtable *t = &w->tab[k];
    galley_buf *b = &w->tmpb;
    int create = t->cols.n == 0;
    size_t before = t->cols.n;
    if (!t->checked) {
        t->checked = 1;
        for (int i = create || !docs ? 0 : 1; fixed[i]; i++)   /* no rowid to add */
            if (colset_get(&t->cols, fixed[i], strlen(fixed[i])) < 0)
                return nomem(w);
        if (docs && !create && colset_get(&t->cols, "record", 6) < 0)
            return nomem(w);
    }
    for (size_t i = 0; i < row->u.obj.n; i++) {
        int has = db_colname(w, &row->u.obj.m[i], docs);
        if (has < 0 || (has && colset_get(&t->cols, w->cell.s, w->cell.len) < 0))
            return nomem(w);
    }
    if (create && docs && colset_add(&t->cols, "record", 6) < 0)
        return nomem(w);
    if (create) {
        b->len = 0;
        int bad = galley_buf_adds(b, "CREATE TABLE ") ||
                  add_ident(b, t->name, strlen(t->name)) || galley_buf_adds(b, " (");
        for (size_t c = 0; c < t->cols.n && !bad; c++) {
            const char *type = "";
            if (docs && c == 0)
                type = " INTEGER PRIMARY KEY";
            else if (docs && (c == 2 || c + 1 == t->cols.n))
                type = " TEXT";     /* path, record */
            else if (!docs && c == 0)
                type = " INTEGER REFERENCES \"documents\"(\"rowid\")";
            bad = (c && galley_buf_adds(b, ", ")) ||
                  add_ident(b, t->cols.name[c], t->cols.len[c]) || galley_buf_adds(b, type);
        }
        bad = bad || galley_buf_adds(b, ")");
        if (!docs && !bad) {    /* joins on document_id want an index */
            w->line.len = 0;
            bad = galley_buf_adds(&w->line, t->name) ||
                  galley_buf_adds(&w->line, "_document_id") ||
                  galley_buf_adds(b, "; CREATE INDEX IF NOT EXISTS ") ||
                  add_ident(b, w->line.s, w->line.len) || galley_buf_adds(b, " ON ") ||
                  add_ident(b, t->name, strlen(t->name)) ||
                  galley_buf_adds(b, " (\"document_id\")");
        }
        return bad ? nomem(w) : db_exec(w, b->s);
    }
    for (size_t c = before; c < t->cols.n; c++) {
        b->len = 0;
        if (galley_buf_adds(b, "ALTER TABLE ") || add_ident(b, t->name, strlen(t->name)) ||
            galley_buf_adds(b, " ADD COLUMN ") ||
            add_ident(b, t->cols.name[c], t->cols.len[c]))
            return nomem(w);
        int rc = db_exec(w, b->s);
        if (rc)
            return rc;
    }
    if (t->cols.n != before && t->ins) {
        sqlite3_finalize(t->ins);
        t->ins = NULL;
    }
    return GALLEY_OK;
}

/* Bind 'v' (NULL: SQL null) to parameter 'i' of 'st'. */
static int db_bind(galley_writer *w, sqlite3_stmt *st, int i, const galley_val *v)
{
    int rc;
    galley_buf *b = &w->cell;
    b->len = 0;
    switch (v ? v->type : GALLEY_NULL) {
    case GALLEY_NULL: rc = sqlite3_bind_null(st, i); break;
    case GALLEY_BOOL: rc = sqlite3_bind_int(st, i, v->u.b != 0); break;
    case GALLEY_INT:  rc = sqlite3_bind_int64(st, i, v->u.i); break;
    case GALLEY_NUM:  rc = sqlite3_bind_double(st, i, v->u.n); break;
    case GALLEY_STR:
        if (add_clean(b, v->u.str.s, v->u.str.len))
            return nomem(w);
        rc = sqlite3_bind_text64(st, i, b->s, b->len, SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
    default:
        if (galley_json_encode(v, b))
            return nomem(w);
        rc = sqlite3_bind_text64(st, i, b->s, b->len, SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
    }
    return rc == SQLITE_OK ? GALLEY_OK : dberr(w);
}

/* Insert one row of 'row' into table 'k'; 'docid' > 0 fills document_id,
** else w->json fills record. */
static int db_insert(galley_writer *w, size_t k, const galley_val *row, int64_t docid)
{
    int docs = docid == 0;
    int rc = db_columns(w, k, row, docs);
    if (rc)
        return rc;
    dbtable *t = &w->tab[k];
    size_t nc = t->cols.n;
    if (!t->ins) {
        galley_buf *b = &w->tmpb;
        b->len = 0;
        rc = galley_buf_adds(b, "INSERT INTO ") || add_ident(b, t->name, strlen(t->name)) ||
             galley_buf_adds(b, " (");
        for (size_t c = 0; c < nc && !rc; c++)
            rc = (c && galley_buf_adds(b, ", ")) ||
                 add_ident(b, t->cols.name[c], t->cols.len[c]);
        rc = rc || galley_buf_adds(b, ") VALUES (");
        for (size_t c = 0; c < nc && !rc; c++)
            rc = galley_buf_adds(b, c ? ", ?" : "?");
        if (rc || galley_buf_addc(b, ')'))
            return nomem(w);
        if (sqlite3_prepare_v2(w->db, b->s, (int)b->len, &t->ins, NULL) != SQLITE_OK)
            return dberr(w);
    }
    if (w->nvals < nc) {
        const galley_val **v = realloc(w->vals, nc * sizeof *v);
        if (!v)
            return nomem(w);
        w->vals = v;
        w->nvals = nc;
    }
    for (size_t c = 0; c < nc; c++)
        w->vals[c] = NULL;
    for (size_t i = 0; i < row->u.obj.n; i++) {
        int has = db_colname(w, &row->u.obj.m[i], docs);
        if (has < 0)
            return nomem(w);
        long c = has ? colset_find(&t->cols, w->cell.s, w->cell.len) : -1;
        if (c >= 0 && !w->vals[c])
            w->vals[c] = &row->u.obj.m[i].val;
    }
    long special = docs ? colset_find(&t->cols, "record", 6)
                        : colset_find(&t->cols, "document_id", 11);
    sqlite3_stmt *st = t->ins;
    for (size_t c = 0; c < nc && !rc; c++) {
        if ((long)c != special)
            rc = db_bind(w, st, (int)c + 1, w->vals[c]);
        else if (docs)
            rc = sqlite3_bind_text64(st, (int)c + 1, w->json.s, w->json.len,
                                     SQLITE_STATIC, SQLITE_UTF8) == SQLITE_OK ? 0 : dberr(w);
        else
            rc = sqlite3_bind_int64(st, (int)c + 1, docid) == SQLITE_OK ? 0 : dberr(w);
    }
    if (!rc && sqlite3_step(st) != SQLITE_DONE)
        rc = dberr(w);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

/* Name of the table for list field 'key' into w->line. */
static int db_listname(galley_writer *w, const char *key)
{
    galley_buf *b = &w->line;
    b->len = 0;
    if (add_clean(b, key, strlen(key)))
        return GALLEY_ENOMEM;
    if (eqnocase(b->s, b->len, "documents", 9) ||
        (b->len >= 7 && eqnocase(b->s, 7, "sqlite_", 7))) {
        w->tmpb.len = 0;
        if (galley_buf_adds(&w->tmpb, "field_") || galley_buf_add(&w->tmpb, b->s, b->len))
            return GALLEY_ENOMEM;
        b->len = 0;
        if (galley_buf_add(b, w->tmpb.s, w->tmpb.len))
            return GALLEY_ENOMEM;
    }
    return GALLEY_OK;
}

static int db_put(galley_writer *w, const galley_val *rec)
{
    int rc;
    if (record_key(&w->key, rec))
        return nomem(w);
    int same = w->key.len == w->lastkey.len &&
               memcmp(w->key.s, w->lastkey.s, w->key.len) == 0;
    if (w->intxn && w->batch >= GALLEY_WRITE_BATCH && !same) {
        if ((rc = db_exec(w, "COMMIT")))
            return rc;
        w->intxn = 0;
        w->batch = 0;
    }
    if (!w->intxn) {
        if ((rc = db_exec(w, "BEGIN IMMEDIATE")))
            return rc;
        w->intxn = 1;
    }
    galley_buf tb = w->key;
    w->key = w->lastkey;
    w->lastkey = tb;
    long k = db_load(w, "documents", 9);
    if (k < 0)
        return (int)k;
    if ((rc = db_insert(w, (size_t)k, rec, 0)))
        return rc;
    int64_t docid = sqlite3_last_insert_rowid(w->db);
    for (size_t i = 0; i < rec->u.obj.n; i++) {
        const galley_member *m = &rec->u.obj.m[i];
        if (!is_objlist(&m->val) || !m->val.u.arr.n || !m->key[0])
            continue;
        if (db_listname(w, m->key))
            return nomem(w);
        long t = db_load(w, w->line.s, w->line.len);
        if (t < 0)
            return (int)t;
        for (size_t j = 0; j < m->val.u.arr.n; j++)
            if ((rc = db_insert(w, (size_t)t, &m->val.u.arr.items[j], docid)))
                return rc;
    }
    w->batch++;
    return GALLEY_OK;
}

/* Keys of the documents already in the database. */
static int db_keys(galley_writer *w)
{
    long k = db_load(w, "documents", 9);
    if (k < 0)
        return (int)k;
    dbtable *t = &w->tab[k];
    if (colset_find(&t->cols, "path", 4) < 0)
        return GALLEY_OK;
    const char *sql = colset_find(&t->cols, "id", 2) >= 0
        ? "SELECT \"path\", \"id\" FROM \"documents\""
        : "SELECT \"path\", NULL FROM \"documents\"";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK)
        return dberr(w);
    galley_buf *b = &w->tmpb;
    int rc, status = GALLEY_OK;
    while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) == SQLITE_NULL)
            continue;
        b->len = 0;
        size_t plen = 0;
        int hasid = sqlite3_column_type(st, 1) != SQLITE_NULL;
        for (int c = 0; c < 1 + hasid && !status; c++) {
            int type = sqlite3_column_type(st, c);
            if (type == SQLITE_INTEGER)
                status = galley_buf_printf(b, "%" PRId64, (int64_t)sqlite3_column_int64(st, c));
            else if (type == SQLITE_FLOAT)
                status = galley_json_number(b, sqlite3_column_double(st, c));
            else {
                const char *s = (const char *)sqlite3_column_text(st, c);
                status = galley_buf_add(b, s ? s : "", (size_t)sqlite3_column_bytes(st, c));
            }
            if (!c)
                plen = b->len;
        }
        if (!status)
            status = keyset_add(&w->done, b->s, plen, b->s + plen, b->len - plen, hasid);
        if (status)
            status = nomem(w);
    }
    if (!status && rc != SQLITE_DONE)
        status = dberr(w);
    sqlite3_finalize(st);
    return status;
}

static int db_open(galley_writer *w, const char *path)
{
    if (sqlite3_open_v2(path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
        != SQLITE_OK)
        return dberr(w);
    sqlite3_busy_timeout(w->db, 5000);
    long k = db_load(w, "documents", 9);  /* also tells a non-database file */
    if (k < 0)
        return (int)k;
    return (w->flags & GALLEY_WRITE_RESUME) ? db_keys(w) : GALLEY_OK;
}

/* Close the database, committing or rolling back the open transaction. */
static int db_close(galley_writer *w, int commit)
{
    int rc = GALLEY_OK;
    for (size_t i = 0; i < w->ntab; i++) {
        if (w->tab[i].ins)
            sqlite3_finalize(w->tab[i].ins);
        w->tab[i].ins = NULL;
    }
    if (commit && !w->failed) {
        long k = db_load(w, "documents", 9);
        if (k < 0)
            rc = (int)k;
        else if (w->tab[k].cols.n == 0) {   /* no record: leave the schema */
            galley_val empty;
            galley_val_obj(&empty);
            rc = db_columns(w, (size_t)k, &empty, 1);
        }
        if (!rc && w->intxn && !(rc = db_exec(w, "COMMIT")))
            w->intxn = 0;
    }
    if (w->intxn)
        sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
    w->intxn = 0;
    if (sqlite3_close(w->db) != SQLITE_OK && !rc)
        rc = dberr(w);
    w->db = NULL;
    return rc;
}

/* ------------------------------------------------------------------------
** Public API
** --------------------------------------------------------------------- */

static void writer_free(galley_writer *w)
{
    if (w->db)
        db_close(w, 0);
    if (w->out && w->own_out)
        fclose(w->out);
    else if (w->out)
        fflush(w->out);
    if (w->spool)
        fclose(w->spool);
    if (w->tmp)
        unlink(w->tmp);
    free(w->tmp);
    free(w->final);
    free(w->name);
    galley_buf_free(&w->json);
    galley_buf_free(&w->cell);
    galley_buf_free(&w->line);
    galley_buf_free(&w->key);
    galley_buf_free(&w->lastkey);
    galley_buf_free(&w->tmpb);
    colset_free(&w->cols);
    colset_free(&w->tnames);
    for (size_t i = 0; i < w->ntab; i++) {
        free(w->tab[i].name);
        colset_free(&w->tab[i].cols);
    }
    free(w->tab);
    free(w->vals);
    keyset_free(&w->done);
    free(w);
}

int galley_writer_open(galley_writer **wp, const char *path, const char *format,
                       unsigned flags, char *err, size_t errsize)
{
    *wp = NULL;
    int stream = !path || strcmp(path, "-") == 0;
    const char *name = stream ? "standard output" : path;
    int fmt = format ? fmt_byname(format) : stream ? F_JSONL : fmt_bypath(path);
    if (fmt < 0) {
        seterr(err, errsize, "unknown output format '%s' "
               "(known: jsonl, json, csv, tsv, md, html, db)", format);
        return GALLEY_EINVAL;
    }
    if (!stream && !*path) {
        seterr(err, errsize, "the output file name is empty");
        return GALLEY_EINVAL;
    }
    if (stream && fmt == F_DB) {
        seterr(err, errsize, "%s: SQLite output needs a file name", name);
        return GALLEY_EINVAL;
    }
    if ((flags & GALLEY_WRITE_RESUME) && (stream || (fmt != F_JSONL && fmt != F_DB))) {
        seterr(err, errsize, "%s: resume needs a JSON Lines or SQLite output file", name);
        return GALLEY_EINVAL;
    }
    galley_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->name = strdup(name))) {
        free(w);
        seterr(err, errsize, "%s: not enough memory", name);
        return GALLEY_ENOMEM;
    }
    w->fmt = fmt;
    w->flags = flags;
    w->tnames.nocase = 1;
    int rc;
    if (fmt == F_DB)
        rc = db_open(w, path);
    else if (stream) {
        w->out = stdout;
        rc = GALLEY_OK;
    } else
        rc = file_open(w, path);
    if (!rc && (fmt == F_CSV || fmt == F_TSV || fmt == F_MD))
        rc = spool_open(w);
    if (!rc && fmt == F_HTML)
        rc = html_begin(w);
    if (rc) {
        seterr(err, errsize, "%s", w->msg);
        writer_free(w);
        return rc;
    }
    keyset_finish(&w->done);
    *wp = w;
    return GALLEY_OK;
}

int galley_writer_put(galley_writer *w, const galley_val *rec)
{
    if (w->failed)
        return w->failed;
    if (!rec || rec->type != GALLEY_OBJ) {
        snprintf(w->msg, sizeof w->msg, "a record must be an object (a table with keys)");
        return GALLEY_EINVAL;
    }
    w->json.len = 0;
    int rc = galley_json_encode(rec, &w->json);
    if (rc == GALLEY_EINVAL) {
        snprintf(w->msg, sizeof w->msg, "record has a NaN or infinite number, "
                 "or nests deeper than %d levels", GALLEY_JSON_MAXDEPTH);
        w->json.len = 0;
        return GALLEY_EINVAL;
    }
    if (rc)
        return nomem(w);
    switch (w->fmt) {
    case F_JSONL:
        rc = galley_buf_addc(&w->json, '\n') ? nomem(w)
                                              : out_write(w, w->json.s, w->json.len);
        break;
    case F_JSON:
        rc = out_write(w, w->count ? ",\n" : "[\n", 2);
        if (!rc)
            rc = out_write(w, w->json.s, w->json.len);
        break;
    case F_CSV: case F_TSV: case F_MD:
        rc = cols_note(w, rec);
        errno = 0;
        if (!rc && (fwrite(w->json.s, 1, w->json.len, w->spool) != w->json.len ||
                    putc('\n', w->spool) == EOF))
            rc = fail(w, GALLEY_EIO, "spool: %s",
                                errno ? strerror(errno) : "write error");
        break;
    case F_HTML:
        rc = html_record(w, rec);
        break;
    case F_DB:
        rc = db_put(w, rec);
        break;
    }
    if (rc) {
        if (!w->failed)
            w->failed = rc;
        return rc;
    }
    w->count++;
    return GALLEY_OK;
}

int galley_writer_put_json(galley_writer *w, const char *json, size_t len)
{
    if (w->failed)
        return w->failed;
    if (!len || json[0] != '{') {
        snprintf(w->msg, sizeof w->msg, "a record must be an object (a table with keys)");
        return GALLEY_EINVAL;
    }
    int rc;
    switch (w->fmt) {
    case F_JSONL:
        rc = out_write(w, json, len);
        if (!rc && putc('\n', w->out) == EOF)
            rc = ioerr(w);
        break;
    case F_JSON:
        rc = out_write(w, w->count ? ",\n" : "[\n", 2);
        if (!rc)
            rc = out_write(w, json, len);
        break;
    default: {      /* the other formats read the record as a tree */
        galley_val rec;
        galley_json_error je;
        rc = galley_json_decode(json, len, &rec, &je);
        if (rc == GALLEY_EINVAL) {
            snprintf(w->msg, sizeof w->msg, "record is not valid JSON: %s", je.msg);
            return GALLEY_EINVAL;
        }
        if (rc)
            return nomem(w);
        rc = galley_writer_put(w, &rec);
        galley_val_free(&rec);
        return rc;
    }
    }
    if (rc) {
        if (!w->failed)
            w->failed = rc;
        return rc;
    }
    w->count++;
    return GALLEY_OK;
}

const char *galley_writer_error(const galley_writer *w)
{
    return w->msg;
}

int galley_writer_done(const galley_writer *w, const char *path, const char *id)
{
    return path && keyset_has(&w->done, path, id);
}

size_t galley_writer_ndone(const galley_writer *w)
{
    return w->done.n;
}

/* Rename the finished temporary file over the output; fsync the folder. */
static int file_finish(galley_writer *w)
{
    errno = 0;
    if (fflush(w->out) || fsync(fileno(w->out)))
        return ioerr(w);
    FILE *f = w->out;
    w->out = NULL;
    if (fclose(f))
        return ioerr(w);
    if (rename(w->tmp, w->final)) {
        int e = errno;
        return fail(w, GALLEY_EIO, "cannot rename %s: %s", w->tmp, strerror(e));
    }
    free(w->tmp);
    w->tmp = NULL;
    char *dir = dir_of(w->final, NULL);
    if (dir) {
        int fd = open(*dir ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            (void)fsync(fd);
            close(fd);
        }
        free(dir);
    }
    return GALLEY_OK;
}

int galley_writer_commit(galley_writer *w, char *err, size_t errsize)
{
    int rc = w->failed;
    if (!rc) {
        switch (w->fmt) {
        case F_JSON:
            rc = w->count ? out_write(w, "\n]\n", 3) : out_write(w, "[]\n", 3);
            break;
        case F_CSV: case F_TSV: case F_MD:
            rc = table_write(w);
            break;
        case F_HTML:
            w->line.len = 0;
            rc = galley_buf_printf(&w->line, "<footer>%zu record%s</footer>\n</body>\n</html>\n",
                                   w->count, w->count == 1 ? "" : "s")
                 ? nomem(w) : out_write(w, w->line.s, w->line.len);
            break;
        default:
            break;
        }
    }
    if (!rc && w->fmt == F_DB)
        rc = db_close(w, 1);
    else if (!rc && w->tmp)
        rc = file_finish(w);
    else if (!rc && w->out) {
        errno = 0;
        if (fflush(w->out))
            rc = ioerr(w);
        else if (w->own_out) {
            FILE *f = w->out;
            w->out = NULL;
            if (fclose(f))
                rc = ioerr(w);
        }
    }
    if (rc)
        seterr(err, errsize, "%s", w->msg);
    writer_free(w);
    return rc;
}

void galley_writer_abort(galley_writer *w)
{
    if (w)
        writer_free(w);
}
