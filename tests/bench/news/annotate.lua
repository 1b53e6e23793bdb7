-- annotate.lua: writes gold.json from the annotations in spec.lua.
--   galley lua tests/bench/news/annotate.lua [--dir=DIR] > DIR/gold.json
-- (run from the top of the tree; DIR, default tests/bench/news, holds the
-- articles and spec.lua). spec.lua names, for each article, the
-- strings of each entity type; every occurrence of a string at word
-- boundaries in the article's text (the text galley reads: the body under
-- the title line) is a mention, longer strings first, never two over the
-- same bytes. An entry {"text", 2, 3} takes only the 2nd and 3rd
-- occurrences (counted over the whole text); entries of that form come
-- first, and those listed under 'none' block their bytes for every type.
-- Quotes are found from the marks (“…”, ‘…’ and straight "…"; a paragraph
-- that opens a quotation without closing it ends its span at the paragraph
-- end) and take their speakers, in order, from the spec's 'quotes' list
-- (false for null). Every span is checked against the text; an error stops
-- the run.
local galley = require "galley"
local json = galley.json
local dir = "tests/bench/news"
for _, a in ipairs(arg) do
  if a:match("^%-%-dir=") then dir = a:sub(7)
  else
    io.stderr:write("usage: galley lua tests/bench/news/annotate.lua [--dir=DIR]\n")
    os.exit(2)
  end
end
local spec = dofile(dir .. "/spec.lua")

