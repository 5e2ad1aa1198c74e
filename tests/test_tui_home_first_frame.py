"""The home screen's first frame: decks listed before and their counts, shown before the full scan.

The scan (reading changed decks, opening the history for writing) runs after that frame; these
tests hold it back (``hold_scan``) to look at the first frame alone, then let it run and check
that it corrects what changed meanwhile, in place.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
from fsrs import Card, State
from textual.widgets import DataTable
from tui_support import FIXED_NOW, SIZE, copy_deck, make_app, screen_text, settle

from quizapp.deck.yaml_io import load_deck
from quizapp.errors import StorageError
from quizapp.paths import database_path
from quizapp.storage.db import ItemState, ReviewStore
from quizapp.study import overview
from quizapp.tui.app import QuizApp
from quizapp.tui.screens import home as home_module
from quizapp.tui.screens.home import HomeScreen

SCANNED_FOR_REAL = HomeScreen.load_decks


def hold_scan(monkeypatch: pytest.MonkeyPatch) -> list[HomeScreen]:
    """From now on, the screens whose scan is asked for, the scan held back; ``rescan`` runs it."""
    asked: list[HomeScreen] = []
    monkeypatch.setattr(HomeScreen, "load_decks", lambda self: asked.append(self))
    return asked


def rescan(screen: HomeScreen) -> None:
    SCANNED_FOR_REAL(screen)


def cells(app: QuizApp) -> list[list[str]]:
    table = app.screen.query_one("#decks", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def review(store: ReviewStore, deck: Path, item_id: str, due: dt.datetime, state: State = State.Review) -> None:
    card = Card(state=state, stability=5.0, difficulty=5.0, due=due, last_review=due - dt.timedelta(days=5))
    states = ItemState.from_card(item_id, item_id, card, introduced_at=(due - dt.timedelta(days=9)).timestamp())
    store.record_review(deck, states, previous=None, reviewed_at=due - dt.timedelta(days=5), rating=3)


def item_ids(deck: Path) -> list[str]:
    return [item_id for _card, item_id, _cloze in load_deck(deck).item_keys()]


async def first_start(tmp_path: Path) -> Path:
    """A deck listed once (as any start after the first finds it), with some history."""
    deck = copy_deck(tmp_path)
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    ids = item_ids(deck)
    with ReviewStore.open(tmp_path / "data") as store:
        review(store, deck, ids[0], FIXED_NOW - dt.timedelta(days=1))  # due
        review(store, deck, ids[1], FIXED_NOW - dt.timedelta(minutes=1))  # due
        review(store, deck, ids[2], FIXED_NOW + dt.timedelta(days=3))  # known, not due
    return deck


async def test_the_first_frame_shows_listed_decks_with_the_counts_the_scan_gives(tmp_path, monkeypatch):
    deck = await first_start(tmp_path)
    items = len(item_ids(deck))
    with monkeypatch.context() as held:
        asked = hold_scan(held)
        app = make_app(tmp_path, deck)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HomeScreen) and asked == [screen]  # the scan was asked for, once
            assert not screen.scanned
            first_frame = cells(app)
            assert first_frame[0][:4] == ["Harbour Town Facts", "6", "2", str(items - 3)]  # cards, due, new
            assert app._decks == {}  # listed, not read
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.scanned
        assert cells(app) == first_frame


async def test_the_scan_corrects_counts_that_changed_after_the_first_frame_in_place(tmp_path, monkeypatch):
    deck = await first_start(tmp_path)
    hold_scan(monkeypatch)
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        before = cells(app)
        assert before[0][2:4] == ["2", "3"]
        refills: list[HomeScreen] = []
        fill_table = HomeScreen._fill_table
        monkeypatch.setattr(HomeScreen, "_fill_table", lambda self: (refills.append(self), fill_table(self)))
        # The history changes before the scan runs (another start's study, or the clock moving on).
        with ReviewStore.open(tmp_path / "data") as store:
            review(store, deck, item_ids(deck)[3], FIXED_NOW - dt.timedelta(hours=2))
        rescan(screen)
        await settle(pilot)
        assert screen.scanned
        assert cells(app)[0][2:4] == ["3", "2"]  # one more due, one fewer new
        assert refills == []  # the cells that changed were updated, the list was not built anew


async def test_a_deck_edited_since_it_was_listed_waits_for_the_scan(tmp_path, monkeypatch):
    deck = await first_start(tmp_path)
    hold_scan(monkeypatch)
    deck.write_text(deck.read_text(encoding="utf-8").replace("Harbour Town Facts", "Harbour Town, Edited"))
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert cells(app)[0][:4] == [deck.stem, "…", "…", "…"]  # not read yet: no title, no counts
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # not studied before it is read
        assert any("Still reading" in str(n.message) for n in app._notifications)
        rescan(screen)
        await settle(pilot)
        assert cells(app)[0][:4] == ["Harbour Town, Edited", "6", "2", "3"]


async def test_a_history_that_cannot_be_read_yet_leaves_the_counts_to_the_scan(tmp_path, monkeypatch):
    deck = await first_start(tmp_path)
    hold_scan(monkeypatch)

    def refuse(cls, path, reason):  # as an older history is, until the scan upgrades it
        raise StorageError("must be upgraded first")

    with monkeypatch.context() as older:
        older.setattr(ReviewStore, "_open_read_only", classmethod(refuse))
        app = make_app(tmp_path, deck)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HomeScreen)
            assert cells(app)[0][:4] == ["Harbour Town Facts", "6", "…", "…"]
            older.undo()
            rescan(screen)
            await settle(pilot)
            assert cells(app)[0][:4] == ["Harbour Town Facts", "6", "2", "3"]


async def test_the_first_frame_creates_no_database(tmp_path, monkeypatch):
    deck = copy_deck(tmp_path)
    hold_scan(monkeypatch)
    home_module.find_decks([deck], tmp_path / "data", show_bundled=False)  # listed, as by an earlier run
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cells(app)[0][:4] == ["Harbour Town Facts", "6", "0", str(len(item_ids(deck)))]  # nothing studied
        assert not database_path(tmp_path / "data").exists()  # the scan creates it, after the first frame
        rescan(app.screen)  # type: ignore[arg-type]
        await settle(pilot)
        assert database_path(tmp_path / "data").exists()


async def test_a_learn_ahead_setting_the_first_frame_cannot_read_waits_for_the_scan(tmp_path, monkeypatch):
    deck = await first_start(tmp_path)
    hold_scan(monkeypatch)
    (tmp_path / "data" / "settings.json").write_text('{"learn_ahead_minutes": "20"}')  # the model decides
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cells(app)[0][2:4] == ["…", "…"]
        assert app.quick_learn_ahead_minutes() is None
    (tmp_path / "data" / "settings.json").write_text('{"learn_ahead_minutes": 0, "theme": "textual-light"}')
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.quick_learn_ahead_minutes() == 0.0
        assert cells(app)[0][2:4] == ["2", "3"]  # the item due a minute ago is due with or without learn-ahead


def test_the_review_state_written_out_is_fsrs_s():
    assert overview.REVIEW_STATE == int(State.Review)


def test_the_bare_launch_resumes_the_garbage_collector_when_the_app_ends(tmp_path, monkeypatch):
    from quizapp import launch
    from quizapp.tui import app as app_module

    paused: list[bool] = []
    monkeypatch.setattr(app_module, "run_app", lambda **kwargs: paused.append(not gc.isenabled()))
    monkeypatch.setattr("sys.argv", ["quizapp", "--data-dir", str(tmp_path)])
    launch.main()
    assert paused == [True] and gc.isenabled()


async def test_decks_beyond_the_first_frame_s_budget_are_listed_and_counted_by_the_scan(tmp_path, monkeypatch):
    deck = await first_start(tmp_path)
    hold_scan(monkeypatch)
    monkeypatch.setattr(home_module, "FIRST_FRAME_ITEMS", len(item_ids(deck)) - 1)
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert cells(app)[0][:4] == ["Harbour Town Facts", "6", "…", "…"]
        rescan(app.screen)  # type: ignore[arg-type]
        await settle(pilot)
        assert cells(app)[0][:4] == ["Harbour Town Facts", "6", "2", "3"]
        assert "░░░░░░░░  17%" in screen_text(app)  # the mastery column widened for its bar (one item of six known)
