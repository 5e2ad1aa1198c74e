"""Import and export from the app: the import dialog takes Anki and text files, `x` exports the highlighted deck."""

from __future__ import annotations

from tui_support import SIZE, make_app, screen_text, settle

from quizapp.deck.yaml_io import load_deck
from quizapp.interop.anki_import import import_anki_package
from quizapp.tui.screens.export_deck import ExportDeckScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.import_deck import ImportDeckScreen
from tests.anki_support import add_note, export_package, fresh_collection


async def test_the_import_dialog_converts_an_anki_package_into_the_deck_folder(tmp_path):
    with fresh_collection(tmp_path / "anki") as col:
        add_note(col, "Basic", ["Capital of Norway?", "Oslo"])
        add_note(col, "Cloze", ["{{c1::Lima}} is in Peru", ""])
        package = export_package(col, tmp_path / "mine.apkg")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDeckScreen)
        dialog.query_one("#import-path").value = str(package)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    deck = load_deck(tmp_path / "data" / "decks" / "mine.yaml")
    assert sorted(card.type for card in deck.cards) == ["cloze", "flashcard"]


async def test_the_import_dialog_refuses_to_replace_a_deck_and_stays_open(tmp_path):
    (tmp_path / "words.tsv").write_text("perro\tdog\n", encoding="utf-8")
    existing = tmp_path / "data" / "decks" / "words.yaml"
    existing.parent.mkdir(parents=True)
    existing.write_text("title: mine\ncards: []\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#import-path").value = str(tmp_path / "words.tsv")
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is dialog
        assert "already exists" in screen_text(app)
    assert existing.read_text(encoding="utf-8") == "title: mine\ncards: []\n"


async def test_x_on_home_exports_the_highlighted_deck(tmp_path):
    app = make_app(tmp_path)
    target = tmp_path / "out" / "harbour.apkg"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Export" in screen_text(app)  # the footer shows the key
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDeckScreen)
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # Exporting again to the same file asks first, and replaces it on a second Enter.
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "exists" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    deck = load_deck(tmp_path / "decks" / "tui_deck.yaml")
    assert len(import_anki_package(target).deck.cards) == len(deck.cards)
