$GALLEY --help | head -3
$GALLEY help run | head -1
$GALLEY help nosuch
echo "status $?"
$GALLEY
echo "status $?"
