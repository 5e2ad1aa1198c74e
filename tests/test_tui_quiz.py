"""The quiz screen: every question answered by keys, the results screen, retrying the misses, a time limit."""

from __future__ import annotations

from tui_support import SIZE, make_app, screen_text, settle

from quizapp.storage.db import ReviewStore
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.results import ResultsScreen
from quizapp.tui.widgets.question import QuestionView

WRONG = {"typed-year": "1850", "mc-river": "Brooke"}


async def answer_question(pilot, screen: QuizScreen, wrong: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    item = screen.session.current.item
    card = item.card
    if card.type == "flashcard":
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("y")
    elif card.type == "multiple_choice":
        choices = screen.query_one(QuestionView).choices
        await pilot.press(str(choices.index(wrong.get(item.item_id, card.answer)) + 1))
    elif card.type == "true_false":
        await pilot.press("t" if card.answer else "f")
    else:
        text = wrong.get(item.item_id) or (
            card.answer if card.type == "typed" else card.answers_for(item.cloze_index)[0]
        )
        screen.query_one("#question-input").value = text
        await pilot.press("enter")
    await pilot.pause()
    assert screen.phase == "answered"
    await pilot.press("enter")  # next question
    await pilot.pause()


async def test_quiz_results_and_retry_of_the_misses(tmp_path):
    app = make_app(tmp_path, mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert screen.session.total == 6
        for _ in range(6):
            await answer_question(pilot, screen, WRONG)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        text = screen_text(app)
        assert "Score 4/6" in text
        # Right/wrong per fact kind: the year is a date, the river a place.
        assert results.results.by_kind["date"].wrong == 1 and results.results.by_kind["place"].wrong == 1
        assert results.results.by_kind["person"].right == 1
        assert "Which river runs through Harbour Town?" in text and "Selwyn" in text and "Brooke" in text
        assert "1851" in text and "1850" in text
        await pilot.press("r")
        await settle(pilot)
        retry = app.screen
        assert isinstance(retry, QuizScreen)
        assert {q.item.item_id for q in retry.session.questions} == set(WRONG)
        for _ in range(2):
            await answer_question(pilot, retry, {})
        assert isinstance(app.screen, ResultsScreen)
        assert "Retry of the misses · Score 2/2" in screen_text(app)
        assert "No misses" in screen_text(app)
        await pilot.press("q")
        await settle(pilot)
        # Back home, the deck's last score is the quiz's 4/6, not the retry's 2/2.
        assert str(app.screen.query_one("#decks").get_row_at(0)[4]) == "67%"
    with ReviewStore.open(tmp_path / "data") as store:
        quizzes = store.quizzes()
        assert [(q.score, q.total, q.retry) for q in quizzes] == [(4, 6, False), (2, 2, True)]
        assert store.reviews() == []  # a quiz changes no schedule unless asked


async def test_quiz_of_chosen_types_and_count_can_update_the_schedule(tmp_path):
    app = make_app(tmp_path, mode="quiz", count=2, types={"typed"}, update_schedule=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert [q.item.card.type for q in screen.session.questions] == ["typed", "typed"]
        for _ in range(2):
            await answer_question(pilot, screen, {})
        assert isinstance(app.screen, ResultsScreen)
    with ReviewStore.open(tmp_path / "data") as store:
        assert {r.item_id for r in store.reviews()} == {"typed-year", "typed-founder"}


async def test_a_question_left_unanswered_past_the_time_limit_is_missed(tmp_path):
    app = make_app(tmp_path, mode="quiz", count=1, types={"true_false"}, time_limit=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "⏱" in screen_text(app)
        await pilot.pause(1.6)
        assert screen.phase == "answered"
        assert "time's up" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.results.score == 0 and results.results.misses[0].given is None


async def test_ending_a_quiz_early_counts_the_unanswered_and_says_so(tmp_path):
    app = make_app(tmp_path, mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = app.screen.session.total
        assert total > 2
        await answer_question(pilot, app.screen, {})
        await answer_question(pilot, app.screen, {})
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        # Not "Score 2/2 (100%)": the questions never answered count.
        assert f"Score 2/{total}" in text and "(100%)" not in text
        assert f"Ended early: 2 of {total} answered" in text
        await pilot.press("q")
        await settle(pilot)
        assert str(app.screen.query_one("#decks").get_row_at(0)[4]) == f"{2 / total:.0%}"
