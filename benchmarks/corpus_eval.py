"""Question generation measured on the evaluation corpus (benchmarks/corpus/manifest.yaml).

    python benchmarks/corpus_eval.py measure            # the table, dev and held-out apart
    python benchmarks/corpus_eval.py export SPLIT DIR   # blind judging packets (cards, sentences, articles)
    python benchmarks/corpus_eval.py ingest SPLIT DIR   # judges' answers -> benchmarks/judgments/SPLIT.jsonl

Committed articles are read from benchmarks/corpus/articles/; the others from a local snapshot of
the public repository the manifest names (/work/.mirror/<owner>+<name>/repo, or $QUIZAPP_MIRRORS),
where an entry with a `record` [line, source] is one source's text in a JSON-lines news dataset.
An article whose snapshot is not there is skipped with a note. Judgments are keyed by card id, so the table
says how many of today's cards were judged and how many are new since the last judging.

"gen s" and "spaCy s" are whole processes, each started fresh: generating every article's deck from its
file, against loading the spaCy pipeline and parsing the same texts; both pay the interpreter and the model load.
Each is timed twice, interleaved, and the faster run counts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "benchmarks" / "corpus"
JUDGMENTS = ROOT / "benchmarks" / "judgments"
CACHE = Path(os.environ.get("QUIZAPP_CORPUS_CACHE", "/tmp/quizapp-corpus"))
MIRRORS = Path(os.environ.get("QUIZAPP_MIRRORS", "/work/.mirror"))


def manifest() -> list[dict[str, Any]]:
    return yaml.safe_load((CORPUS / "manifest.yaml").read_text())


def article_path(entry: dict[str, Any]) -> Path | None:
    """A readable file for the entry, or None when its repository snapshot is not on this machine."""
    own = CORPUS / "articles" / f"{entry['id']}.md"
    if own.exists():
        return own
    repo = MIRRORS / (entry["repo"].replace("/", "+")) / "repo"
    if not repo.exists():
        return None
    record = entry.get("record")
    target = CACHE / f"{entry['id']}{'.txt' if record else Path(entry['path']).suffix}"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        data = subprocess.run(
            ["git", "-C", str(repo), "show", f"{entry['commit']}:{entry['path']}"], capture_output=True, check=True
        ).stdout
        if record:
            # A JSON-lines dataset: one line per event, the article is one of its sources' main text.
            line, source = record
            data = json.loads(data.splitlines()[line])["sources"][source]["maintext"].encode()
        target.write_bytes(data)
    return target


def entries(split: str | None) -> list[tuple[dict[str, Any], Path]]:
    out = []
    for entry in manifest():
        if split and entry["split"] != split:
            continue
        path = article_path(entry)
        if path is None:
            print(f"note: {entry['id']} skipped: no snapshot of {entry['repo']} here", file=sys.stderr)
            continue
        out.append((entry, path))
    return out


def parse(paths: list[Path]):
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.ingest import read_articles

    articles = read_articles([str(p) for p in paths], None, None)
    return articles, extract_facts_with_docs(articles)


def generate_one(path: Path):
    """The default deck of one article, with its report."""
    from quizapp.questions.generate import generate_deck
    from quizapp.questions.model import GenerationReport

    report = GenerationReport()
    try:
        deck = generate_deck([path], report=report)
    except Exception as exc:  # a deck that cannot be made is a result to report, not a crash
        return None, report, str(exc)
    return deck, report, None


# ------------------------------------------------------------------ judging packets


def render(card: Any) -> str:
    """A card as a judge reads it."""
    t = card.type
    if t == "multiple_choice":
        choices = "\n".join(f"  {chr(65 + i)}) {c}" for i, c in enumerate(card.choices))
        return f"Type: multiple choice\nQuestion: {card.question}\nChoices:\n{choices}\nAnswer: {card.answer}"
    if t == "typed":
        extra = f" (also accepted: {', '.join(card.accept)})" if card.accept else ""
        return f"Type: typed answer\nQuestion: {card.question}\nAnswer: {card.answer}{extra}"
    if t == "true_false":
        return f"Type: true/false\nStatement: {card.statement}\nAnswer: {'True' if card.answer else 'False'}"
    if t == "cloze":
        import re

        shown = re.sub(
            r"\{\{c1::(.*?)(?:::(.*?))?\}\}",
            lambda m: f"[_____ ({m.group(2)})]" if m.group(2) else "[_____]",
            card.text,
        )
        answer = re.search(r"\{\{c1::(.*?)(?:::.*?)?\}\}", card.text).group(1)  # type: ignore[union-attr]
        return f"Type: cloze (fill in the blank)\nText: {shown}\nAnswer: {answer}"
    return f"Type: flashcard\nFront: {card.front}\nBack: {card.back}"


def packet_item(article_id: str, card: Any, cand: Any) -> dict[str, Any]:
    """One card for the judges' packet, with what training and the table need to know of its candidate."""
    from quizapp.questions.features import features

    return {
        "card_id": card.card_id,
        "article": article_id,
        "kind": cand.kind,
        "type": card.type,
        "form": cand.form.value,
        "key": f"{cand.key}:{cand.form.value}",
        "score": cand.score,
        "features": features(cand),
        "sentence": cand.source_text,
        "shown": render(card),
    }


