$GALLEY eval 'return #doc.text' ../../seeds
$GALLEY eval 'if doc.title then print(doc.title) end' ../../seeds
$GALLEY eval 'return {title = doc.title, id = doc.meta.id, url = doc.meta.url}' ../../seeds/003_markets.json
$GALLEY eval 'return doc.nope.x' ../../seeds/001_harbor_vote.txt; echo "status $?"
$GALLEY eval 'return (' ../../seeds; echo "status $?"
