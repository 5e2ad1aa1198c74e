"""A named antecedent of "..., who ...": "Ri Il-gyu, who had served as counselor ..." -> "Who had served ...?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import Refusal, _relative_subject, _subtree_ids

    if not ctx.via_relative:
        return None
    if ctx.target.kind == "number":
        return Refusal("not_relative", "a number is not the antecedent of a relative clause")
    rel_verbs = [c for c in ctx.head.children if c.dep_ == "relcl" and _relative_subject(c) is not None]
    if len(rel_verbs) != 1 or any(ctx.head.i in _subtree_ids(c) for c in rel_verbs):
        return Refusal("not_relative", "no one relative clause describes the fact")
    relative = _relative_subject(rel_verbs[0])
    return Placement("subject", relative, relative=relative)
