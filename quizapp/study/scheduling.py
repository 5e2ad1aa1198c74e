"""Spaced-repetition scheduling: settings and the fsrs scheduler built from them.

All interval arithmetic is fsrs's; this module only turns the user's settings
into an :class:`fsrs.Scheduler` and formats what it answers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card, Rating, Scheduler
from pydantic import BaseModel, Field, ValidationError

from quizapp.errors import QuizappError
from quizapp.files import write_atomically
from quizapp.paths import settings_path as _settings_file
from quizapp.study.overview import LEARN_AHEAD_MINUTES

SETTINGS_FILE = _settings_file().name

RATING_LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class Settings(BaseModel):
    """What the learner may tune; stored as ``settings.json`` in the data directory."""

    desired_retention: float = Field(default=0.9, gt=0.5, lt=1.0, description="Target probability of recall.")
    new_per_day: int = Field(default=20, ge=0, description="New study items introduced per deck per day.")
    learning_steps_minutes: list[float] = Field(default_factory=lambda: [1.0, 10.0])
    relearning_steps_minutes: list[float] = Field(default_factory=lambda: [10.0])
    maximum_interval_days: int = Field(default=36500, ge=1)
    learn_ahead_minutes: float = Field(
        default=LEARN_AHEAD_MINUTES,
        ge=0,
        description="Learning items due this soon are shown now rather than left waiting (as Anki).",
    )
    enable_fuzzing: bool = True
    bury_siblings: bool = Field(
        default=True,
        description="Ask one item a day of the deletions of a cloze card or the cards made from one sentence.",
    )
    theme: str | None = Field(default=None, description="The app's colour theme, as last chosen with ctrl+t.")


def settings_path(data_dir: Path | str | None = None) -> Path:
    return _settings_file(data_dir)


def load_settings(data_dir: Path | str | None = None) -> Settings:
    """The saved settings, or the defaults when none are saved."""
    path = settings_path(data_dir)
    if not path.exists():
        return Settings()
    try:
        return Settings.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError) as exc:
        raise QuizappError(f"{path}: the settings file is invalid: {exc}") from exc


def save_settings(settings: Settings, data_dir: Path | str | None = None) -> Path:
    """Write the settings atomically (a crash never leaves half a file)."""
    path = settings_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(settings.model_dump(), indent=2))
    return path


def make_scheduler(settings: Settings | None = None, *, fuzz: bool | None = None) -> Scheduler:
    settings = settings or Settings()
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in settings.learning_steps_minutes),
        relearning_steps=tuple(timedelta(minutes=m) for m in settings.relearning_steps_minutes),
        maximum_interval=settings.maximum_interval_days,
        enable_fuzzing=settings.enable_fuzzing if fuzz is None else fuzz,
    )


def utc(moment: datetime | None = None) -> datetime:
    """``moment`` (default now) as an aware UTC datetime, as fsrs requires."""
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def new_card() -> Card:
    # card_id is fixed: fsrs's default derives it from the clock and sleeps 1 ms per card,
    # and our items are identified by their own stable ids anyway.
    return Card(card_id=0)


def preview_intervals(state: Card | None, now: datetime, scheduler: Scheduler) -> dict[int, timedelta]:
    """How long until the item comes back for each rating 1..4 (shown before choosing, as Anki does)."""
    now = utc(now)
    card = state if state is not None else new_card()
    # Fuzz would make the preview disagree with itself between calls; preview without it.
    if scheduler.enable_fuzzing:
        scheduler = Scheduler.from_dict({**scheduler.to_dict(), "enable_fuzzing": False})
    intervals = {}
    for rating in Rating:
        reviewed, _ = scheduler.review_card(card, rating, now)
        intervals[int(rating)] = reviewed.due - now
    return intervals


def format_interval(interval: timedelta) -> str:
    """Short Anki-style label: "<1m", "10m", "3h", "3d", "2.1mo", "1.5y"."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return _one_decimal(days / 30) + "mo"
    return _one_decimal(days / 365) + "y"


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
