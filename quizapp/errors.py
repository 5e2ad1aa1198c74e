"""Errors that reach the user as one clear message (never a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class QuizappError(Exception):
    """Base of every error quizapp reports to the user in plain words."""


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, like an editor shows them."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class DeckError(QuizappError):
    """A deck file could not be read; carries every problem found in it."""

    def __init__(self, path: str | Path, problems: list[Problem]):
        self.path = str(path)
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def first(self) -> str:
        """The first problem, located: what a one-line notice shows."""
        return str(self.problems[0]) if self.problems else str(self)


class IngestError(QuizappError):
    """An article could not be read."""


class StorageError(QuizappError):
    """The review database could not be opened or written."""
