"""Wrong answers for multiple-choice and true/false cards.

A distractor has the same kind and granularity as the answer (a year against
years, a month against months, a city against cities, a news agency against
news agencies). Names come from the deck's own facts first, then from the
bundled reference list in ``data/reference.yaml``; numbers are perturbed at the
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
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, Iterable

import yaml

N_DISTRACTORS = 3


@dataclass(frozen=True)
class Reference:
    """The bundled lists, indexed for lookups."""

    country_region: dict[str, str]
    city_country: dict[str, str]
    capitals: frozenset[str]
    regions: tuple[str, ...]
    org_category: dict[str, str]
    orgs_by_category: dict[str, tuple[str, ...]]
    person_role: dict[str, str]
    people_by_role: dict[str, tuple[str, ...]]


@functools.cache
def reference() -> Reference:
    text = resources.files("quizapp.questions").joinpath("data/reference.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    country_region = {c: region for region, names in data["countries"].items() for c in names}
    city_country = {**data["cities"], **data["capitals"]}
    org_category = {o: cat for cat, names in data["organizations"].items() for o in names}
    person_role = {p: role for role, names in data["people"].items() for p in names}
    return Reference(
        country_region=country_region,
        city_country=city_country,
        capitals=frozenset(data["capitals"]),
        regions=tuple(data["regions"]),
        org_category=org_category,
        orgs_by_category={k: tuple(v) for k, v in data["organizations"].items()},
        person_role=person_role,
        people_by_role={k: tuple(v) for k, v in data["people"].items()},
    )


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def _lookup(table: dict[str, str], *names: str) -> str | None:
    keys = {_key(k): v for k, v in table.items()}
    for name in names:
        if _key(name) in keys:
            return keys[_key(name)]
    return None


def place_category(canonical: str, aliases: Iterable[str] = (), label: str | None = None) -> str:
    """country, city, region or facility (a named building, airport ...); "place" when unknown."""
    ref = reference()
    names = (canonical, *aliases)
    if _lookup(ref.country_region, *names):
        return "country"
    if _lookup(ref.city_country, *names):
        return "city"
    if any(_key(n) in {_key(r) for r in ref.regions} for n in names):
        return "region"
    if label == "FAC" or re.search(r"\b(Airport|Palace|House|Embassy|Cemetery|Stadium|Hall|Square|Tower|Bridge|Station|Museum|Hotel|Consulate|Church|University)\b", canonical):
        return "facility"
    if label == "LOC":
        return "region"
    return "place"


_ORG_PATTERNS: list[tuple[str, str]] = [
    (r"\b(News Agency|Reuters|Press|Yonhap|KCNA|BBC|CNN|Times|Ilbo|Post|Herald|Network|Television|Radio|News)\b", "news agency"),
    (r"\b(Intelligence|Security Service|Bureau of Investigation)\b", "intelligence agency"),
    (r"\bMinistry\b|\bDepartment\b|\bOffice\b", "ministry"),
    (r"\b(Army|Navy|Air Force|Armed Forces|Guard)\b", "armed force"),
    (r"\bParty\b", "political party"),
    (r"\b(United Nations|Union|Association|Organization|Organisation|Council|Fund|Bank|Agency)\b", "international organization"),
]

#: What a "Which ___" question calls an organization of each category.
ORG_QUESTION_NOUN = {
    "news agency": "news organization",
    "intelligence agency": "agency",
    "ministry": "government body",
    "armed force": "armed force",
    "political party": "party",
    "international organization": "organization",
}


def organization_category(canonical: str, aliases: Iterable[str] = ()) -> str:
    found = _lookup(reference().org_category, canonical, *aliases)
    if found:
        return found
    for pattern, category in _ORG_PATTERNS:
        if any(re.search(pattern, n) for n in (canonical, *aliases)):
            return category
    return "organization"


def person_role(canonical: str, aliases: Iterable[str] = ()) -> str | None:
    return _lookup(reference().person_role, canonical, *aliases)


@dataclass(frozen=True)
class PoolEntry:
    """A named fact of the deck that can stand in as a wrong answer."""

    kind: str
    canonical: str
    aliases: tuple[str, ...] = ()
    category: str | None = None  # place/organization category, person role


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


def _blocked(candidate: str, answer: Answer) -> bool:
    """Whether a candidate is the answer under another name, or also right."""
    cand = _key(candidate)
    if not cand:
        return True
    names = {_key(answer.canonical), *(_key(a) for a in answer.aliases), *(_key(e) for e in answer.excluded)}
    if cand in names:
        return True
    # "Korea" against "South Korea", "Ri" against "Ri Il-gyu": one inside the other names the same thing.
    for name in names:
        if name and (f" {cand} " in f" {name} " or f" {name} " in f" {cand} "):
            return True
    return False


def _take(candidates: Iterable[str], answer: Answer, rng: random.Random, chosen: list[str], shuffle: bool = True) -> None:
    pool = list(dict.fromkeys(candidates))
    if shuffle:
        rng.shuffle(pool)
    for cand in pool:
        if len(chosen) >= N_DISTRACTORS:
            return
        if _blocked(cand, answer) or any(_key(cand) == _key(c) for c in chosen):
            continue
        chosen.append(cand)


def name_distractors(answer: Answer, pool: list[PoolEntry], rng: random.Random) -> list[str] | None:
    """Three names of the answer's kind and category, deck first; None when there are not enough."""
    ref = reference()
    chosen: list[str] = []
    same_kind = sorted((p for p in pool if p.kind == answer.kind), key=lambda p: p.canonical)
    others_of = {_key(p.canonical) for p in same_kind}
    # Aliases of deck entries count as the entries themselves.
    for p in same_kind:
        if _key(p.canonical) == _key(answer.canonical) or {_key(a) for a in p.aliases} & {_key(answer.canonical)}:
            answer.aliases = tuple(dict.fromkeys((*answer.aliases, *p.aliases, p.canonical)))
    if answer.kind == "person":
        role = answer.category
        deck_same = [p.canonical for p in same_kind if role and p.category == role]
        _take(deck_same, answer, rng, chosen)
        if role:
            _take(ref.people_by_role.get(role, ()), answer, rng, chosen)
        else:
            _take([p.canonical for p in same_kind], answer, rng, chosen)
    elif answer.kind == "place":
        cat = answer.category
        if cat in {None, "place"}:
            return None
        _take([p.canonical for p in same_kind if p.category == cat], answer, rng, chosen)
        if cat == "country":
            region = _lookup(ref.country_region, answer.canonical, *answer.aliases)
            _take([c for c, r in ref.country_region.items() if r == region], answer, rng, chosen)
        elif cat == "city":
            _take(sorted(ref.capitals) if _lookup({c: "" for c in ref.capitals}, answer.canonical) is not None
                  else sorted(ref.city_country), answer, rng, chosen)
        elif cat == "region":
            _take(ref.regions, answer, rng, chosen)
    elif answer.kind == "organization":
        cat = answer.category
        _take([p.canonical for p in same_kind if p.category == cat], answer, rng, chosen)
        _take(ref.orgs_by_category.get(cat or "", ()), answer, rng, chosen)
    del others_of
    return chosen if len(chosen) == N_DISTRACTORS else None


