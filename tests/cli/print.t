# print() from every hook: setup's once (from the first worker), process's
# with its document, in input order, finish's once per worker, then done's
cd "$TMP" || exit 9
cat > p.lua <<'LUA'
local pipeline, n = {}, 0
function pipeline.setup() print("setup") end
function pipeline.process(doc)
  n = n + 1
  print("process", doc.path)
  if doc.text:find("two") then error("two is bad") end
  return { len = #doc.text }
end
function pipeline.finish() print("finish"); return { n = n } end
function pipeline.done(parts)
  local sum = 0
  for _, p in ipairs(parts) do sum = sum + p.n end
  print("done", #parts, "parts")
  return { documents = sum }
end
return pipeline
LUA
for w in one two three four five six; do printf 'The word %s.\n' $w > $w.txt; done
$GALLEY run p.lua one.txt two.txt three.txt four.txt five.txt six.txt -j 3 2>&1
echo "status $?"
# with -o, records go to the file and print() to standard output
$GALLEY run p.lua one.txt three.txt -j 1 -o out.jsonl
cat out.jsonl
