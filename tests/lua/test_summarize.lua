-- test_summarize.lua: galley.summarize and the summarize pipeline on sample
-- articles written for these tests.
local galley = require "galley"
local summarize = require "galley.summarize"

local function check_error(msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error with: " .. msg)
  assert(tostring(err):find(msg, 1, true), "error was: " .. tostring(err))
end

local article = galley.document([[
Tramway line to open in April after three years of work

The new tramway line between Westgate station and the university will open to passengers on April 6, the regional transport authority said on Monday, ending three years of construction.

The 9-kilometer line has 14 stops and is expected to carry about 30,000 passengers a day. It cost $410 million, about $60 million more than planned.

"People have been patient with the roadworks, and now they will see what it was for," said transport director Lena Moss.

Test runs without passengers began in January. Inspectors approved the line's safety systems last week.

Shop owners on Carver Avenue, where the tracks run down the middle of the street, said business had suffered during the works.

Tickets will cost the same as on buses, and the first week of travel will be free.

The authority plans a second line, to the airport, and hopes to start building it in 2027.]])

local sents = article:sentences()

-- the default: three sentences in document order, the lead among them
local sm = summarize.new()
local s = sm:extract(article)
assert(#s == 3, "picked " .. #s)
assert(s[1].text:find("^The new tramway line"), s[1].text)
for i = 2, #s do assert(s[i].start > s[i - 1].start) end
for _, sp in ipairs(s) do
  assert(article.text:sub(sp.start, sp.stop) == sp.text)
  assert(not sp.text:find("“", 1, true), "a quotation was picked: " .. sp.text)
end

-- k from params and per call
assert(#summarize.new({ k = "5" }):extract(article) == 5)
assert(#sm:extract(article, 1) == 1)
assert(#sm:extract(article, 100) <= #sents)

-- lead: the first k sentences
local lead = summarize.new({ method = "lead", k = 2 }):extract(article)
assert(lead[1] == sents[1] and lead[2] == sents[2])

-- every method gives k distinct sentences in order
for _, m in ipairs(summarize.methods) do
  local out = summarize.new({ method = m }):extract(article)
  assert(#out == 3, m)
  for i = 2, #out do assert(out[i].start > out[i - 1].start, m) end
end
check_error("unknown summary method 'best'", summarize.new, { method = "best" })

-- scores: one per sentence, 0 for those that cannot be picked
local scores = sm:scores(article)
assert(#scores == #sents)

-- redundancy: a sentence said twice is picked once
local twice = galley.document([[
The city council approved a new budget of $2 billion on Tuesday after a long debate.
The city council approved a new budget of $2 billion on Tuesday after a long debate.
Schools will get 40 percent of the money under the plan.
Road repairs will take most of the rest, officials said.
A library in the north district will close for renovation.]])
local picked = summarize.new({ k = 2 }):extract(twice)
assert(#picked == 2)
assert(picked[1].text ~= picked[2].text, "the same sentence twice")

-- list items and short lines are not picked while better sentences remain
local listy = galley.document([[
The festival will add three new stages this summer, organizers said on Friday.

The program includes:
1. Jazz.
2. A night of folk music from the mountain villages.
3. Films.

Tickets go on sale on May 2 and cost $45 for a day pass, the same as last year.

About 60,000 people attended the festival last year, a record.]])
for _, sp in ipairs(summarize.new():extract(listy)) do
  assert(not sp.text:find("^%d%."), "list item picked: " .. sp.text)
end

-- tiny and empty documents
assert(#sm:extract(galley.document("")) == 0)
local one = sm:extract(galley.document("Only one sentence here."))
assert(#one == 1 and one[1].text == "Only one sentence here.")
local short = sm:extract(galley.document("Yes. No. Maybe."))
assert(#short == 3)                       -- nothing long enough: take what there is

-- the pipeline: a record with summary spans, as JSON with 0-based offsets
local pipeline = dofile("scripts/summarize.lua")
pipeline.setup({ k = "2" })
local rec = pipeline.process(article)
assert(#rec.summary == 2)
local json = galley.json.decode(galley.json.encode(rec))
local first = json.summary[1]
assert(article.text:sub(first.start + 1, first["end"]) == first.text)

print("test_summarize.lua: ok")
