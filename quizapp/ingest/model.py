"""An article as read from disk: cleaned text plus what was learned about it."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class Article(BaseModel):
    path: str = Field(description="File path, or '-' for standard input.")
    title: str | None = None
    published: dt.date | None = None
    text: str = Field(description="Cleaned article text: paragraphs separated by blank lines, no headlines or boilerplate.")
    headlines: list[str] = Field(default_factory=list, description="Headlines found in the article (kept as titles, never quizzed).")
