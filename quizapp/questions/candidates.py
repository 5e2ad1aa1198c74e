"""Stage 1, overgenerate: every question-worthy fact in every form it supports.

For each fact mention of an article we try the wh-rewrites of its clause
(:mod:`quizapp.questions.templates`), the life-dates shape, and a cloze of its sentence
(:mod:`quizapp.questions.shapes.cloze`). Nothing is ranked here and little is judged:
a fact that yields no candidate at all leaves a named :class:`Rejection` in the report,
so ``--explain`` can say why a sentence gave nothing.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from quizapp import caseless
from quizapp.facts.model import ArticleFacts, Granularity, Mention
from quizapp.ingest.model import Article
from quizapp.questions import classify
from quizapp.questions import distractors as dist
from quizapp.questions.context import ArticleContext, plausible_fact
from quizapp.questions.filters import may_be_photo_caption, photo_caption_problem, sentence_problem, untimed_flow
from quizapp.questions.model import (
    ALL_FORMS,
    Candidate,
    CorpusSentence,
    Form,
    GenerationReport,
    Rejection,
    Stage,
)
from quizapp.questions.parse_cache import content_words, span_text, span_tokens
from quizapp.questions.quality import ArticleReview
from quizapp.questions.shapes import cloze
from quizapp.questions.shapes.life_dates import LIFE_DATES, in_date_range, life_date_question
from quizapp.questions.templates import Target, Transformed, transform_with_reasons
from quizapp.questions.textsearch import has_word
from quizapp.vocabulary import (
    NAME_KINDS,
    NAME_PARTICLES,
    NUMBER_HEDGES,
    NUMBER_WORDS,
    SPEAKING_VERBS,
    SPECULATIVE_MODALS,
    WEEKDAYS,
)

#: Quantities the text does not pin down: no number to ask for.
VAGUE_QUANTITY = re.compile(r"\b(?:several|some|a few|few|many|dozens|hundreds|thousands|tens|millions|scores)\b", re.I)
#: Words making a number a bound, not a value ("over thirty years", "more than 70,000").
BOUND_BEFORE = re.compile(
    r"\b(?:over|more than|less than|fewer than|at least|at most|under|up to|nearly|almost|"
    r"upwards of|in excess of)\s*$",
    re.I,
)
_STOP = {"be", "have", "do", "the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "and", "by", "from"}


@dataclass
class ArticleScope:
    """One article and everything the stages need to know about it and the rest of the deck."""

    index: int
    source: str
    article: Article
    facts: ArticleFacts
    doc: Any
    pool: list[dist.PoolEntry]
    corpus: list[CorpusSentence]
    context: ArticleContext = field(init=False)
    review: ArticleReview = field(init=False)
    headlines: set[str] = field(init=False)
    length: int = field(init=False)
    mention_counts: dict[str, int] = field(init=False)
    first_mention: dict[str, int] = field(init=False)
    #: The article's setting: the place named most (when it holds at least SETTING_SHARE of the place mentions)
    #: and the year dated most (at least SETTING_YEAR_MENTIONS times); blanked, either is rarely the point.
    setting_place: str | None = field(init=False)
    setting_year: str | None = field(init=False)
    first_seen: dict[str, int] = field(init=False)
    lemma_freq: dict[str, int] = field(init=False)
    title_words: set[str] = field(init=False)
    #: What the article says its subject is in its first sentence ("X is a 2017 Chinese action film"): lemmas of
    #: the nouns after "is a" there; "the film" in such an article is its subject.
    lead_kinds: set[str] = field(init=False)
    sentence_evidence: dict[tuple[int, int], dict[str, Any]] = field(init=False, default_factory=dict)
    #: (sentence or clause token bounds) -> its definites' head offsets (see ``_definite_heads``).
    definite_heads: dict[tuple[int, int], tuple[list[int], list[int]]] = field(init=False, default_factory=dict)
    #: ``as_written`` of each name asked about so far (it reads all the article's mentions).
    written_names: dict[str, str] = field(init=False, default_factory=dict)
    #: The mentions worth a question and their sentences' renames, found once (``overgenerate`` may run once per
    #: form; a fact refused before any form is tried is reported the first time only).
    quizzable: list[tuple[Mention, dict[int, str]]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.context = ArticleContext.build(self.doc, self.facts)
        self.review = ArticleReview.build(self.article, self.facts, self.doc, self.pool)
        self.headlines = {h.strip().casefold() for h in [*self.article.headlines, self.article.title or ""]}
        self.length = max(1, len(self.facts.text))
        counts: dict[str, int] = {}
        first_mention: dict[str, int] = {}
        for m in self.facts.mentions:
            key = m.canonical.casefold()
            counts[key] = counts.get(key, 0) + 1
            first_mention[key] = min(first_mention.get(key, m.start), m.start)
        self.mention_counts = counts
        self.setting_place = _most_of(
            [m.canonical.casefold() for m in self.facts.mentions if m.kind == "place"], SETTING_SHARE, 1
        )
        self.setting_year = _most_of(
            [(m.value or "")[:4] for m in self.facts.mentions if m.kind == "date" and (m.value or "")[:4].isdigit()],
            0.0,
            SETTING_YEAR_MENTIONS,
        )
        self.first_mention = first_mention
        # Content words of the article: where each first occurs and how often (for anaphora and centrality).
        first: dict[str, int] = {}
        freq: dict[str, int] = {}
        for _i, idx, lemma, content_pos, _in_entity in content_words(self.doc):
            if content_pos:
                first.setdefault(lemma, idx)
                freq[lemma] = freq.get(lemma, 0) + 1
        self.first_seen = first
        self.lemma_freq = freq
        title = self.article.title or ""
        self.title_words = {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", title)}
        lead = next(iter(self.doc.sents), None)
        self.lead_kinds = {
            t.lemma_.casefold()
            for t in (lead or [])
            if t.pos_ == "NOUN" and (t.dep_ == "attr" or (t.dep_ == "conj" and t.head.dep_ == "attr"))
        }

    def resolve_as_written(self, token: Any) -> str | None:
        """The name a pronoun or short name stands for, as the article writes it (see ``as_written``)."""
        found = self.context.resolve(token)
        return self.as_written(found) if found else None

    def as_written(self, name: str) -> str:
        """``name_as_written`` of the article's facts, worked out once per name."""
        if name not in self.written_names:
            self.written_names[name] = name_as_written(self.facts, name)
        return self.written_names[name]

    @property
    def words(self) -> int:
        return len(self.article.text.split())


