-- test_digest.lua: the digest pipeline; every span of a record points into
-- the record's own cleaned text.
local galley = require "galley"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local digest = dofile("scripts/digest.lua")
digest.setup({})

-- JSON spans (0-based start, exclusive end) of 'list' are slices of 'text'.
local function check_spans(text, list, what)
  for _, s in ipairs(list) do
    assert(text:sub(s.start + 1, s["end"]) == s.text,
           what .. " span does not point into the text: " .. s.text)
  end
end

local function run(doc)
  local rec = digest.process(doc)
  return galley.json.decode(galley.json.encode(rec)), rec
end

-- a page whose cleaning changes the text: a byline, a dateline, a credit
local page = galley.document([[
Ferry service to resume after strike ends

By Tomas Reyes
HARBOR CITY, May 2 (Galley Wire) — Ferries between Harbor City and Gull Island will run again on Friday after the crew union and the Harbor Transit Authority agreed on a new contract, ending a strike that lasted nine days.

The deal raises wages by 9 percent over three years, union leader Ana Duarte said on Thursday. "Our members can go back to work with their heads high," she said.

About 12,000 people use the ferries on a normal weekday. During the strike, the city ran extra buses over the north bridge.

Photo: A ferry at the Harbor City terminal. Credit: Galley Wire
Share
Leave A Reply]], { id = "ferry-1" })

local rec, raw = run(page)
assert(rec.title == "Ferry service to resume after strike ends")
assert(rec.byline == "By Tomas Reyes" and rec.dateline == "HARBOR CITY, May 2 (Galley Wire)")
assert(rec.text:sub(1, 13) == "Ferries betwe", rec.text:sub(1, 30))
assert(not rec.text:find("Share", 1, true) and not rec.text:find("Photo:", 1, true))
assert(#rec.credits == 1 and #rec.removed == 4, #rec.removed)
assert(rec.sentences == 5, rec.sentences)
assert(rec.words > 70 and rec.words < 100, rec.words)
assert(#rec.summary == 3)
check_spans(rec.text, rec.summary, "summary")
assert(rec.summary[1].text:find("^Ferries between Harbor City"))
check_spans(rec.text, rec.entities, "entity")
check_spans(rec.text, rec.quotes, "quote")
assert(#rec.keywords > 0 and rec.keywords[1].score == 1)
-- the spans belong to the cleaned document, not to the one read
assert(raw.summary[1].doc ~= page)

-- galley.entities and galley.quotes are there: people, places, speakers
local have = pcall(require, "galley.entities")
if have then
  local labels = {}
  for _, e in ipairs(rec.entities) do labels[e.label] = true end
  assert(labels.PERSON and labels.PLACE, "entities: " .. #rec.entities)
  assert(#rec.quotes == 1 and rec.quotes[1].speaker == "Ana Duarte", #rec.quotes)
end

-- a text that cleaning leaves alone is analyzed as it is
local plain = galley.document("Shares of Norbridge Systems fell 4 percent on Monday after the "
  .. "company cut its forecast. \"We think the worst is not over,\" said Priya Raman, an analyst.",
  { title = "Chip maker cuts forecast" })
local prec = run(plain)
assert(prec.text == plain.text and #prec.removed == 0)
check_spans(prec.text, prec.summary, "summary")
check_spans(prec.text, prec.entities, "entity")

-- the sample article: three boilerplate lines out, no title
local seed = galley.document(read("seeds/000_cec43ca621291e6e.txt"))
local srec = run(seed)
assert(srec.title == galley.json.null)
assert(#srec.removed == 3 and srec.text:sub(-12) == "under wraps.")
check_spans(srec.text, srec.summary, "summary")
check_spans(srec.text, srec.quotes, "quote")

-- parameters reach the modules
local d2 = dofile("scripts/digest.lua")
d2.setup({ k = "1", n = "2", method = "lead" })
local r2 = galley.json.decode(galley.json.encode(d2.process(page)))
assert(#r2.summary == 1 and #r2.keywords == 2)

print("test_digest.lua: ok")
