"""What kind of thing a name is, from the words around it (the small model's labels are often wrong).

spaCy's small pipeline labels names mostly by their shape, so "Redhaven Rovers" comes out a
person, "Coventry" an organization and "Striker Tomas Varga" a person with his position in
his name. The text usually says what a name is, and these rules read it (all general, none
tied to particular articles):

- a role word in front of a name is a title, not part of it, and makes it a person
  ("Striker Tomas Varga", "King Gustavus Adolphus", "fly-half Darragh Kenny");
- a score or stray number after a name is not part of it ("Castlemoor United 2-1");
- the last word of a name says what it names: "United", "Rovers", "FC" a club; "Medal",
  "Prize", "Telescope", "Explosion" a thing that is none of person, place, organization;
- a common noun describing the name says what it is: in front ("the consultancy Northgate
  Commodities", "the organist Claire Dubois", "the band Coldplay", "her choral work Les
  Heures Claires"), in apposition ("its first bicycle, the Clarion"; "Andes Mineral, a
  company based in ..."), or as the noun the name modifies ("the Cerro Blanco copper mine");
- a name in front of a person's role belongs to an organization ("Redhaven coach Ingrid
  Falk"), or to a portfolio that is no name at all ("Labor Minister Carolina Vidal");
- "the city of X", "the island of X" name places.

Each rule returns a verdict (kind, or ``DROP``) and whether it is strong evidence, so one
clear context outweighs the model's guesses in the label vote across the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quizapp.vocabulary import COURTESY_TITLES
from quizapp.wording import with_article

Token = Any  # spacy.tokens.Token; this module does not import spaCy

#: The verdict for a name that is no person, place or organization (a medal, a ship, a song).
DROP = "drop"

PERSON_ROLE_NOUNS = {
    # "Screenwriter Hampton ...", "Theologian William ...", "Prop Martin ...": a role capitalized before a name.
    # (Not "producer" or "broadcaster": "the largest oil producer" and "the broadcaster" are mostly firms.)
    "screenwriter",
    "scriptwriter",
    "songwriter",
    "lyricist",
    "critic",
    "presenter",
    "theologian",
    "cleric",
    "priest",
    "monk",
    "missionary",
    "activist",
    "campaigner",
    "diplomat",
    "prop",
    "flanker",
    "hooker",
    "composer",
    "organist",
    "pianist",
    "violinist",
    "cellist",
    "conductor",
    "singer",
    "rapper",
    "musician",
    "guitarist",
    "drummer",
    "vocalist",
    "performer",
    "performers",
    "dancer",
    "comedian",
    "artist",
    "painter",
    "sculptor",
    "photographer",
    "designer",
    "writer",
    "author",
    "poet",
    "novelist",
    "playwright",
    "journalist",
    "reporter",
    "correspondent",
    "editor",
    "actor",
    "actress",
    "filmmaker",
    "engineer",
    "engineers",
    "architect",
    "chemist",
    "physicist",
    "biologist",
    "scientist",
    "astronomer",
    "economist",
    "historian",
    "philosopher",
    "mathematician",
    "geologist",
    "inventor",
    "explorer",
    "astronaut",
    "pilot",
    "professor",
    "researcher",
    "doctor",
    "surgeon",
    "nurse",
    "teacher",
    "student",
    "lawyer",
    "attorney",
    "judge",
    "candidate",
    "politician",
    "lawmaker",
    "legislator",
    "minister",
    "president",
    "governor",
    "mayor",
    "senator",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "entrepreneur",
    "businessman",
    "businesswoman",
    "investor",
    "executive",
    "striker",
    "forward",
    "winger",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "captain",
    "coach",
    "manager",
    "referee",
    "player",
    "quarterback",
    "pitcher",
    "fly-half",
    "scrum-half",
    "centre",
    "center",
    "fullback",
    "full-back",
    "boxer",
    "sprinter",
    "runner",
    "swimmer",
    "cyclist",
    "jockey",
    "champion",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officer",
    "commander",
    "soldier",
    "prince",
    "princess",
    "king",
    "queen",
    "emperor",
    "empress",
    "pope",
    "bishop",
    "priest",
    "rabbi",
    "imam",
    "activist",
    "dissident",
    "defector",
    "diplomat",
    "ambassador",
    "envoy",
    "detective",
    "inspector",
    "colleague",
    "colleagues",
    "wife",
    "husband",
    "son",
    "daughter",
    "father",
    "mother",
    "brother",
    "sister",
    "widow",
    "incumbent",
    "challenger",
    "host",
    "presenter",
    "abbé",
    "abbot",
    "monk",
    "nun",
    "prime",
    "premier",
}
ORG_ROLE_NOUNS = {
    "company",
    "firm",
    "group",
    "operator",
    "consultancy",
    "coalition",
    "party",
    "charity",
    "club",
    "team",
    "agency",
    "airline",
    "carrier",
    "bank",
    "lender",
    "insurer",
    "publisher",
    "union",
    "manufacturer",
    "maker",
    "carmaker",
    "automaker",
    "retailer",
    "broadcaster",
    "newspaper",
    "magazine",
    "consortium",
    "startup",
    "start-up",
    "brand",
    "label",
    "studio",
    "band",
    "developer",
    "conglomerate",
    "subsidiary",
    "organization",
    "organisation",
    "foundation",
    "institute",
    "supplier",
    "contractor",
    "distributor",
    "chain",
    "regulator",
    "ministry",
    "department",
    "authority",
    "council",
    "committee",
    "league",
    "federation",
    "association",
    "orchestra",
    "choir",
    "ensemble",
    "watchdog",
    "utility",
    "fund",
    "shipbuilder",
    "builder",
    "outlet",
    "alliance",
    "movement",
    "network",
    "giant",
    "miner",
    "weekly",
    "daily",
    "tabloid",
    "cooperative",
    "business",
    "provider",
    "entity",
}
PLACE_ROLE_NOUNS = {
    "city",
    "town",
    "village",
    "capital",
    "port",
    "island",
    "region",
    "province",
    "county",
    "district",
    "state",
    "country",
    "nation",
    "river",
    "lake",
    "mountain",
    "valley",
    "suburb",
    "neighborhood",
    "neighbourhood",
    "municipality",
    "commune",
    "borough",
    "resort",
    "airport",
    "stadium",
    "arena",
    "venue",
    "mine",
    "site",
    "park",
    "square",
    "bay",
    "peninsula",
    "desert",
    "forest",
    "plant",
    "field",
    "ground",
    "hamlet",
    "oasis",
    "shore",
    "coast",
    "bank",
    "harbor",
    "harbour",
}
#: Nouns for things that are none of our kinds: the names they describe are not asked as people/places/orgs.
THING_NOUNS = {
    "work",
    "piece",
    "opera",
    "symphony",
    "song",
    "single",
    "album",
    "record",
    "novel",
    "book",
    "poem",
    "play",
    "film",
    "movie",
    "series",
    "show",
    "painting",
    "sculpture",
    "ship",
    "vessel",
    "boat",
    "tanker",
    "liner",
    "submarine",
    "frigate",
    "aircraft",
    "plane",
    "jet",
    "car",
    "model",
    "bicycle",
    "bike",
    "vehicle",
    "train",
    "locomotive",
    "mission",
    "satellite",
    "telescope",
    "probe",
    "spacecraft",
    "rocket",
    "planet",
    "star",
    "moon",
    "comet",
    "asteroid",
    "galaxy",
    "drug",
    "vaccine",
    "medicine",
    "software",
    "app",
    "game",
    "product",
    "horse",
    "hurricane",
    "storm",
    "typhoon",
    "cyclone",
    "prize",
    "medal",
    "award",
    "trophy",
    "treaty",
    "law",
    "act",
    "bill",
    "operation",
    "festival",
    "exhibition",
    "program",
    "programme",
    "device",
    "phone",
    "virus",
    "species",
    "disease",
    "language",
    "dish",
    "wine",
    "dance",
    "character",
    "brand-name",
    "engine",
    "robot",
    "chip",
    "truck",
    "lorry",
    "bus",
    "tractor",
    "machine",
    "tool",
    "weapon",
    "missile",
    "rifle",
    "camera",
    "computer",
    "locomotive",
    "yacht",
    "warship",
    "destroyer",
    "carrier-ship",
    "balloon",
    "airship",
    "helicopter",
}
#: Last words of names of clubs and teams ("Castlemoor United", "Redhaven Rovers").
CLUB_SUFFIXES = {
    "united",
    "fc",
    "afc",
    "cf",
    "sc",
    "rovers",
    "athletic",
    "wanderers",
    "albion",
    "rangers",
    "hotspur",
    "city fc",
    "dynamo",
    "sporting",
    "olympique",
}
#: Last words of names of settlements ("Hobart Town", "Port Village"): never a person.
PLACE_SUFFIXES = {"town", "village", "county", "township", "borough"}
#: First words that make a name a storm, not a person ("Cyclone Tracy", "Hurricane Katrina").
STORM_PREFIXES = {"cyclone", "hurricane", "typhoon", "storm", "tropical", "superstorm"}
#: First words of a named undertaking ("Project Charles", "Operation Overlord"): a body of people at work, never a
#: person or a place.
UNDERTAKING_PREFIXES = {"project", "operation"}
#: Last words of names that are none of person, place or organization.
THING_SUFFIXES = {
    "medal",
    "prize",
    "award",
    "awards",
    "trophy",
    "cup",
    "telescope",
    "satellite",
    "treaty",
    "explosion",
    "symphony",
    "festival",
    "war",
    "act",
    "games",
    "olympics",
    "championship",
    "championships",
    "disaster",
    "fire",
    "earthquake",
    "flood",
    "hurricane",
    "storm",
    "mission",
    "rover",
    "probe",
    "accord",
    "agreement",
    "declaration",
    "doctrine",
    "plan",
    "convention",
    "protocol",
    "bowl",
    "series",
    "open",
    "marathon",
    "shield",
    "plate",
    "title",
    "tournament",
    "derby",
    "classic",
    "grand prix",
}
#: Last words that turn a person's name into something named after them ("Ada Lovelace Day", "the Mira Holm
#: Lecture"). Only for names of three words or more: "Doris Day" is still a person.
EPONYM_SUFFIXES = {
    "day",
    "lecture",
    "lectures",
    "week",
    "fellowship",
    "scholarship",
    "memorial",
    "trophy",
    "prize",
    "award",
    "medal",
    "cup",
}
#: Role words written in front of a name (capitalized or not) that are titles, not parts of it.
LEADING_TITLES = (
    PERSON_ROLE_NOUNS
    | COURTESY_TITLES
    | {
        "dame",
        "saint",
        "st.",
        "rev",
        "rev.",
        "reverend",
        "father",
        "sister",
        "brother",
        "chancellor",
        "secretary",
        "general",
        "colonel",
        "lieutenant",
        "sergeant",
        "major",
        "admiral",
        "senator",
        "treasurer",
        "sen.",
        "rep.",
        "gov.",
        "prof",
        "prof.",
        "vice",
        "deputy",
        "former",
        "late",
    }
)
#: Roles whose name in front is a portfolio, not an organization ("Labor Minister", "Finance Secretary").
PORTFOLIO_ROLES = {"minister", "secretary", "commissioner", "spokesman", "spokeswoman", "spokesperson"}
#: "the city of X", "the port city of Lindqvist": the noun says X is a place (the label vote reads it too).
PLACE_NOUN_OF = re.compile(
    r"\b(?:city|town|village|port|island|islands|province|region|state|county|district|capital|municipality|"
    r"republic|kingdom|emirate|commune|borough|archipelago)\s+of\s+$",
    re.IGNORECASE,
)
_SCORE = re.compile(r"^\d+(?:[-–]\d+)?$")
LOCATIVE_PREPOSITIONS = {"in", "near", "into", "outside", "across", "throughout"}


@dataclass(frozen=True)
class Verdict:
    kind: str  # person, place, organization, or DROP
    strong: bool  # the text says so outright (a title, a describing noun)
    reason: str


#: Title words that are titles only before these words.
_TITLE_ONLY_BEFORE = {"prime": {"minister"}}


def strip_leading_titles(tokens: list[Token], label: str) -> tuple[list[Token], bool]:
    """Tokens without role words in front ("Striker Tomas Varga" → "Tomas Varga"); whether one was cut.

    A single remaining word is kept only for a name the model already called a person
    ("General Motors" stays whole).
    """
    cut = False
    while len(tokens) > 1 and _title_word(tokens[0], tokens[1:]):
        remaining = tokens[1:]
        if len(remaining) < 2 and label != "PERSON":
            break
        tokens, cut = remaining, True
    # "fly-half Darragh Kenny" may come in as "half Darragh Kenny" or "-half ...".
    return tokens, cut


def _title_word(token: Token, rest: list[Token]) -> bool:
    low = token.lower_
    if low not in LEADING_TITLES:
        return False
    if low in _TITLE_ONLY_BEFORE and not (rest and rest[0].lower_ in _TITLE_ONLY_BEFORE[low]):
        return False  # "Prime View International": "Prime" is a title only in "Prime Minister"
    # "Prime Minister X", "Vice President X": every title word goes; the name must follow as proper nouns.
    return all(t.pos_ == "PROPN" or t.lower_ in LEADING_TITLES for t in rest)


def strip_trailing_scores(tokens: list[Token]) -> list[Token]:
    """ "Castlemoor United 2-1" → "Castlemoor United": scores and numbers are not names, nor is a
    headline's verb ("Westbrook United Win ...")."""
    while len(tokens) > 1 and (
        _SCORE.match(tokens[-1].text) or tokens[-1].text in {"-", "–"} or tokens[-1].tag_ in {"VBZ", "VBP", "VBD"}
    ):
        tokens = tokens[:-1]
    return tokens


