"""The data folder: a file or a read-only folder is said once and clearly; a second instance only reads."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tui_support import FIXED_NOW, FIXTURES, SIZE, copy_deck, make_app, screen_text, settle
from typer.testing import CliRunner

from quizapp import launch
from quizapp.cli import app as cli_app
from quizapp.deck.yaml_io import load_deck
from quizapp.errors import StorageError
from quizapp.storage import datadir
from quizapp.storage.datadir import DataDirError, claim_data_dir
from quizapp.storage.db import ReviewStore
from quizapp.study.quiz import QuizSession
from quizapp.study.scheduling import make_scheduler
from quizapp.study.session import review_item
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen

DECK = FIXTURES / "tui_deck.yaml"


@pytest.fixture
def app_runs(monkeypatch) -> list[QuizApp]:
    """The CLI's app launches, recorded instead of run (the decision to launch is what is tested)."""
    started: list[QuizApp] = []
    monkeypatch.setattr(QuizApp, "run", lambda self, *a, **kw: started.append(self))
    return started


def seed_one_review(data: Path) -> None:
    deck = load_deck(DECK)
    with ReviewStore.open(data) as store:
        review_item(store, make_scheduler(), DECK, deck.study_items()[0], 3, now=FIXED_NOW)


# --- a data folder that is a file -------------------------------------------------------------------


def test_a_data_folder_that_is_a_file_is_named_as_such(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(DataDirError, match=r"it is a file, not a folder\. Move or rename .*--data-dir"):
        claim_data_dir(blocker)
    with pytest.raises(DataDirError, match=r"a part of its path is not a folder \(.*data is a file\)"):
        claim_data_dir(blocker / "inside")


@pytest.mark.parametrize("command", [["study", str(DECK)], ["quiz", str(DECK)], ["stats"]])
def test_commands_stop_with_one_message_when_the_data_folder_is_a_file(tmp_path, app_runs, command):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli_app, [*command, "--data-dir", str(blocker)])
    assert result.exit_code == 1
    assert app_runs == []
    assert result.output.count("error:") == 1 and "is a file, not a folder" in result.output
    assert "Errno" not in result.output


def test_decks_still_lists_but_warns_that_the_data_folder_is_a_file(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli_app, ["decks", str(DECK), "--data-dir", str(blocker)])
    assert result.exit_code == 0 and "Harbour Town Facts" in result.output
    assert "warning: the data folder" in result.output and "is a file" in result.output


def test_bare_launch_on_a_file_exits_non_zero(tmp_path, app_runs, monkeypatch, capsys):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    monkeypatch.setattr(sys, "argv", ["quizapp", "--data-dir", str(blocker)])
    with pytest.raises(SystemExit) as exited:
        launch.main()
    assert exited.value.code == 1 and app_runs == []
    assert "is a file, not a folder" in capsys.readouterr().err


# --- a read-only data folder ----------------------------------------------------------------------


