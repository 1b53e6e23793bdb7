-- test_quotes.lua: galley.quotes over short articles written for these tests
-- and over seeds/000.
local galley = require "galley"
local quotes = require "galley.quotes"
local null = galley.json.null

local qx = quotes.new()

local function quotes_of(text)
  local doc = galley.document(text)
  local list = qx:extract(doc)
  for _, q in ipairs(list) do
    assert(doc.text:sub(q.start + 1, q["end"]) == q.text, q.text)
  end
  return list
end

-- same(list, {{text, speaker}, ...}): the quotes, in order
local function same(list, want)
  local got = {}
  for i, q in ipairs(list) do
    got[i] = string.format("%q<-%s", q.text, q.speaker == null and "null" or tostring(q.speaker))
  end
  local exp = {}
  for i, w in ipairs(want) do
    exp[i] = string.format("%q<-%s", w[1], w[2] or "null")
  end
  local a, b = table.concat(got, "\n"), table.concat(exp, "\n")
  assert(a == b, "got:\n" .. a .. "\nwant:\n" .. b)
end

-- split by the attribution; the second part keeps the speaker
same(quotes_of("“We are not leaving,” said Senator Amara Diallo, who led the protest. " ..
  "“Not today and not tomorrow.”"),
  { { "We are not leaving,", "Amara Diallo" }, { "Not today and not tomorrow.", "Amara Diallo" } })

-- according to a person introduced with a role; "the governor said:" stands
-- for the person introduced as governor
same(quotes_of("Work on the pier begins soon. According to harbor director Wen Li, " ..
  "“the dredging could start in spring.”"),
  { { "the dredging could start in spring.", "Wen Li" } })
same(quotes_of("Governor Marta Quill toured the valley on Friday. Asked about the delays, " ..
  "the governor said: “Nobody could have predicted this.”"),
  { { "Nobody could have predicted this.", "Marta Quill" } })

-- a lone surname after a dash speaks; "saying" attributes
same(quotes_of("We spoke about water.\n\n“Rivers do not stop at borders. Nor should we.” " ..
  "— Okonjo, on the treaty.\n\nThe mayor criticized the plan, saying, “It is far too late.”"),
  { { "Rivers do not stop at borders. Nor should we.", "Okonjo" },
    { "It is far too late.", nil } })
same(quotes_of("Mayor Ilse Brandt criticized the plan on Monday, saying, “It is far too late.”"),
  { { "It is far too late.", "Ilse Brandt" } })

-- a “ right after a word closes; a ” before a word opens
same(quotes_of("Towns in the so-called \"salt coast“, like Brena, shrank."),
  { { "salt coast", nil } })
same(quotes_of("Then: ”We will rebuild,” said Mayor Anja Lind."),
  { { "We will rebuild,", "Anja Lind" } })

-- a party and state tag is no speaker; a full name after "from" is a person
same(quotes_of("Senator Dana Whitcombe, D-Ore., called the vote “a win for families.” " ..
  "The team rallied behind 30 points from Marcus Brackett. “We found our rhythm,” Brackett said."),
  { { "a win for families.", "Dana Whitcombe" }, { "We found our rhythm,", "Marcus Brackett" } })

-- a line that opens with a mark while a quotation is open: the first
-- ended with its line, the second goes on with the same voice
same(quotes_of("Prime Minister Lena Holm spoke on Sunday. The minister said: \"The count is fair.\n" ..
  "\"Every party had observers.\"\n\nShe left."),
  { { "The count is fair.", "Lena Holm" }, { "Every party had observers.", "Lena Holm" } })
same(quotes_of("Holm said: “The count is fair.\n“Every party had observers.”"),
  { { "The count is fair.", "Holm" }, { "Every party had observers.", "Holm" } })

-- a quotation with no attribution of its own that starts a sentence after
-- one where somebody speaks, in the same paragraph
same(quotes_of("Mayor Ines Falk said the plan was flawed. “It will never work.”\n\n" ..
  "The report said costs rose. “We are worried.”"),
  { { "It will never work.", "Ines Falk" }, { "We are worried.", nil } })

