# texts without a single word go through every stock pipeline without error
cd "$TMP" || exit 9
printf '...\n' > dots.txt
printf '\342\200\234\342\200\235 !!! ??\n' > marks.txt
printf '12 34\n' > numbers.txt
for p in summarize keywords digest entities quotes clean; do
    $GALLEY run $p -j 1 dots.txt marks.txt numbers.txt > /dev/null || echo "$p failed"
done
$GALLEY run keywords -j 1 dots.txt marks.txt numbers.txt
