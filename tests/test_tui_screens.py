"""Home, browse and stats screens, the theme toggle, resizing, and the editor hand-off."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from textual.widgets import DataTable
from tui_support import FIXED_NOW, FIXTURES, SIZE, copy_deck, make_app, screen_text, settle

from quizapp import paths
from quizapp.paths import BUNDLED_DECKS_DIR
from quizapp.tui import app as app_module
from quizapp.tui.app import QuizApp
from quizapp.tui.editor import card_line, editor_command
from quizapp.tui.screens import browse as browse_module
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.quiz_options import QuizOptionsScreen
from quizapp.tui.screens.stats import StatsScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.heatmap import Heatmap


async def test_home_lists_decks_with_counts_and_filters(tmp_path):
    deck = copy_deck(tmp_path)
    other = tmp_path / "decks" / "other.yaml"
    other.write_text("title: Volcano Basics\ncards:\n  - q: What is molten rock above ground called?\n    a: Lava\n")
    broken = tmp_path / "decks" / "broken.yaml"
    broken.write_text("title: Broken\ncards:\n  - type: typed\n    question: Missing answer\n")
    app = QuizApp(deck_paths=[tmp_path / "decks"], data_dir=tmp_path / "data", now=FIXED_NOW, show_bundled=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#decks", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        titles = [str(r[0]) for r in rows]
        assert sorted(titles) == ["Harbour Town Facts", "Volcano Basics", "broken"]
        harbour = next(r for r in rows if str(r[0]) == "Harbour Town Facts")
        assert harbour[1:4] == ["6", "0", "6"]  # cards, due, new
        assert any(str(r[1]) == "invalid" for r in rows)
        await pilot.press("slash", *"volc")
        await pilot.pause()
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "Volcano Basics"
        await pilot.press("enter")  # leaves the filter for the table
        await pilot.press("enter")  # studies the highlighted deck
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen) and app.screen.deck.title == "Volcano Basics"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert table.row_count == 3
    assert deck.exists()


async def test_home_keys_open_quiz_browse_and_stats_and_the_numbers_follow_studying(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, screen_type in (("z", QuizOptionsScreen), ("b", BrowseScreen), ("s", StatsScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen_type), key
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space", "4")  # the flashcard, Easy
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        assert table.get_row_at(0)[3] == "5"  # one fewer new card


async def test_theme_toggles_between_light_and_dark_and_layout_survives_resizing(tmp_path):
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != before and "light" in (app.theme + before)
        await pilot.press("ctrl+t")
        assert app.theme == before
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        assert "What colour is the Harbour Town lighthouse?" in screen_text(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "What colour is the Harbour Town lighthouse?" in screen_text(app)


async def test_browse_searches_shows_history_and_edits_in_the_editor(tmp_path, monkeypatch):
    deck = copy_deck(tmp_path)
    app = make_app(tmp_path, deck=deck)
    commands: list[list[str]] = []

    def fake_editor(command: list[str]) -> int:
        # The "editor" fixes the answer of the card it was opened at.
        commands.append(command)
        path = Path(command[-1])
        path.write_text(path.read_text().replace("answer: Selwyn", "answer: Brooke"))
        return 0

    monkeypatch.setattr(browse_module, "run_editor", fake_editor)
    monkeypatch.setattr(QuizApp, "suspend", lambda self: contextlib.nullcontext())
    bin_dir = tmp_path / "bin"  # a "vim" on PATH, so the editor is found without a real vim installed
    bin_dir.mkdir()
    (bin_dir / "vim").write_text("#!/bin/sh\n")
    (bin_dir / "vim").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("EDITOR", "vim")
    monkeypatch.delenv("VISUAL", raising=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        table = browse.query_one("#cards", DataTable)
        assert table.row_count == 6
        assert "never reviewed" in screen_text(app)
        await pilot.press("slash", *"river", "enter")
        await pilot.pause()
        assert table.row_count == 1
        assert browse.selected_item().item_id == "mc-river"
        await pilot.press("e")
        await pilot.pause()
        expected_line = deck.read_text().splitlines().index("    id: mc-river") + 1
        assert commands == [["vim", f"+{expected_line}", str(deck)]]
        assert app.deck(deck).card_by_id("mc-river").answer == "Brooke"  # reloaded
        assert "Brooke" in screen_text(app)


def test_card_line_finds_a_card_by_id_or_by_its_question(tmp_path):
    from quizapp.deck.yaml_io import load_deck

    deck = load_deck(FIXTURES / "tui_deck.yaml")
    text = (FIXTURES / "tui_deck.yaml").read_text()
    lines = text.splitlines()
    assert lines[card_line(text, deck.card_by_id("tf-bridge")) - 1].strip() == "id: tf-bridge"
    unnamed = text.replace("    id: cloze-market\n", "")
    card = load_deck_text(unnamed).cards[-1]
    number = card_line(unnamed, card)
    assert "The fish market opens on" in unnamed.splitlines()[number - 1]


def load_deck_text(text: str):  # type: ignore[no-untyped-def]
    from quizapp.deck.yaml_io import parse_deck

    return parse_deck(text)


def test_editor_command_puts_the_line_where_each_editor_expects_it():
    path = Path("/decks/d.yaml")
    assert editor_command(path, 12, "nano") == ["nano", "+12", "/decks/d.yaml"]
    assert editor_command(path, 12, "code --wait") == ["code", "--wait", "--goto", "/decks/d.yaml:12"]
    assert editor_command(path, None, "vim") == ["vim", "/decks/d.yaml"]


async def test_stats_show_reviews_in_the_heatmap_and_numbers(tmp_path):
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "3")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        heatmap = stats.query_one(Heatmap)
        assert heatmap.counts == {FIXED_NOW.date(): 1}
        text = screen_text(app)
        assert "Reviews 1" in text and "Streak 1 day" in text


async def test_bare_quizapp_opens_the_home_screen_on_the_bundled_decks(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from quizapp.cli import app as cli_app

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(app_module, "run_app", lambda **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(cli_app, ["--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["mode"] == "home" and calls[0]["deck_paths"] == []

    bundled = sorted(BUNDLED_DECKS_DIR.glob("*.yaml"))
    if not bundled:
        return
    app = QuizApp(data_dir=tmp_path / "data", now=FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.screen.rows
        assert {row.path.resolve() for row in rows if row.origin == "bundled"} == {p.resolve() for p in bundled}


def test_bare_quizapp_entry_point_opens_the_app_without_the_command_parser(tmp_path, monkeypatch):
    from quizapp import launch

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(app_module, "run_app", lambda **kwargs: calls.append(kwargs))
    for argv, data_dir in (
        (["quizapp"], None),
        (["quizapp", "--data-dir", str(tmp_path)], tmp_path),
        (["quizapp", f"--data-dir={tmp_path}"], tmp_path),
    ):
        monkeypatch.setattr("sys.argv", argv)
        launch.main()
        assert calls.pop() == {"deck_paths": [], "data_dir": data_dir, "mode": "home", "count": None}
        if data_dir is not None:  # the deck cache, which is not handed the data dir, finds it too
            assert paths.data_dir() == data_dir
    # Anything else goes to the command parser: here the study command, straight into the study screen.
    monkeypatch.setattr("sys.argv", ["quizapp", "study", str(FIXTURES / "tui_deck.yaml"), "--data-dir", str(tmp_path)])
    with pytest.raises(SystemExit) as finished:  # the command parser exits when done
        launch.main()
    assert finished.value.code == 0
    assert calls.pop()["mode"] == "study"
    assert launch.bare_launch(["decks"]) is False and launch.bare_launch(["--data-dir"]) is False


SPACY_PROBE = r"""
import asyncio, sys, tempfile
sys.path.insert(0, sys.argv[1])
from tui_support import make_app, settle
from pathlib import Path

