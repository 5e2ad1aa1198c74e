"""Wh-questions from a dependency parse.

Given a parsed sentence and the span of a fact in it (the answer), find the
clause the fact belongs to, strip what a question does not need (subordinate
clauses, appositions, parentheticals, discourse adverbs, attributions such as
"according to ..."), and rewrite the clause as a question:

* the fact is the subject: replace it by a wh-phrase and keep the verb phrase
  ("Who entered South Korea in November with his family?");
* the fact is an object or sits in a prepositional phrase of the verb: front a
  wh-phrase and invert the first auxiliary, or add do-support and lemmatize
  the verb ("When did South Korea and Cuba establish diplomatic relations?");
* the fact is a count of an object or subject ("3,800 cigars"): "How many
  cigars were ...?".

When no transformation is clean the function returns ``None``: a missing card
is better than a broken one. The same pruned clause, with the answer in place,
is the declarative statement used for true/false and cloze cards.

A rewrite is a pipeline of named stages in :mod:`quizapp.questions.shapes.wh`,
which ``_transform`` calls in order; a stage that cannot do its part cleanly
returns a named :class:`Refusal` and the rewrite stops there:

* ``place_fact`` (``shapes/wh/__init__.py``): the first question shape that
  claims the fact (one module per shape) says where it sits in its clause;
* ``clause.py``: ``find_clause`` (its verb and subject), ``check_subject_phrase``,
  ``cut_clause`` (asides cut, lost complements refused), ``drop_superseded_dates``,
  ``check_qualifiers`` and ``check_quotes``;
* ``pronouns.py``: ``write_out_names`` (pronouns, possessives and relative
  pronouns written out as names);
* ``render.py``: ``build_statement`` and ``build_question`` (with inversion and
  do-support).

This module keeps the types (``Target``, ``Transformed``, ``Refusal``), the
entry points (``transform``, ``transform_all``, ``transform_with_reasons``) and
the parse helpers the shapes and stages share (pruning, rendering, clause
tests, the wh-phrase, the past tenses).

Everything here works on spaCy tokens but never imports spaCy itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from quizapp.facts.model import Granularity, MentionKind
from quizapp.questions.parse_cache import entities, span_tokens
from quizapp.vocabulary import DEMONSTRATIVES, PERSONAL_PRONOUNS, REPORTING_VERBS, STATING_VERBS, WEEKDAYS

Token = Any  # spacy.tokens.Token; not imported so this module loads without spaCy

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "dative"}
#: Verb dependents that never belong in a question about the clause.
#: Verbs of a state that a time clause bounds ("was mayor when ...", "remained in office until ...").
STATE_VERBS = {"be", "become", "remain", "serve", "hold", "live", "stay", "work"}
TIME_CONJUNCTIONS = {"when", "while", "until", "till", "before", "after", "since", "once"}
DROP_VERB_DEPS = {"advcl", "punct", "cc", "parataxis", "mark", "intj", "discourse", "meta", "dep", "csubj", "preconj"}
#: Noun-phrase dependents dropped when set off by commas or brackets (non-restrictive).
NONRESTRICTIVE_DEPS = {"appos", "relcl", "acl", "advcl", "parataxis"}
#: Dependents of a noun dropped always: they only add asides.
DROP_NOUN_DEPS = {"appos", "parataxis"}
#: Adverbs that tie a sentence to its neighbours and make no sense in a question.
DISCOURSE_ADVERBS = {
    "however",
    "also",
    "interestingly",
    "additionally",
    "finally",
    "apparently",
    "still",
    "even",
    "now",
    "then",
    "so",
    "meanwhile",
    "moreover",
    "furthermore",
    "thus",
    "therefore",
    "again",
    "already",
    "later",
    "recently",
    "currently",
    "precisely",
    "definitely",
    "essentially",
    "indeed",
    "instead",
    "too",
    "just",
    "reportedly",
    "allegedly",
    "back",
    "here",
    "there",
    "perhaps",
    "as",
    "well",
}
#: Prepositions whose phrases attribute rather than inform ("according to Reuters").
DROP_PREPOSITIONS = {
    "according",
    "despite",
    "although",
    "as",
    "like",
    "unlike",
    "including",
    "thanks",
    "amid",
    "besides",
    "among",
}
PRONOUNS = (
    PERSONAL_PRONOUNS
    | DEMONSTRATIVES
    | {"there", "we", "us", "i", "me", "you", "one", "both", "either", "neither", "who", "which"}
)
POSSESSIVE_PRONOUNS = {"his", "her", "its", "their", "our", "my", "your"}
#: How a question asks its fact: the answer's role in the clause, or a cloze of the whole sentence.
QuestionPattern = Literal["subject", "object", "prep", "time", "how_many", "relative", "agent", "cloze"]
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}


@dataclass(frozen=True)
class Target:
    """The fact to ask about: a token span in the parsed document."""

    start: int  # first token index (in the doc)
    end: int  # one past the last token index
    kind: MentionKind
    label: str | None = None  # spaCy label (GPE, LOC, FAC, ...) or a finer category
    granularity: Granularity | None = None
    category: str | None = None  # what a "Which ___" question calls it: country, city, agency ...


@dataclass(frozen=True)
class Transformed:
    """A question and its declarative twin, built from one clause."""

    question: str
    statement: str  # the pruned clause, answer in place
    template: str  # the statement with "{answer}" where the answer goes
    answer_text: str  # the answer as written in the sentence
    pattern: QuestionPattern
    wh: str  # who, what, which, when, where, how many, ...


@dataclass(frozen=True)
class Refusal:
    """Why a wh-rewrite of a fact's clause was not made: a stable name and a sentence for people."""

    check: str
    reason: str


