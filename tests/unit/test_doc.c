/* test_doc.c: documents from raw text and from reader sources (core/doc.c). */
#include "check.h"
#include "doc.h"

#include <stdlib.h>

static void test_new(void)
{
    galley_doc *d;
    const char raw[] = "\xEF\xBB\xBF" "Ferry plan wins\r\n\r\nThe council voted.\r\nIt was close.";
    CHECK(galley_doc_new(&d, raw, sizeof raw - 1, "a.txt", 1) == 0);
    CHECK_STR(d->title, d->title_len, "Ferry plan wins");
    CHECK_STR(d->text, d->len, "The council voted.\nIt was close.");
    CHECK_STR(d->path, strlen(d->path), "a.txt");
    CHECK(galley_val_get(&d->meta, "invalid_utf8") == NULL);
    galley_doc_free(d);

    /* without title detection the first line stays in the body */
    CHECK(galley_doc_new(&d, "Head\n\nBody.", 11, NULL, 0) == 0);
    CHECK(d->title == NULL && d->path == NULL);
    CHECK_STR(d->text, d->len, "Head\n\nBody.");
    galley_doc_free(d);

    /* invalid bytes are counted in meta */
    CHECK(galley_doc_new(&d, "bad \xFF\xFE bytes", 12, "b.txt", 1) == 0);
    galley_val *inv = galley_val_get(&d->meta, "invalid_utf8");
    CHECK(inv && inv->type == GALLEY_INT && inv->u.i == 2);
    CHECK_STR(d->text, d->len, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
    galley_doc_free(d);
}

static void test_sources(void)
{
    galley_doc *d;
    galley_source src = {0};
    src.kind = GALLEY_SRC_MARKDOWN;
    src.text = "## Festival ends ##\n\nMusic played.";
    src.len = strlen(src.text);
    src.path = "c.md";
    galley_val_obj(&src.meta);
    CHECK(galley_doc_from_source(&d, &src) == 0);
    CHECK_STR(d->title, d->title_len, "Festival ends");
    CHECK_STR(d->text, d->len, "Music played.");
    galley_doc_free(d);

    /* JSON: the title comes from meta; the text is not searched for one */
    src.kind = GALLEY_SRC_JSON;
    src.text = "Short line\n\nBody.";
    src.len = strlen(src.text);
    galley_val_obj(&src.meta);
    galley_val *t = galley_val_set(&src.meta, "title", 5);
    CHECK(t && galley_val_str(t, "Given title", 11) == 0);
    CHECK(galley_doc_from_source(&d, &src) == 0);
    CHECK(src.meta.type == GALLEY_NULL);   /* moved into the document */
    CHECK_STR(d->title, d->title_len, "Given title");
    CHECK_STR(d->text, d->len, "Short line\n\nBody.");
    galley_doc_free(d);
}

int main(void)
{
    test_new();
    test_sources();
    return check_done();
}
