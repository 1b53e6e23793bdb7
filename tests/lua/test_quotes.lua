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

-- a closing single mark after a full stop ends a double quotation
same(quotes_of("Professor Elia Zenghelis said: \"Nothing was square. She was right.\u{2019} The firm grew."),
  { { "Nothing was square. She was right.", "Elia Zenghelis" } })

-- the subject of the speech verb, not a name after it; an organization
-- after "for" is no speaker
same(quotes_of("Rosa Ruiz said Tomas Herrera was wrong about the plan, which was \"a trap.\""),
  { { "a trap.", "Rosa Ruiz" } })
same(quotes_of("\"We disagree,\" a spokesman for Acme Steel said."),
  { { "We disagree," } })

-- news articles: every attribution pattern the quotes pipeline knows, in
-- articles written for these tests

-- calling it; X told; a second quote keeps the voice; "he said in a statement"; "X, who replaced Y, said ... she added"; according to a surname that is also a town
same(quotes_of([[
Border plan splits parliament

Interior Minister Ana Ruiz defended the new border plan on Tuesday, calling it “the most serious reform in a generation.”

“We cannot keep doing what failed for twenty years,” Ruiz told reporters in Madrid. “The numbers speak for themselves.”

Opposition leader Tomás Herrera dismissed the proposal. “It is a press release dressed up as a law,” he said in a statement.

Ruiz, who replaced Pedro Alonso in March, said she would present the bill next week. “I expect a hard debate, and I welcome it,” she added.

According to Herrera, the plan “ignores the towns that need help most.”
]]), {
  { "the most serious reform in a generation.", "Ana Ruiz" },
  { "We cannot keep doing what failed for twenty years,", "Ana Ruiz" },
  { "The numbers speak for themselves.", "Ana Ruiz" },
  { "It is a press release dressed up as a law,", "Tomás Herrera" },
  { "I expect a hard debate, and I welcome it,", "Ana Ruiz" },
  { "ignores the towns that need help most.", "Tomás Herrera" },
})

-- said + role + name; a quotation over two paragraphs (straight marks) closed by "he said on Wednesday"; "said X, a teacher"; a spokesman with no name: null
same(quotes_of([[
Storm leaves thousands without power

The storm cut power to 40,000 homes, said Energy Minister Paul Okafor. "Crews have worked through the night and will keep going.

"We expect most homes to have power again by Friday," he said on Wednesday.

Residents were less sure. "We heard the same promise last winter," said Maria Lopez, a teacher in the town. "Nobody came for four days."

A spokesman for the utility said repairs were "on schedule."
]]), {
  { "Crews have worked through the night and will keep going.", "Paul Okafor" },
  { "We expect most homes to have power again by Friday,", "Paul Okafor" },
  { "We heard the same promise last winter,", "Maria Lopez" },
  { "Nobody came for four days.", "Maria Lopez" },
  { "on schedule.", nil },
})

-- a woman and a man: she/he by first name; "He replied that ...: “...”"; described ... as; a new sentence after a quote is not its attribution
same(quotes_of([[
Budget fight heats up

Senator Laura Chen and Governor David Park clashed over the budget on Monday.

“This budget robs our schools,” she said. “I will vote against it.”

He replied that the cuts were needed: “We have no money left.”

Park later described the plan as “painful but fair.” Chen called it “a betrayal.”
]]), {
  { "This budget robs our schools,", "Laura Chen" },
  { "I will vote against it.", "Laura Chen" },
  { "We have no money left.", "David Park" },
  { "painful but fair.", "David Park" },
  { "a betrayal.", "Laura Chen" },
})

-- “...,” X wrote; a quote split by "said X, who ..."; praised ... as; single marks
same(quotes_of([[
Court rejects appeal

The Supreme Court rejected the appeal on Thursday. “The law is clear,” Chief Justice Helen Moyo wrote for the majority.

“The court has spoken,” said Justice Minister Kwame Boateng, who had backed the appeal, “and we will respect it.”

The minister said the government would study the ruling. Boateng praised the judges as “fearless and independent.”

In a post on social media, lawyer Sara Nyambura wrote: ‘This is a dark day.’
]]), {
  { "The law is clear,", "Helen Moyo" },
  { "The court has spoken,", "Kwame Boateng" },
  { "and we will respect it.", "Kwame Boateng" },
  { "fearless and independent.", "Kwame Boateng" },
  { "This is a dark day.", "Sara Nyambura" },
})

