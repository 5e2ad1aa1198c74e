"""Deck text as the tables and detail panels show it: one line cut by terminal cells, or a card in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import StudyItem


def fit(text: str, width: int) -> Text:
    """One line of deck text cut to ``width`` terminal cells with an ellipsis (wide characters count double)."""
    flat = " ".join(text.split())
    if cell_len(flat) > width:
        flat = set_cell_size(flat, width - 1).rstrip() + "…"
    return Text(flat, no_wrap=True)  # deck text as written: its brackets are not markup


def card_text(item: StudyItem) -> Text:
    """A card in full: its question, answer and choices, each wrapped to the width shown."""
    # Imported here: the home screen uses fit() before its first frame, and needs none of these.
    from quizapp.tui.widgets.feedback import revealed_answer
    from quizapp.tui.widgets.question import prompt_of

    card = item.card
    text = Text(" ".join(prompt_of(item).split()), style="bold")
    text.append("\n→ ")
    text.append(revealed_answer(item), style="green")
    choices = getattr(card, "choices", None)
    if choices:
        text.append("\nchoices: ", style="dim")
        text.append(" · ".join(choices))
    return text
