-- df.lua: document frequencies over a corpus, for keywords (idf weights)
-- and clean (site chrome: lines repeated across documents).
--   galley run scripts/df.lua corpus/ -o corpus.df.jsonl
--   galley run keywords --set df=corpus.df.jsonl corpus/
--   galley run clean --set chrome=corpus.df.jsonl corpus/
--   galley run digest --set df=corpus.df.jsonl corpus/      # both
-- Records, all {kind, text, df}, from done() only (none per document):
--   {kind = "docs", text = "", df = N}           the number of documents
--   {kind = "term", text = stem, df = n}         n documents use the stem
--   {kind = "line", text = line, df = n}         n documents have the line
-- Terms are Snowball stems of content words (galley.rank.terms); lines are
-- the short lines (galley.clean.chrome_bytes) in the form clean compares
-- them (galley.clean.line_key: lower case, digits as 0). Terms in fewer
-- than min=N documents (default 2) and lines in fewer than lines_min=N
-- (default 3) are not written.
-- Each worker counts its own documents (process), hands its counts over
-- (finish) and done adds them up: the result is the same for any -j and
-- for --shard runs merged with galley merge. So that memory stays bounded,
-- a worker that holds more than max_terms terms (500000) or max_lines
-- lines (200000) forgets those seen once so far (their counts, and only
-- theirs, can then come out low).
local galley = require "galley"
local clean = require "galley.clean"

local rank = galley.rank
local line_key, chrome_bytes = clean.line_key, clean.chrome_bytes
local find, sub = string.find, string.sub

local docs, terms, nterms, lines, nlines
local max_terms, max_lines, min_df, lines_min

-- Drop the entries counted once; returns how many are left.
local function prune(t)
  local n = 0
  for k, v in pairs(t) do
    if v <= 1 then t[k] = nil else n = n + 1 end
  end
  return n
end

local pipeline = {}

function pipeline.setup(params)
  docs, terms, nterms, lines, nlines = 0, {}, 0, {}, 0
  max_terms = tonumber(params.max_terms) or 500000
  max_lines = tonumber(params.max_lines) or 200000
  min_df = tonumber(params.min) or 2
  lines_min = tonumber(params.lines_min) or 3
end

function pipeline.process(doc)
  docs = docs + 1
  local list = rank.terms(doc)
  for i = 1, #list do
    local t = list[i]
    local c = terms[t]
    if not c then nterms = nterms + 1 end
    terms[t] = (c or 0) + 1
  end
  if nterms > max_terms then nterms = prune(terms) end
  local text, seen, pos = doc.text, {}, 1
  while true do
    local nl = find(text, "\n", pos, true)
    local stop = (nl or #text + 1) - 1
    if stop >= pos and stop - pos < chrome_bytes then
      local k = line_key(sub(text, pos, stop))
      if k ~= "" and not seen[k] then
        seen[k] = true
        local c = lines[k]
        if not c then nlines = nlines + 1 end
        lines[k] = (c or 0) + 1
      end
    end
    if not nl then break end
    pos = nl + 1
  end
  if nlines > max_lines then nlines = prune(lines) end
  return nil
end

function pipeline.finish()
  return { docs = docs, terms = terms, lines = lines }
end

-- Records of 'counts' with df >= 'min', most frequent first.
local function records(kind, counts, min, out)
  local list = {}
  for k, v in pairs(counts) do
    if v >= min then list[#list + 1] = { kind = kind, text = k, df = v } end
  end
  table.sort(list, function(a, b)
    if a.df ~= b.df then return a.df > b.df end
    return a.text < b.text
  end)
  for i = 1, #list do out[#out + 1] = list[i] end
end

function pipeline.done(parts)
  local n, all_terms, all_lines = 0, {}, {}
  for _, p in ipairs(parts) do
    n = n + p.docs
    for k, v in pairs(p.terms) do all_terms[k] = (all_terms[k] or 0) + v end
    for k, v in pairs(p.lines) do all_lines[k] = (all_lines[k] or 0) + v end
  end
  local out = { { kind = "docs", text = "", df = n } }
  records("term", all_terms, min_df or 2, out)
  records("line", all_lines, lines_min or 3, out)
  return out
end

return pipeline
