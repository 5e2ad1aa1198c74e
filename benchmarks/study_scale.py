"""Study at scale: a 50,000-card deck and a database with 1,000,000 reviews.

Usage: python benchmarks/study_scale.py [--cards 50000] [--reviews 1000000] [--answers 200]

Measures, in a temporary folder:

* opening a 50,000-card deck file (YAML → validated Deck; the first time, and
  unchanged from the validated-deck cache) and computing its due list (a
  StudySession on the deck just opened: one indexed query for the items due, then
  the queue), with a history where a third of the items are due, a third
  scheduled later and a third new — targets: open < 0.15 s, due list < 0.15 s,
  both < 0.3 s, first open < 1.5 s;
* the peak memory of a process that opens the deck (first time and from the cache),
  target < 300 MB;
* answering one card end to end (grade the typed answer against the deck's
  answers, fsrs, store the review and the new state in one committed
  transaction) with 1,000,000 reviews already stored — target: under 50 ms;
* the summary and stats (home screen / ``quizapp stats``) for that deck, target < 0.5 s.

Prints a table of timings (median and worst of several runs, 5 by default) with each
target and whether the median meets it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quizapp.deck.discovery import DeckEntry  # noqa: E402
from quizapp.deck.model import Deck, TypedCard  # noqa: E402
from quizapp.deck.yaml_io import load_deck, save_deck  # noqa: E402
from quizapp.storage.db import ReviewStore, deck_key  # noqa: E402
from quizapp.study.grading import grade_item  # noqa: E402
from quizapp.study.scheduling import Settings, make_scheduler, new_card  # noqa: E402
from quizapp.study.session import StudySession, deck_summary  # noqa: E402
from quizapp.study.stats import collect_stats  # noqa: E402

NOW = datetime.now(UTC)
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
        states.append(
            (key, item.item_id, item.card_id, template, due.timestamp(), 2, (NOW - timedelta(days=60)).timestamp())
        )
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


#: CPU seconds of this process per timed run, by the row's name: on a shared machine wall time
#: also counts waiting for a core, CPU time does not.
CPU: dict[str, list[float]] = {}


def timed(fn, repeat: int, name: str = "") -> tuple[list[float], object]:
    times, cpu, result = [], [], None
    for _ in range(repeat):
        result = None  # freeing the previous result is not part of the next run
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[name] = cpu
    return times, result


PEAK_MEMORY = r"""
import json, re, resource, sys
sys.path.insert(0, sys.argv[1])
from quizapp.deck.yaml_io import load_deck
deck = load_deck(sys.argv[2], use_cache=sys.argv[3] == "cache")
try:  # the peak of this process alone (ru_maxrss would include the parent's size at fork)
    with open("/proc/self/status") as status:
        peak_kb = int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1))
