"""What a named fact is: the classification service the generator asks before it asks a question.

Places (country, city, region, facility), organizations (news agency, ministry, ... or none we
can tell), people (role and country): from the bundled reference list (``quizapp/reference``),
patterns of the name itself and the words the article puts around it. Question generation uses
it for wh-words and hints, distractors for choosing wrong answers of the same kind.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from quizapp.facts.names import acronym_of
from quizapp.reference import Person, Reference, _key, reference  # noqa: F401  (Reference: re-exported)
from quizapp.reference import country_named as country_named  # the facts ask it too; the generator asks it here


def _lookup(table_name: str, *names: str) -> str | None:
    """The value of the first of ``names`` that the reference table (``_keyed``) has."""
    keys = _keyed(table_name)
    for name in names:
        found = keys.get(_key(name))
        if found is not None:
            return found
    return None


#: The place categories the bundled reference makes certain: a card may name them ("Which country ...", a
#: "(city)" hint) and offer choices of the same category.
CERTAIN_PLACE_CATEGORIES = frozenset({"country", "city", "region"})


def place_category(canonical: str, aliases: Iterable[str] = (), label: str | None = None) -> str:
    """country, city, region or facility (a named building, airport ...); "place" when unknown."""
    return _place_category(canonical, tuple(aliases), label)


@functools.lru_cache(maxsize=4096)
def _place_category(canonical: str, aliases: tuple[str, ...], label: str | None) -> str:
    ref = reference()
    names = (canonical, *aliases)
    countries, cities = _keyed("country_region"), _keyed("city_country")
    if any(_key(n) in countries for n in names):
        return "country"
    if any(_key(n) in cities for n in names):
        return "city"
    if any(_key(n) in {_key(r) for r in ref.regions} for n in names):
        return "region"
    if label == "FAC" or re.search(
        r"\b(Airport|Palace|House|Embassy|Cemetery|Stadium|Hall|Square|Tower|Bridge|Station|Museum|Hotel|Consulate|Church|University)\b",
        canonical,
    ):
        return "facility"
    if label == "LOC":
        return "region"
    return "place"


_ORG_PATTERNS: list[tuple[str, str]] = [
    (
        r"\b(News Agency|Reuters|Press|Yonhap|KCNA|BBC|CNN|Times|Ilbo|Post|Herald|Network|Television|Radio|News)\b",
        "news agency",
    ),
    (r"\b(Intelligence|Security Service|Bureau of Investigation)\b", "intelligence agency"),
    (r"\bMinistry\b|\bDepartment\b|\bOffice\b", "ministry"),
    (r"\b(Army|Navy|Air Force|Armed Forces|Guard)\b", "armed force"),
    (r"\bParty\b", "political party"),
    (r"\b(FC|United|Rovers|Wanderers|Athletic|Albion|Hotspur|Rangers)\b", "sports club"),
    (
        r"\b(United Nations|Union|Association|Organization|Organisation|Council|Fund|Bank|Agency)\b",
        "international organization",
    ),
]

#: What a "Which ___" question calls an organization of each category.
ORG_QUESTION_NOUN = {
    "news agency": "news organization",
    "intelligence agency": "agency",
    "ministry": "government body",
    "armed force": "armed force",
    "political party": "party",
    "sports club": "club",
    "international organization": "organization",
}


def organization_category(canonical: str, aliases: Iterable[str] = ()) -> str:
    found = _lookup("org_category", canonical, *aliases)
    if found:
        return found
    for pattern, category in _ORG_PATTERNS:
        if any(re.search(pattern, n) for n in (canonical, *aliases)):
            return category
    return "organization"


def bare_acronym(canonical: str, aliases: Iterable[str] = ()) -> bool:
    """ "SMS", "DEP": an acronym the article never spells out."""
    return bool(acronym_of(canonical)) and not any(len(a.split()) >= 2 for a in aliases)


def unexplained_acronym(canonical: str, aliases: Iterable[str] = ()) -> bool:
    """ "SMS", "LAN": an acronym the article never spells out and the bundled reference does not know, which
    the small model calls an organization as readily as a real one."""
    aliases = list(aliases)
    return bare_acronym(canonical, aliases) and organization_category(canonical, aliases) == "organization"


def looks_like_organization(canonical: str, aliases: Iterable[str] = ()) -> bool:
    """Whether a name labelled an organization shows it is one: a known or patterned kind, an acronym,
    or an organization's head word ("... Authority", "University of ..."). The model labels people
    ("Helena Marques Teixeira"), peoples ("Aboriginal Tasmanians") and parks ORG too."""
    from quizapp.facts.entities import ORG_HEADS
    from quizapp.facts.names import acronym_of

    names = (canonical, *aliases)
    if organization_category(canonical, aliases) != "organization":
        return True
    if any(acronym_of(n) for n in names):
        return True
    heads = ORG_HEADS | {"museum", "gallery", "library", "hospital", "institution", "trust", "company", "firm"}
    return any(w.lower().strip(".,") in heads for n in names for w in n.replace("-", " ").split())


@functools.cache
def _keyed(table_name: str) -> dict[str, str]:
    """A reference table keyed by normalized name, built once."""
    ref = reference()
    if table_name == "country_region":
        # A country's other names ("U.S.", "Britain") are found as it; they are keys here, never choices.
        regions = {_key(alias): ref.country_region[country] for alias, country in ref.country_aliases.items()}
        return regions | {_key(k): v for k, v in ref.country_region.items()}
    table: dict[str, str] = {
        "person_role": ref.person_role,
        "city_country": ref.city_country,
        "org_category": ref.org_category,
    }[table_name]
    return {_key(k): v for k, v in table.items()}


def person_role(canonical: str, aliases: Iterable[str] = (), contexts: Iterable[str] = ()) -> str | None:
    """The bundled role of a person, else the role the article gives them ("Cuban President X")."""
    table = _keyed("person_role")
    for name in (canonical, *aliases):
        if _key(name) in table:
            return table[_key(name)]
    described = described_person(canonical, aliases, contexts)
    return described[0] if described else None


def person_country(canonical: str, aliases: Iterable[str] = (), contexts: Iterable[str] = ()) -> str | None:
    """The country a person serves: from the bundled list, else from the demonym of their title."""
    for name in (canonical, *aliases):
        person = _person_entry(name)
        if person is not None and person.country:
            return person.country
    described = described_person(canonical, aliases, contexts)
    return described[1] if described else None


def _person_entry(name: str) -> Person | None:
    return _keyed_people().get(_key(name))


@functools.cache
def _keyed_people() -> dict[str, Person]:
    return {_key(k): v for k, v in reference().people.items()}


#: Title words and the role class they put a person in.
ROLE_TITLES = {
    "president": "head of state or government",
    "prime minister": "head of state or government",
    "premier": "head of state or government",
    "chairman": "head of state or government",
    "leader": "head of state or government",
    "dictator": "head of state or government",
    "king": "head of state or government",
    "queen": "head of state or government",
    "chancellor": "head of state or government",
    "foreign minister": "foreign minister",
    "secretary of state": "foreign minister",
    "minister": "minister",
    "ambassador": "diplomat or defector",
    "diplomat": "diplomat or defector",
    "envoy": "diplomat or defector",
    "counselor": "diplomat or defector",
    "consul": "diplomat or defector",
    "defector": "diplomat or defector",
}
_TITLE_RE = "|".join(sorted(ROLE_TITLES, key=len, reverse=True))


def described_person(canonical: str, aliases: Iterable[str], contexts: Iterable[str]) -> tuple[str, str | None] | None:
    """(role, country) from how a sentence introduces the person: "Cuban President Miguel Diaz-Canel",
    "Ma Chol-su, the North Korean ambassador"; None when no sentence gives a title."""
    # Only sentences with a title word can say it; the per-person patterns are costly to compile.
    titled = tuple(s for s in contexts if _ANY_TITLE.search(s))
    if not titled:
        return None
    return _described_person(canonical, tuple(aliases), titled)


_ANY_TITLE = re.compile(rf"\b(?:{_TITLE_RE})\b", re.I)


#: A title (and "to/of the X") ending just before a name: "Cuban President ", "Minister of Defence ".
_TITLE_BEFORE_NAME = re.compile(
    rf"((?:[A-Z][\w.-]*\s){{0,3}})({_TITLE_RE})(?:\s+(?:to|of)\s+(?:the\s+)?[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)?\s+\Z",
    re.I,
)
#: A title set off just after a name: ", the North Korean ambassador".
_TITLE_AFTER_NAME = re.compile(rf",\s+(?:the|a|an)\s+((?:[\w-]+\s){{0,4}}?)({_TITLE_RE})\b", re.I)


@functools.lru_cache(maxsize=2048)
def _described_person(
    canonical: str, aliases: tuple[str, ...], contexts: tuple[str, ...]
) -> tuple[str, str | None] | None:
    names = sorted({n for n in (canonical, *aliases) if len(n) > 2}, key=len, reverse=True)
    if not names:
        return None
    # Only the names are compiled per person: the title alternation is large and costly to compile, so the
    # text before and after each name is read with the two patterns compiled once.
    name_re = re.compile("|".join(re.escape(n) for n in names), re.I)
    for sentence in contexts:
        occurrences = list(name_re.finditer(sentence))
        for found in occurrences:
            ends_word = found.end() == len(sentence) or not _is_word_char(sentence[found.end()])
            title = _TITLE_BEFORE_NAME.search(sentence, 0, found.start()) if ends_word else None
            if title:
                return ROLE_TITLES[title.group(2).casefold()], country_of_demonym(
                    title.group(1) + " " + sentence[title.start() : found.end()]
                )
        for found in occurrences:
            title = _TITLE_AFTER_NAME.match(sentence, found.end())
            if title:
                return ROLE_TITLES[title.group(2).casefold()], country_of_demonym(
                    title.group(1) + " " + sentence[found.start() : title.end()]
                )
    return None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def country_of_demonym(text: str) -> str | None:
    """The country whose people's adjective appears in ``text`` ("Cuban President" -> Cuba)."""
    any_demonym, country_of, rank_of = _demonym_search()
    found = [m.group(0) for m in any_demonym.finditer(text)]
    # The longest adjective found wins ("North Korean" over "Korean"), as the patterns are tried in that order.
    return country_of[min(found, key=rank_of.__getitem__)] if found else None


