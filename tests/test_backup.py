"""Backups of the review database (automatic and on request) and restoring one: nothing is ever lost."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.errors import StorageError
from quizapp.paths import database_path
from quizapp.storage import backup
from quizapp.storage.db import ItemState, ReviewStore
from quizapp.storage.migrations import CURRENT_VERSION

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _review(store: ReviewStore, item: str, deck: str = "d.yaml") -> int:
    state = ItemState(item, item, '{"card_id": 0}', 1000.0, 1, 500.0)
    return store.record_review(deck, state, previous=None, reviewed_at=NOW, rating=3, answer="x")


def _count(path, table: str = "reviews") -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_a_backup_holds_every_committed_review_even_those_still_in_the_wal(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        for n in range(3):
            _review(store, f"q{n}")
        assert database_path(tmp_path).with_name("quizapp.sqlite3-wal").stat().st_size > 0  # not checkpointed yet
        copy = backup.back_up(store.connection, store.path, "manual")
    assert _count(copy) == 3
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert [p.name for p in copy.parent.iterdir()] == [copy.name]  # no partial file left behind


def test_backups_taken_while_another_connection_writes_are_consistent(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        _review(store, "first")
    stop = threading.Event()

    def keep_answering() -> None:
        with ReviewStore.open(tmp_path) as writer:
            n = 0
            while not stop.is_set():
                _review(writer, f"w{n}")
                n += 1

    writer = threading.Thread(target=keep_answering)
    writer.start()
    counts = []
    try:
        with ReviewStore.open_file(database_path(tmp_path)) as store:
            for n in range(5):
                copy = backup.back_up(store.connection, store.path, "manual", NOW + timedelta(seconds=n))
                info = backup.inspect_database(copy)  # integrity check included
                # The running totals are kept by triggers in the same transaction: a torn copy would disagree.
                totals = sqlite3.connect(copy).execute("SELECT SUM(reviews) FROM deck_totals").fetchone()[0]
                assert totals == info.reviews
                counts.append(info.reviews)
    finally:
        stop.set()
        writer.join()
    assert counts == sorted(counts) and counts[0] >= 1


def test_an_upgrade_is_preceded_by_a_backup_of_the_old_version(tmp_path):
    path = database_path(tmp_path)
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
        INSERT INTO reviews (deck_path, item_id, card_id, reviewed_at, rating) VALUES ('/d.yaml', 'q1', 'q1', 1.5, 3);
        PRAGMA user_version = 1;
        """
    )
    old.commit()
    old.close()
    ReviewStore.open_file(path).close()
    [taken] = backup.list_backups(path)
    assert taken.reason == "upgrade"
    copy = sqlite3.connect(taken.path)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT item_id FROM reviews").fetchall() == [("q1",)]
    copy.close()


def test_a_new_database_is_not_backed_up_but_an_existing_one_is_once_a_day(tmp_path):
    ReviewStore.open(tmp_path).close()
    assert backup.list_backups(database_path(tmp_path)) == []  # nothing to protect yet
    ReviewStore.open(tmp_path).close()
    ReviewStore.open(tmp_path).close()
    assert [b.reason for b in backup.list_backups(database_path(tmp_path))] == ["daily"]


def test_daily_backups_rotate_but_manual_ones_stay(tmp_path):
    with ReviewStore.open_file(database_path(tmp_path)) as store:
        _review(store, "q1")
        manual = backup.back_up(store.connection, store.path, "manual", NOW - timedelta(days=30))
        taken = [backup.back_up_daily(store.connection, store.path, NOW + timedelta(days=day)) for day in range(10)]
        again = backup.back_up_daily(store.connection, store.path, NOW + timedelta(days=9, minutes=5))
    assert all(taken) and again is None  # one a day
    kept = backup.list_backups(store.path)
    assert [b.path for b in kept if b.automatic] == taken[::-1][: backup.KEEP_AUTOMATIC]
    assert manual in [b.path for b in kept]


def test_a_failing_daily_backup_does_not_stop_the_app(tmp_path):
    ReviewStore.open(tmp_path).close()
    (tmp_path / backup.BACKUP_FOLDER).write_text("a file where the backups folder should be")
    with ReviewStore.open(tmp_path) as store:
        _review(store, "q1")  # still works
        assert "cannot back up" in store.backup_problem


# --- restore -------------------------------------------------------------------------------------


def _database_with(tmp_path, name: str, items: list[str]):
    folder = tmp_path / name
    with ReviewStore.open_file(database_path(folder)) as store:
        for item in items:
            _review(store, item)
        return backup.back_up_to(store.connection, tmp_path / f"{name}.sqlite3")


def test_restore_replaces_the_database_and_keeps_the_one_it_replaced(tmp_path):
    source = _database_with(tmp_path, "old", ["a"])
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        for item in ("a", "b", "c"):
            _review(store, item)
        result = backup.restore(source, store.path)
        # A connection that was open during the restore sees the restored data, not a swapped-out file.
        assert [r.item_id for r in store.reviews()] == ["a"]
    assert result.restored.reviews == 1
    assert _count(result.previous_backup) == 3
    with ReviewStore.open(data) as store:
        assert store.schema_version == CURRENT_VERSION
        assert store.review_totals() == (1, 0, 0)  # the trigger-kept totals came along


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b"these are not the reviews you are looking for" * 100), "not a quizapp database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "not a quizapp database"),
        (lambda p: p.mkdir(), "is not a file"),
    ],
    ids=["not-sqlite", "other-sqlite", "folder"],
)
def test_restore_refuses_what_is_not_a_quizapp_database_and_changes_nothing(tmp_path, make, message):
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        _review(store, "mine")
    bad = tmp_path / "bad.sqlite3"
    make(bad)
    with pytest.raises(StorageError, match=message):
        backup.restore(bad, database_path(data))
    assert _count(database_path(data)) == 1
    assert backup.list_backups(database_path(data)) == []


