-- test_rank.lua: galley.rank, the sentence graph, PageRank, MMR, keyphrases
-- and idf tables (core/l_rank.c).
local galley = require "galley"
local rank = galley.rank

local function check_error(msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error with: " .. msg)
  assert(tostring(err):find(msg, 1, true), "error was: " .. tostring(err))
end

local function near(a, b) return math.abs(a - b) < 1e-9 end

local doc = galley.document([[
Ferry fares will rise in March, the harbor board said on Tuesday.

The board said ferry fares had not changed since 2019. Fuel costs doubled.
Commuters said the ferry fares were already too high.

A new bakery opened downtown.]], { title = "Harbor board raises ferry fares" })

-- the graph: one node a sentence, symmetric cosine, no self loops
local g = rank.sentences(doc)
assert(#g == #doc:sentences() and #g == 5, "sentences: " .. #g)
assert(tostring(g):find("galley.Graph (5 sentences, cosine)", 1, true))
for i = 1, #g do
  assert(g:similarity(i, i) == 0)
  for j = 1, #g do assert(near(g:similarity(i, j), g:similarity(j, i))) end
end
assert(g:similarity(1, 2) > 0 and g:similarity(1, 5) == 0)
check_error("no such sentence", g.similarity, g, 0, 1)
check_error("no such sentence", g.similarity, g, 1, 6)

-- what each sentence holds
local f = g:features()
assert(f.content[3] == 3 and f.words[3] == 3)       -- "Fuel costs doubled"
assert(f.numbers[2] == 1 and f.numbers[1] == 0)
assert(f.quotes[1] == 0 and f.list[1] == 0)
local lens = g:lengths()
assert(lens[1] == f.content[1])

-- PageRank: scores sum to 1, the isolated sentence gets only its prior share
local pr = g:pagerank()
local sum = 0
for i = 1, #pr do sum = sum + pr[i] end
assert(near(sum, 1), "sum " .. sum)
assert(pr[5] < pr[1] and pr[5] < pr[2])
local biased = g:pagerank({ 0, 0, 0, 0, 1 })
assert(biased[5] > pr[5])
check_error("damping must be in [0, 1)", g.pagerank, g, nil, 1)

-- title similarity
local q = g:query(doc.title)
assert(q[1] > 0 and q[5] == 0 and q[1] > q[3])

-- MMR: the second pick is not a near copy of the first
local pick = g:mmr({ 1, 0.9, 0.1, 0.95, 0.2 }, 2, 0.3)
assert(#pick == 2 and pick[1] == 1)
local pick1 = g:mmr({ 1, 0.9, 0.1, 0.95, 0.2 }, 2, 1)
assert(pick1[1] == 1 and pick1[2] == 4)
assert(#g:mmr({ 0, 0, 0, 0, 0 }, 3) == 0)
assert(#g:mmr({ 1, 1, 1, 1, 1 }, 9) == 5)
check_error("lambda must be in [0, 1]", g.mmr, g, { 1 }, 1, 2)

-- other similarities; LexRank's threshold
local o = rank.sentences(doc, { similarity = "overlap" })
assert(o:similarity(1, 2) > 0)
local b = rank.sentences(doc, { similarity = "bm25" })
assert(b:similarity(1, 2) > 0 and not near(b:similarity(1, 2), b:similarity(2, 1)))
local t = rank.sentences(doc):threshold(0.1, true)
for i = 1, #t do for j = 1, #t do
  local v = t:similarity(i, j)
  assert(v == 0 or v == 1)
end end
assert(g:degree(0.0)[5] == 0 and g:degree(0.0)[1] >= 2)
check_error("unknown similarity 'jaccard'", rank.sentences, doc, { similarity = "jaccard" })
check_error("unknown language 'xx'", rank.sentences, doc, { lang = "xx" })

-- terms and words
local terms = rank.terms(doc)
local has = {}
for _, s in ipairs(terms) do has[s] = true end
assert(has.ferri and has.fare and has.harbor and not has.the)
assert(rank.words(doc) == 39, rank.words(doc))   -- 12 + 10 + 3 + 9 + 5

-- keyphrases
local kp = rank.keyphrases { stop = { "said" } }
assert(tostring(kp):find("textrank", 1, true))
local kw = kp:extract(doc, 3)
assert(#kw == 3 and kw[1].score == 1 and kw[1].text == "ferry fares", kw[1].text)
for _, k in ipairs(kw) do assert(k.text ~= "said") end
assert(#kp:extract(doc, 0) == 0)
for _, m in ipairs { "yake", "tfidf" } do
  local r = rank.keyphrases({ method = m }):extract(doc)
  assert(#r > 0 and r[1].score == 1, m)
end
check_error("unknown keyphrase method 'rake'", rank.keyphrases, { method = "rake" })
check_error("max_words must be 1 to 8", rank.keyphrases, { max_words = 9 })
check_error("window must be 2 to 100", rank.keyphrases, { window = 1 })
check_error("option 'stop' must be a list of words", rank.keyphrases, { stop = "said" })

-- corpus idf
local idf = rank.idf({ ferri = 90, fare = 90, bakeri = 1 }, 100)
assert(near(idf:get("ferri"), math.log(101 / 91) + 1))
assert(near(idf:get("zzz"), math.log(101) + 1))
assert(tostring(idf) == "galley.Idf (100 documents)")
local kw2 = rank.keyphrases({ idf = idf, method = "tfidf" }):extract(doc, 3)
assert(kw2[1].text ~= "ferry fares", kw2[1].text)    -- common in the corpus now
local gi = rank.sentences(doc, { idf = idf })
assert(gi:similarity(1, 2) > 0 and not near(gi:similarity(1, 2), g:similarity(1, 2)))
check_error("option 'idf' must be a galley.Idf", rank.sentences, doc, { idf = {} })
check_error("expected a table of stems to document counts", rank.idf, { ferri = "x" }, 3)

-- generic PageRank of a Lua matrix
local p = rank.pagerank({ { 0, 1 }, { 1, 0 } })
assert(near(p[1], 0.5) and near(p[2], 0.5))
local star = rank.pagerank({ { 0, 1, 1 }, { 1, 0, 0 }, { 1, 0, 0 } })
assert(star[1] > star[2] and near(star[2], star[3]))
check_error("rows must be lists of numbers", rank.pagerank, { 1, 2 })

-- documents of one state load once; a graph outlives later loads
local other = galley.document("Completely different words here. Nothing shared at all.")
local g2 = rank.sentences(other)
assert(#g2 == 2)
assert(g:query(doc.title)[1] > 0)                 -- reloads its own document
assert(#g:lengths() == 5)

-- empty and tiny documents
local empty = galley.document("")
assert(#rank.sentences(empty) == 0)
assert(#rank.sentences(empty):pagerank() == 0)
assert(#rank.keyphrases():extract(empty) == 0)
local one = galley.document("Only one sentence.")
assert(#rank.sentences(one):mmr({ 1 }, 3) == 1)

-- Spanish: stop words and stems of the document's language
local es = galley.document("El gobierno anunció un plan de agua. El plan de agua costará millones.",
  { lang = "es" })
local kes, found = rank.keyphrases():extract(es), false
for _, k in ipairs(kes) do found = found or k.text:find("plan de agua", 1, true) end
assert(found, kes[1].text)

print("test_rank.lua: ok")
