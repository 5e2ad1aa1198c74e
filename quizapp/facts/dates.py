"""Date expressions to ISO values at the precision the text supports.

"March 19, 2024" → 2024-03-19 (day); "in November" in a July 2024 article about the
past → 2023-11 (month); "last year" → 2023; "mid-2023" → 2023; "the 70s" → 1970s (decade).

Weekdays ("on Tuesday"), vague spans ("recent weeks", "that day") and expressions
relative to an unstated event ("three months later") are not quiz-worthy dates:
:func:`normalize_date` returns ``None`` for them. Durations ("three days", "the past
five years") are numbers, not dates: :func:`is_duration` recognises them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from quizapp.facts.model import DateGranularity
from quizapp.vocabulary import MONTH_NUMBERS, WEEKDAYS, ordinal_suffix

MONTHS = MONTH_NUMBERS
_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
#: What dateparser's strict reading can turn into a real date: a month named and a year written, or day.month.year.
_WORTH_PARSING = re.compile(
    r"(?=.*\b(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b)(?=.*\b\d{4}\b)|^\d{1,2}[./]\d{1,2}[./]\d{4}$"
)
_UNITS = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|centuries|millenni(?:um|a))s?"
_NUMBER_WORDS = (
    r"(?:\d[\d,.]*[½¼¾]?|[½¼¾]|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|several|a few|few|many|some|dozens of|hundreds of|a couple of)"
)
# "three days", "the past five years", "nearly six decades", "75-minute", "for 20 years", "52-year-old"
_DURATION = re.compile(
    rf"^(?:the |for |over |about |almost |nearly |around |some |more than |less than |at least |up to )*"
    rf"(?:(?:past|last|next|first|coming|previous|following) )?(?:{_NUMBER_WORDS}[ -])+(?:and a half )?{_UNITS}(?:[ -]long|[ -]old)?$",
    re.I,
)
_DECADE_WORDS = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_PART_PREFIX = (
    r"(?:(?:the )?(?:early|mid|late|middle|beginning|start|end|spring|summer|autumn|fall|winter)(?:-| of | )(?:the )?)"
)


@dataclass(frozen=True)
class DateValue:
    value: str  # ISO: "2024-03-19", "2023-11", "1986", "1970s"
    granularity: DateGranularity


def is_duration(text: str) -> bool:
    """'three days', 'the past five years', 'nearly six decades': an amount of time, not a date."""
    return bool(_DURATION.match(_tidy(text)))


def is_weekday_only(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and words[-1] in WEEKDAYS and not re.search(r"\d", text)


def _tidy(text: str) -> str:
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    text = re.sub(r"\s+(?:and|or|to|until|through)$", "", text, flags=re.I)  # "the 70s and" (a cut coordination)
    return text


def _month_value(year: int, month: int) -> DateValue:
    return DateValue(f"{year:04d}-{month:02d}", "month")


def normalize_date(text: str, published: dt.date | None, future: bool = False) -> DateValue | None:
    """The ISO value of a date expression, or ``None`` when it is not a quiz-worthy date.

    ``published`` anchors relative expressions ("last year", "in November"); without
    it they are dropped. ``future`` says the sentence looks ahead ("will visit in
    November"), so a bare month means the next one rather than the last one.
    """
    raw = _tidy(text)
    lowered = raw.lower()
    lowered = re.sub(r"^(?:in|on|at|since|by|from|during|until|of|back in|as of|early|late)\s+(?=\w)", "", lowered)
    lowered = re.sub(r"^the\s+", "", lowered)
    # "the 2015 season", "the 2019 election": the year is the date.
    lowered = re.sub(
        r"^(1[0-9]{3}|20[0-9]{2})(?:[-–/]\d{2,4})? (?:season|election|elections|census|campaign|edition|school year|academic year|fiscal year|budget)$",
        r"\1",
        lowered,
    )
    if not lowered or is_duration(lowered) or is_weekday_only(lowered):
        return None
    if re.search(
        r"\b(?:later|earlier|ago|before|after|previously|that day|same day|recent|coming|past|weeks?|weekend|tonight|tomorrow|morning|afternoon|evening|night)\b",
        lowered,
    ):
        # Relative to an event the sentence only implies, or vague: no reliable calendar value.
        if not re.search(r"\b(?:ago)\b", lowered) or published is None:
            return None
        return _years_ago(lowered, published)

    # Decades: "the 70s", "80s", "1970s", "the seventies", "the mid-1990s", "the '60s"
    match = re.fullmatch(rf"{_PART_PREFIX}?'?(?P<decade>\d{{2}}|\d{{4}})'?s", lowered)
    if match:
        digits = match.group("decade")
        if len(digits) == 2:
            century = (
                19 if int(digits) >= 30 or published is None else (20 if int(digits) + 2000 <= published.year else 19)
            )
            return DateValue(f"{century}{digits}s", "decade")
        if digits.endswith("0"):
            return DateValue(f"{digits}s", "decade")
    # Centuries: "the 19th century", "the early 20th century"
    match = re.fullmatch(rf"{_PART_PREFIX}?(?P<n>\d{{1,2}})(?:st|nd|rd|th) century", lowered)
    if match:
        return DateValue(f"{match.group('n')}{ordinal_suffix(int(match.group('n')))} century", "century")
    match = re.fullmatch(rf"{_PART_PREFIX}?(?P<word>[a-z]+)", lowered)
    if match and match.group("word") in _DECADE_WORDS:
        return DateValue(f"19{_DECADE_WORDS[match.group('word')]}s", "decade")

    # Full dates: "March 19, 2024", "19 March 2024", "2024-03-19", "March 19th, 2024"
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", lowered)
    if match:
        return _day(*map(int, match.groups()))
    match = re.fullmatch(
        rf"(?:[a-z]+day,? )?{_MONTH_RE} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})", lowered
    ) or re.fullmatch(
        rf"(?:[a-z]+day,? )?(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RE},? (?P<year>\d{{4}})",
        lowered,
    )
    if match:
        return _day(int(match.group("year")), MONTHS[match.group("month")], int(match.group("day")))

    # Month and year: "November 2023", "the beginning of November 2023", "February of 2023", "mid-July 2024"
    match = re.fullmatch(rf"{_PART_PREFIX}?{_MONTH_RE},? (?:of )?(?P<year>\d{{4}})", lowered)
    if match:
        return _month_value(int(match.group("year")), MONTHS[match.group("month")])

    # Years: "2015", "mid-2023", "the beginning of 2023", "early 1990", "fiscal 2020", "the year 1986"
    match = re.fullmatch(
        rf"{_PART_PREFIX}?(?:the year |year |fiscal |fy ?)?(?P<year>1[0-9]{{3}}|20[0-9]{{2}})", lowered
    )
    if match:
        return DateValue(match.group("year"), "year")

    if published is None:
        return None

    # Relative years: "last year", "this year", "next year", "the previous year"
    relative_year = {
        "last year": -1,
        "previous year": -1,
        "this year": 0,
        "current year": 0,
        "next year": 1,
        "the following year": 1,
    }
    for phrase, delta in relative_year.items():
        if re.fullmatch(rf"{_PART_PREFIX}?{phrase}", lowered):
            return DateValue(str(published.year + delta), "year")
    if lowered in {"last month", "this month", "next month"}:
        delta = {"last month": -1, "this month": 0, "next month": 1}[lowered]
        year, month = divmod(published.year * 12 + published.month - 1 + delta, 12)
        return _month_value(year, month + 1)

    # Months without a year: "November", "last February", "this July", "mid-July", "February of this year"
    match = re.fullmatch(
        rf"(?P<which>last|this|next|past|earlier this|later this)? ?{_PART_PREFIX}?{_MONTH_RE}(?: (?:of )?(?P<year>this|last|next) year)?",
        lowered,
    )
    if match:
        month = MONTHS[match.group("month")]
        which = match.group("which")
        year_word = match.group("year")
        if year_word:
            year = published.year + {"this": 0, "last": -1, "next": 1}[year_word]
        elif which in {"this", "earlier this", "later this"}:
            year = published.year
        elif which == "next" or (which is None and future):
            year = published.year if month > published.month else published.year + 1
        else:  # "last July" or a bare month in a sentence about the past: its latest occurrence
            year = published.year if month <= published.month else published.year - 1
        return _month_value(year, month)

    # Day and month without a year: "March 16", "16 March"
    match = re.fullmatch(rf"{_MONTH_RE} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?", lowered) or re.fullmatch(
        rf"(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RE}", lowered
    )
    if match:
        month = MONTHS[match.group("month")]
        day = int(match.group("day"))
        year = published.year
        if not future and (month, day) > (published.month, published.day):
            year -= 1
        return _day(year, month, day)

    if lowered in {"today", "yesterday"}:
        return None  # the day itself is rarely what a reader should learn
    if not _WORTH_PARSING.search(lowered):
        # Measured on 120 dev articles (2026-12-05): of 803 phrases left to dateparser, the 18 it read were an ISBN,
        # scores ("2-1 1999"), "Feb. 11-14" as 2014, "last decade" as a day, and 4 real dates, each with a month
        # named and a year written; only such phrases (or "21.03.2006") go to it now.
        return None
    return _dateparser_fallback(raw, published)


def _day(year: int, month: int, day: int) -> DateValue | None:
    try:
        return DateValue(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _years_ago(lowered: str, published: dt.date) -> DateValue | None:
    match = re.fullmatch(
        r"(?:about |some |nearly |almost )?(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) years? ago", lowered
    )
    if not match:
        return None
    words = {
        "a": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    }
    amount = int(match.group(1)) if match.group(1).isdigit() else words[match.group(1)]
    return DateValue(str(published.year - amount), "year")


# dateparser takes milliseconds a call and the same expressions ("that winter") recur through an article.
@functools.lru_cache(maxsize=1024)
def _dateparser_fallback(text: str, published: dt.date) -> DateValue | None:
    """Whatever the rules above did not cover, if dateparser reads it strictly."""
    import dateparser

    settings = {
        "RELATIVE_BASE": dt.datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": True,
        "RETURN_TIME_AS_PERIOD": False,
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; an unreadable date is just skipped
        return None
    if parsed is None:
        return None
    stated = re.findall(r"\b\d{3,4}\b", text)
    if stated and str(parsed.year) not in stated:
        return None  # "six months in 1513" read as six months from the publication date
    return DateValue(parsed.date().isoformat(), "day")
