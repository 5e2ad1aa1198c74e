"""Reading and writing deck files, with every problem located by file, line and column.

Reading is strict about *safety* and lenient about *form*:

* :mod:`quizapp.deck.safe_yaml` reads only YAML's safe subset and keeps every
  scalar as the text the author typed (``answer: no`` is "no", ``answer: 1945``
  is "1945", ``answer: 3.10`` is "3.10", ``answer: ~`` is "~"); the model converts
  the few fields that are not text. Files over :data:`MAX_DECK_BYTES`, alias bombs
  and absurd nesting are refused with one clear message.
* :mod:`quizapp.deck.concise` expands the hand-written shortcuts (``q:``/``a:``,
  ``distractors:``, an omitted ``type:``); :func:`dump_deck` always writes the
  canonical form.
* Each card is validated on its own, so one broken card never hides the
  problems of another, and the deck-wide checks (duplicate ids, the same
  question twice, unknown sources) run over every card that is valid. All
  problems of a file are raised together as :class:`~quizapp.errors.DeckError`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from quizapp.deck.cache import cached_deck, keep_built, paused_gc, remember_deck
from quizapp.deck.concise import expand_deck
from quizapp.deck.messages import card_label, translate
from quizapp.deck.model import CARD_TYPES, PROMPT_KEYS, Card, Deck, Source, derive_card_id
from quizapp.deck.safe_yaml import NotPlain, Positions, YamlRefused, read_plain, read_yaml
from quizapp.errors import DeckError, Location, Problem
from quizapp.files import write_atomically

MAX_DECK_BYTES = 10 * 1024 * 1024

_CARD = TypeAdapter(Card)

_CARD_KEY_ORDER = [
    "type",
    "id",
    "question",
    "front",
    "back",
    "statement",
    "text",
    "answer",
    "choices",
    "accept",
    "explanation",
    "tags",
    "provenance",
]


def read_text(path: Path) -> str:
    """Read a deck file as text, refusing huge or undecodable files with a clear message."""

    def refuse(message: str, line: int | None = None) -> DeckError:
        return DeckError(path, [Problem(Location(str(path), line), message)])

    limit = f"deck files are limited to {MAX_DECK_BYTES // 2**20} MB"
    try:
        if path.is_dir():
            raise refuse("is a folder, not a deck file")
        size = path.stat().st_size
        if size > MAX_DECK_BYTES:
            raise refuse(f"the file is {size / 2**20:.0f} MB; {limit}")
        # Read at most one byte past the limit: a pipe or device reports no size.
        data = _read_at_most(path, MAX_DECK_BYTES + 1)
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as exc:
        raise refuse(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_DECK_BYTES:
        raise refuse(f"the file is larger than {MAX_DECK_BYTES // 2**20} MB; {limit}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refuse("the file is not UTF-8 text; save it as UTF-8", line) from None


def _read_at_most(path: Path, limit: int) -> bytes:
    """Up to ``limit`` bytes of a file, without waiting forever on a named pipe nobody writes to.

    Opening a pipe for reading blocks until a writer appears; opening it non-blocking never
    does. Reads are made blocking again, so a pipe that is being written (``<(cat deck.yaml)``)
    is read to its end, and one with no writer reads as empty.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblocking)
    try:
        if nonblocking:
            os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        return handle.read(limit)


def load_deck(path: str | Path, *, use_cache: bool = True) -> Deck:
    """Read and validate a deck file; raises :class:`DeckError` listing every problem.

    Big decks that were read before unchanged come from :mod:`quizapp.deck.cache`.
    """
    path = Path(path)
    text = read_text(path)
    if use_cache:
        deck = cached_deck(path, text)
        if deck is not None:
            return deck
    with paused_gc():  # tens of thousands of cards are built at once: see quizapp.deck.cache
        deck = parse_deck(text, str(path))
        keep_built(deck)
    if use_cache:
        remember_deck(path, text, deck)
    return deck


