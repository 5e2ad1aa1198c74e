"""A cache of validated decks, so that a big deck opens in a fraction of the time it takes to parse.

Reading YAML with positions kept, and validating every card, is the slow part of
opening a deck (seconds for 50,000 cards). A deck that was read and checked once is
kept here as *trusted data*: one entry per deck path, a compact JSON form (each
model a list of its field values in declaration order), keyed by a hash of the
file's exact text and a fingerprint of the code that turns text into a deck. Any
edit of the file, or any change to the deck model or its readers, misses the cache
and the deck is read (and checked) in full again. A hit is not validated again:
the models are rebuilt with their fields as they were stored, which is what makes
it fast (pydantic's own ``model_validate_json`` of the same deck takes several
times longer). The cache is only an optimisation: any problem with it is ignored
and the file is read normally.

Building hundreds of thousands of small objects at once is also where Python's
cyclic garbage collector costs most (it runs again and again over the growing
heap while nothing can be garbage yet): bulk building runs under :func:`paused_gc`.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from quizapp.deck import listing
from quizapp.deck.items import DeckItems, ItemKey, remember_items
from quizapp.deck.model import (
    ClozeCard,
    Deck,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    Source,
    TrueFalseCard,
    TypedCard,
)
from quizapp.paths import data_dir

#: Decks smaller than this parse faster than the cache could help.
MIN_CACHED_CHARS = 200_000
#: Decks with at least this many cards are taken out of the garbage collector's scans once built.
FREEZE_MIN_CARDS = 5_000

#: Card classes by the number stored in front of each card.
_CARD_CLASSES: tuple[type[BaseModel], ...] = (Flashcard, TypedCard, MultipleChoiceCard, TrueFalseCard, ClozeCard)
_CARD_CODE = {cls: code for code, cls in enumerate(_CARD_CLASSES)}
#: Fields holding a nested model (or a date), per model; every other field holds plain JSON data.
_NESTED: dict[type[BaseModel], dict[str, Any]] = {
    **{cls: {"provenance": Provenance} for cls in _CARD_CLASSES},
    Provenance: {"fact": FactRef},
    FactRef: {},
    Source: {"published": dt.date},
}

_object_setattr = object.__setattr__


class _NotStorable(Exception):
    """The deck holds something the compact form does not describe; it is simply not cached."""


# ---------------------------------------------------------------------------
# Pausing the garbage collector

_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a bulk build of many long-lived objects without the cyclic collector.

    Nothing built is garbage yet, so every collection during the build is wasted (and
    a full one walks the whole heap). Pauses nest and may overlap across threads; the
    collector comes back when the last one ends, if it was on before the first.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def keep_built(deck: Deck) -> None:
    """Take a big deck that was just built out of the collector's future scans (``gc.freeze``).

    Call it inside :func:`paused_gc`, right after the build. Its hundreds of thousands
    of objects live as long as the deck and hold no cycles (they are freed by reference
    counting like any other), yet every full collection would walk them all again: a
    tenth of a second each time for 50,000 cards. Freezing moves every object alive at
    that moment, not only the deck's, to the permanent generation, and the few others
    that later become cyclic garbage are then never collected; so only big decks, opened
    a few times a session at most, are frozen.
    """
    if len(deck.cards) >= FREEZE_MIN_CARDS:
        gc.freeze()


# ---------------------------------------------------------------------------
# Keys


def _entry_path(deck_path: Path) -> Path:
    name = hashlib.sha256(str(deck_path.resolve()).encode()).hexdigest()[:24]
    return data_dir() / "cache" / "decks" / f"{name}.json"


def _text_key(text: str) -> str:
    return listing.text_key(text)


# ---------------------------------------------------------------------------
# The compact form: a model is [value of each field in declaration order..., fields-set bit mask]
# (a card has its class number after that). JSON gives strings, numbers, booleans, None and
# lists of them back exactly; nested models and dates are the only other values a deck holds.


@cache
def _field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    return tuple(cls.model_fields)


@cache
def _fields_set_of(cls: type[BaseModel], mask: int) -> frozenset[str]:
    return frozenset(name for bit, name in enumerate(_field_names(cls)) if mask >> bit & 1)


def _encode_model(model: BaseModel) -> list[Any]:
    cls = type(model)
    nested = _NESTED.get(cls)
    if nested is None or model.__pydantic_extra__ or model.__pydantic_private__:
        raise _NotStorable(cls.__name__)
    names = _field_names(cls)
    values = model.__dict__
    out: list[Any] = []
    for name in names:
        value = values[name]
        kind = nested.get(name)
        if value is None:
            pass
        elif kind is dt.date:
            value = value.isoformat()
        elif kind is not None:
            value = _encode_model(value)
        elif not _plain(value):
            raise _NotStorable(f"{cls.__name__}.{name}")
        out.append(value)
    fields_set = model.__pydantic_fields_set__
    out.append(sum(1 << bit for bit, name in enumerate(names) if name in fields_set))
    return out


def _plain(value: Any) -> bool:
    """Whether JSON gives ``value`` back exactly (strings, integers, booleans and lists of them)."""
    if type(value) is list:
        return all(_plain(item) for item in value)
    return type(value) in (str, bool, int)


def _build(cls: type[BaseModel], stored: list[Any]) -> BaseModel:
    """The model exactly as it was stored, without validating it again (the data is trusted)."""
    names = _field_names(cls)
    values = dict(zip(names, stored))
    for name, kind in _NESTED[cls].items():
        value = values[name]
        if value is not None:
            values[name] = dt.date.fromisoformat(value) if kind is dt.date else _build(kind, value)
    model = cls.__new__(cls)
    _object_setattr(model, "__dict__", values)
    _object_setattr(model, "__pydantic_fields_set__", set(_fields_set_of(cls, stored[len(names)])))
    _object_setattr(model, "__pydantic_extra__", None)
    _object_setattr(model, "__pydantic_private__", None)
    return model


def _build_cards(stored: list[list[Any]]) -> tuple[list[BaseModel], list[ItemKey]]:
    """:func:`_build` for every card, unrolled (this loop is most of the time a cached deck takes to
    open), and the deck's study items, as :meth:`Deck.item_keys` gives them, worked out on the way."""
    plans: list[tuple[type[BaseModel], tuple[str, ...], int, dict[Any, Any]]] = [
        (cls, _field_names(cls), len(_field_names(cls)), {}) for cls in _CARD_CLASSES
    ]
    new, setattr_, zip_, dict_, set_ = object.__new__, _object_setattr, zip, dict, set
    cards: list[BaseModel] = []
    keys: list[ItemKey] = []
    append, add_key = cards.append, keys.append
    for entry in stored:
        cls, names, size, fields_sets = plans[entry[-1]]
        values = dict_(zip_(names, entry))
        if values["provenance"] is not None:
            values["provenance"] = _build(Provenance, values["provenance"])
        mask = entry[size]
        fields_set = fields_sets.get(mask)
        if fields_set is None:
            fields_set = fields_sets[mask] = _fields_set_of(cls, mask)
        card = new(cls)
        setattr_(card, "__dict__", values)
        setattr_(card, "__pydantic_fields_set__", set_(fields_set))
        setattr_(card, "__pydantic_extra__", None)
        setattr_(card, "__pydantic_private__", None)
        append(card)
        if cls is ClozeCard:
            keys += [(card, card.item_id(index), index) for index in card.indices()]
        else:
            add_key((card, values["id"] or card.card_id, None))
    return cards, keys


