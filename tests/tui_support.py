"""Shared helpers of the TUI tests: an app on a copy of the fixture deck, with a tmp data dir and a fixed clock."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from quizapp.tui.app import QuizApp

FIXTURES = Path(__file__).parent / "fixtures"
FIXED_NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
SIZE = (80, 24)


def copy_deck(tmp_path: Path, name: str = "tui_deck.yaml") -> Path:
    """A private copy of a fixture deck (tests may edit it)."""
    target = tmp_path / "decks" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / name, target)
    return target


def make_app(tmp_path: Path, deck: Path | None = None, **options: object) -> QuizApp:
    options.setdefault("now", FIXED_NOW)
    options.setdefault("seed", 7)
    options.setdefault("show_bundled", False)
    deck = deck or copy_deck(tmp_path)
    return QuizApp(deck_paths=[deck], data_dir=tmp_path / "data", **options)  # type: ignore[arg-type]


def proposed_inbox(estimates: dict[str, float] | None = None):  # type: ignore[no-untyped-def]
    """An inbox of the fixture deck's cards, as if just generated (with the ranker's estimates when given)."""
    from quizapp.deck.yaml_io import load_deck
    from quizapp.tui.screens.inbox import InboxScreen

    return InboxScreen(load_deck(FIXTURES / "tui_deck.yaml"), estimates)


def screen_text(app: QuizApp) -> str:
    """What the screen shows, as plain text (for asserting on what the user sees)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the app's workers finish and the screen refresh.

    A DirectoryTree keeps a loader worker alive for as long as it is shown, so it is not waited for.
    A DataTable sizes its columns for new rows when it is next idle, and a pause (which waits for
    this process to stop using the CPU) can end before that on a busy machine, where the process
    is simply not given the CPU: tables with columns still to size are waited for (up to a second).
    """
    from textual.widgets import DataTable, DirectoryTree

    await pilot.pause()
    finite = [w for w in pilot.app.workers if not isinstance(w.node, DirectoryTree) and not w.is_finished]
    if finite:  # (an empty list would mean "every worker")
        await pilot.app.workers.wait_for_complete(finite)
    await pilot.pause()
    for _ in range(100):
        tables = pilot.app.screen.query(DataTable)
        if not any(table._require_update_dimensions or table._updated_cells for table in tables):
            break
        await pilot.pause(0.01)
