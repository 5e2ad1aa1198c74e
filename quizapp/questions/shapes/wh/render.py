"""Stages 8 and 9 of a wh-rewrite: the cut clause, its names written out, rendered as the declarative
statement (and its template, "{answer}" where the answer goes) and as the question."""

from __future__ import annotations

from typing import Any, NamedTuple

from quizapp.questions.shapes.wh.model import ClauseFrame, Names, PlacedFact
from quizapp.questions.templates import (
    IRREGULAR_PAST,
    NAME_ENTITIES,
    QuestionPattern,
    Refusal,
    Target,
    Token,
    _agent_noun,
    _common_word_tagged_as_name,
    _in_brackets,
    _is_role_title,
    _lower_first,
    _prune_noun_phrase,
    _refuse,
    _render,
    _subtree_ids,
    _wh_phrase,
    tidy,
)

#: Verbs whose object is an amount of money the subject costs, raised or earned.
PRICE_VERBS = {"cost", "raise", "earn"}
#: The auxiliary of do-support for a verb's tense tag ("took" -> "did ... take").
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}


#: The roles asked by a pattern of their own name; every other role is a prepositional phrase's.
_PATTERN_OF_ROLE: dict[str, QuestionPattern] = {"subject": "subject", "object": "object", "time": "time"}


class Asked(NamedTuple):
    """A question with the pattern it was asked by and its question word."""

    question: str
    pattern: QuestionPattern
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
    pattern: QuestionPattern
    if via_relative:
        pattern = "relative"
    elif target.kind == "number":
        pattern = "how_many"
    else:
        pattern = _PATTERN_OF_ROLE.get(role, "prep")
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


def _wh_word(wh_phrase: str) -> str:
    """The question word of a wh-phrase: "To which country" -> "which", "How many cigars" -> "how many"."""
    lowered = wh_phrase.lower()
    if lowered.startswith("how many"):
        return "how many"
    if "what year" in lowered:
        return "what year"
    for word in lowered.split():
        if word in {"who", "whom", "what", "which", "when", "where"}:
            return word
    return lowered.split()[0]


def _question_word(target: Target, role: str, counted: Token | None, doc: Any, target_ids: set[int]) -> str | None:
    if (
        target.kind == "number"
        and role == "object"
        and counted is not None
        and counted.dep_ == "dobj"
        and counted.head.lemma_ in PRICE_VERBS
    ):
        return "How much"  # "The building cost 412 million reais" -> "How much did the building cost?"
    if target.kind == "number" and target.granularity == "percent" and role == "prep_by":
        return "By what percentage"
    if target.kind == "number" and target.granularity == "money":
        return None  # other sums are parts of larger phrases; only "a salary of ..." asks cleanly (_money_of_question)
    if target.kind == "number":
        if counted is None or counted.tag_ not in {"NNS", "NNPS"}:
            return None
        mods = [
            t
            for t in counted.subtree
            if t.i not in target_ids
            and t.i < counted.i
            and not _in_brackets(t)
            and t.dep_ in {"amod", "compound"}
            and t.head == counted
        ]
        noun = " ".join([t.text for t in sorted(mods, key=lambda t: t.i)] + [counted.text])
        return f"How many {noun}"
    if role == "time":
        return _wh_phrase(target, role)
    if role.startswith("prep_"):
        prep = role[5:]
        if target.kind == "date":
            if prep not in {"in", "on", "during"}:
                return None
            return _wh_phrase(target, role)
        if target.kind == "place" and prep in {"in", "at"}:
            return "Where"
        if target.kind == "person":
            # "With whom did X study?", "Against whom ...?"; "In whom"/"At whom" are never what a text means.
            return f"{prep.capitalize()} whom" if prep in {"with", "against", "to", "from", "under", "after"} else None
        wh = _wh_phrase(target, role)
        if target.kind == "organization" and prep in {"at", "in", "on"}:
            return None  # "At which organization ...": a place question in disguise
        if wh is None or prep in {"of", "as", "than"}:
            return None
        return f"{prep.capitalize()} {wh[:1].lower()}{wh[1:]}"
    if target.kind == "date":
        return None
    return _wh_phrase(target, role)


