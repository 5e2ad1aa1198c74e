"""How long `quizapp generate` takes on one big article, and how much memory it needs, by article size.

Run: python benchmarks/big_article.py [--sizes 100K,1M,2M,20M] [--timeout SECONDS]
(prints a table; not part of the test suite)

The big articles are made of real text: first every article of the evaluation corpus
(benchmarks/corpus/articles/*.md) as it is, then paragraphs of one to four sentences drawn at random
(seeded) from all of them. Copies of one paragraph would not do: cleaning keeps a repeated
paragraph once, so a copied text shrinks back to its original before it is parsed.

Each size runs `python -m quizapp generate` in a child process of its own, so its peak memory
(the child's maximum resident set) is its own.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus" / "articles"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def corpus_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(CORPUS.glob("*.md")):
        body = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    return paragraphs


def big_article(size: int, seed: int = 0) -> str:
    """About ``size`` characters of real prose whose paragraphs do not repeat."""
    paragraphs = corpus_paragraphs()
    sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p) if len(s.split()) >= 4]
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    for paragraph in paragraphs:
        if length >= size:
            break
        parts.append(paragraph)
        length += len(paragraph) + 2
    while length < size:
        paragraph = " ".join(rng.sample(sentences, rng.randint(1, 4)))
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size].rsplit(" ", 1)[0] + ".\n"


def parse_size(text: str) -> int:
    text = text.strip().upper()
    factor = {"K": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("KM")) * factor)


def run_one(size: int, folder: Path, timeout: float) -> tuple[str, float, float, str]:
    article = folder / f"article-{size}.txt"
    article.write_text(big_article(size), encoding="utf-8")
    deck = folder / f"deck-{size}.yaml"
    out_path, err_path = folder / "stdout", folder / "stderr"
    command = [
        sys.executable,
        "-m",
        "quizapp",
        "generate",
        str(article),
        "-o",
        str(deck),
        "--default-date",
        "2024-01-01",
    ]
    start = time.perf_counter()
    with out_path.open("w") as out, err_path.open("w") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err)
    stopped = False
    while True:
        # wait4 gives this child's own resource usage, peak resident set included (KiB on Linux).
        pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if not stopped and time.perf_counter() - start > timeout:
            child.kill()
            stopped = True
        time.sleep(0.1)
    child.returncode = os.waitstatus_to_exitcode(wait_status)
    seconds = time.perf_counter() - start
    peak_mb = usage.ru_maxrss / 1024
    if stopped:
        outcome = f"stopped after {timeout:.0f} s"
    elif child.returncode == 0:
        match = re.search(r": (\d+) cards?", out_path.read_text())
        outcome = f"{match.group(1) if match else '?'} cards"
    else:
        lines = [line for line in err_path.read_text().strip().splitlines() if line.strip()]
        outcome = f"exit {child.returncode}: {lines[-1][:160] if lines else ''}"
    label = f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1000:g} KB"
    return label, seconds, peak_mb, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100K,1M,2M,20M", help="comma-separated sizes, e.g. 100K,1M,2M,20M")
    parser.add_argument("--timeout", type=float, default=900.0, help="stop a run after this many seconds")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    print(f"{'size':>8} {'seconds':>8} {'peak MB':>8}  result")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            label, seconds, peak_mb, outcome = run_one(size, Path(tmp), args.timeout)
            print(f"{label:>8} {seconds:>8.1f} {peak_mb:>8.0f}  {outcome}", flush=True)


if __name__ == "__main__":
    main()
