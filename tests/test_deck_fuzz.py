"""Fuzzing the deck loader: whatever a deck file holds, reading it gives a deck or quizapp's own located error.

"Located" means every problem names the file (and a message); anything else — another
exception, a hang, a problem without a place — fails. Inputs that once failed are kept
in ``tests/fixtures/deck_fuzz/`` and always run first (``@example``): add a file there
for every crash found, with the fix. ``QUIZAPP_FUZZ_EXAMPLES`` raises the number of
generated examples (``benchmarks/reliability.py`` runs many more than the suite does).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from deck_support import DECK_KEYS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizapp.deck.yaml_io import load_deck, parse_deck
from quizapp.errors import DeckError

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "fixtures" / "deck_fuzz"
EXAMPLES = int(os.environ.get("QUIZAPP_FUZZ_EXAMPLES", "60"))
#: How many inputs the properties have been given in this process (the benchmark reports it).
EXAMPLES_RUN = 0

_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def kept_corpus() -> list[bytes]:
    """The kept inputs that once failed, as the bytes of a deck file."""
    return [path.read_bytes() for path in sorted(CORPUS.iterdir()) if path.is_file()]


def with_kept_corpus(test):
    """Run ``test`` on every kept input first (hypothesis's explicit examples)."""
    for case in kept_corpus():
        test = example(content=case)(test)
    return test


def with_kept_corpus_as_text(test):
    """Run ``test`` on every kept input as text (surrogates kept: they are stored "surrogatepass")."""
    for case in kept_corpus():
        test = example(text=case.decode("utf-8", errors="surrogatepass"))(test) if _decodes(case) else test
    return test


def _decodes(case: bytes) -> bool:
    try:
        case.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


def assert_text_gives_deck_or_located_error(text: str) -> None:
    """``parse_deck`` (what the app uses for text it holds, e.g. a card edited in the inbox) on ``text``."""
    global EXAMPLES_RUN
    EXAMPLES_RUN += 1
    try:
        parse_deck(text, "fuzz.yaml")
    except DeckError as exc:
        assert exc.problems, "a DeckError without problems"
        for problem in exc.problems:
            assert problem.location.path == "fuzz.yaml" and problem.message.strip(), problem


def assert_deck_or_located_error(content: bytes) -> None:
    """Load ``content`` as a deck file: a deck, or a DeckError whose every problem names the file."""
    global EXAMPLES_RUN
    EXAMPLES_RUN += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(content)
        try:
            load_deck(path, use_cache=False)
        except DeckError as exc:
            assert exc.problems, "a DeckError without problems"
            for problem in exc.problems:
                assert problem.location.path == str(path) and str(problem).startswith(str(path)), problem
                assert problem.message.strip(), problem


def _seed_decks() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "decks").glob("*.yaml"))] + [
        (REPO / "tests" / "fixtures" / "decks" / "ten_mistakes.yaml").read_text(encoding="utf-8")
    ]


#: Pieces that have meaning to YAML or to the deck format.
_TOKENS = list("abq:- \n\t[]{}&*!|>'\"#,?%@`~c1\r\x00\x85\u2028\ufeff\u200b") + [
    "{{c1::",
    "}}",
    "::",
    "title: ",
    "cards:\n",
    "  - ",
    "type: ",
    "cloze",
    "multiple_choice",
    "true_false",
    "typed",
    "choices: ",
    "distractors: ",
    "answer: ",
    "accept: ",
    "provenance: ",
    "start: ",
    "end: ",
    "sources: ",
    "published: ",
    "2024-02-30",
    "id: ",
    "&a ",
    "*a",
    "<<: ",
    "!!python/object ",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "1e999",
    "-1",
    "yes",
    "~",
    "{{c0::",
    "{{c99999999999999999999::x}}",
    "fact: ",
    "kind: ",
    "q: ",
    "a: ",
    "tags: ",
]


