"""Cards you can read at 80×24: browse, the inbox, home titles, long cards, checkboxes (issue 10)."""

from __future__ import annotations

import threading
from pathlib import Path

from rich.cells import cell_len
from textual.widgets import DataTable
from tui_support import SIZE, make_app, screen_text, settle

from quizapp.tui.screens.browse import BrowseScreen

LONG_QUESTION = (
    "Which of the harbour's three lighthouses, rebuilt after the great storm that flooded the lower town, "
    "still carries the original brass lantern?"
)
EMOJI_DECK = f"""title: Wide characters
cards:
  - q: "{LONG_QUESTION}"
    a: The north light on Gull Point
  - q: "🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟 which fish?"
    a: "🐟 a cod"
  - q: 魚市場はいつ開きますか、そして何時に閉まりますか?
    a: 木曜日
  - q: A plain question?
    a: Plain
"""


def write_deck(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / "decks" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def until(pilot, condition, tries: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Wait (a few frames at most) for ``condition``; fail if it never holds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def open_browse(pilot) -> BrowseScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    return screen


async def test_browse_fits_80_columns_and_lines_up_wide_characters(tmp_path):
    app = make_app(tmp_path, write_deck(tmp_path, EMOJI_DECK))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        table = screen.query_one("#cards", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no horizontal scrolling
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Question" in line)
        assert header.rstrip().endswith("Revs")
        rows = [line for line in lines if " new " in line]
        assert len(rows) == 4
        # Every "new" in the Due column starts at the same cell, whatever the width of the characters before it.
        assert len({cell_len(row[: row.index(" new ")]) for row in rows}) == 1
        assert all(cell_len(line) <= 80 for line in lines)


async def test_browse_shows_the_highlighted_card_whole_without_internal_ids(tmp_path):
    app = make_app(tmp_path, write_deck(tmp_path, EMOJI_DECK))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        text = " ".join(screen_text(app).split())
        assert LONG_QUESTION in text  # whole, under the table
        assert "→ The north light on Gull Point" in text
        assert screen.items[0].item_id not in screen_text(app)
        assert "item 1 of 4" in text


async def test_browse_answers_at_once_while_a_big_deck_is_read(tmp_path, monkeypatch):
    app = make_app(tmp_path, write_deck(tmp_path, EMOJI_DECK))
    release = threading.Event()
    real_deck = type(app).deck
    calls = []

    def slow_deck(self, path, *, reload=False):  # type: ignore[no-untyped-def]
        calls.append(threading.current_thread())
        if len(calls) > 2:  # home's list and the check before opening are quick; browse's read is slow
            release.wait(5)
        return real_deck(self, path, reload=reload)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(type(app), "deck", slow_deck)
        calls.clear()
        calls.append(None)  # readable() comes first
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert "Reading the deck" in screen_text(app)
        await pilot.press("slash", "f", "i", "s", "h")  # the screen takes keys meanwhile
        await pilot.pause()
        release.set()
        await settle(pilot)
        table = app.screen.query_one("#cards", DataTable)
        assert table.row_count == 1  # the search typed while reading applies


async def test_browse_pages_a_big_table_and_searches_all_of_it(tmp_path):
    cards = "\n".join(f"  - q: Specimen number {n}?\n    a: Answer {n}" for n in range(1300))
    app = make_app(tmp_path, write_deck(tmp_path, f"title: Big\ncards:\n{cards}\n"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        table = screen.query_one("#cards", DataTable)
        assert table.row_count == screen.PAGE  # a page, not 1,300 rows to measure
        assert "1,300 in all" in screen_text(app)
        await pilot.press("ctrl+end")  # the cursor at the last row loaded: the next page comes
        await until(pilot, lambda: table.row_count == 2 * screen.PAGE)
        table.scroll_end(animate=False)  # so does the scrollbar
        await until(pilot, lambda: table.row_count == 3 * screen.PAGE)
        await pilot.press("slash", *"number 129")
        await pilot.pause()
        assert table.row_count == 1 + 10  # 129, 1290–1299: found past the rows loaded
        assert screen.selected_item().card.question == "Specimen number 129?"


INBOX_DECK = """title: Proposed
cards:
  - type: multiple_choice
    question: "Which glassworks, founded by the Avella family in the years after the river trade collapsed, first exported to Lisbon?"
    answer: The Avella Glassworks of the lower town
    choices: [The Avella Glassworks of the lower town, The Brezzi furnace by the old bridge, Santa Lucia glass, Murano Export Company]
    provenance:
      sentence: "The Avella Glassworks of the lower town, founded after the river trade collapsed, first exported to Lisbon in 1893."
  - type: typed
    question: When did the glassworks first export to Lisbon?
    answer: "1893"
"""


async def inbox_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    from quizapp.deck.yaml_io import parse_deck

    return make_app(tmp_path), parse_deck(INBOX_DECK, "proposed")


async def test_inbox_shows_the_highlighted_card_in_full(tmp_path):
    from quizapp.tui.screens.inbox import InboxScreen

    app, deck = await inbox_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(InboxScreen(deck))
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        card = deck.cards[0]
        assert card.question in text
        assert "→ The Avella Glassworks of the lower town" in text
        assert all(choice in text for choice in card.choices)
        assert card.provenance.sentence in text
        assert all(cell_len(line) <= 80 for line in screen_text(app).splitlines())
        await pilot.press("a")  # accepted; the next card is shown whole
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "When did the glassworks first export to Lisbon?" in text and "→ 1893" in text
        assert "1 accepted · 0 rejected · 1 to review" in text


# --- long cards ---------------------------------------------------------------

LONG_WORDS = "the harbour lighthouse keeper rowed out past the breakwater at dawn to mend the lamp".split()


def long_deck(tmp_path: Path) -> Path:
    from quizapp.deck.model import Deck, MultipleChoiceCard, TypedCard
    from quizapp.deck.yaml_io import save_deck

    question = " ".join(LONG_WORDS[i % len(LONG_WORDS)] for i in range(360))[:2000] + " — who rowed out?"
    choices = [
        f"Choice {c}: " + " ".join(LONG_WORDS[(i + k) % len(LONG_WORDS)] for i in range(90))[:490]
        for k, c in enumerate("ABCD")
    ]
    deck = Deck(
        title="Long cards",
        cards=[
            TypedCard(id="long-typed", question=question, answer="The keeper"),
            MultipleChoiceCard(id="long-choice", question="Which is right?", answer=choices[0], choices=choices),
        ],
    )
    path = tmp_path / "decks" / "long.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    save_deck(deck, path)
    return path


def body_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()


async def test_a_long_question_keeps_its_start_and_the_answer_box_in_view(tmp_path):
    app = make_app(tmp_path, long_deck(tmp_path), mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Typed answer" in text
        assert "the harbour lighthouse keeper rowed out" in text.splitlines()[5]  # the question's first line
        assert "Your answer" in text


async def test_a_10000_character_answer_leaves_the_verdict_and_expected_answer_on_screen(tmp_path):
    app = make_app(tmp_path, long_deck(tmp_path), mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#question-input").value = "x" * 10_000
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "✘ Wrong" in text
        assert "Expected:  The keeper" in text
        assert "(+9,880 characters)" in text


async def test_every_long_choice_is_in_view_and_arrows_show_one_whole(tmp_path):
    from quizapp.tui.widgets.question import QuestionView

    app = make_app(tmp_path, long_deck(tmp_path), mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#question-input").value = "The keeper"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        for n in range(1, 5):
            assert f"{n}) Choice " in text
        choices = app.screen.query_one(QuestionView).choices
        assert choices[1] not in " ".join(text.split())  # cut in the list…
        await pilot.press("down", "down")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert choices[1] in text  # …and whole when highlighted


# --- home ---------------------------------------------------------------------


async def test_home_tells_apart_decks_whose_titles_start_alike_and_toasts_leave_the_status_line(tmp_path):
    from tui_support import FIXED_NOW

    from quizapp.tui.app import QuizApp

    first = "A North Korean Defector Believes That Cuba Matters"
    second = "A North Korean Defector Believes That Seoul Was Right"
    write_deck(tmp_path, f"title: {first}\ncards:\n  - q: One?\n    a: One\n", "one.yaml")
    write_deck(tmp_path, f"title: {second}\ncards:\n  - q: Two?\n    a: Two\n", "two.yaml")
    app = QuizApp(deck_paths=[tmp_path / "decks"], data_dir=tmp_path / "data", now=FIXED_NOW, show_bundled=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        titles = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert len(titles) == 2  # not both "A North Korean Defector Believ…"
        assert all(line.rstrip().endswith("Mastery") for line in screen_text(app).splitlines() if "Deck" in line)
        app.notify("Imported something.wav with a long enough message to wrap", timeout=30)
        await pilot.pause()
        from textual.widgets._toast import Toast, ToastRack

        await pilot.pause(0.2)
        [toast] = app.screen.get_child_by_type(ToastRack).query(Toast)
        detail = app.screen.query_one("#deck-detail")
        assert toast.region.bottom <= detail.region.y  # above the status line, not on it
        text = " ".join(screen_text(app).split())
        assert f"{first} · given deck · one.yaml" in text  # the status line shows the whole title


# --- check boxes --------------------------------------------------------------


async def test_ticked_and_unticked_boxes_differ_in_shape_not_only_colour(tmp_path):
    from textual.widgets import Checkbox, SelectionList

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        types = app.screen.query_one("#quiz-types", SelectionList)
        types.deselect("cloze")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        line_of = lambda words: next(line for line in lines if words in line)  # noqa: E731
        assert "▐✓▌ Typed answer" in line_of("Typed answer")
        assert "▐ ▌ Cloze" in line_of("Cloze")
        assert "▐ ▌ Count answers" in line_of("Count answers")
        app.screen.query_one("#quiz-schedule", Checkbox).value = True
        await pilot.pause()
        assert "▐✓▌ Count answers" in screen_text(app)
