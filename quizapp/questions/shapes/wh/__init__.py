"""The wh-rewrites, one module per question shape.

Each shape module has ``place(ctx)``: where the fact sits in its clause when the shape fits
(a :class:`Placement`), a finished question for shapes that build their own
(:class:`~quizapp.questions.templates.Transformed`), ``REFUSED`` when the shape is the fact's
but cannot be asked cleanly, or ``None`` when it is not this shape's fact. ``locate`` tries the
shapes in order; the clause around the placement is then pruned and inverted by
:func:`quizapp.questions.templates._transform`, which all shapes share. A new pattern is one new
module added to ``SHAPES``.
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
from quizapp.questions.shapes.wh.model import REFUSED, Placement, ShapeContext

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


__all__ = ["REFUSED", "SHAPES", "Placement", "ShapeContext", "locate"]
