"""Word lists and templates for the benchmark archive: every sentence is assembled
here from our own fragments, so the text has the shape of real interviews (several
paragraphs, numbered lists, [bracketed insertions]) without copying anyone's prose.

Pure functions of a ``random.Random``: the same seed gives the same text. No Django.
"""

import functools

PLACES = (
    "Aleppo Idlib Daraa Raqqa Hama Homs Latakia Tartus Qamishli Hasakah Manbij Azaz "
    "Jarablus Marea Afrin Saraqeb Douma Harasta Zabadani Madaya Quneitra Suwayda "
    "Bosra Nawa Inkhil Tafas Palmyra Salamiyah Kobani Amuda Tal_Abyad Ras_al-Ain "
    "Maskanah Safira Atarib Darat_Izza Sarmada Dana Binnish Taftanaz Ariha Kafranbel "
    "Khan_Shaykhun Morek Latamneh Kafr_Zita Halfaya Mhardeh Suqaylabiyah Rastan "
    "Talbiseh Qusayr Yabroud Nabk Qalamoun Darayya Moadamiyeh Jobar Zamalka Arbin "
    "Saqba Kafr_Batna Hamouriyah Eastern_Ghouta Yarmouk Sbeineh Dael Jasim Sanamayn "
    "Hrak Busra_al-Harir Lajat Shahba Salkhad Arsal Zahle Tripoli Akkar Beirut Saida "
    "Baalbek Amman Irbid Mafraq Ramtha Zarqa Gaziantep Kilis Urfa Reyhanli Antakya "
    "Mersin Adana Istanbul Erbil Dohuk Mosul Sinjar Tal_Afar Qaim Rutba Bab_al-Hawa "
    "Bab_al-Salameh Akcakale Ceylanpinar Mayadin Bukamal Hajin Shuhayl Busayrah "
    "Tabqa Thawra Ain_Issa Sheikh_Maqsoud Bustan_al-Qasr Salaheddine Hanano Midan"
).split()
PLACES = [place.replace("_", " ") for place in PLACES]

FIRST_NAMES = (
    "Ahmad Mohammad Omar Khaled Hassan Hussein Ali Mahmoud Yousef Ibrahim Samer "
    "Rami Fadi Bassel Majd Tarek Wael Ziad Nabil Karim Firas Anas Obaida Hamza "
    "Mustafa Jamal Kamal Adnan Hadi Murad Louay Rashid Salim Walid Yasser Bilal "
    "Amer Ghaith Iyad Muhannad Qusai Shadi Suhail Taha Zaher Nizar Mazen Jihad "
    "Rania Lina Hiba Nour Sara Dima Rasha Yara Zeina Maya Reem Alaa Huda Ruba "
    "Salma Farah Ghada Hala Mona Samar Layla Amal Rima Nada Dalia Jana Lama Razan "
    "Aya Bushra Asma Fatima Khadija Maryam Zainab Lubna Nisreen Sawsan Wafa "
    "Elizabeth Daniel Thomas Clara Martin Anna Lucas Sophie Jonas Emma Hugo Ines "
    "Tom Kate James Ruth Peter Helen Mark Alice Sam Julia Oliver Grace Ben Laura"
).split()

LAST_NAMES = (
    "Haddad Khoury Nasser Darwish Hamdan Saleh Qassem Mansour Sabbagh Halabi "
    "Shami Hourani Idlibi Homsi Najjar Attar Kayyali Jabri Tlass Kurdi Hariri "
    "Zoubi Masri Ayoub Bitar Ghanem Hakim Jaber Kassab Lahham Mardini Nahhas Qadri "
    "Rifai Sayegh Tamer Wehbe Yassin Zein Abboud Bakri Dabbagh Farra Ghazal Hilal "
    "Issa Jundi Kanaan Latif Maarouf Nakhleh Omari Qabbani Rahal Sarraj Toubasi "
    "Umran Wazzan Yazigi Zaatari Abdallah Barakat Chahine Dahdah Fakhoury Hanna "
    "Karam Maalouf Nassif Rizk Sfeir Tohme Bayram Demir Kaya Yilmaz Aydin Sahin "
    "Moreau Berger Keller Fischer Walsh Brennan Carter Hughes Lindqvist Novak "
    "Rossi Ferrari Santos Costa Duarte Okafor Mensah Petrov Horvat Kowalski"
).split()

