/*
** main.c: the galley command line (DESIGN.md, "Command line"). Parses
** arguments, picks a command and hands over to the batch runner or the
** engine. Exit status: 0 ok, 1 some documents failed, 2 usage or script
** load error.
*/
#include "batch.h"
#include "engine.h"
#include "galley.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Help                                                                */
/* ------------------------------------------------------------------ */

static const char USAGE[] =
"usage: galley COMMAND [ARGS...]\n"
"\n"
"galley runs Lua pipelines over news articles (.txt .md .json .jsonl, folders,\n"
"or - for standard input) and writes one record per article.\n"
"\n"
"commands:\n"
"  run SCRIPT [PATH...]     run a pipeline script (or a stock one: digest,\n"
"                           entities, quotes, keywords, summarize, clean, df)\n"
"  eval 'LUA' [PATH...]     run a chunk of Lua per document, with doc in scope\n"
"  tokens [PATH...]         the tokens of each document, as JSON Lines\n"
"  sentences [PATH...]      the sentences of each document, as JSON Lines\n"
"  merge SCRIPT PARTS...    run the script's done() over parts saved by runs\n"
"                           with --parts (sharded runs: one corpus result)\n"
"  lua FILE [ARG...]        run a Lua program with the galley module loaded\n"
"  help [COMMAND]           this text, or a command's options\n"
"\n"
"options: --help, --version. See 'galley help run' for the run options\n"
"and man galley, docs/cli.md for the whole story.\n";

static const char RUN_OPTIONS[] =
"options:\n"
"  -o FILE            write to FILE; the format follows its extension: .jsonl\n"
"                     .json .csv .tsv .md .html .db (default: JSON Lines on\n"
"                     standard output)\n"
"  -f FORMAT          force a format: jsonl json csv tsv md html db\n"
"  -j N               worker threads (default: the number of cores)\n"
"  --set KEY=VALUE    a parameter for the script's setup(params), as a string\n"
"                     (repeatable)\n"
"  --include GLOB     in folders, read only files whose name matches (repeatable;\n"
"                     default: *.txt *.md *.json *.jsonl)\n"
"  --exclude GLOB     in folders, skip files and folders that match (repeatable)\n"
"  --timeout SECONDS  stop a hook call that runs longer (default 10, 0: none)\n"
"  --memory MB        memory limit of each Lua state (default 1024, 0: none)\n"
"  --shard I/N        process only shard I of N (1 <= I <= N): the documents\n"
"                     whose path hashes to I, the same on every machine\n"
"  --parts FILE       write the workers' finish() parts to FILE (JSON Lines;\n"
"                     - for standard output) for 'galley merge', instead of\n"
"                     running done()\n"
"  --resume           skip the documents already in the output (.jsonl, .db)\n"
"                     and add the others: an interrupted run goes on\n"
"  --checkpoint SECS  with --resume, commit a .jsonl output this often\n"
"                     (default 30), so a killed run keeps its work\n"
"  --fail-fast        stop at the first failed document\n"
"  --quiet            no progress and no summary on standard error\n"
"  --progress         progress and a summary even when stderr is not a terminal\n"
"  -v, --verbose      Lua tracebacks with script errors\n";

static const char MERGE_OPTIONS[] =
"options:\n"
"  -o FILE, -f FORMAT, --set KEY=VALUE, --timeout SECONDS, --memory MB, -v\n"
"                     as for run\n";

