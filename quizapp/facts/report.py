"""Facts for people to read: the ``quizapp facts`` text listing and its ``--json`` shape."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from quizapp.facts.model import ArticleFacts

KIND_ORDER = ("person", "place", "organization", "date", "number")
KIND_HEADINGS = {
    "person": "People",
    "place": "Places",
    "organization": "Organizations",
    "date": "Dates",
    "number": "Numbers",
}


def facts_as_json(all_facts: Sequence[ArticleFacts]) -> dict:
    """``{"sources": [{"path", "title", "published", "facts": [one entry per mention]}]}``."""
    return {
        "sources": [
            {
                "path": facts.path,
                "title": facts.title,
                "published": facts.published.isoformat() if facts.published else None,
                "facts": [
                    {
                        "kind": m.kind,
                        "text": m.text,
                        "canonical": m.canonical,
                        "value": m.value,
                        "sentence": m.sentence,
                        "start": m.start,
                        "end": m.end,
                        "unit": m.unit,
                        "granularity": m.granularity,
                        "label": m.label,
                        "aside": m.aside,
                    }
                    for m in facts.mentions
                ],
            }
            for facts in all_facts
        ]
    }


def facts_as_text(all_facts: Sequence[ArticleFacts]) -> str:
    """Facts grouped by kind with mention counts and aliases, one block per article."""
    blocks: list[str] = []
    for facts in all_facts:
        header = facts.path if not facts.title else f"{facts.path} — {facts.title}"
        lines = [header, f"  published: {facts.published.isoformat() if facts.published else 'unknown'}"]
        counts = Counter((m.kind, m.canonical) for m in facts.mentions)
        for kind in KIND_ORDER:
            clusters = [c for c in facts.clusters if c.kind == kind]
            if not clusters:
                continue
            lines.append(f"  {KIND_HEADINGS[kind]} ({len(clusters)})")
            clusters.sort(key=lambda c: (-counts[(c.kind, c.canonical)], c.canonical))
            for cluster in clusters:
                entry = f"    {cluster.canonical}  ×{counts[(cluster.kind, cluster.canonical)]}"
                if cluster.aliases:
                    entry += f"  (also: {', '.join(cluster.aliases)})"
                lines.append(entry)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
