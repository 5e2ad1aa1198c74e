"""Schema versions of the review database, applied in order.

The version lives in ``PRAGMA user_version``. Each entry of :data:`MIGRATIONS`
takes a database at version ``n`` to ``n + 1``; a new database runs them all.
Never edit a released migration: append a new one.

Times are Unix seconds (REAL, UTC). Study items are keyed by the deck file's
resolved path and the item's stable id (``<card id>`` or ``<card id>::cN``),
so editing a deck keeps its history and removed cards keep theirs.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: decks, scheduling state and the review log.
    """
    CREATE TABLE decks (
        path TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL
    );
    CREATE TABLE item_state (
        deck_path TEXT NOT NULL,
        item_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        card_json TEXT NOT NULL,
        due REAL NOT NULL,
        state INTEGER NOT NULL,
        introduced_at REAL NOT NULL,
        PRIMARY KEY (deck_path, item_id)
    );
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        deck_path TEXT NOT NULL,
        item_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        reviewed_at REAL NOT NULL,
        rating INTEGER NOT NULL,
        answer TEXT,
        correct INTEGER,
        duration_ms INTEGER
    );
    """,
    # 2: undo data and fact kind on reviews, quiz results, indexes for large decks and histories.
    """
    ALTER TABLE reviews ADD COLUMN previous_state TEXT;
    ALTER TABLE reviews ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
    CREATE INDEX reviews_by_deck_time ON reviews (deck_path, reviewed_at);
    CREATE INDEX reviews_by_item ON reviews (deck_path, item_id);
    CREATE INDEX reviews_by_time ON reviews (reviewed_at);
    CREATE INDEX item_state_by_due ON item_state (deck_path, due);
    CREATE INDEX item_state_by_intro ON item_state (deck_path, introduced_at);
    CREATE TABLE quiz_results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        deck_path TEXT NOT NULL,
        started_at REAL NOT NULL,
        finished_at REAL NOT NULL,
        score INTEGER NOT NULL,
        total INTEGER NOT NULL,
        seconds REAL NOT NULL
    );
    CREATE INDEX quiz_results_by_deck ON quiz_results (deck_path, finished_at);
    CREATE TABLE quiz_answers (
        quiz_id INTEGER NOT NULL REFERENCES quiz_results (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        answer TEXT,
        expected TEXT NOT NULL,
        correct INTEGER NOT NULL,
        skipped INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER,
        PRIMARY KEY (quiz_id, position)
    );
    """,
    # 3: running review totals per deck, kept by triggers, so summaries stay instant with millions of reviews.
    """
    CREATE TABLE deck_totals (
        deck_path TEXT PRIMARY KEY,
        reviews INTEGER NOT NULL DEFAULT 0,
        graded INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO deck_totals (deck_path, reviews, graded, correct, duration_ms)
        SELECT deck_path, COUNT(*), COUNT(correct), COALESCE(SUM(correct), 0), COALESCE(SUM(duration_ms), 0)
        FROM reviews GROUP BY deck_path;
    CREATE TRIGGER deck_totals_on_insert AFTER INSERT ON reviews BEGIN
        INSERT INTO deck_totals (deck_path) VALUES (NEW.deck_path) ON CONFLICT (deck_path) DO NOTHING;
        UPDATE deck_totals SET
            reviews = reviews + 1,
            graded = graded + (NEW.correct IS NOT NULL),
            correct = correct + COALESCE(NEW.correct, 0),
            duration_ms = duration_ms + COALESCE(NEW.duration_ms, 0)
        WHERE deck_path = NEW.deck_path;
    END;
    CREATE TRIGGER deck_totals_on_delete AFTER DELETE ON reviews BEGIN
        UPDATE deck_totals SET
            reviews = reviews - 1,
            graded = graded - (OLD.correct IS NOT NULL),
            correct = correct - COALESCE(OLD.correct, 0),
            duration_ms = duration_ms - COALESCE(OLD.duration_ms, 0)
        WHERE deck_path = OLD.deck_path;
    END;
    """,
    # 4: review counts per deck, quarter hour and fact kind, kept by triggers: statistics read
    # thousands of buckets instead of millions of reviews. A quarter hour, because every UTC
    # offset in use is a multiple of it, so buckets fall into local days exactly.
    """
    CREATE TABLE review_buckets (
        deck_path TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        kind TEXT NOT NULL,
        reviews INTEGER NOT NULL DEFAULT 0,
        graded INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (deck_path, bucket, kind)
    );
    INSERT INTO review_buckets (deck_path, bucket, kind, reviews, graded, correct, duration_ms)
        SELECT deck_path, CAST(reviewed_at / 900 AS INTEGER), kind, COUNT(*), COUNT(correct),
            COALESCE(SUM(correct), 0), COALESCE(SUM(duration_ms), 0)
        FROM reviews GROUP BY deck_path, CAST(reviewed_at / 900 AS INTEGER), kind;
    CREATE TRIGGER review_buckets_on_insert AFTER INSERT ON reviews BEGIN
        INSERT INTO review_buckets (deck_path, bucket, kind, reviews, graded, correct, duration_ms)
        VALUES (NEW.deck_path, CAST(NEW.reviewed_at / 900 AS INTEGER), NEW.kind, 1, NEW.correct IS NOT NULL,
                COALESCE(NEW.correct, 0), COALESCE(NEW.duration_ms, 0))
        ON CONFLICT (deck_path, bucket, kind) DO UPDATE SET
            reviews = reviews + 1,
            graded = graded + excluded.graded,
            correct = correct + excluded.correct,
            duration_ms = duration_ms + excluded.duration_ms;
    END;
    CREATE TRIGGER review_buckets_on_delete AFTER DELETE ON reviews BEGIN
        UPDATE review_buckets SET
            reviews = reviews - 1,
            graded = graded - (OLD.correct IS NOT NULL),
            correct = correct - COALESCE(OLD.correct, 0),
            duration_ms = duration_ms - COALESCE(OLD.duration_ms, 0)
        WHERE deck_path = OLD.deck_path AND bucket = CAST(OLD.reviewed_at / 900 AS INTEGER) AND kind = OLD.kind;
    END;
    """,
    # 5: a quiz result says whether it was a retry of another quiz's misses (retries are not the
    # deck's "last quiz" score) and how many of its questions were answered before it was ended.
    """
    ALTER TABLE quiz_results ADD COLUMN retry INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE quiz_results ADD COLUMN answered INTEGER;
    """,
    # 6: suspended study items (Anki's suspend): kept out of sessions and quizzes until unsuspended; their
    # scheduling state and reviews are untouched.
    """
    CREATE TABLE suspended (
        deck_path TEXT NOT NULL,
        item_id TEXT NOT NULL,
        suspended_at REAL NOT NULL,
        PRIMARY KEY (deck_path, item_id)
    );
    """,
    # 7: study items buried by hand (Anki's bury): out of study until the time kept (the next local midnight).
    """
    CREATE TABLE buried (
        deck_path TEXT NOT NULL,
        item_id TEXT NOT NULL,
        until REAL NOT NULL,
        PRIMARY KEY (deck_path, item_id)
    );
    """,
]

CURRENT_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a script into statements (a trigger body's inner ";" does not end the statement)."""
    statements: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \n;"):
        statements.append(current.strip())
    return statements


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database to :data:`CURRENT_VERSION`; returns the version it started at.

    Each step runs in its own transaction together with its version bump, so an
    interrupted upgrade leaves the database at a whole version.
    """
    start = schema_version(connection)
    if start > CURRENT_VERSION:
        raise RuntimeError(
            f"the database has schema version {start}, newer than this quizapp understands ({CURRENT_VERSION})"
        )
    for version in range(start, CURRENT_VERSION):
        statements = _statements(MIGRATIONS[version])
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated meanwhile.
            if schema_version(connection) != version:
                connection.execute("ROLLBACK")
                continue
            for statement in statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return start
