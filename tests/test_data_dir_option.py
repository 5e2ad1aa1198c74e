"""Every command takes --data-dir, and with it nothing is written to the user's real folders."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.deck.cache import MIN_CACHED_CHARS
from quizapp.paths import DATA_DIR_ENV

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_command_declares_data_dir():
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [
        name
        for name, command in commands.items()
        if "--data-dir" not in [option for param in command.params for option in getattr(param, "opts", [])]
    ]
    assert missing == []


@pytest.fixture
def fake_home(tmp_path, monkeypatch) -> Path:
    """HOME and every XDG folder point into one empty folder, as the user's real ones."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("HOME", str(home))
    for name, sub in [
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
    ]:
        monkeypatch.setenv(name, str(home / sub))
    return home


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if not p.is_dir())


def big_deck(path: Path) -> Path:
    """A deck big enough for its checked copy to be cached."""
    cards = "".join(
        f"  - q: Question number {i} about a long subject that keeps going?\n    a: Answer {i}\n"
        for i in range(MIN_CACHED_CHARS // 60)
    )
    path.write_text("title: Big\ncards:\n" + cards)
    return path


def test_commands_with_data_dir_write_only_there(tmp_path, fake_home, monkeypatch):
    data = tmp_path / "data"
    deck = big_deck(tmp_path / "big.yaml")
    launched: list[object] = []
    # The app itself is not run, but everything before it is (the data folder is claimed, its lock written).
    monkeypatch.setattr("quizapp.tui.app.QuizApp.run", lambda self, *a, **kw: launched.append(self.data_dir))
    monkeypatch.setattr("quizapp.tui.serve.serve", lambda **kw: launched.append(kw["data_dir"]))
    runner = CliRunner()
    invocations = [
        ["validate", str(deck)],
        ["schema"],
        ["decks", str(deck)],
        ["stats", str(deck)],
        ["facts", str(FIXTURES / "harbor_article.txt")],
        ["generate", str(FIXTURES / "harbor_article.txt"), "-o", str(tmp_path / "out.yaml")],
        ["study", str(deck)],
        ["quiz", str(deck)],
        ["serve"],
    ]
    for arguments in invocations:
        result = runner.invoke(app, [*arguments, "--data-dir", str(data)])
        assert result.exit_code == 0, (arguments, result.output)
    assert files_under(fake_home) == []
    assert launched == [data, data, data]
    assert list((data / "cache").rglob("*.json")), "validate's deck cache goes to the data dir given"
    assert (data / "quizapp.lock").exists()
