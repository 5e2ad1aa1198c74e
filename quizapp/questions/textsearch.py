"""Whole-word search for words known only at run time (names, aliases), with the patterns kept.

``re`` keeps only a few hundred compiled patterns; an article's names and aliases, each searched
for in many sentences, overflow it and are compiled again and again. Here each is compiled once.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def word_pattern(word: str, hyphen_is_letter: bool = False) -> re.Pattern[str]:
    """``word`` as a whole word: between ``\\b`` boundaries, or (``hyphen_is_letter``) not touching a letter,
    digit or hyphen, so "East" is not found in "North-East"."""
    if hyphen_is_letter:
        return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return re.compile(rf"\b{re.escape(word)}\b")


def has_word(text: str, word: str, hyphen_is_letter: bool = False) -> bool:
    return word_pattern(word, hyphen_is_letter).search(text) is not None
