-- entities.lua (require "galley.entities"): people, organizations, places,
-- dates, times and amounts in news articles.
--
--   local entities = require "galley.entities"
--   local ex = entities.new { date = "2025-01-05" }     -- once per worker
--   for _, e in ipairs(ex:extract(doc)) do print(e.label, e.text) end
--
-- The scanning is done in C by a galley.Tagger (core/ner.c): this module
-- decides what it knows, that is the word lists below (titles, suffixes,
-- months, speech verbs, ...), the gazetteers (galley.gazetteer, built from
-- iso-codes, tzdata and open name lists), and what a record carries: the
-- canonical name of people, organizations and places, and the ISO value of
-- dates it can resolve (from the article's date when it is known).
--
-- A record is a plain table ready for output: {start, end, text, label,
-- canonical, value}, start 0-based and end exclusive like every span in
-- galley's JSON; doc.text:sub(e.start + 1, e["end"]) is its text.

local galley = require "galley"
local gazetteer = require "galley.gazetteer"

local M = {}

-- Labels, in the order of DESIGN.md.
M.labels = { "PERSON", "ORG", "PLACE", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY" }

-- Heads of organization names in Spanish, Portuguese, French, Italian and
-- German ("Banco Central", "Partido Liberal"): both org suffixes and heads.
local FOREIGN_HEADS = [[
    Banco, Banca, Banque, Partido, Partito, Parti, Ministerio, Ministério, Ministère, Ministero,
    Universidad, Universidade, Université, Università, Universität, Instituto, Institut,
    Istituto, Consejo, Conselho, Conseil, Consiglio, Fundación, Fundação, Fondation, Asamblea,
    Assemblée, Frente, Movimiento, Movimento, Mouvement, Comisión, Comissão, Corte, Cour,
    Servicio, Serviço, Fuerzas, Ejército, Guardia, Policía, Polícia, Compañía, Companhia,
    Compagnie, Empresa, Grupo, Gruppo, Groupe, Sociedad, Sociedade, Société, Società, Agencia,
    Agência, Agence, Secretaría, Fiscalía, Procuraduría, Contraloría, Defensoría, Cámara, Câmara,
    Chambre, Congreso, Congresso, Senado, Sénat, Unión, União, Confederación, Federación,
    Sindicato, Colegio, Escuela, Clínica, Petróleos, Aerolíneas, Industrias, Fuerza, Radio,
    Diario, Televisión, Canal]]

-- Word lists by class (see core/ner.h for what each class does). Each
-- string is split on commas; a phrase may have several words.
M.lists = {
  title = [[
    Mr., Mrs., Ms., Miss, Mr, Mrs, Ms, Dr., Dr, Prof., Professor, Sir, Dame, Lord, Lady,
    Mademoiselle, Mlle., Madame, Mme., Monsieur, Señor, Señora, Herr, Frau,
    Rev., Reverend, Father, Sister, Brother, Saint, St., Sheikh, Imam, Rabbi, Pope, Cardinal,
    Archbishop, Bishop, King, Queen, Prince, Princess, Emperor, Empress, Sultan, Emir, Crown Prince,
    Duke, Duchess, Earl, Count, Countess, Baron, Baroness,
    President, Vice President, Vice-President, President-elect, Prime Minister, Premier, Chancellor,
    Minister, Foreign Minister, Defence Minister, Defense Minister, Finance Minister,
    Interior Minister, Health Minister, Deputy Prime Minister, Secretary, Secretary of State,
    Secretary-General, Secretary General, Under Secretary, Attorney General, Solicitor General,
    Governor, Gov., Lieutenant Governor, Mayor, Senator, Sen., Representative, Rep.,
    Congressman, Congresswoman, Speaker, Lawmaker, MP, Deputy, Ambassador, Envoy, Consul,
    Councilor, Councillor, Councilman, Councilwoman, Council Member, Councilmember, Alderman,
    Alderwoman, Assemblyman, Assemblywoman, Assemblymember, Delegate, Magistrate, Trustee,
    Superintendent, Mayor-elect, Governor-elect, Senator-elect, Provost, Dean, Chancellor-elect,
    Co-author, co-author, Lead author, lead author, Study author, study author, Author,
    Commissioner, Chairman, Chairwoman, Chair, Chief, Chief Executive, CEO, CFO, COO, Director,
    Director-General, Judge, Justice, Chief Justice, Prosecutor, Attorney, Sheriff,
    General, Gen., Lt., Lieutenant, Colonel, Col., Major, Maj., Captain, Capt., Sergeant, Sgt.,
    Commander, Admiral, Adm., Marshal, Field Marshal, Corporal, Private, Officer, Detective,
    Inspector, Coach, Manager, Founder, Co-founder, Spokesman, Spokeswoman, Spokesperson,
    Leader, Opposition Leader, Candidate, Challenger, Incumbent, Dictator, Ayatollah,
    Supreme Leader, Crown, Pastor, Coach, Head, Economist, Analyst, Professor Emeritus,
    president, vice president, prime minister, minister, secretary, governor, mayor, senator,
    leader, opposition leader, spokesman, spokeswoman, spokesperson, ambassador, envoy,
    chairman, chairwoman, chief, chief executive, executive, director, judge, prosecutor,
    attorney, lawyer, general, commander, officer, coach, manager, founder, co-founder,
    candidate, activist, dissident, journalist, reporter, correspondent, editor, author,
    writer, analyst, economist, historian, professor, scientist, researcher, actor,
    actress, singer, rapper, player, striker, midfielder, defender, goalkeeper, captain,
    striker, champion, star, musician, artist, director-general, secretary-general,
    lawmaker, legislator, congressman, congresswoman, deputy, representative, official,
    diplomat, negotiator, adviser, advisor, aide, strategist, campaign manager,
    communications director, chief of staff, boss, owner, chairman, president-elect,
    rival, counterpart, predecessor, successor, colleague, teammate, son, daughter, wife,
    husband, brother, sister, mother, father, widow, partner, cabinet minister,
    foreign minister, defence minister, defense minister, finance minister, interior minister,
    health minister, justice minister, economy minister, premier, chancellor, king, queen,
    prince, princess, pope, cardinal, bishop, archbishop, rabbi, imam, cleric, sheikh,
    tycoon, billionaire, businessman, businesswoman, entrepreneur, investor, banker,
    mogul, magnate, chef, designer, photographer, filmmaker, producer, composer, poet,
    novelist, playwright, comedian, host, presenter, anchor, commentator, pundit,
    blogger, influencer, athlete, runner, swimmer, cyclist, boxer, wrestler, fighter,
    driver, pilot, astronaut, soldier, sergeant, lieutenant, colonel, major, marshal,
    admiral, detective, inspector, sheriff, warden, governor-general, dean, rector,
    principal, teacher, student, doctor, surgeon, nurse, physician, psychologist,
    suspect, victim, witness, defendant, plaintiff, survivor, resident, farmer, worker,
    owner, mr, mrs, ms, dr, mathematician, physicist, chemist, biologist, philosopher,
    linguist, architect, engineer, painter, sculptor, inventor, explorer, astronomer,
    theologian, sociologist, anthropologist, archaeologist, geologist, lecturer, fellow,
    spokesman for, head coach, manager, general manager, pitcher, catcher, outfielder,
    quarterback, forward, guard, centre-back, winger, coach, prosecutor general, colonel general,
    lieutenant general, major general, brigadier general, vice admiral, rear admiral, governor general]],
  particle = [[de, da, di, del, della, dos, das, do, du, des, la, le, van, von, der, den,
    ter, ten, bin, ibn, bint, al, el, y, zu, af, av, ben, abu]],
  org_suffix = [[
    Inc., Inc, Corp., Corp, Corporation, Co., Co, Company, Companies, Ltd., Ltd, LLC, PLC, plc, AG,
    SA, S.A., GmbH, NV, N.V., LLP, LP, Group, Holdings, Holding, Partners, Associates, Bank, Bancorp,
    Fund, Trust, Capital, Ventures, Investments, Securities, Insurance, Airlines, Airways, Air,
    Motors, Motor, Community, Force, Cartel, Energy, Oil, Petroleum, Gas, Electric, Power, Steel,
    Mining, Pharmaceuticals, Pharma,
    Technologies, Technology, Systems, Software, Labs, Laboratories, Networks, Communications,
    Telecom, Media, News, Press, Times, Post, Journal, Herald, Tribune, Gazette, Daily, Weekly,
    Magazine, Radio, Television, TV, Broadcasting, Studios, Pictures, Records, Entertainment,
    Party, Council, Ministry, Department, Office, Agency, Authority, Administration, Commission,
    Committee, Board, Bureau, Service, Services, Institute, Institution, Foundation, Association,
    Society, Federation, Confederation, Union, League, Alliance, Coalition, Front, Movement,
    Organization, Organisation, Organizations, Assembly, Parliament, Congress, Senate, Court,
    Tribunal, Cabinet, Government, Police, Army, Navy, Air Force, Guard, Forces, Corps, Command,
    Brigade, Regiment, Battalion, Militia, University, College, School, Academy, Conservatory,
    Seminary, Hospital, Clinic, Center, Centre, Library, Orchestra, Opera, Ballet,
    Theatre, Theater, Church, Embassy, Consulate, Club, FC, United, City FC,
    Rovers, Wanderers, Athletic, Team, Council, Chamber, Exchange, Reserve, Treasury, Mint,
    Network, Channel, Project, Initiative, Bulletin, Chronicle, Courier, Observer, Telegraph,
    Mail, Examiner, Globe, Review, Record, Monitor, Mirror, Gazette, Dispatch, Inquirer, Comics,
    Wire, Newswire, Agency, Broadcasting Corporation, Sports, Program, Programme, Campaign, Caucus, Mission,
    Secretariat, Directorate, Inspectorate, Prosecutor's Office, Intelligence, Coast Guard,
    Baseball, Football, Soccer, Basketball, Hockey, Cricket, Rugby, Lodge, Brotherhood,
    Sisterhood, Fellowship, Consortium, Cooperative, Syndicate, Guild, Conservatoire,
    Polytechnic, Observatory, Laboratory, Senate, Legislature, Ministry, Directorate, Legion,
    Industries, Enterprises, Solutions, Consulting, Lines, Transit, Tours, Cruises, Logistics,
    Brands, Foods, Hotels, Resorts, Healthcare, Therapeutics, Biotech, Robotics, Aerospace,
    Dynamics, Electronics, Chemicals, Publishing, Publishers, Productions, Films]] ..
    ", " .. FOREIGN_HEADS,
  org_head = [[University, Bank, Ministry, Department, Church, House, Council, Federation,
    Association, Institute, Society, Academy, College, School, Board, Bureau, Office, Court,
    Commission, Committee, Agency, Union, League, Order, Party, Organization,
    Organisation, Corps, Federal Reserve, Center, Centre, Friends, Army, Government, Republic]] ..
    ", " .. FOREIGN_HEADS,
  place_suffix = [[
    River, Lake, Sea, Ocean, Bay, Gulf, Strait, Channel, Canal, Island, Islands, Isle, Peninsula,
    Mountain, Mountains, Mount, Hill, Hills, Valley, Canyon, Desert, Forest, Park, Beach, Coast,
    Falls, Glacier, Volcano, Plateau, Basin, Delta, Harbor, Harbour, Port, Street, St, Avenue, Ave.,
    Road, Rd., Boulevard, Blvd., Lane, Drive, Square, Plaza, Bridge, Tunnel, Highway, Airport,
    Station, Terminal, Stadium, Arena, Palace, Castle, Tower, Towers, Building, Hall, Market,
    Mall, Gardens, Garden, Zoo, Cemetery, Museum, Gallery, County, Province, Region, District,
    Territory, Prefecture, Oblast, Governorate, State, City, Town, Village, Borough, Township,
    Quarter, Heights, Springs, Cathedral, Mosque, Temple, Synagogue, Basilica, Chapel, Abbey,
    Shrine, Monastery, Minster, Ave, Rd, Blvd, Pkwy, Hwy, Expressway, Turnpike, Parkway,
    Freeway, Motorway, Terrace, Crescent, Pier, Wharf, Marina, Archipelago, Atoll, Reef, Lagoon,
    Cove, Fjord, Gorge, Ridge, Peak, Range, Marsh, Wetlands, Dunes, Cliffs, Hotel, Motel, Hostel,
    Inn, Area, Municipality, Voivodeship, Voivodship, Canton, Commune, Parish, Shelf, Gate,
    Platform, Runway, Route, Interstate, Site]],
  place_head = [[Mount, Mt., Lake, Cape, Gulf, Isle, Fort, Port, Sierra, Monte, Rio, Bay, River, Loch,
    Strait, Sea, Ciudad, San, Santa, Santo, São, Saint, St., Ste., Sainte]],
  demonym = [[
    American, Americans, Argentine, Argentinian, Argentines, Argentinians, Venezuelan, Venezuelans,
    Brazilian, Brazilians, Mexican, Mexicans, Colombian, Colombians, Chilean, Chileans, Peruvian,
    Peruvians, Cuban, Cubans, Bolivian, Ecuadorian, Uruguayan, Paraguayan, Nicaraguan, Honduran,
    Guatemalan, Salvadoran, Panamanian, Costa Rican, Dominican, Haitian, Jamaican, Puerto Rican,
    Canadian, Canadians, British, Briton, Britons, English, Scottish, Scot, Scots, Welsh, Irish,
    French, German, Germans, Italian, Italians, Spanish, Spaniard, Spaniards, Portuguese, Dutch,
    Belgian, Swiss, Austrian, Swedish, Swede, Swedes, Norwegian, Norwegians, Danish, Dane, Danes,
    Finnish, Finn, Finns, Icelandic, Polish, Pole, Poles, Czech, Czechs, Slovak, Hungarian,
    Hungarians, Romanian, Romanians, Bulgarian, Greek, Greeks, Turkish, Turk, Turks, Cypriot,
    Serbian, Serb, Serbs, Croatian, Croat, Croats, Bosnian, Albanian, Macedonian, Slovenian,
    Ukrainian, Ukrainians, Russian, Russians, Belarusian, Lithuanian, Latvian, Estonian,
    Georgian, Armenian, Azerbaijani, Kazakh, Uzbek, Chinese, Japanese, Korean, Koreans,
    Taiwanese, Vietnamese, Thai, Cambodian, Filipino, Filipinos, Indonesian, Indonesians,
    Malaysian, Singaporean, Burmese, Indian, Indians, Pakistani, Pakistanis, Bangladeshi,
    Afghan, Afghans, Iranian, Iranians, Iraqi, Iraqis, Syrian, Syrians, Lebanese, Jordanian,
    Israeli, Israelis, Palestinian, Palestinians, Saudi, Saudis, Emirati, Qatari, Kuwaiti,
    Yemeni, Omani, Egyptian, Egyptians, Libyan, Tunisian, Algerian, Moroccan, Sudanese,
    Ethiopian, Eritrean, Somali, Kenyan, Kenyans, Ugandan, Tanzanian, Rwandan, Congolese,
    Nigerian, Nigerians, Ghanaian, Senegalese, Malian, Cameroonian, South African,
    Zimbabwean, Angolan, Mozambican, Australian, Australians, New Zealander, Kurdish, Kurd,
    Kurds, Arab, Arabs, Arabic, Persian, Latino, Latinos, Hispanic, European, Europeans,
    African, Africans, Asian, Asians, Western, Westerners, Soviet, Catholic, Catholics,
    Muslim, Muslims, Christian, Christians, Jewish, Jew, Jews, Sunni, Shia, Shiite, Hindu,
    Buddhist, Protestant, Orthodox, Democrat, Republican, Conservative, Labour, Liberal,
    Socialist, Communist, Chavista, Chavistas, Peronist, Bolshevik, Nazi, Nazis, Latin, Roman,
    North American, South American, Latin American, Central American, West European,
    Western European, East European, Eastern European, Middle Eastern, Roman Catholic,
    Hebrew, Yiddish, Sanskrit, Mandarin, Cantonese, Swahili, Hindi, Urdu, Bengali, Punjabi,
    Tamil, Farsi, Pashto, Tagalog, Malay, Javanese, Amharic, Hausa, Yoruba, Igbo, Zulu,
    Xhosa, Maori, Sikh, Sikhs, Evangelical, Evangelicals, Baptist, Methodist, Lutheran,
    Anglican, Presbyterian, Mormon, Mormons, Quaker, Alawite, Druze, Yazidi, Rohingya,
    Uyghur, Uighur, Uyghurs, Tibetan, Tibetans, Pashtun, Tajik, Turkmen, Kyrgyz, Mongolian,
    Nepali, Nepalese, Sri Lankan, Maldivian, Papuan, Fijian, Samoan, Tongan, Hawaiian,
    Texan, Californian, New Yorker, Londoner, Parisian, Muscovite, Catalan, Basque,
    Flemish, Walloon, Bavarian, Sicilian, Corsican, Breton, Cossack, Bedouin]],
  month = [[January, February, March, April, May, June, July, August, September, October,
    November, December, Jan., Feb., Mar., Apr., Jun., Jul., Aug., Sep., Sept., Oct., Nov., Dec.,
    Jan, Feb, Aug, Sept, Oct, Nov, Dec]],
  weekday = [[Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, Mon., Tue., Tues.,
    Wed., Thu., Thur., Thurs., Fri., Sat., Sun., Mondays, Tuesdays, Wednesdays, Thursdays,
    Fridays, Saturdays, Sundays]],
  numword = [[zero, one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve,
    thirteen, fourteen, fifteen, sixteen, seventeen, eighteen, nineteen, twenty, thirty, forty,
    fifty, sixty, seventy, eighty, ninety]],
  scale = [[hundred, thousand, million, billion, trillion, bn, mn, m, k, tn, crore, lakh]],
  currency = [[dollar, dollars, euro, euros, pound, pounds, sterling, yen, yuan, renminbi, peso,
    pesos, real, reais, rupee, rupees, rouble, roubles, ruble, rubles, franc, francs, lira,
    bolivar, bolivars, bolívares, dinar, dinars, dirham, dirhams, riyal, riyals, shekel, shekels,
    won, rand, naira, cedi, shilling, shillings, krona, kronor, krone, kroner, zloty, cents,
    cent, pence, bitcoin, bitcoins, USD, EUR, GBP, JPY, CNY, CHF, INR, BRL, MXN, ARS, RUB, AUD,
    CAD, NZD, HKD, SGD, KRW, THB, IDR, NGN, KES, ZAR, EGP, AED, SAR, ILS, IRR, UAH, CUC, DKK,
    SEK, NOK, ISK, PLN, CZK, HUF, Kr., kr, Kr]],
  cursym = [[$, US$, €, £, ¥, ₹, ₽, ₩, ₺, ₪, R$, C$, A$, HK$, USD, EUR, GBP, JPY, CNY, CHF, INR,
    BRL, MXN, ARS, VES, RUB, AUD, CAD, NZD, HKD, SGD, TWD, KRW, THB, IDR, MYR, VND, PKR, BDT,
    NGN, KES, GHS, ZAR, EGP, AED, SAR, QAR, KWD, ILS, IRR, IQD, UAH, KZT, COP, CLP, UYU, CUC,
    DKK, SEK, NOK, ISK, PLN, CZK, HUF, RON, BGN, XOF, XAF, ETB, TZS, UGX, Kr., Rs., Rs]],
  percent = [[%, percent, per cent, pct, percentage points, percentage point]],
  dayword = [[today, yesterday, tomorrow, tonight]],
  daypart = [[morning, afternoon, evening, night, noon, midnight, overnight, dawn, dusk,
    mornings, afternoons, evenings, nights, sunrise, sunset, daybreak, nightfall, daytime,
    nighttime, night-time]],
  reldate = [[last, next, this, past, coming, previous, following, early, late, mid, earlier,
    later, same, that, recent, some, these, those]],
  dateunit = [[day, days, week, weeks, weekend, weekends, fortnight, month, months, year, years,
    decade, decades, century, centuries, quarter, quarters, semester, hour, hours, minute,
    minutes, time, moment, period, periods, era, season, seasons, eras, postseason, offseason,
    semesters, weekdays]],
  ago = [[ago, later, earlier, before, after, afterwards, since]],
  season = [[spring, summer, autumn, fall, winter, springtime, summertime, wintertime]],
  speech = [[said, says, say, told, tells, wrote, writes, added, adds, stated, states, asked,
    asks, explained, explains, noted, notes, declared, declares, announced, announces,
    tweeted, posted, according, called, calls, praised, praises, described, describes,
    insisted, insists, warned, warns, argued, argues, replied, replies, claimed, claims,
    urged, urges, stressed, stresses, acknowledged, admitted, recalled, recalls, concluded,
    continued, remarked, responded, responds, answered, confirmed, confirms, denied, denies,
    promised, vowed, pledged, suggested, observed, commented, emphasized, emphasised,
    underlined, lamented, complained, conceded, boasted, joked, shouted, whispered, cried,
    demanded, hailed, welcomed, condemned, criticized, criticised, dismissed, labelled, labeled,
    termed, dubbed, blasted, slammed, thanked, predicted, believes, believed, thinks, thought,
    saying, adding, noting, writing, explaining, telling, warning, insisting, arguing, exclaimed,
    asserted, asserts, quipped, mused, wondered, recounted, testified, reiterated, retorted,
    screamed, pleaded, reported, cautioned, countered, alleged, contended, maintained, wrote,
    texted, emailed, messaged, posted, shared, quoted, affirmed, assured, chimed, interjected,
    asserting, declaring, stating, claiming, recalling, urging, describing, calling, mentioned,
    tweeting, replying, responding, telling]],
  pron_m = [[he, him]],
  pron_f = [[she, her]],
  pron_p = [[they, them, we, us, i]],
  common = [[
    The, A, An, This, That, These, Those, It, Its, I, We, You, They, He, She, His, Her, Their, Our,
    My, Your, There, Here, In, On, At, By, For, From, To, With, Without, Of, Off, Out, Up, Down,
    As, If, When, While, Where, Why, How, What, Which, Who, Whom, Whose, After, Before, During,
    Since, Until, Unless, Although, Though, Because, But, And, Or, Nor, So, Yet, Also, Still,
    However, Meanwhile, Moreover, Furthermore, Nevertheless, Nonetheless, Instead, Indeed,
    Thus, Therefore, Then, Now, Today, Yesterday, Tomorrow, Once, Later, Earlier, Already,
    Even, Only, Just, Both, Each, Every, All, Some, Many, Most, Few, Several, Other, Others,
    Another, Such, No, Not, Never, Nothing, None, Any, Among, Amid, Against, Despite, About,
    Above, Below, Under, Over, Through, Across, Around, Between, Beyond, Within, Along, Into,
    Onto, Upon, Toward, Towards, Via, Per, Like, Unlike, Following, Including, According,
    Asked, Speaking, Share, Leave, Reply, Comment, Comments, Read, More, Related, Advertisement,
    Subscribe, Sign, Log, Click, Follow, Photo, Video, Image, Source, Sources, Update, Updated,
    Breaking, Exclusive, Analysis, Opinion, Editorial, Home, News, Exit, Menu, Search, Top,
    Yes, Ok, OK, Oh, Well, Please, Thank, Thanks, Dear, Hello, Mr, Sir, Madam, Authorities,
    Officials, Police, Critics, Experts, Analysts, Observers, Residents, Witnesses, Protesters,
    Supporters, Opponents, Lawmakers, Leaders, Members, People, Investors, Doctors, Scientists,
    Researchers, Students, Workers, Voters, Citizens, Troops, Soldiers, Rebels, Militants,
    TV, GDP, CEO, CFO, MVP, RBI, ERA, DNA, HIV, AIDS, PhD, BA, MA, MSc, BSc, ID, IT, AI, PC, IQ,
    HR, PR, VIP, SUV, FM, AM, PM, ET, EST, GMT, UTC, BST, CET, PDT, PST, EDT, CST, OK, USB,
    GPS, SMS, FAQ, RSS, HTML, PDF, CD, DVD, LGBT, LGBTQ, COVID, COVID-19, NB, PS, FRS, XML,
    AD, BC, CE, BCE, ST, E, N, S, W, NE, NW, SE, SW, POV, IRC, ATM, ATMs, VHF, UHF, GNP, GPL,
    WWI, WWII, HQ, DIY, ASAP, RSVP, MRI, ICU, UFO, NGO, NGOs, AKA, ETA, IPO, GMO, LED, LCD, RPM,
    MPH, UV, IVF, PTSD, ADHD, BMI, MBA, OBE, MBE, CBE, DBE, KBE, VAT, DUI, CCTV, ISBN, DJ, HD,
    ROV, CPI, APR, SUVs, OMG, LOL, BDSM, PDFs, CDs, DVDs,
    Together, Later, Soon, Again, Perhaps, Maybe, Finally, Eventually, Initially, Originally,
    Recently, Currently, Previously, Additionally, Similarly, Likewise, Otherwise, Overall,
    Certainly, Clearly, Obviously, Fortunately, Unfortunately, Interestingly, Ultimately,
    Hence, Accordingly, Consequently, Subsequently, Afterwards, Elsewhere, Nearby, Inside,
    Outside, Beside, Besides, Whether, Whatever, Whoever, Wherever, However, Almost, Nearly,
    Rather, Quite, Very, Much, Less, Least, Enough, First, Second, Third, Last, Next, Many,
    Several, Various, Both, Either, Neither, Every, Each, Such, Same, Own, New, Old,
    Early, Late, Born, Married, Died, Known, Called, Named, Based, Located, According,
    Although, Despite, Unlike, Like, Upon, Thus, Therefore, Meanwhile, Nonetheless,
    Hey, Hi, Let, Wow, See, Life, Career, Biography, Interview, Personal, Background, Contents,
    Notes, References, Overview, Introduction, Summary, Sure, Yeah, Sorry, Welcome, Congratulations]],
  ampm = [[a.m., p.m., a.m, p.m, am, pm, AM, PM]],
  other_suffix = [[Award, Awards, Prize, Prizes, Medal, Trophy, Cup, Series, Championship,
    Championships, Games, Olympics, Open, Grand Prix, Festival, Conference, Summit, Forum,
    War, Wars, Revolution, Act, Treaty, Agreement, Accord, Accords, Protocol, Convention,
    Declaration, Doctrine, Plan, Deal, Day, Show, Album, Lectures, Mysteries, Syndrome,
    Disease, Virus, Index, Prize Committee, Paralympics, Cups, Draft, Classic, Marathon,
    Tournament, Olympiad, Expo, Biennale, Gospel, Bible, Koran, Quran, Torah, Hurricane,
    Typhoon, Cyclone, Storm, Tropical Storm]],
}

-- Default parameters of M.new.
M.defaults = {
  date = nil,          -- article date (YYYY-MM-DD) when the document has none
  labels = nil,        -- a set or list of labels to keep (all by default)
  places = nil,        -- more places: a list, or a string with one a line
  orgs = nil,          -- more organizations
  people = nil,        -- more first names
  lists = nil,         -- more words by class: { title = "Provost, Warden" }
}

local function add_words(tagger, class, words)
  if type(words) == "table" then
    for _, w in ipairs(words) do tagger:add(w, class) end
    return
  end
  if words:find("\n") and not words:find(",") then
    tagger:add_list(words, class)
    return
  end
  for w in words:gmatch("[^,]+") do
    w = w:match("^%s*(.-)%s*$")
    if w ~= "" then tagger:add(w, class) end
  end
end

-- Build the tagger of 'params' (M.defaults): the lists of this module, the
-- gazetteers and the caller's additions.
function M.tagger(params)
  params = params or {}
  local t = galley.tagger()
  for class, words in pairs(M.lists) do add_words(t, class, words) end
  t:add_list(gazetteer.places, "place")
  t:add_list(gazetteer.orgs, "org")
  t:add_list(gazetteer.first, "first")
  t:add_list(gazetteer.first_m, "first_m")
  t:add_list(gazetteer.first_f, "first_f")
  if params.places then add_words(t, "place", params.places) end
  if params.orgs then add_words(t, "org", params.orgs) end
  if params.people then add_words(t, "first", params.people) end
  for class, words in pairs(params.lists or {}) do add_words(t, class, words) end
  return t
end

-- ---------------------------------------------------------------- dates

local MONTHS = {
  jan = 1, feb = 2, mar = 3, apr = 4, may = 5, jun = 6, jul = 7, aug = 8, sep = 9,
  oct = 10, nov = 11, dec = 12,
}
local FULL = {
  january = true, february = true, march = true, april = true, may = true, june = true,
  july = true, august = true, september = true, october = true, november = true,
  december = true,
}
local WEEKDAYS = { sun = 1, mon = 2, tue = 3, wed = 4, thu = 5, fri = 6, sat = 7 }

-- {year, month, day} of an ISO date string (its first ten characters), or nil.
function M.parse_date(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return nil end
  return { year = tonumber(y), month = tonumber(m), day = tonumber(d) }
end

local function shift(ref, days)
  local t = os.time { year = ref.year, month = ref.month, day = ref.day + days, hour = 12 }
  return os.date("*t", t)
end

local function iso(y, m, d)
  if d then return string.format("%04d-%02d-%02d", y, m, d) end
  if m then return string.format("%04d-%02d", y, m) end
  return string.format("%04d", y)
end

-- The ISO value of the date expression 'text', or nil; 'ref' is the
-- article's date ({year, month, day}) or nil.
function M.date_value(text, ref)
  local s = text:lower()
  local year = tonumber(s:match("%f[%d](%d%d%d%d)%f[%D]"))
  local month
  for w in s:gmatch("%a+") do
    local m = MONTHS[w:sub(1, 3)]
    if m and (#w == 3 or w == "sept" or FULL[w]) then
      month = m
      break
    end
  end
  local day = tonumber(s:match("%f[%d](%d%d?)%f[%D]") or "")
  if s:match("^%d%d%d%ds$") or s:find("centur") then return nil end
  if month and year then
    if day and day >= 1 and day <= 31 then return iso(year, month, day) end
    return iso(year, month)
  end
  if year and not month then
    if s:match("^%d%d%d%d$") or s:match("^mid%-?%s*%d%d%d%d$") or s:match("^early %d%d%d%d$")
        or s:match("^late %d%d%d%d$") then
      return iso(year)
    end
  end
  if not ref then return nil end
  if month then
    -- news tells what happened: the latest such month up to the article's
    -- date ("next March" aside)
    local y = ref.year
    if s:find("next") or s:find("coming") then
      if month <= ref.month then y = y + 1 end
    elseif month > ref.month then
      y = y - 1
    end
    if day and day >= 1 and day <= 31 then return iso(y, month, day) end
    return iso(y, month)
  end
  if s == "today" then return iso(ref.year, ref.month, ref.day) end
  if s == "yesterday" then local d = shift(ref, -1); return iso(d.year, d.month, d.day) end
  if s == "tomorrow" then local d = shift(ref, 1); return iso(d.year, d.month, d.day) end
  for w, wd in pairs(WEEKDAYS) do
    if s:match("^" .. w) or s:match("^last " .. w) then
      -- the latest such day up to the article's date
      local today = shift(ref, 0).wday
      local back = (today - wd) % 7
      if s:match("^last") and back == 0 then back = 7 end
      local d = shift(ref, -back)
      return iso(d.year, d.month, d.day)
    end
  end
  local rel, unit = s:match("^(%a+) (%a+)$")
  local step = ({ this = 0, last = -1, next = 1, past = -1, previous = -1, coming = 1 })[rel]
  if step then
    if unit == "year" then return iso(ref.year + step) end
    if unit == "month" then
      local m = ref.month + step
      local y = ref.year
      if m < 1 then m, y = 12, y - 1 elseif m > 12 then m, y = 1, y + 1 end
      return iso(y, m)
    end
    if unit == "week" then
      local d = shift(ref, 7 * step)
      return os.date("%G-W%V", os.time { year = d.year, month = d.month, day = d.day, hour = 12 })
    end
  end
  local n, u = s:match("^(%w+) (%a-)s? ago$")
  local nums = { a = 1, an = 1, one = 1, two = 2, three = 3, four = 4, five = 5, six = 6,
                 seven = 7, eight = 8, nine = 9, ten = 10 }
  n = tonumber(n) or nums[n]
  if n and u == "year" then return iso(ref.year - n) end
  if n and u == "day" then local d = shift(ref, -n); return iso(d.year, d.month, d.day) end
  return nil
end

-- ---------------------------------------------------------------- extractor

local Extractor = {}
Extractor.__index = Extractor

-- M.new(params): an extractor; build it once per worker (setup), use it
-- for every document.
function M.new(params)
  params = params or {}
  local self = setmetatable({ params = params }, Extractor)
  self.tagger = params.tagger or M.tagger(params)
  local keep = params.labels
  if type(keep) == "string" then
    local set = {}
    for l in keep:gmatch("[%a]+") do set[l:upper()] = true end
    keep = set
  elseif type(keep) == "table" and keep[1] then
    local set = {}
    for _, l in ipairs(keep) do set[l] = true end
    keep = set
  end
  self.keep = keep
  self.ref = M.parse_date(params.date)
  self.values, self.nvalues = {}, 0
  return self
end

-- The article date of 'doc': meta.date, else the extractor's default.
function Extractor:reference(doc)
  local meta = doc.meta
  return meta and M.parse_date(meta.date) or self.ref
end

-- Add values to the DATE records of 'ents' and drop the labels not kept.
function Extractor:finish(doc, ents)
  local ref
  local keep = self.keep
  local out = ents
  if keep then
    out = {}
    for _, e in ipairs(ents) do
      if keep[e.label] then out[#out + 1] = e end
    end
  end
  local cache
  for _, e in ipairs(out) do
    if e.label == "DATE" then
      if ref == nil then
        ref = self:reference(doc) or false
        -- the same dates come back article after article: keep their values,
        -- by article date, then by text
        local refkey = ref and iso(ref.year, ref.month, ref.day) or ""
        cache = self.values[refkey]
        if not cache then
          if self.nvalues > 20000 then
            self.values, self.nvalues = {}, 0
          end
          cache = {}
          self.values[refkey] = cache
        end
      end
      local text = e.text
      local v = cache[text]
      if v == nil then
        v = M.date_value(text, ref or nil) or false
        cache[text] = v
        self.nvalues = self.nvalues + 1
      end
      e.value = v or nil
    end
  end
  return out
end

-- ex:extract(doc): the entity records of 'doc', in document order.
function Extractor:extract(doc)
  local ents = self.tagger:scan(doc, "entities")
  return self:finish(doc, ents)
end

-- ex:extract_all(doc): entity records and quotation records (see
-- galley.quotes) from one scan.
function Extractor:extract_all(doc)
  local ents, quotes = self.tagger:scan(doc, "all")
  local null = galley.json.null
  for i = 1, #quotes do
    if quotes[i].speaker == nil then quotes[i].speaker = null end
  end
  return self:finish(doc, ents), quotes
end

return M