# ---------------------------------------------------------------- numbers


_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}


def parse_number(text: str, value: str | None = None) -> float | None:
    for candidate in (value, text):
        if not candidate:
            continue
        cleaned = candidate.replace(",", "").strip()
        try:
            return float(cleaned)
        except ValueError:
            pass
        if cleaned.casefold() in _WORD_NUMBERS:
            return float(_WORD_NUMBERS[cleaned.casefold()])
    return None


def format_number(n: float, like: str) -> str:
    """``n`` written the way ``like`` is (thousands separators, decimals)."""
    decimals = len(like.split(".")[1]) if "." in like and like.replace(",", "").replace(".", "").isdigit() else 0
    text = f"{n:,.{decimals}f}" if "," in like or n >= 10000 else f"{n:.{decimals}f}"
    return text


def number_distractors(answer: Answer, rng: random.Random) -> list[str] | None:
    n = parse_number(answer.canonical, answer.value)
    if n is None or n <= 0:
        return None
    like = answer.canonical if any(ch.isdigit() for ch in answer.canonical) else str(int(n))
    if answer.granularity == "age":
        options = [n + d for d in (-12, -8, -5, -3, 3, 5, 8, 12) if n + d > 0]
    elif n == int(n) and n <= 12:
        options = [n + d for d in (-3, -2, -1, 1, 2, 3, 4, 5) if n + d > 0]
    else:
        # Same precision: keep as many trailing zeros as the answer has.
        step = 10 ** (len(str(int(n))) - len(str(int(n)).rstrip("0"))) if n == int(n) else 1
        step = max(step, 10 ** max(0, len(str(int(n))) - 2)) if n >= 100 else step
        options = [round(n * f / step) * step for f in (0.5, 0.6, 0.75, 1.25, 1.4, 1.5, 2.0)]
    excluded = {_key(e) for e in answer.excluded}
    options = [o for o in dict.fromkeys(options) if o != n and o > 0 and _key(format_number(o, like)) not in excluded]
    rng.shuffle(options)
    chosen = [format_number(o, like) for o in options[:N_DISTRACTORS]]
    return chosen if len(chosen) == N_DISTRACTORS else None


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


def date_granularity(value: str) -> str | None:
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
        candidates = [str(year + d) for d in (-5, -4, -3, -2, -1, 1, 2) if year + d <= dt.date.today().year + 1]
    elif gran == "decade":
        decade = int(value[:4])
        candidates = [f"{decade + d}s" for d in (-30, -20, -10, 10, 20, 30)]
    elif gran == "month":
        year, month = int(value[:4]), int(value[5:7])
        for d in (-4, -3, -2, -1, 1, 2, 3, 4):
            total = year * 12 + (month - 1) + d
            candidates.append(f"{total // 12:04d}-{total % 12 + 1:02d}")
    else:
        day = dt.date.fromisoformat(value)
        candidates = [(day + dt.timedelta(days=d)).isoformat() for d in (-21, -14, -7, -3, 3, 7, 14, 21)]
    excluded = {_key(e) for e in answer.excluded}
    options = [c for c in candidates if _key(c) not in excluded and _key(format_date(c, gran) or "") not in excluded]
    rng.shuffle(options)
    chosen = [format_date(c, gran) or c for c in options[:N_DISTRACTORS]]
    return chosen if len(chosen) == N_DISTRACTORS else None


def pick_distractors(answer: Answer, pool: list[PoolEntry], rng: random.Random) -> list[str] | None:
    """Exactly three distinct wrong answers of the answer's kind and granularity, or None."""
    if answer.kind == "number":
        return number_distractors(answer, rng)
    if answer.kind == "date":
        return date_distractors(answer, rng)
    return name_distractors(answer, pool, rng)


DistractorPicker = Callable[[Answer, list[PoolEntry], random.Random], "list[str] | None"]
