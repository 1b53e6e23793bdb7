-- test_json.lua: galley.json (encode, decode, null, object, array) and the
-- rules by which Lua values become plain data. Run: galley lua FILE.

local json = require("galley").json

local encode, decode = json.encode, json.decode

-- 'f(...)' must fail with a message containing 'msg' (plain text)
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

-- decoding must fail with 'want' ("line L, column C: message")
local function bad_json (s, want)
  local v, err = decode(s)
  assert(v == nil, "decoded what should fail: " .. s)
  eq(err, want)
end

-- scalars
eq(encode(nil), "null")
eq(encode(json.null), "null")
eq(encode(true), "true")
eq(encode(false), "false")
eq(encode(0), "0")
eq(encode(-17), "-17")
eq(encode(math.maxinteger), "9223372036854775807")
eq(encode(math.mininteger), "-9223372036854775808")
eq(encode(2.0), "2.0")              -- a float stays a float
eq(encode(-0.0), "-0.0")
eq(encode(0.5), "0.5")
eq(encode(0.1 + 0.2), "0.30000000000000004")
eq(encode(1e20), "1e+20")
eq(encode(2^53), "9007199254740992.0")
eq(encode(1/3), "0.3333333333333333")

-- strings
eq(encode(""), '""')
eq(encode("plain words"), '"plain words"')
eq(encode('a "quote" and a \\'), '"a \\"quote\\" and a \\\\"')
eq(encode("line\nbreak\ttab\r\b\f"), '"line\\nbreak\\ttab\\r\\b\\f"')
eq(encode("\0\1\31\127"), '"\\u0000\\u0001\\u001f\127"')
eq(encode("caf\u{E9} \u{20AC}5 \u{1F30D}"), '"caf\u{E9} \u{20AC}5 \u{1F30D}"')
eq(encode("\u{2028}"), '"\u{2028}"')
eq(encode("bad \xFF byte"), '"bad \u{FFFD} byte"')
eq(encode("cut \xE2\x82"), '"cut \u{FFFD}"')
eq(encode("\xED\xA0\x80"), '"\u{FFFD}\u{FFFD}\u{FFFD}"')   -- a surrogate
eq(encode("/"), '"/"')
-- short strings and keys (copied whole when nothing needs an escape), with
-- the one byte that does at each end and across eight-byte words
eq(encode("abcdefg\""), '"abcdefg\\""')
eq(encode("\"bcdefgh"), '"\\"bcdefgh"')
eq(encode("1234567\\8"), '"1234567\\\\8"')
eq(encode({["ab\"c"] = 1, ["x\ty"] = 2, ["\u{E9}"] = 3}), '{"ab\\"c":1,"x\\ty":2,"\u{E9}":3}')
eq(encode({[string.rep("k", 70)] = "v"}), '{"' .. string.rep("k", 70) .. '":"v"}')

-- arrays and objects
eq(encode({}), "[]")                 -- empty and unmarked: an array
eq(encode(json.array()), "[]")
eq(encode(json.object()), "{}")
eq(encode(json.object({})), "{}")
eq(encode({1, 2, 3}), "[1,2,3]")
eq(encode({1, json.null, "x"}), '[1,null,"x"]')
eq(encode({[1] = "a", [2] = "b"}), '["a","b"]')
eq(encode(json.array({7})), "[7]")
eq(encode(json.object({a = 1})), '{"a":1}')
eq(encode({a = {b = {c = {}}}}), '{"a":{"b":{"c":[]}}}')
eq(encode({list = {}, map = json.object()}), '{"list":[],"map":{}}')
eq(encode({x = nil, y = 1}), '{"y":1}')

-- member order: the span keys first, then bytewise
eq(encode({text = "t", zeta = 1, id = "i", start = 0, ["end"] = 4,
           label = "L", path = "p", title = "T", alpha = 2, Beta = 3,
           ["\u{E9}"] = 5, [""] = 6}),
   '{"id":"i","path":"p","title":"T","label":"L","start":0,"end":4,' ..
   '"text":"t","":6,"Beta":3,"alpha":2,"zeta":1,"\u{E9}":5}')
eq(encode({b = 1, a = 1, ab = 1, aa = 1}), '{"a":1,"aa":1,"ab":1,"b":1}')
do  -- a big object sorts the same way
  local many = {text = "t", id = 0}
  for i = 1, 40 do many[string.format("k%02d", 41 - i)] = i end
  local s = encode(many)
  assert(s:find('^{"id":0,"text":"t","k01":40,"k02":39,"k03":38,'), s)
  assert(s:find('"k39":2,"k40":1}$'), s)
