"""Train the candidate ranker from blind judgments and write quizapp/questions/data/ranker.json.

    python benchmarks/train_ranker.py

Reads benchmarks/judgments/dev.jsonl (only the development part: held-out judgments are never
trained on), fits a logistic regression (scikit-learn) on the stored features of each judged
candidate, reports cross-validated precision at several bars, and writes the weights. Generation
itself only needs the weights (a dot product), not scikit-learn.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGMENTS = ROOT / "benchmarks" / "judgments" / "dev.jsonl"
OUT = ROOT / "quizapp" / "questions" / "data" / "ranker.json"
#: The bar is the lowest estimate whose cross-validated precision among candidates above it reaches this.
TARGET_PRECISION = 0.92  # over all judged candidates; see the closing note for the bar used
FALLBACK_BAR = 0.6  # when no bar reaches the target: measured on dev survivors, 74% cross-validated
C = 0.5  # inverse regularisation strength: a small data set, so keep the weights modest


def load() -> tuple[list[str], list[list[float]], list[int], list[str]]:
    rows = [json.loads(line) for line in JUDGMENTS.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r.get("features")]
    names = sorted({k for r in rows for k in r["features"]})
    x = [[float(r["features"].get(k, 0.0)) for k in names] for r in rows]
    y = [int(r["acceptable"]) for r in rows]
    groups = [r["article"] for r in rows]
    return names, x, y, groups


def main() -> int:
    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold, cross_val_predict
    except ImportError:
        print("scikit-learn is needed to train: pip install scikit-learn", file=sys.stderr)
        return 1
    names, x, y, groups = load()
    print(f"{len(y)} judged candidates from {len(set(groups))} articles, {sum(y)} acceptable ({sum(y) / len(y):.0%})")
    model = LogisticRegression(C=C, max_iter=2000)
    # Folds by article: the estimate is of articles the model has not seen.
    folds = min(5, len(set(groups)))
    prob = cross_val_predict(model, x, y, groups=groups, cv=GroupKFold(n_splits=folds), method="predict_proba")[:, 1]
    order = sorted(range(len(y)), key=lambda i: -prob[i])
    print(f"{'bar':>5} {'kept':>5} {'share':>6} {'precision':>9}")
    chosen_bar = 0.5
    best_bar = None
    for bar in (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85):
        kept = [i for i in order if prob[i] >= bar]
        if not kept:
            continue
        precision = sum(y[i] for i in kept) / len(kept)
        print(f"{bar:5.2f} {len(kept):5d} {len(kept) / len(y):6.0%} {precision:9.1%}")
        if best_bar is None and precision >= TARGET_PRECISION:
            best_bar = bar
    chosen_bar = best_bar if best_bar is not None else FALLBACK_BAR
    model.fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) > 1e-6}
    OUT.write_text(json.dumps({
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
        "threshold": chosen_bar,
        "trained_on": f"{len(y)} blind judgments of dev candidates ({JUDGMENTS.relative_to(ROOT)})",
    }, indent=1) + "\n")
    print(f"bar {chosen_bar}; weights written to {OUT.relative_to(ROOT)}")
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:12]
    print("strongest features: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
