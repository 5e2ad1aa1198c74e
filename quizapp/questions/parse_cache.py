"""What the stages read from a spaCy parse again and again, read once and kept in ``doc.user_data``.

spaCy makes a new ``Token`` object each time a sentence is walked (``for token in sentence``); the stages walk
the same sentences for every fact they hold, and that object making cost more than the checks themselves. A parse
is never changed after spaCy made it, so what is read from it once stays true.
"""

from __future__ import annotations

from typing import Any


def span_tokens(span: Any) -> tuple[Any, ...]:
    """The tokens of a span (a sentence, a clause) in order: ``tuple(span)``, made once per parse."""
    known: dict[tuple[int, int], tuple[Any, ...]] = span.doc.user_data.setdefault("quizapp_span_tokens", {})
    key = (span.start, span.end)
    tokens = known.get(key)
    if tokens is None:
        tokens = known[key] = tuple(span)
    return tokens


def entities(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, made once per parse (spaCy builds every entity's span anew on each access)."""
    ents = doc.user_data.get("quizapp_entities")
    if ents is None:
        ents = doc.user_data["quizapp_entities"] = tuple(doc.ents)
    return ents


def doc_text(doc: Any) -> str:
    """``doc.text``, made once per parse (spaCy joins every token's text anew on each access)."""
    text = doc.user_data.get("quizapp_text")
    if text is None:
        text = doc.user_data["quizapp_text"] = doc.text
    return text
