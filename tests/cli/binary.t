# a NUL byte in the first KiB marks a binary file, refused; NUL bytes later are replaced
cd "$TMP" || exit 9
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > image.txt
head -c 2000 /dev/zero | tr '\0' 'a' > late_nul.txt
printf '\000tail\n' >> late_nul.txt
$GALLEY eval 'return {n = #doc.text, bad = doc.meta.invalid_utf8}' image.txt late_nul.txt
echo "status $?"
