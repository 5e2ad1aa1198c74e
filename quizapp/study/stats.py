"""Study statistics per deck and overall, for the stats screen and ``quizapp stats``.

Days are the learner's local calendar days.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from quizapp.deck.discovery import DeckEntry
from quizapp.deck.yaml_io import load_deck
from quizapp.errors import DeckError
from quizapp.storage.db import ReviewStore
from quizapp.study.scheduling import Settings, utc
from quizapp.study.session import DeckSummary, deck_summary, scheduled_in_deck
from quizapp.wording import plural

DUE_FORECAST_DAYS = 30
#: The text report's width when it is not given (a terminal's, when printed to one: see the stats command).
REPORT_WIDTH = 80
#: The fewest cells a deck title keeps in the text report, however narrow: titles take what the numbers leave.
TITLE_MIN_WIDTH = 12


class Activity(BaseModel):
    """Review activity over time, of one deck or of all."""

    reviews: int = 0
    graded: int = 0
    correct: int = 0
    study_seconds: float = 0.0
    reviews_per_day: dict[date, int] = Field(default_factory=dict)
    accuracy_per_day: dict[date, float] = Field(default_factory=dict)
    retention_by_kind: dict[str, float] = Field(default_factory=dict)
    reviews_by_kind: dict[str, int] = Field(default_factory=dict)
    due_per_day: dict[date, int] = Field(default_factory=dict)  # the next 30 days, today first
    streak: int = 0  # consecutive days with reviews, ending today (or yesterday)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.graded if self.graded else None


class DeckStats(BaseModel):
    summary: DeckSummary
    activity: Activity
    origin: str = "given"


class Stats(BaseModel):
    today: date  # the local day the numbers were computed for
    decks: list[DeckStats]
    invalid: list[tuple[str, str]] = Field(default_factory=list)  # (path, error) of decks that could not be read
    overall: Activity

    @property
    def cards(self) -> int:
        return sum(d.summary.cards for d in self.decks)

    @property
    def due(self) -> int:
        return sum(d.summary.due for d in self.decks)

    @property
    def new(self) -> int:
        return sum(d.summary.new for d in self.decks)


class _Accumulator:
    def __init__(self) -> None:
        self.per_day: Counter[date] = Counter()
        self.graded_per_day: Counter[date] = Counter()
        self.correct_per_day: Counter[date] = Counter()
        self.graded_by_kind: Counter[str] = Counter()
        self.correct_by_kind: Counter[str] = Counter()
        self.reviews_by_kind: Counter[str] = Counter()
        self.due_per_day: Counter[date] = Counter()
        self.duration_ms = 0

    def add_reviews(self, daily: Iterable[tuple[str, str, int, int, int, int]]) -> None:
        """Add (day, kind, reviews, graded, correct, duration_ms) rows, as ReviewStore.daily_activity gives."""
        for day_text, kind, reviews, graded, correct, duration_ms in daily:
            day = date.fromisoformat(day_text)
            self.per_day[day] += reviews
            self.reviews_by_kind[kind] += reviews
            if graded:
                self.graded_per_day[day] += graded
                self.graded_by_kind[kind] += graded
                self.correct_per_day[day] += correct
                self.correct_by_kind[kind] += correct
            self.duration_ms += duration_ms

    def add_due(self, dues: Iterable[float], today: date) -> None:
        """Count items by the local day they are due, over the forecast's days (overdue ones today).

        The dues are sorted once and cut at each local midnight: a handful of bisections
        instead of a date per item (tens of thousands for a big deck).
        """
        ordered = sorted(dues)
        before = 0  # items due before the start of day i + 1 ...
        for offset in range(DUE_FORECAST_DAYS):
            day = today + timedelta(days=offset)
            # Local midnight as a timestamp (DST included); what is due before it was counted already.
            end = datetime.combine(day + timedelta(days=1), datetime.min.time()).timestamp()
            upto = bisect_left(ordered, end)
            if upto > before:
                self.due_per_day[day] += upto - before
            before = upto

    def merge(self, other: _Accumulator) -> None:
        for name in (
            "per_day",
            "graded_per_day",
            "correct_per_day",
            "graded_by_kind",
            "correct_by_kind",
            "reviews_by_kind",
            "due_per_day",
        ):
            getattr(self, name).update(getattr(other, name))
        self.duration_ms += other.duration_ms

    def activity(self, today: date) -> Activity:
        graded = sum(self.graded_per_day.values())
        correct = sum(self.correct_per_day.values())
        return Activity(
            reviews=sum(self.per_day.values()),
            graded=graded,
            correct=correct,
            study_seconds=self.duration_ms / 1000,
            reviews_per_day=dict(sorted(self.per_day.items())),
            accuracy_per_day={
                day: self.correct_per_day[day] / n for day, n in sorted(self.graded_per_day.items()) if n
            },
            retention_by_kind={
                kind: self.correct_by_kind[kind] / n for kind, n in sorted(self.graded_by_kind.items()) if n
            },
            reviews_by_kind=dict(sorted(self.reviews_by_kind.items())),
            due_per_day={
                today + timedelta(days=i): self.due_per_day.get(today + timedelta(days=i), 0)
                for i in range(DUE_FORECAST_DAYS)
            },
            streak=streak(set(self.per_day), today),
        )


def streak(days: set[date], today: date) -> int:
    """Consecutive days with reviews ending today, or ending yesterday if today has none yet."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def collect_stats(
    store: ReviewStore,
    deck_entries: Iterable[DeckEntry],
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Stats:
    """Numbers of the stats screen for the decks listed (and overall across them)."""
    now = utc(now)
    today = now.astimezone().date()
    overall = _Accumulator()
    decks: list[DeckStats] = []
    invalid: list[tuple[str, str]] = []
    for entry in deck_entries:
        if entry.error:
            invalid.append((str(entry.path), entry.error))
            continue
        try:
            deck = entry.deck if entry.deck is not None else load_deck(entry.path)
        except DeckError as exc:
            invalid.append((str(entry.path), str(exc)))
            continue
        scheduled = scheduled_in_deck(deck, entry.path, store)
        summary = deck_summary(deck, entry.path, store, now, settings, scheduled=scheduled)
        accumulator = _Accumulator()
        accumulator.add_reviews(store.daily_activity(entry.path))
        accumulator.add_due((due for due, _state in scheduled), today)
        overall.merge(accumulator)
        decks.append(DeckStats(summary=summary, activity=accumulator.activity(today), origin=entry.origin))
    return Stats(today=today, decks=decks, invalid=invalid, overall=overall.activity(today))