def _refuse(check: str, reason: str) -> Refusal:
    return Refusal(check, reason)


#: Verbs of change whose "by N percent" gives the size of the change ("cut emissions by 31 percent").
CHANGE_VERBS = {
    "reduce",
    "cut",
    "lower",
    "increase",
    "raise",
    "boost",
    "rise",
    "fall",
    "drop",
    "grow",
    "decline",
    "climb",
    "shrink",
    "decrease",
    "expand",
    "slash",
    "improve",
}


PronounResolver = Callable[[Token], "str | None"]


def _subtree_ids(token: Token) -> set[int]:
    """Token ids of ``token``'s subtree, as a new set the caller may change. The rewrites ask for the same
    subtrees over and over (once per ancestor of every token of a phrase): each is walked once per parse and
    kept in ``doc.user_data``."""
    known: dict[int, frozenset[int]] = token.doc.user_data.setdefault("quizapp_subtrees", {})
    ids = known.get(token.i)
    if ids is None:
        ids = known[token.i] = frozenset(t.i for t in token.subtree)
    return set(ids)


def _in_brackets(token: Token) -> bool:
    """Whether the token sits inside (...) or [...] within its sentence."""
    return token.i in _bracketed(token.doc)


def _bracketed(doc: Any) -> frozenset[int]:
    """Indices of the tokens inside brackets, computed once per parse (kept in ``doc.user_data``)."""
    cached = doc.user_data.get("quizapp_bracketed")
    if cached is None:
        inside: set[int] = set()
        for sent in doc.sents:
            depth = 0
            for t in span_tokens(sent):
                if depth > 0:
                    inside.add(t.i)
                if t.text in "([":
                    depth += 1
                elif t.text in ")]":
                    depth = max(0, depth - 1)
        cached = doc.user_data["quizapp_bracketed"] = frozenset(inside)
    return cached


def _set_off_by_comma(token: Token) -> bool:
    """A dependent written after a comma or dash is an aside (non-restrictive)."""
    left = token.left_edge
    if left.i == 0:
        return False
    before = token.doc[left.i - 1]
    return before.text in {",", "—", "–", "-", "("}


