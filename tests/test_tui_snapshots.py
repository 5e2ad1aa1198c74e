"""Snapshots of the main screens at 80×24 (pytest-textual-snapshot; update with --snapshot-update).

Every app here runs on a copy of the fixture deck, a tmp data dir and a fixed clock, so the
pictures depend on nothing but the code.
"""

from __future__ import annotations

import datetime as dt
import types

from tui_support import FIXED_NOW, SIZE, copy_deck, make_app, settle

from quizapp.deck.yaml_io import load_deck
from quizapp.storage.db import ReviewStore
from quizapp.study import quiz as quiz_module
from quizapp.study.scheduling import make_scheduler
from quizapp.study.session import review_item


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)


def test_home_snapshot(tmp_path, snap_compare):
    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=_settle)


def test_study_snapshot_after_a_wrong_typed_answer(tmp_path, snap_compare):
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("space", "4")  # the flashcard, Easy
        await pilot.pause()
        pilot.app.screen.query_one("#question-input").value = "Mara Quinn"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, mode="study"), terminal_size=SIZE, run_before=run_before)


def test_results_snapshot(tmp_path, snap_compare, monkeypatch):
    # The quiz's elapsed time is the one thing that varies between runs: freeze its clock.
    monkeypatch.setattr(quiz_module, "time", types.SimpleNamespace(monotonic=lambda: 100.0))
    wrong = {"typed-year": "1850", "typed-founder": "Anselm Vallis"}

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        screen = pilot.app.screen
        while screen.session.current is not None:
            item = screen.session.current.item
            card = item.card
            if card.type == "flashcard":
                await pilot.press("space", "y")
            elif card.type == "multiple_choice":
                await pilot.press(str(screen.query_one("#question").choices.index(card.answer) + 1))
            elif card.type == "true_false":
                await pilot.press("t" if card.answer else "f")
            else:
                answer = card.answer if card.type == "typed" else card.answers_for(item.cloze_index)[0]
                screen.query_one("#question-input").value = wrong.get(item.item_id, answer)
                await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, mode="quiz"), terminal_size=SIZE, run_before=run_before)


def test_browse_snapshot(tmp_path, snap_compare):
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_stats_snapshot(tmp_path, snap_compare):
    deck_path = copy_deck(tmp_path)
    deck = load_deck(deck_path)
    scheduler = make_scheduler(fuzz=False)
    # A few weeks of history, written straight to the store so the picture has something to show.
    with ReviewStore.open(tmp_path / "data") as store:
        for days_ago, count in ((20, 3), (13, 6), (6, 2), (1, 5), (0, 4)):
            moment = FIXED_NOW - dt.timedelta(days=days_ago)
            for item in deck.study_items()[:count]:
                review_item(
                    store,
                    scheduler,
                    deck_path,
                    item,
                    3 if days_ago % 2 == 0 else 1,
                    now=moment,
                    response="x",
                    correct=days_ago % 2 == 0,
                    duration_ms=4000,
                )

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, deck=deck_path), terminal_size=SIZE, run_before=run_before)


def _history(tmp_path):  # type: ignore[no-untyped-def]
    """The fixture deck with a few weeks of reviews, so the stats have something to show."""
    deck_path = copy_deck(tmp_path)
    deck = load_deck(deck_path)
    scheduler = make_scheduler(fuzz=False)
    with ReviewStore.open(tmp_path / "data") as store:
        for days_ago, count in ((20, 3), (13, 6), (6, 2), (1, 5), (0, 4)):
            moment = FIXED_NOW - dt.timedelta(days=days_ago)
            for item in deck.study_items()[:count]:
                review_item(
                    store,
                    scheduler,
                    deck_path,
                    item,
                    3 if days_ago % 2 == 0 else 1,
                    now=moment,
                    response="x",
                    correct=days_ago % 2 == 0,
                    duration_ms=4000,
                )
    return deck_path


def test_stats_due_tab_snapshot(tmp_path, snap_compare):
    # Weekly dates under their days' bars, whole-number counts, and the keys to switch tabs and decks.
    deck_path = _history(tmp_path)
    deck = load_deck(deck_path)
    with ReviewStore.open(tmp_path / "data") as store:  # a few cards known well: due days or weeks from now
        for days_ago, item in zip((0, 3, 6), deck.study_items()[3:]):  # Easy on a new card: due in 8 days
            moment = FIXED_NOW - dt.timedelta(days=days_ago)
            review_item(
                store,
                make_scheduler(fuzz=False),
                deck_path,
                item,
                4,
                now=moment,
                response="x",
                correct=True,
                duration_ms=3000,
            )

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("left")  # from Overview round to Due
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, deck=deck_path), terminal_size=SIZE, run_before=run_before)


def test_stats_without_history_snapshot(tmp_path, snap_compare):
    # No reviews yet: the accuracy tab says so instead of drawing an empty −1…1 axis.
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_results_of_a_quiz_ended_early_snapshot(tmp_path, snap_compare, monkeypatch):
    # Two of six answered (one right, one left empty), then Escape: 1/6, "ended early", the skip shown as such.
    monkeypatch.setattr(quiz_module, "time", types.SimpleNamespace(monotonic=lambda: 100.0))

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        screen = pilot.app.screen
        for answer_right in (True, False):
            item = screen.session.current.item
            card = item.card
            if not answer_right:
                if card.type in ("typed", "cloze"):
                    await pilot.press("enter")  # nothing typed: skipped
                elif card.type == "flashcard":
                    await pilot.press("space", "n")
                elif card.type == "true_false":
                    await pilot.press("f" if card.answer else "t")
                else:
                    choices = screen.query_one("#question").choices
                    await pilot.press(str(next(i for i, c in enumerate(choices) if c != card.answer) + 1))
            elif card.type == "flashcard":
                await pilot.press("space", "y")
            elif card.type == "multiple_choice":
                await pilot.press(str(screen.query_one("#question").choices.index(card.answer) + 1))
            elif card.type == "true_false":
                await pilot.press("t" if card.answer else "f")
            else:
                answer = card.answer if card.type == "typed" else card.answers_for(item.cloze_index)[0]
                screen.query_one("#question-input").value = answer
                await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)

    assert snap_compare(
        make_app(tmp_path, mode="quiz", types={"typed", "cloze"}), terminal_size=SIZE, run_before=run_before
    )