def parse_deck(text: str, path: str = "<deck>") -> Deck:
    """Validate deck YAML ``text``; ``path`` is only used in messages."""
    try:
        size = len(text.encode("utf-8")) if len(text) <= MAX_DECK_BYTES else len(text)
    except UnicodeEncodeError as exc:
        # Half of a surrogate pair: text pasted or decoded with surrogateescape; YAML cannot hold it.
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        message = f"the text holds U+{ord(text[exc.start]):04X}, which is not a character (half of a surrogate pair)"
        raise DeckError(path, [Problem(Location(path, line, column), message)]) from None
    if size > MAX_DECK_BYTES:
        raise DeckError(path, [Problem(Location(path), f"the deck is larger than {MAX_DECK_BYTES // 2**20} MB")])
    deck = _parse_valid_deck(text, path)
    if deck is not None:
        return deck
    # Something is wrong or unusual: read again, keeping every position, to say where.
    try:
        read = read_yaml(text, path)
    except YamlRefused as exc:
        raise DeckError(path, [exc.problem]) from None
    problems = list(read.problems)
    positions = read.positions
    if read.data is None:
        raise DeckError(
            path,
            problems + [Problem(Location(path, 1, 1), "the file is empty; a deck needs at least a title: and cards:")],
        )
    if not isinstance(read.data, dict):
        line, col = positions.value.get((), (1, 1))
        raise DeckError(
            path,
            problems
            + [Problem(Location(path, line, col), "the top level of a deck must be a mapping with title: and cards:")],
        )

    data, unexpanded = expand_deck(read.data, positions, path)
    problems += unexpanded.values()
    if "cards" not in data:
        problems.append(Problem(Location(path, *positions.value.get((), (1, 1))), 'missing required key "cards"'))

    # Cards and sources one at a time, so that every broken one is reported.
    cards = _validate_items(data, "cards", positions, path, problems, skip=set(unexpanded))
    sources = _validate_items(data, "sources", positions, path, problems)
    rest = {k: v for k, v in data.items() if not (k in ("cards", "sources") and isinstance(v, list))}
    try:
        Deck.model_validate(rest)
    except ValidationError as exc:
        problems += translate(exc, positions, path)

    raw_cards = data["cards"] if isinstance(data.get("cards"), list) else []
    problems += _semantic_checks(raw_cards, cards, sources, positions, path)
    if problems:
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise DeckError(path, problems)
    rest["cards"] = [card for _, card in cards]
    rest["sources"] = [source for _, source in sources]
    return Deck.model_validate(rest)


def _parse_valid_deck(text: str, path: str) -> Deck | None:
    """The deck, when ``text`` is an ordinary, valid deck; None when anything needs the full reading.

    Most decks opened are valid, and for them the positions :func:`parse_deck` keeps (to
    point at problems) and its card-by-card validation (so that one broken card does not
    hide another) are wasted work: a 50,000-card deck reads in well under half the time
    without them. Every check is the same; at the first problem this gives up and the
    full reading finds and locates all of them.
    """
    try:
        data = read_plain(text)
    except NotPlain:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        return None
    positions = Positions()  # empty: nothing is reported from here
    data, unexpanded = expand_deck(data, positions, path)
    if unexpanded:
        return None
    if "sources" not in data:
        data["sources"] = []  # as parse_deck's result always has them (model_fields_set included)
    elif not isinstance(data["sources"], list):
        return None
    try:
        deck = Deck.model_validate(data)
    except ValidationError:
        return None
    # The cross-card checks of _semantic_checks. The ids of valid cards are the ones it derives
    # from the raw cards (the same written id, or the same hash of the same question).
    card_ids = {card.card_id for card in deck.cards}
    if len(card_ids) != len(deck.cards):
        return None
    if _provenance_problems(list(enumerate(deck.cards)), list(enumerate(deck.sources)), positions, path):
        return None
    return deck


def _validate_items(
    data: dict[str, Any],
    key: str,
    positions: Positions,
    path: str,
    problems: list[Problem],
    skip: frozenset[int] | set[int] = frozenset(),
) -> list[tuple[int, Any]]:
    """The valid entries of the list ``data[key]`` with their indices; problems of the others are appended.

    Entries in ``skip`` already have their problem reported.
    """
    items = data.get(key)
    if not isinstance(items, list):
        return []
    valid: list[tuple[int, Any]] = []  # (index, card) or (index, source)
    for index, raw in enumerate(items):
        where = (key, index)
        if index in skip:
            continue
        if key == "cards":
            card_type = raw.get("type") if isinstance(raw, dict) and isinstance(raw.get("type"), str) else None
            if not isinstance(raw, dict):
                line, col = positions.best(where) or (None, None)
                problems.append(
                    Problem(
                        Location(path, line, col),
                        f"{card_label(index, None)}: a card must be a mapping of keys, like q: and a:",
                    )
                )
                continue
            try:
                valid.append((index, _CARD.validate_python(raw)))
            except ValidationError as exc:
                problems += translate(exc, positions, path, where, card_type)
        else:
            try:
                valid.append((index, Source.model_validate(raw)))
            except ValidationError as exc:
                problems += translate(exc, positions, path, where)
    return valid