local TYPES = { "PERSON", "ORG", "PLACE", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY" }
local PUNCT = { ["“"] = true, ["”"] = true, ["‘"] = true, ["’"] = true,
                ["—"] = true, ["–"] = true, ["€"] = true }

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- Whether the character ending just before byte 'i' (or starting at 'i')
-- is a letter or digit: ASCII alphanumerics and non-ASCII other than the
-- punctuation above.
local function wordy_before(s, i)
  if i < 1 then return false end
  local b = s:byte(i)
  if b < 128 then return s:sub(i, i):match("%w") ~= nil end
  local j = i
  while j > 1 and s:byte(j) >= 128 and s:byte(j) < 192 do j = j - 1 end
  return not PUNCT[s:sub(j, i)]
end

local function wordy_at(s, i)
  if i > #s then return false end
  local b = s:byte(i)
  if b < 128 then return s:sub(i, i):match("%w") ~= nil end
  local j = i + 1
  while j <= #s and s:byte(j) >= 128 and s:byte(j) < 192 do j = j + 1 end
  return not PUNCT[s:sub(i, j - 1)]
end

-- Byte offsets (1-based start, inclusive end) of the word-bounded
-- occurrences of 'w' in 's'.
local function occurrences(s, w)
  local out, init = {}, 1
  while true do
    local a, b = s:find(w, init, true)
    if not a then break end
    if not wordy_before(s, a - 1) and not wordy_at(s, b + 1) then
      out[#out + 1] = { a, b }
    end
    init = a + 1
  end
  return out
end

local function annotate(id, text, sp)
  local taken, ents = {}, {}
  local function free(a, b)
    for i = a, b do if taken[i] then return false end end
    return true
  end
  local function take(a, b, label)
    for i = a, b do taken[i] = true end
    if label then
      ents[#ents + 1] = { start = a - 1, ["end"] = b, type = label, text = text:sub(a, b) }
    end
  end
  -- Entries: {label, text, occurrence set or nil}.
  local picked, plain = {}, {}
  local function add(label, e)
    if type(e) == "string" then
      plain[#plain + 1] = { label, e }
    else
      local set = {}
      for k = 2, #e do set[e[k]] = true end
      picked[#picked + 1] = { label, e[1], set }
    end
  end
  for _, e in ipairs(sp.none or {}) do add(false, e) end
  for _, t in ipairs(TYPES) do
    for _, e in ipairs(sp[t] or {}) do add(t, e) end
  end
  for _, p in ipairs(picked) do
    local occ = occurrences(text, p[2])
    for k in pairs(p[3]) do
      local o = occ[k]
      if not o then error(id .. ": no occurrence " .. k .. " of '" .. p[2] .. "'") end
      if not free(o[1], o[2]) then error(id .. ": '" .. p[2] .. "' #" .. k .. " overlaps") end
      take(o[1], o[2], p[1])
    end
  end
  table.sort(plain, function(x, y)
    if #x[2] ~= #y[2] then return #x[2] > #y[2] end
    return x[2] < y[2]
  end)
  for _, p in ipairs(plain) do
    local occ, n = occurrences(text, p[2]), 0
    for _, o in ipairs(occ) do
      if free(o[1], o[2]) then take(o[1], o[2], p[1]); n = n + 1 end
    end
    if n == 0 then error(id .. ": '" .. p[2] .. "' not found") end
  end
  table.sort(ents, function(x, y) return x.start < y.start end)
  return ents
end

-- Quote spans: {a, b} 1-based inclusive, the text inside the marks.
local function find_quotes(text)
  local spans = {}
  local pos = 1
  while pos <= #text do
    local pend = text:find("\n\n", pos, true) or (#text + 1)
    local para = text:sub(pos, pend - 1)
    local i, open, kind = 1, nil, nil
    local inner
    while i <= #para do
      local c3, c1 = para:sub(i, i + 2), para:sub(i, i)
      if not open and (c3 == "“" or c1 == '"') then
        open, kind = i + (c3 == "“" and 3 or 1), c3 == "“" and "curly" or "straight"
        i = open
      elseif open and ((kind == "curly" and c3 == "”") or (kind == "straight" and c1 == '"')) then
        spans[#spans + 1] = { pos + open - 1, pos + i - 2 }
        open = nil
        i = i + (kind == "curly" and 3 or 1)
      elseif open and c3 == "‘" then
        inner = i + 3
        i = i + 3
      elseif open and inner and c3 == "’" and not wordy_at(para, i + 3) then
        spans[#spans + 1] = { pos + inner - 1, pos + i - 2 }
        inner = nil
        i = i + 3
      else
        i = i + 1
      end
    end
    if open then
      local e = #para
      while para:sub(e, e):match("%s") do e = e - 1 end
      spans[#spans + 1] = { pos + open - 1, pos + e - 1 }
    end
    pos = pend + 2
  end
  table.sort(spans, function(x, y) return x[1] < y[1] end)
  return spans
end

local ls = io.popen("ls " .. dir .. "/*.txt")
local docs = {}
for path in ls:lines() do
  local id = path:match("([^/]*)%.txt$")
  local sp = spec[id] or error(id .. ": not in spec.lua")
  local text = galley.document(read(path)).text
  local ents = annotate(id, text, sp)
  local qs, quotes = find_quotes(text), {}
  local speakers = sp.quotes or {}
  if #qs ~= #speakers then
    for k, q in ipairs(qs) do io.stderr:write(k, " ", text:sub(q[1], q[2]), "\n") end
    error(id .. ": " .. #qs .. " quotes, " .. #speakers .. " speakers")
  end
  for k, q in ipairs(qs) do
    local who = speakers[k]
    if who and not text:find(who, 1, true) then error(id .. ": speaker '" .. who .. "' not in text") end
    quotes[k] = { start = q[1] - 1, ["end"] = q[2], text = text:sub(q[1], q[2]),
                  speaker = who or json.null }
  end
  for _, e in ipairs(ents) do
    assert(text:sub(e.start + 1, e["end"]) == e.text)
  end
  docs[#docs + 1] = { id = id, entities = json.array(ents), quotes = json.array(quotes) }
end
ls:close()
-- One document a line, so that diffs of the gold stay readable.
io.write('{"docs": [\n')
for k, d in ipairs(docs) do
  io.write(json.encode(d), k < #docs and ",\n" or "\n")
end
io.write("]}\n")
