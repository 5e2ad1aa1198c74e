"""Draw real news articles for the corpus from the sources Wikinews stories cite, without reading them first.

    python benchmarks/corpus/wikinews_sources.py --dev 40 --heldout 16 --seed N

The airKlizz/WikinewsSum dataset (fetched into /work/.mirror by the tool library's `fetch`) holds, per
Wikinews story of late 2004, the main text of the news pages it cites: the BBC, CNN, the Guardian, China
Daily, government and agency pages. Those pages are not ours, so they are read and measured, never
committed: each manifest entry names the dataset's commit, its line (the story) and the source.

Stories, not pages, are what is split: two sources of one story share their facts, so they must fall on
the same side. Stories are shuffled with the seed; each English source of 400 words or more, first seen
at its address, goes to the part being filled. The kind comes from the story's Wikinews categories.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
REPO = "airKlizz/WikinewsSum"
MIRROR = Path("/work/.mirror/airKlizz+WikinewsSum/repo")
COMMIT = "1d985031625909c908766812e8a18d0c88116ec8"
DATASET = "cleaned_endataset.json"
MIN_WORDS = 400
#: The first matching Wikinews category decides the corpus kind; anything else is world or politics news.
KIND_BY_CATEGORY = (
    ("Sports", "sports_report"),
    ("Football (soccer)", "sports_report"),
    ("Cricket", "sports_report"),
    ("Science and technology", "science_health_news"),
    ("Health", "science_health_news"),
    ("Space", "science_health_news"),
    ("Economy and business", "business_tech_news"),
    ("Computing", "business_tech_news"),
    ("Internet", "business_tech_news"),
)


def _kind(categories: list[str]) -> str:
    for category, kind in KIND_BY_CATEGORY:
        if category in categories:
            return kind
    return "world_news"


def _site(url: str) -> str:
    bare = re.sub(r"^https?://(?:web\.archive\.org/web/\d+/)?(?:https?://)?(?:www\.)?", "", url)
    return re.sub(r"[^a-z0-9]+", "-", bare.split("/")[0].split(":")[0].lower()).strip("-")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=int, default=0, help="how many articles go to the dev part")
    parser.add_argument("--heldout", type=int, default=0, help="how many go to the held-out part")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--added", default=None, help="a note saying when and why the draw was made")
    args = parser.parse_args(argv[1:])
    manifest_path = HERE / "manifest.yaml"
    manifest = yaml.safe_load(manifest_path.read_text())
    taken_lines = {e["record"][0] for e in manifest if e.get("repo") == REPO and e.get("record")}
    have = {e["id"] for e in manifest}
    raw = subprocess.run(
        ["git", "-C", str(MIRROR), "show", f"{COMMIT}:{DATASET}"], capture_output=True, check=True
    ).stdout.decode()
    stories = [(n, json.loads(line)) for n, line in enumerate(raw.splitlines()) if line.strip()]
    random.Random(args.seed).shuffle(stories)
    wanted = [("heldout", args.heldout), ("dev", args.dev)]
    added: list[dict[str, object]] = []
    seen_urls: set[str] = set()
    part, left = wanted.pop(0)
    for n, story in stories:
        while left <= 0 and wanted:
            part, left = wanted.pop(0)
        if left <= 0:
            break
        if n in taken_lines:
            continue
        for s, source in enumerate(story["sources"]):
            url = source.get("url", "")
            if source.get("language") != "en" or url in seen_urls:
                continue
            opening = " ".join(source["maintext"].split()[:40])
            if opening in seen_urls:
                continue  # the same page again under another address
            seen_urls.update((url, opening))
            words = len(source["maintext"].split())
            ident = f"wn-{_site(url)}-{n}-{s}"
            if words < MIN_WORDS or ident in have:
                continue
            entry: dict[str, object] = {
                "id": ident,
                "kind": _kind(story.get("categories", [])),
                "title": source.get("title") or story["title"],
                "repo": REPO,
                "commit": COMMIT,
                "path": DATASET,
                "record": [n, s],
                "original_url": url,
                "licence": "not ours: read and measured, never committed",
                "words": words,
                "split": part,
            }
            if args.added:
                entry["added"] = args.added
            added.append(entry)
            left -= 1
            # A story whose sources would overfill the part still goes whole to it: facts never cross the split.
    with manifest_path.open("a") as out:
        out.write(yaml.safe_dump(added, sort_keys=False, allow_unicode=True))
    for name in ("dev", "heldout"):
        print(f"{sum(e['split'] == name for e in added)} articles added to the {name} part")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
