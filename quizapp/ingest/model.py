"""An article as read from disk: cleaned text plus what was learned about it."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class Article(BaseModel):
    path: str = Field(description="File path, or '-' for standard input.")
    title: str | None = None
    published: dt.date | None = None
    text: str = Field(
        description="Cleaned article text: paragraphs separated by blank lines, no headlines or boilerplate."
    )
    headlines: list[str] = Field(
        default_factory=list, description="Headlines found in the article (kept as titles, never quizzed)."
    )
    asides: list[tuple[int, int]] = Field(
        default_factory=list,
        description=(
            "Character spans of `text` holding photo captions and datelines: their facts count "
            "(a caption may be the only place a date is stated), but they are not sentences to quiz on."
        ),
    )

    full_length: int | None = Field(
        default=None,
        description=(
            "Set when the article was too long to quiz whole: the length of its cleaned text, of which `text` "
            "holds stretches spread across it."
        ),
    )

    def in_aside(self, start: int, end: int | None = None) -> bool:
        """Whether the span starting at ``start`` lies inside a caption or dateline."""
        end = start if end is None else end
        return any(a <= start and end <= b for a, b in self.asides)
