#!/bin/sh
# Summaries, keyphrases, cleaning and the digest, one thread:
#   sh tests/bench/summary.sh BUILD        (run by tests/bench/run.sh)
# Cuts the first MB (default 8, SUMMARY_MB) of the gen_news corpus into
# articles (JSON Lines with a title and a text), and a second corpus of
# articles three times as long (three bodies joined), then times
# `galley run -j 1` of, each over the whole corpus, output to /dev/null:
#   sentences   reading, cleaning, tokenizing, sentences, writing: the floor
#   summarize   scripts/summarize.lua (3 sentences, news method)
#   keywords    scripts/keywords.lua (10 keyphrases, textrank)
#   clean       scripts/clean.lua
#   digest      scripts/digest.lua (clean, entities, quotes, keyphrases,
#               summary, one record each)
# and prints articles per second of CPU time (user + system: one core).
# The ROUGE-2 of the summary methods is printed by tests/bench/rouge.lua.
build=${1:-build}
dir=$build/bench
mb=${SUMMARY_MB:-8}
galley=$build/galley
[ -x "$galley" ] || { echo "summary.sh: no $galley: run make first" >&2; exit 2; }
if [ ! -s "$dir/news.txt" ]; then
    [ -x "$dir/gen_news" ] || { echo "summary.sh: no $dir/gen_news: run make bench" >&2; exit 2; }
    "$dir/gen_news" 60 > "$dir/news.txt.tmp" && mv "$dir/news.txt.tmp" "$dir/news.txt" || exit 1
fi
short=$dir/summary_articles.jsonl
long=$dir/summary_long.jsonl
if [ ! -s "$short" ] || [ ! -s "$long" ]; then
    cat > "$dir/summary_split.lua" <<'LUA'
-- articles of gen_news (a headline, a blank line, the body; two blank lines
-- between articles) as JSON Lines; with "long", three bodies to an article
local galley = require "galley"
local long = arg[1] == "long"
local text = io.read("a"):gsub("\n\n\n[^\n]*$", "\n\n\n")   -- the last, cut article
local out, n, bodies, title = {}, 0, {}, nil
for art in (text .. "\n\n\n"):gmatch("(.-)\n\n\n+") do
  local head, body = art:match("^([^\n]*)\n\n(.*)$")
  if head then
    title = title or head
    bodies[#bodies + 1] = body
    if not long or #bodies == 3 then
      n = n + 1
      out[#out + 1] = galley.json.encode({ id = tostring(n), title = title,
                                           text = table.concat(bodies, "\n\n") })
      bodies, title = {}, nil
    end
  end
end
io.write(table.concat(out, "\n"), "\n")
LUA
    head -c "$((mb * 1048576))" "$dir/news.txt" | "$galley" lua "$dir/summary_split.lua" > "$short.tmp" &&
        mv "$short.tmp" "$short" || exit 1
    head -c "$((mb * 1048576))" "$dir/news.txt" | "$galley" lua "$dir/summary_split.lua" long > "$long.tmp" &&
        mv "$long.tmp" "$long" || exit 1
fi
cat > "$dir/summary_sentences.lua" <<'LUA'
return { process = function(doc) return { sentences = #doc:sentences() } end }
LUA
. "$(dirname "$0")/timing.sh"
status=0
for corpus in "$short" "$long"; do
    count=$(wc -l < "$corpus")
    bytes=$(wc -c < "$corpus")
    echo "corpus: $corpus ($count articles, $((bytes / count)) bytes each)"
    for p in sentences:"$dir/summary_sentences.lua" summarize:scripts/summarize.lua \
             keywords:scripts/keywords.lua clean:scripts/clean.lua digest:scripts/digest.lua; do
        name=${p%%:*}
        script=${p#*:}
        # best of three runs: other work on the machine only slows a run down
        best=""
        for _ in 1 2 3; do
            s=$(timed "$galley" run "$script" -j 1 --quiet "$corpus") || { status=1; break; }
            best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }')
        done
        [ -n "$best" ] || continue
        rate "$name" "$best"
    done
done
exit $status
