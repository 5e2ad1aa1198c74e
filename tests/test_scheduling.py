"""Scheduling: settings, the fsrs scheduler built from them, interval previews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, Scheduler, State

from quizapp.deck.model import Deck, TypedCard
from quizapp.errors import QuizappError
from quizapp.storage.db import ReviewStore
from quizapp.study.scheduling import (
    Settings,
    format_interval,
    load_settings,
    make_scheduler,
    new_card,
    preview_intervals,
    save_settings,
    settings_path,
)
from quizapp.study.session import StudySession

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_settings_round_trip_and_defaults(tmp_path):
    assert load_settings(tmp_path) == Settings()
    settings = Settings(desired_retention=0.85, new_per_day=5)
    save_settings(settings, tmp_path)
    assert load_settings(tmp_path) == settings


def test_invalid_settings_file_is_a_clear_error(tmp_path):
    settings_path(tmp_path).write_text('{"desired_retention": 2}')
    with pytest.raises(QuizappError, match="settings"):
        load_settings(tmp_path)


def test_scheduler_uses_the_settings():
    scheduler = make_scheduler(
        Settings(desired_retention=0.8, learning_steps_minutes=[2, 15], maximum_interval_days=90)
    )
    assert scheduler.desired_retention == 0.8
    assert scheduler.learning_steps == (timedelta(minutes=2), timedelta(minutes=15))
    assert scheduler.maximum_interval == 90


def test_higher_retention_means_shorter_intervals():
    card = new_card()
    easy_low = preview_intervals(card, NOW, make_scheduler(Settings(desired_retention=0.8)))[4]
    easy_high = preview_intervals(card, NOW, make_scheduler(Settings(desired_retention=0.95)))[4]
    assert easy_high < easy_low


def test_preview_matches_what_fsrs_does():
    scheduler = make_scheduler(Settings(enable_fuzzing=False))
    preview = preview_intervals(None, NOW, scheduler)
    assert set(preview) == {1, 2, 3, 4}
    assert preview[1] <= preview[2] <= preview[3] <= preview[4]
    for rating in Rating:
        reviewed, _ = scheduler.review_card(new_card(), rating, NOW)
        assert reviewed.due - NOW == preview[int(rating)]
    assert preview[1] == timedelta(minutes=1)  # the first learning step


def test_preview_is_stable_with_fuzzing():
    scheduler = make_scheduler(Settings(enable_fuzzing=True))
    graduated, _ = scheduler.review_card(new_card(), Rating.Easy, NOW)
    later = graduated.due
    assert preview_intervals(graduated, later, scheduler) == preview_intervals(graduated, later, scheduler)


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=3), "3h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=63), "2.1mo"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=548), "1.5y"),
    ],
)
def test_format_interval(interval, label):
    assert format_interval(interval) == label


def test_a_stored_review_sets_the_due_date_fsrs_computes(tmp_path):
    deck = Deck(title="One", cards=[TypedCard(id="q", question="Capital of Peru?", answer="Lima")])
    settings = Settings(enable_fuzzing=False)
    with ReviewStore.open(tmp_path) as store:
        session = StudySession(deck, tmp_path / "one.yaml", store, settings, NOW)
        session.answer(3, response="Lima", correct=True, duration_ms=2500)
        stored = store.get_state(tmp_path / "one.yaml", "q")

        expected, _ = Scheduler(
            learning_steps=(timedelta(minutes=1), timedelta(minutes=10)), enable_fuzzing=False
        ).review_card(new_card(), Rating.Good, NOW)
        card = stored.fsrs_card()
        assert card.due == expected.due == NOW + timedelta(minutes=10)
        assert card.stability == pytest.approx(expected.stability)
        assert card.difficulty == pytest.approx(expected.difficulty)
        assert stored.state == int(State.Learning)

        # Good again after the step: fsrs graduates it to review, due days later.
        later = StudySession(deck, tmp_path / "one.yaml", store, settings, NOW + timedelta(minutes=10))
        assert [item.item_id for item in later.queue] == ["q"]
        later.answer(3)
        graduated = store.get_state(tmp_path / "one.yaml", "q")
        assert graduated.state == int(State.Review)
        reference, _ = make_scheduler(settings).review_card(card, Rating.Good, NOW + timedelta(minutes=10))
        assert graduated.fsrs_card().due == reference.due
        assert reference.due - (NOW + timedelta(minutes=10)) >= timedelta(days=1)
        [first, second] = store.reviews(tmp_path / "one.yaml")
        assert (first.answer, first.correct, first.duration_ms, first.rating) == ("Lima", True, 2500, 3)
        assert second.rating == 3