#: A place is the article's setting when it holds this share of the article's place mentions (and is named most) ...
SETTING_SHARE = 0.3
#: ... and a year when it is dated most, at least this many times. Judged dev clozes blanking the setting: places
#: 13 of 44 acceptable (places 48%), years 28 of 56 (years 75%).
SETTING_YEAR_MENTIONS = 3


def _most_of(values: list[str], share: float, at_least: int) -> str | None:
    """The most frequent of ``values`` when it is at least ``share`` of them and occurs ``at_least`` times."""
    if not values:
        return None
    top, count = max(Counter(values).items(), key=lambda item: (item[1], item[0]))
    return top if count >= at_least and count >= share * len(values) else None


def name_as_written(facts: ArticleFacts, name: str) -> str:
    """A person's name as the article writes it: the cluster's canonical, unless the extraction glued another
    fact's name to it ("Samos Octavian" of "At Samos Octavian received ...", Samos being a place the article
    names): then the form the mentions use most."""
    forms = [m.text for m in facts.mentions if m.kind == "person" and m.canonical == name]
    if not forms or forms.count(name) >= 2:
        return name
    usual = max(set(forms), key=lambda f: (forms.count(f), len(f)))
    places = {m.text for m in facts.mentions if m.kind in {"place", "organization"}}
    extra = [w for w in name.split() if w not in usual.split()]
    # A word of the name that the article names as a place, or writes alone before a comma or full stop
    # elsewhere ("at Samos, Antony moved ..."), is not part of the person's name.
    glued = [w for w in extra if w in places or re.search(rf"\b{re.escape(w)}[,.;]", facts.text)]
    if not glued or forms.count(usual) < 3:
        return name
    words = name.split()
    by_surname = sum(1 for m in facts.mentions if m.kind == "person" and m.text == words[-1])
    if usual == words[0] and all(w[:1].isupper() for w in words) and by_surname >= forms.count(usual):
        # A childhood told with the given name ("Humphrey" of "Humphrey Bogart") while the article calls the
        # person by the surname at least as often elsewhere: "him" is the surname, never the given name alone
        # ("Bernard of Clairvaux" is no given name and surname).
        return words[-1]
    return usual


def content_lemmas(tokens: Any) -> frozenset[str]:
    return _signature((t.lemma_.casefold(), bool(t.ent_type_)) for t in tokens if t.is_alpha and not t.is_stop)


def _signature(words: Iterable[tuple[str, bool]]) -> frozenset[str]:
    """The content words of alphabetic non-stop (lemma, inside a named entity) pairs, as six-letter stems, so
    "smuggling" (noun) and "smuggle" (verb) count as the same content word."""
    return frozenset(lemma[:6] for lemma, in_entity in words if not in_entity and lemma not in _STOP)


def corpus_sentences(sources: Sequence[str], pairs: Sequence[tuple[ArticleFacts, Any]]) -> list[CorpusSentence]:
    out: list[CorpusSentence] = []
    for source, (facts, doc) in zip(sources, pairs):
        sentences = list(doc.sents)
        starts = [sent.start_char for sent in sentences]
        # Each mention goes to the sentence it starts in (sentences are ordered and do not overlap), in the
        # order of the facts: one pass over the mentions instead of one per sentence.
        held: list[list[Mention]] = [[] for _ in sentences]
        for m in facts.mentions:
            at = bisect.bisect_right(starts, m.start) - 1
            if at >= 0 and m.start < sentences[at].end_char:
                held[at].append(m)
        words = content_words(doc)
        word_starts = [w[0] for w in words]
        for sent, ms in zip(sentences, held):
            first, last = bisect.bisect_left(word_starts, sent.start), bisect.bisect_left(word_starts, sent.end)
            # as content_lemmas(sent), from the words read once per parse
            lemmas = _signature((lemma, in_entity) for _i, _idx, lemma, _pos, in_entity in words[first:last])
            out.append(CorpusSentence(source, sent.start_char, span_text(sent), lemmas, ms))
    return out


def category_of(kind: str, canonical: str, aliases: Sequence[str], label: str | None) -> str | None:
    if kind == "place":
        return classify.place_category(canonical, aliases, label)
    if kind == "organization":
        return classify.organization_category(canonical, aliases)
    if kind == "person":
        return classify.person_role(canonical, aliases)
    return None


# ------------------------------------------------------------------ the stage


