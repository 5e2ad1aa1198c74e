"""The publication date of an article: from a dateline ("Havana, 1 August 2024 —") or metadata."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_IN_DATELINE = rf"(?:\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
# "PLACE, DATE —" or "Outlet, Place, DATE —" at the very start of a paragraph; the dash ends it.
_DATELINE = re.compile(
    rf"^(?P<line>(?P<prefix>[^\n.!?“\"]{{0,80}}?,\s*)?(?P<date>{_DATE_IN_DATELINE})(?:\s*\([^)]{{1,40}}\))?)\s*(?:—|–|--|-)\s+"
)
# "December 27, 2004 Over the past week, ...": a full date standing alone before the first sentence, no dash.
_BARE_DATELINE = re.compile(rf"^(?P<line>(?P<date>{_DATE_IN_DATELINE}))\s+(?=[A-Z][a-z])")
# A logo's alt text glued to the outlet's name, e.g. "Outlet biggerOutlet": keep the name once.
_GLUED_LOGO = re.compile(r"(\b\S{3,}) [a-z]+\1\b")


# "NAIROBI, Kenya (AP) —": a capitalized place, optional region and agency, then a dash; no date.
_PLACE_DATELINE = re.compile(
    r"^(?P<line>[A-Z][A-Z.'’ -]{2,40}(?:, [A-Z][\w.'’ -]{1,40})?(?: \([^)]{1,40}\))?)\s*(?:—|–|--)\s+"
)


# "Goma - International concern was growing ...": the same in title case, one to three words with a spaced dash,
# before a capital that starts the news.
_TITLE_PLACE_DATELINE = re.compile(
    r"^(?P<line>[A-Z][a-z][\w.'’-]*(?: [A-Z][a-z][\w.'’-]*){0,2}(?:, [A-Z][\w.'’ -]{1,40})?(?: \([^)]{1,40}\))?)"
    r" (?:—|–|--?) (?=[A-Z])"
)


@dataclass
class Dateline:
    line: str  # the dateline itself, tidied: "Outlet, Havana, 1 August 2024"
    date: dt.date | None
    rest: str  # the paragraph after the dateline


def split_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, if it has one with a date."""
    match = _DATELINE.match(paragraph) or _BARE_DATELINE.match(paragraph)
    if not match:
        place = _PLACE_DATELINE.match(paragraph) or _TITLE_PLACE_DATELINE.match(paragraph)
        if place is None:
            return None
        return Dateline(line=place.group("line").strip(" ,"), date=None, rest=paragraph[place.end() :])
    line = _GLUED_LOGO.sub(r"\1", match.group("line")).strip(" ,")
    return Dateline(line=line, date=parse_dateline_date(match.group("date")), rest=paragraph[match.end() :])


def parse_dateline_date(text: str) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None
