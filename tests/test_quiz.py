"""Quiz mode: selection, deterministic shuffles, scoring per fact kind, storage and retry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from quizapp.deck.model import (
    ClozeCard,
    Deck,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    TrueFalseCard,
    TypedCard,
)
from quizapp.storage.db import ReviewStore
from quizapp.study.quiz import QuizSession
from quizapp.study.session import deck_summary

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def fact(kind: str) -> Provenance:
    return Provenance(fact=FactRef(kind=kind))


@pytest.fixture()
def deck() -> Deck:
    return Deck(
        title="History",
        cards=[
            TypedCard(id="who", question="Who discovered radium?", answer="Marie Curie", provenance=fact("person")),
            TypedCard(id="where", question="Where is the Louvre?", answer="Paris", provenance=fact("place")),
            TypedCard(id="when", question="When did WWII end in Europe?", answer="1945-05-08", provenance=fact("date")),
            MultipleChoiceCard(
                id="mc",
                question="Largest ocean?",
                answer="Pacific",
                choices=["Atlantic", "Pacific", "Indian", "Arctic"],
                provenance=fact("place"),
            ),
            TrueFalseCard(id="tf", statement="The Seine flows through Paris.", answer=True, provenance=fact("place")),
            ClozeCard(id="cz", text="The Eiffel Tower opened in {{c1::1889}}.", provenance=fact("date")),
            Flashcard(id="fc", front="Capital of Japan", back="Tokyo"),
        ],
    )


@pytest.fixture()
def store(tmp_path):
    with ReviewStore.open(tmp_path) as opened:
        yield opened


RIGHT = {
    "who": "marie curie",
    "where": "Paris",
    "when": "8 May 1945",
    "mc": "Pacific",
    "tf": True,
    "cz::c1": "1889",
    "fc": True,
}


def test_questions_are_drawn_deterministically_by_seed(deck, store, tmp_path):
    a = QuizSession(deck, tmp_path / "h.yaml", store, n=4, types=None, seed=7, time_limit_s=None)
    b = QuizSession(deck, tmp_path / "h.yaml", store, n=4, types=None, seed=7, time_limit_s=None)
    assert [q.item.item_id for q in a.questions] == [q.item.item_id for q in b.questions]
    assert len(a.questions) == 4 and a.total == 4
    everything = QuizSession(deck, tmp_path / "h.yaml", store, n=None, types=None, seed=1, time_limit_s=None)
    assert {q.item.item_id for q in everything.questions} == set(RIGHT)


def test_a_quiz_asks_one_item_of_each_sibling_group(store, tmp_path):
    mill = "The Harwick tide mill was built by Ansel Brooke in 1791."
    siblings = Deck(
        title="Mills",
        cards=[
            ClozeCard(id="cz", text="{{c1::Marie Curie}} won the prize in {{c2::1903}} and {{c3::1911}}."),
            TypedCard(
                id="who",
                question="Who built the tide mill?",
                answer="Ansel Brooke",
                provenance=Provenance(sentence=mill),
            ),
            TypedCard(
                id="when", question="When was the tide mill built?", answer="1791", provenance=Provenance(sentence=mill)
            ),
            Flashcard(id="fc", front="Capital of Japan", back="Tokyo"),
        ],
    )
    drawn = set()
    for seed in range(12):
        quiz = QuizSession(siblings, tmp_path / "m.yaml", store, n=None, types=None, seed=seed, time_limit_s=None)
        ids = [q.item.item_id for q in quiz.questions]
        assert len(ids) == 3
        assert len([i for i in ids if i.startswith("cz::")]) == 1 and len({"who", "when"} & set(ids)) == 1
        assert "fc" in ids
        drawn.update(ids)
    # Which sibling is asked changes with the draw: none is left out for good.
    assert drawn == {"cz::c1", "cz::c2", "cz::c3", "who", "when", "fc"}


def test_multiple_choice_order_is_shuffled_per_seed_and_item(deck, store, tmp_path):
    orders = set()
    for seed in range(8):
        quiz = QuizSession(
            deck, tmp_path / "h.yaml", store, n=None, types={"multiple_choice"}, seed=seed, time_limit_s=None
        )
        [question] = quiz.questions
        assert sorted(question.choices) == sorted(deck.card_by_id("mc").choices)
        again = QuizSession(
            deck, tmp_path / "h.yaml", store, n=None, types={"multiple_choice"}, seed=seed, time_limit_s=None
        )
        assert again.questions[0].choices == question.choices
        orders.add(tuple(question.choices))
    assert len(orders) > 1


def test_types_filter(deck, store, tmp_path):
    quiz = QuizSession(deck, tmp_path / "h.yaml", store, n=None, types={"typed", "cloze"}, seed=0, time_limit_s=None)
    assert {q.item.card.type for q in quiz.questions} == {"typed", "cloze"}


def test_a_full_quiz_scores_per_kind_and_is_stored(deck, store, tmp_path):
    path = tmp_path / "h.yaml"
    quiz = QuizSession(deck, path, store, n=None, types=None, seed=3, time_limit_s=None)
    wrong = {"where": "Lyon", "cz::c1": "1899"}
    while not quiz.finished:
        item_id = quiz.current.item.item_id
        if item_id == "when":
            quiz.skip()
        else:
            quiz.answer(wrong.get(item_id, RIGHT[item_id]), duration_ms=1000)
    results = quiz.results()
    assert (results.score, results.total) == (4, 7)
    assert results.by_kind["place"].right == 2 and results.by_kind["place"].wrong == 1
    assert results.by_kind["date"].wrong == 2 and results.by_kind["date"].right == 0
    assert results.by_kind["person"].right == 1
    assert results.by_kind["other"].right == 1  # the flashcard
    misses = {m.item_id: m for m in results.misses}
    assert set(misses) == {"where", "when", "cz::c1"}
    assert misses["where"].expected == "Paris" and misses["where"].given == "Lyon"
    assert misses["when"].given is None and misses["when"].expected == "1945-05-08"
    assert misses["cz::c1"].prompt == "The Eiffel Tower opened in [...]."

    [record] = store.quizzes(path)
    assert (record.score, record.total) == (4, 7)
    rows = store.quiz_answers(record.id)
    assert len(rows) == 7 and sum(r.skipped for r in rows) == 1
    assert quiz.results() is results  # stored once
    assert len(store.quizzes(path)) == 1
    # Quizzes leave the schedule alone by default.
    assert store.load_states(path) == {} and store.reviews() == []


def test_multiple_choice_by_number(deck, store, tmp_path):
    quiz = QuizSession(deck, tmp_path / "h.yaml", store, n=None, types={"multiple_choice"}, seed=5, time_limit_s=None)
    number = quiz.questions[0].choices.index("Pacific") + 1
    assert quiz.answer(number).correct


def test_retry_missed(deck, store, tmp_path):
    quiz = QuizSession(deck, tmp_path / "h.yaml", store, n=None, types={"typed"}, seed=2, time_limit_s=None)
    while not quiz.finished:
        item_id = quiz.current.item.item_id
        quiz.answer("nope" if item_id in {"who", "when"} else RIGHT[item_id])
    retry = quiz.retry_missed(quiz.results())
    assert {q.item.item_id for q in retry.questions} == {"who", "when"}
    while not retry.finished:
        retry.answer(RIGHT[retry.current.item.item_id])
    assert retry.results().score == 2
    assert len(store.quizzes(tmp_path / "h.yaml")) == 2


def test_timeout_counts_as_a_miss(deck, store, tmp_path):
    quiz = QuizSession(deck, tmp_path / "h.yaml", store, n=1, types={"typed"}, seed=0, time_limit_s=10)
    quiz.timeout()
    results = quiz.results()
    assert results.score == 0 and results.misses[0].given is None
    assert store.quiz_answers(results.quiz_id)[0].duration_ms == 10_000


def test_finishing_early_counts_the_unanswered_and_says_it_ended_early(deck, store, tmp_path):
    path = tmp_path / "h.yaml"
    quiz = QuizSession(deck, path, store, n=None, types=None, seed=0, time_limit_s=None)
    quiz.answer(RIGHT[quiz.current.item.item_id])
    results = quiz.finish()
    # One right of seven: not "1/1 (100%)".
    assert (results.score, results.total, results.answered, results.ended_early) == (1, 7, 1, True)
    assert results.fraction == pytest.approx(1 / 7)
    assert len(store.quiz_answers(results.quiz_id)) == 1  # only what was asked is stored per question
    [record] = store.quizzes(path)
    assert (record.score, record.total, record.answered, record.ended_early) == (1, 7, 1, True)
    summary = deck_summary(deck, path, store, NOW)
    assert summary.last_score == pytest.approx(1 / 7)


def test_a_retry_of_the_misses_is_its_own_result_not_the_decks_last_score(deck, store, tmp_path):
    path = tmp_path / "h.yaml"
    quiz = QuizSession(deck, path, store, n=None, types={"typed"}, seed=2, time_limit_s=None)
    while not quiz.finished:
        item_id = quiz.current.item.item_id
        quiz.answer("nope" if item_id == "who" else RIGHT[item_id])
    assert (quiz.results().score, quiz.results().total) == (2, 3)
    retry = quiz.retry_missed(quiz.results())
    retry.answer(RIGHT["who"])
    assert retry.finished
    results = retry.results()
    assert (results.score, results.total, results.retry, results.ended_early) == (1, 1, True, False)
    assert [(q.score, q.total, q.retry) for q in store.quizzes(path)] == [(2, 3, False), (1, 1, True)]
    # Home and ``stats --json`` show the deck's last quiz: 2/3, not the retry's 1/1.
    assert deck_summary(deck, path, store, NOW).last_score == pytest.approx(2 / 3)


def test_update_schedule_records_reviews(deck, store, tmp_path):
    path = tmp_path / "h.yaml"
    quiz = QuizSession(
        deck, path, store, n=None, types={"typed"}, seed=0, time_limit_s=None, update_schedule=True, clock=lambda: NOW
    )
    while not quiz.finished:
        quiz.answer(RIGHT[quiz.current.item.item_id])
    reviews = store.reviews(path)
    assert len(reviews) == 3 and all(r.correct for r in reviews) and {r.rating for r in reviews} == {3}
    assert set(store.load_states(path)) == {"who", "where", "when"}


def test_an_answer_the_database_refuses_leaves_the_question_unanswered(deck, store, tmp_path, monkeypatch):
    from quizapp.errors import StorageError

    quiz = QuizSession(
        deck, tmp_path / "h.yaml", store, n=None, types={"typed"}, seed=0, update_schedule=True, clock=lambda: NOW
    )
    question = quiz.current

    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("cannot write to the review database: database is locked")

    monkeypatch.setattr(store, "record_review", locked)
    with pytest.raises(StorageError):
        quiz.answer(RIGHT[question.item.item_id])
    assert quiz.current is question and quiz.index == 0 and quiz.score == 0
    monkeypatch.delattr(store, "record_review")  # the database accepts writes again
    quiz.answer(RIGHT[question.item.item_id])
    assert quiz.index == 1 and quiz.score == 1


def test_a_result_the_database_refuses_still_scores_and_is_stored_on_the_next_try(deck, store, tmp_path, monkeypatch):
    from quizapp.errors import StorageError

    path = tmp_path / "h.yaml"
    quiz = QuizSession(deck, path, store, n=None, types={"typed"}, seed=0, clock=lambda: NOW)

    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("cannot write to the review database: database is locked")

    monkeypatch.setattr(store, "save_quiz", locked)
    while not quiz.finished:
        quiz.answer(RIGHT[quiz.current.item.item_id])
    results = quiz.results()
    assert results.score == 3 and results.quiz_id is None and isinstance(quiz.save_error, StorageError)
    monkeypatch.delattr(store, "save_quiz")
    assert quiz.results() is results and results.quiz_id is not None and quiz.save_error is None
    assert [(q.score, q.total) for q in store.quizzes(path)] == [(3, 3)]


def test_a_quiz_leaves_suspended_items_out(deck, store, tmp_path):
    path = tmp_path / "h.yaml"
    store.suspend(path, ["who", "cz::c1"], NOW)
    quiz = QuizSession(deck, path, store, n=None, types=None, seed=3, time_limit_s=None)
    assert {q.item.item_id for q in quiz.questions} == set(RIGHT) - {"who", "cz::c1"}
