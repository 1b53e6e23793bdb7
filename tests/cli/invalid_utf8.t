# invalid UTF-8 is repaired (U+FFFD), counted in meta and warned about once per file
cd "$TMP" || exit 9
printf 'Se\361or Garc\355a \377\376 dijo.\n' > latin1.txt
printf '{"id":"x","text":"ok \\u00e9"}\n' > fine.jsonl
$GALLEY eval 'return {text = doc.text, bad = doc.meta.invalid_utf8}' latin1.txt fine.jsonl
echo "status $?"
