"""Articles to a deck: read, extract facts, then overgenerate -> verify -> rank -> select -> cards.

``generate_deck`` is the one entry point (the CLI's ``generate`` command and the TUI's
generate screen call it). Each stage is a module of its own with a named data type passed
to the next (:mod:`quizapp.questions.model`); ``explain=True`` returns, with the deck, a
:class:`GenerationReport` of what each stage made and dropped and why.

The same input and seed always give the same deck: every random choice draws from a
generator seeded by the seed and the candidate's own key, never from global state.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from quizapp.deck.model import CARD_TYPES, Deck, Source
from quizapp.errors import QuizappError
from quizapp.facts.model import ArticleFacts
from quizapp.ingest.model import Article
from quizapp.questions import classify
from quizapp.questions import distractors as dist
from quizapp.questions.candidates import ArticleScope, category_of, corpus_sentences, event_year, overgenerate
from quizapp.questions.cards import make_card, slug
from quizapp.questions.context import plausible_fact
from quizapp.questions.model import ALL_FORMS, Candidate, Form, GenerationReport, Outcome, Stage
from quizapp.questions.rank import bar_for, best_first, form_closed, rank, threshold
from quizapp.questions.select import (
    MIN_WORDS_FOR_A_FORCED_CARD,
    PASSAGES_IN_DECKS,
    default_max_cards,
    select,
)
from quizapp.questions.verify import also_true, verify
from quizapp.vocabulary import DEFAULT_CARD_TYPES, NAME_KINDS
from quizapp.wording import plural

ProgressCallback = Callable[[int, int, str], None]

DEFAULT_TYPES = DEFAULT_CARD_TYPES


class GenerationError(QuizappError):
    """No deck could be generated (bad options, or no article yielded a question)."""


# ------------------------------------------------------------------ entry point


def generate_deck(
    paths: Sequence[Path | str],
    *,
    title: str | None = None,
    date: dt.date | None = None,
    max_cards: int | None = None,
    types: set[str] | None = None,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    default_date: dt.date | None = None,
    report: GenerationReport | None = None,
    min_estimate: float | None = None,
) -> Deck:
    """Read the articles at ``paths`` and return a deck of questions about them.

    ``date`` overrides every article's publication date; ``default_date`` dates only the
    articles that state none. ``progress(done, total, message)`` is called as articles are
    read, parsed and quizzed. A ``report`` passed in is filled with what each stage did.
    ``min_estimate`` keeps only cards the ranker estimates at least that likely to be acceptable
    (fewer, better cards; no floor of best-below-the-bar cards for a thin article).
    """
    from quizapp.facts.extract import extract_facts_with_docs, text_chunks
    from quizapp.ingest import read_article

    if not paths:
        raise GenerationError("no articles given")
    chosen_types = _check_types(types)
    if max_cards is not None and max_cards < 1:
        raise GenerationError("--max-cards must be at least 1")
    if min_estimate is not None and not 0 < min_estimate < 1:
        raise GenerationError(f"--min-estimate must be between 0 and 1 (a probability), not {min_estimate:g}")
    n = len(paths)
    tell = progress or (lambda done, total, message: None)

    # Steps: each article read, each piece of text parsed (a long article is parsed in pieces), the facts
    # gathered, each article's questions. ``progress`` may raise to stop generating (the app's cancel).
    articles = []
    for index, path in enumerate(paths):
        tell(index, 3 * n + 1, f"Reading {Path(path).name}")
        articles.append(read_article(str(path), date, default_date))
    pieces = sum(len(text_chunks(a.text)) for a in articles)
    total_steps = n + pieces + 1 + n
    shortened = [a for a in articles if a.full_length]
    for article in shortened:
        tell(
            n,
            total_steps,
            f"{Path(article.path).name} is long ({article.full_length:,} characters): "
            f"questions come from {len(article.text):,} characters spread across it",
        )
    tell(n, total_steps, "Finding facts")
    pairs = extract_facts_with_docs(
        articles,
        progress=lambda done, total: tell(
            n + done, total_steps, f"Parsed {done} of {total} {'pieces' if pieces > len(articles) else 'articles'}"
        ),
    )
    tell(n + pieces + 1, total_steps, "Writing questions")
    deck = deck_from_facts(
        articles,
        pairs,
        title=title,
        max_cards=max_cards,
        types=chosen_types,
        seed=seed,
        progress=lambda done, message: tell(n + pieces + 1 + done, total_steps, message),
        report=report,
        min_estimate=min_estimate,
    )
    if report is not None:
        for article in shortened:
            report.shortened[article.path] = (
                f"{article.full_length:,} characters of text, too long to quiz whole; "
                f"the questions come from {len(article.text):,} spread across it"
            )
    return deck


def _check_types(types: set[str] | None) -> tuple[str, ...]:
    if not types:
        return DEFAULT_TYPES
    unknown = sorted(set(types) - set(CARD_TYPES))
    if unknown:
        raise GenerationError(f"unknown card type(s): {', '.join(unknown)} (choose from {', '.join(CARD_TYPES)})")
    return tuple(t for t in CARD_TYPES if t in types)


def article_scopes(
    articles: Sequence[Article], pairs: Sequence[tuple[ArticleFacts, Any]]
) -> tuple[list[Source], list[dist.PoolEntry], list[ArticleScope]]:
    """The deck's sources, its pool of named facts, and one scope per article."""
    sources = _sources(articles)
    pool = _pool([facts for facts, _doc in pairs])
    corpus = corpus_sentences([s.key for s in sources], pairs)
    scopes = [
        ArticleScope(i, sources[i].key, article, facts, doc, pool, corpus)
        for i, (article, (facts, doc)) in enumerate(zip(articles, pairs))
    ]
    return sources, pool, scopes


