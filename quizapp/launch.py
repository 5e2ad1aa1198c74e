"""The ``quizapp`` console script.

Opening the app (``quizapp``, or ``quizapp --data-dir D``) is what people do every
day, so it goes straight to the UI: the command-line parser (typer, whose type
coercion also loads pydantic) costs about a tenth of a second before the first
frame could be painted. Every other invocation is handed to :mod:`quizapp.cli`.

Until that first frame, Python's cyclic garbage collector is paused: starting allocates a
great deal (modules, classes, widgets) and frees next to nothing, so its many passes meanwhile
find almost nothing to collect, and cost 10-20 ms on the way to the first frame (of about 200
on a 2-core machine). The app resumes it once that frame is on screen (``QuizApp.on_mount``),
and in any case when it ends.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def bare_launch(args: list[str]) -> Path | None | bool:
    """For a bare launch, the data dir given (None for the default); False for anything else."""
    if not args:
        return None
    if len(args) == 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        return Path(args[1])
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > len("--data-dir="):
        return Path(args[0].split("=", 1)[1])
    return False


def main() -> None:
    data_dir = bare_launch(sys.argv[1:])
    if isinstance(data_dir, bool):  # (only ever False: not a bare launch)
        from quizapp.cli import main as cli_main

        cli_main()
        return
    gc.disable()  # from here on, Textual's import included (a good part of starting)
    try:
        _open_home(data_dir)
    finally:
        gc.enable()


def _open_home(data_dir: Path | None) -> None:
    from quizapp.errors import QuizappError
    from quizapp.paths import DATA_DIR_ENV
    from quizapp.tui.app import run_app

    if data_dir is not None:
        os.environ[DATA_DIR_ENV] = str(data_dir)  # the whole run uses it, the deck cache too (as the CLI does)
    try:
        run_app(deck_paths=[], data_dir=data_dir, mode="home", count=None)
    except QuizappError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
