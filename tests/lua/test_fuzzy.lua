-- test_fuzzy.lua: galley.distance, galley.similarity, galley.unaccent and
-- galley.link_names. Run: galley lua FILE.

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

-- distance: Damerau-Levenshtein on code points
eq(galley.distance("kitten", "sitting"), 3)
eq(galley.distance("Nicolás", "Nicolas"), 1)
eq(galley.distance("CA", "ABC"), 2)
eq(galley.distance("", ""), 0)
eq(math.type(galley.distance("a", "b")), "integer")
check_error("string too long (limit is 2048 code points)",
            galley.distance, string.rep("x", 3000), "x")
check_error("bad argument #2 to 'galley.distance' (string expected, got no value)",
            galley.distance, "x")

-- similarity: Jaro-Winkler in [0, 1]
assert(math.abs(galley.similarity("MARTHA", "MARHTA") - 0.9611) < 0.001)
eq(galley.similarity("", ""), 1.0)
eq(galley.similarity("abc", "xyz"), 0.0)
assert(galley.similarity("Maduro", "Madura") > galley.similarity("Maduro", "Modern"))

-- unaccent
eq(galley.unaccent("Nicolás Peña, Łódź"), "Nicolas Pena, Lodz")
eq(galley.unaccent("서울"), "서울")
eq(galley.unaccent("a\xffb"), "a\u{FFFD}b")

-- link_names: one id per name, and the fullest name of each person
local ids, canon = galley.link_names({
  "Maduro", "Nicolás Maduro", "Nicolas Maduro", "President Maduro",
  "Delcy Rodríguez", "Rodríguez", "Maduro's", "the President",
})
eq(table.concat(ids, " "), "1 1 1 1 2 2 1 3")
eq(canon[1], "Nicolás Maduro")
eq(canon[2], "Delcy Rodríguez")
eq(canon[3], "President")

-- a surname shared by two people goes to the one named last before it
ids, canon = galley.link_names({"Bill Clinton", "Clinton", "Hillary Clinton", "Clinton",
                                "Mr. Bush", "George W. Bush", "George Bush"})
eq(table.concat(ids, " "), "1 1 2 2 3 3 3")
eq(canon[3], "George W. Bush")

-- spelling variants within one edit, on longer words
ids = galley.link_names({"Volodymyr Zelenskyy", "Zelensky", "Gaddafi", "Qaddafi"})
eq(table.concat(ids, " "), "1 1 2 2")
ids = galley.link_names({"Volodymyr Zelenskyy", "Zelensky"}, {fuzzy = 0})
eq(table.concat(ids, " "), "1 2")

-- titles can be given; spans are accepted; names with no words get false
local doc = galley.document("Chancellor Scholz met Olaf Scholz.")
local spans = galley.pattern({{is_title = true, op = "+"}}):find(doc)
ids, canon = galley.link_names(spans)
eq(table.concat(ids, " "), "1 1")
eq(canon[1], "Olaf Scholz")
ids = galley.link_names({"Chancellor Scholz", "Scholz"}, {titles = {}})
eq(table.concat(ids, " "), "1 1")
eq(galley.link_names({"", "...", "Ann"})[1], false)
eq(#galley.link_names({}), 0)
check_error("name 1: a string or a span expected", galley.link_names, {5})

print("test_fuzzy.lua: ok")
