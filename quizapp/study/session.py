"""A spaced-repetition study session over one deck.

The queue is the items due now (earliest first), then new items up to the
daily limit (items already introduced today count against it). Every answer
is stored at once with the item's new fsrs state, so quitting at any point and
starting a new session later resumes exactly where the learner was. Items that
fsrs brings back within the learn-ahead window (a lapse, a learning step) are
queued again in the same session, as Anki does with learning cards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from fsrs import Card, Rating, Scheduler, State
from pydantic import BaseModel

from quizapp.deck.cache import paused_gc
from quizapp.deck.items import ItemKey, deck_items
from quizapp.deck.model import AnyCard, ClozeCard, Deck, StudyItem, TypedCard
from quizapp.storage.db import ItemState, ReviewStore, timestamp
from quizapp.study.grading import Grade, deck_answers, grade_item
from quizapp.study.overview import is_due
from quizapp.study.scheduling import Settings, make_scheduler, new_card, preview_intervals, utc


def start_of_day(moment: datetime) -> datetime:
    """Local midnight before ``moment`` (the daily new-card limit resets then), as UTC."""
    local = utc(moment).astimezone()
    return utc(local.replace(hour=0, minute=0, second=0, microsecond=0))


@dataclass
class _Answered:
    """What undo needs to take an answer back."""

    index: int
    item: StudyItem
    review_id: int
    previous: ItemState | None
    requeued: bool


@dataclass
class _SetAside:
    """What undo needs to take a suspension or a burial back: the item and where it stood in the queue."""

    index: int
    item: StudyItem
    positions: list[int]
    how: Literal["suspended", "buried"]


class StudySession:
    """Due items, then new ones; answer with a rating; undo; quit any time."""

    def __init__(
        self,
        deck: Deck,
        deck_path: Path | str,
        store: ReviewStore,
        settings: Settings | None = None,
        now: datetime | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ):
        self.deck = deck
        self.deck_path = Path(deck_path)
        self.store = store
        self.settings = settings or Settings()
        self.scheduler: Scheduler = make_scheduler(self.settings)
        # A fixed ``now`` (tests, benchmarks) freezes the session's clock; otherwise it is the wall clock.
        fixed = utc(now) if now is not None else None
        self._clock: Callable[[], datetime] = clock or ((lambda: fixed) if fixed else (lambda: utc()))
        self.started_at = self._clock()
        store.touch_deck(self.deck_path, deck.title, self.started_at)

        # Only the ids of the scheduled items are read up front (to tell new items apart); full
        # fsrs states are fetched per item when needed, so a 50,000-item deck opens without
        # parsing 50,000 fsrs cards.
        self._scheduled: set[str] = store.scheduled_ids(self.deck_path)
        self._suspended: set[str] = store.suspended_ids(self.deck_path)
        #: Suspended items, and items buried by hand until later than now: kept out of this session.
        self._held: set[str] = self._suspended | store.buried_ids(self.deck_path, self._clock())
        self._states: dict[str, ItemState] = {}
        self.new_in_queue = 0  # counted by _build_queue
        #: Sibling group -> ids of its items asked today (earlier today or in this session's queue).
        self._asked_groups: dict[str, set[str]] = {}
        self._groups: dict[int, str] = {}  # id(card) -> its sibling group (the deck keeps its cards alive)
        self.buried = 0  # items left for tomorrow because a sibling is asked today (counted by _build_queue)
        with paused_gc():  # thousands of items at once, none of them garbage
            self.queue: list[StudyItem] = self._build_queue(self.started_at)
        self._index = 0
        self._history: list[_Answered | _SetAside] = []
        if any(isinstance(item.card, (TypedCard, ClozeCard)) for item in self.queue):
            # Index the deck's answers now (typo checks compare against all of them), so that
            # answering stays instant even on a 50,000-card deck.
            deck_answers(deck)

    # --- building the queue ----------------------------------------------------------------------

    def _build_queue(self, now: datetime) -> list[StudyItem]:
        """The items due (earliest first, deck order among equals), then new ones up to the daily limit.

        The database picks the due items (a range scan of its due index, with :func:`is_due`'s
        rule in SQL), so the items not due now are never looked at; new items are the first
        unscheduled ones in deck order.

        With ``bury_siblings`` a review or new item whose sibling (see :meth:`sibling_group`) was asked
        earlier today or comes earlier in the queue waits until tomorrow, as Anki buries siblings; items
        in a learning step are never buried, since their steps are minutes apart.
        """
        start = start_of_day(now)
        cutoff, horizon = timestamp(now), timestamp(now + timedelta(minutes=self.settings.learn_ahead_minutes))
        introduced_today = self.store.count_introduced_since(self.deck_path, start)
        allowance = max(0, self.settings.new_per_day - introduced_today)
        items = deck_items(self.deck)
        position = items.position
        keys = items.keys
        if self.settings.bury_siblings:
            for item_id in self.store.reviewed_since(self.deck_path, start):
                where = position.get(item_id)
                if where is not None:
                    self._note_asked(keys[where][0], item_id)
        due: list[tuple[float, int, int]] = []
        for item_id, due_at, state in self.store.due_now(self.deck_path, cutoff, horizon, int(State.Review)):
            where = position.get(item_id)
            # States of items no longer in the deck are kept, not studied; suspended items wait.
            if where is not None and item_id not in self._held:
                due.append((due_at, where, state))
        due.sort()
        queue = []
        for _, where, state in due:
            key = keys[where]
            if state != State.Review:
                self._note_asked(key[0], key[1])  # a learning step is never buried, but its siblings wait
            elif self._bury(key):
                continue
            queue.append(StudyItem.of(*key))
        if allowance:
            scheduled = self._scheduled
            new = 0
            for key in keys:
                if key[1] not in scheduled and key[1] not in self._held and not self._bury(key):
                    queue.append(StudyItem.of(*key))
                    new += 1
                    if new == allowance:
                        break
            self.new_in_queue = new
        return queue

    def _bury(self, key: ItemKey) -> bool:
        """Whether the item waits for tomorrow because a sibling is asked today (counted in ``buried``);
        if not, it is noted as asked, so that its own siblings wait."""
        card, item_id, _cloze = key
        if self._is_buried(card, item_id):
            self.buried += 1
            return True
        self._note_asked(card, item_id)
        return False

    def _note_asked(self, card: AnyCard, item_id: str) -> None:
        if self.settings.bury_siblings:
            self._asked_groups.setdefault(self._group_of(card), set()).add(item_id)

    def _group_of(self, card: AnyCard) -> str:
        """The card's sibling group, worked out once per card (a derived card id hashes the card's text)."""
        group = self._groups.get(id(card))
        if group is None:
            group = self._groups[id(card)] = card.sibling_group()
        return group

    # --- progress --------------------------------------------------------------------------------

    @property
    def current(self) -> StudyItem | None:
        return self.queue[self._index] if self._index < len(self.queue) else None

    @property
    def position(self) -> int:
        """How many items of the queue have been answered."""
        return self._index

    @property
    def total(self) -> int:
        return len(self.queue)

    @property
    def finished(self) -> bool:
        return self._index >= len(self.queue)

    @property
    def answered(self) -> int:
        return sum(1 for done in self._history if isinstance(done, _Answered))

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    @property
    def items_total(self) -> int:
        """Distinct items in this session (an item asked again after a lapse counts once)."""
        return len({item.item_id for item in self.queue})

    @property
    def items_reached(self) -> int:
        """Distinct items shown so far, the current one included: the counter's "N" of "N/total"."""
        return len({item.item_id for item in self.queue[: self._index + 1]})

    def is_repeat(self, item: StudyItem) -> bool:
        """Whether the current ``item`` was already asked earlier in this session (a learning step)."""
        return any(seen.item_id == item.item_id for seen in self.queue[: self._index])

    def new_waiting(self) -> int:
        """New items of the deck held back by today's new-card limit (neither studied nor in this session)."""
        queued = {item.item_id for item in self.queue}
        return sum(
            1
            for card, item_id, _cloze in self.deck.item_keys()
            if item_id not in self._scheduled
            and item_id not in queued
            and item_id not in self._held
            and not self._is_buried(card, item_id)
        )

    def _is_buried(self, card: AnyCard, item_id: str) -> bool:
        if not self._asked_groups:  # nothing asked yet (or burying is off): nothing is buried
            return False
        return bool(self._asked_groups.get(self._group_of(card), set()) - {item_id})

    def study_more(self, count: int) -> int:
        """Add up to ``count`` new items past today's limit to the end of the session (Anki's custom study).

        Returns how many were added.
        """
        queued = {item.item_id for item in self.queue}
        added = 0
        for card, item_id, cloze_index in self.deck.item_keys():
            if added >= count:
                break
            if item_id in self._scheduled or item_id in queued or item_id in self._held:
                continue
            if self._is_buried(card, item_id):
                continue
            self._note_asked(card, item_id)  # so that its siblings wait
            self.queue.append(StudyItem(item_id=item_id, card=card, cloze_index=cloze_index))
            added += 1
        self.new_in_queue += added
        return added

    # --- scheduling ------------------------------------------------------------------------------

    def state_of(self, item: StudyItem) -> ItemState | None:
        """The item's stored scheduling state (None while it is new)."""
        if item.item_id not in self._scheduled:
            return None
        state = self._states.get(item.item_id)
        if state is None:
            state = self.store.get_state(self.deck_path, item.item_id)
            if state is not None:
                self._states[item.item_id] = state
        return state

    def fsrs_card(self, item: StudyItem) -> Card | None:
        state = self.state_of(item)
        return state.fsrs_card() if state else None

    def is_new(self, item: StudyItem) -> bool:
        return item.item_id not in self._scheduled

    def intervals(self, item: StudyItem | None = None) -> dict[int, timedelta]:
        """Time until the item comes back for each rating 1..4, to show before choosing."""
        item = item or self.current
        if item is None:
            return {}
        return preview_intervals(self.fsrs_card(item), self._clock(), self.scheduler)

    def grade(self, response: str | bool | None) -> Grade | None:
        """The verdict on a response to the current item; None for a flashcard, which the learner judges."""
        item = self.current
        if item is None:
            raise ValueError("the session is finished: there is no item to grade")
        return grade_item(item, response, self.deck)

    def answer(
        self,
        rating: int,
        *,
        response: str | None = None,
        correct: bool | None = None,
        duration_ms: int | None = None,
    ) -> None:
        """Rate the current item (1 Again … 4 Easy), store it at once and move on."""
        item = self.current
        if item is None:
            raise ValueError("the session is finished: there is no item to answer")
        now = self._clock()
        previous = self.state_of(item)
        review_id, new_state, reviewed = review_item(
            self.store,
            self.scheduler,
            self.deck_path,
            item,
            rating,
            now=now,
            previous=previous,
            response=response,
            correct=correct,
            duration_ms=duration_ms,
        )
        self._states[item.item_id] = new_state
        self._scheduled.add(item.item_id)
        comes_back_soon = reviewed.state in (State.Learning, State.Relearning) and reviewed.due <= now + timedelta(
            minutes=self.settings.learn_ahead_minutes
        )
        # Anything fsrs wants to see again within a short learning step is asked again this session.
        requeue = comes_back_soon
        if requeue:
            self.queue.append(item)
        self._history.append(_Answered(self._index, item, review_id, previous, requeue))
        self._index += 1

    def suspend(self) -> StudyItem:
        """Suspend the current item (Anki's suspend): stored at once, it leaves this session (a re-queued
        learning step too) and every later one until it is unsuspended in Browse. Its schedule is untouched.
        Undo takes it back."""
        item = self.current
        if item is None:
            raise ValueError("the session is finished: there is no item to suspend")
        self.store.suspend(self.deck_path, [item.item_id], self._clock())
        self._suspended.add(item.item_id)
        return self._set_aside(item, "suspended")

    def bury(self) -> StudyItem:
        """Bury the current item until tomorrow (Anki's bury): stored at once, it leaves today's sessions and
        comes back after the next local midnight. Its schedule is untouched. Undo takes it back."""
        item = self.current
        if item is None:
            raise ValueError("the session is finished: there is no item to bury")
        now = self._clock()
        tomorrow = start_of_day(now + timedelta(days=1))
        self.store.bury(self.deck_path, [item.item_id], now, tomorrow)
        return self._set_aside(item, "buried")

    def _set_aside(self, item: StudyItem, how: Literal["suspended", "buried"]) -> StudyItem:
        self._held.add(item.item_id)
        positions = [at for at in range(self._index, len(self.queue)) if self.queue[at].item_id == item.item_id]
        for at in reversed(positions):
            del self.queue[at]
        self._history.append(_SetAside(self._index, item, positions, how))
        return item

    def undo(self) -> StudyItem | None:
        """Take back the last answer (its review is deleted and the item's state restored exactly), or the
        last suspension or burial."""
        if not self._history:
            return None
        last = self._history.pop()
        if isinstance(last, _SetAside):
            if last.how == "suspended":
                self.store.unsuspend(self.deck_path, [last.item.item_id])
                self._suspended.discard(last.item.item_id)
            else:
                self.store.unbury(self.deck_path, [last.item.item_id])
            self._held.discard(last.item.item_id)
            for at in last.positions:
                self.queue.insert(at, last.item)
            self._index = last.index
            return last.item
        self.store.undo_review(last.review_id)
        if last.previous is None:
            self._states.pop(last.item.item_id, None)
            self._scheduled.discard(last.item.item_id)
        else:
            self._states[last.item.item_id] = last.previous
        if last.requeued:
            # The re-queued copy is the last one of this item in the queue.
            for position in range(len(self.queue) - 1, last.index, -1):
                if self.queue[position].item_id == last.item.item_id:
                    del self.queue[position]
                    break
        self._index = last.index
        return last.item


