"""The review database: scheduling state, every review and every quiz result, in SQLite.

One file under the data directory, in WAL mode so the app and a ``quizapp
stats`` running alongside never block each other for long (``busy_timeout``
covers the rest). The connection is in autocommit mode and every write is its
own transaction, committed before the call returns: a crash or a kill loses at
most the answer being given.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from quizapp.errors import StorageError
from quizapp.paths import database_path
from quizapp.storage.migrations import CURRENT_VERSION, migrate, schema_version

if TYPE_CHECKING:  # pragma: no cover
    from fsrs import Card

BUSY_TIMEOUT_MS = 5000
#: Width of the review_buckets time buckets (see migration 4).
BUCKET_SECONDS = 900


def deck_key(path: Path | str) -> str:
    """How a deck is identified in the database: its resolved file path."""
    return str(Path(path).expanduser().resolve())


def timestamp(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


@dataclass(frozen=True)
class ItemState:
    """The scheduling state of one study item."""

    item_id: str
    card_id: str
    card_json: str  # fsrs Card.to_json()
    due: float  # Unix seconds
    state: int  # fsrs State value
    introduced_at: float  # when the item was first studied

    def fsrs_card(self) -> Card:
        from fsrs import Card  # here: the home screen reads states before its first frame, without fsrs

        return Card.from_json(self.card_json)

    @classmethod
    def from_card(cls, item_id: str, card_id: str, card: Card, introduced_at: float) -> ItemState:
        return cls(item_id, card_id, card.to_json(), card.due.timestamp(), int(card.state), introduced_at)

    def to_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> ItemState:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class Review:
    id: int
    deck_path: str
    item_id: str
    card_id: str
    reviewed_at: float
    rating: int
    answer: str | None
    correct: bool | None
    duration_ms: int | None
    kind: str


@dataclass(frozen=True)
class QuizAnswerRow:
    item_id: str
    card_id: str
    kind: str
    answer: str | None
    expected: str
    correct: bool
    skipped: bool = False
    duration_ms: int | None = None


@dataclass(frozen=True)
class QuizRecord:
    id: int
    deck_path: str
    started_at: float
    finished_at: float
    score: int
    total: int  # questions in the quiz, answered or not
    seconds: float
    retry: bool = False  # a retry of another quiz's misses
    answered: int | None = None  # questions answered before the quiz was ended; None: all of them

    @property
    def ended_early(self) -> bool:
        return self.answered is not None and self.answered < self.total


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write. In a folder we may not write to, SQLite cannot make the WAL
    index file it reads through, so the file is then read as immutable (nobody can be writing it)."""
    uri = path.resolve().as_uri()
    try:
        connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA user_version").fetchone()
        return connection
    except sqlite3.OperationalError as exc:
        # "unable to open" or "attempt to write a readonly database": the WAL index cannot be made here.
        if "locked" in str(exc) or "busy" in str(exc):
            raise
        connection = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
        connection.execute("PRAGMA user_version").fetchone()
        return connection


