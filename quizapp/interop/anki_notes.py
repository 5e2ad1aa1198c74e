"""The Anki note types quizapp writes, shared by the exporter and the importer.

Each quizapp card type has its own note type, so a package made by quizapp comes back
as the same cards: the importer recognises these names and fields. Every note type
ends with the same fields: the explanation, the source, the source sentence and the
quizapp card id (which also gives the note its stable GUID).
"""

from __future__ import annotations

#: Fields every quizapp note type ends with.
COMMON_FIELDS = ["Explanation", "Source", "Sentence", "Card id"]

#: note type name -> the fields before the common ones.
NOTE_TYPE_FIELDS: dict[str, list[str]] = {
    "quizapp Basic": ["Front", "Back"],
    "quizapp Typed": ["Question", "Answer", "Accept"],
    "quizapp Multiple choice": ["Question", "Choices", "Answer"],
    "quizapp True/false": ["Statement", "Answer"],
    "quizapp Cloze": ["Text"],
}

#: Which note type each quizapp card type becomes.
NOTE_TYPE_OF_CARD = {
    "flashcard": "quizapp Basic",
    "typed": "quizapp Typed",
    "multiple_choice": "quizapp Multiple choice",
    "true_false": "quizapp True/false",
    "cloze": "quizapp Cloze",
}
CARD_OF_NOTE_TYPE = {name: card for card, name in NOTE_TYPE_OF_CARD.items()}


def all_fields(note_type: str) -> list[str]:
    return NOTE_TYPE_FIELDS[note_type] + COMMON_FIELDS


#: Shown on every card's back, below the answer; each part only when it has content.
_EXTRA = (
    "{{#Explanation}}<div class=explanation>{{Explanation}}</div>{{/Explanation}}"
    "{{#Sentence}}<div class=sentence>{{Sentence}}</div>{{/Sentence}}"
    "{{#Source}}<div class=source>{{Source}}</div>{{/Source}}"
)

#: note type name -> (front template, back template).
TEMPLATES: dict[str, tuple[str, str]] = {
    "quizapp Basic": ("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}" + _EXTRA),
    # {{type:Answer}} is Anki's type-in box; Anki compares what was typed with the Answer field.
    "quizapp Typed": (
        "{{Question}}<br><br>{{type:Answer}}",
        "{{Question}}<hr id=answer>{{type:Answer}}{{#Accept}}<div class=accept>Also accepted: {{Accept}}</div>{{/Accept}}"
        + _EXTRA,
    ),
    "quizapp Multiple choice": (
        "{{Question}}<div class=choices>{{Choices}}</div>",
        "{{FrontSide}}<hr id=answer>{{Answer}}" + _EXTRA,
    ),
    "quizapp True/false": (
        "True or false?<br><br>{{Statement}}",
        "{{FrontSide}}<hr id=answer>{{Answer}}" + _EXTRA,
    ),
    "quizapp Cloze": ("{{cloze:Text}}", "{{cloze:Text}}" + _EXTRA),
}

CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; color: black; background-color: white; }
.explanation, .sentence, .source { margin-top: 1em; font-size: 16px; }
.sentence { font-style: italic; }
.source { color: grey; }
.choices { margin-top: 1em; text-align: left; display: inline-block; }
.cloze { font-weight: bold; color: blue; }
"""
