"""The verdict on an answer: right or wrong, the expected answer, the typed diff, explanation and source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.containers import ScrollableContainer
from textual.widgets import Static

from quizapp.tui.widgets.answer_diff import diff_texts

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import StudyItem
    from quizapp.study.grading import Grade


def revealed_answer(item: StudyItem) -> str:
    """The answer of any item, as text to show after answering."""
    card = item.card
    if card.type == "flashcard":
        return card.back
    if card.type == "true_false":
        return "True" if card.answer else "False"
    if card.type == "cloze":
        return " / ".join(card.answers_for(item.cloze_index or 0))
    return card.answer  # typed, multiple choice


#: Characters of a typed answer shown after answering (under two lines at 80 columns).
TYPED_SHOWN = 120


class AnswerFeedback(Static):
    """Shown after answering; empty while a question is asked."""

    def show(self, item: StudyItem, grade: Grade | None, *, typed: bool = False, skipped: bool = False) -> None:
        """The verdict; ``grade`` is None for a flashcard (self-judged) or, with ``skipped``, an empty answer."""
        parts: list[Text] = []
        card = item.card
        if skipped:
            parts.append(Text("– Skipped: no answer given", style="bold yellow"))
            parts.append(Text.assemble(("Answer: ", "bold"), revealed_answer(item)))
        elif grade is None:  # a flashcard: the learner judges themself
            parts.append(Text.assemble(("Answer: ", "bold"), revealed_answer(item)))
        else:
            verdict = Text(
                "✔ Right" if grade.correct else "✘ Wrong", style="bold green" if grade.correct else "bold red"
            )
            if grade.correct and grade.reason and not grade.exact:
                verdict.append(f" ({grade.reason})", style="italic")
            parts.append(verdict)
            if typed and grade.given.strip() and not grade.exact:
                # A pasted essay is shown by its start: the verdict and the expected answer stay in view.
                shown = grade.given[:TYPED_SHOWN]
                given, expected = diff_texts(shown, grade.matched or grade.expected)
                if len(grade.given) > TYPED_SHOWN:
                    given.append(f"… (+{len(grade.given) - TYPED_SHOWN:,} characters)", style="dim")
                parts.append(Text.assemble(("You typed: ", "bold"), given))
                parts.append(Text.assemble(("Expected:  ", "bold"), expected))
            else:
                parts.append(Text.assemble(("Answer: ", "bold"), revealed_answer(item)))
        if card.type == "cloze":
            parts.append(Text(card.render(None), style="italic"))
        if card.explanation:
            parts.append(Text.assemble(("Why: ", "bold"), card.explanation))
        sentence = card.provenance.sentence if card.provenance else None
        if sentence:
            parts.append(Text.assemble(("Source: ", "bold"), (f"“{sentence}”", "italic")))
        self.update(Group(*parts))
        self.remove_class("hidden")
        self.set_class((grade is not None and not grade.correct) or skipped, "wrong")
        self.set_class(grade is not None and grade.correct, "right")

    def bring_into_view(self, body: ScrollableContainer) -> None:
        """Scroll ``body`` to the end, or, when that would hide it, to this feedback's first line (the verdict)."""

        def scroll() -> None:
            if self.parent is body:  # virtual_region is where this sits in body's scrollable area
                body.scroll_to(y=min(body.max_scroll_y, self.virtual_region.y), animate=False)
            else:
                body.scroll_end(animate=False)

        self.call_after_refresh(scroll)

    def clear(self) -> None:
        self.update("")
        self.add_class("hidden")
