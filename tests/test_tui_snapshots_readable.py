"""Snapshots at 80×24 of cards that used to be unreadable: browse with long and wide text, the inbox, a long card.

Update with --snapshot-update only after looking at the pictures.
"""

from __future__ import annotations

from test_tui_readable import EMOJI_DECK, INBOX_DECK, long_deck, write_deck
from tui_support import SIZE, make_app, settle

from quizapp.deck.yaml_io import parse_deck
from quizapp.tui.screens.inbox import InboxScreen


def test_browse_long_and_wide_snapshot(tmp_path, snap_compare):
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)

    app = make_app(tmp_path, write_deck(tmp_path, EMOJI_DECK))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_inbox_snapshot(tmp_path, snap_compare):
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.push_screen(InboxScreen(parse_deck(INBOX_DECK, "proposed")))
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_long_answer_snapshot(tmp_path, snap_compare):
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.screen.query_one("#question-input").value = "x" * 10_000
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(
        make_app(tmp_path, long_deck(tmp_path), mode="study"), terminal_size=SIZE, run_before=run_before
    )


def test_long_choices_snapshot(tmp_path, snap_compare):
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.screen.query_one("#question-input").value = "The keeper"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(
        make_app(tmp_path, long_deck(tmp_path), mode="study"), terminal_size=SIZE, run_before=run_before
    )
