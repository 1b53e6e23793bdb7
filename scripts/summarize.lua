-- summarize.lua: an extractive summary of each article.
--   galley run scripts/summarize.lua seeds/
--   galley run summarize --set k=5 --set method=lexrank articles.jsonl -o summaries.jsonl
-- Record: {path, id, summary = [{start, end, text}, ...]}: k whole sentences
-- of the article (default 3) in document order; 0-based byte offsets into
-- the cleaned text, end exclusive.
-- Parameters: k=N, method=news|textrank|lexrank|bm25|lead (default news),
-- df=FILE (a df.lua output: corpus idf weights), and the weights of the
-- news method (position, title, damping, lambda, quote, numbers, names,
-- min_words). The policy lives in galley.summarize.
local summarize = require "galley.summarize"

local sm

return {
  setup = function(params)
    sm = summarize.new(params)
  end,
  process = function(doc)
    return { summary = sm:extract(doc) }
  end,
}