async def main():
    with tempfile.TemporaryDirectory() as root:
        app = make_app(Path(root), show_bundled=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for key in ("enter", "escape", "z", "escape", "b", "escape", "s", "escape"):
                await pilot.press(key)
                await settle(pilot)
    print("spacy" in sys.modules)

asyncio.run(main())
"""


def test_the_app_never_imports_spacy_unless_generating():
    import subprocess
    import sys

    tests_dir = str(Path(__file__).parent)
    done = subprocess.run([sys.executable, "-c", SPACY_PROBE, tests_dir], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


async def test_import_copies_a_valid_deck_into_the_user_folder_and_refuses_a_broken_one(tmp_path):
    from quizapp.tui.screens.import_deck import ImportDeckScreen

    broken = tmp_path / "broken.yaml"
    broken.write_text("title: Broken\ncards:\n  - type: typed\n    question: No answer here\n")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDeckScreen)
        box = dialog.query_one("#import-path")
        box.value = str(broken)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "Not a valid deck" in screen_text(app)
        box.value = str(FIXTURES / "tui_deck.yaml")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert (tmp_path / "data" / "decks" / "tui_deck.yaml").read_text() == (FIXTURES / "tui_deck.yaml").read_text()


async def test_the_daily_new_card_limit_setting_is_respected(tmp_path):
    from quizapp.study.scheduling import Settings, save_settings

    save_settings(Settings(new_per_day=2), tmp_path / "data")
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.session.total == 2
        assert "1/2" in screen_text(app)


def test_serve_runs_this_python_on_quizapp_with_the_data_dir(tmp_path):
    import shlex
    import sys

    from quizapp.tui.serve import serve_command_line

    assert shlex.split(serve_command_line(tmp_path)) == [
        sys.executable,
        "-m",
        "quizapp",
        "--data-dir",
        str(tmp_path.resolve()),
    ]
    assert shlex.split(serve_command_line()) == [sys.executable, "-m", "quizapp"]


async def test_quiz_options_choose_count_types_time_limit_and_scheduling(tmp_path):
    from textual.widgets import Checkbox, Input, SelectionList

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuizOptionsScreen)
        dialog.query_one("#quiz-count", Input).value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "above zero" in screen_text(app)
        dialog.query_one("#quiz-count", Input).value = "2"
        dialog.query_one("#quiz-time", Input).value = "30"
        types = dialog.query_one("#quiz-types", SelectionList)
        types.deselect_all()
        types.select("typed")
        dialog.query_one("#quiz-schedule", Checkbox).value = True
        await pilot.press("enter")
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        session = quiz.session
        assert session.total == 2 and {q.item.card.type for q in session.questions} == {"typed"}
        assert session.time_limit_s == 30 and session.update_schedule is True


async def test_a_deck_broken_after_listing_is_reported_not_crashed_on(tmp_path):
    deck = copy_deck(tmp_path)
    app = make_app(tmp_path, deck=deck)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        deck.write_text("title: Harbour\ncards:\n  - type: typed\n    question: Lost its answer\n")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Cannot read the deck" in (n.title or "") for n in app._notifications)


async def test_a_data_dir_that_is_a_file_is_said_once_and_the_decks_still_listed(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data directory should be")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        assert str(table.get_row_at(0)[0]) == "Harbour Town Facts" and table.get_row_at(0)[2] == "0"
        text = screen_text(app)
        assert "Read-only:" in text and "it is a file, not a folder" in text
        assert list(app._notifications) == []  # said on the screen once, not as a toast
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.title for n in app._notifications] == ["Read-only"]


BROKEN_DECK = "title: Harbour\ncards:\n  - type: typed\n    question: Lost its answer\n"


async def test_browsing_a_deck_broken_after_listing_is_reported_not_crashed_on(tmp_path):
    deck = copy_deck(tmp_path)
    app = make_app(tmp_path, deck=deck)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        deck.write_text(BROKEN_DECK)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Cannot read the deck" in (n.title or "") for n in app._notifications)


async def test_a_deck_broken_or_deleted_while_browsing_is_reported_on_reload(tmp_path):
    deck = copy_deck(tmp_path)
    app = make_app(tmp_path, deck=deck)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        deck.write_text(BROKEN_DECK)
        await pilot.press("r")
        await pilot.pause()
        deck.unlink()
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is browse
        assert browse.query_one("#cards", DataTable).row_count == 6  # the cards last read stay listed
        problems = [n.message for n in app._notifications if n.severity == "error"]
        assert len(problems) == 2 and "no such file" in problems[1]


async def test_stats_with_an_unusable_data_dir_show_an_empty_history_instead_of_crashing(tmp_path):
    (tmp_path / "data").write_text("a file where the data directory should be")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert "Harbour Town Facts" in screen_text(app)
        assert [n for n in app._notifications if n.severity == "error"] == []  # why: the home screen's line


async def test_brackets_in_deck_text_are_shown_as_written_not_read_as_markup(tmp_path):
    deck = tmp_path / "decks" / "brackets.yaml"
    deck.parent.mkdir(parents=True)
    deck.write_text("title: 'Notes [/b] [citation needed]'\ncards:\n  - q: 'What closes [b]x[/b]?'\n    a: '[/b]'\n")
    app = make_app(tmp_path, deck=deck)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        assert "Notes [/b] [citation needed]" in screen_text(app)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        text = screen_text(app)
        assert "What closes [b]x[/b]?" in text and " [/b] " in text


async def test_brackets_in_choices_are_shown_as_written_while_studying(tmp_path):
    deck = tmp_path / "decks" / "choices.yaml"
    deck.parent.mkdir(parents=True)
    deck.write_text(
        "title: Tags\ncards:\n"
        "  - type: multiple_choice\n    question: Which closes bold?\n    answer: '[/b]'\n"
        "    choices: ['[/b]', '[/i]', '[b]', '[i]']\n"
    )
    app = make_app(tmp_path, deck=deck, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert all(choice in screen_text(app) for choice in ("[/b]", "[/i]", "[b]", "[i]"))
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.phase == "rate"


async def test_import_into_an_unusable_deck_folder_says_why_and_stays_open(tmp_path):
    from quizapp.tui.screens.import_deck import ImportDeckScreen

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "decks").write_text("a file where the deck folder should be")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDeckScreen)
        dialog.query_one("#import-path").value = str(FIXTURES / "tui_deck.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "Cannot copy it to your deck folder" in screen_text(app)


async def test_the_home_cursor_stays_on_its_deck_when_the_list_is_reloaded(tmp_path):
    first = copy_deck(tmp_path)
    second = first.with_name("second.yaml")
    second.write_text(first.read_text().replace("title: Harbour Town Facts", "title: Second Deck"))
    app = make_app(tmp_path, deck=first.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        start = home.selected_path()
        await pilot.press("down")
        chosen = home.selected_path()
        assert chosen != start
        await pilot.press("r")
        await settle(pilot)
        assert home.selected_path() == chosen


async def test_coming_back_to_the_deck_list_rereads_only_changed_decks(tmp_path, monkeypatch):
    from quizapp.deck import yaml_io

    deck = copy_deck(tmp_path)
    app = make_app(tmp_path, deck=deck)
    read: list[Path] = []
    real_load = yaml_io.load_deck
    monkeypatch.setattr(yaml_io, "load_deck", lambda path, **kw: read.append(Path(path)) or real_load(path, **kw))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(read) == 1
        await pilot.press("s")
        await settle(pilot)
        read.clear()
        await pilot.press("escape")  # back home: the list is refreshed
        await settle(pilot)
        assert read == []
        deck.write_text(deck.read_text().replace("title: Harbour Town Facts", "title: Harbour Town Facts Revised"))
        await pilot.press("r")
        await settle(pilot)
        assert len(read) == 1 and app.screen.rows[0].title == "Harbour Town Facts Revised"
