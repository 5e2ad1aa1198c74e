"""The JSON Schema of the deck format, for editors (yaml-language-server) and `quizapp schema`."""

from __future__ import annotations

from typing import Any

from quizapp.deck.model import Deck


def deck_json_schema() -> dict[str, Any]:
    schema = Deck.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "quizapp deck"
    return schema
