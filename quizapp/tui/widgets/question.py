"""A question of any card type: the prompt, the choices or an answer box."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.widgets.answer_input import AnswerInput

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import StudyItem

CHOICE_LETTERS = "abcd"

#: Characters of a choice listed before it is cut (about two lines at 80 columns); ↑/↓ show it whole.
CHOICE_PREVIEW = 120

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
        self.marks: dict[int, str] = {}  # after answering: ✔ on the right choice, ✘ on a wrong pick

    def compose(self) -> ComposeResult:
        yield Static(id="question-kind", classes="hint")
        with VerticalScroll(id="question-prompt-box"):  # a long question scrolls here; the answer box stays in view
            yield Static(id="question-prompt")
        yield OptionList(id="question-choices", classes="hidden")
        yield AnswerInput(placeholder="Your answer", id="question-input", classes="hidden")
        yield Static(id="question-instructions", classes="hint")

    def show(self, item: StudyItem, choices: list[str] | None = None) -> None:
        self.item = item
        self.marks = {}
        kind = item.card.type
        self.choices = choices if choices is not None else (study_choices(item) if kind == "multiple_choice" else [])
        self.query_one("#question-kind", Static).update(TYPE_LABELS[kind])
        self.query_one("#question-prompt", Static).update(Text(prompt_of(item)))
        self.query_one("#question-prompt-box", VerticalScroll).scroll_home(animate=False)
        instructions = INSTRUCTIONS[kind]
        if any(len(choice) > CHOICE_PREVIEW for choice in self.choices):
            instructions += " · ↑/↓ show a long choice whole"
        self.query_one("#question-instructions", Static).update(instructions)
        options = self.query_one("#question-choices", OptionList)
        options.clear_options()
        options.disabled = False
        if kind == "multiple_choice":
            options.add_options(
                [Option(self._choice_prompt(n - 1), id=str(n - 1)) for n in range(1, len(self.choices) + 1)]
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
        self.marks = {
            index: "✔" if choice == answer else "✘" if choice == response else " "
            for index, choice in enumerate(self.choices)
        }
        for index in range(len(self.choices)):
            options.replace_option_prompt_at_index(index, self._choice_prompt(index))
        options.highlighted = None
        options.disabled = True

    def _choice_prompt(self, index: int, whole: bool = False) -> Text:
        """A choice as listed: a long one cut to its start unless highlighted, so every choice stays in view."""
        choice = self.choices[index]
        if not whole and len(choice) > CHOICE_PREVIEW:
            choice = choice[: CHOICE_PREVIEW - 1].rstrip() + "…"
        mark = self.marks.get(index)
        return Text(f"{index + 1}) {choice}" + (f" {mark}" if mark else ""))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if not any(len(choice) > CHOICE_PREVIEW for choice in self.choices):
            return
        options = self.query_one("#question-choices", OptionList)
        for index in range(len(self.choices)):
            options.replace_option_prompt_at_index(index, self._choice_prompt(index, whole=index == event.option_index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.pick(int(event.option.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Answered(event.value))
