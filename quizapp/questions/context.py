"""What a word in a sentence stands for, from the article around it.

A question must stand alone, so a subject that points elsewhere ("he", "they",
"the two countries", "the former diplomat", a bare "Ri") is written out in full
when, and only when, the article makes the referent unambiguous:

* he/she: the one person the previous sentence names, or the person who
  "said/stated ..." the clause the pronoun sits in;
* they/both/"the two": a chain of such subjects back to a counted noun phrase
  ("Two North Korean diplomats have been caught ...");
* "the two countries", "the two leaders": exactly two countries (people) named
  in the same sentence before it or in the sentence before;
* "the former diplomat": exactly one person the article has described with
  that noun and those modifiers ("Ri Il Kyu, a 52-year-old former North Korean
  diplomat", "Ambassador Ma Chol-su");
* a one-word name ("Ri", "Yun"): the one person cluster of the article that
  has it as a name part or alias.

Everything else resolves to ``None`` and the candidate question is dropped.
Works on spaCy tokens without importing spaCy.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from quizapp.facts.model import ArticleFacts, Mention
from quizapp.questions import distractors as dist
from quizapp.questions.classify import looks_like_organization
from quizapp.questions.main_subject import (
    MainSubject,
    find_main_subject,
    is_bare_definite,
    refers_to_subject,
    sentence_is_about,
    with_its_article,
)
from quizapp.questions.parse_cache import doc_text, span_tokens
from quizapp.vocabulary import GENDERED_NOUNS, REFERENT_NOUNS, REPORTING_VERBS

Token = Any

REPORTING_LEMMAS = REPORTING_VERBS
#: Nouns a group of countries or people goes by ("the two countries", "both leaders").
COUNTRY_NOUNS = {"country", "nation", "state", "government"}
PERSON_NOUNS = {"leader", "president", "minister", "man", "woman", "diplomat", "official", "people", "men", "women"}
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos", "dative", "attr"}


#: Words before a noun that point at one thing rather than sort it into a kind ("the", "this", "its").
_DETERMINER_WORDS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "each"}
    | {"every", "any", "no", "another", "whose", "which", "what", "of", "in", "at", "on", "for", "from", "to", "by"}
    | {"with", "and", "or", "as", "than", "new", "first", "last", "next", "same", "whole", "entire"}
)


@dataclass
class ArticleContext:
    """The article-wide lookups resolution needs, built once per article."""

    doc: Any
    facts: ArticleFacts
    by_sentence: dict[int, list[Mention]]
    #: one-word name -> the one person canonical it can mean in this article
    short_names: dict[str, str] = field(default_factory=dict)
    #: name words that also belong to a name of another kind (a person the extraction called an organization)
    ambiguous_parts: set[str] = field(default_factory=set)
    #: the first words of people's full names ("Harvey" of "Harvey Mann"): written alone, a person even where
    #: several people share it and the extraction made no mention of it
    given_names: set[str] = field(default_factory=set)
    #: (noun lemma, canonical, words describing them, char offset of the description)
    descriptions: list[tuple[str, str, frozenset[str], int]] = field(default_factory=list)
    #: what the article is about: "It" and "the bridge" stand for it (``main_subject.py``)
    main: MainSubject | None = None
    #: "airport" -> the one named thing of the article with that head noun
    head_nouns: dict[str, Mention] = field(default_factory=dict)
    #: the article's mentions in text order, and where each starts (for what was named before a word)
    in_order: list[Mention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    #: a biography's person (its title is their name) and the pronoun the article uses for them
    title_person: str | None = None
    title_pronoun: str | None = None
    #: person canonical -> the pronouns ("he", "she") the article's own wording ties to them
    genders: dict[str, set[str]] = field(default_factory=dict)
    #: lower-case word -> where it stands capitalized as a proper noun (heads of names; built when first asked)
    proper_heads: dict[str, list[int]] | None = None
    #: sentence start -> its renames (``renames``), worked out once: every stage that shows a sentence asks
    renamed_sentences: dict[int, dict[int, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Any, facts: ArticleFacts) -> ArticleContext:
        by_sentence: dict[int, list[Mention]] = {}
        for m in facts.mentions:
            by_sentence.setdefault(m.sentence_start, []).append(m)
        ctx = cls(doc, facts, by_sentence)
        ctx.short_names = _short_names(facts)
        ctx.ambiguous_parts = {
            w for c in facts.clusters if c.kind != "person" for name in (c.canonical, *c.aliases) for w in name.split()
        }
        ctx.given_names = {
            c.canonical.split()[0] for c in facts.clusters if c.kind == "person" and " " in c.canonical.strip()
        }
        ctx.descriptions = _descriptions(doc, facts)
        ctx.main = find_main_subject(doc, facts)
        ctx.head_nouns = _head_nouns(facts)
        ctx.in_order = sorted(facts.mentions, key=lambda m: m.start)
        ctx.starts = [m.start for m in ctx.in_order]
        ctx.title_person, ctx.title_pronoun = _title_person(doc, facts)
        ctx.genders = _gender_evidence(doc, facts)
        return ctx

    def named_by_head_noun(self, token: Token) -> str | None:
        """ "the airport" -> "Liege Airport": the one named place or organization of the article whose name
        ends in (or, "University of ...", starts with) that noun, mentioned before; for a noun that no single
        name of the article ends in, the one name nearby that does (``_named_nearby``)."""
        if token.pos_ != "NOUN" or not is_bare_definite(token):
            return None
        if token.lemma_.lower() not in self.head_nouns:
            return self._named_nearby(token)
        return self._named_once_in_article(token)

    def _named_once_in_article(self, token: Token) -> str | None:
        owner = self.head_nouns[token.lemma_.lower()]
        if token.tag_ == "NNS" and owner.canonical.split()[-1].lower() != token.lower_:
            return None  # "the islands" are not the one "Channel Island": many are never the one name
        before = self.in_order[: bisect.bisect_left(self.starts, token.idx)]
        last = next((i for i in range(len(before) - 1, -1, -1) if before[i].canonical == owner.canonical), None)
        if last is None:
            return None
        # "FEMA ... [30,000 characters] ... the DEP says ... DEP's employees ... The agency has spent": another
        # organization the article has gone on about since it last named the owner may be the one meant, since
        # the writer's "agency" need not be in its name. One passing mention in between does not count.
        since = Counter(
            m.canonical for m in before[last + 1 :] if m.kind == owner.kind and m.canonical != owner.canonical
        )
        in_title = owner.canonical.split()[0].lower() in (self.facts.title or "").lower().split()
        if not in_title and any(count >= 2 for count in since.values()):
            return None  # (what the title names stays the one meant all through)
        return with_its_article(self.facts.text, owner.canonical)

    def _named_nearby(self, token: Token) -> str | None:
        """ "the rally" -> "the Saaremaa Rally": the one name of two or more words ending in that noun that the
        sentence before the noun, the one before it or its paragraph gives. A reader who has just read the name
        knows what "the rally" is; the card has to say it. Two such names there leave it open (None)."""
        # Capitalized words that could head such a name, by their lower-case form (the word must match exactly:
        # "the Salkinds" are two people, not "Alexander Salkind").
        if self.proper_heads is None:
            self.proper_heads = {}
            for tok in self.doc:
                if tok.pos_ == "PROPN" and tok.text[:1].isupper():
                    self.proper_heads.setdefault(tok.lower_, []).append(tok.i)
        heads = self.proper_heads.get(token.lower_)
        if not heads or heads[0] >= token.i:
            return None
        sent = token.sent
        text = doc_text(self.doc)
        start = text.rfind("\n", 0, sent.start_char) + 1
        if sent.start > 0:
            start = min(start, self.doc[sent.start - 1].sent.start_char)
        found: dict[str, str] = {}
        doc = self.doc
        first = doc.char_span(start, start + 1, alignment_mode="expand")
        for i in heads[bisect.bisect_left(heads, first.start if first is not None else token.i) :]:
            if i >= token.i:
                break
            name = _proper_name_ending_in(doc[i])
            if name is not None:
                found.setdefault(name.casefold(), name)
        if len(found) != 1:
            return None
        # "bubonic plague", "pneumonic plague": where the article sorts the noun into kinds of its own, "the
        # plague" is the thing in general, not the "Great Plague" named nearby.
        if any(
            kind.group(1) not in _DETERMINER_WORDS
            for kind in re.finditer(rf"\b([a-z]+) {re.escape(token.lower_)}\b", text)
        ):
            return None
        # The noun had its "the", so the name gets one: "the rally" -> "the Saaremaa Rally".
        return "the " + next(iter(found.values()))

    # ------------------------------------------------------------ lookups

    def mention_at(self, token: Token, kind: str | None = None) -> Mention | None:
        for m in self.by_sentence.get(token.sent.start_char, []):
            if m.start <= token.idx < m.end and (kind is None or m.kind == kind):
                return m
        return None

    def unlisted_person_before(self, token: Token) -> bool:
        """Whether its sentence names a person before ``token`` whom the extraction made no mention of
        (``unlisted_person``), a given name several people of the article share counting too ("Upon Harvey's
        death, he ..." in an article of two Harveys)."""
        mentions = self.by_sentence.get(token.sent.start_char, [])
        return any(unlisted_person(t, mentions, self.given_names) for t in span_tokens(token.sent) if t.i < token.i)

    def person_name(self, token: Token) -> str | None:
        """The full name of the person a name token refers to, if it is one."""
        m = self.mention_at(token, "person")
        if m is not None:
            return m.canonical
        if token.pos_ == "PROPN":
            return self.short_names.get(token.text)
        return None

    def renames(self, sentence_start: int) -> dict[int, str]:
        """Token index -> full name for one-word person names in a sentence ("Yun" -> "Yun Byung-se"); the same
        dict each time for a sentence, to be read, not changed."""
        known = self.renamed_sentences.get(sentence_start)
        if known is None:
            known = self.renamed_sentences[sentence_start] = self._renames(sentence_start)
        return known

    def _renames(self, sentence_start: int) -> dict[int, str]:
        out: dict[int, str] = {}
        span = self.doc.char_span(sentence_start, sentence_start + 1, alignment_mode="expand")
        if span is None:
            return out
        # "cross the bridge" -> "cross the Varnholt Bridge": the article's subject, or the one named thing
        # with that head noun, by its name.
        tokens = span_tokens(span.sent)  # walked twice
        for tok in tokens:
            following = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if following is not None and following.pos_ == "PROPN" and following.is_title:
                # "grouped in the genus Streptococcus", parsed with the name apart: the name after the noun says
                # which, and writing the subject out read "the genus" as "Streptococcus Streptococcus".
                continue
            name = self.main.name if self.main is not None and refers_to_subject(tok, self.main) else None
            name = name or self.named_by_head_noun(tok)
            if name:
                for det in tok.children:
                    if det.dep_ == "det":
                        out[det.i] = ""
                out[tok.i] = name
        for tok in tokens:
            if tok.pos_ != "PROPN" or tok.dep_ not in NOMINAL_DEPS:
                continue
            if any(c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN" for c in tok.children):
                continue  # part of a longer name already
            m = self.mention_at(tok, "person")
            if m is not None:
                if " " in m.text.strip() or " " not in m.canonical or m.text.strip() in self.ambiguous_parts:
                    continue
                full = m.canonical
            else:
                short = self.short_names.get(tok.text)
                if short is None:
                    continue
                full = short
            out[tok.i] = full
        return out

    # ------------------------------------------------------------ resolution

    def resolve(self, token: Token) -> str | None:
        low = {"him": "he", "her": "she", "his": "he", "hers": "she"}.get(token.lower_, token.lower_)
        if low in {"he", "she"}:
            for rule in (self._reporter, self._previous_person, self._biography_subject):
                person = rule(token)
                if person is not None:
                    # "In 1835 she married ..." never means a man the article calls "his"/"Lord", nor "She was born
                    # in Fresno" the man of a biography that calls him "he" throughout: skip instead.
                    if person == self.title_person and self.title_pronoun not in {None, low}:
                        return None
                    return None if self.genders.get(person, set()) - {low} else person
            return None
        if low in {"it", "its"}:
            return (
                self._reporting_organization(token)
                or (self._main_subject_it(token) if low == "it" else None)
                or self._previous_named_subject(token)
            )
        if self.main is not None and refers_to_subject(token, self.main):
            return self.main.name  # "The company began as ..." -> "Harlow & Finch began as ..."
        named = self.named_by_head_noun(token)
        if named:
            return named  # "The airport handled ..." -> "Liege Airport handled ..."
        if low in {"they", "both"} or (token.pos_ == "NUM" and all(c.dep_ == "det" for c in token.children)):
            return self._counted_group(token) or (self._previous_named_group(token) if low == "they" else None)
        if low == "their":
            return self._previous_named_group(token)
        if token.pos_ == "NOUN":
            if any(c.dep_ == "nummod" and c.lower_ == "two" for c in token.children) or any(
                c.lower_ == "both" for c in token.children
            ):
                return self._named_pair(token)
            return self._described_person(token)
        return None

    def may_bind(self, token: Token, person: str) -> bool:
        """Whether a person named before a "she" or "her" in its sentence may be the one it means. In a woman's
        biography, a "she" or "her" that is a clause's subject or object means her, not a person named before
        it whom the article never calls "she" ("After Cauchon declared her guilty, she was burned ..."). A man's
        biography names mostly men, so "he" there is as often the one just named ("Roosevelt sent word that he
        would not ..."); and the article's ties of pronouns to people (``genders``) are too loose to refuse a
        binding by (dev decks lost accepted cards that way)."""
        if self.title_person is None or self.title_pronoun != "she":
            return True
        if token.dep_ == "poss" and token.head.dep_ in {"conj", "appos"}:
            return True  # "co-author Simone Beck and her husband": her own, beside her name
        if token.lower_ not in {"she", "her"}:
            return True
        # "Beck" of "Simone Beck": a part of the woman's name (kept apart when relatives share it) is her.
        return set(person.split()) <= set(self.title_person.split()) or "she" in self.genders.get(person, set())

    def _reporter(self, token: Token) -> str | None:
        """ "The former diplomat stated that ... he lost seven kilograms": the one who stated it."""
        verb = token.head
        while verb.dep_ == "conj" and verb.head != verb:
            verb = verb.head
        if verb.dep_ != "ccomp" or verb.head.lemma_ not in REPORTING_LEMMAS:
            return None
        speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.i > token.i:
            return None
        # Nobody else may be named between the speaker and the pronoun.
        between = [
            m
            for m in self.by_sentence.get(token.sent.start_char, [])
            if m.kind == "person" and speaker.right_edge.idx < m.start < token.idx
        ]
        if between:
            return None
        name = self.person_name(speaker)
        if name:
            return name
        if speaker.pos_ == "NOUN":
            return self._described_person(speaker)
        return None

    def _reporting_organization(self, token: Token) -> str | None:
        """ "The Red Cross said its boats had evacuated ...": it/its in what an organization said is that
        organization, when nothing else is named between them."""
        verb = token.head
        while verb.dep_ in {"conj", "nsubj", "nsubjpass", "dobj", "pobj", "prep"} and verb.head != verb:
            verb = verb.head  # from "its boats" up to the verb of the clause
        if verb.dep_ != "ccomp" or verb.head.lemma_ not in REPORTING_LEMMAS:
            return None
        speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.i > token.i:
            return None
        org = self.mention_at(speaker, "organization")
        if org is None or any(
            m.kind in {"organization", "person"}
            and m.canonical != org.canonical
            and speaker.right_edge.idx < m.start < token.idx
            for m in self.by_sentence.get(token.sent.start_char, [])
        ):
            return None
        return _as_written(speaker, org.canonical)

    def _main_subject_it(self, token: Token) -> str | None:
        """ "It was designed by ...": the article's subject, when the sentence before was about it too."""
        if self.main is None or token.dep_ not in {"nsubj", "nsubjpass"} or token.sent.start == 0:
            return None
        if _something_named_before(token):
            return None
        previous = self.doc[token.sent.start - 1].sent
        return self.main.name if sentence_is_about(previous, self.main) else None

    def _subject_before(self, token: Token) -> Token | None:
        """The subject of the sentence before, for a pronoun that opens its own sentence as the subject (or owns
        it) with nothing named before it there; None otherwise."""
        if not _opens_as_subject(token) or token.sent.start == 0 or _something_named_before(token):
            return None
        previous = self.doc[token.sent.start - 1].sent
        root = reported_clause(previous)
        if any(c.dep_ == "conj" and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children) for c in root.children):
            return None  # "X began its downtime and the relaunch of Y took place. It ...": two subjects before
        return next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)

    def _previous_named_subject(self, token: Token, depth: int = 0) -> str | None:
        """ "The Norland Ferry Company opened a route to Bergen. It later ...": "it" as the subject (or "its"
        owning the subject) carries on a named organization or place that was the subject of the sentence before,
        when nothing is named before the pronoun in its own sentence. A run of such sentences carries it on ("...
        It later ... It also ..."): the subject "it" before is resolved the same way, a few sentences back at most.
        """
        subject = self._subject_before(token)
        if subject is not None and subject.lower_ == "it" and subject.pos_ == "PRON" and depth < MAX_IT_CHAIN:
            return self._main_subject_it(subject) or self._previous_named_subject(subject, depth + 1)
        if subject is None or subject.pos_ != "PROPN":
            return None
        named = self.mention_at(subject)
        if named is None or named.kind not in {"organization", "place"} or self.person_name(subject):
            return None  # a person (even one the extraction also took for a place) is never "it"
        if named.kind == "organization" and not looks_like_organization(named.canonical):
            return None  # the model calls people ORG too ("Helena Marques wrote ..."): only a clear organization
        others = [
            m
            for m in self.by_sentence.get(subject.sent.start_char, [])
            if m.kind in {"organization", "place", "person"}
            and m.canonical != named.canonical
            and subject.left_edge.idx <= m.start <= subject.right_edge.idx
        ]
        if others:
            return None  # "The mayor of Bergen and Skarvik Ferries ...": the subject is more than the one name
        return _as_written(subject, named.canonical)

    def _previous_named_group(self, token: Token) -> str | None:
        """ "Jan Berry and Dean Torrence formed a duo. They recorded ...", "The Lindmark Rovers won 13 games.
        They qualified ...": a subject "they" (or "their" owning the subject) carries on the two people joined
        by "and", or the named organization, that was the subject of the sentence before, when nothing is named
        before the pronoun in its own sentence."""
        subject = self._subject_before(token)
        if subject is None or subject.pos_ != "PROPN":
            return None
        joined = [c for c in subject.children if c.dep_ == "conj"]
        if joined:
            if len(joined) > 1 or any(c.dep_ == "conj" for c in joined[0].children):
                return None  # three or more: a list, not a pair the card can name
            first, second = self.person_name(subject), self.person_name(joined[0])
            return f"{first} and {second}" if first and second and first != second else None
        named = self.mention_at(subject)
        if named is None or named.kind != "organization" or self.person_name(subject):
            return None
        if not looks_like_organization(named.canonical) and subject.tag_ != "NNPS":
            return None  # a person the model labelled ORG is never "they"; a plural name ("the Saints") may be
        return _as_written(subject, named.canonical)

    def _previous_person(self, token: Token) -> str | None:
        """The one person the sentence right before names (and none before the pronoun in its own)."""
        sent_start = token.sent.start_char
        if (
            any(
                m.kind == "person" and m.start < token.idx and plausible_fact(m.kind, m.canonical)
                for m in self.by_sentence.get(sent_start, [])
            )
            or self.unlisted_person_before(token)
            or named_subject_before(token)
        ):
            return None
        pronoun = "she" if token.lower_ in {"she", "her"} else "he"
        sent = token.sent
        for _ in range(3):  # follow "she ... She ... Okonkwo" back through pronoun-only sentences
            if sent.start == 0:
                return None
            sent = self.doc[sent.start - 1].sent
            main_subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if main_subject is not None and main_subject.lower_ == pronoun:
                if any(
                    m.kind == "person" and m.start < main_subject.idx and plausible_fact(m.kind, m.canonical)
                    for m in self.by_sentence.get(sent.start_char, [])
                ):
                    # "When she left, Berg named Lisa Brandt treasurer; in this role, she kept ...": that "she"
                    # may be a person named before it there, so the chain back breaks.
                    return None
                continue  # "She began studying with Abbé Guérin": she is still the one before
            people = {
                m.canonical
                for m in self.by_sentence.get(sent.start_char, [])
                if m.kind == "person" and plausible_fact(m.kind, m.canonical)
            }
            object_form = "her" if pronoun == "she" else "him"
            if people and any(
                t.lower_ == object_form and t.dep_ in {"dobj", "dative", "pobj", "iobj"} for t in span_tokens(sent)
            ):
                return None  # "X later hired her. She ...": her is not X, so she may be that other person
            if people:
                if len(people) != 1:
                    # Several people, but the pronoun carries on the subject of the sentence before ("Vidal
                    # met Ortiz in Lima. He later ..."): a pronoun subject keeps to the earlier subject.
                    return self._subject_person(sent, people) if _opens_as_subject(token) else None
                person = next(iter(people))
                # The one person must be what the sentence is about, not someone in a subordinate clause
                # ("Interest in her music revived when the organist Claire Dubois recorded ...").
                subjects = [
                    c
                    for v in [sent.root, *(c for c in sent.root.children if c.dep_ == "conj")]
                    for c in v.children
                    if c.dep_ in {"nsubj", "nsubjpass"}
                ]
                if not any(
                    self.person_name(t) == person or any(self.person_name(w) == person for w in t.subtree)
                    for t in subjects
                ):
                    return None
                # A named subject the extraction did not call a person ("Helena Brandt met Ines ...") competes.
                subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subject is not None and subject.pos_ == "PROPN" and self.person_name(subject) != person:
                    return None
                return person
            if not any(t.lower_ == pronoun for t in span_tokens(sent)):
                return None
        return None

    def _subject_person(self, sent: Any, people: set[str]) -> str | None:
        """The one person named as the subject of the sentence's main verb, when the sentence names others too."""
        subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return None
        named = {self.person_name(t) for t in subject.subtree} - {None}
        if len(named) != 1:
            return None
        person = named.pop()
        if person not in people:
            return None
        # "Edward invaded France and Chaucer travelled with Lionel. He ...", "Robinson has a worry over Barkley, who
        # withdrew. He ...": another person doing something of their own there may be the one the pronoun carries on.
        # What someone says or thinks there ("Stein suspected that Crookes was ashamed") is no doing of their own; a
        # clause the parser hung on the main verb with no "that" and no reporting verb is ("Edward invaded France
        # and Chaucer travelled" read as "invaded [that] France and Chaucer travelled").
        main_verbs = {sent.root, *sent.root.conjuncts}
        own_clauses = {
            c
            for v in main_verbs
            if v.lemma_ not in REPORTING_LEMMAS
            for c in v.children
            if c.dep_ == "ccomp" and not any(m.dep_ == "mark" for m in c.children)
        }
        actors: set[str | None] = set()
        for t in span_tokens(sent):
            if t.dep_ in {"nsubj", "nsubjpass"} and (t.head in main_verbs | own_clauses or t.head.dep_ == "relcl"):
                doer = t.head.head if t.tag_ == "WP" and t.head.dep_ == "relcl" else t  # "Barkley, who withdrew"
                actors.update(self.person_name(d) for d in (doer, *doer.conjuncts))
        return None if actors - {person, None} else person

    def _biography_subject(self, token: Token) -> str | None:
        """In a biography ("Lise Meitner" over a text calling her "she"), the pronoun the article uses for
        its person means that person unless someone else is named before it in its sentence or is the
        subject of the sentence before."""
        if self.title_person is None or self.title_pronoun is None:
            return None
        pronoun = "she" if token.lower_ in {"she", "her", "hers"} else "he"
        if pronoun != self.title_pronoun:
            return None
        if any(
            m.kind == "person" and m.canonical != self.title_person and m.start < token.idx
            for m in self.by_sentence.get(token.sent.start_char, [])
        ):
            return None
        if pronoun == "he" and self.unlisted_person_before(token):
            # A man the extraction left unnamed may be the "he"; in a woman's biography a "she" after a man's
            # name is still her ("After being banished by Henry, she lived ..."; see ``may_bind``).
            return None
        # "His father was hospitalized ...; he died in 1963": a person the article describes without a name ("his
        # father", "the man") is the subject just before, and the pronoun is theirs, not the article's person.
        own = [t for t in span_tokens(token.sent) if t.i < token.i]
        previous_subjects = []
        if token.sent.start > 0:
            before = self.doc[token.sent.start - 1].sent
            previous_subjects = [c for c in before.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if any(
            t.dep_ in {"nsubj", "nsubjpass"}
            and t.tag_ == "NN"  # "His brothers are ...": no "he"
            and t.lemma_.casefold() in GENDERED_NOUNS[pronoun]
            for t in [*own, *previous_subjects]
        ):
            return None
        if token.sent.start > 0:
            previous = self.doc[token.sent.start - 1].sent
            for subject in (c for c in previous.root.children if c.dep_ in {"nsubj", "nsubjpass"}):
                named = self.person_name(subject) or next(
                    (self.person_name(t) for t in subject.subtree if self.person_name(t)), None
                )
                if named is not None and named != self.title_person:
                    return None
        return self.title_person

    def _counted_group(self, token: Token) -> str | None:
        """they / both / the two -> "the two North Korean diplomats", following subjects back."""
        sent = token.sent
        for _ in range(4):
            if sent.start == 0:
                return None
            sent = self.doc[sent.start - 1].sent
            root = reported_clause(sent)
            if root.pos_ not in {"VERB", "AUX"}:
                continue  # a fragment ("nk flag") between the sentences
            subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                return None
            if subject.lower_ in {"they", "both"} or (
                subject.pos_ == "NUM" and all(c.dep_ == "det" for c in subject.children)
            ):
                continue
            numbers = [c for c in subject.children if c.dep_ == "nummod"]
            if subject.pos_ != "NOUN" or subject.tag_ != "NNS" or not numbers:
                return None
            if token.pos_ == "NUM" and numbers[0].lower_ != token.lower_:
                return None
            if numbers[0].i > 0 and self.doc[numbers[0].i - 1].pos_ == "PROPN":
                return None  # "Ariane 4 rockets": a model's number, not how many there are
            words = [
                w
                for w in subject.subtree
                if w.dep_ not in {"det", "relcl", "appos", "punct", "acl"}
                and not w.is_space
                and w.head.dep_ not in {"relcl", "acl", "appos"}
            ]
            if len(words) > 6:
                return None
            return "the " + " ".join(
                w.text.lower() if i == 0 and w.pos_ != "PROPN" else w.text for i, w in enumerate(words)
            )
        return None

    def _named_pair(self, token: Token) -> str | None:
        """ "the two countries" -> "South Korea and Cuba" when exactly two are named just before."""
        lemma = token.lemma_.lower()
        if lemma in COUNTRY_NOUNS:

            def fits(m: Mention) -> bool:
                return m.kind == "place" and dist.place_category(m.canonical, (), m.label) == "country"
        elif lemma in PERSON_NOUNS:

            def fits(m: Mention) -> bool:
                return m.kind == "person"
        else:
            return None
        sent = token.sent
        same = [m for m in self.by_sentence.get(sent.start_char, []) if fits(m) and m.end <= token.idx]
        names = list(dict.fromkeys(m.canonical for m in same))
        if not names and sent.start > 0:
            previous = self.doc[sent.start - 1].sent
            names = list(dict.fromkeys(m.canonical for m in self.by_sentence.get(previous.start_char, []) if fits(m)))
            if lemma in PERSON_NOUNS:
                names = list(dict.fromkeys([*names, *self._short_names_in(previous)]))
        if len(names) != 2:
            return None
        return f"{names[0]} and {names[1]}"

    def _short_names_in(self, sent: Any) -> list[str]:
        return [
            self.short_names[t.text]
            for t in span_tokens(sent)
            if t.pos_ == "PROPN" and t.text in self.short_names and self.mention_at(t, "person") is None
        ]

    def _described_person(self, token: Token) -> str | None:
        """ "the former diplomat" -> the one person described earlier with that noun and those words."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        mods = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"}}
        if any(c.dep_ not in {"det", "amod", "compound"} for c in token.children):
            return None
        lemma = token.lemma_.lower()
        fits = {
            canon for noun, canon, words, at in self.descriptions if noun == lemma and mods <= words and at < token.idx
        }
        nouns = {canon for noun, canon, _w, _at in self.descriptions if noun == lemma}
        if len(fits) == 1 and len(nouns) == 1:
            return next(iter(fits))
        return None


def _proper_name_ending_in(head: Token) -> str | None:
    """ "Saaremaa Rally", "Liberal Party of Canada": the proper name whose head word is ``head``, when other
    capitalized words name it with it (a lone "Rally" names nothing)."""
    doc = head.doc
    left = head.i
    while left > head.sent.start:
        before = doc[left - 1]
        if (
            not before.text[:1].isupper()
            or not (left - 1 < before.head.i <= head.i)
            or before.tag_ in {"POS", "DT", "PRP$"}
        ):
            break
        left -= 1
    if left == head.i:
        return None
    right = head.i
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1), None)
    if of is not None:
        tail = list(doc[of.i + 1 : of.right_edge.i + 1])
        if (
            tail
            and all(t.text[:1].isupper() or t.lower_ in {"and", "the", "of"} for t in tail)
            and not any(t.ent_type_ == "PERSON" for t in tail)
        ):
            right = tail[-1].i
    return doc[left : right + 1].text


def _head_nouns(facts: ArticleFacts) -> dict[str, Mention]:
    """Head nouns of the article's named places and organizations that only one of them has."""
    from quizapp.facts.entities import FACILITY_HEADS, ORG_HEADS

    heads = FACILITY_HEADS | ORG_HEADS
    owners: dict[str, set[str]] = {}
    for cluster in facts.clusters:
        if cluster.kind not in {"place", "organization"}:
            continue
        words = cluster.canonical.split()
        if len(words) < 2:
            continue
        if words[-1].lower() in heads:
            owners.setdefault(words[-1].lower(), set()).add(cluster.canonical)
        if len(words) >= 3 and words[1].lower() == "of" and words[0].lower() in heads:
            owners.setdefault(words[0].lower(), set()).add(cluster.canonical)  # "University of Tartu"
    out: dict[str, Mention] = {}
    for noun, names in owners.items():
        if len(names) != 1:
            continue
        name = next(iter(names))
        first = min((m for m in facts.mentions if m.canonical == name), key=lambda m: m.start, default=None)
        if first is not None:
            out[noun] = first
    return out


#: How much more often a biography must use its person's pronoun than the other one.
PRONOUN_DOMINANCE = 2
MIN_PRONOUN_USES = 3


def _title_person(doc: Any, facts: ArticleFacts) -> tuple[str | None, str | None]:
    """The person an article's title names exactly, and "she" or "he" when the text clearly uses it."""
    from quizapp.facts.names import name_key

    title = name_key(facts.title or "")
    if len(title.split()) < 2:
        return None, None
    person = next(
        (
            c.canonical
            for c in facts.clusters
            if c.kind == "person" and title in {name_key(n) for n in (c.canonical, *c.aliases)}
        ),
        None,
    )
    if person is None:
        person = _title_as_name(facts)
    if person is None or _lead_defines_a_thing(doc):
        return None, None
    she = sum(t.lower_ in {"she", "her", "hers", "herself"} for t in doc)
    he = sum(t.lower_ in {"he", "him", "his", "himself"} for t in doc)
    if she >= MIN_PRONOUN_USES and she >= PRONOUN_DOMINANCE * he:
        return person, "she"
    if he >= MIN_PRONOUN_USES and he >= PRONOUN_DOMINANCE * she:
        return person, "he"
    return person, None


#: What an article's first sentence may call its subject ("Galaxy Quest is a 1999 American ... film") when it is
#: a work, a group or an event, not a person, whatever the small model labelled its name.
_NOT_A_PERSON_KINDS = REFERENT_NOUNS | {
    "band",
    "duo",
    "group",
    "team",
    "club",
    "season",
    "party",
    "organization",
    "organisation",
    "festival",
    "award",
    "prize",
    "battle",
    "war",
    "election",
    "single",
    "franchise",
    "brand",
    "service",
    "channel",
}


def _lead_defines_a_thing(doc: Any) -> bool:
    """Whether the text's first sentence says what its subject is, and it is a work, group or event."""
    lead = next(iter(doc.sents), None)
    return lead is not None and any(
        t.pos_ == "NOUN"
        and (t.dep_ == "attr" or (t.dep_ == "conj" and t.head.dep_ == "attr"))
        and t.lemma_.casefold() in _NOT_A_PERSON_KINDS
        for t in lead
    )


def _title_as_name(facts: ArticleFacts) -> str | None:
    """A title that is a person's common name though the lead gives a longer one ("Ada Lovelace" over "Augusta Ada
    King, Countess of Lovelace ..."): every word of the title stands in the first sentence and one names a person
    the extraction found. The title is then the name to write for "she"."""
    title = (facts.title or "").strip()
    words = title.split()
    if not 2 <= len(words) <= 4 or not all(
        w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words
    ):
        return None
    first = facts.text.lstrip().split("\n", 1)[0]
    first = first[len(title) :] if first.startswith(title) else first  # a repeated headline line
    lead = next((m.sentence for m in facts.mentions if m.start >= facts.text.find(first.strip()[:40])), "")
    if not all(re.search(rf"\b{re.escape(w)}\b", lead) for w in words):
        return None
    person_words = {
        w for c in facts.clusters if c.kind == "person" for n in (c.canonical, *c.aliases) for w in n.split()
    }
    return title if any(w in person_words for w in words) else None


def _short_names(facts: ArticleFacts) -> dict[str, str]:
    """One-word names ("Ri", "Yun") that fit exactly one person cluster of the article."""
    owners: dict[str, set[str]] = {}
    for cluster in facts.clusters:
        if cluster.kind != "person":
            continue
        parts: set[str] = set()
        for name in (cluster.canonical, *cluster.aliases):
            words = name.split()
            if len(words) == 1:
                parts.add(name)
            elif words:
                parts.add(words[0])
                parts.add(words[-1])
        for part in parts:
            if len(part) > 1 and part[:1].isupper():
                owners.setdefault(part, set()).add(cluster.canonical)
    # A part also found in another name of any kind ("Brandt" of an organization "Helena Brandt") is ambiguous.
    elsewhere: dict[str, int] = {}
    for cluster in facts.clusters:
        for name in {cluster.canonical, *cluster.aliases}:
            for word in set(name.split()):
                elsewhere[word] = elsewhere.get(word, 0) + (cluster.kind != "person")
    return {part: next(iter(c)) for part, c in owners.items() if len(c) == 1 and not elsewhere.get(part)}


def _descriptions(doc: Any, facts: ArticleFacts) -> list[tuple[str, str, frozenset[str], int]]:
    """(noun, person, describing words, offset) from appositions and titles around person names."""
    out: list[tuple[str, str, frozenset[str], int]] = []
    for m in facts.mentions:
        if m.kind != "person":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        nouns: list[Token] = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            nouns.append(root.head)
        # Titles written before the name: "former North Korean diplomat Ri Il-gyu", "Ambassador Ma Chol-su".
        nouns += [
            t
            for t in doc[span.sent.start : span.start]
            if t.head.i in range(span.start, span.end)
            and t.dep_ == "compound"
            and t.pos_ in {"NOUN", "PROPN"}
            and t.i == span.start - 1
        ]
        for noun in nouns:
            words = frozenset(w.lower_ for w in noun.subtree if w.i < noun.i or w == noun) | frozenset(
                w.lower_ for w in noun.children if w.dep_ in {"amod", "compound"}
            )
            out.append((noun.lemma_.lower(), m.canonical, words, m.start))
    return out


_PRONOUN_GENDER = {"his": "he", "himself": "he", "her": "she", "hers": "she", "herself": "she"}


def _gender_evidence(doc: Any, facts: ArticleFacts) -> dict[str, set[str]]:
    """Person -> pronouns the article ties to them by its own wording: a gendered title or describing noun
    ("Mrs", "the countess", "a mother of six"), or a possessive in their own clause that no one else shares
    ("Charles Voss, who showed her his engine"; "Voss sold his farm" in a sentence naming only him).
    A possessive in a "by" phrase ("who was impressed by her work") is someone else's."""
    out: dict[str, set[str]] = {}
    people_by_sentence: dict[int, set[str]] = {}
    for x in facts.mentions:
        if x.kind == "person":
            people_by_sentence.setdefault(x.sentence_start, set()).add(x.canonical)
    for m in facts.mentions:
        if m.kind != "person":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        found = out.setdefault(m.canonical, set())
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            nouns.append(root.head)
        if span.start > 0:
            nouns.append(doc[span.start - 1])
        for noun in nouns:
            for pronoun, words in GENDERED_NOUNS.items():
                if noun.lower_.strip(".") in words:
                    found.add(pronoun)
        # The name's own relative clause, or that of a noun set off after it ("X, the professor, who ...").
        clauses = [
            c for n in (root, *(c for c in root.children if c.dep_ == "appos")) for c in n.children if c.dep_ == "relcl"
        ]
        if root.dep_ in {"nsubj", "nsubjpass"} and people_by_sentence[m.sentence_start] == {m.canonical}:
            clauses.append(root.head)
        for clause in clauses:
            found |= _clause_gender(clause)
    return out


def _clause_gender(clause: Token) -> set[str]:
    """The pronoun a clause ties to its own subject: a reflexive ("taught himself"), or a possessive beside an
    object pronoun of the other kind ("showed her his engine": his is the subject's). A lone possessive is
    not evidence ("who admired her patterns" may be anyone's), nor one in a "by" phrase."""
    tokens = list(clause.subtree)
    objects = {
        _PRONOUN_GENDER.get(t.lower_, {"him": "he"}.get(t.lower_))
        for t in tokens
        if t.lower_ in {"him", "her"} and t.dep_ in {"dobj", "dative", "pobj", "iobj"}
    }
    out: set[str] = set()
    for tok in tokens:
        pronoun = _PRONOUN_GENDER.get(tok.lower_)
        if pronoun is None:
            continue
        if tok.lower_ in {"himself", "herself"}:
            out.add(pronoun)
        elif tok.dep_ == "poss" and (objects - {pronoun}) and not any(a.lower_ == "by" for a in tok.ancestors):
            out.add(pronoun)
    return out


Resolver = Callable[[Token], "str | None"]

#: Words that end names of things, not people: a "person" named so is an extraction slip.
NOT_A_PERSON = re.compile(
    r"\b(Medal|Prize|Award|Cup|Trophy|Stadium|Rovers|United|FC|Club|Bridge|Airport|Street|"
    r"Museum|College|University|Company|Partners)\b"
)


def unlisted_person(token: Token, mentions: list[Mention], given_names: Collection[str] = ()) -> bool:
    """A name the parser calls a person (or one of ``given_names``) that no mention of its sentence covers: a
    given name several people of the article share, which the extraction leaves unresolved ("With his chances
    limited, Robert left" in an article of two Roberts)."""
    return (
        token.pos_ == "PROPN"
        and (token.ent_type_ == "PERSON" or token.text in given_names)
        and not any(m.start <= token.idx < m.end for m in mentions)
    )


def named_subject_before(token: Token) -> bool:
    """Whether the pronoun's own sentence has a named subject before it that the extraction took for no person
    ("St-Laurent won, and was sworn in ..., making him ...", "St-Laurent" labelled an organization): the pronoun
    may well be that name's, so it is not carried back to a person of the sentence before. A place is no "him"."""
    return any(
        t.dep_ in {"nsubj", "nsubjpass"}
        and t.pos_ == "PROPN"
        and t.ent_type_ not in {"GPE", "LOC", "FAC", "NORP", "DATE"}
        for t in span_tokens(token.sent)
        if t.i < token.i
    )


def plausible_fact(kind: str, canonical: str) -> bool:
    """Whether a fact may be asked about, offered as a choice or used to resolve under its kind."""
    if kind != "person":
        return True
    return not NOT_A_PERSON.search(canonical) and dist.place_category(canonical) not in {"country", "city"}


#: How many subject "it"s in a row carry on one named subject (each sentence's "it" the one before it).
MAX_IT_CHAIN = 3


def reported_clause(sent: Any) -> Token:
    """The verb a sentence is about: its root, or, when the news is told first and its source after ("Three
    priests were assaulted, the BBC reported."), the reported clause's verb, whose subject a "they" or "it" in
    the next sentence carries on, not the source's."""
    root = sent.root
    if root.lemma_ not in REPORTING_LEMMAS:
        return root
    told = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None)
    return told if told is not None else root


