# the digest and df over seeds/: the same records whatever -j is; the
# sample article's boilerplate out; show.lua reads the records back
cd "$TMP" || exit 9
$GALLEY run digest "$SEEDS" -j 1 --quiet > d1.jsonl
echo "digest -j 1: status $?"
$GALLEY run digest "$SEEDS" -j 4 --quiet > d4.jsonl
echo "digest -j 4: status $?"
cmp d1.jsonl d4.jsonl && echo "digest: the same records with -j 1 and -j 4"
wc -l < d1.jsonl
$GALLEY run df "$SEEDS" -j 1 --quiet > f1.jsonl
$GALLEY run df "$SEEDS" -j 3 --quiet > f3.jsonl
cmp f1.jsonl f3.jsonl && echo "df: the same counts with -j 1 and -j 3"
head -1 f1.jsonl
$GALLEY lua "$OLDPWD/../../scripts/lib/show.lua" d1.jsonl --width=72 > shown
grep -c '^Summary$' shown
grep 'Removed' shown
