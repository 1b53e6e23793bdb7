-- quotes.lua: direct quotations and their speakers.
--   galley run scripts/quotes.lua seeds/
-- Record: {path, id, quotes = [{start, end, text, speaker}]}: the quoted
-- text without its marks (0-based byte offsets into the cleaned text, end
-- exclusive) and the fullest name of who said it, or null. A quotation over
-- several paragraphs gives one span a paragraph. The rules live in
-- galley.quotes.
local quotes = require "galley.quotes"

local qx

return {
  setup = function(params)
    qx = quotes.new(params)
  end,
  process = function(doc)
    return { quotes = qx:extract(doc) }
  end,
}
