"""Turn an Anki package into a quizapp deck.

* quizapp's own note types (:mod:`.anki_notes`) come back as the cards they were made from,
  with their ids, so review history and a re-import keep matching.
* Cloze note types become cloze cards with the same deletions; Anki's card *n* is the
  study item ``<id>::c<n+1>``.
* Every other note type (Basic, Basic and reversed, optional reversed, type in the answer,
  and home-made ones) is read card by card through its templates: what the front shows is
  the question, what the back adds is the answer; a ``{{type:Field}}`` box makes it a typed
  card. A reversed card is a card of its own.

HTML is reduced to text. Whatever cannot be carried (media, empty sides, deletions quizapp
cannot read) is listed in the report, never dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from quizapp.deck.model import Card, Deck, Provenance, Source
from quizapp.interop.anki_collection import AnkiCard, AnkiNote, Collection, NoteType, read_package
from quizapp.interop.anki_notes import CARD_OF_NOTE_TYPE, all_fields
from quizapp.interop.anki_templates import answer_part, render
from quizapp.interop.html_text import html_to_text
from quizapp.interop.report import TransferReport, validation_reasons

_CARD = TypeAdapter(Card)
_CHOICE_LETTER_RE = re.compile(r"^(?:[A-Z]|\d+)\.\s+")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
#: Tags quizapp adds on export; on the way back the card says the same in its own fields.
_OWN_TAG_PREFIXES = ("quizapp::", "source::")


@dataclass
class AnkiImport:
    """A deck read from Anki, which Anki card is which study item, and the collection itself."""

    deck: Deck
    report: TransferReport
    collection: Collection
    item_of_card: dict[int, str] = field(default_factory=dict)  # Anki card id -> quizapp item id


def generic_card_id(guid: str, ord_: int = 0) -> str:
    """A stable quizapp id for a note that quizapp did not make: from its GUID (and card number)."""
    base = "anki-" + hashlib.sha1(guid.encode("utf-8")).hexdigest()[:12]
    return base if ord_ == 0 else f"{base}-{ord_ + 1}"


class _Converter:
    def __init__(self, collection: Collection, path: Path) -> None:
        self.collection = collection
        self.path = path
        self.report = TransferReport()
        self.cards: list[Card] = []
        self.item_of_card: dict[int, str] = {}
        self.sources: dict[str, Source] = {}
        self.seen_ids: set[str] = set()
        deck_ids = {c.deck_id for n in collection.notes for c in n.cards}
        self.several_decks = len(deck_ids) > 1

    # -- helpers ---------------------------------------------------------------------------------

    def text(self, note: AnkiNote, html: str, where: str) -> str:
        text, media = html_to_text(html)
        for name in media:
            self.report.skip(f"note {note.id} ({where}): media file {name!r} (quizapp cards are text only)")
        return text

    def tags(self, note: AnkiNote, card: AnkiCard | None) -> list[str]:
        tags = [t for t in note.tags if not t.startswith(_OWN_TAG_PREFIXES)]
        if self.several_decks and card is not None:
            name = self.collection.decks.get(card.deck_id)
            if name:
                tags.append("deck::" + name.replace(" ", "_"))
        return list(dict.fromkeys(tags))

    def add(self, note: AnkiNote, data: dict, anki_cards: list[AnkiCard], label: str) -> None:
        """Validate one card; on success remember which Anki cards are its study items."""
        if data.get("id") in self.seen_ids:
            self.report.skip(f"note {note.id} ({label}): a second card with the id {data['id']!r}")
            return
        try:
            card = _CARD.validate_python(data)
        except ValidationError as exc:
            self.report.skip(f"note {note.id} ({label}): {validation_reasons(exc)}")
            return
        self.seen_ids.add(card.card_id)
        self.cards.append(card)
        self.report.count(f"{card.type} cards")
        items = card.item_ids()
        for anki_card in anki_cards:
            if card.type == "cloze":
                item = card.item_id(anki_card.ord + 1)
                if item in items:
                    self.item_of_card[anki_card.id] = item
            else:
                self.item_of_card[anki_card.id] = card.card_id

    def source_key(self, text: str) -> str | None:
        if not text:
            return None
        self.sources.setdefault(text, Source(title=text))
        return text

    # -- notes -----------------------------------------------------------------------------------

    def convert(self) -> None:
        for note in self.collection.notes:
            note_type = self.collection.note_types.get(note.note_type_id)
            if note_type is None:
                self.report.skip(f"note {note.id}: its note type ({note.note_type_id}) is missing from the package")
                continue
            if not note.cards:
                self.report.skip(f"note {note.id} ({note_type.name}): it has no cards")
                continue
            if note_type.name in CARD_OF_NOTE_TYPE and note_type.fields == all_fields(note_type.name):
                self.own_note(note, note_type)
            elif note_type.is_cloze:
                self.cloze_note(note, note_type)
            else:
                for card in note.cards:
                    self.template_card(note, note_type, card)

    def field_texts(self, note: AnkiNote, note_type: NoteType) -> dict[str, str]:
        values = note.fields + [""] * (len(note_type.fields) - len(note.fields))
        return {name: self.text(note, value, name) for name, value in zip(note_type.fields, values)}

    def own_note(self, note: AnkiNote, note_type: NoteType) -> None:
        """A note quizapp exported: its fields say exactly which card it was."""
        f = self.field_texts(note, note_type)
        card_type = CARD_OF_NOTE_TYPE[note_type.name]
        card_id = (
            f["Card id"] if _ID_RE.match(f["Card id"]) and "::" not in f["Card id"] else generic_card_id(note.guid)
        )
        data: dict = {"type": card_type, "id": card_id, "tags": self.tags(note, note.cards[0])}
        if card_type == "flashcard":
            data |= {"front": f["Front"], "back": f["Back"]}
        elif card_type == "typed":
            data |= {
                "question": f["Question"],
                "answer": f["Answer"],
                "accept": [a for a in f["Accept"].split("\n") if a.strip()],
            }
        elif card_type == "multiple_choice":
            choices = [_CHOICE_LETTER_RE.sub("", line) for line in f["Choices"].split("\n") if line.strip()]
            data |= {"question": f["Question"], "answer": f["Answer"], "choices": choices}
        elif card_type == "true_false":
            data |= {"statement": f["Statement"], "answer": f["Answer"].strip().lower() == "true"}
        else:
            data |= {"text": f["Text"]}
        if f["Explanation"]:
            data["explanation"] = f["Explanation"]
        provenance = Provenance(source=self.source_key(f["Source"]), sentence=f["Sentence"] or None)
        if provenance.source or provenance.sentence:
            data["provenance"] = provenance.model_dump(exclude_none=True)
        self.add(note, data, note.cards, note_type.name)

    def cloze_note(self, note: AnkiNote, note_type: NoteType) -> None:
        fields_html = dict(zip(note_type.fields, note.fields))
        template = note_type.templates[0] if note_type.templates else None
        cloze_field = None
        if template:
            cloze_field = render(template.front, fields_html).cloze_field
        cloze_field = cloze_field if cloze_field in fields_html else note_type.fields[0]
        text = self.text(note, fields_html.get(cloze_field, ""), cloze_field)
        extras = [
            self.text(note, value, name)
            for name, value in fields_html.items()
            if name != cloze_field and value.strip() and template and name in template.back
        ]
        data: dict = {
            "type": "cloze",
            "id": generic_card_id(note.guid),
            "text": text,
            "tags": self.tags(note, note.cards[0]),
        }
        explanation = "\n".join(e for e in extras if e)
        if explanation:
            data["explanation"] = explanation
        self.add(note, data, note.cards, note_type.name)
        indices = {int(n) for n in re.findall(r"\{\{c(\d+)::", text)}
        for card in note.cards:
            if card.ord + 1 not in indices:
                self.report.skip(f"note {note.id} ({note_type.name}): card c{card.ord + 1} has no deletion in the text")

    def template_card(self, note: AnkiNote, note_type: NoteType, card: AnkiCard) -> None:
        template = next((t for t in note_type.templates if t.ord == card.ord), None)
        label = f"{note_type.name}, card {card.ord + 1}"
        if template is None:
            self.report.skip(f"note {note.id} ({label}): its template is missing from the package")
            return
        fields_html = dict(zip(note_type.fields, note.fields))
        front = render(template.front, fields_html)
        back = render(template.back, fields_html, front_side=front.html)
        question = self.text(note, front.html, "front")
        answer_html = answer_part(back.html, front.html)
        data: dict = {"id": generic_card_id(note.guid, card.ord), "tags": self.tags(note, card)}
        typed_field = front.typed_field or back.typed_field
        if typed_field and typed_field in fields_html:
            data |= {
                "type": "typed",
                "question": question,
                "answer": self.text(note, fields_html[typed_field], typed_field),
            }
            rest = self.text(note, answer_html, "back")
            if rest and rest != data["answer"]:
                data["explanation"] = rest
        else:
            data |= {"type": "flashcard", "front": question, "back": self.text(note, answer_html, "back")}
        self.add(note, data, [card], label)


def convert_collection(collection: Collection, path: Path, title: str | None = None) -> AnkiImport:
    converter = _Converter(collection, path)
    converter.convert()
    deck_names = sorted({collection.decks.get(c.deck_id, "") for n in collection.notes for c in n.cards} - {""})
    if title is None:
        title = deck_names[0] if len(deck_names) == 1 and deck_names[0] != "Default" else path.stem
    deck = Deck(
        title=title,
        description=f"Imported from the Anki package {path.name}.",
        sources=list(converter.sources.values()),
        cards=converter.cards,
    )
    report = converter.report
    suspended = sum(1 for n in collection.notes for c in n.cards if c.queue == -1 and c.id in converter.item_of_card)
    if suspended:
        report.note(f"{suspended} card(s) suspended in Anki: --with-history keeps them suspended")
    return AnkiImport(deck, report, collection, converter.item_of_card)


def import_anki_package(path: Path, title: str | None = None) -> AnkiImport:
    return convert_collection(read_package(path), path, title)
