-- quotes.lua (require "galley.quotes"): direct quotations in news articles
-- and who speaks them.
--
--   local quotes = require "galley.quotes"
--   local qx = quotes.new()                       -- once per worker
--   for _, q in ipairs(qx:extract(doc)) do print(q.speaker, q.text) end
--
-- Quotations are found in curly (“ ”), straight ("), angle (« ») and
-- single (‘ ’) marks; one that runs over several paragraphs (each opening
-- with a mark, only the last one closed) gives one record a paragraph, all
-- with the same speaker. The speaker comes from the attribution around the
-- quotation:
--   “...,” he wrote        “...,” said Interior Minister Ana Ruiz
--   Rubio said: “...”      X described it as “...”   X called it “...”
--   according to X, “...”  X, who ..., said: “...”   X rejected it, saying “...”
--   “...” — Jane Doe       “...,” the minister said (the person introduced
--   as a minister; null when nobody was, as for "a spokesman said")
--   X said the plan was flawed. “It will never work.”
--   a second quote in the paragraph, or a quoted paragraph after a quoted
--   one: the same voice
-- A pronoun stands for the first person (the subject, mostly) of its
-- sentence or the ones before whose gender agrees with it ("she" skips a man
-- called Marco); the speaker is the fullest form of the name in the article
-- ("Marco Rubio" for "Rubio"). The scan itself is in C (core/ner.c), shared
-- with galley.entities; docs/pipelines.md has the rules in full.
--
-- A record is a plain table ready for output: {start, end, text, speaker},
-- start 0-based and end exclusive, speaker a string or galley.json.null.

local galley = require "galley"
local entities = require "galley.entities"

local M = {}
local null = galley.json.null

local Extractor = {}
Extractor.__index = Extractor

-- M.new(params): an extractor. params.entities may be a galley.entities
-- extractor to share (its lists decide who can speak); other params go to
-- entities.new.
function M.new(params)
  params = params or {}
  local self = setmetatable({}, Extractor)
  self.entities = params.entities or entities.new(params)
  return self
end

-- Speakers that were not found become galley.json.null.
local function fill(quotes)
  for i = 1, #quotes do
    local q = quotes[i]
    if q.speaker == nil then q.speaker = null end
  end
  return quotes
end

-- qx:extract(doc): the quotation records of 'doc', in document order.
function Extractor:extract(doc)
  local _, quotes = self.entities.tagger:scan(doc, "quotes")
  return fill(quotes)
end

-- qx:extract_all(doc): entity records and quotation records from one scan.
function Extractor:extract_all(doc)
  return self.entities:extract_all(doc)
end

return M
