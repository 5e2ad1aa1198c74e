"""Anki fields are HTML; quizapp cards are plain text. Conversions both ways.

HTML is reduced to text with the stdlib's HTML parser: block elements and ``<br>``
become line breaks, entities are decoded, everything else (formatting, scripts,
styles) is dropped. Media (``<img>``, ``<audio>``, ``[sound:...]``) cannot travel
into a text card; their file names are returned so the caller can report them.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

#: Anki's sound/video reference in a field.
SOUND_RE = re.compile(r"\[sound:([^\]]*)\]")
_BLOCK_TAGS = {"div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table"}
_SKIP_TAGS = {"script", "style"}
_MEDIA_TAGS = {"img": "src", "audio": "src", "video": "src", "source": "src", "object": "data"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _MEDIA_TAGS:
            wanted = _MEDIA_TAGS[tag]
            source = next((value for name, value in attrs if name == wanted and value), None)
            if source:
                self.media.append(source)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(field: str) -> tuple[str, list[str]]:
    """(plain text, media file names referenced) of an Anki field."""
    media = SOUND_RE.findall(field)
    field = SOUND_RE.sub("", field)
    collector = _TextCollector()
    collector.feed(field)
    collector.close()
    text = "".join(collector.parts).replace("\xa0", " ")
    # HTML collapses runs of spaces; keep the author's line breaks but no blank-line runs.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, media + collector.media


def text_to_html(text: str) -> str:
    """Plain text as an Anki field: special characters escaped, line breaks as ``<br>``."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")
