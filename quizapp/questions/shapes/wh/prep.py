"""A prepositional phrase of the verb: "were arrested in Havana" -> "Where were ... arrested?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    head = ctx.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in {"VERB", "AUX"}:
        return Placement(f"prep_{head.head.lower_}", head.head)
    return None
