"""The four rating buttons, each with the interval it would schedule (as Anki shows them)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


class IntervalButtons(Horizontal):
    """Again / Hard / Good / Easy with their next intervals; the suggested one is highlighted."""

    class Rated(Message):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def compose(self) -> ComposeResult:
        for rating, name in RATING_NAMES.items():
            yield Button(f"{rating} {name}", id=f"rate-{rating}", classes=f"rate rate-{name.lower()}", compact=True)

    def show(self, intervals: dict[int, dt.timedelta], suggested: int | None) -> None:
        from quizapp.study.scheduling import format_interval

        for rating, name in RATING_NAMES.items():
            button = self.query_one(f"#rate-{rating}", Button)
            interval = intervals.get(rating)
            button.label = (
                f"{rating} {name} · {format_interval(interval)}" if interval is not None else f"{rating} {name}"
            )
            button.set_class(rating == suggested, "suggested")
        self.remove_class("hidden")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("rate-"):
            self.post_message(self.Rated(int(event.button.id.removeprefix("rate-"))))