def export(
    split: str,
    out: Path,
    per_article: int,
    judges: int,
    seed: int,
    mode: str,
    rejudge: bool = False,
    only: set[str] | None = None,
) -> None:
    """Packets for blind judges: ``mode`` 'candidates' samples every verified candidate (training data for the
    ranker), 'deck' takes the shipped default deck's cards (measurement)."""
    from quizapp.errors import QuizappError
    from quizapp.questions.candidates import event_year
    from quizapp.questions.cards import make_card
    from quizapp.questions.generate import DEFAULT_TYPES, article_scopes, candidates_of
    from quizapp.questions.model import GenerationReport
    from quizapp.questions.verify import also_true

    rng = random.Random(seed)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    items: list[dict[str, Any]] = []
    for entry, path in entries(split):
        if only and entry["id"] not in only:
            continue
        if mode == "deck":
            deck, report, error = generate_one(path)
            if deck is None:
                print(f"{entry['id']}: no deck ({error})", file=sys.stderr)
                continue
            (out / "articles" / f"{entry['id']}.txt").write_text(_article_text(path))
            for card in deck.cards:
                cand = report.made_from[card.card_id]
                items.append(packet_item(entry["id"], card, cand))
            continue
        try:
            articles, pairs = parse([path])
        except QuizappError as error:
            print(f"{entry['id']}: skipped ({error})", file=sys.stderr)
            continue
        (out / "articles" / f"{entry['id']}.txt").write_text(articles[0].text)
        _sources, pool, scopes = article_scopes(articles, pairs)
        scope = scopes[0]
        ranked = candidates_of(scope, GenerationReport())
        rng.shuffle(ranked)
        taken = 0
        seen_facts: set[str] = set()
        for i, cand in enumerate(ranked):
            if taken >= per_article:
                break
            if cand.fact_key in seen_facts:
                continue
            cand.excluded = also_true(cand, scope.corpus)
            cand.event_year = event_year(cand.mention, scope.facts)
            card = make_card(cand, pool, i, DEFAULT_TYPES, 0)
            if card is None:
                continue
            seen_facts.add(cand.fact_key)
            taken += 1
            items.append(packet_item(entry["id"], card, cand))
    judged = judgments(split)
    fresh = [i for i in items if rejudge or i["card_id"] not in judged]
    print(f"{len(items) - len(fresh)} cards already judged are left out", file=sys.stderr)
    items = fresh
    rng.shuffle(items)
    write_packets(items, out, judges)
    print(f"{len(items)} cards in {judges} packets under {out}")


