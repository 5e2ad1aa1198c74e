"""Backups of the review database, taken with SQLite's online backup API, and restoring one.

A backup is a consistent copy even while the app (or another instance) is writing:
``sqlite3.Connection.backup`` copies the database page by page under SQLite's own
locking and restarts if the source changes underneath it. Each copy is written to
a temporary name in the ``backups/`` folder next to the database, switched to a
rollback journal (so it is one self-contained file) and only then renamed into place,
so a crash mid-backup never leaves a half-written file with a backup's name.

Automatic backups (once a day on first start, and before any schema upgrade) rotate:
the newest :data:`KEEP_AUTOMATIC` are kept. Backups the user asked for
(``quizapp backup``) and the copy taken before a restore are never rotated away.

Restoring validates the file first (it is SQLite, passes ``PRAGMA integrity_check``,
holds quizapp's tables, and its schema version is not newer than this quizapp's),
backs up the current database, and then copies the file *into* the live database
with the same backup API, so connections that are open elsewhere see the restored
data instead of a file that was swapped under them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quizapp.errors import StorageError
from quizapp.storage.migrations import CURRENT_VERSION, migrate, schema_version

BACKUP_FOLDER = "backups"
#: How many automatic backups (daily, before an upgrade) are kept; older ones are deleted.
KEEP_AUTOMATIC = 7
#: Reasons whose backups rotate; every other reason is kept until the user deletes it.
AUTOMATIC_REASONS = ("daily", "upgrade")
#: Tables every quizapp database has since schema version 1.
REQUIRED_TABLES = ("decks", "item_state", "reviews")

_NAME_RE = re.compile(r"^quizapp-(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.sqlite3$")
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
#: Two threads of one app opening the store on first start must not both take the daily backup.
_daily_lock = threading.Lock()


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC
    reason: str

    @property
    def automatic(self) -> bool:
        return self.reason in AUTOMATIC_REASONS


@dataclass(frozen=True)
class DatabaseInfo:
    """What a database file holds, as checked before restoring it."""

    path: Path
    version: int
    reviews: int
    decks: int


@dataclass(frozen=True)
class RestoreResult:
    restored: DatabaseInfo
    previous_backup: Path | None  # the copy of the database that was replaced (None if there was none)


def backups_dir(database: Path) -> Path:
    """The backups folder of a database: ``backups/`` next to it in the data folder."""
    return Path(database).parent / BACKUP_FOLDER


def backup_name(reason: str, now: datetime | None = None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"quizapp-{moment.strftime(_STAMP_FORMAT)}-{reason}.sqlite3"


def list_backups(database: Path) -> list[BackupFile]:
    """The backups of a database, newest first (files that are not named like ours are ignored)."""
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME_RE.match(path.name)
        if match and path.is_file():
            taken = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)
            found.append(BackupFile(path, taken, match.group(2)))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of ``source`` to ``target`` atomically (temporary file, fsync, rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.partial")
    temporary.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(temporary, isolation_level=None)
        try:
            source.backup(copy)
            # The source is in WAL mode and the copy inherits it; a backup should be one plain file.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def back_up(connection: sqlite3.Connection, database: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the open database into its backups folder; automatic backups then rotate. Returns the copy's path."""
    target = backups_dir(database) / backup_name(reason, now)
    try:
        copy_database(connection, target)
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"cannot back up the review database {database} to {target.parent}: {exc}") from exc
    if reason in AUTOMATIC_REASONS:
        # (Only the daily copy is checked: an upgrade must not be refused on the way to `quizapp doctor`.)
        if reason == "daily" and not _sound(target):
            # Rotating now could push out the last good copies, one day at a time: keep them all,
            # and say what is wrong (the damaged copy stays, under a name that never rotates).
            damaged = target.with_name(backup_name("damaged", now))
            os.replace(target, damaged)
            raise StorageError(
                f"the review database {database} fails its integrity check; older backups are kept. "
                "Run `quizapp doctor` to see what is wrong"
            )
        rotate(database)
    return target


