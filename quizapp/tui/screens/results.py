"""Results of a quiz: score, time, right/wrong per fact kind, the misses, and a retry of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.study.quiz import QuizResults, QuizSession


def format_seconds(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


def score_line(results: QuizResults) -> Text:
    """ "Score 2/10 (20%)", saying when the quiz was ended early or was a retry of misses."""
    fraction = results.fraction
    line = Text.assemble(
        ("Retry of the misses · " if results.retry else "", "bold"),
        ("Score ", "bold"),
        (f"{results.score}/{results.total}", "bold green" if fraction >= 0.8 else "bold"),
        f"  ({fraction:.0%})   ",
        ("Time ", "bold"),
        format_seconds(results.seconds),
    )
    if results.ended_early:
        line.append(
            f"\nEnded early: {results.answered} of {results.total} answered, the rest count as not right.",
            style="yellow",
        )
    return line


class ResultsScreen(Screen[None]):
    """The end of a quiz."""

    BINDINGS = [
        Binding("r", "retry", "Retry misses"),
        Binding("q", "close", "Done"),
        Binding("escape", "close", "Done", show=False),
        Binding("enter", "close", "Done", show=False),
    ]

    def __init__(self, session: QuizSession, results: QuizResults | None = None) -> None:
        super().__init__()
        self.session = session
        self.results: QuizResults = results or session.results()

    def compose(self) -> ComposeResult:
        results = self.results
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static(score_line(results), id="results-score")
            kinds: DataTable[object] = DataTable(id="results-kinds", cursor_type="none", show_cursor=False)
            kinds.add_columns("Fact kind", "Right", "Wrong")
            for kind, score in sorted(results.by_kind.items()):
                kinds.add_row(kind, str(score.right), str(score.wrong))
            yield kinds
            if results.misses:
                yield Static(Text(f"Missed ({len(results.misses)})", style="bold"), classes="section-title")
                for miss in results.misses:
                    line = Text()
                    line.append("• ")
                    line.append(miss.prompt)
                    line.append("\n  answer: ", style="dim")
                    line.append(miss.expected, style="green")
                    line.append("  you: ", style="dim")
                    if miss.given:
                        line.append(miss.given, style="red")
                    else:  # an empty answer, or the time ran out
                        line.append("no answer", style="yellow")
                    yield Static(line, classes="miss")
            else:
                yield Static("No misses. Well done!", classes="section-title")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"results · {self.results.deck_title}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.results.misses)
        return True

    def action_retry(self) -> None:
        from quizapp.tui.screens.quiz import QuizScreen

        retry = self.session.retry_missed(self.results)
        self.app.switch_screen(QuizScreen(retry.deck_path, session=retry))

    def action_close(self) -> None:
        self.dismiss()
