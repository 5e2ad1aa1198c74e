"""Articles in, facts out: spaCy entities repaired, clustered and normalized.

How to get the spaCy docs (for the question generator, which needs the parse)
------------------------------------------------------------------------------
Call :func:`extract_facts_with_docs` instead of :func:`extract_facts`: it returns
``(ArticleFacts, Doc)`` pairs, the ``Doc`` being the parse of exactly
``ArticleFacts.text`` (mention offsets are character offsets into it, so
``doc.char_span(m.start, m.end, alignment_mode="expand")`` finds a mention's
tokens). Each text is parsed once; do not run the pipeline again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from quizapp.facts.model import ArticleFacts
from quizapp.ingest.model import Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: From this many articles on, spaCy runs in several processes (below it, start-up costs more than it saves).
MULTIPROCESS_THRESHOLD = 24
#: spaCy parses at most this many characters at once. Its parser and entity recognizer need memory growing with
#: the text (spaCy refuses texts over 1,000,000 characters for that reason), so a longer text is parsed in
#: pieces cut at paragraph breaks and the pieces joined into one Doc of the whole text.
CHUNK_CHARS = 50_000

#: ``progress(done, total)``: pieces of text parsed so far, of all. It may raise to stop the work (a cancel).
Progress = Callable[[int, int], None]


def text_chunks(text: str, limit: int | None = None) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters whose concatenation is ``text``: cut after a paragraph
    break, or else after a sentence end, or else after a space (or anywhere, in a text without one)."""
    limit = limit or CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        for separator in ("\n\n", ". ", "\n", " "):
            cut = window.rfind(separator)
            if cut > 0:
                end = start + cut + len(separator)
                break
        else:
            end = start + limit
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse_articles(articles: Sequence[Article], progress: Progress | None = None) -> list[Doc]:
    """One spaCy ``Doc`` per article, parsed in a batch with ``nlp.pipe``; a long text in pieces (CHUNK_CHARS)."""
    from spacy.tokens import Doc

    from quizapp.facts.nlp import load_nlp

    nlp = load_nlp()
    n_process = 2 if len(articles) >= MULTIPROCESS_THRESHOLD else 1
    pieces = [text_chunks(a.text) for a in articles]
    total = sum(len(p) for p in pieces)
    owner = [index for index, article_pieces in enumerate(pieces) for _ in article_pieces]
    parsed: list[list[Doc]] = [[] for _ in articles]
    texts = (piece for article_pieces in pieces for piece in article_pieces)
    for done, doc in enumerate(nlp.pipe(texts, n_process=n_process, batch_size=8), start=1):
        parsed[owner[done - 1]].append(doc)
        if progress is not None:
            progress(done, total)
    # One piece is the Doc as parsed; several are joined (their texts are the article's text, cut).
    return [docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False) for docs in parsed]


def extract_facts_with_docs(
    articles: Sequence[Article], progress: Progress | None = None
) -> list[tuple[ArticleFacts, Doc]]:
    """The facts of each article together with the spaCy parse of its text."""
    from quizapp.facts.aliases import resolve_clusters
    from quizapp.facts.entities import SentenceIndex, collect_mentions

    docs = parse_articles(articles, progress)
    sentences = [SentenceIndex(doc, article.text) for article, doc in zip(articles, docs)]
    raw = [collect_mentions(article, doc, index) for article, doc, index in zip(articles, docs, sentences)]
    facts = resolve_clusters(articles, raw, sentences)
    return list(zip(facts, docs))


def extract_facts(articles: Sequence[Article], progress: Progress | None = None) -> list[ArticleFacts]:
    """The facts (people, places, organizations, dates, numbers) of each article."""
    return [facts for facts, _doc in extract_facts_with_docs(articles, progress)]