def write_packets(items: list[dict[str, Any]], out: Path, judges: int) -> None:
    """``items.json`` (what ``ingest`` reads back) and one packet per judge, cards dealt in turn, in the order given."""
    for n, item in enumerate(items):
        item["ref"] = f"C{n + 1:04d}"
    (out / "items.json").write_text(json.dumps(items, indent=1, ensure_ascii=False))
    for j in range(judges):
        part = items[j::judges]
        lines = [f"# Cards to judge ({len(part)})\n"]
        for item in part:
            lines.append(
                f"## {item['ref']}\nArticle: {out / 'articles' / (item['article'] + '.txt')}\n"
                f"Source sentence: {item['sentence']}\n{item['shown']}\n"
            )
        (out / f"packet-{j + 1}.md").write_text("\n".join(lines))


def _article_text(path: Path) -> str:
    from quizapp.ingest import read_articles

    return read_articles([str(path)], None, None)[0].text


def refeature(split: str) -> None:
    """Recompute the stored features of judged candidates with today's feature code (labels unchanged).

    Judgments are of candidates found again by their key (position, pattern and form); those no longer
    made keep their old features and are counted."""
    from quizapp.questions.candidates import overgenerate
    from quizapp.questions.features import features
    from quizapp.questions.generate import article_scopes
    from quizapp.questions.model import GenerationReport

    path = JUDGMENTS / f"{split}.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    wanted = {r["article"] for r in rows}
    found: dict[str, dict[str, float]] = {}
    #: What the judge was shown as the source of each candidate found: its sentence, or the passage of a cloze
    #: shown after the sentence before. A judgment of the sentence alone is not one of the passage.
    shown_source: dict[str, str] = {}
    by_text: dict[tuple[str, str, str, str], str] = {}
    for entry, article in entries(split):
        if entry["id"] not in wanted:
            continue
        articles, pairs = parse([article])
        _sources, _pool, scopes = article_scopes(articles, pairs)
        # Every candidate made, before the checks: a judged one may be refused by a newer check, and its
        # label still teaches the ranker.
        for cand in overgenerate(scopes[0], GenerationReport()):
            key = f"{cand.key}:{cand.form.value}"
            found[f"{entry['id']}|{key}"] = features(cand)
            shown_source[f"{entry['id']}|{key}"] = cand.source_text
            # Judged deck cards carry no key: found again by sentence, answer and form.
            by_text[(entry["id"], cand.mention.sentence.strip(), cand.answer, cand.form.value)] = key
    stale = 0
    for r in rows:
        if not r.get("key"):
            answer = r["shown"].rsplit("Answer: ", 1)[-1].split(" (also accepted")[0].strip()
            form = "cloze" if r["type"] == "cloze" else "wh"
            r["key"] = by_text.get((r["article"], r["sentence"], answer, form))
        key = f"{r['article']}|{r.get('key')}"
        if key in found and shown_source[key] == r["sentence"]:
            r["features"] = found[key]
        else:
            stale += 1
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    print(f"{len(rows) - stale} of {len(rows)} judged candidates re-featured; {stale} no longer made keep old features")


def ingest(split: str, folder: Path, round_name: str) -> None:
    items = {i["ref"]: i for i in json.loads((folder / "items.json").read_text())}
    JUDGMENTS.mkdir(parents=True, exist_ok=True)
    target = JUDGMENTS / f"{split}.jsonl"
    added = 0
    with target.open("a", encoding="utf-8") as out:
        for answers in sorted(folder.glob("answers-*.jsonl")):
            for line in answers.read_text().splitlines():
                if not line.strip():
                    continue
                a = json.loads(line)
                item = items.get(a["card"])
                if item is None:
                    continue
                record = {
                    k: item.get(k)
                    for k in (
                        "card_id",
                        "article",
                        "kind",
                        "type",
                        "form",
                        "key",
                        "score",
                        "features",
                        "sentence",
                        "shown",
                    )
                }
                record.update(
                    acceptable=bool(a["ok"]),
                    rules=a.get("rules", []),
                    note=a.get("note", ""),
                    judge=answers.stem,
                    round=round_name,
                )
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                added += 1
    print(f"{added} judgments added to {target}")


# ------------------------------------------------------------------ the table


