"""Import and export by file suffix: the entry points the CLI and the app call."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quizapp.deck.model import Deck
from quizapp.interop.report import InteropError, TransferReport

ANKI_PACKAGE_SUFFIXES = (".apkg", ".colpkg")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
IMPORT_SUFFIXES = ANKI_PACKAGE_SUFFIXES + TEXT_SUFFIXES
EXPORT_SUFFIXES = (".apkg", ".csv", ".tsv", ".txt")


@dataclass
class ImportResult:
    deck: Deck
    report: TransferReport
    #: Present for Anki packages: what --with-history needs.
    anki: object | None = None


def check_can_write(path: Path, force: bool) -> None:
    """Refuse to replace an existing file unless ``force`` (what the user had would be lost)."""
    if path.exists() and not force:
        raise InteropError(f"{path} already exists; use --force to replace it")
    if path.is_dir():
        raise InteropError(f"{path} is a folder; give a file name")


def is_importable(path: Path) -> bool:
    return path.suffix.lower() in IMPORT_SUFFIXES


def import_file(path: Path, title: str | None = None) -> ImportResult:
    """Read an Anki package or a CSV/TSV/TXT file as a deck."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InteropError(f"{path}: no such file")
    if path.is_dir():
        raise InteropError(f"{path}: is a folder, not a file to import")
    if suffix in ANKI_PACKAGE_SUFFIXES:
        from quizapp.interop.anki_import import import_anki_package

        imported = import_anki_package(path, title)
        return ImportResult(imported.deck, imported.report, imported)
    if suffix in TEXT_SUFFIXES:
        from quizapp.interop.text_io import import_text

        deck, report = import_text(path, title)
        return ImportResult(deck, report)
    raise InteropError(
        f"{path}: cannot import {suffix or 'a file without a suffix'} files; "
        f"quizapp imports {', '.join(IMPORT_SUFFIXES)} (and .yaml decks)"
    )


def export_deck(deck: Deck, path: Path) -> TransferReport:
    """Write ``deck`` to ``path`` in the format its suffix names (.apkg, .csv, .tsv; .txt for Quizlet)."""
    suffix = path.suffix.lower()
    if suffix == ".apkg":
        from quizapp.interop.anki_export import export_apkg

        return export_apkg(deck, path)
    if suffix in (".csv", ".tsv"):
        from quizapp.interop.text_io import deck_to_text

        text, report = deck_to_text(deck, "\t" if suffix == ".tsv" else ",")
        write_text_atomically(path, text)
        return report
    if suffix == ".txt":
        from quizapp.interop.text_io import deck_to_quizlet

        text, report = deck_to_quizlet(deck)
        write_text_atomically(path, text)
        return report
    raise InteropError(
        f"{path}: cannot export to {suffix or 'a file without a suffix'}; choose {', '.join(EXPORT_SUFFIXES)}"
    )


def write_text_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_history(
    result: ImportResult, deck_path: Path, data_dir: Path | str | None, now: datetime | None = None
) -> TransferReport:
    """Store the Anki review history of an imported package's cards under the written deck."""
    if result.anki is None:
        raise InteropError("--with-history needs an Anki package (.apkg or .colpkg); text files carry no history")
    from quizapp.interop.history import import_review_history

    return import_review_history(result.anki, deck_path, data_dir, now=now)  # type: ignore[arg-type]
