-- test_entities.lua: galley.entities over short articles written for these
-- tests, and over seeds/000 (the sample article of the README).
local galley = require "galley"
local entities = require "galley.entities"

local function check_error(msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "no error, expected: " .. msg)
  assert(tostring(err):find(msg, 1, true), "error '" .. tostring(err) .. "', expected: " .. msg)
end

local ex = entities.new()

local function ents(text, meta)
  local doc = galley.document(text, meta)
  local list = ex:extract(doc)
  for i, e in ipairs(list) do
    -- records point into the text, 0-based, end exclusive, in order
    assert(doc.text:sub(e.start + 1, e["end"]) == e.text, e.text)
    if i > 1 then assert(list[i - 1]["end"] <= e.start, "order or overlap at " .. e.text) end
  end
  return list
end

-- has(list, label, text [, field, value]): the record, or an error
local function has(list, label, text, field, value)
  for _, e in ipairs(list) do
    if e.label == label and e.text == text then
      if field then
        assert(e[field] == value, string.format("%s %q: %s is %s, want %s", label, text,
          field, tostring(e[field]), tostring(value)))
      end
      return e
    end
  end
  local got = {}
  for _, e in ipairs(list) do got[#got + 1] = e.label .. ":" .. e.text end
  error(string.format("no %s %q in {%s}", label, text, table.concat(got, ", ")), 2)
end

local function hasnt(list, text, label)
  for _, e in ipairs(list) do
    assert(not (e.text == text and (not label or e.label == label)),
      "unexpected " .. e.label .. " " .. text)
  end
end

-- no person after an article or a possessive, before a year in brackets,
-- or alone in quotation marks; a known person's name stays in "the
-- Quellbrook family"
l = ents("Critics praised the Harlow Quartet last spring. Pella Quellbrook directed " ..
  "Silent Orchard (2019) and Ostrova's Winter Ledger. The venue, called \"Moth Hollow\", " ..
  "opened late. Pella Quellbrook said the Quellbrook family was pleased.")
has(l, "PERSON", "Pella Quellbrook")
hasnt(l, "Harlow Quartet", "PERSON")
hasnt(l, "Silent Orchard", "PERSON")
hasnt(l, "Winter Ledger", "PERSON")
hasnt(l, "Moth Hollow", "PERSON")
has(l, "PERSON", "Quellbrook")

-- a title word that starts a name with a suffix is no title; acronyms that
-- are spelt like names; demonyms joined by a hyphen; languages
l = ents("General Motors and Major League Soccer signed a deal with ROS. " ..
  "The Iraqi-British architect spoke Hebrew and Roman Catholic prayers.")
has(l, "ORG", "General Motors")
has(l, "ORG", "Major League Soccer")
has(l, "ORG", "ROS")
hasnt(l, "Motors", "PERSON")
hasnt(l, "-British")
hasnt(l, "Hebrew")
hasnt(l, "Roman Catholic")

-- a place head that starts a sentence stays in the name
l = ents("The old fort was rebuilt. Fort Kelden is a small town on the river.")
has(l, "PLACE", "Fort Kelden")

-- a ruler's number stays with the name, but a war's makes no person
l = ents("Queen Adela II opened the bridge. Later, Osric I, lord of the valley, " ..
  "fought in World War II with Brannoch III of Tarsel.")
has(l, "PERSON", "Adela II")
has(l, "PERSON", "Osric I")
has(l, "PERSON", "Brannoch III")
hasnt(l, "World War II", "PERSON")

-- road numbers and currency codes are no acronyms of organizations; a
-- currency code after an amount is not left over as a name
l = ents("Traffic on the M4 and the A38 was slow. A room costs 450 SEK a night, " ..
  "or NOK 480 at the ATM rate, and the ferry 70 DKK.")
hasnt(l, "M4", "ORG")
hasnt(l, "A38", "ORG")
hasnt(l, "SEK")
hasnt(l, "DKK")
hasnt(l, "ATM", "ORG")
has(l, "MONEY", "450")
has(l, "MONEY", "NOK 480")

-- an organization word that is also a common word ends a name; a lone
-- organization word after "the" is the short form of one
l = ents("The story ran on Kestrel News last night, and the Assembly voted on it " ..
  "before the Tribunal met.")
has(l, "ORG", "Kestrel News")
has(l, "ORG", "Assembly")
has(l, "ORG", "Tribunal")
l = ents("The House passed the bill. Carlos Ruiz, a resident of Tarvin, agreed.")
has(l, "ORG", "House")
has(l, "PLACE", "Tarvin")

-- a decade and a century take their article
l = ents("Prices rose in the 1970s and fell in the 19th century.")
has(l, "DATE", "the 1970s")
has(l, "DATE", "the 19th century")
l = ents("Trade slumped in the mid-1990s and in the early 1880s, and again in mid-2021.")
has(l, "DATE", "the mid-1990s")
has(l, "DATE", "the early 1880s")
has(l, "DATE", "mid-2021", "value", "2021")

-- houses of worship are places
l = ents("Pilgrims gathered at the Vendri Mosque and the Old Orlan Cathedral.")
has(l, "PLACE", "Vendri Mosque")
has(l, "PLACE", "Old Orlan Cathedral")

-- a known organization in front of words that are no name of ours; an
-- organization's "of" part may hold "and" or be a particle; "&" between
-- two places joins no organization; listed names with lower-case words
l = ents("Staff of the UNICEF Lantern programme and Save the Children met officials " ..
  "from the Ministry of Fisheries and Coastal Affairs, the Conservatoire de Valdera " ..
  "and Halvor Industries. Buses run to Lyon & Nantes.")
has(l, "ORG", "UNICEF")
has(l, "ORG", "Save the Children")
has(l, "ORG", "Ministry of Fisheries and Coastal Affairs")
has(l, "ORG", "Conservatoire de Valdera")
has(l, "ORG", "Halvor Industries")
has(l, "PLACE", "Lyon")
has(l, "PLACE", "Nantes")
hasnt(l, "Lyon & Nantes")

-- years with a cue: "c." and a range, "in" before punctuation or a name,
-- "present" or a short year after a range; not an amount after "in"
l = ents("The scholar Marcus Dell of Tellen (c. 312 – 361) wrote. In 412, the town fell. " ..
  "He played in 300 games for Ardel (2009 – present) and wrote in 1881 – 84 at the London 2012 games.")
has(l, "DATE", "312")
has(l, "DATE", "361")
has(l, "DATE", "412")
has(l, "DATE", "present")
has(l, "DATE", "84")
has(l, "DATE", "2012")
hasnt(l, "300", "DATE")
has(l, "PLACE", "Tellen")

-- the past and the future after a preposition; times of day after "at" or
-- in the plural; units of time before "ago"
l = ents("In the past the river flooded at night and in the evenings; centuries ago " ..
  "it was dry. Plans for the future were drawn. The past decade was warm.")
has(l, "DATE", "the past")
has(l, "DATE", "the future")
has(l, "TIME", "night")
has(l, "TIME", "the evenings")
has(l, "DATE", "centuries ago")
hasnt(l, "The past", "DATE")

-- places from context: after "the mayor of", a quarter of the world after
-- "the"; a place word that is no family name makes a place even after a
-- first name; hotels; a French title
l = ents("The mayor of Brinvale flew over the Alma Glacier to the Kestane Hotel with " ..
  "Helen Park. Support from the West grew, and Madame Orvel agreed.")
has(l, "PLACE", "Brinvale")
has(l, "PLACE", "Alma Glacier")
has(l, "PLACE", "Kestane Hotel")
has(l, "PERSON", "Helen Park")
has(l, "PLACE", "West")
has(l, "PERSON", "Orvel")

-- the last organization or place word before "of"/"for" decides; a team
-- name ends a name; a place after "in" is no organization in a list; a
-- listed organization after a place; a curated organization beats a
-- place of the same name; "one" as a pronoun is no amount
l = ents("The U.S. District Court for the Western District of Ardenia fined the Tarvik " ..
  "Pelicans. Meta opened an office in Velmora, and Google hired staff. U.S. Customs and " ..
  "Border Protection agents met them. The old plan failed, so they tried a similar one.")
has(l, "ORG", "U.S. District Court for the Western District of Ardenia")
has(l, "ORG", "Tarvik Pelicans")
has(l, "ORG", "Meta")
has(l, "PLACE", "Velmora")
has(l, "ORG", "U.S. Customs and Border Protection")
hasnt(l, "one", "QUANTITY")
l = ents("Cardinals met in Rome as the St. Louis Cardinals beat the Tampa Bay Rays.")
hasnt(l, "Cardinals", "ORG")
has(l, "ORG", "St. Louis Cardinals")
has(l, "ORG", "Tampa Bay Rays")

-- words shaped like adjectives or participles make no person's name, and
-- start no name at the start of a sentence; a capitalized word that the
-- article also writes in lower case is no acronym
l = ents("The romantic comedy Chasing Liberty drew crowds. They chose Creative Commons " ..
  "terms. Considering Lisbon is far, we flew. The HUGE panel was huge.")
hasnt(l, "Chasing Liberty", "PERSON")
hasnt(l, "Creative Commons", "PERSON")
has(l, "PLACE", "Lisbon")
hasnt(l, "HUGE", "ORG")

-- numbered roads and numbered place words are places, not amounts; an
-- organization after a demonym stands alone
l = ents("Terminal 2 is closed, so drive I-80 West or take Route 9 to Gate 14. " ..
  "She is a Brazilian YouTube star.")
has(l, "PLACE", "Terminal 2")
has(l, "PLACE", "I-80 West")
has(l, "PLACE", "Route 9")
has(l, "PLACE", "Gate 14")
hasnt(l, "2", "QUANTITY")
has(l, "ORG", "YouTube")

-- an unknown name in a company's context is an organization
l = ents("Shares of Veltrix rose after Zorbanet's chief executive quit. Analysts said " ..
  "Quillon, a software maker, hired staff.")
has(l, "ORG", "Veltrix")
has(l, "ORG", "Zorbanet")
has(l, "ORG", "Quillon")

-- an acronym spelt out as words that name no organization is none in the
-- whole article; spelt out as an organization's name it is one
l = ents("Growth in net asset value (NAV) slowed, and the Halvic Defence " ..
  "Council (HDC) blamed the tariffs. NAV may fall again, the HDC said. The VM " ..
  "[virtual microscope] helps; the VM is free.")
hasnt(l, "NAV", "ORG")
hasnt(l, "VM", "ORG")
has(l, "ORG", "Halvic Defence Council")
has(l, "ORG", "HDC")

-- fields of study and creeds after a preposition are no places
l = ents("She took a degree in Hydrology, converted to Zentarianism and moved to Velmora.")
hasnt(l, "Hydrology")
hasnt(l, "Zentarianism")
has(l, "PLACE", "Velmora")

-- a camel-case name is a company's, not a family name with a prefix nor a
-- product's letters; a website after a preposition is no place
l = ents("Fans of KelpTube met Ron DeSantis and Sam McCarthy at Kelpie.com to test VoxBotGPT.")
has(l, "ORG", "KelpTube")
has(l, "PERSON", "Ron DeSantis")
has(l, "PERSON", "Sam McCarthy")
hasnt(l, "Kelpie.com", "PLACE")
hasnt(l, "VoxBotGPT", "ORG")

-- place words that are also family names keep a person's name
l = ents("Tom Ridge met Bill Gates, Nick Parish and Bruce Arena.")
for _, p in ipairs { "Tom Ridge", "Bill Gates", "Nick Parish", "Bruce Arena" } do
  has(l, "PERSON", p)
end

-- a school named after its town is an organization where one studies
l = ents("She studied at Cambridge and graduated from Kelvinmoor. He flew to Cambridge.")
has(l, "ORG", "Cambridge")
has(l, "ORG", "Kelvinmoor")
has(l, "PLACE", "Cambridge")

-- cities from the gazetteer, organizations from the list
l = ents("Officials in Surabaya and Porto Alegre met Xinhua and Goldman Sachs reporters.")
has(l, "PLACE", "Surabaya")
has(l, "PLACE", "Porto Alegre")
has(l, "ORG", "Xinhua")
has(l, "ORG", "Goldman Sachs")

-- vague time expressions headed by a time noun
l = ents("The mill closed at the end of the season. In his sophomore year he " ..
  "trained every week and worked for decades. She was 20 years old. " ..
  "Since the fall of the old regime, they have met each other all the time.")
has(l, "DATE", "the end of the season")
has(l, "DATE", "his sophomore year")
has(l, "DATE", "every week")
has(l, "DATE", "decades")
has(l, "DATE", "20 years")
hasnt(l, "the fall")
hasnt(l, "20", "QUANTITY")
l = ents("The ferry costs $5 a day. A night service starts soon; the day he left was cold.")
hasnt(l, "a day")
hasnt(l, "A night")
has(l, "DATE", "the day")

-- numbers that are no amounts: names, phone numbers, the pronoun "one"
l = ents("He joined Sky One in May. Call +4455123456 or 0590883899. " ..
  "One must wait, and one's patience wears thin; one of the 12 guides agreed.")
hasnt(l, "One", "QUANTITY")
hasnt(l, "4455123456")
hasnt(l, "0590883899")
has(l, "QUANTITY", "one")
has(l, "QUANTITY", "12")
for _, e in ipairs(l) do
  assert(not (e.label == "QUANTITY" and e.start < 60 and e.text == "One"), "Sky One")
end

-- unknown names after "to", "at", "via" are places, but not after "spoke to"
l = ents("The convoy moved to Velmora via Ostrakand and stopped at Brenholt. " ..
  "Later she spoke to Keswani Duarte about it.")
has(l, "PLACE", "Velmora")
has(l, "PLACE", "Ostrakand")
has(l, "PLACE", "Brenholt")
hasnt(l, "Keswani Duarte", "PLACE")

-- a capitalized common word within a sentence starts a suffixed name
l = ents("She joined the New Harbor Movement in May and later the Old Mill Society.")
has(l, "ORG", "New Harbor Movement")
has(l, "ORG", "Old Mill Society")

-- museums are places; US states as news agencies abbreviate them
l = ents("The Harwick Museum of Art in Dayton, Ohio, lent works to a gallery in Reno, Nev., " ..
  "and to one in Washington, D.C.")
has(l, "PLACE", "Harwick Museum of Art")
has(l, "PLACE", "Nev.", "canonical", "Nevada")
has(l, "PLACE", "D.C")          -- the full stop ends the sentence
has(l, "PLACE", "Washington")   -- also the start of the place "Washington, D.C."

-- particles with a hyphen; a lower-case particle elsewhere in the article
-- does not make a name common; a full name after "the" stays
l = ents("The deal was signed by Farid al-Kassem and Tomasz de Wenzel. Many of the " ..
  "trees de la plaine were cut. Critics liked the Gregory Pell translation.")
has(l, "PERSON", "Farid al-Kassem")
has(l, "PERSON", "Tomasz de Wenzel")
has(l, "PERSON", "Gregory Pell")

-- a known name in front of an event or award keeps its label
l = ents("Qatar hosted the FIFA World Cup before the Cannes Film Festival; the Nobel Peace Prize went elsewhere.")
has(l, "ORG", "FIFA")
has(l, "PLACE", "Cannes")
hasnt(l, "Nobel Peace Prize")
hasnt(l, "FIFA World Cup")

-- storms are named like people but are none
l = ents("Hurricane Delphine hit Tampico. Later, Typhoon Marisol struck Manila.")
hasnt(l, "Delphine")
hasnt(l, "Hurricane Delphine")
hasnt(l, "Marisol")
has(l, "PLACE", "Manila")

-- more times: plural weekdays, years with 's, eras, clock ranges, decades
-- of life, "a while"; counts of times are no dates
l = ents("The market opens on Sundays from 08:00 to 14:00. Prices rose in the 1930's. " ..
  "The wall dates from 508 BC. She kept acting into her 80s and rested for a while. " ..
  "We checked three times.")
has(l, "DATE", "Sundays")
has(l, "TIME", "08:00 to 14:00")
has(l, "DATE", "the 1930's")
has(l, "DATE", "508 BC")
has(l, "DATE", "her 80s")
has(l, "DATE", "a while")
hasnt(l, "three times")
has(l, "QUANTITY", "three")

-- "River" and "Loch" start places too
l = ents("The River Alder burst its banks near Loch Fenn.")
has(l, "PLACE", "River Alder")
has(l, "PLACE", "Loch Fenn")

-- sports teams from the list, and with a city in front
l = ents("The Lakers beat the Boston Celtics; Real Madrid drew with Bayern Munich.")
has(l, "ORG", "Lakers")
has(l, "ORG", "Boston Celtics")
has(l, "ORG", "Real Madrid")
has(l, "ORG", "Bayern Munich")

-- a name listed with a place is a place, with an organization an organization
l = ents("Floods hit Porto Alegre and Vastrell, while Orrinford, Lisbon or Kelbay stayed dry.")
has(l, "PLACE", "Vastrell")
has(l, "PLACE", "Orrinford")
has(l, "PLACE", "Kelbay")
l = ents("The ads ran on Google, Quillfeed and Reuters.")
has(l, "ORG", "Quillfeed")

-- titles stay out of the span; short forms link to the full name
local l = ents("Former Defence Minister Tomas Lindqvist resigned on Monday. " ..
  "Lindqvist, 64, said the decision was his own. Prime Minister Aino Virtanen thanked him.")
has(l, "PERSON", "Tomas Lindqvist", "canonical", "Tomas Lindqvist")
has(l, "PERSON", "Lindqvist", "canonical", "Tomas Lindqvist")
has(l, "PERSON", "Aino Virtanen")
has(l, "DATE", "Monday")
has(l, "QUANTITY", "64")
hasnt(l, "Defence Minister Tomas Lindqvist")
hasnt(l, "Prime Minister Aino Virtanen")

-- sentence-initial words: names kept, common words dropped
l = ents("Authorities closed the road. Meanwhile, Okonkwo arrived from Lagos. " ..
  "Okonkwo Adebayo later spoke to reporters in Abuja.")
hasnt(l, "Authorities")
hasnt(l, "Meanwhile")
has(l, "PERSON", "Okonkwo Adebayo")
has(l, "PERSON", "Okonkwo", "canonical", "Okonkwo Adebayo")
has(l, "PLACE", "Lagos")
has(l, "PLACE", "Abuja")

-- possessives and demonyms
l = ents("Brazil’s foreign ministry summoned the Argentine envoy. " ..
  "Peru's President Dina Bolaños did not comment, and Chilean officials declined too.")
has(l, "PLACE", "Brazil")
has(l, "PLACE", "Peru")
has(l, "PERSON", "Dina Bolaños")
hasnt(l, "Brazil’s")
hasnt(l, "Argentine")
hasnt(l, "Chilean")

-- organizations: suffixes, "X of Y" heads, known names, acronyms, nesting
l = ents("The Central Bank of Kenya and the University of Ghana signed a deal with " ..
  "Mwangi Holdings Ltd. and NATO. The Ministry of Health of Uganda welcomed it.")
has(l, "ORG", "Central Bank of Kenya")
has(l, "ORG", "University of Ghana")
has(l, "ORG", "Mwangi Holdings Ltd.")
has(l, "ORG", "NATO")
has(l, "ORG", "Ministry of Health of Uganda")
hasnt(l, "Kenya", "PLACE")

-- firms with "&", a wire service, list numbers, awards
l = ents("PORT ELLIS (Coastline Wire) — Analysts at Hartley & Moss expect the merger.\n" ..
  "1. Rates stay high.\n2. Prices fall.\nShe won the Golden Quill Prize for it.")
has(l, "ORG", "Hartley & Moss")
has(l, "ORG", "Coastline Wire")
hasnt(l, "1")
hasnt(l, "2")
hasnt(l, "Golden Quill Prize")

-- places with an alias; place heads and suffixes
l = ents("Flights from the U.S. to Lake Victoria and the Rift Valley resumed. The UK followed.")
has(l, "PLACE", "U.S.", "canonical", "United States")
has(l, "PLACE", "Lake Victoria")
has(l, "PLACE", "Rift Valley")
has(l, "PLACE", "UK", "canonical", "United Kingdom")

-- amounts
l = ents("The fund lost $3.36bn, or 4.5 percent, and cut 1,200 jobs; twenty-five " ..
  "branches closed and more than 20 deaths were reported. It paid €46 million in 2023.")
has(l, "MONEY", "$3.36bn")
has(l, "PERCENT", "4.5 percent")
has(l, "QUANTITY", "1,200")
has(l, "QUANTITY", "twenty-five")
has(l, "QUANTITY", "20")
has(l, "MONEY", "€46 million")
has(l, "DATE", "2023", "value", "2023")
hasnt(l, "2023", "QUANTITY")

-- dates and times, with values from the article's date
l = ents("On Tuesday, the council met at 10:30 a.m. It last met in March and will meet " ..
  "again next month. The plan dates from 5 June 2019; two months later it was cut. " ..
  "Yesterday the mayor left; she returns on Jan. 9, 2025.", { date = "2024-11-14" })
has(l, "DATE", "Tuesday", "value", "2024-11-12")
has(l, "TIME", "10:30 a.m")
has(l, "DATE", "March", "value", "2024-03")
has(l, "DATE", "next month", "value", "2024-12")
has(l, "DATE", "5 June 2019", "value", "2019-06-05")
has(l, "DATE", "two months later", "value", nil)
has(l, "DATE", "Yesterday", "value", "2024-11-13")
has(l, "DATE", "Jan. 9, 2025", "value", "2025-01-09")
hasnt(l, "two", "QUANTITY")

-- date values alone
assert(entities.date_value("March 2024") == "2024-03")
assert(entities.date_value("September 3, 1999") == "1999-09-03")
assert(entities.date_value("December") == nil)
assert(entities.date_value("December", { year = 2025, month = 1, day = 5 }) == "2024-12")
assert(entities.date_value("last year", { year = 2025, month = 1, day = 5 }) == "2024")
assert(entities.date_value("three years ago", { year = 2025, month = 1, day = 5 }) == "2022")
assert(entities.date_value("the 1990s") == nil)
assert(entities.parse_date("2026-11-02T10:00:00Z").month == 11)

-- parameters: labels kept, more places, more words by class
local only = entities.new { labels = "PERSON,PLACE", places = { "Qarth" },
                            lists = { title = "Warden" } }
local doc = galley.document("Warden Ilse Brandt of Qarth paid $5 on Friday.")
l = only:extract(doc)
has(l, "PERSON", "Ilse Brandt")
has(l, "PLACE", "Qarth")
hasnt(l, "$5")
hasnt(l, "Friday")
check_error("unknown class 'colour'", function() galley.tagger():add("red", "colour") end)
check_error("empty phrase", function() galley.tagger():add("  ", "place") end)
local t = galley.tagger()
assert(t:add("Qarth", "place") == true and t:add("qarth", "place") == false and #t == 1)
assert(t:add_list("# places\nAsshai\nYunkai\tYunkai City\n\n", "place") == 2)
assert(tostring(t):find("galley.Tagger", 1, true))

-- news organizations: a title after "Ministry of", an office named after a
-- title, hyphenated acronyms, words around a name that say what it is
l = ents("The Ministry of Justice and the Office of the Attorney General met. " ..
  "Later, the Attorney General's Office and the Sheriff's Office agreed. " ..
  "The strike was backed by the AFL-CIO. The ruling party Morvena lost, and " ..
  "state oil company Petrovalle de Anzoa cut output. Reporters at the Kestra news " ..
  "agency said Ilmar Dovic, leader of Vento Claro, was detained.")
has(l, "ORG", "Ministry of Justice")
has(l, "ORG", "Office of the Attorney General")
has(l, "ORG", "Attorney General's Office")
has(l, "ORG", "Sheriff's Office")
has(l, "ORG", "AFL-CIO")
has(l, "ORG", "Morvena")
has(l, "ORG", "Petrovalle de Anzoa")
has(l, "ORG", "Kestra")
has(l, "ORG", "Vento Claro")
has(l, "PERSON", "Ilmar Dovic")
l = ents("The Ardley-based think tank Brookwell Institute and chipmaker Halvexa sued. " ..
  "He set up a website SpreadingNews.com to share it.")
has(l, "ORG", "Brookwell Institute")
has(l, "ORG", "Halvexa")
hasnt(l, "SpreadingNews.com", "ORG")
l = ents("And the head of NATO, Vrel Stallbrand, he has argued for it. Google, Quillix " ..
  "and Yahoo disagreed.")
hasnt(l, "Vrel Stallbrand", "ORG")
has(l, "ORG", "Quillix")
l = ents("Telvacom said its service was down. Vrenko, the state power utility, cut " ..
  "supply. The Andean Basin Community and Hallmar Motor met.")
has(l, "ORG", "Telvacom")
has(l, "ORG", "Vrenko")
has(l, "ORG", "Andean Basin Community")
has(l, "ORG", "Hallmar Motor")
hasnt(l, "Telvacom", "PERSON")
l = ents("The government would send the Marovian Defence Force, and the Nationals agreed.")
has(l, "ORG", "Marovian Defence Force")
has(l, "ORG", "Nationals")
l = ents("Damage could top A$2 billion, or NZ$2.2 billion.")
has(l, "MONEY", "A$2 billion")
has(l, "MONEY", "NZ$2.2 billion")
hasnt(l, "A$", "ORG")
l = ents("Analysts at Bernvale said rates would rise. She worked for Quillon for years. " ..
  "Officials in Tarvin agreed.")
has(l, "ORG", "Bernvale")
has(l, "ORG", "Quillon")
has(l, "PLACE", "Tarvin")
l = ents("The Energy and Mines Ministry and the Harbour Pilots' Federation said so. " ..
  "Shares of Kuehne + Vallar fell. The Ombudsman's Office agreed, said pollster Ipsara " ..
  "Norte. Brelco, the state-controlled oil company, and Agrona, publisher of the Daily " ..
  "Lumen, said nothing. The Marovian People's Party won. Federation said it would wait.")
has(l, "ORG", "Energy and Mines Ministry")
has(l, "ORG", "Harbour Pilots' Federation")
has(l, "ORG", "Kuehne + Vallar")
has(l, "ORG", "Ombudsman's Office")
has(l, "ORG", "Ipsara Norte")
has(l, "ORG", "Brelco")
has(l, "ORG", "Agrona")
has(l, "ORG", "Marovian People's Party")
hasnt(l, "Federation", "PERSON")
l = ents("The Office of the Marovian Data Commissioner fined Brelvo, and the airport " ..
  "operator Aenor agreed. The Famine Early Warning Systems Network said rains failed. " ..
  "Medivex, the country's largest health insurer, was hacked.")
has(l, "ORG", "Office of the Marovian Data Commissioner")
has(l, "ORG", "Aenor")
has(l, "ORG", "Famine Early Warning Systems Network")
has(l, "ORG", "Medivex")
l = ents("Radio Valdés and the newspaper La Corneta reported long lines.")
has(l, "ORG", "Radio Valdés")
has(l, "ORG", "La Corneta")
l = ents("The Okoro coalition won, and the Adani group fell.")
hasnt(l, "Okoro", "ORG")
has(l, "ORG", "Adani")
hasnt(l, "Justice", "PERSON")
hasnt(l, "Petrovalle de Anzoa", "PERSON")

-- "on", "to", "and" and plural possessives inside names; "the" out of the span
l = ents("The Harbour Commission on Coastal Erosion and the Committee to Protect " ..
  "Reef Divers wrote to the United Nations Relief and Works Agency. Dockers of the " ..
  "International Netmakers' Union and the Longshoremen's Association joined them. " ..
  "The Security Council on Syria met, and the Senate on Tuesday.")
has(l, "ORG", "Harbour Commission on Coastal Erosion")
has(l, "ORG", "Committee to Protect Reef Divers")
has(l, "ORG", "United Nations Relief and Works Agency")
has(l, "ORG", "International Netmakers' Union")
has(l, "ORG", "Longshoremen's Association")
has(l, "ORG", "Security Council")
has(l, "PLACE", "Syria")
has(l, "ORG", "Senate")

-- "X and Y" is one name only when a plain word comes before "and"
l = ents("Dalvik Mining Inc. and Orren Freight Corp. merged; Tom Quarry and Acme Corp. sued. " ..
  "The Conservatoire de Valdera and Halvor Industries signed too.")
has(l, "ORG", "Dalvik Mining Inc.")
has(l, "ORG", "Orren Freight Corp.")
has(l, "PERSON", "Tom Quarry")
has(l, "ORG", "Acme Corp.")
has(l, "ORG", "Conservatoire de Valdera")
has(l, "ORG", "Halvor Industries")

-- a newspaper after a capital "The"; works of art are left alone; a known
-- "The X" loses its article
l = ents("The mayor told The Clarion that the plan was dead, according to The " ..
  "Morning Lantern. The Weekly Ferret reported it first. She starred in The Glass " ..
  "Orchard. He wrote for The Economist.")
has(l, "ORG", "Clarion")
has(l, "ORG", "Morning Lantern")
has(l, "ORG", "Economist")
hasnt(l, "Glass Orchard", "ORG")
hasnt(l, "The Economist")

-- companies in lists before a speech verb, appositions, a possessive place
l = ents("Petrobras and Orvalta said output rose. Zenthra, Estonia's state energy " ..
  "company, reported damage. Shares of Moody's Investors Service fell.")
has(l, "ORG", "Petrobras")
has(l, "ORG", "Orvalta")
has(l, "ORG", "Zenthra")
has(l, "PLACE", "Estonia")
has(l, "ORG", "Moody's Investors Service")
hasnt(l, "Orvalta", "PERSON")

-- a title word that ends names; a court; foreign heads; a Spanish article
l = ents("Teams from the National Guard and the General Court arrived. The central " ..
  "bank, Banco Meridional, and the Partido Verdeal backed the Ministerio de Pesca. " ..
  "Reporters at El Faro Diario said the Frente Unido won.")
has(l, "ORG", "National Guard")
has(l, "ORG", "General Court")
has(l, "ORG", "Banco Meridional")
has(l, "ORG", "Partido Verdeal")
has(l, "ORG", "Ministerio de Pesca")
has(l, "ORG", "Frente Unido")
hasnt(l, "El Faro Diario", "PERSON")
hasnt(l, "Court", "PERSON")

-- a short form in brackets after an organization, a journal, a college
-- named with its town
l = ents("Experts at the Ardley Cruz Foundation (Ardcruz) agreed. The study, published " ..
  "in Verity, was funded. Dr. Amara Okafor of Imperial College London said so.")
has(l, "ORG", "Ardley Cruz Foundation")
has(l, "ORG", "Ardcruz")
has(l, "ORG", "Verity")
has(l, "PERSON", "Amara Okafor")
has(l, "ORG", "Imperial College London")

-- a place that wins or loses a game with a score is a team; not a player's
-- country, nor a place without a score
l = ents("Leeds beat Norwich 2-1 in Rome. Later, the visitors drew 1–1 with Napoli. " ..
  "Switzerland's Ivo Brandt beat Spain's Tomas Ruiz 6-4. Norwich lost ground in 2022.")
has(l, "ORG", "Leeds")
has(l, "ORG", "Norwich")
has(l, "PLACE", "Rome")
has(l, "ORG", "Napoli")
has(l, "PLACE", "Switzerland")
has(l, "PLACE", "Spain")
has(l, "PERSON", "Tomas Ruiz")
has(l, "PLACE", "Norwich")

-- a news wire: parties, ministries, agencies, companies, media, international
-- bodies; "the" never in the span; an organization used as a place
l = ents("CARACAS (Reuters) - Venezuela's National Electoral Council (CNE) said on " ..
  "Monday that the Socialist Party had lost, but the CNE gave no figures. The United " ..
  "Nations, the European Union and the Organization of American States asked for an " ..
  "audit. The Interior Ministry said the army would guard the polls; officials at " ..
  "the Pentagon said nothing. Petróleos de Venezuela, known as PDVSA, exported more. " ..
  "Shares of Goldman Sachs and Alphabet Inc. fell, while Meta rose after The Associated " ..
  "Press reported a deal. Reuters' reporting was confirmed by the BBC and El País. In " ..
  "Mexico, Morena won; in Israel, Likud lost; in Britain the Conservatives trailed " ..
  "Labour. The IMF, NATO and the Federal Reserve declined to comment. Amazon shares " ..
  "fell as fires burned in the Amazon.")
for _, o in ipairs { "Reuters", "National Electoral Council", "CNE", "Socialist Party",
                     "United Nations", "European Union", "Organization of American States",
                     "Interior Ministry", "Pentagon", "Petróleos de Venezuela", "PDVSA",
                     "Goldman Sachs", "Alphabet Inc.", "Meta", "Associated Press", "BBC",
                     "El País", "Morena", "Likud", "Conservatives", "Labour", "IMF", "NATO",
                     "Federal Reserve", "Amazon" } do
  has(l, "ORG", o)
end
has(l, "PLACE", "Amazon")
has(l, "PLACE", "Venezuela")
hasnt(l, "The Associated Press")
hasnt(l, "Reuters'")
hasnt(l, "army")

-- the sample article: every person, place and date a careful reader marks
local f = assert(io.open("seeds/000_cec43ca621291e6e.txt", "rb"))
local seed = f:read("a")
f:close()
doc = galley.document(seed, { date = "2025-05-07" })
l = ex:extract(doc)
for _, p in ipairs { "Marco Rubio", "Nicolás Maduro", "María Corina Machado", "Rubio",
                     "Javier Milei", "Milei", "Machado", "Fernando Martinez", "Maduro" } do
  has(l, "PERSON", p)
end
has(l, "PERSON", "Rubio", "canonical", "Marco Rubio")
has(l, "PERSON", "Maduro", "canonical", "Nicolás Maduro")
local maduro = 0
for _, e in ipairs(l) do
  if e.label == "PERSON" and e.text == "Maduro" then maduro = maduro + 1 end
end
assert(maduro == 5, "Maduro " .. maduro .. " times, want 5 (the Maduro regime)")
for _, p in ipairs { "Venezuela", "Caracas", "United States", "U.S.", "US", "Argentina",
                     "Buenos Aires", "Brazil" } do
  has(l, "PLACE", p)
end
has(l, "DATE", "March 2024", "value", "2024-03")
has(l, "DATE", "December", "value", "2024-12")
has(l, "DATE", "two months later")
has(l, "DATE", "August", "value", "2024-08")
has(l, "DATE", "September", "value", "2024-09")
has(l, "DATE", "Tuesday", "value", "2025-05-06")
has(l, "QUANTITY", "five")
has(l, "QUANTITY", "20")
hasnt(l, "Argentinian")
hasnt(l, "Venezuela’s")
hasnt(l, "Secretary of State Marco Rubio")
for _, e in ipairs(l) do
  assert(not e.text:find("Share") and not e.text:find("Leave") and not e.text:find("Exit"),
    "boilerplate tagged: " .. e.text)
end

-- local titles stay out of the span; a titled name with a town's first
-- word ending in "-s" is no team; a country's possessive before a name
local civic = ents("Councilor Amelia Tran spoke first. Magistrate Alba Lucía Torres " ..
  "closed the hearing. Kenya's Faith Jepchumba won the race, and Ethiopia's Dawit " ..
  "Bekele came second. Mexico's Day of the Dead drew crowds.")
has(civic, "PERSON", "Amelia Tran")
has(civic, "PERSON", "Alba Lucía Torres")
has(civic, "PERSON", "Faith Jepchumba")
has(civic, "PERSON", "Dawit Bekele")
hasnt(civic, "Councilor Amelia Tran")
hasnt(civic, "Day of the Dead", "PERSON")
local study = ents("Co-author Jean-Luc Moreau led the survey of the glacier.")
has(study, "PERSON", "Jean-Luc Moreau")

print("test_entities: ok")
