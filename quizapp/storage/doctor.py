"""``quizapp doctor``: check the review database against the decks on disk, and repair what it can.

Three checks:

* **integrity** — ``PRAGMA integrity_check`` over the whole file;
* **moved decks** — history is keyed by the deck file's path, so a deck that was moved
  or renamed looks new and its history sits under a path that no longer exists. A gone
  path is matched to a known deck file that has most of the cards it has history for
  (card ids are stable), the title breaking ties; with ``--fix`` its history is
  re-linked to the new path (merged if the new path already has some);
* **orphaned reviews** — reviews of cards that no known deck has any more (by card id,
  in any deck). Removed cards deliberately keep their history, so these are only listed;
  ``--fix`` moves them into ``archive.sqlite3`` next to the database (or deletes them
  with ``--delete-orphans``).

"Known decks" are the bundled decks, the user's deck folder, the paths given, every
deck file the database has seen that still exists, and the folders gone decks lived in.
A deck that cannot be read is reported and its history left alone (its cards are unknown).
Every repair is preceded by a backup of the database and is done in transactions, with
the archive written before anything is deleted, so an interrupted repair loses nothing.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.deck.discovery import deck_files
from quizapp.deck.yaml_io import load_deck
from quizapp.errors import DeckError, StorageError
from quizapp.storage import backup
from quizapp.storage.db import ReviewStore, deck_key
from quizapp.wording import plural

ARCHIVE_FILE = "archive.sqlite3"

_ARCHIVE_SCHEMA = """
CREATE TABLE IF NOT EXISTS archive.archived_reviews (
    id INTEGER PRIMARY KEY,
    deck_path TEXT NOT NULL,
    item_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    reviewed_at REAL NOT NULL,
    rating INTEGER NOT NULL,
    answer TEXT,
    correct INTEGER,
    duration_ms INTEGER,
    previous_state TEXT,
    kind TEXT NOT NULL,
    archived_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS archive.archived_item_state (
    deck_path TEXT NOT NULL,
    item_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    card_json TEXT NOT NULL,
    due REAL NOT NULL,
    state INTEGER NOT NULL,
    introduced_at REAL NOT NULL,
    archived_at REAL NOT NULL,
    PRIMARY KEY (deck_path, item_id)
);
"""


@dataclass(frozen=True)
class KnownDeck:
    path: str  # as the database keys it (resolved)
    title: str
    card_ids: frozenset[str]


@dataclass(frozen=True)
class MovedDeck:
    old_path: str
    new_path: str
    title: str
    reviews: int
    matched_cards: int  # of the cards with history, how many the new file has
    history_cards: int


@dataclass(frozen=True)
class GoneDeck:
    """A recorded deck file that no longer exists and was not found elsewhere (or not unambiguously)."""

    path: str
    title: str
    reviews: int
    candidates: tuple[str, ...] = ()  # equally good matches, when there are several


@dataclass(frozen=True)
class OrphanCard:
    deck_path: str
    card_id: str
    reviews: int
    states: int  # scheduling rows (one per study item of the card)


@dataclass
class DoctorReport:
    database: Path
    version: int
    integrity: list[str]
    reviews: int
    known: list[KnownDeck] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, first problem)
    moved: list[MovedDeck] = field(default_factory=list)
    gone: list[GoneDeck] = field(default_factory=list)
    orphans: list[OrphanCard] = field(default_factory=list)

    @property
    def integrity_ok(self) -> bool:
        return self.integrity == ["ok"]

    @property
    def orphan_reviews(self) -> int:
        return sum(o.reviews for o in self.orphans)

    def healthy(self) -> bool:
        """Nothing left to repair: the file is sound, no deck to re-link, no orphans."""
        return self.integrity_ok and not self.moved and not self.orphans


# --- examining ------------------------------------------------------------------------------------


def examine(
    store: ReviewStore, extra_paths: list[Path] | None = None, data_dir: Path | str | None = None
) -> DoctorReport:
    """Run every check; changes nothing."""
    connection = store.connection
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        reviews = connection.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
    except sqlite3.DatabaseError as exc:  # too damaged to be checked at all
        integrity, reviews = [str(exc)], 0
    report = DoctorReport(database=store.path, version=store.schema_version, integrity=integrity, reviews=reviews)
    if not report.integrity_ok:
        return report  # reading a damaged file further could mislead; restore a backup first
    history = _history_paths(connection)
    gone = {path: title for path, title in history.items() if not Path(path).exists()}
    search = list(extra_paths or [])
    search += [Path(p) for p in history if p not in gone]
    search += sorted({Path(p).parent for p in gone if Path(p).parent.is_dir()})
    report.known, report.unreadable = _known_decks(search, data_dir)
    report.moved, report.gone = _match_gone(connection, gone, report.known)
    report.orphans = find_orphans(connection, report.known, report.unreadable)
    return report


def _history_paths(connection: sqlite3.Connection) -> dict[str, str]:
    """Every deck path with history (reviews, scheduling or quizzes) → its recorded title."""
    titles = dict(connection.execute("SELECT path, title FROM decks"))
    paths = {
        row[0]
        for row in connection.execute(
            "SELECT deck_path FROM reviews UNION SELECT deck_path FROM item_state UNION SELECT deck_path FROM quiz_results"
        )
    }
    return {path: titles.get(path, Path(path).stem) for path in sorted(paths)}


def _known_decks(search: list[Path], data_dir: Path | str | None) -> tuple[list[KnownDeck], list[tuple[str, str]]]:
    known: list[KnownDeck] = []
    unreadable: list[tuple[str, str]] = []
    for path, _origin in deck_files(search, data_dir):
        if not path.is_file():
            continue
        try:
            deck = load_deck(path)
        except DeckError as exc:
            unreadable.append((deck_key(path), exc.first))
            continue
        known.append(KnownDeck(deck_key(path), deck.title, frozenset(card.card_id for card in deck.cards)))
    return known, unreadable


def _cards_with_history(connection: sqlite3.Connection, path: str) -> set[str]:
    rows = connection.execute(
        "SELECT card_id FROM reviews WHERE deck_path = ? UNION SELECT card_id FROM item_state WHERE deck_path = ?",
        (path, path),
    )
    return {row[0] for row in rows}


def _match_gone(
    connection: sqlite3.Connection, gone: dict[str, str], known: list[KnownDeck]
) -> tuple[list[MovedDeck], list[GoneDeck]]:
    moved: list[MovedDeck] = []
    unmatched: list[GoneDeck] = []
    for path, title in gone.items():
        cards = _cards_with_history(connection, path)
        reviews = connection.execute("SELECT COUNT(*) FROM reviews WHERE deck_path = ?", (path,)).fetchone()[0]
        scored = []
        for deck in known:
            overlap = len(cards & deck.card_ids)
            # Most of the cards with history must be in the new file: sharing one common
            # question ("What is the capital of France?") does not make two decks the same.
            if cards and overlap * 2 < len(cards):
                continue
            if not cards and deck.title != title:
                continue
            scored.append(((overlap, deck.title == title), deck))
        if not scored:
            unmatched.append(GoneDeck(path, title, reviews))
            continue
        best = max(score for score, _ in scored)
        winners = [deck for score, deck in scored if score == best]
        if len(winners) > 1:
            unmatched.append(GoneDeck(path, title, reviews, tuple(d.path for d in winners)))
            continue
        moved.append(MovedDeck(path, winners[0].path, title, reviews, best[0], len(cards)))
    return moved, unmatched


def find_orphans(
    connection: sqlite3.Connection, known: list[KnownDeck], unreadable: list[tuple[str, str]]
) -> list[OrphanCard]:
    """Cards with reviews or scheduling that no known deck has, grouped by deck path and card id."""
    all_cards: set[str] = set()
    for deck in known:
        all_cards |= deck.card_ids
    skip = {path for path, _ in unreadable}
    counts: dict[tuple[str, str], list[int]] = {}
    for deck_path, card_id, reviews in connection.execute(
        "SELECT deck_path, card_id, COUNT(*) FROM reviews GROUP BY deck_path, card_id"
    ):
        if card_id not in all_cards and deck_path not in skip:
            counts.setdefault((deck_path, card_id), [0, 0])[0] += reviews
    for deck_path, card_id, states in connection.execute(
        "SELECT deck_path, card_id, COUNT(*) FROM item_state GROUP BY deck_path, card_id"
    ):
        if card_id not in all_cards and deck_path not in skip:
            counts.setdefault((deck_path, card_id), [0, 0])[1] += states
    return [OrphanCard(path, card, reviews, states) for (path, card), (reviews, states) in sorted(counts.items())]


# --- reporting ------------------------------------------------------------------------------------


def format_report(report: DoctorReport) -> str:
    lines = [f"Database {report.database} (schema version {report.version}, {plural(report.reviews, 'review')})"]
    if report.integrity_ok:
        lines.append("Integrity check: ok")
    else:
        lines.append(f"Integrity check: FAILED ({plural(len(report.integrity), 'problem')})")
        lines += [f"  {problem}" for problem in report.integrity[:20]]
        lines.append("The other checks were skipped.")
        if all(_index_only(problem) for problem in report.integrity):
            lines.append("Only indexes are damaged: `quizapp doctor --fix` rebuilds them.")
        else:
            sound = good_backup(report.database)
            hint = f"quizapp restore {sound}" if sound else "quizapp restore BACKUP"
            lines.append(f"Restore a backup (`quizapp backup --list`; the newest sound one: `{hint}`).")
        return "\n".join(lines)
    lines.append(f"Decks checked: {len(report.known)}")
    for path, problem in report.unreadable:
        lines.append(f"  cannot read {path} (its history is left alone): {problem}")
    if report.moved:
        lines.append(f"Moved decks: {len(report.moved)}")
        for move in report.moved:
            lines.append(
                f'  "{move.title}": {move.old_path} -> {move.new_path} ({plural(move.reviews, "review")}; '
                f"{move.matched_cards} of {plural(move.history_cards, 'card')} with history found there)"
            )
    else:
        lines.append("Moved decks: none")
    for gone in report.gone:
        found = f"; it matches several decks equally: {', '.join(gone.candidates)}" if gone.candidates else ""
        lines.append(
            f'  gone, not found elsewhere: "{gone.title}" {gone.path} ({plural(gone.reviews, "review")}){found}'
        )
    if report.orphans:
        cards = len(report.orphans)
        lines.append(
            f"Orphaned reviews: {plural(report.orphan_reviews, 'review')} of {plural(cards, 'card')} no deck has"
        )
        for orphan in report.orphans[:30]:
            lines.append(f"  {orphan.deck_path}: card {orphan.card_id} ({plural(orphan.reviews, 'review')})")
        if cards > 30:
            lines.append(f"  … and {cards - 30} more cards")
    else:
        lines.append("Orphaned reviews: none")
    if report.moved or report.orphans:
        lines.append("Run `quizapp doctor --fix` to re-link the moved decks and archive the orphaned reviews.")
    return "\n".join(lines)


def good_backup(database: Path) -> Path | None:
    """The newest backup that passes its own integrity check."""
    for candidate in backup.list_backups(database):
        try:
            backup.inspect_database(candidate.path)
        except StorageError:
            continue
        return candidate.path
    return None


# --- repairing ------------------------------------------------------------------------------------


def repair(store: ReviewStore, report: DoctorReport, *, delete_orphans: bool = False) -> list[str]:
    """Re-link moved decks, then archive (or delete) orphaned reviews; returns one line per thing done."""
    if not report.integrity_ok:
        if not all(_index_only(problem) for problem in report.integrity):
            return ["Nothing repaired: the database failed its integrity check; restore a backup instead."]
        # Only indexes disagree with their tables: they hold no data of their own and can be rebuilt.
        done = [f"Backed up the database to {backup.back_up(store.connection, store.path, 'before-doctor')}"]
        try:
            store.connection.execute("REINDEX")
        except sqlite3.Error as exc:
            return done + [f"Rebuilding the indexes failed ({exc}); restore a backup instead."]
        after = [row[0] for row in store.connection.execute("PRAGMA integrity_check")]
        if after != ["ok"]:
            return done + ["Rebuilt the indexes, but the integrity check still fails; restore a backup instead."]
        return done + ["Rebuilt the indexes (REINDEX): the integrity check passes now"]
    if not report.moved and not report.orphans:
        return ["Nothing to repair."]
    done = [f"Backed up the database to {backup.back_up(store.connection, store.path, 'before-doctor')}"]
    for move in report.moved:
        relink_deck(store.connection, move.old_path, move.new_path, move.title)
        done.append(f'Re-linked "{move.title}": {plural(move.reviews, "review")} now belong to {move.new_path}')
    orphans = find_orphans(store.connection, report.known, report.unreadable)
    if orphans:
        if delete_orphans:
            reviews, states = delete_orphan_rows(store.connection, orphans)
            done.append(f"Deleted {plural(reviews, 'orphaned review')} and {plural(states, 'scheduling row')}")
        else:
            archive = store.path.parent / ARCHIVE_FILE
            reviews, states = archive_orphans(store.connection, orphans, archive)
            done.append(
                f"Archived {plural(reviews, 'orphaned review')} and {plural(states, 'scheduling row')} to {archive}"
            )
    return done


def _index_only(problem: str) -> bool:
    """Whether an integrity-check line is about an index only (what REINDEX repairs)."""
    return " from index " in problem or "wrong # of entries in index" in problem or "missing from index" in problem


def relink_deck(connection: sqlite3.Connection, old: str, new: str, title: str) -> None:
    """Move all history of deck path ``old`` to ``new`` in one transaction, merging with what ``new`` has.

    Where both paths have a scheduling state for an item, the one reviewed last wins.
    The running totals of both paths are recomputed from the reviews.
    """
    try:
        connection.execute("BEGIN IMMEDIATE")
        conflicts = connection.execute(
            "SELECT o.item_id,"
            " (SELECT MAX(reviewed_at) FROM reviews WHERE deck_path = :old AND item_id = o.item_id),"
            " (SELECT MAX(reviewed_at) FROM reviews WHERE deck_path = :new AND item_id = o.item_id)"
            " FROM item_state o JOIN item_state n ON n.deck_path = :new AND n.item_id = o.item_id"
            " WHERE o.deck_path = :old",
            {"old": old, "new": new},
        ).fetchall()
        for item_id, old_last, new_last in conflicts:
            loser = new if (old_last or 0) > (new_last or 0) else old
            connection.execute("DELETE FROM item_state WHERE deck_path = ? AND item_id = ?", (loser, item_id))
        connection.execute("UPDATE item_state SET deck_path = ? WHERE deck_path = ?", (new, old))
        connection.execute("UPDATE reviews SET deck_path = ? WHERE deck_path = ?", (new, old))
        connection.execute("UPDATE quiz_results SET deck_path = ? WHERE deck_path = ?", (new, old))
        # Suspended items stay suspended (an item suspended at both paths once is one row).
        connection.execute("UPDATE OR IGNORE suspended SET deck_path = ? WHERE deck_path = ?", (new, old))
        connection.execute("DELETE FROM suspended WHERE deck_path = ?", (old,))
        connection.execute("UPDATE OR IGNORE buried SET deck_path = ? WHERE deck_path = ?", (new, old))
        connection.execute("DELETE FROM buried WHERE deck_path = ?", (old,))
        # The totals are kept by insert/delete triggers, which an UPDATE does not fire: recompute both paths.
        connection.execute("DELETE FROM deck_totals WHERE deck_path IN (?, ?)", (old, new))
        connection.execute(
            "INSERT INTO deck_totals (deck_path, reviews, graded, correct, duration_ms)"
            " SELECT deck_path, COUNT(*), COUNT(correct), COALESCE(SUM(correct), 0), COALESCE(SUM(duration_ms), 0)"
            " FROM reviews WHERE deck_path = ? GROUP BY deck_path",
            (new,),
        )
        connection.execute("DELETE FROM review_buckets WHERE deck_path IN (?, ?)", (old, new))
        connection.execute(
            "INSERT INTO review_buckets (deck_path, bucket, kind, reviews, graded, correct, duration_ms)"
            " SELECT deck_path, CAST(reviewed_at / 900 AS INTEGER), kind, COUNT(*), COUNT(correct),"
            " COALESCE(SUM(correct), 0), COALESCE(SUM(duration_ms), 0)"
            " FROM reviews WHERE deck_path = ? GROUP BY deck_path, CAST(reviewed_at / 900 AS INTEGER), kind",
            (new,),
        )
        first_last = connection.execute(
            "SELECT MIN(first_seen), MAX(last_seen) FROM decks WHERE path IN (?, ?)", (old, new)
        ).fetchone()
        now = time.time()
        first_seen, last_seen = first_last[0] or now, first_last[1] or now
        connection.execute("DELETE FROM decks WHERE path IN (?, ?)", (old, new))
        connection.execute(
            "INSERT INTO decks (path, title, first_seen, last_seen) VALUES (?, ?, ?, ?)",
            (new, title, first_seen, last_seen),
        )
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise StorageError(f"cannot re-link {old} to {new}: {exc}") from exc


def _mark_orphans(connection: sqlite3.Connection, orphans: list[OrphanCard]) -> None:
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS orphan_cards (deck_path TEXT, card_id TEXT)")
    connection.execute("DELETE FROM temp.orphan_cards")
    connection.executemany("INSERT INTO temp.orphan_cards VALUES (?, ?)", [(o.deck_path, o.card_id) for o in orphans])


def archive_orphans(connection: sqlite3.Connection, orphans: list[OrphanCard], archive: Path) -> tuple[int, int]:
    """Copy the orphans' reviews and states into ``archive``, then delete them from the database.

    Two transactions, the copy committed first: if the repair is interrupted in between,
    the rows are in both files (running it again skips the ones already archived), never in neither.
    """
    archived_at = time.time()
    try:
        connection.execute("ATTACH DATABASE ? AS archive", (str(archive),))
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open the archive {archive}: {exc}") from exc
    try:
        for statement in filter(str.strip, _ARCHIVE_SCHEMA.split(";")):
            connection.execute(statement)
        _mark_orphans(connection, orphans)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT OR IGNORE INTO archive.archived_reviews SELECT id, deck_path, item_id, card_id, reviewed_at, rating,"
            " answer, correct, duration_ms, previous_state, kind, ? FROM main.reviews"
            " WHERE (deck_path, card_id) IN (SELECT deck_path, card_id FROM temp.orphan_cards)",
            (archived_at,),
        )
        connection.execute(
            "INSERT OR REPLACE INTO archive.archived_item_state SELECT deck_path, item_id, card_id, card_json, due,"
            " state, introduced_at, ? FROM main.item_state"
            " WHERE (deck_path, card_id) IN (SELECT deck_path, card_id FROM temp.orphan_cards)",
            (archived_at,),
        )
        connection.execute("COMMIT")
        connection.execute("BEGIN IMMEDIATE")
        # Only what the archive holds is deleted.
        reviews = connection.execute(
            "DELETE FROM main.reviews WHERE (deck_path, card_id) IN (SELECT deck_path, card_id FROM temp.orphan_cards)"
            " AND id IN (SELECT id FROM archive.archived_reviews)"
        ).rowcount
        states = connection.execute(
            "DELETE FROM main.item_state WHERE (deck_path, card_id) IN (SELECT deck_path, card_id FROM temp.orphan_cards)"
            " AND (deck_path, item_id, card_json) IN"
            " (SELECT deck_path, item_id, card_json FROM archive.archived_item_state)"
        ).rowcount
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise StorageError(f"cannot archive the orphaned reviews to {archive}: {exc}") from exc
    finally:
        connection.execute("DETACH DATABASE archive")
    return reviews, states


def delete_orphan_rows(connection: sqlite3.Connection, orphans: list[OrphanCard]) -> tuple[int, int]:
    """Delete the orphans' reviews and states (``--delete-orphans``; a backup was taken just before)."""
    try:
        _mark_orphans(connection, orphans)
        connection.execute("BEGIN IMMEDIATE")
        where = " WHERE (deck_path, card_id) IN (SELECT deck_path, card_id FROM temp.orphan_cards)"
        reviews = connection.execute("DELETE FROM main.reviews" + where).rowcount
        states = connection.execute("DELETE FROM main.item_state" + where).rowcount
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise StorageError(f"cannot delete the orphaned reviews: {exc}") from exc
    return reviews, states
