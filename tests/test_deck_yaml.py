"""Reading and writing deck YAML: pitfalls, concise forms, limits, canonical output."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from quizapp.deck.model import MultipleChoiceCard, TrueFalseCard, TypedCard
from quizapp.deck.safe_yaml import MAX_DEPTH
from quizapp.deck.yaml_io import MAX_DECK_BYTES, dump_deck, load_deck, parse_deck, save_deck
from quizapp.errors import DeckError

REPO = Path(__file__).resolve().parents[1]


def _answer(scalar: str) -> str:
    return parse_deck(f"title: t\ncards:\n  - q: question\n    a: {scalar}\n").cards[0].answer


@pytest.mark.parametrize(
    "scalar",
    ["no", "No", "yes", "on", "off", "1945", "2024-03-19", "3.10", "~", "null", "0x1F", "1e3", ".inf", "12:30", "0777"],
)
def test_yaml_pitfalls_stay_the_text_the_author_typed(scalar):
    assert _answer(scalar) == scalar


def test_explicit_tags_are_ignored_not_constructed():
    assert _answer("!!int 5") == "5"
    with pytest.raises(DeckError):  # nothing is ever built from a python tag: it is just text, and wrong here
        parse_deck("title: t\ncards: !!python/object/apply:os.system ['echo hi']\n")


def test_quoted_and_block_scalars_keep_their_text():
    deck = parse_deck('title: t\ncards:\n  - q: "1945"\n    a: |\n      line one\n      line two\n')
    assert deck.cards[0].question == "1945"
    assert deck.cards[0].answer == "line one\nline two"


def test_non_text_fields_are_converted_by_the_model():
    deck = parse_deck(
        "title: t\nsources:\n  - id: s\n    published: 2024-03-19\n"
        "cards:\n  - statement: s\n    answer: no\n  - statement: t\n    answer: true\n"
        "  - q: q\n    a: a\n    provenance: {source: s, start: 3, end: 7}\n"
    )
    assert deck.sources[0].published == dt.date(2024, 3, 19)
    assert [c.answer for c in deck.cards[:2]] == [False, True]
    assert (deck.cards[2].provenance.start, deck.cards[2].provenance.end) == (3, 7)


# --- concise forms ------------------------------------------------------------


def test_concise_forms_expand_to_the_canonical_cards():
    deck = parse_deck(
        """
title: t
tags: geography
cards:
  - q: Capital of Peru?
    a: Lima
    accepts: lima city
    tag: capitals
  - q: Capital of Cuba?
    a: Havana
    distractors: [Madrid, Lima]
  - q: Capital of Chile?
    a: Santiago
    choices: [Lima, Santiago]
  - front: Andes
    back: A mountain range
  - statement: Quito is in Ecuador.
    a: true
  - text: "{{c1::Bogotá}} is the capital of Colombia."
  - type: typed
    question: Capital of Bolivia?
    answer: Sucre
    accept:
"""
    )
    assert deck.tags == ["geography"]
    typed, mc, mc2, flash, tf, cloze, explicit = deck.cards
    assert isinstance(typed, TypedCard) and typed.accept == ["lima city"] and typed.tags == ["capitals"]
    assert isinstance(mc, MultipleChoiceCard) and mc.choices == ["Havana", "Madrid", "Lima"]
    assert isinstance(mc2, MultipleChoiceCard) and mc2.choices == ["Lima", "Santiago"]
    assert flash.type == "flashcard" and cloze.type == "cloze"
    assert isinstance(tf, TrueFalseCard) and tf.answer is True
    assert explicit.accept == []  # an empty value means "not given"


def test_a_card_whose_type_cannot_be_told_is_reported():
    with pytest.raises(DeckError, match=r"<deck>:3:5: card 1: cannot tell what kind of card this is"):
        parse_deck("title: t\ncards:\n  - explanation: what am I?\n")


# --- limits -------------------------------------------------------------------


BILLION_LAUGHS = """title: bomb
cards:
  - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  - &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_a_yaml_bomb_is_refused_with_a_clear_message():
    with pytest.raises(DeckError) as info:
        parse_deck(BILLION_LAUGHS, "bomb.yaml")
    [problem] = info.value.problems
    assert problem.message == (
        "aliases expand the document by more than 100,000 values (aliases of aliases?); refusing to read it"
    )
    assert str(problem).startswith("bomb.yaml:8:")  # the alias that crossed the limit


