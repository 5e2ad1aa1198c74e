"""An age in apposition: "Hanna Berg, 34, ..." -> "How old was Hanna Berg?" (built by the shape itself)."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import Refusal, _age_question

    if ctx.target.kind != "number" or ctx.target.granularity != "age":
        return None
    return _age_question(ctx.doc, ctx.target, ctx.renames) or Refusal(
        "age_without_name", 'an age not set off after a person\'s name ("Hanna Berg, 34,")'
    )
