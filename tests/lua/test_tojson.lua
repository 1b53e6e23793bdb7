-- test_tojson.lua: json.encode writes JSON straight from Lua values; it must
-- give the bytes and the messages of the tree converter, which
-- galley.document(text, meta) still uses (doc.meta reads the tree back).
-- Run: galley lua FILE.

local galley = require "galley"
local json = galley.json

-- the text through the tree: meta = {v = value}, then encode doc.meta.v
local function via_tree (v, opts)
  local ok, d = pcall(galley.document, "x", {v = v})
  if not ok then
    -- "bad argument #2 to 'document' (MESSAGE)" -> MESSAGE
    return nil, (d:match("%((.*)%)$"))
  end
  return json.encode(d.meta.v, opts)
end

local function direct (v, opts)
  local ok, s = pcall(json.encode, {v = v}, opts)
  if not ok then return nil, s end
  return s
end

local count = 0

-- 'v' must encode the same both ways, compact and indented
local function same (v)
  for _, opts in ipairs{{}, {indent = 2}} do
    local a, aerr = via_tree(v, opts)
    local b, berr = direct(v, opts)
    if a then
      -- the tree holds {v = value}: compare the whole object
      local d = galley.document("x", {v = v})
      a = json.encode({v = d.meta.v}, opts)
    end
    if a ~= b or (aerr and not (berr and berr:find(aerr, 1, true))) then
      error(string.format("tree %q (%s) but direct %q (%s)", tostring(a),
        tostring(aerr), tostring(b), tostring(berr)), 2)
    end
  end
  count = count + 1
end

-- scalars and strings
for _, v in ipairs{true, false, 0, -1, 1.5, -0.0, 2^53, 1e300, 1/3,
                   math.maxinteger, math.mininteger, "", "a\0b", "\"\\/\n\t",
                   "caf\xC3\xA9", "bad \xFF\xFE byte", "\u{2028}", json.null} do
  same(v)
end

-- tables: arrays, objects, key order, markers, nesting
same({})
same(json.object())
same(json.array())
same({1, 2, {3, {4}}})
same({b = 1, a = 2, text = "t", ["end"] = 3, start = 0, label = "L",
      title = "T", path = "p", id = 7, [""] = 0, ab = 1, B = 2, zz = {}})
local many = {}
for i = 1, 300 do many["k" .. i] = i end         -- beyond the stack-kept pairs
same(many)
local forty = {}
for i = 1, 40 do forty[string.char(64 + i % 50) .. i] = {i, tostring(i)} end
same(forty)
same({list = {{x = 1}, {y = {z = {}}}}, o = json.object{}})

-- refused values: same message, with the same key or index
same(0/0)
same(1/0)
same(-1/0)
same({a = 0/0})
same({1, 2, {x = 1/0}})
same(print)
same(coroutine.create(function () end))
same({[1.5] = 1})
same({1, 2, x = 3})
same({[2] = 1})
same({1, nil, 3})
same(json.array{a = 1})
same(json.object{1})
same({[true] = 1})
local loop = {}
loop.self = loop
same(loop)
local deep = {}
local t = deep
for _ = 1, 250 do t.n = {}; t = t.n end
same(deep)
local deeparr = {}
t = deeparr
for _ = 1, 198 do t[1] = {}; t = t[1] end
same(deeparr)
t[1] = {}
same(deeparr)

-- __tojson: plain, nested, failing
local mt = {__tojson = function (self) return {kind = "obj", n = self.n} end}
same(setmetatable({n = 1}, mt))
same({a = setmetatable({n = {1, 2}}, mt)})
local bad = setmetatable({}, {__tojson = function () error("no way", 0) end})
same({x = bad})
same(setmetatable({}, {__tojson = function () return 0/0 end}))

-- documents: tokens, token lists, spans with attributes
local doc = galley.document("Ada Lovelace wrote to Babbage in 1843 \xE2\x80\x94 \"notes\".",
                            {path = "a.txt"})
same(doc[1])
same(doc:tokens())
same(doc:sentences())
same(doc:sentences()[1]:tokens())
local s = doc:span(1, 12, "PERSON")
same(s)
s.canonical = "Ada Lovelace"
s.score = 0.25
s.info = {born = 1815, tags = {"math"}}
s.alias = json.null
same(s)
same({entities = {s, doc:span(23, 29, "PERSON")}, tokens = doc:tokens()})
local e = doc:span(1, 3)
same(e)
same(doc:span(5, 4))
e.bad = 0/0
same({spans = {e}})
e.bad = nil
e.self = e                                          -- nests until the limit
same(e)
e.self = nil
for _ = 1, 40 do                                    -- many attributes
  e["a" .. _] = _
end
same(e)

-- a script's own __tojson for spans is called, as before
local smt = getmetatable(s)
local own = smt.__tojson
smt.__tojson = function (sp) return {mine = sp.text} end
same(s)
smt.__tojson = own
same(s)

-- a closed document: __tojson raises, the same message
local d2 = galley.document("Closed text.")
local tok = d2[1]
getmetatable(d2).__close(d2)
same(tok)

print(string.format("test_tojson.lua: %d values, ok", count))
