"""The wh-rewrites: one module per question shape, then the named stages every shape shares.

Each shape module has ``place(ctx)``: where the fact sits in its clause when the shape fits
(a :class:`Placement`), a finished question for shapes that build their own
(:class:`~quizapp.questions.templates.Transformed`), ``REFUSED`` when the shape is the fact's
but cannot be asked cleanly, or ``None`` when it is not this shape's fact. ``locate`` tries the
shapes in order, and ``place_fact`` (the first stage) turns its answer into a :class:`PlacedFact`.
A new pattern is one new module added to ``SHAPES``.

The clause around a placement then goes through the stages
:func:`quizapp.questions.templates._transform` calls in order, each returning a named
:class:`~quizapp.questions.templates.Refusal` when it cannot do its part cleanly:
:mod:`.clause` (the verb and subject found, the subject phrase checked, the clause cut out,
lost complements, qualified answers and quotes refused), :mod:`.pronouns` (pronouns, possessives
and relative pronouns written out as names) and :mod:`.render` (the statement and the question).
They hand each other the types of :mod:`.model`: ``PlacedFact``, ``ClauseFrame``, ``Names``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from quizapp.questions.shapes.wh import (
    age,
    agent,
    appositive,
    count,
    object_,
    percent,
    prep,
    prep_of_object,
    relative,
    subject,
    time,
)
from quizapp.questions.shapes.wh.model import REFUSED, PlacedFact, Placement, ShapeContext
from quizapp.questions.templates import PronounResolver, Refusal, Target, Transformed, _in_brackets, _refuse

#: In order: the first shape that claims the fact decides.
SHAPES: Final[tuple[Callable[[ShapeContext], Any], ...]] = (
    relative.place,
    age.place,
    percent.place,
    count.place,
    subject.place,
    appositive.place,
    object_.place,
    prep.place,
    prep_of_object.place,
    agent.place,
    time.place,
)


def locate(ctx: ShapeContext) -> Any:
    """The first shape's answer for the fact: a Placement, a finished Transformed, or REFUSED."""
    for place in SHAPES:
        found = place(ctx)
        if found is not None:
            return found
    return REFUSED


def place_fact(
    doc: Any, target: Target, resolve: PronounResolver | None, renames: dict[int, str], via_relative: bool
) -> PlacedFact | Transformed | Refusal:
    """Stage 1 of a wh-rewrite: where the fact sits in its clause, as the first shape that claims it says.

    A shape that builds its own question (an age, a salary) answers with the finished Transformed.
    Refuses a fact with no tokens, one in brackets, and one no shape asks."""
    span = doc[target.start : target.end]
    if not len(span):
        return _refuse("empty_span", "the fact has no tokens in the parse")
    head = span.root
    target_ids = set(range(target.start, target.end))
    if any(_in_brackets(t) for t in span):
        return _refuse("in_brackets", "the fact stands in brackets: an aside")

    found = locate(ShapeContext(doc, target, head, frozenset(target_ids), via_relative, resolve, renames))
    if isinstance(found, Refusal):
        return found
    if found is REFUSED:
        return _refuse(
            "no_shape", f'no question shape asks a fact that is the {head.dep_ or "root"} of "{head.head.text}"'
        )
    if not isinstance(found, Placement):
        return found  # a shape that builds its own question (an age, a salary)
    return PlacedFact(doc, target, span, target_ids, found, resolve, renames, via_relative)


__all__ = ["REFUSED", "SHAPES", "PlacedFact", "Placement", "ShapeContext", "locate", "place_fact"]
