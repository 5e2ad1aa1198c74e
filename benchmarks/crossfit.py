"""Cross-fitted dev decks: the honest development figure for the ranker and everything after it.

    python benchmarks/crossfit.py [--folds 5] [--target 0.55] [--out decks.json]

The shipped ranker is trained on every dev judgment, so the dev decks it makes are scored partly on the
very labels it learned from: an optimistic figure (80% on dev against 68% held-out on 2026-12-03). Here the
dev articles are split into folds; for each fold the ranker is trained exactly as train_ranker.py does,
on the other folds' judgments only, and the fold's default decks are generated with it. Every card is then
looked up in the stored blind judgments (latest verdict). Cards no judge has seen are counted apart.

This is what a change to the checks, the features, the trainer's settings or the selection should be
measured on before the held-out part: on 2026-12-03 it matched the held-out precision to within a point.
Needs scikit-learn (pip install -e '.[train]').
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--target", type=float, default=None, help="one group target precision for every form")
    parser.add_argument("--out", type=Path, default=None, help="write every card with its verdict here (JSON)")
    args = parser.parse_args(argv[1:])
    try:
        from sklearn.model_selection import GroupKFold
    except ImportError:
        print("scikit-learn is needed: pip install -e '.[train]'", file=sys.stderr)
        return 1
    import corpus_eval as ce
    import train_ranker as tr

    import quizapp.questions.rank as rank

    if args.target is not None:
        tr.TARGET_PRECISION = dict.fromkeys(tr.TARGET_PRECISION, args.target)
    rows = tr.load()
    alive = tr.survivors()
    verdicts = ce.all_judgments("dev")
    entries = ce.entries("dev")
    ids = [entry["id"] for entry, _path in entries]
    decks: dict[str, list[dict]] = {}
    shipped_model = rank.model
    try:
        for fold, (_train, test) in enumerate(GroupKFold(n_splits=args.folds).split(ids, groups=ids)):
            held = {ids[i] for i in test}
            model = tr.fit([r for r in rows if r["article"] not in held], alive, say=lambda *_a: None)
            rank.model = lambda model=model: model  # type: ignore[assignment,misc]
            for entry, path in entries:
                if entry["id"] not in held:
                    continue
                deck, report, _error = ce.generate_one(path)
                decks[entry["id"]] = []
                for card in deck.cards if deck else []:
                    made_from = report.made_from[card.card_id]
                    decks[entry["id"]].append(
                        {
                            "card_id": card.card_id,
                            "shown": ce.render(card),
                            "acceptable": (verdicts.get(card.card_id) or [None])[-1],
                            # the fold's estimate and group, to see what a bar would buy on decks, not candidates
                            "score": made_from.score,
                            "group": f"{made_from.form.value}:{made_from.kind}",
                        }
                    )
            print(f"fold {fold + 1}/{args.folds}: {len(held)} articles", file=sys.stderr)
    finally:
        rank.model = shipped_model  # type: ignore[method-assign]
    cards = [c for deck in decks.values() for c in deck]
    judged = [c["acceptable"] for c in cards if c["acceptable"] is not None]
    kinds: dict[str, list[int]] = {}
    for card in cards:
        kind = card["shown"].split("\n", 1)[0].removeprefix("Type: ")
        tally = kinds.setdefault(kind, [0, 0, 0])
        tally[0] += 1
        if card["acceptable"] is not None:
            tally[1] += 1
            tally[2] += int(card["acceptable"])
    print(f"{'cross-fitted dev decks':28} {'cards':>6} {'judged':>7} {'acceptable':>11}")
    for kind, (n, j, ok) in sorted(kinds.items(), key=lambda kv: -kv[1][0]):
        print(f"{kind:28} {n:6d} {j:7d} {ok / max(1, j):10.0%}")
    print(
        f"{'all':28} {len(cards):6d} {len(judged):7d} {sum(judged) / max(1, len(judged)):10.1%}"
        f"   ({len(decks)} articles, {len(cards) - len(judged)} cards not judged yet)"
    )
    if args.out:
        args.out.write_text(json.dumps(decks, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
