"""Case-insensitive regular expressions, searched on lower-cased text.

Python's ``re`` cannot skip ahead to a case-insensitive literal: a pattern such as
``(read more|click here|subscribe|...)`` compiled with ``IGNORECASE`` tries every alternative at every
position of the text. The same pattern without the flag, run over the lower-cased text, finds the same
places three to six times faster, and the sentence checks run a score of such patterns over every sentence
of an article. Only a pattern whose own letters are all lower case has such a twin (``[A-Z]`` would match
nothing in lower-cased text); the others are searched as they are. A match is always read from the original
text, so what a caller quotes keeps its case.
"""

from __future__ import annotations

import functools
import re

#: An escape (``\\b``, ``\\S``, ``\\A``) or a named group's name: upper-case letters that are not literals.
_NOT_LITERAL = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")


@functools.cache
def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` without IGNORECASE, for lower-cased text; None when it has no such twin."""
    if not pattern.flags & re.IGNORECASE or re.search(r"[A-Z]|\(\?[a-z]*i", _NOT_LITERAL.sub("", pattern.pattern)):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def search(pattern: re.Pattern[str], text: str, lowered: str | None = None) -> re.Match[str] | None:
    """``pattern.search(text)`` for a case-insensitive pattern; ``lowered`` is ``text.lower()`` when the caller
    has it already (several patterns searched in one text)."""
    twin = _twin(pattern)
    if twin is None:
        return pattern.search(text)
    if lowered is None:
        lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): offsets would not line up
        return pattern.search(text)
    found = twin.search(lowered)
    # The first match is at the same place in the original text: read it from there.
    return pattern.search(text, found.start()) if found is not None else None
