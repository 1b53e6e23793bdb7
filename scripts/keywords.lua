-- keywords.lua: the keyphrases of each article.
--   galley run scripts/keywords.lua seeds/
--   galley run scripts/df.lua corpus/ -o corpus.df.jsonl
--   galley run keywords --set df=corpus.df.jsonl --set n=5 corpus/
-- Record: {path, id, keywords = [{text, score}, ...]}: up to n phrases
-- (default 10), best first; the best scores 1.
-- Parameters: n=N, method=textrank|yake|tfidf (default textrank),
-- max_words=N (4), df=FILE (idf weights from a df.lua run), stop=FILE
-- (extra stop words, one a line). The policy lives in galley.keywords.
local keywords = require "galley.keywords"

local kx

return {
  setup = function(params)
    kx = keywords.new(params)
  end,
  process = function(doc)
    return { keywords = kx:extract(doc) }
  end,
}
