/*
** read.c: walking input paths and reading raw documents (see read.h).
** Folders are walked depth first with entries in byte order, so a run is
** the same on every machine; dot files are skipped; a folder already on
** the current walk (a symlink loop) is reported, not followed.
*/
#include "read.h"
#include "galley.h"
#include "json.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Deepest folder nesting walked. */
#define MAX_DEPTH 64

typedef struct dir_frame {
    char *path;
    char **names;           /* sorted entries */
    size_t n, next;
    dev_t dev;
    ino_t ino;
} dir_frame;

struct galley_input {
    const char *const *paths;
    size_t npaths, next_path;
    galley_input_opts opts;
    dir_frame stack[MAX_DEPTH];
    size_t depth;
    /* the file being read as JSON Lines, or the items of a JSON array */
    FILE *lines;
    char *lines_path;
    size_t lineno;
    size_t lines_docs;      /* documents (or errors) the file gave so far */
    int lines_stdin;
    galley_val items;
    char *items_path;
    size_t next_item;
    char *pending;          /* a first line of stdin already read */
    size_t pending_len;
};

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static int fail(galley_buf *err, const char *path, const char *what, int code)
{
    err->len = 0;
    if (galley_buf_printf(err, "%s: %s", path, what))
        return GALLEY_ENOMEM;
    return code;
}

static int fail_errno(galley_buf *err, const char *path, const char *doing)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s%s", doing, strerror(errno));
    return fail(err, path, msg, GALLEY_EIO);
}

int galley_input_known(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    return !strcmp(dot, ".txt") || !strcmp(dot, ".md") || !strcmp(dot, ".json")
        || !strcmp(dot, ".jsonl") || !strcmp(dot, ".text") || !strcmp(dot, ".markdown")
        || !strcmp(dot, ".ndjson");
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n >= e && strcmp(path + n - e, ext) == 0;
}

int galley_input_open(galley_input **in, const char *const *paths, size_t n,
                      const galley_input_opts *opts)
{
    galley_input *p = calloc(1, sizeof *p);
    if (!p)
        return GALLEY_ENOMEM;
    p->paths = paths;
    p->npaths = n;
    if (opts)
        p->opts = *opts;
    *in = p;
    return GALLEY_OK;
}

void galley_source_free(galley_source *src)
{
    free(src->path);
    free(src->text);
    galley_val_free(&src->meta);
    memset(src, 0, sizeof *src);
}

static void pop_dir(galley_input *in)
{
    dir_frame *f = &in->stack[--in->depth];
    for (size_t i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
    free(f->path);
}

static void close_lines(galley_input *in)
{
    if (in->lines && !in->lines_stdin)
        fclose(in->lines);
    in->lines = NULL;
    free(in->lines_path);
    in->lines_path = NULL;
    free(in->pending);
    in->pending = NULL;
}

static void close_items(galley_input *in)
{
    galley_val_free(&in->items);
    free(in->items_path);
    in->items_path = NULL;
}

void galley_input_close(galley_input *in)
{
    if (!in)
        return;
    while (in->depth)
        pop_dir(in);
    close_lines(in);
    close_items(in);
    free(in);
}

/* ------------------------------------------------------------------ */
/* Globs                                                               */
/* ------------------------------------------------------------------ */

/* A glob with a '/' matches the path, else the file name. */
static int glob_match(const char *glob, const char *path)
{
    const char *base = strrchr(path, '/');
    const char *subject = strchr(glob, '/') ? path : (base ? base + 1 : path);
    return fnmatch(glob, subject, 0) == 0;
}

static int excluded(const galley_input *in, const char *path)
{
    for (size_t i = 0; i < in->opts.nexclude; i++)
        if (glob_match(in->opts.exclude[i], path))
            return 1;
    return 0;
}

static int included(const galley_input *in, const char *path)
{
    if (in->opts.ninclude == 0)
        return galley_input_known(path);
    for (size_t i = 0; i < in->opts.ninclude; i++)
        if (glob_match(in->opts.include[i], path))
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reading one document                                                */
/* ------------------------------------------------------------------ */

/* Read all of 'f' into 'src->text'. */
static int slurp(FILE *f, const char *path, galley_source *src, galley_buf *err)
{
    galley_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > GALLEY_READ_MAX) {
            galley_buf_free(&b);
            char msg[96];
            snprintf(msg, sizeof msg, "file too large (limit is %zu MiB)",
                     GALLEY_READ_MAX >> 20);
            return fail(err, path, msg, GALLEY_ELIMIT);
        }
        if (galley_buf_add(&b, chunk, n)) {
            galley_buf_free(&b);
            return GALLEY_ENOMEM;
        }
    }
    if (ferror(f)) {
        galley_buf_free(&b);
        return fail_errno(err, path, "cannot read: ");
    }
    src->text = galley_buf_take(&b, &src->len);
    return src->text ? GALLEY_OK : GALLEY_ENOMEM;
}

