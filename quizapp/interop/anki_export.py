"""Write a deck as an Anki package (``.apkg``) with genanki.

Every card becomes one note of a quizapp note type (:mod:`.anki_notes`): flashcards
Basic-style, typed cards with Anki's type-in box, clozes as Cloze notes with the same
``{{cN::...}}`` deletions, multiple-choice and true/false notes whose front lists the
choices and whose back gives the answer and explanation. Each note's GUID is derived
from the card id, and each note type's and the deck's ids from their names, so
importing a newer export into Anki updates the notes instead of adding copies.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki

from quizapp.deck.model import (
    AnyCard,
    ClozeCard,
    Deck,
    Flashcard,
    MultipleChoiceCard,
    TrueFalseCard,
    TypedCard,
)
from quizapp.interop.anki_notes import CSS, NOTE_TYPE_OF_CARD, TEMPLATES, all_fields
from quizapp.interop.html_text import text_to_html
from quizapp.interop.report import InteropError, TransferReport

#: Anki tags cannot hold spaces; other characters are fine.
_TAG_SPACE_RE = re.compile(r"\s+")


def stable_id(name: str) -> int:
    """A 31-bit id from a name, the same every run (Anki wants positive 64-bit ints; genanki suggests this range)."""
    digest = hashlib.sha1(f"quizapp:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(card_id: str) -> str:
    """The note's GUID: a hash of the quizapp card id, so re-exports update the same notes."""
    return genanki.guid_for("quizapp", card_id)


def _note_type(name: str) -> genanki.Model:
    front, back = TEMPLATES[name]
    is_cloze = name == "quizapp Cloze"
    return genanki.Model(
        stable_id(f"note type {name}"),
        name,
        fields=[{"name": field} for field in all_fields(name)],
        templates=[{"name": "Cloze" if is_cloze else "Card 1", "qfmt": front, "afmt": back}],
        css=CSS,
        model_type=genanki.Model.CLOZE if is_cloze else genanki.Model.FRONT_BACK,
    )


def anki_tag(tag: str) -> str:
    return _TAG_SPACE_RE.sub("_", tag.strip())


def choice_lines(choices: list[str]) -> str:
    """Choices as "A. Venus" lines, the letters only for reading on a card."""
    return "\n".join(f"{_letter(i)}. {choice}" for i, choice in enumerate(choices))


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _source_text(deck: Deck, key: str | None) -> str:
    """What the Source field shows: the source's title and where it is, or its key."""
    if not key:
        return ""
    for source in deck.sources:
        if source.key == key:
            parts = [source.title or source.id or ""]
            where = source.url or source.path
            if where and where not in parts:
                parts.append(where)
            if source.published:
                parts.append(source.published.isoformat())
            return " · ".join(p for p in parts if p)
    return key


def note_fields(card: AnyCard, deck: Deck) -> list[str]:
    """The card's note fields, as plain text, in the order of its note type's fields."""
    if isinstance(card, Flashcard):
        own = [card.front, card.back]
    elif isinstance(card, TypedCard):
        own = [card.question, card.answer, "\n".join(card.accept)]
    elif isinstance(card, MultipleChoiceCard):
        own = [card.question, choice_lines(card.choices), card.answer]
    elif isinstance(card, TrueFalseCard):
        own = [card.statement, "True" if card.answer else "False"]
    elif isinstance(card, ClozeCard):
        own = [card.text]
    else:  # pragma: no cover - the union is closed
        raise TypeError(card)
    provenance = card.provenance
    common = [
        card.explanation or "",
        _source_text(deck, provenance.source if provenance else None),
        (provenance.sentence if provenance else None) or "",
        card.card_id,
    ]
    return own + common


def note_tags(card: AnyCard, deck: Deck) -> list[str]:
    """The note's tags: the card's and the deck's, its type and its source (``source::<key>``)."""
    tags = [anki_tag(t) for t in [*deck.tags, *card.tags] if t.strip()]
    tags.append(f"quizapp::{card.type}")
    if card.provenance and card.provenance.source:
        tags.append(f"source::{anki_tag(card.provenance.source)}")
    return list(dict.fromkeys(tags))


def build_package(deck: Deck) -> tuple[genanki.Package, TransferReport]:
    report = TransferReport()
    note_types = {name: _note_type(name) for name in set(NOTE_TYPE_OF_CARD.values())}
    anki_deck = genanki.Deck(stable_id(f"deck {deck.title}"), deck.title, description=deck.description or "")
    for card in deck.cards:
        name = NOTE_TYPE_OF_CARD[card.type]
        fields = [text_to_html(value) for value in note_fields(card, deck)]
        anki_deck.add_note(
            genanki.Note(
                model=note_types[name], fields=fields, tags=note_tags(card, deck), guid=note_guid(card.card_id)
            )
        )
        report.count(f"{card.type} notes")
    with_alternatives = sum(1 for c in deck.cards if isinstance(c, TypedCard) and c.accept)
    if with_alternatives:
        report.note(
            f"{with_alternatives} typed card(s) accept other answers too: Anki checks typing against "
            "the main answer only and shows the others on the back"
        )
    if any(_TAG_SPACE_RE.search(t.strip()) for c in deck.cards for t in [*deck.tags, *c.tags]):
        report.note("tags with spaces are written with underscores (Anki separates tags by spaces)")
    provenance_details = sum(
        1 for c in deck.cards if c.provenance and (c.provenance.fact or c.provenance.start is not None)
    )
    if provenance_details:
        report.skip(
            f"{provenance_details} card(s): the fact and its position in the article "
            "(only the source and the sentence travel)"
        )
    return genanki.Package(anki_deck), report


def export_apkg(deck: Deck, path: Path, *, timestamp: float | None = None) -> TransferReport:
    """Write ``deck`` to ``path`` as an Anki package, atomically.

    ``timestamp`` (default now) is the notes' modification time: Anki updates a note it
    already has only from a package whose copy is newer.
    """
    package, report = build_package(deck)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        _write_package(package, Path(tmp), time.time() if timestamp is None else timestamp)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, (OSError, ValueError)):
            raise InteropError(f"{path}: cannot write the Anki package: {exc}") from exc
        raise
    return report


def _write_package(package: genanki.Package, target: Path, timestamp: float) -> None:
    """Write ``package`` to ``target`` the way ``Package.write_to_file`` does, minus its leak.

    genanki builds the collection in a ``mkstemp`` file of the system temp folder and
    never deletes it, so every export left a database behind; here the collection lives
    in a temporary folder that is removed whatever happens. Our notes carry no media.
    """
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as work:
        collection = Path(work) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(target, "w") as archive:
            archive.write(collection, "collection.anki2")
            archive.writestr("media", json.dumps({}))