-- a pronoun after the quote: the nearest person before it, of its gender
same(quotes_of("Minister Lucia Ferraro met Tomas Berg on Friday. Berg left early. " ..
  "“It went well,” she said."),
  { { "It went well,", "Lucia Ferraro" } })
same(quotes_of("Lucia Ferraro met Tomas Berg. “It went well,” he said."),
  { { "It went well,", "Tomas Berg" } })

-- attribution before the quote: said, colon, called it, described as, according to
same(quotes_of("Hana Kobayashi said: \"The data is clear.\""),
  { { "The data is clear.", "Hana Kobayashi" } })
same(quotes_of("Ivan Petrov called the ruling “a disgrace.”"),
  { { "a disgrace.", "Ivan Petrov" } })
same(quotes_of("What Governor Rosa Mendes described as a “historic day” began at dawn."),
  { { "historic day", "Rosa Mendes" } })
same(quotes_of("According to Oskar Lind, “nothing has changed.”"),
  { { "nothing has changed.", "Oskar Lind" } })

-- the short name in the attribution gives the full name
same(quotes_of("Ruth Okoye runs the clinic. “We need nurses,” Okoye told reporters."),
  { { "We need nurses,", "Ruth Okoye" } })

-- an organization's title before the name
same(quotes_of("“Orders are slowing,” Acme's chief executive, Helen Park, told analysts."),
  { { "Orders are slowing,", "Helen Park" } })

-- "the minister said": the person introduced with that title
same(quotes_of("Finance minister Carla Duarte met bankers. Her deputy, Rui Matos, stayed. " ..
  "“Rates will fall,” the minister said."),
  { { "Rates will fall,", "Carla Duarte" } })

-- a name after a dash
same(quotes_of("“Brains make wealth, not oil.” — Noa Peretz, on the region"),
  { { "Brains make wealth, not oil.", "Noa Peretz" } })

-- a quotation over two paragraphs: one record each, one speaker
same(quotes_of("“The first paragraph ends without a mark.\n\n" ..
  "“The second one closes it,” said Dr. Amir Haddad."),
  { { "The first paragraph ends without a mark.", "Amir Haddad" },
    { "The second one closes it,", "Amir Haddad" } })

-- titles and scare quotes without a speaker; straight and angle marks
same(quotes_of("The band played \"Blue Harbor\" twice. Its «new sound» drew crowds."),
  { { "Blue Harbor" }, { "new sound" } })

-- single marks: quotes, not apostrophes; a stray closing mark opens nothing
same(quotes_of("The so-called 'peace dividend' never came, the students' union said. " ..
  "Its ‘new deal’ failed."),
  { { "peace dividend" }, { "new deal" } })
same(quotes_of("When she was young,\" the family moved. \"It was fine\", Ada Novak said."),
  { { "It was fine", "Ada Novak" } })

-- an unclosed mark at the end of a paragraph stops there
same(quotes_of("He shouted “stop and ran.\n\nNothing else happened."),
  { { "stop and ran." } })

-- the sample article: four quotes, three speakers
local f = assert(io.open("seeds/000_cec43ca621291e6e.txt", "rb"))
local seed = f:read("a")
f:close()
local list = quotes_of(seed)
assert(#list == 4, #list)
assert(list[1].text == "rescue operation." and list[1].speaker == "Marco Rubio")
assert(list[2].text:find("^The US welcomes") and list[2].speaker == "Marco Rubio")
assert(list[3].text:find("^an important step") and list[3].speaker == "Javier Milei")
assert(list[4].text:find("^impeccable and epic") and list[4].speaker == "María Corina Machado")

-- entities and quotes from one scan
local ents, qs = qx:extract_all(galley.document(seed))
assert(#ents > 40 and #qs == 4)
local ex = require("galley.entities").new()
ents, qs = ex:extract_all(galley.document("He called it “a farce” and left."))
assert(#qs == 1 and qs[1].speaker == null)

print("test_quotes: ok")
