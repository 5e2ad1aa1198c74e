"""Quiz (test) mode: N questions from a deck, graded, scored and stored; scheduling untouched unless asked.

Questions are drawn in a random order fixed by ``seed``; multiple-choice
choices are shuffled deterministically per (seed, item), so the same quiz can
be replayed (and tested).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from fsrs import Rating
from pydantic import BaseModel, ConfigDict, Field

from quizapp.deck.model import ClozeCard, Deck, Flashcard, MultipleChoiceCard, StudyItem
from quizapp.errors import StorageError
from quizapp.storage.db import QuizAnswerRow, ReviewStore
from quizapp.study.grading import AGAIN, GOOD, Grade, expected_answers, grade_item
from quizapp.study.scheduling import Settings, make_scheduler, utc
from quizapp.study.session import review_item


class QuizQuestion(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    number: int  # 1-based
    item: StudyItem
    choices: list[str] | None = None  # multiple choice, in the order shown

    @property
    def prompt(self) -> str:
        return item_prompt(self.item)


class KindScore(BaseModel):
    right: int = 0
    wrong: int = 0


class Miss(BaseModel):
    item_id: str
    prompt: str
    expected: str
    given: str | None  # None when skipped or timed out
    kind: str


class QuizResults(BaseModel):
    deck_title: str
    deck_path: str
    score: int
    total: int  # every question of the quiz: ended early, the unanswered count as not right
    seconds: float
    answered: int = 0  # questions answered before the quiz ended
    retry: bool = False  # a retry of another quiz's misses: its own result, not the deck's score
    by_kind: dict[str, KindScore] = Field(default_factory=dict)
    misses: list[Miss] = Field(default_factory=list)
    missed_item_ids: list[str] = Field(default_factory=list)
    quiz_id: int | None = None

    @property
    def fraction(self) -> float:
        return self.score / self.total if self.total else 0.0

    @property
    def ended_early(self) -> bool:
        return self.answered < self.total


def item_prompt(item: StudyItem) -> str:
    """The question as asked: a cloze shows its text with this item's deletion blanked."""
    card = item.card
    if isinstance(card, ClozeCard):
        return card.render(item.cloze_index)
    return card.prompt_text()


def one_per_sibling_group(items: list[StudyItem]) -> list[StudyItem]:
    """The first item of each sibling group (:meth:`sibling_group`: the deletions of one cloze card, the cards
    of one source sentence), in order: in one quiz a sibling would show another's answer."""
    seen: set[str] = set()
    kept = []
    for item in items:
        group = item.card.sibling_group()
        if group not in seen:
            seen.add(group)
            kept.append(item)
    return kept


