"""Deck statistics for generated decks, and generation time against raw spaCy.

Usage: python benchmarks/deck_stats.py [ARTICLE ...]   (default: ../shared/articles/*.txt)

Prints, per article and for all together: cards per 1,000 words, the mix of card
types and question words, the share of answers found verbatim (or as an alias)
in the source sentence, how many answers appear in their own stem, and the time
to generate compared with running the raw spaCy pipeline over the same text.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import datetime as _dt  # noqa: E402

from quizapp.deck.model import ClozeCard, Deck  # noqa: E402

#: The blog article has no date of its own; the decks are generated with its newest post's date
#: as the default date (used only for articles that state none).
BLOG_DATE = _dt.date(2024, 7, 16)


def _answer_and_stem(card) -> tuple[str | None, str]:
    if isinstance(card, ClozeCard):
        return card.deletions()[0].answer, card.render(1)
    if card.type == "true_false":
        return None, card.statement
    if card.type == "flashcard":
        return card.back, card.front
    return card.answer, card.question


def deck_stats(deck: Deck, words: int) -> dict[str, object]:
    types = Counter(c.type for c in deck.cards)
    wh = Counter(
        next((t for t in c.tags if t not in {"person", "place", "organization", "date", "number"}), "-")
        for c in deck.cards
    )
    grounded = in_stem = with_answer = 0
    for card in deck.cards:
        answer, stem = _answer_and_stem(card)
        if answer is None:
            continue
        with_answer += 1
        prov = card.provenance
        forms = [answer]
        if prov and prov.fact:
            forms += prov.fact.aliases + ([prov.fact.value] if prov.fact.value else [])
        forms += getattr(card, "accept", [])
        sentence = (prov.sentence if prov else "") or ""
        if any(f and f.casefold() in sentence.casefold() for f in forms):
            grounded += 1
        if answer.casefold() in stem.casefold():
            in_stem += 1
    return {
        "cards": len(deck.cards),
        "per_1000_words": round(1000 * len(deck.cards) / max(1, words), 1),
        "types": dict(types),
        "question_words": dict(wh),
        "answer_in_sentence": round(grounded / with_answer, 2) if with_answer else None,
        "answer_in_stem": in_stem,
    }


REPEAT = 3


def main(argv: list[str]) -> None:
    from quizapp.facts.nlp import load_stock_nlp
    from quizapp.ingest import read_articles
    from quizapp.questions.generate import generate_deck

    paths = argv or sorted(str(p) for p in (ROOT.parent / "shared" / "articles").glob("*.txt"))
    nlp = load_stock_nlp()  # spaCy's pipeline as it ships: what ours is measured against
    nlp("warm up")
    # The first generation in a process also pays one-time loads (reference lists, dateparser);
    # it is timed on its own, and each deck's ratio is then the best of REPEAT runs of both sides.
    t0 = time.perf_counter()
    generate_deck(paths[:1], seed=0, default_date=BLOG_DATE)
    first = time.perf_counter() - t0
    rows = []
    for path in [*[[p] for p in paths], paths]:
        articles = read_articles(path)
        words = sum(len(a.text.split()) for a in articles)
        raw_times, gen_times = [], []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            for a in articles:
                nlp(a.text)
            raw_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            deck = generate_deck(path, seed=0, default_date=BLOG_DATE)
            gen_times.append(time.perf_counter() - t0)
        name = Path(path[0]).stem if len(path) == 1 else "all (merged)"
        rows.append((name, words, deck_stats(deck, words), min(raw_times), min(gen_times)))
    print(
        f"{'deck':<24} {'words':>6} {'cards':>5} {'/1k w':>6} {'in sent':>7} {'in stem':>7} {'spaCy s':>8} {'gen s':>6} {'ratio':>5}"
    )
    for name, words, st, raw, gen in rows:
        print(
            f"{name:<24} {words:>6} {st['cards']:>5} {st['per_1000_words']:>6} {st['answer_in_sentence']!s:>7} "
            f"{st['answer_in_stem']:>7} {raw:>8.2f} {gen:>6.2f} {gen / raw:>5.2f}"
        )
    print(
        f"(times are the best of {REPEAT}; the first generation in the process, with its one-time loads, took {first:.2f} s)"
    )
    for name, _w, st, _r, _g in rows:
        print(f"{name}: types {st['types']}; question words {st['question_words']}")


if __name__ == "__main__":
    main(sys.argv[1:])
