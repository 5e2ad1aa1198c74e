"""The last step: a selected candidate becomes a card of one of the requested types.

A cloze candidate becomes a cloze card (its blank says what it is: "year", "city");
a wh-candidate becomes multiple choice, typed or true/false in a rotating order, the
first type the fact supports. Random choices are seeded by the seed and the candidate's
own key, so the same input always gives the same deck.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence

from pydantic import ValidationError

from quizapp.deck.model import (
    AnyCard,
    ClozeCard,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    TrueFalseCard,
    TypedCard,
)
from quizapp.questions import distractors as dist
from quizapp.questions.candidates import money_unit
from quizapp.questions.filters import stem_problem
from quizapp.questions.model import Candidate, Form
from quizapp.questions.quality import copies_source
from quizapp.questions.verify import MOVEMENT, RELOCATION
from quizapp.vocabulary import NAME_KINDS


def slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug or "article"


def _rng(seed: int, *parts: object) -> random.Random:
    basis = "\x1f".join([str(seed), *map(str, parts)])
    return random.Random(int.from_bytes(hashlib.sha256(basis.encode()).digest()[:8], "big"))


def _card_id(source: str, kind: str, text: str) -> str:
    digest = hashlib.sha1(f"{kind}\n{text}".encode()).hexdigest()[:10]
    return f"{slug(source)[:24]}-{digest}"


def _distractors_for(cand: Candidate, pool: list[dist.PoolEntry], seed: int, purpose: str) -> list[str] | None:
    answer = dist.Answer(
        kind=cand.kind,
        canonical=cand.answer,
        aliases=tuple([cand.mention.text, *cand.aliases]),
        value=cand.mention.value,
        category=cand.category,
        excluded={
            e for e in cand.excluded if e.casefold() not in {cand.answer.casefold(), cand.mention.text.casefold()}
        },
        stem=cand.question,
        year=cand.year,
        event_year=cand.event_year,
    )
    if cand.kind == "number":
        unit = money_unit(cand.mention)
        answer.canonical = cand.answer[: len(cand.answer) - len(unit)] if unit else cand.answer
        answer.value = cand.mention.value
        answer.granularity = cand.mention.granularity
        wrong = dist.pick_distractors(answer, pool, _rng(seed, cand.key, purpose))
        return [w + unit for w in wrong] if wrong else None
    return dist.pick_distractors(answer, pool, _rng(seed, cand.key, purpose))


def _true_false_statement(cand: Candidate, pool: list[dist.PoolEntry], seed: int) -> tuple[str, bool] | None:
    """A statement of the fact, made false half the time by swapping in another value of the article."""
    template = cand.transformed.template
    if "{answer}" not in template or stem_problem(template.replace("{answer}", "Xq Xq"), [], subject_bound=True):
        return None
    shown_in_place = cand.mention.text
    if cand.kind == "date":
        # Only absolute dates after "in"/"on" can be swapped ("in 1959" -> "in 1961").
        if not re.search(r"\b(in|on|since)\s+\{answer\}", template) or not re.search(r"\d{4}", cand.mention.text):
            return None
        shown_in_place = cand.answer
    if cand.kind == "number":
        if not any(ch.isdigit() for ch in cand.transformed.answer_text):
            return None
        shown_in_place = cand.transformed.answer_text
    if cand.kind in NAME_KINDS:
        shown_in_place = cand.mention.text if cand.pattern != "subject" else cand.answer
    if cand.kind == "place" and (MOVEMENT.search(template) or RELOCATION.search(template)):
        return None  # people move more than once: another place the article names may be true as well
    if template.startswith("{answer}") and re.search(rf"\b[Tt]he {re.escape(shown_in_place)}", cand.mention.sentence):
        shown_in_place = f"The {shown_in_place}"  # "The Museum of Old and New Art opened ..."
    true_text = template.replace("{answer}", shown_in_place)
    # A false statement swaps in a value the same article states elsewhere (so the article alone
    # decides it), never one it also asserts here. Both versions must exist, so whether a card is
    # true says nothing about which facts make statements.
    excluded = {e.casefold() for e in cand.excluded}
    swaps = [
        w
        for w in cand.swaps
        if _without_the(w).casefold() not in excluded and _without_the(w).casefold() not in template.casefold()
    ]
    if not swaps or copies_source(true_text, cand.mention.sentence):
        return None
    if _rng(seed, cand.key, "tf").random() < 0.5:
        return true_text, True
    return _in_place(template, _rng(seed, cand.key, "swap").choice(swaps)), False


def _without_the(name: str) -> str:
    return name[4:] if name[:4].casefold() == "the " else name


def _in_place(template: str, value: str) -> str:
    """The template with ``value`` for its answer, the article before it as the value takes one ("died in the
    {answer}" with "Canada" is "died in Canada"; "through {answer}" with "the Federal Reserve" keeps its "the")."""
    the_before = re.search(r"\b[Tt]he \{answer\}", template)
    if the_before and value[:4].casefold() == "the ":
        value = value[4:]  # the sentence gives it already
    elif the_before:
        template = template[: the_before.start()] + "{answer}" + template[the_before.end() :]
    elif value[:4] == "the " and template.startswith("{answer}"):
        value = "The " + value[4:]
    text = template.replace("{answer}", value)
    return text[:-1] if text.endswith("..") else text  # "born in L.A." ends the statement itself


def make_card(
    cand: Candidate, pool: list[dist.PoolEntry], index: int, types: Sequence[str], seed: int
) -> AnyCard | None:
    """The card for a candidate: the first type in a rotating order that the fact supports, or None."""
    try:
        return _make_card(cand, pool, index, types, seed)
    except ValidationError:
        # A card the deck model refuses (a cloze left without its blank) is one candidate's fault: it is
        # skipped, never the reason a whole article's deck fails.
        return None


def _make_card(
    cand: Candidate, pool: list[dist.PoolEntry], index: int, types: Sequence[str], seed: int
) -> AnyCard | None:
    rng = _rng(seed, cand.key, "type")
    order = list(types)
    if cand.kind in {"date", "number"} and "typed" in order and "multiple_choice" in order:
        # A year or a count is asked typed: among four ordered numbers any position of the answer reads as a tell
        # to a strict reader (the latest, the middle), and typing it back is the better test anyway.
        order.remove("multiple_choice")
    if cand.form is Form.WH and len(order) > 1:
        # A wh-candidate's statement is a trimmed clause, not a sentence of the article: a cloze is made of one
        # only when nothing but clozes was asked for.
        order = [t for t in order if t != "cloze"]
    shift = (index + rng.randrange(len(order))) % len(order) if order else 0
    order = order[shift:] + order[:shift]
    m = cand.mention
    fact = FactRef(
        kind=cand.kind,
        canonical=m.canonical if cand.kind in NAME_KINDS else (m.value or m.canonical),
        value=m.value,
        aliases=cand.aliases if cand.kind in NAME_KINDS else [a for a in cand.accept if a != m.value],
    )
    # A cloze shown after the sentence before it came from both: the provenance gives the passage.
    prov = Provenance(source=cand.source, sentence=cand.source_text, start=m.start, end=m.end, fact=fact)
    tags = [cand.kind, cand.transformed.wh.replace(" ", "-")]
    # The source sentence travels in the provenance and is shown beside every answer;
    # repeating it as the explanation would only print it twice.
    explanation = None
    if cand.form is Form.CLOZE and "cloze" not in types:
        # The sentence with its blank is the question of any other type asked for: four choices to fill it, or
        # the blank typed in. Never a true/false: the true statement would be the article's sentence verbatim.
        return _cloze_as_question(cand, pool, [t for t in order if t in {"multiple_choice", "typed"}], seed, prov)
    if cand.form is Form.CLOZE:
        if "{answer}" not in cand.transformed.template:
            return None  # no blank to make: never a card that fails validation (and with it the whole deck)
        hint = f"::{cand.hint}" if cand.hint else ""
        text = cand.transformed.template.replace("{answer}", "{{c1::" + cand.transformed.answer_text + hint + "}}")
        return ClozeCard(
            id=_card_id(cand.source, "cloze", text),
            text=text,
            tags=[cand.kind, "cloze"],
            explanation=None,
            provenance=prov,
        )
    for card_type in order:
        if card_type in {"multiple_choice", "typed"}:
            card = _choice_or_typed(card_type, cand, pool, seed, prov, tags)
            if card is None:
                continue
            return card
        if card_type == "true_false":
            made = _true_false_statement(cand, pool, seed)
            if made is None:
                continue
            statement, truth = made
            return TrueFalseCard(
                id=_card_id(cand.source, card_type, statement),
                statement=statement,
                answer=truth,
                tags=tags,
                explanation=None if truth else f"False: the article gives {cand.answer}.",
                provenance=prov,
            )
        if card_type == "cloze":
            template = cand.transformed.template
            if "{answer}" not in template:
                continue
            text = template.replace("{answer}", "{{c1::" + cand.transformed.answer_text + "}}")
            return ClozeCard(
                id=_card_id(cand.source, card_type, text),
                text=text,
                tags=tags,
                explanation=explanation,
                provenance=prov,
            )
        if card_type == "flashcard":
            return Flashcard(
                id=_card_id(cand.source, card_type, cand.question),
                front=cand.question,
                back=cand.answer,
                tags=tags,
                explanation=explanation,
                provenance=prov,
            )
    return None


def _cloze_as_question(
    cand: Candidate, pool: list[dist.PoolEntry], order: list[str], seed: int, prov: Provenance
) -> AnyCard | None:
    """A cloze candidate as a multiple-choice or typed card: its sentence, blank shown, is the question."""
    name = cand.mention.canonical
    # "_____ departed Seoul": a short name among full-name choices would stand out, so the full name is the answer.
    answer = name if cand.kind == "person" and cand.answer in name.split() else cand.answer
    for card_type in order:
        card = _choice_or_typed(card_type, cand, pool, seed, prov, [cand.kind, "cloze"], answer)
        if card is not None:
            return card
    return None


def _choice_or_typed(
    card_type: str,
    cand: Candidate,
    pool: list[dist.PoolEntry],
    seed: int,
    prov: Provenance,
    tags: list[str],
    answer: str | None = None,
) -> AnyCard | None:
    """The candidate's question with four choices (None when no three distractors fit) or an answer to type."""
    answer = answer or cand.answer
    if card_type == "typed":
        return TypedCard(
            id=_card_id(cand.source, card_type, cand.question),
            question=cand.question,
            answer=answer,
            accept=[a for a in dict.fromkeys([cand.answer, *cand.accept]) if a != answer],
            tags=tags,
            provenance=prov,
        )
    wrong = [w for w in _distractors_for(cand, pool, seed, "mc") or [] if w.casefold() != answer.casefold()]
    if len(wrong) < 3:
        return None
    choices = [answer, *wrong[:3]]
    if cand.kind in {"number", "date"}:
        choices.sort(key=dist.order_key)  # the answer's rank was drawn at random
    else:
        _rng(seed, cand.key, "order").shuffle(choices)
    return MultipleChoiceCard(
        id=_card_id(cand.source, card_type, cand.question),
        question=cand.question,
        answer=answer,
        choices=choices,
        tags=tags,
        provenance=prov,
    )
