"""Writing the user's files: whole or not at all, with the permissions the user expects.

A file is written to a temporary file beside it and renamed over the old one, so a
crash never leaves half a file. ``tempfile.mkstemp`` creates that file readable by
its owner only (0600); left so, every deck we write or rewrite would lose the group
and world read bits the user's umask grants (or an existing file had), so the mode
is set explicitly before the rename: the old file's mode when replacing one, else
what the umask gives a new file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def current_umask() -> int:
    """The process umask, read without changing it where the system allows (Linux shows it in /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # Elsewhere the only way is to set it and put it back (briefly wrong for other threads creating files).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The permissions a new regular file gets under the user's umask (0644 with the usual 022)."""
    return 0o666 & ~current_umask()


def write_atomically(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; an existing file keeps its mode."""
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = new_file_mode()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
