"""The JSON Schema for editors: shipped, current, and in agreement with what quizapp accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.deck.schema import deck_json_schema
from quizapp.deck.yaml_io import parse_deck
from quizapp.errors import DeckError

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "deck.schema.json"

# YAML 1.2 core schema, which yaml-language-server uses: how an editor types plain scalars.
_NULL = re.compile(r"^(?:null|Null|NULL|~|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _as_editor_sees_it(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {_as_editor_sees_it(k): _as_editor_sees_it(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_as_editor_sees_it(n) for n in node.value]
    value = node.value
    if node.style is not None:
        return value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        return int(value, 0) if not value.startswith("0o") else int(value[2:], 8)
    if _FLOAT.match(value):
        return float(value.replace(".inf", "inf").replace(".nan", "nan"))
    return value


def _load_like_an_editor(text: str) -> Any:
    return _as_editor_sees_it(yaml.compose(text, Loader=yaml.SafeLoader))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = deck_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_schema_is_what_quizapp_schema_prints():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == deck_json_schema()
    assert SHIPPED.read_text(encoding="utf-8") == result.stdout, "regenerate it: quizapp schema > deck.schema.json"


def test_every_bundled_deck_validates_against_the_schema(validator):
    decks = sorted((REPO / "decks").glob("*.y*ml"))
    assert decks
    for path in decks:
        text = path.read_text(encoding="utf-8")
        errors = [f"{list(e.path)}: {e.message[:200]}" for e in validator.iter_errors(_load_like_an_editor(text))]
        assert errors == [], path


def test_the_hand_written_examples_point_editors_at_the_shipped_schema():
    examples = sorted((REPO / "decks").glob("example-*.yaml"))
    assert examples
    for path in examples:
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header == "# yaml-language-server: $schema=../deck.schema.json"
        assert (path.parent / header.split("=", 1)[1]).resolve() == SHIPPED


ACCEPTED = [
    "title: t\ntags: geo\ncards:\n  - q: Year?\n    a: 1945\n    accepts: [nineteen forty-five]\n    tag: history\n",
    "title: t\ncards:\n  - q: Norway?\n    a: no\n  - q: Version?\n    a: 3.10\n  - q: When?\n    a: 2024-03-19\n",
    "title: t\ncards:\n  - q: Capital of Cuba?\n    a: Havana\n    distractors: [Madrid, Lima]\n",
    "title: t\ncards:\n  - type: multiple_choice\n    question: q\n    answer: a\n    choices: [a, b]\n",
    "title: t\ncards:\n  - statement: s\n    answer: yes\n  - statement: t\n    a: false\n",
    "title: t\ncards:\n  - front: f\n    back: b\n  - text: '{{c1::x}} y'\n    explanation: e\n",
    "title: t\nsources:\n  - id: s\n    published: 2024-03-19\ncards:\n  - q: a\n    a: b\n    provenance: {source: s, fact: {kind: date, value: '2024'}}\n",
]

REJECTED = [
    "title: t\ncards:\n  - q: a\n    anwser: b\n",  # misspelt key
    "title: t\ncards:\n  - front: only a front\n",  # missing back
    "title: t\ncards:\n  - q: a\n    question: b\n    a: c\n",  # both spellings
    "title: t\ncards:\n  - type: essay\n    question: q\n    answer: a\n",  # unknown type
    "title: t\ncards:\n  - q: a\n    a: b\n    distractors: [c]\n    choices: [b, c]\n",  # both choice lists
    "title: t\ncards:\n  - statement: s\n    answer: maybe\n",
    "cards: []\n",  # no title
    "title: t\n",  # no cards
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_schema_accepts_what_quizapp_accepts(validator, text):
    parse_deck(text)
    assert list(validator.iter_errors(_load_like_an_editor(text))) == []


@pytest.mark.parametrize("text", REJECTED)
def test_the_schema_rejects_what_quizapp_rejects(validator, text):
    with pytest.raises(DeckError):
        parse_deck(text)
    assert list(validator.iter_errors(_load_like_an_editor(text))) != []
