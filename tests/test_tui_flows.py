"""Flows that used to dead-end (issue 10): study past the daily limit, a broken deck, a big browse, generate."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tui_support import SIZE, make_app, screen_text, settle

from quizapp.tui.screens.study import StudyScreen


def deck_file(tmp_path: Path, name: str, title: str, cards: str) -> Path:
    """A deck file in the test's deck folder, its cards given as YAML list items."""
    path = tmp_path / "decks" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: {title}\ncards:\n{cards}\n", encoding="utf-8")
    return path


def flash_deck(tmp_path: Path, count: int) -> Path:
    cards = "\n".join(
        f"  - type: flashcard\n    front: Question number {n}?\n    back: Answer {n}" for n in range(1, count + 1)
    )
    return deck_file(tmp_path, "flash.yaml", "Flash", cards)


async def rate(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Show a flashcard's answer and rate it."""
    await pilot.press("space")
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()


def counter(app) -> tuple[str, int, int]:  # type: ignore[no-untyped-def]
    kind, done, total = re.search(r"(new|review|again) · (\d+)/(\d+)", screen_text(app)).groups()
    return kind, int(done), int(total)


async def test_the_counter_counts_items_not_questions_asked_again(tmp_path):
    app = make_app(tmp_path, flash_deck(tmp_path, 5), mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(12):  # Again on every card: each comes back in the same session
            if not isinstance(app.screen, StudyScreen) or app.screen.phase == "done":
                break
            seen.append(counter(app))
            await rate(pilot, "1")
        assert seen[0] == ("new", 1, 5)
        assert all(total == 5 and done <= 5 for _, done, total in seen), seen
        assert ("again", 5, 5) in seen


async def test_a_small_deck_past_the_daily_limit_offers_to_study_more(tmp_path):
    app = make_app(tmp_path, flash_deck(tmp_path, 26), mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert counter(app) == ("new", 1, 20)
        for _ in range(20):
            await rate(pilot, "4")  # Easy: not asked again today
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.phase == "done"
        text = " ".join(screen_text(app).split())
        assert "6 new cards wait beyond today's limit of 20 new a day. Press m to study them now." in text
        assert "m Study more" in text  # in the footer, since it works here
        await pilot.press("m")
        await pilot.pause()
        assert screen.phase == "ask"
        assert counter(app) == ("new", 21, 26)
        assert "Question number 21?" in screen_text(app)
        for _ in range(6):
            await rate(pilot, "4")
        text = " ".join(screen_text(app).split())
        assert screen.phase == "done" and "wait beyond" not in text and "Study more" not in text


async def test_the_end_of_a_session_says_how_many_siblings_wait_for_tomorrow(tmp_path):
    path = deck_file(
        tmp_path,
        "cloze.yaml",
        "Mills",
        "  - type: cloze\n    text: The {{c1::Harwick}} tide mill was built in {{c2::1791}} by {{c3::Ansel Brooke}}.\n"
        "  - type: flashcard\n    front: Who wrote Middlemarch?\n    back: George Eliot",
    )
    app = make_app(tmp_path, path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert counter(app) == ("new", 1, 2)  # one deletion of the cloze, and the flashcard
        await pilot.press(*"Harwick", "enter")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await rate(pilot, "4")
        text = " ".join(screen_text(app).split())
        assert screen.phase == "done"
        assert "2 related cards wait until tomorrow" in text
        assert "Study more" not in text  # nothing is held back by the daily limit


# --- a broken deck, fixed from the app -----------------------------------------

import contextlib  # noqa: E402

from textual.widgets import DataTable  # noqa: E402
from tui_support import FIXED_NOW  # noqa: E402

from quizapp.paths import BUNDLED_DECKS_DIR  # noqa: E402
from quizapp.tui.app import QuizApp  # noqa: E402
from quizapp.tui.screens import browse as browse_module  # noqa: E402
from quizapp.tui.screens.browse import BrowseScreen  # noqa: E402

BROKEN = "title: Broken\ncards:\n  - q: Capital of Peru?\n    a: Lima\n  - q: [unclosed\n    a: x\n"


def fake_editor(monkeypatch, fix: str | None = None, break_with: str | None = None) -> list[list[str]]:
    """The editor the app runs: records its command, and rewrites the file as told."""
    commands: list[list[str]] = []

    def run(command: list[str]) -> int:
        commands.append(command)
        target = Path(command[-1])
        if fix is not None:
            target.write_text(fix, encoding="utf-8")
        if break_with is not None:
            target.write_text(break_with, encoding="utf-8")
        return 0

    monkeypatch.setattr(browse_module, "run_editor", run)
    monkeypatch.setattr(QuizApp, "suspend", lambda self: contextlib.nullcontext())
    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.delenv("VISUAL", raising=False)
    return commands


async def test_home_opens_a_broken_deck_at_its_problem_line_and_lists_it_once_fixed(tmp_path, monkeypatch):
    broken = tmp_path / "decks" / "broken.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN, encoding="utf-8")
    commands = fake_editor(monkeypatch, fix="title: Fixed\ncards:\n  - q: Capital of Peru?\n    a: Lima\n")
    app = QuizApp(deck_paths=[broken], data_dir=tmp_path / "data", now=FIXED_NOW, show_bundled=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "cannot be read: line 6: YAML syntax error" in text and "Enter or e opens it in $EDITOR there" in text
        await pilot.press("enter")  # nothing to study in it: open it where the problem is
        await settle(pilot)
        assert commands == [["vi", "+6", str(broken)]]
        table = app.screen.query_one("#decks", DataTable)
        assert str(table.get_row_at(0)[0]) == "Fixed"
        await pilot.press("e")  # a readable deck has nothing to fix
        await settle(pilot)
        assert len(commands) == 1


async def test_browse_opens_a_deck_it_broke_at_the_problem_line(tmp_path, monkeypatch):
    from tui_support import copy_deck

    deck = copy_deck(tmp_path)
    commands = fake_editor(monkeypatch, break_with=BROKEN)
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("e")  # the edit leaves the deck broken
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert "The deck has a problem now" in " ".join(screen_text(app).split())
        await pilot.press("e")
        await settle(pilot)
        assert commands[-1] == ["vi", "+6", str(deck)]


async def test_editing_a_bundled_deck_edits_a_copy_in_the_users_folder(tmp_path, monkeypatch):
    bundled = BUNDLED_DECKS_DIR / "example-solar-system.yaml"
    before = bundled.read_bytes()
    commands = fake_editor(monkeypatch)
    app = QuizApp(deck_paths=[], data_dir=tmp_path / "data", now=FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_browse(bundled)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        copy = tmp_path / "data" / "decks" / bundled.name
        assert commands[-1][-1] == str(copy) and copy.read_bytes() == before
        assert app.screen.deck_path == copy
    assert bundled.read_bytes() == before


# --- generate: folders, a clean slate, fast typing ------------------------------

from textual import events  # noqa: E402
from textual.widgets import Input  # noqa: E402
from tui_support import FIXTURES  # noqa: E402

from quizapp.tui.screens.generate import GenerateScreen  # noqa: E402


async def open_generate(pilot) -> GenerateScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GenerateScreen)
    return pilot.app.screen


async def type_path(pilot, screen: GenerateScreen, path: Path) -> None:  # type: ignore[no-untyped-def]
    box = screen.query_one("#generate-path", Input)
    box.focus()
    box.value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_folder_typed_in_generate_adds_its_articles_or_says_it_has_none(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("One.", encoding="utf-8")
    (folder / "two.md").write_text("Two.", encoding="utf-8")
    (folder / "notes.yaml").write_text("x: 1", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_generate(pilot)
        await type_path(pilot, screen, folder)
        assert [p.name for p in screen.files] == ["one.txt", "two.md"]
        await type_path(pilot, screen, empty)
        [notice] = [n.message for n in app._notifications]
        assert notice.startswith(f"{empty} is a folder with no articles (") and "No such file" not in notice
        assert len(screen.files) == 2


async def test_ctrl_x_clears_the_last_error_too(tmp_path, monkeypatch):
    from quizapp.errors import QuizappError
    from quizapp.questions import generate as generate_module

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise QuizappError("the article has no sentences")

    monkeypatch.setattr(generate_module, "generate_deck", failing)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_generate(pilot)
        await type_path(pilot, screen, FIXTURES / "tui_article.txt")
        await pilot.press("ctrl+g")
        await settle(pilot)
        status = screen.query_one("#generate-status")
        assert "Could not generate: the article has no sentences" in str(status.render())
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert "Could not generate" not in screen_text(app) and str(status.render()) == "ctrl+g generates"
        assert screen.files == []


async def test_a_title_typed_fast_before_ctrl_g_is_generated_whole(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_generate(pilot)
        titles: list[str | None] = []
        screen.generate = lambda files, title, max_cards, types: titles.append(title)  # type: ignore[method-assign]
        screen.files.append(FIXTURES / "tui_article.txt")
        screen.query_one("#generate-title", Input).focus()
        await pilot.pause()
        # As a terminal delivers a quick typist's keys: all queued before the app handles the first.
        for char in "Harbour":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+g", None))
        await pilot.pause()
        await pilot.pause()
        assert titles == ["Harbour"]


async def open_browse(pilot, app) -> None:
    """From the home screen (once it has settled), open Browse on the highlighted deck."""
    await settle(pilot)
    await pilot.press("b")
    await settle(pilot)
    assert isinstance(app.screen, BrowseScreen)


def row_text(app, question: str) -> str:
    """The rest of the table row that shows ``question`` (its answer, Due and review cells)."""
    return screen_text(app).split(question)[1].split("\n")[0]


# --- suspending a card: from study, and back from browse ------------------------------


async def test_a_card_suspended_in_study_leaves_it_and_browse_brings_it_back(tmp_path):
    from quizapp.storage.db import ReviewStore

    deck = flash_deck(tmp_path, 3)
    app = make_app(tmp_path, deck, mode="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert "s Suspend" in " ".join(screen_text(app).split())
        assert counter(app) == ("new", 1, 3)
        await pilot.press("s")
        await pilot.pause()
        assert counter(app) == ("new", 1, 2)
        assert "Question number 2?" in screen_text(app)
        await pilot.press("u")  # undo brings it back
        await pilot.pause()
        assert counter(app) == ("new", 1, 3) and "Question number 1?" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        for _ in range(2):
            await rate(pilot, "4")
        assert screen.phase == "done"
    with ReviewStore.open(tmp_path / "data") as store:
        [suspended] = store.suspended_ids(deck)
        assert len(store.reviews(deck)) == 2 and suspended not in {r.item_id for r in store.reviews(deck)}

    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_browse(pilot, app)
        assert "suspended" in row_text(app, "Question number 1?")
        await pilot.press("s")  # the first row is highlighted: unsuspend it
        await pilot.pause()
        assert "suspended" not in row_text(app, "Question number 1?")
    with ReviewStore.open(tmp_path / "data") as store:
        assert store.suspended_ids(deck) == set()


async def test_ctrl_s_suspends_while_an_answer_is_being_typed(tmp_path):
    from quizapp.storage.db import ReviewStore

    path = deck_file(
        tmp_path,
        "typed.yaml",
        "Mills",
        "  - type: typed\n    id: mill\n    question: Who built the Harwick tide mill?\n    answer: Ansel Brooke\n"
        "  - type: typed\n    id: year\n    question: When did the Harwick tide mill open?\n    answer: '1791'",
    )
    app = make_app(tmp_path, path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "^s Suspend" in footer and "Bury" not in footer  # "-" goes into the answer while typing
        await pilot.press("s", "minus")  # typed into the answer box, not a suspension nor a burial
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "When did the Harwick tide mill open?" in screen_text(app)
    with ReviewStore.open(tmp_path / "data") as store:
        assert store.suspended_ids(path) == {"mill"}


async def test_one_sibling_waiting_is_said_in_the_singular(tmp_path):
    path = deck_file(
        tmp_path, "one.yaml", "Mills", "  - type: cloze\n    text: '{{c1::Harwick}} mill opened in {{c2::1791}}.'"
    )
    app = make_app(tmp_path, path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Harwick", "enter")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert "1 related card waits until tomorrow: it shares" in " ".join(screen_text(app).split())


async def test_e_fixes_the_card_being_studied_and_the_session_goes_on_with_it(tmp_path, monkeypatch):
    from quizapp.storage.db import ReviewStore

    cards = (
        "  - type: flashcard\n    id: first\n    front: Capital of Peru?\n    back: Lima\n"
        "  - type: flashcard\n    id: second\n    front: Capital of Chad?\n    back: NDjamena"
    )
    deck = deck_file(tmp_path, "capitals.yaml", "Capitals", cards)
    fixed = deck.read_text(encoding="utf-8").replace("NDjamena", "N'Djamena")
    commands = fake_editor(monkeypatch, fix=fixed)
    app = make_app(tmp_path, deck, mode="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await rate(pilot, "4")  # the first card, answered and saved
        assert "Capital of Chad?" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "NDjamena" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        assert commands[-1] == ["vi", "+8", str(deck)]  # at the id line of the card being studied
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.phase == "ask"
        assert counter(app)[2] == 1  # the answered card is not asked again
        await pilot.press("space")
        await pilot.pause()
        assert "N'Djamena" in screen_text(app)
    with ReviewStore.open(tmp_path / "data") as store:
        assert [r.item_id for r in store.reviews(deck)] == ["first"]


async def test_a_card_edited_into_a_broken_deck_leaves_the_session_as_it_was(tmp_path, monkeypatch):
    deck = flash_deck(tmp_path, 2)
    fake_editor(monkeypatch, break_with=BROKEN)
    app = make_app(tmp_path, deck, mode="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "The deck has a problem now" in text
        assert isinstance(app.screen, StudyScreen) and "Question number 1?" in text


async def test_minus_buries_the_card_until_tomorrow_and_u_brings_it_back(tmp_path):
    from quizapp.storage.db import ReviewStore

    deck = flash_deck(tmp_path, 2)
    app = make_app(tmp_path, deck, mode="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "- Bury" in " ".join(screen_text(app).split())
        await pilot.press("minus")
        await pilot.pause()
        assert "Question number 2?" in screen_text(app) and counter(app) == ("new", 1, 1)
        await pilot.press("u")
        await pilot.pause()
        assert "Question number 1?" in screen_text(app)
        await pilot.press("minus")
        await pilot.pause()
    with ReviewStore.open(tmp_path / "data") as store:
        [buried] = store.buried_ids(deck, FIXED_NOW)
        assert store.get_state(deck, buried) is None  # put off, not answered
        assert store.buried_ids(deck, FIXED_NOW + dt.timedelta(days=1)) == set()  # back tomorrow


async def test_browse_shows_a_burial_and_minus_toggles_it(tmp_path):
    from quizapp.deck.yaml_io import load_deck
    from quizapp.storage.db import ReviewStore

    deck = flash_deck(tmp_path, 2)
    first, second = (item.item_id for item in load_deck(deck).study_items())
    with ReviewStore.open(tmp_path / "data") as store:
        store.bury(deck, [first], FIXED_NOW, FIXED_NOW + dt.timedelta(hours=6))
    app = make_app(tmp_path, deck)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_browse(pilot, app)
        assert "- Bury" in " ".join(screen_text(app).split())

        assert "buried" in row_text(app, "Question number 1?") and "buried" not in row_text(app, "Question number 2?")
        await pilot.press("minus")  # the first row is highlighted: unbury it
        await pilot.pause()
        assert "buried" not in row_text(app, "Question number 1?")
        await pilot.press("down", "minus")  # and bury the second until the next local midnight
        await pilot.pause()
        assert "buried" in row_text(app, "Question number 2?")
    with ReviewStore.open(tmp_path / "data") as store:
        assert store.buried_ids(deck, FIXED_NOW) == {second}
        assert store.buried_ids(deck, FIXED_NOW + dt.timedelta(days=1)) == set()