-- "said X, Acme's chief executive"; "He told workers that ... “collapsed.”"; "X, who ..., said:"; "X, speaking after a meeting with Y, said"
same(quotes_of([[
Factory to close

Acme Steel will close its plant in Millbrook, the company said in a statement on Friday.

“This was a painful decision,” said Robert Hale, Acme's chief executive. He told workers that the market had “collapsed.”

Union leader Grace Obi, who has worked at the plant for 30 years, said: “They promised us a future. They lied.”

“My father worked here, and his father before him,” she said. “Now it is gone.”

Mayor Tom Reed, speaking after a meeting with Obi, said the town would “fight for every job.”
]]), {
  { "This was a painful decision,", "Robert Hale" },
  { "collapsed.", "Robert Hale" },
  { "They promised us a future. They lied.", "Grace Obi" },
  { "My father worked here, and his father before him,", "Grace Obi" },
  { "Now it is gone.", "Grace Obi" },
  { "fight for every job.", "Tom Reed" },
})

-- a film title without a speaker; critics (no name): null; a nested quotation: "He told me, ‘...’" is the man named before
same(quotes_of([[
Film festival opens

The festival opened with the documentary “Silent Rivers,” a study of drought in the Sahel.

Its director, Amadou Diallo, said the film took six years. “We filmed in villages that no longer exist,” Diallo said. “Some of the people in it have died.”

Critics have called the film a “masterpiece.” The festival's artistic director, Claire Martin, said: “He told me, ‘I want people to feel the heat,’ and they do.”
]]), {
  { "Silent Rivers,", nil },
  { "We filmed in villages that no longer exist,", "Amadou Diallo" },
  { "Some of the people in it have died.", "Amadou Diallo" },
  { "masterpiece.", nil },
  { "He told me, ‘I want people to feel the heat,’ and they do.", "Claire Martin" },
  { "I want people to feel the heat,", "Amadou Diallo" },
})

-- a spokeswoman named in apposition; "the minister said:" is the person introduced as minister; a paragraph of quotation after a quoted paragraph keeps the voice
same(quotes_of([[
Hospital strike enters second week

Nurses at three public hospitals stayed off work on Monday. A spokeswoman for the Health Ministry, Elena Vidal, said talks would resume “as soon as the unions are ready.”

The ministry said in a statement that it had offered a 4 percent raise. “That offer is an insult,” said union organizer Kofi Mensah, who has led the walkout since it began.

Health Minister Ines Carvalho, who met Mensah on Friday, said she was disappointed. “We have put real money on the table,” she said. “I cannot print more.”

A spokesman for the union said the offer was “not serious.” The minister said: “My door is open.”

“We will stay out until they listen,” Mensah told a rally outside parliament.

“Every day we lose, patients lose.”
]]), {
  { "as soon as the unions are ready.", "Elena Vidal" },
  { "That offer is an insult,", "Kofi Mensah" },
  { "We have put real money on the table,", "Ines Carvalho" },
  { "I cannot print more.", "Ines Carvalho" },
  { "not serious.", nil },
  { "My door is open.", "Ines Carvalho" },
  { "We will stay out until they listen,", "Kofi Mensah" },
  { "Every day we lose, patients lose.", "Kofi Mensah" },
})

