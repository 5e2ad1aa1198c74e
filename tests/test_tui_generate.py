"""The generate flow: articles chosen, the generator run in a worker, the inbox used, the deck written."""

from __future__ import annotations

import asyncio
from pathlib import Path

import yaml
from textual.widgets import DataTable, Input
from tui_support import FIXTURES, SIZE, make_app, proposed_inbox, screen_text, settle

from quizapp.deck.yaml_io import load_deck
from quizapp.tui.screens.generate import GenerateScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.inbox import CardEditor, InboxScreen, deck_file_name

ARTICLE = FIXTURES / "tui_article.txt"


async def test_generate_review_in_the_inbox_and_write_the_deck(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GenerateScreen)
        path_box = screen.query_one("#generate-path", Input)
        path_box.focus()
        path_box.value = str(ARTICLE)
        await pilot.press("enter")
        assert screen.files == [ARTICLE]
        screen.query_one("#generate-title", Input).value = "Avella Glassworks"
        await pilot.press("ctrl+g")
        await pilot.pause()
        # The UI keeps answering while the worker runs.
        assert "Starting" in screen_text(app) or screen.workers
        await settle(pilot)
        await pilot.pause()
        await pilot.pause()
        inbox = app.screen
        assert isinstance(inbox, InboxScreen), screen_text(app)
        total = len(inbox.cards)
        assert total >= 3
        assert inbox.deck.title == "Avella Glassworks"
        table = inbox.query_one("#inbox", DataTable)
        assert table.row_count == total
        # Each proposed card comes with the ranker's estimate, shown under it.
        assert set(inbox.estimates) == {c.card_id for c in inbox.cards}
        assert all(0 < e < 1 for e in inbox.estimates.values())
        assert "generator's estimate" in str(inbox.query_one("#inbox-detail").render())

        await pilot.press("a")  # accept the first
        await pilot.press("r")  # reject the second
        rejected = inbox.cards[1].card_id
        # Edit the third: change its explanation through the YAML editor.
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CardEditor)
        area = editor.query_one("#card-yaml")
        data = yaml.safe_load(area.text)
        data["cards"][0]["explanation"] = "Checked by hand."
        area.text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is inbox, screen_text(app)
        assert inbox.cards[2].explanation == "Checked by hand."
        assert inbox.status[:3] == ["accepted", "rejected", "accepted"]
        await pilot.press("A")  # accept the rest
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        written = sorted((tmp_path / "data" / "decks").glob("*.yaml"))
        assert [p.name for p in written] == ["avella-glassworks.yaml"]
        deck = load_deck(written[0])
        assert len(deck.cards) == total - 1
        assert rejected not in {c.card_id for c in deck.cards}
        assert any(c.explanation == "Checked by hand." for c in deck.cards)
        # The new deck shows up on the home screen.
        assert any(row.path.resolve() == written[0].resolve() for row in app.screen.rows)


async def test_generate_reports_a_bad_article_without_crashing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        screen.add_file(empty)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await settle(pilot)
        await pilot.pause()
        assert app.screen is screen
        assert "Could not generate" in screen_text(app)


def test_deck_file_name_never_overwrites(tmp_path: Path):
    first = deck_file_name("Avella: Glassworks!", tmp_path)
    assert first.name == "avella-glassworks.yaml"
    first.write_text("x")
    assert deck_file_name("Avella: Glassworks!", tmp_path).name == "avella-glassworks-2.yaml"


async def test_writing_into_an_unusable_deck_folder_says_why_and_keeps_the_cards(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "decks").write_text("a file where the deck folder should be")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        proposed = load_deck(FIXTURES / "tui_deck.yaml")
        inbox = InboxScreen(proposed)
        app.push_screen(inbox)
        await pilot.pause()
        await pilot.press("A", "w")
        await pilot.pause()
        assert app.screen is inbox and inbox.status.count("accepted") == len(proposed.cards)
        assert any(n.message.startswith("Cannot write") for n in app._notifications)


async def test_reject_doubtful_needs_estimates_and_rejects_only_pending_cards_below_even(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # A deck that came with no estimates: nothing to go by, so D is neither offered nor acted on.
        plain = proposed_inbox()
        app.push_screen(plain)
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert set(plain.status) == {"pending"}
        assert "Reject <50%" not in screen_text(app)
        app.pop_screen()
        await pilot.pause()

        ids = [c.card_id for c in plain.cards]
        assert len(ids) >= 3
        # The first is doubtful but already accepted by hand; the second doubtful; the rest likely fine.
        inbox = proposed_inbox({ids[0]: 0.2, ids[1]: 0.35, **{i: 0.8 for i in ids[2:]}})
        app.push_screen(inbox)
        await pilot.pause()
        assert "D Reject <50%" in screen_text(app)  # offered in the footer (80 columns)
        await pilot.press("a")
        await pilot.press("D")
        await pilot.pause()
        assert inbox.status[:2] == ["accepted", "rejected"]
        assert set(inbox.status[2:]) == {"pending"}
        assert any("Rejected 1 card" in n.message for n in app._notifications)


async def test_escape_while_generating_stops_the_generating_thread_and_shows_progress(tmp_path, monkeypatch):
    """The bar shows the generator's own progress, and Esc stops the work itself, not just the screen."""
    import threading
    import time

    from textual.widgets import ProgressBar

    from quizapp.questions import generate as generator

    reported = threading.Event()
    stopped = threading.Event()

    def slow_generate(files, *, progress, **_options):  # stands in for minutes of parsing a long article
        try:
            for step in range(3000):
                progress(step, 3000, f"Parsed {step} of 3000 pieces")
                if step == 5:
                    reported.set()
                time.sleep(0.01)
        finally:
            stopped.set()
        raise AssertionError("never cancelled")

    monkeypatch.setattr(generator, "generate_deck", slow_generate)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GenerateScreen)
        screen.add_file(ARTICLE)
        await pilot.press("ctrl+g")
        for _ in range(200):
            await pilot.pause(0.02)
            if reported.is_set():
                break
        await pilot.pause(0.1)
        bar = screen.query_one("#generate-progress", ProgressBar)
        assert bar.total == 3000 and 5 <= bar.progress < 3000
        assert "Parsed" in screen_text(app)
        await pilot.press("escape")
        assert await asyncio.to_thread(stopped.wait, 5), "the generating thread went on after Esc"
        await pilot.pause()
        assert app.screen is screen  # Esc cancelled; it did not leave
        assert "cancelled" in screen_text(app)
        await pilot.press("escape")  # nothing runs now: Esc goes back
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
