"""Comparing names: folding case, accents, hyphens and dots; acronyms and initials."""

from __future__ import annotations

import functools
import re
import unicodedata

# Romanization variants folded together (applied to lowercase ASCII).
_ROMANIZATION = [
    ("tch", "j"),
    ("ch", "j"),
    ("sh", "s"),
    ("k", "g"),
    ("t", "d"),
    ("p", "b"),
    ("oo", "u"),
    ("eo", "o"),
    ("ae", "e"),
    ("y", "i"),
    ("l", "r"),
]
_ACRONYM_SKIP = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "&", "in", "on", "at", "to"}


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)  # called tens of thousands of times per article on a few hundred names
def name_key(text: str) -> str:
    """Case-, accent-, hyphen- and dot-insensitive form of a name."""
    folded = ascii_fold(text).casefold().replace("’", "'")
    folded = re.sub(r"['’]s$", "", folded)
    folded = folded.replace(".", "")
    folded = re.sub(r"[-‐–_/]", " ", folded)
    return " ".join(folded.split())


def romanization_key(text: str) -> str:
    key = name_key(text).replace(" ", "").replace("'", "")
    for variant, base in _ROMANIZATION:
        key = key.replace(variant, base)
    return key


def name_words(text: str) -> list[str]:
    """Words of a name, hyphenated parts apart ("diaz", "canel")."""
    return name_key(text).split()


def name_tokens(text: str) -> list[str]:
    """Written words of a name: a hyphenated name stays one word ("diaz-canel")."""
    return [name_key(word).replace(" ", "-") for word in text.split()]


def acronym_of(text: str) -> str | None:
    """'NIS' for 'NIS', 'US' for 'U.S.'; ``None`` if ``text`` is not an acronym."""
    compact = text.replace(".", "").replace(" ", "")
    if 2 <= len(compact) <= 6 and compact.isalpha() and compact.isupper():
        return compact
    return None


@functools.lru_cache(maxsize=65536)  # asked of the same few hundred names for every pair compared
def initials(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", ascii_fold(text)) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()
