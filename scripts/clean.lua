-- clean.lua: each article's body without boilerplate.
--   galley run scripts/clean.lua seeds/
--   galley run scripts/df.lua site/ -o site.df.jsonl        # site chrome, once
--   galley run clean --set chrome=site.df.jsonl site/ -o clean.jsonl
-- Record: {path, id, title, text, removed = [{text, why}], byline,
-- credits = [...], dateline}: text is the body with share, reply,
-- navigation, cookie and subscribe lines, bylines, photo credits, time
-- stamps and the dateline taken out; removed lists the lines taken out
-- with why (boilerplate, chrome, byline, credit, date). With chrome=FILE,
-- lines that df.lua found in at least chrome_min documents (3) and
-- chrome_share of them (0.02) go too. The rules live in galley.clean.
local galley = require "galley"
local clean = require "galley.clean"

local null = galley.json.null
local cl

return {
  setup = function(params)
    cl = clean.new(params)
  end,
  process = function(doc)
    local r = cl:clean(doc)
    local d = cl:document(doc, r)     -- the title guessed again when it was chrome
    return { title = r.title or null, text = d.text, removed = r.removed,
             byline = r.byline or null, credits = r.credits, dateline = r.dateline or null }
  end,
}
