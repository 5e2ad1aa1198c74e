"""Finding deck files: the bundled folder, the user's deck folder and paths given."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.errors import DeckError, Location, Problem
from quizapp.paths import deck_search_dirs

if TYPE_CHECKING:  # pragma: no cover - the deck model is imported only to read decks (not to list files)
    from quizapp.deck.model import Deck

DECK_SUFFIXES = (".yaml", ".yml")


@dataclass
class DeckEntry:
    """A deck file found on disk, read or with the reason it could not be."""

    path: Path
    title: str
    cards: int
    items: int
    origin: str  # "bundled", "user" or "given"
    error: str | None = None
    #: The deck as read, when the caller asked to keep it (so it is not read twice).
    deck: Deck | None = field(default=None, repr=False, compare=False)


def deck_files(
    paths: list[Path], data_dir: str | Path | None = None, include_default: bool = True
) -> list[tuple[Path, str]]:
    """Deck files to show, each once, with where they were found."""
    candidates: list[tuple[Path, str]] = []
    if include_default:
        for folder, origin in zip(deck_search_dirs(data_dir), ("bundled", "user")):
            if folder.is_dir():
                candidates += [(p, origin) for p in sorted(folder.iterdir()) if p.suffix in DECK_SUFFIXES]
    for path in paths:
        path = Path(path)
        if path.is_dir():
            candidates += [(p, "given") for p in sorted(path.iterdir()) if p.suffix in DECK_SUFFIXES]
        else:
            candidates.append((path, "given"))
    seen: set[Path] = set()
    unique = []
    for path, origin in candidates:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append((path, origin))
    return unique


def expand_deck_paths(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Files to check for the given paths: a folder stands for the deck files in it.

    A folder without deck files is a problem of its own (a typo in a folder name
    must not pass as "all decks valid").
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in DECK_SUFFIXES and p.is_file())
            if not inside:
                problems.append(Problem(Location(str(path)), "is a folder with no deck files (*.yaml, *.yml) in it"))
            files += inside
        else:
            files.append(path)
    return files, problems


def discover_decks(
    paths: list[Path], data_dir: str | Path | None = None, include_default: bool = True, *, keep_decks: bool = False
) -> list[DeckEntry]:
    """Every deck file found, read; ``keep_decks`` keeps each deck read on its entry (for statistics)."""
    from quizapp.deck.yaml_io import load_deck

    entries = []
    for path, origin in deck_files(paths, data_dir, include_default):
        try:
            deck = load_deck(path)
        except DeckError as exc:
            first = exc.problems[0] if exc.problems else None
            more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            entries.append(DeckEntry(path, path.stem, 0, 0, origin, error=f"{first.message if first else exc}{more}"))
            continue
        entries.append(
            DeckEntry(
                path,
                deck.title,
                len(deck.cards),
                sum(deck.study_item_counts().values()),
                origin,
                deck=deck if keep_decks else None,
            )
        )
    return entries
