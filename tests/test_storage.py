"""The review database: schema, migrations, durability, history keyed by stable ids."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.deck.model import Deck, TypedCard
from quizapp.errors import StorageError
from quizapp.paths import database_path
from quizapp.storage.db import ItemState, QuizAnswerRow, ReviewStore, deck_key
from quizapp.storage.migrations import CURRENT_VERSION, MIGRATIONS
from quizapp.study.scheduling import Settings
from quizapp.study.session import StudySession

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _state(item_id: str = "q1", due: float = 1000.0) -> ItemState:
    return ItemState(item_id, item_id, '{"card_id": 0}', due, 1, 500.0)


def test_new_database_is_current_and_in_wal_mode(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        assert store.schema_version == CURRENT_VERSION
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.connection.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        tables = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"decks", "item_state", "reviews", "quiz_results", "quiz_answers"} <= tables
    assert database_path(tmp_path).exists()


def test_migration_from_version_1_keeps_the_data(tmp_path):
    # A version-1 database written by hand, as the first release created it.
    path = database_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(path)
    old.executescript(
        """
        CREATE TABLE decks (path TEXT PRIMARY KEY, title TEXT NOT NULL, first_seen REAL NOT NULL, last_seen REAL NOT NULL);
        CREATE TABLE item_state (deck_path TEXT NOT NULL, item_id TEXT NOT NULL, card_id TEXT NOT NULL,
            card_json TEXT NOT NULL, due REAL NOT NULL, state INTEGER NOT NULL, introduced_at REAL NOT NULL,
            PRIMARY KEY (deck_path, item_id));
        CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, deck_path TEXT NOT NULL, item_id TEXT NOT NULL,
            card_id TEXT NOT NULL, reviewed_at REAL NOT NULL, rating INTEGER NOT NULL, answer TEXT, correct INTEGER,
            duration_ms INTEGER);
        INSERT INTO decks VALUES ('/decks/old.yaml', 'Old deck', 1.0, 2.0);
        INSERT INTO item_state VALUES ('/decks/old.yaml', 'q1', 'q1', '{}', 99.0, 2, 1.0);
        INSERT INTO reviews (deck_path, item_id, card_id, reviewed_at, rating, answer, correct, duration_ms)
            VALUES ('/decks/old.yaml', 'q1', 'q1', 1.5, 3, 'Paris', 1, 2100);
        PRAGMA user_version = 1;
        """
    )
    old.commit()
    old.close()

    with ReviewStore.open(tmp_path) as store:
        assert store.schema_version == CURRENT_VERSION
        [review] = store.reviews("/decks/old.yaml")
        assert (review.item_id, review.rating, review.answer, review.correct, review.duration_ms) == (
            "q1",
            3,
            "Paris",
            True,
            2100,
        )
        assert review.kind == "other"  # the column added by migration 2 got its default
        assert store.review_totals("/decks/old.yaml") == (1, 1, 1)  # totals of migration 3 backfilled
        [(_day, kind, reviews, graded, correct, duration)] = store.daily_activity("/decks/old.yaml")  # migration 4
        assert (kind, reviews, graded, correct, duration) == ("other", 1, 1, 1, 2100)
        assert store.load_states("/decks/old.yaml")["q1"].due == 99.0
        # The tables of later versions are usable.
        store.save_quiz(
            "/decks/old.yaml",
            started_at=NOW,
            finished_at=NOW,
            score=1,
            total=1,
            seconds=3.0,
            answers=[QuizAnswerRow("q1", "q1", "place", "Paris", "Paris", True)],
        )
        assert store.last_quiz("/decks/old.yaml").score == 1


def test_a_database_from_a_newer_quizapp_is_refused(tmp_path):
    path = database_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        ReviewStore.open(tmp_path)


def test_reopening_does_not_migrate_again(tmp_path):
    ReviewStore.open(tmp_path).close()
    with ReviewStore.open(tmp_path) as store:
        assert store.schema_version == len(MIGRATIONS)


def test_review_totals_follow_inserts_and_deletes(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        store.record_review(
            "a.yaml", _state("q1"), previous=None, reviewed_at=NOW, rating=3, correct=True, duration_ms=1500
        )
        store.record_review(
            "a.yaml", _state("q2"), previous=None, reviewed_at=NOW, rating=1, correct=False, duration_ms=500
        )
        last = store.record_review("b.yaml", _state("q1"), previous=None, reviewed_at=NOW, rating=3)
        assert store.review_totals("a.yaml") == (2, 2, 1)
        assert store.review_totals() == (3, 2, 1)
        assert store.study_seconds("a.yaml") == 2.0
        store.undo_review(last)
        assert store.review_totals("b.yaml") == (0, 0, 0)
        assert store.daily_activity("b.yaml") == []
        assert store.review_totals() == (2, 2, 1)


def test_review_counts_per_item_of_one_deck(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        for item_id in ("q1", "q1", "q2"):
            store.record_review("a.yaml", _state(item_id), previous=None, reviewed_at=NOW, rating=3)
        store.record_review("b.yaml", _state("q1"), previous=None, reviewed_at=NOW, rating=3)
        assert store.review_counts("a.yaml") == {"q1": 2, "q2": 1}
        assert store.review_counts("c.yaml") == {}


def test_daily_activity_groups_by_local_day_and_kind(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        for hours, kind, correct in ((0, "date", True), (1, "date", False), (0, "place", None), (48, "date", True)):
            store.record_review(
                "a.yaml",
                _state(f"q{hours}{kind}"),
                previous=None,
                reviewed_at=NOW + timedelta(hours=hours),
                rating=3,
                correct=correct,
                duration_ms=1000,
                kind=kind,
            )
        rows = store.daily_activity("a.yaml")
    day = lambda h: (NOW + timedelta(hours=h)).astimezone().date().isoformat()  # noqa: E731
    assert sum(r[2] for r in rows) == 4
    assert (day(48), "date", 1, 1, 1, 1000) in rows
    assert sum(r[2] for r in rows if r[1] == "place") == 1


def test_reviews_are_committed_immediately(tmp_path):
    store = ReviewStore.open(tmp_path)
    for n in range(3):
        store.record_review(
            "deck.yaml",
            _state(f"q{n}"),
            previous=None,
            reviewed_at=NOW,
            rating=3,
            answer="x",
            correct=True,
            duration_ms=100,
        )
    # No close(), no commit(): another connection (as after a crash) sees every review.
    other = sqlite3.connect(database_path(tmp_path))
    assert other.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 3
    assert other.execute("SELECT COUNT(*) FROM item_state").fetchone()[0] == 3
    other.close()
    store.close()


def test_undo_review_restores_the_previous_state(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        first = _state("q1", due=10.0)
        store.record_review("d.yaml", first, previous=None, reviewed_at=NOW, rating=3)
        second = _state("q1", due=20.0)
        review_id = store.record_review("d.yaml", second, previous=first, reviewed_at=NOW, rating=4)
        assert store.review_totals("d.yaml") == (2, 0, 0)
        assert store.undo_review(review_id) == first
        assert store.get_state("d.yaml", "q1") == first
        assert len(store.reviews("d.yaml")) == 1
        assert store.review_totals("d.yaml") == (1, 0, 0)
        with pytest.raises(StorageError):
            store.undo_review(review_id)


def test_undo_of_a_first_review_makes_the_item_new_again(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        review_id = store.record_review("d.yaml", _state(), previous=None, reviewed_at=NOW, rating=1)
        assert store.undo_review(review_id) is None
        assert store.get_state("d.yaml", "q1") is None
        assert store.reviews() == []


def test_decks_are_keyed_by_resolved_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with ReviewStore.open(tmp_path) as store:
        store.touch_deck("deck.yaml", "First title", NOW)
        store.touch_deck(tmp_path / "deck.yaml", "Renamed", NOW + timedelta(days=1))
        assert store.decks() == [(deck_key(tmp_path / "deck.yaml"), "Renamed", (NOW + timedelta(days=1)).timestamp())]


def test_history_survives_a_deck_edit_and_removed_cards_keep_theirs(tmp_path):
    deck_file = tmp_path / "geo.yaml"
    deck = Deck(
        title="Geography",
        cards=[
            TypedCard(question="Capital of France?", answer="Pari"),
            TypedCard(question="Capital of Italy?", answer="Rome"),
        ],
    )
    settings = Settings(enable_fuzzing=False)
    with ReviewStore.open(tmp_path) as store:
        session = StudySession(deck, deck_file, store, settings, NOW)
        while not session.finished:
            session.answer(4)  # Easy: both graduate at once
        france_id = deck.cards[0].card_id
        state_before = store.get_state(deck_file, france_id)

        # The author fixes the answer's typo, adds a tag, and deletes the Italy card.
        edited = Deck(
            title="Geography",
            cards=[TypedCard(question="Capital of France?", answer="Paris", tags=["europe"])],
        )
        assert edited.cards[0].card_id == france_id
        session = StudySession(edited, deck_file, store, settings, NOW + timedelta(minutes=1))
        assert session.queue == []  # nothing new, nothing due: the edited card kept its schedule
        assert store.get_state(deck_file, france_id) == state_before
        italy_reviews = store.reviews(deck_file, deck.cards[1].card_id)
        assert len(italy_reviews) == 1  # the removed card keeps its history


def test_unwritable_location_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot open the review database"):
        ReviewStore.open(blocker / "data")


def test_two_connections_can_write_in_turn(tmp_path):
    with ReviewStore.open(tmp_path) as one, ReviewStore.open(tmp_path) as two:
        one.record_review("d.yaml", _state("a"), previous=None, reviewed_at=NOW, rating=3)
        two.record_review("d.yaml", _state("b"), previous=None, reviewed_at=NOW, rating=3)
        assert set(one.load_states("d.yaml")) == {"a", "b"}


def test_quiz_results_are_stored_with_one_row_per_question(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        rows = [
            QuizAnswerRow("q1", "q1", "place", "Paris", "Paris", True, duration_ms=1200),
            QuizAnswerRow("q2", "q2", "date", None, "1945", False, skipped=True),
        ]
        quiz_id = store.save_quiz(
            "d.yaml",
            started_at=NOW,
            finished_at=NOW + timedelta(seconds=30),
            score=1,
            total=2,
            seconds=30.0,
            answers=rows,
        )
        assert store.quiz_answers(quiz_id) == rows
        [record] = store.quizzes("d.yaml")
        assert (record.score, record.total, record.seconds) == (1, 2, 30.0)
        assert store.quizzes(Path("other.yaml")) == []


def test_two_processes_creating_the_database_at_once_both_succeed(tmp_path):
    """Opening a brand-new database from several processes at the same moment must not fail as 'locked'."""
    import subprocess
    import sys

    script = (
        "import sys; from quizapp.storage.db import ReviewStore\n"
        "store = ReviewStore.open(sys.argv[1]); print(store.schema_version); store.close()\n"
    )
    for attempt in range(3):
        folder = tmp_path / f"data{attempt}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(4)
        ]
        results = [p.communicate(timeout=60) + (p.returncode,) for p in procs]
        assert all(code == 0 for _, _, code in results), results
        assert len({out.strip() for out, _, _ in results}) == 1


def test_suspended_items_are_kept_per_deck_and_survive_reopening(tmp_path):
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with ReviewStore.open(tmp_path) as store:
        store.suspend("/decks/a.yaml", ["q1", "q2"], now)
        store.suspend("/decks/a.yaml", ["q1"], now)  # suspending again changes nothing
        store.suspend("/decks/b.yaml", ["q1"], now)
        store.unsuspend("/decks/a.yaml", ["q2", "never-suspended"])
    with ReviewStore.open(tmp_path) as store:
        assert store.suspended_ids("/decks/a.yaml") == {"q1"}
        assert store.suspended_ids("/decks/b.yaml") == {"q1"}
    with ReviewStore.open(tmp_path, read_only="another instance is running") as store:
        with pytest.raises(StorageError, match="another instance"):
            store.suspend("/decks/a.yaml", ["q3"], now)


def test_burials_end_at_their_time_and_ended_ones_are_cleared(tmp_path):
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    midnight = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    with ReviewStore.open(tmp_path) as store:
        store.bury("/decks/a.yaml", ["q1", "q2"], now, midnight)
        store.unbury("/decks/a.yaml", ["q2"])
        assert store.buried_ids("/decks/a.yaml", now) == {"q1"}
        assert store.buried_ids("/decks/a.yaml", midnight) == set()  # over at midnight
        # A day later, burying another item clears the burial that has ended.
        store.bury("/decks/a.yaml", ["q3"], midnight + timedelta(days=1), midnight + timedelta(days=2))
        rows = store.connection.execute("SELECT item_id FROM buried").fetchall()
        assert rows == [("q3",)]
