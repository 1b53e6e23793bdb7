# output, print() lines and messages come in input order, the same bytes
# whatever -j is; workers finish out of order (one document in ten is slow)
cd "$TMP" || exit 9
cp "$OLDPWD/fixtures/wordcount.lua" . || exit 9
$GALLEY lua "$OLDPWD/fixtures/articles.lua" in 400
$GALLEY run wordcount.lua in --set print=1 -j 1 > out1 2> err1
echo "-j 1: status $?"
for j in 2 3 8; do
    $GALLEY run wordcount.lua in --set print=1 -j $j > out$j 2> err$j
    echo "-j $j: status $?"
    cmp out1 out$j && cmp err1 err$j && echo "-j $j: the same output and messages as -j 1"
done
head -3 out1
grep -c '"path"' out1
tail -1 out1
cat err1
# JSON Lines on standard input, as in a streaming job
$GALLEY lua "$OLDPWD/fixtures/articles.lua" - 300 > in.jsonl
$GALLEY run wordcount.lua --set fail=0 -j 1 < in.jsonl > stdin1
$GALLEY run wordcount.lua --set fail=0 -j 4 - < in.jsonl > stdin4
cmp stdin1 stdin4 && echo "stdin: -j 1 and -j 4 agree"
head -1 stdin4
