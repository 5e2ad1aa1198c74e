"""A question of any card type: the prompt, the choices or an answer box."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.widgets.answer_input import AnswerInput

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import StudyItem

CHOICE_LETTERS = "abcd"

#: What each card type asks the learner to do (shown under the prompt).
INSTRUCTIONS = {
    "flashcard": "Space shows the answer",
    "multiple_choice": "Press 1–4 (or a–d)",
    "true_false": "Press t (true) or f (false)",
    "typed": "Type the answer, then Enter",
    "cloze": "Fill in the blank, then Enter",
}

TYPE_LABELS = {
    "flashcard": "Flashcard",
    "multiple_choice": "Multiple choice",
    "true_false": "True or false",
    "typed": "Typed answer",
    "cloze": "Cloze",
}


def prompt_of(item: StudyItem) -> str:
    card = item.card
    if card.type == "flashcard":
        return card.front
    if card.type == "true_false":
        return card.statement
    if card.type == "cloze":
        return card.render(item.cloze_index)
    return card.question


def study_choices(item: StudyItem) -> list[str]:
    """A multiple-choice item's choices in a stable shuffled order (the same every time it is shown)."""
    choices = list(getattr(item.card, "choices", []))
    random.Random(item.item_id).shuffle(choices)
    return choices


class QuestionView(Vertical):
    """Shows a question; posts :class:`Answered` when the learner answers with the mouse or the answer box.

    Keys (1–4, a–d, t, f) are bound by the screen, which calls :meth:`pick` or :meth:`answer_bool`.
    """

    class Answered(Message):
        def __init__(self, response: str | bool) -> None:
            super().__init__()
            self.response = response

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.item: StudyItem | None = None
        self.choices: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="question-kind", classes="hint")
        yield Static(id="question-prompt")
        yield OptionList(id="question-choices", classes="hidden")
        yield AnswerInput(placeholder="Your answer", id="question-input", classes="hidden")
        yield Static(id="question-instructions", classes="hint")

    def show(self, item: StudyItem, choices: list[str] | None = None) -> None:
        self.item = item
        kind = item.card.type
        self.choices = choices if choices is not None else (study_choices(item) if kind == "multiple_choice" else [])
        self.query_one("#question-kind", Static).update(TYPE_LABELS[kind])
        self.query_one("#question-prompt", Static).update(Text(prompt_of(item)))
        self.query_one("#question-instructions", Static).update(INSTRUCTIONS[kind])
        options = self.query_one("#question-choices", OptionList)
        options.clear_options()
        options.disabled = False
        if kind == "multiple_choice":
            options.add_options(
                [Option(Text(f"{n}) {choice}"), id=str(n - 1)) for n, choice in enumerate(self.choices, start=1)]
            )
            options.highlighted = None
        options.set_class(kind != "multiple_choice", "hidden")
        box = self.query_one("#question-input", Input)
        box.value = ""
        box.disabled = False
        box.set_class(kind not in ("typed", "cloze"), "hidden")
        if kind in ("typed", "cloze"):
            box.focus()
        elif kind == "multiple_choice":
            options.focus()
        else:
            self.screen.set_focus(None)

    @property
    def takes_text(self) -> bool:
        return self.item is not None and self.item.card.type in ("typed", "cloze")

    def pick(self, index: int) -> None:
        """Answer a multiple-choice question with choice ``index`` (0-based)."""
        if 0 <= index < len(self.choices):
            self.post_message(self.Answered(self.choices[index]))

    def answer_bool(self, value: bool) -> None:
        self.post_message(self.Answered(value))

    def freeze(self, response: str | bool | None) -> None:
        """After answering: freeze the inputs and mark the right choice (✔) and a wrong pick (✘)."""
        self.query_one("#question-instructions", Static).update("")
        box = self.query_one("#question-input", Input)
        box.disabled = True
        options = self.query_one("#question-choices", OptionList)
        answer = getattr(self.item.card, "answer", None) if self.item else None
        for index, choice in enumerate(self.choices):
            mark = "✔" if choice == answer else "✘" if choice == response else " "
            options.replace_option_prompt_at_index(index, Text(f"{index + 1}) {choice} {mark}"))
        options.highlighted = None
        options.disabled = True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.pick(int(event.option.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Answered(event.value))
