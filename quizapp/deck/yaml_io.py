"""Reading and writing deck files, with errors located by file, line and column.

Reading is deliberately strict about *safety* and lenient about *form*:

* Only YAML's safe subset is composed, and every scalar stays the string the
  author typed (``answer: no`` is "no", ``answer: 1945`` is "1945",
  ``answer: 3.10`` is "3.10"); pydantic converts the few fields that are not
  strings (booleans, dates, offsets). This removes the "Norway problem" at its
  root instead of patching each case.
* Files over :data:`MAX_DECK_BYTES` and documents that expand to more than
  :data:`MAX_NODES` nodes (a "billion laughs" alias bomb) are refused.
* Concise hand-written forms (``q:``/``a:``, ``distractors:``, an omitted
  ``type:``) are expanded before validation; :func:`dump_deck` always writes
  the canonical form.

All problems of a file are reported together, as :class:`~quizapp.errors.DeckError`.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from quizapp.deck.model import CARD_TYPES, Deck, MultipleChoiceCard
from quizapp.errors import DeckError, Location, Problem

MAX_DECK_BYTES = 10 * 1024 * 1024
MAX_NODES = 200_000

try:  # libyaml's composer is much faster for big decks; fall back to pure Python.
    _Loader: type = yaml.CSafeLoader  # type: ignore[attr-defined]
    _Dumper: type = yaml.CSafeDumper  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

_NULLS = {"", "~", "null", "Null", "NULL"}

# Keys a hand author may use, and the canonical key they stand for.
_KEY_ALIASES = {"q": "question", "a": "answer", "accepts": "accept", "tag": "tags"}

# Which keys identify a card type when ``type:`` is omitted, most specific first.
_TYPE_HINTS: list[tuple[str, tuple[str, ...]]] = [
    ("cloze", ("text",)),
    ("true_false", ("statement",)),
    ("flashcard", ("front", "back")),
    ("multiple_choice", ("choices", "distractors")),
    ("typed", ("question", "answer")),
]

_FIELD_ORDER = [
    "type", "id", "question", "front", "back", "statement", "text", "answer", "choices", "accept",
    "explanation", "tags", "provenance",
]


class _Positions:
    """Maps a path inside the document (keys and list indices) to where it was written."""

    def __init__(self) -> None:
        self.value: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.key: dict[tuple[Any, ...], tuple[int, int]] = {}

    def best(self, path: tuple[Any, ...]) -> tuple[int, int] | None:
        """Position of the deepest part of ``path`` that exists in the file."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            if sub in self.key:
                return self.key[sub]
            if sub in self.value:
                return self.value[sub]
        return None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed YAML node tree into plain Python data with string scalars."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions = _Positions()
        self.problems: list[Problem] = []
        self.nodes = 0

    def build(self, node: yaml.Node, where: tuple[Any, ...] = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig()
        self.positions.value[where] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, where + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._problem(key_node, "a key must be a plain word, not a list or mapping")
                    continue
                key = key_node.value
                if key == "<<":
                    self._problem(key_node, "merge keys (<<) are not supported in deck files")
                    continue
                if key in result:
                    self._problem(key_node, f'the key "{key}" appears twice in this mapping')
                    continue
                self.positions.key[where + (key,)] = _mark(key_node)
                result[key] = self.build(value_node, where + (key,))
            return result
        raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _problem(self, node: yaml.Node, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(Location(self.path, line, col), message))


class _TooBig(Exception):
    pass


def read_text(path: Path) -> str:
    """Read a deck file as text, refusing huge or undecodable files with a clear message."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DeckError(path, [Problem(Location(str(path)), "no such file")]) from None
    except OSError as exc:
        raise DeckError(path, [Problem(Location(str(path)), f"cannot read the file: {exc.strerror}")]) from None
    if path.is_dir():
        raise DeckError(path, [Problem(Location(str(path)), "is a folder, not a deck file")])
    if size > MAX_DECK_BYTES:
        raise DeckError(
            path,
            [Problem(Location(str(path)), f"the file is {size / 1e6:.0f} MB; deck files are limited to {MAX_DECK_BYTES // 1_000_000} MB")],
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeckError(path, [Problem(Location(str(path)), f"cannot read the file: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return _raise_encoding(path, line)


def _raise_encoding(path: Path, line: int) -> str:
    raise DeckError(path, [Problem(Location(str(path), line), "the file is not UTF-8 text; save it as UTF-8")])


def load_deck(path: str | Path) -> Deck:
    """Read and validate a deck file; raises :class:`DeckError` listing every problem."""
    path = Path(path)
    return parse_deck(read_text(path), str(path))


def parse_deck(text: str, path: str = "<deck>") -> Deck:
    """Validate deck YAML ``text``; ``path`` is only used in messages."""
    if len(text.encode("utf-8")) > MAX_DECK_BYTES:
        raise DeckError(path, [Problem(Location(path), f"the deck is larger than {MAX_DECK_BYTES // 1_000_000} MB")])
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        raise DeckError(path, [Problem(Location(path, line, col), f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise DeckError(path, [Problem(Location(path), f"YAML error: {exc}")]) from None
    documents = [d for d in documents if d is not None]
    if not documents:
        raise DeckError(path, [Problem(Location(path, 1, 1), "the file is empty; a deck needs at least a title and cards")])
    if len(documents) > 1:
        line, col = _mark(documents[1])
        raise DeckError(path, [Problem(Location(path, line, col), "a deck file holds one YAML document; remove the extra '---'")])

    builder = _Builder(path)
    try:
        data = builder.build(documents[0])
    except _TooBig:
        raise DeckError(
            path,
            [Problem(Location(path), f"the document expands to more than {MAX_NODES:,} nodes (too many aliases?); refusing to load it")],
        ) from None
    except RecursionError:
        raise DeckError(path, [Problem(Location(path), "the document is nested too deeply")]) from None
    problems = list(builder.problems)
    positions = builder.positions

    if not isinstance(data, dict):
        line, col = positions.value.get((), (1, 1))
        raise DeckError(path, problems + [Problem(Location(path, line, col), "the top level of a deck must be a mapping with title: and cards:")])

    data = dict(data)
    cards = data.get("cards")
    card_types: dict[int, str] = {}
    if isinstance(cards, list):
        expanded = []
        for i, raw in enumerate(cards):
            card, problem = _expand_card(raw, i, positions, path)
            if problem:
                problems.append(problem)
            if isinstance(card, dict) and isinstance(card.get("type"), str):
                card_types[i] = card["type"]
            expanded.append(card)
        data["cards"] = expanded
    elif cards is None and "cards" in data:
        data["cards"] = []
    for key in ("tags",):
        if isinstance(data.get(key), str):
            data[key] = [data[key]]

    deck: Deck | None = None
    try:
        deck = Deck.model_validate(data)
    except ValidationError as exc:
        problems += _translate(exc, positions, path, card_types)

    if deck is not None:
        problems += _semantic_checks(deck, positions, path)
    if problems:
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise DeckError(path, problems)
    assert deck is not None
    return deck


def _expand_card(raw: Any, index: int, positions: _Positions, path: str) -> tuple[Any, Problem | None]:
    """Expand the concise hand-written forms of one card into the canonical ones."""
    if not isinstance(raw, dict):
        return raw, None
    card = {}
    for key, value in raw.items():
        canonical = _KEY_ALIASES.get(key, key)
        if canonical != key:
            positions.key[("cards", index, canonical)] = positions.key.get(("cards", index, key), (0, 0))
            positions.value[("cards", index, canonical)] = positions.value.get(("cards", index, key), (0, 0))
            if canonical in raw:
                line, col = positions.key[("cards", index, key)]
                return raw, Problem(Location(path, line, col), f'card {index + 1}: both "{key}" and "{canonical}" are given; keep one')
        card[canonical] = value
    for key in ("tags", "accept"):
        if isinstance(card.get(key), str):
            card[key] = [card[key]]
    if "type" not in card or card["type"] is None:
        guessed = None
        for card_type, keys in _TYPE_HINTS:
            if any(k in card for k in keys):
                guessed = card_type
                break
        if guessed is None:
            line, col = positions.value.get(("cards", index), (None, None))
            return card, Problem(
                Location(path, line, col),
                f"card {index + 1}: cannot tell what kind of card this is; add type: (one of {', '.join(CARD_TYPES)}) "
                "or write it as q:/a:, front:/back:, statement:, text: or choices:",
            )
        card["type"] = guessed
    if card.get("type") == "multiple_choice" and "distractors" in card:
        distractors = card.pop("distractors")
        if "choices" in card:
            line, col = positions.key.get(("cards", index, "distractors"), (None, None))
            return card, Problem(Location(path, line, col), f"card {index + 1}: give either choices: or distractors:, not both")
        if isinstance(distractors, str):
            distractors = [distractors]
        if isinstance(distractors, list):
            answer = card.get("answer")
            card["choices"] = ([answer] if isinstance(answer, str) else []) + distractors
            positions.value[("cards", index, "choices")] = positions.value.get(("cards", index, "distractors"), (0, 0))
            positions.key[("cards", index, "choices")] = positions.key.get(("cards", index, "distractors"), (0, 0))
    return card, None


_FRIENDLY = {
    "missing": "missing required key",
    "extra_forbidden": "unknown key",
}


def _translate(exc: ValidationError, positions: _Positions, path: str, card_types: dict[int, str]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # Discriminated unions put the tag into the location: ("cards", 2, "typed", "answer").
        doc_loc = tuple(part for j, part in enumerate(loc) if not (j == 2 and loc[0] == "cards" and part in CARD_TYPES))
        if error["type"] == "union_tag_invalid" or error["type"] == "union_tag_not_found":
            pass
        key = (doc_loc, error["type"])
        if key in seen:
            continue
        seen.add(key)
        pos = positions.best(doc_loc)
        if error["type"] == "missing":
            pos = positions.best(doc_loc[:-1])
        line, col = pos if pos else (None, None)
        problems.append(Problem(Location(path, line, col), _describe(error, doc_loc, card_types)))
    return problems


def _describe(error: dict[str, Any], loc: tuple[Any, ...], card_types: dict[int, str]) -> str:
    prefix = ""
    field_path = list(loc)
    if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
        index = loc[1]
        card_type = card_types.get(index)
        prefix = f"card {index + 1}" + (f" ({card_type})" if card_type else "") + ": "
        field_path = list(loc[2:])
    elif len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
        prefix = f"source {loc[1] + 1}: "
        field_path = list(loc[2:])
    name = ".".join(str(p) for p in field_path)
    etype = error["type"]
    if etype == "missing":
        return f'{prefix}missing required key "{name}"'
    if etype == "extra_forbidden":
        bad = str(field_path[-1]) if field_path else name
        hint = _suggest_key(bad, error)
        return f'{prefix}unknown key "{bad}"{hint}'
    if etype in ("union_tag_invalid",):
        got = error.get("ctx", {}).get("tag", "")
        return f'{prefix}unknown card type "{got}"; use one of {", ".join(CARD_TYPES)}'
    if etype == "union_tag_not_found":
        return f"{prefix}missing type:"
    if etype == "string_too_short":
        return f'{prefix}"{name}" must not be empty'
    if etype == "string_type":
        return f'{prefix}"{name}" must be text, not a list or mapping'
    if etype in ("list_type",):
        return f'{prefix}"{name}" must be a list'
    if etype in ("dict_type", "model_type", "model_attributes_type"):
        return f'{prefix}"{name or "this"}" must be a mapping of keys'
    if etype.startswith("bool"):
        return f'{prefix}"{name}" must be true or false, not "{error.get("input")}"'
    if etype.startswith("date"):
        return f'{prefix}"{name}" must be a date written YYYY-MM-DD, not "{error.get("input")}"'
    if etype.startswith("int"):
        return f'{prefix}"{name}" must be a whole number, not "{error.get("input")}"'
    if etype == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f'{prefix}"{name}" must be one of {expected}, not "{error.get("input")}"'
    if etype == "string_pattern_mismatch" and field_path and field_path[-1] == "id":
        return f'{prefix}the id "{error.get("input")}" may only use letters, digits and _ . : -'
    if etype == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return f"{prefix}{message}"
    message = error["msg"]
    return f"{prefix}{name + ': ' if name else ''}{message[0].lower() + message[1:]}"


_KNOWN_KEYS = {
    "title", "description", "tags", "sources", "cards", "type", "id", "question", "answer", "accept", "choices",
    "front", "back", "statement", "text", "explanation", "provenance", "source", "sentence", "start", "end", "fact",
    "kind", "canonical", "value", "aliases", "path", "url", "published", "distractors",
}


def _suggest_key(bad: str, error: dict[str, Any]) -> str:
    close = difflib.get_close_matches(bad, sorted(_KNOWN_KEYS), n=1, cutoff=0.75)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _semantic_checks(deck: Deck, positions: _Positions, path: str) -> list[Problem]:
    problems: list[Problem] = []
    first_by_id: dict[str, int] = {}
    for i, card in enumerate(deck.cards):
        cid = card.card_id
        if cid in first_by_id:
            other = first_by_id[cid] + 1
            if card.id:
                line, col = positions.best(("cards", i, "id")) or (None, None)
                message = f'card {i + 1} ({card.type}): the id "{cid}" is already used by card {other}'
            else:
                line, col = positions.best(("cards", i)) or (None, None)
                message = f"card {i + 1} ({card.type}): asks the same question as card {other}; merge them or give one an id:"
            problems.append(Problem(Location(path, line, col), message))
        else:
            first_by_id[cid] = i
        if isinstance(card, MultipleChoiceCard):
            pass  # choice checks live in the model validator
    source_keys = {s.key for s in deck.sources}
    for i, card in enumerate(deck.cards):
        prov = card.provenance
        if prov and prov.source and deck.sources and prov.source not in source_keys:
            line, col = positions.best(("cards", i, "provenance", "source")) or (None, None)
            problems.append(Problem(Location(path, line, col), f'card {i + 1} ({card.type}): the source "{prov.source}" is not listed under sources:'))
        if prov and prov.start is not None and prov.end is not None and prov.end < prov.start:
            line, col = positions.best(("cards", i, "provenance", "end")) or (None, None)
            problems.append(Problem(Location(path, line, col), f"card {i + 1} ({card.type}): provenance end comes before its start"))
    return problems


# ---------------------------------------------------------------------------
# Writing


class _DeckDumper(_Dumper):  # type: ignore[misc, valid-type]
    pass


def _str_representer(dumper: yaml.Dumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_DeckDumper.add_representer(str, _str_representer)


def deck_to_data(deck: Deck) -> dict[str, Any]:
    """The canonical plain-data form of a deck: explicit types and ids, no empty keys."""
    data = deck.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    out: dict[str, Any] = {"title": data["title"]}
    for key in ("description", "tags", "sources"):
        if data.get(key):
            out[key] = data[key]
    cards = []
    for card_model, card in zip(deck.cards, data.get("cards", [])):
        card["id"] = card_model.card_id
        card = {k: v for k, v in card.items() if v not in ([], None, "")}
        ordered = {k: card[k] for k in _FIELD_ORDER if k in card}
        ordered.update({k: v for k, v in card.items() if k not in ordered})
        if "provenance" in ordered:
            ordered["provenance"] = _drop_empty(ordered["provenance"])
        cards.append(ordered)
    out["cards"] = cards
    return out


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in ([], None, "", {})}
    return value


def dump_deck(deck: Deck, schema_comment: bool = True) -> str:
    """The deck as canonical YAML text."""
    body = yaml.dump(
        deck_to_data(deck), Dumper=_DeckDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    header = "# yaml-language-server: $schema=https://quizapp.invalid/deck.schema.json\n" if False else ""
    return header + body


def save_deck(deck: Deck, path: str | Path) -> None:
    """Write a deck atomically: a crash mid-write never leaves a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dump_deck(deck)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
