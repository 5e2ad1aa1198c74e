"""Read an Anki package (``.apkg``/``.colpkg``): the SQLite collection inside it, read with the stdlib.

A package is a zip holding the collection under one of three names:

* ``collection.anki21b`` (Anki 2.1.50+): zstd-compressed, schema 18, note types in their
  own tables with protobuf-encoded settings;
* ``collection.anki21`` / ``collection.anki2`` (older, or "support older Anki versions"):
  schema 11, note types as JSON in the ``col`` row.

Newer packages also carry a ``collection.anki2`` that only asks to update Anki, so the
newest file present wins. Only what the importer needs is read: note types (fields,
templates, whether cloze), decks, notes, cards and the review log.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from quizapp.interop.report import InteropError

#: Inside a package, newest format first.
COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
LEGACY_SCHEMA = 11
#: Schemas with note types in their own tables (Anki 2.1.28+); 18 is current.
TABLE_SCHEMAS = range(15, 19)
#: A collection bigger than this is refused rather than unpacked (a zip bomb would fill the disk).
MAX_COLLECTION_BYTES = 2 * 1024**3


@dataclass
class Template:
    ord: int
    name: str
    front: str
    back: str


@dataclass
class NoteType:
    id: int
    name: str
    is_cloze: bool
    fields: list[str]
    templates: list[Template]


@dataclass
class AnkiCard:
    id: int
    note_id: int
    deck_id: int
    ord: int
    type: int  # 0 new, 1 learning, 2 review, 3 relearning
    queue: int  # -1 suspended, -2/-3 buried, 0 new, 1 learning, 2 review, 3 day learning
    due: int
    interval: int


@dataclass
class AnkiNote:
    id: int
    guid: str
    note_type_id: int
    tags: list[str]
    fields: list[str]
    cards: list[AnkiCard] = field(default_factory=list)


@dataclass
class RevlogEntry:
    id: int  # milliseconds since the epoch: when the review happened
    card_id: int
    ease: int  # 1..4, or 0 for a manual reschedule
    interval: int
    type: int  # 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled
    time_ms: int


@dataclass
class Collection:
    schema: int
    created: int  # the collection's day 0, Unix seconds: review cards' due days count from it
    note_types: dict[int, NoteType]
    decks: dict[int, str]
    notes: list[AnkiNote]
    revlog: list[RevlogEntry]


# --- protobuf, just enough -------------------------------------------------------------------------
# Schema 18 stores a note type's kind and its templates' formats as protobuf messages. Only a few
# fields are needed (NotetypeConfig.kind = 1; CardTemplate.Config.q_format = 1, a_format = 2), so
# the wire format is walked here rather than bringing in Anki's generated protobuf classes.


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def protobuf_fields(data: bytes) -> dict[int, list[int | bytes]]:
    """Field number → values of a protobuf message (varints as ints, length-delimited as bytes)."""
    out: dict[int, list[int | bytes]] = {}
    pos = 0
    value: int | bytes
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 2:
            length, pos = _varint(data, pos)
            value, pos = data[pos : pos + length], pos + length
        elif wire == 1:
            value, pos = int.from_bytes(data[pos : pos + 8], "little"), pos + 8
        elif wire == 5:
            value, pos = int.from_bytes(data[pos : pos + 4], "little"), pos + 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        out.setdefault(number, []).append(value)
    return out


def _proto_text(message: dict[int, list[int | bytes]], number: int) -> str:
    values = message.get(number)
    return values[-1].decode("utf-8", "replace") if values and isinstance(values[-1], bytes) else ""


# --- opening a package -----------------------------------------------------------------------------


@contextmanager
def unpacked_collection(path: Path) -> Iterator[Path]:
    """The package's collection as a plain SQLite file in a temporary folder (removed afterwards)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InteropError(f"{path}: not an Anki package (it is not a zip archive)") from None
    except OSError as exc:
        raise InteropError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    with archive, tempfile.TemporaryDirectory(prefix="quizapp-anki-") as tmp:
        names = set(archive.namelist())
        name = next((n for n in COLLECTION_NAMES if n in names), None)
        if name is None:
            raise InteropError(
                f"{path}: not an Anki package: the zip holds no collection "
                f"({', '.join(COLLECTION_NAMES)}); it holds {', '.join(sorted(names)[:5]) or 'nothing'}"
            )
        info = archive.getinfo(name)
        if info.file_size > MAX_COLLECTION_BYTES:
            raise InteropError(f"{path}: the collection is {info.file_size / 2**30:.1f} GB; the limit is 2 GB")
        target = Path(tmp) / "collection.sqlite"
        try:
            with archive.open(name) as source, target.open("wb") as out:
                if name.endswith("b"):
                    import zstandard

                    reader = zstandard.ZstdDecompressor().stream_reader(source)
                    _copy_limited(reader, out, path)
                else:
                    _copy_limited(source, out, path)
        except InteropError:
            raise
        except Exception as exc:  # a damaged zip member or zstd frame: say so in one line
            raise InteropError(f"{path}: the collection inside the package is damaged: {exc}") from None
        yield target


