"""What a wh-shape reads (the fact in its parse) and what it answers (where the fact sits), and what
the rewrite stages after it hand each other (the placed fact, the clause's frame, the written-out names)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from quizapp.questions.templates import PronounResolver, Target


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


@dataclass(frozen=True)
class PlacedFact:
    """The fact with its place in the clause: what every rewrite stage after placement reads."""

    doc: Any
    target: Target
    span: Any  # the fact's tokens (a spaCy Span)
    target_ids: set[int]
    placement: Placement
    resolve: PronounResolver | None
    renames: dict[int, str]
    via_relative: bool  # asked from the relative clause describing a named antecedent


@dataclass(frozen=True)
class ClauseFrame:
    """The clause the fact sits in: the verb that carries its tense, its subject, and how it hangs on
    the sentence."""

    verb: Any
    subject: Any
    participle: bool  # an -ing clause sharing the main clause's subject ("..., carrying 3,800 cigars")
    relative: Any  # the relative pronoun standing for a named antecedent, or None
    antecedent: tuple[str, set[int]] | None  # that antecedent's name and its tokens


@dataclass(frozen=True)
class Names:
    """How the clause's words are written out on the card."""

    replace: dict[int, str]  # token index -> its text on the card ("" leaves it out)
    resolved: str | None  # what the subject was written out as, when it was
    aux_for_participle: str | None  # the "was"/"were" put before a participle clause's verb
