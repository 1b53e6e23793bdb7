# sharded runs (with GNU Parallel) merged give the one-run result: every
# document in exactly one shard, and the same corpus record
cd "$TMP" || exit 9
cp "$OLDPWD/fixtures/wordcount.lua" . || exit 9
$GALLEY lua "$OLDPWD/fixtures/articles.lua" in 300
$GALLEY run wordcount.lua --set fail=0 in -o one.jsonl
echo "one run: status $?"
parallel --will-cite -j 3 "$GALLEY" run wordcount.lua --set fail=0 in --shard {}/3 -j 1 \
    --parts parts{}.jsonl -o out{}.jsonl ::: 1 2 3
echo "three shards: status $?"
for i in 1 2 3; do
    echo "shard $i: $(wc -l < out$i.jsonl) documents, $(wc -l < parts$i.jsonl) part"
done
grep -v '"path"' out1.jsonl out2.jsonl out3.jsonl
cat out1.jsonl out2.jsonl out3.jsonl | sort > shard_docs
grep '"path"' one.jsonl | sort > one_docs
cmp shard_docs one_docs && echo "shards: every document once, as in one run"
$GALLEY merge wordcount.lua parts1.jsonl parts2.jsonl parts3.jsonl > merged.jsonl
echo "merge: status $?"
grep -v '"path"' one.jsonl > one_corpus
cmp merged.jsonl one_corpus && echo "merge: the corpus record of one run"
cat merged.jsonl
# parts files concatenate, and merge reads standard input
cat parts3.jsonl parts1.jsonl parts2.jsonl | $GALLEY merge wordcount.lua - | cmp - one_corpus \
    && echo "merge of concatenated parts from stdin: the same"
# a shard of one is everything
$GALLEY run wordcount.lua --set fail=0 in --shard 1/1 -o all.jsonl && cmp all.jsonl one.jsonl \
    && echo "--shard 1/1: the one run"
# a shard run without --parts runs done over its own documents (a sample)
$GALLEY run wordcount.lua --set fail=0 in --shard 2/10 | tail -1 | cut -c1-30
# as the map tasks of a streaming job: each gets a chunk of JSON Lines on
# standard input and writes its parts to standard output; one merge reduces
$GALLEY lua "$OLDPWD/fixtures/articles.lua" - 300 > all.jsonl
split -n l/3 all.jsonl chunk.
for c in chunk.*; do
    $GALLEY run wordcount.lua --set fail=0 -q -j 2 --parts - -o /dev/null - < $c
done | $GALLEY merge wordcount.lua - | cmp - one_corpus && echo "map tasks on stdin, merged: the same corpus record"
