"""Reading articles: formats, encodings, standard input, and clear errors."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from quizapp.errors import IngestError
from quizapp.ingest import parse_date_option, read_article, read_articles

FIXTURES = Path(__file__).parent / "fixtures"
PARAGRAPH = "Señora Peña paid 40 “pesos” for the café’s coffee in Bogotá on a rainy morning."


def test_markdown_front_matter_gives_title_and_date_and_markup_is_gone():
    article = read_article(FIXTURES / "lighthouse.md")
    assert article.title == "The Keepers of Cape Verdant"
    assert article.published == dt.date(2023, 9, 14)
    assert "**" not in article.text and "*Northern" not in article.text
    assert "https://" not in article.text and "[1979]" not in article.text
    assert "built in 1887 by the Northern Lights Board" in article.text
    # Headings are headlines, not text; list items stand as their own paragraphs.
    assert "A Beacon Restored" in article.headlines
    assert "A Beacon Restored" not in article.text
    assert "Visitors can climb 212 steps to the gallery." in article.text.split("\n\n")


def test_markdown_tables_are_not_read_as_prose(tmp_path):
    page = tmp_path / "ferries.md"
    page.write_text(
        "# Ferries of Norland\n\nThe Norland ferry line opened in 1921 and still runs twice a day.\n\n"
        "| Port | Notes |\n|------|:-----:|\n| Skarvik | - Skarvik has a ticket office. |\n\n"
        "+--------+--------+\n| Bodø   | ferry  |\n+--------+--------+\n\n"
        "The line carried 41,000 passengers in 2019.\n",
        encoding="utf-8",
    )
    article = read_article(page)
    assert "|" not in article.text and "---" not in article.text and "ticket office" not in article.text
    assert article.text.split("\n\n") == [
        "The Norland ferry line opened in 1921 and still runs twice a day.",
        "The line carried 41,000 passengers in 2019.",
    ]


def test_html_main_text_and_metadata():
    article = read_article(FIXTURES / "museum.html")
    assert article.published == dt.date(2022, 5, 6)
    assert article.title and "Glass Museum Reopens" in article.title
    assert "founded in 1951" in article.text
    assert "Home" not in article.text.split()  # navigation is not article text
    assert "newsletter" not in article.text and "@" not in article.text


def test_a_page_stamped_with_a_time_zone_gives_its_date_without_a_warning(tmp_path):
    import warnings

    page = tmp_path / "harbour.html"
    page.write_text(
        '<html><head><title>Harbour opens</title><meta name="date" content="2014-12-29 08:57:25 EST"></head>'
        "<body><article><h1>Harbour opens</h1><p>The new harbour of Skarvik opened on Monday after four years of "
        "building, the council said.</p><p>The harbour master, Tove Lindqvist, said ferries to Bergen would start "
        "in March.</p></article></body></html>"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        article = read_article(page)
    assert article.published == dt.date(2014, 12, 29)
    assert not caught, [str(w.message) for w in caught]


def test_an_html_page_read_again_gives_the_same_text():
    # trafilatura's repeat filter must not remember paragraphs from one reading (or page) to the next.
    texts = [read_article(FIXTURES / "museum.html").text for _ in range(4)]
    assert "founded in 1951" in texts[-1]
    assert texts == [texts[0]] * 4


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / f"article-{encoding}.txt"
    text = "\n\n".join([PARAGRAPH, "The owner, Luis Peña, opened the café in 1987 near the old plaza."] * 2)
    path.write_bytes(text.encode(encoding))
    article = read_article(path)
    assert article.text.startswith("Señora Peña paid 40 “pesos”")
    assert "\ufeff" not in article.text


def test_standard_input(monkeypatch):
    data = "Oslo, 2 June 2021 — The council of Oslo approved a new tram line on Wednesday.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    article = read_article("-")
    assert article.path == "-"
    assert article.published == dt.date(2021, 6, 2)
    assert "approved a new tram line" in article.text


def test_date_option_overrides_the_article(tmp_path):
    article = read_article(FIXTURES / "lighthouse.md", date=dt.date(2020, 1, 2))
    assert article.published == dt.date(2020, 1, 2)


def test_each_article_keeps_its_own_date():
    articles = read_articles([FIXTURES / "lighthouse.md", FIXTURES / "museum.html"])
    assert [a.published for a in articles] == [dt.date(2023, 9, 14), dt.date(2022, 5, 6)]


def test_missing_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError, match="nope.txt: no such file"):
        read_article(missing)


def test_a_web_address_is_told_to_be_saved_first():
    with pytest.raises(IngestError) as caught:
        read_article("https://example.org/news/harbour-reopens.html")
    assert "is a web address" in str(caught.value) and "save the page" in str(caught.value)


def test_empty_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ")
    with pytest.raises(IngestError, match="empty.txt: the article is empty"):
        read_article(empty)


def test_only_boilerplate_is_a_clear_error(tmp_path):
    path = tmp_path / "furniture.txt"
    path.write_text("Share this article\n\nRead more at the link.\n\nContact: desk@example.org\n")
    with pytest.raises(IngestError, match="furniture.txt: no article text"):
        read_article(path)


def test_folder_and_binary_are_clear_errors(tmp_path):
    with pytest.raises(IngestError, match="is a folder"):
        read_article(tmp_path)
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(IngestError, match="image.txt"):
        read_article(binary)


def _zip_with(member: str, content: bytes) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document"),
        ("notes.docx", _zip_with("word/document.xml", b"<w:document/>"), "a Word document"),
        ("book.epub", _zip_with("mimetype", b"application/epub+zip"), "an EPUB e-book"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "an image (PNG)"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "an old Microsoft Office document"),
    ],
)
def test_a_document_that_is_not_text_is_named_in_the_error(tmp_path, name, data, said):
    # Decoded as text, a PDF gave "no article text found": the reader is told what the file is and what to do.
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: is {said}")
    assert ".txt" in message and ".html" in message


def test_bad_date_option():
    assert parse_date_option("2024-08-01") == dt.date(2024, 8, 1)
    with pytest.raises(IngestError, match="YYYY-MM-DD"):
        parse_date_option("1/8/2024")


def test_markdown_heading_is_the_title_when_there_is_no_front_matter(tmp_path):
    path = tmp_path / "curie.md"
    path.write_text("# Marie Curie\n\nMarie Curie was born in Warsaw in 1867 and moved to Paris in 1891.\n")
    article = read_article(path)
    assert article.title == "Marie Curie"
    assert article.text == "Marie Curie was born in Warsaw in 1867 and moved to Paris in 1891."


# --- an HTML page's title, address and date: read as trafilatura's full metadata reader reads them ------------

PAGES = {
    "og tags": """<html><head><meta property="og:title" content="Tide mill  restored"/>
        <meta property="og:url" content="https://example.org/news/tide-mill"/>
        <meta property="article:published_time" content="2024-05-17T08:00:00Z"/><title>Site | Tide</title></head>
        <body><article><p>The Harwick tide mill turned again on Friday after nine years of repairs.</p></article></body></html>""",
    "json-ld": """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry &amp; bridge",
        "datePublished": "2023-11-02", "url": "https://example.org/ferry"}</script></head>
        <body><article><p>The ferry to Lenna stopped when the bridge opened in 1991.</p></article></body></html>""",
    "title only": """<html><head><title>Lighthouse keepers of Skarvik</title></head>
        <body><p>Posted on 3 March 2021</p><p>Three families kept the light at Skarvik between 1870 and 1961.</p></body></html>""",
    "nothing": "<html><body><p>Just a paragraph.</p></body></html>",
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_title_address_and_date_are_trafilaturas_own(page):
    from trafilatura import extract_metadata
    from trafilatura.utils import load_html

    from quizapp.ingest.formats import _title_url_and_date

    source = PAGES[page]
    full = extract_metadata(source)
    assert _title_url_and_date(load_html(source)) == (full.title or None, full.url or None, full.date or None)


def test_a_date_found_only_in_a_pages_text_is_read_in_english(tmp_path):
    """htmldate's search of the text for a date goes through dateparser, asked for English only (every language
    cost seconds in each process that read a page), and still finds the page's date."""
    import htmldate.extractors

    from quizapp.ingest.formats import _english_date_parser

    page = tmp_path / "ferry.html"
    page.write_text(
        "<html><head><title>Ferry line</title></head><body><article><h1>Ferry line</h1>"
        '<div class="byline">Posted on March 25, 2015 by the harbour desk</div>'
        "<p>The ferry line from Skarvik to Bergen carried 12,000 passengers in its first week, the council said.</p>"
        "<p>The harbour master, Tove Lindqvist, said a second ferry would join the line in the summer.</p>"
        "</article></body></html>"
    )
    article = read_article(page)
    assert article.published == dt.date(2015, 3, 25)
    assert htmldate.extractors.get_external_parser is _english_date_parser