except (OSError, AttributeError):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cards": len(deck.cards), "peak_mb": peak_kb / 1024}))
"""


def peak_memory_mb(deck_path: Path, mode: str) -> float:
    """Peak resident memory of a fresh process that imports quizapp and opens the deck."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(REPO), str(deck_path), mode],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=50_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rows: list[tuple[str, list[float], str, float | None]] = []  # name, times, note, target (seconds)
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
            print(
                f"stored {args.reviews} reviews in {time.perf_counter() - t0:.1f} s "
                f"(database {store.path.stat().st_size / 1e6:.0f} MB)"
            )

            settings = Settings()
            cold_times, _ = timed(
                lambda: load_deck(deck_path, use_cache=False), args.repeat, "open deck file, first time (YAML → Deck)"
            )
            rows.append(("open deck file, first time (YAML → Deck)", cold_times, "parsed and checked in full", 1.5))
            # Each run opens the deck and builds a session on the deck it just opened, as the app does.
            load_times, queue_times, load_cpu, queue_cpu = [], [], [], []
            deck = session = None
            for _ in range(args.repeat):
                deck = session = None
                start, start_cpu = time.perf_counter(), time.process_time()
                deck = load_deck(deck_path)
                middle, middle_cpu = time.perf_counter(), time.process_time()
                session = StudySession(deck, deck_path, store, settings)
                load_times.append(middle - start)
                queue_times.append(time.perf_counter() - middle)
                load_cpu.append(middle_cpu - start_cpu)
                queue_cpu.append(time.process_time() - middle_cpu)
            CPU["open deck file (unchanged since last read)"] = load_cpu
            CPU["due list (StudySession)"] = queue_cpu
            CPU["open + due list"] = [a + b for a, b in zip(load_cpu, queue_cpu)]
            rows.append(("open deck file (unchanged since last read)", load_times, "validated-deck cache", 0.15))
            rows.append(("due list (StudySession)", queue_times, f"{session.total} items queued", 0.15))
            total = [a + b for a, b in zip(load_times, queue_times)]
            rows.append(("open + due list", total, "", 0.3))

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
            rows.append(
                ("answer a card (grade + fsrs + store)", answer_times, f"{len(answer_times)} answers {verdicts}", 0.05)
            )

            undo_times, _ = timed(session.undo, min(20, len(answer_times)))
            rows.append(("undo an answer", undo_times, "", None))
            summary_times, summary = timed(
                lambda: deck_summary(deck, deck_path, store), args.repeat, "deck summary (home screen)"
            )
            rows.append(
                ("deck summary (home screen)", summary_times, f"{summary.due} due, {summary.reviews} reviews", None)
            )
            activity_times, _ = timed(
                lambda: store.daily_activity(deck_path), args.repeat, "review history by day and kind"
            )
            rows.append(
                (
                    "review history by day and kind",
                    activity_times,
                    "stats screen charts, from trigger-kept buckets",
                    None,
                )
            )
            entry = DeckEntry(deck_path, deck.title, len(deck.cards), len(deck.study_items()), "given")
            stats_times, _ = timed(
                lambda: collect_stats(store, [entry]), args.repeat, "stats for the deck (quizapp stats)"
            )
            rows.append(("stats for the deck (quizapp stats)", stats_times, "includes reading the deck", 0.5))
            command = [sys.executable, "-m", "quizapp", "stats", str(deck_path), "--data-dir", str(folder / "data")]
            command_times, _ = timed(
                lambda: subprocess.run(command, capture_output=True, check=True, cwd=REPO), args.repeat
            )
            rows.append(
                (
                    "`quizapp stats DECK`, whole command",
                    command_times,
                    "fresh process: start, imports, read, stats",
                    None,
                )
            )
            deck = session = None
            memory = {mode: peak_memory_mb(deck_path, mode) for mode in ("parse", "cache")}

    width = max(len(name) for name, *_ in rows)
    print()
    print(f"{'operation':<{width}}  {'median':>10}  {'worst':>10}  {'cpu':>10}  {'target':>8}  {'met':>4}  note")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 10}  {'-' * 10}  {'-' * 8}  {'-' * 4}  ----")
    for name, times, note, target in rows:
        median = statistics.median(times)
        cpu = _ms(statistics.median(CPU[name])) if name in CPU else ""
        goal, met = ("", "") if target is None else (f"< {_ms(target)}", "yes" if median < target else "NO")
        print(f"{name:<{width}}  {_ms(median):>10}  {_ms(max(times)):>10}  {cpu:>10}  {goal:>8}  {met:>4}  {note}")
    print(f"(median and worst of {args.repeat} runs, wall clock; cpu: median CPU time of this process)")
    print()
    for mode, label in (("parse", "first open (parse)"), ("cache", "open from the cache")):
        met = "yes" if memory[mode] < 300 else "NO"
        print(f"peak memory of a process opening the deck, {label}: {memory[mode]:.0f} MB (target < 300 MB: {met})")


def _ms(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms" if seconds * 1000 % 1 else f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
