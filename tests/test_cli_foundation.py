"""The foundation commands (decks, validate, schema) and error reporting, through typer's test runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.errors import QuizappError
from quizapp.paths import DATA_DIR_ENV

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "decks" / "example-solar-system.yaml"
TEN_MISTAKES = Path(__file__).parent / "fixtures" / "decks" / "ten_mistakes.yaml"

GOOD_DECK = "title: My own deck\ncards:\n  - q: Capital of Peru?\n    a: Lima\n  - text: '{{c1::Quito}} is in {{c2::Ecuador}}'\n"


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    return CliRunner()


def test_python_dash_m_quizapp_help_works():
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "--help"], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    for command in ("decks", "validate", "schema"):
        assert command in result.stdout
    assert "--data-dir" in result.stdout


# --- validate -------------------------------------------------------------------


def test_validate_passes_valid_decks(runner):
    result = runner.invoke(app, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert f"{EXAMPLE}: ok (25 cards, 26 study items)" in result.stdout


def test_validate_passes_every_bundled_deck(runner):
    result = runner.invoke(app, ["validate", str(REPO / "decks")])
    assert result.exit_code == 0, result.stderr


def test_validate_lists_every_error_and_exits_1(runner):
    result = runner.invoke(app, ["validate", str(EXAMPLE), str(TEN_MISTAKES)])
    assert result.exit_code == 1
    located = [line for line in result.stderr.splitlines() if line.startswith(f"{TEN_MISTAKES}:")]
    assert len(located) == 10
    assert f'{TEN_MISTAKES}:12:5: card 3 (multiple_choice): the answer "Baikal" is not among the choices' in located
    assert result.stderr.splitlines()[-1] == "1 of 2 decks invalid"
    assert "ok (25 cards" in result.stdout  # the valid deck is still reported
    assert "Traceback" not in result.output


def test_validate_reports_unreadable_inputs_without_a_traceback(runner, tmp_path):
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: Caf\xe9\ncards: []\n".encode("latin-1"))
    empty_folder = tmp_path / "nothing-here"
    empty_folder.mkdir()
    folder_with_bad_deck = tmp_path / "decks"
    folder_with_bad_deck.mkdir()
    (folder_with_bad_deck / "bad.yaml").write_text("title: t\ncards:\n  - front: no back\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(app, ["validate", str(missing), str(latin1), str(empty_folder), str(folder_with_bad_deck)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert f"{missing}: no such file" in lines
    assert f"{latin1}:1: the file is not UTF-8 text; save it as UTF-8" in lines
    assert f"{empty_folder}: is a folder with no deck files (*.yaml, *.yml) in it" in lines
    assert f'{folder_with_bad_deck / "bad.yaml"}:3:5: card 1 (flashcard): missing required key "back"' in lines
    assert lines[-1] == "4 of 4 decks invalid"
    assert "Traceback" not in result.output


def test_validate_needs_a_deck(runner):
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


# --- decks --------------------------------------------------------------------


def _user_deck(data_dir: Path) -> Path:
    deck = data_dir / "decks" / "mine.yaml"
    deck.parent.mkdir(parents=True)
    deck.write_text(GOOD_DECK, encoding="utf-8")
    return deck


def _deck_lines(output: str) -> dict[str, str]:
    """Table rows by their file column (a file name in the deck folders, the path given otherwise)."""
    return {line.split()[-1]: line.strip() for line in output.splitlines() if line.rstrip().endswith(".yaml")}


WIDE = {"COLUMNS": "250"}  # rows on one line each, to read them back


@pytest.mark.parametrize("how", ["root option", "command option", "environment"])
def test_decks_lists_bundled_user_and_given_decks_with_card_counts(runner, tmp_path, how):
    data_dir = tmp_path / "data"
    mine = _user_deck(data_dir)
    given = tmp_path / "given.yaml"
    given.write_text(GOOD_DECK.replace("My own deck", "Given deck"), encoding="utf-8")
    args, env = {
        "root option": (["--data-dir", str(data_dir), "decks", str(given)], {}),
        "command option": (["decks", "--data-dir", str(data_dir), str(given)], {}),
        "environment": (["decks", str(given)], {DATA_DIR_ENV: str(data_dir)}),
    }[how]
    result = runner.invoke(app, args, env={**env, **WIDE})
    assert result.exit_code == 0, result.output
    lines = _deck_lines(result.stdout)
    assert lines[EXAMPLE.name].split() == ["The", "solar", "system", "25", "bundled", EXAMPLE.name]
    assert lines[mine.name].split() == ["My", "own", "deck", "2", "user", mine.name]
    assert lines[str(given)].split() == ["Given", "deck", "2", "given", str(given)]
    assert f"Bundled decks: {EXAMPLE.parent}" in result.stdout
    assert f"Your deck folder: {data_dir / 'decks'}" in result.stdout


def test_decks_fits_80_columns_with_long_titles_and_paths(runner, tmp_path):
    given = tmp_path / ("a-rather-long-folder-name-" * 3) / "given.yaml"
    given.parent.mkdir(parents=True)
    long_title = "A North Korean Defector Believes That Establishing Relations With Cuba Is Best"
    given.write_text(GOOD_DECK.replace("My own deck", long_title), encoding="utf-8")
    result = runner.invoke(app, ["decks", "--data-dir", str(tmp_path / "data"), str(given)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    table = result.stdout.split("Bundled decks:")[0]
    assert max(len(line) for line in table.splitlines()) <= 80
    flat = "".join(table.split())
    assert "EstablishingRelations" in flat and "given.yaml" in flat  # wrapped inside its column, not cut
    assert " cards" not in table  # counts sit under a "Cards" heading: no "1 cards"


def test_validate_counts_in_the_right_number(runner, tmp_path):
    one = tmp_path / "one.yaml"
    one.write_text("title: One\ncards:\n  - q: Capital of Peru?\n    a: Lima\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(one)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("ok (1 card, 1 study item)")
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: Broken\ncards: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "1 of 1 deck invalid" in result.stderr and "deck(s)" not in result.stderr


def test_generate_help_and_docs_give_the_same_cards_per_1000_words(runner):
    import re

    help_text = " ".join(runner.invoke(app, ["generate", "--help"], env={"COLUMNS": "200"}).stdout.split())
    docs = " ".join((REPO / "docs" / "generating.md").read_text(encoding="utf-8").split())
    in_help = re.search(r"about (\d+) per 1,000 words", help_text)
    in_docs = re.search(r"about (\d+) cards per 1,000 words", docs)
    assert in_help and in_docs and in_help.group(1) == in_docs.group(1)


def test_root_data_dir_does_not_leak_into_the_next_run(runner, tmp_path):
    data_dir = tmp_path / "data"
    mine = _user_deck(data_dir)
    assert mine.name in runner.invoke(app, ["--data-dir", str(data_dir), "decks"], env=WIDE).stdout
    assert os.environ.get(DATA_DIR_ENV) is None
    assert mine.name not in runner.invoke(app, ["decks"], env=WIDE).stdout


def test_a_command_data_dir_is_the_data_dir_of_the_whole_run_and_no_longer(runner, tmp_path, monkeypatch):
    # The deck cache finds the data dir through quizapp.paths, not as an argument.
    from quizapp import cli, paths

    seen: list[Path] = []
    monkeypatch.setattr(cli, "_launch_tui", lambda **kwargs: seen.append(paths.data_dir()))
    result = runner.invoke(app, ["study", str(EXAMPLE), "--data-dir", str(tmp_path / "mine")])
    assert result.exit_code == 0, result.output
    assert seen == [tmp_path / "mine"]
    assert os.environ.get(DATA_DIR_ENV) is None


def test_decks_shows_broken_decks_with_their_first_problem(runner, tmp_path):
    result = runner.invoke(app, ["decks", "--data-dir", str(tmp_path), str(TEN_MISTAKES)], env=WIDE)
    assert result.exit_code == 0
    [index] = [i for i, line in enumerate(result.stdout.splitlines()) if str(TEN_MISTAKES) in line]
    row, error = result.stdout.splitlines()[index : index + 2]
    assert row.split() == ["ten_mistakes", "invalid", "given", str(TEN_MISTAKES)]
    assert error.strip() == 'source 1: "published" must be a date written YYYY-MM-DD, not "spring 2024" (+9 more)'


# --- errors -------------------------------------------------------------------


def test_a_quizapp_error_is_one_message_and_exit_1(runner, monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise QuizappError("the deck folder is on fire")

    monkeypatch.setattr("quizapp.deck.discovery.discover_decks", broken)
    result = runner.invoke(app, ["decks", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == "error: the deck folder is on fire\n"
    assert "Traceback" not in result.output

    debug = runner.invoke(app, ["--debug", "decks", "--data-dir", str(tmp_path)])
    assert debug.exit_code == 1
    assert "Traceback" in debug.stderr and "the deck folder is on fire" in debug.stderr


def test_schema_prints_json(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout.lstrip().startswith("{") and '"quizapp deck"' in result.stdout


# --- opening the app on paths -------------------------------------------------


def test_quizapp_path_opens_the_app_with_that_deck(runner, tmp_path, monkeypatch):
    from quizapp import cli, paths

    seen: list[dict] = []
    monkeypatch.setattr(cli, "_launch_tui", lambda **kwargs: seen.append({**kwargs, "dir": paths.data_dir()}))
    result = runner.invoke(app, [str(EXAMPLE), str(REPO / "decks")])
    assert result.exit_code == 0, result.output
    assert seen and seen[0]["decks"] == [EXAMPLE, REPO / "decks"]
    result = runner.invoke(app, ["--data-dir", str(tmp_path), str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert seen[1]["decks"] == [EXAMPLE] and seen[1]["dir"] == tmp_path


def test_quizapp_missing_path_says_so_and_a_typo_is_still_no_such_command(runner, tmp_path, monkeypatch):
    from quizapp import cli

    monkeypatch.setattr(cli, "_launch_tui", lambda **kwargs: pytest.fail("the app should not open"))
    result = runner.invoke(app, [str(tmp_path / "nothere.yaml")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr and "nothere.yaml" in result.stderr
    result = runner.invoke(app, ["deks"])
    assert result.exit_code == 2 and "No such command" in result.stderr
