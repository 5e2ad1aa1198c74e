"""The model's attribute rules by lookup against spaCy's AttributeRuler: the same parse, and how much faster.

    python benchmarks/attribute_rules.py [dev|heldout|all] [--step N]

For every N-th corpus article (benchmarks/corpus), the text is run through the stock pipeline up to its
attribute ruler; then the stock ruler and ``quizapp.facts.attribute_rules.AttributeRulesByLookup`` each annotate
their own copy, and the rest of the pipeline (lemmatizer, entities) runs on both. Prints a table: articles,
tokens, tokens whose part of speech, tag, morphology, lemma, dependency, head or entity differ (must be 0), and
the seconds each ruler took (each timed on the same parsed copies, in alternating order).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", default="all", choices=["dev", "heldout", "all"])
    parser.add_argument("--step", type=int, default=1, help="every N-th article")
    args = parser.parse_args(argv[1:])

    import corpus_eval as ce
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    from quizapp.facts.attribute_rules import AttributeRulesByLookup
    from quizapp.facts.nlp import load_stock_nlp
    from quizapp.ingest import read_article

    nlp = load_stock_nlp()
    stock = nlp.get_pipe("attribute_ruler")
    lookup = AttributeRulesByLookup(stock)
    names = nlp.pipe_names
    before = [nlp.get_pipe(n) for n in names[: names.index("attribute_ruler")]]
    after = [nlp.get_pipe(n) for n in names[names.index("attribute_ruler") + 1 :]]
    columns = [POS, TAG, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]

    chosen = ce.entries(None if args.split == "all" else args.split)[:: args.step]
    tokens = differ = 0
    seconds = {"stock": 0.0, "lookup": 0.0}
    for n, (_entry, path) in enumerate(chosen):
        doc = nlp.make_doc(read_article(str(path)).text)
        for proc in before:
            doc = proc(doc)
        copies = {
            "stock": Doc(nlp.vocab).from_bytes(doc.to_bytes()),
            "lookup": Doc(nlp.vocab).from_bytes(doc.to_bytes()),
        }
        order = [("stock", stock), ("lookup", lookup)]
        for name, ruler in order if n % 2 == 0 else order[::-1]:
            t0 = time.perf_counter()
            ruler(copies[name])
            seconds[name] += time.perf_counter() - t0
        for name in copies:
            for proc in after:
                copies[name] = proc(copies[name])
        a, b = (copies[k].to_array(columns) for k in ("stock", "lookup"))
        tokens += len(doc)
        differ += int((a != b).any(axis=1).sum())
    print(f"{'part':8} {'articles':>8} {'tokens':>9} {'differ':>6} {'stock s':>8} {'lookup s':>8} {'faster':>6}")
    print(
        f"{args.split:8} {len(chosen):8d} {tokens:9d} {differ:6d} {seconds['stock']:8.2f} {seconds['lookup']:8.2f} "
        f"{seconds['stock'] / max(seconds['lookup'], 1e-9):5.1f}x"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
