"""Stages 8 and 9 of a wh-rewrite: the cut clause, its names written out, rendered as the declarative
statement (and its template, "{answer}" where the answer goes) and as the question."""

from __future__ import annotations

from typing import NamedTuple

from quizapp.questions.shapes.wh.model import ClauseFrame, Names, PlacedFact
from quizapp.questions.templates import (
    Refusal,
    _active_question,
    _case_fix,
    _invert,
    _lower_first,
    _prune_noun_phrase,
    _question_word,
    _refuse,
    _render,
    _simple_past,
    _subtree_ids,
    _wh_word,
    tidy,
)


class Asked(NamedTuple):
    """A question with the pattern it was asked by and its question word."""

    question: str
    pattern: str  # subject, object, prep, time, how_many, relative, agent
    wh: str  # who, what, which, when, where, how many, ...


def build_statement(fact: PlacedFact, frame: ClauseFrame, clause: set[int], names: Names) -> tuple[str, str]:
    """Stage 8: the clause as a declarative sentence: its template ("{answer}" where the answer goes)
    and the statement (the answer in place), for true/false and cloze cards."""
    doc, target, target_ids = fact.doc, fact.target, fact.target_ids
    role, anchor = fact.placement.role, fact.placement.anchor
    verb, subject, relative = frame.verb, frame.subject, frame.relative
    replace, aux_for_participle = names.replace, names.aux_for_participle

    answer_text = fact.span.text
    # --- the declarative statement, answer in place
    phrase_ids = _subtree_ids(anchor) & clause if role == "subject" else set()
    stmt_ids = set(clause)
    if subject.i not in clause and relative is None:
        # "The country has no army but was a founding member ...": the second verb shares the first's subject.
        stmt_ids |= _prune_noun_phrase(subject, target_ids)
    stmt_replace = dict(replace)
    if role == "subject" and target.kind != "number":
        # Replace the whole subject phrase ("The National Intelligence Service") by the answer.
        stmt_ids -= phrase_ids
        stmt_ids.add(target.start)
        stmt_replace[target.start] = "{answer}"
    else:
        stmt_ids -= target_ids - {target.start}
        stmt_replace[target.start] = "{answer}"
    if aux_for_participle:
        stmt_replace[verb.i] = f"{aux_for_participle} {verb.text}"
    template = _render(doc, stmt_ids, {**stmt_replace, **_case_fix(doc, stmt_ids, stmt_replace)})
    template = template[:1].upper() + template[1:]
    if not template.endswith("."):
        template += "."
    statement = template.replace("{answer}", answer_text)
    return template, statement


def build_question(fact: PlacedFact, frame: ClauseFrame, clause: set[int], names: Names) -> Asked | Refusal:
    """Stage 9: the clause asked about the fact: a passive's agent in the active voice, a subject
    replaced by its wh-phrase, or anything else fronted as a wh-phrase before the inverted clause.

    Refuses when no wh-word fits the answer, or the clause cannot be turned into a question."""
    doc, target, target_ids, via_relative = fact.doc, fact.target, fact.target_ids, fact.via_relative
    role, anchor, counted = fact.placement.role, fact.placement.anchor, fact.placement.counted
    verb, subject = frame.verb, frame.subject
    replace = names.replace

    # --- the question
    if role == "agent":
        question = _active_question(doc, target, verb, subject, anchor, clause, target_ids, replace)
        if question is None:
            return _refuse("no_active_voice", "the passive's agent cannot be asked in the active voice")
        return Asked(question, "agent", _wh_word(question.split(" ", 1)[0]))
    wh = _question_word(target, role, counted, doc, target_ids)
    if wh is None:
        return _refuse("no_wh_word", "no wh-word fits the answer's kind and role")
    if role == "subject":
        asked = _subject_question(fact, frame, clause, names, wh)
    else:
        asked = _inverted_question(fact, frame, clause, names, wh)
    if isinstance(asked, Refusal):
        return asked
    question = tidy(asked).rstrip(".") + "?"
    question = question[:1].upper() + question[1:]
    if via_relative:
        pattern = "relative"
    elif target.kind == "number":
        pattern = "how_many"
    else:
        pattern = role if role in {"subject", "object", "time"} else "prep"
    return Asked(question, pattern, _wh_word(wh))


def _subject_question(fact: PlacedFact, frame: ClauseFrame, clause: set[int], names: Names, wh: str) -> str | Refusal:
    """The wh-phrase in the subject's place, the verb phrase after it, fronted phrases moved to the end
    ("Who entered South Korea in November?"); a perfect is asked in the simple past."""
    doc, target = fact.doc, fact.target
    anchor = fact.placement.anchor
    verb = frame.verb
    replace = names.replace

    phrase_ids = _subtree_ids(anchor) & clause
    rest = clause - phrase_ids
    if target.kind == "number":
        rest = clause - _subtree_ids(anchor)
    fronted = {i for i in rest if i < anchor.left_edge.i}
    simple = _simple_past(verb, rest, plural=target.kind == "number", present_perfect=target.kind == "date")
    if simple is None:
        return _refuse(
            "unknown_simple_past", "a past perfect whose simple past is not known"
        )  # a past perfect whose simple past we do not know
    replace = {**replace, **simple[1]}
    body = _render(doc, rest - fronted, {**replace, **_case_fix(doc, rest - fronted, replace)})
    tail = _render(doc, fronted, replace) if fronted else ""
    if tail:
        tail = _lower_first(tail, doc[min(fronted)])
    return f"{wh} {body} {tail}"


def _inverted_question(fact: PlacedFact, frame: ClauseFrame, clause: set[int], names: Names, wh: str) -> str | Refusal:
    """The wh-phrase fronted, the clause without the answer inverted after it (an auxiliary first, or
    do-support): "When did South Korea and Cuba establish diplomatic relations?"."""
    doc, target = fact.doc, fact.target
    anchor = fact.placement.anchor
    verb, subject = frame.verb, frame.subject
    replace, aux_for_participle = names.replace, names.aux_for_participle

    remove = _subtree_ids(anchor)
    rest = clause - remove
    inverted = _invert(doc, verb, subject, rest, replace, aux_for_participle, present_perfect=target.kind == "date")
    if inverted is None:
        return _refuse("no_inversion", "the clause could not be turned into a question (no do-support or auxiliary)")
    return f"{wh} {inverted}"
