"""A mastery bar: how much of a deck is learned, as a row of blocks (also usable inside tables)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def mastery_text(fraction: float | None, width: int = 10) -> Text:
    """``fraction`` (0..1) as ``width`` cells of filled and empty blocks, plus the percentage."""
    if fraction is None:
        return Text("—", style="dim")
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    bar = Text()
    bar.append("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    bar.append(f" {fraction:>4.0%}")
    return bar


class MasteryBar(Static):
    """A mastery bar as a widget."""

    def __init__(self, fraction: float | None = None, width: int = 20, **kwargs: object) -> None:
        super().__init__(mastery_text(fraction, width), **kwargs)  # type: ignore[arg-type]
        self._width = width

    def set_fraction(self, fraction: float | None) -> None:
        self.update(mastery_text(fraction, self._width))
