"""Reading article files: bytes to text, and each format (txt, md, html) to plain paragraphs.

Everything here is about *format*; what counts as article content is decided in
:mod:`quizapp.ingest.cleaning`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
import warnings
from dataclasses import dataclass, field
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

from quizapp.errors import IngestError

MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass
class RawDocument:
    """A document reduced to plain text lines, with whatever metadata its format carried."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    format: str = "txt"
    headings: list[str] = field(default_factory=list)  # headlines known from markup


#: The largest article file read. A book-length text is cleaned in seconds, but reading, decoding and cleaning
#: hold several copies of it in memory; beyond this the reader is asked to split it.
MAX_ARTICLE_BYTES = 10_000_000


def _too_big(path: str, size: int | None) -> IngestError:
    measured = f"is {size / 1_000_000:.1f} MB" if size is not None else "is over the limit"
    return IngestError(
        f"{path}: {measured}; articles can be at most {MAX_ARTICLE_BYTES / 1_000_000:g} MB "
        f"(split it into parts and give them together)"
    )


def read_source_bytes(path: str) -> bytes:
    """The raw bytes of ``path``; ``-`` reads standard input. Never more than MAX_ARTICLE_BYTES are read."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            raise _too_big(path, None)
        return data
    file = Path(path)
    if not file.exists():
        if re.match(r"(?i)(?:https?|ftp)://|www\.", path):
            raise IngestError(
                f"{path}: is a web address; quizapp reads saved articles, not the web: save the page first "
                "(in a browser, or with: curl -L -o article.html ADDRESS) and give the file"
            )
        raise IngestError(f"{path}: no such file")
    if file.is_dir():
        raise IngestError(f"{path}: is a folder, not an article file")
    try:
        with file.open("rb") as handle:
            # Read one byte past the limit rather than trust the size on disk (a pipe or /dev/zero has none).
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        try:
            size: int | None = file.stat().st_size or None
        except OSError:
            size = None
        raise _too_big(path, size)
    return data


def decode(data: bytes, path: str) -> str:
    """Bytes to text: honour a BOM (UTF-8, UTF-16), try UTF-8, then let charset-normalizer guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 3:
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise IngestError(f"{path}: not a text file (cannot detect its encoding)")
    # Short texts fit several single-byte code pages equally well; English news is most
    # often cp1252 (a superset of Latin-1 with curly quotes and dashes), so it wins ties.
    for match in matches:
        western = {"cp1252", "latin_1", "iso8859_1", "iso8859_15"} & {match.encoding, *match.could_be_from_charset}
        if western and match.chaos <= best.chaos and match.coherence >= best.coherence - 0.01:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return data.decode("latin-1")
    return str(best)


def sniff_format(path: str, text: str) -> str:
    """'html', 'md' or 'txt': by suffix, and by content for standard input or unknown suffixes."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix == ".txt":
        return "txt"
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|article|p|div)[\s>]", head):
        return "html"
    if head.startswith("---\n") or re.search(r"^#{1,6} \S", head, re.M):
        return "md"
    return "txt"


def parse_date(value: object) -> dt.date | None:
    """A publication date from front matter or metadata, in whatever common form it came."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


# --- Markdown -----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)


#: A Markdown table's row or rule: "| a | b |", "|---|:--:|", a grid table's "+----+----+".
_TABLE_LINE = re.compile(r"^\s*(?:\|.*\|\s*|\+[-=:+]+\+\s*|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*)$")


def markdown_to_text(source: str) -> RawDocument:
    """Plain lines from Markdown: front matter read for title/date, markup dropped, headings kept as lines."""
    title: str | None = None
    published: dt.date | None = None
    match = _FRONT_MATTER.match(source)
    if match:
        import yaml

        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        if isinstance(meta, dict):
            title = str(meta["title"]).strip() if meta.get("title") else None
            published = parse_date(meta.get("date") or meta.get("published"))
        source = source[match.end() :]

    lines: list[str] = []
    headings: list[str] = []
    in_code = False
    for line in source.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue  # code is not article prose
        heading = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            # Headings are headlines by markup: kept as titles, never as text.
            headings.append(_strip_inline_markdown(heading.group(1)).strip())
            lines.append("")
            continue
        if re.match(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", line):
            lines.append("")
            continue
        if _TABLE_LINE.match(line):
            # A table's rows are cells, not sentences: "| - Algeria has an embassy ... |" quizzed as prose
            # came out as "| - ___ has an embassy", with many right answers.
            lines.append("")
            continue
        line = re.sub(r"^\s{0,3}>\s?", "", line)  # blockquote
        item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line)
        if item:  # each list item is a paragraph of its own
            lines.append("")
            line = line[item.end() :]
        lines.append(_strip_inline_markdown(line))
    text = "\n".join(lines)
    # Markdown joins soft-wrapped lines into one paragraph.
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return RawDocument(
        "\n\n".join(p for p in paragraphs if p), title or (headings[0] if headings else None), published, "md", headings
    )


