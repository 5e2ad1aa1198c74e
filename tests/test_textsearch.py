"""has_word finds whole words by hand; it must agree with the regular expressions it stands for."""

import itertools
import re

import pytest

from quizapp.questions.textsearch import has_word

TEXTS = [
    "",
    "East",
    "North-East of Paris",
    "the East, and more",
    "Eastern wind",
    "_East_",
    "a-b a_b ab",
    "O'Neill and O’Neill (born 1950) were—there",
    "café Zürich 2014-10 ٣ years",
    "Congress\n\ncongress",
    "(ab) -ab- .ab.",
]
WORDS = ["", "East", "east", "ab", "-ab", "ab-", "(ab)", "a", "2014-10", "Zürich", "café", "’", "congress", ".", "٣"]


def _regex_answer(text: str, word: str, hyphen_is_letter: bool) -> bool:
    if hyphen_is_letter:
        return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


@pytest.mark.parametrize("hyphen_is_letter", [False, True])
def test_has_word_agrees_with_the_regular_expressions(hyphen_is_letter: bool) -> None:
    for text, word in itertools.product(TEXTS, WORDS):
        assert has_word(text, word, hyphen_is_letter) == _regex_answer(text, word, hyphen_is_letter), (text, word)


def test_a_hyphen_is_a_letter_only_when_asked() -> None:
    assert has_word("North-East of Paris", "East")
    assert not has_word("North-East of Paris", "East", hyphen_is_letter=True)
    assert has_word("the East, and more", "East", hyphen_is_letter=True)
    assert not has_word("Eastern wind", "East")
