-- entities.lua: people, organizations, places, dates, times and amounts.
--   galley run scripts/entities.lua seeds/
--   galley run entities --set date=2025-01-05 articles.jsonl -o entities.jsonl
-- Record: {path, id, entities = [{start, end, text, label, canonical, value}]}
-- with label one of PERSON ORG PLACE DATE TIME MONEY PERCENT QUANTITY, each
-- mention once, in document order; 0-based byte offsets into the cleaned
-- text, end exclusive. canonical: the fullest form of a name in the article
-- ("Marco Rubio" for "Rubio"); value: ISO date when it can be resolved.
-- Parameters: date=YYYY-MM-DD (when the input has no date field),
-- labels=PERSON,ORG (keep only these). The rules live in galley.entities.
local entities = require "galley.entities"

local ex

return {
  setup = function(params)
    ex = entities.new(params)
  end,
  process = function(doc)
    return { entities = ex:extract(doc) }
  end,
}
