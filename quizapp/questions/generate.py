"""Articles to a deck: read, extract facts, ask questions, rank, pick card types.

``generate_deck`` is the one entry point (the CLI's ``generate`` command and the
TUI's generate screen call it). The same input and seed always give the same
deck: every random choice draws from a generator seeded by the seed and the
candidate's own key, never from global state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quizapp.deck.model import (
    CARD_TYPES,
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
from quizapp.errors import QuizappError
from quizapp.facts.model import ArticleFacts, Mention
from quizapp.ingest.model import Article
from quizapp.questions import distractors as dist
from quizapp.questions.filters import (
    PERSONAL_PRONOUNS,
    CUT_HYPHEN,
    STRANDED_ADVERB,
    sentence_problem,
    stem_problem,
    subject_question_problem,
    unbound_pronoun,
    truncates_name,
    untimed_flow,
)
from quizapp.questions.ranking import MOVEMENT, default_max_cards, score, select

#: Moving house: a person can do it many times, so no place is the one true answer of a statement.
RELOCATION = re.compile(r"\b(?:move[sd]?|moving|settle[sd]?|relocated?|emigrated?|fled|flee|migrated?)\b", re.I)
from quizapp.questions.context import ArticleContext, plausible_fact
from quizapp.questions.quality import ArticleReview, copies_source
from quizapp.questions.templates import Target, Transformed, transform_all

ProgressCallback = Callable[[int, int, str], None]

#: Card types a deck gets unless asked otherwise. Cloze and flashcards are on request:
#: a wh-question reads better than a sentence with a hole.
DEFAULT_TYPES = ("multiple_choice", "typed", "true_false")
NAME_KINDS = {"person", "place", "organization"}
#: Quantities the text does not pin down: no number to ask for.
VAGUE_QUANTITY = re.compile(r"\b(?:several|some|a few|few|many|dozens|hundreds|thousands|tens|millions|scores)\b", re.I)
#: Words making a number a bound, not a value ("over thirty years", "more than 70,000").
BOUND_BEFORE = re.compile(r"\b(?:over|more than|less than|fewer than|at least|at most|under|up to|nearly|almost|"
                          r"upwards of|in excess of)\s*$", re.I)
#: Content-word overlap above which another sentence says the same thing.
SAME_CLAIM_OVERLAP = 0.6


class GenerationError(QuizappError):
    """No deck could be generated (bad options, or no article yielded a question)."""


@dataclass
class Candidate:
    """A question about one fact, before it becomes a card."""

    source: str
    article_index: int
    mention: Mention
    transformed: Transformed
    answer: str
    accept: list[str]
    aliases: list[str]
    kind: str
    category: str | None
    position: float
    signature: frozenset[str]
    excluded: set[str] = field(default_factory=set)
    year: int | None = None  # the article's year (no anachronistic distractors)
    event_year: int | None = None  # the fact's year: no country offered that did not exist then
    swaps: list[str] = field(default_factory=list)  # same-kind values the article states, for false statements

    @property
    def question(self) -> str:
        return self.transformed.question

    @property
    def pattern(self) -> str:
        return self.transformed.pattern

    @property
    def answer_key(self) -> str:
        return f"{self.source}:{self.mention.canonical.casefold()}"

    @property
    def sentence_key(self) -> str:
        return f"{self.source}:{self.mention.sentence_start}"

    @property
    def key(self) -> str:
        m = self.mention
        return f"{self.source}:{m.start}:{m.end}:{self.pattern}"


@dataclass
class _Sentence:
    source: str
    start: int
    text: str
    lemmas: frozenset[str]
    mentions: list[Mention]


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
) -> Deck:
    """Read the articles at ``paths`` and return a deck of questions about them.

    ``date`` overrides every article's publication date; ``default_date`` dates only the
    articles that state none. ``progress(done, total, message)`` is called as articles are
    read, parsed and quizzed.
    """
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.ingest import read_articles

    if not paths:
        raise GenerationError("no articles given")
    chosen_types = _check_types(types)
    if max_cards is not None and max_cards < 1:
        raise GenerationError("--max-cards must be at least 1")
    n = len(paths)
    total_steps = 1 + 2 * n
    report = progress or (lambda done, total, message: None)

    report(0, total_steps, "Reading articles")
    articles = read_articles([str(p) for p in paths], date, default_date)
    report(1, total_steps, "Finding facts")
    pairs = extract_facts_with_docs(articles, progress=lambda done, _t: report(1 + done, total_steps, f"Parsed {done} of {n}"))
    return deck_from_facts(articles, pairs, title=title, max_cards=max_cards, types=chosen_types, seed=seed,
                           progress=lambda done, message: report(1 + n + done, total_steps, message))


def _check_types(types: set[str] | None) -> tuple[str, ...]:
    if not types:
        return DEFAULT_TYPES
    unknown = sorted(set(types) - set(CARD_TYPES))
    if unknown:
        raise GenerationError(f"unknown card type(s): {', '.join(unknown)} (choose from {', '.join(CARD_TYPES)})")
    return tuple(t for t in CARD_TYPES if t in types)


def deck_from_facts(
    articles: Sequence[Article],
    pairs: Sequence[tuple[ArticleFacts, Any]],
    *,
    title: str | None = None,
    max_cards: int | None = None,
    types: Sequence[str] = DEFAULT_TYPES,
    seed: int = 0,
    progress: Callable[[int, str], None] | None = None,
) -> Deck:
    """The deck for already parsed articles (``pairs`` from ``extract_facts_with_docs``)."""
    sources = _sources(articles)
    pool = _pool([facts for facts, _doc in pairs])
    sentences = _sentences(sources, pairs)
    words = [len(a.text.split()) for a in articles]
    caps = [default_max_cards(w) for w in words]
    if max_cards is not None:
        total_words = sum(words) or 1
        caps = [max(1, -(-max_cards * w // total_words)) for w in words]

    chosen: list[Candidate] = []
    for index, (article, (facts, doc)) in enumerate(zip(articles, pairs)):
        candidates = article_candidates(index, sources[index].key, article, facts, doc, pool, sentences)
        chosen += select(candidates, caps[index])  # type: ignore[arg-type]
        if progress:
            progress(index + 1, f"Wrote questions for {Path(article.path).name}")
    if max_cards is not None and len(chosen) > max_cards:
        best = sorted(chosen, key=lambda c: -score(c))[:max_cards]
        chosen = [c for c in chosen if c in best]

    cards = []
    for i, cand in enumerate(chosen):
        card = make_card(cand, pool, i, types, seed)
        if card is not None:
            cards.append(card)
    if not cards:
        raise GenerationError("no question could be generated from these articles")
    deck_title = title or _default_title(articles)
    return Deck(title=deck_title, description="Generated by quizapp from the sources below.", sources=sources,
                cards=cards)


# ------------------------------------------------------------------ context


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug or "article"


def _sources(articles: Sequence[Article]) -> list[Source]:
    out: list[Source] = []
    seen: set[str] = set()
    for article in articles:
        base = _slug(Path(article.path).stem if article.path != "-" else "stdin")
        sid, k = base, 2
        while sid in seen:
            sid, k = f"{base}-{k}", k + 1
        seen.add(sid)
        out.append(Source(id=sid, title=article.title, path=article.path if article.path != "-" else None,
                          published=article.published))
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
                entries[key] = dist.PoolEntry(cluster.kind, cluster.canonical, aliases,
                                              dist.person_role(cluster.canonical, aliases, said),
                                              dist.person_country(cluster.canonical, aliases, said))
                continue
            entries[key] = dist.PoolEntry(cluster.kind, cluster.canonical, aliases,
                                          _category(cluster.kind, cluster.canonical, aliases, cluster.label))
    return list(entries.values())


def _category(kind: str, canonical: str, aliases: Sequence[str], label: str | None) -> str | None:
    if kind == "place":
        return dist.place_category(canonical, aliases, label)
    if kind == "organization":
        return dist.organization_category(canonical, aliases)
    if kind == "person":
        return dist.person_role(canonical, aliases)
    return None


_STOP = {"be", "have", "do", "the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "and", "by", "from"}


def _content_lemmas(tokens: Any) -> frozenset[str]:
    # Six-letter stems, so "smuggling" (noun) and "smuggle" (verb) count as the same content word.
    return frozenset(t.lemma_.casefold()[:6] for t in tokens
                     if t.is_alpha and not t.is_stop and t.lemma_.casefold() not in _STOP and not t.ent_type_)


def _sentences(sources: Sequence[Source], pairs: Sequence[tuple[ArticleFacts, Any]]) -> list[_Sentence]:
    out: list[_Sentence] = []
    for source, (facts, doc) in zip(sources, pairs):
        for sent in doc.sents:
            ms = [m for m in facts.mentions if sent.start_char <= m.start < sent.end_char]
            out.append(_Sentence(source.key, sent.start_char, sent.text, _content_lemmas(sent), ms))
    return out


# ------------------------------------------------------------------ candidates


def article_candidates(
    index: int,
    source: str,
    article: Article,
    facts: ArticleFacts,
    doc: Any,
    pool: list[dist.PoolEntry],
    corpus: list[_Sentence],
) -> list[Candidate]:
    """Every acceptable question the templates can make from one article."""
    length = max(1, len(facts.text))
    headlines = {h.strip().casefold() for h in [*article.headlines, article.title or ""]}
    out: list[Candidate] = []
    seen: set[tuple[int, str, str]] = set()
    context = ArticleContext.build(doc, facts)
    renames_by_sentence: dict[int, dict[int, str]] = {}
    for mention in facts.mentions:
        if article.in_aside(mention.start, mention.end) or not plausible_fact(mention.kind, mention.canonical):
            continue
        sentence = mention.sentence.strip()
        if sentence.casefold() in headlines or sentence_problem(sentence):
            continue
        target = _target(doc, mention, facts)
        if target is None:
            continue
        if mention.sentence_start not in renames_by_sentence:
            renames_by_sentence[mention.sentence_start] = context.renames(mention.sentence_start)
        try:
            found = transform_all(doc, target, context.resolve, renames_by_sentence[mention.sentence_start])
        except (IndexError, ValueError):  # a parse too odd to transform: no question
            found = []
        life = _life_date_question(mention, facts)
        if life is not None:
            found = [*found, life]
        for transformed in found:
            cand = _candidate(index, source, mention, transformed, target, facts, doc, pool, corpus, length, seen,
                              [m.text for m in context.by_sentence.get(mention.sentence_start, [])])
            if cand is not None:
                out.append(cand)
    # Article-level fairness: subjects, metonymy, time references, ambiguous possessives, give-aways.
    review = ArticleReview.build(article, facts, doc, pool)
    reviewed = [c for c in map(review.review, out) if c is not None]
    # A time reference the review dropped can strand a focus adverb ("Who turned 19 only?").
    return [c for c in reviewed if not STRANDED_ADVERB.search(c.question) and not CUT_HYPHEN.search(c.question)]


def _candidate(index: int, source: str, mention: Mention, transformed: Transformed, target: Target,
               facts: ArticleFacts, doc: Any, pool: list[dist.PoolEntry], corpus: list[_Sentence], length: int,
               seen: set[tuple[int, str, str]],
               sentence_names: Sequence[str] = ()) -> Candidate | None:
    answer, accept, aliases = _answer_forms(mention, facts)
    if answer is None:
        return None
    names = [answer, mention.text, *aliases] if mention.kind != "number" else [answer, *re.findall(r"[\d,.]+\d|\d", mention.text)]
    bound = not (transformed.pattern in {"subject", "relative"} and mention.kind != "person")
    if untimed_flow(transformed.question) or untimed_flow(transformed.template):
        transformed = _with_sentence_year(transformed, mention.sentence)
        if transformed is None:
            return None  # "How many tonnes did Setúbal move?": a flow with no period is a fragment
    if stem_problem(transformed.question, names, subject_bound=bound):
        return None
    if subject_question_problem(transformed.question, transformed.pattern):
        return None
    if unbound_pronoun(transformed.question, (n for c in facts.clusters if c.kind == "person"
                                              for n in (c.canonical, *c.aliases))):
        return None
    if mention.kind == "date" and subject_question_problem(transformed.question, "date"):
        return None
    if (mention.kind == "place" and transformed.question.startswith(("To which", "Where", "In which", "Which"))
            and RELOCATION.search(transformed.question) and not re.search(r"\d{4}", transformed.question)):
        return None  # "To which city did X move?": people move more than once; only a date says which move
    if mention.kind == "date" and re.search(r"\b1\d{3}\b|\b20\d{2}\b", transformed.question):
        return None  # "In what year did X receive A in 1966?": another year in the stem confuses the ask
    if truncates_name(transformed.question, sentence_names):
        return None
    if transformed.pattern == "relative" and _pronoun_of_main_clause(transformed.question, mention, doc):
        return None
    if _glued_aside(transformed.question, mention, doc):
        return None
    if _owned_answer(mention, facts.text):
        return None
    if _time_clause_without_date(transformed.question, mention, doc):
        return None
    if transformed.pattern == "subject" and _lost_its_day(transformed.question, mention, doc):
        return None
    # A one-word name that could mean several people of the deck ("Kim") leaves the stem ambiguous.
    if any(_bare_name_part(transformed.question, name) for name in _shared_name_parts(pool)):
        return None
    key = (mention.sentence_start, mention.canonical.casefold(), transformed.pattern)
    if key in seen:
        return None
    seen.add(key)
    sent_span = doc.char_span(mention.sentence_start, mention.sentence_start + len(mention.sentence), alignment_mode="expand")
    tokens = [t for t in (sent_span if sent_span is not None else []) if not (mention.start <= t.idx < mention.end)]
    cand = Candidate(
        source=source, article_index=index, mention=mention, transformed=transformed, answer=answer,
        accept=accept, aliases=aliases, kind=mention.kind, category=target.category or _category(
            mention.kind, mention.canonical, aliases, mention.label),
        position=mention.start / length, signature=_content_lemmas(tokens),
    )
    if _has_competing_answer(cand, corpus):
        return None
    cand.excluded = _also_true(cand, corpus)
    cand.event_year = _event_year(mention, facts)
    return cand


#: Relative times the templates and the review drop from a stem ("on Wednesday", "yesterday").
_DROPPED_TIME = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b")
#: "its Central Fund", "her husband X": the possessive makes the answer a description of its owner's.
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|his|her|their)\s+$", re.I)


def _with_sentence_year(transformed: Transformed, sentence: str) -> Transformed | None:
    """The flow dated by the one year its sentence names ("... in 2024"), or None when it names none
    or several (then which year the flow belongs to is unclear)."""
    years = set(re.findall(r"\b(?:1[89]\d{2}|20\d{2})\b", sentence))
    if len(years) != 1:
        return None
    dated = f" in {years.pop()}"
    def add(text: str) -> str:
        return re.sub(r"\s*([?.!])?$", lambda m: dated + (m.group(1) or ""), text, count=1)
    return replace(transformed, question=add(transformed.question), statement=add(transformed.statement),
                   template=add(transformed.template))


def _lost_its_day(question: str, mention: Mention, doc: Any) -> bool:
    """"Which country established relations with Valmora?" of "... on Wednesday" (a relative time is dropped):
    with no other date the doer could be anyone's that ever did it. A day on another clause
    ("..., the ministry said on Monday") does not count."""
    if re.search(r"\d", question) or _DROPPED_TIME.search(question):
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    verb = _clause_verb(span.root)
    return any(_DROPPED_TIME.fullmatch(t.text) and _clause_verb(t) == verb for t in span.sent)


def _clause_verb(token: Any) -> Any:
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def _owned_answer(mention: Mention, text: str) -> bool:
    """An answer written after a possessive ("released $4.5 million from its Relief Fund"): the owner names
    it half-way, and any other name swapped in ("from its World Health Organization") is nonsense."""
    return _POSSESSIVE_BEFORE.search(text[max(0, mention.start - 8):mention.start]) is not None


def _time_clause_without_date(question: str, mention: Mention, doc: Any) -> bool:
    """A fact stated in a "while/when/as" clause holds only at the time of the clause it hangs on ("on 17 June
    1944, while Denmark was occupied by Germany, ..."): asked without a date it has other answers."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or re.search(r"\d", question):
        return False
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "advcl" or not any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"while", "when", "as"}
                                       for c in verb.children):
        return False
    # Only a state ("was occupied", "was living", "was mayor") lasts while the other clause happens; an event
    # ("..., while Tenzing became the first director") is a contrast, not a time.
    return verb.lemma_ == "be" or any(c.dep_ in {"aux", "auxpass"} and c.lemma_ == "be" for c in verb.children)


