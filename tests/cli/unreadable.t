# missing files, broken links and folders named as files are reported; the rest goes on
cd "$TMP" || exit 9
printf 'Readable.\n' > ok.txt
ln -s nowhere.txt dangling.txt
mkdir folder.txt
$GALLEY eval 'return {n = #doc.text}' missing.txt dangling.txt ok.txt
echo "status $?"
$GALLEY eval 'return {n = #doc.text}' .
echo "status $?"