def overgenerate(scope: ArticleScope, report: GenerationReport, forms: frozenset[Form] = ALL_FORMS) -> list[Candidate]:
    """Every candidate of the given ``forms`` the article supports; facts that give none are reported (the
    wh-rewrites are most of the stage's work: made apart when the ranker has closed every wh group)."""
    out: list[Candidate] = []
    seen: set[tuple[int, str, str]] = set()
    cloze_by_sentence: dict[tuple[int, int], cloze.ClozeSentence | Rejection] = {}
    #: sentence start -> the parsed sentence (None when the parse has none there) and its clauses if it splits.
    sentence_clauses: dict[int, tuple[Any, list[Any]]] = {}
    if scope.quizzable is None:
        scope.quizzable = _quizzable(scope, report)
    for mention, renames in scope.quizzable:
        start = mention.sentence_start
        why_not: list[Rejection] = []
        if Form.CLOZE in forms:
            why_not += _cloze_of(scope, mention, start, sentence_clauses, cloze_by_sentence, renames, out)
        if Form.WH in forms:
            why_not += _wh_of(scope, mention, start, seen, renames, out)
        # Each form that made nothing of the fact says why (the cloze's and the wh-rewrite's reasons).
        for rejection in why_not[:2]:
            report.add_fact(scope.source, mention, rejection)
    return out


def _quizzable(scope: ArticleScope, report: GenerationReport) -> list[tuple[Mention, dict[int, str]]]:
    """The mentions worth trying a question on, each with its sentence's renames (pronoun or alias -> the name
    it stands for); the others are reported."""
    out: list[tuple[Mention, dict[int, str]]] = []
    renames_by_sentence: dict[int, dict[int, str]] = {}
    parsed: dict[int, str | None] = {}
    for mention in scope.facts.mentions:
        if scope.article.in_aside(mention.start, mention.end):
            continue  # captions and datelines: facts of the article, never quizzed
        if not plausible_fact(mention.kind, mention.canonical):
            report.add_fact(
                scope.source,
                mention,
                Rejection(Stage.OVERGENERATE, "implausible_fact", "not a name, date or number worth asking"),
            )
            continue
        sentence = mention.sentence.strip()
        if sentence.casefold() in scope.headlines:
            continue
        problem = sentence_problem(sentence) or _parsed_sentence_problem(
            scope, mention.sentence_start, sentence, parsed
        )
        if problem:
            report.add_fact(scope.source, mention, Rejection(Stage.OVERGENERATE, "unfit_sentence", problem))
            continue
        start = mention.sentence_start
        if start not in renames_by_sentence:
            renames_by_sentence[start] = {
                i: scope.as_written(name) if name else name for i, name in scope.context.renames(start).items()
            }
        out.append((mention, renames_by_sentence[start]))
    return out


def _parsed_sentence_problem(
    scope: ArticleScope, start: int, sentence: str, known: dict[int, str | None]
) -> str | None:
    """Why the parsed sentence starting at ``start`` is not quizzed (worked out once per sentence), or None."""
    if not may_be_photo_caption(sentence):
        return None  # the parse is looked at only for the few sentences that date a day with its year
    if start not in known:
        span = scope.doc.char_span(start, start + 1, alignment_mode="expand")
        known[start] = photo_caption_problem(span.sent) if span is not None else None
    return known[start]


def _cloze_of(
    scope: ArticleScope,
    mention: Mention,
    start: int,
    sentence_clauses: dict[int, tuple[Any, list[Any]]],
    cloze_by_sentence: dict[tuple[int, int], cloze.ClozeSentence | Rejection],
    renames: dict[int, str],
    out: list[Candidate],
) -> list[Rejection]:
    """The cloze of the mention's sentence (one candidate per fact it holds) into ``out``, else why not."""
    if start not in sentence_clauses:
        span = scope.doc.char_span(start, start + 1, alignment_mode="expand")
        sent = span.sent if span is not None else None
        sentence_clauses[start] = (sent, cloze.long_sentence_clauses(sent) if sent is not None else [])
    sent, clauses = sentence_clauses[start]
    clause = cloze.clause_holding(clauses, mention)
    where = (start, clause.start if clause is not None else -1)
    if where not in cloze_by_sentence:
        cloze_by_sentence[where] = _cloze_sentence(scope, mention, sent, clause, renames)
    prepared = cloze_by_sentence[where]
    if isinstance(prepared, Rejection):
        return [prepared]
    cand_or_why = _cloze_candidate(scope, mention, prepared)
    if isinstance(cand_or_why, Rejection):
        return [cand_or_why]
    out.append(cand_or_why)
    return []


def _wh_of(
    scope: ArticleScope,
    mention: Mention,
    start: int,
    seen: set[tuple[int, str, str]],
    renames: dict[int, str],
    out: list[Candidate],
) -> list[Rejection]:
    """The wh-rewrites of the mention's clause (and the life-dates shape) into ``out``; why each failed."""
    doc, facts = scope.doc, scope.facts
    why_not: list[Rejection] = []
    target = _target(doc, mention, facts)
    if isinstance(target, Rejection):
        why_not.append(target)
        found: list[Transformed] = []
    else:
        try:
            found, refusals = transform_with_reasons(doc, target, scope.resolve_as_written, renames)
        except (IndexError, ValueError):  # a parse too odd to transform
            found, refusals = [], []
        if not found:
            why = refusals[0] if refusals else None
            why_not.append(
                Rejection(
                    Stage.OVERGENERATE,
                    f"wh_{why.check}" if why else "no_rewrite",
                    why.reason if why else "no wh-rewrite fits the clause's parse",
                )
            )
    life = life_date_question(mention, facts)
    if life is not None:
        found = [*found, life]
    for transformed in found:
        key = (start, mention.canonical.casefold(), transformed.pattern)
        if key in seen:
            continue
        seen.add(key)
        cand = _wh_candidate(scope, mention, transformed, target if isinstance(target, Target) else None)
        if isinstance(cand, Rejection):
            why_not.append(cand)
        else:
            out.append(cand)
    return why_not


