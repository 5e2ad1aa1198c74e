"""Every deck error message: located by file, line and column, in plain words, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.deck.yaml_io import load_deck, parse_deck
from quizapp.errors import DeckError

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def _problems(text: str) -> list[str]:
    with pytest.raises(DeckError) as info:
        parse_deck(text, "x.yaml")
    return [str(p) for p in info.value.problems]


def test_a_deck_with_ten_mistakes_gets_ten_located_messages():
    path = FIXTURES / "ten_mistakes.yaml"
    with pytest.raises(DeckError) as info:
        load_deck(path)
    assert [str(p).removeprefix(f"{path}:") for p in info.value.problems] == [
        '5:5: source 1: "published" must be a date written YYYY-MM-DD, not "spring 2024"',
        '8:5: card 1 (typed): unknown key "anwser" (did you mean "answer"?)',
        '9:5: card 2 (flashcard): missing required key "back"',
        '12:5: card 3 (multiple_choice): the answer "Baikal" is not among the choices',
        '16:29: card 4 (multiple_choice): the choice "colorado" is listed twice',
        "19:5: card 5 (multiple_choice): a multiple-choice card needs at least two choices, it has 1",
        "21:5: card 6 (cloze): a cloze card needs at least one deletion like {{c1::answer}}",
        '23:5: card 7 (true_false): "answer" must be true or false, not "maybe"',
        '27:5: card 9 (typed): the id "volga" is already used by card 8',
        "30:5: card 10 (typed): asks the same question as card 1; merge them or give one an id:",
    ]


def test_the_example_from_the_issue():
    text = """title: Capitals
cards:
  - q: Capital of Cuba?
    a: Havana
    choices: [Madrid, Lima]
"""
    assert _problems(text) == ['x.yaml:4:5: card 1 (multiple_choice): the answer "Havana" is not among the choices']


def test_duplicate_checks_run_even_when_the_earlier_card_is_broken():
    text = """title: t
cards:
  - id: c1
    q: first
  - id: c1
    q: second
    a: fine