def test_restore_refuses_a_newer_schema(tmp_path):
    source = _database_with(tmp_path, "future", ["a"])
    connection = sqlite3.connect(source)
    connection.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    connection.close()
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        _review(store, "mine")
    with pytest.raises(StorageError, match="newer than this quizapp"):
        backup.restore(source, database_path(data))
    assert _count(database_path(data)) == 1


def test_restore_refuses_a_damaged_file(tmp_path):
    source = tmp_path / "damaged.sqlite3"
    with ReviewStore.open_file(source) as store:
        for n in range(2000):
            _review(store, f"q{n}")
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.connection.execute("PRAGMA journal_mode = DELETE")
    size = source.stat().st_size
    with open(source, "r+b") as handle:  # scribble over pages in the middle of the reviews table
        handle.seek(size // 2)
        handle.write(b"\xff" * 4096)
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        _review(store, "mine")
    with pytest.raises(StorageError, match="damaged"):
        backup.restore(source, database_path(data))
    assert _count(database_path(data)) == 1


def test_restore_refuses_the_database_itself(tmp_path):
    with ReviewStore.open(tmp_path) as store:
        _review(store, "mine")
    with pytest.raises(StorageError, match="the review database itself"):
        backup.restore(database_path(tmp_path), database_path(tmp_path))
    assert _count(database_path(tmp_path)) == 1


# --- commands ------------------------------------------------------------------------------------


def test_backup_and_restore_commands(tmp_path):
    runner = CliRunner()
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        _review(store, "a")
    target = tmp_path / "copy.sqlite3"
    result = runner.invoke(app, ["backup", str(target), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert "Backed up 1 review of 0 decks" in result.output and _count(target) == 1

    again = runner.invoke(app, ["backup", str(target), "--data-dir", str(data)])
    assert again.exit_code == 1 and "already exists" in again.output  # never over a file without --force
    assert runner.invoke(app, ["backup", str(target), "--force", "--data-dir", str(data)]).exit_code == 0

    assert runner.invoke(app, ["backup", "--data-dir", str(data)]).exit_code == 0
    listed = runner.invoke(app, ["backup", "--list", "--data-dir", str(data)])
    assert "manual" in listed.output

    with ReviewStore.open(data) as store:
        _review(store, "b")
    restored = runner.invoke(app, ["restore", str(target), "--data-dir", str(data)])
    assert restored.exit_code == 0, restored.output
    assert "kept in" in restored.output and "before-restore" in restored.output
    assert _count(database_path(data)) == 1


def test_backup_without_a_database_says_so(tmp_path):
    result = CliRunner().invoke(app, ["backup", "--data-dir", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "there is no review database" in result.output
    assert not (tmp_path / "empty").exists()  # checking created nothing


def test_a_damaged_database_never_rotates_the_good_backups_away(tmp_path):
    path = database_path(tmp_path)
    with ReviewStore.open_file(path) as store:
        _review(store, "q1")
        good = [
            backup.back_up_daily(store.connection, path, NOW + timedelta(days=day))
            for day in range(backup.KEEP_AUTOMATIC)
        ]
    # Every stored review now breaks a CHECK constraint the table claims to have: damage quick_check sees.
    connection = sqlite3.connect(path)
    table_sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'reviews'").fetchone()[0]
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_master SET sql = ? WHERE name = 'reviews'",
        (table_sql.rstrip().rstrip(")") + ", CHECK (rating > 100))",),
    )
    connection.commit()
    connection.close()
    with ReviewStore.open_file(path) as store:
        for day in range(backup.KEEP_AUTOMATIC, backup.KEEP_AUTOMATIC + 3):
            with pytest.raises(StorageError, match="fails its integrity check"):
                backup.back_up_daily(store.connection, path, NOW + timedelta(days=day))
    kept = backup.list_backups(path)
    assert set(good) <= {b.path for b in kept}
    assert [b.reason for b in kept].count("damaged") == 3


def test_restore_replaces_a_database_that_is_no_longer_readable_and_keeps_it(tmp_path):
    source = _database_with(tmp_path, "good", ["a", "b"])
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        _review(store, "mine")
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    broken = database_path(data)
    with open(broken, "r+b") as handle:  # SQLite no longer recognises the file
        handle.write(b"not an sqlite file at all")
    garbage = broken.read_bytes()
    result = backup.restore(source, broken)
    assert _count(broken) == 2
    assert result.previous_backup.read_bytes() == garbage  # set aside untouched, not deleted
    assert "unreadable" in result.previous_backup.name


@pytest.mark.parametrize("command", [["restore", "SOURCE"], ["doctor", "--fix"]], ids=["restore", "doctor-fix"])
def test_restore_and_repairs_refuse_while_a_running_app_holds_the_data_folder(tmp_path, command):
    from quizapp.storage.datadir import claim_data_dir

    source = _database_with(tmp_path, "old", ["a"])
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        for item in ("a", "b"):
            _review(store, item)
    before = _count(database_path(data))
    with claim_data_dir(data) as running_app:  # what the app holds while it runs
        assert running_app.writable
        args = [str(source) if a == "SOURCE" else a for a in command]
        result = CliRunner().invoke(app, [*args, "--data-dir", str(data)])
    assert result.exit_code == 1
    assert "needs to write" in result.output and "another quizapp" in result.output
    assert _count(database_path(data)) == before
    # Once the app is gone, the restore goes through.
    if command[0] == "restore":
        again = CliRunner().invoke(app, ["restore", str(source), "--data-dir", str(data)])
        assert again.exit_code == 0
        assert _count(database_path(data)) == 1
