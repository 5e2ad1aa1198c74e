"""Whole-word search for words known only at run time (names, aliases).

Each name is searched for in a few sentences and once in the whole article; a regular expression per name
would be compiled thousands of times over a deck (``re`` keeps only a few hundred), which cost more than the
searches. So the word is found with ``str.find`` and its edges checked by hand, with the same meaning as the
regular expressions ``\\bword\\b`` and ``(?<![\\w-])word(?![\\w-])``.
"""

from __future__ import annotations

import re


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches in a ``str`` pattern: a Unicode letter or digit, or the underscore."""
    return char.isalnum() or char == "_"


def has_word(text: str, word: str, hyphen_is_letter: bool = False) -> bool:
    """Whether ``word`` stands in ``text`` as a whole word: between ``\\b`` boundaries, or (``hyphen_is_letter``)
    not touching a letter, digit or hyphen, so "East" is not found in "North-East"."""
    if not word:  # an empty word matches at boundaries, not at occurrences: leave that to the regex
        pattern = r"(?<![\w-])(?![\w-])" if hyphen_is_letter else r"\b\b"
        return re.search(pattern, text) is not None
    first_is_word, last_is_word = _is_word_char(word[0]), _is_word_char(word[-1])
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if hyphen_is_letter:
            fits = not (before and (_is_word_char(before) or before == "-")) and not (
                after and (_is_word_char(after) or after == "-")
            )
        else:
            # \b holds where a word character meets a non-word one (the text's ends count as non-word).
            fits = (bool(before) and _is_word_char(before)) != first_is_word and (
                bool(after) and _is_word_char(after)
            ) != last_is_word
        if fits:
            return True
        start = text.find(word, start + 1)
    return False
