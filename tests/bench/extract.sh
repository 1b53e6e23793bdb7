#!/bin/sh
# Entities and quotes benchmark, one thread: sh tests/bench/extract.sh BUILD
# (run by tests/bench/run.sh). Cuts the first MB (default 8) of the
# gen_news corpus into articles (JSON Lines, one article a line) and times:
#   scan      the extraction alone, in one Lua state: make each document,
#             tokenize it, find entities and quotes (galley.tagger:scan)
#   run       `galley run -j 1` of a pipeline returning both entities and
#             quotes (galley.entities + galley.quotes), output to /dev/null:
#             reading, cleaning, tokenizing, extraction and JSON writing
#   entities, quotes   the stock pipelines alone, the same way
# and prints articles per second of CPU time for each (one core).
build=${1:-build}
dir=$build/bench
mb=${EXTRACT_MB:-8}
galley=$build/galley
[ -x "$galley" ] || { echo "extract.sh: no $galley: run make first" >&2; exit 2; }
if [ ! -s "$dir/news.txt" ]; then
    [ -x "$dir/gen_news" ] || { echo "extract.sh: no $dir/gen_news: run make bench" >&2; exit 2; }
    "$dir/gen_news" 60 > "$dir/news.txt.tmp" && mv "$dir/news.txt.tmp" "$dir/news.txt" || exit 1
fi
corpus=$dir/extract_articles.jsonl
if [ ! -s "$corpus" ]; then
    cat > "$dir/extract_split.lua" <<'LUA'
local galley = require "galley"
local text = io.read("a")
local n, out = 0, {}
text = text:gsub("\n\n\n[^\n]*$", "\n\n\n")      -- the last, cut article
for art in (text .. "\n\n\n"):gmatch("(.-)\n\n\n+") do
  if art:find("%S") then
    n = n + 1
    out[#out + 1] = galley.json.encode({ id = tostring(n), text = art })
  end
end
io.write(table.concat(out, "\n"), "\n")
LUA
    head -c "$((mb * 1048576))" "$dir/news.txt" |
        "$galley" lua "$dir/extract_split.lua" > "$corpus.tmp" || exit 1
    mv "$corpus.tmp" "$corpus"
fi
count=$(wc -l < "$corpus")
bytes=$(wc -c < "$corpus")
both=$dir/extract_both.lua
cat > "$both" <<'LUA'
local quotes = require "galley.quotes"
local qx
return {
  setup = function(params) qx = quotes.new(params) end,
  process = function(doc)
    local ents, qs = qx:extract_all(doc)
    return { entities = ents, quotes = qs }
  end,
}
LUA
. "$(dirname "$0")/timing.sh"
echo "corpus: $corpus ($count articles, $bytes bytes)"
cat > "$dir/extract_scan.lua" <<'LUA'
local galley = require "galley"
local entities = require "galley.entities"
local t = entities.tagger()
local n = 0
for line in io.lines(arg[1]) do
  local art = galley.json.decode(line)
  local doc = galley.document(art.text)
  local e, q = t:scan(doc, "all")
  n = n + #e + #q
end
assert(n > 0)
LUA
s=$(timed "$galley" lua "$dir/extract_scan.lua" "$corpus") || exit 1
rate scan "$s"
for p in run:"$both" entities:scripts/entities.lua quotes:scripts/quotes.lua; do
    name=${p%%:*}
    script=${p#*:}
    s=$(timed "$galley" run "$script" -j 1 --quiet "$corpus") || exit 1
    rate "$name" "$s"
done