def _sound(copy: Path) -> bool:
    """A quick structural check of a fresh backup (quick_check: no index-content comparison, so fast)."""
    try:
        connection = sqlite3.connect(copy)
        try:
            return [row[0] for row in connection.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def rotate(database: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; returns what was deleted."""
    automatic = [b for b in list_backups(database) if b.automatic]
    removed = []
    for old in automatic[keep:]:
        try:
            old.path.unlink()
        except OSError:
            continue  # another instance rotated it already, or it is read-only: leave it
        removed.append(old.path)
    return removed


def took_backup_today(database: Path, now: datetime | None = None) -> bool:
    """Whether any backup was taken on the local calendar day of ``now``."""
    today = (now or datetime.now(UTC)).astimezone().date()
    return any(b.taken_at.astimezone().date() == today for b in list_backups(database))


def back_up_daily(connection: sqlite3.Connection, database: Path, now: datetime | None = None) -> Path | None:
    """The first start of each day backs the database up; returns the new backup, or None if one exists."""
    with _daily_lock:
        if took_backup_today(database, now):
            return None
        return back_up(connection, database, "daily", now)


def back_up_to(connection: sqlite3.Connection, target: Path, *, overwrite: bool = False) -> Path:
    """``quizapp backup FILE``: a copy at a place the user chose (never over an existing file unless told)."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise StorageError(
            f"{target} is a folder; give the backup's file name, e.g. {target / 'quizapp-backup.sqlite3'}"
        )
    if target.exists() and not overwrite:
        raise StorageError(f"{target} already exists; choose another name or pass --force to replace it")
    try:
        copy_database(connection, target)
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(f"cannot write the backup {target}: {exc}") from exc
    return target


# --- restoring ------------------------------------------------------------------------------------


def _read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: checking a file must never change it (nor create a journal next to it).
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def inspect_database(path: Path, shown_as: Path | None = None) -> DatabaseInfo:
    """Check that ``path`` is a sound quizapp database this quizapp can use; a clear StorageError if not.

    The file is opened read-write (SQLite skips CHECK constraints in a read-only integrity
    check), so give it our own copy of a file that is not ours (:func:`restore` does).
    ``shown_as`` is the name messages use for it.
    """
    path = Path(path).expanduser()
    shown = shown_as or path
    if not path.is_file():
        raise StorageError(f"{shown}: no such file" if not path.exists() else f"{shown} is not a file")
    try:
        connection = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"{shown} cannot be opened as a database: {exc}") from exc
    try:
        try:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            version = schema_version(connection)
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc):
                raise StorageError(f"{shown} is damaged ({exc})") from exc
            raise StorageError(f"{shown} is not a quizapp database ({exc})") from exc
        if problems != ["ok"]:
            listed = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else "")
            raise StorageError(f"{shown} is damaged (integrity check: {listed})")
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if version < 1 or missing:
            raise StorageError(
                f"{shown} is not a quizapp database (it has no {', '.join(missing) or 'schema version'})"
            )
        if version > CURRENT_VERSION:
            raise StorageError(
                f"{shown} has schema version {version}, newer than this quizapp understands ({CURRENT_VERSION}); "
                "upgrade quizapp to restore it"
            )
        reviews = connection.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
        decks = connection.execute("SELECT COUNT(*) FROM decks").fetchone()[0]
    finally:
        connection.close()
    return DatabaseInfo(path, version, int(reviews), int(decks))


def restore(source: Path, database: Path, now: datetime | None = None) -> RestoreResult:
    """Replace the database at ``database`` with the backup ``source``, keeping a copy of what it replaces.

    Nothing is changed unless ``source`` passes :func:`inspect_database`. The restored
    database is then upgraded to the current schema (its own upgrade backup is the copy
    taken here, so nothing extra is written).
    """
    source = Path(source).expanduser()
    database = Path(database)
    if source.exists() and database.exists() and source.resolve() == database.resolve():
        raise StorageError(f"{source} is the review database itself; give a backup to restore")
    if not source.is_file():
        raise StorageError(f"{source}: no such file" if not source.exists() else f"{source} is not a file")
    # Check and restore a private copy: exactly what was checked is restored, and the user's file is only read.
    staged = backups_dir(database) / ".restore-staging.sqlite3"
    try:
        incoming = _read_only(source)
        try:
            copy_database(incoming, staged)
        finally:
            incoming.close()
    except sqlite3.DatabaseError as exc:
        staged.unlink(missing_ok=True)
        raise StorageError(f"{source} is not a quizapp database ({exc}); nothing was restored") from exc
    except OSError as exc:
        raise StorageError(f"cannot copy {source} into {staged.parent}: {exc}") from exc
    try:
        return _restore_staged(staged, source, database, now)
    finally:
        staged.unlink(missing_ok=True)


def _set_aside(database: Path, now: datetime | None) -> Path:
    """Move an unreadable database (and its -wal and -shm files) into the backups folder, as it is."""
    target = backups_dir(database) / backup_name("unreadable", now)
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    os.replace(database, target)
    return target


def _restore_staged(staged: Path, source: Path, database: Path, now: datetime | None) -> RestoreResult:
    try:
        info = inspect_database(staged, shown_as=source)
    except StorageError as exc:
        raise StorageError(f"{exc}; nothing was restored") from exc
    info = DatabaseInfo(source, info.version, info.reviews, info.decks)
    previous_backup: Path | None = None
    try:
        live = sqlite3.connect(database, isolation_level=None, timeout=5)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open the review database {database}: {exc}") from exc
    try:
        live.execute("PRAGMA busy_timeout = 5000")
        try:
            version = schema_version(live)
        except sqlite3.DatabaseError:
            # The database is not even readable as SQLite: that is when a restore is needed most.
            # It cannot be copied by SQLite, so the file itself is moved aside, untouched.
            live.close()
            previous_backup = _set_aside(database, now)
            live = sqlite3.connect(database, isolation_level=None, timeout=5)
            version = 0
        if version > 0:
            previous_backup = back_up(live, database, "before-restore", now)
        incoming = sqlite3.connect(staged)
        try:
            incoming.backup(live)
        finally:
            incoming.close()
        live.execute("PRAGMA journal_mode = WAL")
        migrate(live)
        problems = [row[0] for row in live.execute("PRAGMA quick_check")]
        reviews = live.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
        if problems != ["ok"] or reviews != info.reviews:
            raise StorageError(
                f"the restored database does not match {source} ({reviews} reviews instead of {info.reviews}); "
                f"restore {previous_backup} to go back"
                if previous_backup
                else "the restore did not complete"
            )
    except sqlite3.Error as exc:
        where = f"; the database before it is in {previous_backup}" if previous_backup else ""
        raise StorageError(f"cannot restore {source} into {database}: {exc}{where}") from exc
    finally:
        live.close()
    return RestoreResult(info, previous_backup)
