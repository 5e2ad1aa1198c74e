"""Small things a new user trips over: a skipped quiz answer, the theme across runs, pasted control codes."""

from __future__ import annotations

from textual import events
from tui_support import SIZE, make_app, screen_text, settle

from quizapp.study.scheduling import Settings, load_settings, save_settings
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen


async def test_an_empty_quiz_answer_is_marked_skipped(tmp_path):
    app = make_app(tmp_path, mode="quiz", types={"typed"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("enter")  # nothing typed
        await settle(pilot)
        assert screen.phase == "answered"
        text = screen_text(app)
        assert "Skipped" in text and "✘ Wrong" not in text
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert "you: no answer" in screen_text(app)


async def test_the_theme_is_remembered_in_the_data_folder_with_the_other_settings(tmp_path):
    save_settings(Settings(new_per_day=7), tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.theme
        await pilot.press("ctrl+t")
        await pilot.pause()
        chosen = app.theme
        assert chosen != first
    saved = load_settings(tmp_path / "data")
    assert saved.theme == chosen and saved.new_per_day == 7  # the other settings are kept
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == chosen


async def test_pasted_control_characters_do_not_reach_the_answer_box(tmp_path):
    app = make_app(tmp_path, mode="quiz", types={"typed"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#question-input")
        box.post_message(events.Paste("\x1b[31mAnselm\x1b[0m\x07\tVarro\r\n\x1b]0;title\x07"))
        await settle(pilot)
        assert box.value == "Anselm Varro "
        assert all(ch.isprintable() for ch in box.value)
        assert "Anselm Varro" in screen_text(app)


async def test_a_broken_settings_file_is_reported_not_a_crash_and_kept(tmp_path):
    app = make_app(tmp_path)
    settings = tmp_path / "data" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('{"new_per_day": "lots"', encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.settings.new_per_day == Settings().new_per_day
        await settle(pilot)
        assert any("settings file is invalid" in n.message for n in app._notifications)
        assert "Harbour Town" in screen_text(app)
    assert settings.read_text(encoding="utf-8") == '{"new_per_day": "lots"'


async def test_a_failed_daily_backup_is_told_once_and_studying_goes_on(tmp_path, monkeypatch):
    from quizapp.errors import StorageError
    from quizapp.storage import backup
    from quizapp.storage.db import ReviewStore

    ReviewStore.open(tmp_path / "data").close()  # an existing database: the daily backup is due

    def fail(*_args: object, **_kwargs: object) -> None:
        raise StorageError("no space left on the device")

    monkeypatch.setattr(backup, "back_up_daily", fail)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_store().close()  # a second open the same day says nothing more
        await settle(pilot)
        told = [n.message for n in app._notifications if "automatic backup failed" in n.message]
        assert told == ["Today's automatic backup failed: no space left on the device"]
        assert "Harbour Town" in screen_text(app)
