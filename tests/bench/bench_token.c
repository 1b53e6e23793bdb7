/*
** bench_token.c: tokenizer and sentence splitter throughput, one thread,
** in process.
**
**   bench_token CORPUS...
**
** Each corpus is split into documents at two blank lines in a row (as
** gen_news writes them) and timed, best of five runs, four ways over the
** same bytes: a plain C byte-table word count (the practical ceiling of
** any tokenizer), libunistring's u8_wordbreaks alone (UAX #29 boundaries,
** no tokens), galley_token_split, and galley_token_split followed by
** galley_sent_split (tokens + sentences, what galley does per document).
*/
#include "sent.h"
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uniwbrk.h>

typedef struct doc {
    const char *s;
    size_t len;
} doc;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 1 << 20) {
            cap = cap ? cap * 2 : 1 << 24;
            char *x = realloc(b, cap);
            if (!x) {
                free(b);
                fclose(f);
                return NULL;
            }
            b = x;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    *len = n;
    return b;
}

/* Word count with a byte table: a word starts at a letter, digit or
** non-ASCII byte that follows any other byte. */
static size_t wc_loop(const char *s, size_t len)
{
    static unsigned char word[256];
    if (!word['a'])
        for (int c = 0; c < 256; c++)
            word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                      || (c >= '0' && c <= '9') || c >= 0x80 || c == '\'';
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int w = word[(unsigned char)s[i]];
        n += w & !in;
        in = w;
    }
    return n;
}

enum { M_WC, M_WB, M_TOK, M_SENT, M_N };
static const char *const mname[M_N] = {
    "byte-table word count", "u8_wordbreaks", "galley tokens", "galley tokens+sentences"
};

static int run(int m, const doc *d, size_t nd, size_t *count, size_t *count2)
{
    static char *brk;
    static size_t brkcap;
    galley_tokens tk = {0};
    galley_spans ss = {0}, ps = {0};
    *count = *count2 = 0;
    for (size_t i = 0; i < nd; i++) {
        switch (m) {
        case M_WC:
            *count += wc_loop(d[i].s, d[i].len);
            break;
        case M_WB:
            if (d[i].len > brkcap) {
                free(brk);
                brkcap = d[i].len * 2;
                brk = malloc(brkcap);
                if (!brk)
                    return -1;
            }
            u8_wordbreaks((const uint8_t *)d[i].s, d[i].len, brk);
            *count += (size_t)brk[d[i].len / 2];
            break;
        default:
            tk.n = 0;
            ss.n = ps.n = 0;
            if (galley_token_split(d[i].s, d[i].len, &tk))
                return -1;
            if (m == M_SENT && galley_sent_split(d[i].s, d[i].len, &tk, &ss, &ps))
                return -1;
            *count += tk.n;
            *count2 += ss.n;
            break;
        }
    }
    galley_tokens_free(&tk);
    galley_spans_free(&ss);
    galley_spans_free(&ps);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_token CORPUS...\n");
        return 2;
    }
    for (int a = 1; a < argc; a++) {
        size_t len;
        char *text = slurp(argv[a], &len);
        if (!text) {
            fprintf(stderr, "bench_token: cannot read %s\n", argv[a]);
            return 1;
        }
        size_t nd = 0, cap = 1024;
        doc *d = malloc(cap * sizeof *d);
        if (!d)
            return 1;
        for (size_t i = 0; i < len;) {
            const char *e = strstr(text + i, "\n\n\n");
            size_t end = e ? (size_t)(e - text) + 3 : len;
            if (nd == cap) {
                cap *= 2;
                doc *x = realloc(d, cap * sizeof *d);
                if (!x)
                    return 1;
                d = x;
            }
            d[nd].s = text + i;
            d[nd].len = end - i;
            nd++;
            i = end;
        }
        printf("%s: %.1f MB, %zu documents\n", argv[a], (double)len / 1e6, nd);
        for (int m = 0; m < M_N; m++) {
            double best = 1e30;
            size_t c1 = 0, c2 = 0;
            for (int rep = 0; rep < 5; rep++) {
                double t0 = now();
                if (run(m, d, nd, &c1, &c2)) {
                    fprintf(stderr, "bench_token: out of memory\n");
                    return 1;
                }
                double t = now() - t0;
                if (t < best)
                    best = t;
            }
            printf("  %-26s %8.1f MB/s", mname[m], (double)len / 1e6 / best);
            if (m == M_WC)
                printf("   %zu words\n", c1);
            else if (m >= M_TOK)
                printf("   %zu tokens%s", c1, m == M_SENT ? "" : "\n");
            else
                putchar('\n');
            if (m == M_SENT)
                printf(", %zu sentences\n", c2);
        }
        free(d);
        free(text);
    }
    return 0;
}