static const struct { const char *name, *synopsis, *text; } HELP[] = {
    {"run", "galley run SCRIPT [OPTIONS] [PATH...]",
     "Run the pipeline SCRIPT (a Lua file returning hooks: setup, process,\n"
     "finish, done) over each document of the PATHs, in order; folders are walked\n"
     "recursively in sorted order, - reads standard input (JSON Lines when it\n"
     "starts with '{', else one text). Each record process returns is written\n"
     "with the document's \"path\" (and \"id\" when the input has one).\n"
     "SCRIPT may name a stock pipeline instead of a file: digest, entities,\n"
     "quotes, keywords, summarize, clean, df (see docs/pipelines.md).\n"},
    {"eval", "galley eval 'LUA' [OPTIONS] [PATH...]",
     "Run the chunk LUA once per document with 'doc' in scope, like awk -e. A table\n"
     "it returns is the record; another value v gives the record {value = v};\n"
     "print() writes to standard output. Example:\n"
     "  galley eval 'return {title = doc.title, bytes = #doc.text}' seeds/\n"},
    {"tokens", "galley tokens [OPTIONS] [PATH...]",
     "Write each document's tokens as JSON Lines:\n"
     "  {\"path\":..,\"tokens\":[{\"start\":..,\"end\":..,\"text\":..,\"kind\":..},..]}\n"
     "start and end are 0-based byte offsets into the cleaned text, end exclusive.\n"},
    {"sentences", "galley sentences [OPTIONS] [PATH...]",
     "Write each document's sentences as JSON Lines:\n"
     "  {\"path\":..,\"title\":..,\"sentences\":[{\"start\":..,\"end\":..,\"text\":..},..]}\n"},
    {"merge", "galley merge SCRIPT [OPTIONS] [PARTS...]",
     "Run done(parts) of the pipeline SCRIPT over the parts saved by runs with\n"
     "--parts FILE (one JSON value a line; - or none: standard input), in the\n"
     "order given, and write its records. N runs with --shard I/N and --parts,\n"
     "merged, give the corpus result of one run over everything:\n"
     "  parallel galley run s.lua --shard {}/4 --parts p{}.jsonl -o r{}.jsonl corpus/ ::: 1 2 3 4\n"
     "  galley merge s.lua p1.jsonl p2.jsonl p3.jsonl p4.jsonl\n"},
    {"lua", "galley lua FILE [ARG...]",
     "Run the Lua program FILE (- for standard input) with require \"galley\"\n"
     "available and ARGs in the table 'arg', as lua5.4 would.\n"},
    {"help", "galley help [COMMAND]", "Show the usage of galley or of COMMAND.\n"},
};

#define NHELP (sizeof HELP / sizeof HELP[0])

static int help_for(const char *cmd, FILE *f)
{
    for (size_t i = 0; i < NHELP; i++) {
        if (strcmp(HELP[i].name, cmd) == 0) {
            fprintf(f, "usage: %s\n\n%s", HELP[i].synopsis, HELP[i].text);
            if (strcmp(cmd, "merge") == 0)
                fprintf(f, "\n%s", MERGE_OPTIONS);
            else if (strcmp(cmd, "lua") != 0 && strcmp(cmd, "help") != 0)
                fprintf(f, "\n%s", RUN_OPTIONS);
            return 0;
        }
    }
    fprintf(stderr, "galley: help: no command '%s' (commands: run eval tokens "
            "sentences merge lua help)\n", cmd);
    return 2;
}

/* A usage error: what is wrong and where to look. */
static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "galley: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    fprintf(stderr, fmt, arg);
    if (cmd)
        fprintf(stderr, " (see 'galley help %s')\n", cmd);
    else
        fprintf(stderr, " (see 'galley --help')\n");
    return 2;
}

/* ------------------------------------------------------------------ */
/* Options of run, eval, tokens and sentences                          */
/* ------------------------------------------------------------------ */

typedef struct cli {
    const char *cmd;
    galley_batch_opts b;
    const char **paths, **include, **exclude;
    galley_val params;
} cli;

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int add_param(cli *c, const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq || eq == kv)
        return usage_error(c->cmd, "--set wants KEY=VALUE, got '%s'", kv);
    size_t klen = (size_t)(eq - kv);
    for (size_t i = 0; i < c->params.u.obj.n; i++) {
        galley_member *m = &c->params.u.obj.m[i];
        if (m->klen == klen && memcmp(m->key, kv, klen) == 0) {
            galley_val_free(&m->val);
            return galley_val_str(&m->val, eq + 1, strlen(eq + 1)) ? -1 : 0;
        }
    }
    galley_val *slot = galley_val_set(&c->params, kv, klen);
    if (!slot || galley_val_str(slot, eq + 1, strlen(eq + 1)))
        return -1;
    return 0;
}

