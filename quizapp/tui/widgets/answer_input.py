"""The answer box: an Input that keeps pasted terminal control codes out of the answer."""

from __future__ import annotations

import re
import unicodedata

from rich.text import Text
from textual import events
from textual.widgets import Input

#: Operating-system commands (window titles, links): rich reads colour codes, not these.
_OSC_RE = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def clean_answer_text(text: str) -> str:
    """``text`` without terminal colour codes or control characters; line breaks and tabs become spaces.

    Pasted from a terminal, an answer can carry escape sequences and bells that would move the
    cursor or redraw the box when echoed; they are never part of an answer.
    """
    one_line = " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text
    plain = Text.from_ansi(_OSC_RE.sub("", one_line)).plain if "\x1b" in one_line else one_line
    return "".join(" " if ch == "\t" else ch for ch in plain if ch == "\t" or unicodedata.category(ch) != "Cc")


class AnswerInput(Input):
    """Typed and cloze answers: text pasted or typed arrives without control characters, on one line."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(clean_answer_text(text), start, end)

    def _on_paste(self, event: events.Paste) -> None:
        # In place of Input's own paste, which keeps only the first line: an answer pasted over
        # several lines is kept whole, on one line.
        event.prevent_default()
        event.stop()
        text = clean_answer_text(event.text)
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
