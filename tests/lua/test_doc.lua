-- test_doc.lua: documents, tokens and spans from Lua (core/l_doc.c).
local galley = require "galley"

local function check_error(msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error with: " .. msg)
  assert(tostring(err):find(msg, 1, true), "error was: " .. tostring(err))
end

-- title line, cleaning and fields
local doc = galley.document("Ferry plan wins\r\n\r\nThe council voted 7-2 on Thursday. "
  .. "Dr. Greene said it was “a gamble.”\n\nA second paragraph here.")
assert(doc.title == "Ferry plan wins")
assert(doc.text:sub(1, 11) == "The council")
assert(not doc.text:find("\r", 1, true))
assert(doc.path == nil)
assert(type(doc.meta) == "table" and next(doc.meta) == nil)
assert(doc.lang == "en")

-- tokens: count, indexing, iteration without tables
local n = 0
for tok in doc:tokens() do
  n = n + 1
  assert(doc.text:sub(tok.start, tok.stop) == tok.text)
  assert(tok.i == n)
end
assert(n == #doc and n == #doc:tokens())
assert(doc[1].text == "The" and doc[1].is_title and doc[1].is_stop)
assert(doc[-1].text == "." and doc[-1].is_punct and doc[-1].kind == "punct")
assert(doc[0] == nil and doc[n + 1] == nil)
local toks = doc:tokens()
assert(toks[2].text == "council" and toks[2].lower == "council")
assert(toks[2].stem == "council")
assert(toks[4].text == "7" and toks[4].kind == "number")
assert(doc[1] == doc[1] and doc[1] ~= doc[2])

-- shape, lower, stem
local d2 = galley.document("NATO and the U.S. said 20 MARÍA Running.")
local seen = {}
for tok in d2:tokens() do seen[tok.text] = tok end
assert(seen["NATO"].shape == "XXXX" and seen["NATO"].is_upper)
assert(seen["U.S."].shape == "X.X.")
assert(seen["20"].shape == "dd" and seen["20"].like_num and seen["20"].kind == "number")
assert(seen["MARÍA"].lower == "maría")
assert(seen["Running"].stem == "run")

-- sentences and paragraphs are spans
local sents = doc:sentences()
assert(#sents == 3, "sentences: " .. #sents)
assert(sents[1].text == "The council voted 7-2 on Thursday.")
assert(sents[2].text == "Dr. Greene said it was “a gamble.”")
assert(doc.text:sub(sents[2].start, sents[2].stop) == sents[2].text)
assert(sents[2][1].text == "Dr." and #sents[2] > 5)
assert(doc:sentences() == sents)            -- built once
local paras = doc:paragraphs()
assert(#paras == 2 and paras[2].text == "A second paragraph here.")
assert(doc[1].sent == 1 and doc[-1].sent == 3 and doc[-1].para == 2)
assert(doc[-1].sentence.text == "A second paragraph here.")

-- spans: byte ranges, labels, attributes, JSON
local sp = doc:span(1, 11, "PHRASE")
assert(sp.text == "The council" and sp.label == "PHRASE" and #sp == 2)
sp.score = 0.5
assert(sp.score == 0.5)
check_error("cannot set field 'start' of a span", function() sp.start = 3 end)
assert(galley.json.encode(sp) ==
  '{"label":"PHRASE","start":0,"end":11,"text":"The council","score":0.5}')
assert(galley.json.encode(doc[1]) == '{"start":0,"end":3,"text":"The","kind":"word"}')
local whole = doc:span(1, -1)
assert(whole.text == doc.text)

-- documents are read-only but for lang
check_error("cannot set field 'text' of a document", function() doc.text = "x" end)
doc.lang = "es"
assert(doc.lang == "es")
check_error("unknown language 'xx'", function() doc.lang = "xx" end)

-- meta, JSON title, Spanish guess
local es = galley.document("El presidente dijo que la reunión de los ministros fue un éxito para el país.",
  { title = "Given", id = 7, path = "x.json" })
assert(es.title == "Given" and es.meta.id == 7 and es.path == "x.json")
assert(es.lang == "es")
assert(galley.document("x", {}).title == nil)

-- invalid UTF-8 is repaired and counted
local bad = galley.document("caf\233 ok")
assert(bad.text == "caf\u{FFFD} ok" and bad.meta.invalid_utf8 == 1)

-- errors
check_error("bad argument #1 to 'galley.document'", galley.document)
check_error("meta must be a table with string keys", galley.document, "x", { 1, 2 })
print("test_doc ok")
