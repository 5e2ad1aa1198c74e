"""``quizapp stats``' table fits the terminal: titles take the width the numbers leave, cut with an ellipsis."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.deck.discovery import discover_decks
from quizapp.deck.model import Deck, TypedCard
from quizapp.deck.yaml_io import save_deck
from quizapp.storage.db import ReviewStore
from quizapp.study.stats import TITLE_MIN_WIDTH, collect_stats, format_stats_table

LONG_TITLE = "A North Korean Defector Believes That Establishing Relations With Cuba Is the Best Thing Seoul Can Do"
SHORT_TITLE = "Geography"


def write_decks(folder: Path) -> Path:
    folder.mkdir()
    cards = [TypedCard(id=f"c{i}", question=f"Question {i}?", answer=f"Answer {i}") for i in range(12)]
    save_deck(Deck(title=LONG_TITLE, cards=cards), folder / "long.yaml")
    save_deck(Deck(title=SHORT_TITLE, cards=cards[:3]), folder / "short.yaml")
    return folder


def table_lines(report: str) -> list[str]:
    return report.split("\nStreak:")[0].splitlines()


def row_of(report: str, start: str) -> list[str]:
    return next(line for line in table_lines(report) if line.startswith(start)).split()


@pytest.fixture()
def stats(tmp_path):
    decks = write_decks(tmp_path / "decks")
    with ReviewStore.open(tmp_path / "data") as store:
        return collect_stats(store, discover_decks([decks], tmp_path / "data", include_default=False))


@pytest.mark.parametrize("width", [80, 100, 132])
def test_titles_take_the_width_the_numbers_leave(stats, width):
    report = format_stats_table(stats, width)
    lines = table_lines(report)
    assert max(cell_len(line) for line in lines) == width  # the table fills the width, never more
    long_row = next(line for line in lines if line.startswith(LONG_TITLE[:20]))
    shown = long_row.split("…")[0]
    assert "…" in long_row and LONG_TITLE.startswith(shown)
    assert cell_len(shown) + 1 == width - 56  # the seven number columns take 56 cells (two apart)
    assert row_of(report, "Geography")[1:] == ["3", "0", "3", "0", "-", "-", "0%"]
    assert row_of(report, "A North")[-7:] == ["12", "0", "12", "0", "-", "-", "0%"]  # every number whole
    assert row_of(report, "All decks")[2:] == ["15", "0", "15", "0", "-"]


def test_a_title_that_fits_is_shown_whole(stats):
    report = format_stats_table(stats, 200)
    assert f"{LONG_TITLE}  " in report and "…" not in report


def test_a_terminal_too_narrow_keeps_every_number_and_some_of_each_title(stats):
    report = format_stats_table(stats, 40)
    assert row_of(report, "Geography")[1:] == ["3", "0", "3", "0", "-", "-", "0%"]
    long_row = next(line for line in table_lines(report) if line.startswith("A North"))
    assert cell_len(long_row.split("…")[0]) + 1 == TITLE_MIN_WIDTH


@pytest.mark.parametrize("columns", [80, 160])
def test_the_stats_command_fits_the_terminal_width(tmp_path, columns):
    decks = write_decks(tmp_path / "decks")
    result = CliRunner().invoke(
        app, ["stats", str(decks), "--data-dir", str(tmp_path / "data")], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.output
    lines = table_lines(result.stdout)
    assert max(cell_len(line) for line in lines) <= columns
    assert (LONG_TITLE in result.stdout) == (columns == 160)
