-- rouge.lua: ROUGE-2 of extractive summaries against reference summaries.
--   galley lua tests/bench/rouge.lua [-v] [--k=N] [--method=M,...] [--set=KEY=VALUE ...] [FILE...]
-- (no FILE: tests/bench/summaries/*.txt, run from the top of the tree, as make bench does)
-- Each FILE is an article in text form (a title line, a blank line, the
-- body) followed by a line "=== reference" and the reference summary. The
-- summary of each method (default: every method of galley.summarize, plus
-- "first" for the first k sentences, unfiltered) is scored by ROUGE-2:
-- word bigrams, lower-cased, every run of letters and digits a word (as
-- ROUGE-1.5.5 reads text, without stemming or stop-word removal); "oracle"
-- picks the k sentences that score best, greedily (a ceiling). Printed:
-- mean recall, precision and F1 over the files, per method; with -v, per file.
-- Reference: Lin, "ROUGE: A Package for Automatic Evaluation of Summaries" (2004).
local galley = require "galley"
local summarize = require "galley.summarize"

local k, methods, files, params, verbose = 3, nil, {}, {}, false
for _, a in ipairs(arg) do
  local key, v = a:match("^%-%-(%w+)=(.*)$")
  if key == "k" then k = tonumber(v)
  elseif key == "method" then
    methods = {}
    for m in v:gmatch("[^,]+") do methods[#methods + 1] = m end
  elseif key == "set" then
    local pk, pv = v:match("^([^=]+)=(.*)$")
    params[pk] = pv
  elseif a == "-v" then verbose = true
  else files[#files + 1] = a end
end
if #files == 0 then                     -- make bench: the sample articles
  local ls = io.popen("ls tests/bench/summaries/*.txt 2>/dev/null")
  for f in ls:lines() do files[#files + 1] = f end
  ls:close()
  if #files == 0 then
    io.stderr:write("usage: galley lua tests/bench/rouge.lua [--k=N] [--method=M,...] FILE...\n")
    os.exit(2)
  end
end
if not methods then
  methods = { "first" }
  for _, m in ipairs(summarize.methods) do methods[#methods + 1] = m end
end

-- The words of 's', lower-cased.
local function words(s)
  local out = {}
  for w in s:lower():gmatch("[%w\128-\255]+") do out[#out + 1] = w end
  return out
end

-- Bigram counts of 's' and their total.
local function bigrams(s)
  local w, count, n = words(s), {}, 0
  for i = 1, #w - 1 do
    local b = w[i] .. " " .. w[i + 1]
    count[b] = (count[b] or 0) + 1
    n = n + 1
  end
  return count, n
end

-- ROUGE-2 recall, precision and F1 of 'cand' against 'ref'.
local function rouge2(cand, ref)
  local c, cn = bigrams(cand)
  local r, rn = bigrams(ref)
  local hit = 0
  for b, n in pairs(c) do hit = hit + math.min(n, r[b] or 0) end
  local rec = rn > 0 and hit / rn or 0
  local prec = cn > 0 and hit / cn or 0
  local f = rec + prec > 0 and 2 * rec * prec / (rec + prec) or 0
  return rec, prec, f
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  local body, ref = s:match("^(.-)\n=== reference\n(.*)$")
  assert(body, path .. ": no '=== reference' line")
  return body, ref
end

local summarizers = {}
for _, m in ipairs(methods) do
  if m ~= "first" and m ~= "oracle" then
    local p = { method = m, k = k }
    for pk, pv in pairs(params) do p[pk] = pv end
    summarizers[m] = summarize.new(p)
  end
end

local total = {}
for _, m in ipairs(methods) do total[m] = { 0, 0, 0 } end
for _, path in ipairs(files) do
  local body, ref = read(path)
  local doc = galley.document(body)
  local line = { path:match("[^/]*$") }
  for _, m in ipairs(methods) do
    local spans
    if m == "first" then
      spans = {}
      local sents = doc:sentences()
      for i = 1, math.min(k, #sents) do spans[i] = sents[i] end
    elseif m == "oracle" then         -- the best k sentences, picked greedily
      spans = {}
      local sents, used = doc:sentences(), {}
      for _ = 1, k do
        local best, bv = nil, -1
        for i, s in ipairs(sents) do
          if not used[i] then
            local parts = {}
            for j, sp in ipairs(spans) do parts[j] = sp.text end
            parts[#parts + 1] = s.text
            local r = rouge2(table.concat(parts, " "), ref)
            if r > bv then best, bv = i, r end
          end
        end
        if best then used[best] = true; spans[#spans + 1] = sents[best] end
      end
      if verbose then
        local idx = {}
        for i in pairs(used) do idx[#idx + 1] = i end
        table.sort(idx)
        line[#line + 1] = "[" .. table.concat(idx, ",") .. "]"
      end
    else
      spans = summarizers[m]:extract(doc)
    end
    local parts = {}
    for i, s in ipairs(spans) do parts[i] = s.text end
    local r, p, f = rouge2(table.concat(parts, " "), ref)
    local t = total[m]
    if verbose and m ~= "first" and m ~= "oracle" and summarizers[m] then
      local idx = {}
      local sents = doc:sentences()
      for _, sp in ipairs(spans) do
        for i, s in ipairs(sents) do if s == sp then idx[#idx + 1] = i end end
      end
      line[#line + 1] = "[" .. table.concat(idx, ",") .. "]"
    end
    t[1], t[2], t[3] = t[1] + r, t[2] + p, t[3] + f
    line[#line + 1] = string.format("%s %.3f", m, r)
  end
  if verbose then print(table.concat(line, "  ")) end
end
print(string.format("ROUGE-2 over %d articles, %d-sentence summaries (recall / precision / F1):",
                    #files, k))
for _, m in ipairs(methods) do
  local t = total[m]
  print(string.format("  %-9s %.3f / %.3f / %.3f", m, t[1] / #files, t[2] / #files, t[3] / #files))
end
