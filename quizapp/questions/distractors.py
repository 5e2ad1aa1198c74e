"""Wrong answers for multiple-choice and true/false cards.

A distractor has the same kind and granularity as the answer (a year against
years, a month against months, a city against cities, a news agency against
news agencies). Names come from the deck's own facts first, then from the
bundled reference list in ``quizapp/reference/reference.yaml``; numbers are perturbed at the
answer's precision and dates moved to nearby values. A distractor is never an
alias of the answer and never something the articles state is also true for
the question (the caller passes those in ``excluded``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from quizapp.facts.model import DateGranularity
from quizapp.questions.classify import (  # noqa: F401  (the classification service, re-exported)
    _FACILITY_NOUNS,
    _TITLE_RE,
    ORG_QUESTION_NOUN,
    ROLE_TITLES,
    Person,
    Reference,
    _demonym_patterns,
    _key,
    _keyed,
    _keyed_people,
    _lookup,
    _person_entry,
    _place_category,
    country_named,
    country_of_demonym,
    described_person,
    facility_head,
    implied_countries,
    looks_like_organization,
    organization_category,
    person_country,
    person_role,
    place_category,
    reference,
)
from quizapp.vocabulary import MONTH_ABBREVIATION_PATTERN, MONTH_PATTERN, NUMBER_WORDS, WEEKDAY_PATTERN

N_DISTRACTORS = 3


@dataclass(frozen=True)
class PoolEntry:
    """A named fact of the deck that can stand in as a wrong answer."""

    kind: str
    canonical: str
    aliases: tuple[str, ...] = ()
    category: str | None = None  # place/organization category, person role
    country: str | None = None  # a person's country, when known


@dataclass
class Answer:
    """What a question asks for, as the distractor picker needs it."""

    kind: str
    canonical: str
    aliases: tuple[str, ...] = ()
    value: str | None = None
    granularity: str | None = None
    category: str | None = None
    excluded: set[str] = field(default_factory=set)  # other answers the articles make true
    stem: str = ""  # the question: nothing it names or implies may be a wrong choice
    year: int | None = None  # the article's year: a distractor must have been alive then
    country: str | None = None  # a person's country, when known
    event_year: int | None = None  # the fact's year: no country offered that did not exist then


def _blocked(candidate: str, answer: Answer) -> bool:
    """Whether a candidate is the answer under another name, also right, or named in the stem."""
    cand = _key(candidate)
    if not cand:
        return True
    names = {_key(answer.canonical), *(_key(a) for a in answer.aliases), *(_key(e) for e in answer.excluded)}
    if cand in names:
        return True
    # "Korea" against "South Korea", "Ri" against "Ri Il-gyu": one inside the other names the same thing.
    for name in names:
        if name and (f" {cand} " in f" {name} " or f" {name} " in f" {cand} " or _same_words(cand, name)):
            return True
    if answer.stem:
        if f" {cand} " in f" {_key(answer.stem)} ":
            return True
        if answer.kind == "place" and candidate in implied_countries(answer.stem):
            return True  # "Cuban cigars" smuggled into Cuba is no real choice
    return False


_LINKING_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at"})


def _same_words(one: str, other: str) -> bool:
    """Whether two keyed names are one written two ways: the same words in another order ("Environmental
    Protection Department", "Department of Environmental Protection") or one's words all in the other ("Stansted
    Airport", "Stansted International Airport")."""
    a, b = set(one.split()) - _LINKING_WORDS, set(other.split()) - _LINKING_WORDS
    return len(a) > 1 and len(b) > 1 and (a <= b or b <= a)


def _take(
    candidates: Iterable[str], answer: Answer, rng: random.Random, chosen: list[str], shuffle: bool = True
) -> None:
    pool = list(dict.fromkeys(candidates))
    if shuffle:
        rng.shuffle(pool)
    for cand in pool:
        if len(chosen) >= N_DISTRACTORS:
            return
        if _blocked(cand, answer) or any(_key(cand) == _key(c) or _same_words(_key(cand), _key(c)) for c in chosen):
            continue
        chosen.append(cand)


def _alive(name: str, year: int | None, answer: Answer) -> bool:
    """A bundled person who had died before the article (while the answer had not) is an anachronism."""
    person = _person_entry(name)
    if person is None or person.died is None:
        return True
    answer_entry = _person_entry(answer.canonical)
    if answer_entry is not None and answer_entry.died is not None:
        return True  # a question about a dead leader may offer other dead leaders
    return person.died >= (year or dt.date.today().year)


def person_distractors(answer: Answer, same_kind: list[PoolEntry], rng: random.Random) -> list[str] | None:
    """People of the answer's role (and country, when known): the deck's own first, then the bundled
    list; None (a typed card instead) when fewer than three such people exist."""
    role = answer.category
    if not role:
        return None
    country = answer.country or person_country(answer.canonical, answer.aliases)
    chosen: list[str] = []

    def comparable(name: str, its_country: str | None) -> bool:
        if country and its_country != country:
            return False
        return _alive(name, answer.year, answer)

    _take(
        [p.canonical for p in same_kind if p.category == role and comparable(p.canonical, p.country)],
        answer,
        rng,
        chosen,
    )
    if country:  # the bundled list only when we know whose leader or envoy the answer is
        ref = reference()
        _take([n for n, p in ref.people.items() if p.role == role and comparable(n, p.country)], answer, rng, chosen)
    return chosen if len(chosen) == N_DISTRACTORS else None


def continent_of(country: str) -> str | None:
    region = _keyed("country_region").get(_key(country))
    return reference().region_continent.get(region) if region else None


def _same_region_countries(country: str, region_of: dict[str, str]) -> tuple[list[str], list[str]]:
    """Countries of the same sub-region, and of the same continent, as ``country``."""
    ref = reference()
    region = region_of.get(_key(country))
    if region is None:
        return [], []
    continent = ref.region_continent.get(region)
    same = [c for c, r in ref.country_region.items() if r == region]
    wider = [c for c, r in ref.country_region.items() if r != region and ref.region_continent.get(r) == continent]
    return same, wider


def existed(country: str, year: int) -> bool:
    """Whether a country existed in its current form in ``year`` (bundled independence years, and the year a
    former state such as the Soviet Union ended)."""
    since = _country_since().get(_key(country))
    until = _country_until().get(_key(country))
    return (since is None or since <= year) and (until is None or year <= until)


@functools.cache
def _country_until() -> dict[str, int]:
    return {_key(c): y for c, y in reference().country_until.items()}


@functools.cache
def _country_since() -> dict[str, int]:
    return {_key(c): y for c, y in reference().country_since.items()}


def place_distractors(answer: Answer, same_kind: list[PoolEntry], rng: random.Random) -> list[str] | None:
    ref = reference()
    cat = answer.category
    chosen: list[str] = []
    if cat in {None, "place"}:
        return None
    if cat == "country":
        region_of = _keyed("country_region")
        same, wider = _same_region_countries(answer.canonical, region_of)
        # "United States" is no wrong choice for "U.S.": the answer's own country under its bundled name goes.
        own = {country_named(n) for n in (answer.canonical, *answer.aliases)} - {None}
        same, wider = [c for c in same if c not in own], [c for c in wider if c not in own]
        if not same:
            return None
        if answer.event_year is not None:  # "Kosovo" for a 1989 event is an anachronism
            same, wider = (
                [c for c in same if existed(c, answer.event_year)],
                [c for c in wider if existed(c, answer.event_year)],
            )
        deck = {_key(p.canonical) for p in same_kind if p.category == "country"}
        _take([c for c in same if _key(c) in deck], answer, rng, chosen)
        _take(same, answer, rng, chosen)
        _take([c for c in wider if _key(c) in deck], answer, rng, chosen)
        _take(wider, answer, rng, chosen)
    elif cat == "city":
        # Only cities of the answer's own country are plausible: a person described as English was not
        # born in Rome or Stockholm. With fewer than three of them the card is asked typed instead.
        city_of = _keyed("city_country")
        country = city_of.get(_key(answer.canonical)) or next(
            (city_of[_key(a)] for a in answer.aliases if _key(a) in city_of), None
        )
        if country is None:
            return None
        same_country = [
            c for c in (p.canonical for p in same_kind if p.category == "city") if city_of.get(_key(c)) == country
        ]
        _take(same_country, answer, rng, chosen)
        _take(ref.major_cities.get(country, ()), answer, rng, chosen)
    elif cat == "facility":
        head = facility_head(answer.canonical)
        if head is None:
            return None
        _take([p.canonical for p in same_kind if facility_head(p.canonical) == head], answer, rng, chosen)
        _take(sorted(ref.facilities.get(head, {})), answer, rng, chosen)
    elif cat == "region":
        _take([p.canonical for p in same_kind if p.category == cat], answer, rng, chosen)
        _take(ref.regions, answer, rng, chosen)
    return chosen if len(chosen) == N_DISTRACTORS else None


def name_distractors(answer: Answer, pool: list[PoolEntry], rng: random.Random) -> list[str] | None:
    """Three names of the answer's kind and category, deck first; None when there are not enough."""
    ref = reference()
    same_kind = sorted((p for p in pool if p.kind == answer.kind), key=lambda p: p.canonical)
    # Aliases of deck entries count as the entries themselves.
    for p in same_kind:
        if _key(p.canonical) == _key(answer.canonical) or {_key(a) for a in p.aliases} & {_key(answer.canonical)}:
            answer.aliases = tuple(dict.fromkeys((*answer.aliases, *p.aliases, p.canonical)))
            answer.category = answer.category or p.category
            answer.country = answer.country or p.country
    if answer.kind == "person":
        return person_distractors(answer, same_kind, rng)
    if answer.kind == "place":
        return place_distractors(answer, same_kind, rng)
    chosen: list[str] = []
    if answer.kind == "organization":
        cat = answer.category
        if cat in {None, "organization"}:
            return None  # an unknown kind of body: a university against a space agency is no choice
        _take([p.canonical for p in same_kind if p.category == cat], answer, rng, chosen)
        _take(ref.orgs_by_category.get(cat or "", ()), answer, rng, chosen)
    return chosen if len(chosen) == N_DISTRACTORS else None


# ---------------------------------------------------------------- numbers


def parse_number(text: str, value: str | None = None) -> float | None:
    """The number a mention's value or text gives (the extraction's parser: "3,800", "three", "6.4 million")."""
    from quizapp.facts.numbers import parse_amount

    for candidate in (value, text):
        if candidate:
            found = parse_amount(candidate)
            if found is not None:
                return found
    return None


SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WRITTEN_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?(?:\s+(thousand|million|billion|trillion)\b)?", re.I)


def format_number(n: float, like: str) -> str:
    """``n`` written the way ``like`` is (thousands separators, decimals, a scale word: "about 6.4
    million tonnes" gives "6.4 million", never "6,400,000")."""
    written = _WRITTEN_NUMBER.search(like)
    if written and written.group(3):
        decimals = len(written.group(2) or "")
        scale = written.group(3).lower()
        return f"{n / SCALE_WORDS[scale]:.{decimals}f} {scale}"
    decimals = len(like.split(".")[1]) if "." in like and like.replace(",", "").replace(".", "").isdigit() else 0
    text = f"{n:,.{decimals}f}" if "," in like or n >= 10000 else f"{n:.{decimals}f}"
    return text


_SCALED = re.compile(r"thousand|million|billion|trillion", re.I)
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion|trillion)\b)?", re.I)