def _glued_aside(question: str, mention: Mention, doc: Any) -> bool:
    """An aside the sentence sets off with commas kept in the stem without them ("Who left food in the snow
    a Buddhist custom?" of "..., a Buddhist custom, ..."): the noun phrases run together into nonsense."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    for tok in span.sent:
        first = tok.left_edge.i
        if tok.pos_ not in {"NOUN", "PROPN"} or first < 2 or doc[first - 1].text != "," \
                or doc[first].dep_ != "det" or tok.head.i in range(first, tok.right_edge.i + 1):
            continue
        phrase = doc[first:tok.right_edge.i + 1].text.strip(" ,")
        # The word before the comma now runs straight into the phrase.
        if f"{doc[first - 2].text} {phrase}" in question:
            return True
    return False


def _pronoun_of_main_clause(question: str, mention: Mention, doc: Any) -> bool:
    """A pronoun asked in a name's relative clause that the sentence's own clause also uses: it means the
    main clause's subject, not the name ("she began working with Otto Hahn, who was roughly her own age")."""
    asked = {w.casefold() for w in re.findall(r"[\w’'-]+", question)} & PERSONAL_PRONOUNS
    if not asked:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return True
    relative = next((c for c in span.root.children if c.dep_ == "relcl"), None)
    inside = {t.i for t in relative.subtree} if relative is not None else set()
    female = {"she", "her", "hers", "herself"}
    others = {t.lower_ for t in span.sent if t.i not in inside and t.lower_ in PERSONAL_PRONOUNS}
    return any((a in female) == (o in female) for a in asked for o in others)


