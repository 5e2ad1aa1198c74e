"""How long reading, validating and writing decks takes, by deck size.

Run: python benchmarks/deck_io.py   (prints a table; not part of the test suite)
"""

from __future__ import annotations

import time

from quizapp.deck.yaml_io import MAX_DECK_BYTES, dump_deck, parse_deck
from quizapp.errors import DeckError


def _deck_text(cards: int) -> str:
    lines = ["title: Benchmark", "cards:"]
    for i in range(cards):
        kind = i % 5
        if kind == 0:
            lines += [f"  - q: Question number {i}?", f"    a: Answer {i}", "    tags: [bench]"]
        elif kind == 1:
            lines += [
                f"  - q: Which is right for {i}?",
                f"    a: right {i}",
                f"    distractors: [wrong {i}, other {i}, third {i}]",
            ]
        elif kind == 2:
            lines += [f"  - statement: Statement {i} holds.", "    answer: true"]
        elif kind == 3:
            lines += [f"  - front: Front {i}", f"    back: Back {i}"]
        else:
            lines += [f"  - text: '{{{{c1::Cloze {i}}}}} is {{{{c2::here}}}}.'", "    explanation: why"]
    return "\n".join(lines) + "\n"


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"{'cards':>8} {'size':>9} {'parse+validate':>15} {'cards/s':>9} {'dump':>8}")
    for cards in (100, 1_000, 10_000, 50_000):
        text = _deck_text(cards)
        deck = parse_deck(text)
        t_parse = _time(lambda: parse_deck(text))
        t_dump = _time(lambda: dump_deck(deck), repeat=1)
        print(f"{cards:>8} {len(text) / 1e6:>8.2f}M {t_parse:>14.3f}s {cards / t_parse:>9.0f} {t_dump:>7.2f}s")

    bomb = "title: b\ncards:\n  - &a [" + ",".join(['"lol"'] * 9) + "]\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"  - &{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    deep = "title: d\ncards: " + "[" * 1_000_000 + "]" * 1_000_000
    oversized = "#" * (MAX_DECK_BYTES + 1)
    print()
    print(f"{'refused input':<32} {'time to refuse':>14}")
    for name, text in (
        ("billion laughs (9^9 values)", bomb),
        ("1,000,000 nested [", deep),
        ("10 MB + 1 byte of text", oversized),
    ):

        def refuse() -> None:
            try:
                parse_deck(text)
            except DeckError:
                return
            raise AssertionError(f"{name} was not refused")

        print(f"{name:<32} {_time(refuse) * 1000:>12.1f}ms")


if __name__ == "__main__":
    main()