-- "it said in a statement": null when the company is no name; "She added:"; "X wrote on social media that ... “...”"; "Asked ..., X said:"
same(quotes_of([[
Tech giant fined

European regulators fined Orbital Systems 1.2 billion euros on Wednesday. The company said it would appeal. "We believe the decision is wrong," it said in a statement.

Competition Commissioner Marta Lindqvist described the fine as "proportionate and overdue." She added: "No company is above the rules."

Orbital's chief executive, Daniel Reyes, wrote on social media that the ruling was "a blow to innovation." "We will keep building," he wrote.

Analysts were unmoved. "The fine is about two weeks of profit," said Priya Natarajan, an analyst at Harbor Bank. "Investors will shrug."

Asked whether more fines would follow, Lindqvist said: "We are only getting started."
]]), {
  { "We believe the decision is wrong,", nil },
  { "proportionate and overdue.", "Marta Lindqvist" },
  { "No company is above the rules.", "Marta Lindqvist" },
  { "a blow to innovation.", "Daniel Reyes" },
  { "We will keep building,", "Daniel Reyes" },
  { "The fine is about two weeks of profit,", "Priya Natarajan" },
  { "Investors will shrug.", "Priya Natarajan" },
  { "We are only getting started.", "Marta Lindqvist" },
})

-- "the lawyer said" with no named lawyer: null; a split quote "said X, “...”"
same(quotes_of([[
Mayor quits after scandal

The mayor of Eastfield, Thomas Brandt, resigned on Thursday after weeks of pressure.

"I made mistakes, and I am sorry for them," Brandt said at a news conference. "But I never took a cent that was not mine."

His deputy, Sophie Laurent, will serve as acting mayor until an election in the spring. "This city deserves a fresh start," she said. "I intend to give it one."

Brandt's lawyer said the former mayor would fight the charges. "My client is innocent," the lawyer said.

"He was a good mayor," said Laurent, "but he lost the trust of the people."
]]), {
  { "I made mistakes, and I am sorry for them,", "Thomas Brandt" },
  { "But I never took a cent that was not mine.", "Thomas Brandt" },
  { "This city deserves a fresh start,", "Sophie Laurent" },
  { "I intend to give it one.", "Sophie Laurent" },
  { "My client is innocent,", nil },
  { "He was a good mayor,", "Sophie Laurent" },
  { "but he lost the trust of the people.", "Sophie Laurent" },
})

-- a quotation over two paragraphs with curly marks; "She called the proposal “...” and said"; "X said on Sunday"
same(quotes_of([[
Peace talks stall

Talks between the two sides broke down on Saturday, according to the United Nations envoy, Hassan Farouk.

"Neither delegation was willing to move," Farouk told reporters in Geneva. "I will not pretend otherwise.

"We will try again next month. The people of the region cannot wait forever."

Foreign Minister Lena Okoro blamed the other side. She called the proposal "a trap dressed as a compromise" and said her government would not sign it.

"They want us to give up everything," Okoro said, "and they offer nothing."

The rebel spokesman, Youssef Amari, rejected that. "It is the government that walked away," Amari said on Sunday.
]]), {
  { "Neither delegation was willing to move,", "Hassan Farouk" },
  { "I will not pretend otherwise.", "Hassan Farouk" },
  { "We will try again next month. The people of the region cannot wait forever.", "Hassan Farouk" },
  { "a trap dressed as a compromise", "Lena Okoro" },
  { "They want us to give up everything,", "Lena Okoro" },
  { "and they offer nothing.", "Lena Okoro" },
  { "It is the government that walked away,", "Youssef Amari" },
})

-- a nested quotation in single straight marks spoken by "I": the outer voice; "praised his players as"; "According to X, the team will “...”"
same(quotes_of([[
Championship won in extra time

Striker Ana Sousa scored twice as Porto City beat Valley Rovers 3-2 after extra time on Sunday.

"I told the girls at half-time, 'We have not come this far to lose,'" Sousa said. "And they believed it."

Rovers coach Mark Ellis praised his players as "brave until the last second." He said the referee had made "a terrible call" on the second goal.

According to Ellis, the team will "come back stronger next season."

Sousa, 24, joined the club from Lisbon last year. "This is the best day of my life," she said.
]]), {
  { "I told the girls at half-time, 'We have not come this far to lose,'", "Ana Sousa" },
  { "We have not come this far to lose,", "Ana Sousa" },
  { "And they believed it.", "Ana Sousa" },
  { "brave until the last second.", "Mark Ellis" },
  { "a terrible call", "Mark Ellis" },
  { "come back stronger next season.", "Mark Ellis" },
  { "This is the best day of my life,", "Ana Sousa" },
})