def _copy_limited(source: IO[bytes], out: IO[bytes], path: Path) -> None:
    written = 0
    while chunk := source.read(1 << 20):
        written += len(chunk)
        if written > MAX_COLLECTION_BYTES:
            raise InteropError(f"{path}: the collection unpacks to more than 2 GB; the limit is 2 GB")
        out.write(chunk)


def read_package(path: Path) -> Collection:
    """Every note type, deck, note, card and review of an Anki package."""
    with unpacked_collection(path) as sqlite_path:
        connection = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
        try:
            return _read_collection(connection, path)
        except sqlite3.DatabaseError as exc:
            raise InteropError(f"{path}: the collection inside the package cannot be read: {exc}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # broken JSON or protobuf settings
            raise InteropError(f"{path}: the note types in the collection are damaged: {exc!r}") from None
        finally:
            connection.close()


def _read_collection(connection: sqlite3.Connection, path: Path) -> Collection:
    row = connection.execute("SELECT ver, crt FROM col").fetchone()
    if row is None:
        raise InteropError(f"{path}: the collection has no header row; it is not an Anki collection")
    schema, created = int(row[0]), int(row[1])
    if schema == LEGACY_SCHEMA:
        note_types, decks = _legacy_note_types(connection), _legacy_decks(connection)
    elif schema in TABLE_SCHEMAS:
        note_types, decks = _table_note_types(connection), _table_decks(connection)
    else:
        raise InteropError(
            f"{path}: the collection has schema version {schema}, which quizapp cannot read "
            f"(it reads versions {LEGACY_SCHEMA} and {TABLE_SCHEMAS.start}-{TABLE_SCHEMAS.stop - 1}); "
            "export it again from a current Anki"
        )
    notes = {
        nid: AnkiNote(nid, guid, mid, tags.split(), flds.split("\x1f"))
        for nid, guid, mid, tags, flds in connection.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
    }
    for values in connection.execute("SELECT id, nid, did, ord, type, queue, due, ivl FROM cards ORDER BY nid, ord"):
        card = AnkiCard(*values)
        if card.note_id in notes:
            notes[card.note_id].cards.append(card)
    revlog = [
        RevlogEntry(*values)
        for values in connection.execute("SELECT id, cid, ease, ivl, type, time FROM revlog ORDER BY cid, id")
    ]
    return Collection(schema, created, note_types, decks, list(notes.values()), revlog)


def _legacy_note_types(connection: sqlite3.Connection) -> dict[int, NoteType]:
    (models_json,) = connection.execute("SELECT models FROM col").fetchone()
    out = {}
    for model in json.loads(models_json or "{}").values():
        templates = [
            Template(t.get("ord", i), t.get("name", ""), t.get("qfmt", ""), t.get("afmt", ""))
            for i, t in enumerate(model.get("tmpls", []))
        ]
        fields = [f["name"] for f in sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))]
        out[int(model["id"])] = NoteType(
            int(model["id"]), model.get("name", ""), model.get("type") == 1, fields, templates
        )
    return out


def _legacy_decks(connection: sqlite3.Connection) -> dict[int, str]:
    (decks_json,) = connection.execute("SELECT decks FROM col").fetchone()
    return {int(d["id"]): d.get("name", "") for d in json.loads(decks_json or "{}").values()}


def _table_note_types(connection: sqlite3.Connection) -> dict[int, NoteType]:
    out = {}
    for ntid, name, config in connection.execute("SELECT id, name, config FROM notetypes"):
        kind = protobuf_fields(config or b"").get(1, [0])[-1]
        fields = [n for _, n in connection.execute("SELECT ord, name FROM fields WHERE ntid = ? ORDER BY ord", (ntid,))]
        templates = []
        for ord_, tname, tconfig in connection.execute(
            "SELECT ord, name, config FROM templates WHERE ntid = ? ORDER BY ord", (ntid,)
        ):
            message = protobuf_fields(tconfig or b"")
            templates.append(Template(ord_, tname, _proto_text(message, 1), _proto_text(message, 2)))
        out[int(ntid)] = NoteType(int(ntid), name, kind == 1, fields, templates)
    return out


def _table_decks(connection: sqlite3.Connection) -> dict[int, str]:
    # Deck names in the table separate levels with \x1f; Anki shows them as "Parent::Child".
    return {int(did): name.replace("\x1f", "::") for did, name in connection.execute("SELECT id, name FROM decks")}
