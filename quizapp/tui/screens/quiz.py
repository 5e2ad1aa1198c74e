"""Quiz (test mode): N questions, optionally timed, scored at the end; no scheduling changes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from quizapp.tui.widgets.feedback import AnswerFeedback
from quizapp.tui.widgets.question import QuestionView

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.study.quiz import QuizSession


END_KEYS = Binding.Group("End quiz")


class QuizScreen(Screen[None]):
    """Asks the quiz's questions one after another, then shows the results."""

    BINDINGS = [
        *[Binding(str(n), f"pick({n - 1})", str(n), show=False) for n in range(1, 5)],
        *[Binding(letter, f"pick({i})", letter, show=False) for i, letter in enumerate("abcd")],
        Binding("space", "reveal", "Show answer"),
        Binding("t", "true_false(1)", "True"),
        Binding("f", "true_false(0)", "False"),
        Binding("y", "knew(1)", "Knew it"),
        Binding("n", "knew(0)", "Didn't"),
        Binding("enter", "next", "Next"),
        # q is typed into an answer box: then the footer shows only Escape (see study.END_KEYS).
        Binding("q", "end", "End quiz", group=END_KEYS),
        Binding("escape", "end", "End quiz", key_display="esc", group=END_KEYS),
    ]

    #: "ask", "self-grade" (flashcard back shown, did you know it?), "answered" or "done".
    phase = reactive("ask")

    def __init__(
        self,
        deck_path: Path,
        *,
        count: int | None = None,
        types: set[str] | None = None,
        time_limit: float | None = None,
        update_schedule: bool = False,
        session: QuizSession | None = None,
    ) -> None:
        super().__init__()
        self.deck_path = deck_path
        self.count = count
        self.types = types
        self.time_limit = time_limit
        self.update_schedule = update_schedule
        self.session = session
        self.shown_at = time.monotonic()
        self.timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-progress"):
            yield ProgressBar(id="quiz-bar", show_eta=False, show_percentage=False)
            yield Label(id="quiz-count")
            yield Label(id="quiz-clock")
        with VerticalScroll(id="quiz-body"):
            yield QuestionView(id="question")
            yield AnswerFeedback(id="feedback", classes="hidden")
            yield Static(id="quiz-empty", classes="hidden")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from quizapp.study.quiz import QuizSession

        app = self.app
        if self.session is None:
            deck = app.deck(self.deck_path)  # type: ignore[attr-defined]
            self.session = QuizSession(
                deck,
                self.deck_path,
                app.store,  # type: ignore[attr-defined]
                n=self.count,
                types=self.types,
                seed=app.seed,  # type: ignore[attr-defined]
                time_limit_s=self.time_limit,
                clock=app.now,  # type: ignore[attr-defined]
                update_schedule=self.update_schedule,
                settings=app.settings,  # type: ignore[attr-defined]
            )
        self.time_limit = self.session.time_limit_s
        self.sub_title = f"quiz · {self.session.deck.title}"
        if not self.session.questions:
            self.query_one(QuestionView).add_class("hidden")
            empty = self.query_one("#quiz-empty", Static)
            empty.update("This deck has no questions of the chosen types.\n\nPress q or Escape to go back.")
            empty.remove_class("hidden")
            self.phase = "done"
            return
        self.show_current()

    # -- showing ------------------------------------------------------------------------------

    def show_current(self) -> None:
        session = self.session
        assert session is not None
        question = session.current
        if question is None:
            self._show_results()
            return
        bar = self.query_one("#quiz-bar", ProgressBar)
        bar.update(total=session.total, progress=session.index)
        self.query_one("#quiz-count", Label).update(f"{session.index + 1}/{session.total} · {session.score} right")
        self.query_one(AnswerFeedback).clear()
        self.query_one(QuestionView).show(question.item, question.choices)
        self.shown_at = time.monotonic()
        self.phase = "ask"
        self._start_clock()

    def _start_clock(self) -> None:
        self._stop_clock()
        clock = self.query_one("#quiz-clock", Label)
        if not self.time_limit:
            clock.update("")
            return
        self._tick()
        self.timer = self.set_interval(0.2, self._tick)

    def _stop_clock(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    def _tick(self) -> None:
        assert self.time_limit
        left = self.time_limit - (time.monotonic() - self.shown_at)
        self.query_one("#quiz-clock", Label).update(f"⏱ {max(left, 0):.0f}s")
        if left <= 0 and self.phase in ("ask", "self-grade"):
            self.time_up()

    def time_up(self) -> None:
        """The time limit ran out: the question counts as missed."""
        session = self.session
        assert session is not None and session.current is not None
        from quizapp.errors import QuizappError

        item = session.current.item
        self._stop_clock()
        try:
            session.timeout()
        except QuizappError as exc:  # the database refused the review: the question stays, without a clock
            self.notify(str(exc), title="The answer was not saved", severity="error", timeout=10, markup=False)
            return
        self.query_one(QuestionView).freeze(None)
        feedback = self.query_one(AnswerFeedback)
        feedback.show(item, None)
        self.query_one("#quiz-clock", Label).update("⏱ time's up")
        self.phase = "answered"

    def watch_phase(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        question = self.session.current if self.session else None
        kind = question.item.card.type if question and self.phase == "ask" else None
        if action == "pick":
            return kind == "multiple_choice"
        if action == "true_false":
            return kind == "true_false"
        if action == "reveal":
            return kind == "flashcard"
        if action == "knew":
            return self.phase == "self-grade"
        if action == "next":
            return self.phase == "answered"
        return True

    # -- answering ----------------------------------------------------------------------------

    def action_pick(self, index: int) -> None:
        self.query_one(QuestionView).pick(index)

    def action_true_false(self, value: int) -> None:
        self.query_one(QuestionView).answer_bool(bool(value))

    def action_reveal(self) -> None:
        session = self.session
        assert session is not None and session.current is not None
        self.query_one(QuestionView).freeze(None)
        self.query_one(AnswerFeedback).show(session.current.item, None)
        self.query_one("#question-instructions", Static).update("Did you know it? y / n")
        self.phase = "self-grade"

    def action_knew(self, knew: int) -> None:
        self._answer(bool(knew))

    @on(QuestionView.Answered)
    def _answered(self, event: QuestionView.Answered) -> None:
        if self.phase == "ask":
            self._answer(event.response)

    def _answer(self, response: str | bool) -> None:
        session = self.session
        assert session is not None and session.current is not None
        question = session.current
        self._stop_clock()
        duration_ms = int((time.monotonic() - self.shown_at) * 1000)
        from quizapp.errors import QuizappError

        skipped = isinstance(response, str) and not response.strip()
        try:
            if skipped:
                session.skip(duration_ms)  # an empty answer is "I don't know"
                grade = None
            else:
                grade = session.answer(response, duration_ms)
        except QuizappError as exc:  # the database refused the review: the question stays, to be answered again
            self.notify(str(exc), title="The answer was not saved", severity="error", timeout=10, markup=False)
            self._start_clock()
            return
        view = self.query_one(QuestionView)
        view.freeze(response)
        if question.item.card.type != "flashcard":
            self.query_one(AnswerFeedback).show(question.item, grade, typed=view.takes_text, skipped=skipped)
        self.query_one("#quiz-count", Label).update(f"{session.index}/{session.total} · {session.score} right")
        self.set_focus(None)
        self.phase = "answered"
        self.query_one(AnswerFeedback).bring_into_view(self.query_one("#quiz-body", VerticalScroll))

    def action_next(self) -> None:
        if self.phase == "answered":
            self.show_current()

    def _show_results(self) -> None:
        from quizapp.tui.screens.results import ResultsScreen

        assert self.session is not None
        self._stop_clock()
        self.phase = "done"
        results = self.session.finish()
        if self.session.save_error is not None:  # the score is still shown, only not kept
            self.app.notify(
                str(self.session.save_error),
                title="The quiz result was not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
        self.app.switch_screen(ResultsScreen(self.session, results))

    def action_end(self) -> None:
        """Stop early: score what was answered (if anything), else just leave."""
        self._stop_clock()
        if self.session is not None and self.session.index > 0:
            self._show_results()
        else:
            self.dismiss()
