"""The clause around a placed fact: its verb and subject found, the clause cut out of the sentence, and
the refusals of clauses a question cannot be made from cleanly (stages 2 to 6 of a wh-rewrite)."""

from __future__ import annotations

import re
from typing import Any

from quizapp.questions.parse_cache import entities
from quizapp.questions.shapes.wh.model import ClauseFrame, PlacedFact
from quizapp.questions.templates import (
    DROP_NOUN_DEPS,
    NAME_ENTITIES,
    NONRESTRICTIVE_DEPS,
    SUBJECT_DEPS,
    TIME_QUALIFIERS,
    Refusal,
    Token,
    _clause_ids,
    _in_brackets,
    _is_factual_clause,
    _is_plain_subclause,
    _prune_noun_phrase,
    _refuse,
    _relative_subject,
    _set_off_by_comma,
    _subtree_ids,
    clause_subject,
)


def find_clause(fact: PlacedFact) -> ClauseFrame | Refusal:
    """Stage 2: the verb that carries the clause's tense and the clause's subject.

    Climbs from the placed phrase to its verb (through xcomp chains: "managed to smuggle"), and tells
    a participle clause ("..., carrying ...") and a relative clause about a name ("Ri, who ...") apart,
    whose subject is the main clause's subject or the name. Refuses a clause that states no plain fact,
    one without a subject, and a fact that is the subject of a non-subject shape."""
    doc, target_ids, renames, via_relative = fact.doc, fact.target_ids, fact.renames, fact.via_relative
    found = fact.placement
    role, anchor = found.role, found.anchor
    relative = found.relative

    verb = anchor.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.dep_ == "dobj":
        verb = verb.head
    # Climb xcomp chains ("managed to smuggle ... to China") to the verb that carries tense.
    while verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
    participle = _is_participle(verb)
    if relative is None and verb.dep_ == "relcl":
        relative = _relative_subject(verb)
    antecedent = _named_antecedent(doc, verb, renames) if relative is not None else None
    if relative is not None and antecedent is None:
        return _refuse("relative_without_name", "a relative clause whose antecedent is not a name")
    if antecedent is not None and antecedent[1] & target_ids and not via_relative:
        return _refuse(
            "antecedent_itself", "the fact is the relative clause's own antecedent (asked by the relative shape)"
        )  # asking about the antecedent itself is the relative pattern's job
    if not (participle or relative is not None or _is_factual_clause(verb)):
        return _refuse(
            "not_factual", "the clause is not a plain statement of fact (a wish, a condition, an opinion, a report)"
        )
    if (relative is not None or participle) and not _is_plain_subclause(verb):
        return _refuse("not_plain_subclause", "a participle or relative clause that is not a plain description")

    subject = relative if relative is not None else clause_subject(verb.head if participle else verb)
    if subject is None:
        return _refuse("no_subject", "the clause has no subject to ask with")
    if role != "subject" and subject.i in target_ids:
        return _refuse("answer_is_subject", "the fact is the clause's subject, asked by the subject shape")
    return ClauseFrame(verb, subject, participle, relative, antecedent)


