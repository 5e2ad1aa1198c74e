"""Storing an imported review history: all reviews in one go, the last state kept, undo still works."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Rating

from quizapp.storage.db import ItemState, ReviewStore
from quizapp.study.scheduling import make_scheduler, new_card

START = datetime(2026, 1, 1, 9, tzinfo=UTC)


def test_record_reviews_stores_every_review_and_ends_in_the_last_state(tmp_path):
    scheduler = make_scheduler(fuzz=False)
    card, rows, previous = new_card(), [], None
    for day, rating in enumerate([Rating.Good, Rating.Good, Rating.Easy]):
        when = START + timedelta(days=day * 5)
        card, _ = scheduler.review_card(card, rating, when)
        state = ItemState.from_card("item-1", "item-1", card, START.timestamp())
        rows.append((state, previous, when, int(rating), 3000, "place"))
        previous = state
    deck = tmp_path / "deck.yaml"
    with ReviewStore.open(tmp_path / "data") as store:
        assert store.record_reviews(deck, rows) == 3
        assert [r.rating for r in store.reviews(deck, "item-1")] == [3, 3, 4]
        assert store.get_state(deck, "item-1") == rows[-1][0]
        assert store.review_totals(deck) == (3, 0, 0)  # the running totals follow
        assert store.study_seconds(deck) == 9.0
        last = store.reviews(deck, "item-1")[-1]
        assert store.undo_review(last.id) == rows[1][0]  # an imported review can be undone like any other
