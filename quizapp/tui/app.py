"""The Textual application: owns the shared state (data dir, deck cache, review store) and the screens.

Screens get what they need from the app (attributes down) and report back with
messages or dismiss results (messages up). Nothing heavy is imported here: the
study domain, the deck reader and the generator are imported by the screens
when they first need them, so the first screen paints fast.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

if TYPE_CHECKING:  # pragma: no cover - typing only
    from quizapp.deck.model import Deck
    from quizapp.storage.datadir import DataDirAccess
    from quizapp.storage.db import ReviewStore
    from quizapp.study.scheduling import Settings

MODES = ("home", "study", "quiz")
#: The app's settings file in the data dir (scheduling.SETTINGS_FILE; read here without importing fsrs).
SETTINGS_FILE = "settings.json"
THEMES = ("textual-dark", "textual-light")


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
        data_access: DataDirAccess | None = None,
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
        self._backup_problem_told = False
        self._open_lock = threading.Lock()
        self._decks: dict[Path, tuple[float | None, Deck]] = {}  # (mtime, deck); no mtime when stat failed
        #: Given by run_app (which releases it); otherwise claimed when the app starts and released when it ends.
        self.data_access = data_access
        self._claimed_access = False
        #: Why this instance must not write to the data folder (shown on the home screen), or None.
        self.read_only: str | None = data_access.read_only_reason if data_access else None

    # -- shared state -------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        """The current time (fixed in tests and snapshots, so screens are reproducible)."""
        return self._fixed_now or dt.datetime.now(dt.UTC)

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
            store = ReviewStore.open(self.data_dir, read_only=self.read_only)
            if store.backup_problem and not self._backup_problem_told:
                # Studying goes on (answers are still saved), but the user should know the safety net is missing.
                self._backup_problem_told = True
                self.notify(
                    f"Today's automatic backup failed: {store.backup_problem}",
                    title="Backup",
                    severity="warning",
                    timeout=15,
                    markup=False,
                )  # notify is safe from a worker thread
            return store

    @property
    def settings(self) -> Settings:
        """Study settings (desired retention, new cards per day), read once from the data dir."""
        if self._settings is None:
            from quizapp.errors import QuizappError
            from quizapp.study.scheduling import Settings, load_settings

            try:
                self._settings = load_settings(self.data_dir)
            except QuizappError as exc:
                # A hand-edited settings file gone wrong: study with the defaults and say once what to fix;
                # the file is left as it is (nothing here writes over it).
                self._settings = Settings()
                self.notify(
                    f"{exc}. Using the default settings until it is fixed.",
                    title="Settings",
                    severity="warning",
                    timeout=15,
                    markup=False,
                )
        return self._settings

    def learn_ahead_minutes(self) -> float:
        """The learn-ahead window; with no settings saved, the default, without importing the settings model."""
        if self._settings is None:
            from quizapp.paths import settings_path

            if not settings_path(self.data_dir).exists():
                from quizapp.study.overview import LEARN_AHEAD_MINUTES

                return LEARN_AHEAD_MINUTES
        return self.settings.learn_ahead_minutes

    def quick_learn_ahead_minutes(self) -> float | None:
        """The learn-ahead window without the settings model (for the first frame); None when unsure."""
        from quizapp.study.overview import LEARN_AHEAD_MINUTES

        if self._settings is not None:
            return self._settings.learn_ahead_minutes
        saved = self._saved_settings()
        if saved is None:
            return LEARN_AHEAD_MINUTES
        value = saved.get("learn_ahead_minutes", LEARN_AHEAD_MINUTES)
        # Anything the model might read differently (or refuse) waits for it.
        return float(value) if type(value) in (int, float) and value >= 0 else None

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

    def saved_theme(self) -> str | None:
        """The theme last chosen with ctrl+t, from the settings file (None when there is none to use)."""
        saved = self._saved_settings()
        theme = saved.get("theme") if saved is not None else None
        return theme if theme in THEMES else None

    def _saved_settings(self) -> dict[str, Any] | None:
        """The settings file as saved, unvalidated (None when there is none, or it is unreadable)."""
        from quizapp.paths import data_dir

        try:
            saved = json.loads((data_dir(self.data_dir) / SETTINGS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return saved if isinstance(saved, dict) else None

    def on_mount(self) -> None:
        from quizapp.tui.screens.home import HomeScreen

        self._claim_data_dir()
        theme = self.saved_theme()
        if theme is not None:
            self.theme = theme
        self.push_screen(HomeScreen())
        self.call_after_refresh(gc.enable)  # paused by quizapp.launch until the first frame is on screen
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
        if self._claimed_access and self.data_access is not None:
            self.data_access.release()
            self.data_access, self._claimed_access = None, False

    def _claim_data_dir(self) -> None:
        """Hold the data folder while the app runs, or work read-only (another instance has it, or it is unusable)."""
        from quizapp.storage.datadir import DataDirError, claim_data_dir

        if self.data_access is not None:
            return
        try:
            self.data_access = claim_data_dir(self.data_dir)
        except DataDirError as exc:  # nothing will be saved; said once, on the home screen
            self.read_only = str(exc)
            return
        self._claimed_access = True
        self.read_only = self.data_access.read_only_reason

    def refuse_when_read_only(self, what: str) -> bool:
        """Say (once per attempt) why ``what`` cannot be done in a read-only instance; True when refused."""
        if self.read_only is None:
            return False
        self.notify(
            f"{what} needs to save, and {self.read_only}",
            title="Read-only",
            severity="warning",
            timeout=10,
            markup=False,
        )
        return True

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

        if self.refuse_when_read_only("Studying"):
            return
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
        if update_schedule and self.refuse_when_read_only("A quiz that counts as reviews"):
            return
        if not self.readable(path):
            return
        self.push_screen(
            QuizScreen(Path(path), count=count, types=types, time_limit=time_limit, update_schedule=update_schedule)
        )

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"
        self.remember_theme(self.theme)

    def remember_theme(self, theme: str) -> None:
        """Keep the theme in the settings file, so the next start uses it; the other settings stay as they are."""
        from quizapp.errors import QuizappError
        from quizapp.study.scheduling import load_settings, save_settings

        try:
            settings = load_settings(self.data_dir).model_copy(update={"theme": theme})
            save_settings(settings, self.data_dir)
        except (QuizappError, OSError) as exc:  # the theme still changes, for this run
            self.notify(f"The theme is not remembered: {exc}", severity="warning", timeout=10, markup=False)
            return
        if self._settings is not None:
            self._settings = settings


def run_app(
    deck_paths: list[Path] | None = None,
    data_dir: Path | str | None = None,
    mode: str = "home",
    count: int | None = None,
    **options: Any,
) -> None:
    """Run the app in this terminal (the CLI's entry point into the UI).

    The data folder is checked and claimed first, so what cannot work is said once, as an
    error, before the screen opens: a folder that is a file, or studying when another
    instance holds the folder or it cannot be written.
    """
    from quizapp.errors import QuizappError
    from quizapp.storage.datadir import claim_data_dir

    with claim_data_dir(data_dir) as access:
        if access.read_only_reason is not None and mode == "study":
            raise QuizappError(f"cannot study: {access.read_only_reason}")
        if access.read_only_reason is not None and mode == "quiz" and options.get("update_schedule"):
            raise QuizappError(f"cannot record the quiz as reviews (--schedule): {access.read_only_reason}")
        QuizApp(deck_paths=deck_paths, data_dir=data_dir, mode=mode, count=count, data_access=access, **options).run()
