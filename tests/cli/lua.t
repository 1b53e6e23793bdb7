$GALLEY lua fixtures/args.lua one two
$GALLEY lua fixtures/nosuch.lua; echo "status $?"
