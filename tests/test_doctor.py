"""``quizapp doctor``: integrity, decks whose files moved, reviews of cards no deck has; --fix repairs."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.deck.yaml_io import load_deck
from quizapp.paths import database_path
from quizapp.storage import backup
from quizapp.storage.db import ReviewStore, deck_key
from quizapp.storage.doctor import ARCHIVE_FILE, examine, repair
from quizapp.study.session import StudySession

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

CAPITALS = """\
title: Capitals
cards:
  - q: What is the capital of Norway?
    a: Oslo
  - q: What is the capital of Peru?
    a: Lima
  - q: What is the capital of Chad?
    a: N'Djamena
"""


def _study(data: Path, deck_file: Path, answers: int, now: datetime = NOW) -> None:
    deck = load_deck(deck_file)
    with ReviewStore.open(data) as store:
        session = StudySession(deck, deck_file, store, now=now)
        for _ in range(answers):
            session.answer(3)


def _setup(tmp_path: Path, answers: int = 3) -> tuple[Path, Path]:
    data, deck_file = tmp_path / "data", tmp_path / "decks" / "capitals.yaml"
    deck_file.parent.mkdir()
    deck_file.write_text(CAPITALS)
    _study(data, deck_file, answers)
    return data, deck_file


def _run(*args: str):
    return CliRunner().invoke(app, ["doctor", *args])


def test_a_healthy_database_passes(tmp_path):
    data, _ = _setup(tmp_path)
    result = _run("--data-dir", str(data))
    assert result.exit_code == 0, result.output
    assert "Integrity check: ok" in result.output
    assert "Moved decks: none" in result.output and "Orphaned reviews: none" in result.output


def test_a_moved_deck_is_found_and_relinked_with_its_whole_history(tmp_path):
    data, deck_file = _setup(tmp_path)
    with ReviewStore.open(data) as store:
        totals_before = store.review_totals(deck_file)
        states_before = store.load_states(deck_file)
        store.suspend(deck_file, [next(iter(states_before))], datetime.now(UTC))
    new_home = tmp_path / "elsewhere" / "renamed.yaml"
    new_home.parent.mkdir()
    deck_file.rename(new_home)

    listed = _run(str(new_home.parent), "--data-dir", str(data))
    assert listed.exit_code == 1  # something to repair
    assert f"{deck_key(deck_file)} -> {deck_key(new_home)}" in listed.output
    with ReviewStore.open(data) as store:
        assert store.review_totals(new_home) == (0, 0, 0)  # listing changed nothing

    fixed = _run(str(new_home.parent), "--fix", "--data-dir", str(data))
    assert fixed.exit_code == 0, fixed.output
    assert 'Re-linked "Capitals": 3 reviews now belong to' in fixed.output
    assert "Backed up the database to" in fixed.output
    with ReviewStore.open(data) as store:
        assert store.review_totals(new_home) == totals_before
        assert store.load_states(new_home) == states_before
        assert store.review_totals(deck_file) == (0, 0, 0)
        assert store.suspended_ids(new_home) == {next(iter(states_before))}  # still suspended
        assert store.suspended_ids(deck_file) == set()
        assert [path for path, _, _ in store.decks()] == [deck_key(new_home)]
        assert sum(r for _, _, r, *_ in store.daily_activity(new_home)) == 3
    assert _run(str(new_home.parent), "--data-dir", str(data)).exit_code == 0


def test_a_deck_renamed_in_its_own_folder_is_found_without_being_told_where(tmp_path):
    data, deck_file = _setup(tmp_path)
    renamed = deck_file.with_name("capitals-2026.yaml")
    deck_file.rename(renamed)
    with ReviewStore.open(data) as store:
        report = examine(store, [], data)
    [move] = report.moved
    assert (move.old_path, move.new_path, move.matched_cards) == (deck_key(deck_file), deck_key(renamed), 3)


def test_relinking_onto_a_deck_already_studied_at_its_new_path_merges_both_histories(tmp_path):
    data, deck_file = _setup(tmp_path, answers=2)  # Norway and Peru studied at the old path
    new_home = tmp_path / "moved.yaml"
    deck_file.rename(new_home)
    _study(data, new_home, answers=1, now=NOW + timedelta(days=1))  # after the move Norway is new there: again
    norway, peru = (card.card_id for card in load_deck(new_home).cards[:2])
    with ReviewStore.open(data) as store:
        norway_later = store.get_state(new_home, norway)
        peru_before = store.get_state(deck_file, peru)
        repair(store, examine(store, [new_home], data))
        assert len(store.reviews(new_home)) == 3 and store.review_totals(new_home)[0] == 3
        # Norway has a schedule from each path: the one reviewed last (at the new path) is kept.
        assert store.get_state(new_home, norway) == norway_later
        assert store.get_state(new_home, peru) == peru_before  # only the old path had Peru: it comes along
        assert store.load_states(deck_file) == {}


def test_two_equally_good_matches_are_reported_not_guessed(tmp_path):
    data, deck_file = _setup(tmp_path)
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "copies").mkdir(exist_ok=True)
        (tmp_path / "copies" / name).write_text(CAPITALS)
    deck_file.unlink()
    result = _run(str(tmp_path / "copies"), "--fix", "--data-dir", str(data))
    assert "matches several decks equally" in result.output
    assert "Re-linked" not in result.output
    with ReviewStore.open(data) as store:
        assert store.review_totals(deck_file)[0] == 3  # untouched


def test_reviews_of_removed_cards_are_listed_then_archived_not_lost(tmp_path):
    data, deck_file = _setup(tmp_path)
    peru = load_deck(deck_file).cards[1].card_id
    deck_file.write_text(CAPITALS.replace("Peru", "Chile"))  # the Peru card is gone from every deck
    listed = _run("--data-dir", str(data))
    assert listed.exit_code == 1
    assert "Orphaned reviews: 1 review of 1 card no deck has" in listed.output

    fixed = _run("--fix", "--data-dir", str(data))
    assert fixed.exit_code == 0, fixed.output
    assert f"Archived 1 orphaned review and 1 scheduling row to {data / ARCHIVE_FILE}" in fixed.output
    with ReviewStore.open(data) as store:
        assert store.review_totals(deck_file)[0] == 2
        assert peru not in {r.card_id for r in store.reviews(deck_file)}
    archive = sqlite3.connect(data / ARCHIVE_FILE)
    assert archive.execute("SELECT card_id FROM archived_reviews").fetchall() == [(peru,)]
    [(answer_kept,)] = archive.execute("SELECT COUNT(*) FROM archived_reviews").fetchall()
    [(state_kept,)] = archive.execute("SELECT COUNT(*) FROM archived_item_state").fetchall()
    archive.close()
    assert (answer_kept, state_kept) == (1, 1)
    assert _run("--data-dir", str(data)).exit_code == 0


def test_orphans_are_deleted_only_when_asked_and_after_a_backup(tmp_path):
    data, deck_file = _setup(tmp_path)
    deck_file.write_text(CAPITALS.replace("Chad", "Mali"))
    fixed = _run("--fix", "--delete-orphans", "--data-dir", str(data))
    assert "Deleted 1 orphaned review and 1 scheduling row" in fixed.output
    assert not (data / ARCHIVE_FILE).exists()
    [taken] = [b for b in backup.list_backups(database_path(data)) if b.reason == "before-doctor"]
    assert sqlite3.connect(taken.path).execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 3


def test_a_card_kept_in_another_deck_is_not_an_orphan(tmp_path):
    data, deck_file = _setup(tmp_path)
    other = tmp_path / "decks" / "more.yaml"
    other.write_text("title: More\ncards:\n  - q: What is the capital of Peru?\n    a: Lima\n")
    deck_file.write_text(CAPITALS.replace("Peru", "Chile"))
    with ReviewStore.open(data) as store:
        assert examine(store, [other], data).orphans == []


def test_the_history_of_an_unreadable_deck_is_left_alone(tmp_path):
    data, deck_file = _setup(tmp_path)
    deck_file.write_text("title: [broken\n")
    result = _run("--fix", "--data-dir", str(data))
    assert "cannot read" in result.output and "its history is left alone" in result.output
    with ReviewStore.open(data) as store:
        assert store.review_totals(deck_file)[0] == 3


def _damage(data: Path, table_or_index: str, sql: str) -> None:
    """Change an object's definition behind SQLite's back, so the stored rows no longer fit it."""
    connection = sqlite3.connect(database_path(data))
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql, table_or_index))
    connection.commit()
    connection.close()


def test_a_damaged_index_is_rebuilt_by_fix_and_the_other_checks_then_run(tmp_path):
    data, deck_file = _setup(tmp_path)
    deck_file.write_text(CAPITALS.replace("Chad", "Mali"))  # and one orphan, found once the file is sound
    # The index now claims to cover another column than the one it was built on: it disagrees with its table.
    _damage(data, "reviews_by_time", "CREATE INDEX reviews_by_time ON reviews (rating)")
    listed = _run("--data-dir", str(data))
    assert listed.exit_code == 1
    assert "Integrity check: FAILED" in listed.output and "missing from index reviews_by_time" in listed.output
    assert "rebuilds them" in listed.output

    fixed = _run("--fix", "--data-dir", str(data))
    assert fixed.exit_code == 0, fixed.output
    assert "Rebuilt the indexes (REINDEX): the integrity check passes now" in fixed.output
    assert "Archived 1 orphaned review" in fixed.output
    with ReviewStore.open(data) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.review_totals(deck_file)[0] == 2


def test_damaged_data_is_not_touched_and_the_newest_sound_backup_is_named(tmp_path):
    data, _ = _setup(tmp_path)
    with ReviewStore.open(data) as store:
        sound = backup.back_up(store.connection, store.path, "manual")
    table_sql = (
        sqlite3.connect(database_path(data))
        .execute("SELECT sql FROM sqlite_master WHERE name = 'reviews'")
        .fetchone()[0]
    )
    # Every stored review now breaks a CHECK constraint: damage to the data, not an index.
    _damage(data, "reviews", table_sql.rstrip().rstrip(")") + ", CHECK (rating > 100))")
    with ReviewStore.open_file(database_path(data)) as store:
        damaged = backup.back_up(store.connection, store.path, "manual")  # a later backup, of the damaged file
    result = _run("--fix", "--data-dir", str(data))
    assert result.exit_code == 1
    assert "Integrity check: FAILED" in result.output
    assert f"quizapp restore {sound}" in result.output and str(damaged) not in result.output
    assert "Nothing repaired" in result.output


def test_a_database_too_damaged_to_open_gets_the_backup_to_restore(tmp_path):
    data, _ = _setup(tmp_path)
    with ReviewStore.open(data) as store:
        sound = backup.back_up(store.connection, store.path, "manual")
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = database_path(data)
    with open(path, "r+b") as handle:  # the header's magic string: SQLite no longer recognises the file
        handle.write(b"not an sqlite file at all")
    result = _run("--data-dir", str(data))
    assert result.exit_code == 1
    assert "cannot open the review database" in result.output
    assert f"quizapp restore {sound}" in result.output
    assert "Traceback" not in result.output