def _opens_as_subject(token: Token) -> bool:
    """The pronoun is the subject of its sentence's main verb ("He later ...") or owns it ("His son ...")."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return token.head.dep_ == "ROOT"
    return token.dep_ == "poss" and token.head.dep_ in {"nsubj", "nsubjpass"} and token.head.head.dep_ == "ROOT"


def _something_named_before(token: Token) -> bool:
    """A name, or a noun subject, stands before the pronoun in its own sentence ("After the war the factory ...
    it ..."): the pronoun may mean that. A name inside an opening participle the pronoun is the subject of
    ("Founded in 1887 by members of the Norland Church, it is ...") is not what it means."""
    opener = participle_opener(token)
    return any(
        t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.dep_ in {"nsubj", "nsubjpass"})
        for t in span_tokens(token.sent)
        if t.i < token.i and not (opener is not None and opener.left_edge.i <= t.i <= opener.right_edge.i)
    )


def participle_opener(token: Token) -> Token | None:
    """The participle opening the clause a subject pronoun heads ("Founded in 1887 by ..., it is", "Having left
    Bergen, he ..."): its own subject is the pronoun, so nothing named inside it is what the pronoun means."""
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    return next(
        (
            c
            for c in token.head.children
            if c.dep_ == "advcl"
            and c.i < token.i
            and c.tag_ in {"VBN", "VBG"}
            and not any(g.dep_ in {"nsubj", "nsubjpass", "mark"} for g in c.children)
        ),
        None,
    )


def _as_written(phrase: Token, name: str) -> str:
    """ "The Kenya Lifeboat Trust said its ..." -> "the Kenya Lifeboat Trust's": the name with the article the
    text gives it."""
    return f"the {name}" if phrase.left_edge.lower_ == "the" and name.split()[0].lower() != "the" else name
