"""The subject of its clause: "The National Intelligence Service confirmed ..." -> "Which agency confirmed ...?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import SUBJECT_DEPS

    return Placement("subject", ctx.head) if ctx.head.dep_ in SUBJECT_DEPS else None
