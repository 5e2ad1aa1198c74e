"""Anki packages in and out, checked with the official ``anki`` library as the real Anki."""

from __future__ import annotations

import re
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from quizapp.deck.model import ClozeCard, Deck, Flashcard, MultipleChoiceCard, TrueFalseCard, TypedCard
from quizapp.deck.yaml_io import dump_deck, load_deck, parse_deck
from quizapp.interop.anki_export import export_apkg, note_guid
from quizapp.interop.anki_import import generic_card_id, import_anki_package
from quizapp.interop.report import InteropError
from tests.anki_support import add_note, export_package, fresh_collection, import_package, notes_by_card_id

REPO = Path(__file__).resolve().parents[1]
BUNDLED = sorted((REPO / "decks").glob("*.yaml"))


def _question_and_answer(card) -> tuple[str, str]:
    if isinstance(card, Flashcard):
        return card.front, card.back
    if isinstance(card, ClozeCard):
        return card.text, card.render(None)
    if isinstance(card, TrueFalseCard):
        return card.statement, str(card.answer)
    return card.question, card.answer


def _expected_fields(card) -> dict[str, str]:
    if isinstance(card, Flashcard):
        return {"Front": card.front, "Back": card.back}
    if isinstance(card, TypedCard):
        return {"Question": card.question, "Answer": card.answer}
    if isinstance(card, MultipleChoiceCard):
        return {"Question": card.question, "Answer": card.answer}
    if isinstance(card, TrueFalseCard):
        return {"Statement": card.statement, "Answer": "True" if card.answer else "False"}
    return {"Text": card.text}


def _plain(field: str) -> str:
    return field.replace("<br>", "\n").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.parametrize("deck_path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_deck_opens_in_anki_with_the_same_cards(tmp_path, deck_path):
    deck = load_deck(deck_path)
    package = tmp_path / "deck.apkg"
    export_apkg(deck, package)
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, package)
        notes = notes_by_card_id(col)
        assert col.note_count() == len(deck.cards)
        assert set(notes) == {card.card_id for card in deck.cards}
        assert len(col.find_cards("")) == len(deck.study_items())
        expected_types = {
            "flashcard": "quizapp Basic",
            "typed": "quizapp Typed",
            "multiple_choice": "quizapp Multiple choice",
            "true_false": "quizapp True/false",
            "cloze": "quizapp Cloze",
        }
        for card in deck.cards:
            note = notes[card.card_id]
            assert note.note_type()["name"] == expected_types[card.type]
            assert note.guid == note_guid(card.card_id)
            for name, value in _expected_fields(card).items():
                assert _plain(note[name]) == value, (card.card_id, name)
            assert {t.replace(" ", "_") for t in card.tags} <= set(note.tags)
            assert f"quizapp::{card.type}" in note.tags
            if card.provenance and card.provenance.sentence:
                assert _plain(note["Sentence"]) == card.provenance.sentence
            if card.provenance and card.provenance.source:
                assert note["Source"]
                assert "source::" + card.provenance.source in note.tags
            if card.explanation:
                assert _plain(note["Explanation"]) == card.explanation
            if isinstance(card, MultipleChoiceCard):
                for choice in card.choices:
                    assert choice in _plain(note["Choices"])
            if isinstance(card, ClozeCard):
                # Anki makes one card per deletion number, numbered as in quizapp (card ord 0 is c1).
                ords = sorted(c.ord + 1 for c in note.cards())
                assert ords == card.indices()


def test_an_exported_card_shows_its_question_and_answer_in_anki(tmp_path):
    deck = parse_deck("""
title: Rendering
cards:
  - question: Which planet has the shortest year?
    answer: Mercury
    choices: [Venus, Mercury, Mars]
    explanation: About 88 days.
  - q: How many moons has Mars?
    a: "2"
  - text: "{{c1::Olympus Mons}} is on {{c2::Mars}}."
""")
    package = tmp_path / "r.apkg"
    export_apkg(deck, package)
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, package)
        cards = {
            col.get_card(cid).note()["Card id"] + f"#{col.get_card(cid).ord}": col.get_card(cid)
            for cid in col.find_cards("")
        }
        mc = cards[deck.cards[0].card_id + "#0"]
        assert "Which planet has the shortest year?" in mc.question()
        assert all(choice in mc.question() for choice in ("Venus", "Mercury", "Mars"))
        assert "About 88 days." in mc.answer() and "Mercury" in mc.answer()
        typed = cards[deck.cards[1].card_id + "#0"]
        assert "[[type:Answer]]" in typed.question()  # the placeholder Anki turns into its type-in box
        cloze_c2 = cards[deck.cards[2].card_id + "#1"]
        assert "Olympus Mons" in cloze_c2.question() and "Mars" not in re.sub(r"<[^>]+>", "", cloze_c2.question())


