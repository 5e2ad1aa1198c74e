"""Study: due cards then new ones, each asked its own way, graded, rated and scheduled by FSRS.

Each rating is stored the moment it is given (by the session), so leaving at any
point loses nothing but the answer on screen.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, ProgressBar, Static

from quizapp.tui.widgets.feedback import AnswerFeedback
from quizapp.tui.widgets.question import QuestionView
from quizapp.tui.widgets.ratings import IntervalButtons
from quizapp.wording import plural

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import Deck
    from quizapp.study.grading import Grade
    from quizapp.study.session import StudySession

#: Keys 1–4 pick a choice while asking and give a rating after answering.
NUMBER_KEYS = [Binding(str(n), f"number({n})", str(n), show=False) for n in range(1, 5)]
LETTER_KEYS = [Binding(letter, f"pick({i})", letter, show=False) for i, letter in enumerate("abcd")]
#: q and u are typed into an answer box, so the footer (which leaves out keys the box takes) shows
#: only Escape and ctrl+z while one has the keyboard, and every key of the group otherwise.
END_KEYS = Binding.Group("End")
UNDO_KEYS = Binding.Group("Undo")
SUSPEND_KEYS = Binding.Group("Suspend")


class StudyScreen(Screen[None]):
    """A spaced-repetition session over one deck."""

    BINDINGS = [
        *NUMBER_KEYS,
        *LETTER_KEYS,
        Binding("space", "reveal", "Show answer"),
        Binding("t", "true_false(1)", "True"),
        Binding("f", "true_false(0)", "False"),
        Binding("enter", "accept", "Accept rating"),
        Binding("u", "undo", "Undo", group=UNDO_KEYS),
        Binding("ctrl+z", "undo", "Undo", group=UNDO_KEYS),  # also while an answer box has the keyboard
        Binding("s", "suspend", "Suspend", group=SUSPEND_KEYS),
        Binding("ctrl+s", "suspend", "Suspend", group=SUSPEND_KEYS),  # also while an answer box has the keyboard
        Binding("minus", "bury", "Bury", key_display="-"),
        Binding("e", "edit", "Edit"),
        Binding("q", "end", "End", group=END_KEYS),
        Binding("escape", "end", "End", key_display="esc", group=END_KEYS),
        Binding("m", "study_more", "Study more"),
    ]

    #: "ask" (waiting for an answer), "rate" (answer shown, waiting for a rating) or "done".
    phase = reactive("ask")

    def __init__(self, deck_path: Path) -> None:
        super().__init__()
        self.deck_path = deck_path
        self.session: StudySession | None = None
        self.deck: Deck | None = None
        self.grade: Grade | None = None
        self.shown_at = time.monotonic()
        self.reviewed = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="study-progress"):
            yield ProgressBar(id="study-bar", show_eta=False, show_percentage=False)
            yield Label(id="study-count")
        with VerticalScroll(id="study-body"):
            yield QuestionView(id="question")
            yield AnswerFeedback(id="feedback", classes="hidden")
            yield Static(id="study-done", classes="hidden")
        yield IntervalButtons(id="ratings", classes="hidden")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from quizapp.study.session import StudySession

        app = self.app
        deck: Deck = app.deck(self.deck_path)  # type: ignore[attr-defined]
        self.deck = deck
        self.sub_title = f"study · {deck.title}"
        self.session = StudySession(deck, self.deck_path, app.store, app.settings, now=app.now())  # type: ignore[attr-defined]
        self.show_current()

    # -- showing ------------------------------------------------------------------------------

    def show_current(self) -> None:
        session = self.session
        assert session is not None
        self._update_progress()
        self.grade = None
        self.query_one(AnswerFeedback).clear()
        self.query_one(IntervalButtons).add_class("hidden")
        item = session.current
        if item is None:
            self._show_done()
            return
        self.query_one("#study-done").add_class("hidden")
        question = self.query_one(QuestionView)
        question.remove_class("hidden")
        question.show(item)
        self.shown_at = time.monotonic()
        self.phase = "ask"

    def _update_progress(self) -> None:
        session = self.session
        assert session is not None
        bar = self.query_one("#study-bar", ProgressBar)
        bar.update(total=max(session.total, 1), progress=min(session.position, session.total))
        # Items, not questions asked: a card asked again after a lapse does not push the count past the deck.
        label = f"{min(session.items_reached, session.items_total)}/{session.items_total}"
        if session.current is not None:
            current = session.current
            kind = "again" if session.is_repeat(current) else "new" if session.is_new(current) else "review"
            label = f"{kind} · {label}"
        self.query_one("#study-count", Label).update(label)

    def _show_done(self) -> None:
        assert self.session is not None
        self.query_one(QuestionView).add_class("hidden")
        done = self.query_one("#study-done", Static)
        if self.reviewed:
            text = f"[b]Session complete.[/b] {plural(self.reviewed, 'answer')} saved."
        else:
            text = "[b]Nothing to study right now.[/b] No cards are due and today's new cards are done."
        waiting = self.session.new_waiting()
        if waiting:
            limit = self.app.settings.new_per_day  # type: ignore[attr-defined]
            text += (
                f"\n\n{plural(waiting, 'new card')} wait beyond today's limit of {limit} new a day. "
                f"Press m to study {'them' if waiting <= limit else f'{limit} more'} now."
            )
        buried = self.session.buried
        if buried:
            waits, each = ("waits", "it shares") if buried == 1 else ("wait", "each shares")
            text += (
                f"\n\n{plural(buried, 'related card')} {waits} until tomorrow: {each} a sentence "
                "or a cloze with a card asked today and would give its answer away."
            )
        done.update(text + "\n\nPress q or Escape to go back.")
        done.remove_class("hidden")
        self.phase = "done"

    def action_study_more(self) -> None:
        """Past today's new-card limit on request (Anki's custom study): another day's worth of new cards."""
        if self.session is None or self.phase != "done":
            return
        if self.session.study_more(self.app.settings.new_per_day):  # type: ignore[attr-defined]
            self.show_current()

    def watch_phase(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that make sense for this card and phase are live (and shown in the footer)."""
        kind = self.session.current.card.type if self.session and self.session.current else None
        if action == "reveal":
            return self.phase == "ask" and kind == "flashcard"
        if action == "true_false":
            return self.phase == "ask" and kind == "true_false"
        if action == "pick":
            return self.phase == "ask" and kind == "multiple_choice"
        if action == "number":
            return (self.phase == "ask" and kind == "multiple_choice") or self.phase == "rate"
        if action == "accept":
            return self.phase == "rate"
        if action == "bury" and isinstance(self.focused, Input):
            # "-" is typed into an answer; Textual's footer cannot tell (it knows no character for "minus").
            return False
        if action in {"edit", "bury"}:
            return self.phase in {"ask", "rate"} and self.session is not None and self.session.current is not None
        if action == "suspend":
            return self.phase in {"ask", "rate"} and self.session is not None and self.session.current is not None
        if action == "study_more":
            return self.phase == "done" and self.session is not None and self.session.new_waiting() > 0
        return True

    # -- answering ----------------------------------------------------------------------------

    def action_number(self, number: int) -> None:
        if self.phase == "rate":
            self.rate(number)
        elif self.phase == "ask":
            self.query_one(QuestionView).pick(number - 1)

    def action_pick(self, index: int) -> None:
        self.query_one(QuestionView).pick(index)

    def action_true_false(self, value: int) -> None:
        self.query_one(QuestionView).answer_bool(bool(value))

    def action_reveal(self) -> None:
        if self.phase == "ask":
            self._answered(None)

    @on(QuestionView.Answered)
    def _question_answered(self, event: QuestionView.Answered) -> None:
        if self.phase == "ask":
            self._answered(event.response)

    def _answered(self, response: str | bool | None) -> None:
        session = self.session
        assert session is not None and session.current is not None
        item = session.current
        self.grade = session.grade(response)
        question = self.query_one(QuestionView)
        question.freeze(response)
        self.query_one(AnswerFeedback).show(item, self.grade, typed=question.takes_text)
        suggested = self.grade.suggested_rating if self.grade else 3  # a self-graded flashcard: Good unless told
        self.query_one(IntervalButtons).show(session.intervals(item), suggested)
        self.set_focus(None)
        self.phase = "rate"
        self.query_one(AnswerFeedback).bring_into_view(self.query_one("#study-body", VerticalScroll))

    @on(IntervalButtons.Rated)
    def _rated(self, event: IntervalButtons.Rated) -> None:
        self.rate(event.rating)

    def action_accept(self) -> None:
        self.rate(self.grade.suggested_rating if self.grade else 3)

    def rate(self, rating: int) -> None:
        if self.phase != "rate" or self.session is None:
            return
        from quizapp.errors import QuizappError

        duration_ms = int((time.monotonic() - self.shown_at) * 1000)
        try:
            self.session.answer(
                rating,
                response=self.grade.given if self.grade else None,
                correct=self.grade.correct if self.grade else None,
                duration_ms=duration_ms,
            )
        except QuizappError as exc:  # the database refused it: the card stays, to be rated again
            self.notify(str(exc), title="The answer was not saved", severity="error", timeout=10, markup=False)
            return
        self.reviewed += 1
        self.show_current()

    # -- undo and leaving ---------------------------------------------------------------------

    def action_undo(self) -> None:
        if self.session is None:
            return
        answered = self.session.answered
        item = self.session.undo()
        if item is None:
            self.notify("Nothing to undo.")
            return
        if self.session.answered < answered:
            self.reviewed = max(self.reviewed - 1, 0)
            self.notify("Last answer undone.")
        else:
            self.notify("Card back in the session.")
        self.show_current()

    def action_edit(self) -> None:
        """Fix the card being studied in $EDITOR (a garbled generated card, a typo), as Anki's edit during
        review; the deck is read again and the session goes on with the change (the card keeps its id, so its
        history stays; answers given are saved, so the new session starts where this one was)."""
        from quizapp.errors import DeckError
        from quizapp.paths import BUNDLED_DECKS_DIR
        from quizapp.study.session import StudySession
        from quizapp.tui.editor import card_line
        from quizapp.tui.screens.browse import edit_file

        session = self.session
        if session is None or session.current is None:
            return
        if self.deck_path.resolve().parent == BUNDLED_DECKS_DIR.resolve():
            # A bundled deck is edited as a copy, whose history would start empty: Browse does that on purpose.
            self.notify("A bundled deck is edited from Browse (b on the home screen), as your own copy.", timeout=8)
            return
        try:
            line = card_line(self.deck_path.read_text(encoding="utf-8"), session.current.card)
        except (OSError, UnicodeDecodeError):
            line = None
        if not edit_file(self, self.deck_path, line):
            return
        try:
            deck: Deck = self.app.deck(self.deck_path, reload=True)  # type: ignore[attr-defined]
        except DeckError as exc:
            self.notify(
                f"The deck has a problem now: {exc.first}\nThe session goes on with the cards as they were; "
                "e opens the deck again.",
                severity="error",
                timeout=12,
                markup=False,
            )
            return
        self.deck = deck
        self.session = StudySession(deck, self.deck_path, self.app.store, self.app.settings, now=self.app.now())  # type: ignore[attr-defined]
        self.notify("Deck re-read: the session goes on with your changes.")
        self.show_current()

    def action_bury(self) -> None:
        """Put the card off until tomorrow, as Anki's bury."""
        self._set_aside("buried", "Card buried until tomorrow. u undoes it.")

    def action_suspend(self) -> None:
        """Take a card out of study for good (a bad generated card, a fact not worth learning), as Anki's
        suspend; Browse brings it back."""
        self._set_aside(
            "suspended", "Card suspended: it stays out of study until unsuspended in Browse (s). u undoes it."
        )

    def _set_aside(self, how: Literal["buried", "suspended"], done: str) -> None:
        from quizapp.errors import QuizappError

        session = self.session
        if session is None or session.current is None or self.phase == "done":
            return
        try:
            if how == "buried":
                session.bury()
            else:
                session.suspend()
        except QuizappError as exc:
            self.notify(str(exc), title=f"The card was not {how}", severity="error", timeout=10, markup=False)
            return
        self.notify(done)
        self.show_current()

    def action_end(self) -> None:
        if self.reviewed:
            self.notify(f"Saved {plural(self.reviewed, 'answer')}.")
        self.dismiss()