def _active_question(
    doc: Any,
    target: Target,
    verb: Token,
    subject: Token,
    by: Token,
    clause: set[int],
    target_ids: set[int],
    replace: dict[int, str],
) -> str | None:
    """A passive clause asked about its agent, in the active voice when the verb's past tense is known
    ("Who designed the Varnholt Bridge?"), else with the preposition at the end ("Which firm was X
    designed by?")."""
    noun = _agent_noun(doc[target.start : target.end].root, target_ids)
    answer_root = doc[target.start : target.end].root
    if noun is None or any(c.dep_ == "conj" for c in [*noun.children, *answer_root.children]):
        return None  # "by Arthur Harlow and Edith Finch": the answer is two people
    if target.kind == "person":
        wh = "Who"
    elif noun.i not in target_ids and noun.pos_ == "NOUN":
        wh = f"Which {noun.lower_}"  # "the sporting goods group Mercer Holdings" -> "Which group"
    elif target.category:
        wh = f"Which {target.category}"
    else:
        return None  # no evidence the agent is an organization
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    if len(auxes) != 1 or auxes[0].dep_ != "auxpass":
        return None  # "had been founded", "will be built": keep to the simple passive
    aux = auxes[0]
    subject_ids = _subtree_ids(subject) & clause
    if subject.i in replace:
        subject_ids = (subject_ids - _subtree_ids(subject)) | {subject.i}
    rest = clause - subject_ids - _subtree_ids(by) - {aux.i, verb.i}
    fronted = {i for i in rest if i < subject.left_edge.i}
    tail_ids = rest - fronted
    object_text = _render(doc, subject_ids, replace) if subject_ids else replace.get(subject.i, "")
    if not object_text:
        return None
    first = doc[min(subject_ids)] if subject_ids else subject
    if subject.i not in replace and (first.lower_ in {"the", "a", "an"} or _common_word_tagged_as_name(first)):
        object_text = object_text[:1].lower() + object_text[1:]
    tail = _render(doc, tail_ids, replace) if tail_ids else ""
    front = _lower_first(_render(doc, fronted, replace), doc[min(fronted)]) if fronted else ""
    past = verb.lower_ if verb.lower_.endswith("ed") else IRREGULAR_PAST.get(verb.lower_)
    if aux.lower_ in {"was", "were"} and verb.tag_ == "VBN" and past:
        question = f"{wh} {past} {object_text} {tail} {front}"
    else:
        question = f"{wh} {aux.lower_} {object_text} {verb.text} {tail} {front} by"
    question = tidy(question).rstrip(".") + "?"
    return question[:1].upper() + question[1:]


def _case_fix(doc: Any, ids: set[int], replace: dict[int, str]) -> dict[int, str]:
    """Lower-case a formerly sentence-initial word that no longer starts the text."""
    fixes: dict[int, str] = {}
    if not ids:
        return fixes
    first = min(ids)
    sent_start = doc[first].sent.start
    if sent_start in ids and sent_start != first:
        tok = doc[sent_start]
        if sent_start not in replace:
            fixes[sent_start] = _lower_first(tok.text, tok)
    return fixes


def _plural(subject: Token) -> bool:
    return (
        subject.tag_ in {"NNS", "NNPS"}
        or subject.lower_ in {"they", "we", "you"}
        or any(c.dep_ == "conj" for c in subject.children)
    )


def _simple_past(
    verb: Token, rest: set[int], *, plural: bool, present_perfect: bool = False
) -> tuple[str | None, dict[int, str]] | None:
    """The clause's perfect rewritten in the simple past, for a question that stands on its own.

    A question keeps no past perfect from its sentence ("had been forced out" -> "was forced out", "had
    fled" -> "fled"), nor a present perfect when it asks for a date ("When has X been ...?"). Returns the
    auxiliary a question would invert ("was", or "did" with the verb's lemma) and the word replacements
    for a clause read in order; ``(None, {})`` when the clause has no such perfect; None when the
    participle's past tense is unknown (an irregular verb not listed)."""
    perfect = {"had"} | ({"has", "have"} if present_perfect else set())
    auxes = sorted(
        (c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i and c.i in rest), key=lambda t: t.i
    )
    if not auxes or auxes[0].lower_ not in perfect:
        return None, {}
    be = "were" if plural else "was"
    had = auxes[0]
    if len(auxes) >= 2 and auxes[1].lower_ == "been":  # "had been forced out", "had been living"
        return be, {had.i: "", auxes[1].i: be}
    if len(auxes) == 1 and verb.lower_ == "been":  # "had been mayor"
        return be, {had.i: "", verb.i: be}
    if len(auxes) == 1 and verb.tag_ == "VBN":  # "had fled"
        past = verb.lower_ if verb.lower_.endswith("ed") else IRREGULAR_PAST.get(verb.lower_)
        if past is None:
            return None
        return "did", {had.i: "", verb.i: past}
    return None, {}


