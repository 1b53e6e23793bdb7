-- show.lua: digest records (scripts/digest.lua) in a readable form for a
-- terminal: title, summary, people, places, organizations, figures,
-- quotes with their speakers, keywords, and what cleaning took out.
--   galley lua scripts/lib/show.lua digest.jsonl [--width=N]     (- reads standard input)
--   local show = require "galley.show"; io.write(show.render(record))
-- Lines are wrapped at --width, else $COLUMNS, else 80 columns.

local galley = require "galley"

local M = {}

local null = galley.json.null

-- Display width of 's' (UTF-8 characters, not bytes).
local function width(s)
  return utf8.len(s) or #s
end

-- 's' wrapped at 'cols', every line starting with 'indent' (the first with
-- 'first' when given).
local function wrap(s, cols, indent, first)
  local out, line, lw = {}, first or indent, width(first or indent)
  local empty = true
  for w in s:gmatch("%S+") do
    local ww = width(w)
    if not empty and lw + 1 + ww > cols then
      out[#out + 1] = line
      line, lw, empty = indent .. w, width(indent) + ww, false
    else
      line = line .. (empty and "" or " ") .. w
      lw = lw + (empty and 0 or 1) + ww
      empty = false
    end
  end
  out[#out + 1] = line
  return table.concat(out, "\n") .. "\n"
end

local function str(v)
  return v ~= nil and v ~= null and tostring(v) or nil
end

-- The distinct names of 'ents' with one of 'labels', in order of first mention.
local function names(ents, labels)
  local seen, out = {}, {}
  for _, e in ipairs(ents or {}) do
    if labels[e.label] then
      local name = str(e.canonical) or e.text
      if not seen[name] then
        seen[name] = true
        out[#out + 1] = name
      end
    end
  end
  return out
end

-- M.render(record [, cols]): the record as text.
function M.render(r, cols)
  cols = cols or 80
  local out = {}
  local function add(s) out[#out + 1] = s end
  local title = str(r.title)
  local head = title or r.path or "(untitled)"
  add(string.rep("=", math.min(cols, math.max(20, width(head)))) .. "\n")
  add(wrap(head, cols, "", ""))
  local facts = {}
  if r.path and title then facts[#facts + 1] = r.path end
  if r.words then facts[#facts + 1] = r.words .. " words" end
  if r.sentences then facts[#facts + 1] = r.sentences .. " sentences" end
  if str(r.dateline) then facts[#facts + 1] = r.dateline end
  if str(r.byline) then facts[#facts + 1] = r.byline end
  add(wrap(table.concat(facts, " | "), cols, "  ", "  "))
  if r.summary and #r.summary > 0 then
    add("\nSummary\n")
    for _, s in ipairs(r.summary) do add(wrap(s.text, cols, "    ", "  * ")) end
  end
  local groups = {
    { "People", { PERSON = true } },
    { "Places", { PLACE = true } },
    { "Organizations", { ORG = true } },
    { "Dates", { DATE = true, TIME = true } },
    { "Figures", { MONEY = true, PERCENT = true, QUANTITY = true } },
  }
  local any = false
  for _, g in ipairs(groups) do
    local list = names(r.entities, g[2])
    if #list > 0 then
      if not any then add("\n") any = true end
      add(wrap(table.concat(list, ", "), cols, string.rep(" ", 16),
               string.format("  %-14s", g[1])))
    end
  end
  if r.quotes and #r.quotes > 0 then
    add("\nQuotes\n")
    for _, q in ipairs(r.quotes) do
      local who = str(q.speaker) or "unknown speaker"
      local text = q.text:gsub("[,;:]$", "")     -- the comma before "he said"
      add(wrap("\u{201C}" .. text .. "\u{201D} \u{2014} " .. who, cols, "    ", "  * "))
    end
  end
  if r.keywords and #r.keywords > 0 then
    local kw = {}
    for i, k in ipairs(r.keywords) do kw[i] = k.text end
    add("\n" .. wrap(table.concat(kw, " \u{00B7} "), cols, string.rep(" ", 16),
                     string.format("  %-14s", "Keywords")))
  end
  if r.removed and #r.removed > 0 then
    local rm = {}
    for i, x in ipairs(r.removed) do rm[i] = x.text .. " (" .. x.why .. ")" end
    add(wrap(table.concat(rm, "; "), cols, string.rep(" ", 16), string.format("  %-14s", "Removed")))
  end
  if r.credits and #r.credits > 0 then
    add(wrap(table.concat(r.credits, "; "), cols, string.rep(" ", 16),
             string.format("  %-14s", "Credits")))
  end
  add("\n")
  return table.concat(out)
end

-- M.show(path [, cols]): print every record of a JSON Lines file (or -).
function M.show(path, cols)
  local f = path == "-" and io.stdin or assert(io.open(path, "r"))
  for line in f:lines() do
    if line:find("%S") then
      local r = galley.json.decode(line)
      if r.text or r.summary or r.title then io.write(M.render(r, cols)) end
    end
  end
  if f ~= io.stdin then f:close() end
end

if ... == "galley.show" then return M end

local path, cols = nil, tonumber(os.getenv("COLUMNS"))
for _, a in ipairs(arg or {}) do
  local w = a:match("^%-%-width=(%d+)$")
  if w then cols = tonumber(w) else path = a end
end
if not path then
  io.stderr:write("usage: galley lua scripts/lib/show.lua DIGEST.jsonl [--width=N]\n")
  os.exit(2)
end
M.show(path, cols and cols >= 40 and cols or 80)