def stats_json(stats: Stats) -> dict[str, Any]:
    """The machine-readable form printed by ``quizapp stats --json``."""

    def activity_json(activity: Activity) -> dict[str, Any]:
        return {
            "study_seconds": round(activity.study_seconds, 3),
            "streak": activity.streak,
            "reviews_per_day": {day.isoformat(): n for day, n in activity.reviews_per_day.items()},
            "accuracy_per_day": {day.isoformat(): round(a, 4) for day, a in activity.accuracy_per_day.items()},
            "retention_by_kind": {kind: round(a, 4) for kind, a in activity.retention_by_kind.items()},
            "due_per_day": {day.isoformat(): n for day, n in activity.due_per_day.items()},
        }

    decks = []
    for deck in stats.decks:
        s = deck.summary
        decks.append(
            {
                "title": s.title,
                "path": s.path,
                "cards": s.cards,
                "items": s.items,
                "due": s.due,
                "new": s.new,
                "suspended": s.suspended,
                "reviews": s.reviews,
                "correct": s.correct,
                "graded": s.graded,
                "accuracy": None if s.accuracy is None else round(s.accuracy, 4),
                "last_score": None if s.last_score is None else round(s.last_score, 4),
                "mastery": round(s.mastery, 4),
                **activity_json(deck.activity),
            }
        )
    overall = stats.overall
    return {
        "decks": decks,
        "reviews": overall.reviews,
        "correct": overall.correct,
        "graded": overall.graded,
        "accuracy": None if overall.accuracy is None else round(overall.accuracy, 4),
        "due": sum(d.summary.due for d in stats.decks),
        **activity_json(overall),
        "invalid": [{"path": path, "error": error} for path, error in stats.invalid],
    }


__all__ = ["Activity", "DeckStats", "Stats", "collect_stats", "format_stats_table", "stats_json", "streak"]


def format_stats_table(stats: Stats, width: int = REPORT_WIDTH) -> str:
    """The plain-text report of ``quizapp stats`` at ``width`` columns: one row per deck, then the totals.

    Deck titles take the width the numbers leave, cut with an ellipsis when longer (in full in --json).
    """
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    headings = ("Cards", "Due", "New", "Reviews", "Accuracy", "Last quiz", "Mastery")
    numbers = [
        (
            str(d.summary.cards),
            str(d.summary.due),
            str(d.summary.new),
            str(d.summary.reviews),
            _percent(d.summary.accuracy),
            _percent(d.summary.last_score),
            _percent(d.summary.mastery),
        )
        for d in stats.decks
    ]
    overall = stats.overall
    totals = (
        str(stats.cards),
        str(stats.due),
        str(stats.new),
        str(overall.reviews),
        _percent(overall.accuracy),
        "",
        "",
    )
    # Columns are two cells apart; the title takes what the numbers leave (never under TITLE_MIN_WIDTH:
    # on a terminal too narrow for that the lines run over, rather than a column losing its numbers).
    numbers_width = sum(2 + max(len(row[i]) for row in (headings, *numbers, totals)) for i in range(len(headings)))
    width = max(width, numbers_width + TITLE_MIN_WIDTH)
    table = Table(box=box.SIMPLE, pad_edge=False, show_edge=False, collapse_padding=True, show_footer=True)
    # The title column is the one Rich narrows when the table is too wide (a column that may wrap; the
    # numbers may not), and each title keeps to one line, cut with an ellipsis.
    table.add_column("Deck", footer="All decks", min_width=TITLE_MIN_WIDTH)
    for heading, total in zip(headings, totals):
        table.add_column(heading, footer=total, justify="right", no_wrap=True)
    for deck, row in zip(stats.decks, numbers):
        table.add_row(Text(" ".join(deck.summary.title.split()), no_wrap=True, overflow="ellipsis"), *row)
    # No colour, no markup: deck titles are printed as written, and the report may go to a file.
    output = io.StringIO()
    Console(file=output, width=width, color_system=None, highlight=False, markup=False, emoji=False).print(table)
    out = [line.rstrip() for line in output.getvalue().splitlines()]
    minutes = overall.study_seconds / 60
    out.append(
        f"Streak: {plural(overall.streak, 'day')}   Study time: {minutes:.0f} min   "
        f"Reviewed today: {overall.reviews_per_day.get(stats.today, 0)}"
    )
    due_week = sum(list(overall.due_per_day.values())[:7])
    out.append(f"Due in the next 7 days: {due_week}")
    for path, error in stats.invalid:
        out.append(f"(invalid) {path}: {error}")
    return "\n".join(out)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"