def test_modest_aliases_are_fine():
    deck = parse_deck(
        "title: t\ncards:\n  - q: a\n    a: b\n    tags: &geo [geo, maps]\n  - q: c\n    a: d\n    tags: *geo\n"
    )
    assert deck.cards[1].tags == ["geo", "maps"]


def test_a_recursive_alias_is_refused():
    with pytest.raises(DeckError, match='refers to no earlier anchor "&x"'):
        parse_deck("title: t\ncards: &x [*x]\n")


def test_absurd_nesting_is_refused_without_crashing():
    # A million brackets overflow recursive YAML composers; the event reader stops at MAX_DEPTH.
    text = "title: t\ncards: " + "[" * 1_000_000 + "]" * 1_000_000
    with pytest.raises(DeckError, match=f"more than {MAX_DEPTH} levels deep"):
        parse_deck(text)


def test_a_50_mb_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: no 50 MB actually written
        handle.truncate(50 * 2**20)
    with pytest.raises(DeckError) as info:
        load_deck(big)
    assert str(info.value) == f"{big}: the file is 50 MB; deck files are limited to 10 MB"


def test_large_text_is_refused_by_parse_deck_too():
    with pytest.raises(DeckError, match="larger than 10 MB"):
        parse_deck("#" * (MAX_DECK_BYTES + 1))


def test_unreadable_inputs_give_one_clear_problem(tmp_path):
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: Café\ncards:\n  - q: Où?\n    a: Montréal\n".encode("latin-1"))
    cases = {
        tmp_path / "missing.yaml": "no such file",
        tmp_path: "is a folder, not a deck file",
        latin1: "the file is not UTF-8 text; save it as UTF-8",
    }
    for path, message in cases.items():
        with pytest.raises(DeckError) as info:
            load_deck(path)
        assert [p.message for p in info.value.problems] == [message]
    with pytest.raises(DeckError) as info:
        load_deck(latin1)
    assert info.value.problems[0].location.line == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_with_no_writer_is_answered_not_waited_on(tmp_path):
    # A "deck" that is a named pipe nobody writes to used to block opening it forever:
    # `quizapp decks`, `validate` and the app's deck list hung on a stray pipe in the deck folder.
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            load_deck(pipe)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - whatever it is, the test reports it
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)  # a guard against hanging the suite, not a speed goal
    if reader.is_alive():
        with open(pipe, "wb"):  # let the stuck reader go before failing
            pass
        pytest.fail("reading a named pipe with no writer blocked")
    [error] = outcome
    assert isinstance(error, DeckError)
    assert str(error).startswith(str(pipe)) and "empty" in str(error)


@pytest.mark.parametrize("character", ["\x00", "\x07", "\ufffe"])
def test_a_character_yaml_refuses_is_located_on_its_line_and_column(character):
    # The reliability benchmark found a NUL inside a deck reported with the file name only.
    text = f"title: t\ncards:\n  - q: Où é {character}?\n    a: b\n"
    with pytest.raises(DeckError) as info:
        parse_deck(text, "x.yaml")
    [problem] = info.value.problems
    assert (problem.location.line, problem.location.column) == (3, 13)
    assert f"U+{ord(character):04X}" in problem.message


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: t\ncards:\n  - q: a\n    a: b\n".encode("utf-8"))
    assert load_deck(path).title == "t"


# --- writing ------------------------------------------------------------------