static int check_content(galley_source *src, const char *path, galley_buf *err)
{
    if (src->len == 0)
        return fail(err, path, "empty file, nothing to read", GALLEY_EINVAL);
    if (galley_text_is_binary(src->text, src->len, GALLEY_BINARY_PROBE)) {
        const char *z = memchr(src->text, '\0', src->len);
        char msg[96];
        snprintf(msg, sizeof msg, "binary file (NUL byte at offset %zu), not read",
                 (size_t)(z - src->text));
        return fail(err, path, msg, GALLEY_EINVAL);
    }
    return GALLEY_OK;
}

/* Take the text field out of JSON object 'obj' into 'src'; the rest is meta. */
static int from_json_object(galley_val *obj, const char *path, galley_source *src,
                            galley_buf *err)
{
    static const char *const fields[] = {"text", "body", "content"};
    if (obj->type != GALLEY_OBJ)
        return fail(err, path, "expected a JSON object with a \"text\" field",
                    GALLEY_EINVAL);
    for (size_t f = 0; f < 3; f++) {
        for (size_t i = 0; i < obj->u.obj.n; i++) {
            galley_member *m = &obj->u.obj.m[i];
            if (strcmp(m->key, fields[f]) != 0 || m->val.type != GALLEY_STR)
                continue;
            src->text = m->val.u.str.s;
            src->len = m->val.u.str.len;
            free(m->key);
            memmove(m, m + 1, (obj->u.obj.n - i - 1) * sizeof *m);
            obj->u.obj.n--;
            src->meta = *obj;
            galley_val_null(obj);
            src->kind = GALLEY_SRC_JSON;
            if (!(src->path = dupstr(path)))
                return GALLEY_ENOMEM;
            return GALLEY_OK;
        }
    }
    return fail(err, path, "no \"text\", \"body\" or \"content\" string field",
                GALLEY_EINVAL);
}

/* A JSON error; 'one_line' for a JSON Lines line, whose line number is
** already in 'path'. */
static int json_error(galley_buf *err, const char *path, const galley_json_error *je,
                      int one_line)
{
    char msg[200];
    if (one_line)
        snprintf(msg, sizeof msg, "invalid JSON at column %zu: %s", je->col, je->msg);
    else
        snprintf(msg, sizeof msg, "invalid JSON at line %zu, column %zu: %s",
                 je->line, je->col, je->msg);
    return fail(err, path, msg, GALLEY_EINVAL);
}

/* The next item of the JSON array being read. */
static int next_item(galley_input *in, galley_source *src, galley_buf *err)
{
    size_t i = in->next_item++;
    char path[4200];
    snprintf(path, sizeof path, "%s:%zu", in->items_path, i + 1);
    int rc = from_json_object(&in->items.u.arr.items[i], path, src, err);
    if (in->next_item >= in->items.u.arr.n)
        close_items(in);
    return rc ? rc : 1;
}

