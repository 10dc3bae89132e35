"""Invented names, organisations, titles and filler text for synthetic exports.

Every name here is made up by combining common given and family names from several cultures;
organisations are obviously invented compounds ("Kestrel Analytics", "Veldkamp Logistiek").
Nothing describes a real person or a real well-known company.
"""

from __future__ import annotations

import random

# (given names, family names) per culture. Dutch family names carry their tussenvoegsel in the
# Last Name cell, as LinkedIn writes them ("van der Berg").
CULTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "dutch": (
        ("Sanne", "Jeroen", "Femke", "Thijs", "Lotte", "Bram", "Anouk", "Joost", "Maaike", "Ruben",
         "Eline", "Sjoerd", "Marloes", "Wouter", "Ilse", "Gijs", "Noor", "Daan", "Fleur", "Pieter"),
        ("de Vries", "van der Berg", "Jansen", "Bakker", "van Dijk", "de Boer", "Visser",
         "Smit", "van den Heuvel", "Mulder", "de Graaf", "van Leeuwen", "Kuipers", "Veenstra",
         "van der Meer", "Hoekstra", "Brouwer", "de Jong", "Dekker", "van Rijn"),
    ),
    "turkish": (
        ("Ayşe", "Mehmet", "Elif", "Emre", "Zeynep", "Burak", "Selin", "Kerem", "Deniz", "Oğuz"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan", "Koç"),
    ),
    "moroccan": (
        ("Youssef", "Fatima", "Mohamed", "Khadija", "Anas", "Salma", "Hamza", "Nadia", "Bilal",
         "Imane"),
        ("El Amrani", "Benali", "Bouzid", "El Idrissi", "Ait Lahcen", "Tahiri", "Chaoui",
         "Bennani", "El Khatib", "Ouali"),
    ),
    "indian": (
        ("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Sneha", "Aditya", "Meera",
         "Karthik"),
        ("Sharma", "Iyer", "Patel", "Reddy", "Nair", "Gupta", "Menon", "Rao", "Kulkarni", "Desai"),
    ),
    "chinese": (
        ("Wei", "Li Na", "Jun", "Xiaoming", "Mei", "Hao", "Yan", "Lei", "Jing", "Tao"),
        ("Wang", "Zhang", "Chen", "Liu", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"),
    ),
    "polish": (
        ("Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Łukasz", "Joanna", "Michał",
         "Zofia", "Paweł"),
        ("Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski", "Zieliński",
         "Szymańska", "Dąbrowski", "Kozłowska"),
    ),
    "nigerian": (
        ("Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Funmilayo", "Tunde", "Amaka",
         "Ifeanyi", "Yetunde"),
        ("Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze", "Ogunleye", "Okonkwo", "Adebayo",
         "Chukwu", "Afolabi"),
    ),
    "spanish": (
        ("Lucía", "Javier", "Marta", "Álvaro", "Carmen", "Sergio", "Paula", "Diego", "Nuria",
         "Raúl"),
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz",
         "Jiménez", "Muñoz"),
    ),
    "english": (
        ("Emily", "James", "Olivia", "Thomas", "Charlotte", "Oliver", "Grace", "Henry", "Lucy",
         "Daniel", "Hannah", "Samuel"),
        ("Thompson", "Walker", "Harris", "Clarke", "Robinson", "Wright", "Hughes", "Edwards",
         "Turner", "Mitchell", "Bennett", "Fletcher"),
    ),
}

# Dutch contacts are over-represented: the personas live and work in the Netherlands.
CULTURE_WEIGHTS: dict[str, int] = {
    "dutch": 40, "turkish": 7, "moroccan": 7, "indian": 9, "chinese": 6, "polish": 6,
    "nigerian": 5, "spanish": 6, "english": 14,
}

CREDENTIALS = ("CFA", "PhD", "MBA", "CPA", "PMP", "RA", "MSc", "CFA, CPA", "PhD, MBA")
EMOJI = ("🚀", "🌷", "☕", "🌍", "✨", "📊", "🎯", "🌱")