SERIES = [
    ("On the Record", "Officials, commanders and spokespeople, in their own words."),
    (
        "Voices from the Camps",
        "Life in the camps along the border, told by those who live there.",
    ),
    ("The Long Interview", "Conversations that take their time."),
    ("Ground Truth", "What people on the ground see, week by week."),
    ("Behind the Lines", "Life in besieged and contested towns."),
    ("The Exchange", "Traders, farmers and bakers on the price of everything."),
    ("Class Notes", "Teachers and students on schools that keep going."),
    ("First Response", "Doctors, nurses and rescuers."),
    ("Border Crossings", "Those who leave, those who return, those who wait."),
    ("The Council", "Local councils and the people who run them."),
    ("Harvest", "Farming through war and drought."),
    ("Lights Out", "Electricity, fuel and the generators that replaced them."),
    ("Paper Trail", "Documents, property and the courts."),
    ("Second Shift", "Women at work in wartime."),
    ("After the Siege", "Towns that are rebuilding, and what they need."),
    ("Frequencies", "Local radio and the people who keep it on air."),
    ("Back Home", "Refugees who went back."),
    ("The Clinic", "Public health, one clinic at a time."),
    ("Supply Lines", "Roads, convoys and checkpoints."),
    ("Questions of Law", "Lawyers and judges on justice after war."),
]

