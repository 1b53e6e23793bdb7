-- test_keywords.lua: galley.keywords, the keywords and df pipelines, on
-- sample articles written for these tests.
local galley = require "galley"
local keywords = require "galley.keywords"

local function check_error(msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error with: " .. msg)
  assert(tostring(err):find(msg, 1, true), "error was: " .. tostring(err))
end

local article = galley.document([[
Solar farm plan divides farmers in Alder County

A proposed solar farm on 600 acres of farmland in Alder County has divided residents, with some farmers eager to lease their land and others worried about losing the best soil in the region.

The developer, Brightfield Energy, said the solar farm would power about 40,000 homes and pay the county $1.2 million a year in taxes. Brightfield Energy has built similar projects in two neighboring states.

Farmers who support the plan said leasing land to the solar farm would give them a steady income when crop prices are low. Opponents said the county should protect its farmland and that the panels would spoil the view from the river.

The Alder County planning board reportedly delayed its vote until next month. The board voted last year to limit solar projects to 1,000 acres in total.]])

local texts = function(list)
  local t = {}
  for i, k in ipairs(list) do t[i] = k.text end
  return t
end
local function has(list, text)
  for _, k in ipairs(list) do if k.text == text then return true end end
  return false
end

-- default: up to 10 phrases, best first, the best scoring 1
local kx = keywords.new()
local kw = kx:extract(article)
assert(#kw == 10, #kw)
assert(kw[1].score == 1)
for i = 2, #kw do assert(kw[i].score <= kw[i - 1].score) end
local all = table.concat(texts(kw), "|")
assert(has(kw, "solar farm") or has(kw, "proposed solar farm"), all)
assert(has(kw, "Brightfield Energy"), all)
assert(has(kw, "Alder County planning board") or has(kw, "Alder County"), all)
-- news verbs, adverbs and past tenses do not end phrases; no stop words alone
for _, k in ipairs(kw) do
  assert(not k.text:find("said", 1, true), all)
  assert(not k.text:find("reportedly", 1, true), all)
  assert(not k.text:find(" voted$"), all)
  assert(not k.text:lower():find("^the "), all)
end
-- each phrase once, and no phrase inside a better one
local seen = {}
for _, k in ipairs(kw) do
  assert(not seen[k.text:lower()], "twice: " .. k.text)
  seen[k.text:lower()] = true
end

-- n from params and per call; methods
assert(#keywords.new({ n = "3" }):extract(article) == 3)
assert(#kx:extract(article, 5) == 5)
for _, m in ipairs { "textrank", "yake", "tfidf" } do
  local r = keywords.new({ method = m }):extract(article)
  assert(#r > 0 and r[1].score == 1, m)
end
check_error("unknown keyphrase method 'lda'", keywords.new, { method = "lda" })

-- extra stop words from a file
local tmp = os.tmpname()
local f = assert(io.open(tmp, "w"))
f:write("# words to leave out\nsolar\n")
f:close()
for _, k in ipairs(keywords.new({ stop = tmp }):extract(article)) do
  assert(not k.text:lower():find("solar", 1, true), k.text)
end
os.remove(tmp)
check_error("stop words:", keywords.new, { stop = "/nonexistent/stop.txt" })

-- the df pipeline over a small corpus, then idf weights from its file
local corpus = {
  "The county board met on Monday to discuss the solar farm and the county budget.",
  "County roads will be repaired this summer, the county board said.",
  "The county fair opens on Friday with a new farm animals tent.",
  article.text,
}
local df = dofile("scripts/df.lua")
df.setup({ min = "1" })
for _, t in ipairs(corpus) do
  assert(df.process(galley.document(t)) == nil)
end
local part = df.finish()
assert(part.docs == 4 and part.terms.counti == 4, part.terms.counti)
-- done() sees only plain copies: the same counts split over two parts
local a = { docs = 3, terms = { counti = 3, solar = 1 }, lines = {} }
local b = { docs = 1, terms = { counti = 1, solar = 1, brightfield = 1 }, lines = {} }
local recs = df.done({ a, b })
assert(recs[1].kind == "docs" and recs[1].df == 4 and recs[1].text == "")
assert(recs[2].kind == "term" and recs[2].text == "counti" and recs[2].df == 4)
local path = os.tmpname()
f = assert(io.open(path, "w"))
for _, r in ipairs(df.done({ part })) do f:write(galley.json.encode(r), "\n") end
f:close()
local idf, docs = keywords.load_df(path)
assert(docs == 4)
assert(idf:get("counti") < idf:get("solar"))
local plain = keywords.new({ method = "tfidf" }):extract(article)
local weighted = keywords.new({ method = "tfidf", df = path }):extract(article)
assert(plain[1].text ~= weighted[1].text or plain[2].text ~= weighted[2].text)
for _, k in ipairs(weighted) do
  assert(k.text ~= "county", "common in the corpus: " .. k.text)
end
os.remove(path)
check_error("df file:", keywords.new, { df = "/nonexistent/df.jsonl" })

-- the pipeline's record
local pipeline = dofile("scripts/keywords.lua")
pipeline.setup({ n = "4" })
local rec = pipeline.process(article)
assert(#rec.keywords == 4 and type(rec.keywords[1].text) == "string")
assert(galley.json.encode(rec.keywords[1]):find('"score":1', 1, true))

print("test_keywords.lua: ok")
