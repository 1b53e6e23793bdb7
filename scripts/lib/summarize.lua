-- summarize.lua (require "galley.summarize"): extractive summaries of news
-- articles: k whole sentences of the article, in document order.
--
--   local summarize = require "galley.summarize"
--   local sm = summarize.new { k = 3, method = "news" }     -- once per worker
--   for _, s in ipairs(sm:extract(doc)) do print(s.text) end
--
-- Methods (params.method):
--   news      (default) sentence graph with tf-idf cosine similarity,
--             PageRank personalized by a position prior and the sentence's
--             similarity to the title, then maximal marginal relevance so
--             that no two picks say the same thing
--   textrank  word-overlap similarity and plain PageRank (Mihalcea and
--             Tarau 2004): the most central sentences
--   lexrank   cosine similarity cut at 0.1 and PageRank over the resulting
--             graph (Erkan and Radev 2004)
--   bm25      TextRank with BM25 similarity (Barrios et al. 2016)
--   lead      the first k sentences
-- Sentences with fewer than params.min_words content words (default 4) and
-- items of lists ("1. ...") are not picked unless nothing else is left. The similarity, PageRank and
-- MMR run in C (galley.rank); this file holds the policy, to copy and change.

local galley = require "galley"
local rank = galley.rank

local M = {}

M.methods = { "news", "textrank", "lexrank", "bm25", "lead" }

-- Defaults of the news method (see M.new for what each does).
M.defaults = {
  k = 3,
  min_words = 4,      -- sentences with fewer content words are not picked
  position = 1.0,     -- position prior ~ 1 / i^position (news puts facts first)
  title = 0.5,        -- weight of the similarity to the title in the prior
  damping = 0.3,      -- PageRank damping: the share of centrality vs prior
  lambda = 0.7,       -- MMR: relevance vs novelty
  max_sim = 0.6,      -- never pick a sentence more similar than this to a pick
  quote = 0.5,        -- score kept by a sentence with a direct quotation
  numbers = 0.5,      -- bonus of a sentence with figures (up to two count)
  names = 0.0,        -- bonus of a sentence with capitalized words (up to three count)
}

local Summarizer = {}
Summarizer.__index = Summarizer

-- M.new(params): a summarizer. params (strings from --set, or numbers): k,
-- method, min_words, position, title, damping, lambda, max_sim, quote,
-- numbers, names (see M.defaults), df (a df.lua file) or idf (a
-- galley.Idf) for corpus idf weights, lang.
function M.new(params)
  params = params or {}
  local self = setmetatable({}, Summarizer)
  for key, v in pairs(M.defaults) do
    self[key] = tonumber(params[key]) or v
  end
  self.method = params.method or "news"
  local known = false
  for _, m in ipairs(M.methods) do known = known or m == self.method end
  if not known then
    error("unknown summary method '" .. tostring(self.method) .. "' (" ..
          table.concat(M.methods, ", ") .. ")", 2)
  end
  local idf = params.idf
  if not idf and type(params.df) == "string" and params.df ~= "" then
    local err
    idf, err = require("galley.keywords").load_df(params.df)
    if not idf then error("df file: " .. err, 2) end
  end
  self.opts = { similarity = "cosine", idf = idf, lang = params.lang }
  if self.method == "textrank" then self.opts.similarity = "overlap"
  elseif self.method == "bm25" then self.opts.similarity = "bm25" end
  -- the weights of the news method, as galley.rank's g:summary takes them
  self.news = { position = self.position, title_weight = self.title, damping = self.damping,
                lambda = self.lambda, max_sim = self.max_sim, quote = self.quote,
                numbers = self.numbers, names = self.names, min_words = self.min_words }
  return self
end

-- The sentences that may be picked by the graph methods: enough content
-- words, not an item of a list; when none is, every sentence with a word.
local function eligible(feat, n, min_words)
  local lens, list = feat.content, feat.list
  local ok, any = {}, false
  for i = 1, n do
    ok[i] = lens[i] >= min_words and list[i] == 0
    any = any or ok[i]
  end
  if not any then
    for i = 1, n do ok[i] = feat.words[i] > 0 end
  end
  return ok
end

-- sm:scores(doc): the score of each sentence under the method (a list as
-- long as the ranked sentences; 0 for sentences that cannot be picked) and
-- the sentence graph.
--   news      in C (g:scores): PageRank of the cosine graph personalized
--             by the prior 1 / i^position * (1 + title * cosine with the
--             title), times 1 + numbers * min(figures, 2) / 2 + names *
--             min(capitalized words, 3) / 3, times quote for a sentence
--             with a quotation mark
--   lead      1 / i
--   others    plain PageRank of their graph
function Summarizer:scores(doc)
  local g = rank.sentences(doc, self.opts)
  local n = #g
  local method = self.method
  if method == "news" then
    local news = self.news
    news.title = doc.title
    return g:scores(news), g
  end
  local ok = eligible(g:features(), n, self.min_words)
  local score
  if method == "lead" then
    score = {}
    for i = 1, n do score[i] = 1 / i end
  else
    if method == "lexrank" then g:threshold(0.1, true) end
    score = g:pagerank()
  end
  for i = 1, n do
    if not ok[i] then score[i] = 0 end
  end
  return score, g
end

-- sm:extract(doc [, k]): up to k sentence spans (default params.k), in
-- document order.
function Summarizer:extract(doc, k)
  k = k or self.k
  if self.method == "news" then           -- one call: scores, MMR and spans in C
    local news = self.news
    news.title = doc.title
    return rank.sentences(doc, self.opts):summary(k, news)
  end
  local score, g = self:scores(doc)
  local n = #g
  local pick = g:mmr(score, k, 1)         -- relevance only: the top k
  table.sort(pick)
  local sents = doc:sentences()
  local out = {}
  for i = 1, #pick do
    if pick[i] <= n then out[#out + 1] = sents[pick[i]] end
  end
  return out
end

return M
