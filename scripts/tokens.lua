-- tokens.lua: the tokens of each document, as `galley tokens` writes them.
--   galley run tokens seeds/      (the same as: galley tokens seeds/)
-- Record: {path, tokens = [{start, end, text, kind}, ...]} with 0-based byte
-- offsets into the cleaned text, end exclusive.
return {
  process = function(doc)
    return { tokens = doc:tokens() }
  end,
}