def _strip_inline_markdown(line: str) -> str:
    # Every span is bounded ({0,1000}): an unclosed "[", "(" or "<" repeated along a long line would otherwise
    # have each one searched to the line's end, in time growing with the square of the line.
    line = re.sub(r"!\[[^\]]{0,1000}\]\([^)]{0,2000}\)", "", line)  # images
    line = re.sub(r"\[([^\]]{1,1000})\]\([^)]{0,2000}\)", r"\1", line)  # links keep their text
    line = re.sub(r"\[([^\]]{1,1000})\]\[[^\]]{0,1000}\]", r"\1", line)  # reference links
    line = re.sub(r"^\s*\[[^\]]{1,1000}\]:\s*\S+.*$", "", line)  # link definitions
    line = re.sub(r"<[^>]{1,1000}>", "", line)  # inline HTML
    line = re.sub(r"(\*\*|__)(.{1,1000}?)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])([*_])(?!\s)(.{1,1000}?)(?<!\s)\1(?![\w*])", r"\2", line)
    line = re.sub(r"`([^`]{0,1000})`", r"\1", line)
    return line


# --- HTML ---------------------------------------------------------------------


#: Paragraphs of one page kept for spotting repeats (trafilatura's own cache size).
PARAGRAPHS_REMEMBERED = 4096


#: An extraction this short is checked against one that favours recall over precision ...
SHORT_EXTRACTION_WORDS = 200
#: ... which is taken when it is this many times longer.
FULLER_EXTRACTION_FACTOR = 3


def html_to_text(source: str, path: str) -> RawDocument:
    """The main article text of an HTML page (trafilatura) with its metadata title and date."""
    import unicodedata

    import trafilatura
    from trafilatura.deduplication import LRUCache
    from trafilatura.settings import Document

    # One parse of the page serves both the text and the metadata; the metadata is read first, as
    # trafilatura's own ``with_metadata`` does, before the text's extraction prunes (a copy of) the tree.
    tree = trafilatura.utils.load_html(source)
    title, url, date = _title_url_and_date(tree) if tree is not None else (None, None, None)

    def extract(favor_precision: bool) -> Document | None:
        found = trafilatura.bare_extraction(
            # the tree is pruned by an extraction: a second one starts from a fresh parse
            (tree if favor_precision else trafilatura.utils.load_html(source)) if tree is not None else source,
            url=url,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=favor_precision,
            # A repeated paragraph is dropped within this page only: ``True`` shares one cache across the process,
            # so a page read a second time (or after another page of the same site) lost paragraphs.
            deduplicate=LRUCache(maxsize=PARAGRAPHS_REMEMBERED),
        )
        return found if isinstance(found, Document) else None

    document = extract(favor_precision=True)
    precise_words = len(document.text.split()) if document is not None and document.text else 0
    if precise_words < SHORT_EXTRACTION_WORDS:
        # Precision keeps page furniture out, but on some layouts it keeps only a review's summary box (111 of
        # 1,860 words): a few times more text without it is the article.
        fuller = extract(favor_precision=False)
        if (
            fuller is not None
            and fuller.text
            and len(fuller.text.split()) >= FULLER_EXTRACTION_FACTOR * max(precise_words, 100)
        ):
            document = fuller
    # ``extract`` gives the text in NFC; ``bare_extraction`` leaves that step to its caller.
    text = unicodedata.normalize("NFC", document.text) if document is not None and document.text else ""
    if not text:
        # Short pages fall below trafilatura's thresholds; take all text then.
        text = trafilatura.html2txt(source) or ""
    published = parse_date(date)
    # trafilatura gives one paragraph per line; blank lines make the paragraph structure explicit.
    text = "\n\n".join(rejoin_wrapped_lines([line.strip() for line in text.splitlines() if line.strip()]))
    return RawDocument(text, title, published, "html")


#: How a line that ends a sentence (or a heading that asks) ends, a reference mark ("[10]") after it or not.
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)](?:\[\w+\])*$")
#: Words a wrapped line can break off after but a heading does not end on.
_BREAK_WORDS = frozenset(
    {"and", "or", "but", "the", "a", "an", "of", "for", "to", "in", "on", "at", "by", "with", "from"}
)
#: A list item's marker: items are lines of their own.
_LIST_MARKER = re.compile(r"^(?:[-•*–·▪]|\d+[.)])\s")


