"""Before a quiz from the home screen: how many questions, which types, a time limit, and whether it counts."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, Label, SelectionList, Static

from quizapp.tui.widgets.ticks import TickBox, TickList

QUIZ_TYPES = [
    ("Multiple choice", "multiple_choice"),
    ("Typed answer", "typed"),
    ("True / false", "true_false"),
    ("Cloze", "cloze"),
    ("Flashcard", "flashcard"),
]


@dataclass
class QuizOptions:
    count: int | None
    types: set[str] | None
    time_limit: float | None
    update_schedule: bool


class QuizOptionsScreen(ModalScreen[QuizOptions | None]):
    """Asks for the quiz's options; Enter starts, Escape cancels."""

    BINDINGS = [
        Binding("enter", "start", "Start quiz", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, deck_title: str, available: dict[str, int]) -> None:
        super().__init__()
        self.deck_title = deck_title
        self.available = available  # study items per card type

    def compose(self) -> ComposeResult:
        total = sum(self.available.values())
        with Vertical(id="quiz-options", classes="dialog"):
            yield Label(Text(f"Quiz: {self.deck_title}"), id="quiz-options-title")
            with Horizontal(classes="option-row"):
                yield Label("Questions", classes="option-label")
                yield Input(str(min(10, total)), id="quiz-count", type="integer", compact=True)
                yield Static(f"of {total}", classes="hint")
            with Horizontal(classes="option-row"):
                yield Label("Seconds each", classes="option-label")
                yield Input(placeholder="no limit", id="quiz-time", type="number", compact=True)
            yield TickList[str](
                *[
                    (f"{label} ({self.available.get(kind, 0)})", kind, self.available.get(kind, 0) > 0)
                    for label, kind in QUIZ_TYPES
                    if self.available.get(kind, 0)
                ],
                id="quiz-types",
            )
            yield TickBox("Count answers as study reviews", id="quiz-schedule", compact=True)
            yield Static("Enter starts · Escape cancels", id="quiz-options-message", classes="hint")
        # The dialog's own keys, over the home screen's footer.
        yield Footer(compact=True)

    def action_start(self) -> None:
        message = self.query_one("#quiz-options-message", Static)
        count_text = self.query_one("#quiz-count", Input).value.strip()
        time_text = self.query_one("#quiz-time", Input).value.strip()
        try:
            count = int(count_text) if count_text else None
            time_limit = float(time_text) if time_text else None
        except ValueError:
            message.update("[b red]Questions and seconds must be numbers.[/]")
            return
        if (count is not None and count < 1) or (time_limit is not None and time_limit <= 0):
            message.update("[b red]Questions and seconds must be above zero.[/]")
            return
        types = set(self.query_one("#quiz-types", SelectionList).selected)
        if not types:
            message.update("[b red]Choose at least one card type.[/]")
            return
        self.dismiss(
            QuizOptions(
                count=count,
                types=None if types == {k for k, n in self.available.items() if n} else types,
                time_limit=time_limit,
                update_schedule=self.query_one("#quiz-schedule", Checkbox).value,
            )
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

    def action_cancel(self) -> None:
        self.dismiss(None)
