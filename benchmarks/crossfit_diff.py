"""Which cards two cross-fitted runs differ by, and how the judges took them.

    python benchmarks/crossfit_diff.py BEFORE.json AFTER.json

Both files come from ``crossfit.py --out``. Prints, for each run and for the cards new in AFTER and gone from
BEFORE: how many, how many judged, how many accepted, and the same by the fold's estimate (score bins), so a
change to the checks or the selection is read as "what it added, what it displaced".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 1.01))


def tally(name: str, cards: list[dict]) -> None:
    judged = [c for c in cards if c["acceptable"] is not None]
    ok = sum(c["acceptable"] for c in judged)
    print(f"{name}: {len(cards)} cards, {len(judged)} judged, {ok} accepted ({ok / max(1, len(judged)):.0%})")
    for low, high in BINS:
        inside = [c for c in cards if low <= (c.get("score") or 0.0) < high]
        seen = [c for c in inside if c["acceptable"] is not None]
        if inside:
            accepted = sum(c["acceptable"] for c in seen)
            print(f"   score {low:.1f}-{high:.1f}: {accepted}/{len(seen)} (+{len(inside) - len(seen)} unjudged)")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = (
        {c["card_id"]: c for deck in json.loads(Path(p).read_text()).values() for c in deck} for p in argv[1:]
    )
    tally("before", list(before.values()))
    tally("after", list(after.values()))
    tally("new in after", [c for k, c in after.items() if k not in before])
    tally("gone from before", [c for k, c in before.items() if k not in after])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
