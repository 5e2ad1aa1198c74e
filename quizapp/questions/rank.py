"""Stage 3, rank: the learned estimate that a candidate makes an acceptable card.

The model is a logistic regression over :func:`~quizapp.questions.features.features`,
trained by ``benchmarks/train_ranker.py`` from blind judgments of candidates on the
development part of the corpus (``benchmarks/judgments/``). Its weights ship as
``data/ranker.json``; scoring is a dot product, so nothing heavier than the standard
library runs at generation time.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Any

from quizapp.questions.features import features
from quizapp.questions.model import Candidate, Form

#: Below this estimate a candidate is not worth a card even when the deck has room.
DEFAULT_THRESHOLD = 0.5
#: The bar the trainer gives a group whose candidates reach its precision target at no bar: closed, nothing of it
#: is kept unless an article would otherwise have too few cards.
CLOSED_BAR = 0.99


@functools.cache
def model() -> dict[str, Any]:
    text = resources.files("quizapp.questions").joinpath("data/ranker.json").read_text(encoding="utf-8")
    return json.loads(text)


def threshold() -> float:
    """The bar for a candidate of a form and kind the model has no bar of its own for."""
    return float(model().get("threshold", DEFAULT_THRESHOLD))


def bar_for(cand: Candidate) -> float:
    """The estimate a candidate must reach: its form and kind's bar ("cloze:date"), set by the trainer from
    cross-validated precision on dev judgments, else the general one."""
    return float(model().get("bars", {}).get(f"{cand.form.value}:{cand.kind}", threshold()))


def form_closed(form: Form) -> bool:
    """Whether the model closed every fact kind of ``form`` (its candidates only ever fill a near-empty deck)."""
    bars: dict[str, float] = model().get("bars", {})
    groups = [bar for group, bar in bars.items() if group.split(":")[0] == form.value]
    return bool(groups) and all(bar >= CLOSED_BAR for bar in groups)


def estimate(cand: Candidate) -> float:
    """The probability, by the learned model, that blind judges accept the candidate's card."""
    m = model()
    weights: dict[str, float] = m["weights"]
    x = features(cand)
    z = float(m["intercept"]) + sum(weights.get(name, 0.0) * value for name, value in x.items())
    return 1.0 / (1.0 + math.exp(-z))


def rank(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with their ``score`` set, best first (ties in article order)."""
    for cand in candidates:
        cand.score = estimate(cand)
    return best_first(candidates)


def best_first(candidates: list[Candidate]) -> list[Candidate]:
    """Scored candidates in rank order: merging two ranked lists this way ranks them as one."""
    return sorted(candidates, key=lambda c: (-c.score, c.position, c.shown))