_UNKNOWN = object()


def review_item(
    store: ReviewStore,
    scheduler: Scheduler,
    deck_path: Path | str,
    item: StudyItem,
    rating: int,
    *,
    now: datetime,
    previous: ItemState | None | object = _UNKNOWN,
    response: str | None = None,
    correct: bool | None = None,
    duration_ms: int | None = None,
) -> tuple[int, ItemState, Card]:
    """Schedule one answer with fsrs and store it (review + new state, one transaction).

    Returns the review id, the stored state and the reviewed fsrs card.
    """
    now = utc(now)
    if previous is _UNKNOWN:
        previous = store.get_state(deck_path, item.item_id)
    assert previous is None or isinstance(previous, ItemState)
    card = previous.fsrs_card() if previous else new_card()
    reviewed, _log = scheduler.review_card(card, Rating(int(rating)), now, review_duration=duration_ms)
    introduced = previous.introduced_at if previous else timestamp(now)
    new_state = ItemState.from_card(item.item_id, item.card_id, reviewed, introduced)
    review_id = store.record_review(
        deck_path,
        new_state,
        previous=previous,
        reviewed_at=now,
        rating=int(rating),
        answer=response,
        correct=correct,
        duration_ms=duration_ms,
        kind=item.card.fact_kind,
    )
    return review_id, new_state, reviewed


