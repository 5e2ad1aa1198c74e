"""Import: copy a deck file (checked first) into the user's deck folder; one already there is replaced on a yes."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class ImportDeckScreen(ModalScreen[Path | None]):
    """Asks for a deck file; dismisses with the imported copy's path, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import a deck file (YAML) into your deck folder")
            yield Input(placeholder="path/to/deck.yaml", id="import-path")
            yield Static("Enter imports · Escape cancels", id="import-message", classes="hint")

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        from quizapp.deck.yaml_io import load_deck
        from quizapp.errors import DeckError

        message = self.query_one("#import-message", Static)
        source = Path(event.value.strip()).expanduser()
        if not source.is_file():
            message.update(Text.assemble(("No such file: ", "bold red"), str(source)))
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
                self.query_one("#import-message", Static).update(Text.assemble(
                    ("Not imported: ", "bold"), f"your {target.name} was kept. Rename the file to import it beside it."
                ))

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

    def action_cancel(self) -> None:
        self.dismiss(None)