-- "she" learnt for a name given to men and women alike, so "he" goes to the man
same(quotes_of([[
Rail deal signed

Transport Secretary James Whitfield and his French counterpart, Claire Dubois, signed the rail agreement in Lille on Tuesday.

Whitfield called it "a new chapter for both countries." Dubois was more cautious. "Signatures are easy," she said. "Trains running on time are hard."

He said the first trains would run in 2027. "I will be on the first one," he said.

Critics of the deal, including the Green Party, said it was "rushed." Party leader Owen Price said on Tuesday: "Nobody read the small print."

"The costs have not been published," Price said, "and that should worry everyone."
]]), {
  { "a new chapter for both countries.", "James Whitfield" },
  { "Signatures are easy,", "Claire Dubois" },
  { "Trains running on time are hard.", "Claire Dubois" },
  { "I will be on the first one,", "James Whitfield" },
  { "rushed.", nil },
  { "Nobody read the small print.", "Owen Price" },
  { "The costs have not been published,", "Owen Price" },
  { "and that should worry everyone.", "Owen Price" },
})

-- "said Dr. X, who ..."; "“...?” asked X, a shopkeeper"; "rejected the criticism as “unfair,” saying": the government, no name
same(quotes_of([[
Quake rescue

Rescue teams pulled a girl from the rubble in Antakya on Friday, five days after the earthquake.

"It is a miracle," said Dr. Selin Aydin, who treated the girl at the field hospital. She said the child was dehydrated but stable.

The head of the rescue team, Burak Yilmaz, told local television that his crews had heard tapping. "We dug for eleven hours with our hands," Yilmaz said. "When we saw her face, everyone cried."

Residents have criticized the government's response. "Where was the state in the first two days?" asked Emre Kaya, a shopkeeper who lost his brother.

The government rejected the criticism as "unfair," saying more than 30,000 rescuers had been deployed.
]]), {
  { "It is a miracle,", "Selin Aydin" },
  { "We dug for eleven hours with our hands,", "Burak Yilmaz" },
  { "When we saw her face, everyone cried.", "Burak Yilmaz" },
  { "Where was the state in the first two days?", "Emre Kaya" },
  { "unfair,", nil },
})

-- a surname that is also a place; "Speaking at ..., X said:"; "she replied" two sentences after the name
same(quotes_of([[
Central bank holds rates

The central bank kept its main rate at 5.25 percent on Wednesday, as expected.

Governor Maria Santos said inflation was "moving in the right direction but not there yet." Speaking at a news conference, Santos said: "We are not going to declare victory early."

Some economists disagreed. "The bank is behind the curve," said Tomasz Nowak, chief economist at Vistula Capital. Nowak expects two cuts this year.

The bank's statement said the board would "remain vigilant."

"We will do what is needed," Santos said. "No more, no less."

She was asked about the currency. "It is not our target," she replied.
]]), {
  { "moving in the right direction but not there yet.", "Maria Santos" },
  { "We are not going to declare victory early.", "Maria Santos" },
  { "The bank is behind the curve,", "Tomasz Nowak" },
  { "remain vigilant.", nil },
  { "We will do what is needed,", "Maria Santos" },
  { "No more, no less.", "Maria Santos" },
  { "It is not our target,", "Maria Santos" },
})