def candidates_of(
    scope: ArticleScope,
    report: GenerationReport,
    reserve: list[Candidate] | None = None,
    forms: frozenset[Form] = ALL_FORMS,
) -> list[Candidate]:
    """Overgenerate, verify and rank one article's candidates of ``forms`` (best first); ``reserve`` receives,
    ranked, those that failed only a soft check."""
    made = overgenerate(scope, report, forms)
    soft: list[Candidate] = []
    ranked = rank(verify(made, scope, report, soft))
    if reserve is not None:
        reserve.extend(rank(soft))
    return ranked


def deck_from_facts(
    articles: Sequence[Article],
    pairs: Sequence[tuple[ArticleFacts, Any]],
    *,
    title: str | None = None,
    max_cards: int | None = None,
    types: Sequence[str] = DEFAULT_TYPES,
    seed: int = 0,
    progress: Callable[[int, str], None] | None = None,
    report: GenerationReport | None = None,
    min_estimate: float | None = None,
) -> Deck:
    """The deck for already parsed articles (``pairs`` from ``extract_facts_with_docs``)."""
    report = report if report is not None else GenerationReport()
    sources, pool, scopes = article_scopes(articles, pairs)
    words = [scope.words for scope in scopes]
    caps = [default_max_cards(w) for w in words]
    if max_cards is not None:
        total_words = sum(words) or 1
        caps = [max(1, -(-max_cards * w // total_words)) for w in words]

    def bar(cand: Candidate) -> float:
        # Without clozes the wh-questions are all there is: a group closed in favour of clozes gets the general bar.
        group = bar_for(cand) if "cloze" in types else min(bar_for(cand), threshold())
        return group if min_estimate is None else max(group, min_estimate)

    # With every wh group closed, wh-questions only ever fill an article that would otherwise be near empty: made
    # only then (or for --explain), they cost nothing on the rest, and the deck is the same.
    lazy_wh = "cloze" in types and form_closed(Form.WH) and not report.every_form
    floor = min_estimate is None
    chosen: list[Candidate] = []
    for scope, cap in zip(scopes, caps):
        if lazy_wh:
            ranked, reserve = _checked(scope, types, pool, seed, report, frozenset({Form.CLOZE}))
            # Selected from the clozes first, into a trial report. A closed wh group's question is one of the
            # floor's last resorts, and the floor takes a last resort only into an empty deck, after which it
            # stops, and never for an article under MIN_WORDS_FOR_A_FORCED_CARD words (``select``): so the
            # wh-questions can change the deck only when the clozes leave such an article with at most one card,
            # and only then are they made (most thin articles keep two or three clozes).
            trial = GenerationReport()
            kept = select(ranked, cap, scope.words, bar, trial, reserve, floor=floor)
            if floor and len(kept) <= 1 and scope.words >= MIN_WORDS_FOR_A_FORCED_CARD:
                more, more_reserve = _checked(scope, types, pool, seed, report, frozenset({Form.WH}))
                ranked, reserve = best_first(ranked + more), best_first(reserve + more_reserve)
                kept = select(ranked, cap, scope.words, bar, report, reserve, floor=True)
            else:
                report.absorb(trial)
        else:
            ranked, reserve = _checked(scope, types, pool, seed, report, ALL_FORMS)
            kept = select(ranked, cap, scope.words, bar, report, reserve, floor=floor)
        report.words[scope.source] = scope.words
        report.targets[scope.source] = cap
        if len(kept) < cap and scope.source not in report.notes:
            report.notes[scope.source] = _thin_reason(len(kept), cap, ranked, report, scope.source, bar)
        chosen += kept
        if progress:
            progress(scope.index + 1, f"Wrote questions for {Path(scope.article.path).name}")
    if max_cards is not None and len(chosen) > max_cards:
        best = sorted(chosen, key=lambda c: -c.score)[:max_cards]
        chosen = [c for c in chosen if c in best]

    cards = []
    for i, cand in enumerate(chosen):
        _annotate(cand, scopes[cand.article_index])
        card = make_card(cand, pool, i, types, seed)
        if card is None:
            report.add(cand, Outcome.DROPPED, Stage.CARD, "no_card_type", "none of the requested card types fits it")
            continue
        report.add(cand, Outcome.KEPT, Stage.CARD)
        report.made_from[card.card_id] = cand
        cards.append(card)
    if not cards:
        named = [("standard input" if a.path == "-" else a.path) for a in articles]
        which = ", ".join(named) if len(named) <= 3 else f"these {len(named)} articles"
        raise GenerationError(
            f"no question could be generated from {which}"
            + (f" ({'; '.join(sorted(set(report.notes.values())))})" if report.notes else "")
            + (
                f"; no candidate reached --min-estimate {min_estimate:g}, a lower one keeps more"
                if min_estimate is not None
                else ""
            )
        )
    deck_title = title or _default_title(articles)
    return Deck(
        title=deck_title, description="Generated by quizapp from the sources below.", sources=sources, cards=cards
    )


def _checked(
    scope: ArticleScope,
    types: Sequence[str],
    pool: list[dist.PoolEntry],
    seed: int,
    report: GenerationReport,
    forms: frozenset[Form],
) -> tuple[list[Candidate], list[Candidate]]:
    """One article's candidates of ``forms`` that passed the checks, and those that failed only a soft one (the
    floor's reserve), both ranked; without typed or flashcard cards, only those a requested card type fits."""
    reserve: list[Candidate] = []
    ranked = candidates_of(scope, report, reserve, forms)
    if not {"typed", "flashcard"} & set(types):
        # Multiple choice and true/false need distractors or a swap: keep only candidates that can be one,
        # so the deck is not filled with facts that then make no card.
        fitting = []
        for cand in ranked:
            _annotate(cand, scope)
            if make_card(cand, pool, 0, types, seed) is not None:
                fitting.append(cand)
            else:
                report.add(
                    cand, Outcome.DROPPED, Stage.CARD, "no_card_type", "none of the requested card types fits it"
                )
        ranked = fitting
        for cand in reserve:
            _annotate(cand, scope)
        reserve = [c for c in reserve if make_card(c, pool, 0, types, seed) is not None]
    return ranked, reserve


def _annotate(cand: Candidate, scope: ArticleScope) -> None:
    """What the card needs beyond the candidate: answers true elsewhere (never distractors) and the fact's year."""
    cand.excluded = also_true(cand, scope.corpus)
    cand.event_year = event_year(cand.mention, scope.facts)


#: What the checks that most often stop every fact of a page say about the page, in a reader's words.
WHY_NO_SENTENCE = {
    "sentence_length": "runs of more than 50 words without a full stop (a table, a scorecard or a list)",
    "not_a_statement": "lines that do not end as a sentence (headings, list items, questions)",
    "fragment": "lines without a verb (captions, labels)",
    "unfit_sentence": "sentences in the writer's or a speaker's own voice, quotes, captions or boilerplate",
    "unresolved_reference": 'sentences that lean on earlier ones ("he", "this", "the deal")',
    "pointing_opener": 'sentences that open by pointing back ("Then", "But", "Such")',
}


def _thin_reason(
    kept: int,
    cap: int,
    ranked: list[Candidate],
    report: GenerationReport,
    source: str,
    bar: Callable[[Candidate], float],
) -> str:
    good = sum(1 for c in ranked if c.score >= bar(c))
    if not ranked and not any(t.source == source for t in report.traces):
        return f"{kept} of {cap} cards: the text names no person, place, organization, date or number to ask about"
    if not ranked:
        # The two checks that stopped most facts say what kind of text this is (a scorecard, a transcript).
        counts = Counter(t.check for t in report.traces if t.source == source and t.check in WHY_NO_SENTENCE)
        why = "; ".join(
            f"{plural(n, 'fact')} {'sits' if n == 1 else 'sit'} in {WHY_NO_SENTENCE[check]}"
            for check, n in counts.most_common(2)
        )
        return f"{kept} of {cap} cards: no sentence gave a question that passed the checks" + (
            f"; {why}" if why else ""
        )
    passages = 0 if PASSAGES_IN_DECKS else sum(1 for c in ranked if c.score >= bar(c) and c.evidence.get("leans_back"))
    return (
        f"{kept} of {cap} cards: {plural(len(ranked), 'candidate')} passed the checks, {good} "
        f"{'reaches' if good == 1 else 'reach'} the ranker's bar"
        + (
            f" ({passages} of them only with the sentence before, a passage kept only to spare an article of "
            f"{MIN_WORDS_FOR_A_FORCED_CARD} words or more an empty deck)"
            if passages
            else ""
        )
        + ", and one card is kept per fact and per sentence"
    )


# ------------------------------------------------------------------ sources and the pool of facts


def _sources(articles: Sequence[Article]) -> list[Source]:
    out: list[Source] = []
    seen: set[str] = set()
    for article in articles:
        base = slug(Path(article.path).stem if article.path != "-" else "stdin")
        sid, k = base, 2
        while sid in seen:
            sid, k = f"{base}-{k}", k + 1
        seen.add(sid)
        out.append(
            Source(
                id=sid,
                title=article.title,
                path=article.path if article.path != "-" else None,
                published=article.published,
            )
        )
    return out


def _default_title(articles: Sequence[Article]) -> str:
    titles = [a.title or Path(a.path).stem for a in articles]
    if len(titles) == 1:
        return titles[0]
    return f"{titles[0]} (+{len(titles) - 1} more)"


def _pool(all_facts: Sequence[ArticleFacts]) -> list[dist.PoolEntry]:
    """Every named fact of the deck, with its category, for distractors."""
    entries: dict[tuple[str, str], dist.PoolEntry] = {}
    for facts in all_facts:
        for cluster in facts.clusters:
            if cluster.kind not in NAME_KINDS or not plausible_fact(cluster.kind, cluster.canonical):
                continue
            key = (cluster.kind, cluster.canonical.casefold())
            aliases = tuple(cluster.aliases)
            if key in entries:
                aliases = tuple(dict.fromkeys((*entries[key].aliases, *aliases)))
            if cluster.kind == "person":
                # A role the article gives ("Cuban President ...") counts when the bundled list has none.
                said = [m.sentence for m in facts.mentions if m.kind == "person" and m.canonical == cluster.canonical]
                entries[key] = dist.PoolEntry(
                    cluster.kind,
                    cluster.canonical,
                    aliases,
                    classify.person_role(cluster.canonical, aliases, said),
                    dist.person_country(cluster.canonical, aliases, said),
                )
                continue
            entries[key] = dist.PoolEntry(
                cluster.kind,
                cluster.canonical,
                aliases,
                category_of(cluster.kind, cluster.canonical, aliases, cluster.label),
            )
    return list(entries.values())


def wh_candidates(articles: Sequence[Article], pairs: Sequence[tuple[ArticleFacts, Any]]) -> list[Candidate]:
    """The verified wh-question candidates of the first article (what the templates and checks make of it)."""
    _sources, _pool, scopes = article_scopes(articles, pairs)
    return [
        c
        for c in verify(overgenerate(scopes[0], GenerationReport()), scopes[0], GenerationReport())
        if c.form is Form.WH
    ]