# Each topic: the tag, things, needs, who runs it, events, list items.
TOPICS = {
    "Water": (
        (
            "the water pumps|the wells|the water tankers|the main pipeline|"
            "the pumping station"
        ),
        (
            "clean water|chlorine tablets|spare parts for the pumps|"
            "diesel for the pumping station"
        ),
        "the water authority|the tanker drivers|the pumping station engineers",
        (
            "the main pipeline was cut|the pumping station ran out of diesel|"
            "the wells dried up in August"
        ),
    ),
    "Bread": (
        "the bakeries|the flour|the bread queues|the subsidised bread|the mills",
        "flour|yeast|fuel for the ovens|a fair price for a bundle of bread",
        "the bakery owners|the flour traders|the relief committee",
        (
            "two bakeries closed in one week|the price of a bundle doubled|"
            "the flour convoy was turned back"
        ),
    ),
    "Electricity": (
        (
            "the generators|the power lines|the transformer station|the solar panels|"
            "the grid"
        ),
        "fuel for the generators|cables|a few hours of power a day|batteries",
        "the generator owners|the electricity directorate|the neighbourhood committees",
        (
            "the transformer station was hit|the grid went down for a month|"
            "generator prices tripled"
        ),
    ),
    "Education": (
        "the schools|the exams|the teachers' salaries|the textbooks|the classrooms",
        (
            "salaries for the teachers|heating for the classrooms|"
            "recognised certificates|textbooks"
        ),
        "the education directorate|the teachers' union|the parents' committee",
        (
            "the schools closed in November|the exam papers never arrived|"
            "teachers stopped being paid"
        ),
    ),
    "Health": (
        (
            "the field hospital|the clinics|the ambulances|the pharmacies|"
            "the vaccination campaign"
        ),
        "insulin|anaesthetics|a surgeon|fuel for the ambulances|vaccines",
        "the health directorate|the medical office|the doctors' association",
        (
            "the field hospital was moved underground|the last surgeon left|"
            "the vaccines spoiled in the heat"
        ),
    ),
    "Displacement": (
        "the camps|the tents|the shelters|the new arrivals|the registration lists",
        "tents|blankets|a place to go|heating oil|registration papers",
        "the camp administration|the displaced families|the host communities",
        (
            "a thousand families arrived in two days|the tents flooded in January|"
            "the camp was moved twice"
        ),
    ),
    "Checkpoints": (
        "the checkpoints|the main road|the crossing|the convoy routes|the permits",
        "a safe road|permits for the trucks|an open crossing|a list of detainees",
        "the checkpoint officers|the drivers|the negotiating committee",
        (
            "the crossing closed without warning|drivers were held for days|"
            "the road was cut at night"
        ),
    ),
    "Farming": (
        (
            "the harvest|the wheat fields|the irrigation canals|the seed stores|"
            "the olive groves"
        ),
        "seeds|fertiliser|diesel for the irrigation pumps|a buyer for the wheat",
        "the farmers' union|the grain traders|the agricultural directorate",
        (
            "the fields were burned before the harvest|the canals silted up|"
            "the wheat price collapsed"
        ),
    ),
    "Prices": (
        "the markets|the exchange rate|the price of sugar|the shops|the wages",
        "stable prices|a wage that covers rent|cash|cooking gas",
        "the traders|the exchange offices|the market committee",
        (
            "the pound lost a third of its value|the price of sugar doubled|"
            "shops closed early"
        ),
    ),
    "Local councils": (
        (
            "the local council|the council elections|the council budget|"
            "the services office"
        ),
        "a budget|elected members|support from the governorate|trust",
        "the council members|the governorate|the civil society groups",
        (
            "the council was dissolved|the elections were postponed|"
            "the budget was cut by half"
        ),
    ),
    "Detention": (
        "the detainees|the prisons|the court records|the families of the missing",
        "news of the detainees|a lawyer|a list of names|visits",
        "the military police|the courts|the families' committee",
        (
            "dozens were arrested at the checkpoint|the court stopped sitting|"
            "the lists were never published"
        ),
    ),
    "Fuel": (
        (
            "the fuel stations|the diesel|the smuggling routes|the heating oil|"
            "the refineries"
        ),
        "diesel|heating oil|a fair price for a litre|petrol for the ambulances",
        "the fuel traders|the refinery workers|the supply office",
        (
            "the refinery stopped working|a litre of diesel cost a day's wage|"
            "the fuel trucks stopped coming"
        ),
    ),
    "Housing": (
        "the houses|the rents|the property records|the rubble|the rebuilt flats",
        "cement|a fair rent|property deeds|a roof before winter",
        "the landlords|the property office|the reconstruction committee",
        "half the street was destroyed|rents tripled|the deeds were burned",
    ),
    "Media": (
        (
            "the local radio|the newspaper|the internet cafes|the satellite dishes|"
            "the press office"
        ),
        "a transmitter|internet access|press cards|safety for reporters",
        "the journalists|the media office|the radio staff",
        (
            "the radio went off air|a reporter was detained|"
            "the internet was cut for a week"
        ),
    ),
    "Women": (
        "the women's centre|the sewing workshops|the literacy classes|the widows' fund",
        "work|childcare|safe transport|small loans",
        "the women's committee|the workshop managers|the volunteers",
        (
            "the centre lost its funding|the workshops reopened|"
            "the classes doubled in size"
        ),
    ),
    "Returns": (
        (
            "the returning families|the ruined villages|the demining teams|"
            "the return papers"
        ),
        "demining|security guarantees|papers|a school for the children",
        "the returnees|the demining teams|the village committee",
        (
            "the first families came back in spring|a mine killed two shepherds|"
            "the village had no water"
        ),
    ),
}

