"""The concise forms a person may use when writing a deck by hand, expanded to the canonical form.

* ``q:`` / ``a:`` stand for ``question:`` / ``answer:`` (and ``accepts:`` for ``accept:``,
  ``tag:`` for ``tags:``);
* ``type:`` may be left out when the keys make the type clear (see :data:`TYPE_HINTS`);
* a multiple-choice card may list only its ``distractors:``; the answer is added to them;
* ``tags:``, ``accept:`` and ``distractors:`` may be a single string instead of a list;
* an empty value (``tags:`` with nothing after it) means the key is absent.

Writing a deck back (:func:`quizapp.deck.yaml_io.dump_deck`) always produces the canonical form.
"""

from __future__ import annotations

from typing import Any

from quizapp.deck.model import CARD_TYPES
from quizapp.deck.safe_yaml import Positions
from quizapp.errors import Location, Problem

#: Concise key -> the canonical key it stands for.
KEY_ALIASES = {"q": "question", "a": "answer", "accepts": "accept", "tag": "tags"}

#: Which keys identify a card type when ``type:`` is omitted, checked in this order.
TYPE_HINTS: list[tuple[str, tuple[str, ...]]] = [
    ("cloze", ("text",)),
    ("true_false", ("statement",)),
    ("flashcard", ("front", "back")),
    ("multiple_choice", ("choices", "distractors")),
    ("typed", ("question", "answer")),
]

#: Keys that hold lists but may be written as one string.
LIST_KEYS = ("tags", "accept", "distractors", "aliases")

#: Keys whose empty value simply means "not given".
_OPTIONAL_KEYS = {"tags", "accept", "explanation", "provenance", "id", "description", "sources", "cards", "type"}


def expand_deck(data: dict[str, Any], positions: Positions, path: str) -> tuple[dict[str, Any], dict[int, Problem]]:
    """The deck mapping with every card in canonical form, and the problem of each card that could not be."""
    problems: dict[int, Problem] = {}
    deck = _drop_empty(data)
    if isinstance(deck.get("tags"), str):
        deck["tags"] = [deck["tags"]]
    cards = deck.get("cards")
    if isinstance(cards, list):
        expanded = []
        for index, raw in enumerate(cards):
            card, problem = expand_card(raw, index, positions, path)
            if problem:
                problems[index] = problem
            expanded.append(card)
        deck["cards"] = expanded
    return deck, problems


def expand_card(raw: Any, index: int, positions: Positions, path: str) -> tuple[Any, Problem | None]:
    """One card in canonical form, or the problem that prevents it."""
    if not isinstance(raw, dict):
        return raw, None
    if _is_canonical(raw):
        return raw, None  # as written by dump_deck: nothing to expand (most cards of a big deck)
    where = ("cards", index)
    card: dict[str, Any] = {}
    for key, value in _drop_empty(raw).items():
        canonical = KEY_ALIASES.get(key, key)
        if canonical != key:
            if canonical in raw:
                return raw, _problem(
                    positions,
                    where + (key,),
                    path,
                    f'card {index + 1}: both "{key}" and "{canonical}" are given; keep one',
                )
            positions.alias(where + (canonical,), where + (key,))
        card[canonical] = value
    for key in LIST_KEYS:
        if isinstance(card.get(key), str):
            card[key] = [card[key]]
    if "type" not in card:
        guessed = next((card_type for card_type, keys in TYPE_HINTS if any(k in card for k in keys)), None)
        if guessed is None:
            return card, _problem(
                positions,
                where,
                path,
                f"card {index + 1}: cannot tell what kind of card this is; add type: (one of {', '.join(CARD_TYPES)}) "
                "or write it as q:/a:, front:/back:, statement:, text: or choices:",
            )
        card["type"] = guessed
    if "distractors" in card and card["type"] == "multiple_choice":
        distractors = card.pop("distractors")
        if "choices" in card:
            return card, _problem(
                positions,
                where + ("distractors",),
                path,
                f"card {index + 1} (multiple_choice): give either choices: or distractors:, not both",
            )
        if isinstance(distractors, list):
            answer = card.get("answer")
            card["choices"] = ([answer] if isinstance(answer, str) else []) + distractors
            # Choice j of the expanded list is distractor j-1 of the file (the answer comes first).
            offset = 1 if isinstance(answer, str) else 0
            positions.alias(where + ("choices",), where + ("distractors",))
            if offset:
                positions.alias(where + ("choices", 0), where + ("answer",))
            for j in range(len(distractors)):
                positions.alias(where + ("choices", j + offset), where + ("distractors", j))
        else:
            return card, _problem(
                positions,
                where + ("distractors",),
                path,
                f'card {index + 1} (multiple_choice): "distractors" must be a list',
            )
    return card, None


_EXPANDED_KEYS = frozenset(KEY_ALIASES) | {"distractors"}
_STRING_LIST_KEYS = frozenset(LIST_KEYS)


def _is_canonical(card: dict[str, Any]) -> bool:
    """Whether expanding the card would give back the same mapping: a type, no concise key, no
    empty optional value, no single string where a list goes."""
    if "type" not in card or not _EXPANDED_KEYS.isdisjoint(card):
        return False
    for key, value in card.items():
        if value is None:
            if key in _OPTIONAL_KEYS:
                return False
        elif value.__class__ is str and key in _STRING_LIST_KEYS:
            return False
    return True


def _drop_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if not (v is None and k in _OPTIONAL_KEYS)}


def _problem(positions: Positions, where: tuple[Any, ...], path: str, message: str) -> Problem:
    line, col = positions.best(where) or (None, None)
    return Problem(Location(path, line, col), message)