_ORG_HEADS = (
    "Kestrel", "Veldkamp", "Brightwater", "Noorderlicht", "Ironbark", "Tulpwerk", "Zilvermeeuw",
    "Duinroos", "Quillfeather", "Marlowe & Voss", "Heronsgate", "Polderwind", "Bluefinch",
    "Eikenhout", "Copperleaf", "Stroomlijn", "Wadvogel", "Larkspur", "Grachtzicht", "Thistledown",
    "Vlinderhof", "Ravensloot", "Amberlane", "Kiezelsteen", "Nachtegaal", "Oakhollow",
    "Zeelicht", "Brambleway", "Hazelnoot", "Fjordline", "Klaverveld", "Pinecrest Row",
    "Rietkraag", "Saffron Key", "Tidewell", "Uilenburg", "Windhoos", "Yarrowfield", "Zandloper",
    "Gouden Korenaar", "Meridale", "Snelstroom", "Wolkenkrabber", "Hollowbrook", "Lindeboom",
)
_ORG_TAILS = (
    "Analytics", "Logistiek", "Consulting", "Labs", "Zorggroep", "Bouw", "Systems", "Capital",
    "Advies", "Software", "Energie", "Partners", "Media", "Foods", "Robotics", "Verzekeringen",
    "Health", "Studio", "Finance", "Mobility", "Onderwijs", "Legal", "Ventures", "Retail",
)

FUNCTIONS: dict[str, tuple[str, ...]] = {
    "engineering": ("Software Engineer", "Data Engineer", "Platform Engineer", "Backend Developer",
                    "Frontend Developer", "Machine Learning Engineer"),
    "sales": ("Account Executive", "Sales Manager", "Business Developer", "Accountmanager",
              "Key Account Manager"),
    "marketing": ("Marketing Manager", "Content Strategist", "Growth Marketeer",
                  "Brand Manager"),
    "finance": ("Financial Controller", "Financial Analyst", "Treasury Specialist",
                "Adviseur Financiën"),
    "hr": ("HR Business Partner", "Talent Acquisition Specialist", "Recruiter",
           "People Manager"),
    "operations": ("Operations Manager", "Supply Chain Planner", "Projectleider",
                   "Logistics Coordinator"),
    "design": ("UX Designer", "Product Designer", "Visual Designer", "Service Designer"),
    "legal": ("Legal Counsel", "Bedrijfsjurist", "Compliance Officer", "Privacy Officer"),
    "research": ("Research Scientist", "Onderzoeker", "UX Researcher", "Data Scientist"),
    "product": ("Product Manager", "Product Owner", "Scrum Master"),
    "consulting": ("Consultant", "Adviseur", "Senior Adviseur", "Management Consultant"),
}

# Seniority → how a title is built from a function title.
SENIORITY: tuple[tuple[str, int], ...] = (
    ("intern", 3), ("junior", 8), ("medior", 30), ("senior", 25), ("lead", 12),
    ("director", 8), ("vp", 4), ("c-level", 3), ("founder", 3), ("student", 4),
)

_C_LEVEL = {
    "engineering": "CTO", "sales": "Chief Commercial Officer", "marketing": "CMO",
    "finance": "CFO", "hr": "Chief People Officer", "operations": "COO", "design": "Chief Design "
    "Officer", "legal": "General Counsel", "research": "Chief Scientist", "product":
    "Chief Product Officer", "consulting": "Managing Partner",
}

SKILLS = (
    "Project Management", "Data Analysis", "Stakeholder Management", "Python", "SQL",
    "Negotiation", "Supply Chain Management", "Public Speaking", "Agile Methodologies",
    "Strategy", "Recruiting", "Financial Modeling", "UX Research", "Leadership", "Logistics",
)