def _invert(
    doc: Any,
    verb: Token,
    subject: Token,
    rest: set[int],
    replace: dict[int, str],
    aux_override: str | None = None,
    present_perfect: bool = False,
) -> str | None:
    """Clause tokens in question order: auxiliary, subject, the rest.

    ``aux_override`` is the auxiliary of a participle clause ("carrying" -> "were ... carrying"). A past
    perfect is asked in the simple past ("When was X forced out?", "Through which country did X flee?").
    """
    subject_ids = _subtree_ids(subject) & rest
    if not subject_ids and subject.i not in replace:
        return None
    auxes = sorted(
        (c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i and c.i in rest), key=lambda t: t.i
    )
    if verb.dep_ == "conj" and subject.head != verb:
        auxes = sorted((c for c in subject.head.children if c.dep_ in {"aux", "auxpass"}), key=lambda t: t.i) or auxes
    # Fronted modifiers ("In February, ...") move after the verb phrase.
    fronted = {i for i in rest if i < subject.left_edge.i and i not in subject_ids}
    tail_ids = rest - subject_ids - fronted
    local = dict(replace)
    simple = _simple_past(verb, rest, plural=_plural(subject), present_perfect=present_perfect)
    aux_text: str | None
    if aux_override:
        aux_text = aux_override
    elif simple is None or simple[0] is not None:
        # Do-support needs only the lemma, so an irregular participle not listed is fine here.
        aux_text, dropped = simple if simple is not None else ("did", {auxes[0].i: "", verb.i: ""})
        tail_ids -= set(dropped)
        if aux_text == "did":
            local[verb.i] = verb.lemma_.lower()
            tail_ids.add(verb.i)
    elif auxes and auxes[0].i in rest:
        first_aux = auxes[0]
        if first_aux.lower_ in {"to"}:
            return None
        aux_text = first_aux.lower_
        tail_ids -= {first_aux.i}
    elif verb.lemma_ == "be" and not auxes:
        aux_text = verb.lower_
        tail_ids -= {verb.i}
    elif auxes:
        return None
    else:
        aux_text = DO_SUPPORT.get(verb.tag_)
        if aux_text is None:
            return None
        local[verb.i] = verb.lemma_.lower() if verb.lemma_ not in {"-PRON-"} else verb.text
    subj_text = (
        _render(doc, subject_ids, {**local, **_case_fix(doc, subject_ids, local)})
        if subject_ids
        else replace[subject.i]
    )
    if subject.i in replace and subject_ids:
        subj_text = _render(doc, subject_ids, local)
    if (
        subject_ids
        and subject.i not in replace
        and (doc[min(subject_ids)].lower_ in {"the", "a", "an"} or _is_role_title(doc[min(subject_ids)]))
    ):
        subj_text = subj_text[:1].lower() + subj_text[1:]
    elif (
        subject_ids
        and subject.i not in replace
        and min(subject_ids) not in replace
        and min(subject_ids) == subject.sent.start
        and (subject.left_edge.pos_ != "PROPN" or _common_word_tagged_as_name(subject.left_edge))
        and subject.left_edge.ent_type_ not in NAME_ENTITIES
    ):
        subj_text = subj_text[:1].lower() + subj_text[1:]
    tail = _render(doc, tail_ids, local)
    front_tail = _render(doc, fronted, local) if fronted else ""
    if front_tail and not all(
        doc[i].dep_ in {"prep", "pobj", "det", "compound", "amod", "nummod", "npadvmod", "punct"}
        or doc[i].head.i in fronted
        for i in fronted
    ):
        front_tail = ""
    if front_tail:
        front_tail = _lower_first(front_tail, doc[min(fronted)])
    return tidy(f"{aux_text} {subj_text} {tail} {front_tail}")
