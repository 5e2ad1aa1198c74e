"""The deck model: every card type, stable ids, cloze items."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from quizapp.deck.model import (
    ClozeCard,
    Deck,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    TrueFalseCard,
    TypedCard,
)
from quizapp.deck.yaml_io import parse_deck


def test_every_card_type_validates_and_names_its_prompt():
    cards = [
        Flashcard(front="Red planet", back="Mars"),
        TypedCard(question="Largest planet?", answer="Jupiter", accept=["jupiter"]),
        MultipleChoiceCard(question="Hottest planet?", answer="Venus", choices=["Venus", "Mars"]),
        TrueFalseCard(statement="Pluto is a planet.", answer=False),
        ClozeCard(text="{{c1::Ceres}} is in the asteroid belt."),
    ]
    deck = Deck(title="t", cards=cards)
    assert [c.type for c in deck.cards] == ["flashcard", "typed", "multiple_choice", "true_false", "cloze"]
    assert [c.prompt_text() for c in cards][:2] == ["Red planet", "Largest planet?"]
    assert len({c.card_id for c in cards}) == 5


def test_multiple_choice_distractors_are_the_other_choices():
    card = MultipleChoiceCard(question="q", answer="b", choices=["a", "b", "c"])
    assert card.distractors == ["a", "c"]


@pytest.mark.parametrize(
    ("choices", "answer", "message"),
    [
        (["a"], "a", "at least two choices, it has 1"),
        (["a", "A", "b"], "a", 'the choice "A" is listed twice'),
        (["a", "b"], "c", 'the answer "c" is not among the choices'),
    ],
)
def test_multiple_choice_rules(choices, answer, message):
    with pytest.raises(ValidationError, match=message):
        MultipleChoiceCard(question="q", answer=answer, choices=choices)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no deletion here", "needs at least one deletion"),
        ("{{c1::}} empty", "has an empty answer"),
        ("{{c0::x}} zero", "numbered from c1"),
        ("{{c1:x}} one colon", "is not a deletion"),
        ("{{c1::ok}} and {{c2:bad}}", "is not a deletion"),
    ],
)
def test_cloze_rules(text, message):
    with pytest.raises(ValidationError, match=message):
        ClozeCard(text=text)


def test_cloze_items_are_one_per_distinct_index():
    card = ClozeCard(id="belt", text="Between {{c1::Mars}} and {{c1::Jupiter}} lies the {{c2::asteroid belt::a belt}}.")
    assert card.indices() == [1, 2]
    assert card.item_ids() == ["belt::c1", "belt::c2"]
    assert card.answers_for(1) == ["Mars", "Jupiter"]
    assert card.render(1) == "Between [...] and [...] lies the asteroid belt."
    assert card.render(2) == "Between Mars and Jupiter lies the [a belt]."
    assert card.render() == "Between Mars and Jupiter lies the asteroid belt."
    deck = Deck(title="t", cards=[card, Flashcard(id="f", front="a", back="b")])
    assert [(i.item_id, i.cloze_index) for i in deck.study_items()] == [("belt::c1", 1), ("belt::c2", 2), ("f", None)]
    assert deck.study_item_counts() == {"cloze": 2, "flashcard": 1}


def test_cloze_item_ids_use_the_derived_id_too():
    card = ClozeCard(text="{{c1::Io}} orbits {{c2::Jupiter}}.")
    assert card.item_ids() == [f"{card.card_id}::c1", f"{card.card_id}::c2"]
    assert "::" not in card.card_id


def test_typed_accepted_answers_include_fact_aliases_once():
    card = TypedCard(
        question="q",
        answer="Jupiter",
        accept=["jupiter", "Jove"],
        provenance=Provenance(fact=FactRef(kind="place", aliases=["Jove", "Zeus's planet"])),
    )
    assert card.accepted_answers() == ["Jupiter", "Jove", "Zeus's planet"]
    assert card.fact_kind == "place"


# --- stable ids ---------------------------------------------------------------


def _one_card(yaml_card: str):
    return parse_deck(f"title: t\ncards:\n{yaml_card}").cards[0]


BASE = "  - q: Which planet is largest?\n    a: Jupiter\n"


@pytest.mark.parametrize(
    "edited",
    [
        "  - q: Which planet is largest?\n    a: jupiter (the gas giant)\n",
        BASE + "    tags: [planets]\n",
        BASE + "    explanation: It has more mass than all other planets together.\n",
        BASE + "    accept: [Jove]\n",
        "  - q: '  which  PLANET is largest? '\n    a: Jupiter\n",  # case and spacing do not count
    ],
)
def test_edits_that_keep_the_question_keep_the_id(edited):
    assert _one_card(edited).card_id == _one_card(BASE).card_id


@pytest.mark.parametrize(
    "edited",
    [
        "  - q: Which planet is the largest?\n    a: Jupiter\n",
        "  - q: Which planet is largest?\n    a: Jupiter\n    distractors: [Saturn]\n",  # another card type
    ],
)
def test_editing_the_question_or_type_changes_the_id(edited):
    assert _one_card(edited).card_id != _one_card(BASE).card_id


def test_explicit_id_wins_and_survives_question_edits():
    a = _one_card("  - id: big-planet\n    q: Which planet is largest?\n    a: Jupiter\n")
    b = _one_card("  - id: big-planet\n    q: Name the largest planet.\n    a: Jupiter\n")
    assert a.card_id == b.card_id == "big-planet"
    assert a.derived_id() != "big-planet"


def test_ids_may_not_contain_the_cloze_item_separator():
    with pytest.raises(ValidationError, match='must not contain "::"'):
        TypedCard(id="x::c1", question="q", answer="a")
