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

Progress = Callable[[int, int], None]


def parse_articles(articles: Sequence[Article], progress: Progress | None = None) -> list["Doc"]:
    """One spaCy ``Doc`` per article, parsed in a batch with ``nlp.pipe``."""
    from quizapp.facts.nlp import load_nlp

    nlp = load_nlp()
    n_process = 2 if len(articles) >= MULTIPROCESS_THRESHOLD else 1
    docs: list[Doc] = []
    for index, doc in enumerate(nlp.pipe((a.text for a in articles), n_process=n_process, batch_size=8)):
        docs.append(doc)
        if progress is not None:
            progress(index + 1, len(articles))
    return docs


def extract_facts_with_docs(
    articles: Sequence[Article], progress: Progress | None = None
) -> list[tuple[ArticleFacts, "Doc"]]:
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
