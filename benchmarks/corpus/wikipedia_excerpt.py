"""Draw fresh encyclopedia articles for the corpus from a Wikipedia snapshot, without reading them first.

    python benchmarks/corpus/wikipedia_excerpt.py COUNT --split heldout --seed N

Pages come from the chinapedia/wikipedia.abstract.en snapshot (fetched into /work/.mirror by the tool
library's `fetch`), drawn by a seeded shuffle among pages long enough for a 2,000-word excerpt, skipping
lists, disambiguation pages and pages the manifest already holds. Each is cut at a paragraph boundary near
EXCERPT_WORDS (reference sections dropped, reference markers and markup taken off, the shouted bold name of
the lead written in title case), saved under articles/ with its title and the snapshot's date, and appended
to manifest.yaml with its source, licence and the split given. Wikipedia's text is CC BY-SA, so the
excerpts may be committed. Choosing pages by chance, not by reading them, keeps a held-out draw honest.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
MIRROR = Path("/work/.mirror/chinapedia+wikipedia.abstract.en/repo")
COMMIT = "4f3e897da088cbe89a4f1d4cba3fa2e439c3721b"
SNAPSHOT_DATE = "2019-07-20"
EXCERPT_WORDS = 2200
MIN_BYTES, MAX_BYTES = 16_000, 80_000
ENDING_SECTIONS = re.compile(
    r"^#+\s*(see also|references|notes|external links|further reading|bibliography|sources)\b", re.I
)
#: Lists in all but name: "List of ...", a calendar day ("February_21") or a year ("1987", "AD_79").
LIST_PAGE = re.compile(
    r"^(?:List_of|Timeline_of|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)_\d{1,2}$|(?:AD_)?\d{1,4}(?:_BC)?$|\d{4}_in_)"
)
SMALL_WORDS = {"of", "the", "and", "de", "von", "van", "in", "on", "for", "la", "le", "du", "da", "a", "an", "at"}


def _title_case(shouted: str) -> str:
    """ "PHILIP II, KING OF FRANCE" as "Philip II, King of France", "HAMILTON-GORDON" as "Hamilton-Gordon"."""

    def word(i: int, w: str) -> str:
        if re.fullmatch(r"[IVX]+,?", w) and i:
            return w  # a regnal number
        w = w.lower()
        if i and w in SMALL_WORDS:
            return w
        return "-".join(part[:1].upper() + part[1:] for part in w.split("-"))

    return " ".join(word(i, w) for i, w in enumerate(shouted.split(" ")))


def excerpt(markdown: str) -> str:
    text = re.sub(r"\[\d+\]|\[[a-z]\]", "", markdown)
    text = re.sub(r"(?<!\w)_([^_\n]+)_(?!\w)", r"\1", text)
    text = text.replace("**", "")
    # The snapshot keeps the tail of an image's caption before the paragraph it stood in ("... the Borders.]]
    # Walter Scott was born ..."): the caption goes, the paragraph stays.
    text = re.sub(r"(?m)^[^\n\[]*\]\]\s*", "", text)
    text = re.sub(r"\[\[[^\]]*\]\]", "", text)
    # The lead opens with the subject's name in capitals ("AUGUSTA ADA KING, COUNTESS OF LOVELACE (...").
    text = re.sub(
        r"\A((?:[A-Z][A-Z'.\-]+[, ]+)+[A-Z][A-Z'.\-]+)(?=\W)", lambda m: _title_case(m.group(1)), text.lstrip()
    )
    kept: list[str] = []
    words = 0
    for paragraph in re.split(r"\n\s*\n", text):
        if ENDING_SECTIONS.match(paragraph.strip()):
            break
        kept.append(paragraph.strip())
        words += len(paragraph.split())
        if words >= EXCERPT_WORDS:
            break
    while kept and kept[-1].startswith("#"):
        kept.pop()
    return "\n\n".join(kept) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--split", choices=["dev", "heldout"], required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--added", default=None, help="a note saying when and why the draw was made")
    args = parser.parse_args(argv[1:])
    manifest_path = HERE / "manifest.yaml"
    manifest = yaml.safe_load(manifest_path.read_text())
    have = {e.get("original_url", "") for e in manifest} | {e["id"] for e in manifest}
    listing = subprocess.run(
        ["git", "-C", str(MIRROR), "ls-tree", "-r", "-l", COMMIT, "Page/"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    pages = sorted(line.split("\t", 1)[1] for line in listing if MIN_BYTES <= int(line.split()[3]) <= MAX_BYTES)
    random.Random(args.seed).shuffle(pages)
    added = []
    for page in pages:
        if len(added) == args.count:
            break
        if page.startswith('"'):
            continue  # git quotes a name with non-ASCII letters: such titles are left out (the draws stay as made)
        name = page.removeprefix("Page/").removesuffix(".md")
        title = name.replace("_", " ")
        slug = "wp-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        original = f"https://en.wikipedia.org/wiki/{name}"
        if LIST_PAGE.match(name) or "disambiguation" in name or slug in have or original in have:
            continue
        raw = subprocess.run(
            ["git", "-C", str(MIRROR), "show", f"{COMMIT}:{page}"], capture_output=True, text=True, check=True
        ).stdout
        if not raw.isascii() and sum(not c.isascii() for c in raw) > len(raw) * 0.02:
            continue  # mostly non-English script
        body = excerpt(raw)
        words = len(body.split())
        if words < 1500:
            continue
        front = yaml.safe_dump({"title": title, "date": SNAPSHOT_DATE}, sort_keys=False, allow_unicode=True)
        (HERE / "articles" / f"{slug}.md").write_text(f"---\n{front}---\n\n{body}")
        entry = {
            "id": slug,
            "kind": "encyclopedia",
            "title": title,
            "source_url": f"https://github.com/chinapedia/wikipedia.abstract.en/blob/{COMMIT}/{page}",
            "original_url": original,
            "published": None,
            "licence": "CC BY-SA 3.0 (Wikipedia)",
            "words": words,
            "excerpt": True,
            "split": args.split,
        }
        if args.added:
            entry["added"] = args.added
        added.append(entry)
    with manifest_path.open("a") as out:
        out.write(yaml.safe_dump(added, sort_keys=False, allow_unicode=True))
    print(f"{len(added)} articles added to the {args.split} part")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