def test_dump_writes_the_canonical_form_with_indented_lists():
    deck = parse_deck(
        "title: Capitals\ntags: geo\ncards:\n  - q: Capital of Cuba?\n    a: Havana\n    distractors: [Madrid, Lima]\n"
        "  - q: Year?\n    a: 1945\n  - text: |\n      {{c1::Lima}} is\n      in Peru\n"
    )
    text = dump_deck(deck)
    mc, typed, cloze = deck.cards
    assert text == (
        "title: Capitals\n"
        "tags:\n"
        "  - geo\n"
        "cards:\n"
        "  - type: multiple_choice\n"
        f"    id: {mc.card_id}\n"
        "    question: Capital of Cuba?\n"
        "    answer: Havana\n"
        "    choices:\n"
        "      - Havana\n"
        "      - Madrid\n"
        "      - Lima\n"
        "  - type: typed\n"
        f"    id: {typed.card_id}\n"
        "    question: Year?\n"
        "    answer: '1945'\n"  # quoted, so any YAML reader keeps it text
        "  - type: cloze\n"
        f"    id: {cloze.card_id}\n"
        "    text: |-\n"
        "      {{c1::Lima}} is\n"
        "      in Peru\n"
    )


def test_save_is_atomic_and_can_point_at_the_schema(tmp_path):
    deck = parse_deck("title: t\ncards:\n  - q: a\n    a: b\n")
    target = tmp_path / "sub" / "deck.yaml"
    save_deck(deck, target, schema="../deck.schema.json")
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../deck.schema.json\n")
    assert [p.name for p in target.parent.iterdir()] == ["deck.yaml"]  # no temporary file left
    reread = load_deck(target)
    assert reread.cards[0].id == deck.cards[0].card_id


def test_bundled_decks_survive_a_round_trip():
    for path in sorted((REPO / "decks").glob("*.yaml")):
        deck = load_deck(path)
        again = parse_deck(dump_deck(deck), str(path))
        assert again == deck.model_copy(update={"cards": [c.model_copy(update={"id": c.card_id}) for c in deck.cards]})


# --- the documentation's examples -------------------------------------------------


def _doc_blocks() -> list[str]:
    import re

    text = (REPO / "docs" / "deck-format.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)


def _as_deck(card_block: str) -> str:
    return "title: t\ncards:\n" + "".join(f"  {line}\n" for line in card_block.splitlines())


def test_the_documented_examples_are_valid():
    blocks = _doc_blocks()
    assert parse_deck(blocks[0]).title == "World capitals"
    card_blocks = [b for b in blocks if b.startswith("- ")]
    assert len(card_blocks) >= 8
    for block in card_blocks:
        parse_deck(_as_deck(block))


def test_the_documented_concise_example_is_saved_as_documented():
    blocks = _doc_blocks()
    [i] = [i for i, b in enumerate(blocks) if "distractors: [Mercury, Mars]" in b]
    saved = dump_deck(parse_deck(_as_deck(blocks[i])))
    assert saved == "title: t\ncards:\n" + "".join(f"  {line}\n" for line in blocks[i + 1].splitlines())


def test_the_pure_python_parser_gives_the_same_results(monkeypatch):
    """PyYAML built without libyaml falls back to its Python parser; nothing may change then."""
    import yaml

    import quizapp.deck.safe_yaml as safe_yaml

    expected = [_answer(s) for s in ("no", "1945", "3.10", "~")]
    example = load_deck(REPO / "decks" / "example-solar-system.yaml")
    monkeypatch.setattr(safe_yaml, "_Loader", yaml.SafeLoader)
    assert [_answer(s) for s in ("no", "1945", "3.10", "~")] == expected == ["no", "1945", "3.10", "~"]
    assert load_deck(REPO / "decks" / "example-solar-system.yaml") == example
    with pytest.raises(DeckError, match="aliases expand the document"):
        parse_deck(BILLION_LAUGHS)
    with pytest.raises(DeckError, match="levels deep"):
        parse_deck("title: t\ncards: " + "[" * 100_000 + "]" * 100_000)
    with pytest.raises(DeckError, match='"answer" is empty'):
        parse_deck("title: t\ncards:\n  - q: a\n    a:\n")
