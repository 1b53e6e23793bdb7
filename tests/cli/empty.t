# an empty file and a blank JSON Lines file are errors; the good file is written
cd "$TMP" || exit 9
: > empty.txt
printf '\n\n' > blank.jsonl
printf 'Good text.\n' > good.txt
$GALLEY eval 'return {n = #doc.text}' empty.txt blank.jsonl good.txt
echo "status $?"
