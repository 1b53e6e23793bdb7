-- clean.lua (require "galley.clean"): boilerplate removal for scraped
-- news articles, line by line.
--
--   local clean = require "galley.clean"
--   local cl = clean.new { chrome = "corpus.df.jsonl" }   -- once per worker
--   local r = cl:clean(doc)          -- or cl:clean(text)
--   r.text      the body without boilerplate (doc.text itself when nothing changed)
--   r.changed   true when r.text differs from the input
--   r.removed   the lines taken out: {text = line, why = reason}, in order
--   r.byline    "By Jane Doe" lines, joined with "; " (nil when none)
--   r.credits   photo and image credits (a list, maybe empty)
--   r.dateline  the "CITY, Date (Agency) —" opener of the first paragraph (or nil)
--   r.title     the document's title, unless it was site chrome (nil for a string)
--   cl:document(doc, r)  the document of the cleaned text, to analyze further
--
-- What goes (each rule is a table below, to extend or replace):
--   share, reply, navigation, cookie, subscribe and advertising lines
--   (M.exact: whole lines; M.starts: lines of at most M.short_words words
--   starting with a phrase), time stamps ("Updated 3:05 p.m."), bylines,
--   photo credits (whole lines, and "(AP Photo/...)" inside a paragraph),
--   the dateline, and site chrome: lines repeated across a corpus, listed
--   by a `galley run scripts/df.lua` run (records with kind "line").
-- A line is a run of text between line breaks; blank lines are kept as
-- paragraph breaks (runs of them become one).

local galley = require "galley"

local M = {}

-- Lines of at most this many words are looked at for boilerplate.
M.short_words = 12

-- Whole lines (compared lower-cased, without punctuation at either end).
M.exact = {}
for line in ([[
share
share this
share this article
share this story
share on facebook
share on twitter
share on x
share via email
leave a reply
leave a comment
post a comment
comments
no comments
view comments
exit mobile version
skip to content
skip to main content
menu
home
search
sign in
log in
login
subscribe
subscribe now
sign up
tweet
email
print
copy link
whatsapp
facebook
twitter
linkedin
pinterest
reddit
advertisement
advertising
sponsored
sponsored content
related
related articles
related stories
read more
read next
more stories
recommended
you may also like
most popular
trending
trending now
back to top
loading
close
next article
previous article
listen to this article
cancel reply
compartir
comparte
publicidad
teilen
partager
]]):gmatch("[^\n]+") do M.exact[line] = true end

-- Short lines starting with these (lower-cased) are boilerplate.
M.starts = {
  "share this", "share on ", "click here", "sign up for", "sign up to", "subscribe to",
  "subscribe for", "subscribe now", "get the latest", "get our ", "follow us", "follow the ",
  "like us on", "join our", "download our", "download the app", "read more:", "read more at",
  "read the full", "related:", "related coverage", "see also:", "more:", "also read",
  "recommended:", "watch:", "watch the video", "listen:", "tags:", "tagged:", "topics:",
  "filed under", "posted in", "categories:", "category:", "copyright", "©", "all rights reserved",
  "this article was", "this story was", "this content is", "we use cookies",
  "this site uses cookies", "this website uses cookies", "by using this site", "accept cookies",
  "cookie policy", "cookie settings", "privacy policy", "terms of use", "terms of service",
  "advertisement", "story continues", "continue reading", "report an error",
  "have a news tip", "got a news tip", "send us a tip", "leave a reply", "you must be logged in",
  "newsletter", "our newsletter", "never miss", "don't miss", "don’t miss",
}

-- Lines that stamp the time (lower-cased prefixes), kept out as "date".
M.stamps = {
  "published", "updated", "last updated", "posted on", "posted at", "first published",
  "modified", "publicado", "actualizado",
}

