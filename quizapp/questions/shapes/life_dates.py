"""Life dates in brackets: "Ada Brun (3 May 1850 – 9 June 1921) was ..." asks when she was born and died."""

from __future__ import annotations

import re

from quizapp.facts.model import ArticleFacts, Mention
from quizapp.questions import distractors as dist
from quizapp.questions.templates import Transformed

LIFE_DATES = re.compile(
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})\s*\(\s*(?P<born>[^()–-]{4,24}?)\s*[–-]\s*"
    r"(?P<died>[^()]{4,24}?)\s*\)"
)


def life_date_question(mention: Mention, facts: ArticleFacts) -> Transformed | None:
    """ "Ada Brun (3 May 1850 – 9 June 1921) was ..." -> "When was Ada Brun born?" / "When did Ada Brun die?"."""
    if mention.kind != "date" or not mention.value:
        return None
    granularity = dist.date_granularity(mention.value)
    if granularity not in {"day", "month", "year"}:
        return None
    offset = mention.sentence_start
    for found in LIFE_DATES.finditer(mention.sentence):
        which = next(
            (
                g
                for g in ("born", "died")
                if found.start(g) + offset <= mention.start and mention.end <= found.end(g) + offset
            ),
            None,
        )
        if which is None:
            continue
        cluster = facts.cluster_of(found.group("name"), "person")
        name = cluster.canonical if cluster is not None else None
        if name is None:
            cluster = next((c for c in facts.clusters if c.kind == "person" and found.group("name") in c.aliases), None)
            name = cluster.canonical if cluster is not None else None
        if name is None:
            return None
        prep = "on" if granularity == "day" else "in"
        when, wh = ("In what year", "what year") if granularity == "year" else ("When", "when")
        if which == "born":
            return Transformed(
                f"{when} was {name} born?",
                f"{name} was born {prep} {mention.text}.",
                f"{name} was born {prep} {{answer}}.",
                mention.text,
                "prep",
                wh,
            )
        return Transformed(
            f"{when} did {name} die?",
            f"{name} died {prep} {mention.text}.",
            f"{name} died {prep} {{answer}}.",
            mention.text,
            "prep",
            wh,
        )
    return None


def in_date_range(text: str, start: int, end: int) -> bool:
    """Whether a date is one end of a range ("1917–1918", "from 1939 to 1945" is two facts, but a dash joins one)."""
    return bool(
        re.match(r"\s*[–-]\s*\d", text[end : end + 4]) or re.search(r"\d\s*[–-]\s*$", text[max(0, start - 4) : start])
    )