_LIFE_DATES = re.compile(r"(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})\s*\(\s*(?P<born>[^()–-]{4,24}?)\s*[–-]\s*"
                         r"(?P<died>[^()]{4,24}?)\s*\)")


def _life_date_question(mention: Mention, facts: ArticleFacts) -> Transformed | None:
    """"Ada Brun (3 May 1850 – 9 June 1921) was ..." -> "When was Ada Brun born?" / "When did Ada Brun die?"."""
    if mention.kind != "date" or not mention.value:
        return None
    granularity = dist.date_granularity(mention.value)
    if granularity not in {"day", "month", "year"}:
        return None
    offset = mention.sentence_start
    for found in _LIFE_DATES.finditer(mention.sentence):
        which = next((g for g in ("born", "died") if found.start(g) + offset <= mention.start
                      and mention.end <= found.end(g) + offset), None)
        if which is None:
            continue
        cluster = facts.cluster_of(found.group("name"), "person")
        name = cluster.canonical if cluster is not None else None
        if name is None:
            cluster = next((c for c in facts.clusters if c.kind == "person" and found.group("name") in c.aliases), None)
            name = cluster.canonical if cluster is not None else None
        if name is None:
            return None
        prep = "on" if granularity == "day" else "in"
        when, wh = ("In what year", "what year") if granularity == "year" else ("When", "when")
        if which == "born":
            return Transformed(f"{when} was {name} born?", f"{name} was born {prep} {mention.text}.",
                               f"{name} was born {prep} {{answer}}.", mention.text, "prep", wh)
        return Transformed(f"{when} did {name} die?", f"{name} died {prep} {mention.text}.",
                           f"{name} died {prep} {{answer}}.", mention.text, "prep", wh)
    return None


