"""The direct object: "South Korea established relations with Cuba" asks its object "What did ... establish?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import OBJECT_DEPS

    return Placement("object", ctx.head) if ctx.head.dep_ in OBJECT_DEPS else None
