"""Decks as CSV/TSV text: one row per card, for Anki's and Quizlet's text import, and back.

Writing: Anki's file headers (``#separator:``, ``#html:false``, ``#tags column:``,
``#columns:``) name the columns, so Anki maps them without asking and imports no header
as a card; then one row per card. The first two columns are what a flashcard program
shows (``front``: the question, with the choices of a multiple-choice card; ``back``: the
answer, with the explanation), so a Basic note type or Quizlet's term/definition takes
them as they are; the other columns carry the card exactly (type, answer, choices,
accepted answers, source, sentence, id) so quizapp reads its own files back unchanged.

Reading: Anki's "Notes in Plain Text" exports (with their ``#`` headers, HTML or not),
Quizlet's exports (term, definition; tab or comma) and our own files; tab, comma or
semicolon separated, with or without a header row, quoted fields over several lines.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from quizapp.deck.model import (
    CLOZE_RE,
    AnyCard,
    Card,
    ClozeCard,
    Deck,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    Source,
    TrueFalseCard,
    TypedCard,
    derive_card_id,
)
from quizapp.interop.anki_export import anki_tag, choice_lines
from quizapp.interop.html_text import html_to_text
from quizapp.interop.report import InteropError, TransferReport, validation_reasons

COLUMNS = [
    "front",
    "back",
    "tags",
    "type",
    "question",
    "answer",
    "choices",
    "accept",
    "explanation",
    "source",
    "sentence",
    "id",
]
_CARD = TypeAdapter(Card)
#: Anki's names for separators in a ``#separator:`` header.
_SEPARATOR_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":"}
#: Header-row names that say which column is the question, and which the answer.
_QUESTION_NAMES = ("front", "question", "term", "text", "statement", "word", "prompt")
_ANSWER_NAMES = ("back", "answer", "definition", "meaning", "back extra", "extra")
_KNOWN_NAMES = set(COLUMNS) | set(_QUESTION_NAMES) | set(_ANSWER_NAMES) | {"notes", "note", "hint"}
_HTML_HINT_RE = re.compile(r"<(br|div|p|b|i|u|span|img|ul|ol|li|sup|sub|font)\b[^>]*>|&(nbsp|amp|lt|gt);", re.I)
MAX_TEXT_BYTES = 50 * 1024 * 1024


# --- writing ---------------------------------------------------------------------------------------


def card_row(card: AnyCard, deck: Deck) -> dict[str, str]:
    """One card as the columns of :data:`COLUMNS`."""
    row = dict.fromkeys(COLUMNS, "")
    if isinstance(card, Flashcard):
        row |= {"front": card.front, "back": card.back, "question": card.front, "answer": card.back}
    elif isinstance(card, TypedCard):
        row |= {
            "front": card.question,
            "back": card.answer,
            "question": card.question,
            "answer": card.answer,
            "accept": "\n".join(card.accept),
        }
    elif isinstance(card, MultipleChoiceCard):
        row |= {
            "front": f"{card.question}\n{choice_lines(card.choices)}",
            "back": card.answer,
            "question": card.question,
            "answer": card.answer,
            "choices": "\n".join(card.choices),
        }
    elif isinstance(card, TrueFalseCard):
        answer = "true" if card.answer else "false"
        row |= {
            "front": f"True or false? {card.statement}",
            "back": answer.capitalize(),
            "question": card.statement,
            "answer": answer,
        }
    elif isinstance(card, ClozeCard):
        row |= {"front": card.text, "back": card.render(None), "question": card.text, "answer": card.render(None)}
    if card.explanation:
        row["back"] = f"{row['back']}\n\n{card.explanation}"
        row["explanation"] = card.explanation
    row["tags"] = " ".join(anki_tag(t) for t in card.tags if t.strip())
    row["type"] = card.type
    row["id"] = card.card_id
    if card.provenance:
        row["source"] = card.provenance.source or ""
        row["sentence"] = card.provenance.sentence or ""
    return row


def deck_to_text(deck: Deck, separator: str) -> tuple[str, TransferReport]:
    report = TransferReport()
    out = io.StringIO()
    name = "Tab" if separator == "\t" else "Comma"
    out.write(f"#separator:{name}\n#html:false\n#tags column:{COLUMNS.index('tags') + 1}\n")
    out.write("#columns:" + separator.join(COLUMNS) + "\n")
    writer = csv.writer(out, delimiter=separator, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    # Anki skips a line that starts with "#" as a comment; quoted, the same text is a card.
    quoting_writer = csv.writer(out, delimiter=separator, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for card in deck.cards:
        row = card_row(card, deck)
        values = [row[c] for c in COLUMNS]
        (quoting_writer if values[0].startswith("#") else writer).writerow(values)
        report.count(f"{card.type} rows")
    if any(" " in t for c in deck.cards for t in c.tags):
        report.note("tags with spaces are written with underscores (Anki separates tags by spaces)")
    if deck.tags or deck.sources:
        report.skip("the deck's own tags and its sources' titles, URLs and dates (cards keep their source's id)")
    if any(c.provenance and (c.provenance.fact or c.provenance.start is not None) for c in deck.cards):
        report.skip("the fact each generated card tests and its position in the article")
    return out.getvalue(), report


def deck_to_quizlet(deck: Deck) -> tuple[str, TransferReport]:
    """Quizlet's import box: term, a tab, definition, one card per line, nothing else.

    Quizlet reads no quotes and no header, so tabs and line breaks inside a field become
    spaces and " / " (listed in the report), and only the two sides travel.
    """
    report = TransferReport()
    lines, flattened = [], 0
    for card in deck.cards:
        row = card_row(card, deck)
        sides = []
        for side in (row["front"], row["back"]):
            flat = " / ".join(" ".join(part.split()) for part in side.splitlines() if part.strip())
            flattened += flat != side
            sides.append(flat)
        lines.append("\t".join(sides))
        report.count(f"{card.type} cards")
    if flattened:
        report.note(f'{flattened} side(s) had tabs or line breaks; written on one line with " / "')
    report.skip("everything but each card's two sides: type, tags, sources, ids (Quizlet keeps term and definition)")
    return "\n".join(lines) + "\n", report


# --- reading ---------------------------------------------------------------------------------------


@dataclass
class _Layout:
    separator: str
    html: bool | None = None  # None: not said; guessed from the content
    columns: list[str] = field(default_factory=list)
    tags_column: int | None = None  # 0-based
    #: Anki's "Notes in Plain Text" may add a GUID, note type and deck column before the fields.
    guid_column: int | None = None
    notetype_column: int | None = None
    deck_column: int | None = None
    common_tags: list[str] = field(default_factory=list)
    header_lines: int = 0


def _read_header(lines: list[str]) -> _Layout:
    """Anki's ``#key:value`` header lines at the top of the file."""
    layout = _Layout(separator="")
    for line in lines:
        if not line.startswith("#") or ":" not in line:
            break
        key, _, value = line[1:].partition(":")
        key, value = key.strip().lower(), value.strip()
        layout.header_lines += 1
        if key == "separator":
            layout.separator = _SEPARATOR_NAMES.get(value.lower(), value[:1] or ",")
        elif key == "html":
            layout.html = value.lower() == "true"
        elif key == "tags column" and value.isdigit():
            layout.tags_column = int(value) - 1
        elif key == "guid column" and value.isdigit():
            layout.guid_column = int(value) - 1
        elif key == "notetype column" and value.isdigit():
            layout.notetype_column = int(value) - 1
        elif key == "deck column" and value.isdigit():
            layout.deck_column = int(value) - 1
        elif key == "tags":
            layout.common_tags = value.split()
        elif key == "columns":
            layout.columns = [value]  # split once the separator is known
    return layout