def _in_date_range(text: str, start: int, end: int) -> bool:
    """Whether a date is one end of a range ("1917–1918", "from 1939 to 1945" is two facts, but a dash joins one)."""
    return bool(re.match(r"\s*[–-]\s*\d", text[end:end + 4]) or re.search(r"\d\s*[–-]\s*$", text[max(0, start - 4):start]))


def _bare_name_part(stem: str, part: str) -> bool:
    """Whether ``part`` stands alone in the stem ("Kim said"), not inside a full name ("Lise Meitner")."""
    for found in re.finditer(rf"\b{re.escape(part)}\b(?![ -][A-Z])", stem):
        before = stem[:found.start()].rstrip()
        previous = before.split()[-1] if before.split() else ""
        if not (previous[:1].isupper() and before == stem[:found.start()][:len(before)] and previous.isalpha()):
            return True
    return False


def _shared_name_parts(pool: list[dist.PoolEntry]) -> set[str]:
    """Name words several people of the deck share ("Kim"): alone in a stem they name nobody."""
    counts: dict[str, int] = {}
    for entry in pool:
        if entry.kind == "person":
            for part in set(entry.canonical.split()):
                counts[part] = counts.get(part, 0) + 1
    return {part for part, n in counts.items() if n >= 2 and len(part) > 1}


