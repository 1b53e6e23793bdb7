# good articles mixed with empty, invalid UTF-8, binary and unreadable files
script=$PWD/fixtures/titles.lua
mkdir -p "$TMP/in/sub" && cd "$TMP" || exit 9
printf 'A good article.\n' > in/a.txt
: > in/b_empty.txt
printf 'Caf\351 con leche \377.\n' > in/c_invalid.txt
printf 'PK\003\004\000\000binary' > in/d_binary.txt
ln -s /nonexistent/galley-missing in/e_unreadable.txt
printf 'Another good one.\n' > in/sub/f.txt
printf '{"id":"j1","text":"From JSON."}\n{"id":"j2"\n' > in/g.jsonl
$GALLEY run "$script" in
echo "status $?"
