$GALLEY run fixtures/syntax.lua ../../seeds; echo "status $?"
$GALLEY run fixtures/badsetup.lua ../../seeds; echo "status $?"
$GALLEY run fixtures/params.lua --set k=3 --set k=4 ../../seeds/001_harbor_vote.txt; echo "status $?"