def _prune_noun_phrase(head: Token, keep: set[int]) -> set[int]:
    """Token ids of ``head``'s subtree with asides removed, never removing ``keep``."""
    ids = _subtree_ids(head)
    for t in list(head.subtree):
        if t.i not in ids or t.i in keep or t == head:
            continue
        if any(k in _subtree_ids(t) for k in keep):
            continue
        aside = t.dep_ in DROP_NOUN_DEPS or (t.dep_ in NONRESTRICTIVE_DEPS and _set_off_by_comma(t))
        if t.dep_ == "appos" and not _set_off_by_comma(t) and t.pos_ == "PROPN" and t.head.pos_ == "NOUN":
            aside = False  # "the charity CleanCup", "her colleague Daniel Reyes": the name is the point
        if t.dep_ == "appos" and t.ent_type_ and t.ent_type_ == t.head.ent_type_ and t.head.pos_ == "PROPN":
            # "Ana Ruiz, Li Wei and Tom Berg were held": a list the parser read as a name set off after a name;
            # dropping it kept the first name with a plural verb ("How many years were Ana Ruiz held?").
            aside = False
        if t.dep_ == "relcl" and t.head.ent_type_:  # "Ri Il-gyu, who ..." / "Cuba, which ..."
            aside = True
        if t.dep_ == "advmod" and t.lower_ in {
            "however",
            "also",
            "even",
            "here",
            "reportedly",
            "apparently",
            "allegedly",
            "still",
        }:
            aside = True
        if t.dep_ == "prep" and _is_weekday_phrase(t):
            aside = True
        if aside or _in_brackets(t) or t.text in {"(", ")", "[", "]", '"', "“", "”"}:
            ids -= _subtree_ids(t)
            if aside:  # the commas that set the aside off go with it
                for edge in (t.left_edge.i - 1, t.right_edge.i + 1):
                    if 0 <= edge < len(t.doc) and t.doc[edge].text in {",", "—", "–"}:
                        ids.discard(edge)
    return ids


def _render(doc: Any, ids: Iterable[int], replace: dict[int, str] | None = None) -> str:
    """Join tokens in document order, with their original spacing."""
    replace = replace or {}
    parts: list[str] = []
    order = [i for i in sorted(ids) if not doc[i].is_space]
    for pos, i in enumerate(order):
        tok = doc[i]
        text = replace.get(i, tok.text)
        # Keep the original spacing between neighbours; a gap where tokens were removed is a space.
        adjacent = pos + 1 < len(order) and order[pos + 1] == i + 1
        parts.append(text + (tok.whitespace_ and " " if adjacent else " "))
    return tidy("".join(parts))


#: A space before a punctuation mark, which the mark closes up; not before a decimal point (".458", ".5 per cent").
#: A full stop that starts a word keeps its space: ".50-70 cartridge", "the .im domain", ".NET".
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:?!%])(?!(?<=\.)\w)")


