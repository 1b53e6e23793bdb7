# the summary line at the end with --progress (stderr is not a terminal
# here); --quiet leaves only errors; both keep stdout as it is
cd "$TMP" || exit 9
$GALLEY lua "$OLDPWD/fixtures/articles.lua" in 50
: > in/empty.txt
$GALLEY eval 'return {n = #doc.text}' in --progress > out1 2> err
echo "status $?"
tr '\r' '\n' < err | grep -v '^ *$' | grep -v 'MB/s' |
    sed 's/[0-9.]* MB, [0-9.]* s, [0-9]* documents\/s/M MB, T s, R documents\/s/'
$GALLEY eval 'return {n = #doc.text}' in --quiet > out2
echo "status $?"
cmp out1 out2 && echo "the same records"
$GALLEY eval 'return {n = #doc.text}' --progress < /dev/null 2>&1 >/dev/null |
    sed 's/[0-9.]* s, [0-9]* documents\/s/T s, R documents\/s/'
