"""A name set off after a subject noun: "The regional economy minister, Willy Borsus, called ..." -> "Who called ...?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import SUBJECT_DEPS, _set_off_by_comma

    head = ctx.head
    if (
        head.dep_ == "appos"
        and head.head.dep_ in SUBJECT_DEPS
        and ctx.target.kind == "person"
        and _set_off_by_comma(head)
        and head.head.pos_ == "NOUN"
    ):
        return Placement("subject", head.head, appositive=True)
    return None