-- Photo credit lines (lower-cased prefixes) and marks found inside them.
M.credit_starts = {
  "photo:", "photo by", "photos:", "photo credit", "photograph:", "photograph by",
  "image:", "image by", "image credit", "images:", "picture:", "pictures:", "credit:",
  "credits:", "illustration:", "illustration by", "video:", "file photo", "(photo",
  "[photo", "(image", "foto:",
}
M.credit_marks = {
  "ap photo", "getty images", "reuters/", "afp via getty", "afp/", "shutterstock",
  "courtesy of", "/ap", "epa-efe",
}

-- ---------------------------------------------------------------- helpers

local find, sub, lower, gsub, match, byte = string.find, string.sub, string.lower, string.gsub,
  string.match, string.byte
local concat = table.concat

-- A PCRE2 alternation of the phrases of 'list', special characters
-- escaped, written as a tree of their characters ("share", "share this",
-- "sign in" -> "(?:s(?:hare(?: this)?|ign in))"): the same phrases, but
-- the engine looks at each character once, not once for every phrase
-- that starts with it.
local function alternation(list)
  local root = {}
  for _, p in ipairs(list) do
    local node = root
    for _, c in utf8.codes(p) do
      local ch = utf8.char(c)
      node[ch] = node[ch] or {}
      node = node[ch]
    end
    node[""] = true                     -- a phrase ends here
  end
  local function branch(node)
    local keys = {}
    for k in pairs(node) do
      if k ~= "" then keys[#keys + 1] = k end
    end
    table.sort(keys)
    local alts = {}
    for i, k in ipairs(keys) do
      alts[i] = k:gsub("[%^%$%(%)%.%[%]%*%+%?{}|\\/#-]", "\\%0") .. branch(node[k])
    end
    if #alts == 0 then return "" end
    local body = #alts == 1 and alts[1] or "(?:" .. concat(alts, "|") .. ")"
    return node[""] and "(?:" .. body .. ")?" or body
  end
  return "(?:" .. branch(root) .. ")"
end

local function exact_list()
  local list = {}
  for line in pairs(M.exact) do list[#list + 1] = line end
  table.sort(list, function(x, y) return #x > #y end)    -- longest first
  return list
end

-- The compiled rules (built once per Lua state from the tables above; call
-- M.compile() again after changing them).
local rules

local byline_starts = { "by ", "written by ", "reporting by ", "por " }

function M.compile()
  local function rx(p, f) return assert(galley.regex(p, f)) end
  local starts = alternation(M.starts)
  local credit = alternation(M.credit_starts)
  local stamps = alternation(M.stamps)
  local marks = alternation(M.credit_marks)
  local seps = alternation(M.nav_separators)
  local nav = "(?:[^\\n]{1,40}? " .. seps .. " ){2}"
  rules = {
    -- lines that may be boilerplate: one scan of the whole text
    trigger = rx("^[\\t ]*(?:[\\p{P}\\p{S}\\t ]*" .. alternation(exact_list()) ..
                 "[\\p{P}\\p{S}\\t ]*$|" .. starts .. "|" .. credit .. "|" .. stamps .. "|" ..
                 alternation(byline_starts) .. "|\\d|\\p{L}+\\.? \\d{1,2}, \\d{4}|" .. nav .. ")", "im"),
    marks = rx(marks, "i"),
    starts = rx("^" .. starts, "i"),
    credit = rx("^" .. credit, "i"),
    stamps = rx("^" .. stamps, "i"),
    blank = rx("\\n[\\t \\r\\f\\v]*(?:\\n[\\t \\r\\f\\v]*)+\\n|\\n[\\t \\r\\f\\v]+\\n"),
  }
  return rules
end

-- (gsub counts the words without making a string of each)
local function count_words(s)
  local _, n = gsub(s, "%S+", "")
  return n
end

-- M.line_key(line): the form a line is compared in for site chrome:
-- lower case, digits as 0, spaces squeezed, trimmed. Shared with df.lua.
function M.line_key(line)
  local k = lower(line)
  k = gsub(k, "%d", "0")
  k = gsub(k, "%s+", " ")
  return match(k, "^ *(.-) *$")
end

-- Longest line considered as site chrome, in bytes.
M.chrome_bytes = 160

-- A byline: "By Jane Doe", "By JANE DOE and JOHN ROE, Reuters",
-- "By Jane Doe | Staff Writer", "Written by ...", "Reporting by ...".
local byline_words = { ["and"] = true, ["&"] = true, ["in"] = true, ["of"] = true,
  ["the"] = true, ["de"] = true, ["da"] = true, ["van"] = true, ["von"] = true,
  ["staff"] = true, ["writer"] = true, ["reporter"] = true, ["correspondent"] = true,
  ["editor"] = true, ["|"] = true, ["-"] = true, ["—"] = true, ["y"] = true, ["por"] = true }

local function is_byline(line, low, nw)
  if nw > 14 then return false end
  local rest
  if sub(low, 1, 3) == "by " then rest = sub(line, 4)
  elseif sub(low, 1, 11) == "written by " then rest = sub(line, 12)
  elseif sub(low, 1, 13) == "reporting by " then return true
  elseif sub(low, 1, 4) == "por " then rest = sub(line, 5)
  else return false end
  if find(rest, "[%.!?]$") and not find(rest, "%u%.$") then return false end
  local names = 0
  for w in rest:gmatch("[^%s,;:/]+") do
    if byline_words[lower(w)] then
      -- joining word
    elseif find(w, "^[%u\128-\255]") then
      names = names + 1
    else
      return false
    end
  end
  return names > 0
end

-- How many short lines (headlines, kickers) above the first paragraph are
-- tried for a dateline.
M.dateline_lines = 3

-- Menu separators: "Home | World | Politics", "News › World › Europe".
M.nav_separators = { "|", "›", "»", "•", "·", ">" }

-- A navigation line: three or more short items (up to 4 words each) between
-- the same separator, and no item that ends a sentence.
local function is_navigation(line)
  for i = 1, #M.nav_separators do
    local sep = M.nav_separators[i]
    if find(line, " " .. sep .. " ", 1, true) then
      local items = 0
      for item in (line .. " " .. sep .. " "):gmatch("(.-) " .. gsub(sep, "%p", "%%%0") .. " ") do
        if item:find("[%.!?]$") or count_words(item) > 4 then return false end
        items = items + 1
      end
      return items >= 3
    end
  end
  return false
end

-- The dateline at the start of 'line': "HARBOR CITY, March 14 (Galley Wire) — ",
-- "NEW YORK (AP) — ", "OAXACA, Mexico — ", "Caracas (AP) — ", "LONDON, Jan 5
-- (Reuters) - ". Returns the dateline and the byte where the text resumes.
-- The separators a dateline ends with, found by plain search first (a
-- pattern search at every byte of a paragraph costs more than the rest).
local dashes = { { "—", "%s+—%s*" }, { "–", "%s+–%s*" }, { " -", "%s+%-%-?%s+" } }

local function dateline(line)
  local head = #line > 100 and sub(line, 1, 100) or line
  local s, e
  for i = 1, #dashes do
    local d = dashes[i]
    local at = find(head, d[1], 1, true)
    if at and (not s or at < s) then
      local a, b = find(head, d[2], at > 4 and at - 4 or 1)
      if a and (not s or a < s) then s, e = a, b end
    end
  end
  if not s or s < 3 then return nil end
  local pre = sub(line, 1, s - 1)
  if find(pre, "[!?;:\"“”]") then return nil end
  local first = match(pre, "^[^%s,%(]+")
  local caps = first and #first >= 2 and not find(first, "%l")
  local agency = find(pre, "%([^()]+%)$")
  if not caps and not agency then return nil end
  -- before the agency, only capitalized words, numbers and months
  local place = gsub(pre, "%s*%([^()]*%)$", "")
  for w in place:gmatch("[^%s,]+") do
    if not find(w, "^[%u%d\128-\255]") then return nil end
  end
  if count_words(place) > 7 then return nil end
  return pre, e + 1
end

-- ---------------------------------------------------------------- cleaner

local Cleaner = {}
Cleaner.__index = Cleaner

-- M.load_chrome(path, min, share): the set of line keys that df.lua found
-- in at least 'min' documents and in at least 'share' of all documents.
-- Returns the set, or nil and a message.
function M.load_chrome(path, min, share)
  local f, err = io.open(path, "r")
  if not f then return nil, err end
  local set, docs, lines = {}, 0, {}
  for l in f:lines() do
    if l ~= "" then
      local r = galley.json.decode(l)
      if r.kind == "docs" then docs = r.df
      elseif r.kind == "line" then lines[#lines + 1] = r end
    end
  end
  f:close()
  local need = math.max(min or 3, (share or 0.02) * docs)
  for _, r in ipairs(lines) do
    if r.df >= need then set[M.line_key(r.text)] = true end
  end
  return set
end

-- M.new(params): a cleaner. params.chrome: a df.lua output file (or a set of
-- line keys); params.chrome_min (default 3) and params.chrome_share (default
-- 0.02): how many documents, and what share of them, a line must be in to
-- be chrome.
function M.new(params)
  params = params or {}
  if not rules then M.compile() end
  local self = setmetatable({}, Cleaner)
  local chrome = params.chrome
  if type(chrome) == "string" and chrome ~= "" then
    local set, err = M.load_chrome(chrome, tonumber(params.chrome_min),
                                   tonumber(params.chrome_share))
    if not set then error("chrome list: " .. err, 2) end
    chrome = set
  end
  self.chrome = type(chrome) == "table" and next(chrome) and chrome or nil
  return self
end

-- Bytes that are %p or %s, the ends M.exact lines are compared without.
local edge = {}
for b = 0, 127 do
  if string.char(b):find("[%p%s]") then edge[b] = true end
end

-- The lower-cased line 'low' without punctuation and spaces at either
-- end (most lines have none there: then 'low' itself, with no match).
local function exact_key(low)
  if not edge[byte(low, 1)] and not edge[byte(low, -1)] then return low end
  return match(low, "^[%p%s]*(.-)[%p%s]*$")
end

-- Whether the line ending at byte 'e' of 'text' ends as a sentence does:
-- "." "!" "?", maybe followed by "”". Such a line is no photo credit,
-- whatever marks it holds ("The print is courtesy of the family.").
local function ends_sentence(text, e)
  local b = byte(text, e)
  if b == 0x9D and e > 3 and byte(text, e - 1) == 0x80 and byte(text, e - 2) == 0xE2 then
    b = byte(text, e - 3)
  end
  return b == 46 or b == 33 or b == 63
end

-- Does the line [ls, le] of 'text' read as body text: a final stop (before
-- a closing quote or bracket), or more words than a headline has? Byte
-- tests from the end: a pattern anchored only at the end is tried at every
-- byte of a long paragraph.
local function body_line(text, ls, le)
  while le >= ls and byte(text, le) <= 32 do le = le - 1 end
  if le < ls then return false end
  local b = byte(text, le)
  if b == 34 or b == 41 then                                   -- " )
    le = le - 1
  elseif (b == 0x9D or b == 0x99) and le - 2 >= ls and byte(text, le - 1) == 0x80
         and byte(text, le - 2) == 0xE2 then                   -- ” ’
    le = le - 3
  end
  b = byte(text, le)
  if b == 46 or b == 33 or b == 63 then return true end
  return le - ls > 160 or count_words(sub(text, ls, le)) > M.short_words
end

-- What to do with one line: nil to keep it, or the reason to take it out.
function Cleaner:judge(line)
  local n = #line
  if n == 0 then return nil end
  local chrome = self.chrome
  if chrome and n <= M.chrome_bytes and chrome[M.line_key(line)] then return "chrome" end
  if n > 300 then return nil end
  local r = rules
  if n <= 48 and M.exact[exact_key(lower(line))] then return "boilerplate" end
  local nw = count_words(line)
  if nw > M.short_words * 3 then return nil end
  if r.credit:match(line) then return "credit" end
  if nw <= M.short_words * 2 and not ends_sentence(line, n) and r.marks:match(line) then
    return "credit"
  end
  if nw <= M.short_words * 2 and r.stamps:match(line) and find(line, "%d") then return "date" end
  if is_navigation(line) then return "boilerplate" end
  if nw > M.short_words then
    if r.starts:match(line) and find(lower(line), "cookie", 1, true) then return "boilerplate" end
    return nil
  end
  local low = lower(line)
  if is_byline(line, low, nw) then return "byline" end
  if r.starts:match(line) then return "boilerplate" end
  -- a date or time alone on its line: "March 14, 2024", "14/03/2024 10:15"
  if nw <= 6 and find(low, "%d") and not find(low, "[%.!?]$")
     and (find(low, "^%a+%.? %d%d?, %d%d%d%d") or find(low, "^%d%d?[/%-.]%d%d?[/%-.]%d%d")
          or find(low, "^%d%d?:%d%d")) then
    return "date"
  end
  if find(low, "^%d+ min read$") or find(low, "^%d+ minutes? read$") then return "boilerplate" end
  return nil
end

-- The bytes where the lines of 'text' start, in order.
local function line_starts(text)
  local list, n, p = { 1 }, 1, 1
  while true do
    p = find(text, "\n", p, true)
    if not p then return list end
    p = p + 1
    n = n + 1
    list[n] = p
  end
end

-- The start of the line holding byte 'x' ('starts' from line_starts).
local function line_of(starts, x)
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if starts[mid] <= x then lo = mid else hi = mid - 1 end
  end
  return starts[lo]
end

-- The lines worth judging, as a sorted list of the bytes where they
-- start: every line when there is a chrome list; else the lines the
-- trigger rule finds, and those judge may take for a credit mark (at
-- most 300 bytes, not ending a sentence: see Cleaner:judge) that hold
-- one. Most lines of an article are neither, and are never looked at;
-- only short lines are searched for marks, which costs less than a
-- search of the whole text.
function Cleaner:candidates(text, starts)
  starts = starts or line_starts(text)
  if self.chrome then return starts end
  local seen, list = {}, {}
  local found = rules.trigger:find(text)
  for i = 1, #found do
    local s = line_of(starts, found[i].start)
    if not seen[s] then
      seen[s] = true
      list[#list + 1] = s
    end
  end
  local marks, ns, len = rules.marks, #starts, #text
  for i = 1, ns do
    local s = starts[i]
    local e = i < ns and starts[i + 1] - 2 or len      -- the line's last byte
    if e >= s and e - s < 300 and not seen[s] and not ends_sentence(text, e)
       and marks:match(sub(text, s, e)) then
      seen[s] = true
      list[#list + 1] = s
    end
  end
  table.sort(list)
  return list
end

-- cl:clean(doc_or_text): see the top of this file. Only candidate lines,
-- the first line of the body and photo credits in parentheses are looked
-- at; the text is rebuilt from the parts kept, when something was cut.
function Cleaner:clean(doc)
  local text = type(doc) == "string" and doc or doc.text
  local len = #text
  local removed, credits, cuts, gone = {}, {}, {}, {}
  local byline, date_line
  local title, title_cut = self:title(doc, removed)
  local starts = line_starts(text)
  -- whole lines
  local cand = self:candidates(text, starts)
  for i = 1, #cand do
    local s = cand[i]
    local nl = find(text, "\n", s, true)
    local line = sub(text, s, (nl or len + 1) - 1)
    local why = self:judge(line)
    if why then
      removed[#removed + 1] = { text = line, why = why }
      cuts[#cuts + 1] = { s, nl or len }
      gone[s] = true
      if why == "byline" then
        byline = byline and (byline .. "; " .. line) or line
      elseif why == "credit" then
        credits[#credits + 1] = { s, line }
      end
    end
  end
  -- the dateline, at the start of the first paragraph of the body: the
  -- first lines that stay are tried, up to the first one that reads as
  -- body text (a headline or a kicker above the dateline is passed over)
  local p, tried = 1, 0
  while p <= len and tried < M.dateline_lines do
    local q = find(text, "%S", p)
    if not q then break end
    local ls, k = p, find(text, "\n", p, true)
    while k and k < q do ls, k = k + 1, find(text, "\n", k + 1, true) end
    if not gone[ls] then
      local line_end = (k or len + 1) - 1
      -- a dateline is within the first 100 bytes of its line
      local dl, rest = dateline(sub(text, ls, math.min(line_end, ls + 99)))
      if dl then
        date_line = dl
        cuts[#cuts + 1] = { ls, ls + rest - 2 }
        break
      end
      if body_line(text, ls, line_end) then break end
      tried = tried + 1
    end
    p = (k or len) + 1
  end
  -- photo credits in parentheses inside paragraphs: "(AP Photo/Jane Doe)"
  local init = (find(text, "hoto", 1, true) or find(text, "HOTO", 1, true)) and 1 or len + 1
  while init <= len do
    local a, b, inner = find(text, "%(([^()\n]-[Pp][Hh][Oo][Tt][Oo][^()\n]-)%)", init)
    if not a then break end
    init = b + 1
    local ls = line_of(starts, a)
    local le = find(text, "\n", b, true) or len + 1
    if not gone[ls] and le - ls > 60 and (find(inner, "/", 1, true) or find(inner, ":", 1, true)
        or find(lower(inner), "photo by", 1, true)) then
      credits[#credits + 1] = { a, inner }
      while a > ls and find(sub(text, a - 1, a - 1), "^[ \t]") do a = a - 1 end
      cuts[#cuts + 1] = { a, b }
    end
  end
  -- credits in document order, as strings
  table.sort(credits, function(x, y) return x[1] < y[1] end)
  for i = 1, #credits do credits[i] = credits[i][2] end
  if #cuts == 0 then
    return { text = text, changed = title_cut, removed = removed, byline = byline,
             credits = credits, dateline = date_line, title = title }
  end
  -- rebuild: the parts between cuts, blank lines squeezed, ends trimmed
  table.sort(cuts, function(x, y) return x[1] < y[1] end)
  local parts, at = {}, 1
  for i = 1, #cuts do
    local c = cuts[i]
    if c[1] > at then parts[#parts + 1] = sub(text, at, c[1] - 1) end
    if c[2] + 1 > at then at = c[2] + 1 end
  end
  parts[#parts + 1] = sub(text, at)
  local out = concat(parts)
  if next(gone) then                  -- only a whole line cut leaves blank lines to squeeze
    out = rules.blank:gsub(out, "\n\n")
  end
  local first, last = find(out, "%S"), #out
  while last > 0 do                   -- trailing %s: space, \t \n \v \f \r
    local b = byte(out, last)
    if b ~= 32 and (b < 9 or b > 13) then break end
    last = last - 1
  end
  out = first and sub(out, first, last) or ""
  return { text = out, changed = true, removed = removed, byline = byline,
           credits = credits, dateline = date_line, title = title }
end

-- The title of 'doc' (nil for a string) and whether it was cut: the first
-- line of a text file is taken as its title when it looks like one, and
-- on a scraped page that line may be site chrome ("Menu", "Skip to
-- content"); such a title goes to 'removed'. A title from the metadata of a
-- JSON record is kept as it is.
function Cleaner:title(doc, removed)
  if type(doc) == "string" or not doc.title then return nil, false end
  local title = doc.title
  if doc.meta.title then return title, false end
  local why = self:judge(title)
  if not why then return title, false end
  removed[#removed + 1] = { text = title, why = why }
  return nil, true
end

-- cl:document(doc, r): the document to analyze after r = cl:clean(doc):
-- doc itself when nothing changed, else a document of r.text with the
-- metadata of doc. Its title is r.title; when there is none, the title is
-- guessed again on the cleaned text (the headline under a menu), and
-- r.title is set to it.
function Cleaner:document(doc, r)
  if not r.changed then return doc end
  local meta = {}
  for k, v in pairs(doc.meta) do meta[k] = v end
  meta.title = r.title
  local d = galley.document(r.text, meta)
  r.title = d.title
  return d
end

return M