def check_subject_phrase(fact: PlacedFact, frame: ClauseFrame) -> Refusal | None:
    """Stage 3: when the fact is the subject, the subject phrase must be the fact and no more.

    Determiners, asides and a person's titles may come along ("Foreign Minister Yun Byung-se" -> "Who");
    anything else, a subject of two things joined by "and", or a participle's subject is refused."""
    target, target_ids = fact.target, fact.target_ids
    role, anchor, appositive = fact.placement.role, fact.placement.anchor, fact.placement.appositive
    relative, participle = frame.relative, frame.participle

    # The anchor phrase must be exactly the fact (plus determiners), not a larger phrase around it.
    if role == "subject" and target.kind != "number" and relative is None and not appositive:
        extra = [
            t
            for t in anchor.subtree
            if t.i not in target_ids
            and t.dep_ not in {"det", "punct", "case"}
            and not _in_brackets(t)
            and t.dep_ not in DROP_NOUN_DEPS
            and not (t.dep_ in NONRESTRICTIVE_DEPS and _set_off_by_comma(t))
        ]
        extra = [
            t
            for t in extra
            if not any(
                a.dep_ in DROP_NOUN_DEPS or (a.dep_ in NONRESTRICTIVE_DEPS and _set_off_by_comma(a))
                for a in t.ancestors
                if a.i in _subtree_ids(anchor) and a != anchor
            )
        ]
        # Titles before a person's name go with it ("Foreign Minister Yun Byung-se" -> "Who").
        extra = [
            t
            for t in extra
            if not (
                target.kind == "person"
                and t.i < target.start
                and t.dep_ in {"compound", "amod", "poss", "case", "nmod"}
                and all(a.i in target_ids or a.i < target.start for a in t.ancestors if a.i in _subtree_ids(anchor))
            )
        ]
        if extra:
            return _refuse("subject_phrase_larger", "the subject phrase holds more than the fact")
        if any(c.dep_ == "conj" for c in anchor.children):
            return _refuse(
                "two_answers", "the subject is two things joined by 'and'"
            )  # "South Korea and Cuba established ...": the answer is two things
    if role == "subject" and participle:
        return _refuse(
            "participle_subject", "a who-question about a participle reads poorly"
        )  # "Who was carrying ...?" reads poorly; the main clause asks it better
    return None


def cut_clause(fact: PlacedFact, frame: ClauseFrame) -> set[int] | Refusal:
    """Stage 4: the token ids of the clause with asides cut away (a participle's shared subject added).

    Refuses a clause that cannot be cut cleanly, one whose verb would lose its complement, and a
    parse too odd to rewrite."""
    doc, target_ids = fact.doc, fact.target_ids
    verb, subject, participle = frame.verb, frame.subject, frame.participle

    clause = _clause_ids(verb, subject, target_ids)
    if clause is None:
        return _refuse("no_clause", "the clause around the fact could not be cut out cleanly")
    refusal = _check_complement(verb, clause)
    if refusal is not None:
        return refusal
    if participle:
        clause |= _prune_noun_phrase(subject, target_ids)
    if _garbled(doc, verb, subject, clause):
        return _refuse("garbled_clause", "the clause's words would run together out of order")
    return clause


def _check_complement(verb: Token, clause: set[int]) -> Refusal | None:
    """The cut clause must keep what its verb needs after it."""
    if any(c.dep_ in {"xcomp", "ccomp", "dobj", "attr", "acomp", "oprd"} and c.i not in clause for c in verb.children):
        return _refuse(
            "lost_complement", "the verb would lose its complement"
        )  # "seeks, among other objectives, to ...": without its complement the verb says nothing
    if not any(c.i in clause and c.i > verb.i and c.dep_ != "punct" for c in verb.children) and verb.lemma_ != "be":
        return _refuse(
            "nothing_after_verb", "nothing is left after the verb: the parse lost its complement"
        )  # nothing left after the verb: the parse lost its complement
    return None


def drop_superseded_dates(fact: PlacedFact, frame: ClauseFrame, clause: set[int]) -> set[int]:
    """Stage 5: the clause without the verb's dated phrases when a time qualifier ("most recently",
    "again") bounds the verb, unless the date is the fact."""
    target_ids, verb = fact.target_ids, frame.verb

    # "had won the cup four times, most recently in 2017": without "most recently" the date turns false.
    if any(c.dep_ == "advmod" and c.lower_ in TIME_QUALIFIERS for c in verb.children):
        for child in verb.children:
            if (
                child.dep_ == "prep"
                and child.i in clause
                and not _subtree_ids(child) & target_ids
                and any(t.ent_type_ == "DATE" for t in child.subtree)
            ):
                clause -= _subtree_ids(child)
    return clause


