"""Stats: reviews per day (heatmap), accuracy over time, retention by fact kind, cards due, streak, time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Select, Static, TabbedContent, TabPane, Tabs
from textual_plotext import PlotextPlot

from quizapp.tui.widgets.heatmap import Heatmap
from quizapp.wording import plural

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.study.stats import Activity, Stats

ALL_DECKS = "__all__"
#: The tabs in order, for ←/→ from anywhere on the screen.
TAB_IDS = ("tab-overview", "tab-accuracy", "tab-retention", "tab-due")
#: The due chart labels every week, under the bar of that day.
DUE_LABEL_EVERY = 7


def format_duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {int(seconds % 60):02d}s"


class StatsScreen(Screen[None]):
    """Numbers for one deck or all of them."""

    BINDINGS = [
        Binding("d", "focus_decks", "Deck"),
        Binding("a", "all_decks", "All decks"),
        Binding("q", "close", "Back"),
        Binding("escape", "close", "Back", show=False),
        # Priority: the tab strip binds ←/→ itself but hides them from the footer; one entry shows both.
        Binding("left", "switch_tab(-1)", "Tabs", key_display="←→", priority=True),
        Binding("right", "switch_tab(1)", "Next tab", priority=True, show=False),
    ]

    def __init__(self, deck_paths: list[Path], selected: Path | None = None) -> None:
        super().__init__()
        self.deck_paths = deck_paths
        self.selected = selected
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Select([("All decks", ALL_DECKS)], value=ALL_DECKS, allow_blank=False, id="stats-deck", compact=True)
        with TabbedContent(id="stats-tabs"):
            with TabPane("Overview", id="tab-overview"):
                yield Static("Counting…", id="stats-numbers")
                yield Heatmap(self.app.now().astimezone().date(), id="stats-heatmap")  # type: ignore[attr-defined]
            with TabPane("Accuracy", id="tab-accuracy"):
                yield PlotextPlot(id="plot-accuracy")
                yield Static(id="plot-accuracy-empty", classes="no-data hidden")
            with TabPane("Retention", id="tab-retention"):
                yield PlotextPlot(id="plot-retention")
                yield Static(id="plot-retention-empty", classes="no-data hidden")
            with TabPane("Due", id="tab-due"):
                yield PlotextPlot(id="plot-due")
                yield Static(id="plot-due-empty", classes="no-data hidden")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "stats"
        # The tab strip has the keyboard first, so ←/→ work at once (the screen binds them too).
        self.query_one("#stats-tabs").query_one(Tabs).focus()
        # While the deck list is open the charts are hidden: nothing of them shows between its lines.
        select = self.query_one("#stats-deck", Select)
        self.watch(select, "expanded", self._deck_list_opened, init=False)
        self.collect()

    def _deck_list_opened(self, expanded: bool) -> None:
        self.query_one("#stats-tabs").visible = not expanded

    @work(thread=True, exclusive=True, group="stats")
    def collect(self) -> None:
        # Reading every deck and scanning the history runs off the UI thread, with its own connection.
        from quizapp.deck.discovery import discover_decks
        from quizapp.errors import QuizappError
        from quizapp.study.stats import collect_stats

        entries = discover_decks(self.deck_paths, include_default=False, keep_decks=True)
        try:
            with self.app.open_store() as store:  # type: ignore[attr-defined]
                stats = collect_stats(store, entries, self.app.now(), self.app.settings)  # type: ignore[attr-defined]
        except QuizappError as exc:  # no database: there is nothing to count
            self.app.call_from_thread(self.query_one("#stats-numbers", Static).update, Text(str(exc), style="red"))
            return
        self.app.call_from_thread(self._loaded, stats)

    def _loaded(self, stats: Stats) -> None:
        self.stats = stats
        select = self.query_one("#stats-deck", Select)
        options = [("All decks", ALL_DECKS)] + [(Text(d.summary.title), d.summary.path) for d in stats.decks]
        select.set_options(options)
        chosen = ALL_DECKS
        if self.selected is not None:
            for deck in stats.decks:
                if Path(deck.summary.path).resolve() == self.selected.resolve():
                    chosen = deck.summary.path
        select.value = chosen
        self.show(chosen)

    @on(Select.Changed, "#stats-deck")
    def _deck_changed(self, event: Select.Changed) -> None:
        self.refresh_bindings()
        if self.stats is not None and isinstance(event.value, str):
            self.show(event.value)

    def show(self, which: str) -> None:
        assert self.stats is not None
        if which == ALL_DECKS:
            activity = self.stats.overall
            cards, due, new = self.stats.cards, self.stats.due, self.stats.new
        else:
            deck = next(d for d in self.stats.decks if d.summary.path == which)
            activity = deck.activity
            cards, due, new = deck.summary.cards, deck.summary.due, deck.summary.new
        accuracy = "—" if activity.accuracy is None else f"{activity.accuracy:.0%}"
        numbers = Text.assemble(
            ("Cards ", "bold"),
            f"{cards}   ",
            ("Due ", "bold"),
            f"{due}   ",
            ("New ", "bold"),
            f"{new}   ",
            ("Reviews ", "bold"),
            f"{activity.reviews}   ",
            ("Accuracy ", "bold"),
            f"{accuracy}\n",
            ("Streak ", "bold"),
            f"{plural(activity.streak, 'day')}   ",
            ("Study time ", "bold"),
            format_duration(activity.study_seconds),
        )
        self.query_one("#stats-numbers", Static).update(numbers)
        self.query_one(Heatmap).counts = dict(activity.reviews_per_day)
        self._plot_accuracy(activity)
        self._plot_retention(activity)
        self._plot_due(activity)

    @contextmanager
    def _redraw(self, name: str, title: str, empty: str | None) -> Iterator[Any]:
        """The plotext figure of ``plot-<name>``, emptied and titled to draw on; shown again afterwards.

        With nothing to draw (``empty`` is the reason) the chart is hidden and the reason shown
        instead: an empty plot would show a made-up −1…1 axis.
        """
        plot = self.query_one(f"#plot-{name}", PlotextPlot)
        message = self.query_one(f"#plot-{name}-empty", Static)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        plot.display = empty is None
        message.set_class(empty is None, "hidden")
        message.update(Text.assemble((title, "bold"), "\n\n", empty or ""))
        yield plt
        plot.refresh()

    def _plot_accuracy(self, activity: Activity) -> None:
        days = sorted(activity.accuracy_per_day)
        empty = None if days else "No graded answers yet: study a deck and come back."
        with self._redraw("accuracy", "Accuracy per day (%)", empty) as plt:
            if days:
                plt.plot(list(range(len(days))), [activity.accuracy_per_day[d] * 100 for d in days], marker="braille")
                step = max(1, len(days) // 6)
                plt.xticks(
                    list(range(0, len(days), step)), [days[i].strftime("%d %b") for i in range(0, len(days), step)]
                )
                plt.ylim(0, 100)

    def _plot_retention(self, activity: Activity) -> None:
        kinds = sorted(activity.retention_by_kind)
        empty = None if kinds else "No graded answers yet: study a deck and come back."
        with self._redraw("retention", "Retention by fact kind (%)", empty) as plt:
            if kinds:
                plt.bar(kinds, [activity.retention_by_kind[k] * 100 for k in kinds])
                plt.ylim(0, 100)

    def _plot_due(self, activity: Activity) -> None:
        days = sorted(activity.due_per_day)
        counts = [activity.due_per_day[d] for d in days]
        empty = None if any(counts) else "No cards are due in the next 30 days."
        with self._redraw("due", "Cards due in the next 30 days", empty) as plt:
            if any(counts):
                # Numbered days, not 30 text labels: plotext thins out crowded text labels and
                # they drift off their bars; a weekly date sits right under its day's bar.
                positions = list(range(len(days)))
                plt.bar(positions, counts, width=0.6)
                plt.xlim(-0.5, len(days) - 0.5)
                ticks = positions[::DUE_LABEL_EVERY]
                plt.xticks(ticks, [days[i].strftime("%d %b") for i in ticks])
                plt.yticks(*_whole_number_ticks(max(counts)))

    def action_focus_decks(self) -> None:
        self.query_one("#stats-deck", Select).focus()

    def action_all_decks(self) -> None:
        self.query_one("#stats-deck", Select).value = ALL_DECKS

    def action_switch_tab(self, step: int) -> None:
        tabs = self.query_one("#stats-tabs", TabbedContent)
        index = TAB_IDS.index(tabs.active) if tabs.active in TAB_IDS else 0
        tabs.active = TAB_IDS[(index + step) % len(TAB_IDS)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "all_decks":  # shown only when one deck is chosen
            return self.query_one("#stats-deck", Select).value != ALL_DECKS
        return True

    def action_close(self) -> None:
        self.dismiss()


def _whole_number_ticks(top: int) -> tuple[list[int], list[str]]:
    """At most five whole-number ticks from 0 to ``top``: cards come in whole numbers, not 0.33."""
    step = max(1, -(-top // 4))
    ticks = list(range(0, top + 1, step))
    return ticks, [str(t) for t in ticks]