def encode_deck(deck: Deck) -> dict[str, Any]:
    """The compact form of a validated deck; raises _NotStorable for anything it cannot give back."""
    if deck.__pydantic_extra__ or deck.__pydantic_private__:
        raise _NotStorable("Deck")
    if _field_names(Deck) != ("title", "description", "tags", "sources", "cards"):
        raise _NotStorable("Deck fields")
    if (
        type(deck.title) is not str
        or not (deck.description is None or type(deck.description) is str)
        or not _plain(deck.tags)
    ):
        raise _NotStorable("Deck")
    return {
        "fields_set": sorted(deck.__pydantic_fields_set__),
        "title": deck.title,
        "description": deck.description,
        "tags": deck.tags,
        "sources": [_encode_model(source) for source in deck.sources],
        "cards": [[*_encode_model(card), _CARD_CODE[type(card)]] for card in deck.cards],
    }


def decode_deck(stored: dict[str, Any]) -> Deck:
    """The deck :func:`encode_deck` stored, rebuilt as trusted data."""
    with paused_gc():
        values = {
            "title": stored["title"],
            "description": stored["description"],
            "tags": stored["tags"],
            "sources": [_build(Source, entry) for entry in stored["sources"]],
        }
        values["cards"], keys = _build_cards(stored["cards"])
        deck = Deck.__new__(Deck)
        _object_setattr(deck, "__dict__", values)
        _object_setattr(deck, "__pydantic_fields_set__", set(stored["fields_set"]))
        _object_setattr(deck, "__pydantic_extra__", None)
        _object_setattr(deck, "__pydantic_private__", None)
        remember_items(deck, DeckItems(keys, {item_id: index for index, (_card, item_id, _cloze) in enumerate(keys)}))
    return deck


# ---------------------------------------------------------------------------
# Reading and writing entries


def cached_deck(deck_path: Path, text: str) -> Deck | None:
    """The deck validated earlier from exactly this ``text``, or None."""
    if len(text) < MIN_CACHED_CHARS:
        return None
    try:
        raw = _entry_path(deck_path).read_bytes()
        header, _, body = raw.partition(b"\n")
        if header.decode() != _text_key(text):
            return None
        with paused_gc():
            deck = decode_deck(json.loads(body))
            keep_built(deck)
        return deck
    except (OSError, UnicodeDecodeError, ValueError, LookupError, TypeError, AttributeError):
        return None


def remember_deck(deck_path: Path, text: str, deck: Deck) -> None:
    """Store a deck that was just validated from ``text``; failures are ignored."""
    if len(text) < MIN_CACHED_CHARS:
        return
    try:
        body = json.dumps(encode_deck(deck), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        entry = _entry_path(deck_path)
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".deck.", suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_text_key(text).encode() + b"\n" + body)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, _NotStorable):
        pass