def _number_start(doc: Any, span: Any, mention: Mention) -> int:
    """Where the number itself starts: a mention may hold its bound ("More than three hundred rivers")."""
    numeric = [t for t in span if t.like_num or t.tag_ == "CD"]
    return numeric[0].idx if numeric else mention.start


def _target(doc: Any, mention: Mention, facts: ArticleFacts) -> Target | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    if mention.kind == "number":
        numeric = [t.i for t in doc[start:end] if t.like_num or t.tag_ == "CD"]
        if not numeric or mention.granularity == "ordinal":
            return None
        if VAGUE_QUANTITY.search(mention.text):
            return None  # "several hundred thousand" has no one number to answer
        if BOUND_BEFORE.search(facts.text[max(0, mention.start - 14):mention.start]) or BOUND_BEFORE.search(
                facts.text[max(0, mention.start - 14):_number_start(doc, span, mention)]):
            return None  # "for over thirty years": 30 is not the answer, only a bound
        start, end = min(numeric), max(numeric) + 1
    if mention.kind == "date":
        if not mention.value or dist.date_granularity(mention.value) is None:
            return None
        if any(t.lower_ in {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} for t in span):
            return None
        if _in_date_range(facts.text, mention.start, mention.end) and not _LIFE_DATES.search(mention.sentence):
            return None  # "In 1917–1918 ...": one end of a range is not when it happened
    cluster = facts.cluster_of(mention.canonical, mention.kind)
    aliases = tuple(cluster.aliases) if cluster else ()
    category: str | None = None
    if mention.kind == "place":
        cat = dist.place_category(mention.canonical, aliases, mention.label)
        category = cat if cat in {"country", "city", "region"} else None
    elif mention.kind == "organization" and dist.looks_like_organization(mention.canonical, aliases):
        category = dist.ORG_QUESTION_NOUN.get(dist.organization_category(mention.canonical, aliases), "organization")
    granularity = dist.date_granularity(mention.value) if mention.kind == "date" and mention.value else None
    if mention.kind == "number":
        granularity = mention.granularity
    return Target(start=start, end=end, kind=mention.kind, label=mention.label, granularity=granularity,
                  category=category)


