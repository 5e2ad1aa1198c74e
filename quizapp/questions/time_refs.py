"""Time references in a stem that only the article's date can resolve.

"To which country did X defect last year?" means nothing a year later. A
reference the extracted dates resolve is written out ("last year" -> "in 2023",
"in November" -> "in November 2023"); a weekday or an unresolved "yesterday"
used as an adverbial is dropped ("met Kim on Tuesday" -> "met Kim"); a
reference the sentence depends on ("Friday's meeting", "of last year") makes
the stem unusable (``None``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from quizapp.questions import distractors as dist
from quizapp.questions.templates import close_up_punctuation
from quizapp.vocabulary import MONTH_PATTERN, WEEKDAY_PATTERN

_PERIOD = r"(?:year|month|week|weekend|spring|summer|autumn|fall|winter)"
RELATIVE = re.compile(
    rf"(?P<prep>\b(?:in|during|over|on)\s+)?(?P<the>the\s+)?(?P<phrase>\b(?:(?:last|this|next|past|previous|coming)\s+{_PERIOD}|"
    rf"(?:earlier|later)\s+this\s+{_PERIOD}|yesterday|today|tomorrow|tonight)\b)(?P<poss>['’]s)?",
    re.I,
)
WEEKDAY = re.compile(
    r"(?P<lead>,\s*)?(?P<prep>\b(?:on|last|this|next|early|late)\s+)?(?P<phrase>\b(?:"
    + WEEKDAY_PATTERN
    + r")(?:\s+(?:morning|afternoon|evening|night))?\b)(?P<poss>['’]s)?(?P<trail>\s*,)?"
)
MONTHS = MONTH_PATTERN
#: A month without its year ("in November"): the article's date says which November.
BARE_MONTH = re.compile(rf"\b(?P<prep>in|since|until|by)\s+(?P<phrase>{MONTHS})\b(?!\s*,?\s*\d)")
#: Words after which a time phrase is a noun phrase the sentence needs ("the end of last year").
NEEDED_AFTER = re.compile(r"\b(?:of|since|until|till|from|by|before|after|than)\s*$", re.I)


def _written(value: str) -> tuple[str, str] | None:
    """("in", "2023") / ("in", "November 2023") / ("on", "March 3, 2024") for a normalized date."""
    shown = dist.format_date(value, None)
    gran = dist.date_granularity(value)
    if shown is None or gran is None:
        return None
    return ("on" if gran == "day" else "in"), shown


def resolve_time_refs(text: str, dates: Mapping[str, str]) -> str | None:
    """``text`` with its relative time references resolved or dropped; None when one must stay.

    ``dates`` maps a date phrase as written in the source sentence (casefolded: "last year")
    to its normalized value ("2023").
    """
    failed = False

    def relative(m: re.Match[str]) -> str:
        nonlocal failed
        value = dates.get(m.group("phrase").casefold())
        written = _written(value) if value else None
        needed = bool(NEEDED_AFTER.search(text[: m.start()])) and not m.group("prep")
        if m.group("poss"):
            failed = True  # "last year's election": the phrase is part of a noun phrase
            return m.group(0)
        if m.group("the"):
            # "over the past week", "in the last year": a span up to now, not a date; an adverbial goes whole.
            if m.group("prep") and not NEEDED_AFTER.search(text[: m.start()]):
                return ""
            failed = True
            return m.group(0)
        if written is None:
            if needed:
                failed = True
                return m.group(0)
            return ""
        prep, shown = written
        if needed:
            return shown
        return f"{prep} {shown}"

    def weekday(m: re.Match[str]) -> str:
        nonlocal failed
        value = dates.get(m.group("phrase").casefold())
        if m.group("poss") or (NEEDED_AFTER.search(text[: m.start()]) and not m.group("prep")):
            failed = True  # "Friday's meeting" cannot lose its day
            return m.group(0)
        written = _written(value) if value else None
        if written is not None:
            return f"{m.group('lead') or ' '}{written[0]} {written[1]}{m.group('trail') or ''}"
        # An adverbial set off by commas takes its commas with it.
        return " "

    def month(m: re.Match[str]) -> str:
        value = dates.get(m.group("phrase").casefold())
        if value and dist.date_granularity(value) == "month":
            return f"{m.group('prep')} {dist.format_date(value, None)}"
        return m.group(0)

    out = RELATIVE.sub(relative, text)
    out = WEEKDAY.sub(weekday, out)
    out = BARE_MONTH.sub(month, out)
    if failed:
        return None
    return _tidy(out)


def _tidy(text: str) -> str:
    text = close_up_punctuation(text)
    text = re.sub(r",\s*([?.!])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    return text