def _cloze_sentence(
    scope: ArticleScope, mention: Mention, sent: Any, clause: Any, renames: dict[int, str]
) -> cloze.ClozeSentence | Rejection:
    """The mention's sentence (``sent``, None when the parse has none there), or its ``clause`` of a long
    sentence, ready to blank."""
    if sent is None:
        return Rejection(Stage.OVERGENERATE, "no_parse", "the sentence could not be found in the parse")
    mentions = scope.context.by_sentence.get(mention.sentence_start, [])

    if clause is not None:
        return cloze.prepare_sentence(
            clause,
            mentions,
            scope.resolve_as_written,
            renames,
            scope.facts.text,
            clause=True,
            may_bind=scope.context.may_bind,
        )
    prepared = cloze.prepare_sentence(
        sent, mentions, scope.resolve_as_written, renames, scope.facts.text, may_bind=scope.context.may_bind
    )
    if isinstance(prepared, Rejection):
        if prepared.check not in LEANING_CHECKS:
            return prepared
        passage = _with_sentence_before(scope, sent, mentions, renames)
        if passage is None:
            return prepared
        # Why the sentence could not stand alone, for --explain and the tests.
        passage.evidence["alone_refused"] = prepared.check
        return passage
    leaning = _leans_on_sentence_before(scope, sent, prepared)
    if leaning is not None:
        before = _sentence_before(scope, sent)
        if (
            leaning == "unnamed_referent"
            and before is not None
            and not any(m.kind == "person" for m in before.mentions)
        ):
            before = None  # an age describes a person the sentence before must name
        if before is not None and _show_after(prepared, before, len(span_text(sent).split())):
            prepared.evidence["leans_back"] = [leaning]
            prepared.evidence["alone_refused"] = leaning
    return prepared


#: Why a sentence cannot stand alone that the sentence before it may answer ("He was elected ...", "Then ...").
LEANING_CHECKS = frozenset({"unresolved_reference", "pointing_opener", "unnamed_subject"})
#: A passage of two sentences is read as one card: the sentence before is shown only when this short.
MAX_LEAD_WORDS = 30
MAX_PASSAGE_WORDS = 55
QUOTE_MARK = re.compile(r"[\"“”]")


@dataclass
class _Before:
    """The sentence before a sentence, ready to be shown ahead of it."""

    span: Any
    prepared: cloze.ClozeSentence
    mentions: list[Mention]
    shown: str
    source: str


def _sentence_before(scope: ArticleScope, sent: Any) -> _Before | None:
    """The sentence before ``sent`` when it stands alone itself, else None."""
    if sent.start == 0:
        return None
    before = sent.doc[sent.start - 1].sent
    text = scope.facts.text
    if "\n" in before.text.strip():
        return None  # a heading glued to the sentence by the parse
    # A paragraph break between the two is no bar: news paragraphs are a sentence or two (passages across one
    # were judged acceptable as often as within one: 40 of 62 dev deck cards in round r92/r93, 65%).
    source = before.text.strip()
    if source.casefold() in scope.headlines or sentence_problem(source) or QUOTE_MARK.search(source):
        return None  # a quotation before: the passage would be someone's words, not the article's facts
    mentions = scope.context.by_sentence.get(before.start_char, [])
    renames = {
        i: scope.as_written(name) if name else name for i, name in scope.context.renames(before.start_char).items()
    }
    prepared = cloze.prepare_sentence(
        before, mentions, scope.resolve_as_written, renames, text, may_bind=scope.context.may_bind
    )
    if isinstance(prepared, Rejection) or _states_no_fact(before):
        return None
    return _Before(before, prepared, mentions, cloze.written_text(prepared), source)


def _states_no_fact(sent: Any) -> bool:
    """A sentence whose main verb guesses or sets a condition ("If confirmed, that would be ..."): shown before
    a fact, it would frame the fact as a guess too."""
    return any(
        (c.tag_ == "MD" and c.lower_ in SPECULATIVE_MODALS) or (c.lower_ == "if" and c.dep_ == "mark")
        for verb in (sent.root, *[c for c in sent.root.children if c.dep_ == "advcl"])
        for c in verb.children
    )


def _show_after(prepared: cloze.ClozeSentence, before: _Before, words: int) -> bool:
    """Whether the passage is short enough to read as one card; if so ``prepared`` shows ``before`` first."""
    lead_words = len(before.shown.split())
    if lead_words > MAX_LEAD_WORDS or lead_words + words > MAX_PASSAGE_WORDS:
        return False
    prepared.lead = before.shown
    prepared.evidence.update(lead=before.shown, lead_words=lead_words, lead_source=before.source)
    return True


