"""Small helpers for the words shown to people (shared by the CLI, the study domain and the UI)."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` with its noun in the right number: "1 answer", "2 answers", "0 days"."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def with_article(noun: str) -> str:
    """ "a person", "an organization": the noun with its indefinite article (by its first letter, which is
    right for the words we count: fact kinds and card forms)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