def all_judgment_rows(split: str) -> list[dict[str, Any]]:
    """Every stored verdict of the split with what was judged (card id, article, candidate key ...), oldest first."""
    path = JUDGMENTS / f"{split}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def all_judgments(split: str) -> dict[str, list[bool]]:
    """Every verdict per card id, oldest first (a card re-judged by fresh reviewers has several)."""
    out: dict[str, list[bool]] = {}
    for r in all_judgment_rows(split):
        out.setdefault(r["card_id"], []).append(bool(r["acceptable"]))
    return out


def judgments(split: str) -> dict[str, bool]:
    """The latest verdict per card id."""
    return {card: verdicts[-1] for card, verdicts in all_judgments(split).items()}


def agreement(split: str) -> tuple[int, float] | None:
    """How often two blind verdicts on one card agree (cards judged more than once), as (cards, share)."""
    pairs = [(v[-2], v[-1]) for v in all_judgments(split).values() if len(v) >= 2]
    return (len(pairs), sum(a == b for a, b in pairs) / len(pairs)) if pairs else None


#: Bands of the ranker's estimate, to show how well it sorts the cards a deck ships (held-out: on articles it
#: was never trained on). Lower bounds, best first.
ESTIMATE_BANDS = (0.7, 0.55, 0.0)


def measure() -> None:
    rows = []
    bands: dict[str, list[tuple[float, int]]] = {}
    for split in ("dev", "heldout"):
        chosen = entries(split)
        judged = judgments(split)
        words = cards = thin = empty_400 = 0
        forms: dict[str, int] = {}
        kinds: dict[str, int] = {}
        ok = seen = 0
        texts = []
        estimated: list[tuple[float, int]] = []  # (ranker estimate, verdict) of each judged deck card
        for entry, path in chosen:
            deck, report, error = generate_one(path)
            w = sum(report.words.values()) or len(_article_text(path).split())
            texts.append(_article_text(path))
            words += w
            if deck is None:
                if w >= 400:
                    empty_400 += 1
                continue
            if report.notes:
                thin += 1
            cards += len(deck.cards)
            for card in deck.cards:
                forms[card.type] = forms.get(card.type, 0) + 1
                kind = card.provenance.fact.kind if card.provenance and card.provenance.fact else "?"
                kinds[kind] = kinds.get(kind, 0) + 1
                if card.card_id in judged:
                    seen += 1
                    ok += judged[card.card_id]
                    made_from = report.made_from.get(card.card_id)
                    if made_from is not None:
                        estimated.append((made_from.score, judged[card.card_id]))
        bands[split] = estimated
        gen_time, raw_time = whole_process_times(split, texts)
        rows.append((split, len(chosen), words, cards, forms, kinds, ok, seen, thin, empty_400, gen_time, raw_time))
    print(
        f"{'part':8} {'articles':>8} {'words':>7} {'cards':>6} {'per 1k':>7} {'judged':>7} {'new':>5} "
        f"{'accept':>7} {'thin':>5} {'empty≥400':>9} {'gen s':>6} {'spaCy s':>7} {'ratio':>5}"
    )
    for split, n, words, cards, forms, kinds, ok, seen, thin, empty, gen, raw in rows:
        rate = f"{ok / seen:.0%}" if seen else "-"
        print(
            f"{split:8} {n:8d} {words:7d} {cards:6d} {cards * 1000 / max(1, words):7.1f} {seen:7d} {cards - seen:5d} "
            f"{rate:>7} {thin:5d} {empty:9d} {gen:6.1f} {raw:7.1f} {gen / max(raw, 1e-9):5.2f}"
        )
    for split in ("dev", "heldout"):
        agreed = agreement(split)
        if agreed:
            print(f"{split}: two blind verdicts agree on {agreed[1]:.0%} of {agreed[0]} cards judged twice")
    print_estimate_bands(bands)
    for split, *_rest in rows:
        forms, kinds = _rest[3], _rest[4]
        total = sum(forms.values()) or 1
        print(f"{split} forms: " + ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(forms.items())))
        print(f"{split} kinds: " + ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(kinds.items())))


