"""Where each study item of a deck is, worked out once per deck object.

A study session, the home screen's summary and the statistics all need to go from
an item id (as the review database stores it) to the card it belongs to and its
place in the deck. For a 50,000-card deck, walking every card (deriving ids that
were not written, finding cloze deletions) costs more than the database queries
themselves, so the walk is done once and kept for as long as the deck object lives.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from quizapp.deck.model import AnyCard, Deck

ItemKey = tuple[AnyCard, str, "int | None"]


@dataclass(frozen=True)
class DeckItems:
    """The study items of a deck in deck order, and each item id's position in that order."""

    keys: list[ItemKey]
    position: dict[str, int] = field(repr=False)

    def __len__(self) -> int:
        return len(self.keys)


# id(deck) -> (weak reference to it, the cards list it was built from, its length, the items).
_by_deck: dict[int, tuple[weakref.ref[Deck], list[AnyCard], int, DeckItems]] = {}


def deck_items(deck: Deck) -> DeckItems:
    """The deck's study items; computed again only for another deck object or a changed card list."""
    key = id(deck)
    entry = _by_deck.get(key)
    cards = deck.cards
    if entry is not None and entry[0]() is deck and entry[1] is cards and entry[2] == len(cards):
        return entry[3]
    keys = list(deck.item_keys())
    items = DeckItems(keys, {item_id: index for index, (_card, item_id, _cloze) in enumerate(keys)})
    remember_items(deck, items)
    return items


def remember_items(deck: Deck, items: DeckItems) -> None:
    """Record the items of a deck that were worked out while building it (the deck cache does)."""
    key = id(deck)
    cards = deck.cards

    def forget(ref: weakref.ref[Deck], key: int = key) -> None:
        current = _by_deck.get(key)
        if current is not None and current[0] is ref:
            del _by_deck[key]

    _by_deck[key] = (weakref.ref(deck, forget), cards, len(cards), items)