/* The next non-blank line of the JSON Lines file being read. */
static int next_line(galley_input *in, galley_source *src, galley_buf *err)
{
    char *line = NULL;
    size_t cap = 0;
    for (;;) {
        ssize_t n;
        if (in->pending) {
            line = in->pending;
            n = (ssize_t)in->pending_len;
            in->pending = NULL;
        } else {
            n = getline(&line, &cap, in->lines);
        }
        if (n < 0) {
            int bad = ferror(in->lines);
            free(line);
            if (bad) {
                int rc = fail_errno(err, in->lines_path, "cannot read: ");
                close_lines(in);
                return rc;
            }
            if (in->lines_docs == 0) {
                int rc = fail(err, in->lines_path, "no JSON lines in the file, nothing to read",
                              GALLEY_EINVAL);
                close_lines(in);
                return rc;
            }
            close_lines(in);
            return 0;
        }
        in->lineno++;
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\n' || line[k] == '\r'))
            k++;
        if (k == len)
            continue;
        in->lines_docs++;
        char path[4200];
        snprintf(path, sizeof path, "%s:%zu", in->lines_path, in->lineno);
        galley_val v;
        galley_json_error je;
        int rc;
        if (len > GALLEY_READ_MAX)
            rc = fail(err, path, "line too long", GALLEY_ELIMIT);
        else if (memchr(line, '\0', len))
            rc = fail(err, path, "NUL byte in a JSON line", GALLEY_EINVAL);
        else if ((rc = galley_json_decode(line, len, &v, &je)) == GALLEY_EINVAL)
            rc = json_error(err, path, &je, 1);
        else if (rc == GALLEY_OK) {
            rc = from_json_object(&v, path, src, err);
            galley_val_free(&v);
        }
        free(line);
        return rc ? rc : 1;
    }
}

/* Open the file 'path' (or standard input for "-") and yield its first
** document. */
static int open_file(galley_input *in, const char *path, galley_source *src,
                     galley_buf *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return fail_errno(err, path, "cannot open: ");
    int jsonl = has_ext(path, ".jsonl") || has_ext(path, ".ndjson");
    if (is_stdin) {
        /* JSON Lines when the first non-blank byte is '{' */
        int c;
        size_t lines = 0;
        while ((c = getc(f)) == ' ' || c == '\t' || c == '\n' || c == '\r')
            lines += c == '\n';
        in->lineno = lines;
        if (c != EOF)
            ungetc(c, f);
        jsonl = (c == '{');
    }
    if (jsonl) {
        if (!(in->lines_path = dupstr(path))) {
            if (!is_stdin)
                fclose(f);
            return GALLEY_ENOMEM;
        }
        in->lines = f;
        in->lines_stdin = is_stdin;
        in->lines_docs = 0;
        if (!is_stdin)
            in->lineno = 0;
        return next_line(in, src, err);
    }
    int rc = slurp(f, path, src, err);
    if (!is_stdin)
        fclose(f);
    if (rc == GALLEY_OK)
        rc = check_content(src, path, err);
    if (rc) {
        free(src->text);
        src->text = NULL;
        return rc;
    }
    if (has_ext(path, ".json")) {
        galley_val v;
        galley_json_error je;
        rc = galley_json_decode(src->text, src->len, &v, &je);
        free(src->text);
        src->text = NULL;
        src->len = 0;
        if (rc == GALLEY_EINVAL)
            return json_error(err, path, &je, 0);
        if (rc)
            return rc;
        if (v.type == GALLEY_ARR) {
            if (v.u.arr.n == 0) {
                galley_val_free(&v);
                return fail(err, path, "empty JSON array, no articles", GALLEY_EINVAL);
            }
            in->items = v;
            in->next_item = 0;
            if (!(in->items_path = dupstr(path)))
                return GALLEY_ENOMEM;
            return next_item(in, src, err);
        }
        rc = from_json_object(&v, path, src, err);
        galley_val_free(&v);
        return rc ? rc : 1;
    }
    src->kind = (has_ext(path, ".md") || has_ext(path, ".markdown"))
              ? GALLEY_SRC_MARKDOWN : GALLEY_SRC_TEXT;
    galley_val_obj(&src->meta);
    if (!(src->path = dupstr(path)))
        return GALLEY_ENOMEM;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Walking                                                             */
/* ------------------------------------------------------------------ */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push_dir(galley_input *in, const char *path, const struct stat *st,
                    galley_buf *err)
{
    for (size_t i = 0; i < in->depth; i++)
        if (in->stack[i].dev == st->st_dev && in->stack[i].ino == st->st_ino)
            return fail(err, path, "symlink loop (folder already being walked), skipped",
                        GALLEY_EINVAL);
    if (in->depth == MAX_DEPTH)
        return fail(err, path, "folders nested too deep (limit is 64), skipped",
                    GALLEY_ELIMIT);
    DIR *d = opendir(path);
    if (!d)
        return fail_errno(err, path, "cannot open folder: ");
    dir_frame f = {0};
    f.dev = st->st_dev;
    f.ino = st->st_ino;
    size_t cap = 0;
    struct dirent *e;
    int rc = GALLEY_OK;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (f.n == cap) {
            cap = cap ? cap * 2 : 32;
            char **names = realloc(f.names, cap * sizeof *names);
            if (!names) { rc = GALLEY_ENOMEM; break; }
            f.names = names;
        }
        if (!(f.names[f.n] = dupstr(e->d_name))) { rc = GALLEY_ENOMEM; break; }
        f.n++;
    }
    closedir(d);
    if (rc == GALLEY_OK && !(f.path = dupstr(path)))
        rc = GALLEY_ENOMEM;
    if (rc) {
        for (size_t i = 0; i < f.n; i++)
            free(f.names[i]);
        free(f.names);
        return rc;
    }
    if (f.n)
        qsort(f.names, f.n, sizeof *f.names, cmp_names);
    in->stack[in->depth++] = f;
    return GALLEY_OK;
}