TIMES = [
    "Last week",
    "Since March",
    "Two years ago",
    "Every winter",
    "Since the summer",
    "At the start of the year",
    "Three months ago",
    "In the last few days",
    "Before the siege",
    "Since the ceasefire",
    "In October",
    "Last spring",
]
MONTHS = (
    "January February March April May June July August September October "
    "November December"
).split()
PEOPLE = [
    "families",
    "teachers",
    "farmers",
    "the displaced",
    "shop owners",
    "students",
    "the elderly",
    "drivers",
    "day labourers",
    "nurses",
    "bakers",
    "widows",
]
GENERAL_ACTORS = [
    "the relief organisations",
    "the local council",
    "the governorate",
    "the international agencies",
    "the armed groups",
    "the traders",
    "the municipality",
    "the donors",
    "the regime",
    "the opposition authorities",
]
NUMBERS = ["two", "three", "four", "five", "a dozen", "twenty", "fifty", "a hundred"]
SHARES = ["Half", "Most", "A third", "Nearly all", "Two thirds", "Very few"]
DURATIONS = [
    "three weeks",
    "two months",
    "a year",
    "forty days",
    "since the spring",
    "more than a month",
    "six months",
]
SEASONS = ["the winter", "the rains", "the harvest", "Ramadan", "the new school year"]
QUOTES = [
    "We are living day by day",
    "Nobody asked us",
    "The bakeries will close first",
    "We count the hours of electricity",
    "This winter will be harder",
    "We want our children in school",
    "The road is our lifeline",
    "We were promised and we waited",
    "Nothing reaches us",
    "We rebuilt it ourselves",
    "The council cannot work without money",
    "We need a doctor, not a promise",
    "Our fields are our savings",
    "Every family has someone missing",
    "The camp is not a home",
    "We will stay",
    "Prices change every hour",
    "The water comes once a week",
    "We keep the radio on",
    "Nobody is accountable",
]
ROLES = [
    "spokesperson",
    "commander",
    "director",
    "head",
    "member",
    "doctor",
    "teacher",
    "engineer",
    "farmer",
    "activist",
    "lawyer",
    "trader",
    "nurse",
    "baker",
    "mayor",
]
GROUPS = [
    "Liwa al-Fajr",
    "Jaish al-Sahel",
    "Ahrar al-Jabal",
    "Liwa Shuhada al-Qarya",
    "Faylaq al-Wadi",
    "Jabhat al-Sumud",
    "Tajammu al-Ahrar",
    "Liwa al-Tawhid al-Janubi",
    "Kataib al-Nasr",
    "Jaish al-Thawra al-Sharqi",
    "Harakat al-Karama",
    "Liwa Suqur al-Shamal",
    "Faylaq al-Rahma",
    "Jaish al-Izza al-Gharbi",
]
BODIES = [
    "Local Council",
    "Medical Directorate",
    "Civil Defence",
    "Teachers' Union",
    "Water Authority",
    "Free Lawyers' Association",
    "Relief Committee",
    "Farmers' Union",
    "Media Office",
    "Women's Centre",
    "Chamber of Commerce",
]
THEMES = (
    "Bread prices|Fuel shortages|Power cuts|School exams|Field hospitals|Siege|"
    "Ceasefire|Reconstruction|Refugees|Winter|Drought|Elections|Salaries|Smuggling|"
    "Kidnapping|Landmines|Vaccination|Cholera|Wheat|Olive harvest|Exchange rate|"
    "Property rights|Internet access|Radio|Press freedom|Courts|Prisons|"
    "Missing persons|Child labour|Early marriage|Disability|Orphans|Universities|"
    "Teachers|Doctors|Ambulances|Convoys|Humanitarian aid|Cross-border aid|"
    "Border closures|Deportations|Residency permits|Work permits|Rent|Camps|Tents|"
    "Floods|Heat wave|Snowstorm|Generators|Solar power|Diesel|Heating oil|"
    "Cooking gas|Sugar|Rice|Medicine|Insulin|Cancer care|Dialysis|Mental health|"
    "Psychological support|Sports|Football|Music|Theatre|Libraries|Mosques|"
    "Churches|Heritage|Archaeology|Looting|Old city|Markets|Traders|Factories|"
    "Unemployment|Remittances|Banks|Taxes|Customs|Checkpoint fees|Conscription|"
    "Defections|Amnesty|Negotiations|Local truce|Evacuation|Buses|Returnees|"
    "Demining|Rubble|Housing|Cement|Water tankers|Wells|Irrigation|Livestock|"
    "Shepherds|Bakeries|Flour mills|Women at work|Widows|Literacy|Sewing workshops|"
    "Small loans|Volunteers|Scouts|Civil society|Local elections|Governorate|"
    "Municipal services|Garbage|Sewage|Roads|Bridges|Airstrikes|Shelling|"
    "Barrel bombs|Shelters|Basements|Sirens|Curfew|Detentions|Torture|Trials|"
    "Lawyers|Judges|Documents|Birth certificates|Marriage contracts|Passports|"
    "Statelessness|Family reunion|Resettlement|Asylum|Smugglers|Sea crossings|"
    "Journalists|Citizen journalism|Social media|Rumours"
).split("|")
# Other spellings of some place tags (TagAlias rows).
ALIASES = {
    "Raqqa": ["Raqqah", "al-Raqqah"],
    "Qamishli": ["Qamishlo", "Kamishli"],
    "Hasakah": ["Hasaka", "al-Hasakah"],
    "Marea": ["Mare'"],
    "Kafranbel": ["Kafr Nabl"],
    "Khan Shaykhun": ["Khan Sheikhoun"],
    "Darayya": ["Daraya"],
    "Moadamiyeh": ["Moadamiyat al-Sham", "Muadamiya"],
    "Yarmouk": ["Yarmuk"],
    "Suwayda": ["Sweida", "As-Suwayda"],
    "Mayadin": ["Mayadeen"],
    "Bukamal": ["Albu Kamal", "Abu Kamal"],
    "Tabqa": ["Tabaqa"],
    "Reyhanli": ["Reyhanlı"],
    "Tal Abyad": ["Tel Abyad"],
    "Ras al-Ain": ["Serekaniye"],
    "Jarablus": ["Jarabulus"],
    "Latakia": ["Lattakia", "Ladhiqiyah"],
    "Homs": ["Hims"],
    "Hama": ["Hamah"],
}
LIST_ITEMS = [
    "{need} for {place}",
    "A safe road to {place}",
    "Salaries for the {people}",
    "An end to the shelling of {place}",
    "Permission for {people} to return",
    "A list of the detainees from {place}",
    "Repairs to {thing}",
    "A clinic that opens every day",
    "Fair prices at {thing}",
]

