-- test_phrases.lua: galley.phrases (find, add, remove, has, load, #m),
-- its key options, labels and ids, and bad input. Run: galley lua FILE.

local galley = require "galley"

local function check_error (msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error: " .. msg)
  if not string.find(err, msg, 1, true) then
    error(string.format("error %q does not contain %q", err, msg), 2)
  end
end

local function eq (got, want)
  if got ~= want then
    error(string.format("got %q, want %q", tostring(got), tostring(want)), 2)
  end
end

-- "text/label" of each span, joined with "|"
local function show (spans)
  local t = {}
  for i, s in ipairs(spans) do t[i] = s.text .. (s.label and "/" .. s.label or "") end
  return table.concat(t, "|")
end

-- case-folded by default; leftmost-longest, non-overlapping
local m = galley.phrases({"New York", "New York City", "city hall", "York"})
eq(#m, 4)
local text = "We saw NEW YORK City Hall and york."
eq(show(m:find(text)), "NEW YORK City|york")
eq(show(m:find(text, {all = true})), "NEW YORK|NEW YORK City|YORK|City Hall|york")
local s = m:find(text)[1]
eq(s.start, 8); eq(s.stop, 20); eq(text:sub(s.start, s.stop), "NEW YORK City")
eq(#m:find(""), 0)
eq(#m:find("new"), 0)

-- labels and ids; a phrase with two labels gives two spans
local ents = galley.phrases({
  {text = "Caracas", label = "PLACE", id = "Q1533"},
  {text = "Paris", label = "PLACE"},
  {text = "Paris", label = "PERSON", id = 7},
  "Monday",
})
local found = ents:find("From Caracas to Paris on Monday")
eq(show(found), "Caracas/PLACE|Paris/PLACE|Paris/PERSON|Monday")
eq(found[1].id, "Q1533")
eq(found[2].id, nil)
eq(found[3].id, 7)
eq(#ents, 4)

-- add, has, remove
eq(ents:add("Lima"), 1)
eq(ents:add("lima"), 0)                    -- same key, same (no) label
eq(ents:add({{text = "Quito", label = "PLACE"}, "Bogotá"}), 2)
eq(ents:has("QUITO"), true)
eq(ents:has("Quito", "PLACE"), true)
eq(ents:has("Quito", "PERSON"), false)
eq(ents:remove("Paris", "PERSON"), 1)
eq(show(ents:find("Paris")), "Paris/PLACE")
eq(ents:remove("paris"), 1)
eq(ents:remove("paris"), 0)
eq(ents:has("Paris"), false)
eq(#ents, 5)

-- exact text
local exact = galley.phrases({"US"}, {attr = "text"})
eq(show(exact:find("us and the US")), "US")

-- accent-insensitive (and case-folded)
local names = galley.phrases({{text = "Nicolás Maduro", label = "PERSON"}, "São Paulo"},
                             {attr = "unaccent"})
eq(show(names:find("nicolas maduro in Sao Paulo; Nicolás Maduro")),
   "nicolas maduro/PERSON|Sao Paulo|Nicolás Maduro/PERSON")

-- stems (Snowball, English by default)
local stems = galley.phrases({"running shoes"}, {attr = "stem"})
eq(show(stems:find("He runs; the run shoe; RUNNING SHOES")), "run shoe|RUNNING SHOES")
check_error("no stemmer for language 'xx'", galley.phrases, {}, {attr = "stem", lang = "xx"})
check_error("unknown attr 'nope' (attrs are lower, text, unaccent, stem)",
            galley.phrases, {}, {attr = "nope"})

-- documents
local doc = galley.document("Ferry vote\n\nThe Harbor Authority met in New York City on Monday.")
local ds = m:find(doc)
eq(show(ds), "New York City")
eq(doc.text:sub(ds[1].start, ds[1].stop), "New York City")
eq(show(ents:find(doc)), "Monday")

-- loading a file: one phrase a line, or TSV with label and id columns
local path = os.tmpname()
local f = assert(io.open(path, "w"))
f:write("Harbor Authority\tORG\tH1\r\n", "\n", "   \n", "Monday\n", "New York City\tPLACE\n")
f:close()
local loaded = galley.phrases()
eq(loaded:load(path, "MISC"), 3)
local ls = loaded:find(doc)
eq(show(ls), "Harbor Authority/ORG|New York City/PLACE|Monday/MISC")
eq(ls[1].id, "H1")
os.remove(path)
local none, err = loaded:load(path)
eq(none, nil)
assert(err:find(path, 1, true), err)

-- bad input
local empty = galley.phrases({})
eq(#empty, 0)
eq(#empty:find("anything at all"), 0)
check_error("entry 2: empty phrase", galley.phrases, {"ok", "  "})
check_error("entry: empty phrase", function () empty:add("") end)
check_error("phrase too long (limit is 64 tokens)", galley.phrases, {string.rep("w ", 65)})
check_error("entry 1: a string or a table with 'text' expected, got number", galley.phrases, {5})
check_error("field 'label' must be a string", galley.phrases, {{text = "a", label = 1}})
check_error("bad argument #1 to 'find' (string or galley.Doc expected, got table)",
            function () m:find({}) end)
-- invalid UTF-8 in entries and subjects: never a crash
local odd = galley.phrases({"caf\xff bar"})
eq(#odd:find("caf\xff bar"), 1)
eq(#odd:find("\xff\xfe\xfd"), 0)

-- a million duplicate entries stay one entry
local dup = galley.phrases()
local list = {}
for i = 1, 1000 do list[i] = "Nicolás Maduro" end
for _ = 1, 1000 do dup:add(list) end
eq(#dup, 1)
eq(show(dup:find("President Nicolás Maduro")), "Nicolás Maduro")

print("test_phrases.lua: ok")
