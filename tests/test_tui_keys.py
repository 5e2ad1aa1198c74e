"""Keys that tell the truth: every screen's footer shows the keys that work there, and docs/app.md lists them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.export_deck import ExportDeckScreen
from quizapp.tui.screens.generate import GenerateScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.import_deck import ImportDeckScreen
from quizapp.tui.screens.inbox import CardEditor, InboxScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.quiz_options import QuizOptionsScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.screens.stats import StatsScreen
from quizapp.tui.screens.study import StudyScreen

DOCS = Path(__file__).parent.parent / "docs" / "app.md"

#: The docs table's row names and the screens they describe.
SCREENS = {
    "Home": HomeScreen,
    "Quiz options": QuizOptionsScreen,
    "Import": ImportDeckScreen,
    "Export": ExportDeckScreen,
    "Study": StudyScreen,
    "Quiz": QuizScreen,
    "Results": ResultsScreen,
    "Browse": BrowseScreen,
    "Stats": StatsScreen,
    "Generate": GenerateScreen,
    "Inbox": InboxScreen,
    "Card editor": CardEditor,
    "Confirm": ConfirmScreen,
}
#: Keys the docs name that a widget on the screen handles, not a screen binding.
WIDGET_KEYS = {
    "Home": {"enter"},  # in the filter box (Enter on the list is the screen's)
    "Quiz options": {"space"},  # ticks a type (selection list) or the checkbox
    "Browse": {"enter"},  # in the search box
    "Generate": {"enter"},  # in the file tree
}
DOC_NAMES = {"Enter": "enter", "Esc": "escape", "/": "slash", "-": "minus", "←": "left", "→": "right", "↓": "down"}


def documented_keys() -> dict[str, set[str]]:
    rows: dict[str, set[str]] = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*\*\*(.+?)\*\*[^|]*\|(.*)\|\s*$", line)
        if not match:
            continue
        name, keys_text = match.groups()
        keys: set[str] = set()
        # `1`–`4` and `a`–`d` are ranges.
        for first, last in re.findall(r"`(\w)`–`(\w)`", keys_text):
            keys |= {chr(c) for c in range(ord(first), ord(last) + 1)}
        for token in re.findall(r"`([^`]+)`", keys_text):
            if token.startswith("$"):  # $VISUAL / $EDITOR
                continue
            keys.add(DOC_NAMES.get(token, token))
        rows[name] = keys
    return rows


def bindings_of(screen: type) -> list[Binding]:
    return list(Binding.make_bindings(screen.BINDINGS))


def test_the_docs_describe_every_screen():
    assert set(documented_keys()) == set(SCREENS)


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_key_in_a_footer_is_in_the_docs_and_every_documented_key_works(name):
    documented = documented_keys()[name]
    bindings = bindings_of(SCREENS[name])
    shown = {b.key for b in bindings if b.show}
    assert shown <= documented, f"{name}: in the footer but not in docs/app.md: {sorted(shown - documented)}"
    bound = {b.key for b in bindings} | WIDGET_KEYS.get(name, set())
    assert documented <= bound, f"{name}: in docs/app.md but not bound: {sorted(documented - bound)}"


# -- what the footer shows, and what the keys do, at 80×24 ---------------------------------------

from tui_support import SIZE, make_app, proposed_inbox, screen_text, settle  # noqa: E402


def footer(app) -> str:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()[-1]


async def test_dialogs_show_their_own_keys_not_the_home_screens(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Browse" in footer(app) and "x Export" in footer(app) and "q Quit" in footer(app)
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, QuizOptionsScreen)
        assert "Start quiz" in footer(app) and "Cancel" in footer(app) and "Browse" not in footer(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportDeckScreen)
        assert "Import" in footer(app) and "Cancel" in footer(app) and "Browse" not in footer(app)


async def test_the_card_editor_shows_its_own_keys_not_the_inboxs(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(proposed_inbox())
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CardEditor)
        assert "Save" in footer(app) and "Cancel" in footer(app)
        assert "Accept" not in footer(app) and "Reject" not in footer(app)


async def test_escape_in_the_inbox_asks_before_throwing_decisions_away(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        inbox = proposed_inbox()
        app.push_screen(inbox)
        await settle(pilot)
        await pilot.press("a", "r", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard these cards" in screen_text(app) and "2 accepted or rejected" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is inbox and inbox.status[:2] == ["accepted", "rejected"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # Nothing decided yet: Escape just leaves.
        app.push_screen(proposed_inbox())
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_typed_cards_take_u_as_a_letter_and_show_ctrl_z_for_undo(tmp_path):
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.session.current.card.type == "flashcard"
        assert "u Undo" in footer(app) and "q End" in footer(app)
        await pilot.press("space", "3")
        await settle(pilot)
        assert screen.session.current.card.type == "typed"
        # The answer box has the keyboard: u and q are letters, the footer offers ctrl+z and Escape.
        await pilot.press("u", "q")
        assert screen.query_one("#question-input").value == "uq"
        assert "^z Undo" in footer(app) and "esc End" in footer(app)
        assert "u Undo" not in footer(app) and "q End" not in footer(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.session.current.card.type == "flashcard"  # the first card is back


async def test_session_complete_offers_the_q_it_asks_for(tmp_path):
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        while screen.session.current is not None:
            screen._answered(None)
            screen.rate(3)
            await pilot.pause()
        await settle(pilot)
        assert "Session complete" in screen_text(app) and "Press q" in screen_text(app)
        assert "q End" in footer(app)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_escape_in_the_browse_search_clears_it_and_stays(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert "r Reload" in footer(app)
        await pilot.press("slash", "h", "a", "r")
        await settle(pilot)
        assert "esc Clear search" in footer(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is browse
        assert browse.query_one("#card-search").value == "" and browse.focused.id == "cards"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_down_in_the_home_filter_goes_to_the_list(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "h")
        await settle(pilot)
        assert app.screen.focused.id == "deck-filter"
        assert "To the list" in footer(app) and "Study" not in footer(app)
        await pilot.press("down")
        await settle(pilot)
        assert app.screen.focused.id == "decks"
        assert "Study" in footer(app)