def close_up_punctuation(text: str) -> str:
    """One space between words, none before punctuation (a mark that starts a number keeps its space)."""
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def tidy(text: str) -> str:
    """Normalize the spacing and punctuation left behind by removing tokens."""
    text = close_up_punctuation(text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"^[,;:\-—–\s]+", "", text)
    text = re.sub(r"[,;:\-—–\s]+$", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text


def clause_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:  # "Kim reviewed ... and greeted ..."
        return clause_subject(verb.head)
    return None


def _is_discourse_adverb(tok: Token, subject: Token | None) -> bool:
    if tok.dep_ not in {"advmod", "npadvmod"}:
        return False
    if tok.lower_ in DISCOURSE_ADVERBS:
        return True
    # A sentence adverb in front of the subject ("Interestingly, ...").
    return subject is not None and tok.i < subject.left_edge.i and tok.dep_ == "advmod"


def _is_weekday_phrase(tok: Token) -> bool:
    """ "on Sunday", "Tuesday", "that day": relative times that mean nothing out of context."""
    sub = list(tok.subtree)
    if len(sub) > 4:
        return False
    words = {t.lower_ for t in sub}
    return bool(words & WEEKDAYS) or ({"that", "day"} <= words)


def _clause_ids(verb: Token, subject: Token | None, target_ids: set[int]) -> set[int] | None:
    """Token ids of the clause headed by ``verb`` with asides removed; None when unusable."""
    ids: set[int] = {verb.i}
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return None  # "must have", "would find": speculation and opinion, not facts to study
    for child in verb.children:
        sub = _subtree_ids(child)
        holds_target = bool(sub & target_ids)
        if (
            subject is not None
            and child.i < subject.left_edge.i
            and not holds_target
            and child.dep_ not in {"aux", "auxpass", "neg"}
        ):
            # Fronted modifiers ("In February, ...") survive only as short time or place phrases.
            if (
                child.dep_ == "prep"
                and len(sub) <= 5
                and any(doc_t.ent_type_ in {"DATE", "GPE", "LOC", "FAC"} for doc_t in child.subtree)
                and not _is_weekday_phrase(child)
                and child.lower_ not in DROP_PREPOSITIONS
            ):
                ids |= _prune_prep(child, target_ids)
            continue
        if child.dep_ in SUBJECT_DEPS:
            ids |= _prune_noun_phrase(child, target_ids)
            continue
        if holds_target:
            if child.dep_ in {"ccomp", "advcl"}:
                return None
            ids |= _prune_noun_phrase(child, target_ids) if child.dep_ != "prep" else _prune_prep(child, target_ids)
            continue
        if (
            child.dep_ == "advcl"
            and verb.lemma_ in STATE_VERBS
            and any(c.dep_ in {"advmod", "mark"} and c.lower_ in TIME_CONJUNCTIONS for c in child.children)
        ):
            return None  # "had been mayor when the wall went up": without "when" it is true of others too
        if child.dep_ in DROP_VERB_DEPS or child.dep_ == "conj":
            continue
        if child.dep_ in {"appos", "npadvmod", "advmod", "acl"} and child.i > verb.i and _set_off_by_comma(child):
            continue  # ", the first meeting in six decades": an aside on the whole clause
        if child.dep_ == "ccomp":
            return None  # "admits that ..." without its complement is not a sentence
        if _is_discourse_adverb(child, subject):
            continue
        if child.dep_ == "prep":
            if child.lower_ in DROP_PREPOSITIONS or _is_weekday_phrase(child):
                continue
            ids |= _prune_prep(child, target_ids)
            continue
        if child.dep_ == "npadvmod" and _is_weekday_phrase(child):
            continue
        if child.dep_ == "xcomp":
            ids |= _prune_verb_phrase(child, target_ids)
            continue
        if _in_brackets(child):
            continue
        ids |= _prune_noun_phrase(child, target_ids)
    return ids


def _prune_prep(prep: Token, keep: set[int]) -> set[int]:
    ids = {prep.i}
    for child in prep.children:
        if child.dep_ in {"pobj", "pcomp", "prep"}:
            ids |= _prune_noun_phrase(child, keep)
    return ids


def _prune_verb_phrase(verb: Token, keep: set[int]) -> set[int]:
    ids = {verb.i}
    for child in verb.children:
        sub = _subtree_ids(child)
        if child.dep_ in DROP_VERB_DEPS or child.dep_ in {"conj", "ccomp"}:
            if sub & keep:
                ids |= sub
            continue
        if child.dep_ == "prep":
            if (child.lower_ in DROP_PREPOSITIONS or _is_weekday_phrase(child)) and not sub & keep:
                continue
            ids |= _prune_prep(child, keep)
        elif child.dep_ == "xcomp":
            ids |= _prune_verb_phrase(child, keep)
        elif _is_discourse_adverb(child, None) and not sub & keep:
            continue
        elif child.dep_ == "npadvmod" and _is_weekday_phrase(child) and not sub & keep:
            continue
        else:
            ids |= _prune_noun_phrase(child, keep) if child.dep_ != "aux" else {child.i}
    return ids


def _lower_first(text: str, token: Token) -> str:
    """Lower-case a clause-initial word unless it is a name ("Striker" of "Striker Tomas Varga" is not)."""
    if token.i == token.sent.start and (
        (token.pos_ != "PROPN" and token.text not in {"I"} and not token.ent_type_)
        or _is_role_title(token)
        or _common_word_tagged_as_name(token)
    ):
        return text[:1].lower() + text[1:]
    return text


def _common_word_tagged_as_name(token: Token) -> bool:
    """ "Zombies made the leap ...": a capitalized first word the small model took for a name, which the
    article writes in lower case elsewhere ("the zombies of Haitian folklore"), is a common word."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper():
        return False
    lower: set[str] | None = token.doc.user_data.get("quizapp_lower_words")
    if lower is None:
        lower = token.doc.user_data["quizapp_lower_words"] = {t.text for t in token.doc if t.text.islower()}
    return token.text.lower() in lower


def _is_role_title(token: Token) -> bool:
    """A role word written before a name ("Winger Ciaran Molloy"): capitalized only by its position."""
    from quizapp.facts.labels import PERSON_ROLE_NOUNS

    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ in PERSON_ROLE_NOUNS and following is not None and following.pos_ == "PROPN"


def _wh_phrase(target: Target, role: str) -> str | None:
    """The wh-phrase standing for the answer."""
    kind = target.kind
    if kind == "person":
        return "Who"
    if kind == "date":
        if target.granularity == "year":
            return "In what year"
        if target.granularity == "decade":
            return "In which decade"
        return "When"
    if kind == "place":
        if role in {"prep_in", "prep_at"}:
            return "Where"
        return f"Which {target.category}" if target.category else None
    if kind == "organization":
        # No category: the name gives no evidence it is an organization at all (a person, a people or a
        # park the model labelled ORG), so "Which organization" could be wrong: no question.
        return f"Which {target.category}" if target.category else None
    return None


def transform(
    doc: Any, target: Target, resolve: PronounResolver | None = None, renames: dict[int, str] | None = None
) -> Transformed | None:
    """Rewrite the clause holding ``target`` as a question about it, or return None.

    ``resolve`` names a pronoun (or "the two") subject from context, or returns None;
    ``renames`` maps token indices to fuller names ("Yun" -> "Yun Byung-se").
    """
    found = transform_all(doc, target, resolve, renames)
    return found[0] if found else None


def transform_all(
    doc: Any, target: Target, resolve: PronounResolver | None = None, renames: dict[int, str] | None = None
) -> list[Transformed]:
    """Every clean question about ``target``: from its own clause, and (for a named
    antecedent of "..., who ...") from the relative clause that describes it."""
    return transform_with_reasons(doc, target, resolve, renames)[0]


def transform_with_reasons(
    doc: Any, target: Target, resolve: PronounResolver | None = None, renames: dict[int, str] | None = None
) -> tuple[list[Transformed], list[Refusal]]:
    """The questions about ``target`` and, for each rewrite that failed, the named reason."""
    out: list[Transformed] = []
    refused: list[Refusal] = []
    for via_relative in (False, True):
        got = _transform(doc, target, resolve, renames, via_relative)
        if isinstance(got, Refusal):
            if not (via_relative and got.check in {"not_relative", "no_shape"}):
                refused.append(got)
        elif got is not None and all(got.question != o.question for o in out):
            out.append(got)
    return out, refused


RELATIVE_PRONOUNS = {"who", "which", "that"}
TIME_QUALIFIERS = {"recently", "again", "previously", "later", "earlier", "last", "once"}
#: Nouns whose "that"-clause states a fact ("a media report that ...").
CONTENT_NOUNS = {"report", "fact", "news", "statement", "announcement", "confirmation", "claim"}
#: Units a duration is counted in: "for three days" -> "How many days ...?"
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}


def _relative_subject(verb: Token) -> Token | None:
    """The relative pronoun subject of "X, who/which ..." (a non-restrictive relative clause)."""
    if verb.dep_ != "relcl" or not _set_off_by_comma(verb):
        return None
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ in RELATIVE_PRONOUNS and child.tag_ in {"WP", "WDT"}:
            return child
    return None


def _needs_resolving(subject: Token) -> bool:
    """A subject that names nothing by itself: a pronoun, "the two", "the former diplomat"."""
    if subject.lower_ in PRONOUNS or subject.lemma_.lower() in PRONOUNS:
        return True
    if subject.pos_ == "NUM" and all(c.dep_ == "det" for c in subject.children):
        return True
    return (
        subject.pos_ == "NOUN"
        and not _names_something(subject)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
        and all(
            c.dep_ in {"det", "amod", "compound", "nummod"}
            or (c.dep_ in {"appos", "punct", "relcl", "acl"} and (c.dep_ == "punct" or _set_off_by_comma(c)))
            for c in subject.children
        )
    )


def _transform(
    doc: Any, target: Target, resolve: PronounResolver | None, renames: dict[int, str] | None, via_relative: bool
) -> Transformed | Refusal:
    """One wh-rewrite of the clause holding ``target``, or the named Refusal of the stage that could not
    do its part cleanly. ``via_relative`` asks from the relative clause describing a named antecedent.

    The stages, in order (each in ``quizapp.questions.shapes.wh``): place the fact in its clause
    (its shape module says where), find the clause's verb and subject, check the subject phrase, cut
    the clause out, drop and refuse qualifiers and quotes, write out pronouns and names, then render
    the statement and the question."""
    # Imported here: the shapes and stages build on this module's helpers, so they load after it.
    from quizapp.questions.shapes.wh import PlacedFact, place_fact
    from quizapp.questions.shapes.wh.clause import (
        check_qualifiers,
        check_quotes,
        check_subject_phrase,
        cut_clause,
        drop_superseded_dates,
        find_clause,
    )
    from quizapp.questions.shapes.wh.pronouns import write_out_names
    from quizapp.questions.shapes.wh.render import build_question, build_statement

    fact = place_fact(doc, target, resolve, renames or {}, via_relative)
    if not isinstance(fact, PlacedFact):
        return fact  # a refusal, or a shape that builds its own question (an age, a salary)
    frame = find_clause(fact)
    if isinstance(frame, Refusal):
        return frame
    refusal = check_subject_phrase(fact, frame)
    if refusal is not None:
        return refusal
    clause = cut_clause(fact, frame)
    if isinstance(clause, Refusal):
        return clause
    clause = drop_superseded_dates(fact, frame, clause)
    refusal = check_qualifiers(fact, frame, clause) or check_quotes(fact, clause)
    if refusal is not None:
        return refusal
    names = write_out_names(fact, frame, clause)
    if isinstance(names, Refusal):
        return names
    template, statement = build_statement(fact, frame, clause, names)
    asked = build_question(fact, frame, clause, names)
    if isinstance(asked, Refusal):
        return asked
    return Transformed(
        question=asked.question,
        statement=statement,
        template=template,
        answer_text=fact.span.text,
        pattern=asked.pattern,
        wh=asked.wh,
    )


#: Past tenses of irregular verbs whose participle differs ("written" -> "wrote"); regular ones end in -ed.
IRREGULAR_PAST = {
    "written": "wrote",
    "taken": "took",
    "given": "gave",
    "chosen": "chose",
    "drawn": "drew",
    "sung": "sang",
    "begun": "began",
    "known": "knew",
    "shown": "showed",
    "broken": "broke",
    "seen": "saw",
    "done": "did",
    "stolen": "stole",
    "driven": "drove",
    "won": "won",
    "built": "built",
    "led": "led",
    "made": "made",
    "bought": "bought",
    "sold": "sold",
    "held": "held",
    "paid": "paid",
    "sent": "sent",
    "brought": "brought",
    "found": "found",
    "told": "told",
    "taught": "taught",
    "caught": "caught",
    "run": "ran",
    "beaten": "beat",
    "sunk": "sank",
    "struck": "struck",
    "hit": "hit",
    "set": "set",
    "put": "put",
    "shot": "shot",
    "spent": "spent",
    "overthrown": "overthrew",
    "thrown": "threw",
    "forgiven": "forgave",
    "forbidden": "forbade",
    "ridden": "rode",
    "eaten": "ate",
    "fallen": "fell",
    "grown": "grew",
    "flown": "flew",
    "worn": "wore",
    "torn": "tore",
    "sworn": "swore",
    "spoken": "spoke",
    "frozen": "froze",
    "woken": "woke",
    "hidden": "hid",
    "bitten": "bit",
    "laid": "laid",
    "read": "read",
    "won over": "won over",
    "kept": "kept",
    "left": "left",
    "lost": "lost",
    "meant": "meant",
    "met": "met",
    "understood": "understood",
    "felt": "felt",
    "dealt": "dealt",
    "fed": "fed",
    "fought": "fought",
    "sought": "sought",
    "thought": "thought",
    "lent": "lent",
    "bent": "bent",
    "bound": "bound",
    "ground": "ground",
    "wound": "wound",
    "shaken": "shook",
    "undertaken": "undertook",
    "overseen": "oversaw",
    "rebuilt": "rebuilt",
    "rewritten": "rewrote",
    "withdrawn": "withdrew",
    "outgrown": "outgrew",
}


def _percent_by(head: Token) -> Token | None:
    """The "by" of "cut emissions by 31 percent" when the number is just the size of a change, else None."""
    unit = head.head if head.dep_ == "nummod" else head
    if unit.lower_ not in {"percent", "%", "per"} or unit.dep_ != "pobj":
        return None
    by = unit.head
    if by.lower_ != "by" or by.dep_ != "prep" or by.head.pos_ != "VERB" or by.head.lemma_ not in CHANGE_VERBS:
        return None
    if any(t.dep_ not in {"nummod", "compound"} and t.i != unit.i for t in unit.subtree):
        return None  # "by 31 percent of ...", "by about 31 percent": not a plain size
    return by


def _agent_noun(head: Token, target_ids: set[int]) -> Token | None:
    """The noun after a passive "by" holding the answer: "by Nordbyg" or "by the firm Halvorsen Partners"."""
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        return head
    if (
        head.dep_ == "appos"
        and head.head.dep_ == "pobj"
        and head.head.head.dep_ == "agent"
        and head.head.pos_ == "NOUN"
        and head.head.i < min(target_ids)
    ):
        return head.head
    return None


#: Nouns an amount of money is "a ___ of": "a salary of 500 dollars a month".
MONEY_NOUNS = {
    "salary",
    "wage",
    "income",
    "pension",
    "price",
    "cost",
    "fine",
    "budget",
    "fee",
    "bonus",
    "reward",
    "ransom",
    "grant",
    "loan",
    "debt",
    "investment",
    "donation",
    "prize",
    "value",
}


def _person_name(doc: Any, token: Token, renames: dict[int, str]) -> str | None:
    """The name of the person ``token`` belongs to, written in full."""
    if token.ent_type_ != "PERSON":
        return None
    ent = next((e for e in entities(doc) if e.start <= token.i < e.end), None)
    if ent is None:
        return None
    if len(ent) == 1 and ent.start in renames:
        return renames[ent.start]
    return re.sub(r"[’']s$", "", ent.text)


#: Describing nouns that are not titles written before a name (family, company, plain "woman").
NOT_A_TITLE = {
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "widow",
    "widower",
    "grandmother",
    "grandfather",
    "grandson",
    "granddaughter",
    "aunt",
    "uncle",
    "niece",
    "nephew",
    "cousin",
    "child",
    "parent",
    "friend",
    "neighbour",
    "neighbor",
    "colleague",
    "resident",
    "woman",
    "man",
    "girl",
    "boy",
    "person",
    "local",
    "villager",
    "survivor",
    "victim",
}


def _age_question(doc: Any, target: Target, renames: dict[int, str]) -> Transformed | None:
    """ "Ri Il Kyu, a 52-year-old former diplomat" -> "How old is former diplomat Ri Il Kyu?"."""
    span = doc[target.start : target.end]
    old = next((a for a in [span.root, *list(span.root.ancestors)[:3]] if a.lower_ == "old"), None)
    if old is None or old.dep_ != "amod" or old.head.pos_ != "NOUN":
        return None
    noun = old.head
    if noun.dep_ != "appos" or _in_quotes(noun):
        return None
    name = _person_name(doc, noun.head, renames)
    if not name:
        return None
    title_ids = [t.i for t in noun.subtree if old.i < t.i <= noun.i]
    title = " ".join(doc[i].text for i in title_ids) if len(title_ids) <= 5 else ""
    if noun.lower_ in NOT_A_TITLE:
        title = ""  # "a 43-year-old mother of six" is no title: "How old was mother X?" reads oddly
    # An age is the age on the article's date, not today's: asked in the past tense.
    question = f"How old was {title} {name}?" if title else f"How old was {name}?"
    template = f"{name} was {{answer}} years old."
    return Transformed(
        question=tidy(question),
        statement=template.replace("{answer}", span.text),
        template=template,
        answer_text=span.text,
        pattern="how_many",
        wh="how old",
    )


def _money_of_question(
    doc: Any, target: Target, counted: Token, resolve: PronounResolver | None, renames: dict[int, str]
) -> Transformed | None:
    """ "With a salary of 500 dollars a month, Ri managed ..." -> "How much was Ri Il Kyu's salary?"."""
    noun = counted.head.head
    if noun.lemma_.lower() not in MONEY_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "with":
        return None
    verb = noun.head.head
    if verb.pos_ not in {"VERB", "AUX"} or not _is_factual_clause(verb):
        return None
    subject = clause_subject(verb)
    if subject is None:
        return None
    owner = _person_name(doc, subject, renames) or renames.get(subject.i)
    if owner is None and resolve is not None and _needs_resolving(subject):
        owner = resolve(subject)
    if not owner:
        return None
    tense = "was" if verb.tag_ in {"VBD", "VBN"} else "is"
    answer_text = doc[target.start : counted.right_edge.i + 1].text
    question = f"How much {tense} {owner}’s {noun.text.lower()}?"
    template = f"{owner}’s {noun.text.lower()} {tense} {{answer}}."
    return Transformed(
        question=question,
        statement=template.replace("{answer}", answer_text),
        template=template,
        answer_text=answer_text,
        pattern="how_many",
        wh="how much",
    )


#: Subordinators that make a clause hypothetical rather than a stated fact.
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "though", "although", "once", "until", "before", "lest"}


def _is_plain_subclause(verb: Token) -> bool:
    """A relative or participle clause that states a fact: no modal, negation, condition or quote."""
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in verb.children):
        return False
    if verb.dep_ == "relcl" and not (
        verb.tag_ in {"VBD", "VBZ", "VBP"}
        or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP"} for c in verb.children)
    ):
        return False
    return not _in_quotes(verb)


def _is_content_clause(verb: Token) -> bool:
    """ "a media report that Ri entered ...": parsed as a relative clause, but a stated fact."""
    return (
        verb.dep_ in {"relcl", "acl"}
        and verb.head.lemma_ in CONTENT_NOUNS
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        and any(c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children)
    )


def _is_factual_clause(verb: Token) -> bool:
    """A finite clause with its own subject that states something (not a relative clause, not a condition)."""
    if _is_content_clause(verb):
        return _is_plain_subclause(verb)
    if verb.dep_ in {"relcl", "xcomp", "pcomp", "csubj", "amod", "acomp"}:
        return False
    if verb.dep_ == "conj":
        if not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.head.dep_ != "ROOT":
            return False
    elif not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.dep_ != "ROOT":
        return False
    if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in verb.children):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False  # negated claims make poor questions and turn false when trimmed
    if verb.lemma_ in REPORTING_VERBS and not any(c.dep_ in {"dobj", "attr"} for c in verb.children):
        return False  # "..., explains Ri": the content is in the other clause
    if verb.dep_ == "ccomp" and verb.head.lemma_ not in STATING_VERBS:
        return False  # "has no doubt that ...", "believes that ...": opinions
    if verb.dep_ == "ROOT" or verb.dep_ == "conj":
        pass
    elif verb.dep_ not in {"ccomp", "advcl", "acl", "parataxis"}:
        return False
    finite = verb.tag_ in {"VBD", "VBZ", "VBP"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in verb.children
    )
    if not finite:
        return False
    if verb.dep_ in {"advcl", "acl"} and not any(
        (c.dep_ == "mark" and c.lower_ in {"when", "that", "after", "as", "because", "since", "while"})
        or (c.dep_ == "advmod" and c.lower_ == "when" and c.i < verb.i)
        for c in verb.children
    ):
        return False
    if verb.dep_ == "acl" and verb.head.lemma_ not in {"report", "fact", "news", "statement", "announcement"}:
        return False
    return not _in_quotes(verb)


def _in_quotes(token: Token) -> bool:
    """Whether the token sits between opening and closing quotation marks in its sentence."""
    opened = False
    for t in span_tokens(token.sent):
        if t.i >= token.i:
            break
        if t.text in {"“", "”"}:
            opened = t.text == "“"
        elif t.text == '"':
            # A quote before a line break closes the paragraph before, which the parse can glue to this
            # sentence ('..." \n\nAccording to ...'): it opens nothing here.
            closes_paragraph = t.i + 1 < len(t.doc) and t.doc[t.i + 1].is_space and "\n" in t.doc[t.i + 1].text
            opened = False if closes_paragraph else not opened
    return opened


def _names_something(subject: Token) -> bool:
    """A subject a reader can identify without context: it contains a name."""
    return any(
        t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"}
        for t in subject.subtree
        if t.dep_ not in {"relcl", "appos"}
    )
