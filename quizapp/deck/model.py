"""The deck model: what a deck file holds, as pydantic models.

A deck is a title, some metadata, its sources and a list of cards. Cards are a
discriminated union on ``type``. Every card has a stable id: the one the author
gave, or one derived from the card's type and question, so review history
survives edits that do not change the question (fixing a typo in the answer,
adding a tag, rewording an explanation).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

FactKind = Literal["person", "place", "organization", "date", "number", "other"]
FACT_KINDS: tuple[str, ...] = ("person", "place", "organization", "date", "number", "other")

CardType = Literal["flashcard", "typed", "multiple_choice", "true_false", "cloze"]
CARD_TYPES: tuple[str, ...] = ("flashcard", "typed", "multiple_choice", "true_false", "cloze")

#: Anki-style cloze deletion: ``{{c1::answer}}`` or ``{{c1::answer::hint}}``.
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
#: Something that looks like an attempted deletion but is not one (``{{c1:x}}``, ``{{x}}``).
MALFORMED_CLOZE_RE = re.compile(r"\{\{[^{}]*\}\}")

_ID_RE = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"


class _Model(BaseModel):
    # Unknown keys are errors: a misspelt key ("anwser:") must not be silently dropped.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(_Model):
    """An article a deck (or a card) came from."""

    id: str | None = Field(default=None, description="Short name cards use to refer to this source.")
    title: str | None = None
    path: str | None = Field(default=None, description="File the article was read from.")
    url: str | None = None
    published: dt.date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")

    @property
    def key(self) -> str:
        """How cards refer to this source."""
        return self.id or self.title or self.path or self.url or ""


class FactRef(_Model):
    """The fact a card tests."""

    kind: FactKind
    canonical: str | None = Field(default=None, description="The fact's canonical name (its alias cluster's name).")
    value: str | None = Field(default=None, description="Normalized value, e.g. an ISO date or a plain number.")
    aliases: list[str] = Field(default_factory=list, description="Other names the answer goes by.")


class Provenance(_Model):
    """Where a card came from."""

    source: str | None = Field(default=None, description="The source's id, title or path.")
    sentence: str | None = None
    start: int | None = Field(
        default=None, ge=0, description="Character offset of the fact in the cleaned article text."
    )
    end: int | None = Field(default=None, ge=0)
    fact: FactRef | None = None


class _CardBase(_Model):
    id: str | None = Field(
        default=None, pattern=_ID_RE, description="Stable id; derived from the question when omitted."
    )
    tags: list[str] = Field(default_factory=list)
    explanation: str | None = None
    provenance: Provenance | None = None

    @field_validator("id")
    @classmethod
    def _no_item_separator(cls, value: str | None) -> str | None:
        if value is not None and "::" in value:
            raise ValueError(f'the id "{value}" must not contain "::" (cloze study items use it: <id>::c1)')
        return value

    def prompt_text(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def derived_id(self) -> str:
        """Deterministic id from the card's type and question (not its answer)."""
        return derive_card_id(self.type, self.prompt_text())  # type: ignore[attr-defined]

    @property
    def card_id(self) -> str:
        return self.id or self.derived_id()

    def item_ids(self) -> list[str]:
        """Ids of the independently scheduled study items of this card."""
        return [self.card_id]

    def sibling_group(self) -> str:
        """The group whose items are siblings: the deletions of one cloze card, or the cards made from one
        sentence of one source. Each gives the others' answers away, so a study session asks one item of a
        group a day and buries the rest until the next (as Anki buries the sibling cards of a note)."""
        prov = self.provenance
        if prov is not None and prov.sentence and prov.sentence.strip():
            return f"sentence:{prov.source or ''}:{prov.sentence.strip()}"
        return f"card:{self.card_id}"

    @property
    def fact_kind(self) -> str:
        if self.provenance and self.provenance.fact:
            return self.provenance.fact.kind
        return "other"


class Flashcard(_CardBase):
    """Front and back; the learner grades themself."""

    type: Literal["flashcard"] = "flashcard"
    front: str = Field(min_length=1)
    back: str = Field(min_length=1)

    def prompt_text(self) -> str:
        return self.front


