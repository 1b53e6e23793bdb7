#!/bin/sh
# The batch runner's benchmark (called by tests/bench/run.sh; make bench).
# usage: sh tests/bench/batch.sh BUILD
#   documents/s of a simple pipeline (tokens and sentences of each article)
#     over 20000 generated articles in folders, at -j 1 and -j 2
#     (target: -j 2 at least 1.8 times -j 1 on two cores)
#   the runner's own cost per document, with an empty process
#     (target: at most 20 microseconds)
#   peak RSS of a run over 2000 and over 200000 articles read from standard
#     input (target: the same within 10%)
# Each timing is the best of three runs. The articles come from
# tests/cli/fixtures/articles.lua and are kept in BUILD/bench/batch/.
build=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
galley="$build/galley"
[ -x "$galley" ] || { echo "batch.sh: no $galley: run make first"; exit 2; }
gen=tests/cli/fixtures/articles.lua
dir="$build/bench/batch"
mkdir -p "$dir" || exit 2
n=20000
if [ ! -f "$dir/articles.done" ]; then
    rm -rf "$dir/articles"
    "$galley" lua "$gen" "$dir/articles" $n && touch "$dir/articles.done" || exit 2
fi
[ -s "$dir/articles.jsonl" ] || "$galley" lua "$gen" - 200000 > "$dir/articles.jsonl" || exit 2

cat > "$dir/simple.lua" <<'EOF'
-- a simple pipeline: words and sentences of each article, words of the corpus
local pipeline, total = {}, 0
function pipeline.process(doc)
  local words = 0
  for _, t in ipairs(doc:tokens()) do
    if t.kind == "word" then words = words + 1 end
  end
  total = total + words
  return { title = doc.title, words = words, sentences = #doc:sentences() }
end
function pipeline.finish() return { words = total } end
function pipeline.done(parts)
  local sum = 0
  for _, p in ipairs(parts) do sum = sum + p.words end
  return { corpus_words = sum }
end
return pipeline
EOF
echo 'return { process = function(doc) end }' > "$dir/empty.lua"

# the best (lowest wall time) of three runs of the command: "WALL CPU" in
# seconds, CPU being user + system time of the process
best3() {
    b=""
    for _ in 1 2 3; do
        s0=$(date +%s.%N)
        c=$(/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1) || return 1
        s1=$(date +%s.%N)
        b=$(echo "$c" | awk -v a="$b" -v t0="$s0" -v t1="$s1" '{
            t = t1 - t0; split(a, o, " ")
            if (a == "" || t < o[1]) r = t " " ($1 + $2); else r = a
            print r }')
    done
    echo "$b"
}

mb=$(du -sm "$dir/articles" | cut -f1)
echo "corpus: $n articles in files ($mb MB on disk), 200000 in JSON Lines;" \
    "$(getconf _NPROCESSORS_ONLN) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
# the pipeline runs go over the folder twice: 2n documents
t1=$(best3 "$galley" run "$dir/simple.lua" "$dir/articles" "$dir/articles" -j 1 -q -o /dev/null)
t2=$(best3 "$galley" run "$dir/simple.lua" "$dir/articles" "$dir/articles" -j 2 -q -o /dev/null)
echo "$t1 $t2" | awk -v n=$((2 * n)) '{
    s = $3 > 0 ? $1 / $3 : 0
    printf "simple pipeline, -j 1: %8.0f documents/s (%.2f s, CPU %.2f s)\n", n / $1, $1, $2
    printf "simple pipeline, -j 2: %8.0f documents/s (%.2f s, CPU %.2f s), %.2fx -j 1 (target >= 1.8: %s)\n",
        n / $3, $3, $4, s, (s >= 1.8 ? "met" : "missed")
}'
head -n $((2 * n)) "$dir/articles.jsonl" > "$dir/part.jsonl"
t1=$(best3 "$galley" run "$dir/simple.lua" "$dir/part.jsonl" -j 1 -q -o /dev/null)
t2=$(best3 "$galley" run "$dir/simple.lua" "$dir/part.jsonl" -j 2 -q -o /dev/null)
echo "$t1 $t2" | awk -v n=$((2 * n)) '{
    printf "the same over %d JSON lines: -j 1 %.0f documents/s, -j 2 %.0f documents/s, %.2fx\n",
        n, n / $1, n / $3, ($3 > 0 ? $1 / $3 : 0)
}'
"$galley" run "$dir/simple.lua" "$dir/articles" -j 1 -q > "$dir/out1.jsonl"
"$galley" run "$dir/simple.lua" "$dir/articles" -j 2 -q > "$dir/out2.jsonl"
cmp -s "$dir/out1.jsonl" "$dir/out2.jsonl" && echo "simple pipeline: -j 1 and -j 2 outputs identical" \
    || echo "simple pipeline: -j 1 and -j 2 outputs DIFFER"

te=$(best3 "$galley" run "$dir/empty.lua" "$dir/articles" -j 1 -q -o /dev/null)
tj=$(best3 "$galley" run "$dir/empty.lua" "$dir/articles.jsonl" -j 1 -q -o /dev/null)
awk -v n=$n -v a="${te%% *}" -v b="${tj%% *}" 'BEGIN {
    us = a * 1e6 / n
    printf "runner cost, empty process, %d files:        %5.1f us/document (target <= 20: %s)\n",
        n, us, (us <= 20 ? "met" : "missed")
    printf "runner cost, empty process, 200000 JSON lines: %5.1f us/document\n", b * 1e6 / 200000
}'

rss() { # documents: peak RSS in KB of the simple pipeline, -j 2, over stdin
    head -n "$1" "$dir/articles.jsonl" |
        /usr/bin/time -v "$galley" run "$dir/simple.lua" -j 2 -q -o /dev/null - 2>&1 >/dev/null |
        awk '/Maximum resident set size/ { print $NF }'
}
r1=$(rss 2000)
r2=$(rss 200000)
awk -v a="$r1" -v b="$r2" 'BEGIN {
    r = a > 0 ? b / a : 0
    printf "peak RSS, -j 2: %d KB for 2000 documents, %d KB for 200000: %.3fx (target <= 1.10: %s)\n",
        a, b, r, (r <= 1.10 ? "met" : "missed")
}'