def test_exporting_again_updates_the_same_notes_in_anki(tmp_path):
    deck = load_deck(REPO / "decks" / "example-solar-system.yaml")
    export_apkg(deck, tmp_path / "first.apkg", timestamp=time.time() - 3600)
    fixed = deck.model_copy(
        update={
            "cards": [
                card.model_copy(update={"id": card.card_id, "back": "Mars (fixed)"})
                if isinstance(card, Flashcard)
                else card
                for card in deck.cards
            ]
        }
    )
    export_apkg(fixed, tmp_path / "second.apkg")  # an hour later
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "first.apkg")
        log = import_package(col, tmp_path / "second.apkg")  # with Anki's default: update notes that are newer
        assert col.note_count() == len(deck.cards)  # updated, not duplicated
        assert len(log.new) == 0 and len(log.updated) == len(deck.cards)
        backs = {_plain(col.get_note(n)["Back"]) for n in col.find_notes('"note:quizapp Basic"')}
        assert backs == {"Mars (fixed)"}


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_round_trip_quizapp_anki_quizapp_keeps_every_question_and_answer(tmp_path, legacy):
    deck = load_deck(REPO / "decks" / "example-solar-system.yaml")
    export_apkg(deck, tmp_path / "out.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "out.apkg")
        export_package(col, tmp_path / "back.apkg", legacy=legacy)
    imported = import_anki_package(tmp_path / "back.apkg")
    parse_deck(dump_deck(imported.deck))  # a valid deck
    back = {card.card_id: card for card in imported.deck.cards}
    assert set(back) == {card.card_id for card in deck.cards}
    for card in deck.cards:
        again = back[card.card_id]
        assert again.type == card.type
        assert _question_and_answer(again) == _question_and_answer(card)
        assert again.explanation == card.explanation
        if isinstance(card, MultipleChoiceCard):
            assert again.choices == card.choices
        if isinstance(card, TypedCard):
            assert again.accept == card.accept
        if card.provenance and card.provenance.sentence:
            assert again.provenance.sentence == card.provenance.sentence
        assert {t.replace(" ", "_") for t in card.tags} <= set(again.tags)  # Anki tags hold no spaces
    assert imported.report.skipped == []


def _anki_made_collection(col) -> dict[str, object]:
    """Notes of every kind the importer must read, as a person would make them in Anki."""
    col.decks.id("Languages::German")
    return {
        "basic": add_note(
            col, "Basic", ["Capital of <b>France</b>?", "Paris<br>on the Seine"], ["geo", "europe::west"]
        ),
        "reversed": add_note(
            col, "Basic (and reversed card)", ["dog", "der Hund"], ["german"], deck="Languages::German"
        ),
        "optional": add_note(
            col, "Basic (optional reversed card)", ["cat", "die Katze", "y"], deck="Languages::German"
        ),
        "optional-off": add_note(
            col, "Basic (optional reversed card)", ["house", "das Haus", ""], deck="Languages::German"
        ),
        "typed": add_note(col, "Basic (type in the answer)", ["2 + 2 =", "4"]),
        "cloze": add_note(col, "Cloze", ["{{c1::Oslo}} is the capital of {{c2::Norway::country}}.", "Since 1814"]),
        "entities": add_note(col, "Basic", ["Tom &amp; Jerry &lt;3", "a&nbsp;cartoon"]),
        "media": add_note(col, "Basic", ["What does it sound like? [sound:bark.mp3]", '<img src="dog.png"> Woof']),
        "media-only": add_note(col, "Basic", ['<img src="flag.png">', "Norway"]),
    }


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_a_deck_made_in_anki_is_imported_card_by_card(tmp_path, legacy):
    with fresh_collection(tmp_path / "anki") as col:
        notes = _anki_made_collection(col)
        package = export_package(col, tmp_path / "made.apkg", legacy=legacy)
        guids = {name: note.guid for name, note in notes.items()}
    imported = import_anki_package(package)
    deck = parse_deck(dump_deck(imported.deck))
    by_id = {card.card_id: card for card in deck.cards}

    def card(name: str, ord_: int = 0):
        return by_id[generic_card_id(guids[name], ord_)]

    basic = card("basic")
    assert (basic.type, basic.front, basic.back) == ("flashcard", "Capital of France?", "Paris\non the Seine")
    assert set(basic.tags) >= {"geo", "europe::west"}
    assert (card("reversed").front, card("reversed").back) == ("dog", "der Hund")
    assert (card("reversed", 1).front, card("reversed", 1).back) == ("der Hund", "dog")
    assert (card("optional", 1).front, card("optional", 1).back) == ("die Katze", "cat")
    assert generic_card_id(guids["optional-off"], 1) not in by_id  # Anki made no reverse card for it
    typed = card("typed")
    assert (typed.type, typed.question, typed.answer) == ("typed", "2 + 2 =", "4")
    cloze = card("cloze")
    assert cloze.type == "cloze"
    assert cloze.text == "{{c1::Oslo}} is the capital of {{c2::Norway::country}}."
    assert cloze.indices() == [1, 2] and cloze.explanation == "Since 1814"
    assert (card("entities").front, card("entities").back) == ("Tom & Jerry <3", "a cartoon")
    assert (card("media").front, card("media").back) == ("What does it sound like?", "Woof")
    assert "deck::Languages::German" in card("reversed").tags  # several Anki decks: each card says which
    # Media are listed as skipped, and so is the card that was nothing but a picture.
    skipped = "\n".join(imported.report.skipped)
    for name in ("bark.mp3", "dog.png", "flag.png"):
        assert name in skipped
    assert "the front is empty" in skipped
    assert len(deck.cards) == 10
    # Every Anki card that became a card maps to its study item (for --with-history).
    assert len(imported.item_of_card) == 11


def test_a_collection_package_colpkg_is_imported(tmp_path):
    with fresh_collection(tmp_path / "anki") as col:
        add_note(col, "Basic", ["front one", "back one"])
        add_note(col, "Cloze", ["a {{c1::b}} c", ""])
        col.export_collection_package(str(tmp_path / "all.colpkg"), include_media=True, legacy=False)
    deck = import_anki_package(tmp_path / "all.colpkg").deck
    assert sorted(card.type for card in deck.cards) == ["cloze", "flashcard"]


# --- malformed packages ----------------------------------------------------------------------------


def test_a_file_that_is_not_a_zip_is_refused_clearly(tmp_path):
    path = tmp_path / "broken.apkg"
    path.write_text("this is not an Anki package")
    with pytest.raises(InteropError, match="not a zip archive"):
        import_anki_package(path)


def test_a_zip_without_a_collection_is_refused_clearly(tmp_path):
    path = tmp_path / "empty.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("media", "{}")
    with pytest.raises(InteropError, match="holds no collection"):
        import_anki_package(path)


def test_a_collection_of_an_unknown_schema_version_is_refused_clearly(tmp_path):
    db = tmp_path / "collection.anki2"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE col (id integer primary key, crt integer, ver integer, models text, decks text)")
    connection.execute("INSERT INTO col VALUES (1, 0, 99, '{}', '{}')")
    connection.commit()
    connection.close()
    path = tmp_path / "future.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(db, "collection.anki2")
    with pytest.raises(InteropError, match="schema version 99"):
        import_anki_package(path)


def test_a_collection_that_is_not_a_database_is_refused_clearly(tmp_path):
    path = tmp_path / "garbage.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", b"\x00" * 4096)
    with pytest.raises(InteropError, match="cannot be read"):
        import_anki_package(path)


