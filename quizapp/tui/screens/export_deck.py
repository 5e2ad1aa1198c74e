"""Export: write the highlighted deck as an Anki package or a CSV/TSV file."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static


class ExportDeckScreen(ModalScreen[Path | None]):
    """Asks where to write the deck (the suffix picks the format); dismisses with the file written, or None."""

    BINDINGS = [
        Binding("enter", "export_file", "Export", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, deck_path: Path, title: str) -> None:
        super().__init__()
        self.deck_path = deck_path
        self.deck_title = title
        #: A path the user was told exists; Enter on it again replaces it.
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(
                Text(f"Export {self.deck_title}: .apkg for Anki, .csv/.tsv for Anki's text import, .txt for Quizlet")
            )
            yield Input(value=str(Path.cwd() / f"{self.deck_path.stem}.apkg"), id="export-path")
            yield Static("Enter exports · Escape cancels", id="export-message", classes="hint")
        # The dialog's own keys, over the home screen's footer.
        yield Footer(compact=True)

    def action_export_file(self) -> None:
        from quizapp.interop.convert import EXPORT_SUFFIXES

        message = self.query_one("#export-message", Static)
        target = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        if target.suffix.lower() not in EXPORT_SUFFIXES:
            message.update(Text.assemble(("Choose a file ending in ", "bold red"), ", ".join(EXPORT_SUFFIXES)))
            return
        if target.exists() and target != self._confirmed:
            self._confirmed = target
            message.update(Text.assemble((f"{target.name} exists. ", "bold red"), "Enter again replaces it."))
            return
        message.update(Text(f"Writing {target.name}…"))
        self._export(target)

    @work(thread=True, exclusive=True, group="export-deck")
    def _export(self, target: Path) -> None:
        from quizapp.deck.yaml_io import load_deck
        from quizapp.errors import QuizappError
        from quizapp.interop.convert import export_deck

        try:
            report = export_deck(load_deck(self.deck_path), target)
        except (QuizappError, OSError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, target, report.lines())

    def _failed(self, reason: str) -> None:
        self.query_one("#export-message", Static).update(Text.assemble(("Cannot export: ", "bold red"), reason))

    def _done(self, target: Path, lines: list[str]) -> None:
        self.app.notify(
            "\n".join(lines[:8]) or str(target), title=f"Exported to {target.name}", timeout=15, markup=False
        )
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