# Sentences an interviewee says. Slots: time, place, thing, need, actor, event,
# people, general, number, share, duration, season, month, pronoun (with or without a
# [bracketed insertion]).
ANSWER_SENTENCES = [
    "{time}, {event} and {people} in {place} had to manage on their own.",
    "We asked {actor} for {need}, but nothing arrived.",
    "{share} of the {people} here depend on {thing}, so every delay is felt at once.",
    "The problem is not only {thing}; it is that nobody is responsible for {need}.",
    "{Actor} says it has no budget, and {general} say the same.",
    "I can tell you what I saw with my own eyes: {event}.",
    "Nobody from {general} has visited {place} since {month}.",
    "If {need} does not arrive before {season}, {people} will leave.",
    "{Pronoun} told us to wait, and we have been waiting for {duration}.",
    "Some people say {general} are to blame, but that is not what happened.",
    "We have {number} {people} on the list and no way to reach them.",
    "{Pronoun} came back after {duration} and said the road was closed.",
    "We are **not** asking for charity; we are asking for {need}.",
    "Before the war {thing} worked, and everyone knew who to call.",
    "Now {people} wait from dawn, and many go home with nothing.",
    "The decision was taken in {place}, not here, and we were never consulted.",
    "I have worked with {actor} for years and I have never seen it this bad.",
    "{Pronoun} promised {need} in {month}, and we are still waiting.",
    "Every day we hear that {event}, and every day we start again.",
    "People here are tired, but they are not leaving {place}.",
    "We wrote to {general} three times and received one answer.",
    "It is a question of money, and of who controls {thing}.",
    "There were {number} of us at the start; today there are fewer.",
    "When {event}, the first to suffer were the {people}.",
    "We organised {thing} ourselves, with volunteers and no salaries.",
    "The situation in {place} is different, because {actor} still work there.",
    "I do not want to exaggerate: some things have improved since {month}.",
    "What we need is simple: {need}, and a guarantee that it will last.",
    "{Pronoun} took the names of the {people} and never came back.",
    "You cannot plan anything when {event}.",
]
QUESTIONS = [
    "How did it affect {people} in {place} when {event}?",
    "What do you need most now?",
    "Who is responsible for {thing} in {place}?",
    "What happened after {event}?",
    "Has anyone from {general} contacted you?",
    "How do {people} manage without {need}?",
    "What would you say to {general}?",
    "Is it true that {event}?",
    "Where do things stand with {thing} today?",
    "Why do you think {general} have not acted?",
    "What has changed since {month}?",
    "How many {people} are still in {place}?",
    "You work with {actor}. What do they tell you?",
    "Do you expect things to be better by {season}?",
    "What role do {general} play in {place}?",
]
QUESTION_LEADS = [
    "You mentioned {thing}.",
    "Many readers will not know {place}.",
    "Let us talk about {need}.",
    "Some say {general} are doing their best.",
]
INTRO_SENTENCES = [
    "{time}, {event} in {place}.",
    "For {people} in {place}, {thing} has become the first worry of every day.",
    "{Actor} says it is doing what it can, while {general} blame each other.",
    "The town has seen worse, residents say, but not for so long.",
    "Since {month}, {people} have waited for {need}.",
]
HEADLINES = [
    "‘{quote}’: {role} in {place} on {label}",
    "{name} on why {people} in {place} are still waiting for {need}",
    "In {place}, {people} wait for {need}",
    "‘{quote},’ says {place} {role}",
    "{label} in {place}: ‘{quote}’",
    "What {people} in {place} want from {general}",
    "{name}: ‘{quote}’",
    "After {duration}, {place} asks about {thing}",
]
DEKS = [
    "{name}, {description}, explains why {event}.",
    "{People} in {place} have waited {duration} for {need}. "
    "{name} says what went wrong.",
    "{name} speaks about {thing}, {general} and what comes next.",
    "An interview with {name} on {topic_lower} in {place}.",
]
BIO_SENTENCES = [
    "{first} has covered {topic_a} and {topic_b} since {year}.",
    "Before joining the newsroom, {first} worked for a radio station in {city}.",
    "{first} studied {subject} in {city} and translates from Arabic, French "
    "and Turkish.",
    "{first}'s reporting on {topic_a} won a regional award in {year}.",
    "{first} is writing a book about {topic_a} in {city}.",
]
SUBJECTS = ["law", "literature", "engineering", "economics", "medicine", "history"]


