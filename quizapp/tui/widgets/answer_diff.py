"""What was typed next to what was expected, with the differences highlighted."""

from __future__ import annotations

from rich.text import Text


def diff_texts(given: str, expected: str) -> tuple[Text, Text]:
    """(typed, expected) as rich Text: extra or wrong characters red in the typed line, missing ones green."""
    from quizapp.study.grading import diff_opcodes

    typed, wanted = Text(), Text()
    for tag, part_given, part_expected in diff_opcodes(given, expected):
        if tag == "equal":
            typed.append(part_given)
            wanted.append(part_expected)
        else:
            if part_given:
                typed.append(part_given, style="bold red strike" if tag == "delete" else "bold red")
            if part_expected:
                wanted.append(part_expected, style="bold green underline")
    return typed, wanted