def _answer_forms(mention: Mention, facts: ArticleFacts) -> tuple[str | None, list[str], list[str]]:
    """The answer as shown, the other forms accepted, and the cluster's aliases."""
    if mention.kind in NAME_KINDS:
        cluster = facts.cluster_of(mention.canonical, mention.kind)
        aliases = [a for a in (cluster.aliases if cluster else []) if a.casefold() != mention.canonical.casefold()]
        accept = [a for a in dict.fromkeys([mention.text, *aliases]) if a.casefold() != mention.canonical.casefold()]
        return mention.canonical, accept, aliases
    if mention.kind == "date":
        shown = dist.format_date(mention.value or "", None)
        if shown is None:
            return None, [], []
        accept = [f for f in dict.fromkeys([mention.value or "", mention.text]) if f and f != shown]
        # "in November" for November 2023: the month alone is right too.
        return shown, accept, []
    number = dist.parse_number(mention.text, mention.value)
    if number is None:
        return None, [], []
    like = mention.text if any(ch.isdigit() for ch in mention.text) else str(int(number))
    shown = dist.format_number(number, like) + _money_unit(mention)
    accept = [f for f in dict.fromkeys([mention.text, (mention.value or "")]) if f and f != shown]
    return shown, accept, []


def _money_unit(mention: Mention) -> str:
    """" dollars a month" of "500 dollars a month": an amount of money is answered with its unit."""
    if mention.kind != "number" or mention.granularity != "money":
        return ""
    found = re.match(r"\s*[$€£]?[\d,.]+(?:\s+(?:thousand|million|billion))?", mention.text)
    written = mention.text[found.end():] if found else ""
    if not written.strip() and mention.unit and not re.match(r"\s*[$€£]", mention.text):
        return f" {mention.unit}"  # "412 million" of "412 million reais": the span stops before the currency
    return written


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a:
        return 0.0
    return len(a & b) / len(a)


