/*
** test_write.c: the output writers, every format, through files in a
** scratch folder: exact bytes for the text formats, no temporary file left
** behind, resume of JSON Lines and SQLite, and the database read back
** through the sqlite3 API.
*/
#include "check.h"
#include "galley.h"
#include "json.h"
#include "write.h"

#include <sqlite3.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static char err[512];

/* "dir/name" in one of a few rotating buffers. */
static const char *at(const char *name)
{
    static char bufs[4][512];
    static int k;
    char *b = bufs[k++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
    return b;
}

static galley_val rec(const char *json)
{
    galley_val v;
    galley_json_error je;
    if (galley_json_decode(json, strlen(json), &v, &je)) {
        fprintf(stderr, "bad test JSON: %s: %s\n", json, je.msg);
        exit(2);
    }
    return v;
}

static int put(galley_writer *w, const char *json)
{
    galley_val v = rec(json);
    int rc = galley_writer_put(w, &v);
    galley_val_free(&v);
    return rc;
}

/* Whole file as a string (caller frees), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    galley_buf b = {0};
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        galley_buf_add(&b, tmp, n);
    fclose(f);
    return galley_buf_take(&b, NULL);
}

static void spit(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    fputs(s, f);
    fclose(f);
}

static int file_is(const char *path, const char *want)
{
    char *got = slurp(path);
    int ok = got && strcmp(got, want) == 0;
    if (!ok)
        fprintf(stderr, "%s:\n--- got\n%s\n--- want\n%s\n---\n", path,
                got ? got : "(missing)", want);
    free(got);
    return ok;
}

/* Entries in the scratch folder (temporary files count). */
static int nfiles(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void clean_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlink(at(e->d_name));
    closedir(d);
}

static galley_writer *open_ok(const char *path, const char *fmt, unsigned flags)
{
    galley_writer *w = NULL;
    err[0] = '\0';
    int rc = galley_writer_open(&w, path, fmt, flags, err, sizeof err);
    if (rc)
        fprintf(stderr, "open %s: %s\n", path ? path : "-", err);
    CHECK(rc == 0 && w);
    return w;
}

static int commit(galley_writer *w)
{
    err[0] = '\0';
    int rc = galley_writer_commit(w, err, sizeof err);
    if (rc)
        fprintf(stderr, "commit: %s\n", err);
    return rc;
}

/* ------------------------------------------------------------------ */

static void test_jsonl(void)
{
    const char *out = at("out.jsonl");
    galley_writer *w = open_ok(out, NULL, 0);
    CHECK(put(w, "{\"path\":\"a.txt\",\"words\":3}") == 0);
    CHECK(nfiles() == 1);                   /* only the temporary file */
    CHECK(access(out, F_OK) != 0);
    CHECK(put(w, "{\"path\":\"b.txt\",\"title\":\"Caf\\u00e9 \\u201cnews\\u201d\"}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(out, "{\"path\":\"a.txt\",\"words\":3}\n"
                       "{\"path\":\"b.txt\",\"title\":\"Caf\xC3\xA9 \xE2\x80\x9Cnews\xE2\x80\x9D\"}\n"));
    CHECK(nfiles() == 1);

    /* no records: an empty file; an unknown extension means JSON Lines */
    w = open_ok(at("empty.out"), NULL, 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("empty.out"), ""));
    clean_dir();
}

static void test_json(void)
{
    galley_writer *w = open_ok(at("out.json"), NULL, 0);
    CHECK(put(w, "{\"a\":1,\"b\":[1,2]}") == 0);
    CHECK(put(w, "{\"a\":2.5,\"b\":null}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("out.json"), "[\n{\"a\":1,\"b\":[1,2]},\n{\"a\":2.5,\"b\":null}\n]\n"));
    w = open_ok(at("none.json"), NULL, 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("none.json"), "[]\n"));
    clean_dir();
}

static void test_csv(void)
{
    const char *out = at("out.csv");
    galley_writer *w = open_ok(out, NULL, 0);
    CHECK(put(w, "{\"title\":\"Plain\",\"path\":\"a.txt\",\"n\":1}") == 0);
    CHECK(put(w, "{\"path\":\"b.txt\",\"title\":\"Rain, then sun\",\"id\":\"b7\","
                 "\"quote\":\"She said \\\"no\\\".\",\"ok\":true}") == 0);
    CHECK(put(w, "{\"path\":\"c.txt\",\"title\":\"Two\\nlines\\r\\nhere\",\"n\":0.5,"
                 "\"tags\":[\"x\",\"y\"],\"ok\":false,\"quote\":null}") == 0);
    CHECK(put(w, "{\"path\":\"d\\u00e9.txt\",\"title\":\"\\u00a0no-break \\u2019quote\\u2019\"}") == 0);
    CHECK(nfiles() == 1);                   /* the spool is unlinked */
    CHECK(commit(w) == 0);
    CHECK(file_is(out,
        "path,id,title,n,quote,ok,tags\n"
        "a.txt,,Plain,1,,,\n"
        "b.txt,b7,\"Rain, then sun\",,\"She said \"\"no\"\".\",true,\n"
        "c.txt,,\"Two\nlines\r\nhere\",0.5,,false,\"[\"\"x\"\",\"\"y\"\"]\"\n"
        "d\xC3\xA9.txt,,\xC2\xA0no-break \xE2\x80\x99quote\xE2\x80\x99,,,,\n"));
    CHECK(nfiles() == 1);

    /* a lone empty field is quoted, so the row is not a blank line */
    w = open_ok(at("one.csv"), NULL, 0);
    CHECK(put(w, "{\"x\":\"\"}") == 0);
    CHECK(put(w, "{\"x\":\"v\"}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("one.csv"), "x\n\"\"\nv\n"));

    /* no records, no columns: an empty file */
    w = open_ok(at("none.csv"), NULL, 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("none.csv"), ""));
    clean_dir();
}

static void test_tsv(void)
{
    galley_writer *w = open_ok(at("out.tsv"), NULL, 0);
    CHECK(put(w, "{\"path\":\"a\\tb.txt\",\"text\":\"one\\ttwo\\nthree\\r\\\\four, \\\"five\\\"\"}") == 0);
    CHECK(put(w, "{\"text\":\"x\",\"more\":{\"k\":1}}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("out.tsv"),
        "path\ttext\tmore\n"
        "a\\tb.txt\tone\\ttwo\\nthree\\r\\\\four, \"five\"\t\n"
        "\tx\t{\"k\":1}\n"));
    clean_dir();
}

static void test_md(void)
{
    galley_writer *w = open_ok(at("out.md"), NULL, 0);
    CHECK(put(w, "{\"path\":\"a.txt\",\"title\":\"A | B\",\"note\":\"line\\nbreak *bold* `code` <b> \\\\\"}") == 0);
    CHECK(put(w, "{\"path\":\"b.txt\",\"words\":12}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("out.md"),
        "| path | title | note | words |\n"
        "| --- | --- | --- | --- |\n"
        "| a.txt | A \\| B | line<br>break \\*bold\\* \\`code\\` \\<b> \\\\ |  |\n"
        "| b.txt |  |  | 12 |\n"));
    clean_dir();
}

static void test_html(void)
{
    const char *out = at("out.html");
    galley_writer *w = open_ok(out, NULL, 0);
    CHECK(put(w, "{\"path\":\"a.txt\",\"title\":\"<script>alert('x')</script> & co\","
                 "\"entities\":[{\"start\":0,\"end\":3,\"text\":\"Ann\",\"label\":\"PERSON\"},"
                 "{\"text\":\"Oslo\",\"label\":\"PLACE\",\"start\":9,\"end\":13}],"
                 "\"removed\":[\"Share this\",\"Leave a reply\"],\"score\":null,"
                 "\"meta\":{\"lang\":\"en\"}}") == 0);
    /* a long text folds; a record without title or path is numbered */
    char big[2000] = "{\"text\":\"";
    size_t n = strlen(big);
    for (int i = 0; i < 200; i++) {
        memcpy(big + n, "word ", 5);
        n += 5;
    }
    strcpy(big + n, "\"}");
    CHECK(put(w, big) == 0);
    CHECK(commit(w) == 0);
    char *s = slurp(out);
    CHECK(s && strncmp(s, "<!DOCTYPE html>", 15) == 0);
    CHECK(s && strstr(s, "<title>out.html</title>"));
    CHECK(s && !strstr(s, "<script"));
    CHECK(s && strstr(s, "<h2>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</h2>"));
    CHECK(s && strstr(s, "<table><tr><th>start</th><th>end</th><th>text</th><th>label</th></tr>"
                         "<tr><td>0</td><td>3</td><td>Ann</td><td>PERSON</td></tr>"
                         "<tr><td>9</td><td>13</td><td>Oslo</td><td>PLACE</td></tr></table>"));
    CHECK(s && strstr(s, "<ul><li>Share this</li><li>Leave a reply</li></ul>"));
    CHECK(s && strstr(s, "<dt>meta</dt><dd><dl><dt>lang</dt><dd>en</dd></dl></dd>"));
    CHECK(s && strstr(s, "<span class=\"null\">null</span>"));
    CHECK(s && strstr(s, "<h2>Record 2</h2>"));
    CHECK(s && strstr(s, "<details><summary>word word"));
    CHECK(s && strstr(s, "(1000 bytes)</summary>"));
    CHECK(s && strstr(s, "<footer>2 records</footer>\n</body>\n</html>\n"));
    free(s);
    clean_dir();
}

/* Invalid UTF-8 never reaches a text output. */
static void test_bad_utf8(void)
{
    galley_val r, *v;
    galley_val_obj(&r);
    v = galley_val_set(&r, "title", 5);
    galley_val_str(v, "a\xC3(b\xF0\x9F\x98z", 8);      /* cut 2- and 4-byte sequences */
    galley_writer *w = open_ok(at("u.csv"), NULL, 0);
    CHECK(galley_writer_put(w, &r) == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("u.csv"), "title\na\xEF\xBF\xBD(b\xEF\xBF\xBDz\n"));
    w = open_ok(at("u.html"), NULL, 0);
    CHECK(galley_writer_put(w, &r) == 0);
    CHECK(commit(w) == 0);
    char *s = slurp(at("u.html"));
    CHECK(s && strstr(s, "<h2>a\xEF\xBF\xBD(b\xEF\xBF\xBDz</h2>"));
    free(s);
    galley_val_free(&r);
    clean_dir();
}