/* Visit 'path': a folder is pushed; a file is opened. 'named' is set for
** paths given on the command line (read whatever their extension). Returns
** 1 with a document, 0 when nothing came of it, or an error. */
static int visit(galley_input *in, const char *path, int named,
                 galley_source *src, galley_buf *err)
{
    if (strcmp(path, "-") == 0)
        return open_file(in, path, src, err);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (!named && lstat(path, &st) == 0) {
            if (excluded(in, path) || !included(in, path))
                return 0;
            return fail(err, path, "broken symbolic link, skipped", GALLEY_EIO);
        }
        return fail_errno(err, path, "cannot read: ");
    }
    if (S_ISDIR(st.st_mode)) {
        if (!named && excluded(in, path))
            return 0;
        int rc = push_dir(in, path, &st, err);
        return rc ? rc : 0;
    }
    if (!named && (excluded(in, path) || !included(in, path)))
        return 0;
    if (!S_ISREG(st.st_mode) && named == 0)
        return 0;
    return open_file(in, path, src, err);
}

int galley_input_next(galley_input *in, galley_source *src, galley_buf *err)
{
    memset(src, 0, sizeof *src);
    for (;;) {
        if (in->items_path)
            return next_item(in, src, err);
        if (in->lines) {
            int rc = next_line(in, src, err);
            if (rc != 0)
                return rc;
            continue;
        }
        if (in->depth) {
            dir_frame *f = &in->stack[in->depth - 1];
            if (f->next == f->n) {
                pop_dir(in);
                continue;
            }
            const char *name = f->names[f->next++];
            size_t plen = strlen(f->path);
            char *path = malloc(plen + strlen(name) + 2);
            if (!path)
                return GALLEY_ENOMEM;
            sprintf(path, "%s%s%s", f->path,
                    plen && f->path[plen - 1] == '/' ? "" : "/", name);
            int rc = visit(in, path, 0, src, err);
            free(path);
            if (rc != 0)
                return rc;
            continue;
        }
        if (in->next_path == in->npaths)
            return 0;
        int rc = visit(in, in->paths[in->next_path++], 1, src, err);
        if (rc != 0)
            return rc;
    }
}