class TypedCard(_CardBase):
    """A question answered by typing; graded automatically."""

    type: Literal["typed"] = "typed"
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    accept: list[str] = Field(default_factory=list, description="Other answers that count as right.")

    def prompt_text(self) -> str:
        return self.question

    def accepted_answers(self) -> list[str]:
        extra = list(self.accept)
        if self.provenance and self.provenance.fact:
            extra += self.provenance.fact.aliases
        return _unique([self.answer, *extra])


class MultipleChoiceCard(_CardBase):
    """A question, its answer and distractors; choices are shuffled when shown."""

    type: Literal["multiple_choice"] = "multiple_choice"
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    choices: list[str] = Field(description="All choices, the answer among them.")

    def prompt_text(self) -> str:
        return self.question

    @property
    def distractors(self) -> list[str]:
        return [c for c in self.choices if c != self.answer]

    @model_validator(mode="after")
    def _check_choices(self) -> MultipleChoiceCard:
        # ``at`` tells the file reader which key to point at (a model error has no field of its own).
        if len(self.choices) < 2:
            raise PydanticCustomError(
                "too_few_choices",
                "a multiple-choice card needs at least two choices, it has {count}",
                {"count": len(self.choices), "at": ("choices",)},
            )
        seen: set[str] = set()
        for j, choice in enumerate(self.choices):
            key = choice.casefold()
            if key in seen:
                raise PydanticCustomError(
                    "duplicate_choice",
                    'the choice "{choice}" is listed twice',
                    {"choice": choice, "at": ("choices", j)},
                )
            seen.add(key)
        if self.answer not in self.choices:
            raise PydanticCustomError(
                "answer_not_in_choices",
                'the answer "{answer}" is not among the choices',
                {"answer": self.answer, "at": ("answer",)},
            )
        return self


class TrueFalseCard(_CardBase):
    """A statement that is true or false."""

    type: Literal["true_false"] = "true_false"
    statement: str = Field(min_length=1)
    answer: bool = Field(description="Whether the statement is true.")

    def prompt_text(self) -> str:
        return self.statement


class ClozeDeletion(BaseModel):
    index: int
    answer: str
    hint: str | None = None


class ClozeCard(_CardBase):
    """Text with Anki-style deletions; each distinct cN is studied on its own."""

    type: Literal["cloze"] = "cloze"
    text: str = Field(min_length=1, description="Text with deletions like {{c1::answer}} or {{c1::answer::hint}}.")

    def prompt_text(self) -> str:
        return self.text

    @field_validator("text")
    @classmethod
    def _check_deletions(cls, text: str) -> str:
        if not CLOZE_RE.search(text):
            malformed = MALFORMED_CLOZE_RE.search(text)
            if malformed:
                raise ValueError(f'"{malformed.group(0)}" is not a deletion; write it as {{{{c1::answer}}}}')
            raise ValueError("a cloze card needs at least one deletion like {{c1::answer}}")
        for match in CLOZE_RE.finditer(text):
            if int(match.group(1)) < 1:
                raise ValueError(f"the deletion {match.group(0)} must be numbered from c1")
            if not match.group(2).strip():
                raise ValueError(f"the deletion {match.group(0)} has an empty answer")
        leftover = MALFORMED_CLOZE_RE.search(CLOZE_RE.sub("", text))
        if leftover:
            raise ValueError(f'"{leftover.group(0)}" is not a deletion; write it as {{{{c1::answer}}}}')
        return text

    def deletions(self) -> list[ClozeDeletion]:
        return [
            ClozeDeletion(index=int(m.group(1)), answer=m.group(2), hint=m.group(3))
            for m in CLOZE_RE.finditer(self.text)
        ]

    def indices(self) -> list[int]:
        return sorted({d.index for d in self.deletions()})

    def item_id(self, index: int) -> str:
        """The id of the study item of deletion ``index``."""
        return f"{self.card_id}::c{index}"

    def item_ids(self) -> list[str]:
        return [self.item_id(i) for i in self.indices()]

    def answers_for(self, index: int) -> list[str]:
        return [d.answer for d in self.deletions() if d.index == index]

    def render(self, index: int | None = None, blank: str = "[...]") -> str:
        """The text as asked for deletion ``index`` (others shown), or fully revealed when None."""

        def repl(m: re.Match[str]) -> str:
            if index is not None and int(m.group(1)) == index:
                return f"[{m.group(3)}]" if m.group(3) else blank
            return m.group(2)

        return CLOZE_RE.sub(repl, self.text)


