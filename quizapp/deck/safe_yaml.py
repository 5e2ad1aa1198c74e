"""A safe, string-preserving YAML reader that remembers where every value was written.

PyYAML's loaders guess types from how a scalar looks: ``no`` becomes ``False``,
``1945`` an int, ``3.10`` the float 3.1, ``2024-03-19`` a date, ``~`` None. For
a quiz deck that silently changes answers. This reader builds plain Python data
straight from the parser's *event stream* instead, and every scalar stays the
exact text the author typed; the deck model converts the few fields that are not
text (booleans, dates, offsets) itself. Explicit tags (``!!int``, ``!!python/…``)
are ignored, so nothing is ever constructed from the document.

Working on events rather than a composed node tree also makes the limits cheap
and crash-free: libyaml's event parser is iterative, so a file of a million
``[`` cannot overflow a stack here, and aliases are counted by the size of what
they expand to, so a "billion laughs" document is refused after a bounded
amount of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from quizapp.errors import Location, Problem

#: How many values (scalars, lists, mappings) aliases may add to a document, counted in full.
#: What is written out is already bounded by the file size limit; aliases are what can
#: multiply it ("billion laughs"), and a real deck needs only a handful of them.
MAX_ALIAS_VALUES = 100_000
#: How deeply lists and mappings may nest; a deck needs about six levels.
MAX_DEPTH = 64

try:  # libyaml's parser is much faster; fall back to the pure-Python one.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path_ = tuple[Any, ...]  # keys and list indices leading to a value, e.g. ("cards", 2, "answer")


@dataclass
class Positions:
    """Where each value (and each mapping key) of the document was written, 1-based."""

    value: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def best(self, path: Path_) -> tuple[int, int] | None:
        """Position of the deepest part of ``path`` that exists in the file (its key if it has one)."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            if sub in self.key:
                return self.key[sub]
            if sub in self.value:
                return self.value[sub]
        return None

    def alias(self, new: Path_, old: Path_) -> None:
        """Let ``new`` be found where ``old`` was written (used when a concise key is renamed)."""
        if old in self.key:
            self.key[new] = self.key[old]
        if old in self.value:
            self.value[new] = self.value[old]