def _raw_identity(raw: Any) -> tuple[str, bool, str] | None:
    """(id, whether it was written, type) of an expanded card, or None when it has neither id nor question."""
    if not isinstance(raw, dict) or raw.get("type") not in CARD_TYPES:
        return None
    card_type = raw["type"]
    if isinstance(raw.get("id"), str):
        return raw["id"].strip(), True, card_type
    prompt = raw.get(PROMPT_KEYS[card_type])
    if isinstance(prompt, str) and prompt.strip():
        return derive_card_id(card_type, prompt), False, card_type
    return None


def _semantic_checks(
    raw_cards: list[Any],
    cards: list[tuple[int, Any]],
    sources: list[tuple[int, Source]],
    positions: Positions,
    path: str,
) -> list[Problem]:
    """Checks across cards: ids and questions used twice, sources that are not listed."""
    problems: list[Problem] = []

    def add(where: tuple[Any, ...], message: str) -> None:
        line, col = positions.best(where) or (None, None)
        problems.append(Problem(Location(path, line, col), message))

    # Identities come from the raw cards, so a card that is broken in some other way
    # still takes part (and a later card asking the same question is still caught).
    first_by_id: dict[str, int] = {}
    for index, raw in enumerate(raw_cards):
        identity = _raw_identity(raw)
        if identity is None:
            continue
        card_id, explicit, card_type = identity
        if card_id in first_by_id:
            label = card_label(index, card_type)
            other = first_by_id[card_id] + 1
            if explicit:
                add(("cards", index, "id"), f'{label}: the id "{card_id}" is already used by card {other}')
            else:
                add(("cards", index), f"{label}: asks the same question as card {other}; merge them or give one an id:")
        else:
            first_by_id[card_id] = index
    return problems + _provenance_problems(cards, sources, positions, path)


def _provenance_problems(
    cards: list[tuple[int, Any]], sources: list[tuple[int, Source]], positions: Positions, path: str
) -> list[Problem]:
    """Cards whose provenance names a source that is not listed, or ends before it starts."""
    problems: list[Problem] = []

    def add(where: tuple[Any, ...], message: str) -> None:
        line, col = positions.best(where) or (None, None)
        problems.append(Problem(Location(path, line, col), message))

    source_keys = {source.key for _, source in sources}
    for index, card in cards:
        prov = card.provenance
        if prov is None:
            continue
        if prov.source and sources and prov.source not in source_keys:
            add(
                ("cards", index, "provenance", "source"),
                f'{card_label(index, card.type)}: the source "{prov.source}" is not listed under sources:',
            )
        if prov.start is not None and prov.end is not None and prov.end < prov.start:
            add(
                ("cards", index, "provenance", "end"),
                f"{card_label(index, card.type)}: provenance end comes before its start",
            )
    return problems


# ---------------------------------------------------------------------------
# Writing


class _DeckDumper(yaml.SafeDumper):
    """Indents list items under their key (``cards:\n  - type: ...``), as people write YAML."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


#: Characters YAML treats as line breaks but that a literal block or a single-quoted
#: scalar would not give back unchanged; text holding them is written double-quoted.
_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text reads best as a literal block; the emitter falls back to quotes when it must.
    if any(ch in value for ch in _ODD_BREAKS):
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_DeckDumper.add_representer(str, _str_representer)


def deck_to_data(deck: Deck) -> dict[str, Any]:
    """The canonical plain-data form of a deck: explicit types and ids, no empty keys."""
    data = deck.model_dump(mode="json", exclude_none=True)
    out: dict[str, Any] = {"title": data["title"]}
    for key in ("description", "tags", "sources"):
        if data.get(key):
            out[key] = data[key]
    cards = []
    for card_model, card in zip(deck.cards, data.get("cards", [])):
        card["id"] = card_model.card_id
        card = _drop_empty(card)
        ordered = {k: card[k] for k in _CARD_KEY_ORDER if k in card}
        ordered.update({k: v for k, v in card.items() if k not in ordered})
        cards.append(ordered)
    out["cards"] = cards
    return out


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in ([], None, "", {})}
    return value


def dump_deck(deck: Deck, schema: str | None = None) -> str:
    """The deck as canonical YAML text; ``schema`` adds the yaml-language-server line pointing at it."""
    body = yaml.dump(
        deck_to_data(deck), Dumper=_DeckDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    header = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    return header + body


def save_deck(deck: Deck, path: str | Path, schema: str | None = None) -> None:
    """Write a deck atomically (a crash mid-write never leaves a half-written file), keeping the file's mode.

    Whether an existing file may be replaced is the caller's question to ask: this replaces it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, dump_deck(deck, schema))