Card = Annotated[
    Flashcard | TypedCard | MultipleChoiceCard | TrueFalseCard | ClozeCard,
    Field(discriminator="type"),
]
#: Any card, for type hints (``Card`` is the annotated form pydantic validates).
AnyCard = Flashcard | TypedCard | MultipleChoiceCard | TrueFalseCard | ClozeCard


class Deck(_Model):
    """A deck file."""

    title: str = Field(min_length=1)
    description: str | None = None
    tags: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)

    def card_by_id(self, card_id: str) -> AnyCard | None:
        for card in self.cards:
            if card.card_id == card_id:
                return card
        return None

    def study_items(self) -> list[StudyItem]:
        return [StudyItem(item_id=item_id, card=card, cloze_index=index) for card, item_id, index in self.item_keys()]

    def item_keys(self) -> Iterator[tuple[AnyCard, str, int | None]]:
        """(card, item id, cloze index) of every study item, in deck order, without building StudyItems.

        The same items as :meth:`study_items`; building a StudyItem validates it, which is
        wasted work for the thousands of items a session or a summary only counts.
        """
        for card in self.cards:
            if isinstance(card, ClozeCard):
                for index in card.indices():
                    yield card, card.item_id(index), index
            else:
                yield card, card.card_id, None

    def study_item_counts(self) -> dict[str, int]:
        """How many study items each card type has (a cloze card counts once per deletion).

        Counted without building the items: listing and summing decks need only the numbers.
        """
        counts: dict[str, int] = {}
        for card in self.cards:
            counts[card.type] = counts.get(card.type, 0) + (len(card.indices()) if isinstance(card, ClozeCard) else 1)
        return counts


class StudyItem(BaseModel):
    """One independently scheduled thing to study: a card, or one deletion of a cloze card."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    item_id: str
    card: Annotated[Flashcard | TypedCard | MultipleChoiceCard | TrueFalseCard | ClozeCard, Field(discriminator="type")]
    cloze_index: int | None = None

    @classmethod
    def of(cls, card: AnyCard, item_id: str, cloze_index: int | None) -> StudyItem:
        """An item of a validated deck, as :meth:`Deck.item_keys` gives it, built without validating again.

        Validation would only confirm what the deck's own validation did; a session builds
        thousands of items, and this makes exactly what ``StudyItem(...)`` makes of the same values.
        """
        item = cls.__new__(cls)
        object.__setattr__(item, "__dict__", {"item_id": item_id, "card": card, "cloze_index": cloze_index})
        object.__setattr__(item, "__pydantic_fields_set__", {"item_id", "card", "cloze_index"})
        object.__setattr__(item, "__pydantic_extra__", None)
        object.__setattr__(item, "__pydantic_private__", None)
        return item

    @property
    def card_id(self) -> str:
        return self.card.card_id


#: The key holding each card type's question, from which its id is derived.
PROMPT_KEYS = {
    "flashcard": "front",
    "typed": "question",
    "multiple_choice": "question",
    "true_false": "statement",
    "cloze": "text",
}


def derive_card_id(card_type: str, prompt: str) -> str:
    """The id of a card without an explicit one: a hash of its type and question.

    Case, Unicode form and runs of whitespace do not count, so reflowing or
    recapitalising a question keeps its review history; the answer, tags and
    explanation are not part of it at all.
    """
    basis = f"{card_type}\n{_normalize_for_id(prompt)}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def _normalize_for_id(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.casefold().strip()
        if item.strip() and key not in seen:
            seen.add(key)
            out.append(item)
    return out
