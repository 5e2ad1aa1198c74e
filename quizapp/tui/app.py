"""The Textual application: owns the shared state (data dir, deck cache, review store) and the screens.

Screens get what they need from the app (attributes down) and report back with
messages or dismiss results (messages up). Nothing heavy is imported here: the
study domain, the deck reader and the generator are imported by the screens
when they first need them, so the first screen paints fast.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

if TYPE_CHECKING:  # pragma: no cover - typing only
    from quizapp.deck.model import Deck
    from quizapp.storage.db import ReviewStore
    from quizapp.study.scheduling import Settings

MODES = ("home", "study", "quiz")


class QuizApp(App[None]):
    """quizapp's terminal UI."""

    CSS_PATH = "app.tcss"
    TITLE = "quizapp"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        deck_paths: list[Path] | None = None,
        data_dir: Path | str | None = None,
        mode: str = "home",
        count: int | None = None,
        *,
        types: set[str] | None = None,
        time_limit: float | None = None,
        update_schedule: bool = False,
        now: dt.datetime | None = None,
        seed: int | None = None,
        show_bundled: bool = True,
    ) -> None:
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
        self.deck_paths = [Path(p) for p in deck_paths or []]
        self.data_dir = data_dir
        self.start_mode = mode
        self.quiz_count = count
        self.quiz_types = types
        self.quiz_time_limit = time_limit
        self.quiz_updates_schedule = update_schedule
        self.seed = seed
        self.show_bundled = show_bundled
        self._fixed_now = now
        self._store: ReviewStore | None = None
        self._settings: Settings | None = None
        self._open_lock = threading.Lock()
        self._decks: dict[Path, tuple[float, Deck]] = {}

    # -- shared state -------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        """The current time (fixed in tests and snapshots, so screens are reproducible)."""
        return self._fixed_now or dt.datetime.now(dt.timezone.utc)

    @property
    def store(self) -> ReviewStore:
        """The review database, opened on first use and closed when the app exits."""
        if self._store is None:
            self._store = self.open_store()
        return self._store

    def open_store(self) -> ReviewStore:
        """A new connection to the review database (workers use their own, SQLite connections are per thread).

        Opens are serialized: two connections creating the database at once can collide while
        switching it to WAL mode.
        """
        from quizapp.storage.db import ReviewStore

        with self._open_lock:
            return ReviewStore.open(self.data_dir)

    @property
    def settings(self) -> Settings:
        """Study settings (desired retention, new cards per day), read once from the data dir."""
        if self._settings is None:
            from quizapp.study.scheduling import load_settings

            self._settings = load_settings(self.data_dir)
        return self._settings

    def learn_ahead_minutes(self) -> float:
        """The learn-ahead window; with no settings saved, the default, without importing the settings model."""
        if self._settings is None:
            from quizapp.paths import settings_path

            if not settings_path(self.data_dir).exists():
                from quizapp.study.overview import LEARN_AHEAD_MINUTES

                return LEARN_AHEAD_MINUTES
        return self.settings.learn_ahead_minutes

    def deck(self, path: Path, *, reload: bool = False) -> Deck:
        """A deck, read once and re-read when its file changed (or on ``reload``); the home screen's worker uses it too."""
        from quizapp.deck.yaml_io import load_deck

        key = Path(path).resolve()
        try:
            mtime: float | None = key.stat().st_mtime
        except OSError:  # gone or unreadable: load_deck says which, as a DeckError
            mtime = None
        cached = self._decks.get(key)
        if reload or mtime is None or cached is None or cached[0] != mtime:
            cached = (mtime, load_deck(key))
            self._decks[key] = cached
        return cached[1]

    def user_decks_dir(self) -> Path:
        from quizapp.paths import user_decks_dir

        return user_decks_dir(self.data_dir)

    # -- lifecycle ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        from quizapp.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.start_mode != "home" and self.deck_paths:
            self.call_after_refresh(self._open_start_screen)

    def _open_start_screen(self) -> None:
        path = self.deck_paths[0]
        if self.start_mode == "study":
            self.open_study(path)
        else:
            self.open_quiz(path, count=self.quiz_count, types=self.quiz_types, time_limit=self.quiz_time_limit)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- navigation used by several screens ---------------------------------------------------

    def readable(self, path: Path) -> bool:
        """Whether the deck at ``path`` can be read now (it may have changed since it was listed); says why not."""
        from quizapp.errors import DeckError, QuizappError

        try:
            self.deck(path)
        except DeckError as exc:
            self.notify(exc.first, title="Cannot read the deck", severity="error", timeout=10, markup=False)
            return False
        try:
            self.store
        except QuizappError as exc:
            self.notify(str(exc), title="Cannot open the study history", severity="error", timeout=15, markup=False)
            return False
        return True

    def open_browse(self, path: Path) -> None:
        from quizapp.tui.screens.browse import BrowseScreen

        if self.readable(path):
            self.push_screen(BrowseScreen(Path(path)))

    def open_study(self, path: Path) -> None:
        from quizapp.tui.screens.study import StudyScreen

        if self.readable(path):
            self.push_screen(StudyScreen(Path(path)))

    def open_quiz(
        self,
        path: Path,
        *,
        count: int | None = None,
        types: set[str] | None = None,
        time_limit: float | None = None,
        update_schedule: bool | None = None,
    ) -> None:
        from quizapp.tui.screens.quiz import QuizScreen

        if update_schedule is None:
            update_schedule = self.quiz_updates_schedule
        if not self.readable(path):
            return
        self.push_screen(
            QuizScreen(Path(path), count=count, types=types, time_limit=time_limit, update_schedule=update_schedule)
        )

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"


def run_app(
    deck_paths: list[Path] | None = None,
    data_dir: Path | str | None = None,
    mode: str = "home",
    count: int | None = None,
    **options: Any,
) -> None:
    """Run the app in this terminal (the CLI's entry point into the UI)."""
    QuizApp(deck_paths=deck_paths, data_dir=data_dir, mode=mode, count=count, **options).run()