class QuizSession:
    """Answer questions one by one; results are stored when the last one is answered (or on :meth:`finish`)."""

    def __init__(
        self,
        deck: Deck,
        deck_path: Path | str,
        store: ReviewStore,
        n: int | None = None,
        types: set[str] | None = None,
        seed: int | None = None,
        time_limit_s: float | None = None,
        update_schedule: bool = False,
        *,
        settings: Settings | None = None,
        items: list[StudyItem] | None = None,
        clock: Callable[[], datetime] | None = None,
        retry: bool = False,
    ):
        self.deck = deck
        self.retry = retry
        self.deck_path = Path(deck_path)
        self.store = store
        self.seed = seed if seed is not None else random.randrange(2**31)
        self.time_limit_s = time_limit_s
        self.update_schedule = update_schedule
        self.types = set(types) if types else None
        self.settings = settings or Settings()
        self.scheduler = make_scheduler(self.settings)  # used only when answers count as reviews
        self._clock = clock or (lambda: utc())
        self.started_at = self._clock()
        self._monotonic_start = time.monotonic()

        pool = items if items is not None else deck.study_items()
        if self.types:
            pool = [item for item in pool if item.card.type in self.types]
        rng = random.Random(self.seed)
        pool = list(pool)
        rng.shuffle(pool)
        if items is None:
            suspended = store.suspended_ids(self.deck_path)
            pool = one_per_sibling_group([item for item in pool if item.item_id not in suspended])
        if n is not None:
            pool = pool[: max(0, n)]
        self.questions: list[QuizQuestion] = [
            QuizQuestion(number=i + 1, item=item, choices=self._choices(item)) for i, item in enumerate(pool)
        ]
        self.grades: list[Grade | None] = []  # None: skipped or timed out
        self.responses: list[str | None] = []
        self.durations: list[int | None] = []
        self._results: QuizResults | None = None
        self._rows: list[QuizAnswerRow] = []  # what finish() stores
        self._finished_at = self.started_at
        self.save_error: StorageError | None = None  # why the result could not be stored, if it could not
        store.touch_deck(self.deck_path, deck.title, self.started_at)

    def _choices(self, item: StudyItem) -> list[str] | None:
        if not isinstance(item.card, MultipleChoiceCard):
            return None
        choices = list(item.card.choices)
        random.Random(f"{self.seed}:{item.item_id}").shuffle(choices)
        return choices

    # --- progress --------------------------------------------------------------------------------

    @property
    def index(self) -> int:
        return len(self.grades)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> QuizQuestion | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def score(self) -> int:
        return sum(1 for grade in self.grades if grade is not None and grade.correct)

    # --- answering -------------------------------------------------------------------------------

    def answer(self, response: str | bool | None, duration_ms: int | None = None) -> Grade:
        """Grade the current question's response and move on.

        Multiple choice takes the chosen text (or its 1-based number as an int or
        digit string); true/false a bool; flashcards a bool ("I knew it").
        """
        question = self.current
        if question is None:
            raise ValueError("the quiz is finished: there is no question to answer")
        item = question.item
        if isinstance(item.card, MultipleChoiceCard) and question.choices:
            response = self._choice_text(question, response)
        if isinstance(item.card, Flashcard):
            knew = bool(response)
            grade = Grade(
                correct=knew,
                exact=knew,
                matched=item.card.back if knew else None,
                expected=item.card.back,
                given="knew it" if knew else "did not know",
                reason="self-graded",
                suggested_rating=GOOD if knew else AGAIN,
            )
        else:
            graded = grade_item(item, response, self.deck)
            assert graded is not None  # grade_item grades every card but a flashcard
            grade = graded
        self._record(grade, None if response is None else str(response), duration_ms)
        return grade

    def skip(self, duration_ms: int | None = None) -> None:
        """Leave the current question unanswered (counted wrong)."""
        self._record(None, None, duration_ms)

    def timeout(self) -> None:
        """The per-question time limit ran out."""
        self._record(None, None, int(self.time_limit_s * 1000) if self.time_limit_s else None)

    @staticmethod
    def _choice_text(question: QuizQuestion, response: str | bool | None) -> str | None:
        assert question.choices is not None
        if isinstance(response, int) and not isinstance(response, bool):
            number = response
        elif isinstance(response, str) and response.strip().isdigit():
            number = int(response.strip())
        else:
            return None if response is None else str(response)
        return question.choices[number - 1] if 1 <= number <= len(question.choices) else None

    def _record(self, grade: Grade | None, response: str | None, duration_ms: int | None) -> None:
        question = self.current
        if question is None:
            raise ValueError("the quiz is finished")
        if self.update_schedule:
            # Stored first: if the database refuses the review, the question is still unanswered.
            rating = grade.suggested_rating if grade is not None else int(Rating.Again)
            review_item(
                self.store,
                self.scheduler,
                self.deck_path,
                question.item,
                rating,
                now=self._clock(),
                response=response,
                correct=grade.correct if grade else False,
                duration_ms=duration_ms,
            )
        self.grades.append(grade)
        self.responses.append(response)
        self.durations.append(duration_ms)
        if self.finished:
            self.finish()  # stored at once, so leaving now loses nothing

    # --- results ---------------------------------------------------------------------------------

    def finish(self) -> QuizResults:
        """Score the quiz and store the result (once); ended early, the questions not answered are not right.

        When the database refuses the result, the score still stands: the error is kept in
        :attr:`save_error` for the UI to report, and the next call tries to store it again.
        """
        if self._results is None:
            self._results = self._score()
        if self._results.quiz_id is None and self._rows:
            try:
                self._results.quiz_id = self.store.save_quiz(
                    self.deck_path,
                    started_at=self.started_at,
                    finished_at=self._finished_at,
                    score=self._results.score,
                    total=self._results.total,
                    seconds=self._results.seconds,
                    answers=self._rows,
                    retry=self.retry,
                    answered=self._results.answered if self._results.ended_early else None,
                )
                self.save_error = None
            except StorageError as exc:
                self.save_error = exc
        return self._results

    def _score(self) -> QuizResults:
        asked = self.questions[: self.index]
        by_kind: dict[str, KindScore] = {}
        misses: list[Miss] = []
        rows: list[QuizAnswerRow] = []
        for question, grade, response, duration in zip(asked, self.grades, self.responses, self.durations):
            item = question.item
            kind = item.card.fact_kind
            score = by_kind.setdefault(kind, KindScore())
            right = grade is not None and grade.correct
            if right:
                score.right += 1
            else:
                score.wrong += 1
            expected = grade.expected if grade else _canonical(item)
            if not right:
                misses.append(
                    Miss(item_id=item.item_id, prompt=question.prompt, expected=expected, given=response, kind=kind)
                )
            rows.append(
                QuizAnswerRow(
                    item.item_id,
                    item.card_id,
                    kind,
                    response,
                    expected,
                    right,
                    skipped=grade is None,
                    duration_ms=duration,
                )
            )
        self._finished_at = self._clock()
        self._rows = rows
        seconds = round(time.monotonic() - self._monotonic_start, 3)
        return QuizResults(
            deck_title=self.deck.title,
            deck_path=str(self.deck_path),
            score=sum(1 for row in rows if row.correct),
            total=self.total,
            answered=len(rows),
            retry=self.retry,
            seconds=seconds,
            by_kind=by_kind,
            misses=misses,
            missed_item_ids=[m.item_id for m in misses],
        )

    def results(self) -> QuizResults:
        return self.finish()

    def retry_missed(self, results: QuizResults | None = None) -> QuizSession:
        """A new quiz on the questions missed (same deck, same options)."""
        results = results or self.results()
        missed = set(results.missed_item_ids)
        items = [item for item in self.deck.study_items() if item.item_id in missed]
        return QuizSession(
            self.deck,
            self.deck_path,
            self.store,
            n=None,
            types=None,
            seed=self.seed + 1,
            time_limit_s=self.time_limit_s,
            update_schedule=self.update_schedule,
            settings=self.settings,
            items=items,
            clock=self._clock,
            retry=True,
        )


def _canonical(item: StudyItem) -> str:
    return expected_answers(item)[0]