-- "X was quoted as saying"; “...” X said on Tuesday (a new sentence); "X's spokesman, Y, said:"; a pronoun inside a quotation is not its speaker; a joint statement: null
same(quotes_of([[
Election law passes

Parliament approved the new election law by 212 votes to 140 on Tuesday.

“This law gives every citizen the same voice,” said Interior Minister Ana Ruiz. “It was long overdue.”

The vote is final. “There will be no second reading.” Ruiz said on Tuesday.

Opposition leader Carlos Mendes was quoted as saying the law was “written for the ruling party.” In an interview with a local radio station, Mendes said: “We will take it to the courts.”

Ruiz's spokesman, Pablo Gil, said: “The courts will find nothing wrong with it.”

“He kept saying 'never' in the debate,” Gil said of Mendes. “Never is a long time.”

The two leaders later said in a joint statement that they would “respect the result.”
]]), {
  { "This law gives every citizen the same voice,", "Ana Ruiz" },
  { "It was long overdue.", "Ana Ruiz" },
  { "There will be no second reading.", "Ana Ruiz" },
  { "written for the ruling party.", "Carlos Mendes" },
  { "We will take it to the courts.", "Carlos Mendes" },
  { "The courts will find nothing wrong with it.", "Pablo Gil" },
  { "He kept saying 'never' in the debate,", "Pablo Gil" },
  { "never", "Carlos Mendes" },
  { "Never is a long time.", "Pablo Gil" },
  { "respect the result.", nil },
})

