-- news_score.lua: entities and quotes of galley against the news gold set.
--   galley lua tests/bench/news_score.lua [-v] [--dir=DIR]
-- (run from the top of the tree, as make bench does). DIR (default
-- tests/bench/news) holds the articles NN_slug.txt (a title line, a blank
-- line, the body) and gold.json: {"docs": [{"id", "entities": [{start, end,
-- type, text}], "quotes": [{start, end, text, speaker}]}]}, 0-based byte
-- offsets into the text galley reads (the body), end exclusive; see
-- DIR/README.md for the conventions. Each article is read with
-- galley.document and run through galley.entities and galley.quotes as the
-- stock pipelines do (no article date).
-- Printed, over all the articles: exact precision, recall and F1 of person,
-- place and organization; of time (DATE and TIME together: a label of the
-- group counts as right) and of quantity (MONEY, PERCENT, QUANTITY); and an
-- overlap F1 (one-to-one, any overlap within the group) for each. Quotes:
-- span F1, both sides trimmed of white space and trailing punctuation, and
-- its overlap F1. Speakers: of the gold quotes with a speaker, the share
-- whose predicted quote (the one overlapping it most) names the same
-- speaker, case-insensitively; and of the gold quotes without one, the
-- share given no speaker. With -v, the misses, spurious items and wrong
-- speakers of each article.
local galley = require "galley"
local entities = require "galley.entities"
local quotes = require "galley.quotes"
local json = galley.json

local dir, verbose = "tests/bench/news", false
for _, a in ipairs(arg) do
  if a == "-v" then verbose = true
  elseif a:match("^%-%-dir=") then dir = a:sub(7)
  else
    io.stderr:write("usage: galley lua tests/bench/news_score.lua [-v] [--dir=DIR]\n")
    os.exit(2)
  end
end

local function read(path)
  local f, err = io.open(path, "rb")
  if not f then
    io.stderr:write("news_score: ", err, "\n")
    os.exit(2)
  end
  local s = f:read("a")
  f:close()
  return s
end

local gold, err = json.decode(read(dir .. "/gold.json"))
if not gold then
  io.stderr:write("news_score: gold.json: ", err, "\n")
  os.exit(2)
end

local GROUP = { PERSON = "person", PLACE = "place", ORG = "organization",
                DATE = "time", TIME = "time",
                MONEY = "quantity", PERCENT = "quantity", QUANTITY = "quantity" }
local ROWS = { "person", "place", "organization", "time", "quantity", "quotes" }

-- Counts per row: exact true positives, overlap true positives, gold, predicted.
local count = {}
for _, r in ipairs(ROWS) do count[r] = { tp = 0, otp = 0, gold = 0, pred = 0 } end
local spk = { named = 0, named_ok = 0, null = 0, null_ok = 0 }

-- Quote spans are compared without surrounding white space and trailing
-- punctuation (a comma or period inside the marks, or left outside).
local function trim(text, s, e)
  while s < e and text:sub(s + 1, s + 1):match("%s") do s = s + 1 end
  while e > s and text:sub(e, e):match("[%s%.,;:!%?]") do e = e - 1 end
  return s, e
end

local function overlap(a, b)
  return math.min(a.e, b.e) - math.max(a.s, b.s)
end

-- Matches items of 'g' and 'p' (lists of {s, e, row}) of the same row:
-- exact matches first, then, for the overlap count, each unmatched gold
-- item with the unmatched prediction that overlaps it most.
local function match(g, p)
  local key = {}
  for j, b in ipairs(p) do key[b.row .. ":" .. b.s .. ":" .. b.e] = j end
  for _, a in ipairs(g) do
    local j = key[a.row .. ":" .. a.s .. ":" .. a.e]
    if j and not p[j].exact then a.exact, p[j].exact = p[j], a end
  end
  for _, a in ipairs(g) do
    a.loose = a.exact
    if not a.loose then
      local best, bj = 0, nil
      for j, b in ipairs(p) do
        if b.row == a.row and not b.exact and not b.loose then
          local o = overlap(a, b)
          if o > best then best, bj = o, j end
        end
      end
      if bj then a.loose, p[bj].loose = p[bj], a end
    end
  end
end