class UnwritableFolderLock:
    """What the lock meets in a folder it may not create files in (simulated: tests may run as root)."""

    def __init__(self, path: str, *args: object, **kwargs: object) -> None:
        self.path = path

    def acquire(self, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", self.path)

    def release(self) -> None:  # pragma: no cover - never acquired
        pass


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "data"
    seed_one_review(data)
    monkeypatch.setattr(datadir, "FileLock", UnwritableFolderLock)
    return data


def test_a_read_only_folder_is_claimed_read_only_with_the_reason(read_only_folder):
    access = claim_data_dir(read_only_folder)
    assert not access.writable
    assert "cannot be written (Permission denied)" in access.read_only_reason
    assert "make it writable" in access.read_only_reason


def test_cli_study_refuses_a_read_only_folder_but_a_quiz_and_stats_work(read_only_folder, app_runs):
    runner = CliRunner()
    study = runner.invoke(cli_app, ["study", str(DECK), "--data-dir", str(read_only_folder)])
    assert study.exit_code == 1 and "cannot study:" in study.output and "cannot be written" in study.output
    scheduled = runner.invoke(cli_app, ["quiz", str(DECK), "--schedule", "--data-dir", str(read_only_folder)])
    assert scheduled.exit_code == 1 and "--schedule" in scheduled.output
    quiz = runner.invoke(cli_app, ["quiz", str(DECK), "--data-dir", str(read_only_folder)])
    assert quiz.exit_code == 0, quiz.output
    assert [a.read_only for a in app_runs] == [claim_data_dir(read_only_folder).read_only_reason]
    stats = runner.invoke(cli_app, ["stats", str(DECK), "--json", "--data-dir", str(read_only_folder)])
    assert stats.exit_code == 0, stats.output
    assert '"reviews": 1' in stats.output


def test_a_read_only_store_reads_everything_and_refuses_writes_with_the_reason(tmp_path):
    data = tmp_path / "data"
    seed_one_review(data)
    deck = load_deck(DECK)
    with ReviewStore.open(data, read_only="the folder is read-only") as store:
        assert len(store.reviews(DECK)) == 1
        with pytest.raises(StorageError, match="cannot save: the folder is read-only"):
            review_item(store, make_scheduler(), DECK, deck.study_items()[1], 3, now=FIXED_NOW)
        # A quiz still runs; only its result is not kept, and the reason is there for the screen to show.
        quiz = QuizSession(deck, DECK, store, n=1, types={"true_false"}, seed=1)
        quiz.answer("true")
        assert quiz.finished and quiz.save_error is not None and "read-only" in str(quiz.save_error)
    with ReviewStore.open(data) as store:
        assert len(store.reviews(DECK)) == 1 and store.quizzes() == []


def test_a_read_only_store_of_a_folder_without_history_is_empty_and_creates_nothing(tmp_path):
    with ReviewStore.open(tmp_path / "data", read_only="why") as store:
        assert store.reviews() == [] and store.review_totals() == (0, 0, 0)
    assert not (tmp_path / "data").exists()


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root writes to any folder: the simulated read-only tests above stand in for this one",
)
def test_a_really_read_only_folder(tmp_path, app_runs):
    data = tmp_path / "data"
    seed_one_review(data)
    data.chmod(0o555)
    (data / "quizapp.sqlite3").chmod(0o444)
    try:
        runner = CliRunner()
        stats = runner.invoke(cli_app, ["stats", str(DECK), "--json", "--data-dir", str(data)])
        assert stats.exit_code == 0 and '"reviews": 1' in stats.output, stats.output
        study = runner.invoke(cli_app, ["study", str(DECK), "--data-dir", str(data)])
        assert study.exit_code == 1 and "cannot be written" in study.output
        assert runner.invoke(cli_app, ["quiz", str(DECK), "--data-dir", str(data)]).exit_code == 0
    finally:
        data.chmod(0o755)


# --- two instances on one data folder --------------------------------------------------------------

HOLDER = """
import sys
from quizapp.storage.datadir import claim_data_dir
access = claim_data_dir(sys.argv[1])
print("writable" if access.writable else "read-only", flush=True)
sys.stdin.read()  # hold the folder until the test closes our stdin (or kills us)
"""


@pytest.fixture
def other_instance(tmp_path):
    """A real second process holding the data folder, as a running quizapp does."""
    data = tmp_path / "data"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "writable"
    yield data, child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=30)


def test_a_second_instance_is_read_only_and_says_which_process_holds_the_folder(other_instance):
    data, child = other_instance
    access = claim_data_dir(data)
    assert not access.writable
    assert f"another quizapp (pid {child.pid}, started " in access.read_only_reason
    with ReviewStore.open(data, read_only=access.read_only_reason) as store:
        deck = load_deck(DECK)
        with pytest.raises(StorageError, match="another quizapp"):
            review_item(store, make_scheduler(), DECK, deck.study_items()[0], 3, now=FIXED_NOW)


def test_the_folder_is_free_again_once_the_holder_is_killed(other_instance):
    data, child = other_instance
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    with claim_data_dir(data) as access:
        assert access.writable


def test_cli_study_says_another_instance_holds_the_folder(other_instance, app_runs):
    data, child = other_instance
    result = CliRunner().invoke(cli_app, ["study", str(DECK), "--data-dir", str(data)])
    assert result.exit_code == 1 and app_runs == []
    assert f"cannot study: another quizapp (pid {child.pid}" in result.output


async def test_the_app_opened_second_shows_one_read_only_line_and_refuses_to_study(other_instance, tmp_path):
    data, _ = other_instance
    deck = copy_deck(tmp_path)
    app = QuizApp(deck_paths=[deck], data_dir=data, now=FIXED_NOW, seed=7, show_bundled=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Read-only: another quizapp (pid" in screen_text(app)
        await pilot.press("enter")  # study
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.title for n in app._notifications] == ["Read-only"]


async def test_two_apps_in_one_process_also_exclude_each_other(tmp_path):
    first = make_app(tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert first.read_only is None
        second = make_app(tmp_path)
        async with second.run_test(size=SIZE) as other:
            await settle(other)
            assert second.read_only is not None and "another quizapp" in second.read_only
    third = make_app(tmp_path)  # both gone: the folder is free
    async with third.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert third.read_only is None
