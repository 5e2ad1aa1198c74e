"""A deck's numbers for the home screen, from its listing: no deck model, no settings model.

:func:`quizapp.study.session.deck_summary` gives the same numbers (and more) from a
read deck; this works from a :class:`~quizapp.deck.listing.DeckListing`, so that the
home screen's list fills without importing pydantic (see :mod:`quizapp.deck.listing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from quizapp.deck.listing import DeckListing
from quizapp.storage.db import ReviewStore, timestamp

#: The default learn-ahead window (minutes); quizapp.study.scheduling.Settings uses it too.
LEARN_AHEAD_MINUTES = 20.0

#: fsrs's State.Review, as stored: written out so that the home screen's first frame needs no fsrs
#: (a test checks it against fsrs).
REVIEW_STATE = 2


def is_due(scheduled: tuple[float, int], cutoff: float, horizon: float) -> bool:
    """Whether an item with (due, fsrs state) is studied now.

    Learning and relearning items due before ``horizon`` (the learn-ahead window) are
    shown now rather than left waiting minutes, as Anki does; review items wait until due.
    """
    due, state = scheduled
    return due <= cutoff or (state != REVIEW_STATE and due <= horizon)


@dataclass(frozen=True)
class DeckOverview:
    """What the home screen shows of a deck (the fields of DeckSummary it uses, with the same meaning)."""

    cards: int
    items: int
    due: int
    new: int
    last_score: float | None
    mastery: float


def deck_overview(
    listing: DeckListing, deck_path: Path | str, store: ReviewStore, now: datetime, learn_ahead_minutes: float
) -> DeckOverview:
    """The deck's due, new and mastery counts and last quiz score, counted as deck_summary counts them."""
    in_deck = set(listing.item_ids)
    cutoff, horizon = timestamp(now), timestamp(now + timedelta(minutes=learn_ahead_minutes))
    scheduled = due = known = 0
    for item_id, due_at, state in store.schedule_rows(deck_path):
        if item_id not in in_deck:
            continue  # states of items no longer in the deck are kept, not counted
        scheduled += 1
        if is_due((due_at, state), cutoff, horizon):
            due += 1
        elif state == REVIEW_STATE:
            known += 1
    items = len(in_deck)
    last = store.last_quiz(deck_path)
    return DeckOverview(
        cards=listing.cards,
        items=items,
        due=due,
        new=items - scheduled,
        last_score=(last.score / last.total) if last and last.total else None,
        mastery=(known / items) if items else 0.0,
    )
