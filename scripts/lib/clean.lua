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

local find, sub, lower, gsub, match = string.find, string.sub, string.lower, string.gsub, string.match
local concat = table.concat

local function starts_with_any(s, list)
  for i = 1, #list do
    local p = list[i]
    if sub(s, 1, #p) == p then return true end
  end
  return false
end

local function has_any(s, list)
  for i = 1, #list do
    if find(s, list[i], 1, true) then return true end
  end
  return false
end

local function count_words(s)
  local n = 0
  for _ in s:gmatch("%S+") do n = n + 1 end
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

-- The dateline at the start of 'line': "HARBOR CITY, March 14 (Galley Wire) — ",
-- "NEW YORK (AP) — ", "OAXACA, Mexico — ", "Caracas (AP) — ", "LONDON, Jan 5
-- (Reuters) - ". Returns the dateline and the byte where the text resumes.
local dashes = { "%s+—%s*", "%s+–%s*", "%s+%-%-?%s+" }

local function dateline(line)
  local head = sub(line, 1, 100)
  local s, e
  for i = 1, #dashes do
    local a, b = find(head, dashes[i])
    if a and (not s or a < s) then s, e = a, b end
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

-- A photo credit inside a paragraph: "(AP Photo/Jane Doe)", "(Photo: Reuters)".
local function inline_credit(line)
  local a, b, inner = find(line, "%s*%(([^()]-[Pp][Hh][Oo][Tt][Oo][^()]-)%)")
  if a and (find(inner, "/", 1, true) or find(inner, ":", 1, true) or
            find(lower(inner), "photo by", 1, true)) then
    return a, b, inner
  end
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

-- What to do with one line: nil to keep it, or the reason to take it out.
function Cleaner:judge(line)
  local n = #line
  if n == 0 then return nil end
  local chrome = self.chrome
  if chrome and n <= M.chrome_bytes and chrome[M.line_key(line)] then return "chrome" end
  if n > 300 then return nil end
  local low = lower(line)
  local bare = match(low, "^[%p%s]*(.-)[%p%s]*$")
  if M.exact[bare] then return "boilerplate" end
  local nw = count_words(line)
  if nw > M.short_words * 3 then return nil end
  if starts_with_any(low, M.credit_starts) then return "credit" end
  if nw <= M.short_words * 2 and has_any(low, M.credit_marks) and not find(line, "[%.!?]”?$") then
    return "credit"
  end
  if nw > M.short_words then
    if starts_with_any(low, M.starts) and find(low, "cookie", 1, true) then return "boilerplate" end
    return nil
  end
  if is_byline(line, low, nw) then return "byline" end
  if starts_with_any(low, M.starts) then return "boilerplate" end
  if starts_with_any(low, M.stamps) and find(low, "%d") then return "date" end
  -- a date or time alone on its line: "March 14, 2024", "14/03/2024 10:15"
  if nw <= 6 and find(low, "%d") and not find(low, "[%.!?]$")
     and (find(low, "^%a+%.? %d%d?, %d%d%d%d") or find(low, "^%d%d?[/%-.]%d%d?[/%-.]%d%d")
          or find(low, "^%d%d?:%d%d")) then
    return "date"
  end
  if find(low, "^%d+ min read$") or find(low, "^%d+ minutes? read$") then return "boilerplate" end
  return nil
end

-- cl:clean(doc_or_text): see the top of this file.
function Cleaner:clean(doc)
  local text = type(doc) == "string" and doc or doc.text
  local kept, removed, credits = {}, {}, {}
  local byline, date_line
  local changed = false
  local first_body = true
  local pos, len = 1, #text
  while pos <= len + 1 do
    local nl = find(text, "\n", pos, true)
    local line = sub(text, pos, (nl or len + 1) - 1)
    pos = (nl or len + 1) + 1
    local why = self:judge(line)
    if why then
      changed = true
      removed[#removed + 1] = { text = line, why = why }
      if why == "byline" then
        byline = byline and (byline .. "; " .. line) or line
      elseif why == "credit" then
        credits[#credits + 1] = line
      end
    else
      if first_body and line ~= "" then
        first_body = false
        local dl, rest = dateline(line)
        if dl then
          date_line = dl
          line = sub(line, rest)
          changed = true
        end
      end
      if #line > 60 and find(line, "(", 1, true) then
        local a, b, inner = inline_credit(line)
        if a then
          credits[#credits + 1] = inner
          line = sub(line, 1, a - 1) .. sub(line, b + 1)
          changed = true
        end
      end
      if find(line, "%S") then
        kept[#kept + 1] = line
      elseif #kept > 0 and kept[#kept] ~= "" then
        kept[#kept + 1] = ""        -- one blank line between paragraphs
      end
    end
    if not nl then break end
  end
  local out = text
  if changed then
    if kept[#kept] == "" then kept[#kept] = nil end
    out = concat(kept, "\n")
  end
  return { text = out, changed = changed, removed = removed, byline = byline,
           credits = credits, dateline = date_line }
end

return M
