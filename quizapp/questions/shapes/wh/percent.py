"""The size of a change: "The council cut emissions by 31 percent" -> "By what percentage did the council cut emissions?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import _percent_by

    if ctx.target.kind != "number" or ctx.target.granularity != "percent":
        return None
    by = _percent_by(ctx.head)
    return Placement("prep_by", by) if by is not None else None