def pick(rng, items):
    return items[rng.randrange(len(items))]


@functools.cache
def topic_words(topic):
    things, needs, actors, events = (part.split("|") for part in TOPICS[topic])
    return things, needs, actors, events


class _Slots(dict):
    """The values of a template's slots, each drawn when the template asks for it."""

    LISTS = {
        "time": TIMES,
        "people": PEOPLE,
        "general": GENERAL_ACTORS,
        "number": NUMBERS,
        "share": SHARES,
        "duration": DURATIONS,
        "season": SEASONS,
        "month": MONTHS,
        "place": PLACES,
    }

    def __init__(self, rng, topic, values):
        super().__init__(values)
        self.rng, self.topic = rng, topic

    def __missing__(self, key):
        things, needs, actors, events = topic_words(self.topic)
        if key in self.LISTS:
            value = pick(self.rng, self.LISTS[key])
        elif key in ("thing", "need", "actor", "event"):
            options = {"thing": things, "need": needs, "actor": actors, "event": events}
            value = pick(self.rng, options[key])
        elif key == "Pronoun":
            value = "They" if self.rng.random() < 0.5 else f"They [{self['actor']}]"
        elif key in ("Actor", "People"):
            lower = self[key.lower()]
            value = lower[0].upper() + lower[1:]
        else:
            raise KeyError(key)
        self[key] = value
        return value


def fill(rng, template, topic, place=None, **extra):
    """``template`` with its slots filled, on ``topic``."""
    if place is not None:
        extra["place"] = place
    text = template.format_map(_Slots(rng, topic, extra))
    return text[0].upper() + text[1:]


