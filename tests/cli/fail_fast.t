# --fail-fast stops at the first failed document in input order, whatever
# -j is: the records before it are written, none after, and no corpus record
cd "$TMP" || exit 9
cp "$OLDPWD/fixtures/wordcount.lua" . || exit 9
$GALLEY lua "$OLDPWD/fixtures/articles.lua" in 300
for j in 1 4; do
    $GALLEY run wordcount.lua in -j $j --fail-fast > out$j
    echo "-j $j: status $?"
done
cmp out1 out4 && echo "-j 1 and -j 4 wrote the same"
wc -l < out1
tail -1 out1
# a bad input file counts as a failed document too
printf 'fine\n' > a.txt
: > b.txt
printf 'also fine\n' > c.txt
$GALLEY eval 'return {n = #doc.text}' a.txt b.txt c.txt --fail-fast
echo "status $?"
# without it the run goes on
$GALLEY eval 'return {n = #doc.text}' a.txt b.txt c.txt
echo "status $?"
