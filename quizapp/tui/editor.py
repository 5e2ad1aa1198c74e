"""Opening a deck file in the user's editor at a card's line."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from quizapp.deck.model import AnyCard

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


def editor_command(path: Path, line: int | None, editor: str | None = None) -> list[str]:
    """The command that opens ``path`` at ``line`` in $VISUAL / $EDITOR (vi when neither is set)."""
    editor = editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    argv = shlex.split(editor)
    name = Path(argv[0]).name
    if line is None:
        return [*argv, str(path)]
    if name in _GOTO_EDITORS:
        return [*argv, "--goto", f"{path}:{line}"]
    if name in _COLON_EDITORS:
        return [*argv, f"{path}:{line}"]
    return [*argv, f"+{line}", str(path)]