def print_estimate_bands(bands: dict[str, list[tuple[float, int]]]) -> None:
    """Blind verdicts on deck cards by the ranker's estimate: its precision where it is sure and where not, and
    of the best-estimated half of the deck (what a deck half the size would score)."""
    print("deck cards by the ranker's estimate (dev in-sample: it learned from these verdicts; see crossfit.py)")
    print(f"{'part':8} {'estimate':>9} {'cards':>6} {'accept':>7}")
    for split, pairs in bands.items():
        lower = 1.01
        for bound in ESTIMATE_BANDS:
            inside = [v for s, v in pairs if bound <= s < lower]
            label = f">={bound:.2f}" if lower > 1 else f"{bound:.2f}-{lower:.2f}"
            rate = f"{sum(inside) / len(inside):.0%}" if inside else "-"
            print(f"{split:8} {label:>9} {len(inside):6d} {rate:>7}")
            lower = bound
        best = sorted(pairs, key=lambda p: -p[0])[: len(pairs) // 2]
        if best:
            print(f"{split:8} {'best half':>9} {len(best):6d} {sum(v for _, v in best) / len(best):7.0%}")


REPEATS = 2


def whole_process_times(split: str, texts: list[str]) -> tuple[float, float]:
    """Wall-clock seconds of two fresh processes over the split's articles: one generating each article's deck
    from its file (interpreter, imports, model load, reading, parsing, questions), and one that only loads spaCy's
    stock pipeline and parses the same texts (already read, handed over as JSON)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts))
        times: dict[str, list[float]] = {"generate": [], "spacy": []}
        # Each twice, interleaved, the faster run kept: on this machine one run drifts by up to 20% with load the
        # process does not control (1.20x and 1.62x for the same code on one afternoon), a best-of-two much less.
        for _ in range(REPEATS):
            for name, command in (("generate", ["_time-generate", split]), ("spacy", ["_time-spacy", str(texts_file)])):
                t0 = time.perf_counter()
                subprocess.run([sys.executable, __file__, *command], check=True, capture_output=True)
                times[name].append(time.perf_counter() - t0)
    return min(times["generate"]), min(times["spacy"])


def time_generate(split: str) -> None:
    for _entry, path in entries(split):
        generate_one(path)


def time_spacy(texts_file: Path) -> None:
    """The raw pass: the English pipeline as spaCy ships it (not ``load_nlp``'s, which adds a paragraph-break
    component and looks the attribute rules up), each text parsed once."""
    from quizapp.facts.nlp import load_stock_nlp

    nlp = load_stock_nlp()
    for text in json.loads(texts_file.read_text()):
        nlp(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("measure")
    ex = sub.add_parser("export")
    ex.add_argument("split", choices=["dev", "heldout"])
    ex.add_argument("out", type=Path)
    ex.add_argument("--per-article", type=int, default=12)
    ex.add_argument("--judges", type=int, default=5)
    ex.add_argument("--seed", type=int, default=1)
    ex.add_argument("--mode", choices=["candidates", "deck"], default="candidates")
    ex.add_argument("--rejudge", action="store_true", help="include cards judged before (a second opinion)")
    ex.add_argument("--articles", default="", help="only these article ids (comma-separated)")
    rf = sub.add_parser("refeature")
    rf.add_argument("split", choices=["dev"])
    ing = sub.add_parser("ingest")
    ing.add_argument("split", choices=["dev", "heldout"])
    ing.add_argument("folder", type=Path)
    ing.add_argument("--round", default="r1")
    sub.add_parser("_time-generate").add_argument("split")
    sub.add_parser("_time-spacy").add_argument("texts", type=Path)
    args = parser.parse_args()
    if args.command == "_time-generate":
        time_generate(args.split)
    elif args.command == "_time-spacy":
        time_spacy(args.texts)
    elif args.command == "measure":
        measure()
    elif args.command == "refeature":
        refeature(args.split)
    elif args.command == "export":
        only = {a.strip() for a in args.articles.split(",") if a.strip()} or None
        export(args.split, args.out, args.per_article, args.judges, args.seed, args.mode, args.rejudge, only)
    else:
        ingest(args.split, args.folder, args.round)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
