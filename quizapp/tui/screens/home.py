"""Home: every deck found, with what is due, and keys to study, quiz, browse, see stats or generate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from quizapp.tui.widgets.card_text import fit
from quizapp.tui.widgets.mastery import mastery_text
from quizapp.wording import plural

if TYPE_CHECKING:  # pragma: no cover
    import datetime as dt

    from quizapp.deck.listing import DeckListing
    from quizapp.deck.model import Deck
    from quizapp.storage.db import ReviewStore
    from quizapp.study.overview import DeckOverview
    from quizapp.study.scheduling import Settings
    from quizapp.study.session import DeckSummary

#: Study items counted for the first frame at most (50,000 take about 40 ms): decks beyond it are
#: listed with their title and size, their counts left to the scan after that frame.
FIRST_FRAME_ITEMS = 20_000
#: Cells of the title column: the table (with its padding and scrollbar) then fits 80 columns.
TITLE_WIDTH = 36


@dataclass
class DeckRow:
    """A deck file as the home screen lists it: read (``deck``), listed from before (``listing``) or invalid."""

    path: Path
    origin: str
    deck: Deck | None
    error: str | None = None
    summary: DeckSummary | DeckOverview | None = None
    listing: DeckListing | None = None

    @property
    def title(self) -> str:
        if self.deck:
            return self.deck.title
        return self.listing.title if self.listing else self.path.stem

    @property
    def cards(self) -> int:
        if self.deck:
            return len(self.deck.cards)
        return self.listing.cards if self.listing else 0

    @property
    def pending(self) -> bool:
        """Listed before the deck was read (its listing was missing or stale): no title or counts yet."""
        return self.deck is None and self.listing is None and self.error is None

    def item_counts(self) -> dict[str, int]:
        """Study items per card type."""
        if self.deck:
            return self.deck.study_item_counts()
        return dict(self.listing.item_counts) if self.listing else {}


def find_decks(
    paths: list[Path],
    data_dir: Path | str | None,
    show_bundled: bool = True,
    load: Callable[[Path], Deck] | None = None,
) -> list[DeckRow]:
    """Every deck the app should list (bundled, the user's folder, paths given); runs in a worker.

    A deck unchanged since it was last read is listed from :mod:`quizapp.deck.listing`
    without being read (nor the deck model imported); any other is read with ``load``
    (the app's cache, so coming back to the list re-reads only changed files).
    """
    from quizapp.deck.discovery import deck_files
    from quizapp.deck.listing import read_listing

    rows = []
    for path, origin in deck_files(paths, data_dir):
        if origin == "bundled" and not show_bundled:
            continue
        listing = read_listing(path)
        rows.append(DeckRow(path, origin, None, listing=listing) if listing else _read_row(path, origin, load))
    return rows


def listed_rows(paths: list[Path], data_dir: Path | str | None, show_bundled: bool = True) -> list[DeckRow]:
    """The rows known without reading a deck: each from its listing, or pending when it has none (yet).

    Quick enough to run before the first frame; :func:`find_decks` then reads the pending ones.
    """
    from quizapp.deck.discovery import deck_files
    from quizapp.deck.listing import read_listing

    return [
        DeckRow(path, origin, None, listing=read_listing(path))
        for path, origin in deck_files(paths, data_dir)
        if show_bundled or origin != "bundled"
    ]


def count_rows(
    rows: list[DeckRow],
    store: ReviewStore,
    now: dt.datetime,
    learn_ahead_minutes: Callable[[], float],
    settings: Callable[[], Settings] | None = None,
) -> None:
    """Give every row its due, new and mastery counts from ``store``; read decks need ``settings``."""
    from quizapp.study.overview import deck_overview

    for row in rows:
        if row.deck is not None and settings is not None:
            from quizapp.study.session import deck_summary

            row.summary = deck_summary(row.deck, row.path, store, now, settings())
        elif row.listing is not None:
            row.summary = deck_overview(row.listing, row.path, store, now, learn_ahead_minutes())


def _read_row(path: Path, origin: str, load: Callable[[Path], Deck] | None) -> DeckRow:
    """The row of a deck read in full, whose listing is kept for the next time."""
    from quizapp.deck.listing import DeckListing, read_deck_text, remember_listing
    from quizapp.deck.yaml_io import load_deck
    from quizapp.errors import DeckError

    text = read_deck_text(path)
    try:
        deck = (load or load_deck)(path)
    except DeckError as exc:
        problem = exc.problems[0] if exc.problems else None
        first = (
            str(exc)
            if problem is None
            else (f"line {problem.location.line}: {problem.message}" if problem.location.line else problem.message)
        )
        return DeckRow(path, origin, None, first)
    if text is not None:
        item_ids = [item_id for _card, item_id, _cloze in deck.item_keys()]
        remember_listing(path, text, DeckListing(deck.title, len(deck.cards), item_ids, deck.study_item_counts()))
    return DeckRow(path, origin, deck)


class HomeScreen(Screen[None]):
    """The deck list."""

    AUTO_FOCUS = "#decks"
    BINDINGS = [
        Binding("enter", "study", "Study", priority=True),
        Binding("z", "quiz", "Quiz"),
        Binding("b", "browse", "Browse"),
        Binding("s", "stats", "Stats"),
        Binding("g", "generate", "Generate"),
        Binding("i", "import_deck", "Import"),
        Binding("x", "export_deck", "Export"),
        Binding("slash", "filter", "Filter"),
        # In docs/app.md, not the footer: with Export shown it would push Quit off an 80-column screen.
        Binding("r", "reload", "Reload", show=False),
        # ctrl+t (theme) and ctrl+q (quit) work on every screen (the app binds them): no room here.
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "clear_filter", "Clear filter"),
        # Down in the filter box goes to the list (priority: the box would take it to scroll itself).
        Binding("down", "to_list", "To the list", key_display="↓", priority=True),
        Binding("e", "fix", "Fix in $EDITOR", show=False),  # a broken deck; Enter, z and b do it too (status line says)
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DeckRow] = []
        #: Whether the rows come from the full scan (or only from what was known before the first frame).
        self.scanned = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="read-only-line", classes="hidden")
        yield Input(
            placeholder="Filter decks by title…", id="deck-filter", classes="hidden", disabled=True, compact=True
        )
        table: DataTable[object] = DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        table.add_column("Deck", width=TITLE_WIDTH, key="title")
        table.add_column("Cards", key="cards")
        table.add_column("Due", key="due")
        table.add_column("New", key="new")
        table.add_column("Last", key="last")
        table.add_column("Mastery", key="mastery")
        yield table
        yield Static("Looking for decks…", id="deck-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "decks"
        reason = self.app.read_only  # type: ignore[attr-defined]
        if reason:  # said once, here, rather than as an error on every action
            line = self.query_one("#read-only-line", Static)
            line.update(Text.assemble(("Read-only: ", "bold"), reason))
            line.remove_class("hidden")
        # The first frame already lists the decks, from their listings and the history as it is (read
        # only); the full scan (reading changed decks, opening the history for writing, which may
        # upgrade and back it up) runs after that frame is on screen and corrects what it must.
        known = self._rows_known_now()
        if known is not None:
            self._show_rows(known, scanned=False)
        self.call_after_refresh(self.load_decks)

    def _rows_known_now(self) -> list[DeckRow] | None:
        """The rows that can be shown without reading a deck or writing anything; counts left out when unsure."""
        from quizapp.errors import QuizappError

        app = self.app
        try:
            rows = listed_rows(app.deck_paths, app.data_dir, app.show_bundled)  # type: ignore[attr-defined]
        except (QuizappError, OSError):  # the scan says what is wrong
            return None
        learn_ahead = app.quick_learn_ahead_minutes()  # type: ignore[attr-defined]
        budget, counted = FIRST_FRAME_ITEMS, []
        for row in rows:
            if row.listing is not None and len(row.listing.item_ids) <= budget:
                budget -= len(row.listing.item_ids)
                counted.append(row)
        if learn_ahead is None or not counted:
            return rows
        import sqlite3

        try:
            from quizapp.storage.db import ReviewStore

            with ReviewStore.open(app.data_dir, read_only="the deck list is being counted") as store:  # type: ignore[attr-defined]
                count_rows(counted, store, app.now(), lambda: learn_ahead)  # type: ignore[attr-defined]
        except (QuizappError, sqlite3.Error):  # e.g. a history to upgrade first: the scan counts, or says why not
            for row in rows:
                row.summary = None
        return rows

    def on_screen_resume(self) -> None:
        # Back from studying or generating: the numbers (or the list) changed. (The first resume, as
        # the screen opens, is not one: the scan after the first frame is on its way.)
        if self.scanned:
            self.load_decks()

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="home-decks")
    def load_decks(self) -> list[DeckRow]:
        # Reading decks and summing up their history can take a while for big decks: it runs
        # off the UI thread, with its own database connection. Decks listed from before are
        # counted without the deck or settings models (see quizapp.deck.listing).
        from quizapp.errors import QuizappError

        app = self.app
        rows = find_decks(app.deck_paths, app.data_dir, app.show_bundled, app.deck)  # type: ignore[attr-defined]
        now = app.now()  # type: ignore[attr-defined]
        try:
            with app.open_store() as store:  # type: ignore[attr-defined]
                count_rows(rows, store, now, app.learn_ahead_minutes, lambda: app.settings)  # type: ignore[attr-defined]
        except QuizappError as exc:  # no database: still list the decks, and say why the numbers are missing
            self.app.call_from_thread(
                self.app.notify, str(exc), title="No study history", severity="error", timeout=15, markup=False
            )
        self.app.call_from_thread(self._show_rows, rows)
        return rows

    def _show_rows(self, rows: list[DeckRow], *, scanned: bool = True) -> None:
        """Show ``rows``; those of the same decks as shown are updated in place (only the cells that changed)."""
        same_decks = [(r.path, r.title, r.error) for r in rows] == [(r.path, r.title, r.error) for r in self.rows]
        self.rows, self.scanned = rows, scanned
        if same_decks and rows:
            self._update_cells()
        else:
            self._fill_table()

    def _cells(self, row: DeckRow) -> tuple[str | Text, ...]:
        """The row's cells after its title: cards, due, new, last score, mastery."""
        if row.error is not None:
            return ("invalid", "", "", "", "")
        summary = row.summary
        if summary is None:
            # Not counted yet (the scan is on its way), or not countable: no study history to read.
            unknown = "?" if self.scanned else "…"
            cards = str(row.cards) if row.listing or row.deck else unknown
            return (cards, unknown, unknown, "—", mastery_text(None))
        return (
            str(summary.cards),
            str(summary.due),
            str(summary.new),
            "—" if summary.last_score is None else f"{summary.last_score:.0%}",
            mastery_text(summary.mastery),
        )

    def _update_cells(self) -> None:
        table = self.query_one("#decks", DataTable)
        for index, row in enumerate(self.rows):
            key = str(index)
            if key not in table.rows:  # hidden by the filter
                continue
            for column, value in zip(("cards", "due", "new", "last", "mastery"), self._cells(row)):
                if table.get_cell(key, column) != value:  # the column fits its new content (a bar for "…")
                    table.update_cell(key, column, value, update_width=True)
        self._show_detail()

    def _fill_table(self) -> None:
        table = self.query_one("#decks", DataTable)
        wanted = self.query_one("#deck-filter", Input).value.strip().casefold()
        selected = self.selected_path()
        table.clear()
        for index, row in enumerate(self.rows):
            if wanted and wanted not in row.title.casefold():
                continue
            # Up to two lines (decks often differ only late in their titles); the status line shows it whole.
            title = Text(fit(row.title, 2 * TITLE_WIDTH - 8).plain)
            # The height is given, not measured (height=None): measuring happens later, when idle.
            lines = 1 if cell_len(title.plain) <= TITLE_WIDTH else 2
            table.add_row(title, *self._cells(row), key=str(index), height=lines)
        # Keep the cursor on the deck it was on, unless the filter hid it.
        kept_at = next((i for i, row in enumerate(self.rows) if row.path == selected), None)
        if kept_at is not None and str(kept_at) in table.rows:
            table.move_cursor(row=table.get_row_index(str(kept_at)))
        self._show_detail()
        if not self.rows:
            self.query_one("#deck-detail", Static).update("No decks found. Press g to generate one from an article.")

    def _show_detail(self) -> None:
        row = self.selected_row()
        detail = self.query_one("#deck-detail", Static)
        if row is None:
            detail.update("")
        elif row.error:
            detail.update(
                Text.assemble(
                    (row.path.name, "bold"), f" cannot be read: {row.error} · Enter or e opens it in $EDITOR there"
                )
            )
        else:
            items = row.summary.items if row.summary else sum(row.item_counts().values())
            detail.update(
                Text.assemble(
                    (row.title, "bold"), f" · {row.origin} deck · {row.path.name} · {plural(items, 'study item')}"
                )
            )

    @on(DataTable.RowHighlighted, "#decks")
    def _highlighted(self) -> None:
        self._show_detail()

    # -- the selected deck --------------------------------------------------------------------

    def selected_row(self) -> DeckRow | None:
        table = self.query_one("#decks", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows[int(key)] if key is not None else None

    def selected_path(self) -> Path | None:
        row = self.selected_row()
        return row.path if row else None

    def _usable_row(self) -> DeckRow | None:
        row = self.selected_row()
        if row is None:
            self.notify("No deck selected.", severity="warning")
            return None
        if row.error is not None:  # nothing to study in it until it is fixed: open it where the problem is
            self.action_fix()
            return None
        if row.pending:  # changed since it was last listed: known once the scan has read it
            self.notify("Still reading this deck; try again in a moment.", severity="warning")
            return None
        return row

    def action_fix(self) -> None:
        """Open a broken deck in $EDITOR at its first problem's line; list the decks again on return."""
        from quizapp.deck.yaml_io import load_deck
        from quizapp.errors import DeckError
        from quizapp.tui.editor import editable_copy, problem_line
        from quizapp.tui.screens.browse import edit_file

        row = self.selected_row()
        if row is None or row.error is None:
            return
        path, copied = editable_copy(row.path, self.app.user_decks_dir())  # type: ignore[attr-defined]
        if copied:
            self.notify(f"Bundled decks stay as installed: you are editing a copy, {path}.", timeout=10, markup=False)
        try:
            load_deck(path)
            line = None  # fixed meanwhile
        except DeckError as exc:
            line = problem_line(exc)
        if edit_file(self, path, line):
            self.load_decks()

    # -- actions ------------------------------------------------------------------------------

    def action_study(self) -> None:
        if row := self._usable_row():
            self.app.open_study(row.path)  # type: ignore[attr-defined]

    def action_quiz(self) -> None:
        from quizapp.tui.screens.quiz_options import QuizOptions, QuizOptionsScreen

        row = self._usable_row()
        if row is None:
            return
        available = row.item_counts()

        def start(options: QuizOptions | None) -> None:
            if options is not None:
                self.app.open_quiz(  # type: ignore[attr-defined]
                    row.path,
                    count=options.count,
                    types=options.types,
                    time_limit=options.time_limit,
                    update_schedule=options.update_schedule,
                )

        self.app.push_screen(QuizOptionsScreen(row.title, available), start)

    def action_browse(self) -> None:
        if row := self._usable_row():
            self.app.open_browse(row.path)  # type: ignore[attr-defined]

    def action_stats(self) -> None:
        from quizapp.tui.screens.stats import StatsScreen

        paths = [row.path for row in self.rows if row.error is None]
        row = self.selected_row()
        self.app.push_screen(StatsScreen(paths, selected=row.path if row and row.error is None else None))

    def action_generate(self) -> None:
        from quizapp.tui.screens.generate import GenerateScreen

        self.app.push_screen(GenerateScreen())

    def action_import_deck(self) -> None:
        from quizapp.tui.screens.import_deck import ImportDeckScreen

        def imported(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Imported {path.name}", markup=False)
                self.load_decks()

        self.app.push_screen(ImportDeckScreen(), imported)

    def action_export_deck(self) -> None:
        from quizapp.tui.screens.export_deck import ExportDeckScreen

        if row := self._usable_row():
            self.app.push_screen(ExportDeckScreen(row.path, row.title))

    def action_reload(self) -> None:
        self.load_decks()

    def action_filter(self) -> None:
        box = self.query_one("#deck-filter", Input)
        box.disabled = False
        box.remove_class("hidden")
        box.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        filtering = self.focused is not None and self.focused.id == "deck-filter"
        if action == "to_list":
            return filtering
        if action in ("study", "filter"):  # in the filter box, Enter (like Down) goes to the list
            return not filtering
        if action == "clear_filter":  # while the filter box is open
            return not self.query_one("#deck-filter", Input).disabled
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_to_list(self) -> None:
        self.query_one("#decks", DataTable).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#deck-filter", Input)
        box.value = ""
        box.add_class("hidden")
        box.disabled = True
        self.query_one("#decks", DataTable).focus()

    @on(Input.Changed, "#deck-filter")
    def _filter_changed(self) -> None:
        self._fill_table()

    @on(Input.Submitted, "#deck-filter")
    def _filter_done(self) -> None:
        self.query_one("#decks", DataTable).focus()