def _enable_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while another connection is creating the same new database.

    Changing the journal mode needs an exclusive lock and SQLite does not apply
    busy_timeout to it, so two processes opening a fresh database at once would
    otherwise see "database is locked".
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class ReviewStore:
    """Access to the review database. Open with :meth:`open`; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path, read_only: str | None = None):
        self.connection = connection
        self.path = path
        #: Why this store refuses every write (see :func:`quizapp.storage.datadir.claim_data_dir`), or None.
        self.read_only = read_only
        #: Why today's automatic backup could not be taken (None when it was, or was not due).
        self.backup_problem: str | None = None

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path | str | None = None, *, read_only: str | None = None) -> Self:
        """Open (creating and migrating as needed) the database in the data directory.

        With ``read_only`` (the reason, shown when a write is refused) nothing is created or changed.
        Otherwise the first open of each day backs the database up (see :mod:`quizapp.storage.backup`).
        """
        return cls.open_file(database_path(data_dir), read_only=read_only, daily_backup=not read_only)

    @classmethod
    def open_file(cls, path: Path | str, *, read_only: str | None = None, daily_backup: bool = False) -> Self:
        """Open the database file; an existing one is backed up before any schema upgrade.

        With ``daily_backup``, an existing database is also backed up on the first open
        of the day; a failure of that backup never stops the app (``backup_problem`` says why).
        """
        path = Path(path)
        if read_only:
            return cls._open_read_only(path, read_only)
        from quizapp.storage import backup  # only writers back up (a read-only open comes before the first frame)

        backup_problem: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _enable_wal(connection)
            # NORMAL is durable against process crashes in WAL mode (only power loss can drop the last commit).
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            found_version = schema_version(connection)
            if 0 < found_version < CURRENT_VERSION:
                # An upgrade rewrites tables: keep the data as it was first (a failed backup stops the upgrade).
                backup.back_up(connection, path, "upgrade")
            migrate(connection)
        except (sqlite3.Error, OSError, RuntimeError) as exc:
            raise StorageError(f"cannot open the review database {path}: {exc}") from exc
        if daily_backup and found_version > 0:
            try:
                backup.back_up_daily(connection, path)
            except StorageError as exc:
                backup_problem = str(exc)
        store = cls(connection, path)
        store.backup_problem = backup_problem
        return store

    @classmethod
    def _open_read_only(cls, path: Path, reason: str) -> Self:
        """The database as it is, for reading; an empty one in memory when there is none yet."""
        try:
            if not path.is_file():
                connection = sqlite3.connect(":memory:", isolation_level=None)
                migrate(connection)
                return cls(connection, path, read_only=reason)
            connection = _connect_read_only(path)
            version = schema_version(connection)
        except (sqlite3.Error, OSError, RuntimeError) as exc:
            raise StorageError(f"cannot read the review database {path}: {exc}") from exc
        if version > CURRENT_VERSION:
            connection.close()
            raise StorageError(
                f"cannot read the review database {path}: it has schema version {version},"
                f" newer than this quizapp understands ({CURRENT_VERSION})"
            )
        if version < CURRENT_VERSION:
            connection.close()
            raise StorageError(
                f"the review database {path} is from an older quizapp and must be upgraded, which needs writing"
                f" to it, and {reason}"
            )
        return cls(connection, path, read_only=reason)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.connection)

    def _transaction(self) -> _Transaction:
        self._refuse_if_read_only()
        return _Transaction(self.connection)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StorageError(f"cannot save: {self.read_only}")

    # --- decks -----------------------------------------------------------------------------------

    def touch_deck(self, path: Path | str, title: str, now: datetime) -> None:
        """Remember that the deck was seen (its title may have changed); read-only, it is not noted."""
        if self.read_only:
            return  # bookkeeping only: a read-only session still shows the deck
        seen = timestamp(now)
        self._write(
            "INSERT INTO decks (path, title, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET title = excluded.title, last_seen = excluded.last_seen",
            (deck_key(path), title, seen, seen),
        )

    def decks(self) -> list[tuple[str, str, float]]:
        """(path, title, last_seen) of every deck ever seen."""
        return [tuple(row) for row in self.connection.execute("SELECT path, title, last_seen FROM decks ORDER BY path")]

    # --- scheduling state ------------------------------------------------------------------------

    def load_states(self, deck_path: Path | str) -> dict[str, ItemState]:
        """Every item state of a deck (including items no longer in the file), in one query."""
        rows = self.connection.execute(
            "SELECT item_id, card_id, card_json, due, state, introduced_at FROM item_state WHERE deck_path = ?",
            (deck_key(deck_path),),
        )
        return {row[0]: ItemState(*row) for row in rows}

    def due_items(self, deck_path: Path | str, until: datetime) -> list[tuple[str, float]]:
        """(item id, due) of the deck's items due by ``until``, earliest first (uses the due index)."""
        return [
            (row[0], row[1])
            for row in self.connection.execute(
                "SELECT item_id, due FROM item_state WHERE deck_path = ? AND due <= ? ORDER BY due",
                (deck_key(deck_path), timestamp(until)),
            )
        ]

    def due_now(
        self, deck_path: Path | str, cutoff: float, horizon: float, review_state: int
    ) -> list[tuple[str, float, int]]:
        """(item id, due, fsrs state) of the deck's items a session shows now: due by ``cutoff``, or not in
        ``review_state`` (learning, relearning) and due by ``horizon`` (the learn-ahead window).

        One range scan of the due index; the items not due are never read.
        """
        return self.connection.execute(
            "SELECT item_id, due, state FROM item_state WHERE deck_path = ? AND due <= ? AND (due <= ? OR state != ?)",
            (deck_key(deck_path), horizon, cutoff, review_state),
        ).fetchall()

    def scheduled_ids(self, deck_path: Path | str) -> set[str]:
        """Ids of every item of the deck that has a scheduling state (read from the primary key alone)."""
        rows = self.connection.execute("SELECT item_id FROM item_state WHERE deck_path = ?", (deck_key(deck_path),))
        return {item_id for (item_id,) in rows}

    def get_state(self, deck_path: Path | str, item_id: str) -> ItemState | None:
        row = self.connection.execute(
            "SELECT item_id, card_id, card_json, due, state, introduced_at FROM item_state "
            "WHERE deck_path = ? AND item_id = ?",
            (deck_key(deck_path), item_id),
        ).fetchone()
        return ItemState(*row) if row else None

    # --- suspended items -------------------------------------------------------------------------

    def suspended_ids(self, deck_path: Path | str) -> set[str]:
        """Ids of the deck's suspended items (read from the primary key alone)."""
        rows = self.connection.execute("SELECT item_id FROM suspended WHERE deck_path = ?", (deck_key(deck_path),))
        return {item_id for (item_id,) in rows}

    def suspend(self, deck_path: Path | str, item_ids: Iterable[str], now: datetime) -> None:
        """Keep the items out of study sessions and quizzes until :meth:`unsuspend`; their schedule and
        reviews stay as they are."""
        key, at = deck_key(deck_path), timestamp(now)
        with self._transaction():
            self.connection.executemany(
                "INSERT INTO suspended (deck_path, item_id, suspended_at) VALUES (?, ?, ?) "
                "ON CONFLICT (deck_path, item_id) DO NOTHING",
                [(key, item_id, at) for item_id in item_ids],
            )

    def unsuspend(self, deck_path: Path | str, item_ids: Iterable[str]) -> None:
        self._release("suspended", deck_path, item_ids)

    def _release(self, table: Literal["suspended", "buried"], deck_path: Path | str, item_ids: Iterable[str]) -> None:
        """Take items out of the suspended or the buried ones."""
        key = deck_key(deck_path)
        with self._transaction():
            self.connection.executemany(
                f"DELETE FROM {table} WHERE deck_path = ? AND item_id = ?", [(key, item_id) for item_id in item_ids]
            )

    def buried_ids(self, deck_path: Path | str, now: datetime) -> set[str]:
        """Ids of the deck's items buried by hand until later than ``now``."""
        rows = self.connection.execute(
            "SELECT item_id FROM buried WHERE deck_path = ? AND until > ?", (deck_key(deck_path), timestamp(now))
        )
        return {item_id for (item_id,) in rows}

    def bury(self, deck_path: Path | str, item_ids: Iterable[str], now: datetime, until: datetime) -> None:
        """Keep the items out of study until ``until`` (Anki's bury); burials ended by ``now`` are cleared."""
        key, end = deck_key(deck_path), timestamp(until)
        with self._transaction():
            self.connection.execute("DELETE FROM buried WHERE deck_path = ? AND until <= ?", (key, timestamp(now)))
            self.connection.executemany(
                "INSERT INTO buried (deck_path, item_id, until) VALUES (?, ?, ?) "
                "ON CONFLICT (deck_path, item_id) DO UPDATE SET until = excluded.until",
                [(key, item_id, end) for item_id in item_ids],
            )

    def unbury(self, deck_path: Path | str, item_ids: Iterable[str]) -> None:
        self._release("buried", deck_path, item_ids)

    def reviewed_since(self, deck_path: Path | str, since: datetime) -> set[str]:
        """Ids of the deck's items answered since ``since`` (a range scan of the reviews' deck-and-time index)."""
        rows = self.connection.execute(
            "SELECT DISTINCT item_id FROM reviews WHERE deck_path = ? AND reviewed_at >= ?",
            (deck_key(deck_path), timestamp(since)),
        )
        return {item_id for (item_id,) in rows}

    def count_introduced_since(self, deck_path: Path | str, since: datetime) -> int:
        """How many items of the deck were studied for the first time since ``since``."""
        return self.connection.execute(
            "SELECT COUNT(*) FROM item_state WHERE deck_path = ? AND introduced_at >= ?",
            (deck_key(deck_path), timestamp(since)),
        ).fetchone()[0]

    # --- reviews ---------------------------------------------------------------------------------

    def record_review(
        self,
        deck_path: Path | str,
        new_state: ItemState,
        *,
        previous: ItemState | None,
        reviewed_at: datetime,
        rating: int,
        answer: str | None = None,
        correct: bool | None = None,
        duration_ms: int | None = None,
        kind: str = "other",
    ) -> int:
        """Store a review and the item's new state together, committed at once; returns the review id."""
        key = deck_key(deck_path)
        with self._transaction():
            cursor = self.connection.execute(
                "INSERT INTO reviews (deck_path, item_id, card_id, reviewed_at, rating, answer, correct, duration_ms,"
                " previous_state, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    new_state.item_id,
                    new_state.card_id,
                    timestamp(reviewed_at),
                    int(rating),
                    answer,
                    None if correct is None else int(correct),
                    duration_ms,
                    previous.to_json() if previous else None,
                    kind,
                ),
            )
            self._put_state(key, new_state)
            assert cursor.lastrowid is not None  # an INSERT on a rowid table always sets it
            return cursor.lastrowid

    def record_reviews(
        self,
        deck_path: Path | str,
        reviews: Iterable[tuple[ItemState, ItemState | None, datetime, int, int | None, str]],
    ) -> int:
        """Store many past reviews at once (an import): (new state, previous, reviewed_at, rating, duration_ms, kind).

        One transaction for all: a crash stores all of them or none. Each item ends in the new
        state of its last review. Returns how many were stored.
        """
        key = deck_key(deck_path)
        count = 0
        with self._transaction():
            for new_state, previous, reviewed_at, rating, duration_ms, kind in reviews:
                self.connection.execute(
                    "INSERT INTO reviews (deck_path, item_id, card_id, reviewed_at, rating, answer, correct, duration_ms,"
                    " previous_state, kind) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)",
                    (
                        key,
                        new_state.item_id,
                        new_state.card_id,
                        timestamp(reviewed_at),
                        int(rating),
                        duration_ms,
                        previous.to_json() if previous else None,
                        kind,
                    ),
                )
                self._put_state(key, new_state)
                count += 1
        return count

    def undo_review(self, review_id: int) -> ItemState | None:
        """Delete a review and put its item back in the state it had before; returns that state."""
        with self._transaction():
            row = self.connection.execute(
                "SELECT deck_path, item_id, previous_state FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                raise StorageError(f"there is no review {review_id} to undo")
            key, item_id, previous_json = row
            self.connection.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            if previous_json is None:  # the item was new: it becomes new again
                self.connection.execute("DELETE FROM item_state WHERE deck_path = ? AND item_id = ?", (key, item_id))
                return None
            previous = ItemState.from_json(previous_json)
            self._put_state(key, previous)
            return previous

    def _put_state(self, key: str, state: ItemState) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO item_state (deck_path, item_id, card_id, card_json, due, state, introduced_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, state.item_id, state.card_id, state.card_json, state.due, state.state, state.introduced_at),
        )

    def reviews(self, deck_path: Path | str | None = None, item_id: str | None = None) -> list[Review]:
        """Reviews, oldest first, of one deck (and one item) or of every deck."""
        query = "SELECT id, deck_path, item_id, card_id, reviewed_at, rating, answer, correct, duration_ms, kind FROM reviews"
        where, params = self._deck_filter(deck_path)
        if item_id is not None:
            where.append("item_id = ?")
            params.append(item_id)
        if where:
            query += " WHERE " + " AND ".join(where)
        rows = self.connection.execute(query + " ORDER BY reviewed_at, id", params)
        return [
            Review(r[0], r[1], r[2], r[3], r[4], r[5], r[6], None if r[7] is None else bool(r[7]), r[8], r[9])
            for r in rows
        ]

    def review_counts(self, deck_path: Path | str) -> dict[str, int]:
        """Item id → how many reviews it has, for every reviewed item of a deck (one grouped query)."""
        rows = self.connection.execute(
            "SELECT item_id, COUNT(*) FROM reviews WHERE deck_path = ? GROUP BY item_id", (deck_key(deck_path),)
        )
        return dict(rows.fetchall())

    def review_totals(self, deck_path: Path | str | None = None) -> tuple[int, int, int]:
        """(reviews, auto-graded reviews, correct ones) of a deck or of every deck.

        Read from the running totals the database keeps by trigger: instant with millions of reviews.
        """
        where, params = self._deck_filter(deck_path)
        query = "SELECT COALESCE(SUM(reviews), 0), COALESCE(SUM(graded), 0), COALESCE(SUM(correct), 0) FROM deck_totals"
        if where:
            query += " WHERE " + " AND ".join(where)
        total, graded, correct = self.connection.execute(query, params).fetchone()
        return int(total), int(graded), int(correct)

    def study_seconds(self, deck_path: Path | str | None = None) -> float:
        where, params = self._deck_filter(deck_path)
        query = "SELECT COALESCE(SUM(duration_ms), 0) FROM deck_totals"
        if where:
            query += " WHERE " + " AND ".join(where)
        return self.connection.execute(query, params).fetchone()[0] / 1000

    def daily_activity(self, deck_path: Path | str | None = None) -> list[tuple[str, str, int, int, int, int]]:
        """(local day "YYYY-MM-DD", fact kind, reviews, graded, correct, duration_ms), oldest day first.

        Read from the quarter-hour buckets the database keeps by trigger, not from the reviews,
        and summed up by local day in SQL (SQLite's 'localtime' is the C library's, as Python's is).
        """
        where, params = self._deck_filter(deck_path)
        where.append("reviews != 0")  # every review of the bucket was undone
        query = (
            f"SELECT date(bucket * {BUCKET_SECONDS}, 'unixepoch', 'localtime') AS day, kind, SUM(reviews), SUM(graded),"
            " SUM(correct), SUM(duration_ms) FROM review_buckets WHERE "
            + " AND ".join(where)
            + " GROUP BY day, kind ORDER BY day, kind"
        )
        return [tuple(row) for row in self.connection.execute(query, params)]

    def item_schedule(self, deck_path: Path | str) -> dict[str, tuple[float, int]]:
        """Item id → (due, fsrs state) of every scheduled item of a deck; no fsrs card parsed, so cheap."""
        return {item_id: (due, state) for item_id, due, state in self.schedule_rows(deck_path)}

    def schedule_rows(self, deck_path: Path | str) -> list[tuple[str, float, int]]:
        """(item id, due, fsrs state) of every scheduled item of a deck, in no particular order."""
        return self.connection.execute(
            "SELECT item_id, due, state FROM item_state WHERE deck_path = ?", (deck_key(deck_path),)
        ).fetchall()

    @staticmethod
    def _deck_filter(deck_path: Path | str | None) -> tuple[list[str], list[object]]:
        if deck_path is None:
            return [], []
        return ["deck_path = ?"], [deck_key(deck_path)]

    # --- quizzes ---------------------------------------------------------------------------------

    def save_quiz(
        self,
        deck_path: Path | str,
        *,
        started_at: datetime,
        finished_at: datetime,
        score: int,
        total: int,
        seconds: float,
        answers: Iterable[QuizAnswerRow],
        retry: bool = False,
        answered: int | None = None,
    ) -> int:
        """Store a quiz with one row per question answered; returns its id.

        ``total`` counts every question of the quiz; ``answered`` says how many were answered
        when it was ended early (None: all); ``retry`` marks a retry of another quiz's misses.
        """
        with self._transaction():
            cursor = self.connection.execute(
                "INSERT INTO quiz_results (deck_path, started_at, finished_at, score, total, seconds, retry, answered)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    deck_key(deck_path),
                    timestamp(started_at),
                    timestamp(finished_at),
                    score,
                    total,
                    seconds,
                    int(retry),
                    answered,
                ),
            )
            assert cursor.lastrowid is not None  # an INSERT on a rowid table always sets it
            quiz_id = cursor.lastrowid
            self.connection.executemany(
                "INSERT INTO quiz_answers (quiz_id, position, item_id, card_id, kind, answer, expected, correct,"
                " skipped, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        quiz_id,
                        i,
                        a.item_id,
                        a.card_id,
                        a.kind,
                        a.answer,
                        a.expected,
                        int(a.correct),
                        int(a.skipped),
                        a.duration_ms,
                    )
                    for i, a in enumerate(answers)
                ],
            )
        return quiz_id

    _QUIZ_COLUMNS = "id, deck_path, started_at, finished_at, score, total, seconds, retry, answered"

    @staticmethod
    def _quiz_record(row: tuple[Any, ...]) -> QuizRecord:
        quiz_id, deck_path, started_at, finished_at, score, total, seconds, retry, answered = row
        return QuizRecord(
            id=int(quiz_id),
            deck_path=str(deck_path),
            started_at=float(started_at),
            finished_at=float(finished_at),
            score=int(score),
            total=int(total),
            seconds=float(seconds),
            retry=bool(retry),
            answered=None if answered is None else int(answered),
        )

    def quizzes(self, deck_path: Path | str | None = None) -> list[QuizRecord]:
        where, params = self._deck_filter(deck_path)
        query = f"SELECT {self._QUIZ_COLUMNS} FROM quiz_results"
        if where:
            query += " WHERE " + " AND ".join(where)
        return [self._quiz_record(row) for row in self.connection.execute(query + " ORDER BY finished_at, id", params)]

    def last_quiz(self, deck_path: Path | str) -> QuizRecord | None:
        """The deck's last quiz, retries of misses left out (2/2 on a retry is not the deck's score)."""
        row = self.connection.execute(
            f"SELECT {self._QUIZ_COLUMNS} FROM quiz_results"
            " WHERE deck_path = ? AND retry = 0 ORDER BY finished_at DESC, id DESC LIMIT 1",
            (deck_key(deck_path),),
        ).fetchone()
        return self._quiz_record(row) if row else None

    def quiz_answers(self, quiz_id: int) -> list[QuizAnswerRow]:
        rows = self.connection.execute(
            "SELECT item_id, card_id, kind, answer, expected, correct, skipped, duration_ms FROM quiz_answers"
            " WHERE quiz_id = ? ORDER BY position",
            (quiz_id,),
        )
        return [QuizAnswerRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7]) for r in rows]

    # --- helpers ---------------------------------------------------------------------------------

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        self._refuse_if_read_only()
        try:
            self.connection.execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write to the review database {self.path}: {exc}") from exc


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error), so a write never waits half-done for a lock."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> None:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write to the review database: {exc}") from exc

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self.connection.execute("COMMIT")
            except sqlite3.Error as error:
                self.connection.execute("ROLLBACK")
                raise StorageError(f"cannot write to the review database: {error}") from error
            return
        self.connection.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StorageError(f"cannot write to the review database: {exc}") from exc


__all__ = ["ReviewStore", "ItemState", "Review", "QuizAnswerRow", "QuizRecord", "deck_key", "CURRENT_VERSION"]
