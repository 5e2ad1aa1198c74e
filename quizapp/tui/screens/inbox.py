"""The inbox of proposed cards: accept, edit or reject each, then write the deck to the user's deck folder."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Label, Static, TextArea

from quizapp.tui.widgets.feedback import revealed_answer
from quizapp.tui.widgets.question import prompt_of

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import AnyCard, Deck, StudyItem

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
MARKS = {
    PENDING: Text("·", style="dim"),
    ACCEPTED: Text("✔", style="bold green"),
    REJECTED: Text("✘", style="bold red"),
}


#: "Reject doubtful" rejects the pending cards the generator's ranker gives less than an even chance: blind judges
#: accepted about half of such cards on articles it never saw (benchmarks/corpus_eval.py measure).
DOUBTFUL_ESTIMATE = 0.5


def deck_file_name(title: str, folder: Path) -> Path:
    """A new file in ``folder`` named after the deck (``-2``, ``-3``… rather than overwrite)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60] or "deck"
    candidate = folder / f"{slug}.yaml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}.yaml"
        number += 1
    return candidate


class InboxScreen(Screen[Path | None]):
    """Proposed cards; dismisses with the written deck's path (None when abandoned)."""

    AUTO_FOCUS = "#inbox"
    BINDINGS = [
        Binding("a", "mark('accepted')", "Accept"),
        Binding("r", "mark('rejected')", "Reject"),
        Binding("e", "edit", "Edit"),
        Binding("A", "accept_rest", "Accept rest"),
        Binding("D", "reject_doubtful", "Reject <50%"),
        Binding("w", "write", "Write deck"),
        Binding("escape", "close", "Discard"),
    ]

    def __init__(self, deck: Deck, estimates: Mapping[str, float] | None = None) -> None:
        """``estimates``: card id -> the generator's estimate that a strict reviewer accepts the card."""
        super().__init__()
        self.deck = deck
        self.estimates = dict(estimates or {})
        self.cards = list(deck.cards)
        self.status = [PENDING] * len(self.cards)
        self.edited: set[int] = set()  # cards changed in the editor

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable[object] = DataTable(id="inbox", cursor_type="row")
        table.add_column("", width=1, key="status")
        table.add_column("Type", width=6, key="type")
        table.add_column("Question", width=44, key="question")
        table.add_column("Answer", width=18, key="answer")
        yield table
        yield Static(id="inbox-counts")
        with VerticalScroll(id="inbox-detail-box"):
            yield Static(id="inbox-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"inbox · {self.deck.title}"
        table = self.query_one("#inbox", DataTable)
        for index in range(len(self.cards)):
            table.add_row(*self._cells(index), key=str(index))
        self._show_detail()

    def _item(self, index: int) -> StudyItem:
        """A card as a study item (a cloze as its first deletion), to show it as it will be asked."""
        from quizapp.deck.model import StudyItem

        card = self.cards[index]
        return StudyItem(item_id=card.card_id, card=card, cloze_index=getattr(card, "indices", lambda: [None])()[0])

    def _cells(self, index: int) -> list[object]:
        from quizapp.tui.screens.browse import SHORT_TYPES
        from quizapp.tui.widgets.card_text import fit

        item = self._item(index)
        return [
            MARKS[self.status[index]],
            SHORT_TYPES[item.card.type],
            fit(prompt_of(item), 44),
            fit(revealed_answer(item), 18),
        ]

    def _refresh_row(self, index: int) -> None:
        table = self.query_one("#inbox", DataTable)
        for column, value in zip(("status", "type", "question", "answer"), self._cells(index)):
            table.update_cell(str(index), column, value)
        self._show_detail()

    def current_index(self) -> int | None:
        table = self.query_one("#inbox", DataTable)
        return table.cursor_row if table.row_count else None

    @on(DataTable.RowHighlighted, "#inbox")
    def _show_detail(self) -> None:
        """The highlighted card in full (question, answer, choices, source sentence) under the counts."""
        from quizapp.tui.widgets.card_text import card_text

        counts = {s: self.status.count(s) for s in (PENDING, ACCEPTED, REJECTED)}
        self.query_one("#inbox-counts", Static).update(
            f"{counts[ACCEPTED]} accepted · {counts[REJECTED]} rejected · {counts[PENDING]} to review"
        )
        index = self.current_index()
        text = Text()
        if index is not None:
            card = self.cards[index]
            text = card_text(self._item(index))
            if card.explanation:
                text.append("\n")
                text.append(card.explanation, style="dim")
            sentence = card.provenance.sentence if card.provenance else None
            if sentence:
                text.append("\nsource: ", style="dim")
                text.append(f"“{sentence}”", style="italic")
            estimate = self.estimates.get(card.card_id)
            if estimate is not None:
                text.append(f"\ngenerator's estimate: {estimate:.0%} likely to pass a strict review", style="dim")
        self.query_one("#inbox-detail", Static).update(text)
        self.query_one("#inbox-detail-box", VerticalScroll).scroll_home(animate=False)

    # -- deciding -----------------------------------------------------------------------------

    def action_mark(self, status: str) -> None:
        index = self.current_index()
        if index is None:
            return
        self.status[index] = status
        self._refresh_row(index)
        table = self.query_one("#inbox", DataTable)
        if index + 1 < table.row_count:
            table.move_cursor(row=index + 1)

    def action_accept_rest(self) -> None:
        for index, status in enumerate(self.status):
            if status == PENDING:
                self.status[index] = ACCEPTED
                self._refresh_row(index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reject_doubtful":
            return bool(self.estimates)  # a deck that came with no estimates has nothing to go by
        return True

    def action_reject_doubtful(self) -> None:
        """Reject every card still to review that the generator gives less than an even chance."""
        doubtful = [
            index
            for index, (card, status) in enumerate(zip(self.cards, self.status))
            if status == PENDING and self.estimates.get(card.card_id, 1.0) < DOUBTFUL_ESTIMATE
        ]
        for index in doubtful:
            self.status[index] = REJECTED
            self._refresh_row(index)
        self.notify(
            f"Rejected {len(doubtful)} card{'s' if len(doubtful) != 1 else ''} estimated below "
            f"{DOUBTFUL_ESTIMATE:.0%}; r/a still change any of them."
        )

    def action_edit(self) -> None:
        index = self.current_index()
        if index is None:
            return

        def edited(card: AnyCard | None) -> None:
            if card is not None:
                self.cards[index] = card
                self.edited.add(index)
                self.status[index] = ACCEPTED
                self._refresh_row(index)

        self.app.push_screen(CardEditor(self.deck.title, self.cards[index]), edited)

    def action_write(self) -> None:
        from quizapp.deck.model import Deck
        from quizapp.deck.yaml_io import save_deck

        accepted = [card for card, status in zip(self.cards, self.status) if status == ACCEPTED]
        if not accepted:
            self.notify("Accept at least one card first (a, or A for all the rest).", severity="warning")
            return
        deck = Deck(
            title=self.deck.title,
            description=self.deck.description,
            tags=self.deck.tags,
            sources=self.deck.sources,
            cards=accepted,
        )
        folder: Path = self.app.user_decks_dir()  # type: ignore[attr-defined]
        path = deck_file_name(deck.title, folder)
        try:
            save_deck(deck, path)
        except OSError as exc:  # the cards stay here, to be written once the folder is usable
            self.notify(f"Cannot write {path}: {exc.strerror or exc}", severity="error", timeout=15, markup=False)
            return
        self.dismiss(path)

    def action_close(self) -> None:
        """Leave without writing; asks first when that would throw decisions or edits away."""
        from quizapp.tui.screens.confirm import ConfirmScreen

        decided = sum(status != PENDING for status in self.status)
        if not decided and not self.edited:
            self.dismiss(None)
            return
        parts = []
        if decided:
            parts.append(f"{decided} accepted or rejected")
        if self.edited:
            parts.append(f"{len(self.edited)} edited")

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        detail = f"{' and '.join(parts)} of {len(self.cards)}; w writes the accepted ones to your deck folder."
        self.app.push_screen(ConfirmScreen("Discard these cards without writing them?", detail), answered)


class CardEditor(ModalScreen["AnyCard | None"]):
    """Edit one proposed card as YAML; saved only when it is a valid card."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, card: AnyCard) -> None:
        super().__init__()
        self.title_text = title
        self.card = card

    def compose(self) -> ComposeResult:
        from quizapp.deck.model import Deck
        from quizapp.deck.yaml_io import dump_deck

        text = dump_deck(Deck(title=self.title_text, cards=[self.card]))
        with Vertical(id="card-editor", classes="dialog"):
            yield Label("Edit the card · ctrl+s saves · Escape cancels")
            yield TextArea(text, language=None, id="card-yaml", soft_wrap=True)
            yield Static(id="card-error")
        # The editor's own keys, over the inbox's footer.
        yield Footer(compact=True)

    def action_save(self) -> None:
        from quizapp.deck.yaml_io import parse_deck
        from quizapp.errors import DeckError

        try:
            deck = parse_deck(self.query_one("#card-yaml", TextArea).text, "card")
        except DeckError as exc:
            self.query_one("#card-error", Static).update(Text(exc.first, style="red"))
            return
        if len(deck.cards) != 1:
            self.query_one("#card-error", Static).update(Text("keep exactly one card", style="red"))
            return
        self.dismiss(deck.cards[0])

    def action_cancel(self) -> None:
        self.dismiss(None)