@functools.cache
def _demonym_search() -> tuple[re.Pattern[str], dict[str, str], dict[str, int]]:
    """One pattern for every demonym (trying ~400 patterns one by one cost a second a corpus), with each
    demonym's country and its place in ``_demonym_patterns``' order."""
    country_of: dict[str, str] = {}
    rank_of: dict[str, int] = {}
    for rank, (country, word) in enumerate(_demonyms_longest_first()):
        country_of.setdefault(word, country)
        rank_of.setdefault(word, rank)
    alternation = "|".join(re.escape(word) for word in rank_of)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), country_of, rank_of


@functools.cache
def _demonyms_longest_first() -> tuple[tuple[str, str], ...]:
    """(country, demonym) pairs, longer adjectives first, so "North Korean" is found before "Korean" could be."""
    ref = reference()
    return tuple(sorted(((c, d) for c, ds in ref.demonyms.items() for d in ds), key=lambda p: -len(p[1])))


@functools.cache
def _demonym_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(country, demonym, the demonym as a word) in ``_demonyms_longest_first``' order."""
    return tuple((c, d, re.compile(rf"(?<![\w-]){re.escape(d)}(?![\w-])")) for c, d in _demonyms_longest_first())


@functools.cache
def _padded_reference_keys() -> tuple[tuple[tuple[str, str], ...], ...]:
    """(" key ", country) of each bundled country name, capital and person with a country: worked out once, not
    for every text asked about (422 names)."""
    ref = reference()
    return (
        tuple((f" {_key(country)} ", country) for country in ref.country_region),
        tuple((f" {_key(city)} ", ref.city_country[city]) for city in ref.capitals),
        tuple((f" {_key(name)} ", person.country) for name, person in ref.people.items() if person.country),
    )


