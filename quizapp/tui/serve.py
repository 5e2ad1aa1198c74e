"""``quizapp serve``: the same app in a browser tab, through textual-serve."""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # textual-serve is imported only when serving
    from textual_serve.server import Server

#: The page template's one request to the internet: a stylesheet for the Roboto Mono web font.
_WEB_FONT_LINK = re.compile(r"<link[^>]*href=\"https?://fonts\.googleapis\.com/[^\"]*\"[^>]*/?>", re.S)

#: The same font from the files textual-serve ships in its static folder, so the page needs no network.
_LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
      }
    </style>"""


def serve_command_line(data_dir: Path | str | None = None) -> str:
    """The command textual-serve runs for each browser session: this Python running ``quizapp``."""
    command = [sys.executable, "-m", "quizapp"]
    if data_dir is not None:
        command += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    return shlex.join(command)


def offline_templates(folder: Path | None = None) -> Path:
    """A templates folder for textual-serve whose page loads everything from this server (works offline).

    textual-serve's page links its font from Google Fonts; the font files themselves ship in its
    static folder. The page is textual-serve's own, read from the installed package, with that
    link swapped for @font-face rules pointing at the shipped files.
    """
    import textual_serve

    page = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    if folder is None:
        import atexit
        import shutil

        folder = Path(tempfile.mkdtemp(prefix="quizapp-serve-"))
        atexit.register(shutil.rmtree, folder, True)  # the server's for as long as it runs
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "app_index.html").write_text(_WEB_FONT_LINK.sub(lambda _: _LOCAL_FONT, page), encoding="utf-8")
    return folder


def make_server(host: str = "localhost", port: int = 8000, data_dir: Path | str | None = None) -> Server:
    from textual_serve.server import Server

    return Server(
        serve_command_line(data_dir), host=host, port=port, title="quizapp", templates_path=offline_templates()
    )


def serve(host: str = "localhost", port: int = 8000, data_dir: Path | str | None = None) -> None:
    make_server(host, port, data_dir).serve()