def check_qualifiers(fact: PlacedFact, frame: ClauseFrame, clause: set[int]) -> Refusal | None:
    """Stage 6a: refuses an answer whose qualifier the question would lose ("most recently in 2017")."""
    target = fact.target
    role, anchor = fact.placement.role, fact.placement.anchor
    verb = frame.verb

    # A date qualified by "most recently", "again", "previously" is not the date of the event itself.
    if target.kind == "date" and any(
        c.dep_ == "advmod" and c.i not in clause and c.lower_ in TIME_QUALIFIERS for c in verb.children
    ):
        return _refuse(
            "qualified_date", "the date is qualified ('most recently', 'again'): not the date of the event itself"
        )
    # The answer's preposition must not carry a qualifier the question would lose ("most recently in 2017").
    if role.startswith("prep_") and any(c.dep_ in {"advmod", "npadvmod"} for c in anchor.children):
        return _refuse("qualified_preposition", "the answer's preposition carries a qualifier the question would lose")
    return None


def check_quotes(fact: PlacedFact, clause: set[int]) -> Refusal | None:
    """Stage 6b: refuses a clause holding quoted words: the wording is someone else's."""
    doc = fact.doc

    # Quotes: the wording is someone else's, also when the parse left the quote marks out of the clause
    # but kept the quoted words ('with “magnificent” welcoming events').
    quoted = [
        t
        for t in doc[min(clause) : max(clause) + 1]
        if t.text in {'"', "“", "”"} or (t.text in {"‘", "’"} and t.dep_ != "case")
    ]
    if quoted:
        return _refuse("quotation", "the clause holds quoted words")
    return None


def _is_participle(verb: Token) -> bool:
    """ "..., carrying 3,800 cigars": an -ing clause sharing the main clause's subject."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in SUBJECT_DEPS | {"mark", "aux", "auxpass"} for c in verb.children)
        and not _set_off_by_comma(verb)
    )


def _named_antecedent(doc: Any, relative_verb: Token, renames: dict[int, str]) -> tuple[str, set[int]] | None:
    """The name a non-restrictive relative clause describes ("Ri Il-gyu, who ..."), with its tokens."""
    antecedent = relative_verb.head
    if antecedent.pos_ != "PROPN" or antecedent.ent_type_ not in NAME_ENTITIES:
        return None
    if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "of":
        return None  # "the summit of the Association ..., which ran for three days": which one ran?
    if any(t.text in {"(", ")"} for t in doc[antecedent.i : relative_verb.left_edge.i]):
        return None
    ent = next((e for e in entities(doc) if e.start <= antecedent.i < e.end), None)
    if ent is None:
        return None
    ids = set(range(ent.start, ent.end))
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    if len(ids) == 1 and antecedent.i in renames:
        return renames[antecedent.i], ids
    text = doc[start : ent.end].text
    text = re.sub(r"[’']s$", "", text)
    if start > 0 and doc[start - 1].lower_ == "the" and antecedent.ent_type_ != "PERSON":
        text = "the " + text  # "the Association of Caribbean States"
    return (text, ids) if text else None


def _garbled(doc: Any, verb: Token, subject: Token, clause: set[int]) -> bool:
    """A parse too odd to rewrite: a preposition left without its object ("By" of "By 1935 Harlow ..."
    parsed as a number of Harlow), a number counting a name, a clause inside the subject."""
    for i in clause:
        tok = doc[i]
        if (
            tok.dep_ == "prep"
            and tok.pos_ == "ADP"
            and not any(c.dep_ in {"pobj", "pcomp"} and c.i in clause for c in tok.children)
        ):
            return True
        if tok.dep_ == "nummod" and tok.head.pos_ == "PROPN" and tok.i < tok.head.i and tok.head.ent_type_ != "DATE":
            return True
        if tok.dep_ == "cc" and not any(c.dep_ == "conj" for c in tok.head.children):
            return True  # "The 27-year-old joined Leinster ... and has won": an "and" joining nothing
    if sum(1 for c in verb.children if c.dep_ in SUBJECT_DEPS) > 1:
        return True  # "candidates backed by the coalition Chile Vamos won ...": two subjects, a misparse
    return any(
        t.dep_ in SUBJECT_DEPS and t != subject and t.head.dep_ not in {"relcl", "acl", "advcl", "ccomp"}
        for t in subject.subtree
    )
