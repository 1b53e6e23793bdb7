-- bench_match.lua: the matchers as a pipeline sees them, from Lua, one
-- thread. Run: galley lua tests/bench/bench_match.lua [FILE...]
-- (default: the files of seeds/, repeated to about 4 MB, as one document).
-- Phrase lists of 1,000 and 1,000,000 entries are timed over the same
-- document, next to a plain string.find loop over the same entries (for
-- the million, timed on its first 10,000 entries and scaled up).

local galley = require "galley"

local clock = os.clock
local function rss_mb ()
  local f = io.open("/proc/self/status")
  if not f then return 0 end
  local s = f:read("a")
  f:close()
  return (tonumber(s:match("VmRSS:%s*(%d+)")) or 0) / 1024
end

-- best time of 'runs' calls of f
local function best (runs, f)
  local t = math.huge
  for _ = 1, runs do
    local t0 = clock()
    f()
    t = math.min(t, clock() - t0)
  end
  return t
end

-- the text: files named, else $GALLEY_BENCH_CORPUS (gen_news's synthetic
-- news, articles apart by two blank lines), else seeds/; about 4 MB of it
local files = {...}
if #files == 0 then
  local corpus = os.getenv("GALLEY_BENCH_CORPUS")
  if corpus and corpus ~= "" and io.open(corpus) then
    files[1] = corpus
  else
    local p = io.popen("ls seeds")
    for name in p:lines() do files[#files + 1] = "seeds/" .. name end
    p:close()
  end
end
local parts = {}
for _, path in ipairs(files) do
  local f = assert(io.open(path, "rb"))
  parts[#parts + 1] = f:read(8 << 20)
  f:close()
end
local one = table.concat(parts, "\n\n\n")
local target = 4 << 20
local text = #one >= target and one:sub(1, (one:find("\n\n\n", target, true) or #one))
             or one:rep(target // #one + 1)
-- documents: at two blank lines, as gen_news writes them
local docs, mb, ntok = {}, 0, 0
for body in (text .. "\n\n\n"):gmatch("(.-)\n\n\n+") do
  if body:find("%S") then
    local d = galley.document(body)
    docs[#docs + 1] = d
    mb = mb + #d.text / 1e6
    ntok = ntok + #d:tokens()
  end
end
print(string.format("Lua: %d documents, %.1f MB, %d tokens (%s)", #docs, mb, ntok,
                    table.concat(files, " ")))

-- call f(doc) on every document; returns the number of spans found
local function each (f)
  local n = 0
  for i = 1, #docs do n = n + #f(docs[i]) end
  return n
end

-- regular expressions
print("regex over the document, MB/s: :find (a span per match), :gsub (a string)")
for _, pat in ipairs{"\\p{Lu}\\w+", "\\d+(?:[.,]\\d+)*", "(?i)president|minister|government"} do
  local re = assert(galley.regex(pat))
  local n = 0
  local t = best(3, function () n = each(function (d) return re:find(d) end) end)
  local tg = best(3, function () for i = 1, #docs do re:gsub(docs[i].text, "%0") end end)
  print(string.format("  %-36s find %8.1f   gsub %8.1f   (%d matches)", pat, mb / t, mb / tg, n))
end

-- phrase lists
local words = {}
for w in text:sub(1, 1 << 20):lower():gmatch("%a+") do words[#words + 1] = w end
local seed = 2024
local function rnd (n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return (seed >> 8) % n
end
local function made_up ()
  local t = {}
  for i = 1, 3 + rnd(6) do t[i] = string.char(97 + rnd(26)) end
  return "q" .. table.concat(t)     -- "q" + letters: not a word of the text
end
-- 500 phrases from the text, then made-up ones
local function entries (n)
  seed = 2024
  local list = {}
  for i = 1, n do
    if i <= 500 then
      local at = 1 + rnd(#words - 2)
      list[i] = i % 2 == 0 and words[at] .. " " .. words[at + 1] or words[at]
    else
      local t = {}
      for k = 1, 1 + rnd(4) do t[k] = made_up() end
      list[i] = table.concat(t, " ")
    end
  end
  return list
end

print("phrase lists over the document")
local lower = text:lower()
local function find_loop (list, k)
  local n = 0
  for i = 1, k do
    local p, init = list[i], 1
    while true do
      local s, e = lower:find(p, init, true)
      if not s then break end
      n = n + 1
      init = e + 1
    end
  end
  return n
end
local results = {}
for _, n in ipairs{1000, 1000000} do
  collectgarbage()
  local r0 = rss_mb()
  local list = entries(n)
  collectgarbage()
  local r1 = rss_mb()
  local t0 = clock()
  local m = galley.phrases(list)
  local tload = clock() - t0
  collectgarbage()
  local r2 = rss_mb()
  local k = math.min(n, 10000)
  local tl = best(1, function () find_loop(list, k) end) * (n / k)
  list = nil                        -- as after m:load: no strings left in Lua
  collectgarbage()
  local found
  local find = function (d) return m:find(d) end
  local first = best(1, function ()
    for i = 1, #docs do found = #m:find(galley.document(docs[i].text)) end
  end)
  local t = best(3, function () found = each(find) end)
  results[n] = t
  print(string.format("  %7d entries: load %.2f s, +%.0f MB (list of strings %.0f MB);"
                      .. " find %.1f MB/s, %.1f MB/s with tokenizing (%d matches);"
                      .. " string.find loop %s%.3f MB/s",
                      n, tload, r2 - r1, r1 - r0, mb / t, mb / first, found,
                      k < n and "(scaled from 10,000) " or "", mb / tl))
  m = nil
end
print(string.format("  1,000,000 vs 1,000 entries: %.2fx the time", results[1000000] / results[1000]))

-- token patterns
print("token patterns over the document")
local pats = {
  {"TITLE+ said", {{is_title = true, op = "+", label = "name"}, {lower = "said"}}},
  {"number percent|%", {{like_num = true}, {lower = {"percent", "%"}}}},
  {"the ANY{0,3} TITLE+", {{lower = "the"}, {op = "{0,3}"}, {is_title = true, op = "+"}}},
}
for _, p in ipairs(pats) do
  local pat = galley.pattern(p[2])
  local n = 0
  local t = best(3, function () n = each(function (d) return pat:find(d) end) end)
  print(string.format("  %-24s %8.1f MB/s %6.1f M tokens/s (%d matches)",
                      p[1], mb / t, ntok / 1e6 / t, n))
end
