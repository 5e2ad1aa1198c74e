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

Everything here works on spaCy tokens but never imports spaCy itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from quizapp.questions.parse_cache import entities
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
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}


@dataclass(frozen=True)
class Target:
    """The fact to ask about: a token span in the parsed document."""

    start: int  # first token index (in the doc)
    end: int  # one past the last token index
    kind: str  # person, place, organization, date, number
    label: str | None = None  # spaCy label (GPE, LOC, FAC, ...) or a finer category
    granularity: str | None = None  # dates: day, month, year, decade
    category: str | None = None  # what a "Which ___" question calls it: country, city, agency ...


@dataclass(frozen=True)
class Transformed:
    """A question and its declarative twin, built from one clause."""

    question: str
    statement: str  # the pruned clause, answer in place
    template: str  # the statement with "{answer}" where the answer goes
    answer_text: str  # the answer as written in the sentence
    pattern: str  # subject, object, prep, time, how_many
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
            for t in sent:
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


def tidy(text: str) -> str:
    """Normalize the spacing and punctuation left behind by removing tokens."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:?!%])", r"\1", text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"^[,;:\-—–\s]+", "", text)
    text = re.sub(r"[,;:\-—–\s]+$", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text


def find_clause_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` that heads a clause with its own (or a shared) subject."""
    t = token
    while True:
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {
            "aux",
            "auxpass",
            "amod",
            "acl",
            "xcomp",
            "pcomp",
            "advcl",
            "relcl",
            "csubj",
        }:
            return t
        if t.dep_ == "ROOT" or t.head == t:
            return t if t.pos_ in {"VERB", "AUX"} else None
        if t.dep_ in {"relcl", "acl", "advcl", "appos", "pcomp", "csubj"}:
            return None  # the fact is inside a subordinate clause or aside: no clean question
        t = t.head


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
        (token.pos_ != "PROPN" and token.text not in {"I"} and not token.ent_type_) or _is_role_title(token)
    ):
        return text[:1].lower() + text[1:]
    return text


def _is_role_title(token: Token) -> bool:
    """A role word written before a name ("Winger Ciaran Molloy"): capitalized only by its position."""
    from quizapp.facts.labels import PERSON_ROLE_NOUNS

    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ in PERSON_ROLE_NOUNS and following is not None and following.pos_ == "PROPN"


def _owned_by_someone(subject: Token, resolve: PronounResolver | None) -> bool:
    """ "Her best-known painting": a subject made specific by a possessive the context can name."""
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    return owner is not None and resolve is not None and bool(resolve(owner))


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


def _noun_needs_which(wh: str) -> bool:
    return wh.startswith("Which")


@dataclass
class _Parts:
    doc: Any
    verb: Token
    subject: Token
    clause: set[int]
    target_ids: set[int]


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


def _is_participle(verb: Token) -> bool:
    """ "..., carrying 3,800 cigars": an -ing clause sharing the main clause's subject."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in SUBJECT_DEPS | {"mark", "aux", "auxpass"} for c in verb.children)
        and not _set_off_by_comma(verb)
    )


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
    renames = renames or {}
    span = doc[target.start : target.end]
    if not len(span):
        return _refuse("empty_span", "the fact has no tokens in the parse")
    head = span.root
    target_ids = set(range(target.start, target.end))
    if any(_in_brackets(t) for t in span):
        return _refuse("in_brackets", "the fact stands in brackets: an aside")

    # Where does the fact sit in its clause? Each question shape (shapes/wh/) answers for its own facts.
    from quizapp.questions.shapes.wh import REFUSED, Placement, ShapeContext, locate

    found = locate(ShapeContext(doc, target, head, frozenset(target_ids), via_relative, resolve, renames))
    if isinstance(found, Refusal):
        return found
    if found is REFUSED:
        return _refuse(
            "no_shape", f'no question shape asks a fact that is the {head.dep_ or "root"} of "{head.head.text}"'
        )
    if not isinstance(found, Placement):
        return found  # a shape that builds its own question (an age, a salary)
    role, anchor, counted = found.role, found.anchor, found.counted
    relative, appositive = found.relative, found.appositive

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

    clause = _clause_ids(verb, subject, target_ids)
    if clause is None:
        return _refuse("no_clause", "the clause around the fact could not be cut out cleanly")
    if any(c.dep_ in {"xcomp", "ccomp", "dobj", "attr", "acomp", "oprd"} and c.i not in clause for c in verb.children):
        return _refuse(
            "lost_complement", "the verb would lose its complement"
        )  # "seeks, among other objectives, to ...": without its complement the verb says nothing
    if not any(c.i in clause and c.i > verb.i and c.dep_ != "punct" for c in verb.children) and verb.lemma_ != "be":
        return _refuse(
            "nothing_after_verb", "nothing is left after the verb: the parse lost its complement"
        )  # nothing left after the verb: the parse lost its complement
    if participle:
        clause |= _prune_noun_phrase(subject, target_ids)
    if _garbled(doc, verb, subject, clause):
        return _refuse("garbled_clause", "the clause's words would run together out of order")
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
    # Quotes: the wording is someone else's, also when the parse left the quote marks out of the clause
    # but kept the quoted words ('with “magnificent” welcoming events').
    quoted = [
        t
        for t in doc[min(clause) : max(clause) + 1]
        if t.text in {'"', "“", "”"} or (t.text in {"‘", "’"} and t.dep_ != "case")
    ]
    if quoted:
        return _refuse("quotation", "the clause holds quoted words")

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
    aux_for_participle = _progressive_aux(verb.head, subject, resolved) if participle else None
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

    answer_text = span.text
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

    # --- the question
    if role == "agent":
        question = _active_question(doc, target, verb, subject, anchor, clause, target_ids, replace)
        if question is None:
            return _refuse("no_active_voice", "the passive's agent cannot be asked in the active voice")
        return Transformed(
            question=question,
            statement=statement,
            template=template,
            answer_text=answer_text,
            pattern="agent",
            wh=_wh_word(question.split(" ", 1)[0]),
        )
    wh = _question_word(target, role, counted, doc, target_ids)
    if wh is None:
        return _refuse("no_wh_word", "no wh-word fits the answer's kind and role")
    if role == "subject":
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
        question = f"{wh} {body} {tail}"
    else:
        remove = _subtree_ids(anchor)
        rest = clause - remove
        inverted = _invert(doc, verb, subject, rest, replace, aux_for_participle, present_perfect=target.kind == "date")
        if inverted is None:
            return _refuse(
                "no_inversion", "the clause could not be turned into a question (no do-support or auxiliary)"
            )
        question = f"{wh} {inverted}"
    question = tidy(question).rstrip(".") + "?"
    question = question[:1].upper() + question[1:]
    if via_relative:
        pattern = "relative"
    elif target.kind == "number":
        pattern = "how_many"
    else:
        pattern = role if role in {"subject", "object", "time"} else "prep"
    return Transformed(
        question=question,
        statement=statement,
        template=template,
        answer_text=answer_text,
        pattern=pattern,
        wh=_wh_word(wh),
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
    if subject.i not in replace and first.lower_ in {"the", "a", "an"}:
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


#: Verbs whose object is an amount of money the subject costs, raised or earned.
PRICE_VERBS = {"cost", "raise", "earn"}

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
    for t in token.sent:
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


def _names_something(subject: Token) -> bool:
    """A subject a reader can identify without context: it contains a name."""
    return any(
        t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"}
        for t in subject.subtree
        if t.dep_ not in {"relcl", "appos"}
    )


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
        and subject.left_edge.pos_ not in {"PROPN"}
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
