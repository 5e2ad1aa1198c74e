"""Generate: pick article files and options, build a deck in a worker (the UI stays live), then review it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Header, Input, Label, ProgressBar, SelectionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from quizapp.tui.widgets.ticks import TickList
from quizapp.vocabulary import DEFAULT_CARD_TYPES

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import Deck

#: Card types offered, with the generator's defaults pre-selected.
TYPE_CHOICES = [
    (label, value, value in DEFAULT_CARD_TYPES)
    for label, value in (
        ("Multiple choice", "multiple_choice"),
        ("Typed answer", "typed"),
        ("True / false", "true_false"),
        ("Cloze", "cloze"),
        ("Flashcard", "flashcard"),
    )
]
ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".text"}


@dataclass(frozen=True)
class Generated:
    """What the generating worker hands back: the deck and the ranker's estimate for each of its cards."""

    deck: Deck
    estimates: dict[str, float]


class GenerationCancelled(Exception):
    """Raised in the generating thread, at its next progress report, after Esc cancelled it."""


class ArticleTree(DirectoryTree):
    """A directory tree showing folders and article-like files only."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in ARTICLE_SUFFIXES)]


class GenerateScreen(Screen[None]):
    """Choose articles and options; ctrl+g generates."""

    BINDINGS = [
        # Not a priority binding: it then waits its turn behind keys typed just before it (a fast title).
        Binding("ctrl+g", "generate", "Generate"),
        Binding("ctrl+x", "clear_files", "Clear files", priority=True),
        Binding("escape", "close", "Back/cancel"),
    ]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.cwd()
        self.files: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="generate-main"):
            yield ArticleTree(self.start, id="generate-tree")
            with Vertical(id="generate-form"):
                yield Label("Articles (Enter in the tree adds a file)")
                yield Static("none yet", id="generate-files", classes="hint")
                yield Input(placeholder="or type a path and press Enter", id="generate-path", compact=True)
                yield Input(placeholder="Deck title (optional)", id="generate-title", compact=True)
                yield Input(placeholder="Most cards (optional)", id="generate-max", type="integer", compact=True)
                yield TickList[str](*TYPE_CHOICES, id="generate-types")
                yield ProgressBar(id="generate-progress", show_eta=False)
                yield Static("ctrl+g generates", id="generate-status", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "generate a deck"

    # -- choosing files -----------------------------------------------------------------------

    def add_file(self, path: Path) -> None:
        """Add an article file, or every article file directly in a folder."""
        path = path.expanduser()
        if path.is_dir():
            articles = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not articles:
                kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
                self.notify(f"{path} is a folder with no articles ({kinds}) in it.", severity="error", markup=False)
                return
        elif path.is_file():
            articles = [path]
        else:
            self.notify(f"No such file or folder: {path}", severity="error", markup=False)
            return
        chosen = {p.resolve() for p in self.files}
        self.files += [p for p in articles if p.resolve() not in chosen]
        self._show_files()

    def _show_files(self) -> None:
        names = ", ".join(p.name for p in self.files) or "none yet"
        self.query_one("#generate-files", Static).update(Text(names))

    @on(DirectoryTree.FileSelected, "#generate-tree")
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.add_file(event.path)

    @on(Input.Submitted, "#generate-path")
    def _path_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.add_file(Path(event.value.strip()))
            event.input.value = ""

    @on(Input.Submitted, "#generate-title")
    @on(Input.Submitted, "#generate-max")
    def _option_entered(self) -> None:
        self.action_generate()

    def action_clear_files(self) -> None:
        """Start over: no files, and no word left of the last attempt (its error or progress)."""
        self.files.clear()
        self._show_files()
        self.query_one("#generate-status", Static).update("ctrl+g generates")
        self.query_one("#generate-progress", ProgressBar).update(total=None, progress=0)

    # -- generating ---------------------------------------------------------------------------

    def action_generate(self) -> None:
        if not self.files:
            self.notify("Choose at least one article first.", severity="warning")
            return
        if self.workers and any(w.is_running for w in self.workers if w.group == "generate"):
            self.notify("Already generating…")
            return
        title = self.query_one("#generate-title", Input).value.strip() or None
        max_text = self.query_one("#generate-max", Input).value.strip()
        max_cards = int(max_text) if max_text and int(max_text) > 0 else None
        types = set(self.query_one("#generate-types", SelectionList).selected) or None
        self.query_one("#generate-status", Static).update("Starting… (Esc cancels)")
        self.generate(list(self.files), title, max_cards, types)

    @work(thread=True, exclusive=True, group="generate", exit_on_error=False)
    def generate(
        self, files: list[Path], title: str | None, max_cards: int | None, types: set[str] | None
    ) -> Generated:
        # Imported here, in the worker: the generator pulls in spaCy, which the rest of the app never needs.
        from quizapp.questions.generate import generate_deck
        from quizapp.questions.model import GenerationReport

        worker = get_current_worker()

        def progress(done: int, total: int, message: str) -> None:
            # The generator reports between its steps: where the thread stops once Esc cancelled the worker
            # (cancelling a thread worker only marks it; the thread itself must return).
            if worker.is_cancelled:
                raise GenerationCancelled
            self.app.call_from_thread(self._progress, done, total, message)

        report = GenerationReport()
        deck = generate_deck(
            files,
            title=title,
            max_cards=max_cards,
            types=types,
            seed=self.app.seed or 0,  # type: ignore[attr-defined]
            progress=progress,
            report=report,
        )
        return Generated(deck, {card_id: cand.score for card_id, cand in report.made_from.items()})

    def _progress(self, done: int, total: int, message: str) -> None:
        self.query_one("#generate-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#generate-status", Static).update(Text(f"{message} (Esc cancels)"))

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "generate":
            return
        status = self.query_one("#generate-status", Static)
        if event.state == WorkerState.CANCELLED:
            self.query_one("#generate-progress", ProgressBar).update(total=None, progress=0)
            status.update("Generating cancelled. ctrl+g starts again, Esc goes back.")
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            status.update(Text.assemble(("Could not generate: ", "bold red"), str(error)))
        elif event.state == WorkerState.SUCCESS:
            from quizapp.tui.screens.inbox import InboxScreen

            generated = event.worker.result
            assert isinstance(generated, Generated)  # the generate worker succeeded, so it returned its deck
            bar = self.query_one("#generate-progress", ProgressBar)
            bar.update(total=bar.total or 1, progress=bar.total or 1)
            status.update(f"{len(generated.deck.cards)} cards proposed.")
            self.app.push_screen(InboxScreen(generated.deck, generated.estimates), self._inbox_closed)

    def _inbox_closed(self, written: Path | None) -> None:
        if written is not None:
            self.notify(f"Deck written to {written}", markup=False)
            self.dismiss()

    def action_close(self) -> None:
        """Esc cancels generating when it runs, and goes back otherwise."""
        running = [w for w in self.workers if w.group == "generate" and w.is_running]
        if running:
            for worker in running:
                worker.cancel()
            return
        self.dismiss()
