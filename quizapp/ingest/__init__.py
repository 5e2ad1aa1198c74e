"""Reading articles: files (.txt, .md, .html) or standard input to cleaned :class:`Article`s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.errors import IngestError
from quizapp.ingest.model import Article

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.ingest.cleaning import Paragraph

__all__ = ["Article", "parse_date_option", "read_article", "read_articles"]


def read_article(path_or_dash: str | Path, date: dt.date | None = None, default_date: dt.date | None = None) -> Article:
    """Read one article; ``date`` overrides the publication date found in it, ``default_date``
    is used only when the article states none."""
    from quizapp.ingest.cleaning import clean_text, recase_shouted_name
    from quizapp.ingest.formats import load_document
    from quizapp.ingest.language import not_english_reason

    path = str(path_or_dash)
    document = load_document(path)
    foreign = not_english_reason(document.text)
    if foreign is not None:
        # Caught before cleaning, which drops foreign paragraphs one by one and would leave "no text found".
        raise IngestError(f"{path}: not an English article: {foreign}. quizapp reads articles in English only")
    cleaned = clean_text(document.text)
    title = document.title or cleaned.leading_headline
    if title is None:
        title = _title_from_first_paragraph(cleaned.paragraphs)
        if title is not None:
            # An opening one-line summary serves as the title: its facts count, it is not quizzed.
            cleaned.paragraphs[0].aside = True
    lead = next((p for p in cleaned.paragraphs if not p.aside), None)
    if lead is not None:
        lead.text = recase_shouted_name(lead.text, title, "\n\n".join(p.text for p in cleaned.paragraphs))

    full_length = sum(len(p.text) + 2 for p in cleaned.paragraphs) - 2
    paragraphs = cleaned.paragraphs
    if full_length > MAX_QUIZZED_CHARS:
        paragraphs = spread_sample(paragraphs, MAX_QUIZZED_CHARS)

    text_parts: list[str] = []
    asides: list[tuple[int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        if text_parts:
            offset += 2  # the blank line between paragraphs
        if paragraph.aside:
            asides.append((offset, offset + len(paragraph.text)))
        text_parts.append(paragraph.text)
        offset += len(paragraph.text)
    text = "\n\n".join(text_parts)
    if not text.strip():
        raise IngestError(f"{path}: no article text found (only headlines or boilerplate)")

    published = (
        date
        or document.published
        or cleaned.published
        or (cleaned.dateline.date if cleaned.dateline else None)
        or default_date
    )
    return Article(
        path=path,
        title=title,
        published=published,
        text=text,
        headlines=list(dict.fromkeys(document.headings + cleaned.headlines)),
        asides=asides,
        full_length=full_length if len(paragraphs) < len(cleaned.paragraphs) else None,
    )


def read_articles(
    paths: Iterable[str | Path], date: dt.date | None = None, default_date: dt.date | None = None
) -> list[Article]:
    """Read several articles; each keeps its own publication date unless ``date`` overrides all.
    ``default_date`` dates only the articles that state no date of their own."""
    return [read_article(path, date, default_date) for path in paths]


#: The most text of one article that facts are drawn from and questions asked about: about 16,000 words, more
#: than the largest default deck (150 cards at 15 per 1,000 words) needs. Parsing and question generation grow
#: with the text, so a book-length article is quizzed on stretches spread across it, in bounded time and memory.
MAX_QUIZZED_CHARS = 100_000
#: How many stretches a longer article is quizzed on.
QUIZZED_STRETCHES = 10


def spread_sample(paragraphs: Sequence[Paragraph], budget: int, stretches: int = QUIZZED_STRETCHES) -> list[Paragraph]:
    """Paragraphs of about ``budget`` characters in all, in order: the opening paragraphs of each of ``stretches``
    equal stretches of the text, so that every part of a long article is asked about and each question keeps
    the paragraphs before it (who "he" is, what "the agency" was) where it can."""
    from quizapp.ingest.cleaning import Paragraph

    total = sum(len(p.text) for p in paragraphs) or 1
    share = budget // stretches
    chosen: list[Paragraph] = []
    taken_in = [0] * stretches
    before = 0
    for paragraph in paragraphs:
        stretch = min(stretches - 1, before * stretches // total)
        before += len(paragraph.text)
        taken = taken_in[stretch]
        if taken + len(paragraph.text) <= share:
            chosen.append(paragraph)
        elif taken == 0:
            # A paragraph longer than a stretch's share (a text without paragraph breaks): its opening sentences.
            chosen.append(Paragraph(_opening(paragraph.text, share), aside=paragraph.aside))
        else:
            continue
        taken_in[stretch] += len(chosen[-1].text) + 2
    return chosen


def _opening(text: str, limit: int) -> str:
    """The start of ``text``, at most ``limit`` characters, ending at a sentence end or else a word end."""
    head = text[:limit]
    for stop in (". ", "! ", "? ", " "):
        cut = head.rfind(stop)
        if cut > limit // 2:
            return head[: cut + 1].rstrip()
    return head


def _title_from_first_paragraph(paragraphs: list) -> str | None:
    """A short one-sentence opening paragraph reads as the title when no headline preceded it."""
    if len(paragraphs) < 2 or paragraphs[0].aside:
        return None
    first = paragraphs[0].text
    if len(first.split()) <= 16 and first.count(". ") == 0 and len(paragraphs[1].text) > len(first):
        return first.rstrip(".")
    return None


def parse_date_option(value: str | None, option: str = "--date") -> dt.date | None:
    """A ``--date YYYY-MM-DD`` (or ``--default-date``) option; a clear error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise IngestError(f"{option} {value!r}: expected a date like 2024-08-01 (YYYY-MM-DD)") from None