def _has_competing_answer(cand: Candidate, corpus: list[_Sentence]) -> bool:
    """Another sentence makes the same claim about a different fact of the same kind: ambiguous."""
    if len(cand.signature) < 2:
        return False
    for sent in corpus:
        if sent.source == cand.source and (sent.start == cand.mention.sentence_start
                                           or sent.start <= cand.mention.start < sent.start + len(sent.text)):
            # In the same sentence, a second fact of the kind in the same role ("Brazil, Mexico and Peru").
            # (Its parse may start at a quote closing the paragraph before, so its offset can differ.)
            continue
        if _overlap(cand.signature, sent.lemmas) < SAME_CLAIM_OVERLAP:
            continue
        for m in sent.mentions:
            if m.kind == cand.kind and m.canonical.casefold() != cand.mention.canonical.casefold():
                if cand.kind == "date" and m.value and cand.mention.value and (
                        m.value.startswith(cand.mention.value) or cand.mention.value.startswith(m.value)):
                    continue
                return True
    return False


def _also_true(cand: Candidate, corpus: list[_Sentence]) -> set[str]:
    """Answers the articles give elsewhere for a claim like this one: never distractors."""
    excluded: set[str] = set()
    for sent in corpus:
        # Two shared content words ("diplomat", "cigar") are enough to make a swap risky.
        if _overlap(cand.signature, sent.lemmas) < SAME_CLAIM_OVERLAP * 0.8 and len(cand.signature & sent.lemmas) < 2:
            continue
        for m in sent.mentions:
            if m.kind != cand.kind:
                continue
            excluded.add(m.canonical)
            excluded.add(m.text)
            if m.value:
                excluded.add(m.value)
                shown = dist.format_date(m.value, None) if m.kind == "date" else None
                if shown:
                    excluded.add(shown)
    return excluded


# ------------------------------------------------------------------ cards


def _rng(seed: int, *parts: object) -> random.Random:
    basis = "\x1f".join([str(seed), *map(str, parts)])
    return random.Random(int.from_bytes(hashlib.sha256(basis.encode()).digest()[:8], "big"))


def _card_id(source: str, kind: str, text: str) -> str:
    digest = hashlib.sha1(f"{kind}\n{text}".encode()).hexdigest()[:10]
    return f"{_slug(source)[:24]}-{digest}"


#: A year the source sentence names ("in 1989"): the event's, for countries that existed then.
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _event_year(mention: Mention, facts: ArticleFacts) -> int | None:
    """The year of a fact: the earliest year its sentence names, else the year the text last named before
    it (a history tells its events in order), else the article's publication year."""
    years = [int(y) for y in _YEAR.findall(mention.sentence)]
    if years:
        return min(years)
    earlier = [m for m in facts.mentions if m.kind == "date" and m.start < mention.sentence_start
               and m.value and m.value[:4].isdigit()]
    if earlier:
        return int(max(earlier, key=lambda m: m.start).value[:4])  # type: ignore[index]
    return facts.published.year if facts.published else None


def _distractors_for(cand: Candidate, pool: list[dist.PoolEntry], seed: int, purpose: str) -> list[str] | None:
    answer = dist.Answer(kind=cand.kind, canonical=cand.answer, aliases=tuple([cand.mention.text, *cand.aliases]),
                         value=cand.mention.value, category=cand.category,
                         excluded={e for e in cand.excluded if e.casefold() not in {cand.answer.casefold(), cand.mention.text.casefold()}},
                         stem=cand.question, year=cand.year, event_year=cand.event_year)
    if cand.kind == "number":
        unit = _money_unit(cand.mention)
        answer.canonical = cand.answer[:len(cand.answer) - len(unit)] if unit else cand.answer
        answer.value = cand.mention.value
        answer.granularity = cand.mention.granularity
        wrong = dist.pick_distractors(answer, pool, _rng(seed, cand.key, purpose))
        return [w + unit for w in wrong] if wrong else None
    return dist.pick_distractors(answer, pool, _rng(seed, cand.key, purpose))


