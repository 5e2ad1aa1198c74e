"""The JSON Schema of the deck format, for editors (yaml-language-server) and ``quizapp schema``.

It starts from the pydantic model's schema and is adjusted to describe the files
people actually write, so an editor does not flag what quizapp accepts:

* every card may use the concise forms (``q:``/``a:``, ``distractors:``, no ``type:``,
  a single string for ``tags:``/``accept:``): each card type gets one "form" that
  accepts both its canonical and its concise spelling, and a card must match one;
* editors read YAML 1.2, where ``answer: 1945`` is a number and ``answer: yes`` a
  string, whereas quizapp keeps every scalar as the text typed: text fields also
  accept numbers and booleans, and a true/false answer also accepts the words
  quizapp understands (yes/no, on/off, ...).

The shipped copy is ``deck.schema.json`` at the top of the repository; a test
keeps it equal to what this module produces.
"""

from __future__ import annotations

import copy
from typing import Any

from quizapp.deck.concise import KEY_ALIASES, LIST_KEYS
from quizapp.deck.model import Deck

_CARD_DEFS = {
    "flashcard": "Flashcard",
    "typed": "TypedCard",
    "multiple_choice": "MultipleChoiceCard",
    "true_false": "TrueFalseCard",
    "cloze": "ClozeCard",
}

#: Words pydantic accepts for a boolean, besides true and false themselves.
_BOOLEAN_WORDS = ["true", "false", "yes", "no", "on", "off", "y", "n", "t", "f", "1", "0"]

#: Scalars an editor may see where quizapp reads text.
_TEXT_LIKE = ["string", "number", "boolean"]


def deck_json_schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict (stable: the same model always gives the same schema)."""
    schema = Deck.model_json_schema()
    defs = schema["$defs"]
    _walk(schema, _loosen_text)
    for name in ("Source", "Provenance", "FactRef", *_CARD_DEFS.values()):
        _allow_single_strings(defs[name])
    _allow_single_strings(schema)
    answer = defs["TrueFalseCard"]["properties"]["answer"]
    defs["TrueFalseCard"]["properties"]["answer"] = {
        "description": answer.get("description", ""),
        "anyOf": [
            {"type": "boolean"},
            {"enum": _BOOLEAN_WORDS + [w.capitalize() for w in _BOOLEAN_WORDS if w.isalpha()]},
        ],
    }
    for card_type, name in _CARD_DEFS.items():
        defs[f"{name}Form"] = _card_form(card_type, defs[name])
    schema["properties"]["cards"]["items"] = {
        "description": "A card: give type: or let the keys say it (q:/a:, front:/back:, statement:, text:, choices: or distractors:).",
        "anyOf": [{"$ref": f"#/$defs/{name}Form"} for name in _CARD_DEFS.values()],
    }
    schema["required"] = sorted(set(schema.get("required", [])) | {"cards"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "quizapp deck",
        "description": "A quizapp deck file. See docs/deck-format.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _card_form(card_type: str, canonical: dict[str, Any]) -> dict[str, Any]:
    """A card type's schema that accepts its concise spellings too."""
    form = copy.deepcopy(canonical)
    props: dict[str, Any] = form["properties"]
    props["type"] = {"const": card_type, "description": f"{card_type} (may be left out when the keys make it clear)"}
    for short, long in KEY_ALIASES.items():
        if long in props:
            props[short] = {**props[long], "description": f"Short for {long}:."}
    required: list[str] = [key for key in form.pop("required", []) if key != "type"]
    if card_type == "multiple_choice":
        props["distractors"] = {
            "description": "The wrong choices; the answer is added to them.",
            "anyOf": [{"type": "array", "items": {"type": _TEXT_LIKE}}, {"type": _TEXT_LIKE}],
        }
        required = [key for key in required if key != "choices"]
        form["oneOf"] = [{"required": ["choices"]}, {"required": ["distractors"]}]
    shorts = {long: short for short, long in KEY_ALIASES.items()}
    all_of: list[dict[str, Any]] = []
    for key in required:
        if key in shorts:
            all_of.append({"oneOf": [{"required": [key]}, {"required": [shorts[key]]}]})
        else:
            all_of.append({"required": [key]})
    if all_of:
        form["allOf"] = all_of
    form["title"] = f"{canonical.get('title', card_type)} (canonical or concise)"
    return form


def _allow_single_strings(obj_schema: dict[str, Any]) -> None:
    """Let list-of-text keys such as tags: be written as one string."""
    for key, prop in obj_schema.get("properties", {}).items():
        if key in LIST_KEYS and prop.get("type") == "array":
            items = prop.get("items", {})
            obj_schema["properties"][key] = {
                **{k: v for k, v in prop.items() if k not in ("type", "items")},
                "anyOf": [{"type": "array", "items": items}, items],
            }


def _loosen_text(node: dict[str, Any]) -> None:
    if node.get("type") == "string" and "const" not in node and "enum" not in node and "format" not in node:
        node["type"] = list(_TEXT_LIKE)


def _walk(node: Any, visit: Any) -> None:
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)
