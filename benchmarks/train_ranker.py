"""Train the candidate ranker from blind judgments and write quizapp/questions/data/ranker.json.

    python benchmarks/train_ranker.py

Reads benchmarks/judgments/dev.jsonl (only the development part: held-out judgments are never
trained on) and fits a logistic regression (scikit-learn) on the stored features of each judged
candidate. Its cross-validated estimates (folds by article, so each estimate is of an article the
model has not seen) then set the bars: over the judged candidates that today's checks still let
through, one bar per form and fact kind ("cloze:date", "wh:place"), the lowest whose precision
reaches its form's TARGET_PRECISION on at least MIN_GROUP of them; a group that reaches it at no bar is
closed (rank.CLOSED_BAR: nothing of it is kept unless an article would be empty). Generation itself only needs the
weights and bars (a dot product), not scikit-learn.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
JUDGMENTS = ROOT / "benchmarks" / "judgments" / "dev.jsonl"
OUT = ROOT / "quizapp" / "questions" / "data" / "ranker.json"
#: The cross-validated precision a group's bar must reach, per form. Measured on 2026-12-03 with
#: benchmarks/crossfit.py: for clozes the bar buys no precision (cross-fitted dev decks stayed at 69-70%
#: acceptable from a 0.85 target down to 0.3, while they grew from 240 to 450 cards), so their bar only keeps
#: out what is clearly worse. Wh-questions opened the same way looked as good on dev (67% cross-fitted) but
#: were accepted 22 times in 57 on held-out (date questions 14 in 30 against 28 in 32 on dev): their rewrites
#: fit the articles they were built on, which no cross-validation of the ranker can see. They need 0.8, which
#: today no wh group reaches.
#: On 2026-12-03 (later), with the year_not_stated check and 273 more dev judgments, wh:date reached 0.82
#: cross-validated; the held-out wh date questions that pass every check were still accepted 17 times in 29
#: (counts only, no card read), so the gap between dev and unseen articles for wh rewrites stays about 20
#: points and the wh target rises to 0.85 rather than open a group on dev evidence alone.
TARGET_PRECISION = {"cloze": 0.55, "wh": 0.85}
MIN_GROUP = 8
#: A wh group opens only on more evidence: on 2026-12-04 wh:organization reached 0.85 on 8 candidates (7 accepted),
#: far too few given wh rewrites lose ~20 points from dev to unseen articles.
MIN_OPENING = {"cloze": MIN_GROUP, "wh": 25}
#: No bar under even odds. On 2026-12-06 the ranker had come to tell cards apart on new text (first meeting r109:
#: 86% of 81 cards at 0.7 or more accepted, 47% of 73 below), and in cross-fitted dev decks cards under 0.5 were
#: accepted 56% of the time (278): starting the bars at 0.5 (and the floor's score with them) took 7% of the cards
#: and raised the cross-fitted precision from 76.0% to 77.5%.
#: On 2026-12-06 (nineteenth session) the first meetings with new dev text (r116-r125, 1,211 cards judged the moment
#: their articles were drawn) put the odds under even again between 0.5 and 0.55: 46% of 63 cards (0.55-0.6: 59% of
#: 128); the bars start at 0.55 (dev decks 3% smaller, the first-meeting articles' decks 73.7% -> 74.7% accepted).
BARS = (0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
FALLBACK_BAR = 0.6  # for a group with too few judged candidates to say
C = 0.5  # inverse regularisation strength: a small data set, so keep the weights modest
#: Measured and let go on 2026-12-07 (twenty-fifth session): one model per fact kind (C 0.2 each, the pooled one for
#: a kind with fewer than 500 judged candidates). Cross-validated by article it ranked the surviving candidates better
#: (AUC 0.658 -> 0.673; the best 78% accepted 76.0% -> 76.7%), and cross-fitted dev decks swapped 723 cards (60.9%
#: of the judged acceptable) for 829 (61.3%); shipped for a test, it swapped 46 held-out cards (67% acceptable) for
#: 31 (42%, judged blind in r83). Whatever the model, the cards at the bar are accepted about 60% of the time.


def load() -> list[dict]:
    rows = [json.loads(line) for line in JUDGMENTS.read_text().splitlines() if line.strip()]
    return [r for r in rows if r.get("features")]


def group_of(row: dict) -> str:
    form = row.get("form") or ("cloze" if row["type"] == "cloze" else "wh")
    return f"{form}:{row['kind']}"


def survivors() -> set[str]:
    """Keys of the dev candidates that today's checks let through (article|key)."""
    import corpus_eval as ce

    from quizapp.questions.generate import article_scopes, candidates_of
    from quizapp.questions.model import GenerationReport

    keys = set()
    for entry, path in ce.entries("dev"):
        articles, pairs = ce.parse([path])
        _sources, _pool, scopes = article_scopes(articles, pairs)
        for cand in candidates_of(scopes[0], GenerationReport()):
            keys.add(f"{entry['id']}|{cand.key}:{cand.form.value}")
    return keys


