"""The stats screen at 80×24: tabs from the keyboard at once, charts that line up or say there is no data,
the deck list drawn over nothing, and the way back to all decks."""

from __future__ import annotations

import datetime as dt
import re

from textual.widgets import Select, TabbedContent
from textual_plotext import PlotextPlot
from tui_support import FIXED_NOW, SIZE, copy_deck, make_app, screen_text, settle

from quizapp.deck.yaml_io import load_deck
from quizapp.storage.db import ReviewStore
from quizapp.study.scheduling import make_scheduler
from quizapp.study.session import review_item
from quizapp.study.stats import Activity
from quizapp.tui.screens.stats import ALL_DECKS, StatsScreen


async def open_stats(pilot) -> StatsScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StatsScreen)
    return screen


def footer_line(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()[-1]


async def test_left_and_right_switch_tabs_at_once_and_the_footer_says_so(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot)
        tabs = screen.query_one("#stats-tabs", TabbedContent)
        assert tabs.active == "tab-overview"
        await pilot.press("right")
        assert tabs.active == "tab-accuracy"
        await pilot.press("right", "right")
        assert tabs.active == "tab-due"
        await pilot.press("left")
        assert tabs.active == "tab-retention"
        # Still so after choosing a deck in the list (the list had the keyboard).
        await pilot.press("d")
        await pilot.press("right")
        assert tabs.active == "tab-due"
        assert "Tabs" in footer_line(app)


async def test_due_bars_stand_over_their_day_labels(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot)
        screen.query_one("#stats-tabs", TabbedContent).active = "tab-due"
        today = FIXED_NOW.date()
        due = {today + dt.timedelta(days=i): 0 for i in range(30)}
        due[today + dt.timedelta(days=7)] = 3  # a labelled day, and nothing due on the other labelled ones
        screen._plot_due(Activity(due_per_day=due))
        await settle(pilot)
        lines = screen_text(app).splitlines()
        axis = next(i for i, line in enumerate(lines) if "└" in line)
        labels = lines[axis + 1]
        ticks = [col for col, ch in enumerate(lines[axis]) if ch == "┬"]
        bar_row = lines[axis - 1]
        # Each label, at the tick its text covers.
        labelled = {
            m.group(0): col
            for m in re.finditer(r"\d\d [A-Z][a-z]{2}", labels)
            for col in ticks
            if m.start() <= col < m.end()
        }
        week_later = (today + dt.timedelta(days=7)).strftime("%d %b")
        assert week_later in labelled, labels
        assert bar_row[labelled[week_later]] == "█"
        for label, col in labelled.items():
            if label != week_later:
                assert bar_row[col] != "█", (label, bar_row)


async def test_empty_charts_say_there_is_no_data_instead_of_a_made_up_axis(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot)
        for tab, message in (
            ("tab-accuracy", "No graded answers yet"),
            ("tab-retention", "No graded answers yet"),
            ("tab-due", "No cards are due in the next 30 days"),
        ):
            screen.query_one("#stats-tabs", TabbedContent).active = tab
            await settle(pilot)
            text = screen_text(app)
            assert message in text
            assert "-1.00" not in text and "┤" not in text


async def test_the_open_deck_list_hides_the_charts_and_a_goes_back_to_all_decks(tmp_path):
    deck_path = copy_deck(tmp_path)
    deck = load_deck(deck_path)
    with ReviewStore.open(tmp_path / "data") as store:
        for item in deck.study_items()[:3]:
            review_item(
                store,
                make_scheduler(fuzz=False),
                deck_path,
                item,
                3,
                now=FIXED_NOW,
                response="x",
                correct=True,
                duration_ms=1000,
            )
    app = make_app(tmp_path, deck=deck_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot)
        select = screen.query_one("#stats-deck", Select)
        assert select.value == str(deck_path)  # the deck highlighted at home
        assert "a All decks" in footer_line(app)
        screen.query_one("#stats-tabs", TabbedContent).active = "tab-due"
        await settle(pilot)
        assert screen.query_one("#plot-due", PlotextPlot).display
        await pilot.press("d", "enter")
        await pilot.pause()
        assert select.expanded
        text = screen_text(app)
        assert "Cards due" not in text and "┤" not in text  # nothing of the chart between the list's lines
        await pilot.press("escape")
        await pilot.pause()
        assert not select.expanded and "Cards due" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert select.value == ALL_DECKS
        assert "All decks" not in footer_line(app)  # already there: the key is not offered
