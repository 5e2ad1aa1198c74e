"""Statistics per deck and overall, and ``quizapp stats [--json]``."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.deck.discovery import discover_decks
from quizapp.deck.model import Deck, FactRef, Flashcard, Provenance, TypedCard
from quizapp.deck.yaml_io import load_deck, save_deck
from quizapp.storage.db import ReviewStore
from quizapp.study.quiz import QuizSession
from quizapp.study.scheduling import Settings
from quizapp.study.session import StudySession
from quizapp.study.stats import collect_stats, format_stats_table, stats_json, streak

# The real time: `quizapp stats` (run through the CLI) counts days up to the real today.
NOW = datetime.now(UTC)
SETTINGS = Settings(enable_fuzzing=False)


def write_decks(folder: Path) -> tuple[Path, Path]:
    geo = folder / "geo.yaml"
    save_deck(
        Deck(
            title="Geography",
            cards=[
                TypedCard(
                    id="peru",
                    question="Capital of Peru?",
                    answer="Lima",
                    provenance=Provenance(fact=FactRef(kind="place")),
                ),
                TypedCard(
                    id="year",
                    question="Year Lima was founded?",
                    answer="1535",
                    provenance=Provenance(fact=FactRef(kind="date")),
                ),
                Flashcard(id="andes", front="Longest mountain range", back="Andes"),
            ],
        ),
        geo,
    )
    empty = folder / "empty.yaml"
    save_deck(Deck(title="Untouched", cards=[TypedCard(id="x", question="X?", answer="x")]), empty)
    return geo, empty


@pytest.fixture()
def studied(tmp_path):
    decks_dir = tmp_path / "decks"
    decks_dir.mkdir()
    geo, empty = write_decks(decks_dir)
    data = tmp_path / "data"
    with ReviewStore.open(data) as store:
        # Yesterday and today, so the streak is 2 days.
        yesterday = StudySession(load_deck(geo), geo, store, SETTINGS, NOW - timedelta(days=1))
        yesterday.answer(4, response="Lima", correct=True, duration_ms=4000)
        today = StudySession(load_deck(geo), geo, store, SETTINGS, NOW)
        today.answer(1, response="1536", correct=False, duration_ms=6000)  # year: a miss
        today.answer(3, duration_ms=2000)  # flashcard: self-graded
        quiz = QuizSession(load_deck(geo), geo, store, n=None, types={"typed"}, seed=0, time_limit_s=None)
        while not quiz.finished:
            quiz.answer("Lima")
    return decks_dir, data, geo, empty


def test_collect_stats(studied):
    decks_dir, data, geo, empty = studied
    with ReviewStore.open(data) as store:
        stats = collect_stats(store, discover_decks([decks_dir], data, include_default=False), NOW, SETTINGS)
    by_title = {d.summary.title: d for d in stats.decks}
    assert set(by_title) == {"Geography", "Untouched"}
    geography = by_title["Geography"]
    assert (geography.summary.reviews, geography.summary.graded, geography.summary.correct) == (3, 2, 1)
    assert geography.summary.accuracy == 0.5
    assert geography.summary.last_score == 0.5  # "Lima" is right for one of the two typed questions
    activity = stats.overall
    today = NOW.astimezone().date()
    assert activity.reviews_per_day == {today - timedelta(days=1): 1, today: 2}
    assert activity.accuracy_per_day == {today - timedelta(days=1): 1.0, today: 0.0}
    assert activity.retention_by_kind == {"place": 1.0, "date": 0.0}
    assert activity.streak == 2
    assert activity.study_seconds == 12.0
    assert len(activity.due_per_day) == 30 and min(activity.due_per_day) == today
    assert sum(activity.due_per_day.values()) == 3  # every studied item comes due within 30 days
    assert by_title["Untouched"].summary.reviews == 0 and by_title["Untouched"].summary.accuracy is None
    untouched = by_title["Untouched"].summary
    assert stats.cards == geography.summary.cards + untouched.cards > 0
    assert stats.new == geography.summary.new + untouched.new and stats.due == geography.summary.due + untouched.due


def test_streak():
    today = date(2026, 3, 2)
    assert streak(set(), today) == 0
    assert streak({today}, today) == 1
    assert streak({today - timedelta(days=1), today - timedelta(days=2)}, today) == 2  # today not studied yet
    assert streak({today, today - timedelta(days=2)}, today) == 1


def test_stats_json_shape(studied):
    decks_dir, data, geo, empty = studied
    with ReviewStore.open(data) as store:
        payload = stats_json(collect_stats(store, discover_decks([decks_dir], data, include_default=False), NOW))
    assert payload["reviews"] == 3
    for deck in payload["decks"]:
        assert isinstance(deck["title"], str) and isinstance(deck["path"], str)
        for key in ("cards", "due", "reviews", "correct"):
            assert isinstance(deck[key], int)
        assert deck["accuracy"] is None or isinstance(deck["accuracy"], float)
    json.dumps(payload)  # serializable as is


def test_suspended_items_are_counted_apart_from_due_and_new(studied):
    decks_dir, data, geo, empty = studied
    with ReviewStore.open(data) as store:
        before = {
            d["path"]: d
            for d in stats_json(collect_stats(store, discover_decks([decks_dir], data, include_default=False), NOW))[
                "decks"
            ]
        }
        [deck] = [d for d in before.values() if d["new"] > 0]
        item = next(
            i.item_id for i in load_deck(deck["path"]).study_items() if store.get_state(deck["path"], i.item_id) is None
        )
        store.suspend(deck["path"], [item], NOW)
        after = {
            d["path"]: d
            for d in stats_json(collect_stats(store, discover_decks([decks_dir], data, include_default=False), NOW))[
                "decks"
            ]
        }
    assert (before[deck["path"]]["suspended"], after[deck["path"]]["suspended"]) == (0, 1)
    assert after[deck["path"]]["new"] == deck["new"] - 1
    assert after[deck["path"]]["items"] == deck["items"]


def test_invalid_decks_are_reported_not_fatal(tmp_path):
    (tmp_path / "bad.yaml").write_text("title: Bad\ncards:\n  - type: typed\n    question: Q?\n")
    with ReviewStore.open(tmp_path / "data") as store:
        stats = collect_stats(store, discover_decks([tmp_path], tmp_path / "data", include_default=False), NOW)
    assert stats.decks == [] and stats.invalid and "bad.yaml" in stats.invalid[0][0]
    assert "(invalid)" in format_stats_table(stats)


def test_cli_stats_json(studied):
    decks_dir, data, geo, empty = studied
    result = CliRunner().invoke(app, ["stats", str(geo), "--json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    [deck] = payload["decks"]
    assert deck["title"] == "Geography" and deck["path"] == str(geo)
    assert (deck["cards"], deck["reviews"], deck["correct"], deck["accuracy"]) == (3, 3, 1, 0.5)
    assert payload["reviews"] == 3


def test_cli_stats_table(studied):
    decks_dir, data, geo, empty = studied
    result = CliRunner().invoke(app, ["stats", str(decks_dir), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    geography = next(line for line in lines if line.startswith("Geography"))
    columns = geography.split()
    assert (columns[1], columns[4], columns[5]) == ("3", "3", "50%")  # cards, reviews, accuracy
    assert any(line.startswith("Untouched") for line in lines)
    assert any(line.startswith("All decks") for line in lines)


def test_cli_stats_with_no_history(tmp_path):
    geo, _ = write_decks(tmp_path)
    result = CliRunner().invoke(app, ["stats", str(geo), "--json", "--data-dir", str(tmp_path / "fresh")])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["reviews"] == 0 and payload["decks"][0]["accuracy"] is None


def test_cli_stats_json_last_score_is_the_quizs_not_the_retrys(studied):
    decks_dir, data, geo, empty = studied
    with ReviewStore.open(data) as store:  # the studied quiz got 1 of 2; its retry gets the miss right
        assert len(store.quizzes(geo)) == 1
        original = QuizSession(load_deck(geo), geo, store, n=None, types={"typed"}, seed=0, time_limit_s=None)
        while not original.finished:
            original.answer("Lima")
        retry = original.retry_missed()
        retry.answer("1535")
        assert (retry.results().score, retry.results().total) == (1, 1)
    result = CliRunner().invoke(app, ["stats", str(geo), "--json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    [deck] = json.loads(result.stdout)["decks"]
    assert deck["last_score"] == 0.5  # not 1.0
