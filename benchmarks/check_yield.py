"""What each verify check refuses, and how often blind judges accepted it: is a check worth the cards it costs?

    python benchmarks/check_yield.py [--split dev] [--every N]

Every article of the split is run through overgenerate, verify and rank as generation does. Each candidate that a
verify check refuses, and each that passes them all, is looked up in the stored blind judgments
(``benchmarks/judgments/``, latest verdict, matched by article and candidate key). The table gives, per check, how
many judged candidates it refuses today and the share judges accepted, beside the share for those that pass.
A check whose refused candidates are accepted about as often as those that pass costs yield and buys nothing.

Only verify checks are counted: the overgenerate stage refuses facts before a candidate (and its key) exists.
Runs in two processes, a few minutes for the dev part.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_eval as ce  # noqa: E402

#: The name the table gives the candidates no check refused.
PASSED = "(passes every check)"


def refusals(entry_and_path: tuple[dict[str, Any], Path]) -> tuple[str, list[tuple[str, str]]]:
    """(article id, [(candidate key, the verify check that refused it, or PASSED)])."""
    from quizapp.errors import QuizappError
    from quizapp.questions.generate import article_scopes, candidates_of
    from quizapp.questions.model import GenerationReport, Stage

    entry, path = entry_and_path
    found: list[tuple[str, str]] = []

    class Recorder(GenerationReport):
        def add(self, cand: Any, outcome: Any, stage: Any, check: str = "", reason: str = "") -> None:
            if stage is Stage.VERIFY and check:
                found.append((f"{cand.key}:{cand.form.value}", check))

    try:
        articles, pairs = ce.parse([path])
    except QuizappError:
        return entry["id"], []
    _sources, _pool, scopes = article_scopes(articles, pairs)
    for cand in candidates_of(scopes[0], Recorder()):
        found.append((f"{cand.key}:{cand.form.value}", PASSED))
    return entry["id"], found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "heldout"])
    parser.add_argument("--every", type=int, default=1, help="only every Nth article (a quicker look)")
    args = parser.parse_args(argv[1:])
    verdicts: dict[tuple[str, str], bool] = {}
    for row in ce.all_judgment_rows(args.split):
        if row.get("key"):
            verdicts[(row["article"], row["key"])] = bool(row["acceptable"])  # the latest verdict wins
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with Pool(2) as pool:
        for article, found in pool.imap(refusals, ce.entries(args.split)[:: args.every], chunksize=4):
            for key, check in found:
                verdict = verdicts.get((article, key))
                if verdict is not None:
                    counts[check][0] += 1
                    counts[check][1] += verdict
    print(f"{'check':30} {'judged':>7} {'accepted':>9}")
    for check, (judged, accepted) in sorted(counts.items(), key=lambda kv: (kv[0] != PASSED, -kv[1][0])):
        print(f"{check:30} {judged:7d} {accepted / judged:9.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