def answer(rng, topic, place):
    """Several paragraphs; sometimes a numbered list, often [insertions]."""
    paragraphs = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
        sentences = [
            fill(
                rng,
                pick(rng, ANSWER_SENTENCES),
                topic,
                place if rng.random() < 0.4 else None,
            )
            for _ in range(rng.choice((2, 3, 3, 4)))
        ]
        paragraphs.append(" ".join(sentences))
    if rng.random() < 0.18:
        count = rng.choice((2, 3, 4))
        marker = pick(rng, ("{n}. ", "{n}- ", "{n}) ", "{n}-"))
        items = [
            marker.format(n=n) + fill(rng, pick(rng, LIST_ITEMS), topic)
            for n in range(1, count + 1)
        ]
        separator = "\n\n" if rng.random() < 0.5 else "\n"
        lead = f"We asked for {NUMBERS[count - 2]} things:"
        position = rng.randrange(len(paragraphs) + 1)
        paragraphs[position:position] = [lead, separator.join(items)]
    return "\n\n".join(paragraphs)


def question(rng, topic, place):
    text = fill(rng, pick(rng, QUESTIONS), topic, place)
    if rng.random() < 0.3:
        text = fill(rng, pick(rng, QUESTION_LEADS), topic, place) + " " + text
    return text


def headline(rng, topic, place, name):
    return fill(
        rng,
        pick(rng, HEADLINES),
        topic,
        place,
        quote=pick(rng, QUOTES),
        role=pick(rng, ROLES),
        label=topic,
        name=name,
    )


def dek(rng, topic, place, name, description):
    return fill(
        rng,
        pick(rng, DEKS),
        topic,
        place,
        name=name,
        description=description or "who asked not to be named",
        topic_lower=topic.lower(),
    )


def intro(rng, topic, place, interviewee, description, interviewer):
    first = " ".join(
        fill(rng, pick(rng, INTRO_SENTENCES), topic, place)
        for _ in range(rng.choice((2, 3)))
    )
    who = f"{interviewee}, {description}," if description else f"{interviewee}"
    second = (
        f"{who} spoke to {interviewer} about {topic.lower()} in {place}, "
        f"and about what {pick(rng, GENERAL_ACTORS)} could do."
    )
    return f"{first}\n\n{second}"


def bio(rng, first, city):
    topics = rng.sample(sorted(TOPICS), 2)
    sentences = [
        fill(
            rng,
            template,
            topics[0],
            first=first,
            city=city,
            topic_a=topics[0].lower(),
            topic_b=topics[1].lower(),
            year=rng.randrange(2008, 2020),
            subject=pick(rng, SUBJECTS),
        )
        for template in rng.sample(BIO_SENTENCES, rng.choice((2, 3)))
    ]
    text = " ".join(sentences)
    if rng.random() < 0.3:
        slug = first.lower()
        text += (
            f"\n\nMore of {first}'s work: [a portfolio](https://example.org/{slug})."
        )
    return text


def search_queries(rng, count):
    """Distinct queries a reader might type: places, topics, themes, names, two
    words together, a quoted phrase, now and then a word that matches nothing."""
    queries = []
    seen = set()
    makers = [
        lambda: pick(rng, PLACES),
        lambda: pick(rng, sorted(TOPICS)).lower(),
        lambda: pick(rng, THEMES).lower(),
        lambda: pick(rng, LAST_NAMES),
        lambda: f"{pick(rng, FIRST_NAMES)} {pick(rng, LAST_NAMES)}",
        lambda: (
            f"{pick(rng, topic_words(pick(rng, sorted(TOPICS)))[1]).split()[-1]} "
            f"{pick(rng, PLACES)}"
        ),
        lambda: f'"{pick(rng, GENERAL_ACTORS)}"',
        lambda: f"{pick(rng, THEMES).lower()} {pick(rng, PLACES)}",
        lambda: pick(rng, ("zeppelin", "glacier", "submarine", "volcano")),
    ]
    for _ in range(count * 20):
        if len(queries) == count:
            break
        query = makers[rng.randrange(len(makers))]()
        if query not in seen:
            seen.add(query)
            queries.append(query)
    return queries