def _guess_separator(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters="\t,;").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return "\t" if "\t" in first else ("," if "," in first else (";" if ";" in first else "\t"))


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InteropError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_TEXT_BYTES:
        raise InteropError(f"{path}: the file is {len(data) / 2**20:.0f} MB; text imports are limited to 50 MB")
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            error = f"{path}:{line}: the file is not UTF-8 text; save it as UTF-8"
    raise InteropError(error)


def import_text(path: Path, title: str | None = None) -> tuple[Deck, TransferReport]:
    """A deck from a CSV/TSV/TXT file of Anki, Quizlet or quizapp; the report lists every row left out."""
    text = read_text_file(path)
    report = TransferReport()
    lines = text.splitlines()
    layout = _read_header(lines)
    body = "\n".join(lines[layout.header_lines :])
    if not body.strip():
        raise InteropError(f"{path}: the file holds no cards")
    if not layout.separator:
        layout.separator = _guess_separator(body[:20000])
    if layout.columns:
        layout.columns = [c.strip().lower() for c in layout.columns[0].split(layout.separator)]
    reader = csv.reader(io.StringIO(body), delimiter=layout.separator, quotechar='"', strict=False)
    rows: list[tuple[int, list[str]]] = []
    line_no = layout.header_lines + 1
    try:
        for record in reader:
            rows.append((line_no, record))
            line_no = layout.header_lines + reader.line_num + 1
    except csv.Error as exc:
        raise InteropError(f"{path}:{line_no}: {exc}") from None
    if not layout.columns and rows:
        first = [c.strip().lower() for c in rows[0][1]]
        if first and all(c in _KNOWN_NAMES for c in first if c) and any(c in _QUESTION_NAMES for c in first):
            layout.columns = first
            rows = rows[1:]
    if layout.html is None:
        layout.html = any(_HTML_HINT_RE.search(cell) for _, row in rows[:200] for cell in row)
    cards = _rows_to_cards(rows, layout, path, report)
    if not cards:
        raise InteropError(
            f"{path}: no card could be read from the file" + (f"; {report.skipped[0]}" if report.skipped else "")
        )
    sources = sorted({c.provenance.source for c in cards if c.provenance and c.provenance.source})
    deck = Deck(
        title=title or path.stem,
        description=f"Imported from {path.name}.",
        sources=[Source(id=s) if _is_id(s) else Source(title=s) for s in sources],
        cards=cards,
    )
    return deck, report


