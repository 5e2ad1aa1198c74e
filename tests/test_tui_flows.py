"""Flows that used to dead-end (issue 10): study past the daily limit, a broken deck, a big browse, generate."""

from __future__ import annotations

import re
from pathlib import Path

from quizapp.tui.screens.study import StudyScreen
from tui_support import SIZE, make_app, screen_text, settle


def flash_deck(tmp_path: Path, count: int) -> Path:
    cards = "\n".join(f"  - type: flashcard\n    front: Question number {n}?\n    back: Answer {n}"
                      for n in range(1, count + 1))
    path = tmp_path / "decks" / "flash.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"title: Flash\ncards:\n{cards}\n", encoding="utf-8")
    return path


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
