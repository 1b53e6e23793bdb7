$GALLEY run fixtures/broken.lua ../../seeds
echo "status $?"
$GALLEY run fixtures/broken.lua ../../seeds --fail-fast
echo "status $?"
