"""Helpers for tests that use the official ``anki`` library as the real Anki."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)


@contextmanager
def fresh_collection(folder: Path) -> Iterator[Collection]:
    """A new, empty Anki collection in ``folder``, closed afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


#: ImportAnkiPackageUpdateCondition: Anki's default updates a note only when the package's copy is newer.
UPDATE_IF_NEWER, UPDATE_ALWAYS = 0, 1


def import_package(col: Collection, package: Path, with_scheduling: bool = True, update_notes: int = UPDATE_IF_NEWER):
    """Import like Anki's File > Import; returns Anki's import log."""
    return col.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(package),
            options=ImportAnkiPackageOptions(with_scheduling=with_scheduling, update_notes=update_notes),
        )
    ).log


def export_package(col: Collection, out: Path, legacy: bool = False, with_scheduling: bool = True) -> Path:
    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(with_scheduling=with_scheduling, with_media=True, legacy=legacy),
        limit=None,
    )
    return out


def notes_by_card_id(col: Collection) -> dict[str, object]:
    """Every note of a collection that quizapp exported, by the quizapp card id it carries."""
    return {col.get_note(nid)["Card id"]: col.get_note(nid) for nid in col.find_notes("")}


def add_note(col: Collection, note_type: str, fields: list[str], tags: list[str] | None = None, deck: str = "Default"):
    note = col.new_note(col.models.by_name(note_type))
    for index, value in enumerate(fields):
        note.fields[index] = value
    note.tags = tags or []
    col.add_note(note, col.decks.id(deck))
    return note
