"""Study sessions: queue order, daily new limit, re-queue of lapses, undo, quit and resume."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State

from quizapp.deck.model import ClozeCard, Deck, Flashcard, Provenance, TypedCard
from quizapp.storage.db import ReviewStore
from quizapp.study.scheduling import Settings
from quizapp.study.session import StudySession, deck_summary

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4


def make_deck(n: int = 6) -> Deck:
    cards = [TypedCard(id=f"q{i}", question=f"Question {i}?", answer=f"Answer {i}") for i in range(n)]
    return Deck(title="Numbers", cards=cards)


@pytest.fixture()
def store(tmp_path):
    with ReviewStore.open(tmp_path) as opened:
        yield opened


def ids(items) -> list[str]:
    return [item.item_id for item in items]


def settings(**changes) -> Settings:
    return Settings(enable_fuzzing=False, **changes)


def test_new_items_are_limited_per_day(store, tmp_path):
    session = StudySession(make_deck(6), tmp_path / "d.yaml", store, settings(new_per_day=4), NOW)
    assert ids(session.queue) == ["q0", "q1", "q2", "q3"]
    assert (session.position, session.total, session.finished) == (0, 4, False)


def test_new_items_introduced_today_count_against_the_limit(store, tmp_path):
    deck = make_deck(6)
    first = StudySession(deck, tmp_path / "d.yaml", store, settings(new_per_day=4), NOW)
    first.answer(EASY)
    first.answer(EASY)
    # Later the same day: two of the four new items were used.
    later = StudySession(deck, tmp_path / "d.yaml", store, settings(new_per_day=4), NOW + timedelta(hours=1))
    assert ids(later.queue) == ["q2", "q3"]
    # Tomorrow the allowance is back (the easy items are not due yet).
    tomorrow = StudySession(deck, tmp_path / "d.yaml", store, settings(new_per_day=4), NOW + timedelta(days=1))
    assert ids(tomorrow.queue) == ["q2", "q3", "q4", "q5"]


def test_due_items_come_first_earliest_first(store, tmp_path):
    deck = make_deck(5)
    first = StudySession(deck, tmp_path / "d.yaml", store, settings(new_per_day=3), NOW)
    first.answer(EASY)  # q0: longest interval
    first.answer(GOOD)  # q1: learning step
    first.answer(EASY)  # q2
    while not first.finished:  # q1 comes back in this session (10 minute step)
        first.answer(GOOD)
    intervals = {i: store.get_state(tmp_path / "d.yaml", i).due for i in ("q0", "q1", "q2")}
    far = datetime.fromtimestamp(max(intervals.values()), UTC) + timedelta(days=1)
    later = StudySession(deck, tmp_path / "d.yaml", store, settings(new_per_day=3), far)
    due_order = sorted(intervals, key=lambda i: (intervals[i], i))
    assert ids(later.queue) == due_order + ["q3", "q4"]


def test_a_lapse_is_asked_again_in_the_same_session(store, tmp_path):
    session = StudySession(make_deck(2), tmp_path / "d.yaml", store, settings(), NOW)
    session.answer(AGAIN)  # q0 due again in one minute: back at the end of the queue
    assert ids(session.queue) == ["q0", "q1", "q0"]
    session.answer(EASY)
    assert session.current.item_id == "q0"
    session.answer(EASY)  # graduates: not re-queued
    assert session.finished
    assert store.get_state(tmp_path / "d.yaml", "q0").state == int(State.Review)


def test_undo_restores_the_previous_state_exactly(store, tmp_path):
    deck = make_deck(2)
    path = tmp_path / "d.yaml"
    session = StudySession(deck, path, store, settings(), NOW)
    session.answer(EASY)
    before = store.get_state(path, "q0")
    session_2 = StudySession(deck, path, store, settings(), datetime.fromtimestamp(before.due, UTC))
    assert session_2.current.item_id == "q0"
    session_2.answer(AGAIN, response="wrong", correct=False)
    assert store.get_state(path, "q0") != before
    assert ids(session_2.queue)[-1] == "q0"  # re-queued lapse

    undone = session_2.undo()
    assert undone.item_id == "q0"
    assert store.get_state(path, "q0") == before
    assert session_2.current.item_id == "q0"
    assert ids(session_2.queue).count("q0") == 1  # the re-queued copy is gone
    assert len(store.reviews(path, "q0")) == 1
    assert session_2.undo() is None  # nothing more to undo in this session


def test_undo_of_a_new_item_makes_it_new_again(store, tmp_path):
    path = tmp_path / "d.yaml"
    session = StudySession(make_deck(2), path, store, settings(), NOW)
    session.answer(GOOD)
    session.answer(GOOD)
    assert session.undo().item_id == "q1"
    assert session.undo().item_id == "q0"
    assert session.position == 0 and session.total == 2
    assert store.load_states(path) == {} and store.reviews() == []
    assert store.count_introduced_since(path, NOW - timedelta(days=1)) == 0


def test_quit_mid_session_and_resume_with_nothing_lost(tmp_path):
    deck = make_deck(5)
    path = tmp_path / "d.yaml"
    store = ReviewStore.open(tmp_path)
    session = StudySession(deck, path, store, settings(new_per_day=5), NOW)
    session.answer(EASY, response="Answer 0", correct=True)
    session.answer(EASY, response="Answer 1", correct=True)
    # Quit without finishing (and without closing the store, as after a kill).
    resumed_store = ReviewStore.open(tmp_path)
    resumed = StudySession(deck, path, resumed_store, settings(new_per_day=5), NOW + timedelta(minutes=5))
    assert ids(resumed.queue) == ["q2", "q3", "q4"]
    assert len(resumed_store.reviews(path)) == 2
    resumed_store.close()
    store.close()


def test_learning_items_due_soon_are_picked_up_on_resume(store, tmp_path):
    deck = make_deck(2)
    path = tmp_path / "d.yaml"
    session = StudySession(deck, path, store, settings(new_per_day=2), NOW)
    session.answer(AGAIN)  # q0 due in 1 minute
    resumed = StudySession(deck, path, store, settings(new_per_day=2), NOW)
    # q0 is within the learn-ahead window; q1 is still new and allowed.
    assert ids(resumed.queue) == ["q0", "q1"]


def test_each_cloze_deletion_is_its_own_item(store, tmp_path):
    deck = Deck(title="Cloze", cards=[ClozeCard(id="c", text="{{c1::Marie Curie}} won in {{c2::1903}}")])
    session = StudySession(deck, tmp_path / "c.yaml", store, settings(bury_siblings=False), NOW)
    assert ids(session.queue) == ["c::c1", "c::c2"]
    session.answer(EASY)
    assert set(store.load_states(tmp_path / "c.yaml")) == {"c::c1"}


# --- siblings: the deletions of one cloze card, the cards of one source sentence ---------------------------------


def sentence_card(card_id: str, question: str, answer: str, sentence: str, source: str = "tide.md") -> TypedCard:
    return TypedCard(
        id=card_id,
        question=question,
        answer=answer,
        provenance=Provenance(source=source, sentence=sentence),
    )


SENTENCE = "The Harwick tide mill was built by Ansel Brooke in 1791."


def sibling_deck() -> Deck:
    return Deck(
        title="Siblings",
        cards=[
            ClozeCard(id="c", text="{{c1::Marie Curie}} won in {{c2::1903}}"),
            sentence_card("who", "Who built the Harwick tide mill?", "Ansel Brooke", SENTENCE),
            sentence_card("when", "When was the Harwick tide mill built?", "1791", SENTENCE),
            # The same sentence in another source is no sibling.
            sentence_card("other", "When was the Harwick tide mill built?", "1791", SENTENCE, source="mills.md"),
            TypedCard(id="plain", question="Who wrote Middlemarch?", answer="George Eliot"),
        ],
    )


def test_siblings_wait_until_tomorrow(store, tmp_path):
    path = tmp_path / "s.yaml"
    deck = sibling_deck()
    session = StudySession(deck, path, store, settings(), NOW)
    assert ids(session.queue) == ["c::c1", "who", "other", "plain"]
    assert session.buried == 2
    assert session.new_waiting() == 0  # buried items are not "held back by the limit" (m would not add them)
    assert session.study_more(10) == 0
    for _ in range(4):
        session.answer(EASY)
    # Later the same day the buried siblings still wait: their siblings were asked today.
    later = StudySession(deck, path, store, settings(), NOW + timedelta(hours=1))
    assert "c::c2" not in ids(later.queue) and "when" not in ids(later.queue)
    tomorrow = StudySession(deck, path, store, settings(), NOW + timedelta(days=1))
    assert ids(tomorrow.queue) == ["c::c2", "when"]
    assert tomorrow.buried == 0


def test_buried_new_siblings_do_not_use_the_daily_allowance(store, tmp_path):
    session = StudySession(sibling_deck(), tmp_path / "s.yaml", store, settings(new_per_day=3), NOW)
    assert ids(session.queue) == ["c::c1", "who", "other"]
    assert session.new_waiting() == 1  # "plain", held back by the limit; the two siblings are not counted
    assert session.study_more(5) == 1 and ids(session.queue)[-1] == "plain"


def test_a_due_review_buries_its_new_sibling(store, tmp_path):
    path = tmp_path / "s.yaml"
    deck = sibling_deck()
    first = StudySession(deck, path, store, settings(), NOW)
    first.answer(EASY)  # c::c1 goes to review, days away
    due_day = store.get_state(path, "c::c1").fsrs_card().due
    session = StudySession(deck, path, store, settings(), due_day + timedelta(minutes=1))
    assert ids(session.queue)[0] == "c::c1"
    assert "c::c2" not in ids(session.queue)


def test_a_review_sibling_waits_when_its_sibling_was_studied_today(store, tmp_path):
    path = tmp_path / "s.yaml"
    deck = sibling_deck()
    first = StudySession(deck, path, store, settings(bury_siblings=False), NOW)
    first.answer(EASY)  # c::c1
    first.answer(EASY)  # c::c2
    both_due = max(store.get_state(path, i).fsrs_card().due for i in ("c::c1", "c::c2")) + timedelta(minutes=1)
    session = StudySession(deck, path, store, settings(new_per_day=0), both_due)
    assert len([i for i in ids(session.queue) if i.startswith("c::")]) == 1
    assert session.buried == 1
    session.answer(GOOD)
    later = StudySession(deck, path, store, settings(new_per_day=0), both_due + timedelta(minutes=30))
    assert not [i for i in ids(later.queue) if i.startswith("c::")]


def test_learning_steps_are_never_buried(store, tmp_path):
    path = tmp_path / "s.yaml"
    session = StudySession(sibling_deck(), path, store, settings(), NOW)
    session.answer(AGAIN)  # c::c1 lapses into a learning step and comes back in this session
    assert ids(session.queue).count("c::c1") == 2
    later = StudySession(sibling_deck(), path, store, settings(), NOW + timedelta(minutes=15))
    assert ids(later.queue)[0] == "c::c1"
    assert "c::c2" not in ids(later.queue)


def test_burying_can_be_turned_off(store, tmp_path):
    session = StudySession(sibling_deck(), tmp_path / "s.yaml", store, settings(bury_siblings=False), NOW)
    assert ids(session.queue) == ["c::c1", "c::c2", "who", "when", "other", "plain"]
    assert session.buried == 0


def test_intervals_are_shown_for_the_current_item(store, tmp_path):
    session = StudySession(make_deck(1), tmp_path / "d.yaml", store, settings(), NOW)
    preview = session.intervals()
    assert preview[1] == timedelta(minutes=1) and preview[4] >= timedelta(days=1)
    session.answer(EASY)
    assert session.intervals() == {}


def test_answer_after_the_end_and_invalid_rating_are_errors(store, tmp_path):
    session = StudySession(make_deck(1), tmp_path / "d.yaml", store, settings(), NOW)
    with pytest.raises(ValueError):
        session.answer(5)
    session.answer(EASY)
    with pytest.raises(ValueError):
        session.answer(EASY)


def test_deck_summary(store, tmp_path):
    deck = Deck(
        title="Mixed",
        cards=[
            TypedCard(id="t", question="Capital of Chile?", answer="Santiago"),
            Flashcard(id="f", front="front", back="back"),
            ClozeCard(id="c", text="{{c1::a}} {{c2::b}}"),
        ],
    )
    path = tmp_path / "m.yaml"
    session = StudySession(deck, path, store, settings(new_per_day=3), NOW)
    session.answer(EASY, response="Santiago", correct=True)
    session.answer(AGAIN)  # flashcard, self-graded: no verdict
    session.answer(AGAIN, response="x", correct=False)
    summary = deck_summary(deck, path, store, NOW + timedelta(minutes=30), settings(new_per_day=3))
    assert (summary.cards, summary.items) == (3, 4)
    assert summary.due == 2  # the two lapses
    assert summary.new == 1 and summary.new_today == 0  # limit of 3 used today
    assert (summary.reviews, summary.graded, summary.correct) == (3, 2, 1)
    assert summary.accuracy == 0.5
    assert summary.mastery == 0.25  # one of four items is in long-term review
    assert summary.last_score is None


def test_review_items_wait_until_due_unlike_learning_items(store, tmp_path):
    deck = make_deck(1)
    path = tmp_path / "d.yaml"
    StudySession(deck, path, store, settings(new_per_day=1), NOW).answer(EASY)  # graduates to review
    due = datetime.fromtimestamp(store.get_state(path, "q0").due, UTC)
    early = StudySession(deck, path, store, settings(new_per_day=1), due - timedelta(minutes=5))
    assert early.queue == []
    assert deck_summary(deck, path, store, due - timedelta(minutes=5)).due == 0
    assert ids(StudySession(deck, path, store, settings(new_per_day=1), due).queue) == ["q0"]
    assert deck_summary(deck, path, store, due).due == 1


def test_the_session_grades_its_current_item_and_leaves_flashcards_to_the_learner(store, tmp_path):
    deck = Deck(
        title="Mixed",
        cards=[
            TypedCard(id="t", question="Capital of Peru?", answer="Lima"),
            Flashcard(id="f", front="Front", back="Back"),
        ],
    )
    session = StudySession(deck, tmp_path / "d.yaml", store, settings(), NOW)
    grade = session.grade("lima")
    assert grade is not None and grade.correct and grade.given == "lima"
    assert not session.grade("Cusco").correct
    session.answer(EASY, response=grade.given, correct=grade.correct)
    assert session.grade(None) is None  # the flashcard
    session.answer(EASY)
    with pytest.raises(ValueError):
        session.grade("anything")


# --- suspending an item ------------------------------------------------------------------------------------------


def test_a_suspended_item_leaves_the_session_and_later_ones_until_unsuspended(store, tmp_path):
    path = tmp_path / "d.yaml"
    deck = make_deck(4)
    session = StudySession(deck, path, store, settings(new_per_day=3), NOW)
    assert ids(session.queue) == ["q0", "q1", "q2"]
    session.answer(AGAIN)  # q0 comes back in this session
    assert session.current.item_id == "q1"
    assert session.suspend().item_id == "q1"
    assert ids(session.queue) == ["q0", "q2", "q0"] and session.current.item_id == "q2"
    assert session.answered == 1
    # A suspended item does not use the day's new items: q3 takes its place in the next session.
    later = StudySession(deck, path, store, settings(new_per_day=3), NOW + timedelta(minutes=1))
    assert "q1" not in ids(later.queue) and "q3" in ids(later.queue)
    assert later.new_waiting() == 0
    summary = deck_summary(deck, path, store, NOW + timedelta(minutes=1), settings(new_per_day=3))
    assert (summary.suspended, summary.new) == (1, 2)  # q2 and q3 are new; q1 is neither new nor due
    store.unsuspend(path, ["q1"])
    tomorrow = StudySession(deck, path, store, settings(new_per_day=3), NOW + timedelta(days=1))
    assert "q1" in ids(tomorrow.queue)


def test_a_suspended_learning_step_leaves_the_queue_and_its_state_is_kept(store, tmp_path):
    path = tmp_path / "d.yaml"
    session = StudySession(make_deck(2), path, store, settings(), NOW)
    session.answer(AGAIN)  # q0, re-queued at the end
    state = store.get_state(path, "q0")
    session.answer(EASY)  # q1
    assert session.current.item_id == "q0"
    session.suspend()
    assert session.finished and ids(session.queue) == ["q0", "q1"]
    assert store.get_state(path, "q0") == state  # suspending is not a review


def test_undo_takes_a_suspension_back(store, tmp_path):
    path = tmp_path / "d.yaml"
    session = StudySession(make_deck(3), path, store, settings(), NOW)
    session.answer(EASY)
    session.suspend()  # q1
    assert session.undo().item_id == "q1"
    assert session.current.item_id == "q1" and ids(session.queue) == ["q0", "q1", "q2"]
    assert store.suspended_ids(path) == set()
    assert session.undo().item_id == "q0"  # then the answer before it
    assert session.current.item_id == "q0" and store.reviews(path) == []


# --- burying an item by hand -------------------------------------------------------------------------------------


def test_a_buried_item_waits_until_after_midnight_and_undo_takes_it_back(store, tmp_path):
    path = tmp_path / "d.yaml"
    deck = make_deck(3)
    session = StudySession(deck, path, store, settings(new_per_day=2), NOW)
    assert session.bury().item_id == "q0"
    assert ids(session.queue) == ["q1"]
    assert session.undo().item_id == "q0" and ids(session.queue) == ["q0", "q1"]
    session.bury()
    later = StudySession(deck, path, store, settings(new_per_day=2), NOW + timedelta(hours=1))
    assert "q0" not in ids(later.queue) and "q2" in ids(later.queue)  # the day's new items are not used up
    summary = deck_summary(deck, path, store, NOW + timedelta(hours=1), settings(new_per_day=2))
    assert summary.new == 2  # q1 and q2: the buried one is not new today
    tomorrow = StudySession(deck, path, store, settings(new_per_day=3), NOW + timedelta(days=1))
    assert ids(tomorrow.queue) == ["q0", "q1", "q2"]


def test_a_buried_review_is_not_counted_due_today(store, tmp_path):
    path = tmp_path / "d.yaml"
    deck = make_deck(1)
    StudySession(deck, path, store, settings(), NOW).answer(EASY)
    due_day = store.get_state(path, "q0").fsrs_card().due
    session = StudySession(deck, path, store, settings(), due_day)
    assert deck_summary(deck, path, store, due_day, settings()).due == 1
    session.bury()
    assert deck_summary(deck, path, store, due_day, settings()).due == 0
    assert StudySession(deck, path, store, settings(), due_day + timedelta(days=1)).queue
