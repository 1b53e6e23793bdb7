# BOM dropped, CRLF and CR made LF, NFC applied, title line taken out
cd "$TMP" || exit 9
printf '\357\273\277Ferry vote passes\r\n\r\nLine one.\r\nLine two.\rJose\314\201 spoke.\r\n' > a.txt
$GALLEY eval 'return {title = doc.title, text = doc.text}' a.txt
