"""What a wh-shape reads (the fact in its parse) and what it answers (where the fact sits)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final


@dataclass(frozen=True)
class ShapeContext:
    doc: Any
    target: Any  # quizapp.questions.templates.Target
    head: Any  # the root token of the fact's span
    target_ids: frozenset[int]
    via_relative: bool
    resolve: Any
    renames: dict[int, str]


@dataclass(frozen=True)
class Placement:
    """The fact's role in its clause and the phrase the wh-phrase replaces."""

    role: str  # subject, object, prep_<word>, prep_by, duration, agent, time
    anchor: Any  # the token whose subtree is the phrase to replace
    counted: Any = None  # for "How many": the counted noun
    relative: Any = None  # the relative pronoun standing for a named antecedent
    appositive: bool = False  # the answer is a name set off after the subject noun it describes


class _Refused:
    def __repr__(self) -> str:
        return "REFUSED"


#: The shape is the fact's, but it cannot be asked cleanly: no other shape is tried.
REFUSED: Final = _Refused()
