"""Grading typed answers: is what the learner typed the expected answer?

Grading is forgiving about form and strict about content:

* case, accents, punctuation, extra spaces and a leading article (a/an/the)
  never matter;
* every accepted answer counts, exactly (the card's ``accept:`` list and the
  fact's alias cluster: its canonical name and every alias);
* dates count in any equivalent form ("19 March 2024", "2024-03-19",
  "March 19th, 2024"), at the precision the expected answer has
  (expected "2023-11" accepts "November 2023");
* numbers count in any equivalent form ("3800", "3,800", "3.8 thousand",
  "three thousand eight hundred");
* an amount counts with or without its unit and its rate ("500", "$500" and
  "500 dollars" answer "500 dollars a month"), but a different unit or rate
  does not ("500 euros", "500 dollars a year");
* a small typo is accepted, with a budget that grows with the answer's length,
  unless the typo'd answer is at least as close to another answer of the deck
  (typing "Austria" for "Australia" must not pass when both are in the deck),
  and never in digits (1945 is not 1946).

The module knows nothing about the UI; :func:`grade_item` grades any study item.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import cast

from pydantic import BaseModel
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from quizapp.deck.model import (
    ClozeCard,
    Deck,
    Flashcard,
    MultipleChoiceCard,
    StudyItem,
    TrueFalseCard,
    TypedCard,
)
from quizapp.facts.names import initials
from quizapp.vocabulary import (
    COURTESY_TITLES,
    DECADE_WORDS,
    FRACTION_DENOMINATORS,
    MONTH_ABBREVIATION_PATTERN,
    MONTH_NUMBERS,
    MONTHS,
    NUMBER_HEDGE_PATTERN,
    ROLE_TITLES,
    SPELLED_NUMBER_WORDS,
    ordinal_suffix,
)

# fsrs Rating values, kept as plain ints so this module does not need fsrs.
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4

_ARTICLES = ("a", "an", "the")
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_NUMBER_WORDS = SPELLED_NUMBER_WORDS | {"point", "and"}
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_DIGIT_NUMBER_RE = re.compile(r"^\s*([+-]?\d[\d,\s]*(?:\.\d+)?)\s*([a-z]+)?\s*$")
_INITIALISM_RE = re.compile(r"(?<!\w)((?:[^\W\d_]\.)+[^\W\d_])\.?(?!\w)")
_NON_WORD_RE = re.compile(r"[\W_]+")
_GRANULARITY = {"year": 0, "month": 1, "day": 2}


class Grade(BaseModel):
    """The verdict on one answer, with what the UI needs to explain it."""

    correct: bool
    exact: bool  # right without any typo tolerance
    matched: str | None  # the accepted answer it matched
    expected: str  # the canonical answer
    given: str
    reason: str
    suggested_rating: int  # fsrs Rating value 1..4


# --- normalisation ------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The comparable form of an answer: no case, accents, punctuation or leading article."""
    if text.isascii():  # the common case; decomposing is only needed to strip accents
        folded = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("&", " and ")
    # Punctuation becomes a space so "Jean-Paul" and "Jean Paul" compare equal;
    # apostrophes vanish so "O'Brien" and "OBrien" do too.
    folded = folded.replace("'", "").replace("\u2019", "")
    # Dotted initialisms ("U.S.", "u.k") are one word, not single letters.
    folded = _INITIALISM_RE.sub(lambda m: m.group(1).replace(".", ""), folded)
    words = _NON_WORD_RE.sub(" ", folded).split()
    # Every leading article goes ("the a team" too), so normalizing twice changes nothing.
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(_same_word_forms(words))