end

-- pretty printing
eq(encode({a = {1, 2}, b = json.object(), c = {}}, {indent = 2}),
   '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {},\n  "c": []\n}')
eq(encode({1}, {indent = 0}), "[1]")
eq(encode("x", {indent = 4}), '"x"')
eq(encode({1}, {}), "[1]")
check_error("'indent' must be an integer from 0 to 16", encode, {}, {indent = 17})
check_error("'indent' must be an integer from 0 to 16", encode, {}, {indent = 1.5})
check_error("'indent' must be an integer from 0 to 16", encode, {}, {indent = "2"})
check_error("bad argument #2 to", encode, {}, 2)
check_error("(table expected, got number)", encode, {}, 2)
check_error("(value expected)", encode)

-- what cannot be encoded, with where it was
check_error("cannot encode a function", encode, print)
check_error("cannot encode a function (at key 'x')", encode, {x = print})
check_error("cannot encode a function (at index 2)", encode, {1, print})
check_error("cannot encode a thread (at key 'co')",
            encode, {co = coroutine.create(print)})
check_error("cannot encode a FILE* (at key 'out')", encode, {out = io.stdout})
check_error("cannot encode NaN (at key 'score')", encode, {score = 0/0})
check_error("cannot encode inf", encode, math.huge)
check_error("cannot encode -inf (at index 1)", encode, {-math.huge})
check_error("cannot encode a table with both string and integer keys ('a' and 1)",
            encode, {1, a = 2})
check_error("cannot encode an array with a hole: key 2 is nil but key 3 is set",
            encode, {1, nil, 3})
check_error("cannot encode an array with a hole: key 1 is nil but key 10 is set",
            encode, {[10] = 1})
check_error("cannot encode key 0: keys must be strings, or 1..n in an array",
            encode, {[0] = "zero"})
check_error("cannot encode key -1: keys must be strings, or 1..n in an array",
            encode, {[-1] = "x"})
check_error("cannot encode key 1.5: keys must be strings, or 1..n in an array",
            encode, {[1.5] = "x"})
check_error("cannot encode key true: keys must be strings, or 1..n in an array",
            encode, {[true] = "x"})
check_error("cannot encode a table key: keys must be strings, or 1..n in an array (at key 'inner')",
            encode, {inner = {[{}] = 1}})
check_error("cannot encode key 'a' in an array: array keys are 1..n",
            encode, json.array({a = 1}))
check_error("cannot encode key 1 in an object: object keys are strings",
            encode, json.object({"x"}))
local long = string.rep("k", 60)
check_error("cannot encode a function (at key '" .. string.rep("k", 40) .. "...')",
            encode, {[long] = print})

