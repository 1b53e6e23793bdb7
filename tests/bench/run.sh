#!/bin/sh
# Runs every benchmark: the C ones built into BUILD/bench/ and the Lua ones
# in tests/bench/*.lua (through BUILD/galley lua), one thread each.
# usage: sh tests/bench/run.sh BUILD
# The synthetic news corpus BUILD/bench/news.txt (and news_u.txt, mostly
# non-ASCII) is written by gen_news when missing; the C benchmarks get both
# as arguments, the Lua ones find news.txt in GALLEY_BENCH_CORPUS.
build=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
if [ -x "$build/bench/gen_news" ]; then
    [ -s "$build/bench/news.txt" ] || "$build/bench/gen_news" 60 > "$build/bench/news.txt"
    [ -s "$build/bench/news_u.txt" ] || "$build/bench/gen_news" -u 20 > "$build/bench/news_u.txt"
fi
corpora=""
for c in "$build/bench/news.txt" "$build/bench/news_u.txt"; do
    [ -s "$c" ] && corpora="$corpora $c"
done
[ -s "$build/bench/news.txt" ] && GALLEY_BENCH_CORPUS="$build/bench/news.txt" && export GALLEY_BENCH_CORPUS
status=0
# C benchmarks take the corpora as arguments (none: their own default text).
for b in "$build"/bench/bench_*; do
    [ -x "$b" ] || continue
    case "$b" in *.d) continue;; esac
    echo "== ${b##*/}"
    # shellcheck disable=SC2086
    "$b" $corpora || status=1
done
# The Lua ones include rouge.lua (summaries against reference summaries) and
# news_score.lua (entities and quotes against the news gold set in tests/bench/news/,
# then against the blind set in tests/bench/news_blind/).
for l in tests/bench/*.lua; do
    [ -f "$l" ] || continue
    echo "== ${l##*/}"
    "$build/galley" lua "$l" || status=1
done
echo "== news_score.lua --dir=tests/bench/news_blind"
"$build/galley" lua tests/bench/news_score.lua --dir=tests/bench/news_blind || status=1
echo "== extract.sh"
sh tests/bench/extract.sh "$build" || status=1
# Summaries, keyphrases, cleaning and the digest: articles/s, one core.
echo "== summary.sh"
sh tests/bench/summary.sh "$build" || status=1
# The batch runner: documents/s at -j 1 and -j 2, runner cost, peak RSS.
if [ -f tests/bench/batch.sh ]; then
    echo "== batch.sh"
    sh tests/bench/batch.sh "$build" || status=1
fi
exit $status
