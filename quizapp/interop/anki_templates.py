"""What an Anki card shows: its note type's template filled with the note's fields.

Enough of Anki's template language to get a card's question and answer as text:
``{{Field}}``, filters (``{{text:Field}}``, ``{{hint:Field}}``, ``{{type:Field}}`` …),
conditional sections ``{{#Field}}…{{/Field}}`` / ``{{^Field}}…{{/Field}}`` and
``{{FrontSide}}``. Text-to-speech and special fields (Tags, Deck, Card) render empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SECTION_RE = re.compile(r"\{\{([#^])\s*([^}]+?)\s*\}\}(.*?)\{\{/\s*\2\s*\}\}", re.DOTALL)
_TAG_RE = re.compile(r"\{\{\s*([^}]+?)\s*\}\}")
#: Anki's marker between the question part and the answer part of a back template.
ANSWER_MARK_RE = re.compile(r"<hr\s+id\s*=\s*[\"']?answer[\"']?\s*/?>", re.IGNORECASE)
_SPECIAL_FIELDS = {"Tags", "Deck", "Subdeck", "Card", "Type", "CardFlag", "CardID"}


@dataclass
class Rendered:
    html: str
    typed_field: str | None = None  # the field of a {{type:Field}} box, if any
    cloze_field: str | None = None  # the field of a {{cloze:Field}}, if any


def render(template: str, fields: dict[str, str], front_side: str = "") -> Rendered:
    """The template with the fields (HTML) filled in."""
    result = Rendered("")

    def has(name: str) -> bool:
        return bool(fields.get(name.split(":")[-1].strip(), "").strip())

    previous = None
    while previous != template:  # sections may nest; peel them from the inside out
        previous = template
        template = _SECTION_RE.sub(lambda m: m.group(3) if (m.group(1) == "#") == has(m.group(2)) else "", template)

    def fill(match: re.Match[str]) -> str:
        parts = [p.strip() for p in match.group(1).split(":")]
        name, filters = parts[-1], parts[:-1]
        if name == "FrontSide" and not filters:
            return front_side
        if "type" in filters:
            if result.typed_field is None:
                result.typed_field = name
            return ""
        if "cloze" in filters and result.cloze_field is None:
            result.cloze_field = name
        if any(f.startswith("tts") for f in filters) or name in _SPECIAL_FIELDS and name not in fields:
            return ""
        return fields.get(name, "")

    result.html = _TAG_RE.sub(fill, template)
    return result


def answer_part(back_html: str, front_html: str) -> str:
    """The part of a rendered back that is the answer: after ``<hr id=answer>``, else without the front."""
    found = ANSWER_MARK_RE.search(back_html)
    if found:
        return back_html[found.end() :]
    if front_html and front_html in back_html:
        return back_html.replace(front_html, "", 1)
    return back_html
