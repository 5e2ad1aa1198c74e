"""Import: copy a deck file (checked first) into the user's deck folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static


class ImportDeckScreen(ModalScreen[Path | None]):
    """Asks for a deck file; dismisses with the imported copy's path, or None."""

    BINDINGS = [
        Binding("enter", "import_file", "Import", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import a deck file (YAML) into your deck folder")
            yield Input(placeholder="path/to/deck.yaml", id="import-path")
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
        try:
            load_deck(source)
        except DeckError as exc:
            message.update(Text.assemble(("Not a valid deck: ", "bold red"), exc.first))
            return
        target_dir: Path = self.app.user_decks_dir()  # type: ignore[attr-defined]
        target = target_dir / source.name
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            if target.resolve() != source.resolve():
                shutil.copyfile(source, target)
        except OSError as exc:
            message.update(Text.assemble(("Cannot copy it to your deck folder: ", "bold red"), str(exc)))
            return
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