def fit(rows: list[dict], alive: set[str], say=print) -> dict:
    """The ranker trained on ``rows`` (judged candidates with features): weights fitted on all of them, and
    one bar per group from their cross-validated estimates over the candidates in ``alive`` (those today's
    checks let through, as "article|key")."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    from quizapp.questions.rank import CLOSED_BAR

    names = sorted({k for r in rows for k in r["features"]})
    x = [[float(r["features"].get(k, 0.0)) for k in names] for r in rows]
    y = [int(r["acceptable"]) for r in rows]
    articles = [r["article"] for r in rows]
    say(f"{len(y)} judged candidates from {len(set(articles))} articles, {sum(y)} acceptable ({sum(y) / len(y):.0%})")
    model = LogisticRegression(C=C, max_iter=2000)
    prob = cross_val_predict(
        model, x, y, groups=articles, cv=GroupKFold(n_splits=min(5, len(set(articles)))), method="predict_proba"
    )[:, 1]
    idx = [i for i, r in enumerate(rows) if f"{r['article']}|{r.get('key')}" in alive]
    say(f"{len(idx)} of them pass today's checks, {sum(y[i] for i in idx) / max(1, len(idx)):.0%} acceptable")

    bars: dict[str, float] = {}
    say(f"{'group':22} {'judged':>6} {'bar':>5} {'kept':>5} {'precision':>9}")
    for group in sorted({group_of(rows[i]) for i in idx}):
        members = [i for i in idx if group_of(rows[i]) == group]
        chosen = None
        for bar in BARS:
            kept = [i for i in members if prob[i] >= bar]
            target = TARGET_PRECISION[group.split(":")[0]]
            enough = MIN_OPENING[group.split(":")[0]]
            if len(kept) >= enough and sum(y[i] for i in kept) / len(kept) >= target:
                chosen = (bar, len(kept), sum(y[i] for i in kept) / len(kept))
                break
        if chosen is None:
            few = len(members) < 2 * MIN_GROUP
            bars[group] = FALLBACK_BAR if few else CLOSED_BAR
            say(f"{group:22} {len(members):6d} {bars[group]:5.2f} {'-':>5} {'too few' if few else 'closed':>9}")
        else:
            bars[group] = chosen[0]
            say(f"{group:22} {len(members):6d} {chosen[0]:5.2f} {chosen[1]:5d} {chosen[2]:9.1%}")
    kept = [i for i in idx if prob[i] >= bars.get(group_of(rows[i]), FALLBACK_BAR)]
    say(
        f"all groups: {len(kept)} of {len(idx)} kept, cross-validated precision "
        f"{sum(y[i] for i in kept) / max(1, len(kept)):.1%}"
    )
    model.fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) > 1e-6}
    return {
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
        "threshold": FALLBACK_BAR,
        "bars": bars,
        "trained_on": f"{len(y)} blind judgments of dev candidates ({JUDGMENTS.relative_to(ROOT)})",
    }


def main() -> int:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("scikit-learn is needed to train: pip install -e '.[train]'", file=sys.stderr)
        return 1
    model = fit(load(), survivors())
    OUT.write_text(json.dumps(model, indent=1) + "\n")
    top = sorted(model["weights"].items(), key=lambda kv: -abs(kv[1]))[:12]
    print("strongest features: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
