"""The data folder: whether it can be used, and which running quizapp may write to it.

Two quizapps writing one study history would both schedule the same card (two reviews
where one was due), and an undo in one could delete state the other wrote. So the
instance that writes holds a lock on ``quizapp.lock`` in the data folder for as long as
it runs (an OS file lock: it goes with the process, even on kill -9). Another instance
finds it held and works read-only, saying so; so does one whose folder cannot be
written. A data folder that is a file cannot be used at all: that is an error.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Self

from filelock import FileLock, Timeout

from quizapp.errors import QuizappError
from quizapp.paths import DATA_DIR_ENV, database_path
from quizapp.paths import data_dir as resolve_data_dir

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.storage.db import ReviewStore

LOCK_FILE = "quizapp.lock"
ELSEWHERE = f"choose another folder with --data-dir or ${DATA_DIR_ENV}"


class DataDirError(QuizappError):
    """The data folder cannot be used at all (it is a file, or cannot be created)."""


@dataclass
class DataDirAccess:
    """What this process may do with the data folder; release it when done (or use ``with``)."""

    path: Path
    #: Why nothing may be written (another instance holds the folder, or it is read-only); None when writable.
    read_only_reason: str | None = None
    _lock: FileLock | None = field(default=None, repr=False)

    @property
    def writable(self) -> bool:
        return self.read_only_reason is None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def check_data_dir(path: Path) -> None:
    """Raise :class:`DataDirError` when ``path``, or a folder on the way to it, is a file."""
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return
        if candidate.exists() or candidate.is_symlink():
            if candidate.is_symlink() and not candidate.exists():
                what = "is a link to nothing"
            else:
                what = "is a file" if candidate.is_file() else "is not a folder"
            where = "" if candidate == path else f" ({candidate} {what})"
            raise DataDirError(
                f"the data folder {path} cannot be used: "
                + (f"it {what}, not a folder" if candidate == path else f"a part of its path is not a folder{where}")
                + f". Move or rename {candidate}, or {ELSEWHERE}."
            )


def claim_data_dir(override: str | Path | None = None) -> DataDirAccess:
    """Make sure the data folder can be used and claim it for writing, or say why it is read-only.

    Raises :class:`DataDirError` when it cannot be used at all.
    """
    path = resolve_data_dir(override)
    check_data_dir(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if not path.is_dir():
            raise DataDirError(
                f"the data folder {path} cannot be created: {exc.strerror or exc}. Create it, or {ELSEWHERE}."
            ) from exc
    lock = FileLock(str(path / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return DataDirAccess(
            path,
            f"another quizapp{_holder(path)} is using {path}; this one only reads it "
            "(close the other one to study here)",
        )
    except OSError as exc:  # the lock file cannot be created or opened: the folder is read-only to us
        return DataDirAccess(path, _read_only_reason(path, exc.strerror or str(exc)))
    database = database_path(path)
    if database.exists() and not os.access(database, os.W_OK):
        lock.release()
        return DataDirAccess(path, _read_only_reason(database, "the file is read-only"))
    _record_holder(path)
    return DataDirAccess(path, None, lock)


def _read_only_reason(path: Path, why: str) -> str:
    return f"{path} cannot be written ({why}): make it writable, or {ELSEWHERE}"


def _record_holder(path: Path) -> None:
    """Note in the lock file who holds it, for the message another instance shows (best effort)."""
    started = dt.datetime.now().strftime("%H:%M")
    try:
        with open(path / LOCK_FILE, "r+", encoding="utf-8") as handle:
            handle.truncate()
            handle.write(f"pid {os.getpid()}, started {started}\n")
    except OSError:
        pass


def _holder(path: Path) -> str:
    try:
        note = (path / LOCK_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" ({note})" if note and len(note) < 80 else ""


def open_store_for_reading(override: str | Path | None = None) -> ReviewStore:
    """The review database for a command that only reads (``stats``).

    Neither another running instance nor a read-only folder stops it; only a database that
    does not exist yet is created, or one from an older quizapp upgraded, when the folder allows.
    """
    from quizapp.errors import StorageError
    from quizapp.storage.db import ReviewStore

    path = resolve_data_dir(override)
    check_data_dir(path)
    if database_path(path).is_file():
        try:
            return ReviewStore.open(path, read_only="this command only reads")
        except StorageError:
            pass  # an older schema (or a file SQLite cannot read this way): opened below, which says what is wrong
    with claim_data_dir(path) as access:
        return ReviewStore.open(path, read_only=access.read_only_reason)
