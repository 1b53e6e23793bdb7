/* test_buf.c: the growable buffer (core/buf.c). */
#include "buf.h"
#include "check.h"

#include <stdlib.h>

int main(void)
{
    galley_buf b = {0};
    CHECK(galley_buf_adds(&b, "abc") == 0);
    CHECK_STR(b.s, b.len, "abc");
    CHECK(b.s[b.len] == '\0');
    for (int i = 0; i < 10000; i++)
        CHECK(galley_buf_addc(&b, 'x') == 0);
    CHECK(b.len == 10003);
    b.len = 0;
    CHECK(galley_buf_printf(&b, "%d-%s", 42, "z") == 0);
    CHECK_STR(b.s, b.len, "42-z");
    CHECK(galley_buf_add(&b, "\0q", 2) == 0);
    CHECK(b.len == 6 && b.s[4] == '\0' && b.s[5] == 'q');
    size_t n;
    char *s = galley_buf_take(&b, &n);
    CHECK(s && n == 6 && b.s == NULL && b.len == 0);
    free(s);
    galley_buf empty = {0};
    s = galley_buf_take(&empty, &n);
    CHECK(s && n == 0 && s[0] == '\0');
    free(s);
    galley_buf_free(&b);
    return check_done();
}
