"""Date normalization against the publication date, keeping the text's granularity."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.facts.dates import is_duration, normalize_date

JULY_2024 = dt.date(2024, 7, 16)
AUGUST_2024 = dt.date(2024, 8, 1)

# (expression, publication date, expected ISO value or None, expected granularity)
TABLE = [
    ("March 19, 2024", JULY_2024, "2024-03-19", "day"),
    ("19 March 2024", JULY_2024, "2024-03-19", "day"),
    ("March 19th, 2024", JULY_2024, "2024-03-19", "day"),
    ("2024-03-19", JULY_2024, "2024-03-19", "day"),
    ("Tuesday, March 19, 2024", JULY_2024, "2024-03-19", "day"),
    ("March 16", JULY_2024, "2024-03-16", "day"),
    ("December 3", JULY_2024, "2023-12-03", "day"),
    ("last year", JULY_2024, "2023", "year"),
    ("this year", JULY_2024, "2024", "year"),
    ("next year", JULY_2024, "2025", "year"),
    ("in November", JULY_2024, "2023-11", "month"),
    ("November", JULY_2024, "2023-11", "month"),
    ("In February", JULY_2024, "2024-02", "month"),
    ("this July", AUGUST_2024, "2024-07", "month"),
    ("last February", AUGUST_2024, "2024-02", "month"),
    ("last June", AUGUST_2024, "2024-06", "month"),
    ("next March", AUGUST_2024, "2025-03", "month"),
    ("mid-July", AUGUST_2024, "2024-07", "month"),
    ("February of this year", AUGUST_2024, "2024-02", "month"),
    ("the beginning of November 2023", AUGUST_2024, "2023-11", "month"),
    ("November 2023", AUGUST_2024, "2023-11", "month"),
    ("last month", AUGUST_2024, "2024-07", "month"),
    ("mid-2023", AUGUST_2024, "2023", "year"),
    ("the beginning of 2023", AUGUST_2024, "2023", "year"),
    ("early 1990", AUGUST_2024, "1990", "year"),
    ("1986", AUGUST_2024, "1986", "year"),
    ("in 1959", AUGUST_2024, "1959", "year"),
    ("two years ago", AUGUST_2024, "2022", "year"),
    ("the 70s", AUGUST_2024, "1970s", "decade"),
    ("80s", AUGUST_2024, "1980s", "decade"),
    ("the '60s", AUGUST_2024, "1960s", "decade"),
    ("the 1990s", AUGUST_2024, "1990s", "decade"),
    ("the seventies", AUGUST_2024, "1970s", "decade"),
    ("the 70s and", AUGUST_2024, "1970s", "decade"),
    ("the 2015 season", AUGUST_2024, "2015", "year"),
    ("the early 20th century", AUGUST_2024, "20th century", "century"),
    # Not quiz-worthy dates: weekdays, vague or event-relative spans, durations.
    ("Tuesday", JULY_2024, None, None),
    ("on Sunday", JULY_2024, None, None),
    ("that day", JULY_2024, None, None),
    ("recent weeks", JULY_2024, None, None),
    ("just three months later", JULY_2024, None, None),
    ("three days", JULY_2024, None, None),
    ("the past five years", JULY_2024, None, None),
    ("nearly six decades", JULY_2024, None, None),
    ("six months in 1513", JULY_2024, None, None),  # dateparser counted six months on from July 2024
    # What dateparser alone made of phrases no rule reads: a range of days as its year, an ISBN, a score.
    ("Feb. 11-14", JULY_2024, None, None),
    ("9781404207196", JULY_2024, None, None),
    ("2-1 1999", JULY_2024, None, None),
    ("last decade", JULY_2024, None, None),
    # ... and what it reads well: a month named, a year written.
    ("17-18 March 1886", JULY_2024, "1886-03-17", "day"),
    ("21.03.2006", JULY_2024, "2006-03-21", "day"),
]


@pytest.mark.parametrize(("text", "published", "value", "granularity"), TABLE, ids=[row[0] for row in TABLE])
def test_date_expressions(text, published, value, granularity):
    result = normalize_date(text, published)
    if value is None:
        assert result is None
    else:
        assert result is not None, text
        assert (result.value, result.granularity) == (value, granularity)


def test_table_has_at_least_thirty_resolved_expressions():
    assert sum(1 for row in TABLE if row[2] is not None) >= 30


def test_bare_month_in_a_sentence_about_the_future_is_the_next_one():
    assert normalize_date("November", JULY_2024, future=True).value == "2024-11"
    assert normalize_date("March", JULY_2024, future=True).value == "2025-03"


def test_relative_dates_need_a_publication_date():
    assert normalize_date("last year", None) is None
    assert normalize_date("in November", None) is None
    assert normalize_date("March 19, 2024", None).value == "2024-03-19"


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("three days", True),
        ("the past five years", True),
        ("nearly six decades", True),
        ("75-minute", True),
        ("52-year-old", True),
        ("six hours", True),
        ("for 20 years", True),
        ("last year", False),
        ("March 2024", False),
        ("the 70s", False),
    ],
)
def test_durations_are_not_dates(text, duration):
    assert is_duration(text) is duration