"""
    assert _problems(text) == [
        'x.yaml:3:5: card 1 (typed): missing required key "answer"',
        'x.yaml:5:5: card 2 (typed): the id "c1" is already used by card 1',
    ]


CASES = [
    # (deck text, the one expected message)
    (
        "title: t\ncards:\n  - type: essay\n    question: q\n",
        'x.yaml:3:5: card 1: unknown card type "essay"; use one of flashcard, typed, multiple_choice, true_false, cloze',
    ),
    ("title: t\ncards:\n  - q: a\n    a: b\n    a: c\n", 'x.yaml:5:5: the key "a" appears twice in this mapping'),
    (
        "title: t\ncards:\n  - q: a\n    question: b\n    a: c\n",
        'x.yaml:3:5: card 1: both "q" and "question" are given; keep one',
    ),
    (
        "title: t\ncards:\n  - id: has space\n    q: a\n    a: b\n",
        'x.yaml:3:5: card 1 (typed): the id "has space" may only use letters, digits and _ . : - (and start with a letter or digit)',
    ),
    (
        "title: t\ncards:\n  - id: x::c1\n    q: a\n    a: b\n",
        'x.yaml:3:5: card 1 (typed): the id "x::c1" must not contain "::" (cloze study items use it: <id>::c1)',
    ),
    (
        "title: t\ncards:\n  - text: '{{c1:Paris}} is in France'\n",
        'x.yaml:3:5: card 1 (cloze): "{{c1:Paris}}" is not a deletion; write it as {{c1::answer}}',
    ),
    (
        "title: t\ncards:\n  - q: a\n    a:\n",
        'x.yaml:4:5: card 1 (typed): "answer" is empty; write a value or remove the key',
    ),
    (
        "title: t\ncards:\n  - q: a\n    a: [b, c]\n",
        'x.yaml:4:5: card 1 (typed): "answer" must be text, not a list or mapping',
    ),
    (
        "title: t\ncards:\n  - q: a\n    a: b\n    distractors: [c]\n    choices: [b, c]\n",
        "x.yaml:5:5: card 1 (multiple_choice): give either choices: or distractors:, not both",
    ),
    (
        "title: t\ncards:\n  - q: a\n    a: b\n    provenance:\n      fact: {kind: animal}\n",
        "x.yaml:6:14: card 1 (typed): \"provenance.fact.kind\" must be one of 'person', 'place', 'organization', 'date', 'number' or 'other', not \"animal\"",
    ),
    (
        "title: t\nsources: [{id: s}]\ncards:\n  - q: a\n    a: b\n    provenance: {source: elsewhere}\n",
        'x.yaml:6:18: card 1 (typed): the source "elsewhere" is not listed under sources:',
    ),
    (
        "title: t\ncards:\n  - q: a\n    a: b\n    provenance: {start: 9, end: 3}\n",
        "x.yaml:5:28: card 1 (typed): provenance end comes before its start",
    ),
    (
        "title: t\ncards:\n  - q: a\n    a: b\n    provenance: {start: -1}\n",
        'x.yaml:5:18: card 1 (typed): "provenance.start" must be 0 or more, not -1',
    ),
    (
        "title: t\ncards:\n  - q: a\n    a: b\n    distractors: {c: d}\n",
        'x.yaml:5:5: card 1 (multiple_choice): "distractors" must be a list',
    ),
    ("title: t\nsources:\n  - 5\ncards: []\n", "x.yaml:3:5: source 1: must be a mapping of keys, like title:"),
    ("title: t\ncards:\n  - just a string\n", "x.yaml:3:5: card 1: a card must be a mapping of keys, like q: and a:"),
    ("title: t\ncards:\n  - q: a\n    a: b\ncolour: red\n", 'x.yaml:5:1: unknown key "colour"'),
    (
        "title: t\ncards:\n  - q: a\n    a: b\n    <<: {tags: [x]}\n",
        "x.yaml:5:5: merge keys (<<) are not supported in deck files",
    ),
    ("cards:\n  - q: a\n    a: b\n", 'x.yaml:1:1: missing required key "title"'),
    ("title: t\n", 'x.yaml:1:1: missing required key "cards"'),
    ("title: t\ncards: {q: a}\n", 'x.yaml:2:1: "cards" must be a list'),
    ("", "x.yaml:1:1: the file is empty; a deck needs at least a title: and cards:"),
    ("- q: a\n", "x.yaml:1:1: the top level of a deck must be a mapping with title: and cards:"),
    ("title: t\ncards: []\n---\ntitle: u\n", "x.yaml:3:1: a deck file holds one YAML document; remove the extra '---'"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1].split(": ", 1)[1][:50] for c in CASES])
def test_each_mistake_has_its_own_located_message(text, expected):
    assert _problems(text) == [expected]


# YAML syntax errors: the words after "YAML syntax error:" are the YAML parser's own and change
# between PyYAML/libyaml releases; the place, the prefix and quizapp's hints are ours.
SYNTAX_CASES = [
    # (deck text, where, what quizapp adds at the end or "")
    ("title: t\ncards:\n\t- q: a\n", "x.yaml:3:1", " (a tab: YAML is indented with spaces only)"),
    ("title: t\ncards:\n  - q: a\n   a: b\n", "x.yaml:4:4", ""),
]


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize(("text", "where", "hint"), SYNTAX_CASES, ids=["tab", "bad-indent"])
def test_a_yaml_syntax_error_is_located_whatever_the_parser_calls_it(text, where, hint, parser, monkeypatch):
    # PyYAML installed without libyaml (no wheel for a new Python) words every syntax error differently.
    import yaml

    import quizapp.deck.safe_yaml as safe_yaml

    if parser == "python":
        monkeypatch.setattr(safe_yaml, "_Loader", yaml.SafeLoader)
    [problem] = _problems(text)
    assert problem.startswith(f"{where}: YAML syntax error: ")
    assert len(problem) > len(f"{where}: YAML syntax error: ") + len(hint)  # the parser's explanation is kept
    assert problem.endswith(hint)