def _leans_on_sentence_before(scope: ArticleScope, sent: Any, prepared: cloze.ClozeSentence) -> str | None:
    """Why a sentence that stands alone still reads better after the one before: a marker that answers
    something said before ("also", "two weeks later"; verify refuses it alone), or a bare "the film" whose noun
    the sentence before names. None when it does not lean."""
    written = cloze.written_text(prepared)
    if caseless.search(cloze.LEANS_ON_CONTEXT, written):
        return "cloze_needs_context"
    if cloze.described_by_age(written):
        return "unnamed_referent"  # "The 29-year-old Scot set ...": named in the sentence before, if anywhere
    anaphoric = _definite_heads(scope, sent)[1]
    if not anaphoric or sent.start == 0:
        return None
    heads = {t.lemma_.casefold() for t in span_tokens(sent) if t.idx in anaphoric}
    return "anaphoric_definite" if heads & _lemmas(sent.doc[sent.start - 1].sent) else None


def _lemmas(span: Any) -> set[str]:
    return {t.lemma_.casefold() for t in span_tokens(span)}


def _with_sentence_before(
    scope: ArticleScope, sent: Any, mentions: list[Mention], renames: dict[int, str]
) -> cloze.ClozeSentence | None:
    """The sentence ready to blank after the one before it, which the card shows first: for a sentence that
    leans on the one before ("He was elected in ...", "Then the company ..."), when that one stands alone itself
    and names what the sentence points back to. None when there is no such sentence before."""
    before = _sentence_before(scope, sent)
    if before is None:
        return None
    prepared = cloze.prepare_sentence(sent, mentions, None, renames, scope.facts.text, lean_back=True)
    if isinstance(prepared, Rejection):
        return None
    leans = prepared.evidence.get("leans_back", [])
    if "person" in leans and not any(m.kind == "person" for m in before.mentions) and not before.prepared.replace:
        return None  # "he" with no one named in the sentence before
    if "event" in leans:
        return None  # "This comes a week after ...": judges found "this" unexplained even after the sentence before
    lead_nouns = _lemmas(before.span)
    if any(what.startswith("noun:") and what[5:] not in lead_nouns for what in leans):
        return None  # "these salons", "such recognition": the sentence before names no salon, no recognition
    return prepared if _show_after(prepared, before, len(span_text(sent).split())) else None


_HEDGE = {"number": re.compile(r"(?i)^(?:only|just)\s+"), "date": re.compile(r"(?i)^(?:the\s+)?year\s+")}
#: Words a count may open with ("only [four]", "just [a dozen]"): the numbers' own words and their scales.
_NUMBER_WORDS = frozenset({*NUMBER_WORDS, "thirty", "forty", "fifty", "hundred", "thousand", "dozen", "a"})
#: First words of a bound ("about", "more than"): after "only" they still say the value is not exact.
_BOUND_WORDS = frozenset(hedge.split()[0] for hedge in NUMBER_HEDGES)


def _without_hedge(mention: Mention) -> Mention:
    """The blank covers the value, not its hedge: "only [four]", "the year [2015]" — a hedge in the answer is
    a word the student cannot guess, and left in the sentence it scopes the value."""
    pattern = _HEDGE.get(mention.kind)
    hedge = pattern.match(mention.text) if pattern else None
    if hedge is None:
        return mention
    rest = mention.text[hedge.end() :]
    if not rest or not (
        rest[0].isdigit()
        or (rest[0] in "$£€¥" and rest[1:2].isdigit())  # "only [£15]"
        or rest.split()[0].casefold() in _NUMBER_WORDS | _BOUND_WORDS
    ):  # "only about [26]": the bound left after "only" refuses the blank (``blank_problem``)
        return mention
    return mention.model_copy(update={"text": rest, "start": mention.start + hedge.end()})


def _cloze_candidate(scope: ArticleScope, mention: Mention, prepared: cloze.ClozeSentence) -> Candidate | Rejection:
    mention = _without_hedge(mention)
    aliases = answer_forms(mention, scope.facts)[2]
    problem = cloze.blank_problem(prepared, mention, aliases)
    if problem is not None:
        return problem
    if prepared.lead and any(
        has_word(prepared.lead.casefold(), name.casefold()) for name in {mention.text, mention.canonical, *aliases}
    ):
        return Rejection(Stage.OVERGENERATE, "given_away", "the sentence shown before it names the answer")
    if (
        mention.kind == "date"
        and in_date_range(scope.facts.text, mention.start, mention.end)
        and not LIFE_DATES.search(mention.sentence)
    ):
        return Rejection(Stage.OVERGENERATE, "date_range_end", "one end of a date range is not when something happened")
    transformed = cloze.make_cloze(prepared, mention)
    granularity = dist.date_granularity(mention.value) if mention.kind == "date" and mention.value else None
    cluster = scope.facts.cluster_of(mention.canonical, mention.kind)
    cluster_aliases = tuple(cluster.aliases) if cluster else ()
    category = category_of(mention.kind, mention.canonical, cluster_aliases, mention.label)
    confident = kind_is_certain(mention, cluster_aliases)
    cand = Candidate(
        source=scope.source,
        article_index=scope.index,
        mention=mention,
        transformed=transformed,
        answer=mention.text.strip(),
        accept=[],
        aliases=aliases,
        kind=mention.kind,
        category=category,
        position=mention.start / scope.length,
        signature=frozenset(),
        form=Form.CLOZE,
        # A wrong hint ("person" for a browser) is worse than none: only a kind we are sure of is shown.
        hint=cloze.hint_for(mention, category, granularity)
        if confident and _hint_is_safe(mention, cluster_aliases)
        else None,
    )
    cand.evidence = {
        **prepared.evidence,
        **_mention_evidence(scope, mention, prepared.sent),
        "kind_certain": confident,
        "bare_acronym": mention.kind == "organization" and classify.bare_acronym(mention.canonical, cluster_aliases),
    }
    return cand


