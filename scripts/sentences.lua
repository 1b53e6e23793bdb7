-- sentences.lua: the sentences of each document, as `galley sentences` writes them.
--   galley run sentences seeds/   (the same as: galley sentences seeds/)
-- Record: {path, title, sentences = [{start, end, text}, ...]} with 0-based
-- byte offsets into the cleaned text, end exclusive.
return {
  process = function(doc)
    return { title = doc.title, sentences = doc:sentences() }
  end,
}
