"""What fact extraction produces and question generation consumes.

Data flows one way: an :class:`~quizapp.ingest.model.Article` goes in,
:class:`ArticleFacts` come out, and the question generator turns them into cards.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

MentionKind = Literal["person", "place", "organization", "date", "number"]
#: How precise a date is: "19 March 2024", "March 2024", "2024", "the 1970s", "the 19th century".
DateGranularity = Literal["day", "month", "year", "decade", "century"]
#: What a number is: a count, a fraction, a rank, a sum of money, someone's age, a share, a stretch of time.
NumberGranularity = Literal["integer", "decimal", "ordinal", "money", "age", "percent", "duration"]
Granularity = DateGranularity | NumberGranularity


class Mention(BaseModel):
    """One mention of a fact in an article's cleaned text."""

    kind: MentionKind
    text: str = Field(
        description="The span as written (cleaned of a leading 'the', possessive 's and stray punctuation)."
    )
    canonical: str = Field(description="The alias cluster's name; for a date its normalized value.")
    value: str | None = Field(
        default=None,
        description="Normalized value: ISO date ('2024-03-19', '2023-11', '1986', '1970s') or a plain number.",
    )
    sentence: str = Field(description="The sentence the mention occurs in.")
    start: int = Field(ge=0, description="Character offset of the mention in the cleaned text.")
    end: int = Field(ge=0)
    sentence_start: int = Field(default=0, ge=0, description="Character offset of the sentence in the cleaned text.")
    label: str | None = Field(
        default=None, description="Finer label: spaCy's (GPE, LOC, FAC, NORP...) or number's unit noun."
    )
    unit: str | None = Field(default=None, description="For numbers: the noun counted ('cigars', 'dollars a month').")
    granularity: Granularity | None = Field(
        default=None,
        description="For dates: day, month, year, decade; for numbers: integer, decimal, ordinal, money, age.",
    )
    aside: bool = Field(
        default=False,
        description="In a photo caption or dateline: a fact of the article, but not a sentence to quiz on.",
    )


class Cluster(BaseModel):
    """An entity with all the names it goes by."""

    kind: MentionKind
    canonical: str
    aliases: list[str] = Field(default_factory=list, description="Every other surface form seen, canonical excluded.")
    label: str | None = None


class ArticleFacts(BaseModel):
    """The facts of one article."""

    path: str
    title: str | None = None
    published: dt.date | None = None
    text: str = Field(description="The cleaned text the offsets point into.")
    mentions: list[Mention] = Field(default_factory=list)
    clusters: list[Cluster] = Field(default_factory=list)

    def cluster_of(self, canonical: str, kind: str | None = None) -> Cluster | None:
        for cluster in self.clusters:
            if cluster.canonical == canonical and (kind is None or cluster.kind == kind):
                return cluster
        return None