static void test_errors(void)
{
    galley_writer *w = NULL;
    CHECK(galley_writer_open(&w, at("x.out"), "xml", 0, err, sizeof err) == GALLEY_EINVAL);
    CHECK(strstr(err, "unknown output format 'xml'") != NULL);
    CHECK(w == NULL);
    CHECK(galley_writer_open(&w, NULL, "db", 0, err, sizeof err) == GALLEY_EINVAL);
    CHECK(strcmp(err, "standard output: SQLite output needs a file name") == 0);
    CHECK(galley_writer_open(&w, at("x.csv"), NULL, GALLEY_WRITE_RESUME, err, sizeof err)
          == GALLEY_EINVAL);
    CHECK(strstr(err, "resume needs a JSON Lines or SQLite output file") != NULL);
    CHECK(galley_writer_open(&w, "-", NULL, GALLEY_WRITE_RESUME, err, sizeof err)
          == GALLEY_EINVAL);

    /* a folder that is not there; a folder as the output */
    CHECK(galley_writer_open(&w, at("nowhere/out.jsonl"), NULL, 0, err, sizeof err)
          == GALLEY_EIO);
    CHECK(strstr(err, "nowhere/out.jsonl: cannot create ") != NULL);
    CHECK(strstr(err, ": No such file or directory") != NULL);
    CHECK(galley_writer_open(&w, dir, NULL, 0, err, sizeof err) == GALLEY_EIO);
    CHECK(strstr(err, ": Is a directory") != NULL);

    /* refused records leave the writer working */
    w = open_ok(at("r.jsonl"), NULL, 0);
    galley_val r, *v;
    galley_val_obj(&r);
    v = galley_val_set(&r, "x", 1);
    galley_val_num(v, NAN);
    CHECK(galley_writer_put(w, &r) == GALLEY_EINVAL);
    CHECK(strstr(galley_writer_error(w), "NaN") != NULL);
    galley_val_free(&r);
    galley_val_str(&r, "just a string", 13);
    CHECK(galley_writer_put(w, &r) == GALLEY_EINVAL);
    CHECK(strstr(galley_writer_error(w), "must be an object") != NULL);
    galley_val_free(&r);
    CHECK(put(w, "{\"ok\":1}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("r.jsonl"), "{\"ok\":1}\n"));

    /* disk full: /dev/full is not a regular file, so it is written directly */
    const char *fmts[] = {"jsonl", "csv", "html", NULL};
    for (int f = 0; fmts[f]; f++) {
        w = open_ok("/dev/full", fmts[f], 0);
        int rc = 0;
        for (int i = 0; i < 5000 && !rc; i++)
            rc = put(w, "{\"path\":\"some/article.txt\",\"text\":\"filler to fill a buffer\"}");
        if (rc)
            CHECK(strstr(galley_writer_error(w), "/dev/full: No space left on device") != NULL);
        int crc = galley_writer_commit(w, err, sizeof err);
        CHECK(crc == GALLEY_EIO);
        CHECK(strstr(err, "/dev/full: No space left on device") != NULL);
    }

    /* a file that is not a database */
    spit(at("text.db"), "this is plain text, not a database at all, long enough for a header\n");
    CHECK(galley_writer_open(&w, at("text.db"), NULL, 0, err, sizeof err) == GALLEY_EIO);
    CHECK(strstr(err, "text.db: file is not a database") != NULL);
    clean_dir();
}

/* Abort leaves the previous output as it was and no temporary file. */
static void test_abort(void)
{
    const char *fmts[] = {"out.jsonl", "out.json", "out.csv", "out.tsv", "out.md", "out.html", NULL};
    for (int f = 0; fmts[f]; f++) {
        const char *out = at(fmts[f]);
        spit(out, "old output\n");
        galley_writer *w = open_ok(out, NULL, 0);
        CHECK(put(w, "{\"path\":\"new.txt\"}") == 0);
        CHECK(nfiles() == 2);
        galley_writer_abort(w);
        CHECK(file_is(out, "old output\n"));
        CHECK(nfiles() == 1);
        clean_dir();
    }
    galley_writer_abort(NULL);

    /* with no previous output, nothing at all is left */
    galley_writer *w = open_ok(at("fresh.csv"), NULL, 0);
    CHECK(put(w, "{\"a\":1}") == 0);
    galley_writer_abort(w);
    CHECK(nfiles() == 0);

    /* a commit replaces the old output and keeps its permissions */
    spit(at("keep.jsonl"), "old\n");
    chmod(at("keep.jsonl"), 0640);
    w = open_ok(at("keep.jsonl"), NULL, 0);
    CHECK(put(w, "{\"a\":1}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("keep.jsonl"), "{\"a\":1}\n"));
    struct stat st;
    CHECK(stat(at("keep.jsonl"), &st) == 0 && (st.st_mode & 0777) == 0640);

    /* a symbolic link stays a link; the file it points to is replaced */
    spit(at("real.jsonl"), "old\n");
    CHECK(symlink("real.jsonl", at("link.jsonl")) == 0);
    w = open_ok(at("link.jsonl"), NULL, 0);
    CHECK(put(w, "{\"b\":2}") == 0);
    CHECK(commit(w) == 0);
    CHECK(lstat(at("link.jsonl"), &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(file_is(at("real.jsonl"), "{\"b\":2}\n"));
    clean_dir();
}

static void test_resume_jsonl(void)
{
    const char *out = at("run.jsonl");
    /* b.txt gave two records; the run died while writing c.txt's */
    spit(out,
         "{\"path\":\"a.txt\",\"n\":1}\n"
         "\n"
         "{\"path\":\"n.jsonl:1\",\"id\":7,\"n\":2}\n"
         "{\"path\":\"n.jsonl:2\",\"id\":\"x8\",\"n\":3}\n"
         "{\"path\":\"b.txt\",\"part\":1}\n"
         "{\"path\":\"b.txt\",\"part\":2}\n"
         "{\"path\":\"c.txt\",\"par");
    galley_writer *w = open_ok(out, NULL, GALLEY_WRITE_RESUME);
    CHECK(galley_writer_ndone(w) == 3);
    CHECK(galley_writer_done(w, "a.txt", NULL) == 1);
    CHECK(galley_writer_done(w, "n.jsonl:1", NULL) == 1);
    CHECK(galley_writer_done(w, "n.jsonl:1", "7") == 1);
    CHECK(galley_writer_done(w, "n.jsonl:1", "8") == 0);
    CHECK(galley_writer_done(w, "n.jsonl:2", "x8") == 1);
    CHECK(galley_writer_done(w, "b.txt", NULL) == 0);   /* dropped: may be cut */
    CHECK(galley_writer_done(w, "c.txt", NULL) == 0);
    CHECK(galley_writer_done(w, "a.tx", NULL) == 0);
    CHECK(galley_writer_done(w, "a.txtt", NULL) == 0);
    CHECK(galley_writer_done(w, "", NULL) == 0);
    CHECK(file_is(out, "{\"path\":\"a.txt\",\"n\":1}\n\n"
                       "{\"path\":\"n.jsonl:1\",\"id\":7,\"n\":2}\n"
                       "{\"path\":\"n.jsonl:2\",\"id\":\"x8\",\"n\":3}\n"
                       "{\"path\":\"b.txt\",\"part\":1}\n"
                       "{\"path\":\"b.txt\",\"part\":2}\n"
                       "{\"path\":\"c.txt\",\"par"));   /* untouched until commit */
    CHECK(put(w, "{\"path\":\"b.txt\",\"part\":1}") == 0);
    CHECK(put(w, "{\"path\":\"b.txt\",\"part\":2}") == 0);
    CHECK(put(w, "{\"path\":\"c.txt\",\"part\":1}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(out, "{\"path\":\"a.txt\",\"n\":1}\n"
                       "{\"path\":\"n.jsonl:1\",\"id\":7,\"n\":2}\n"
                       "{\"path\":\"n.jsonl:2\",\"id\":\"x8\",\"n\":3}\n"
                       "{\"path\":\"b.txt\",\"part\":1}\n"
                       "{\"path\":\"b.txt\",\"part\":2}\n"
                       "{\"path\":\"c.txt\",\"part\":1}\n"));
    CHECK(nfiles() == 1);

    /* a complete file: everything kept; resume of it and abort change nothing */
    w = open_ok(out, NULL, GALLEY_WRITE_RESUME);
    CHECK(galley_writer_ndone(w) == 5);
    CHECK(galley_writer_done(w, "c.txt", NULL) == 1);
    galley_writer_abort(w);
    CHECK(nfiles() == 1);
    w = open_ok(out, NULL, GALLEY_WRITE_RESUME);
    CHECK(commit(w) == 0);
    char *s = slurp(out);
    CHECK(s && strlen(s) > 100 && strstr(s, "\"c.txt\",\"part\":1}\n"));
    free(s);

    /* no previous output: a fresh start */
    w = open_ok(at("new.jsonl"), NULL, GALLEY_WRITE_RESUME);
    CHECK(galley_writer_ndone(w) == 0);
    CHECK(put(w, "{\"path\":\"a.txt\"}") == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(at("new.jsonl"), "{\"path\":\"a.txt\"}\n"));

    /* a broken complete line is not ours to drop */
    spit(out, "{\"path\":\"a.txt\"}\nnot json at all\n{\"path\":\"b.txt\"}\n");
    galley_writer *w2 = NULL;
    CHECK(galley_writer_open(&w2, out, NULL, GALLEY_WRITE_RESUME, err, sizeof err) == GALLEY_EIO);
    CHECK(strstr(err, "run.jsonl: line 2: not a JSON record") != NULL);
    CHECK(w2 == NULL);
    CHECK(nfiles() == 2);
    /* only a cut line: nothing kept */
    spit(out, "{\"path\":\"a.t");
    w = open_ok(out, NULL, GALLEY_WRITE_RESUME);
    CHECK(galley_writer_ndone(w) == 0);
    CHECK(commit(w) == 0);
    CHECK(file_is(out, ""));
    clean_dir();
}

/* ------------------------------------------------------------------ */

static sqlite3 *db;

/* First column of the first row of 'sql' as text ("" for none/NULL). */
static const char *q(const char *sql)
{
    static char res[4096];
    sqlite3_stmt *st;
    res[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
        return "(error)";
    }
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(res, sizeof res, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return res;
}

static void test_db(void)
{
    const char *out = at("out.db");
    galley_writer *w = open_ok(out, NULL, 0);
    CHECK(put(w, "{\"path\":\"a.txt\",\"id\":1,\"title\":\"Ann in Oslo\",\"words\":3,"
                 "\"ok\":true,\"share\":0.25,\"removed\":[\"Share this\"],\"meta\":{\"k\":\"v\"},"
                 "\"entities\":[{\"start\":0,\"end\":3,\"text\":\"Ann\",\"label\":\"PERSON\"},"
                 "{\"start\":7,\"end\":11,\"text\":\"Oslo\",\"label\":\"PLACE\"}],"
                 "\"sentences\":[{\"start\":0,\"end\":11,\"text\":\"Ann in Oslo\"}],"
                 "\"summary\":[]}") == 0);
    CHECK(put(w, "{\"path\":\"b \\\"q\\\".txt\",\"id\":\"b2\",\"Title\":\"B\",\"extra col\":null,"
                 "\"record\":\"shadowed\",\"rowid\":99,"
                 "\"entities\":[{\"text\":\"Bo\",\"label\":\"PERSON\",\"score\":0.5,"
                 "\"document_id\":5,\"parts\":[1,2]}],"
                 "\"documents\":[{\"x\":1}]}") == 0);
    CHECK(put(w, "{\"path\":\"corpus\",\"top\":[\"Ann\",\"Bo\"]}") == 0);
    CHECK(commit(w) == 0);
    CHECK(nfiles() == 1);

    CHECK(sqlite3_open(out, &db) == SQLITE_OK);
    CHECK(strcmp(q("SELECT group_concat(name, ',') FROM pragma_table_info('documents')"),
                 "rowid,id,path,title,words,ok,share,removed,meta,record,extra col,top") == 0);
    CHECK(strcmp(q("SELECT pk FROM pragma_table_info('documents') WHERE name = 'rowid'"), "1") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM documents"), "3") == 0);
    CHECK(strcmp(q("SELECT typeof(id) || ',' || typeof(words) || ',' || typeof(share) || ','"
                   " || ok || ',' || removed || ',' || meta FROM documents WHERE path = 'a.txt'"),
                 "integer,integer,real,1,[\"Share this\"],{\"k\":\"v\"}") == 0);
    CHECK(strcmp(q("SELECT rowid || ',' || id || ',' || title FROM documents WHERE path = 'b \"q\".txt'"),
                 "2,b2,B") == 0);   /* "Title" is "title" to SQLite; rowid is ours */
    CHECK(strcmp(q("SELECT json_extract(record, '$.record') FROM documents WHERE rowid = 2"),
                 "shadowed") == 0);
    CHECK(strcmp(q("SELECT record FROM documents WHERE rowid = 3"),
                 "{\"path\":\"corpus\",\"top\":[\"Ann\",\"Bo\"]}") == 0);
    CHECK(strcmp(q("SELECT group_concat(name, ',') FROM pragma_table_info('entities')"),
                 "document_id,start,end,text,label,score,parts") == 0);
    CHECK(strcmp(q("SELECT group_concat(d.path || ':' || e.text || ':' || e.label, ';') "
                   "FROM entities e JOIN documents d ON e.document_id = d.rowid"),
                 "a.txt:Ann:PERSON;a.txt:Oslo:PLACE;b \"q\".txt:Bo:PERSON") == 0);
    CHECK(strcmp(q("SELECT parts || ',' || score FROM entities WHERE text = 'Bo'"), "[1,2],0.5") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM sentences WHERE document_id = 1"), "1") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM field_documents WHERE document_id = 2"), "1") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM sqlite_master WHERE name = 'summary'"), "0") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                   "AND name = 'entities_document_id'"), "1") == 0);
    CHECK(strcmp(q("PRAGMA foreign_key_check"), "") == 0);
    sqlite3_close(db);

    /* reopen with resume: the documents are known, new ones are added */
    w = open_ok(out, NULL, GALLEY_WRITE_RESUME);
    CHECK(galley_writer_ndone(w) == 3);
    CHECK(galley_writer_done(w, "a.txt", "1") == 1);
    CHECK(galley_writer_done(w, "b \"q\".txt", "b2") == 1);
    CHECK(galley_writer_done(w, "corpus", NULL) == 1);
    CHECK(galley_writer_done(w, "c.txt", NULL) == 0);
    CHECK(put(w, "{\"path\":\"c.txt\",\"entities\":[{\"text\":\"Cy\",\"label\":\"ORG\"}]}") == 0);
    CHECK(commit(w) == 0);
    /* reopen without resume appends too; an aborted run adds nothing */
    w = open_ok(out, NULL, 0);
    CHECK(galley_writer_ndone(w) == 0);
    CHECK(put(w, "{\"path\":\"d.txt\"}") == 0);
    CHECK(commit(w) == 0);
    w = open_ok(out, NULL, 0);
    CHECK(put(w, "{\"path\":\"e.txt\",\"entities\":[{\"text\":\"Ed\",\"new\":1}]}") == 0);
    galley_writer_abort(w);
    CHECK(nfiles() == 1);
    CHECK(sqlite3_open(out, &db) == SQLITE_OK);
    CHECK(strcmp(q("SELECT group_concat(path, ',') FROM documents"),
                 "a.txt,b \"q\".txt,corpus,c.txt,d.txt") == 0);
    CHECK(strcmp(q("SELECT d.path FROM entities e JOIN documents d ON e.document_id = d.rowid "
                   "WHERE e.text = 'Cy'"), "c.txt") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM pragma_table_info('entities') WHERE name = 'new'"), "0") == 0);
    sqlite3_close(db);

    /* an empty run still leaves the schema */
    w = open_ok(at("empty.sqlite"), NULL, 0);
    CHECK(commit(w) == 0);
    CHECK(sqlite3_open(at("empty.sqlite"), &db) == SQLITE_OK);
    CHECK(strcmp(q("SELECT group_concat(name, ',') FROM pragma_table_info('documents')"),
                 "rowid,id,path,record") == 0);
    sqlite3_close(db);
    clean_dir();
}

/* A run killed mid-way keeps whole documents only: batches end between
** documents, and the open transaction is rolled back on the next open. */
static void test_db_killed(void)
{
    const char *out = at("killed.db");
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        galley_writer *w = NULL;
        if (galley_writer_open(&w, out, NULL, 0, err, sizeof err))
            _exit(3);
        char r[128];
        for (int i = 1; i < GALLEY_WRITE_BATCH; i++) {
            snprintf(r, sizeof r, "{\"path\":\"d%d.txt\"}", i);
            if (put(w, r))
                _exit(4);
        }
        /* record GALLEY_WRITE_BATCH and the next belong to one document */
        if (put(w, "{\"path\":\"x.txt\",\"part\":1}") || put(w, "{\"path\":\"x.txt\",\"part\":2}") ||
            put(w, "{\"path\":\"y.txt\"}"))
            _exit(5);
        _exit(0);   /* as if killed: no commit, no close */
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    galley_writer *w = open_ok(out, NULL, GALLEY_WRITE_RESUME);
    CHECK(galley_writer_ndone(w) == GALLEY_WRITE_BATCH);
    CHECK(galley_writer_done(w, "x.txt", NULL) == 1);
    CHECK(galley_writer_done(w, "y.txt", NULL) == 0);
    CHECK(put(w, "{\"path\":\"y.txt\"}") == 0);
    CHECK(commit(w) == 0);
    CHECK(sqlite3_open(out, &db) == SQLITE_OK);
    CHECK(strcmp(q("SELECT count(*) FROM documents WHERE path = 'x.txt'"), "2") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM documents WHERE path = 'y.txt'"), "1") == 0);
    CHECK(strcmp(q("SELECT count(*) FROM documents"), "1002") == 0);
    sqlite3_close(db);
    clean_dir();
}

/* Standard output: written directly (CSV through its spool). */
static void test_stdout(void)
{
    const char *fmts[] = {"jsonl", "csv", NULL};
    const char *want[] = {"{\"path\":\"a.txt\",\"n\":1}\n{\"n\":2,\"path\":\"b.txt\"}\n",
                          "path,n\na.txt,1\nb.txt,2\n"};
    for (int f = 0; fmts[f]; f++) {
        const char *out = at("stdout.txt");
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            if (!freopen(out, "w", stdout))
                _exit(3);
            galley_writer *w = NULL;
            if (galley_writer_open(&w, f ? "-" : NULL, fmts[f], 0, err, sizeof err) ||
                put(w, "{\"path\":\"a.txt\",\"n\":1}") || put(w, "{\"n\":2,\"path\":\"b.txt\"}") ||
                galley_writer_commit(w, err, sizeof err))
                _exit(4);
            _exit(0);
        }
        int status;
        CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
        CHECK(file_is(out, want[f]));
        clean_dir();
    }
}

/* Records given as JSON text: the same file as through galley_writer_put,
** in every format; a text that is not an object is refused. */
static void test_put_json(void)
{
    static const char *const recs[] = {
        "{\"path\":\"a.txt\",\"id\":7,\"n\":1.5,\"ok\":true,\"t\":\"x, \\\"y\\\"\\n|z\"}",
        "{\"path\":\"b.txt\",\"entities\":[{\"label\":\"PLACE\",\"start\":0,\"end\":5,"
        "\"text\":\"Paris\"}],\"x\":null,\"big\":1e+300,\"neg\":-0.0}",
        "{\"path\":\"c.txt\",\"u\":\"caf\u00e9 \\u0000\",\"list\":[1,[2,{}],[]]}",
    };
    static const char *const fmts[] = {"jsonl", "json", "csv", "tsv", "md", "html", "db"};
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
        char name[64];
        char *got[2] = {NULL, NULL};
        snprintf(name, sizeof name, "out.%s", fmts[f]);
        for (int text = 0; text < 2; text++) {
            unlink(at(name));
            galley_writer *w = open_ok(at(name), NULL, 0);
            for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
                if (!text) {
                    CHECK(put(w, recs[i]) == 0);
                    continue;
                }
                /* the text exactly as the encoder writes it */
                galley_val v = rec(recs[i]);
                galley_buf j = {0};
                CHECK(galley_json_encode(&v, &j) == 0);
                CHECK(galley_writer_put_json(w, j.s, j.len) == 0);
                galley_buf_free(&j);
                galley_val_free(&v);
            }
            if (text) {
                CHECK(galley_writer_put_json(w, "[1]", 3) == GALLEY_EINVAL);
                CHECK(strstr(galley_writer_error(w), "must be an object") != NULL);
            }
            CHECK(commit(w) == 0);
            if (strcmp(fmts[f], "db") == 0) {
                /* a database: the record column of the last row */
                sqlite3 *h;
                CHECK(sqlite3_open(at(name), &h) == SQLITE_OK);
                galley_buf b = {0};
                sqlite3_stmt *st;
                CHECK(sqlite3_prepare_v2(h, "SELECT record FROM documents ORDER BY rowid",
                                         -1, &st, NULL) == SQLITE_OK);
                while (sqlite3_step(st) == SQLITE_ROW)
                    galley_buf_printf(&b, "%s\n", (const char *)sqlite3_column_text(st, 0));
                sqlite3_finalize(st);
                sqlite3_close(h);
                got[text] = galley_buf_take(&b, NULL);
            } else {
                got[text] = slurp(at(name));
            }
        }
        CHECK(got[0] && got[1] && strcmp(got[0], got[1]) == 0);
        free(got[0]);
        free(got[1]);
    }
    clean_dir();
}

int main(void)
{
    strcpy(dir, "/tmp/galley-test-write-XXXXXX");
    const char *t = getenv("TMPDIR");
    if (t && *t && strlen(t) < 30)
        snprintf(dir, sizeof dir, "%s/galley-test-write-XXXXXX", t);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_jsonl();
    test_json();
    test_csv();
    test_tsv();
    test_md();
    test_html();
    test_bad_utf8();
    test_errors();
    test_abort();
    test_resume_jsonl();
    test_db();
    test_db_killed();
    test_stdout();
    test_put_json();
    clean_dir();
    rmdir(dir);
    return check_done();
}