#: Words no name opens with: a span that does is the back of a longer name the model cut ("Without Borders" of
#: "Reporters Without Borders") or a phrase ("Without Otis Redding, ..."); judged dev clozes of such: none of 2.
NAME_NEVER_OPENS = frozenset(
    {"without", "with", "of", "for", "and", "or", "but", "from", "by", "into", "against", "than"}
)
#: Prepositions that open a sentence and that the small model runs into the name after them ("Following Henson's
#: death, ..." gave the person "Following Henson"): at a sentence's start they are cut off the name.
SENTENCE_OPENING_PREPOSITIONS = frozenset(
    {"following", "despite", "unlike", "including", "during", "upon", "amid", "after", "before", "like"}
)


#: What a person's name never opens with: a year or a range ("1951 Walter Hieber" in a timeline, "3–6 Ezra" after
#: a chapter reference). A lone number may ("50 Cent"), so it stays.
_NOT_A_NAME_START = re.compile(r"^(?:\d{4}|\d+[-–]\d+|[-–])$")


def strip_leading_numbers(tokens: list[Token], label: str) -> list[Token]:
    """ "3–6 Ezra" → "Ezra": a year or a range the model glued to the front of a person's name."""
    while label == "PERSON" and len(tokens) > 1 and _NOT_A_NAME_START.match(tokens[0].text):
        tokens = tokens[1:]
    return tokens


