"""Study at scale: a 50,000-card deck and a database with 1,000,000 reviews.

Usage: python benchmarks/study_scale.py [--cards 50000] [--reviews 1000000] [--answers 200]

Measures, in a temporary folder:

* opening a 50,000-card deck file (YAML → validated Deck) and computing its due
  list (a StudySession: one query for all item states, then the queue), with a
  history where a third of the items are due, a third scheduled later and a
  third new — targets: under 1 s for open + due list;
* answering one card end to end (grade the typed answer against the deck's
  answers, fsrs, store the review and the new state in one committed
  transaction) with 1,000,000 reviews already stored — target: under 50 ms;
* the summary and stats (home screen / ``quizapp stats``) for that deck.

Prints a table of timings (median and worst of several runs).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quizapp.deck.discovery import DeckEntry  # noqa: E402
from quizapp.deck.model import Deck, TypedCard  # noqa: E402
from quizapp.deck.yaml_io import load_deck, save_deck  # noqa: E402
from quizapp.storage.db import ItemState, ReviewStore, deck_key  # noqa: E402
from quizapp.study.grading import grade_item  # noqa: E402
from quizapp.study.scheduling import Settings, make_scheduler, new_card  # noqa: E402
from quizapp.study.session import StudySession, deck_summary  # noqa: E402
from quizapp.study.stats import collect_stats  # noqa: E402

NOW = datetime.now(timezone.utc)
WORDS = "amber basalt cedar delta ember fjord garnet harbor iris juniper kestrel lagoon meadow nectar onyx".split()


def make_deck(n: int) -> Deck:
    rng = random.Random(1)
    cards = []
    for i in range(n):
        answer = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}"
        cards.append(TypedCard(id=f"c{i}", question=f"What is the name of specimen number {i}?", answer=answer))
    return Deck(title=f"Scale test ({n} cards)", cards=cards)


def fill_history(store: ReviewStore, deck: Deck, deck_path: Path, reviews: int) -> None:
    """A third of the items due, a third scheduled later, a third new; ``reviews`` reviews in all."""
    key = deck_key(deck_path)
    scheduler = make_scheduler(Settings())
    reviewed, _ = scheduler.review_card(new_card(), 3, NOW - timedelta(days=30))
    template = reviewed.to_json()
    items = deck.study_items()
    studied = items[: 2 * len(items) // 3]
    states = []
    for i, item in enumerate(studied):
        due = NOW - timedelta(hours=i % 500) if i % 2 == 0 else NOW + timedelta(days=1 + i % 60)
        states.append((key, item.item_id, item.card_id, template, due.timestamp(), 2, (NOW - timedelta(days=60)).timestamp()))
    rows = []
    start = (NOW - timedelta(days=365)).timestamp()
    for r in range(reviews):
        item = studied[r % len(studied)]
        rows.append((key, item.item_id, item.card_id, start + r * 30.0, 3, "x", r % 5 != 0, 4000, None, "other"))
    connection = store.connection
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO item_state VALUES (?, ?, ?, ?, ?, ?, ?)", states)
    connection.executemany(
        "INSERT INTO reviews (deck_path, item_id, card_id, reviewed_at, rating, answer, correct, duration_ms,"
        " previous_state, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.execute("COMMIT")


def timed(fn, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=50_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rows: list[tuple[str, list[float], str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["QUIZAPP_DATA_DIR"] = str(folder / "data")  # the deck cache lives there, not in the user's folder
        deck_path = folder / "scale.yaml"
        t0 = time.perf_counter()
        save_deck(make_deck(args.cards), deck_path)
        print(f"wrote {args.cards} cards ({deck_path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")

        with ReviewStore.open(folder / "data") as store:
            t0 = time.perf_counter()
            deck = load_deck(deck_path)  # also fills the validated-deck cache
            fill_history(store, deck, deck_path, args.reviews)
            print(f"stored {args.reviews} reviews in {time.perf_counter() - t0:.1f} s "
                  f"(database {store.path.stat().st_size / 1e6:.0f} MB)")

            settings = Settings()
            cold_times, _ = timed(lambda: load_deck(deck_path, use_cache=False), 1)
            rows.append(("open deck file, first time (YAML → Deck)", cold_times, "parsed and checked in full"))
            load_times, deck = timed(lambda: load_deck(deck_path), args.repeat)
            rows.append(("open deck file (unchanged since last read)", load_times, "validated-deck cache"))
            queue_times, session = timed(lambda: StudySession(deck, deck_path, store, settings), args.repeat)
            rows.append(("due list (StudySession)", queue_times, f"{session.total} items queued"))
            total = [a + b for a, b in zip(load_times, queue_times)]
            rows.append(("open + due list", total, "target < 1 s"))

            # Answer typed items end to end: grade (against 50,000 other answers), fsrs, store.
            answer_times = []
            verdicts: dict[str, int] = {}
            for n in range(args.answers):
                item = session.current
                if item is None:
                    break
                answer = item.card.answer
                # A third typo'd (searched against every other answer of the deck), a third right, a third wrong.
                typed = (answer[:2] + answer[1:], answer, "no idea")[n % 3]
                start = time.perf_counter()
                grade = grade_item(item, typed, deck)
                session.answer(grade.suggested_rating, response=typed, correct=grade.correct, duration_ms=3000)
                answer_times.append(time.perf_counter() - start)
                verdicts[grade.reason] = verdicts.get(grade.reason, 0) + 1
            rows.append(("answer a card (grade + fsrs + store)", answer_times, f"{len(answer_times)} answers {verdicts}; target < 50 ms"))

            undo_times, _ = timed(session.undo, min(20, len(answer_times)))
            rows.append(("undo an answer", undo_times, ""))
            summary_times, summary = timed(lambda: deck_summary(deck, deck_path, store), args.repeat)
            rows.append(("deck summary (home screen)", summary_times, f"{summary.due} due, {summary.reviews} reviews"))
            activity_times, _ = timed(lambda: store.daily_activity(deck_path), args.repeat)
            rows.append(("review history by day and kind", activity_times, "stats screen charts, from trigger-kept buckets"))
            entry = DeckEntry(deck_path, deck.title, len(deck.cards), len(deck.study_items()), "given")
            stats_times, _ = timed(lambda: collect_stats(store, [entry]), 1)
            rows.append(("stats for the deck (quizapp stats)", stats_times, "includes reading the deck"))

    width = max(len(name) for name, _, _ in rows)
    print()
    print(f"{'operation':<{width}}  {'median':>10}  {'worst':>10}  note")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 10}  ----")
    for name, times, note in rows:
        print(f"{name:<{width}}  {_ms(statistics.median(times)):>10}  {_ms(max(times)):>10}  {note}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
