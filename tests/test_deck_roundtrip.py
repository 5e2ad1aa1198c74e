"""Round trip with hypothesis: model -> canonical YAML -> model is the identity (ids become explicit)."""

from __future__ import annotations

from deck_support import DECK_KEYS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.deck.model import (
    FACT_KINDS,
    ClozeCard,
    Deck,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    Source,
    TrueFalseCard,
    TypedCard,
)
from quizapp.deck.yaml_io import dump_deck, parse_deck

# Strings that YAML, or a careless writer, would turn into something else.
AWKWARD = [
    "no",
    "No",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "1945",
    "3.10",
    "2024-03-19",
    "0x1F",
    "1e3",
    ".nan",
    "-",
    "- item",
    "? key",
    "a: b",
    "a:b",
    "# not a comment",
    "x # y",
    "'quoted'",
    '"double"',
    "it's",
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@at",
    "`tick`",
    "|",
    ">",
    "[a, b]",
    "{a: b}",
    "---",
    "...",
    "Ünïcödé ✓ 日本語 🚀",
    "line one\nline two",
    "trailing colon:",
    "tab\tinside",
    "a\n\nb",
    "x\n  indented",
]

_ALPHABET = st.one_of(
    st.characters(exclude_categories=("Cs", "Cc")),
    st.sampled_from(list("\n\t\r\x85\u2028\u2029 :#'\"-?{}[],&*!|>%@`\\")),
)

_text = (
    st.one_of(
        st.sampled_from(AWKWARD),
        st.text(_ALPHABET, min_size=1, max_size=40),
        st.builds(lambda a, b: f"{a} {b}", st.sampled_from(AWKWARD), st.text(_ALPHABET, max_size=10)),
    )
    .map(str.strip)
    .filter(bool)
)

# Cloze pieces may not contain braces or "::" (that is the deletion syntax itself).
_cloze_part = _text.filter(lambda s: "{" not in s and "}" not in s and ":" not in s)

_ids = st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,12}", fullmatch=True))
_tags = st.lists(_text, max_size=3)


@st.composite
def _provenance(draw):
    fact = draw(
        st.one_of(
            st.none(),
            st.builds(
                FactRef,
                kind=st.sampled_from(FACT_KINDS),
                canonical=st.one_of(st.none(), _text),
                value=st.one_of(st.none(), _text),
                aliases=st.lists(_text, max_size=2),
            ),
        )
    )
    start = draw(st.one_of(st.none(), st.integers(0, 10_000)))
    end = None if start is None else start + draw(st.integers(0, 500))
    return Provenance(source="src", sentence=draw(st.one_of(st.none(), _text)), start=start, end=end, fact=fact)


def _common(draw):
    return {
        "id": draw(_ids),
        "tags": draw(_tags),
        "explanation": draw(st.one_of(st.none(), _text)),
        "provenance": draw(st.one_of(st.none(), _provenance())),
    }


@st.composite
def _flashcard(draw):
    return Flashcard(front=draw(_text), back=draw(_text), **_common(draw))


@st.composite
def _typed(draw):
    return TypedCard(
        question=draw(_text), answer=draw(_text), accept=draw(st.lists(_text, max_size=3)), **_common(draw)
    )


@st.composite
def _multiple_choice(draw):
    choices = draw(st.lists(_text, min_size=2, max_size=5, unique_by=str.casefold))
    return MultipleChoiceCard(
        question=draw(_text), answer=draw(st.sampled_from(choices)), choices=choices, **_common(draw)
    )


@st.composite
def _true_false(draw):
    return TrueFalseCard(statement=draw(_text), answer=draw(st.booleans()), **_common(draw))


@st.composite
def _cloze(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(1, 4))
        hint = draw(st.one_of(st.none(), _cloze_part))
        answer = draw(_cloze_part)
        deletion = f"{{{{c{index}::{answer}{'::' + hint if hint else ''}}}}}"
        pieces.append(f"{draw(_cloze_part)} {deletion}")
    return ClozeCard(text=" ".join(pieces) + draw(st.sampled_from(["", ".", " and more"])), **_common(draw))


_card = st.one_of(_flashcard(), _typed(), _multiple_choice(), _true_false(), _cloze())


@st.composite
def _deck(draw):
    sources = [
        Source(
            id="src",
            title=draw(st.one_of(st.none(), _text)),
            url=draw(st.one_of(st.none(), _text)),
            published=draw(st.one_of(st.none(), st.dates())),
        )
    ]
    return Deck(
        title=draw(_text),
        description=draw(st.one_of(st.none(), _text)),
        tags=draw(_tags),
        sources=sources,
        cards=draw(st.lists(_card, min_size=1, max_size=6, unique_by=lambda c: c.card_id)),
    )


def _with_explicit_ids(deck: Deck) -> Deck:
    return deck.model_copy(update={"cards": [c.model_copy(update={"id": c.card_id}) for c in deck.cards]})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_deck())
def test_yaml_round_trip_is_the_identity_up_to_explicit_ids(deck):
    text = dump_deck(deck)
    again = parse_deck(text, "roundtrip.yaml")
    assert again == _with_explicit_ids(deck), text
    # Canonical output is a fixed point: writing the re-read deck gives the same text.
    assert dump_deck(again) == text
    assert all(f"type: {card.type}" in text for card in deck.cards)


# --- robustness: whatever the file holds, the reader answers with a deck or a DeckError ---

from quizapp.errors import DeckError  # noqa: E402

_KEYS = st.sampled_from(DECK_KEYS)
_SCALARS = st.one_of(st.sampled_from(AWKWARD + ["", "multiple_choice", "cloze", "typed", "-1", "{{c1::x}}"]), _text)
_yamlish = st.recursive(
    _SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_KEYS, children, max_size=5)),
    max_leaves=25,
)


def _accepts_or_explains(text: str) -> None:
    try:
        parse_deck(text, "fuzz.yaml")
    except DeckError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml") and p.message for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "cards", "sources", "tags", "description", "extra"]), _yamlish))
def test_any_structure_gives_a_deck_or_located_problems(data):
    import yaml

    _accepts_or_explains(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("abq:- \n\t[]{}&*!|>'\"#,?%@`~c1") + ["{{c1::", "}}", "title: ", "cards:\n"]), max_size=60
    ).map("".join)
)
def test_any_text_gives_a_deck_or_located_problems(text):
    _accepts_or_explains(text)