def _hint_is_safe(mention: Mention, aliases: Sequence[str]) -> bool:
    """A "person" hint only for someone the article also calls by one part of their name ("Nkrumah" for
    "Kwame Nkrumah"): a two-word name used once may be a club or a place ("Nottingham Forest"). An
    "organization" hint for a bare acronym only when the article spells it out or the bundled reference knows
    it: the small model calls SMS, RAM and IP organizations too (judges failed the hint)."""
    if mention.kind == "organization":
        return not classify.unexplained_acronym(mention.canonical, aliases)
    if mention.kind != "person":
        return True
    parts = mention.canonical.split()
    return any(len(a.split()) == 1 and a in parts for a in aliases)


#: The articles a description starts with ("the former Beatle", "a Google engineer").
ARTICLES = frozenset({"the", "a", "an"})


def words_before(mention: Mention) -> list[str]:
    """The words of the mention's sentence before it."""
    return mention.sentence[: max(0, mention.start - mention.sentence_start)].split()


def kind_is_certain(mention: Mention, aliases: Sequence[str]) -> bool:
    """Whether the fact's kind rests on more than the small model's label: dates and numbers, places the
    bundled reference knows, organizations that show they are one, people with a full name."""
    if mention.kind in {"date", "number"}:
        return True
    if mention.kind == "place":
        # Without the model's label: "LOC" alone made "Green Bay Packers" and "Archbishop" a "region".
        return classify.place_category(mention.canonical, aliases, None) in classify.CERTAIN_PLACE_CATEGORIES
    if mention.kind == "organization":
        return classify.looks_like_organization(mention.canonical, aliases)
    words = mention.canonical.split()
    before = words_before(mention)
    if any(c.isdigit() for c in mention.canonical) or (before and before[-1].casefold() in ARTICLES):
        return False  # "The PS4 Pro has only 8GB": a product, whatever the model's label
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
        and all(w[:1].isupper() or w in NAME_PARTICLES for w in words)
        and not classify.looks_like_organization(mention.canonical, aliases)
    )


def _sentence_evidence(scope: ArticleScope, sent: Any) -> dict[str, Any]:
    """What the ranker reads of the sentence itself, computed once per sentence (or clause)."""
    key = (sent.start_char, sent.end_char)
    if key not in scope.sentence_evidence:
        tokens = span_tokens(sent)  # walked five times below
        content = [
            t.lemma_.casefold()
            for t in tokens
            if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"} and not t.is_stop and t.is_alpha
        ]
        words = max(1, len([t for t in tokens if t.is_alpha]))
        text = scope.facts.text
        scope.sentence_evidence[key] = {
            "centrality": (sum(math.log1p(scope.lemma_freq.get(w, 1) - 1) for w in content) / len(content))
            if content
            else 0.0,
            "title_overlap": len(set(content) & scope.title_words),
            "proper_share": sum(1 for t in tokens if t.pos_ == "PROPN") / words,
            "paragraph_start": sent.start_char == 0 or "\n" in text[max(0, sent.start_char - 2) : sent.start_char],
            # Signs that words went missing (an italic name dropped by the page's extraction, a cut clause):
            # a preposition with no object inside the sentence, a determiner whose head is a verb.
            "dangling_words": sum(
                1
                for t in tokens
                if (t.dep_ == "prep" and not list(t.children) and t.i < sent.end - 2 and t.nbor().pos_ != "PUNCT")
                or (t.dep_ == "det" and t.head.pos_ in {"VERB", "AUX", "ADP"})
            ),
            "finite_verb": any(t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in tokens),
        }
    return scope.sentence_evidence[key]


def _definite_heads(scope: ArticleScope, sent: Any) -> tuple[list[int], list[int]]:
    """Where (character offsets) the nouns of the sentence's bare definites stand, and those of its anaphoric
    ones; worked out once per sentence (or clause), as every fact of it counts those outside its blank."""
    key = (sent.start, sent.end)
    if key not in scope.definite_heads:
        bare: list[int] = []
        anaphoric: list[int] = []
        for t in span_tokens(sent):
            if t.dep_ != "det" or t.head.pos_ != "NOUN":
                continue
            head = t.head
            if t.lower_ == "the" and not any(
                c.pos_ == "PROPN" or c.dep_ in {"compound", "prep", "relcl", "acl"} for c in head.children
            ):
                bare.append(head.idx)
            # "the project", "the site": a bare definite whose noun the article used before points back to it.
            if (
                t.lower_ in {"the", "this", "that", "these", "those"}
                and not any(
                    c.pos_ == "PROPN" or c.dep_ in {"compound", "prep", "relcl", "acl", "amod", "nummod"}
                    for c in head.children
                )
                and scope.first_seen.get(head.lemma_.casefold(), sent.start_char) < sent.start_char
            ):
                anaphoric.append(head.idx)
        scope.definite_heads[key] = (bare, anaphoric)
    return scope.definite_heads[key]


