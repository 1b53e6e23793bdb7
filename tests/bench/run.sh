#!/bin/sh
# Runs every benchmark: the C ones built into BUILD/bench/ and the Lua ones
# in tests/bench/*.lua (through BUILD/galley lua), one thread each.
# usage: sh tests/bench/run.sh BUILD
# The synthetic news corpus BUILD/bench/news.txt (and news_u.txt, mostly
# non-ASCII) is written by gen_news when missing; GALLEY_BENCH_CORPUS names
# it for the benchmarks that take one.
build=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
if [ -x "$build/bench/gen_news" ]; then
    [ -s "$build/bench/news.txt" ] || "$build/bench/gen_news" 60 > "$build/bench/news.txt"
    [ -s "$build/bench/news_u.txt" ] || "$build/bench/gen_news" -u 20 > "$build/bench/news_u.txt"
fi
[ -s "$build/bench/news.txt" ] && GALLEY_BENCH_CORPUS="$build/bench/news.txt" && export GALLEY_BENCH_CORPUS
status=0
for b in "$build"/bench/bench_*; do
    [ -x "$b" ] || continue
    case "$b" in *.d) continue;; esac
    echo "== ${b##*/}"
    "$b" || status=1
done
for l in tests/bench/*.lua; do
    [ -f "$l" ] || continue
    echo "== ${l##*/}"
    "$build/galley" lua "$l" || status=1
done
exit $status