def _role_before(doc: Any, first: int) -> str | None:
    """The lowercase noun written right in front of a name ("consultancy", "fly-half")."""
    if first == 0:
        return None
    prev = doc[first - 1]
    if "\n" in prev.whitespace_ or "\n" in prev.text:
        return None
    if (
        first >= 3
        and doc[first - 2].text in {"-", "‐"}
        and not doc[first - 2].whitespace_
        and not doc[first - 3].whitespace_
    ):
        joined = f"{doc[first - 3].lower_}-{prev.lower_}"  # "fly-half"
        if joined in PERSON_ROLE_NOUNS:
            return joined
    if prev.pos_ in {"NOUN", "PROPN"} and prev.text[:1].islower():
        return prev.lower_
    if prev.pos_ == "PROPN" and prev.lower_ in PERSON_ROLE_NOUNS and prev.is_sent_start:
        return prev.lower_
    return None


def _noun_kind(noun: str) -> str | None:
    if noun in THING_NOUNS:
        return DROP
    if noun in PERSON_ROLE_NOUNS:
        return "person"
    if noun in ORG_ROLE_NOUNS:
        return "organization"
    if noun in PLACE_ROLE_NOUNS:
        return "place"
    singular = noun[:-1] if noun.endswith("s") else None
    if singular and singular != noun:
        return _noun_kind(singular)
    return None