def _mention_evidence(scope: ArticleScope, mention: Mention, sent: Any) -> dict[str, Any]:
    """Parse facts about the blank that the ranker reads."""
    tokens = span_tokens(sent)  # the counts below walk the sentence three times
    toks = [t for t in tokens if mention.start <= t.idx < mention.end]
    root = toks[0].head if toks else None
    for t in toks:
        if t.head.i not in {x.i for x in toks}:
            root = t
            break
    dep = root.dep_ if root is not None else ""
    coordinated = root is not None and (dep == "conj" or any(c.dep_ == "conj" for c in root.children))
    ancestors = list(root.ancestors) if root is not None else []
    subclause = any(a.dep_ in {"advcl", "relcl", "acl", "ccomp", "csubj", "parataxis"} for a in ancestors)
    bare_heads, anaphoric_heads = _definite_heads(scope, sent)
    bare_definites = sum(1 for head in bare_heads if not (mention.start <= head < mention.end))
    title = (scope.article.title or "").casefold()
    anaphoric = sum(1 for head in anaphoric_heads if not (mention.start <= head < mention.end))
    # The blank is the one who speaks ("..., said X"): the card asks who said it, rarely the point.
    speaker = root is not None and dep in {"nsubj", "nsubjpass"} and root.head.lemma_ in SPEAKING_VERBS
    return {
        **_sentence_evidence(scope, sent),
        "speaker": speaker,
        "anaphoric_definites": anaphoric,
        "answer_early": scope.first_mention.get(mention.canonical.casefold(), scope.length) < scope.length * 0.15,
        "bare_definites": bare_definites,
        "answer_in_title": bool(title) and mention.text.casefold() in title,
        "other_date": any(
            m.kind == "date" and m.start != mention.start
            for m in scope.context.by_sentence.get(mention.sentence_start, [])
        ),
        "shouted": mention.text.isupper() and len(mention.text) > 3,
        "blank_dep": dep,
        "coordinated": coordinated,
        "blank_depth": len(ancestors),
        "in_subclause": subclause,
        "blank_offset": (mention.start - sent.start_char) / max(1, len(span_text(sent))),
        "mentions_in_sentence": len(scope.context.by_sentence.get(mention.sentence_start, [])),
        "answer_mentions": scope.mention_counts.get(mention.canonical.casefold(), 0),
        "setting": (mention.kind == "place" and mention.canonical.casefold() == scope.setting_place)
        or (
            mention.kind == "date"
            and scope.setting_year is not None
            and (mention.value or "") == scope.setting_year
            and mention.text.strip().endswith(scope.setting_year)
        ),
        "answer_words": len(mention.text.split()),
    }


def _wh_candidate(
    scope: ArticleScope, mention: Mention, transformed: Transformed, target: Target | None
) -> Candidate | Rejection:
    answer, accept, aliases = answer_forms(mention, scope.facts)
    if answer is None:
        return Rejection(Stage.OVERGENERATE, "no_answer_form", "the value cannot be written as an answer")
    if untimed_flow(transformed.question) or untimed_flow(transformed.template):
        dated = with_sentence_year(transformed, mention.sentence)
        if dated is None:
            return Rejection(Stage.OVERGENERATE, "untimed_flow", 'a flow ("moved 6 million tonnes") with no period')
        transformed = dated
    doc = scope.doc
    sent_span = doc.char_span(
        mention.sentence_start, mention.sentence_start + len(mention.sentence), alignment_mode="expand"
    )
    tokens = [t for t in (sent_span if sent_span is not None else []) if not (mention.start <= t.idx < mention.end)]
    category = (target.category if target is not None else None) or category_of(
        mention.kind, mention.canonical, aliases, mention.label
    )
    cand = Candidate(
        source=scope.source,
        article_index=scope.index,
        mention=mention,
        transformed=transformed,
        answer=answer,
        accept=accept,
        aliases=aliases,
        kind=mention.kind,
        category=category,
        position=mention.start / scope.length,
        signature=content_lemmas(tokens),
        form=Form.WH,
    )
    if sent_span is not None:
        cand.evidence = {
            "sentence_words": len(mention.sentence.split()),
            **_mention_evidence(scope, mention, sent_span.sent if len(sent_span) else sent_span),
        }
    return cand


# ------------------------------------------------------------------ facts to answers


def _number_start(span: Any, mention: Mention) -> int:
    """Where the number itself starts: a mention may hold its bound ("More than three hundred rivers")."""
    numeric = [t for t in span if t.like_num or t.tag_ == "CD"]
    return numeric[0].idx if numeric else mention.start


