"""The study screen driven by keys: every card type, right and wrong typed answers, undo, quit and resume."""

from __future__ import annotations

from tui_support import SIZE, make_app, screen_text, settle

from quizapp.storage.db import ReviewStore
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.question import QuestionView


def keys_for(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def answer_current(pilot, screen: StudyScreen, *, typed: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """Answer the current item the way its type asks for (right, unless ``typed`` says otherwise)."""
    item = screen.session.current
    card = item.card
    if card.type == "flashcard":
        await pilot.press("space")
    elif card.type == "multiple_choice":
        choices = screen.query_one(QuestionView).choices
        await pilot.press(str(choices.index(card.answer) + 1))
    elif card.type == "true_false":
        await pilot.press("t" if card.answer else "f")
    else:
        text = typed.get(item.item_id) or (
            card.answer if card.type == "typed" else card.answers_for(item.cloze_index)[0]
        )
        await pilot.press(*keys_for(text), "enter")
    await pilot.pause()
    return card.type


async def test_study_a_deck_to_the_end_with_every_card_type(tmp_path):
    app = make_app(tmp_path, mode="study")
    seen_types: set[str] = set()
    answers = 0
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert "1/6" in screen_text(app)  # progress is visible from the start
        wrong_year_seen = right_founder_seen = False
        for _ in range(40):  # Again answers come back, so allow more rounds than items
            if screen.phase == "done":
                break
            item_id = screen.session.current.item_id
            typed = {"typed-year": "1850"} if not wrong_year_seen else {}
            seen_types.add(await answer_current(pilot, screen, typed=typed))
            assert screen.phase == "rate"
            text = screen_text(app)
            # The next interval of every rating is shown before choosing.
            assert "1 Again ·" in text and "4 Easy ·" in text
            if item_id == "typed-year" and not wrong_year_seen:
                wrong_year_seen = True
                assert screen.grade is not None and not screen.grade.correct
                assert "✘ Wrong" in text and "You typed: 1850" in text and "Expected:  1851" in text
                assert screen.grade.suggested_rating == 1
                await pilot.press("enter")  # accept the suggested rating: Again
            elif item_id == "typed-founder":
                right_founder_seen = True
                assert screen.grade.correct and "✔ Right" in text
                assert "She arrived by fishing boat" in text  # explanation
                assert "Mara Quillon founded Harbour Town in 1851." in text  # source sentence
                await pilot.press("4")  # override the suggestion: Easy
            else:
                await pilot.press("4")
            answers += 1
            await pilot.pause()
        assert screen.phase == "done"
        assert "Session complete" in screen_text(app)
        assert wrong_year_seen and right_founder_seen
        assert seen_types == {"flashcard", "typed", "multiple_choice", "true_false", "cloze"}
    with ReviewStore.open(tmp_path / "data") as store:
        reviews = store.reviews()
        assert len(reviews) == answers
        year = [r for r in reviews if r.item_id == "typed-year"]
        assert year[0].answer == "1850" and year[0].correct is False and year[0].rating == 1
        assert year[-1].correct is True
        states = store.load_states(app.deck_paths[0])
        assert set(states) == {i.item_id for i in app.deck(app.deck_paths[0]).study_items()}


async def test_typing_with_the_keyboard_and_a_typo_is_accepted_as_hard(tmp_path):
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        while screen.session.current.item_id != "typed-founder":
            await answer_current(pilot, screen, typed={})
            await pilot.press("4")
            await pilot.pause()
        await pilot.press(*keys_for("Mara Quilon"), "enter")
        await pilot.pause()
        assert screen.grade.correct and not screen.grade.exact
        assert "typo accepted" in screen_text(app)
        suggested = screen.grade.suggested_rating
        await pilot.press("enter")
        await pilot.pause()
    with ReviewStore.open(tmp_path / "data") as store:
        last = store.reviews(item_id="typed-founder")[-1]
        assert last.answer == "Mara Quilon" and last.rating == suggested


async def test_undo_restores_the_previous_card_and_deletes_the_review(tmp_path):
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        first = screen.session.current.item_id
        await answer_current(pilot, screen, typed={})
        await pilot.press("4")
        await pilot.pause()
        assert screen.session.current.item_id != first
        assert len(app.store.reviews()) == 1
        # The next card takes typed text, so "u" would be typed: ctrl+z undoes from anywhere.
        assert screen.session.current.card.type == "typed"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.session.current.item_id == first
        assert screen.phase == "ask"
        assert app.store.reviews() == []
        assert app.store.get_state(app.deck_paths[0], first) is None
        # And "u" undoes when no answer box has the keyboard (here: the next card answered, not yet rated).
        await answer_current(pilot, screen, typed={})
        await pilot.press("4")
        await pilot.pause()
        await answer_current(pilot, screen, typed={})
        assert screen.phase == "rate"
        await pilot.press("u")
        await pilot.pause()
        assert screen.session.current.item_id == first and app.store.reviews() == []


async def test_quit_mid_session_and_resume_with_nothing_lost(tmp_path):
    app = make_app(tmp_path, mode="study")
    done: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        for _ in range(2):
            done.append(screen.session.current.item_id)
            await answer_current(pilot, screen, typed={})
            await pilot.press("4")  # Easy: scheduled days away
            await pilot.pause()
        # The third card is on screen, answered but not yet rated, when the learner leaves.
        pending = screen.session.current.item_id
        await answer_current(pilot, screen, typed={})
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StudyScreen)  # back on the home screen
    deck_path = app.deck_paths[0]
    with ReviewStore.open(tmp_path / "data") as store:
        assert [r.item_id for r in store.reviews()] == done
        assert set(store.load_states(deck_path)) == set(done)

    again = make_app(tmp_path, deck=deck_path, mode="study")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, StudyScreen)
        queued = [item.item_id for item in screen.session.queue]
        assert not set(done) & set(queued)  # studied cards are not asked again today
        assert pending in queued  # the unrated one still is
        assert screen.session.total == 4


async def test_leaving_after_one_answer_says_so_in_the_singular(tmp_path):
    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await answer_current(pilot, screen, typed={})
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Saved 1 answer."]


async def test_an_answer_the_database_refuses_is_reported_and_can_be_rated_again(tmp_path, monkeypatch):
    from quizapp.errors import StorageError

    app = make_app(tmp_path, mode="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        first = screen.session.current.item_id
        await answer_current(pilot, screen, typed={})
        real_record = ReviewStore.record_review

        def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
            raise StorageError("cannot write to the review database: database is locked")

        monkeypatch.setattr(ReviewStore, "record_review", locked)
        await pilot.press("3")
        await pilot.pause()
        assert screen.phase == "rate" and screen.session.current.item_id == first
        assert [n.title for n in app._notifications] == ["The answer was not saved"]
        monkeypatch.setattr(ReviewStore, "record_review", real_record)
        await pilot.press("3")
        await pilot.pause()
        assert screen.session.answered == 1 and screen.reviewed == 1