def _written_like(answer_text: str) -> tuple[str, str, str] | None:
    """(what stands before the amount, the amount, what follows it) of an answer as written: "$13,955" gives
    ("$", "13,955", ""), "12.5%" gives ("", "12.5", "%"). Every choice is written the same way, or the one with a
    dollar sign, a percent sign or a spelled-out word would be the answer. None when it is spelled out."""
    found = _AMOUNT.search(answer_text)
    if found is None:
        return None
    return answer_text[: found.start()], found.group(0), answer_text[found.end() :]


def _spelled(n: float, like: str) -> str | None:
    """A small whole number in words, capitalised as ``like`` is ("Six" -> "Four")."""
    if n != int(n) or not 0 < n < len(NUMBER_WORDS):
        return None
    word = NUMBER_WORDS[int(n)]
    return word.capitalize() if like[:1].isupper() else word


def number_distractors(answer: Answer, rng: random.Random) -> list[str] | None:
    n = parse_number(answer.canonical, answer.value)
    if n is None or n <= 0:
        return None
    written = _written_like(answer.canonical)
    if written is None and answer.canonical.strip().casefold() not in NUMBER_WORDS:
        return None  # "a dozen", "hundreds": no choices read like it
    before, like, after = written or ("", str(int(n)), "")

    def write(o: float) -> str:
        if written is None:
            return _spelled(o, answer.canonical) or ""
        return f"{before}{format_number(o, like)}{after}"

    if answer.granularity == "age":
        options = [n + d for d in (-12, -8, -5, -3, 3, 5, 8, 12) if n + d > 0]
    elif n == int(n) and n <= 12:
        options = [n + d for d in (-3, -2, -1, 1, 2, 3, 4, 5) if n + d > 0]
    elif n != int(n):
        # "12.5%", "$42.70": as many decimals as the answer, never "6.0%" beside it.
        places = len(like.split(".")[1]) if "." in like else 1
        options = [round(n * f, places) for f in (0.5, 0.6, 0.75, 1.25, 1.4, 1.5, 2.0)]
    else:
        # Same precision: keep as many trailing zeros as the answer has.
        zeros = len(str(int(n))) - len(str(int(n)).rstrip("0"))
        step = 10**zeros
        step = max(step, 10 ** max(0, len(str(int(n))) - 2)) if n >= 100 else step
        options = [round(n * f / step) * step for f in (0.5, 0.6, 0.75, 1.25, 1.4, 1.5, 2.0)]
        if step > 10**zeros and not _SCALED.search(like):
            # "157" among "80", "120", "200": the one figure not rounded would be the answer, so the others end
            # as it does (a digit where it has one, zeros where it has zeros).
            unit = 10**zeros
            offsets = [rng.randrange(1, step // unit) for _ in options]
            options = [o + unit * (k + 1 if k % 10 == 0 else k) for o, k in zip(options, offsets)]
    excluded = {_key(e) for e in answer.excluded}
    if n <= 100 and re.search(r"%|\bper ?cent\b|\bpc\b", after, re.I):
        options = [o for o in options if o < 100]  # a share of something: never "120%" beside "60%"
    options = [o for o in dict.fromkeys(options) if o != n and o > 0 and write(o) and _key(write(o)) not in excluded]
    picked = balanced_sides([o for o in options if o < n], [o for o in options if o > n], rng)
    chosen = [write(o) for o in sorted(picked)]
    return chosen if len(chosen) == N_DISTRACTORS else None


def balanced_sides(below: list[Any], above: list[Any], rng: random.Random) -> list[Any]:
    """Distractors on both sides of the answer, so that its rank among the choices is random: the answer
    is the smallest, a middle or the largest one equally often, and sorting the choices gives nothing away."""
    below, above = list(below), list(above)
    if not below or not above:
        # All on one side (a year just before the article: nothing later is plausible): the answer would always
        # be the latest or the earliest choice, so no choices are offered and the card is typed instead.
        return []
    rng.shuffle(below)
    rng.shuffle(above)
    want_below = rng.randint(0, N_DISTRACTORS)
    if len(below) < want_below:
        want_below = len(below)
    if len(above) < N_DISTRACTORS - want_below:
        want_below = min(len(below), N_DISTRACTORS - len(above))
    return below[:want_below] + above[: N_DISTRACTORS - want_below]


# ---------------------------------------------------------------- dates


def format_date(value: str, granularity: str | None) -> str | None:
    """A normalized date value written for people: 2023 / November 2023 / March 16, 2024 / 1970s."""
    if re.fullmatch(r"\d{3}0s", value):
        return value
    if re.fullmatch(r"\d{4}", value):
        return value
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        return f"{calendar.month_name[int(m.group(2))]} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return f"{calendar.month_name[day.month]} {day.day}, {day.year}"
    return None


def date_granularity(value: str) -> DateGranularity | None:
    if re.fullmatch(r"\d{3}0s", value):
        return "decade"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    return None


def date_distractors(answer: Answer, rng: random.Random) -> list[str] | None:
    value = answer.value or ""
    gran = date_granularity(value)
    if gran is None:
        return None
    candidates: list[str] = []
    if gran == "year":
        year = int(value)
        # Mostly earlier years: a year after the article's events is implausible to a reader.
        latest = answer.year or dt.date.today().year + 1  # nothing after the article was written
        candidates = [str(year + d) for d in (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5) if year + d <= latest]
    elif gran == "decade":
        decade = int(value[:4])
        candidates = [f"{decade + d}s" for d in (-30, -20, -10, 10, 20, 30)]
    elif gran == "month":
        year, month = int(value[:4]), int(value[5:7])
        for d in (-4, -3, -2, -1, 1, 2, 3, 4):
            total = year * 12 + (month - 1) + d
            if answer.year is None or total // 12 <= answer.year:
                candidates.append(f"{total // 12:04d}-{total % 12 + 1:02d}")
    else:
        day = dt.date.fromisoformat(value)
        candidates = [(day + dt.timedelta(days=d)).isoformat() for d in (-21, -14, -7, -3, 3, 7, 14, 21)]
    excluded = {_key(e) for e in answer.excluded}
    # A year the question itself names ("In 2022 ... and in ___") is no choice: it reads as impossible.
    excluded |= {_key(y) for y in re.findall(r"\b\d{4}\b", answer.stem or "")}
    options = [c for c in candidates if _key(c) not in excluded and _key(format_date(c, gran) or "") not in excluded]
    # ISO values (and "1950s") sort in time order as strings.
    picked = sorted(balanced_sides([c for c in options if c < value], [c for c in options if c > value], rng))
    yearless = gran in {"month", "day"} and not re.search(r"\b\d{4}\b", answer.canonical)
    chosen = [
        _worded_like(
            answer.canonical, c, _without_year(c, gran) if yearless else format_date(c, gran) or c, value, gran
        )
        for c in picked
    ]
    if len(set(chosen)) < len(chosen):
        return None  # "May" four months either side of "May" in other years
    return chosen if len(chosen) == N_DISTRACTORS else None


#: A day written day first ("8 July 1835", "Saturday 23 June 1509", "30 August"), as British and encyclopedic
#: text does.
_DAY_FIRST = re.compile(rf"^(?:(?P<weekday>{WEEKDAY_PATTERN}),? )?\d{{1,2}} (?:{MONTH_PATTERN})(?P<year> \d{{3,4}})?$")


def _worded_like(written: str, iso: str, choice: str, value: str, granularity: str) -> str:
    """A wrong date (``iso``, written ``choice``) worded as the answer is, so that no choice stands out by its
    form: a year inside words ("fall of 2017", "mid-2007", "the early 1960s") gives "fall of 2013"; a day written
    first ("8 July 1835", "Saturday 23 June 1509") gives "11 July 1835", "Tuesday 26 June 1509"; an abbreviated
    month ("Dec. 18") gives "Nov. 27". ``written`` is the answer as the card shows it, ``value`` its ISO value."""
    if granularity in {"year", "decade"}:
        if written.count(value) == 1 and written.strip() != value:
            return written.replace(value, choice)
        return choice
    day_first = _DAY_FIRST.match(written) if granularity == "day" else None
    if day_first:
        day = dt.date.fromisoformat(iso)
        weekday = ""
        if day_first.group("weekday"):
            # Counted from the answer's own weekday: an old date may be in the Julian calendar.
            stated = list(calendar.day_name).index(day_first.group("weekday"))
            weekday = calendar.day_name[(stated + (day - dt.date.fromisoformat(value)).days) % 7] + " "
        year = f" {day.year}" if day_first.group("year") else ""
        return f"{weekday}{day.day} {calendar.month_name[day.month]}{year}"
    abbreviated = re.match(rf"(?:{MONTH_ABBREVIATION_PATTERN})\b(\.?)", written)
    if abbreviated:
        month = choice.split()[0]
        short = month[:4] if month == "September" and written.startswith("Sept") else month[:3]
        return f"{short}{abbreviated.group(1)}{choice[len(month) :]}" if month != "May" else choice
    return choice


def _without_year(value: str, granularity: str) -> str:
    """A month or day written as an answer without its year is ("March", "March 16"): so are its choices."""
    month = calendar.month_name[int(value[5:7])]
    return month if granularity == "month" else f"{month} {int(value[8:10])}"


def pick_distractors(answer: Answer, pool: list[PoolEntry], rng: random.Random) -> list[str] | None:
    """Exactly three distinct wrong answers of the answer's kind and granularity, or None."""
    if answer.kind == "number":
        return number_distractors(answer, rng)
    if answer.kind == "date":
        return date_distractors(answer, rng)
    return name_distractors(answer, pool, rng)


DistractorPicker = Callable[[Answer, list[PoolEntry], random.Random], "list[str] | None"]


def order_key(choice: str) -> tuple[int, float | str]:
    """Sort key putting numbers and dates in their natural order (choices so ordered give nothing away
    when the answer's rank is random: see ``balanced_sides``)."""
    number = _WRITTEN_NUMBER.search(choice)
    for fmt in ("%B %d, %Y", "%B %Y", "%Y"):
        try:
            return (0, dt.datetime.strptime(choice.strip(), fmt).timestamp())
        except ValueError:
            pass
    if re.fullmatch(r"\d{3}0s", choice.strip()):
        return (0, float(choice.strip()[:4]))
    if number:
        value = parse_number(number.group(0))
        if value is not None:
            return (0, value)
    return (1, choice)
