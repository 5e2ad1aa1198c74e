"""Browse on a big deck: how soon the screen answers, and how long until every row is in the table.

Usage: python benchmarks/browse_scale.py [--cards 26704]

Runs the app headless at 80×24 on a generated deck (in a temporary folder), opens Browse
from home and measures, from the key press:

* until the Browse screen is up and taking keys (the deck is read in a worker meanwhile);
* until the first page of rows is in the table (the table holds a page at a time);
* for the next page, once the cursor reaches the end of the loaded rows (ctrl+end);
* for a search over every card (typing a card's number) to show its one match.

Prints a table of the timings.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from study_scale import make_deck  # noqa: E402

from quizapp.deck.yaml_io import save_deck  # noqa: E402
from quizapp.tui.app import QuizApp  # noqa: E402
from quizapp.tui.screens.browse import BrowseScreen  # noqa: E402


async def measure(cards: int) -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        deck_path = Path(folder) / "big.yaml"
        save_deck(make_deck(cards), deck_path)
        app = QuizApp(deck_paths=[deck_path], data_dir=Path(folder) / "data", show_bundled=False)
        async with app.run_test(size=(80, 24)) as pilot:
            while not app.screen.query("#decks") or app.screen.query_one("#decks").row_count == 0:
                await pilot.pause(0.05)
            start = time.perf_counter()
            await pilot.press("b")
            while not isinstance(app.screen, BrowseScreen):
                await pilot.pause(0.001)
            up = time.perf_counter() - start
            table = app.screen.query_one("#cards")
            while table.row_count == 0:
                await pilot.pause(0.005)
            first = time.perf_counter() - start
            await pilot.pause(0.5)  # settled
            loaded = table.row_count
            start = time.perf_counter()
            await pilot.press("ctrl+end")
            while table.row_count == loaded:
                await pilot.pause(0.001)
            await pilot.pause()
            next_page = time.perf_counter() - start
            await pilot.press("slash", *f"number {cards - 1}")
            start = time.perf_counter()
            await pilot.press("?")  # the last key of the search "number N?"
            while table.row_count != 1:
                await pilot.pause(0.001)
            await pilot.pause()
            search = time.perf_counter() - start
    return [
        ("screen up, taking keys", up),
        ("first page of rows shown", first),
        ("next page after ctrl+end", next_page),
        (f"search over all {cards:,} cards", search),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=26_704)
    args = parser.parse_args()
    rows = asyncio.run(measure(args.cards))
    width = max(len(name) for name, _ in rows)
    print(f"{'Browse, ' + format(args.cards, ',') + ' cards':<{width}}  seconds")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.2f}")


if __name__ == "__main__":
    main()
