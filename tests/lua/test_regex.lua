-- test_regex.lua: galley.regex (find, match, gsub, split), flags, captures,
-- bad patterns, invalid UTF-8 and the match limit. Run: galley lua FILE.

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

-- texts of a list of spans, joined with "|"
local function texts (spans)
  local t = {}
  for i, s in ipairs(spans) do t[i] = s.text end
  return table.concat(t, "|")
end

-- compiling
local re = assert(galley.regex("\\p{Lu}\\w+"))
eq(tostring(re), "galley.Regex (\\p{Lu}\\w+)")
eq(re.pattern, "\\p{Lu}\\w+")
eq(re.flags, "")
eq(re.groups, 0)
eq(galley.regex(re), re)                      -- a Regex passes through
local bad, msg = galley.regex("(abc")
eq(bad, nil)
eq(msg, "missing closing parenthesis at offset 4")
bad, msg = galley.regex("ab\xff")
eq(bad, nil)
assert(msg:find("UTF-8 error", 1, true) and msg:find("at offset 2", 1, true), msg)
bad, msg = galley.regex(string.rep("a", 70000))
eq(msg, "regex pattern too long (limit is 65536 bytes)")
check_error("unknown regex flag 'q' (flags are i, m, s, x)", galley.regex, "a", "iq")
check_error("bad argument #1", galley.regex, {})
eq(galley.regex("a", "mi").flags, "im")

-- find: spans with 1-based inclusive positions
local s = "said Nicolás Maduro and Delcy Rodríguez"
local spans = re:find(s)
eq(texts(spans), "Nicolás|Maduro|Delcy|Rodríguez")
eq(spans[1].start, 6)
eq(spans[1].stop, 13)
eq(s:sub(spans[1].start, spans[1].stop), "Nicolás")
eq(#re:find(s, 14), 3)                        -- init
eq(#re:find(s, -10), 1)                       -- from the end
eq(#re:find(s, 100), 0)
eq(#re:find(""), 0)

-- groups: numbered and named, false when a group took no part
local name = galley.regex("(?<first>\\p{Lu}\\w+) (\\p{Lu}\\w+)( Jr\\.)?")
eq(name.groups, 3)
local m = name:find(s)[1]
eq(m.text, "Nicolás Maduro")
eq(m.groups[1].text, "Nicolás")
eq(m.groups.first.text, "Nicolás")
eq(m.groups[2].text, "Maduro")
eq(m.groups[2].start, 15)
eq(m.groups[3], false)

-- flags
eq(texts(galley.regex("été", "i"):find("ÉTÉ été")), "ÉTÉ|été")
eq(#galley.regex("^\\w+$"):find("one\ntwo"), 0)
eq(texts(galley.regex("^\\w+$", "m"):find("one\ntwo")), "one|two")
eq(texts(galley.regex("e.t", "s"):find("one\ntwo")), "e\nt")
eq(texts(galley.regex("t w o # words", "x"):find("one two")), "two")

-- empty matches move on by one character
eq(#galley.regex("x*"):find("ab"), 3)
eq(#galley.regex(""):find("é"), 2)

-- invalid UTF-8 in the subject is stepped over
eq(texts(galley.regex("\\w+"):find("caf\xff\xfe ol\xc3\xa9")), "caf|olé")

-- match
eq(re:match(s), "Nicolás")
local a, b = galley.regex("(\\w+)@(\\w+)"):match("mail joe@site now")
eq(a, "joe"); eq(b, "site")
local x, y = galley.regex("(a)|(b)"):match("b")
eq(x, false); eq(y, "b")
eq(re:match("lower case"), nil)
eq(re:match(s, 14), "Maduro")

-- gsub: string, table and function replacements
eq((galley.regex("x*"):gsub("abc", "-")), "-a-b-c-")
local out, n = galley.regex("(\\w+)@(\\w+)"):gsub("joe@site and ann@web", "%2 at %{1}")
eq(out, "site at joe and web at ann"); eq(n, 2)
eq((galley.regex("(?<user>\\w+)@\\w+"):gsub("joe@site", "<%{user}> %0 %%")), "<joe> joe@site %")
eq((galley.regex("\\d+"):gsub("1 2 3", "#", 2)), "# # 3")
eq((galley.regex("\\w+"):gsub("hot cold", {hot = "warm", cold = false})), "warm cold")
eq((galley.regex("\\w+"):gsub("a bb", function (w) return #w end)), "1 2")
eq((galley.regex("(\\w)(\\w)"):gsub("ab cd", function (p, q) return q .. p end)), "ba dc")
eq((galley.regex("\\w+"):gsub("keep", function () return nil end)), "keep")
check_error("invalid capture index %3 in replacement string",
            function () return galley.regex("(a)"):gsub("a", "%3") end)
check_error("invalid use of '%' in replacement string",
            function () return galley.regex("a"):gsub("a", "%x") end)
check_error("unknown group name 'nope'",
            function () return galley.regex("a"):gsub("a", "%{nope}") end)
check_error("invalid replacement value (a table)",
            function () return galley.regex("a"):gsub("a", function () return {} end) end)
check_error("string/function/table expected",
            function () return galley.regex("a"):gsub("a") end)

-- split
eq(table.concat(galley.regex("\\s*,\\s*"):split("a , b,c,,d"), "|"), "a|b|c||d")
eq(table.concat(galley.regex(""):split("abc"), "|"), "a|b|c")
eq(table.concat(galley.regex(",?"):split("a,b"), "|"), "a|b")
eq(table.concat(galley.regex(","):split(",a,"), "|"), "|a|")
eq(#galley.regex(","):split(""), 1)

-- documents: spans are the Doc's spans
local doc = galley.document("President Nicolás Maduro met Delcy Rodríguez.")
local ds = name:find(doc)
eq(#ds, 2)
eq(ds[1].text, "President Nicolás")
eq(doc.text:sub(ds[2].start, ds[2].stop), "Delcy Rodríguez")
eq(ds[2].groups.first.text, "Delcy")
eq(name:match(doc), "President")

-- a pathological pattern stops with the match limit, not a hang
check_error("regex match limit exceeded (limit is 10000000)",
            function () return galley.regex("(a+)+$"):find(string.rep("a", 40) .. "b") end)

-- the compile cache hands back working regexes
for i = 1, 200 do assert(galley.regex("w" .. (i % 70))) end
eq(#galley.regex("w5"):find("w5 w50"), 2)

print("test_regex.lua: ok")
