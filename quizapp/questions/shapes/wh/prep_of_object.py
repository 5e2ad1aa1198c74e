"""A phrase qualifying the object that still asks well: "established diplomatic relations with Cuba"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    head = ctx.head
    if (
        head.dep_ == "pobj"
        and head.head.dep_ == "prep"
        and head.head.lower_ in {"with", "to", "from", "in", "at"}
        and head.head.head.dep_ == "dobj"
        and head.head.head.head.pos_ in {"VERB", "AUX"}
        and head.head.i > head.head.head.i
        # "include new integration with Zoom, redesign of ... and ...": taken out of the first of a list of
        # objects, the phrase leaves the list dangling ("With whom do they include new integration, redesign ...?").
        and not any(c.dep_ == "conj" for c in head.head.head.children)
    ):
        return Placement(f"prep_{head.head.lower_}", head.head)
    return None
