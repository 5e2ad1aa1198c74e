"""Ranking candidates and keeping the best, with variety.

A deck is better with fewer, cleaner, more varied questions than with every
question the templates can make: we score each candidate, then walk them from
the best down, skipping near-duplicates (same fact, same sentence, or nearly
the same wording) and capping how often one answer or one sentence is asked.
Facts worth remembering (dates, numbers, firsts, records, outcomes) rank above
trivial ones ("Which city did X depart?"), which are dropped outright.
"""

from __future__ import annotations

import math
import re
from typing import Protocol

from quizapp.questions.filters import is_near_duplicate

#: How much each question shape is worth: a clean wh-question about the subject or
#: a prepositional phrase reads best; "How many" questions test a number worth knowing.
PATTERN_SCORE = {"subject": 3.0, "prep": 3.0, "how_many": 3.0, "object": 2.6, "time": 2.6}
KIND_SCORE = {"date": 0.5, "number": 0.4, "place": 0.3, "organization": 0.3, "person": 0.2}
IDEAL_STEM_WORDS = 12
MAX_PER_ANSWER = 2
MAX_PER_SENTENCE = 2
CARDS_PER_1000_WORDS = 15
MIN_DEFAULT_CARDS = 4  # a short item (150-250 words) has a handful of facts worth asking, not more
MAX_DEFAULT_CARDS = 40


class Rankable(Protocol):
    question: str
    pattern: str
    kind: str
    answer: str
    answer_key: str
    sentence_key: str
    position: float  # 0 at the start of the article, 1 at the end


def default_max_cards(words: int) -> int:
    """A sensible deck size for an article of ``words`` words."""
    return max(MIN_DEFAULT_CARDS, min(MAX_DEFAULT_CARDS, math.ceil(words * CARDS_PER_1000_WORDS / 1000)))


#: Words that make a fact worth remembering: firsts, records, superlatives, outcomes.
NOTABLE = re.compile(
    r"\b(first|only|last|highest|largest|biggest|longest|oldest|youngest|most|record|since|"
    r"won|win|wins|defeat(?:ed)?|elected|founded|established|killed|died|arrested|sentenced|signed|"
    r"defect(?:ed)?|highest-ranking|best|worst|\w+est)\b", re.I)
#: Comings and goings: "Which city did X depart?" is true but hardly worth a card.
MOVEMENT = re.compile(r"\b(depart|departed|leave|left|arrive|arrived|return|returned|travel|traveled|travelled|"
                      r"fly|flew|go|went|come|came|head|headed)\b", re.I)
#: Candidates scoring below this are not worth a card even when the deck has room.
MIN_WORTH = 1.5


def score(candidate: Rankable) -> float:
    words = len(candidate.question.split())
    value = PATTERN_SCORE.get(candidate.pattern, 2.0) + KIND_SCORE.get(candidate.kind, 0.0)
    value -= 0.06 * abs(words - IDEAL_STEM_WORDS)
    value += 0.4 * (1.0 - candidate.position)  # the lead of a news article holds its main facts
    value += worth(candidate)
    return value


def worth(candidate: Rankable) -> float:
    """How much the fact is worth knowing, beyond its shape: a first or a record is, a trip is not."""
    mention = getattr(candidate, "mention", None)
    sentence = getattr(mention, "sentence", "") or ""
    value = 0.0
    if NOTABLE.search(candidate.question) or (candidate.kind in {"date", "number"} and NOTABLE.search(sentence)):
        value += 0.5
    if candidate.kind == "place" and MOVEMENT.search(candidate.question) and len(candidate.question.split()) <= 9:
        value -= 2.0  # a bare departure or arrival, nothing else asked
    return value


def _asks_the_other_way(a: Rankable, b: Rankable) -> bool:
    """Whether two questions of one sentence test the same link from both ends.

    "In what year did X first travel to Cuba?" (2015) and "Who first traveled to Cuba
    in 2015?" (X) each give the other's answer away and teach one fact twice.
    """
    return a.answer.casefold() in b.question.casefold() or b.answer.casefold() in a.question.casefold()


def select(candidates: list[Rankable], limit: int) -> list[Rankable]:
    """The best ``limit`` candidates, without duplicates, in article order."""
    ranked = sorted(candidates, key=lambda c: (-score(c), c.sentence_key, c.question))
    kept: list[Rankable] = []
    per_answer: dict[str, int] = {}
    per_sentence: dict[str, int] = {}
    for cand in ranked:
        if len(kept) >= limit:
            break
        if score(cand) < MIN_WORTH:
            break  # ranked best first: the rest are no better
        if per_answer.get(cand.answer_key, 0) >= MAX_PER_ANSWER:
            continue
        if per_sentence.get(cand.sentence_key, 0) >= MAX_PER_SENTENCE:
            continue
        if any(is_near_duplicate(cand.question, k.question) for k in kept):
            continue
        if any(k.sentence_key == cand.sentence_key and _asks_the_other_way(cand, k) for k in kept):
            continue
        kept.append(cand)
        per_answer[cand.answer_key] = per_answer.get(cand.answer_key, 0) + 1
        per_sentence[cand.sentence_key] = per_sentence.get(cand.sentence_key, 0) + 1
    return sorted(kept, key=lambda c: (c.position, c.question))
