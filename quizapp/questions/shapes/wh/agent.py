"""The agent of a passive: "It was designed by the firm Halvorsen Partners" -> "Which firm designed ...?"."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import _agent_noun

    if ctx.target.kind not in {"person", "organization"}:
        return None
    noun = _agent_noun(ctx.head, set(ctx.target_ids))
    return Placement("agent", noun.head) if noun is not None else None
