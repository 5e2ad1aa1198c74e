"""``quizapp serve``: the same app in a browser tab, through textual-serve."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def serve_command_line(data_dir: Path | str | None = None) -> str:
    """The command textual-serve runs for each browser session: this Python running ``quizapp``."""
    command = [sys.executable, "-m", "quizapp"]
    if data_dir is not None:
        command += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    return shlex.join(command)


def serve(host: str = "localhost", port: int = 8000, data_dir: Path | str | None = None) -> None:
    from textual_serve.server import Server

    Server(serve_command_line(data_dir), host=host, port=port, title="quizapp").serve()