-- "asked Senator X, 61, who ..."; "According to a statement from the regulator's office": null; "it said" after the company named (a name taken for a person's)
same(quotes_of([[
Water prices to rise

Water bills will rise by 9 percent from April, the regulator announced on Monday.

“Who pays for the leaks?” asked Senator Joan Miller, 61, who chairs the consumer committee. “Not the companies, it seems.”

Miller and her colleague Rachel Adams wrote to the regulator last month. Adams, a former engineer, said the network was “falling apart.” She said: “Some pipes are older than the city hall.”

According to a statement from the regulator's office, the increase is “necessary to fund repairs.”

Thames Valley Water said the money would go to new pipes. “Every penny will be spent on the network,” it said.

Peter Walsh, who runs a bakery in Reading, was less sure. “I have heard that before,” he said.

“They raise prices and nothing changes.”
]]), {
  { "Who pays for the leaks?", "Joan Miller" },
  { "Not the companies, it seems.", "Joan Miller" },
  { "falling apart.", "Rachel Adams" },
  { "Some pipes are older than the city hall.", "Rachel Adams" },
  { "necessary to fund repairs.", nil },
  { "Every penny will be spent on the network,", "Thames Valley Water" },
  { "I have heard that before,", "Peter Walsh" },
  { "They raise prices and nothing changes.", "Peter Walsh" },
})

-- "X said on Monday that the talks would continue “...”"; "X, 52, said"; "they said" after a company; a last paragraph of quotation after "X said ..."
same(quotes_of([[
Talks to continue

Foreign Minister Sofia Lind said on Monday that the talks would continue “as long as it takes.”

Lind, 52, said the two sides were close on trade but far apart on fishing.

“Fish do not know where the border is,” she said.

Her Norwegian counterpart, Erik Dahl, struck a harder tone. “We have made our last offer,” Dahl told the NTB news agency. He said Norway would not “give away the sea.”

Nordic Fisheries, the largest trawler company, said it backed the government. “They have our full support,” they said.

Dahl said the next round would be in Oslo.

“We will be ready.”
]]), {
  { "as long as it takes.", "Sofia Lind" },
  { "Fish do not know where the border is,", "Sofia Lind" },
  { "We have made our last offer,", "Erik Dahl" },
  { "give away the sea.", "Erik Dahl" },
  { "They have our full support,", "Nordic Fisheries" },
  { "We will be ready.", "Erik Dahl" },
})


-- British single marks: a long ‘...’ quotation, a second one in the paragraph keeps the voice, an apostrophe of a plural possessive (drivers’ union) inside one
same(quotes_of([[
Ferry service cut

The island ferry will run only twice a week from May, the operator said on Friday.

‘This is a disaster for the island, for its schools, for its shops and for every family who needs to see a doctor on the mainland more than twice a week,’ said councillor Morag Gunn. ‘We were not even asked.’

Ms Gunn said the drivers’ union had also been ignored. ‘The drivers’ union learnt about it from the radio,’ she said.
]]), {
  { "This is a disaster for the island, for its schools, for its shops and for every family who needs to see a doctor on the mainland more than twice a week,", "Morag Gunn" },
  { "We were not even asked.", "Morag Gunn" },
  { "The drivers’ union learnt about it from the radio,", "Morag Gunn" },
})


-- "X, 45, a nurse from Leeds, said:"; "As X put it,"; "X asked him ... “...,” he replied": the man; a short exchange in one paragraph
same(quotes_of([[
Hospital wait times grow

Waiting lists at the city's hospitals grew for the ninth month in a row, figures published on Thursday showed.

Ann Leeming, 45, a nurse from Leeds, said: "We are running on empty." As hospital director Omar Haddad put it, "Every bed is full, every night."

"We need more staff," Haddad told the health committee. Committee chair Julia Brooks asked him when things would improve. "Not before winter," he replied.

"Yes," said Brooks. "And then what?"
]]), {
  { "We are running on empty.", "Ann Leeming" },
  { "Every bed is full, every night.", "Omar Haddad" },
  { "We need more staff,", "Omar Haddad" },
  { "Not before winter,", "Omar Haddad" },
  { "Yes,", "Julia Brooks" },
  { "And then what?", "Julia Brooks" },
})


-- the president is not the vice president; "the vice president said:"; "a former president, who ..., called": nobody named
same(quotes_of([[
Budget row at the top

President Luis Arce and Vice President Carmen Vega disagreed over the budget on Monday.

Arce said the cuts were unavoidable. “We cannot spend money we do not have,” he said.

Vega, who chairs the senate, took the opposite view. “Cutting schools is not a plan,” she said.

“She is a good colleague,” the president told reporters later. The vice president said: “I respect him too.”

A former president, who asked not to be named, called the row “childish.”
]]), {
  { "We cannot spend money we do not have,", "Luis Arce" },
  { "Cutting schools is not a plan,", "Carmen Vega" },
  { "She is a good colleague,", "Luis Arce" },
  { "I respect him too.", "Carmen Vega" },
  { "childish.", nil },
})


-- scare quotes and titles: null, unless a speech verb points at them ("what he calls “...”")
same(quotes_of([[
Minister under fire

Finance Minister Ana Ruiz defended her budget on Monday. “The numbers add up,” she said.

The so-called “peace dividend” was rejected by opposition leader Tomás Herrera. Herrera has long opposed what he calls “the Madrid elite.”

The band's new album, “Salt,” was released on Friday, the label said.

Ruiz, whose “war on waste” won praise last year, is expected to survive the vote.
]]), {
  { "The numbers add up,", "Ana Ruiz" },
  { "peace dividend", nil },
  { "the Madrid elite.", "Tomás Herrera" },
  { "Salt,", nil },
  { "war on waste", nil },
})


-- a title that opens a paragraph after a quoted one has no speaker
same(quotes_of("Nadia Farah said: \u{201C}We are ready.\u{201D}\n\n\u{201C}Blue Harbor\u{201D} was played twice."),
  { { "We are ready.", "Nadia Farah" }, { "Blue Harbor" } })

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

-- seeds/001: "said council member X, who ..." and the same voice after it
f = assert(io.open("seeds/001_harbor_vote.txt", "rb"))
list = quotes_of(f:read("a"))
f:close()
assert(#list == 3, #list)
assert(list[1].speaker == "Ruth Okafor" and list[2].speaker == "Ruth Okafor")
assert(list[3].text == "a gamble with public money." and list[3].speaker == "Samuel P. Greene")

-- a person "of" an organization, with a long aside before "said": the
-- person speaks, not the organization
same(quotes_of("Outside experts were pleased. Dr. Inga Solberg of the Bergen Institute " ..
  "of Marine Research, who took no part in the survey of the northern fjords, said the " ..
  "count was “a welcome surprise” and asked for more funding."),
  { { "a welcome surprise", "Inga Solberg" } })

-- entities and quotes from one scan
local ents, qs = qx:extract_all(galley.document(seed))
assert(#ents > 40 and #qs == 4)
local ex = require("galley.entities").new()
ents, qs = ex:extract_all(galley.document("He called it “a farce” and left."))
assert(#qs == 1 and qs[1].speaker == null)

print("test_quotes: ok")