#: Short original texts in other languages (a harbour story told three ways) and in English with foreign names.
SPANISH = (
    "El puerto de Skarvik abrió de nuevo el lunes, después de que la tormenta de la semana pasada destruyera "
    "parte del muelle. Los pescadores dicen que la reparación costó más de lo que esperaba el ayuntamiento, y "
    "que el alcalde prometió una ayuda para las familias que perdieron sus barcos. La nueva grúa llegó desde "
    "Bergen por mar y los trabajos de la obra duraron cinco días con sus noches."
)
JAPANESE = "スカルヴィク港は月曜日に再開した。" * 12 + "先週の嵐で桟橋の一部が壊れたため、市は修理に五日をかけた。" * 4
ENGLISH_WITH_NAMES = (
    "The port of Skarvik reopened on Monday after a storm last week tore away part of the pier. The fishermen "
    "of the Casa de la Pesca and the Hotel del Mar said the repairs cost more than the council had expected, "
    "and the mayor, Juan de la Cruz, promised help for the families who lost their boats in the storm. The new "
    "crane came from Bergen by sea, and the work on the pier took five days and nights."
)


@pytest.mark.parametrize(
    ("text", "said"),
    [(SPANISH, "common words belong to another language"), (JAPANESE, "written in another script")],
    ids=["spanish", "japanese"],
)
def test_an_article_not_in_english_is_refused_saying_so(tmp_path, text, said):
    # Cleaning drops foreign paragraphs one by one: the reader was told "no article text found", or got an
    # empty deck blamed on "lines without a verb".
    path = tmp_path / "story.txt"
    path.write_text(f"{text}\n\n{text}\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not an English article: ") and said in message


