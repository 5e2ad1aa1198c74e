"""A user's file is never replaced without an explicit yes, and files we write keep the user's permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from tui_support import FIXTURES, SIZE, make_app, screen_text, settle
from typer.testing import CliRunner

from quizapp import cli
from quizapp.cli import app
from quizapp.deck.yaml_io import dump_deck, load_deck, parse_deck, save_deck
from quizapp.files import write_atomically
from quizapp.study.scheduling import Settings, save_settings, settings_path
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.import_deck import ImportDeckScreen

ARTICLE = FIXTURES / "harbor_article.txt"
SMALL = parse_deck("title: Small\ncards:\n  - q: Capital of Peru?\n    a: Lima\n")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_deck_gets_the_mode_the_umask_gives(tmp_path, umask_022):
    save_deck(SMALL, tmp_path / "new.yaml")
    assert mode_of(tmp_path / "new.yaml") == 0o644


def test_a_replaced_deck_keeps_its_mode(tmp_path, umask_022):
    deck = tmp_path / "mine.yaml"
    deck.write_text("title: Old\ncards:\n  - q: a?\n    a: b\n")
    deck.chmod(0o640)
    save_deck(SMALL, deck)
    assert mode_of(deck) == 0o640 and load_deck(deck).title == "Small"
    os.umask(0o077)  # a stricter umask applies to new files only
    write_atomically(tmp_path / "private.txt", "x")
    assert mode_of(tmp_path / "private.txt") == 0o600


def test_settings_are_written_with_the_umask_mode(tmp_path, umask_022):
    save_settings(Settings(new_per_day=3), tmp_path)
    assert mode_of(settings_path(tmp_path)) == 0o644


# --- generate -o --------------------------------------------------------------------------------


def test_generate_refuses_to_replace_an_existing_file_without_force(tmp_path):
    output = tmp_path / "mine.yaml"
    output.write_text("my own work\n")
    result = CliRunner().invoke(app, ["generate", str(ARTICLE), "-o", str(output)])
    assert result.exit_code == 1
    assert "exists; pass --force" in result.output
    assert output.read_text() == "my own work\n"


def test_generate_asks_at_a_terminal_and_a_no_keeps_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    output = tmp_path / "mine.yaml"
    output.write_text("my own work\n")
    result = CliRunner().invoke(app, ["generate", str(ARTICLE), "-o", str(output)], input="n\n")
    assert result.exit_code == 1
    assert "Replace it?" in result.output and "left as it was" in result.output
    assert output.read_text() == "my own work\n"


def test_generate_with_force_replaces_and_keeps_the_mode(tmp_path, umask_022):
    output = tmp_path / "mine.yaml"
    output.write_text("my own work\n")
    output.chmod(0o664)
    result = CliRunner().invoke(app, ["generate", str(ARTICLE), "-o", str(output), "--force"])
    assert result.exit_code == 0, result.output
    assert load_deck(output).cards and mode_of(output) == 0o664


# --- import in the app ----------------------------------------------------------------------------


async def _import(app, pilot, source: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, ImportDeckScreen)
    app.screen.query_one("#import-path").value = str(source)
    await pilot.press("enter")
    await settle(pilot)


async def test_import_asks_before_replacing_a_deck_of_the_same_name(tmp_path, umask_022):
    mine = tmp_path / "data" / "decks" / "tui_deck.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text(dump_deck(SMALL))
    mine.chmod(0o644)
    original = mine.read_text()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _import(app, pilot, FIXTURES / "tui_deck.yaml")
        assert isinstance(app.screen, ConfirmScreen)
        assert "already has tui_deck.yaml. Replace it?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ImportDeckScreen) and "your tui_deck.yaml was kept" in screen_text(app)
        assert mine.read_text() == original
        await pilot.press("enter")  # same file again, and this time: yes
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert mine.read_text() == (FIXTURES / "tui_deck.yaml").read_text()
    assert mode_of(mine) == 0o644


async def test_importing_the_same_deck_again_asks_nothing(tmp_path):
    mine = tmp_path / "data" / "decks" / "tui_deck.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_bytes((FIXTURES / "tui_deck.yaml").read_bytes())
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _import(app, pilot, FIXTURES / "tui_deck.yaml")
        assert isinstance(app.screen, HomeScreen)
