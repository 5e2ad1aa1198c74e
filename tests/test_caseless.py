"""caseless.search runs a case-insensitive pattern on lower-cased text; they must find what the pattern
finds, read from the original text."""

import itertools
import re

import pytest

from quizapp import caseless
from quizapp.ingest.cleaning import is_boilerplate
from quizapp.questions.filters import BOILERPLATE, CREDIT_LINE, sentence_problem

PATTERNS = [
    re.compile(r"(read more|click here|subscribe)", re.IGNORECASE),
    re.compile(r"\bfollow (?:him|her|\w+) on (?:twitter|x)\b", re.IGNORECASE),
    re.compile(r"(?<!\bor )\b(?:n?either)(?=\s*[,.;!?])", re.IGNORECASE),
    # Letters of its own in upper case: no lower-case twin, searched as it is.
    re.compile(r"\b[A-Z][a-z]+ said\b", re.IGNORECASE),
    re.compile(r"^By\s+\w+", re.IGNORECASE),
    # Named groups and escapes hold upper-case letters that are not literals.
    re.compile(r"(?P<Word>cup)\S*\Z", re.IGNORECASE),
    re.compile(r"read more"),  # case-sensitive: left alone
]
TEXTS = [
    "",
    "Read More about it",
    "please CLICK HERE or Subscribe",
    "Follow Jo on Twitter for more",
    "Not him, NEITHER.",
    "or neither, said Ann",
    "İstanbul: read more",  # "İ" lower-cases to two characters
    "the World Cup",
    "By ANN LEE",
    "read more",
]


@pytest.mark.parametrize(("pattern", "text"), list(itertools.product(PATTERNS, TEXTS)))
def test_caseless_search_agrees_with_the_pattern(pattern: re.Pattern[str], text: str) -> None:
    expected = pattern.search(text)
    found = caseless.search(pattern, text)
    assert (found and (found.span(), found.group(0))) == (expected and (expected.span(), expected.group(0)))


def test_a_match_keeps_the_texts_own_case() -> None:
    found = caseless.search(BOILERPLATE, "Please CLICK HERE now", "please click here now")
    assert found is not None and found.group(0) == "CLICK HERE"


def test_an_upper_case_class_is_not_lost_to_lower_casing() -> None:
    # Searched on lower-cased text without the flag, [A-Z] would match nothing.
    pattern = re.compile(r"\b[A-Z]{2,} said\b", re.IGNORECASE)
    assert caseless.search(pattern, "NASA SAID so") is not None


def test_the_sentence_and_paragraph_checks_still_see_upper_case_furniture() -> None:
    assert sentence_problem("ALL RIGHTS RESERVED by the Daily Ledger and its partners, 2024.") == "boilerplate"
    assert CREDIT_LINE.search("Additional Reporting By Jo Lin in Leeds") is not None
    assert sentence_problem("Additional Reporting By Jo Lin in Leeds and Ann Lee in York.") is not None
    assert is_boilerplate("Follow Us On Twitter")
    assert not is_boilerplate("The council met on Tuesday to discuss the new bridge over the river.")
