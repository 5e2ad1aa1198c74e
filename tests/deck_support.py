"""What the deck-reading property tests build decks from: every key the format knows, and a few it does not."""

from __future__ import annotations

from quizapp.deck.concise import KEY_ALIASES
from quizapp.deck.model import (
    ClozeCard,
    Deck,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    Source,
    TrueFalseCard,
    TypedCard,
)

_MODELS = (Deck, Source, Provenance, FactRef, Flashcard, TypedCard, MultipleChoiceCard, TrueFalseCard, ClozeCard)

#: The deck format's keys (taken from the models and the short forms, so a new field is fuzzed too), a merge key
#: and one key no model has.
DECK_KEYS: list[str] = sorted(
    {name for model in _MODELS for name in model.model_fields} | set(KEY_ALIASES) | {"distractors", "<<", "bogus"}
)
