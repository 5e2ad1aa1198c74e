"""Anki's review log as quizapp history: every review stored, the schedule derived by fsrs.

Each Anki card's reviews are replayed, oldest first, through quizapp's fsrs scheduler
(without fuzz, so the same log always gives the same state): stability and difficulty
come out as if the reviews had been made in quizapp. The next due date is then Anki's
own, so a card due tomorrow in Anki is due tomorrow here. Manual reschedules carry no
rating and are not reviews; "forget" (reset to new) starts the replay afresh.
Items that already have history in quizapp keep it: nothing the learner did here is replaced.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from quizapp.interop.anki_collection import AnkiCard, RevlogEntry
from quizapp.interop.anki_import import AnkiImport
from quizapp.interop.report import TransferReport
from quizapp.storage.db import ItemState, ReviewStore
from quizapp.study.scheduling import load_settings, make_scheduler, new_card, utc

#: revlog types that are reviews with a rating (learn, review, relearn, filtered deck).
_RATED_TYPES = {0, 1, 2, 3}
_MANUAL = 4


def _anki_due(card: AnkiCard, created: int) -> datetime | None:
    """When Anki would show the card next, or None when it is new, suspended or buried."""
    if card.queue == 1 and card.due > 0:  # learning: due is a Unix time
        return datetime.fromtimestamp(card.due, UTC)
    if card.queue in (2, 3):  # review / day learning: due counts days from the collection's day 0
        return datetime.fromtimestamp(created, UTC) + timedelta(days=card.due)
    return None


def import_review_history(
    imported: AnkiImport, deck_path: Path, data_dir: Path | str | None, now: datetime | None = None
) -> TransferReport:
    report = TransferReport()
    now = utc(now)
    collection = imported.collection
    scheduler = make_scheduler(load_settings(data_dir), fuzz=False)
    by_card: dict[int, list[RevlogEntry]] = defaultdict(list)
    for entry in collection.revlog:
        by_card[entry.card_id].append(entry)
    anki_cards = {c.id: c for note in collection.notes for c in note.cards}
    cards_by_item = {item_id: card for card, item_id, _ in imported.deck.item_keys()}
    with ReviewStore.open(data_dir) as store:
        store.touch_deck(deck_path, imported.deck.title, now)
        existing = store.load_states(deck_path)
        batch: list[tuple[ItemState, ItemState | None, datetime, int, int | None, str]] = []
        for anki_id, item_id in imported.item_of_card.items():
            entries = sorted(by_card.get(anki_id, []), key=lambda e: e.id)
            if not entries:
                continue
            if item_id in existing:
                report.skip(f"{item_id}: already has history in quizapp, which is kept; its Anki reviews are not added")
                continue
            quiz_card = cards_by_item[item_id]
            replayed: list[tuple[RevlogEntry, ItemState]] = []
            fsrs_card, introduced = new_card(), None
            for entry in entries:
                when = datetime.fromtimestamp(entry.id / 1000, UTC)
                if entry.type == _MANUAL and entry.ease == 0 and entry.interval == 0:
                    fsrs_card = new_card()  # "forget": Anki made the card new again
                    report.count("resets to new")
                    continue
                if entry.type not in _RATED_TYPES or not 1 <= entry.ease <= 4:
                    report.count("manual reschedules (not reviews)")
                    continue
                fsrs_card, _ = scheduler.review_card(fsrs_card, Rating(entry.ease), when)
                introduced = introduced if introduced is not None else when.timestamp()
                replayed.append((entry, ItemState.from_card(item_id, quiz_card.card_id, fsrs_card, introduced)))
            if not replayed:
                continue
            due = _anki_due(anki_cards[anki_id], collection.created)
            if due is not None:
                fsrs_card.due = due
                last_entry, last = replayed[-1]
                replayed[-1] = (
                    last_entry,
                    ItemState.from_card(item_id, quiz_card.card_id, fsrs_card, last.introduced_at),
                )
            previous = None
            for entry, state in replayed:
                batch.append(
                    (
                        state,
                        previous,
                        datetime.fromtimestamp(entry.id / 1000, UTC),
                        entry.ease,
                        entry.time_ms or None,
                        quiz_card.fact_kind,
                    )
                )
                previous = state
            report.count("reviews", len(replayed))
            report.count("items scheduled")
        store.record_reviews(deck_path, batch)  # all or nothing: a crash leaves no half-imported history
        suspended = [item for anki_id, item in imported.item_of_card.items() if anki_cards[anki_id].queue == -1]
        if suspended:
            store.suspend(deck_path, suspended, now)
            report.count("suspended, as in Anki", len(suspended))
    unmatched = sum(1 for cid in by_card if cid not in imported.item_of_card)
    if unmatched:
        report.skip(f"the reviews of {unmatched} Anki card(s) that were not imported")
    return report
