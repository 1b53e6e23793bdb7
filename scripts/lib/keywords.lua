-- keywords.lua (require "galley.keywords"): keyphrases of news articles.
--
--   local keywords = require "galley.keywords"
--   local kx = keywords.new { n = 10, df = "corpus.df.jsonl" }   -- once per worker
--   for _, k in ipairs(kx:extract(doc)) do print(k.score, k.text) end
--
-- Candidates are runs of content words inside a sentence (no stop word, no
-- punctuation between them; "of", "de", "von" may join two capitalized
-- words: "Bank of England"), cut where capitalization changes ("former
-- cabinet minister" | "Fernando Martinez") and without numbers at the ends.
-- Words are scored in C (galley.rank.keyphrases):
--   textrank  PageRank over the co-occurrence graph of content words
--             (Mihalcea and Tarau 2004); a phrase scores the sum of its words
--   yake      YAKE-style local features (casing, position, frequency,
--             context, spread); every n-gram of a run is a candidate
--   tfidf     term frequency (times idf with a corpus)
-- With a corpus (df = a `galley run scripts/df.lua` output, or idf = a
-- galley.Idf), word scores are multiplied by their idf. A phrase that
-- repeats most words of a better one is left out. Scores are relative to
-- the best phrase (1).
--
-- Records are plain tables {text, score}, best first.

local galley = require "galley"
local rank = galley.rank

local find, match = string.find, string.match

local M = {}

-- Words that are not stop words but make poor keyphrases in news: speech
-- and common verbs, time words, vague amounts. Matched case-folded, so
-- words that start names ("New", "First", "March") are not here.
M.stop = {}
for w in ([[
said says say saying told tell tells telling added adds asked asks according
announced announces confirmed confirms denied denies claimed claims described
describes expected expects noted notes wrote writes written warned warns urged
urges argued argues insisted insists explained explains suggested suggests agreed
agrees declined declines refused refuses continued continues remained remains
began begins become became becomes took takes taken gave gives given made makes
came comes went goes gone got gets saw seen knew known thought feel felt kept
keeps held holds brought brings showed shows shown seemed seems appeared appears
tried tries wanted wants needed needs used uses allowed allows helped helps
started starts received receives decided decides returned returns raised raises
reached reaches included includes including rose rises fell falls jumped jumps
dropped drops climbed climbs slipped slips gained gains lost loses increased
increases grew grows cut cuts set sets put puts let lets met meets paid pays
led leads run ran runs won wins find found finds called calls according amid
built bought sold sent spent brought caught taught fought sought chose chosen
drove driven flew flown drew drawn threw thrown wore worn broke broken spoke
spoken stole stolen struck stood understood hung sat shot fed fled began begun
despite although though also just still even well already yet however now
instead enough
then since around nearly almost roughly about approximately several many much
more most less least few other another such own same various certain
year years week weeks month months day days today yesterday tomorrow
monday tuesday wednesday thursday friday saturday sunday morning afternoon
evening night tonight earlier later ago time times percent per cent million
millions billion billions trillion thousand thousands hundred hundreds dozen
dozens number numbers lot lots way ways part parts thing things kind sort
something anything everything nothing someone anyone everyone statement
statements comment comments spokesperson spokesman spokeswoman
mr mrs ms dr mr. mrs. ms. dr. like likely unlikely
dijo dice afirmó aseguró explicó señaló según añadió indicó
a déclaré selon ajouté
sagte sagt laut
disse afirmou segundo
]]):gmatch("%S+") do M.stop[#M.stop + 1] = w end

-- M.load_df(path): the galley.Idf of a df.lua output file, and its number
-- of documents; nil and a message when the file cannot be read.
function M.load_df(path)
  local f, err = io.open(path, "r")
  if not f then return nil, err end
  local df, docs = {}, 0
  local decode = galley.json.decode
  for line in f:lines() do
    -- terms without escapes quickly, anything else by the decoder
    local term = find(line, '"kind":"term"', 1, true) and match(line, '"text":"([^"\\]*)"')
    local n = term and match(line, '"df":(%d+)')
    if n then
      df[term] = tonumber(n)
    elseif line ~= "" then
      local r = decode(line)
      if r.kind == "term" then df[r.text] = r.df
      elseif r.kind == "docs" then docs = r.df end
    end
  end
  f:close()
  return rank.idf(df, docs), docs
end

-- Read extra stop words from 'path' (one a line, # comments).
local function read_words(path, into)
  local f, err = io.open(path, "r")
  if not f then error("stop words: " .. err, 3) end
  for line in f:lines() do
    local w = line:match("^%s*([^#%s][^#]-)%s*$")
    if w then into[#into + 1] = w end
  end
  f:close()
end

local Extractor = {}
Extractor.__index = Extractor

-- M.new(params): an extractor; params (strings, as --set gives them, or
-- values): n (10), method (textrank), max_words (4), window (2), df (a
-- df.lua file) or idf (a galley.Idf), stop (a file of extra stop words),
-- lang (the language of every document; default: each document's own).
function M.new(params)
  params = params or {}
  local self = setmetatable({}, Extractor)
  self.n = tonumber(params.n) or 10
  local stop = {}
  for i = 1, #M.stop do stop[i] = M.stop[i] end
  if type(params.stop) == "string" and params.stop ~= "" then read_words(params.stop, stop) end
  local idf = params.idf
  if not idf and type(params.df) == "string" and params.df ~= "" then
    local err
    idf, err = M.load_df(params.df)
    if not idf then error("df file: " .. err, 2) end
  end
  self.idf = idf
  self.kp = rank.keyphrases {
    method = params.method or "textrank",
    max_words = tonumber(params.max_words) or 4,
    window = tonumber(params.window) or 2,
    stop = stop,
    idf = idf,
    lang = params.lang,
  }
  return self
end

-- kx:extract(doc [, n]): up to n keyphrases {text, score}, best first.
function Extractor:extract(doc, n)
  return self.kp:extract(doc, n or self.n)
end

return M
