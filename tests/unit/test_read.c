/* test_read.c: walking input paths and reading documents (core/read.c). */
#include "check.h"
#include "read.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const char *content, size_t n)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(content, 1, n, f);
        fclose(f);
    }
}

#define PUT(name, lit) put(name, lit, sizeof lit - 1)

/* Read everything from 'paths'; the log gets one line a document
** ("path|text") or error ("!message"), with 'dir' cut from paths. */
static void read_all(const char *const *paths, size_t n, const galley_input_opts *o,
                     galley_buf *log)
{
    galley_input *in;
    CHECK(galley_input_open(&in, paths, n, o) == 0);
    galley_source src;
    galley_buf err = {0};
    int rc;
    size_t cut = strlen(dir) + 1;
    while ((rc = galley_input_next(in, &src, &err)) != 0) {
        if (rc < 0) {
            const char *m = err.s;
            if (strncmp(m, dir, cut - 1) == 0)
                m += cut;
            galley_buf_printf(log, "!%s\n", m);
            continue;
        }
        const char *p = src.path;
        if (strncmp(p, dir, cut - 1) == 0)
            p += cut;
        galley_buf_printf(log, "%s|%.*s", p, (int)src.len, src.text);
        galley_val *id = galley_val_get(&src.meta, "id");
        if (id && id->type == GALLEY_STR)
            galley_buf_printf(log, "|id=%s", id->u.str.s);
        galley_buf_adds(log, "\n");
        galley_source_free(&src);
    }
    galley_buf_free(&err);
    galley_input_close(in);
}

static void test_walk(void)
{
    char sub[128];
    snprintf(sub, sizeof sub, "%s/b", dir);
    mkdir(sub, 0755);
    PUT("a.txt", "alpha");
    PUT("b/c.md", "# Head\n\ngamma");
    PUT("b/skip.bin", "not read in a walk");
    PUT(".hidden.txt", "hidden");
    PUT("d.json", "[{\"id\":\"x1\",\"text\":\"delta\"},{\"title\":\"t\",\"body\":\"epsilon\"}]");
    PUT("e.jsonl", "{\"text\":\"one\",\"id\":\"L1\"}\n\n{\"text\": 2}\n{bad json\n{\"content\":\"four\"}\n");
    PUT("empty.txt", "");
    PUT("nul.txt", "text\0with a NUL");
    PUT("f.json", "{\"text\": \"unterminated");
    char link[128];
    snprintf(link, sizeof link, "%s/g.txt", dir);
    CHECK(symlink("/nonexistent/galley-test", link) == 0);
    snprintf(link, sizeof link, "%s/b/loop", dir);
    CHECK(symlink("..", link) == 0);

    const char *paths[] = {dir};
    galley_buf log = {0};
    read_all(paths, 1, NULL, &log);
    CHECK_STR(log.s, log.len,
        "a.txt|alpha\n"
        "b/c.md|# Head\n\ngamma\n"
        "!b/loop: symlink loop (folder already being walked), skipped\n"
        "d.json:1|delta|id=x1\n"
        "d.json:2|epsilon\n"
        "e.jsonl:1|one|id=L1\n"
        "!e.jsonl:3: no \"text\", \"body\" or \"content\" string field\n"
        "!e.jsonl:4: invalid JSON at column 2: expected a string as object key\n"
        "e.jsonl:5|four\n"
        "!empty.txt: empty file, nothing to read\n"
        "!f.json: invalid JSON at line 1, column 10: unterminated string\n"
        "!g.txt: broken symbolic link, skipped\n"
        "!nul.txt: binary file (NUL byte at offset 4), not read\n");
    galley_buf_free(&log);

    /* include and exclude globs; a named file is read whatever its name */
    const char *inc[] = {"*.md"}, *exc[] = {"b"};
    galley_input_opts o = {inc, 1, NULL, 0};
    read_all(paths, 1, &o, &log);
    CHECK_STR(log.s, log.len, "b/c.md|# Head\n\ngamma\n"
              "!b/loop: symlink loop (folder already being walked), skipped\n");
    log.len = 0;
    galley_input_opts o2 = {NULL, 0, exc, 1};
    char named[128];
    snprintf(named, sizeof named, "%s/b/skip.bin", dir);
    const char *paths2[] = {dir, named, "/nonexistent/galley-file.txt"};
    read_all(paths2, 3, &o2, &log);
    CHECK(strstr(log.s, "b/c.md") == NULL);
    CHECK(strstr(log.s, "b/skip.bin|not read in a walk\n") != NULL);
    CHECK(strstr(log.s, "!/nonexistent/galley-file.txt: cannot read: No such file or directory\n") != NULL);
    galley_buf_free(&log);
}

int main(void)
{
    strcpy(dir, "/tmp/galley-read-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_walk();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
