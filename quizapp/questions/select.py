"""Stage 4, select: fill the deck to its target size with the best candidates, spread out.

Candidates come ranked best first. We keep one card per fact and per sentence (a sentence may give
a second card of another fact, at a good estimate, once every stretch has had its share; the two are
siblings that a study session asks on different days), never two near-identical questions nor both ends of one link,
and spread the deck over the article:
a first pass caps each stretch of the article and each form, a second pass fills what is
left with the best remaining candidates. Nothing under the ranker's bar is kept, except
that an article of some length gets a few cards rather than none (and the report says so).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from quizapp.questions.filters import is_near_duplicate
from quizapp.questions.model import Candidate, Form, GenerationReport, Outcome, Stage
from quizapp.wording import plural, with_article

CARDS_PER_1000_WORDS = 15
MIN_DEFAULT_CARDS = 4  # a short item (150-250 words) has a handful of facts worth asking, not more
MAX_DEFAULT_CARDS = 150
#: One card per answer in the first pass: a deck that asks "Kim Jong-un" twice teaches one name twice. The second
#: pass may ask an answer once more, for another fact and at this estimate or more: on cross-fitted dev decks
#: (2026-12-04) such cards were accepted 47 times in 53 judged (73 added; the 18 they displaced, 13 of 17).
MAX_PER_ANSWER = 2
REPEAT_ANSWER_SCORE = 0.6
#: A sentence may give a second card (of another fact), in the second pass only. The two are siblings: a study
#: session asks one of them a day.
MAX_PER_SENTENCE = 2
#: ... and only at this estimate or more, whatever the form's bar: on dev judgments second cards of a sentence
#: were accepted 28 times in 35 at 0.6 or more and 5 times in 10 below it (a sentence's best fact is taken first;
#: what is left is more often a side detail). Second cards first needed a sentence of 20 words or more; measured
#: on cross-fitted dev decks (2026-12-04), second cards of any sentence at 0.55 or more added 102 cards, 66 of
#: the 83 judged acceptable (80%), and displaced 16 (7 of 15). At 0.5 with a third card per sentence the next 96
#: were accepted 40 times in 65 (62%) and displaced 40 better ones (25 of 37), so it stops here.
SECOND_CARD_SCORE = 0.55
#: A cloze shown after the sentence before it (a passage: "He was elected ..." after the sentence naming him) is
#: not kept in a deck. Judged on dev decks of 2026-12-05 (rounds r92-r95, packets full of passages) they were
#: accepted 173 times in 272 and kept only at an estimate of 0.75; but on the held-out decks 19 of the first 41
#: were accepted, and in the first-meeting rounds that followed (r96-r100, fresh judges, a passage here and there
#: among single sentences) 1 in 18: judges hold a cloze to "one whole, clean sentence" (rubric point 1) and fail
#: two. Passages are still made, so --explain shows what the sentence before would have answered, and one may be
#: the last resort of an article of MIN_WORDS_FOR_A_FORCED_CARD words that would otherwise get no card.
PASSAGES_IN_DECKS = False
#: Words per stretch of the article that the first pass fills evenly.
WORDS_PER_STRETCH = 300
#: In the first pass no form takes more than this share of the deck.
MAX_FORM_SHARE = 0.7
#: An article this long never gets an empty deck: its best candidates are kept down to FLOOR_SCORE
#: (the report says so), and at least the best one whatever its estimate. Below it an item is a caption
#: or a blurb, not an article.
MIN_WORDS_FOR_A_DECK = 60
#: ... but only an article of this many words gets that one card whatever its estimate; a shorter item gets
#: floor cards at FLOOR_SCORE or more, or none and the report's reason (dev decks of short pages held 12 such
#: cards under 0.4, 4 of them judged acceptable).
MIN_WORDS_FOR_A_FORCED_CARD = 400
#: Measured on dev judgments: cards the floor kept at an estimate of 0.4 or more were accepted 13 times in 17
#: (76%, as often as cards above their bar), those below it 2 times in 9. With more judgments (2026-12-06) cards
#: of cross-fitted dev decks under 0.5 were accepted 56% of the time (278): the floor's score is the ranker's
#: lowest bar (train_ranker.BARS), even odds.
FLOOR_SCORE = 0.5
#: The soft checks whose candidates may fill the floor: on dev decks (2026-12-05, 252 articles) the floor's cards
#: that failed only these were accepted about as often as the deck's others (asides 29 of 39, a sentence naming
#: nothing else 15 of 20; the deck 1,138 of 1,509, 75%). A candidate failing any other soft check is the floor's
#: last resort, taken only when nothing else would keep an article of MIN_WORDS_FOR_A_FORCED_CARD words from an
#: empty deck, and then only one: an uncertain kind 41 of 71, a side detail 31 of 51, a long sentence 14 of 23,
#: "the film" 8 of 17, a sentence leaning on the one before 0 of 2.
FLOOR_SOFT_CHECKS = frozenset({"cloze_asides", "cloze_lone_fact"})


def default_max_cards(words: int) -> int:
    """A sensible deck size for an article of ``words`` words."""
    return max(MIN_DEFAULT_CARDS, min(MAX_DEFAULT_CARDS, math.ceil(words * CARDS_PER_1000_WORDS / 1000)))


@dataclass
class _Tally:
    facts: set[str]
    sentences: dict[str, int]
    answers: dict[str, int]
    forms: dict[Form, int]
    stretches: dict[int, int]


def needs_floor(kept: int, words: int) -> bool:
    """Whether an article of ``words`` words with ``kept`` cards over the bar gets the best below it too."""
    return words >= MIN_WORDS_FOR_A_DECK and kept < MIN_DEFAULT_CARDS


def select(
    ranked: list[Candidate],
    limit: int,
    words: int,
    threshold: float | Callable[[Candidate], float],
    report: GenerationReport | None = None,
    reserve: list[Candidate] | None = None,
    floor: bool = True,
) -> list[Candidate]:
    """The best ``limit`` candidates of one article, without duplicates, in article order.

    ``threshold`` is the bar, one number or one per candidate (the ranker's bar for its form and kind).

    ``reserve`` (candidates that failed only a soft check) may fill the floor when too few pass; without
    ``floor`` (a bar the user set) nothing under the bar is kept."""
    stretches = max(1, round(words / WORDS_PER_STRETCH))
    per_stretch = math.ceil(limit / stretches) + 1
    per_form = max(2, math.ceil(limit * MAX_FORM_SHARE))
    tally = _Tally(set(), {}, {}, {}, {})
    kept: list[Candidate] = []
    why: dict[int, tuple[str, str]] = {}

    def stretch_of(cand: Candidate) -> int:
        return min(stretches - 1, int(cand.position * stretches))

    def blocked(cand: Candidate, first_pass: bool) -> tuple[str, str] | None:
        if cand.fact_key in tally.facts:
            return ("same_fact", "the fact is already asked")
        asked = tally.sentences.get(cand.sentence_key, 0)
        if asked and (first_pass or asked >= MAX_PER_SENTENCE or cand.score < SECOND_CARD_SCORE):
            return ("same_sentence", "the sentence already has a card")
        answered = tally.answers.get(cand.answer_key, 0)
        if answered >= MAX_PER_ANSWER or (answered and (first_pass or cand.score < REPEAT_ANSWER_SCORE)):
            return ("answer_repeats", "its answer is already asked")
        # Two cards of one sentence read alike but ask different facts (the sentence rule above bounds them).
        if any(is_near_duplicate(cand.own_shown, k.own_shown) for k in kept if k.sentence_key != cand.sentence_key):
            return ("near_duplicate", "nearly the same wording as a kept card")
        if first_pass and tally.stretches.get(stretch_of(cand), 0) >= per_stretch:
            return ("spread", "its part of the article already has its share of cards")
        if first_pass and tally.forms.get(cand.form, 0) >= per_form:
            return ("form_mix", f"the deck already has its share of {cand.form.value} cards")
        return None

    def keep(cand: Candidate) -> None:
        kept.append(cand)
        tally.facts.add(cand.fact_key)
        tally.sentences[cand.sentence_key] = tally.sentences.get(cand.sentence_key, 0) + 1
        tally.answers[cand.answer_key] = tally.answers.get(cand.answer_key, 0) + 1
        tally.forms[cand.form] = tally.forms.get(cand.form, 0) + 1
        tally.stretches[stretch_of(cand)] = tally.stretches.get(stretch_of(cand), 0) + 1

    form_bar = threshold if callable(threshold) else (lambda _c: threshold)

    def two_sentences(cand: Candidate) -> bool:
        return bool(cand.evidence.get("leans_back")) and not PASSAGES_IN_DECKS

    for cand in ranked:
        if two_sentences(cand):
            why[id(cand)] = ("two_sentences", "a passage of two sentences: judges hold a cloze to one sentence")
    good = [c for c in ranked if c.score >= form_bar(c) and not two_sentences(c)]
    for first_pass in (True, False):
        for cand in good:
            if len(kept) >= limit:
                break
            if any(cand is k for k in kept):
                continue
            problem = blocked(cand, first_pass)
            if problem is None:
                keep(cand)
            else:
                why[id(cand)] = problem
    floor_used = False
    if floor and needs_floor(len(kept), words):
        reserved = {id(c) for c in reserve or []}

        def last_resort(cand: Candidate) -> bool:
            # A wh-question under its closed bar is one too: the floor's wh cards were accepted 35 times in 68 on
            # dev decks (2026-12-06), its clozes as often as the deck's others.
            return cand.form is Form.WH or (
                id(cand) in reserved and cand.evidence.get("soft_fail") not in FLOOR_SOFT_CHECKS
            )

        for cand in sorted([*ranked, *(reserve or [])], key=lambda c: (two_sentences(c), last_resort(c), -c.score)):
            # Below the floor's score or a last resort only to avoid an empty deck: one card, the best there is
            # (a passage of two sentences only then, after every single sentence).
            weak = cand.score < FLOOR_SCORE or last_resort(cand) or two_sentences(cand)
            if len(kept) >= MIN_DEFAULT_CARDS or (weak and (kept or words < MIN_WORDS_FOR_A_FORCED_CARD)):
                break
            if all(cand is not k for k in kept) and blocked(cand, False) is None:
                keep(cand)
                floor_used = True
    if report is not None:
        kept_ids = {id(c) for c in kept}
        for cand in ranked:
            if id(cand) in kept_ids:
                continue
            if cand.score < form_bar(cand) and not two_sentences(cand):
                report.add(
                    cand,
                    Outcome.RANKED_LOW,
                    Stage.RANK,
                    "below_bar",
                    f"estimated {cand.score:.2f} < {form_bar(cand):.2f} that judges accept {with_article(cand.form.value)} "
                    f"about {with_article(cand.kind)}",
                )
            else:
                check, reason = why.get(id(cand), ("deck_full", f"the deck reached its {limit} cards"))
                report.add(cand, Outcome.NOT_SELECTED, Stage.SELECT, check, reason)
        if floor_used:
            report.notes[kept[0].source] = (
                f"only {plural(len(kept), 'card')}: few candidates reach the bar, so the best below it were kept"
            )
    return sorted(kept, key=lambda c: (c.position, c.shown))
