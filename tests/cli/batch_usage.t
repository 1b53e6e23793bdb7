# usage errors of the batch options
cp fixtures/titles.lua "$TMP/" && cd "$TMP" || exit 9
$GALLEY run titles.lua --shard 0/3 "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --shard 4/3 "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --shard 1/x "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --shard=-1/2 "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --resume "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --resume -o out.csv "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --parts - "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --parts "" "$SEEDS"; echo "status $?"
$GALLEY run titles.lua --checkpoint 0 "$SEEDS"; echo "status $?"
$GALLEY run titles.lua -j 0 "$SEEDS"; echo "status $?"
