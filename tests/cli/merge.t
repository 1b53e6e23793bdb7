# galley merge: done() over parts files; its failures
cd "$TMP" || exit 9
cat > sum.lua <<'LUA'
local pipeline, total = {}, 0
function pipeline.setup(params) total = tonumber(params.start or "0") end
function pipeline.process(doc) total = total + #doc.text end
function pipeline.finish() return { bytes = total } end
function pipeline.done(parts)
  local sum = 0
  for _, p in ipairs(parts) do sum = sum + p.bytes end
  return { parts = #parts, bytes = sum }
end
return pipeline
LUA
printf 'abc\n' > a.txt
printf 'defgh\n' > b.txt
$GALLEY run sum.lua a.txt b.txt -j 1 --parts p.jsonl
echo "status $?"
cat p.jsonl
$GALLEY merge sum.lua p.jsonl p.jsonl
$GALLEY merge sum.lua p.jsonl -o merged.csv && cat merged.csv
echo '{"bytes":1}' | $GALLEY merge sum.lua
$GALLEY merge sum.lua < /dev/null
printf '{"bytes":1}\n\n{"bytes":2\n' > bad.jsonl
$GALLEY merge sum.lua bad.jsonl; echo "status $?"
$GALLEY merge sum.lua nosuch.jsonl; echo "status $?"
echo 'return { process = function() end }' > nodone.lua
$GALLEY merge nodone.lua p.jsonl; echo "status $?"
$GALLEY merge; echo "status $?"
# a finish() part that is not plain data is that worker's error
echo 'return { finish = function() return { f = print } end }' > badpart.lua
$GALLEY run badpart.lua a.txt -j 1 --parts q.jsonl; echo "status $?"
