/*
** doc.c: documents (see doc.h).
*/
#include "doc.h"
#include "galley.h"

#include <stdlib.h>
#include <string.h>

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static int set_title(galley_doc *d, const char *s, size_t n)
{
    free(d->title);
    d->title_len = n;
    d->title = dupn(s, n);
    return d->title ? GALLEY_OK : GALLEY_ENOMEM;
}

/* Move the body start past a title line of 'title_len' bytes that ends
** at 'body' (both found on the cleaned text). */
static int cut_title(galley_doc *d, size_t tstart, size_t tlen, size_t body)
{
    if (set_title(d, d->text + tstart, tlen))
        return GALLEY_ENOMEM;
    memmove(d->text, d->text + body, d->len - body + 1);
    d->len -= body;
    return GALLEY_OK;
}

/* A Markdown heading "# Title" on the first line. */
static int markdown_title(galley_doc *d)
{
    const char *s = d->text;
    size_t i = 0;
    while (i < d->len && s[i] == '#')
        i++;
    if (i == 0 || i > 6 || i >= d->len || s[i] != ' ')
        return GALLEY_OK;
    const char *nl = memchr(s, '\n', d->len);
    size_t end = nl ? (size_t)(nl - s) : d->len;
    size_t start = i;
    while (start < end && s[start] == ' ')
        start++;
    size_t stop = end;
    while (stop > start && (s[stop - 1] == ' ' || s[stop - 1] == '#'))
        stop--;
    if (stop == start)
        return GALLEY_OK;
    size_t body = end;
    while (body < d->len && (s[body] == '\n' || s[body] == ' '))
        body++;
    return cut_title(d, start, stop - start, body);
}

static int detect_title(galley_doc *d)
{
    size_t start, body;
    size_t n = galley_text_title(d->text, d->len, &start, &body);
    return n ? cut_title(d, start, n, body) : GALLEY_OK;
}

/* Record the number of invalid UTF-8 sequences replaced in meta, as
** "invalid_utf8", so it reaches the output. */
static int note_invalid(galley_doc *d)
{
    if (d->stats.invalid == 0 || d->meta.type != GALLEY_OBJ)
        return GALLEY_OK;
    galley_val *v = galley_val_get(&d->meta, "invalid_utf8");
    if (!v && !(v = galley_val_set(&d->meta, "invalid_utf8", 12)))
        return GALLEY_ENOMEM;
    galley_val_free(v);
    galley_val_int(v, (int64_t)d->stats.invalid);
    return GALLEY_OK;
}

int galley_doc_new(galley_doc **out, const char *text, size_t len,
                   const char *path, int want_title)
{
    *out = NULL;
    if (len > GALLEY_MAX_DOC)
        return GALLEY_ELIMIT;
    galley_doc *d = calloc(1, sizeof *d);
    if (!d)
        return GALLEY_ENOMEM;
    galley_val_obj(&d->meta);
    galley_buf b = {0};
    int rc = galley_text_clean(text, len, &b, &d->stats);
    if (rc == GALLEY_OK) {
        d->text = galley_buf_take(&b, &d->len);
        if (!d->text)
            rc = GALLEY_ENOMEM;
    }
    galley_buf_free(&b);
    if (rc == GALLEY_OK && path && !(d->path = dupn(path, strlen(path))))
        rc = GALLEY_ENOMEM;
    if (rc == GALLEY_OK && want_title)
        rc = detect_title(d);
    if (rc == GALLEY_OK)
        rc = note_invalid(d);
    if (rc) {
        galley_doc_free(d);
        return rc;
    }
    *out = d;
    return GALLEY_OK;
}

int galley_doc_from_source(galley_doc **out, galley_source *src)
{
    int text_title = src->kind == GALLEY_SRC_TEXT;
    int rc = galley_doc_new(out, src->text, src->len, src->path, text_title);
    if (rc)
        return rc;
    galley_doc *d = *out;
    if (src->kind == GALLEY_SRC_MARKDOWN)
        rc = markdown_title(d);
    if (src->meta.type == GALLEY_OBJ) {
        galley_val_free(&d->meta);
        d->meta = src->meta;
        galley_val_null(&src->meta);
        galley_val *t = galley_val_get(&d->meta, "title");
        if (rc == GALLEY_OK && t && t->type == GALLEY_STR)
            rc = set_title(d, t->u.str.s, t->u.str.len);
        if (rc == GALLEY_OK)
            rc = note_invalid(d);
    }
    if (rc) {
        galley_doc_free(d);
        *out = NULL;
    }
    return rc;
}

int galley_doc_analyze(galley_doc *doc)
{
    if (doc->analyzed)
        return GALLEY_OK;
    int rc = galley_token_split(doc->text, doc->len, &doc->tokens);
    if (rc == GALLEY_OK)
        rc = galley_sent_split(doc->text, doc->len, &doc->tokens, &doc->sents,
                               &doc->paras);
    if (rc) {
        galley_tokens_free(&doc->tokens);
        galley_spans_free(&doc->sents);
        galley_spans_free(&doc->paras);
        return rc;
    }
    doc->analyzed = 1;
    return GALLEY_OK;
}

int galley_doc_fold(galley_doc *doc)
{
    if (doc->folded)
        return GALLEY_OK;
    int rc = galley_doc_analyze(doc);
    if (rc == GALLEY_OK)
        rc = galley_token_fold(doc->text, &doc->tokens, &doc->folds);
    if (rc) {
        galley_folds_free(&doc->folds);
        return rc;
    }
    doc->folded = 1;
    return GALLEY_OK;
}

void galley_doc_free(galley_doc *doc)
{
    if (!doc)
        return;
    galley_folds_free(&doc->folds);
    galley_tokens_free(&doc->tokens);
    galley_spans_free(&doc->sents);
    galley_spans_free(&doc->paras);
    free(doc->text);
    free(doc->title);
    free(doc->path);
    galley_val_free(&doc->meta);
    free(doc);
}
