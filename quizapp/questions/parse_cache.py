"""What the stages read from a spaCy parse again and again, read once and kept in ``doc.user_data``.

spaCy makes a new ``Token`` object each time a sentence is walked (``for token in sentence``); the stages walk
the same sentences for every fact they hold, and that object making cost more than the checks themselves. A parse
is never changed after spaCy made it, so what is read from it once stays true.
"""

from __future__ import annotations

from typing import Any


def span_tokens(span: Any) -> tuple[Any, ...]:
    """The tokens of a span (a sentence, a clause) in order: ``tuple(span)``, made once per parse."""
    known: dict[tuple[int, int], tuple[Any, ...]] = span.doc.user_data.setdefault("quizapp_span_tokens", {})
    key = (span.start, span.end)
    tokens = known.get(key)
    if tokens is None:
        tokens = known[key] = tuple(span)
    return tokens


def entities(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, made once per parse (spaCy builds every entity's span anew on each access)."""
    ents = doc.user_data.get("quizapp_entities")
    if ents is None:
        ents = doc.user_data["quizapp_entities"] = tuple(doc.ents)
    return ents


def doc_text(doc: Any) -> str:
    """``doc.text``, made once per parse (spaCy joins every token's text anew on each access)."""
    text = doc.user_data.get("quizapp_text")
    if text is None:
        text = doc.user_data["quizapp_text"] = doc.text
    return text


def expanded_span(doc: Any, start: int, end: int) -> Any | None:
    """``doc.char_span(start, end, alignment_mode="expand")``, made once per parse and place (the checks ask for
    the same mention's tokens several times a candidate)."""
    known: dict[tuple[int, int], Any] = doc.user_data.setdefault("quizapp_expanded_spans", {})
    key = (start, end)
    if key not in known:
        known[key] = doc.char_span(start, end, alignment_mode="expand")
    return known[key]


def span_text(span: Any) -> str:
    """``span.text``, cut from the parse's kept text (spaCy joins every token of the span anew on each access,
    making a ``Token`` of each; a span's text is the document's text between its first and last characters)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


#: Parts of speech whose words carry an article's content (for ``content_words``).
_CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")


def content_words(doc: Any) -> list[tuple[int, int, str, bool, bool]]:
    """Every alphabetic non-stop word of the parse as (token index, character offset, casefolded lemma, whether
    its part of speech is a content one, whether it is inside a named entity), read once per parse.

    Read column-wise with ``Doc.to_array``: walking the tokens made a ``Token`` per word, and two stages each
    walked every word of every article.
    """
    words = doc.user_data.get("quizapp_content_words")
    if words is not None:
        return words
    from spacy.attrs import ENT_IOB, IDX, IS_ALPHA, IS_STOP, LEMMA, POS

    strings = doc.vocab.strings
    content_pos = {strings[name] for name in _CONTENT_POS}
    lemmas: dict[int, str] = {}
    words = []
    table = doc.to_array([IS_ALPHA, IS_STOP, POS, LEMMA, IDX, ENT_IOB])
    for i, (alpha, stop, pos, lemma, idx, iob) in enumerate(table.tolist()):
        if not alpha or stop:
            continue
        text = lemmas.get(lemma)
        if text is None:
            text = lemmas[lemma] = strings[lemma].casefold()
        # ENT_IOB: 0 no annotation, 1 inside, 2 outside, 3 beginning
        words.append((i, idx, text, pos in content_pos, iob in (1, 3)))
    doc.user_data["quizapp_content_words"] = words
    return words
