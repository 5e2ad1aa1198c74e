"""A bare date modifying the verb: "The bridge opened last June" (npadvmod) -> "When did the bridge open?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    head = ctx.head
    if head.dep_ == "npadvmod" and ctx.target.kind == "date" and head.head.pos_ in {"VERB", "AUX"}:
        return Placement("time", head)
    return None
