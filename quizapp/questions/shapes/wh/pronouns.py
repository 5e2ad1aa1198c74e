"""Stage 7 of a wh-rewrite: the words a card cannot show as written, written out.

A card stands without its article, so a pronoun subject, an object pronoun and a possessive become the
names they stand for (from context), and a relative pronoun becomes its antecedent's name; the
result is the ``replace`` map (token index -> text on the card) the statement and question render with.
"""

from __future__ import annotations

from quizapp.questions.shapes.wh.model import ClauseFrame, Names, PlacedFact
from quizapp.questions.templates import (
    POSSESSIVE_PRONOUNS,
    PronounResolver,
    Refusal,
    Token,
    _names_something,
    _needs_resolving,
    _refuse,
    _set_off_by_comma,
    _subtree_ids,
)


def write_out_names(fact: PlacedFact, frame: ClauseFrame, clause: set[int]) -> Names | Refusal:
    """Stage 7: the subject, object pronouns and possessives as the card writes them.

    Refuses a clause with a pronoun or possessive the context cannot name, and a subject that names
    nothing the card can show."""
    written = _write_out_subject(fact, frame)
    if isinstance(written, Refusal):
        return written
    replace, resolved = written
    aux_for_participle = _progressive_aux(frame.verb.head, frame.subject, resolved) if frame.participle else None
    refusal = _write_out_object_pronouns(fact, clause, replace) or _write_out_possessives(fact, frame, clause, replace)
    if refusal is not None:
        return refusal
    return Names(replace, resolved, aux_for_participle)


def _write_out_subject(fact: PlacedFact, frame: ClauseFrame) -> tuple[dict[int, str], str | None] | Refusal:
    """The renames outside the fact, with the subject written out when it names nothing by itself: the
    replace map so far and what the subject was written out as."""
    target_ids, resolve, renames, via_relative = fact.target_ids, fact.resolve, fact.renames, fact.via_relative
    role = fact.placement.role
    subject, relative, antecedent = frame.subject, frame.relative, frame.antecedent

    replace: dict[int, str] = {i: name for i, name in renames.items() if i not in target_ids}
    resolved: str | None = None
    if relative is not None and not via_relative:
        assert antecedent is not None
        resolved = antecedent[0]
        replace[subject.i] = resolved
    # A pronoun subject must be resolved from context, or there is no question.
    elif role != "subject":
        if (named := _appositive_name(subject, target_ids)) is not None:
            # "the mayor, Petra Lund, opened ..." -> "When did Petra Lund open ...?"
            for t in subject.subtree:
                replace[t.i] = ""
            replace[subject.i] = named
            resolved = named
        elif _needs_resolving(subject):
            if any(c.dep_ == "conj" for c in subject.children):
                return _refuse(
                    "pronoun_with_partner", "a pronoun subject joined to another ('she and Hahn')"
                )  # "she and Hahn": written out, the pronoun would swallow the partner
            resolved = resolve(subject) if resolve else None
            if not resolved:
                return _refuse("unresolved_subject", "the pronoun subject could not be written out from context")
            replace[subject.i] = resolved
            for t in subject.subtree:
                if t.i != subject.i:
                    replace[t.i] = ""
        elif (
            not _names_something(subject)
            and not _owned_by_someone(subject, resolve)
            and not any(t.i in replace and replace[t.i] for t in subject.subtree)
        ):  # "the first steamship on the Velka River"
            return _refuse("unnamed_subject", "the subject names nothing the card can show")
    return replace, resolved


def _write_out_object_pronouns(fact: PlacedFact, clause: set[int], replace: dict[int, str]) -> Refusal | None:
    """Adds to ``replace`` the names of the clause's object pronouns ("appointed her")."""
    doc, resolve = fact.doc, fact.resolve

    # Object pronouns ("appointed her") are written out too, or there is no question.
    for i in sorted(clause):
        tok = doc[i]
        if (
            tok.tag_ == "PRP"
            and tok.lower_ in {"him", "her", "them"}
            and tok.dep_ in {"dobj", "pobj", "dative"}
            and i not in replace
        ):
            named = resolve(tok) if resolve else None
            if not named:
                return _refuse("unresolved_object", "an object pronoun could not be written out from context")
            replace[i] = named
    return None


def _write_out_possessives(
    fact: PlacedFact, frame: ClauseFrame, clause: set[int], replace: dict[int, str]
) -> Refusal | None:
    """Adds to ``replace`` the owners of the clause's possessive pronouns ("his family") that need one."""
    doc, target, resolve = fact.doc, fact.target, fact.resolve
    role, anchor = fact.placement.role, fact.placement.anchor
    subject = frame.subject

    # Possessive pronouns ("his family") need the subject to be a named thing or the answer itself.
    subject_phrase = _subtree_ids(subject)
    for i in sorted(clause):
        if doc[i].lower_ in POSSESSIVE_PRONOUNS and doc[i].tag_ == "PRP$":
            if i in subject_phrase and i not in replace and not (role == "subject" and i in _subtree_ids(anchor)):
                # "Her best-known work was first performed ...": whose work must be written out.
                owner = resolve(doc[i]) if resolve else None
                if not owner:
                    return _refuse("unresolved_possessive", "whose ('her', 'his') could not be written out")
                replace[i] = f"{owner}’s"
                continue
            if role == "subject" and target.kind == "person":
                continue
            if (
                doc[i].lower_ in {"his", "her"}
                and i not in replace
                and subject.ent_type_ != "PERSON"
                and subject.i not in replace
            ):
                # "The ministry named a language in her honour": whose, from the article, or no question.
                owner = resolve(doc[i]) if resolve else None
                if not owner:
                    return _refuse("unresolved_possessive", "whose ('her', 'his') could not be written out")
                replace[i] = f"{owner}’s"
                continue
            if subject.i in replace or _names_something(subject):
                continue
            return _refuse("ambiguous_possessive", "a possessive whose owner the question cannot show")
    return None


def _appositive_name(subject: Token, target_ids: set[int]) -> str | None:
    """The person's name set off after a describing subject noun ("The guild's master, Ole Brun,"), when
    the question is not about that name."""
    if subject.pos_ != "NOUN" or any(t.i in target_ids for t in subject.subtree):
        return None
    appos = [
        c
        for c in subject.children
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON" and _set_off_by_comma(c)
    ]
    if len(appos) != 1 or any(c.dep_ == "conj" for c in subject.children):
        return None
    name = [t for t in appos[0].subtree if t == appos[0] or (t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN")]
    if len(name) < 2 or any(t.ent_type_ != "PERSON" for t in name):
        return None  # a full name only: a bare surname could be anyone's
    return " ".join(t.text for t in name)


def _owned_by_someone(subject: Token, resolve: PronounResolver | None) -> bool:
    """ "Her best-known painting": a subject made specific by a possessive the context can name."""
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    return owner is not None and resolve is not None and bool(resolve(owner))


def _progressive_aux(head_verb: Token, subject: Token, resolved: str | None) -> str:
    plural = (
        subject.tag_ in {"NNS", "NNPS"}
        or subject.lower_ in {"they", "we", "both"}
        or any(c.dep_ == "conj" for c in subject.children)
        or bool(resolved and " and " in resolved)
    )
    past = head_verb.tag_ in {"VBD", "VBN"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in head_verb.children
    )
    if past:
        return "were" if plural else "was"
    return "are" if plural else "is"