def kind_from_suffix(words: list[str]) -> str | None:
    """What the last word of a name says it names ("... United" a club, "... Medal" no kind of ours), or its
    first word ("Cyclone ..." a storm, no kind of ours)."""
    if len(words) < 2:
        return None
    last = words[-1].lower().strip(".")
    if words[0].lower() in STORM_PREFIXES:
        return DROP  # a storm: asked with "Who struck Darwin?" it reads as a person
    if words[0].lower() in UNDERTAKING_PREFIXES:
        return "organization"  # "Project Charles was placed under ..." had been blanked as a person
    if last in CLUB_SUFFIXES:
        return "organization"
    if last in THING_SUFFIXES or (len(words) >= 3 and last in EPONYM_SUFFIXES):
        return DROP
    if last in PLACE_SUFFIXES:
        return "place"
    return None


def kind_from_context(doc: Any, first: int, last: int, kind: str) -> Verdict | None:
    """The kind the words around tokens ``first..last`` (inclusive) give a name, if any.

    ``kind`` is the current guess; rules only ever move a name away from a wrong guess.
    """
    span_ids = set(range(first, last + 1))
    root = next((doc[i] for i in span_ids if doc[i].head.i not in span_ids or doc[i].head.i == doc[i].i), doc[last])

    # "LHS 1903 c", "F-35": a code followed by a number is a designation, not a name.
    if first == last and doc[first].text.isupper() and last + 1 < len(doc) and doc[last + 1].like_num:
        return Verdict(DROP, True, "a code")
    if first == last and doc[first].text in CELESTIAL:
        return Verdict(DROP, True, "a celestial body")
    # "a mission called Ariel", "a town named Yuryev": the noun before "called" says what it is.
    # The noun may stand before a relative clause: "the combined business, which will be called X".
    if first >= 2 and doc[first - 1].lower_ in {"called", "named", "dubbed", "nicknamed"}:
        described = next((t for t in reversed(doc[max(0, first - 7) : first - 1]) if t.pos_ == "NOUN"), None)
        described_kind = _noun_kind(described.lower_) if described is not None else None
        if described is not None and described_kind is not None:
            return Verdict(described_kind, True, f"a {described.lower_} called so")

    # "Ines Halvard (born 1902)", "Lucienne Ferrand (14 June 1884 – 2 February 1952)": a life's dates.
    after = doc[last + 1 : last + 4].text if last + 1 < len(doc) else ""
    if re.match(r"\(\s*(?:born|b\.|née|nee)\b", after) or re.match(
        r"\(\s*(?:c\.\s*)?\d{1,2}?\s*\w*\s*\d{4}\s*[–-]", doc[last + 1 : last + 8].text if last + 1 < len(doc) else ""
    ):
        return Verdict("person", True, "born/died dates after the name")
    # "X is a Danish painter", "Tartu is the second-largest city": the defining noun of a copula.
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        attr = next((c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        attr_kind = _noun_kind(attr.lower_) if attr is not None else None
        if attr is not None and attr_kind in {"person", "organization", "place"}:
            return Verdict(attr_kind, True, f"defined as a {attr.lower_}")

    # A describing noun in front: "the consultancy Northgate Commodities", "composer Jean Rivière".
    noun = _role_before(doc, first)
    if noun is not None:
        verdict = _noun_kind(noun)
        if verdict is not None and verdict != "place":  # "the Lindqvist ferry" puts no place before names
            return Verdict(verdict, True, f"described as {noun!r}")

    # Apposition: "its first complete bicycle, the Clarion"; "Andes Mineral Resources, a company ...".
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < first:
        verdict = _noun_kind(root.head.lower_)
        if verdict is not None:
            return Verdict(verdict, True, f"in apposition to {root.head.lower_!r}")
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > last:
            verdict = _noun_kind(child.lower_)
            if verdict is not None and verdict != "person":  # "X, a former engineer" could be a group's founder
                return Verdict(verdict, True, f"described by {child.lower_!r}")

    # The noun the name modifies: "the Cerro Blanco copper mine", "Redhaven coach Ingrid Falk".
    if root.dep_ == "compound" and root.head.i > last:
        head = root.head
        head_low = head.lower_
        if head_low in PORTFOLIO_ROLES and last == first:
            return Verdict(DROP, True, f"portfolio of a {head_low}")
        if head_low in PERSON_ROLE_NOUNS and kind != "place":
            return Verdict("organization", True, f"employer of a {head_low}")
        if (
            head_low in PLACE_ROLE_NOUNS - {"state", "country", "nation", "capital", "city", "town", "village"}
            and head.pos_ == "NOUN"
        ):
            return Verdict("place", True, f"names a {head_low}")

    # "the port city of Lindqvist", "the state of Massachusetts".
    before = doc[max(0, first - 4) : first].text + " "
    if PLACE_NOUN_OF.search(before):
        return Verdict("place", True, "place noun + of")

    # Coordinated with a name of a clear kind: "between Lindqvist and Tallinn", "Arthur Harlow and Edith Finch".
    partner = root.head if root.dep_ == "conj" else next((c for c in root.children if c.dep_ == "conj"), None)
    if partner is not None and partner.ent_type_ in {"PERSON", "GPE"} and not {partner.i} & span_ids:
        partner_kind = "person" if partner.ent_type_ == "PERSON" else "place"
        if partner_kind != kind and kind in {"organization", "person", "place"}:
            return Verdict(partner_kind, False, f"coordinated with {with_article(partner_kind)}")

    # "in Coventry", "near Calama": a non-person named after a locative preposition is a place.
    if kind == "organization" and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
        return Verdict("place", False, f"after {root.head.lower_!r}")
    if (
        kind in {"person", "organization"}
        and root.dep_ == "pobj"
        and root.head.lower_ in {"to", "in", "from"}
        and root.head.head.lemma_ in MOVE_VERBS
    ):
        return Verdict("place", True, f"moved {root.head.lower_} it")
    # "Osorno, Chile": a name followed by a comma and a country or region is a place in it.
    if (
        kind == "organization"
        and last + 2 < len(doc)
        and doc[last + 1].text == ","
        and doc[last + 2].ent_type_ == "GPE"
        and doc[last + 2].ent_iob_ == "B"
    ):
        return Verdict("place", False, "followed by its country")
    # "Bodø in Norway": a name placed in a country or region is a place.
    if (
        kind == "organization"
        and first == last
        and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.ent_type_ == "GPE" for g in c.children)
            for c in root.children
        )
    ):
        return Verdict("place", False, "located in a place")
    # "a consortium led by Nordbyg", "designed by Halvorsen": places do not lead or design things.
    if (
        kind == "place"
        and root.dep_ == "pobj"
        and root.head.dep_ == "agent"
        and root.head.head.lemma_ in AGENT_VERBS_OF_ORGANIZATIONS
    ):
        return Verdict("organization", False, "agent of a company's verb")
    return None


#: Verbs whose agent ("... by X") is a company or a person, never a place.
AGENT_VERBS_OF_ORGANIZATIONS = {
    "lead",
    "own",
    "build",
    "design",
    "run",
    "operate",
    "found",
    "make",
    "buy",
    "acquire",
    "develop",
    "manufacture",
    "publish",
    "sponsor",
    "fund",
    "produce",
}
CELESTIAL = {"Sun", "Moon"}


#: Verbs of going somewhere: "moved to Manchester" names a place, whatever the model says.
MOVE_VERBS = {
    "move",
    "go",
    "travel",
    "return",
    "fly",
    "emigrate",
    "relocate",
    "come",
    "sail",
    "drive",
    "flee",
    "arrive",
    "migrate",
    "escape",
    "live",
    "settle",
    "bear",
}
