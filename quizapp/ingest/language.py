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
#: Characters after Latin Extended-B: other scripts (and symbols, which are no letters).
_BEYOND_LATIN = re.compile("[\u0250-\U0010ffff]+")


def not_english_reason(text: str) -> str | None:
    """Why ``text`` is not English ("it is written in another script"), or None when it is (or too short
    to tell)."""
    letters = sum(map(str.isalpha, text))  # counted in C: the text may be long
    if letters < 100:
        return None
    latin = letters - sum(map(str.isalpha, "".join(_BEYOND_LATIN.findall(text))))
    if latin < MIN_LATIN_SHARE * letters:
        return "it is written in another script"
    words = _WORD.findall(text.casefold())
    foreign = sum(map(FOREIGN_FUNCTION_WORDS.__contains__, words))
    english = sum(map(ENGLISH_FUNCTION_WORDS.__contains__, words))
    if foreign + english >= MIN_FUNCTION_WORDS and foreign > english:
        return (
            f'most of its common words belong to another language ({foreign} such as "de", "que" or "und", '
            f'against {english} such as "the" or "of")'
        )
    return None