_WORDS_EN = (
    "update", "plan", "meeting", "proposal", "draft", "timeline", "budget", "workshop",
    "roadmap", "feedback", "call", "coffee", "report", "slides", "agenda", "follow-up",
    "project", "team", "client", "idea", "review", "launch", "numbers", "schedule",
)
_OPENERS = (
    "Hi {name}!", "Hey {name},", "Thanks {name}.", "Hoi {name},", "Dear {name},", "Goedemorgen!",
    "Good to hear from you.", "Quick question:", "",
)
_SENTENCES = (
    "Could we look at the {w1} before the {w2}?",
    "I shared the {w1} with the team &amp; will send the {w2} tomorrow.",
    "Thanks for the {w1}, it helps a lot.",
    "Let me know if the {w1} works for you.",
    "Zullen we volgende week even bellen over de {w1}?",
    "The {w1} looks good; only the {w2} needs another pass.",
    "I&rsquo;ll check the {w1} and get back to you.",
    "Nice to see the {w1} moving forward.",
    "Happy to help with the {w1}.",
    "Dank je, de {w1} is binnen.",
    "Are you around for a {w1} on Thursday?",
    "Sounds&nbsp;good.",
)


def pick_culture(rng: random.Random) -> str:
    """A culture key drawn with the persona-neutral weights."""
    keys = sorted(CULTURE_WEIGHTS)
    return rng.choices(keys, weights=[CULTURE_WEIGHTS[k] for k in keys])[0]


def person_name(rng: random.Random, culture: str | None = None) -> tuple[str, str]:
    """An invented (first, last) name pair from one culture."""
    culture = culture or pick_culture(rng)
    given, family = CULTURES[culture]
    return rng.choice(given), rng.choice(family)


def organisations(rng: random.Random, count: int) -> list[str]:
    """`count` distinct invented organisation names, in a seeded order."""
    combos = [f"{head} {tail}" for head in _ORG_HEADS for tail in _ORG_TAILS]
    rng.shuffle(combos)
    if count <= len(combos):
        return combos[:count]
    # Scale mode wants more organisations than the combinations give: number the rest.
    extra = [f"{combos[i % len(combos)]} {i // len(combos) + 1}" for i in range(count)]
    return combos + extra[len(combos):count]


def organisation(rng: random.Random) -> str:
    """One invented organisation name (may repeat; for one-off senders)."""
    return f"{rng.choice(_ORG_HEADS)} {rng.choice(_ORG_TAILS)}"


def job_title(rng: random.Random, function: str | None = None,
              seniority: str | None = None) -> tuple[str, str, str]:
    """An invented (title, function, seniority) in English or Dutch."""
    function = function or rng.choice(sorted(FUNCTIONS))
    seniority = seniority or rng.choices(
        [s for s, _ in SENIORITY], weights=[w for _, w in SENIORITY])[0]
    base = rng.choice(FUNCTIONS[function])
    title = {
        "intern": f"Stagiair {base}" if rng.random() < 0.4 else f"{base} Intern",
        "junior": f"Junior {base}",
        "medior": base,
        "senior": f"Senior {base}",
        "lead": f"Lead {base}" if rng.random() < 0.5 else f"Teamleider {function.title()}",
        "director": f"Director {function.title()}" if rng.random() < 0.6
        else f"Directeur {function.title()}",
        "vp": f"VP {function.title()}",
        "c-level": _C_LEVEL[function],
        "founder": rng.choice(("Founder", "Co-founder & CEO", "Oprichter", "Founder & Adviseur")),
        "student": "Student",
    }[seniority]
    return title, function, seniority


def message_text(rng: random.Random, name: str, *, sentences: int, newlines: bool) -> str:
    """Invented filler for a message body; never real text. May hold HTML entities."""
    parts = []
    openers = _OPENERS if name else tuple(o for o in _OPENERS if "{name}" not in o)
    opener = rng.choice(openers).format(name=name)
    if opener:
        parts.append(opener)
    for _ in range(sentences):
        parts.append(rng.choice(_SENTENCES).format(w1=rng.choice(_WORDS_EN),
                                                   w2=rng.choice(_WORDS_EN)))
    return ("\n" if newlines and rng.random() < 0.5 else " ").join(parts)


def recommendation_text(rng: random.Random, first: str) -> str:
    """An invented recommendation paragraph (long, with commas, like the real ones)."""
    traits = rng.sample(("reliable", "curious", "calm under pressure", "generous with time",
                         "sharp with numbers", "a clear writer", "a natural organiser"), 3)
    return (f"I worked with {first} on several projects, and {first} is {traits[0]}, "
            f"{traits[1]} and {traits[2]}. Any team would be lucky to have {first} on board.")