class DeckSummary(BaseModel):
    """A deck at a glance, for the home screen and ``quizapp stats``."""

    title: str
    path: str
    cards: int
    items: int
    due: int  # items a session would show now (learning items within the learn-ahead window included)
    new: int  # items never studied
    new_today: int  # new items a session would introduce now (daily limit applied)
    reviews: int
    correct: int
    graded: int  # reviews with a right/wrong verdict (self-graded flashcards have none)
    accuracy: float | None
    last_score: float | None  # last quiz score, 0..1
    mastery: float  # share of items in long-term review and not yet due, 0..1
    suspended: int = 0  # items kept out of study until unsuspended (counted in neither due nor new)


def scheduled_in_deck(deck: Deck, deck_path: Path | str, store: ReviewStore) -> list[tuple[float, int]]:
    """(due, fsrs state) of every scheduled item of the deck; states of items no longer in it, and of
    suspended items, are left out."""
    position = deck_items(deck).position
    suspended = store.suspended_ids(deck_path)
    return [
        (due, state)
        for item_id, due, state in store.schedule_rows(deck_path)
        if item_id in position and item_id not in suspended
    ]


def deck_summary(
    deck: Deck,
    deck_path: Path | str,
    store: ReviewStore,
    now: datetime | None = None,
    settings: Settings | None = None,
    *,
    scheduled: list[tuple[float, int]] | None = None,
) -> DeckSummary:
    """The deck at a glance; ``scheduled`` is :func:`scheduled_in_deck`, when the caller has it already."""
    now = utc(now)
    settings = settings or Settings()
    if scheduled is None:
        scheduled = scheduled_in_deck(deck, deck_path, store)
    cutoff, horizon = timestamp(now), timestamp(now + timedelta(minutes=settings.learn_ahead_minutes))
    position = deck_items(deck).position
    items = len(position)
    suspended = sum(1 for item_id in store.suspended_ids(deck_path) if item_id in position)
    due = known = 0
    review_state = int(State.Review)
    for entry in scheduled:
        if is_due(entry, cutoff, horizon):
            due += 1
        elif entry[1] == review_state:
            known += 1
    new = items - len(scheduled) - suspended
    # Items buried by hand wait until tomorrow: neither due nor new today (a handful, read one by one).
    suspended_ids = store.suspended_ids(deck_path) if suspended else set()
    for item_id in store.buried_ids(deck_path, now):
        if item_id not in position or item_id in suspended_ids:
            continue
        state = store.get_state(deck_path, item_id)
        if state is None:
            new -= 1
        elif is_due((state.due, state.state), cutoff, horizon):
            due -= 1
    introduced_today = store.count_introduced_since(deck_path, start_of_day(now))
    reviews, graded, correct = store.review_totals(deck_path)
    last = store.last_quiz(deck_path)
    return DeckSummary(
        title=deck.title,
        path=str(deck_path),
        cards=len(deck.cards),
        items=items,
        due=due,
        new=new,
        new_today=min(new, max(0, settings.new_per_day - introduced_today)),
        reviews=reviews,
        correct=correct,
        graded=graded,
        accuracy=(correct / graded) if graded else None,
        last_score=(last.score / last.total) if last and last.total else None,
        mastery=(known / items) if items else 0.0,
        suspended=suspended,
    )