_ORDINAL_WORDS = {
    word: f"{n}{ordinal_suffix(n)}"
    for n, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
        fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""".split(),
        start=1,
    )
    if word != "second"  # also a unit of time ("30 second delay")
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _same_word_forms(words: list[str]) -> list[str]:
    """Words written two common ways in one form: ordinals as figures ("fifth century" is "5th century",
    "twenty-first" "21st") and "saint" as "st" ("Saint Louis" is "St. Louis")."""
    out: list[str] = []
    for word in words:
        ordinal = _ORDINAL_WORDS.get(word)
        if ordinal is not None and out and out[-1] in _TENS and int(ordinal[:-2]) < 10:
            out[-1] = f"{_TENS[out[-1]] + int(ordinal[:-2])}{ordinal[-2:]}"
        elif ordinal is not None:
            out.append(ordinal)
        else:
            out.append("st" if word == "saint" else word)
    return out


def typo_budget(length: int) -> int:
    """How many edits a correct answer of ``length`` characters may contain."""
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    if length <= 12:
        return 2
    return 3


# --- dates --------------------------------------------------------------------------------------


def parse_date(text: str) -> tuple[date, int] | None:
    """A date and its granularity (0 year, 1 month, 2 day), or None when ``text`` is not one."""
    iso = _ISO_DATE_RE.match(text)
    if iso:
        year, month, day = iso.groups()
        try:
            return date(int(year), int(month or 1), int(day or 1)), 2 if day else 1 if month else 0
        except ValueError:
            return None
    if not re.search(r"\d", text):
        # Without a digit, dateparser would read "today" or "next week": not answers to a date question.
        return None
    data = _date_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if str(found.year) not in text and not _BARE_MONTH_RE.search(text):
        # dateparser reads "60s" as sixty seconds ago and "1970s" as today: a date none of whose words it used
        # (no year written, no month named) is no answer, else any two such strings were "the same date".
        return None
    return found, _GRANULARITY.get(data.period or "day", 2)


#: A decade as people write it: "1960s", "the '60s", "60s", "the late 1960s", "in the nineteen-sixties".
_DECADE_RE = re.compile(
    r"(?i)^(?:in\s+)?(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]*)?"
    r"(?:['’]?(?P<digits>\d{2}|\d{3}0)['’]?s|(?:(?P<century>eighteen|nineteen|twenty)[\s-]*)?(?P<word>"
    + "|".join(DECADE_WORDS)
    + r"))$"
)


def _decade(text: str) -> tuple[str, str] | None:
    """("late", "1960") for "the late 1960s", ("", "60") for "the sixties"; None when ``text`` is no decade."""
    found = _DECADE_RE.match(" ".join(text.split()).strip(" .,"))
    if found is None:
        return None
    if found.group("digits"):
        digits = found.group("digits")
    else:
        century = {"eighteen": "18", "nineteen": "19", "twenty": "20"}.get((found.group("century") or "").lower(), "")
        digits = century + DECADE_WORDS[found.group("word").lower()]
    return (found.group("part") or "").lower(), digits


def _same_decade(given: str, expected: str) -> bool | None:
    """Whether ``given`` names the decade ``expected`` names ("the sixties" for "1960s"), None when ``expected``
    is no decade. A decade written with two digits matches on them alone; a part of it ("late") must agree
    when the card asks for one, and is more than asked when it does not."""
    want = _decade(expected)
    if want is None:
        return None
    got = _decade(given)
    if got is None:
        return False
    if want[0] and got[0] != want[0]:
        return False
    if len(want[1]) == 4 and len(got[1]) == 4:
        return want[1] == got[1]
    return want[1][-2:] == got[1][-2:]


@lru_cache(maxsize=1)
def _date_parser():  # imported lazily: dateparser takes a noticeable time to load
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})


_BARE_MONTH_RE = re.compile(rf"(?i)({'|'.join(MONTHS)}|{MONTH_ABBREVIATION_PATTERN})\.?")


#: Two days of one month ("Feb. 11-14", "17–18 March 1886"): dateparser reads the first alone.
_DAY_RANGE_RE = re.compile(r"(?<![\d./–-])(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\d./–-])")


def _same_date(given: str, expected: str) -> bool:
    decade = _same_decade(given, expected)
    if decade is not None:
        return decade
    days = _DAY_RANGE_RE.search(expected)
    if days is not None:
        given_days = _DAY_RANGE_RE.search(given)
        if given_days is None or {int(d) for d in given_days.groups()} != {int(d) for d in days.groups()}:
            return False  # "Feb. 11-15" is not "Feb. 11-14"
    bare = _BARE_MONTH_RE.fullmatch(expected.strip())
    if bare:
        # "October" asks for the month: "October 2014" answers it too (a bare month has no digit to parse).
        given_month = _BARE_MONTH_RE.fullmatch(given.strip())
        if given_month:
            return _month_number(given_month.group(1)) == _month_number(bare.group(1))
        said = parse_date(given)
        return said is not None and said[1] >= 1 and said[0].month == _month_number(bare.group(1))
    want = parse_date(expected)
    got = parse_date(given)
    if want is None or got is None:
        return False
    (want_date, want_grain), (got_date, got_grain) = want, got
    if got_grain < want_grain:  # "2023" does not answer "2023-11-05"
        return False
    # "June 25" asks for the day: a year the student adds ("June 25, 1968") is more than the card asks, not wrong.
    if want_date.year != got_date.year and re.search(r"\b\d{3,4}\b", expected):
        return False
    if want_grain >= 1 and want_date.month != got_date.month:
        return False
    if want_grain >= 2 and want_date.day != got_date.day:
        return False
    return True


# --- numbers ------------------------------------------------------------------------------------


def _month_number(name: str) -> int:
    lowered = name.casefold().rstrip(".")
    return MONTH_NUMBERS[lowered[:3]]


_FRACTION_RE = re.compile(r"(\d+)\s*/\s*(\d+)|(\w+)[\s-]+(\w+)|(half)")


def _fraction(folded: str) -> float | None:
    """ "2/3", "two-thirds", "2 thirds", "three quarters", "a half", "half" as a value, else None."""
    match = _FRACTION_RE.fullmatch(folded)
    if match is None:
        return None
    if match.group(1):
        denominator = int(match.group(2))
        return int(match.group(1)) / denominator if denominator else None
    if match.group(5):
        return 0.5
    count, part = match.group(3), match.group(4)
    if part not in FRACTION_DENOMINATORS:
        return None
    numerator = 1.0 if count in {"a", "an", "one"} else parse_number(count)
    return numerator / FRACTION_DENOMINATORS[part] if numerator is not None else None


def parse_number(text: str) -> float | None:
    """The value of "3800", "3,800", "3.8 million", "three thousand eight hundred" or a fraction ("two-thirds",
    "2/3"), else None."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip().rstrip(".")
    fraction = _fraction(folded)
    if fraction is not None:
        return fraction
    match = _DIGIT_NUMBER_RE.match(folded)
    if match:
        digits, scale = match.groups()
        if scale and scale.endswith("s") and scale[:-1] in _SCALES:
            scale = scale[:-1]  # "3 thousands": a slip, not another number
        if scale and scale not in _SCALES:
            return None
        compact = digits.replace(",", "").replace(" ", "")
        try:
            value = float(compact)
        except ValueError:
            return None
        return value * _SCALES.get(scale or "", 1)
    words = re.split(r"[\s-]+", folded.replace(",", " "))
    if len(words) > 1 and words[0] in {"a", "an"}:
        words[0] = "one"  # "a thousand", "a hundred and ten"
    if not words or not all(word in _NUMBER_WORDS for word in words if word):
        return None
    from word2number import w2n  # lazily: only number answers need it

    try:
        return float(w2n.word_to_num(" ".join(words)))
    except ValueError:
        return None


def _same_number(given: str, expected: str) -> bool:
    want = parse_number(expected)
    got = parse_number(given)
    return want is not None and got is not None and _equal_values(want, got)


def _equal_values(want: float, got: float) -> bool:
    return abs(want - got) < 1e-9 * max(1.0, abs(want))


# --- amounts: a number with a unit and a rate per period ------------------------------------------

#: Words that say "per <period>" before a period word ("a month", "per year", "every week").
_RATE_WORDS = frozenset({"a", "an", "per", "each", "every"})
_PERIODS = {
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "annum": "year",
}
_PERIOD_ADVERBS = {
    "hourly": "hour",
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
}
_CURRENCY_SIGNS = {"$": "dollar", "us$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₹": "rupee", "₩": "won"}
#: Short unit forms and the word they stand for (compared in singular form).
_UNIT_SYNONYMS = {
    "usd": "dollar",
    "eur": "euro",
    "gbp": "pound",
    "%": "percent",
    "kg": "kilogram",
    "km": "kilometre",
    "kilometer": "kilometre",
    "m": "metre",
    "meter": "metre",
    "cm": "centimetre",
    "centimeter": "centimetre",
    "mm": "millimetre",
    "g": "gram",
    "lb": "pound",
    "mi": "mile",
    "ft": "foot",
    "feet": "foot",
    "yr": "year",
    "hr": "hour",
    "min": "minute",
    "sec": "second",
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
}


_HEDGE_RE = re.compile(rf"^(?:(?:{NUMBER_HEDGE_PATTERN})\s+)+")
_PER_CENT_RE = re.compile(r"\bper\s*cent\b|\bpct\b\.?")
#: Scales newspapers abbreviate after a currency sign ("$163m", "£2.5bn", "$40k").
_MONEY_SCALES = {"k": "thousand", "m": "million", "mn": "million", "b": "billion", "bn": "billion", "tn": "trillion"}
_MONEY_SCALE_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*(k|mn|m|bn|b|tn)\b")
_PLAIN_SCALE_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*(mn|bn|tn)\b")


class Amount(BaseModel):
    """A number with an optional unit and rate: "500 dollars a month" is (500, "dollar", "month")."""

    value: float
    unit: str | None = None
    period: str | None = None


def _unit_word(word: str) -> str:
    """A unit word in one comparable form: singular, long name ("kg" and "kilograms" are "kilogram")."""
    word = _UNIT_SYNONYMS.get(word, word)
    if word.endswith(("ches", "shes", "xes", "sses")):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return _UNIT_SYNONYMS.get(word, word)


@lru_cache(maxsize=4096)
def parse_amount(text: str) -> Amount | None:
    """ "500 dollars a month", "$500/month", "7 kg", "3.8 million people" as an :class:`Amount`, else None."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip().rstrip(".")
    folded = _HEDGE_RE.sub("", folded)  # "about 26 square kilometres" is 26 of them
    unit: str | None = None
    for sign in sorted(_CURRENCY_SIGNS, key=len, reverse=True):
        if folded.startswith(sign):
            unit, folded = _CURRENCY_SIGNS[sign], folded[len(sign) :].strip()
            break
    folded = _PER_CENT_RE.sub("percent", folded)  # "34 per cent", "34 pct" and "34%" are one unit
    if unit is not None:  # "$163m", "£2.5bn": after a currency, a letter or two is the scale, not a unit
        folded = _MONEY_SCALE_RE.sub(lambda m: f"{m.group(1)} {_MONEY_SCALES[m.group(2)]}", folded)
    else:  # "4.3 bn dollars": "bn", "mn" and "tn" are scales anywhere ("m" and "k" may be metres and kilo-)
        folded = _PLAIN_SCALE_RE.sub(lambda m: f"{m.group(1)} {_MONEY_SCALES[m.group(2)]}", folded)
    folded = re.sub(r"(\d)-?(%|[a-z]+\b)", r"\1 \2", folded)  # "7kg", "5%", "10-meters" → "7 kg", "5 %", "10 meters"
    fraction = _fraction(folded)
    if fraction is not None:
        return Amount(value=fraction)  # "2/3" is a fraction, not "2 per 3"
    words = folded.replace("/", " per ").split()
    period: str | None = None
    if words and words[-1] in _PERIOD_ADVERBS:
        period, words = _PERIOD_ADVERBS[words[-1]], words[:-1]
    elif len(words) >= 2 and words[-2] in _RATE_WORDS and _is_rate_noun(words[-1], unit is not None or len(words) > 3):
        # "500 dollars a month"; after a unit any "a/per <noun>" is the rate ("$59 a barrel", "3 dollars per share")
        period, words = _PERIODS.get(_unit_word(words[-1]), _unit_word(words[-1])), words[:-2]
    # The longest leading run of words that reads as a number is the value; the rest is the unit.
    for end in range(len(words), 0, -1):
        value = parse_number(" ".join(words[:end]))
        if value is not None:
            rest = [_unit_word(word) for word in words[end:]]
            if rest and unit is not None:  # "$500 dollars": one unit only
                return None
            return Amount(value=value, unit=" ".join(rest) or unit, period=period)
    return None


def _is_rate_noun(word: str, after_a_unit: bool) -> bool:
    """Whether ``word`` after "a"/"per" is what an amount is counted by: a period ("a month"), or after a unit
    any noun ("dollars a barrel"); never a fraction ("two and a half")."""
    if _unit_word(word) in _PERIODS:
        return True
    return after_a_unit and word.isalpha() and word not in _NUMBER_WORDS and word not in {"half", "quarter", "third"}


def _same_amount(given: str, expected: str) -> bool:
    """The same value; the unit and the rate may be left out, but not changed (nor added to a bare number)."""
    want = parse_amount(expected)
    got = parse_amount(given)
    if want is None or got is None or not _equal_values(want.value, got.value):
        return False
    if got.unit is not None and got.unit != want.unit:
        return False
    return got.period is None or got.period == want.period


# --- grading ------------------------------------------------------------------------------------


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def grade_answer(
    given: str,
    expected: list[str],
    *,
    kind: str = "other",
    other_answers: Iterable[str] = (),
) -> Grade:
    """Grade ``given`` against the accepted answers ``expected`` (the first is the canonical one).

    ``kind`` is the fact kind; "date" and "number" enable equivalent forms (they are
    also tried when the expected answer itself looks like a date or a number).
    ``other_answers`` are the deck's other answers: a typo that lands on one of them is wrong.
    """
    if not expected:
        raise ValueError("grade_answer needs at least one expected answer")
    canonical = expected[0]
    given = given or ""

    def verdict(correct: bool, exact: bool, matched: str | None, reason: str, rating: int) -> Grade:
        return Grade(
            correct=correct,
            exact=exact,
            matched=matched,
            expected=canonical,
            given=typed,
            reason=reason,
            suggested_rating=rating,
        )

    typed = given  # shown back as typed, whatever is set aside below to compare
    led = _LEADING_PREPOSITION_RE.match(given)
    if led and not any(normalize(a).startswith(led.group(1).lower() + " ") for a in expected):
        given = led.group(2)  # "in Paris" answers "Paris": the sentence's preposition typed along with the blank
    given_norm = normalize(given)
    if not given_norm:
        return verdict(False, False, None, "no answer", AGAIN)

    normalized = [(answer, normalize(answer)) for answer in expected]
    for answer, answer_norm in normalized:
        if given_norm == answer_norm:
            reason = "exact" if answer == canonical else "accepted alias"
            return verdict(True, True, answer, reason, GOOD)

    for answer, answer_norm in normalized:
        if kind in ("person", "organization") and (
            _bare_name(given_norm, kind) == _bare_name(answer_norm, kind)
            or _name_written_otherwise(given_norm, _bare_name(answer_norm, kind), answer, kind)
        ):
            return verdict(True, True, answer, "same name", GOOD)
        if kind in ("place", "other") and _same_country(given, answer):
            return verdict(True, True, answer, "another name of the country", GOOD)
        if (kind == "date" or _ISO_DATE_RE.match(answer)) and (
            _same_date(given, answer) or _same_season(given, answer) or _same_era_year(given, answer)
        ):
            return verdict(True, True, answer, "equivalent date", GOOD)
        if (kind == "number" or parse_number(answer) is not None) and _same_number(given, answer):
            return verdict(True, True, answer, "equivalent number", GOOD)
        if kind in ("number", "other") and _same_amount(given, answer):
            return verdict(True, True, answer, "same amount", GOOD)

    # The closest accepted answer within its typo budget, digits untouched and meaning unchanged.
    best: tuple[int, str, str] | None = None
    for answer, answer_norm in normalized:
        if _digits(answer_norm) != _digits(given_norm) or _other_value(given, answer, kind):
            continue
        budget = typo_budget(len(answer_norm))
        distance = Levenshtein.distance(given_norm, answer_norm, score_cutoff=budget)
        if distance <= budget and (best is None or distance < best[0]):
            best = (distance, answer, answer_norm)
    if best is None:
        return verdict(False, False, None, "wrong", AGAIN)

    distance, answer, _ = best
    accepted_norms = {answer_norm for _, answer_norm in normalized}
    rival = _closest_rival(given_norm, distance, other_answers, accepted_norms)
    if rival is not None:
        return verdict(False, False, None, f'too close to another answer ("{rival}")', AGAIN)
    return verdict(True, False, answer, "typo accepted", HARD)


#: Words around a name that are not the name: a person's title before it, a generational suffix or a company's
#: legal form after it (compared normalized: lower case, no dots).
_TITLE_WORDS = frozenset(
    {t.lower().rstrip(".") for t in ROLE_TITLES}
    | {t.rstrip(".") for t in COURTESY_TITLES}
    | {"prof", "professor", "judge", "justice", "chancellor", "ambassador", "sheikh", "rev", "reverend", "saint"}
)
_NAME_SUFFIXES = frozenset({"jr", "sr"})  # not a regnal numeral: Henry VII is not Henry VIII
_LEGAL_FORMS = frozenset(
    {"corp", "corporation", "inc", "incorporated", "ltd", "limited", "co", "plc", "llc", "ag", "sa", "gmbh"}
)


def _bare_name(normalized: str, kind: str) -> str:
    """ "president obama" -> "obama", "martin luther king jr" -> "martin luther king", "microsoft corp" ->
    "microsoft": the name without what stands around it."""
    words = normalized.split()
    if kind == "person":
        while len(words) > 1 and words[0] in _TITLE_WORDS:
            words = words[1:]
        while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
            words = words[:-1]
    else:
        while len(words) > 1 and words[-1] in _LEGAL_FORMS:
            words = words[:-1]
    return " ".join(words)


_LEADING_PREPOSITION_RE = re.compile(r"(?i)^\s*(in|at|on|from|to|by|near|of|for|with|during|since)\s+(\S.*)$")


def _name_written_otherwise(given_norm: str, answer_norm: str, answer: str, kind: str) -> bool:
    """A person's name surname first ("Nkrumah, Kwame") or with initials ("K. Nkrumah", "Martin L. King"); an
    organization by its initials ("UN", "W.H.O." for "World Health Organization")."""
    given_words, answer_words = given_norm.split(), answer_norm.split()
    if kind == "person" and len(answer_words) >= 2:
        if given_words == [answer_words[-1], *answer_words[:-1]]:
            return True
        return (
            len(given_words) == len(answer_words)
            and given_words[-1] == answer_words[-1]
            and all(g == a or (len(g) == 1 and a.startswith(g)) for g, a in zip(given_words[:-1], answer_words[:-1]))
        )
    if kind == "organization" and len(given_words) == 1 and 2 <= len(given_words[0]) <= 6:
        return len(answer_words) >= 2 and given_words[0].upper() == initials(answer)
    return False


def _same_country(given: str, answer: str) -> bool:
    """ "USA", "U.S." and "the United States" are one country (the bundled reference's other names)."""
    from quizapp.reference import country_named

    country = country_named(answer)
    return country is not None and country_named(re.sub(r"(?i)^the\s+", "", given.strip())) == country


_SEASON_RE = re.compile(r"(?i)^(?:the\s+)?(spring|summer|fall|autumn|winter)\s+(?:of\s+)?(\d{3,4})$")


_ERA_YEAR_RE = re.compile(r"(?i)^(?:(ad|ce)\s*)?(\d{1,4})\s*(ad|ce|bc|bce)?$")


def _same_era_year(given: str, answer: str) -> bool:
    """ "126" is "AD 126" and "126 CE"; "44 BCE" is "44 BC" (an era marker's dots and spacing aside)."""

    def year(text: str) -> tuple[int, bool] | None:
        found = _ERA_YEAR_RE.match(text.replace(".", "").strip())
        if found is None:
            return None
        return int(found.group(2)), (found.group(3) or "").lower() in {"bc", "bce"}

    want, got = year(answer), year(given)
    return want is not None and want == got


def _same_season(given: str, answer: str) -> bool:
    """ "fall 2017", "autumn of 2017" and "fall of 2017" are one season."""
    want, got = _SEASON_RE.match(answer.strip()), _SEASON_RE.match(given.strip())
    if want is None or got is None:
        return False

    def season(word: str) -> str:
        return "fall" if word.casefold() == "autumn" else word.casefold()

    return season(want.group(1)) == season(got.group(1)) and want.group(2) == got.group(2)


_REGNAL_NUMBER_RE = re.compile(r"\b(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3}|XIX|XX)\b", re.I)


def _regnal_numbers(text: str) -> list[str]:
    """The Roman numbers after a name's first word ("Richard III" -> ["iii"]): a typo never changes one."""
    words = text.split()
    return [w.casefold() for w in words[1:] if _REGNAL_NUMBER_RE.fullmatch(w.strip(".,"))]


def _other_value(given: str, answer: str, kind: str) -> bool:
    """Whether ``given`` reads as another date, quantity or country than ``answer``: "July 2000" for "June 2000",
    "3 billion" for "3 million" and "Austria" for "Australia" are one or two letters off, but no typo."""
    if _regnal_numbers(given) != _regnal_numbers(answer):
        return True  # "Richard II" for "Richard III": another king, one letter off
    if kind in ("place", "other"):
        from quizapp.reference import country_named

        typed = country_named(given)
        if typed is not None and typed != country_named(answer):
            return True
    if kind == "date" or _ISO_DATE_RE.match(answer) or re.search(r"\d", answer):
        want_date, got_date = parse_date(answer), parse_date(given)
        if want_date is not None and got_date is not None and want_date != got_date:
            return True
    want, got = parse_amount(answer), parse_amount(given)
    return want is not None and got is not None and not _equal_values(want.value, got.value)


def _closest_rival(given_norm: str, distance: int, other_answers: Iterable[str], accepted: set[str]) -> str | None:
    """Another answer at most ``distance`` edits from what was typed (then the typo is ambiguous)."""
    if isinstance(other_answers, DeckAnswers):
        candidates = other_answers
    else:
        candidates = DeckAnswers.from_answers(other_answers)
    # rapidfuzz scans all candidates in C; only the few within reach come back.
    for _norm, _score, index in process.extract(
        given_norm, candidates.normalized, scorer=Levenshtein.distance, score_cutoff=distance, limit=None
    ):
        if candidates.normalized[index] and candidates.normalized[index] not in accepted:
            return candidates.originals[index]
    return None


def diff_segments(given: str, expected: str) -> list[tuple[str, str]]:
    """Character segments of ``given`` vs ``expected`` tagged equal/insert/delete/replace.

    "delete" text is in ``given`` only, "insert" text in ``expected`` only; a
    "replace" segment carries both as "given→expected" split by the UI via
    :func:`diff_opcodes` when it needs them separately.
    """
    segments: list[tuple[str, str]] = []
    for tag, text_given, text_expected in diff_opcodes(given, expected):
        if tag == "equal":
            segments.append(("equal", text_given))
        elif tag == "delete":
            segments.append(("delete", text_given))
        elif tag == "insert":
            segments.append(("insert", text_expected))
        else:
            segments.append(("replace", text_given))
    return segments


def diff_opcodes(given: str, expected: str) -> list[tuple[str, str, str]]:
    """(tag, part of given, part of expected) for each difflib opcode, compared case-insensitively."""
    matcher = difflib.SequenceMatcher(None, given.casefold(), expected.casefold(), autojunk=False)
    return [(tag, given[i1:i2], expected[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


# --- items --------------------------------------------------------------------------------------


def expected_answers(item: StudyItem) -> list[str]:
    """The accepted answers of a typed or cloze item, canonical first."""
    card = item.card
    if isinstance(card, TypedCard):
        return _with_fact_names(card.accepted_answers(), card)
    if isinstance(card, ClozeCard):
        parts = card.answers_for(item.cloze_index or card.indices()[0])
        answers = [" ".join(parts)]
        if len(parts) == 1:
            answers = _with_fact_names(answers, card)
        return answers
    if isinstance(card, MultipleChoiceCard):
        return [card.answer]
    if isinstance(card, TrueFalseCard):
        return ["true" if card.answer else "false"]
    return [card.back]


def _with_fact_names(answers: list[str], card: TypedCard | ClozeCard) -> list[str]:
    """The answers plus every name of the fact the card tests: its cluster's canonical name and aliases.

    A blank on "Ri Il Kyu" in a fact whose canonical name is "Ri Il-gyu" takes both, exactly.
    """
    fact = card.provenance.fact if card.provenance else None
    if fact is None:
        return answers
    names = [*fact.aliases]
    if fact.canonical and fact.kind not in ("date", "number"):  # those canonicals are values, graded as such
        names.insert(0, fact.canonical)
    return list(dict.fromkeys([*answers, *(name for name in names if name.strip())]))


class DeckAnswers:
    """A deck's answers with their normalized forms, the candidates a typo must not be closer to."""

    def __init__(self, originals: list[str]):
        self.originals = originals
        self.normalized = [normalize(answer) for answer in originals]

    @classmethod
    def from_answers(cls, answers: Iterable[str]) -> DeckAnswers:
        return cls(list(answers))

    def __iter__(self):
        return iter(self.originals)

    def __len__(self) -> int:
        return len(self.originals)


# The last few decks' answers, by deck identity: computed once per deck object, not per answer.
_deck_answers_cache: list[tuple[Deck, DeckAnswers]] = []


def deck_answers(deck: Deck) -> DeckAnswers:
    """Every typed, cloze and multiple-choice answer of the deck."""
    for cached_deck, answers in _deck_answers_cache:
        if cached_deck is deck:
            return answers
    originals: list[str] = []
    add = originals.append
    # Exact classes, not isinstance: this runs over every card of the deck when a session opens.
    for card in deck.cards:
        kind = type(card)
        # (mypy does not narrow on `type(x) is C`: the casts say what the checks established)
        if kind is TypedCard or kind is MultipleChoiceCard:
            add(cast("TypedCard | MultipleChoiceCard", card).answer)
        elif kind is ClozeCard:
            originals += [d.answer for d in cast(ClozeCard, card).deletions()]
        elif isinstance(card, (TypedCard, MultipleChoiceCard)):  # a subclass
            add(card.answer)
        elif isinstance(card, ClozeCard):
            originals += [d.answer for d in card.deletions()]
    answers = DeckAnswers(originals)
    _deck_answers_cache.insert(0, (deck, answers))
    del _deck_answers_cache[4:]
    return answers


def grade_item(item: StudyItem, response: str | bool | None, deck: Deck) -> Grade | None:
    """Grade a response to any item; flashcards are self-graded and return None.

    Typed and cloze items take the typed text; multiple choice takes the chosen
    choice's text; true/false takes a bool (or "true"/"false"/"t"/"f").
    """
    card = item.card
    if isinstance(card, Flashcard):
        return None
    if isinstance(card, TrueFalseCard):
        value = _as_bool(response)
        expected = "true" if card.answer else "false"
        given = "" if value is None else ("true" if value else "false")
        correct = value is not None and value == card.answer
        return Grade(
            correct=correct,
            exact=correct,
            matched=expected if correct else None,
            expected=expected,
            given=given,
            reason="right" if correct else ("no answer" if value is None else "wrong"),
            suggested_rating=GOOD if correct else AGAIN,
        )
    text = "" if response is None else str(response)
    if isinstance(card, MultipleChoiceCard):
        # Choices are picked, not typed: the exact choice (case-insensitively) or nothing.
        correct = normalize(text) == normalize(card.answer) and bool(text.strip())
        return Grade(
            correct=correct,
            exact=correct,
            matched=card.answer if correct else None,
            expected=card.answer,
            given=text,
            reason="right" if correct else ("no answer" if not text.strip() else "wrong"),
            suggested_rating=GOOD if correct else AGAIN,
        )
    # The item's own answers among the deck's are skipped by grade_answer (they are accepted ones).
    return grade_answer(text, expected_answers(item), kind=card.fact_kind, other_answers=deck_answers(deck))


def _as_bool(response: str | bool | None) -> bool | None:
    if isinstance(response, bool) or response is None:
        return response
    word = response.strip().casefold()
    if word in {"t", "true", "yes", "y", "1"}:
        return True
    if word in {"f", "false", "no", "n", "0"}:
        return False
    return None
