"""A count: "carried 3,800 cigars" -> "How many cigars ...?"; "ran for three days" -> "How many days did ... run?";
"with a salary of 500 dollars" -> "How much was ...'s salary?" (built by the money shape of templates)."""

from __future__ import annotations

from typing import Any

from quizapp.questions.shapes.wh.model import Placement, ShapeContext


def place(ctx: ShapeContext) -> Any:
    from quizapp.questions.templates import (
        DURATION_UNITS,
        OBJECT_DEPS,
        SUBJECT_DEPS,
        Refusal,
        _in_brackets,
        _money_of_question,
    )

    target, head = ctx.target, ctx.head
    if target.kind != "number":
        return None
    if head.dep_ != "nummod" or head.head.pos_ not in {"NOUN", "PROPN"}:
        return Refusal("count_without_noun", 'the number counts no noun ("3,800 cigars")')
    counted = head.head
    if target.granularity == "money" and counted.dep_ == "pobj" and counted.head.lower_ == "of":
        return _money_of_question(ctx.doc, target, counted, ctx.resolve, ctx.renames) or Refusal(
            "money_without_owner", 'an amount "of" something whose owner cannot be named'
        )
    if counted.dep_ in SUBJECT_DEPS:
        role, anchor = "subject", counted
    elif counted.dep_ in OBJECT_DEPS:
        role, anchor = "object", counted
    elif (
        counted.dep_ == "pobj"
        and counted.head.lower_ == "for"
        and counted.lemma_ in DURATION_UNITS
        and counted.head.head.pos_ in {"VERB", "AUX"}
    ):
        role, anchor = "duration", counted.head
    else:
        return Refusal("count_role", "the counted noun is neither subject, object nor a duration of the verb")
    # The counted phrase must be number + adjectives + noun; what follows the noun is dropped.
    if any(
        t.dep_ not in {"nummod", "amod", "compound", "quantmod", "advmod", "det"}
        and t.i < counted.i
        and t.i not in ctx.target_ids
        for t in counted.subtree
        if not _in_brackets(t)
    ):
        return Refusal("count_phrase", "the counted phrase holds more than number, adjectives and noun")
    if any(t.dep_ == "det" for t in counted.children):
        return Refusal(
            "count_points_back", '"the two countries" points back; "a 3,800" is no count'
        )  # "the two countries" points back to named ones; "a 3,800" is not a count
    return Placement(role, anchor, counted=counted)