@st.composite
def _edited_deck(draw) -> bytes:
    """A real deck with a few random edits: tokens inserted, spans deleted, lines repeated."""
    text = draw(st.sampled_from(_seed_decks()))
    lines = text.splitlines(keepends=True)
    if draw(st.booleans()):  # keep the start and some slice, so edits land on cards often
        start = draw(st.integers(0, len(lines) - 1))
        lines = lines[:3] + lines[start : start + draw(st.integers(1, 30))]
    chars = list("".join(lines))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if action == "insert":
            chars[position:position] = list(draw(st.sampled_from(_TOKENS)))
        elif action == "delete":
            del chars[position : position + draw(st.integers(1, 20))]
        elif chars:
            source = draw(st.integers(0, len(chars) - 1))
            chars[position:position] = chars[source : source + draw(st.integers(1, 80))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return "".join(chars).encode(encoding, errors="replace")


_CARD_KEYS = st.sampled_from(DECK_KEYS)
_SCALARS = st.one_of(
    st.sampled_from(
        [
            "",
            "multiple_choice",
            "cloze",
            "typed",
            "true_false",
            "flashcard",
            "-1",
            "0",
            "99999999999999999999999",
            "1e999",
            "nan",
            "{{c1::x}}",
            "{{c0::x}}",
            "{{c1::}}",
            "{{c1::a::}}",
            "{{c2::x}} {{c1::y}}",
            "true",
            "no",
            "2024-02-30",
            "9999-12-31",
            "person",
            "date",
            " ",
            "x::y",
            "\u200b",
            "\x85",
            "\u2028",
        ]
    ),
    st.text(max_size=20),
    st.integers().map(str),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_CARD_KEYS, inner, max_size=5)),
    max_leaves=30,
)


@st.composite
def _deck_shaped(draw) -> bytes:
    """Data shaped like a deck (title, cards of card-like mappings, sources) with any values, as YAML."""
    data = draw(
        st.fixed_dictionaries(
            {"title": _SCALARS, "cards": st.lists(st.dictionaries(_CARD_KEYS, _VALUES, max_size=6), max_size=5)},
            optional={
                "sources": st.lists(st.dictionaries(_CARD_KEYS, _SCALARS, max_size=5), max_size=3),
                "tags": _VALUES,
                "description": _VALUES,
            },
        )
    )
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


@_SETTINGS
@given(content=_edited_deck())
@with_kept_corpus
def test_edited_real_decks_give_a_deck_or_a_located_error(content):
    assert_deck_or_located_error(content)


#: Any character, lone surrogates included: text typed or pasted into the app need not be valid UTF-8.
_ANY_CHARACTER = st.one_of(st.characters(), st.characters(categories=["Cs"]))


@_SETTINGS
@given(
    text=st.builds(
        "".join, st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(_ANY_CHARACTER, max_size=3)), max_size=40)
    )
)
@with_kept_corpus_as_text
def test_any_text_gives_a_deck_or_a_located_error(text):
    assert_text_gives_deck_or_located_error(text)


@_SETTINGS
@given(content=_deck_shaped())
def test_deck_shaped_data_gives_a_deck_or_a_located_error(content):
    assert_deck_or_located_error(content)


@_SETTINGS
@given(content=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-16"))))
def test_any_bytes_give_a_deck_or_a_located_error(content):
    assert_deck_or_located_error(content)


def test_the_kept_corpus_is_not_empty():
    # Every case here once crashed the loader or got an unlocated error; they run on every test run.
    assert len(kept_corpus()) >= 1
    for case in kept_corpus():
        assert_deck_or_located_error(case)
        if _decodes(case):
            assert_text_gives_deck_or_located_error(case.decode("utf-8", errors="surrogatepass"))


def test_a_lone_surrogate_is_a_located_problem_not_a_crash():
    # Found by the text property above: parse_deck raised UnicodeEncodeError on "\udcff".
    text = "title: t\ncards:\n  - q: What is \udcff?\n    a: b\n"
    try:
        parse_deck(text, "x.yaml")
    except DeckError as exc:
        [problem] = exc.problems
        assert (problem.location.line, problem.location.column) == (3, 16)
        assert "U+DCFF" in problem.message
    else:
        raise AssertionError("a lone surrogate was accepted")
