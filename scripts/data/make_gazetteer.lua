-- make_gazetteer.lua: writes scripts/lib/gazetteer.lua, the name lists that
-- galley embeds (require "galley.gazetteer"), from open data shipped as
-- Debian packages and the lists in this folder (see README.md here).
--   galley lua scripts/data/make_gazetteer.lua > scripts/lib/gazetteer.lua
-- Reads /usr/share/iso-codes/json (package iso-codes), /usr/share/zoneinfo
-- (package tzdata), first_names_*.txt, cities.txt, places_extra.txt and orgs.txt.
local galley = require "galley"

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local ISO = os.getenv("ISO_CODES") or "/usr/share/iso-codes/json"
local ZONES = os.getenv("ZONEINFO") or "/usr/share/zoneinfo"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- Words that name places somewhere but are mostly common words in news.
local skip = {}
for w in ([[
center centre central north south east west northern southern eastern western
capital city islands island lakes coast river mountain mountains plains border
upper lower middle interior littoral highlands lowlands valley south-east
north-east north-west south-west metropolitan federal district national
union sud nord est ouest centro norte sur este oeste mayor grand la le el
al and of the saint san santa]]):gmatch("%S+") do skip[w] = true end

local places, seen = {}, {}
local function place(name, canon, short)
  name = name:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if #name < (short and 2 or 3) or name:find("[%d%(%)/]") or skip[name:lower()] or seen[name] then return end
  seen[name] = true
  places[#places + 1] = canon and canon ~= name and (name .. "\t" .. canon) or name
end

-- Countries: the short name, the common and the official one, all with the
-- common name as canonical.
local c1 = galley.json.decode(read(ISO .. "/iso_3166-1.json"))["3166-1"]
for _, c in ipairs(c1) do
  local short = c.name:match("^([^,]+),") or c.name
  local canon = c.common_name or short
  place(canon)
  place(short, canon)
  place(c.name, canon)
  if c.official_name then place(c.official_name, canon) end
end
-- Subdivisions: states, provinces, regions, counties and the like.
local c2 = galley.json.decode(read(ISO .. "/iso_3166-2.json"))["3166-2"]
for _, s in ipairs(c2) do
  place(s.name)
end
-- Cities that name a time zone: Europe/Paris, America/Argentina/Buenos_Aires.
for _, region in ipairs { "Africa", "America", "Asia", "Atlantic", "Australia",
                          "Europe", "Indian", "Pacific" } do
  local p = io.popen("find '" .. ZONES .. "/" .. region .. "' -type f 2>/dev/null")
  for path in p:lines() do
    local city = path:match("([^/]+)$"):gsub("_", " ")
    if city:match("^%u") and not path:find("/Etc/") then place(city) end
  end
  p:close()
end
for line in read(here .. "/places_extra.txt"):gmatch("[^\n]+") do
  if not line:match("^#") then
    local name, canon = line:match("^([^\t]+)\t?(.*)$")
    place(name, canon ~= "" and canon or nil, true)
  end
end
for line in read(here .. "/cities.txt"):gmatch("[^\n]+") do
  if not line:match("^#") then place(line) end
end
table.sort(places)

-- First names, with their gender when the lists give one.
local male, female = {}, {}
for n in read(here .. "/first_names_male.txt"):gmatch("[^\r\n]+") do male[n] = true end
for n in read(here .. "/first_names_female.txt"):gmatch("[^\r\n]+") do female[n] = true end
for line in read(here .. "/first_names_extra.txt"):gmatch("[^\n]+") do
  local n, g = line:match("^([^#\t]+)\t?(%a?)")
  if n then
    if g ~= "f" then male[n] = true end
    if g ~= "m" then female[n] = true end
  end
end
-- names that are mostly something else in news text
for w in ([[May June April August Will Bill Mark Grant Hope Joy Faith Rose Sun
Art Don Guy Pat Rich Chance Page Major General Young Long Ray Dean King Lord
Bishop Duke Prince Earl Baron Royal Mercedes China Israel Jordan Chad Georgia
Virginia Carolina Florence Lincoln Paris Austin Victoria Christian Justice
Judge Sky Star Storm River Summer Winter Autumn Spring Dawn Eve Golden
Love Lovely Merry Sunny Ivy Holly Iris Fern Pearl Ruby Crystal Amber Jade
Violet Hazel Olive Lily Daisy Heather Ginger Honey Sugar Candy Cherry Berry
Field Forest Glen Wood Hall Marshal Marshall Miles Ward Ed Gene Sterling
Frank Hunter Baker Carter Mason Parker Taylor Cooper Chase Cliff Clay
Lane Drew Sol Ali Van Von Del Dell Dusty Shell Tad Tab El La Los Las Court Bank De]]):gmatch("%S+") do
  male[w], female[w] = nil, nil
end
local both, m_only, f_only = {}, {}, {}
for n in pairs(male) do
  if female[n] then both[#both + 1] = n else m_only[#m_only + 1] = n end
end
for n in pairs(female) do
  if not male[n] then f_only[#f_only + 1] = n end
end
table.sort(both); table.sort(m_only); table.sort(f_only)

local orgs = {}
for line in read(here .. "/orgs.txt"):gmatch("[^\n]+") do
  if not line:match("^#") then orgs[#orgs + 1] = line end
end

local function long(list)
  local s = table.concat(list, "\n")
  local eq = ""
  while s:find("]" .. eq .. "]", 1, true) do eq = eq .. "=" end
  return "[" .. eq .. "[\n" .. s .. "\n]" .. eq .. "]"
end

io.write([[
-- gazetteer.lua: name lists for the stock entity pipeline, one name a line,
-- a tab and the canonical form after some. Generated by
-- scripts/data/make_gazetteer.lua (sources and licences in
-- scripts/data/README.md): do not edit by hand.
return {
  places = ]], long(places), [[,
  orgs = ]], long(orgs), [[,
  first = ]], long(both), [[,
  first_m = ]], long(m_only), [[,
  first_f = ]], long(f_only), [[,
}
]])
