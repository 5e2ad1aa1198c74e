"""Where quizapp keeps data and looks for decks."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "quizapp"
DATA_DIR_ENV = "QUIZAPP_DATA_DIR"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled_decks_dir() -> Path:
    """The decks that ship with quizapp: ``quizapp/decks`` in an installed wheel (setup.py maps the
    repository's ``decks/`` folder there), the repository's ``decks/`` folder in a source checkout."""
    installed = _PACKAGE_DIR / "decks"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "decks"


BUNDLED_DECKS_DIR = _bundled_decks_dir()


def data_dir(override: str | Path | None = None) -> Path:
    """The data directory: ``--data-dir`` beats ``$QUIZAPP_DATA_DIR`` beats the platform default."""
    if override:
        path = Path(override).expanduser()
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV]).expanduser()
    else:
        import platformdirs  # only when no folder is given (not on the app's path to its first frame)

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path


def user_decks_dir(override: str | Path | None = None) -> Path:
    """The user's own deck folder, inside the data directory."""
    return data_dir(override) / "decks"


def settings_path(override: str | Path | None = None) -> Path:
    """The study settings file (see quizapp.study.scheduling), absent until settings are saved."""
    return data_dir(override) / "settings.json"


def database_path(override: str | Path | None = None) -> Path:
    return data_dir(override) / "quizapp.sqlite3"


def deck_search_dirs(override: str | Path | None = None) -> list[Path]:
    """Folders searched for decks, in order: bundled first, then the user's."""
    return [BUNDLED_DECKS_DIR, user_decks_dir(override)]