@functools.lru_cache(maxsize=1024)
def implied_countries(text: str) -> frozenset[str]:
    """Countries a text names or implies: by name, by demonym ("Cuban"), by capital ("Pyongyang"),
    or by a bundled leader of the country ("Kim Jong-un" -> North Korea)."""
    ref = reference()
    found: set[str] = set()
    padded = f" {_key(text)} "
    countries, capitals, people = _padded_reference_keys()
    found.update(country for key, country in countries if key in padded)
    found.update(ref.country_aliases[m.group(0)] for m in _alias_search().finditer(text))
    # Each demonym on its own ("North Korean" also holds "Korean"); the one pattern of all first, as most texts
    # hold none and any one found there is found by it. Only a demonym the text holds at all can stand as a word.
    if _demonym_search()[0].search(text):
        found.update(country for country, word, pattern in _demonym_patterns() if word in text and pattern.search(text))
    found.update(country for key, country in capitals if key in padded)
    found.update(country for key, country in people if key in padded)
    return frozenset(found)


@functools.cache
def _alias_search() -> re.Pattern[str]:
    """Every other name of a country, as written ("US" names the country, "us" is the writer), in one pattern."""
    aliases = sorted(reference().country_aliases, key=len, reverse=True)
    return re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(a) for a in aliases)})(?!\w)")


def facility_head(canonical: str) -> str | None:
    """The noun saying what a named facility is: "Campinas International Airport" -> "airport"."""
    found = re.findall(_FACILITY_NOUNS, canonical)
    return found[-1].casefold() if found else None


_FACILITY_NOUNS = (
    r"\b(Airport|Palace|House|Embassy|Cemetery|Stadium|Hall|Square|Tower|Bridge|Station|Museum|Hotel|"
    r"Consulate|Church|Cathedral|University|Hospital|Prison|Port|Harbou?r|Park|Theatre|Theater|Center|Centre)\b"
)