def _is_id(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:-]*", text))


def _rows_to_cards(rows: list[tuple[int, list[str]]], layout: _Layout, path: Path, report: TransferReport) -> list:
    columns = layout.columns
    by_name = {name: i for i, name in enumerate(columns) if name}
    own_format = "type" in by_name and "question" in by_name and "answer" in by_name
    tags_col = layout.tags_column if layout.tags_column is not None else by_name.get("tags")
    special = {layout.guid_column, layout.notetype_column, layout.deck_column, tags_col} - {None}
    field_cols = [i for i in range(max(len(columns), max((len(r) for _, r in rows), default=0))) if i not in special]
    question_col = next((by_name[n] for n in _QUESTION_NAMES if n in by_name), field_cols[0] if field_cols else 0)
    answer_col = next((by_name[n] for n in _ANSWER_NAMES if n in by_name), field_cols[1] if len(field_cols) > 1 else 1)
    used = (
        {question_col, answer_col} | special | ({by_name[n] for n in COLUMNS if n in by_name} if own_format else set())
    )
    ignored_columns: set[int] = set()
    cards: list = []
    seen: dict[str, int] = {}
    kept_ids: set[str] = set()

    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path.name}:{line}"

        def cell(index: int | None) -> str:
            if index is None or index >= len(row):
                return ""
            value = row[index]
            if layout.html:
                value, media = html_to_text(value)
                for name in media:
                    report.skip(f"{where}: media file {name!r} (quizapp cards are text only)")
            return value.strip()

        def named(name: str) -> str:
            return cell(by_name.get(name))

        tags = [*layout.common_tags, *cell(tags_col).split()] if tags_col is not None else list(layout.common_tags)
        if layout.deck_column is not None and cell(layout.deck_column):
            tags.append("deck::" + cell(layout.deck_column).replace(" ", "_"))
        data: dict = {"tags": list(dict.fromkeys(tags))}
        if own_format and named("type"):
            data |= _own_row(named, report, where)
            if data.get("skip"):
                continue
        else:
            question, answer = cell(question_col), cell(answer_col)
            if CLOZE_RE.search(question):
                data |= {"type": "cloze", "text": question}
                if answer:
                    data["explanation"] = answer
            else:
                data |= {"type": "flashcard", "front": question, "back": answer}
            for index in range(len(row)):
                if index not in used and row[index].strip():
                    ignored_columns.add(index)
        if layout.guid_column is not None and cell(layout.guid_column) and not data.get("id"):
            from quizapp.interop.anki_import import generic_card_id

            data["id"] = generic_card_id(cell(layout.guid_column))  # the same id a package import gives
        card_type = data["type"]
        prompt = data.get("front") or data.get("question") or data.get("statement") or data.get("text") or ""
        if not data.get("id") and prompt:
            derived = derive_card_id(card_type, prompt)
            if derived in seen:
                seen[derived] += 1
                data["id"] = f"{derived}-{seen[derived]}"
                report.note(f"{where}: asks the same question as an earlier row; kept as a card of its own")
            else:
                seen[derived] = 1
        try:
            card = _CARD.validate_python(data)
        except ValidationError as exc:
            report.skip(f"{where}: {validation_reasons(exc)}")
            continue
        if card.card_id in kept_ids:
            report.skip(f"{where}: a second card with the id {card.card_id!r}")
            continue
        cards.append(card)
        kept_ids.add(card.card_id)
        report.count(f"{card.type} cards")
    for index in sorted(ignored_columns):
        name = columns[index] if index < len(columns) and columns[index] else f"column {index + 1}"
        report.skip(f"{name}: a column quizapp has no place for (only the question, answer and tags are read)")
    return cards


def _own_row(named: Callable[[str], str], report: TransferReport, where: str) -> dict[str, Any]:
    """A row of quizapp's own CSV: its columns give the card exactly."""
    card_type = named("type").replace("-", "_")
    question, answer = named("question") or named("front"), named("answer") or named("back")
    data: dict = {"type": card_type}
    if card_type == "flashcard":
        data |= {"front": question, "back": answer}
    elif card_type == "typed":
        data |= {
            "question": question,
            "answer": answer,
            "accept": [a for a in named("accept").split("\n") if a.strip()],
        }
    elif card_type == "multiple_choice":
        data |= {
            "question": question,
            "answer": answer,
            "choices": [c for c in named("choices").split("\n") if c.strip()],
        }
    elif card_type == "true_false":
        data |= {"statement": question, "answer": answer}
    elif card_type == "cloze":
        data |= {"text": question}
    else:
        report.skip(f"{where}: unknown card type {card_type!r}")
        return {"skip": True}
    if named("explanation"):
        data["explanation"] = named("explanation")
    if named("id"):
        data["id"] = named("id")
    source, sentence = named("source"), named("sentence")
    if source or sentence:
        data["provenance"] = Provenance(source=source or None, sentence=sentence or None).model_dump(exclude_none=True)
    return data
