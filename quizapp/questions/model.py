"""The data passed between the stages of question generation.

    overgenerate (candidates.py) -> verify (verify.py) -> rank (rank.py) -> select (select.py) -> cards.py

Every candidate carries the evidence it came from (its sentence, the parse pattern,
the rewrite); every candidate that does not become a card leaves a :class:`Trace`
saying which stage dropped it, under which named check, and why — that is what
``quizapp generate --explain`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from quizapp.facts.model import Mention, MentionKind
from quizapp.questions.templates import Transformed


class Form(StrEnum):
    """How a candidate asks its fact."""

    WH = "wh"  # a wh-question rewritten from the clause (becomes multiple choice, typed or true/false)
    CLOZE = "cloze"  # one whole self-contained sentence of the article with the fact blanked


ALL_FORMS = frozenset(Form)


class Stage(StrEnum):
    OVERGENERATE = "overgenerate"
    VERIFY = "verify"
    RANK = "rank"
    SELECT = "select"
    CARD = "card"


class Outcome(StrEnum):
    KEPT = "kept"
    DROPPED = "dropped"  # a named check refused it
    RANKED_LOW = "ranked low"  # the ranker's estimate is below the bar
    NOT_SELECTED = "not selected"  # good enough, but the deck was full or the fact already asked


@dataclass(frozen=True)
class Rejection:
    """Why a candidate (or a fact that gave none) did not become a card."""

    stage: Stage
    check: str  # a stable name: "given_away", "unresolved_reference", ...
    reason: str  # a short sentence for people


@dataclass
class CorpusSentence:
    """A sentence of any article of the deck, for checks that look across the whole deck."""

    source: str
    start: int
    text: str
    lemmas: frozenset[str]
    mentions: list[Mention]


@dataclass
class Candidate:
    """A question about one fact, before it becomes a card."""

    source: str
    article_index: int
    mention: Mention
    transformed: Transformed
    answer: str
    accept: list[str]
    aliases: list[str]
    kind: MentionKind
    category: str | None
    position: float  # 0 at the start of the article, 1 at the end
    signature: frozenset[str]
    form: Form = Form.WH
    excluded: set[str] = field(default_factory=set)
    year: int | None = None  # the article's year (no anachronistic distractors)
    event_year: int | None = None  # the fact's year: no country offered that did not exist then
    swaps: list[str] = field(default_factory=list)  # same-kind values the article states, for false statements
    hint: str | None = None  # what a cloze blank is ("year", "city", ...)
    evidence: dict[str, Any] = field(default_factory=dict)  # parse facts the ranker's features read
    score: float = 0.0  # the ranker's estimate that the card is acceptable

    @property
    def question(self) -> str:
        return self.transformed.question

    @property
    def pattern(self) -> str:
        return self.transformed.pattern

    @property
    def answer_key(self) -> str:
        return f"{self.source}:{self.mention.canonical.casefold()}"

    @property
    def sentence_key(self) -> str:
        return f"{self.source}:{self.mention.sentence_start}"

    @property
    def fact_key(self) -> str:
        """One fact: this answer in this sentence (a cloze and a wh-question of it ask the same thing)."""
        return f"{self.sentence_key}:{self.mention.canonical.casefold()}"

    @property
    def key(self) -> str:
        m = self.mention
        return f"{self.source}:{m.start}:{m.end}:{self.pattern}"

    @property
    def shown(self) -> str:
        """The candidate as a person reads it: the question, or the cloze with its blank."""
        if self.form is Form.CLOZE:
            return self.transformed.question
        return self.question

    @property
    def source_text(self) -> str:
        """The text of the article the card comes from: its sentence, after the sentence before when it shows it."""
        return f"{self.evidence.get('lead_source', '')} {self.mention.sentence.strip()}".strip()

    @property
    def own_shown(self) -> str:
        """``shown`` without the sentence before that a cloze may be shown after: what the card itself asks."""
        lead = self.evidence.get("lead", "")
        shown = self.shown
        return shown[len(lead) :].lstrip() if lead and shown.startswith(lead) else shown


@dataclass
class Trace:
    """What happened to one candidate (or to a fact that gave none), for ``--explain``."""

    source: str
    sentence_start: int
    sentence: str
    answer: str
    form: str
    text: str  # the question or cloze, or "" when no rewrite was made
    outcome: Outcome
    stage: Stage
    check: str = ""
    reason: str = ""
    score: float | None = None


@dataclass
class GenerationReport:
    """Everything ``--explain`` shows, and the deck's size against its target."""

    traces: list[Trace] = field(default_factory=list)
    words: dict[str, int] = field(default_factory=dict)  # source -> words
    targets: dict[str, int] = field(default_factory=dict)  # source -> cards aimed at
    kept: dict[str, int] = field(default_factory=dict)  # source -> cards made
    notes: dict[str, str] = field(default_factory=dict)  # source -> why the deck is thinner than its target
    shortened: dict[str, str] = field(default_factory=dict)  # article path -> how much of a too-long one was quizzed
    made_from: dict[str, Candidate] = field(default_factory=dict)  # card id -> the candidate it was made from
    #: Make the candidates of forms the ranker has closed too, so that ``--explain`` shows them (the deck is the
    #: same either way: a closed form only ever fills an article that would otherwise have too few cards).
    every_form: bool = False

    def absorb(self, other: GenerationReport) -> None:
        """Take in what a separate report of one article recorded."""
        self.traces += other.traces
        self.notes.update(other.notes)

    def add(self, cand: Candidate, outcome: Outcome, stage: Stage, check: str = "", reason: str = "") -> None:
        m = cand.mention
        self.traces.append(
            Trace(
                cand.source,
                m.sentence_start,
                m.sentence.strip(),
                cand.answer,
                cand.form.value,
                cand.shown,
                outcome,
                stage,
                check,
                reason,
                cand.score
                if stage in {Stage.RANK, Stage.SELECT, Stage.CARD} and outcome is not Outcome.DROPPED
                else None,
            )
        )

    def add_fact(self, source: str, mention: Mention, rejection: Rejection) -> None:
        """A fact that gave no candidate at all."""
        self.traces.append(
            Trace(
                source,
                mention.sentence_start,
                mention.sentence.strip(),
                mention.text,
                "-",
                "",
                Outcome.DROPPED,
                rejection.stage,
                rejection.check,
                rejection.reason,
            )
        )
