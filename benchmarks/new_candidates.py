"""Judging packets of only the candidates a change adds, to measure a check or a rewrite before it ships.

    python benchmarks/new_candidates.py dump SPLIT KEYS.json          # before the change: every verified candidate
    python benchmarks/new_candidates.py export SPLIT KEYS.json DIR K  # after it: the new ones not yet judged

``export`` writes the packets in ``corpus_eval.py export``'s layout (``items.json``, ``packet-N.md``,
``articles/``), so ``corpus_eval.py ingest SPLIT DIR`` files the verdicts; judges get ``judge_prompt.md``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def verified(split: str):
    """(entry, article, pool, scope, candidates) per article of the split."""
    import corpus_eval as ce

    from quizapp.questions.generate import article_scopes, candidates_of
    from quizapp.questions.model import GenerationReport

    for entry, path in ce.entries(split):
        articles, pairs = ce.parse([path])
        _sources, pool, scopes = article_scopes(articles, pairs)
        yield entry, articles[0], pool, scopes[0], candidates_of(scopes[0], GenerationReport())


def key_of(entry: dict, cand) -> str:
    return f"{entry['id']}|{cand.key}:{cand.form.value}"


def export(split: str, base: set[str], out: Path, judges: int) -> None:
    import corpus_eval as ce

    from quizapp.questions.candidates import event_year
    from quizapp.questions.cards import make_card
    from quizapp.questions.generate import DEFAULT_TYPES
    from quizapp.questions.verify import also_true

    judged = ce.judgments(split)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    items = []
    for entry, article, pool, scope, cands in verified(split):
        for i, cand in enumerate(cands):
            if key_of(entry, cand) in base:
                continue
            cand.excluded = also_true(cand, scope.corpus)
            cand.event_year = event_year(cand.mention, scope.facts)
            card = make_card(cand, pool, i, DEFAULT_TYPES, 0)
            if card is None or card.card_id in judged:
                continue
            items.append(ce.packet_item(entry["id"], card, cand))
            (out / "articles" / f"{entry['id']}.txt").write_text(article.text)
    random.Random(5).shuffle(items)
    ce.write_packets(items, out, judges)
    print(f"{len(items)} new candidates in {judges} packets under {out}")


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[1] not in {"dump", "export"} or (argv[1] == "export" and len(argv) != 6):
        print(__doc__, file=sys.stderr)
        return 2
    mode, split, keys_file = argv[1], argv[2], Path(argv[3])
    if mode == "dump":
        keys = [key_of(entry, c) for entry, _a, _p, _s, cands in verified(split) for c in cands]
        keys_file.write_text(json.dumps(keys))
        print(f"{len(keys)} candidate keys in {keys_file}")
        return 0
    export(split, set(json.loads(keys_file.read_text())), Path(argv[4]), int(argv[5]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
