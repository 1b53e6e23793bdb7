-- test_pattern.lua: galley.pattern (token predicates, ops, labelled
-- groups, negation) and bad specs. Run: galley lua FILE.

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

local function texts (spans)
  local t = {}
  for i, s in ipairs(spans) do t[i] = s.text end
  return table.concat(t, "|")
end

local doc = galley.document(
  "President Nicolás Maduro said on Monday that 5 percent of the vote was lost. " ..
  "The harbor board, led by Ana María Peña, said it would meet again.")

-- title-case names before "said", with the name as a group
local speaker = galley.pattern({
  {is_title = true, op = "+", label = "name"},
  {lower = "said"},
}, {label = "SPEAKER"})
local sp = speaker:find(doc)
eq(texts(sp), "President Nicolás Maduro said")
eq(sp[1].text, "President Nicolás Maduro said")
eq(sp[1].label, "SPEAKER")
eq(sp[1].groups.name.text, "President Nicolás Maduro")
eq(doc.text:sub(sp[1].groups.name.start, sp[1].groups.name.stop), "President Nicolás Maduro")

-- kinds, sets, quantifiers {n,m}
local pct = galley.pattern({{kind = "number", label = "n"}, {lower = {"percent", "%"}}})
eq(texts(pct:find(doc)), "5 percent")
eq(texts(pct:find("up 12 % or 3 PERCENT")), "12 %|3 PERCENT")
local the_words = galley.pattern({{lower = "the"}, {is_punct = false, op = "{1,2}"}})
eq(texts(the_words:find("the big red boat")), "the big red")

-- plain strings stand for {lower = s}; "in" is a set of lower-case forms
eq(texts(galley.pattern({"led", "by"}):find(doc)), "led by")
eq(texts(galley.pattern({{["in"] = {"monday", "friday"}}}):find(doc)), "Monday")

-- shape, text, regex, stem
eq(texts(galley.pattern({{shape = "d"}, {text = "percent"}}):find(doc)), "5 percent")
eq(texts(galley.pattern({{regex = "^[A-Z]\\w+a$"}}):find(doc)), "Ana|María|Peña")
local rx = galley.regex("^m", "i")
eq(texts(galley.pattern({{regex = rx, is_title = true}}):find(doc)), "Maduro|Monday|María")
eq(texts(galley.pattern({{stem = "meeting"}}):find(doc)), "meet")

-- negation: op "!" (one token that does not satisfy) and not = true
eq(texts(galley.pattern({{lower = "the"}, {is_title = true, op = "!"}}):find("the Ferry the boat")),
   "the boat")
eq(texts(galley.pattern({{lower = "was"}, {is_punct = true, ["not"] = true, op = "+"}})
         :find(doc)), "was lost")

-- stop words follow the document's language, or opts.lang
eq(#galley.pattern({{is_stop = true}}):find("el de la"), 0)
eq(#galley.pattern({{is_stop = true}}, {lang = "es"}):find("el de la"), 3)

-- any token: an empty table
eq(texts(galley.pattern({{lower = "by"}, {}, {}}):find(doc)), "by Ana María")

-- leftmost-longest, and no empty matches
eq(texts(galley.pattern({{is_title = true, op = "*"}}):find("a Bb Cc d Ee")), "Bb Cc|Ee")
eq(#galley.pattern({{op = "?"}}):find(""), 0)

-- strings with invalid UTF-8
eq(texts(galley.pattern({{is_title = true}}):find("x\xff Yes \xfe")), "Yes")

-- bad specs
check_error("empty pattern", galley.pattern, {})
local long = {}
for i = 1, 65 do long[i] = {} end
check_error("pattern too long (limit is 64 elements)", galley.pattern, long)
check_error("element 2: unknown key 'lowr'", galley.pattern, {{}, {lowr = "x"}})
check_error("element 1: bad op '++'", galley.pattern, {{op = "++"}})
check_error("element 1: bad op '{3,1}'", galley.pattern, {{op = "{3,1}"}})
check_error("repeat count too large in element 1 (limit is 100)", galley.pattern, {{op = "{1,500}"}})
check_error("pattern too large (limit is 4096 states)", galley.pattern,
            (function () local t = {} for i = 1, 30 do t[i] = {op = "{0,100}"} end return t end)())
check_error("element 1: regex: missing closing parenthesis at offset 1",
            galley.pattern, {{regex = "("}})
check_error("element 1: unknown kind 'noun'", galley.pattern, {{kind = "noun"}})
check_error("element 1: 'is_title' must be a boolean", galley.pattern, {{is_title = 1}})
check_error("element 1: a table expected, got number", galley.pattern, {5})
check_error("unknown language 'xx'", galley.pattern, {{}}, {lang = "xx"})
eq(#speaker, 9)                                   -- automaton states

print("test_pattern.lua: ok")
