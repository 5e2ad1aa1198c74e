"""Reading articles: files (.txt, .md, .html) or standard input to cleaned :class:`Article`s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from quizapp.errors import IngestError
from quizapp.ingest.model import Article

__all__ = ["Article", "parse_date_option", "read_article", "read_articles"]


def read_article(
    path_or_dash: str | Path, date: dt.date | None = None, default_date: dt.date | None = None
) -> Article:
    """Read one article; ``date`` overrides the publication date found in it, ``default_date``
    is used only when the article states none."""
    from quizapp.ingest.cleaning import clean_text
    from quizapp.ingest.formats import load_document

    path = str(path_or_dash)
    document = load_document(path)
    cleaned = clean_text(document.text)
    title = document.title or cleaned.leading_headline
    if title is None:
        title = _title_from_first_paragraph(cleaned.paragraphs)
        if title is not None:
            # An opening one-line summary serves as the title: its facts count, it is not quizzed.
            cleaned.paragraphs[0].aside = True

    text_parts: list[str] = []
    asides: list[tuple[int, int]] = []
    offset = 0
    for paragraph in cleaned.paragraphs:
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
    )


def read_articles(
    paths: Iterable[str | Path], date: dt.date | None = None, default_date: dt.date | None = None
) -> list[Article]:
    """Read several articles; each keeps its own publication date unless ``date`` overrides all.
    ``default_date`` dates only the articles that state no date of their own."""
    return [read_article(path, date, default_date) for path in paths]


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
