"""Merge the manifest fragments and split the corpus once, before any tuning.

Run once (it refuses to run again when manifest.yaml exists): a seeded random split,
stratified by kind, puts about a third of each kind's articles in the held-out part.
Held-out articles are only measured, never read while changing rules.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SEED = 20261203
HELD_OUT_SHARE = 1 / 3


def main() -> int:
    out = HERE / "manifest.yaml"
    if out.exists():
        print("manifest.yaml exists: the split is made once and never redone", file=sys.stderr)
        return 1
    entries = []
    for fragment in sorted(HERE.glob("manifest-*.yaml")) + sorted(HERE.glob("_holding-*/manifest-*.yaml")):
        entries += yaml.safe_load(fragment.read_text()) or []
    rng = random.Random(SEED)
    by_kind: dict[str, list[dict]] = {}
    for entry in sorted(entries, key=lambda e: e["id"]):
        by_kind.setdefault(entry["kind"], []).append(entry)
    for kind, group in sorted(by_kind.items()):
        rng.shuffle(group)
        held = max(1, round(len(group) * HELD_OUT_SHARE))
        for i, entry in enumerate(group):
            entry["split"] = "heldout" if i < held else "dev"
    entries.sort(key=lambda e: (e["split"], e["kind"], e["id"]))
    out.write_text(
        "# The evaluation corpus: committed texts in articles/, others read from public test-data\n"
        "# repositories (repo/commit/path) and never committed. Split once by split.py.\n"
        + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True)
    )
    for split in ("dev", "heldout"):
        part = [e for e in entries if e["split"] == split]
        print(split, len(part), sorted({e["kind"] for e in part}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
