-- digest.lua: everything galley tells about an article, in one record.
--   galley run scripts/digest.lua seeds/ -o digest.jsonl
--   galley lua scripts/lib/show.lua digest.jsonl        # read it in a terminal
--   galley run scripts/df.lua corpus/ -o corpus.df.jsonl
--   galley run digest --set df=corpus.df.jsonl corpus/ -o digest.jsonl
-- Record: {path, id, title, text, words, sentences, byline, dateline,
-- credits, removed, entities, quotes, keywords, summary}:
--   text        the cleaned body (galley.clean): every span of the record
--               (entities, quotes, summary) points into it, 0-based, end
--               exclusive
--   words       word and number tokens of text; sentences: their count
--   entities    [{start, end, text, label, canonical, value}] (galley.entities)
--   quotes      [{start, end, text, speaker}] (galley.quotes)
--   keywords    [{text, score}], best first (galley.keywords)
--   summary     [{start, end, text}]: k sentences in document order
--               (galley.summarize)
-- Parameters: k, method (the summary's), n, kw_method (the keywords'), df=FILE (idf weights for
-- keywords and summary, and site chrome for clean), and those of each
-- module. When galley.entities or galley.quotes is missing, entities and
-- quotes are empty lists.
local galley = require "galley"
local clean = require "galley.clean"
local keywords = require "galley.keywords"
local summarize = require "galley.summarize"

local null = galley.json.null
local rank = galley.rank

local have_entities, entities = pcall(require, "galley.entities")
local have_quotes = pcall(require, "galley.quotes")

local cl, kx, sm, ex

local pipeline = {}

function pipeline.setup(params)
  local p = {}
  for k, v in pairs(params) do p[k] = v end
  if p.df and p.df ~= "" then
    p.chrome = p.chrome or p.df
    p.idf = keywords.load_df(p.df)
  end
  cl = clean.new(p)
  kx = keywords.new { n = p.n, method = p.kw_method, max_words = p.max_words, idf = p.idf,
                      stop = p.stop, lang = p.lang }
  sm = summarize.new(p)
  ex = have_entities and entities.new(p) or nil
end

function pipeline.process(doc)
  local r = cl:clean(doc)
  local d = cl:document(doc, r)
  local ents, quotes = {}, {}
  if ex then
    if have_quotes then ents, quotes = ex:extract_all(d) else ents = ex:extract(d) end
  end
  local words, sentences = rank.words(d)
  return {
    title = r.title or null,
    text = d.text,
    words = words,
    sentences = sentences,
    byline = r.byline or null,
    dateline = r.dateline or null,
    credits = r.credits,
    removed = r.removed,
    entities = ents,
    quotes = quotes,
    keywords = kx:extract(d),
    summary = sm:extract(d),
  }
end

return pipeline
