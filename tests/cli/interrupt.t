# SIGTERM: without --resume the previous output is kept as it was; with
# --resume the documents finished so far are committed, whole, and a
# second run finishes the job
cd "$TMP" || exit 9
cp "$OLDPWD/fixtures/slow.lua" . || exit 9
$GALLEY lua "$OLDPWD/fixtures/articles.lua" in 2500
$GALLEY run slow.lua in -o full.jsonl
echo '{"previous":"output"}' > out.jsonl
$GALLEY run slow.lua in -o out.jsonl 2> err & pid=$!
n=0
while ! ls -A | grep -q 'out.jsonl.tmp' && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
sleep 0.5
kill -TERM $pid
wait $pid 2>/dev/null
echo "terminated: status $?"
cat err
cat out.jsonl
ls -A | grep -c 'tmp-'

$GALLEY run slow.lua in -o out.jsonl --resume 2> err & pid=$!
sleep 1
kill -TERM $pid
wait $pid 2>/dev/null
echo "terminated: status $?"
cat err
lines=$(wc -l < out.jsonl)
[ "$lines" -gt 1 ] && [ "$lines" -lt 2501 ] && echo "the output has the documents done so far"
$GALLEY run slow.lua in -o out.jsonl --resume
echo "resumed: status $?"
grep -v previous out.jsonl | cmp - full.jsonl && echo "then the rest, as one run"
