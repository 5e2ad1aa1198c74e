"""Import: copy a deck file (checked first) into the user's deck folder; one already there is replaced on a yes.

Anki packages and Anki's or Quizlet's text files are converted (:mod:`quizapp.interop`) into
a deck written to the same folder, in a worker; what could not be carried over is shown.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, Label, Static


class ImportDeckScreen(ModalScreen[Path | None]):
    """Asks for a deck file; dismisses with the imported copy's path, or None."""

    BINDINGS = [
        Binding("enter", "import_file", "Import", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import a deck into your deck folder: YAML, Anki (.apkg, .colpkg), CSV/TSV/TXT")
            yield Input(placeholder="path/to/deck.yaml or .apkg or .csv", id="import-path")
            yield Checkbox("Also import Anki's review history", id="import-history", compact=True)
            yield Static("Enter imports · Escape cancels", id="import-message", classes="hint")
        # The dialog's own keys, over the home screen's footer.
        yield Footer(compact=True)

    def action_import_file(self) -> None:
        from quizapp.deck.yaml_io import load_deck
        from quizapp.errors import DeckError

        message = self.query_one("#import-message", Static)
        source = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        if not source.is_file():
            message.update(Text.assemble(("No such file: ", "bold red"), str(source)))
            return
        if source.suffix.lower() not in (".yaml", ".yml"):
            message.update(Text(f"Importing {source.name}…"))
            self._convert(source, self.query_one("#import-history", Checkbox).value)
            return
        try:
            load_deck(source)
        except DeckError as exc:
            message.update(Text.assemble(("Not a valid deck: ", "bold red"), exc.first))
            return
        target_dir: Path = self.app.user_decks_dir()  # type: ignore[attr-defined]
        target = target_dir / source.name
        try:
            if target.exists() and target.resolve() != source.resolve():
                if target.read_bytes() == source.read_bytes():
                    self.dismiss(target)  # already there, word for word
                    return
                self._ask_to_replace(source, target)
                return
        except OSError as exc:
            message.update(Text.assemble(("Cannot read your deck folder: ", "bold red"), str(exc)))
            return
        self._copy(source, target)

    def _ask_to_replace(self, source: Path, target: Path) -> None:
        from quizapp.tui.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self._copy(source, target)
            else:
                self.query_one("#import-message", Static).update(
                    Text.assemble(
                        ("Not imported: ", "bold"),
                        f"your {target.name} was kept. Rename the file to import it beside it.",
                    )
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Your deck folder already has {target.name}. Replace it?",
                f"{target} would be overwritten by {source}. Its review history stays.",
            ),
            answered,
        )

    def _copy(self, source: Path, target: Path) -> None:
        from quizapp.files import write_atomically

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (target.exists() and target.resolve() == source.resolve()):
                write_atomically(target, source.read_bytes())
        except OSError as exc:
            message = self.query_one("#import-message", Static)
            message.update(Text.assemble(("Cannot copy it to your deck folder: ", "bold red"), str(exc)))
            return
        self.dismiss(target)

    @work(thread=True, exclusive=True, group="import-convert")
    def _convert(self, source: Path, with_history: bool) -> None:
        # An Anki package may hold thousands of notes and reviews: converted off the UI thread.
        from quizapp.deck.yaml_io import save_deck
        from quizapp.errors import QuizappError
        from quizapp.interop.convert import ANKI_PACKAGE_SUFFIXES, check_can_write, import_file, import_history

        app = self.app
        target = app.user_decks_dir() / f"{source.stem}.yaml"  # type: ignore[attr-defined]
        try:
            check_can_write(target, force=False)
            if with_history and source.suffix.lower() not in ANKI_PACKAGE_SUFFIXES:
                raise QuizappError("only Anki packages (.apkg, .colpkg) carry review history")
            result = import_file(source)
            save_deck(result.deck, target)
            lines = result.report.lines()
            if with_history:
                lines += [f"history: {line}" for line in import_history(result, target, app.data_dir).lines()]  # type: ignore[attr-defined]
        except (QuizappError, OSError) as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        app.call_from_thread(self._converted, target, lines)

    def _failed(self, reason: str) -> None:
        self.query_one("#import-message", Static).update(Text.assemble(("Cannot import it: ", "bold red"), reason))

    def _converted(self, target: Path, lines: list[str]) -> None:
        if lines:
            shown = lines[:8] + ([f"… and {len(lines) - 8} more lines"] if len(lines) > 8 else [])
            self.app.notify("\n".join(shown), title=f"Imported {target.name}", timeout=20, markup=False)
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
