-- test_clean.lua: galley.clean and the clean pipeline on the sample
-- article of seeds/ and on scraped pages written for these tests.
local galley = require "galley"
local clean = require "galley.clean"

local function check_error(msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error with: " .. msg)
  assert(tostring(err):find(msg, 1, true), "error was: " .. tostring(err))
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local cl = clean.new()

-- the sample article ends with "Share", "Leave A Reply", "Exit mobile version"
local seed = galley.document(read("seeds/000_cec43ca621291e6e.txt"))
local r = cl:clean(seed)
assert(r.changed)
assert(#r.removed == 3, #r.removed)
assert(r.removed[1].text == "Share" and r.removed[1].why == "boilerplate")
assert(r.removed[2].text == "Leave A Reply" and r.removed[3].text == "Exit mobile version")
assert(r.text:sub(-#"remain under wraps.") == "remain under wraps.", r.text:sub(-40))
assert(r.text:sub(1, 30) == seed.text:sub(1, 30))
assert(not r.byline and not r.dateline and #r.credits == 0)

-- a text with nothing to take out comes back as it is
local plain = "Rain is expected on Friday.\n\nThe river may rise by a meter."
local same = cl:clean(plain)
assert(not same.changed and same.text == plain and #same.removed == 0)

-- a scraped page: navigation, byline, dateline, credits, stamps, cookies
local page = [[
Skip to content
Menu
By Jane Okoro and PETER LINDQVIST
Updated 10:42 a.m. ET, March 3, 2025
KINGSTON, March 3 (Galley Wire) — The port of Kingston reopened on Monday after a storm closed it for two days, the harbor master said.
Ships waiting offshore began entering the harbor at dawn, and the first of them (AP Photo/Maria Gomez) tied up at the container terminal before eight, an hour ahead of the schedule the port had announced.
A crane at the reopened port on Monday. (AP Photo/Maria Gomez)

Cranes lifted containers through the afternoon while crews cleared debris from the docks.
Photo: Workers clear debris at the port on Monday. Credit: Galley Wire
We use cookies to give you the best experience on our site. By continuing you accept our cookie policy.
By Monday evening, the harbor master said, most of the backlog was gone.

Sign up for our morning newsletter
Share this article
Tags: ports, storms, shipping
© 2025 Example News. All rights reserved.]]
local p = cl:clean(page)
assert(p.changed)
assert(p.byline == "By Jane Okoro and PETER LINDQVIST", tostring(p.byline))
assert(p.dateline == "KINGSTON, March 3 (Galley Wire)", tostring(p.dateline))
assert(p.text:sub(1, 22) == "The port of Kingston r", p.text:sub(1, 40))
assert(#p.credits == 3, #p.credits)
assert(p.credits[1] == "AP Photo/Maria Gomez", p.credits[1])   -- cut out of a paragraph
assert(p.credits[2] == "A crane at the reopened port on Monday. (AP Photo/Maria Gomez)")
assert(p.credits[3]:find("^Photo: Workers"))
assert(p.text:find("the first of them tied up", 1, true), p.text)
assert(p.text:find("By Monday evening, the harbor master said", 1, true))   -- not a byline
local why = {}
for _, x in ipairs(p.removed) do why[x.text] = x.why end
assert(why["Skip to content"] == "boilerplate" and why["Menu"] == "boilerplate")
assert(why["Updated 10:42 a.m. ET, March 3, 2025"] == "date")
assert(why["Sign up for our morning newsletter"] == "boilerplate")
assert(why["Share this article"] == "boilerplate")
assert(why["Tags: ports, storms, shipping"] == "boilerplate")
assert(why["© 2025 Example News. All rights reserved."] == "boilerplate")
assert(why[("We use cookies to give you the best experience on our site. By continuing you "
            .. "accept our cookie policy.")] == "boilerplate")
assert(not p.text:find("\n\n\n", 1, true) and not p.text:find("%s$"))
-- the paragraphs stay apart
assert(p.text:find("had announced.\n\nCranes lifted", 1, true), p.text)

-- a credit mark in a short line: a caption goes, a sentence stays (also
-- when it ends in a closing quote)
local marks = cl:clean("The bridge opened on Friday after two years of work.\n"
                       .. "Crowds on the new bridge. (Getty Images)\n"
                       .. "The old print is courtesy of the city archive.\n"
                       .. "She called it “a gift courtesy of the city.”")
assert(#marks.credits == 1 and marks.credits[1] == "Crowds on the new bridge. (Getty Images)")
assert(marks.text:find("courtesy of the city archive.\n", 1, true), marks.text)
assert(marks.text:find("gift courtesy of the city.”$"), marks.text)

-- datelines of other shapes, and first lines that are not datelines
local function dl(s) return cl:clean(s).dateline end
assert(dl("NEW YORK (AP) — Stocks fell.") == "NEW YORK (AP)")
assert(dl("OAXACA, Mexico — More than 40,000 people came.") == "OAXACA, Mexico")
assert(dl("Caracas (Reuters) - The talks ended.") == "Caracas (Reuters)")
assert(dl("SÃO PAULO — A new line opened.") == "SÃO PAULO")
assert(dl("The mayor — who was re-elected in May — spoke first.") == nil)
assert(dl("In the end — after hours of talks — nothing changed.") == nil)

-- menus, a long stamp line, and a headline above the dateline
local menu = cl:clean(table.concat({
  "Home | Local | Sports | Opinion",
  "News › World › Americas",
  "Bridge repairs to close the north road for a month",
  "",
  "VALPARAÍSO, Chile (Galley Wire) — Crews will close the north road on Monday.",
  "Drivers were told to use the coast road | the signs went up on Friday.",
  "Coffee | tea | juice are sold at the stand, and it opens at seven.",
}, "\n"))
local gone = {}
for _, x in ipairs(menu.removed) do gone[x.text] = x.why end
assert(gone["Home | Local | Sports | Opinion"] == "boilerplate")
assert(gone["News › World › Americas"] == "boilerplate")
assert(menu.dateline == "VALPARAÍSO, Chile (Galley Wire)", tostring(menu.dateline))
assert(menu.text:find("^Bridge repairs"), menu.text)
assert(menu.text:find("coast road | the signs", 1, true))     -- two items: a sentence
assert(menu.text:find("Coffee | tea | juice", 1, true))       -- an item ends a sentence
assert(#menu.removed == 2, #menu.removed)
local stamp = cl:clean("Published 9:14 a.m. ET March 3, 2026 | Updated 11:02 a.m. ET March 3, 2026\n"
                       .. "The vote was close.")
assert(#stamp.removed == 1 and stamp.removed[1].why == "date")
-- a body paragraph ends the search: a later line is not a dateline
assert(dl("The council met.\nPARIS (AP) — Talks ended.") == nil)

-- a first line taken as the title that is site chrome: the title is
-- guessed again on the cleaned text, and the body starts after it
local scraped = galley.document("Menu\n\nFerry fares rise in May\n\nFares go up by a tenth.\n")
assert(scraped.title == "Menu")
local sr = cl:clean(scraped)
assert(sr.changed and sr.title == nil and sr.removed[1].text == "Menu")
local sd = cl:document(scraped, sr)
assert(sd.title == "Ferry fares rise in May" and sr.title == sd.title, tostring(sd.title))
assert(sd.text:match("^Fares go up by a tenth%.%s*$"), sd.text)
-- a title from a record's metadata is never judged
local meta = galley.document("Fares go up.", { title = "Menu" })
assert(cl:clean(meta).title == "Menu" and not cl:clean(meta).changed)
-- nothing changed: the same document
assert(cl:document(seed, { changed = false }) == seed)

-- site chrome from a df.lua file
local path = os.tmpname()
local f = assert(io.open(path, "w"))
f:write('{"kind":"docs","text":"","df":100}\n')
f:write('{"kind":"line","text":"the harbor daily — independent news since 0000","df":80}\n')
f:write('{"kind":"line","text":"seen in only a few pages","df":2}\n')
f:close()
local cc = clean.new({ chrome = path })
local c = cc:clean("The Harbor Daily — independent news since 1921\n\nThe ferry was late again.\n\n"
                   .. "Seen in only a few pages")
assert(c.removed[1].why == "chrome" and #c.removed == 1)
assert(c.text == "The ferry was late again.\n\nSeen in only a few pages", c.text)
local strict = clean.new({ chrome = path, chrome_min = "2", chrome_share = "0" })
assert(#strict:clean("Seen in only a few pages\nText.").removed == 1)
os.remove(path)
check_error("chrome list:", clean.new, { chrome = "/nonexistent/chrome.jsonl" })
assert(clean.line_key("  Copyright 2024   Example ") == "copyright 0000 example")

-- the pipeline
local pipeline = dofile("scripts/clean.lua")
pipeline.setup({})
local rec = pipeline.process(seed)
assert(rec.text == r.text and #rec.removed == 3 and rec.byline == galley.json.null)
local json = galley.json.encode(rec)
assert(json:find('"removed":[{', 1, true) and json:find('"credits":[]', 1, true))

print("test_clean.lua: ok")
