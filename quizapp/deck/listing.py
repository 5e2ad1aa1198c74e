"""What the home screen lists of a deck file, kept so that the list fills without reading decks.

Listing decks is the first thing the app does. Reading even a small deck means
importing the deck model (pydantic builds its validators on import), which costs
more than everything else the home screen does. So the title, the card count and
the study item ids of every deck that was read are kept here, one small file per
deck path, keyed (like :mod:`quizapp.deck.cache`) by a hash of the file's exact
text and of the code that reads decks; any edit of the file, or any change to that
code, misses and the deck is read in full again. This module imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from quizapp.paths import data_dir

#: Bumped whenever the stored form of a deck (here or in the deck cache) changes.
CACHE_FORMAT = 3
#: The modules whose code decides what a deck file means: any change to them is a new fingerprint.
READER_MODULES = ("model.py", "concise.py", "safe_yaml.py", "yaml_io.py", "cache.py", "listing.py")
#: Files larger than this are not decks (the reader refuses them), so they are never listed from here.
MAX_LISTED_BYTES = 10 * 1024 * 1024


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the deck model and reader code, the cache format and pydantic's version.

    pydantic's version is read from its file, not imported: importing it is what this avoids.
    """
    digest = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    here = Path(__file__).resolve().parent
    for name in READER_MODULES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    for package in ("pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            version = Path(folder) / "version.py"
            if version.is_file():
                digest.update(package.encode() + b"\0" + version.read_bytes())
            else:
                digest.update(package.encode() + b"\0" + str(sorted(p.name for p in Path(folder).iterdir())).encode())
    return digest.hexdigest()[:16]


def text_key(text: str) -> str:
    """The key of a deck's text: the code fingerprint and a hash of the text."""
    return f"{code_fingerprint()}:{hashlib.sha256(text.encode('utf-8')).hexdigest()}"


@dataclass(frozen=True)
class DeckListing:
    """A deck file as the home screen lists it."""

    title: str
    cards: int
    item_ids: list[str]
    item_counts: dict[str, int]  # study items per card type, as Deck.study_item_counts()


def _entry_path(deck_path: Path) -> Path:
    name = hashlib.sha256(str(Path(deck_path).resolve()).encode()).hexdigest()[:24]
    return data_dir() / "cache" / "listings" / f"{name}.json"


def read_deck_text(deck_path: Path) -> str | None:
    """The file's text as :func:`quizapp.deck.yaml_io.read_text` reads it, or None for anything unusual."""
    try:
        with open(deck_path, "rb") as handle:
            data = handle.read(MAX_LISTED_BYTES + 1)
        if len(data) > MAX_LISTED_BYTES:
            return None
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def read_listing(deck_path: Path) -> DeckListing | None:
    """The listing of the deck as it is now on disk, if it was read before; None otherwise."""
    text = read_deck_text(deck_path)
    if text is None:
        return None
    try:
        header, _, body = _entry_path(deck_path).read_bytes().partition(b"\n")
        if header.decode() != text_key(text):
            return None
        stored = json.loads(body)
        return DeckListing(stored["title"], stored["cards"], stored["item_ids"], stored["item_counts"])
    except (OSError, UnicodeDecodeError, ValueError, LookupError, TypeError):
        return None


def remember_listing(deck_path: Path, text: str, listing: DeckListing) -> None:
    """Keep the listing of a deck read from ``text``, unless the file has changed since; failures are ignored."""
    if read_deck_text(deck_path) != text:
        return  # edited meanwhile: the listing would be of another version
    try:
        entry = _entry_path(deck_path)
        entry.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(
            {
                "title": listing.title,
                "cards": listing.cards,
                "item_ids": listing.item_ids,
                "item_counts": listing.item_counts,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".listing.", suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text_key(text).encode() + b"\n" + body)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
