"""The validated-deck cache: big unchanged decks come from it, any edit is read and checked again."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.deck import cache
from quizapp.deck.model import Deck, TypedCard
from quizapp.deck.yaml_io import dump_deck, load_deck
from quizapp.errors import DeckError


def _big_deck_file(tmp_path: Path, n: int = 3000) -> Path:
    deck = Deck(
        title="Big",
        cards=[TypedCard(id=f"c{i}", question=f"What is item {i}?", answer=f"Answer {i}") for i in range(n)],
    )
    path = tmp_path / "big.yaml"
    path.write_text(dump_deck(deck), encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_CACHED_CHARS
    return path


def test_an_unchanged_big_deck_comes_from_the_cache(tmp_path, monkeypatch):
    path = _big_deck_file(tmp_path)
    first = load_deck(path)
    calls = []
    monkeypatch.setattr("quizapp.deck.yaml_io.parse_deck", lambda *a, **k: calls.append(a) or first)
    again = load_deck(path)
    assert again == first
    assert calls == []  # not parsed again


def test_an_edited_deck_is_read_and_checked_again(tmp_path):
    path = _big_deck_file(tmp_path)
    load_deck(path)
    text = path.read_text(encoding="utf-8").replace("answer: Answer 7\n", "answer: Changed\n", 1)
    path.write_text(text, encoding="utf-8")
    assert load_deck(path).card_by_id("c7").answer == "Changed"
    broken = text.replace("answer: Answer 9\n", "answer:\n", 1)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DeckError) as excinfo:
        load_deck(path)
    assert "card 10" in str(excinfo.value)


def test_a_corrupt_cache_entry_is_ignored(tmp_path):
    path = _big_deck_file(tmp_path)
    expected = load_deck(path)
    entry = cache._entry_path(path)
    assert entry.exists()
    entry.write_bytes(entry.read_bytes()[:100])
    assert load_deck(path) == expected


def test_small_decks_are_not_cached(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text("title: Small\ncards:\n  - q: Why?\n    a: Because\n", encoding="utf-8")
    load_deck(path)
    assert not cache._entry_path(path).exists()
