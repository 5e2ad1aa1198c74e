"""Check boxes that read ticked or not by their shape, not only by colour.

Textual draws every toggle as ``▐X▌`` and tells ticked from unticked by the X's colour alone,
which many terminals and themes (and colour-blind readers) do not show. These draw ``✓`` when
ticked and a blank when not, inside the same button.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.selection_list import SelectionType

TICKED, UNTICKED = "✓", " "


class TickBox(Checkbox):
    """A Checkbox showing ✓ when ticked."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED  # read by Checkbox's own drawing
        return super()._button


class TickList(SelectionList[SelectionType]):
    """A SelectionList whose selected entries show ✓."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except Exception:  # past the last entry: nothing drawn to change
            return line
        if len(segments) < 3 or segments[1].text != "X":
            return line
        mark = TICKED if selection.value in self.selected else UNTICKED
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, line.cell_length)
