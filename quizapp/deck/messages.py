"""Pydantic validation errors turned into located, plain-word problems about a deck file."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from quizapp.deck.model import CARD_TYPES
from quizapp.deck.safe_yaml import Positions
from quizapp.errors import Location, Problem

#: Every key the format knows, concise ones included, for "did you mean" hints.
KNOWN_KEYS = {
    "title",
    "description",
    "tags",
    "sources",
    "cards",
    "type",
    "id",
    "question",
    "answer",
    "accept",
    "choices",
    "front",
    "back",
    "statement",
    "text",
    "explanation",
    "provenance",
    "source",
    "sentence",
    "start",
    "end",
    "fact",
    "kind",
    "canonical",
    "value",
    "aliases",
    "path",
    "url",
    "published",
    "distractors",
    "q",
    "a",
}


def card_label(index: int, card_type: str | None) -> str:
    """How messages name a card: ``card 3 (multiple_choice)``, counting from 1 like a person does."""
    return f"card {index + 1}" + (f" ({card_type})" if card_type in CARD_TYPES else "")


def translate(
    exc: ValidationError, positions: Positions, path: str, prefix: tuple[Any, ...] = (), card_type: str | None = None
) -> list[Problem]:
    """One problem per distinct error; ``prefix`` is where the validated value sits in the document."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    errors = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # A discriminated union puts the tag first in the location: ("typed", "answer").
        if prefix[:1] == ("cards",) and loc and loc[0] in CARD_TYPES:
            loc = loc[1:]
        errors.append((prefix + loc, error))
    # A misspelt key ("anwser") also leaves the real one missing; the "did you mean" message says both.
    explained = {
        loc[:-1] + (suggestion,)
        for loc, error in errors
        if error["type"] == "extra_forbidden" and (suggestion := suggest_key(str(loc[-1])))
    }
    for loc, error in errors:
        if error["type"] == "missing" and loc in explained:
            continue
        at = error.get("ctx", {}).get("at")
        point = loc + tuple(at) if at else loc
        key = (loc, error["type"])
        if key in seen:
            continue
        seen.add(key)
        if error["type"] == "missing":
            point = loc[:-1]  # point at the mapping that lacks the key
        line, col = positions.best(point) or (None, None)
        problems.append(Problem(Location(path, line, col), describe(error, loc, card_type)))
    return problems


def suggest_key(bad: str) -> str | None:
    """The known key ``bad`` is probably a misspelling of, if any."""
    close = difflib.get_close_matches(bad, sorted(KNOWN_KEYS), n=1, cutoff=0.75)
    return close[0] if close else None


def describe(error: ErrorDetails, loc: tuple[Any, ...], card_type: str | None = None) -> str:
    """The error in plain words, starting with which card or source it is about."""
    prefix = ""
    field_path = list(loc)
    if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
        prefix = card_label(loc[1], card_type) + ": "
        field_path = list(loc[2:])
    elif len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        prefix = f"source {loc[1] + 1}: "
        field_path = list(loc[2:])
    name = ".".join(str(p) for p in field_path)
    etype = error["type"]
    given = error.get("input")
    ctx = error.get("ctx", {})
    if etype == "missing":
        return f'{prefix}missing required key "{field_path[-1] if field_path else name}"'
    if etype == "extra_forbidden":
        bad = str(field_path[-1]) if field_path else name
        suggestion = suggest_key(bad)
        return f'{prefix}unknown key "{bad}"' + (f' (did you mean "{suggestion}"?)' if suggestion else "")
    if etype == "union_tag_invalid":
        return f'{prefix}unknown card type "{ctx.get("tag", "")}"; use one of {", ".join(CARD_TYPES)}'
    if etype == "union_tag_not_found":
        return f"{prefix}missing type:"
    if given is None and etype.endswith("_type"):
        return f'{prefix}"{name}" is empty; write a value or remove the key'
    if etype == "string_too_short":
        return f'{prefix}"{name}" must not be empty'
    if etype == "string_type":
        return f'{prefix}"{name}" must be text, not a list or mapping'
    if etype == "list_type":
        return f'{prefix}"{name}" must be a list'
    if etype in ("dict_type", "model_type", "model_attributes_type"):
        return (
            f'{prefix}"{name}" must be a mapping of keys' if name else f"{prefix}must be a mapping of keys, like title:"
        )
    if etype.startswith("bool"):
        return f'{prefix}"{name}" must be true or false, not "{given}"'
    if etype.startswith("date"):
        return f'{prefix}"{name}" must be a date written YYYY-MM-DD, not "{given}"'
    if etype.startswith("int"):
        return f'{prefix}"{name}" must be a whole number, not "{given}"'
    if etype == "greater_than_equal":
        return f'{prefix}"{name}" must be {ctx.get("ge")} or more, not {given}'
    if etype == "literal_error":
        return f'{prefix}"{name}" must be one of {ctx.get("expected", "")}, not "{given}"'
    if etype == "string_pattern_mismatch" and field_path and field_path[-1] == "id":
        return f'{prefix}the id "{given}" may only use letters, digits and _ . : - (and start with a letter or digit)'
    if etype == "value_error":
        return f"{prefix}{ctx.get('error', error['msg'])}"
    message = error["msg"]
    # The model's own errors (an answer not among the choices, ...) are already plain words.
    if ctx.get("at") is not None or not name:
        return f"{prefix}{message}"
    return f"{prefix}{name}: {message[0].lower() + message[1:]}"
