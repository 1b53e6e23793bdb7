# folders are walked in byte order of the names, the same with any -j;
# a symlink loop is reported and skipped; --include and --exclude filter
cd "$TMP" || exit 9
mkdir -p in/b in/a/deep in/C
for f in in/b/2.txt in/a/deep/1.txt in/a/z.md in/C/0.txt in/top.txt in/b/skip.txt; do
    printf 'Text of %s.\n' "$f" > "$f"
done
printf 'not,an,article\n' > in/notes.csv
ln -s .. in/a/loop
$GALLEY eval 'return {}' in -j 4
echo "status $?"
$GALLEY eval 'return {}' in -j 1 2>&1 | md5sum > one
$GALLEY eval 'return {}' in -j 3 2>&1 | md5sum | cmp - one && echo "-j 3: the same"
$GALLEY eval 'return {}' in --exclude loop --exclude 'skip*' --include '*.txt' -j 2
echo "status $?"
$GALLEY eval 'return {}' in --exclude loop --include '*.md' --include '*.csv' -j 2
echo "status $?"
