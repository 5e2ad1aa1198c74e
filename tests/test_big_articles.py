"""Long articles: parsed in pieces within spaCy's limit, quizzed on a bounded part, refused past the size limit,
with progress the app can show and stop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quizapp.errors import IngestError
from quizapp.facts import extract
from quizapp.ingest import MAX_QUIZZED_CHARS, formats, read_article, spread_sample
from quizapp.ingest.cleaning import Paragraph

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "harbor_article.txt"


def _varied_paragraphs(count: int) -> list[str]:
    """Paragraphs that differ in their words (cleaning keeps one of each repeated paragraph)."""
    places = ["Bergen", "Tromsø", "Bodø", "Ålesund", "Narvik", "Molde", "Hamar", "Lillehammer"]
    return [
        f"In {1900 + i % 120} the council of {places[i % 8]} voted {i} times on harbor plan {i * 37}, "
        f"and {i % 13 + 2} members of district {i * 11} objected to the cost of {i * 1000 + 7} kroner."
        for i in range(count)
    ]


def test_text_chunks_cut_at_paragraph_breaks_and_join_back_to_the_text():
    text = "\n\n".join(_varied_paragraphs(40))
    pieces = extract.text_chunks(text, 1000)
    assert len(pieces) > 1 and "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    # A text without paragraph breaks (or without any space) is still cut within the limit.
    run_on = " ".join(_varied_paragraphs(40))
    assert "".join(extract.text_chunks(run_on, 1000)) == run_on
    assert max(len(p) for p in extract.text_chunks("x" * 2500, 1000)) == 1000


def test_a_text_over_spacys_limit_is_parsed_in_pieces_into_one_doc(monkeypatch):
    """spaCy refuses a text over nlp.max_length (E088: a 2 MB article ended in a traceback)."""
    from quizapp.facts.nlp import load_nlp
    from quizapp.ingest.model import Article

    text = "\n\n".join(_varied_paragraphs(30))
    monkeypatch.setattr(load_nlp(), "max_length", 2000)  # the same limit, scaled down to keep the test quick
    monkeypatch.setattr(extract, "CHUNK_CHARS", 1500)
    reported = []
    [doc] = extract.parse_articles(
        [Article(path="long.txt", text=text)], lambda done, total: reported.append((done, total))
    )
    assert doc.text == text
    # Entities, sentences and the parse cover the whole text, the last piece as much as the first.
    assert any(ent.start_char < 1000 for ent in doc.ents) and any(ent.end_char > len(text) - 1000 for ent in doc.ents)
    assert len(list(doc.sents)) >= 30 and doc.has_annotation("DEP")
    assert [done for done, _ in reported] == list(range(1, len(reported) + 1)) and len(reported) > 1
    assert {total for _, total in reported} == {len(reported)}


def test_spread_sample_takes_stretches_from_the_whole_text_within_the_budget():
    paragraphs = [Paragraph(text) for text in _varied_paragraphs(400)]
    sample = spread_sample(paragraphs, 8000, stretches=8)
    size = sum(len(p.text) + 2 for p in sample)
    assert 6000 <= size <= 8000 + 8 * 2
    positions = [paragraphs.index(p) for p in sample]
    assert positions == sorted(positions)
    assert positions[0] == 0 and positions[-1] >= 350  # the beginning and the end are both asked about
    # One paragraph longer than a stretch (a text without breaks) gives its opening sentences.
    [opening] = spread_sample([Paragraph(" ".join(_varied_paragraphs(400)))], 8000, stretches=8)
    assert 500 <= len(opening.text) <= 1000 and opening.text.endswith(".")


def test_a_long_article_is_quizzed_on_a_bounded_part_and_says_so(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(_varied_paragraphs(2000)), encoding="utf-8")
    article = read_article(path)
    assert article.full_length is not None and article.full_length > MAX_QUIZZED_CHARS
    assert len(article.text) <= MAX_QUIZZED_CHARS
    assert read_article(ARTICLE).full_length is None  # a normal article is quizzed whole


def test_an_article_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(formats, "MAX_ARTICLE_BYTES", 1_000_000)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The council met again. " * 100_000)  # 2.3 MB
    with pytest.raises(IngestError) as error:
        read_article(path)
    message = str(error.value)
    assert message.startswith(f"{path}: is 2.3 MB;") and "at most 1 MB" in message


def test_generate_reports_every_step_and_stops_when_progress_raises(tmp_path, monkeypatch):
    from quizapp.questions.generate import generate_deck

    monkeypatch.setattr(extract, "CHUNK_CHARS", 200)
    steps = []
    generate_deck([ARTICLE], default_date=dt.date(2024, 5, 1), progress=lambda *step: steps.append(step))
    done = [d for d, _total, _message in steps]
    total = steps[-1][1]
    assert done == sorted(done) and done[-1] == total
    parsed = [m for _d, _t, m in steps if m.startswith("Parsed")]
    assert len(parsed) > 1 and parsed[-1].endswith(f"of {len(parsed)} pieces")

    class Stop(Exception):
        pass

    def cancel_while_parsing(done, total, message):
        if message.startswith("Parsed"):
            raise Stop

    with pytest.raises(Stop):
        generate_deck([ARTICLE], default_date=dt.date(2024, 5, 1), progress=cancel_while_parsing)