/* The value of option 'name' from "--name=V" or the next argument. */
static const char *opt_value(cli *c, int argc, char **argv, int *i, const char *inline_v)
{
    if (inline_v)
        return inline_v;
    if (*i + 1 >= argc) {
        usage_error(c->cmd, "option %s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int is(const char *a, const char *name, const char **inline_v)
{
    size_t n = strlen(name);
    *inline_v = NULL;
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '\0')
        return 1;
    if (a[n] == '=' && name[1] == '-') {
        *inline_v = a + n + 1;
        return 1;
    }
    return 0;
}

static int parse_option(cli *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *iv, *v;
    double num;
    if (is(a, "-o", &iv) || is(a, "--output", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        c->b.output = v;
    } else if (is(a, "-f", &iv) || is(a, "--format", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        c->b.format = v;
    } else if (is(a, "-j", &iv) || is(a, "--jobs", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        if (parse_number(v, 1, 256, &num) || num != (int)num)
            return usage_error(c->cmd, "-j wants a whole number from 1 to 256, got '%s'", v);
        c->b.jobs = (int)num;
    } else if (is(a, "--set", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        int rc = add_param(c, v);
        if (rc)
            return rc < 0 ? (fprintf(stderr, "galley: not enough memory\n"), 2) : rc;
    } else if (is(a, "--include", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        c->include[c->b.input.ninclude++] = v;
    } else if (is(a, "--exclude", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        c->exclude[c->b.input.nexclude++] = v;
    } else if (is(a, "--timeout", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        if (parse_number(v, 0, 1e6, &num))
            return usage_error(c->cmd, "--timeout wants seconds (a number >= 0), got '%s'", v);
        c->b.engine.timeout = num;
    } else if (is(a, "--memory", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        if (parse_number(v, 0, 1 << 20, &num))
            return usage_error(c->cmd, "--memory wants megabytes (a number >= 0), got '%s'", v);
        c->b.engine.memory = (size_t)(num * 1048576.0);
    } else if (is(a, "--shard", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        unsigned si, sn;
        char end;
        if (sscanf(v, "%u/%u%c", &si, &sn, &end) != 2 || sn < 1 || si < 1 || si > sn
            || sn > 1000000 || !strchr("0123456789", v[0]))
            return usage_error(c->cmd, "--shard wants I/N with 1 <= I <= N, got '%s'", v);
        c->b.shard = si;
        c->b.nshards = sn;
    } else if (is(a, "--parts", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        if (!*v)
            return usage_error(c->cmd, "--parts wants a file name or -, got '%s'", v);
        c->b.parts = v;
    } else if (!strcmp(a, "--resume")) {
        c->b.resume = 1;
    } else if (is(a, "--checkpoint", &iv)) {
        if (!(v = opt_value(c, argc, argv, i, iv))) return 2;
        if (parse_number(v, 0.001, 1e6, &num))
            return usage_error(c->cmd, "--checkpoint wants seconds (a number > 0), got '%s'", v);
        c->b.checkpoint = num;
    } else if (!strcmp(a, "--fail-fast")) {
        c->b.fail_fast = 1;
    } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
        c->b.quiet = 1;
    } else if (!strcmp(a, "--progress")) {
        c->b.progress = 1;
    } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
        c->b.engine.verbose = 1;
    } else {
        return usage_error(c->cmd, "unknown option '%s'", a);
    }
    return 0;
}

static void cli_free(cli *c)
{
    free(c->paths);
    free(c->include);
    free(c->exclude);
    galley_val_free(&c->params);
}

/* Parse the arguments after the command; 'first' is the script or code
** for run and eval (NULL for tokens and sentences). */
static int parse_run(cli *c, int argc, char **argv, int need_first, const char **first)
{
    size_t n = (size_t)argc + 1;
    c->paths = calloc(n, sizeof *c->paths);
    c->include = calloc(n, sizeof *c->include);
    c->exclude = calloc(n, sizeof *c->exclude);
    if (!c->paths || !c->include || !c->exclude) {
        fprintf(stderr, "galley: not enough memory\n");
        return 2;
    }
    galley_val_obj(&c->params);
    c->b.engine.timeout = 10;
    c->b.engine.memory = (size_t)1024 << 20;
    c->b.jobs = 0;
    c->b.progress = isatty(2);
    int only_paths = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_paths && !strcmp(a, "--")) {
            only_paths = 1;
        } else if (!only_paths && a[0] == '-' && a[1] != '\0') {
            if (!strcmp(a, "-h") || !strcmp(a, "--help"))
                return help_for(c->cmd, stdout), -1;
            int rc = parse_option(c, argc, argv, &i);
            if (rc)
                return rc;
        } else if (need_first && !*first) {
            *first = a;
        } else {
            c->paths[c->b.npaths++] = a;
        }
    }
    if (need_first && !*first)
        return usage_error(c->cmd, "missing the %s", strcmp(c->cmd, "eval") ? "script to run"
                                                                             : "Lua code to run");
    int to_stdout = !c->b.output || !strcmp(c->b.output, "-");
    if (c->b.parts && !strcmp(c->b.parts, "-") && to_stdout)
        return usage_error(c->cmd, "--parts - writes the parts to standard output: the "
                           "records need -o FILE (-o /dev/null to drop them)%s", "");
    if (c->b.resume && to_stdout)
        return usage_error(c->cmd, "--resume needs an output file (-o FILE.jsonl or "
                           "FILE.db)%s", "");
    if (c->b.quiet)
        c->b.progress = 0;
    c->b.paths = c->paths;
    c->b.input.include = c->include;
    c->b.input.exclude = c->exclude;
    c->b.params = &c->params;
    return 0;
}

static int cmd_batch(const char *cmd, int argc, char **argv)
{
    cli c = {0};
    c.cmd = cmd;
    const char *first = NULL;
    int merge = !strcmp(cmd, "merge");
    int need = !strcmp(cmd, "run") || !strcmp(cmd, "eval") || merge;
    int rc = parse_run(&c, argc, argv, need, &first);
    if (rc == 0) {
        if (!strcmp(cmd, "eval"))
            c.b.eval = first;
        else
            c.b.script = need ? first : cmd;   /* tokens, sentences: stock scripts */
        galley_batch_stats st;
        rc = merge ? galley_batch_merge(&c.b, &st) : galley_batch_run(&c.b, &st);
    }
    cli_free(&c);
    return rc < 0 ? 0 : rc;
}

static int cmd_lua(int argc, char **argv)
{
    if (argc < 1)
        return usage_error("lua", "missing the Lua file to run%s", "");
    galley_engine *e;
    if (galley_engine_new(&e, NULL)) {
        fprintf(stderr, "galley: not enough memory\n");
        return 2;
    }
    galley_buf err = {0};
    int rc = galley_engine_run_file(e, argv[0], argv + 1, argc - 1, &err);
    fflush(stdout);
    if (rc)
        fprintf(stderr, "galley: %s\n", err.s ? err.s : "not enough memory");
    galley_buf_free(&err);
    galley_engine_free(e);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("galley %s\n", GALLEY_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help")) {
        if (argc < 3) {
            fputs(USAGE, stdout);
            return 0;
        }
        return help_for(argv[2], stdout);
    }
    if (!strcmp(cmd, "run") || !strcmp(cmd, "eval") || !strcmp(cmd, "tokens")
        || !strcmp(cmd, "sentences") || !strcmp(cmd, "merge"))
        return cmd_batch(cmd, argc - 2, argv + 2);
    if (!strcmp(cmd, "lua"))
        return cmd_lua(argc - 2, argv + 2);
    return usage_error(NULL, "unknown command '%s'", cmd);
}
