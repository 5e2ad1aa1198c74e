"""A calendar heatmap of reviews per day: weeks as columns, weekdays as rows (like a contribution graph)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

#: Cell styles from "no reviews" to "many"; levels are quartiles of the busiest day.
LEVEL_STYLES = ("grey30", "green4", "green3", "green1", "bold bright_green")
WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
CELL = "■ "


def heat_level(count: int, busiest: int) -> int:
    """0 for no reviews, else 1..4 by how close to the busiest day."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(4, 1 + (4 * (count - 1)) // busiest)


class Heatmap(Widget):
    """Reviews per day, ending with the week of ``today``; as many weeks as fit the width."""

    DEFAULT_CSS = "Heatmap { height: 9; }"

    counts: reactive[dict[dt.date, int]] = reactive(dict, always_update=True)

    def __init__(self, today: dt.date, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.today = today

    def weeks_shown(self) -> int:
        return max(1, (self.size.width - 4) // len(CELL))

    def render(self) -> Text:
        weeks = self.weeks_shown()
        # The last column is the week containing today; weeks start on Monday.
        last_monday = self.today - dt.timedelta(days=self.today.weekday())
        first_monday = last_monday - dt.timedelta(weeks=weeks - 1)
        busiest = max(self.counts.values(), default=0)
        text = Text()
        for weekday in range(7):
            text.append(f"{WEEKDAY_LABELS[weekday]:<4}", style="dim")
            for week in range(weeks):
                day = first_monday + dt.timedelta(weeks=week, days=weekday)
                if day > self.today:
                    text.append("  ")
                    continue
                text.append(CELL, style=LEVEL_STYLES[heat_level(self.counts.get(day, 0), busiest)])
            text.append("\n")
        text.append(f"    {first_monday:%d %b %Y} → {self.today:%d %b %Y}  ", style="dim")
        text.append("less ", style="dim")
        for style in LEVEL_STYLES:
            text.append("■", style=style)
        text.append(" more", style="dim")
        return text
