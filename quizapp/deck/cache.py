"""A cache of validated decks, so that a big deck opens in a fraction of the time it takes to parse.

Reading YAML with positions kept is the slow part of opening a deck (about 2 s for
50,000 cards); re-validating the same deck from JSON takes pydantic-core a tenth of
that. The cache holds one entry per deck path, keyed by a hash of the file's exact
text and of the deck schema, so any edit, or a new version of the model, misses the
cache and the deck is read (and checked) in full again. The cache is only an
optimisation: any problem with it is ignored and the file is read normally.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from quizapp.deck.model import Deck
from quizapp.paths import data_dir

#: Decks smaller than this parse faster than the cache could help.
MIN_CACHED_CHARS = 200_000


@lru_cache(maxsize=1)
def _schema_fingerprint() -> str:
    schema = json.dumps(Deck.model_json_schema(), sort_keys=True)
    return hashlib.sha256(schema.encode()).hexdigest()[:16]


def _entry_path(deck_path: Path) -> Path:
    name = hashlib.sha256(str(deck_path.resolve()).encode()).hexdigest()[:24]
    return data_dir() / "cache" / "decks" / f"{name}.json"


def _text_key(text: str) -> str:
    return f"{_schema_fingerprint()}:{hashlib.sha256(text.encode('utf-8')).hexdigest()}"


def cached_deck(deck_path: Path, text: str) -> Deck | None:
    """The deck validated earlier from exactly this ``text``, or None."""
    if len(text) < MIN_CACHED_CHARS:
        return None
    try:
        raw = _entry_path(deck_path).read_bytes()
        header, _, body = raw.partition(b"\n")
        if header.decode() != _text_key(text):
            return None
        return Deck.model_validate_json(body)
    except (OSError, UnicodeDecodeError, ValidationError, ValueError):
        return None


def remember_deck(deck_path: Path, text: str, deck: Deck) -> None:
    """Store a deck that was just validated from ``text``; failures are ignored."""
    if len(text) < MIN_CACHED_CHARS:
        return
    try:
        entry = _entry_path(deck_path)
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".deck.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_text_key(text).encode() + b"\n" + deck.model_dump_json().encode())
        os.replace(tmp, entry)
    except OSError:
        pass