def test_an_english_article_full_of_foreign_names_is_read(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"{ENGLISH_WITH_NAMES}\n\n{ENGLISH_WITH_NAMES}\n", encoding="utf-8")
    assert "Juan de la Cruz" in read_article(path).text


def test_lines_wrapped_in_a_pages_source_are_joined_again():
    from quizapp.ingest.formats import rejoin_wrapped_lines

    lines = [
        "Ferries Return to Skarvik",  # a heading: it ends on a capitalised word
        "Reviewed by Marta Dahl",
        "Feb. 3, 2015 -- Ferries to the island of Skarvik have quietly been",
        "back on the water since Monday, after a winter without a crossing.",
        "The harbour master said the new quay, built by the firm Nordstal and",
        "Bergen Steel, was the largest on the coast,",
        "Norland's ferry board said in its report.",
        "The hypothesis",  # a sentence-case heading stays apart from the paragraph under it
        "Engineers had long expected the old quay to fail.",
        "- a new quay,",  # list items stay items
        "- two new ferries.",
        "“We are finally back,”",
        "says Ansel Brekke, a skipper.",
    ]
    assert rejoin_wrapped_lines(lines) == [
        "Ferries Return to Skarvik",
        "Reviewed by Marta Dahl",
        "Feb. 3, 2015 -- Ferries to the island of Skarvik have quietly been back on the water since Monday, after a "
        "winter without a crossing.",
        "The harbour master said the new quay, built by the firm Nordstal and Bergen Steel, was the largest on the "
        "coast, Norland's ferry board said in its report.",
        "The hypothesis",
        "Engineers had long expected the old quay to fail.",
        "- a new quay,",
        "- two new ferries.",
        "“We are finally back,” says Ansel Brekke, a skipper.",
    ]


def test_a_page_whose_precise_extraction_keeps_only_a_summary_is_read_in_full(monkeypatch):
    # On some layouts trafilatura's precision mode keeps a review's summary box and drops the review.
    import trafilatura
    from trafilatura.settings import Document

    from quizapp.ingest.formats import html_to_text

    summary = "The Skarn 4 is the fastest ferry on the coast."
    review = " ".join(
        f"Paragraph {n} of the review says the Skarn 4 crossed to Skarvik in {n} hours." for n in range(60)
    )

    def fake_extraction(_tree, favor_precision, **_kwargs):
        document = Document()
        document.text = summary if favor_precision else f"{summary}\n{review}"
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", fake_extraction)
    text = html_to_text("<html><body><p>page</p></body></html>", "review.html").text
    assert "Paragraph 59 of the review" in text

    def short_both_ways(_tree, favor_precision, **_kwargs):
        document = Document()
        document.text = summary if favor_precision else f"{summary}\nRead more stories like this one."
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", short_both_ways)
    assert "Read more" not in html_to_text("<html><body><p>page</p></body></html>", "review.html").text


def test_character_references_copied_from_a_page_are_read_as_characters(tmp_path):
    article = tmp_path / "copied.txt"
    article.write_text(
        "Harbour news\n\nIda Vance, 47, met her fianc&#233;e in Port Alder, and AT&amp;T paid &#x20AC;5m for the "
        "pier&#8217;s new lights.\n",
        encoding="utf-8",
    )
    text = read_article(str(article)).text
    assert "fiancée" in text and "AT&T" in text and "€5m" in text and "pier’s" in text
    assert "&#" not in text and "&amp;" not in text
