"""Browse: a deck's cards in a table with search, type, due date and history; edit a card in $EDITOR."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from quizapp.tui.widgets.feedback import revealed_answer
from quizapp.tui.widgets.question import prompt_of
from quizapp.tui.widgets.ratings import RATING_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import Deck, StudyItem
    from quizapp.storage.db import ItemState

SHORT_TYPES = {"flashcard": "Flash", "typed": "Typed", "multiple_choice": "Choice", "true_false": "T/F", "cloze": "Cloze"}


def run_editor(command: list[str]) -> int:
    """Run the editor in the foreground (tests replace this)."""
    return subprocess.call(command)


class BrowseScreen(Screen[None]):
    """The study items of one deck."""

    AUTO_FOCUS = "#cards"
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("e", "edit", "Edit in $EDITOR"),
        Binding("r", "reload", "Reload", show=False),
        Binding("q", "close", "Back"),
        Binding("escape", "close", "Back", show=False),
    ]

    def __init__(self, deck_path: Path) -> None:
        super().__init__()
        self.deck_path = deck_path
        self.deck: Deck | None = None
        self.items: list[StudyItem] = []
        # Read with the deck, not on every keystroke of a search.
        self.states: dict[str, ItemState] = {}
        self.review_counts: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ search questions and answers", id="card-search", compact=True)
        table: DataTable[object] = DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        table.add_column("Type", width=6, key="type")
        table.add_column("Question", width=36, key="question")
        table.add_column("Answer", width=14, key="answer")
        table.add_column("Due", width=10, key="due")
        table.add_column("Revs", width=4, key="reviews")
        yield table
        yield Static(id="card-history")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    def load(self, *, reload: bool = False) -> None:
        self.deck = self.app.deck(self.deck_path, reload=reload)  # type: ignore[attr-defined]
        self.sub_title = f"browse · {self.deck.title}"
        self.items = self.deck.study_items()
        store = self.app.store  # type: ignore[attr-defined]
        self.states = store.load_states(self.deck_path)
        self.review_counts = store.review_counts(self.deck_path)
        self._fill()

    def _fill(self) -> None:
        wanted = self.query_one("#card-search", Input).value.strip().casefold()
        table = self.query_one("#cards", DataTable)
        table.clear()
        for index, item in enumerate(self.items):
            prompt, answer = prompt_of(item), revealed_answer(item)
            if wanted and wanted not in prompt.casefold() and wanted not in answer.casefold():
                continue
            state = self.states.get(item.item_id)
            due = "new" if state is None else dt.datetime.fromtimestamp(state.due).strftime("%Y-%m-%d")
            table.add_row(
                SHORT_TYPES[item.card.type],
                Text(" ".join(prompt.split())),  # deck text as written: its brackets are not markup
                Text(answer),
                due,
                str(self.review_counts.get(item.item_id, 0)),
                key=str(index),
            )
        self._show_history()

    def selected_item(self) -> StudyItem | None:
        table = self.query_one("#cards", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.items[int(key)] if key is not None else None

    @on(DataTable.RowHighlighted, "#cards")
    def _show_history(self) -> None:
        panel = self.query_one("#card-history", Static)
        item = self.selected_item()
        if item is None:
            panel.update("No cards match." if self.items else "This deck has no cards.")
            return
        reviews = self.app.store.reviews(self.deck_path, item.item_id)  # type: ignore[attr-defined]
        text = Text()
        text.append(f"{item.item_id}", style="bold")
        text.append(f" · {item.card.fact_kind} · ")
        if not reviews:
            text.append("never reviewed", style="dim")
        else:
            text.append(f"{len(reviews)} reviews: ")
            for review in reviews[-6:]:
                when = dt.datetime.fromtimestamp(review.reviewed_at).strftime("%d %b")
                mark = "" if review.correct is None else ("✔" if review.correct else "✘")
                style = "green" if review.rating >= 3 else "red" if review.rating == 1 else "yellow"
                text.append(f"{when} {RATING_NAMES.get(review.rating, review.rating)}{mark}  ", style=style)
        panel.update(text)

    # -- actions ------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#card-search", Input).focus()

    @on(Input.Changed, "#card-search")
    def _search_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#card-search")
    def _search_done(self) -> None:
        self.query_one("#cards", DataTable).focus()

    def action_edit(self) -> None:
        """Open the deck file at the card's line in $EDITOR, then re-read the deck."""
        from quizapp.tui.editor import EditorNotFound, card_line, editor_command, resolve_editor

        try:
            editor, passed_over = resolve_editor()
        except EditorNotFound as exc:  # found out before the terminal is handed over, so nothing is suspended
            self.notify(str(exc), title="Cannot edit the deck", severity="error", timeout=15, markup=False)
            return
        item = self.selected_item()
        try:
            line = card_line(self.deck_path.read_text(encoding="utf-8"), item.card) if item else None
        except (OSError, UnicodeDecodeError):  # the editor shows the file (or its absence) from the top
            line = None
        command = editor_command(self.deck_path, line, editor)
        failure: BaseException | None = None
        try:
            with self.app.suspend():
                # Textual resumes the screen only when this block ends normally: an error raised in it
                # would leave the terminal blank and echoing keys, so it is caught inside.
                try:
                    status = run_editor(command)
                except (Exception, KeyboardInterrupt) as exc:  # could not start after all, or ctrl+c reached us
                    failure = exc
                else:
                    failure = None if status == 0 else RuntimeError(f"it exited with status {status}")
        except Exception as exc:  # no terminal to hand over (e.g. in a browser tab)
            failure = exc
        self.app.refresh()
        if passed_over:
            self.notify("; ".join(passed_over) + f"; used {editor[0]} instead.", severity="warning", timeout=10,
                        markup=False)
        if failure is not None:
            why = str(failure) or ("interrupted" if isinstance(failure, KeyboardInterrupt) else type(failure).__name__)
            self.notify(f"Could not run {command[0]}: {why}", severity="error", timeout=15, markup=False)
        if self.action_reload() and failure is None:
            self.notify("Deck reloaded.")

    def action_reload(self) -> bool:
        """Re-read the deck file; when it is broken (or gone) now, say why and keep the cards last read."""
        from quizapp.errors import DeckError

        try:
            self.load(reload=True)
        except DeckError as exc:
            self.notify(f"The deck has a problem now: {exc.first}", severity="error", timeout=10, markup=False)
            return False
        return True

    def action_close(self) -> None:
        self.dismiss()