def test_a_collection_with_damaged_note_types_is_refused_clearly(tmp_path):
    db = tmp_path / "collection.anki2"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE col (id integer primary key, crt integer, ver integer, models text, decks text)")
    connection.execute("INSERT INTO col VALUES (1, 0, 11, '{not json', '{}')")
    connection.commit()
    connection.close()
    path = tmp_path / "damaged-models.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(db, "collection.anki2")
    with pytest.raises(InteropError, match="note types in the collection are damaged"):
        import_anki_package(path)


def test_a_damaged_compressed_collection_is_refused_clearly(tmp_path):
    path = tmp_path / "damaged.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki21b", b"not zstd at all")
    with pytest.raises(InteropError, match="damaged"):
        import_anki_package(path)


def test_an_empty_deck_still_makes_a_package_anki_opens(tmp_path):
    export_apkg(Deck(title="Empty"), tmp_path / "e.apkg")
    with fresh_collection(tmp_path / "anki") as col:
        import_package(col, tmp_path / "e.apkg")
        assert col.note_count() == 0


def test_exporting_leaves_nothing_behind_in_the_temp_folder(tmp_path, monkeypatch):
    # genanki's own writer leaves its collection database in the system temp folder.
    temp_folder = tmp_path / "temp"
    temp_folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_folder))
    deck = Deck(title="Leak", cards=[Flashcard(id="f1", front="Capital of Peru?", back="Lima")])
    export_apkg(deck, tmp_path / "out" / "leak.apkg")
    assert list(temp_folder.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["leak.apkg"]
    with zipfile.ZipFile(tmp_path / "out" / "leak.apkg") as archive:
        assert {"collection.anki2", "media"} <= set(archive.namelist())
