"""Whether a text is English: quizapp's model and checks read English only.

Two signals, both cheap and without a language model: the script (Japanese, Chinese, Russian or Arabic text
has few Latin letters) and, for Latin-script text, the function words ("de", "que", "und" against "the",
"of", "was"), which every sentence of a language is full of whatever its subject.
"""

from __future__ import annotations

import re

from quizapp.vocabulary import ENGLISH_FUNCTION_WORDS, FOREIGN_FUNCTION_WORDS

#: Below this share of Latin letters a text is in another script.
MIN_LATIN_SHARE = 0.5
#: A text needs this many function words of either kind before its language is judged (a headline is too short).
MIN_FUNCTION_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+")


def not_english_reason(text: str) -> str | None:
    """Why ``text`` is not English ("it is written in another script"), or None when it is (or too short
    to tell)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 100:
        return None
    latin = sum(1 for c in letters if c <= "\u024f")  # Basic Latin to Latin Extended-B
    if latin < MIN_LATIN_SHARE * len(letters):
        return "it is written in another script"
    words = [w.casefold() for w in _WORD.findall(text)]
    foreign = sum(w in FOREIGN_FUNCTION_WORDS for w in words)
    english = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    if foreign + english >= MIN_FUNCTION_WORDS and foreign > english:
        return (
            f'most of its common words belong to another language ({foreign} such as "de", "que" or "und", '
            f'against {english} such as "the" or "of")'
        )
    return None
