"""Handing the terminal to $EDITOR: the editor is found first, and the screen always comes back."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from tui_support import SIZE, make_app, screen_text, settle

from quizapp.tui.app import QuizApp
from quizapp.tui.editor import EditorNotFound, resolve_editor
from quizapp.tui.screens.browse import BrowseScreen


def _programs(folder: Path, *names: str) -> Path:
    """A folder of stand-in programs, to be the whole PATH."""
    folder.mkdir(exist_ok=True)
    for name in names:
        program = folder / name
        program.write_text("#!/bin/sh\nexit 0\n")
        program.chmod(0o755)
    return folder


def _which_in(folder: Path):  # type: ignore[no-untyped-def]
    return lambda name: str(folder / name) if (folder / name).exists() else None


def test_visual_beats_editor_and_arguments_are_kept(tmp_path):
    which = _which_in(_programs(tmp_path / "bin", "code", "nano"))
    argv, passed_over = resolve_editor({"VISUAL": "code --wait", "EDITOR": "nano"}, which)
    assert (argv, passed_over) == (["code", "--wait"], [])


def test_a_missing_editor_falls_back_to_editor_vi_nano_in_that_order(tmp_path):
    which = _which_in(_programs(tmp_path / "bin", "vi", "nano"))
    argv, passed_over = resolve_editor({"EDITOR": "nano-that-is-not-there"}, which)
    assert argv == ["vi"]
    assert passed_over == [
        "$EDITOR is nano-that-is-not-there, but 'nano-that-is-not-there' is not installed (not on PATH)"
    ]
    assert resolve_editor({}, _which_in(_programs(tmp_path / "bin2", "editor", "vi")))[0] == ["editor"]


def test_no_editor_at_all_is_one_clear_error(tmp_path):
    with pytest.raises(EditorNotFound) as caught:
        resolve_editor({"EDITOR": "nano"}, _which_in(_programs(tmp_path / "bin")))
    message = str(caught.value)
    assert "$EDITOR is nano" in message and "not installed" in message and "set $EDITOR" in message


def _recording_suspend(events: list[str]):  # type: ignore[no-untyped-def]
    """Stands in for App.suspend with Textual's shape: the screen is resumed only if the block ends normally."""

    @contextlib.contextmanager
    def suspend(self):  # type: ignore[no-untyped-def]
        events.append("suspend")
        yield
        events.append("resume")

    return suspend


async def _press_edit(app: QuizApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("e")
        await settle(pilot)
        app.shown_text = screen_text(app)  # type: ignore[attr-defined]


async def test_editor_not_installed_never_suspends_the_screen_and_says_why(tmp_path, monkeypatch):
    events: list[str] = []
    monkeypatch.setattr(QuizApp, "suspend", _recording_suspend(events))
    monkeypatch.setenv("PATH", str(_programs(tmp_path / "bin")))  # no editor anywhere
    monkeypatch.setenv("EDITOR", "nano")
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(tmp_path)
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(str(message)))
    await _press_edit(app)
    assert events == []  # the terminal was never handed over
    assert any("$EDITOR is nano" in n and "not installed" in n for n in notices), notices


async def test_editor_that_fails_to_start_gives_the_screen_back(tmp_path, monkeypatch):
    events: list[str] = []
    monkeypatch.setattr(QuizApp, "suspend", _recording_suspend(events))
    bin_dir = _programs(tmp_path / "bin", "vi")
    (bin_dir / "vi").write_bytes(b"\x7fELF not really a program")  # found on PATH, but exec fails
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(tmp_path)
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(str(message)))
    await _press_edit(app)
    assert events == ["suspend", "resume"]
    assert any(n.startswith("Could not run vi:") for n in notices), notices
