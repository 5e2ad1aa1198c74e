"""CSV/TSV in and out: round trips with awkward text, Anki's own text import and export, Quizlet's files."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from anki.collection import ImportCsvRequest

from quizapp.deck.model import Deck
from quizapp.deck.yaml_io import dump_deck, load_deck, parse_deck
from quizapp.interop.convert import export_deck, import_file
from quizapp.interop.report import InteropError
from tests.anki_support import add_note, fresh_collection

REPO = Path(__file__).resolve().parents[1]

AWKWARD = Deck.model_validate(
    {
        "title": "Awkward",
        "cards": [
            {"type": "flashcard", "front": "Commas, commas, everywhere", "back": 'She said "no", twice'},
            {"type": "flashcard", "front": "A\ttab inside", "back": "line one\nline two\n\nline four"},
            {"type": "typed", "question": "Emoji? 🦉🌍", "answer": "👍", "accept": ["thumbs up", "ok, fine"]},
            {"type": "typed", "question": "ما هي عاصمة مصر؟", "answer": "القاهرة", "tags": ["arabic", "rtl"]},
            {"type": "flashcard", "front": "שלום, עולם", "back": "Hello, world (Hebrew, right to left)"},
            {
                "type": "multiple_choice",
                "question": 'Which one, "quoted"?',
                "answer": "b, c",
                "choices": ["a", "b, c", "d\te"],
                "explanation": "Because; reasons\nover lines",
            },
            {"type": "true_false", "statement": "Tabs\tand\nnewlines survive", "answer": True},
            {"type": "cloze", "text": '{{c1::Ottawa}}, "the" capital of {{c2::Canada::country}}', "tags": ["geo"]},
            {"type": "flashcard", "front": "#not a header", "back": "starts with a hash"},
            {"type": "flashcard", "front": "<b>not html</b> & co", "back": "a < b > c"},
        ],
    }
)


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_awkward_text_survives_a_round_trip(tmp_path, suffix):
    path = tmp_path / f"awkward{suffix}"
    export_deck(AWKWARD, path)
    result = import_file(path)
    assert result.report.skipped == []
    parse_deck(dump_deck(result.deck))
    assert [c.model_dump() for c in result.deck.cards] == [
        c.model_dump(exclude={"id"}) | {"id": c.card_id} for c in AWKWARD.cards
    ]


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_every_bundled_deck_round_trips_through_text(tmp_path, suffix):
    for deck_path in sorted((REPO / "decks").glob("*.yaml")):
        deck = load_deck(deck_path)
        export_deck(deck, tmp_path / f"{deck_path.stem}{suffix}")
        again = import_file(tmp_path / f"{deck_path.stem}{suffix}").deck
        parse_deck(dump_deck(again))
        for before, after in zip(deck.cards, again.cards, strict=True):
            assert after.card_id == before.card_id
            assert after.model_dump(exclude={"id", "provenance", "tags"}) == before.model_dump(
                exclude={"id", "provenance", "tags"}
            )
            assert after.tags == [t.replace(" ", "_") for t in before.tags]


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_anki_imports_our_text_file_with_its_headers(tmp_path, suffix):
    path = tmp_path / f"awkward{suffix}"
    export_deck(AWKWARD, path)
    with fresh_collection(tmp_path / "anki") as col:
        metadata = col.get_csv_metadata(str(path), None)
        # The headers told Anki the separator, that fields are plain text, and which column holds the tags.
        assert metadata.column_labels[:3] == ["front", "back", "tags"]
        assert metadata.tags_column == 3
        assert not metadata.is_html
        basic = col.models.by_name("Basic")
        metadata.global_notetype.id = basic["id"]
        del metadata.global_notetype.field_columns[:]
        metadata.global_notetype.field_columns.extend([1, 2])
        metadata.deck_id = col.decks.id("Imported")
        col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
        assert col.note_count() == len(AWKWARD.cards)
        # Plain text (#html:false): Anki escapes what looks like HTML and turns line breaks into <br>.
        notes = [col.get_note(n) for n in col.find_notes("")]
        shown = {_shown(n["Front"]): (_shown(n["Back"]), n.tags) for n in notes}
        for card in AWKWARD.cards:
            assert card.prompt_text() in "\n".join(shown)
        assert shown["Emoji? 🦉🌍"] == ("👍", [])
        assert shown["ما هي عاصمة مصر؟"] == ("القاهرة", ["arabic", "rtl"])
        assert shown["Commas, commas, everywhere"][0] == 'She said "no", twice'
        assert shown["<b>not html</b> & co"][0] == "a < b > c"
        assert shown["A\ttab inside"][0] == "line one\nline two\n\nline four"
        assert shown["#not a header"][0] == "starts with a hash"


def _shown(field: str) -> str:
    return html.unescape(field.replace("<br>", "\n"))


def test_anki_notes_in_plain_text_are_imported(tmp_path):
    with fresh_collection(tmp_path / "anki") as col:
        add_note(col, "Basic", ["Capital of <b>France</b>, please", "Paris<br>on the Seine"], ["geo"])
        add_note(col, "Basic", ['Quote "this"', "done\tand tab"])
        add_note(col, "Cloze", ["{{c1::Oslo}} is in {{c2::Norway}}", "extra"])
        out = tmp_path / "notes.txt"
        col.export_note_csv(
            out_path=str(out),
            limit=None,
            with_html=True,
            with_tags=True,
            with_deck=False,
            with_notetype=False,
            with_guid=False,
        )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#separator:tab")
    deck = import_file(out).deck
    cards = {c.prompt_text(): c for c in deck.cards}
    assert cards["Capital of France, please"].back == "Paris\non the Seine"
    assert cards["Capital of France, please"].tags == ["geo"]
    assert cards['Quote "this"'].back == "done and tab"
    cloze = cards["{{c1::Oslo}} is in {{c2::Norway}}"]
    assert cloze.type == "cloze" and cloze.explanation == "extra"


def test_anki_plain_text_with_guid_note_type_and_deck_columns_is_imported(tmp_path):
    from quizapp.interop.anki_import import generic_card_id

    with fresh_collection(tmp_path / "anki") as col:
        note = add_note(col, "Basic", ["front text", "back text"], ["t1"], deck="Spanish::Verbs")
        out = tmp_path / "notes.txt"
        col.export_note_csv(
            out_path=str(out),
            limit=None,
            with_html=True,
            with_tags=True,
            with_deck=True,
            with_notetype=True,
            with_guid=True,
        )
    result = import_file(out)
    (card,) = result.deck.cards
    assert (card.front, card.back) == ("front text", "back text")
    assert card.card_id == generic_card_id(note.guid)  # the same card as when the package is imported
    assert set(card.tags) == {"t1", "deck::Spanish::Verbs"}
    assert result.report.skipped == []


def test_a_quizlet_export_is_imported(tmp_path):
    # Quizlet's default export: term, a tab, definition, one card per line, no header.
    path = tmp_path / "quizlet.txt"
    path.write_text("perro\tdog\ngato\tcat\nla casa\tthe house, the home\n", encoding="utf-8")
    deck = import_file(path).deck
    assert [(c.front, c.back) for c in deck.cards] == [
        ("perro", "dog"),
        ("gato", "cat"),
        ("la casa", "the house, the home"),
    ]


def test_a_comma_separated_quizlet_export_with_a_header_is_imported(tmp_path):
    path = tmp_path / "set.csv"
    path.write_text(
        'Term,Definition\nphotosynthesis,"how plants make sugar, using light"\n"multi\nline",yes\n', encoding="utf-8"
    )
    deck = import_file(path).deck
    assert [(c.front, c.back) for c in deck.cards] == [
        ("photosynthesis", "how plants make sugar, using light"),
        ("multi\nline", "yes"),
    ]


def test_rows_that_cannot_be_cards_are_listed_with_their_line(tmp_path):
    path = tmp_path / "gaps.tsv"
    path.write_text("front\tback\tnotes\nok\tfine\tmore\nno answer\t\t\n\tno question\t\n", encoding="utf-8")
    result = import_file(path)
    assert [c.front for c in result.deck.cards] == ["ok"]
    skipped = "\n".join(result.report.skipped)
    assert "gaps.tsv:3: the back is empty" in skipped
    assert "gaps.tsv:4: the front is empty" in skipped
    assert "notes" in skipped  # the extra column is reported, not dropped silently


def test_the_same_question_twice_becomes_two_cards(tmp_path):
    path = tmp_path / "twice.tsv"
    path.write_text("bank\triver side\nbank\tmoney place\n", encoding="utf-8")
    result = import_file(path)
    assert [c.back for c in result.deck.cards] == ["river side", "money place"]
    parse_deck(dump_deck(result.deck))


def test_an_empty_or_undecodable_text_file_is_refused_clearly(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("#separator:tab\n", encoding="utf-8")
    with pytest.raises(InteropError, match="holds no cards"):
        import_file(empty)
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("ok\tfine\ncaf\xe9\tcoffee\n".encode("latin-1"))
    with pytest.raises(InteropError, match=r"latin.tsv:2: the file is not UTF-8"):
        import_file(latin)


def test_a_txt_export_is_what_quizlet_s_import_box_reads_and_comes_back(tmp_path):
    path = tmp_path / "for-quizlet.txt"
    report = export_deck(AWKWARD, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(AWKWARD.cards)  # one card per line, no header
    assert all(line.count("\t") == 1 and '"' not in line.split("\t")[0][:1] for line in lines)
    assert lines[1] == "A tab inside\tline one / line two / line four"
    assert any("line breaks" in note for note in report.notes)
    back = import_file(path).deck  # and quizapp reads it as Quizlet's export
    assert [c.prompt_text().split(" / ")[0] for c in back.cards][:3] == [
        "Commas, commas, everywhere",
        "A tab inside",
        "Emoji? 🦉🌍",
    ]