def _target(doc: Any, mention: Mention, facts: ArticleFacts) -> Target | Rejection:
    """The fact as a token span for the wh-rewrites, or why it cannot be asked that way."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return Rejection(Stage.OVERGENERATE, "no_parse", "the mention does not line up with the parse")
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    if mention.kind == "number":
        numeric = [t.i for t in doc[start:end] if t.like_num or t.tag_ == "CD"]
        if not numeric or mention.granularity == "ordinal":
            return Rejection(Stage.OVERGENERATE, "not_a_count", "an ordinal or a number word without a count")
        if VAGUE_QUANTITY.search(mention.text):
            return Rejection(Stage.OVERGENERATE, "vague_quantity", '"several hundred" has no one number to answer')
        if BOUND_BEFORE.search(facts.text[max(0, mention.start - 14) : mention.start]) or BOUND_BEFORE.search(
            facts.text[max(0, mention.start - 14) : _number_start(span, mention)]
        ):
            return Rejection(Stage.OVERGENERATE, "bound_not_value", '"over thirty" is a bound, not the answer')
        start, end = min(numeric), max(numeric) + 1
    if mention.kind == "date":
        if not mention.value or dist.date_granularity(mention.value) is None:
            return Rejection(Stage.OVERGENERATE, "relative_date", "a date without a value to answer")
        if any(t.lower_ in WEEKDAYS for t in span):
            return Rejection(Stage.OVERGENERATE, "relative_date", "a weekday is no date to learn")
        if in_date_range(facts.text, mention.start, mention.end) and not LIFE_DATES.search(mention.sentence):
            return Rejection(Stage.OVERGENERATE, "date_range_end", "one end of a date range is not when it happened")
    cluster = facts.cluster_of(mention.canonical, mention.kind)
    aliases = tuple(cluster.aliases) if cluster else ()
    category: str | None = None
    if mention.kind == "place":
        cat = classify.place_category(mention.canonical, aliases, mention.label)
        category = cat if cat in classify.CERTAIN_PLACE_CATEGORIES else None
    elif mention.kind == "organization" and classify.looks_like_organization(mention.canonical, aliases):
        category = classify.ORG_QUESTION_NOUN.get(
            classify.organization_category(mention.canonical, aliases), "organization"
        )
    granularity: Granularity | None = (
        dist.date_granularity(mention.value) if mention.kind == "date" and mention.value else None
    )
    if mention.kind == "number":
        granularity = mention.granularity
    return Target(
        start=start, end=end, kind=mention.kind, label=mention.label, granularity=granularity, category=category
    )


def answer_forms(mention: Mention, facts: ArticleFacts) -> tuple[str | None, list[str], list[str]]:
    """The answer as shown, the other forms accepted, and the cluster's aliases."""
    if mention.kind in NAME_KINDS:
        cluster = facts.cluster_of(mention.canonical, mention.kind)
        aliases = [a for a in (cluster.aliases if cluster else []) if a.casefold() != mention.canonical.casefold()]
        if mention.kind == "person":
            aliases = [a for a in aliases if _names_the_person(a, mention.canonical)]
        accept = [a for a in dict.fromkeys([mention.text, *aliases]) if a.casefold() != mention.canonical.casefold()]
        return mention.canonical, accept, aliases
    if mention.kind == "date":
        shown = dist.format_date(mention.value or "", None)
        if shown is None:
            return None, [], []
        accept = [f for f in dict.fromkeys([mention.value or "", mention.text]) if f and f != shown]
        # "in November" for November 2023: the month alone is right too.
        return shown, accept, []
    number = dist.parse_number(mention.text, mention.value)
    if number is None:
        return None, [], []
    like = mention.text if any(ch.isdigit() for ch in mention.text) else str(int(number))
    shown = dist.format_number(number, like) + money_unit(mention)
    accept = [f for f in dict.fromkeys([mention.text, (mention.value or "")]) if f and f != shown]
    return shown, accept, []


def _names_the_person(alias: str, canonical: str) -> bool:
    """Whether ``alias`` names the person ``canonical`` on its own: it holds the family name ("Lehmann", "Mr.
    Öcalan", "Darren S. Lehmann"); a first name alone ("Darren", "Abdullah") is shared by many, and a name with
    none of the canonical's words ("Samos" for Octavian) was merged in by mistake."""
    words = canonical.casefold().replace(".", " ").replace(",", " ").split()
    while len(words) > 1 and words[-1] in {"jr", "sr", "ii", "iii", "iv"}:
        words.pop()  # "Martin Luther King Jr.": King is the family name
    return bool(words) and words[-1] in alias.casefold().replace(".", " ").split()


def money_unit(mention: Mention) -> str:
    """ " dollars a month" of "500 dollars a month": an amount of money is answered with its unit."""
    if mention.kind != "number" or mention.granularity != "money":
        return ""
    found = re.match(r"\s*[$€£]?[\d,.]+(?:\s+(?:thousand|million|billion))?", mention.text)
    written = mention.text[found.end() :] if found else ""
    if not written.strip() and mention.unit and not re.match(r"\s*[$€£]", mention.text):
        return f" {mention.unit}"  # "412 million" of "412 million reais": the span stops before the currency
    return written


def with_sentence_year(transformed: Transformed, sentence: str) -> Transformed | None:
    """The flow dated by the one year its sentence names ("... in 2024"), or None when it names none
    or several (then which year the flow belongs to is unclear)."""
    years = set(re.findall(r"\b(?:1[89]\d{2}|20\d{2})\b", sentence))
    if len(years) != 1:
        return None
    dated = f" in {years.pop()}"

    def add(text: str) -> str:
        return re.sub(r"\s*([?.!])?$", lambda m: dated + (m.group(1) or ""), text, count=1)

    return replace(
        transformed,
        question=add(transformed.question),
        statement=add(transformed.statement),
        template=add(transformed.template),
    )


#: A year the source sentence names ("in 1989"): the event's, for countries that existed then.
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def event_year(mention: Mention, facts: ArticleFacts) -> int | None:
    """The year of a fact: the earliest year its sentence names, else the year the text last named before
    it (a history tells its events in order), else the article's publication year."""
    years = [int(y) for y in _YEAR.findall(mention.sentence)]
    if years:
        return min(years)
    earlier = [
        m
        for m in facts.mentions
        if m.kind == "date" and m.start < mention.sentence_start and m.value and m.value[:4].isdigit()
    ]
    if earlier:
        return int(max(earlier, key=lambda m: m.start).value[:4])  # type: ignore[index]
    return facts.published.year if facts.published else None
