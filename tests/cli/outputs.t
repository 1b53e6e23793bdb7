# every output format through the runner, -j 1 and -j 4 alike: CSV quoting of
# commas, quotes and newlines; the SQLite schema and rows through the sqlite3 shell
cd "$TMP" || exit 9
cat > rec.lua <<'LUA'
local pipeline = {}
function pipeline.process(doc)
  local first = doc.text:match("^[^\n]*")
  return { first = first, text = doc.text, words = select(2, doc.text:gsub("%S+", "")),
           long = #doc.text > 40,
           entities = { { text = "Harbor", label = "PLACE", start = 0 },
                        { text = "May 3", label = "DATE", start = 9 } } }
end
return pipeline
LUA
printf 'Plain words only.\n' > a.txt
printf 'Commas, here, and "quotes" too.\n' > b.txt
printf 'A first line\nthen a second line, with a comma.\n' > c.txt
printf '{"id":"j-1","text":"Tab\\there and a pipe | in it."}\n' > d.jsonl
for f in csv tsv md json; do
    $GALLEY run rec.lua a.txt b.txt c.txt d.jsonl -j 1 -o out1.$f
    $GALLEY run rec.lua a.txt b.txt c.txt d.jsonl -j 4 -o out4.$f
    cmp out1.$f out4.$f && echo "$f: -j 1 and -j 4 wrote the same"
done
cat out1.csv
cat out1.tsv
$GALLEY run rec.lua a.txt b.txt c.txt d.jsonl -j 4 -o out.db
echo "db: status $?"
sqlite3 out.db .schema
sqlite3 -header out.db 'SELECT rowid, id, path, first, words, long FROM documents'
sqlite3 out.db 'SELECT document_id, text, label, start FROM entities ORDER BY document_id, rowid'
# a second run with --resume adds nothing
$GALLEY run rec.lua a.txt b.txt c.txt d.jsonl -o out.db --resume
sqlite3 out.db 'SELECT count(*) FROM documents; SELECT count(*) FROM entities'