local function show(text, x)
  return string.format("%s %d-%d %q", x.label, x.s, x.e, text:sub(x.s + 1, x.e))
end

local ex, qx = entities.new({}), quotes.new({})
for _, d in ipairs(gold.docs) do
  local doc = galley.document(read(dir .. "/" .. d.id .. ".txt"))
  local text = doc.text
  local g, p = {}, {}
  for _, e in ipairs(d.entities) do
    if text:sub(e.start + 1, e["end"]) ~= e.text then
      io.stderr:write("news_score: ", d.id, ": gold span ", e.start, " does not read '",
                      e.text, "'\n")
      os.exit(2)
    end
    g[#g + 1] = { s = e.start, e = e["end"], row = GROUP[e.type], label = e.type }
  end
  for _, e in ipairs(ex:extract(doc)) do
    if GROUP[e.label] then
      p[#p + 1] = { s = e.start, e = e["end"], row = GROUP[e.label], label = e.label }
    end
  end
  for _, q in ipairs(d.quotes) do
    local s, e = trim(text, q.start, q["end"])
    g[#g + 1] = { s = s, e = e, row = "quotes", label = "QUOTE",
                  speaker = q.speaker ~= json.null and q.speaker or nil }
  end
  for _, q in ipairs(qx:extract(doc)) do
    local s, e = trim(text, q.start, q["end"])
    p[#p + 1] = { s = s, e = e, row = "quotes", label = "QUOTE",
                  speaker = q.speaker ~= json.null and q.speaker or nil }
  end
  match(g, p)
  local lines = {}
  for _, a in ipairs(g) do
    local c = count[a.row]
    c.gold = c.gold + 1
    if a.exact then c.tp = c.tp + 1 end
    if a.loose then c.otp = c.otp + 1 end
    if not a.exact then lines[#lines + 1] = { a.s, "  miss  " .. show(text, a) } end
    if a.row == "quotes" then
      local got = a.loose and a.loose.speaker
      local ok = (got and got:lower()) == (a.speaker and a.speaker:lower())
      if a.speaker then
        spk.named = spk.named + 1
        if ok then spk.named_ok = spk.named_ok + 1 end
      else
        spk.null = spk.null + 1
        if ok then spk.null_ok = spk.null_ok + 1 end
      end
      if not ok then
        lines[#lines + 1] = { a.s, string.format("  who   %d %q: %s, not %s", a.s,
          text:sub(a.s + 1, math.min(a.e, a.s + 40)), tostring(got), tostring(a.speaker)) }
      end
    end
  end
  for _, b in ipairs(p) do
    count[b.row].pred = count[b.row].pred + 1
    if not b.exact then lines[#lines + 1] = { b.s, "  extra " .. show(text, b) } end
  end
  if verbose and #lines > 0 then
    table.sort(lines, function(x, y)
      if x[1] ~= y[1] then return x[1] < y[1] end
      return x[2] < y[2]
    end)
    print(d.id)
    for _, l in ipairs(lines) do print(l[2]) end
  end
end

local function prf(tp, ng, np)
  local pr = np > 0 and tp / np or 0
  local rc = ng > 0 and tp / ng or 0
  return pr, rc, (pr + rc > 0) and 2 * pr * rc / (pr + rc) or 0
end

print(string.format("news gold set: %d articles", #gold.docs))
print(string.format("%-13s %5s %5s %6s %6s %6s %10s", "type", "gold", "pred", "P", "R", "F1",
                    "overlap F1"))
for _, r in ipairs(ROWS) do
  local c = count[r]
  local pr, rc, f = prf(c.tp, c.gold, c.pred)
  local _, _, of = prf(c.otp, c.gold, c.pred)
  print(string.format("%-13s %5d %5d %6.3f %6.3f %6.3f %10.3f", r, c.gold, c.pred, pr, rc, f, of))
end
print(string.format("speaker accuracy: %.3f (%d of %d gold quotes with a speaker)",
                    spk.named > 0 and spk.named_ok / spk.named or 0, spk.named_ok, spk.named))
print(string.format("no speaker kept: %.3f (%d of %d gold quotes without one)",
                    spk.null > 0 and spk.null_ok / spk.null or 0, spk.null_ok, spk.null))