def _true_false_statement(cand: Candidate, pool: list[dist.PoolEntry], seed: int) -> tuple[str, bool] | None:
    """A statement of the fact, made false half the time by swapping in another value of the article."""
    template = cand.transformed.template
    if "{answer}" not in template or stem_problem(template.replace("{answer}", "Xq Xq"), [], subject_bound=True):
        return None
    shown_in_place = cand.mention.text
    if cand.kind == "date":
        # Only absolute dates after "in"/"on" can be swapped ("in 1959" -> "in 1961").
        if not re.search(r"\b(in|on|since)\s+\{answer\}", template) or not re.search(r"\d{4}", cand.mention.text):
            return None
        shown_in_place = cand.answer
    if cand.kind == "number":
        if not any(ch.isdigit() for ch in cand.transformed.answer_text):
            return None
        shown_in_place = cand.transformed.answer_text
    if cand.kind in NAME_KINDS:
        shown_in_place = cand.mention.text if cand.pattern != "subject" else cand.answer
    if cand.kind == "place" and (MOVEMENT.search(template) or RELOCATION.search(template)):
        return None  # people move more than once: another place the article names may be true as well
    if template.startswith("{answer}") and re.search(rf"\b[Tt]he {re.escape(shown_in_place)}", cand.mention.sentence):
        shown_in_place = f"The {shown_in_place}"  # "The Museum of Old and New Art opened ..."
    true_text = template.replace("{answer}", shown_in_place)
    # A false statement swaps in a value the same article states elsewhere (so the article alone
    # decides it), never one it also asserts here. Both versions must exist, so whether a card is
    # true says nothing about which facts make statements.
    excluded = {e.casefold() for e in cand.excluded}
    swaps = [w for w in cand.swaps if w.casefold() not in excluded and w.casefold() not in template.casefold()]
    if not swaps or copies_source(true_text, cand.mention.sentence):
        return None
    if _rng(seed, cand.key, "tf").random() < 0.5:
        return true_text, True
    return template.replace("{answer}", _rng(seed, cand.key, "swap").choice(swaps)), False


def make_card(cand: Candidate, pool: list[dist.PoolEntry], index: int, types: Sequence[str], seed: int):
    """The card for a candidate: the first type in a rotating order that the fact supports."""
    rng = _rng(seed, cand.key, "type")
    order = list(types)
    shift = (index + rng.randrange(len(order))) % len(order) if order else 0
    order = order[shift:] + order[:shift]
    m = cand.mention
    fact = FactRef(kind=cand.kind, canonical=m.canonical if cand.kind in NAME_KINDS else (m.value or m.canonical),
                   value=m.value, aliases=cand.aliases if cand.kind in NAME_KINDS else [a for a in cand.accept if a != m.value])
    prov = Provenance(source=cand.source, sentence=m.sentence.strip(), start=m.start, end=m.end, fact=fact)
    tags = [cand.kind, cand.transformed.wh.replace(" ", "-")]
    # The source sentence travels in the provenance and is shown beside every answer;
    # repeating it as the explanation would only print it twice.
    explanation = None
    for card_type in order:
        if card_type == "multiple_choice":
            wrong = _distractors_for(cand, pool, seed, "mc")
            if not wrong:
                continue
            choices = [cand.answer, *wrong]
            _rng(seed, cand.key, "order").shuffle(choices)
            return MultipleChoiceCard(id=_card_id(cand.source, card_type, cand.question), question=cand.question,
                                      answer=cand.answer, choices=choices, tags=tags, explanation=explanation,
                                      provenance=prov)
        if card_type == "typed":
            return TypedCard(id=_card_id(cand.source, card_type, cand.question), question=cand.question,
                             answer=cand.answer, accept=cand.accept, tags=tags, explanation=explanation,
                             provenance=prov)
        if card_type == "true_false":
            made = _true_false_statement(cand, pool, seed)
            if made is None:
                continue
            statement, truth = made
            return TrueFalseCard(id=_card_id(cand.source, card_type, statement), statement=statement, answer=truth,
                                 tags=tags, explanation=None if truth else f"False: the article gives {cand.answer}.",
                                 provenance=prov)
        if card_type == "cloze":
            template = cand.transformed.template
            if "{answer}" not in template:
                continue
            text = template.replace("{answer}", "{{c1::" + cand.transformed.answer_text + "}}")
            return ClozeCard(id=_card_id(cand.source, card_type, text), text=text, tags=tags,
                             explanation=explanation, provenance=prov)
        if card_type == "flashcard":
            return Flashcard(id=_card_id(cand.source, card_type, cand.question), front=cand.question,
                             back=cand.answer, tags=tags, explanation=explanation, provenance=prov)
    return None