def rejoin_wrapped_lines(lines: list[str]) -> list[str]:
    """Lines of a page whose paragraphs were wrapped in the HTML source itself ("... have mysteriously been" /
    "on the rise in the past decade."), joined again: a line goes on when it ends without a stop and the next
    starts in lower case, or it breaks off after a comma (a quotation's too) or after "and", "the", "of"... A
    heading ("The hypothesis", "Babies Who Eat Peanuts") ends on neither, so it stays apart from what follows."""
    out: list[str] = []
    for line in lines:
        if out and not _LIST_MARKER.match(line) and not _LIST_MARKER.match(out[-1]):
            previous = out[-1]
            open_end = not _ENDS_SENTENCE.search(previous) or re.search(r",[\"”’]$", previous) is not None
            if open_end and (
                line[:1].islower() or previous.endswith(",") or previous.split()[-1].casefold() in _BREAK_WORDS
            ):
                out[-1] = f"{previous} {line}"
                continue
        out.append(line)
    return out


@functools.cache
def _english_date_parser() -> Any:
    """dateparser reading English only. htmldate's own parser, for dates it finds in a page's text, tries every
    language dateparser knows: building it and guessing each string's language cost 2-5 s in every process that
    read an HTML page (the largest part of reading one), for pages quizapp reads only in English."""
    from dateparser.date import DateDataParser

    settings = {
        "NORMALIZE": True,
        "PARSERS": ["custom-formats", "absolute-time"],
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _english_page_dates() -> None:
    """Point htmldate's external date parser at the English one (where htmldate has that hook; else its own)."""
    import htmldate.extractors

    if hasattr(htmldate.extractors, "get_external_parser"):
        htmldate.extractors.get_external_parser = _english_date_parser


def _title_url_and_date(tree: Any) -> tuple[str | None, str | None, str | None]:
    """The page's title, address and date, read as ``trafilatura.extract_metadata`` reads them, without the
    fields quizapp does not use (author, site name, categories, tags, licence), which took a third of the
    time of reading a page."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url, set_date_params
    from trafilatura.settings import DEFAULT_CONFIG
    from trafilatura.utils import line_processing

    _english_page_dates()
    metadata = examine_meta(tree)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura's own JSON-LD reader fails on odd pages; it goes on without it too
        pass
    title = metadata.title or extract_title(tree)
    url = metadata.url or extract_url(tree, None)
    date_params = {**set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")), "url": url}
    with warnings.catch_warnings():
        # A page stamped "08:57 EST" makes dateutil warn that it cannot place the zone; only the day is kept,
        # so the warning says nothing the reader needs and must not reach the terminal.
        warnings.simplefilter("ignore")
        date = find_date(tree, **date_params)

    def trimmed(value: str | None) -> str | None:  # as ``Document.clean_and_trim``
        if not value:
            return None
        value = value[:9999] + "…" if len(value) > 10000 else value
        return line_processing(html_unescape(value)) or None

    return trimmed(title), trimmed(url), trimmed(date)


#: Formats people save articles in that are not text, by their first bytes: named in the error, since decoding
#: one as text gives either nothing or a misleading "no article text found".
_BINARY_FORMATS = (
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF87a", "an image (GIF)"),
    (b"GIF89a", "an image (GIF)"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
)


def binary_format(data: bytes) -> str | None:
    """What a file that is no text article is ("a PDF document"), from its first bytes; None for text."""
    if data.startswith(b"PK\x03\x04"):  # a ZIP container: say which kind, by the names of its members
        head = data[:4000]
        if b"word/" in head:
            return "a Word document (.docx)"
        if b"application/epub+zip" in head:
            return "an EPUB e-book"
        if b"opendocument" in head:
            return "an OpenDocument file"
        return "a ZIP archive"
    for magic, name in _BINARY_FORMATS:
        if data.startswith(magic):
            return name
    return None


def load_document(path: str) -> RawDocument:
    """Read ``path`` (or stdin for ``-``) and reduce it to plain text with its metadata."""
    data = read_source_bytes(path)
    if not data.strip():
        raise IngestError(f"{path}: the article is empty")
    found = binary_format(data)
    if found is not None:
        raise IngestError(
            f"{path}: is {found}, not a text article; quizapp reads plain text (.txt), Markdown (.md) and web "
            "pages (.html): save or copy the article's text into one of those"
        )
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise IngestError(f"{path}: looks like a binary file, not an article")
    kind = sniff_format(path, text)
    if kind == "html":
        return html_to_text(text, path)
    # Text copied out of a web page's source keeps its character references ("fianc&#233;e", "AT&amp;T").
    text = _CHARACTER_REFERENCE.sub(lambda m: html_unescape(m.group(0)), text)
    if kind == "md":
        return markdown_to_text(text)
    return RawDocument(text, None, None, "txt")


#: A numeric character reference, or a named one of the few that turn up in copied text.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|amp|quot|apos|lt|gt|nbsp|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip);"
)
