# an endless loop and a memory blow-up each fail their own document only
cd "$TMP" || exit 9
cp "$OLDPWD/fixtures/runaway.lua" . && script=runaway.lua
printf 'first is fine\n' > 1.txt
printf 'we loop forever here\n' > 2.txt
printf 'we eat memory here\n' > 3.txt
printf 'last is fine\n' > 4.txt
$GALLEY run "$script" --timeout 0.5 1.txt 2.txt 4.txt
echo "status $?"
$GALLEY run "$script" --timeout 120 --memory 64 1.txt 3.txt 4.txt
echo "status $?"
