"""Browse: a deck's cards in a table with search, type, due date and history; edit a card in $EDITOR."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from quizapp.tui.widgets.card_text import card_text, fit
from quizapp.tui.widgets.feedback import revealed_answer
from quizapp.tui.widgets.question import prompt_of
from quizapp.tui.widgets.ratings import RATING_NAMES
from quizapp.wording import plural

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import Deck, StudyItem
    from quizapp.storage.db import ItemState

#: (heading, width, key) of the table's columns: 66 cells of text, 10 of padding, 2 of scrollbar = 78.
COLUMNS = (
    ("Type", 6, "type"),
    ("Question", 32, "question"),
    ("Answer", 14, "answer"),
    ("Due", 10, "due"),
    ("Revs", 4, "reviews"),
)
WIDTHS = {key: width for _, width, key in COLUMNS}

SHORT_TYPES = {
    "flashcard": "Flash",
    "typed": "Typed",
    "multiple_choice": "Choice",
    "true_false": "T/F",
    "cloze": "Cloze",
}


def edit_file(screen: Screen[Any], path: Path, line: int | None) -> bool:
    """Hand the terminal to the editor on ``path`` at ``line``; False (with a notice) when none could run.

    The editor is found before the terminal is handed over ($VISUAL, $EDITOR, then editor/vi/nano on
    PATH), and any failure inside the hand-over is caught there, so the screen always comes back."""
    from quizapp.tui.editor import EditorNotFound, editor_command, resolve_editor

    try:
        editor, passed_over = resolve_editor()
    except EditorNotFound as exc:  # found out before the terminal is handed over, so nothing is suspended
        screen.notify(str(exc), title="Cannot edit the deck", severity="error", timeout=15, markup=False)
        return False
    command = editor_command(path, line, editor)
    failure: BaseException | None = None
    started = True
    try:
        with screen.app.suspend():
            # Textual resumes the screen only when this block ends normally: an error raised in it
            # would leave the terminal blank and echoing keys, so it is caught inside.
            try:
                status = run_editor(command)
            except (Exception, KeyboardInterrupt) as exc:  # could not start after all, or ctrl+c reached us
                failure, started = exc, False
            else:
                failure = None if status == 0 else RuntimeError(f"it exited with status {status}")
    except Exception as exc:  # no terminal to hand over (e.g. in a browser tab)
        failure, started = exc, False
    screen.app.refresh()
    if passed_over:
        screen.notify(
            "; ".join(passed_over) + f"; used {editor[0]} instead.", severity="warning", timeout=10, markup=False
        )
    if failure is not None:
        why = str(failure) or ("interrupted" if isinstance(failure, KeyboardInterrupt) else type(failure).__name__)
        screen.notify(f"Could not run {command[0]}: {why}", severity="error", timeout=15, markup=False)
    return started


class BrowseRow(NamedTuple):
    """One card of the table, read once in the worker: what a search looks in, and what its cells need."""

    item_index: int  # where the item is in the screen's items (a NamedTuple field may not be called index)
    item: StudyItem
    prompt: str
    answer: str
    due: float | None  # None while new
    reviews: int
    searchable: str
    suspended: bool = False
    buried: bool = False  # by hand, until the next local midnight

    def due_cell(self) -> str:
        if self.suspended:
            return "suspended"
        if self.buried:
            return "buried"
        return "new" if self.due is None else dt.datetime.fromtimestamp(self.due).strftime("%Y-%m-%d")

    def cells(self) -> tuple[object, ...]:
        """The row's cells, made when it goes into the table (a big deck's rows mostly never do)."""
        due = self.due_cell()
        return (
            SHORT_TYPES[self.item.card.type],
            fit(self.prompt, WIDTHS["question"]),
            fit(self.answer, WIDTHS["answer"]),
            due,
            str(self.reviews),
        )


def browse_row(
    index: int,
    item: StudyItem,
    state: ItemState | None,
    reviews: int,
    suspended: bool = False,
    buried: bool = False,
) -> BrowseRow:
    prompt, answer = prompt_of(item), revealed_answer(item)
    due = None if state is None else state.due
    return BrowseRow(index, item, prompt, answer, due, reviews, f"{prompt}\n{answer}".casefold(), suspended, buried)


def run_editor(command: list[str]) -> int:
    """Run the editor in the foreground (tests replace this)."""
    return subprocess.call(command)


class BrowseScreen(Screen[None]):
    """The study items of one deck."""

    AUTO_FOCUS = "#cards"
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("e", "edit", "Edit in $EDITOR"),
        Binding("s", "toggle_suspend", "Suspend"),
        Binding("minus", "toggle_bury", "Bury", key_display="-"),
        Binding("r", "reload", "Reload"),
        Binding("q", "close", "Back"),
        # In the search box Escape clears the search and goes back to the list; elsewhere it leaves.
        Binding("escape", "close", "Back", show=False),
        Binding("escape", "end_search", "Clear search", priority=True),
    ]

    #: Rows put in the table at a time. A DataTable measures every cell it holds (about half a millisecond
    #: a row), so a 26,704-card deck would take seconds: the table holds the rows looked at so far, and
    #: the next page is added as the cursor or the scrollbar nears the end.
    PAGE = 200

    def __init__(self, deck_path: Path) -> None:
        super().__init__()
        self.deck_path = deck_path
        self.deck: Deck | None = None
        self.items: list[StudyItem] = []
        # Read with the deck (in a worker), not on every keystroke of a search.
        self.states: dict[str, ItemState] = {}
        self.review_counts: dict[str, int] = {}
        self.rows: list[BrowseRow] = []
        self.shown: list[BrowseRow] = []  # the rows matching the search; the table holds the first of them
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ search questions and answers", id="card-search", compact=True)
        table: DataTable[object] = DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        # 76 cells with the padding, and 2 for the scrollbar: the table fits 80 columns.
        for label, width, key in COLUMNS:
            table.add_column(label, width=width, key=key)
        yield table
        with VerticalScroll(id="card-detail-box"):
            yield Static("Reading the deck…", id="card-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._watch_scrolling()  # the scrollbar or wheel nearing the end adds the next page
        self.load()

    def load(self, *, reload: bool = False, announce: bool = False) -> None:
        """Read the deck and its history in a worker; the table fills when it is done."""
        self.read_deck(reload, announce)

    @work(thread=True, exclusive=True, group="browse-read")
    def read_deck(self, reload: bool, announce: bool) -> None:
        from quizapp.errors import DeckError

        try:
            deck = self.app.deck(self.deck_path, reload=reload)  # type: ignore[attr-defined]
        except DeckError as exc:
            self.app.call_from_thread(self._read_failed, exc.first)
            return
        items = deck.study_items()
        store = self.app.open_store()  # type: ignore[attr-defined]  # this thread's own connection
        try:
            states = store.load_states(self.deck_path)
            counts = store.review_counts(self.deck_path)
            suspended = store.suspended_ids(self.deck_path)
            buried = store.buried_ids(self.deck_path, self.app.now())  # type: ignore[attr-defined]
        finally:
            store.close()
        rows = [
            browse_row(
                index,
                item,
                states.get(item.item_id),
                counts.get(item.item_id, 0),
                item.item_id in suspended,
                item.item_id in buried,
            )
            for index, item in enumerate(items)
        ]
        self.app.call_from_thread(self._read_done, deck, items, states, counts, rows, announce)

    def _read_failed(self, message: str) -> None:
        self.notify(
            f"The deck has a problem now: {message}\ne opens it there.", severity="error", timeout=10, markup=False
        )
        if not self.loaded:
            self.query_one("#card-detail", Static).update(Text(message, style="red"))

    def _read_done(
        self, deck: Deck, items: list[StudyItem], states: dict, counts: dict, rows: list[BrowseRow], announce: bool
    ) -> None:
        self.deck, self.items, self.states, self.review_counts, self.rows = deck, items, states, counts, rows
        self.sub_title = f"browse · {deck.title}"
        self.loaded = True
        self._fill()
        if announce:
            self.notify("Deck reloaded.")

    def _fill(self) -> None:
        wanted = self.query_one("#card-search", Input).value.strip().casefold()
        table = self.query_one("#cards", DataTable)
        table.clear()
        self.shown = [row for row in self.rows if not wanted or wanted in row.searchable]
        if len(self.shown) > self.PAGE:  # the table holds a page at a time: say how many there are
            matching = "matching" if wanted else "in all"
            self.sub_title = f"browse · {self.deck.title if self.deck else ''} · {len(self.shown):,} {matching}"
        elif self.deck is not None:
            self.sub_title = f"browse · {self.deck.title}"
        self._add_page()
        self._show_history()

    def _add_page(self) -> None:
        """Put the next page of matching rows in the table."""
        table = self.query_one("#cards", DataTable)
        start = table.row_count
        for row in self.shown[start : start + self.PAGE]:
            table.add_row(*row.cells(), key=str(row.item_index))

    def _near_the_end(self, table: DataTable[object]) -> bool:
        if table.row_count >= len(self.shown):
            return False
        scrolled_down = table.max_scroll_y > 0 and table.scroll_y >= table.max_scroll_y - 10  # (0 until laid out)
        return table.cursor_row >= table.row_count - 10 or scrolled_down

    def _watch_scrolling(self) -> None:
        table = self.query_one("#cards", DataTable)

        def add_page_near_the_end() -> None:
            if self._near_the_end(table):
                self._add_page()

        self.watch(table, "scroll_y", add_page_near_the_end, init=False)

    def selected_index(self) -> int | None:
        """Where the highlighted row's item is in ``items`` (rows are keyed by it)."""
        table = self.query_one("#cards", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def selected_item(self) -> StudyItem | None:
        index = self.selected_index()
        return None if index is None else self.items[index]

    @on(DataTable.RowHighlighted, "#cards")
    def _show_history(self) -> None:
        """The highlighted card in full (its question and answer may be cut in the table) and its reviews."""
        panel = self.query_one("#card-detail", Static)
        if not self.loaded:
            return
        table = self.query_one("#cards", DataTable)
        if self._near_the_end(table):
            self._add_page()
        index = self.selected_index()
        if index is None:
            panel.update("No cards match." if self.items else "This deck has no cards.")
            return
        item = self.items[index]
        text = card_text(item)
        reviews = self.app.store.reviews(self.deck_path, item.item_id)  # type: ignore[attr-defined]
        text.append("\n")
        text.append(f"item {index + 1} of {len(self.items)} · ", style="dim")
        text.append(f"{item.card.fact_kind} · ", style="dim")
        if not reviews:
            text.append("never reviewed", style="dim")
        else:
            text.append(f"{plural(len(reviews), 'review')}: ", style="dim")
            for review in reviews[-6:]:
                when = dt.datetime.fromtimestamp(review.reviewed_at).strftime("%d %b")
                mark = "" if review.correct is None else ("✔" if review.correct else "✘")
                style = "green" if review.rating >= 3 else "red" if review.rating == 1 else "yellow"
                text.append(f"{when} {RATING_NAMES.get(review.rating, review.rating)}{mark}  ", style=style)
        panel.update(text)
        self.query_one("#card-detail-box", VerticalScroll).scroll_home(animate=False)

    # -- actions ------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#card-search", Input).focus()

    def _searching(self) -> bool:
        return self.focused is not None and self.focused.id == "card-search"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end_search":
            return self._searching()
        if action == "search":
            return not self._searching()
        if action in {"toggle_suspend", "toggle_bury"}:
            return self.loaded and not self._searching()
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_end_search(self) -> None:
        box = self.query_one("#card-search", Input)
        box.value = ""
        self.query_one("#cards", DataTable).focus()

    @on(Input.Changed, "#card-search")
    def _search_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#card-search")
    def _search_done(self) -> None:
        self.query_one("#cards", DataTable).focus()

    def action_edit(self) -> None:
        """Open the deck file in $EDITOR at the card's line (at the problem's line if it is broken), then re-read it.

        A bundled deck is copied to the user's deck folder first, and this screen moves to the copy.
        """
        from quizapp.deck.yaml_io import load_deck
        from quizapp.errors import DeckError
        from quizapp.tui.editor import card_line, editable_copy, problem_line

        path, copied = editable_copy(self.deck_path, self.app.user_decks_dir())  # type: ignore[attr-defined]
        if copied:
            self.deck_path = path
            self.notify(f"Bundled decks stay as installed: you are editing a copy, {path}.", timeout=10, markup=False)
        item = self.selected_item()
        try:
            load_deck(path)
            line = card_line(path.read_text(encoding="utf-8"), item.card) if item else None
        except DeckError as exc:  # broken since it was read: open where the problem is
            line = problem_line(exc)
        except (OSError, UnicodeDecodeError):  # the editor shows the file (or its absence) from the top
            line = None
        if edit_file(self, path, line):
            self.load(reload=True, announce=True)

    def action_toggle_suspend(self) -> None:
        """Suspend the highlighted card (it leaves study and quizzes, as in Anki) or bring it back."""
        self._toggle("suspended")

    def action_toggle_bury(self) -> None:
        """Bury the highlighted card until the next local midnight (Anki's bury) or bring it back today."""
        self._toggle("buried")

    def _toggle(self, how: Literal["suspended", "buried"]) -> None:
        from quizapp.errors import QuizappError
        from quizapp.study.session import start_of_day

        index = self.selected_index()
        if index is None:
            return
        row = self.rows[index]
        was = getattr(row, how)
        store = self.app.store  # type: ignore[attr-defined]
        now = self.app.now()  # type: ignore[attr-defined]
        ids = [row.item.item_id]
        try:
            if how == "suspended" and was:
                store.unsuspend(self.deck_path, ids)
            elif how == "suspended":
                store.suspend(self.deck_path, ids, now)
            elif was:
                store.unbury(self.deck_path, ids)
            else:
                store.bury(self.deck_path, ids, now, start_of_day(now + dt.timedelta(days=1)))
        except QuizappError as exc:
            self.notify(str(exc), title="Nothing changed", severity="error", timeout=10, markup=False)
            return
        changed = row._replace(suspended=not was) if how == "suspended" else row._replace(buried=not was)
        self.rows[index] = changed
        self.shown = [changed if r.item_index == index else r for r in self.shown]
        self.query_one("#cards", DataTable).update_cell(str(index), "due", changed.due_cell())
        done = {
            ("suspended", False): "Suspended: it stays out of study and quizzes.",
            ("suspended", True): "Unsuspended.",
            ("buried", False): "Buried until tomorrow: it stays out of today's sessions.",
            ("buried", True): "Unburied: it can come up again today.",
        }
        self.notify(done[(how, was)])

    def action_reload(self) -> None:
        """Re-read the deck file; when it is broken (or gone) now, say why and keep the cards last read."""
        self.load(reload=True)

    def action_close(self) -> None:
        self.dismiss()
