# kill -9 in the middle of a run, then --resume: nothing lost, nothing twice,
# the same output as one uninterrupted run (JSON Lines and SQLite)
cd "$TMP" || exit 9
cp "$OLDPWD/fixtures/slow.lua" . || exit 9
$GALLEY lua "$OLDPWD/fixtures/articles.lua" in 2500
$GALLEY run slow.lua in -o full.jsonl
echo "one run: status $?"

# JSON Lines: committed every 0.1 s with --resume; killed after the first commit
$GALLEY run slow.lua in -o part.jsonl --resume --checkpoint 0.1 & pid=$!
n=0
while [ ! -s part.jsonl ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
sleep 0.3
kill -9 $pid
wait $pid 2>/dev/null
echo "killed: status $?"
lines=$(wc -l < part.jsonl)
[ "$lines" -gt 0 ] && [ "$lines" -lt 2500 ] && echo "the killed run kept whole documents, not all"
tail -c 1 part.jsonl | od -An -c
$GALLEY run slow.lua in -o part.jsonl --resume
echo "resumed: status $?"
cmp part.jsonl full.jsonl && echo "jsonl: the same as one run"
ls -A | grep -c 'tmp-'
$GALLEY run slow.lua in -o part.jsonl --resume --progress 2>&1 | tr '\r' '\n' | tail -1 |
    sed 's/[0-9.]* s, [0-9]* documents\/s/T/'
cmp part.jsonl full.jsonl && echo "jsonl: resuming a finished output changes nothing"

# SQLite: commits every 1000 records by itself; killed after the first
$GALLEY run slow.lua in -o full.db
$GALLEY run slow.lua in -o part.db --resume & pid=$!
count() { sqlite3 -cmd '.timeout 5000' "$1" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0; }
n=0
while [ "$(count part.db)" -lt 1000 ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n + 1)); done
kill -9 $pid
wait $pid 2>/dev/null
echo "killed: status $?"
rows=$(count part.db)
[ "$rows" -ge 1000 ] && [ "$rows" -lt 2500 ] && echo "the killed run kept its committed documents"
$GALLEY run slow.lua in -o part.db --resume
echo "resumed: status $?"
q='SELECT id, path, record FROM documents ORDER BY rowid'
sqlite3 full.db "$q" > full.rows
sqlite3 part.db "$q" > part.rows
cmp full.rows part.rows && echo "db: the same rows as one run"
sqlite3 part.db 'SELECT count(*), count(DISTINCT path) FROM documents'
sqlite3 part.db 'SELECT record FROM documents WHERE path IS NULL'
