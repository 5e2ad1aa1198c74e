"""Opening a deck file in the user's editor at a card's line."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.errors import QuizappError

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import AnyCard
    from quizapp.errors import DeckError

#: Editors that take ``--goto file:line`` instead of the common ``+line file``.
_GOTO_EDITORS = {"code", "code-insiders", "codium"}
_COLON_EDITORS = {"subl", "zed", "hx", "helix", "micro"}


def card_line(text: str, card: AnyCard) -> int | None:
    """1-based line where ``card`` starts in the deck text: its ``id:`` line, else the line holding its prompt."""
    lines = text.splitlines()
    if card.id:
        pattern = re.compile(rf"""^\s*(-\s+)?id:\s*["']?{re.escape(card.id)}["']?\s*(#.*)?$""")
        for number, line in enumerate(lines, start=1):
            if pattern.match(line):
                return number
    prompt = " ".join(card.prompt_text().split())
    # Long prompts may be folded over several lines; their opening words are enough to find them.
    probe = prompt[:40]
    for number, line in enumerate(lines, start=1):
        if probe and probe in " ".join(line.split()):
            return number
    return None


#: Tried in order after $VISUAL and $EDITOR, as git does: Debian's alternatives link, then the usual two.
FALLBACK_EDITORS = ("editor", "vi", "nano")


class EditorNotFound(QuizappError):
    """No editor that can be run was found."""


def resolve_editor(
    environ: Mapping[str, str] | None = None, which: Callable[[str], str | None] = shutil.which
) -> tuple[list[str], list[str]]:
    """The editor to run, as argv, and why any configured one before it was passed over.

    $VISUAL, then $EDITOR (either may carry arguments: "code --wait"), then ``editor``, ``vi``
    and ``nano``: the first whose program is on PATH. It is looked up before the app hands over
    the terminal, because a program that cannot start would leave the screen suspended.
    """
    environ = os.environ if environ is None else environ
    candidates = [(f"${name}", environ.get(name, "").strip()) for name in ("VISUAL", "EDITOR")]
    candidates += [(name, name) for name in FALLBACK_EDITORS]
    passed_over: list[str] = []
    for source, text in candidates:
        if not text:
            continue
        try:
            argv = shlex.split(text)
        except ValueError as exc:
            passed_over.append(f"{source} ({text}) cannot be read: {exc}")
            continue
        if argv and which(argv[0]):
            return argv, passed_over
        if source.startswith("$"):
            passed_over.append(f"{source} is {text}, but {argv[0] if argv else text!r} is not installed (not on PATH)")
    reasons = "; ".join(passed_over) + "; " if passed_over else ""
    raise EditorNotFound(
        f"{reasons}no editor found ({', '.join(FALLBACK_EDITORS)} are not on PATH either): "
        "set $EDITOR (or $VISUAL) to an editor that is installed"
    )


def editor_command(path: Path, line: int | None, editor: str | list[str]) -> list[str]:
    """The command that opens ``path`` at ``line`` in ``editor`` (a command line or argv)."""
    argv = shlex.split(editor) if isinstance(editor, str) else list(editor)
    name = Path(argv[0]).name
    if line is None:
        return [*argv, str(path)]
    if name in _GOTO_EDITORS:
        return [*argv, "--goto", f"{path}:{line}"]
    if name in _COLON_EDITORS:
        return [*argv, f"{path}:{line}"]
    return [*argv, f"+{line}", str(path)]


def problem_line(error: DeckError) -> int | None:
    """The line of a broken deck's first located problem (where the editor should open), if any has one."""
    return next((p.location.line for p in error.problems if p.location.line is not None), None)


def editable_copy(path: Path, user_dir: Path) -> tuple[Path, bool]:
    """Where to edit the deck at ``path``: itself, or for a bundled deck a copy in ``user_dir`` (made now).

    Bundled decks are part of the installed program (an update would overwrite edits, and the
    folder may be read-only), so edits go to a copy. Returns (path to edit, whether it is a new copy).
    """
    import shutil

    from quizapp.paths import BUNDLED_DECKS_DIR

    if Path(path).resolve().parent != BUNDLED_DECKS_DIR.resolve():
        return Path(path), False
    user_dir.mkdir(parents=True, exist_ok=True)
    target, number = user_dir / Path(path).name, 2
    while target.exists():
        target = user_dir / f"{Path(path).stem}-{number}{Path(path).suffix}"
        number += 1
    shutil.copyfile(path, target)
    return target, True
