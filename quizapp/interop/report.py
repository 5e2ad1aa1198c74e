"""What an import or export carried over, and what it could not (never dropped silently)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from quizapp.errors import QuizappError


class InteropError(QuizappError):
    """A file of another program could not be read or written; the message says why."""


@dataclass
class TransferReport:
    """Counts of what was carried, and one line per thing that was not."""

    carried: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.carried[what] = self.carried.get(what, 0) + n

    def skip(self, message: str) -> None:
        self.skipped.append(message)

    def note(self, message: str) -> None:
        self.notes.append(message)

    def lines(self) -> list[str]:
        """The report as lines for a terminal: counts, then notes, then what was left out."""
        out = []
        if self.carried:
            out.append(", ".join(f"{n} {what}" for what, n in self.carried.items()))
        out += [f"note: {line}" for line in self.notes]
        if self.skipped:
            out.append(f"not carried over ({len(self.skipped)}):")
            out += [f"  - {line}" for line in self.skipped]
        return out


_CARD_TYPE_LOCS = {"flashcard", "typed", "multiple_choice", "true_false", "cloze"}


def validation_reasons(exc: ValidationError) -> str:
    """A pydantic ValidationError of a card in plain words ("the front is empty")."""
    reasons = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if not isinstance(p, int) and p not in _CARD_TYPE_LOCS)
        if error.get("type") == "string_too_short":
            reasons.append(f"the {where or 'text'} is empty")
        else:
            reasons.append(f"{where}: {error['msg']}" if where else error["msg"])
    return "; ".join(dict.fromkeys(reasons))