class YamlRefused(Exception):
    """The document is not read at all; carries the one problem that says why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class ReadResult:
    data: Any
    positions: Positions
    problems: list[Problem]  # problems that did not stop reading (duplicate keys, merge keys, ...)


@dataclass
class _Open:
    """A list or mapping being built."""

    container: list[Any] | dict[str, Any]
    where: Path_
    anchor: str | None
    size_before: int
    pending_key: Any = None
    has_key: bool = False
    key_mark: tuple[int, int] = (0, 0)
    key_ok: bool = True


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    assert mark is not None, "the parser marks where every event starts"
    return mark.line + 1, mark.column + 1


def read_yaml(text: str, path: str) -> ReadResult:
    """Read one YAML document into plain data whose scalars are all strings (or None when empty).

    Raises :class:`YamlRefused` for syntax errors, several documents, bombs and absurd nesting.
    """
    reader = _Reader(path)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            reader.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = exc.problem or "invalid YAML"
        if "nesting depth" in what:
            # PyYAML 6.0.3+ stops deep nesting itself, in its own words: say it in ours, as our own limit does.
            raise YamlRefused(
                Problem(
                    Location(path, line, col),
                    f"the document nests lists and mappings more than {MAX_DEPTH} levels deep",
                )
            ) from None
        if exc.context:
            what = f"{exc.context}, {what}"
        if mark and "tab" not in what and _char_at(text, mark.line, mark.column) == "\t":
            what += " (a tab: YAML is indented with spaces only)"
        raise YamlRefused(Problem(Location(path, line, col), f"YAML syntax error: {what}")) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset and PyYAML a character offset; the reader stops at the
        # first such character, so its first occurrence in the text is the one.
        character = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        at = text.find(character)
        line, col = (text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1) if at >= 0 else (None, None)
        raise YamlRefused(
            Problem(
                Location(path, line, col),
                f"the file holds U+{ord(character):04X}, a control or special character YAML does not allow; remove it",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(Problem(Location(path), f"YAML error: {exc}")) from None
    return ReadResult(reader.root, reader.positions, reader.problems)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if line < len(lines) else ""


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, how many values it expands to)
        self.size = 0
        self.alias_values = 0
        self.documents = 0
        self.root: Any = None

    # -- events ---------------------------------------------------------------

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                line, col = _mark(event)
                self._refuse(line, col, "a deck file holds one YAML document; remove the extra '---'")
        elif isinstance(event, yaml.ScalarEvent):
            plain_empty = not event.style and event.value == ""  # libyaml says "" for plain, PyYAML None
            self._count(1)
            self._value(None if plain_empty else event.value, event, event.anchor, 1)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self._count(1)
            if len(self.stack) >= MAX_DEPTH:
                line, col = _mark(event)
                self._refuse(line, col, f"the document nests lists and mappings more than {MAX_DEPTH} levels deep")
            where = self._child_path(event)
            self.positions.value[where] = _mark(event)
            container: list[Any] | dict[str, Any] = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            self.stack.append(_Open(container, where, event.anchor, self.size - 1))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            done = self.stack.pop()
            self._attach(done.container, done.where, done.anchor, self.size - done.size_before, event)
        elif isinstance(event, yaml.AliasEvent):
            anchor = event.anchor
            if anchor is None or anchor not in self.anchors:
                line, col = _mark(event)
                self._refuse(line, col, f'the alias "*{anchor}" refers to no earlier anchor "&{anchor}"')
            value, size = self.anchors[anchor]
            self._count(size)
            self.alias_values += size
            if self.alias_values > MAX_ALIAS_VALUES:
                line, col = _mark(event)
                self._refuse(
                    line,
                    col,
                    f"aliases expand the document by more than {MAX_ALIAS_VALUES:,} values (aliases of aliases?); "
                    "refusing to read it",
                )
            self._value(value, event, None, size)

    # -- building -------------------------------------------------------------

    def _count(self, size: int) -> None:
        # The running total lets an anchor know how many values it stands for.
        self.size += size

    def _child_path(self, event: yaml.Event) -> Path_:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return top.where + (len(top.container),)
        if top.has_key:
            return top.where + (top.pending_key,)
        return top.where + ("<key>",)

    def _value(self, value: Any, event: yaml.Event, anchor: str | None, size: int) -> None:
        where = self._child_path(event)
        if not self.stack or isinstance(self.stack[-1].container, list) or self.stack[-1].has_key:
            self.positions.value[where] = _mark(event)
        self._attach(value, where, anchor, size, event)

    def _attach(self, value: Any, where: Path_, anchor: str | None, size: int, event: yaml.Event) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        elif not top.has_key:
            self._take_key(top, value, where, event)
        else:
            if top.key_ok:
                top.container[top.pending_key] = value
            top.has_key = False

    def _take_key(self, top: _Open, key: Any, where: Path_, event: yaml.Event) -> None:
        known = self.positions.value.pop(where, None)
        line, col = known if known is not None else _mark(event)
        top.has_key, top.key_ok, top.key_mark = True, False, (line, col)
        if not isinstance(key, str):
            message = "a key must be a plain word, not a list or mapping" if key is not None else "a key is empty"
            self.problems.append(Problem(Location(self.path, line, col), message))
            top.pending_key = f"<bad key at {line}:{col}>"
            return
        top.pending_key = key
        if key == "<<":
            self.problems.append(
                Problem(Location(self.path, line, col), "merge keys (<<) are not supported in deck files")
            )
        elif key in top.container:
            self.problems.append(
                Problem(Location(self.path, line, col), f'the key "{key}" appears twice in this mapping')
            )
        else:
            top.key_ok = True
            self.positions.key[top.where + (key,)] = (line, col)

    def _refuse(self, line: int | None, col: int | None, message: str) -> NoReturn:
        raise YamlRefused(Problem(Location(self.path, line, col), message))


# ---------------------------------------------------------------------------
# The plain reading of an ordinary document


class NotPlain(Exception):
    """The document needs :func:`read_yaml`: it has an anchor or alias, a key that is not a plain
    word or is repeated, a merge key, deep nesting, several documents, or a syntax error."""


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_EndEvents = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NO_KEY = object()


def read_plain(text: str) -> Any:
    """The data :func:`read_yaml` reads from ``text``, without positions, for an ordinary document.

    Keeping the position of every value is most of the cost of :func:`read_yaml`, and
    positions are needed only to point at problems. This reads the same event stream into the
    same data (every scalar the text as written, None for an empty plain one, explicit tags
    ignored) and raises :class:`NotPlain` at anything :func:`read_yaml` would treat specially
    or report, so that a document read here is exactly the one read there.
    """
    containers: list[Any] = []  # the lists and mappings being built, innermost last
    keys: list[Any] = []  # per open container: the pending mapping key, or _NO_KEY
    root: Any = None
    documents = 0
    # The parser's events one call each (yaml.parse's generator asks twice per event).
    parser = _Loader(text)
    next_event = parser.get_event
    try:
        while True:
            event = next_event()
            kind = event.__class__
            if kind is _ScalarEvent:
                if event.anchor is not None:
                    raise NotPlain("anchor")
                value: Any = None if not event.style and event.value == "" else event.value
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                if event.anchor is not None:
                    raise NotPlain("anchor")
                if len(containers) >= MAX_DEPTH:
                    raise NotPlain("depth")
                containers.append({} if kind is _MappingStartEvent else [])
                keys.append(_NO_KEY)
                continue
            elif kind in _EndEvents:
                keys.pop()
                value = containers.pop()
            elif kind is yaml.AliasEvent:
                raise NotPlain("alias")
            else:
                if kind is yaml.StreamEndEvent or event is None:
                    break
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise NotPlain("documents")
                continue
            if not containers:
                root = value
                continue
            top = containers[-1]
            if top.__class__ is list:
                top.append(value)
                continue
            key = keys[-1]
            if key is _NO_KEY:
                if value.__class__ is not str or value == "<<" or value in top:
                    raise NotPlain("key")
                keys[-1] = value
            else:
                top[key] = value
                keys[-1] = _NO_KEY
    except yaml.YAMLError as exc:
        raise NotPlain("syntax") from exc
    finally:
        parser.dispose()
    return root