-- cycles and depth
local loop = {}
loop.self = loop
check_error("cannot encode a table that contains itself (at key 'self')", encode, loop)
local a, b = {}, {}
a[1], b[1] = b, a
check_error("cannot encode a table that contains itself (at index 1)", encode, a)
local shared = {1}
eq(encode({shared, shared}), "[[1],[1]]")   -- sharing is no cycle
local deep = {}
for _ = 2, 200 do deep = {deep} end
assert(#encode(deep) == 400)                -- 200 levels
check_error("nesting deeper than 200 levels", encode, {deep})

-- __tojson: a table or userdata stands for what it returns
local Span = {}
Span.__index = Span
Span.__tojson = function (s)
  return {start = s.start - 1, ["end"] = s.stop, text = s.text, label = s.label}
end
local function span (start, stop, text, label)
  return setmetatable({start = start, stop = stop, text = text, label = label}, Span)
end
eq(encode(span(1, 5, "Paris", "PLACE")),
   '{"label":"PLACE","start":0,"end":5,"text":"Paris"}')
eq(encode({spans = {span(7, 9, "Tom")}}),
   '{"spans":[{"start":6,"end":9,"text":"Tom"}]}')
local Boom = {__tojson = function () error("no span here") end}
check_error("__tojson failed: ", encode, {s = setmetatable({}, Boom)})
check_error("no span here (at key 's')", encode, {s = setmetatable({}, Boom)})
local Self = {}
Self.__tojson = function (t) return t end
check_error("nesting deeper than 200 levels", encode, setmetatable({}, Self))
local Fn = {__tojson = function () return print end}
check_error("cannot encode a function (at index 1)", encode, {setmetatable({}, Fn)})
do  -- a userdata with __tojson
  local mt = getmetatable(io.stdout)
  mt.__tojson = function (f) return {kind = "file", std = f == io.stdout} end
  local ok, s = pcall(encode, {io.stdout})
  mt.__tojson = nil
  assert(ok, s)
  eq(s, '[{"kind":"file","std":true}]')
end

-- decoding
eq(decode("null"), json.null)
eq(decode("true"), true)
eq(decode("false"), false)
eq(math.type(decode("12")), "integer")
eq(math.type(decode("-0")), "integer")
eq(math.type(decode("12.0")), "float")
eq(math.type(decode("1e2")), "float")
eq(decode("1e2"), 100.0)
eq(math.type(decode("9223372036854775807")), "integer")
eq(decode("-9223372036854775808"), math.mininteger)
eq(math.type(decode("9223372036854775808")), "float")
eq(decode("9223372036854775808"), 2^63)
eq(1 / decode("-0.0"), -math.huge)
eq(decode('"caf\\u00e9 \\ud83c\\udf0d"'), "caf\u{E9} \u{1F30D}")
eq(decode('"\\ud800"'), "\u{FFFD}")
eq(decode('"a\\u0000b"'), "a\0b")
eq(decode('"bad \xFF"'), "bad \u{FFFD}")
eq(decode(" \t[1]\r\n")[1], 1)
eq(decode(12), 12)                          -- a number argument is a string

local t = decode('{"title":"Vote","n":3,"tags":["a",null,"c"],"meta":{},"list":[]}')
eq(t.title, "Vote")
eq(t.n, 3)
eq(#t.tags, 3)
eq(t.tags[2], json.null)
eq(next(t.meta), nil)
eq(getmetatable(t.meta) ~= nil, true)       -- an empty object keeps its kind
eq(getmetatable(t.list), nil)               -- an empty array is a plain table
eq(getmetatable(t), nil)
eq(encode(t), '{"title":"Vote","list":[],"meta":{},"n":3,"tags":["a",null,"c"]}')
eq(encode(decode("{}")), "{}")
eq(encode(decode("[]")), "[]")
eq(decode('{"a":1,"a":2}').a, 1)            -- the first of duplicates wins

-- round trips keep values and kinds
for _, s in ipairs{
  '[1,2.5,-3,"x",null,true,false,[],{}]',
  '{"id":"a1","path":"p","start":0,"end":4,"text":"\u{1F600}"}',
  '[[[[[["deep"]]]]]]',
  '[0.1,1e+300,-2.0,123456789012345678]',
  '{"k":{"k":{"k":[{"k":null}]}}}',
} do
  eq(encode(decode(s)), s)
end

-- decoding failures: nil and a message with line and column
bad_json("", "line 1, column 1: unexpected end of input")
bad_json("[1,]", "line 1, column 4: trailing comma before ']'")
bad_json('{"a" 1}', "line 1, column 6: expected ':' after object key")
bad_json("[1] x", "line 1, column 5: trailing characters after the value")
bad_json('"open', "line 1, column 1: unterminated string")
bad_json("{\n  \"a\": tru\n}", "line 2, column 8: invalid literal 'tru'")
bad_json("x", "line 1, column 1: invalid literal 'x'")
bad_json("#", "line 1, column 1: unexpected character '#'")
bad_json("01", "line 1, column 1: leading zeros are not allowed")
bad_json("1e999", "line 1, column 1: number out of range")
bad_json(string.rep("[", 201) .. string.rep("]", 201),
         "line 1, column 201: nesting deeper than 200 levels")
check_error("(string expected, got table)", decode, {})
check_error("(string expected, got no value)", decode)

-- markers
local m = {}
assert(json.object(m) == m)
eq(encode(m), "{}")
assert(json.array(m) == m)                  -- a marker can be changed
eq(encode(m), "[]")
m.x = 1
check_error("in an array", encode, m)
check_error("(the table already has a metatable)", json.object, setmetatable({}, {}))
check_error("(table expected, got number)", json.array, 3)
eq(type(json.null), "userdata")
assert(json.null ~= nil)

print("test_json.lua: ok")
