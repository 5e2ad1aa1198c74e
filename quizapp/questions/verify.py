"""Stage 2, verify: general checks that every candidate must pass, each with a name and a reason.

The checks read only the candidate, its sentence's parse and the whole article (or deck):
whether the question is well formed, answerable uniquely, true to its sentence, and fair
(it does not give its answer away or ask the article's own subject). A candidate that fails
one is dropped and the report says which check and why.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from quizapp import caseless
from quizapp.facts.entities import NAME_HEADS
from quizapp.facts.labels import LOCATIVE_PREPOSITIONS, PLACE_NOUN_OF
from quizapp.facts.model import Mention
from quizapp.facts.numbers import parse_amount
from quizapp.questions import classify
from quizapp.questions import distractors as dist
from quizapp.questions.candidates import ARTICLES, ArticleScope, words_before
from quizapp.questions.features import LEAD_SHARE
from quizapp.questions.filters import (
    CUT_HYPHEN,
    PERSONAL_PRONOUNS,
    STRANDED_ADVERB,
    stem_problem,
    subject_question_problem,
    truncates_name,
    unbound_pronoun,
)
from quizapp.questions.main_subject import set_off
from quizapp.questions.model import Candidate, CorpusSentence, Form, GenerationReport, Outcome, Stage
from quizapp.questions.parse_cache import expanded_span, span_tokens
from quizapp.questions.shapes.cloze import LEANS_ON_CONTEXT, described_by_age
from quizapp.reference import country_named
from quizapp.vocabulary import (
    COMMENTATOR_ROLES,
    COURTESY_TITLES,
    ENGLISH_FUNCTION_WORDS,
    FIRM_EPITHETS,
    FOREIGN_FUNCTION_WORDS,
    HEAD_ROLE_PHRASES,
    HEAD_ROLES,
    HEAD_VERBS,
    HEDGING_ADVERBS,
    MONTH_PATTERN,
    NAME_KINDS,
    NEWS_OUTLET_WORDS,
    NUMBER_WORDS,
    OPINION_PASSIVES,
    PERSON_DEMONYMS,
    PERSON_EPITHETS,
    REFERENT_NOUNS,
    SAYING_VERBS,
    SPEAKING_VERBS,
    SPECULATIVE_MODALS,
    SPELLED_NUMBER_WORDS,
    UNDER_ROLE_WORDS,
    WEB_ADDRESS_PATTERN,
    WEEKDAY_PATTERN,
    WEEKDAYS,
)
from quizapp.wording import with_article

#: Moving house: a person can do it many times, so no place is the one true answer of a statement.
RELOCATION = re.compile(r"\b(?:move[sd]?|moving|settle[sd]?|relocated?|emigrated?|fled|flee|migrated?)\b", re.I)
#: Content-word overlap above which another sentence says the same thing.
SAME_CLAIM_OVERLAP = 0.6
#: Relative times the templates and the review drop from a stem ("on Wednesday", "yesterday").
_DROPPED_TIME = re.compile(rf"\b(?:{WEEKDAY_PATTERN}|yesterday|today)\b")
#: "its Central Fund", "her husband X": the possessive makes the answer a description of its owner's.
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|his|her|their)\s+$", re.I)


@dataclass(frozen=True)
class Check:
    """One named check: ``test`` returns a reason when the candidate fails, else None."""

    name: str
    test: Callable[[Candidate, ArticleScope], str | None]
    forms: frozenset[Form] = frozenset({Form.WH})


#: Checks measured on judgments rather than required by the rubric: a candidate that fails only one of these
#: may still fill the few cards an article never goes without (``select``'s floor).
SOFT_CHECKS = frozenset(
    {
        "cloze_too_long",
        "cloze_asides",
        "cloze_side_detail",
        "cloze_kind_uncertain",
        "cloze_needs_context",
        "cloze_lone_fact",
        "unnamed_referent",
        "verbless_sentence",
        "cloze_country",
    }
)


def verify(
    candidates: Iterable[Candidate],
    scope: ArticleScope,
    report: GenerationReport,
    reserve: list[Candidate] | None = None,
) -> list[Candidate]:
    """The candidates that pass every check (rewritten by the article review where it applies).

    Candidates failing only a soft check go to ``reserve`` when one is given."""
    passed: list[Candidate] = []
    for cand in candidates:
        failed = _first_failure(cand, scope)
        if (
            failed is not None
            and reserve is not None
            and failed[0] in SOFT_CHECKS
            and _first_failure(cand, scope, skip=SOFT_CHECKS) is None
            and not isinstance(scope.review.review_or_reason(cand), tuple)
        ):
            cand.evidence["soft_fail"] = failed[0]
            reserve.append(cand)
            report.add(cand, Outcome.DROPPED, Stage.VERIFY, *failed)
            continue
        if failed is not None:
            report.add(cand, Outcome.DROPPED, Stage.VERIFY, *failed)
            continue
        reviewed = scope.review.review_or_reason(cand)
        if isinstance(reviewed, tuple):
            report.add(cand, Outcome.DROPPED, Stage.VERIFY, *reviewed)
            continue
        if cand.form is Form.WH and (STRANDED_ADVERB.search(cand.question) or CUT_HYPHEN.search(cand.question)):
            # A time reference the review dropped can strand a focus adverb ("Who turned 19 only?").
            report.add(
                cand, Outcome.DROPPED, Stage.VERIFY, "garbled_rewrite", "dropping a time reference stranded a word"
            )
            continue
        passed.append(reviewed)
    return passed


def _first_failure(cand: Candidate, scope: ArticleScope, skip: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    for check in CHECKS:
        if cand.form not in check.forms or check.name in skip:
            continue
        reason = check.test(cand, scope)
        if reason:
            return check.name, reason
    return None


# ------------------------------------------------------------------ the checks


@functools.lru_cache(maxsize=8192)
def _found_in_sentence(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """``pattern.search(sentence)``, kept: the checks that read only the sentence run for every fact it holds."""
    return caseless.search(pattern, sentence)


def mention_span(mention: Mention, doc: Any) -> Any | None:
    """The tokens of a fact's mention in the parse (widened to whole tokens), or None where the parse cannot
    place it."""
    return expanded_span(doc, mention.start, mention.end)


def _answer_names(cand: Candidate) -> list[str]:
    m = cand.mention
    if m.kind == "number":
        return [cand.answer, *re.findall(r"[\d,.]+\d|\d", m.text)]
    return [cand.answer, m.text, *cand.aliases]


def check_stem(cand: Candidate, scope: ArticleScope) -> str | None:
    """Well formed, not too short or long, does not contain its answer (filters.stem_problem)."""
    bound = not (cand.pattern in {"subject", "relative"} and cand.kind != "person")
    return stem_problem(cand.question, _answer_names(cand), subject_bound=bound)


def check_vague_subject_question(cand: Candidate, scope: ArticleScope) -> str | None:
    problem = subject_question_problem(cand.question, cand.pattern)
    if problem is None and cand.kind == "date":
        problem = subject_question_problem(cand.question, "date")
    return problem


def check_unbound_pronoun(cand: Candidate, scope: ArticleScope) -> str | None:
    people = (n for c in scope.facts.clusters if c.kind == "person" for n in (c.canonical, *c.aliases))
    return unbound_pronoun(cand.question, people)


def check_relocation(cand: Candidate, scope: ArticleScope) -> str | None:
    if (
        cand.kind == "place"
        and cand.question.startswith(("To which", "Where", "In which", "Which"))
        and RELOCATION.search(cand.question)
        and not re.search(r"\d{4}", cand.question)
    ):
        return "people move more than once: only a date says which move"
    return None


def check_second_year(cand: Candidate, scope: ArticleScope) -> str | None:
    if cand.kind == "date" and re.search(r"\b1\d{3}\b|\b20\d{2}\b", cand.question):
        return "another year in the stem confuses which date is asked"
    return None


#: How far back (characters) a story's year may have been named for a later bare day or month to take it.
NARRATIVE_REACH = 2000


def check_year_not_stated(cand: Candidate, scope: ArticleScope) -> str | None:
    """A date answer whose year the article does not write ("When were nine people killed?" answered "June
    2015" of "in June"): the year was worked out from the publication date, and rule 3 wants the answer the
    article states. A year the story named shortly before is stated. A cloze blanks the words as written, so
    this is for the other forms."""
    if cand.kind != "date":
        return None
    found = re.match(r"-?0*(\d{1,4})", cand.mention.value or "")
    if found is None:
        return None
    year = found.group(1)
    if re.search(rf"(?<!\d){year}|['’]{year[-2:]}", cand.mention.text):
        return None
    # A story's own year named before ("In 1902 ... On 3 July, ...") is the article's word too.
    before = scope.facts.text[max(0, cand.mention.start - NARRATIVE_REACH) : cand.mention.start]
    if re.search(rf"(?<![\d.,]){year}(?![\d,])", before):
        return None
    return f'the year ({year}) is worked out, not written: the article says only "{cand.mention.text}"'


def check_truncated_name(cand: Candidate, scope: ArticleScope) -> str | None:
    names = [m.text for m in scope.context.by_sentence.get(cand.mention.sentence_start, [])]
    return "the stem cuts a longer name short" if truncates_name(cand.question, names) else None


def check_descriptor_answer(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "The former Beatle resisted ...": a capitalised word after "the" or "a" that the small model calls a person
    is a description; "Who resisted ...?" answered "Beatle" is wrong."""
    m = cand.mention
    if m.kind != "person" or len(m.text.split()) > 1:  # "the late John Smith" is a name
        return None
    before = words_before(m)
    if (before and before[-1].casefold() in ARTICLES) or (
        len(before) >= 2 and before[-2].casefold() in ARTICLES and before[-1].islower()
    ):
        return f'"{" ".join(before[-2:])} {m.text}" describes someone, it is no name'
    return None


def check_relative_pronoun(cand: Candidate, scope: ArticleScope) -> str | None:
    if cand.pattern == "relative" and _pronoun_of_main_clause(cand.question, cand.mention, scope.doc):
        return "a pronoun of the relative clause means the main clause's subject"
    return None


def check_glued_aside(cand: Candidate, scope: ArticleScope) -> str | None:
    return (
        "an aside kept without its commas runs into the stem"
        if _glued_aside(cand.question, cand.mention, scope.doc)
        else None
    )


def check_owned_answer(cand: Candidate, scope: ArticleScope) -> str | None:
    """An answer written after a possessive ("released $4.5 million from its Relief Fund"): the owner names
    it half-way, and any other name swapped in ("from its World Health Organization") is nonsense."""
    text = scope.facts.text
    m = cand.mention
    if _POSSESSIVE_BEFORE.search(text[max(0, m.start - 8) : m.start]) is not None:
        return 'the answer follows a possessive ("its Relief Fund")'
    return None


def check_time_clause(cand: Candidate, scope: ArticleScope) -> str | None:
    if _time_clause_without_date(cand.question, cand.mention, scope.doc):
        return "a state that holds only while another clause happens, asked without a date"
    return None


def check_lost_day(cand: Candidate, scope: ArticleScope) -> str | None:
    if cand.pattern == "subject" and _lost_its_day(cand.question, cand.mention, scope.doc):
        return "the clause's day was dropped: anyone who ever did it would fit"
    return None


def check_shared_name_part(cand: Candidate, scope: ArticleScope) -> str | None:
    for part in _shared_name_parts(scope.pool):
        if _bare_name_part(cand.shown, part):
            return f'"{part}" alone could mean several people of the deck'
    return None


#: Comings and goings: "Which city did X depart?" is true but hardly worth a card.
MOVEMENT = re.compile(
    r"\b(depart|departed|leave|left|arrive|arrived|return|returned|travel|traveled|travelled|"
    r"fly|flew|go|went|come|came|head|headed)\b",
    re.I,
)


def check_bare_trip(cand: Candidate, scope: ArticleScope) -> str | None:
    if cand.kind == "place" and MOVEMENT.search(cand.question) and len(cand.question.split()) <= 9:
        return "a bare departure or arrival, nothing else asked: not worth a card"
    return None


def check_count_without_its_period(cand: Candidate, scope: ArticleScope) -> str | None:
    """A count asked without the period or date its sentence gives it ("How many leaks does Con Edison record?"
    of "... about 500 leaks in a typical month"; "How many structures did the Great Fire consume?" without its
    1835): the number holds only for that period, so the question is unscoped. Weekdays and "today" are dropped
    on purpose elsewhere and do not count. The rubric's own unscoped count; of the judged dev questions it
    refuses, 2 of 4 were accepted (2 of 9 if any date of the sentence counted, which refused good ones too)."""
    if cand.kind != "number" or not cand.question.startswith(("How many", "How much")):
        return None
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    asked = cand.question.casefold()
    verb = _clause_verb(span.root)
    for ent in span.sent.ents:
        if ent.label_ != "DATE" or (ent.start_char < cand.mention.end and ent.end_char > cand.mention.start):
            continue
        if _clause_verb(ent.root) != verb:
            continue  # another clause's date ("... which maintains 2,100 miles ..., records 300 leaks a month")
        words = [w for w in re.findall(r"[a-z0-9]+", ent.text.casefold()) if re.search(r"\d", w) or len(w) > 3]
        words = [w for w in words if w not in WEEKDAYS and w not in {"today", "tonight", "yesterday"}]
        if words and not any(w in asked for w in words):
            return f'the count holds for "{ent.text}", which the question leaves out'
    return None


def check_unique_answer(cand: Candidate, scope: ArticleScope) -> str | None:
    """Answerable uniquely against the whole deck: no other sentence with the same content words gives a
    different answer of the same kind."""
    other = competing_answer(cand, scope.corpus)
    return f'another sentence makes the same claim with "{other}"' if other else None


# ------------------------------------------------------------------ cloze readability
# Measured on blind judgments of dev candidates (benchmarks/judgments/dev.jsonl): clozes of these kinds were
# accepted about 22-40% of the time against 49% overall, so they are refused outright rather than ranked.

#: Was 30. On 2026-12-03 (round r24) the dev deck cards of 31-40-word sentences that only this cap had kept out were
#: accepted 39 times in 55 (71%, the deck's cross-fitted average); relaxing the list and quotation rules below the
#: same way let in cards accepted 61-66% of the time, so those stay.
MAX_CLOZE_WORDS = 40


def check_cloze_length(cand: Candidate, scope: ArticleScope) -> str | None:
    words = len(cand.transformed.statement.split())
    return f"{words} words: too long for one cloze" if words > MAX_CLOZE_WORDS else None


def check_cloze_asides(cand: Candidate, scope: ArticleScope) -> str | None:
    sentence = cand.transformed.statement
    # A colon between digits is a time or a score ("at 8:51 p.m.", "won 2:1"), not a list or an aside.
    if "(" in sentence or "[" in sentence or ";" in sentence or re.search(r":(?!\d)", sentence):
        # Square brackets too: an editor's insertion ("[More than 5,000 respondents] were ...") is no clean sentence.
        return "brackets, a semicolon or a colon: a sentence of asides and lists reads badly with a hole"
    if any(q in sentence for q in '"“”'):
        return "a quotation: a cloze of someone's words is no fact"
    return None


# Measured (2026-12-04): a sentence listing three or more items was refused here from the first stage design. The
# dev candidates failing only that were judged acceptable 72 times in 107, so the refusal was lifted; the deck
# cards it then added were accepted 65 times in 112 (58%), above the ranker's cloze target (55%), so lists stay
# with the ranker (features list_like, commas). Quotations (29 of 54 deck cards, 54%) and a blank coordinated
# with another ("between ___ and 2013": 10 of 21) fell below it, so those refusals came back. A blank whose kind
# only the small model's label gives, shown without a hint, was judged on 307 dev candidates: 52%, so that
# refusal stays too.


def check_cloze_context(cand: Candidate, scope: ArticleScope) -> str | None:
    if cand.evidence.get("lead"):
        return None  # the card shows the sentence before, which the marker answers
    found = caseless.search(LEANS_ON_CONTEXT, cand.transformed.statement)
    return f'"{found.group(0).strip(", ")}" answers something said before' if found else None


def check_cloze_open_quote(cand: Candidate, scope: ArticleScope) -> str | None:
    """A quotation the shown sentence opens and never closes, or closes and never opened ("... taken four dozen
    prisoners.\"", "claimed that \"China is not ..."): a piece of a longer quotation, not a whole sentence (rule 1).
    A whole quotation is only a soft refusal (``cloze_asides``) that the floor may overrule to spare an article an
    empty deck; a piece of one never is. Judged dev clozes with one: 0 accepted in 9 (2026-12-07)."""
    text = cand.own_shown
    straight = text.count('"') % 2 == 1
    curly = text.count("\u201c") != text.count("\u201d")
    return "the sentence opens or closes a quotation it does not hold whole" if straight or curly else None


def check_country_blank(cand: Candidate, scope: ArticleScope) -> str | None:
    """A country is the blank a reader guesses rather than learns: the sentence's other words point to it ("the
    Nile" for Egypt, "the Foreign Office" for the UK) or the article is set there. Judged dev clozes with a country
    blank were accepted 47% of the time (286), city blanks 54%, the deck's cards 75%; in dev decks, 54% of 123.
    The opening is the exception: there the country is what the article is about ("X is a landlocked country in
    ___"), and dev deck cards with one there were accepted 22 times in 30."""
    if cand.kind != "place" or cand.category != "country":
        return None
    if cand.position >= LEAD_SHARE:
        return "a country blank is mostly guessed from the rest of the sentence or the article's setting"
    # "Shops all over the ___ reported ...", "exposing the ___ to ...": few countries are written with "the",
    # and the one meant is mostly where the story is set (the UK of a British outlet): judged dev clozes with
    # such a blank were accepted 32 times in 90, in the opening too.
    if re.search(r"\bthe\s+$", scope.facts.text[max(0, cand.mention.start - 5) : cand.mention.start], re.I):
        return 'a country written with "the" is one of few, and mostly where the story is set'
    return None


def check_person_after_possessive(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "In his ___, Eusebius writes ...": nobody is "his" someone by name, so the blank the model calls a person
    is a title or a thing ("Ecclesiastical History"), and the card's kind and hint are wrong (a wh-question is
    refused for any kind by ``check_owned_answer``)."""
    if cand.kind != "person":
        return None
    before = scope.facts.text[max(0, cand.mention.start - 8) : cand.mention.start]
    if _POSSESSIVE_BEFORE.search(before):
        return f'"{before.split()[-1]}" before it: the blank is a title or a thing, not a person'
    return None


#: Verbs whose "in" takes a person ("draft in a winger", "called in Smith", "believed in Babbage"): there the
#: preposition is a particle, not a place.
_PERSON_IN_VERBS = frozenset(
    {"draft", "call", "bring", "believe", "fill", "send", "rope", "usher", "trust", "confide", "pull", "draw", "let"}
)
#: The extraction's locative prepositions, with "at", "within" and "inside" ("At ___, on 12 April 1281, ...").
_PLACE_PREPOSITIONS = frozenset(LOCATIVE_PREPOSITIONS | {"at", "within", "inside"})


def _in_a_place_slot(token: Any) -> bool:
    """The name stands where a place stands: the object of "in", "at", "near" ... (not a possessive, not the
    particle of "draft in", not after an adjective: "interested in")."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in _PLACE_PREPOSITIONS or prep.head.pos_ == "ADJ":
        return False
    verb = prep.head
    return not (verb.i == prep.i - 1 and verb.lemma_.casefold() in _PERSON_IN_VERBS)


def check_person_at_a_place(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "Soon after Pamphilus settled in ___", "At ___, on 12 April 1281, ...", "set in post-war ___": a blank the
    article's vote calls a person but that stands where a place stands (after "in", "at", "near", without a
    possessive) is a place or a thing, so its "(person)" hint is wrong. On dev deck cards: 1 accepted in 13. Without
    a hint the blank claims no kind ("played West Indian Archie in Lee's ___"), and judges accept it. (Read
    article-wide, over every mention of the name, it took more good cards than bad: "confidence in Mr Shiga".)"""
    if cand.kind != "person" or not cand.hint:
        return None
    before = scope.facts.text[max(0, cand.mention.start - 40) : cand.mention.start]
    if PLACE_NOUN_OF.search(before):
        return f'"{cand.mention.text}" is named by a place noun ("{before.split()[-2]} of ___"), not a person'
    span = mention_span(cand.mention, scope.doc)
    if span is None or not _in_a_place_slot(span.root):
        return None
    return f'"{cand.mention.text}" stands where a place does ("{span.root.head.text} ___"), not a person'


def _stands_for_a_team(token: Any) -> bool:
    """ "Liverpool have little chance", "Newcastle were beaten": a town's name as the subject of a plural verb
    is its club or team (British usage)."""
    if token.dep_ not in {"nsubj", "nsubjpass"} or token.tag_ not in {"NNP", "NN"}:
        return False
    if any(c.dep_ == "conj" for c in token.children):  # "Leeds and York are ...": plural for another reason
        return False
    verb = token.head
    verbs = [verb, *[c for c in verb.children if c.dep_ in {"aux", "auxpass"}]]
    return any(v.tag_ == "VBP" or v.lower_ == "were" for v in verbs)


def check_city_as_team(cand: Candidate, scope: ArticleScope) -> str | None:
    """A city the article also writes as a team ("Liverpool have little chance ...", "Newcastle were well
    beaten"): blanked as "(city)" the hint is wrong wherever the club is meant, and judges refuse it; so is a
    "Where" question."""
    if cand.kind != "place" or cand.category != "city" or (cand.form is Form.CLOZE and not cand.hint):
        return None
    key = cand.mention.canonical.casefold()
    for other in scope.facts.mentions:
        if other.canonical.casefold() != key:
            continue
        span = mention_span(other, scope.doc)
        if span is not None and _stands_for_a_team(span.root):
            return f'the article writes "{other.text}" as a team ("{other.text} {span.root.head.text}")'
    return None


def check_cloze_kind(cand: Candidate, scope: ArticleScope) -> str | None:
    if cand.kind in {"place", "organization", "person"} and not cand.evidence.get("kind_certain", True):
        return f"not sure the blank is {with_article(cand.kind)} (the small model's label alone)"
    return None


def check_cloze_role(cand: Candidate, scope: ArticleScope) -> str | None:
    """An apposition ("the mayor, Per Lunde,"), a compound modifier or a news source ("according to the BBC",
    "told Reuters", "according to MMQB's Peter King") is a side detail of the sentence, not its fact."""
    dep = cand.evidence.get("blank_dep", "")
    if dep in {"appos", "compound"}:
        return "the blank is a side detail (an apposition or a modifier)"
    if cand.evidence.get("blank_depth", 0) >= 5:
        return "the blank sits deep in the sentence's parse (a detail of a detail): judged acceptable 30% of the time"
    if cand.evidence.get("coordinated"):
        return 'the blank is one of a pair or list ("2008 and ___"): either could be asked, neither is the fact'
    before = scope.facts.text[max(0, cand.mention.start - 60) : cand.mention.start].casefold()
    if re.search(
        r"(?:according to|told|tells?|said|says)\s+(?:the\s+)?(?:(?:[\w.&-]+\s+){0,2}[\w.&-]+['’]s\s+)?$", before
    ):
        return "the blank is the news source of the sentence"
    sentence_before = cand.mention.sentence[: cand.mention.start - cand.mention.sentence_start]
    if cand.kind == "organization" and _SPEAKER_AFFILIATION.search(sentence_before):
        return "the blank is where a quoted source works, not the sentence's fact"
    return None


#: "..., said Ahmad Ijaz, an economist at the ___": the affiliation that introduces a quoted source (0 of 6 judged
#: dev clozes accepted; before the verb, "Prof Alex Markham, of ___, said ...", 4 of 4 were).
_SPEAKER_AFFILIATION = re.compile(
    r"\b(?:said|says|according to)\s+(?:[A-Z][\w.'’-]*\s+){1,4}?[A-Z][\w.'’-]*,\s+[^.;]{0,80}\b(?:at|of|from|with)\s+(?:the\s+)?\Z"
)


#: Life events whose date is only worth a card for someone the article is about.
_LIFE_EVENT_LEMMAS = frozenset({"die", "bear"})
_LIFE_EVENT_NOUNS = frozenset({"death", "birth"})
#: A person named at most this often is mentioned in passing.
PASSING_MENTIONS = 2


def check_passing_life_date(cand: Candidate, scope: ArticleScope) -> str | None:
    """The year someone died or was born, for a person the article names only in passing ("Allegra died in ___
    at the age of five", "Michelson experimented ... until his death in ___"): rule 5 of the rubric names it as
    not worth studying."""
    if cand.kind != "date":
        return None
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    verb = next((t for t in span.root.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    event = span.root.head.head if span.root.dep_ == "pobj" else None
    if event is not None and event.lemma_.casefold() in _LIFE_EVENT_NOUNS:
        # "... from 1877 until his death in ___": whose death the possessive says; "his" is the clause's subject.
        owner = next((c for c in event.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":
            subject = owner
        elif owner is None or owner.lower_ not in {"his", "her"}:
            return None
    elif verb.lemma_.casefold() not in _LIFE_EVENT_LEMMAS:
        return None
    if subject is None:
        return None
    lo, hi = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    for m in scope.context.by_sentence.get(cand.mention.sentence_start, []):
        if m.kind == "person" and lo <= m.start and m.end <= hi:
            if scope.mention_counts.get(m.canonical.casefold(), 0) <= PASSING_MENTIONS:
                return f"when {m.text} was born or died: someone the article mentions only in passing"
            return None
    return None


#: A word lost from the source text (an italic or linked name the page dropped): "the left Darwin", "Stokes of on
#: 9 September". Prepositions that may follow "of" ("of about 300", "of up to") are not a gap.
_OF_BEFORE_PREPOSITION_OK = frozenset({"about", "around", "over", "under", "up", "nearly", "almost", "between", "some"})


def check_word_lost_from_source(cand: Candidate, scope: ArticleScope) -> str | None:
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    tokens = span_tokens(span.sent)
    for a, b in zip(tokens, tokens[1:]):
        if a.lower_ in {"the", "a", "an"} and b.tag_ in {"VBD", "VBZ", "VBP"} and b.dep_ not in {"amod", "compound"}:
            return f'"{a.text} {b.text}": a word of the source sentence is missing'
        if a.lower_ == "of" and b.pos_ == "ADP" and b.lower_ not in _OF_BEFORE_PREPOSITION_OK:
            return f'"{a.text} {b.text}": a word of the source sentence is missing'
    return None


def _passing_person(cand: Candidate, scope: ArticleScope) -> Any | None:
    """The head token of the answer when it is a person the article names at most PASSING_MENTIONS times."""
    if cand.kind != "person" or scope.mention_counts.get(cand.mention.canonical.casefold(), 0) > PASSING_MENTIONS:
        return None
    span = mention_span(cand.mention, scope.doc)
    return None if span is None else span.root


def check_passing_speaker(cand: Candidate, scope: ArticleScope) -> str | None:
    """Someone the article names at most twice, asked as the one who said something ("Potholes form ..., said
    ___"): the speaker of a passing quote is no fact. On dev judgments such cards were accepted 2 times in 10."""
    root = _passing_person(cand, scope)
    if root is None:
        return None
    while root.dep_ in {"compound", "appos", "conj"} and root.head.i != root.i:
        root = root.head
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.casefold() in SAYING_VERBS:
        return f'"{cand.answer}" is named {PASSING_MENTIONS} times at most, here only as the one who {root.head.text}'
    return None


#: The words that credit a film's or show's cast ("The Last Samurai, starring ___, ...").
_CAST_CREDITS = frozenset({"starring", "co-starring"})


def check_cast_credit(cand: Candidate, scope: ArticleScope) -> str | None:
    """Someone the article names at most twice, asked only as who starred in a film it mentions ("The Polar
    Express, starring ___, ...", "a sitcom co-starring ___", "starring opposite ___"): the cast of a title named
    in passing is no fact of the article. Judged dev clozes: 5 of 16 accepted."""
    root = _passing_person(cand, scope)
    if root is None:
        return None
    while root.dep_ in {"compound", "flat"} and root.head.i != root.i:
        root = root.head
    before = root.doc[root.left_edge.i - 1] if root.left_edge.i > 0 else None
    if before is not None and before.lower_ == "opposite" and before.i > 0:
        before = root.doc[before.i - 1]
    if before is not None and before.lower_ in _CAST_CREDITS:
        return (
            f'"{cand.answer}" is named {PASSING_MENTIONS} times at most, here only as who is "{before.text}" in a title'
        )
    return None


def check_passing_commentator(cand: Candidate, scope: ArticleScope) -> str | None:
    """Someone the article names at most twice, in the role of a source or commentator ("CNN meteorologist ___",
    "my colleague ___", "___, a member of the party's secretariat"): who gave a comment is no fact to learn. On dev
    judgments such cards were accepted 2 times in 10."""
    root = _passing_person(cand, scope)
    if root is None:
        return None
    roles = [c for c in root.children if c.dep_ in {"compound", "appos"} and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        roles.append(root.head)
    roles += [c for role in roles for c in role.children if c.dep_ == "compound"]  # "press secretary"
    role = next((r for r in roles if r.lemma_.casefold() in COMMENTATOR_ROLES), None)
    if role is not None:
        return f'"{cand.answer}" is named {PASSING_MENTIONS} times at most, as a {role.text}: a source, not a fact'
    return None


#: Nouns whose "of" or "to" brings in whose view a sentence gives ("the dry assessment of Graham Lane, ...").
_VIEW_NOUNS = frozenset({"according", "assessment", "view", "verdict", "opinion", "words"})


def _quoted_source(person: Any) -> bool:
    """Whether a person token (a name's head) is the one a sentence quotes or reports: the subject of a speaking
    verb ("..., said Steve Cowan"), or after "according to" or "the assessment of"."""
    while person.dep_ in {"compound", "flat", "conj"} and person.head.i != person.i:
        person = person.head
    if person.dep_ in {"nsubj", "nsubjpass"}:
        return person.head.lemma_.casefold() in SPEAKING_VERBS
    return person.dep_ == "pobj" and person.head.head.lower_ in _VIEW_NOUNS


def _headed_by(span: Any, aside: Any) -> bool:
    """Whether the aside says its person heads the blank's organization ("chief executive of ___", "who is
    chairing the ___"), not only works there."""
    blank = span.root
    if blank.dep_ == "pobj" and blank.head.lower_ == "of":
        role = blank.head.head
    elif blank.dep_ == "dobj" and blank.head.lemma_.casefold() in HEAD_VERBS:
        return blank.head == aside
    else:
        return False
    if role != aside and role.head != aside:
        return False
    before = " ".join(t.lower_ for t in role.doc[max(0, role.i - 3) : role.i])
    if any(w in UNDER_ROLE_WORDS for w in re.findall(r"[a-z]+", before)):
        return False
    phrase = f"{before} {role.lower_}"
    return role.lower_ in HEAD_ROLES or phrase.endswith(HEAD_ROLE_PHRASES)


#: Verbs of a clause that says where someone works ("who is also vice-president of research at ___", "who works
#: for ___"); "who recently quit the ___" says what they did, a fact of its own.
_AFFILIATION_VERBS = frozenset({"be", "work", "serve", "teach", "lecture", "study", "research"})


def _names_a_person(token: Any, scope: ArticleScope) -> bool:
    """Whether a token is part of a person's name, by the small model's label or the extraction's kind."""
    return token.ent_type_ == "PERSON" or scope.context.mention_at(token, "person") is not None


def check_source_affiliation(cand: Candidate, scope: ArticleScope) -> str | None:
    """An organization or place the article names at most twice, only to say where a quoted source works or comes
    from ("said Steve Cowan, a spokesman for the ___", "Professor Rothwell, who is also vice-president of research
    at ___, told the Times ..."): a byline of the quote, not a fact of the story. On dev judgments such clozes
    were accepted 13 times in 42 (against 66% for all clozes)."""
    if cand.kind not in {"organization", "place"}:
        return None
    if scope.mention_counts.get(cand.mention.canonical.casefold(), 0) > PASSING_MENTIONS:
        return None
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    tok = span.root
    while tok.head.i != tok.i:
        person = tok.head
        aside = tok.dep_ == "appos" or (tok.dep_ == "relcl" and tok.lemma_.casefold() in _AFFILIATION_VERBS)
        if aside and _names_a_person(person, scope) and not span.start <= person.i < span.end:
            if _quoted_source(person) and not _headed_by(span, tok):
                return f'"{cand.answer}" only says where {person.text}, a quoted source, works or comes from'
            return None
        tok = person
    return None


#: A news outlet's possessive and up to four words of role before a blank: "the BBC's ", "Time magazine's ",
#: "the BBC's North America editor ".
_OUTLET_STAFF_BEFORE = re.compile(
    r"(?P<outlet>(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*|[Tt]ime magazine)(?:'s|’s)\s+(?:[A-Za-z-]+\s+){0,4}$"
)
#: ... and a place after its reporter's name: "the BBC's Louisa Lim in ".
_OUTLET_STAFF_PLACE_BEFORE = re.compile(
    r"(?P<outlet>(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*)(?:'s|’s)\s+(?:[A-Z][\w.'’-]*\s+){1,3}in\s+$"
)


#: A reporter's role and name after an outlet: "___ political correspondent Glenn Campbell".
_STAFF_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}(?P<role>correspondent|reporter|editor|columnist|commentator)\s+[A-Z]"
)


def check_outlet_staff(cand: Candidate, scope: ArticleScope) -> str | None:
    """A news outlet's reporter ("according to the BBC's ___", "the BBC's North America editor ___") or where the
    reporter stands ("the BBC's Louisa Lim in ___ says"): who reports the news, not what it is. On dev judgments
    such cards were accepted 0 times in 8. The outlet itself before its staff ("___ correspondent James Hardy
    said") is the same byline, the other way round."""
    if cand.kind == "organization":
        after = scope.facts.text[cand.mention.end : cand.mention.end + 60]
        staff = _STAFF_AFTER.match(after)
        return (
            f'"{cand.answer}" is named as the employer of its {staff.group("role")}: a byline, not a fact'
            if staff
            else None
        )
    if cand.kind not in {"person", "place"}:
        return None
    before = scope.facts.text[max(cand.mention.sentence_start, cand.mention.start - 80) : cand.mention.start]
    pattern = _OUTLET_STAFF_BEFORE if cand.kind == "person" else _OUTLET_STAFF_PLACE_BEFORE
    found = pattern.search(before)
    if found is None:
        return None
    outlet = found.group("outlet")
    words = {w.casefold() for w in re.findall(r"[A-Za-z]+", outlet)}
    if not words & NEWS_OUTLET_WORDS and classify.organization_category(outlet, []) != "news agency":
        return None
    if cand.kind == "person":
        return f'"{cand.answer}" is named as {outlet}\'s staff: who reports the news, not a fact of it'
    return f'"{cand.answer}" is only where {outlet}\'s reporter is'


_ROMAN = re.compile(r"[IVXLCDM]+")


def check_shouted_name(cand: Candidate, scope: ArticleScope) -> str | None:
    """A name half in capitals ("MALCOLM Fraser"): a kicker or byline's typography, not how the name is written."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", cand.answer)
    shouted = [w for w in words if len(w) >= 4 and w.isupper() and not _ROMAN.fullmatch(w)]
    if shouted and any(not w.isupper() for w in words):
        return f'"{shouted[0]}" is set in capitals: the answer is typography, not the name as written'
    return None


#: Words that place something by another place ("near Madrid", "east of the river"): the other place is a locator.
_LOCATOR_BEFORE = re.compile(
    r"\b(?:near|outside|close to|(?:just |due )?(?:north|south|east|west|northeast|northwest|southeast|southwest)"
    r"(?:ern)? of|off the coast of)\s+(?:the\s+)?$",
    re.I,
)


def check_place_as_locator(cand: Candidate, scope: ArticleScope) -> str | None:
    """A place that only says where another place is: "born at the Palace of Alcala near ___", "of Opelika,
    ___" (the state after a town). It is an address, not the fact; judged acceptable 0 times in 7 on dev."""
    if cand.kind != "place":
        return None
    text = scope.facts.text
    start = cand.mention.start
    if _LOCATOR_BEFORE.search(text[max(0, start - 40) : start]):
        return f'"{cand.mention.text}" only locates another place ("near ...", "east of ...")'
    for other in scope.context.by_sentence.get(cand.mention.sentence_start, []):
        if other.kind == "place" and other.end <= start and text[other.end : start].strip() == ",":
            return f'"{cand.mention.text}" is the region of {other.text} written after it ("{other.text}, ...")'
    return None


def check_place_among_places(cand: Candidate, scope: ArticleScope) -> str | None:
    """A place blanked among two or more other places of its sentence ("range includes ___, Alaska and upstate
    New York", "between Japan, Hong Kong and ___"): one of a list, guessed from its neighbours or fitting several
    ways. Judged acceptable 15 times in 38 on dev candidates (2026-12-04), against 65% for the candidates that pass."""
    if cand.kind != "place":
        return None
    m = cand.mention
    others = {
        other.canonical
        for other in scope.context.by_sentence.get(m.sentence_start, [])
        if other.kind == "place" and other.start != m.start and other.canonical != m.canonical
    }
    if len(others) >= 2:
        return f'"{m.text}" is one of {len(others) + 1} places the sentence names'
    return None


def check_name_in_a_list(cand: Candidate, scope: ArticleScope) -> str | None:
    """A person or organization blanked in a list of three or more of its kind ("___, Howard Duff, Brian Keith and
    Gregory Peck were all other choices", "such as ___, The Shadow and Doc Savage"): one of many, it fits several
    ways and is seldom the point. The judged dev candidates it refuses were acceptable 6 times in 17 (2026-12-06)."""
    if cand.kind not in {"person", "organization"}:
        return None
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    listed = _listed_with(span.root)
    others = {
        m.canonical
        for m in scope.context.by_sentence.get(cand.mention.sentence_start, [])
        if m.kind == cand.kind
        and m.canonical != cand.mention.canonical
        and (found := mention_span(m, scope.doc)) is not None
        and found.root.i in listed
    }
    return f'"{cand.mention.text}" is one of {len(others) + 1} names listed together' if len(others) >= 2 else None


def _listed_with(token: Any) -> set[int]:
    """The tokens joined to this one as a list: by "and"/commas, or set beside it (the parser reads "by A, B, C and
    D" as A with B in apposition and C and D joined to B)."""
    seen, todo = {token.i}, [token]
    while todo:
        tok = todo.pop()
        linked = [c for c in tok.children if c.dep_ in {"conj", "appos"}]
        if tok.dep_ in {"conj", "appos"}:
            linked.append(tok.head)
        for other in linked:
            if other.i not in seen:
                seen.add(other.i)
                todo.append(other)
    return seen - {token.i}


def check_as_of_date(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "As of ___, the album has sold 949,000 copies": the date a figure was last counted, not a fact of its
    own (rule 5); judged acceptable 0 times in 3 on dev."""
    if cand.kind != "date":
        return None
    before = scope.facts.text[max(0, cand.mention.start - 12) : cand.mention.start]
    return '"as of" dates a count, it is no fact to learn' if re.search(r"\bas of\s+$", before, re.I) else None


#: What a change is measured from, just before its date: "fell from 102 in", "up from 6.6 percent in",
#: "compared with 45 in", "than they did in".
_BASELINE_BEFORE = re.compile(
    r"\b(?:(?:up |down )?from|compared (?:with|to))\s+[$£€]?\d[\d.,]*\s*(?:%|percent|per cent|bn|m|million|billion)?"
    r"\s+(?:in|during)\s+$|\bthan (?:they|it|he|she|we) (?:did|was|were|had)\s+(?:in|during)\s+$",
    re.I,
)


def check_comparison_baseline(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "Co-productions fell from 102 in ___ to 81 last year": the year a change is measured from dates the
    baseline figure, not an event to learn (rule 5); judged acceptable 0 times in 5 on dev."""
    if cand.kind != "date":
        return None
    before = scope.facts.text[max(0, cand.mention.start - 60) : cand.mention.start]
    return "the year a change is measured from is no fact to learn" if _BASELINE_BEFORE.search(before) else None


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per ?cent)")
#: A share in figures or words: "30%", "Sixty percent", "forty-five per cent".
_SPELLED_NUMBER = "|".join(sorted(SPELLED_NUMBER_WORDS, key=len, reverse=True))
_SHARE = re.compile(
    rf"(\d+(?:\.\d+)?|\b(?:a hundred|(?:{_SPELLED_NUMBER})(?:[- ](?:{_SPELLED_NUMBER}))*))\s*(?:%|per ?cent)", re.I
)


def check_share_adds_up(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "Females were 51.1% of the population and males ___": shares of one whole in one sentence that add up to
    100, so any one is 100 less the others ("43%, 55.1% ... while 1.9%", "Sixty percent ..., 30% ... and 10%";
    rule 4: not as a sum that must add up)."""
    if cand.kind != "number" or not _SHARE.search(cand.mention.text):
        return None
    written = _SHARE.findall(cand.mention.sentence)
    shares = [parse_amount(x) or 0.0 for x in written]
    # Each share rounded as written ("44%, 48% ... 7%" make 99): half its last digit's step is the slack.
    slack = max(0.3, sum(0.5 if "." not in x else 0.05 for x in written))
    return (
        f"the {len(shares)} shares add up to 100: the others give this one"
        if len(shares) >= 2 and abs(sum(shares) - 100) <= slack
        else None
    )


#: A year as written in running text: not part of a longer figure ("12,1987", "1987.5", "$1987").
_YEAR_IN_TEXT = re.compile(r"(?<![\d,.$£€])(1\d{3}|20\d{2})(?![\d,]|\.\d)")


def _sentence_without_blank(cand: Candidate) -> str:
    """The candidate's sentence with its blank blotted out (same length, so offsets hold)."""
    start = cand.mention.start - cand.mention.sentence_start
    sentence = cand.mention.sentence
    return sentence[:start] + " " * len(cand.mention.text) + sentence[start + len(cand.mention.text) :]


def check_neighbouring_year(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "elected for a one-year term in ___, and reelected in 1901", "spent £1.34bn in ___, 7% more than in 2003":
    a year beside the year before or after it in one sentence is counted to, not remembered (rule 4). Judged dev
    deck cards of a bare year with the next or previous year in the sentence were accepted 26 times in 51 (51%),
    against 81% for other bare years (2026-12-07)."""
    if cand.kind != "date" or not re.fullmatch(r"\d{4}", (cand.mention.value or "")):
        return None
    if not re.fullmatch(r"(?:(?:in|of|by) )?\d{4}", cand.mention.text.strip(), re.I):
        return None  # "May 1887", "the 1990 season": not a bare year
    year = int(cand.mention.value or 0)
    for found in _YEAR_IN_TEXT.finditer(_sentence_without_blank(cand)):
        if abs(int(found.group(1)) - year) == 1:
            return f"{found.group(1)} in the same sentence: the year next to it is counted to, not remembered"
    return None


#: Three or more years listed together ("in ___, 1931, and 1944", "in ___, 1958–59, 1962–63 and 1973–77").
_YEAR_ITEM = r"(?:1\d{3}|20\d{2})(?:[–-]\d{2,4})?"
_LISTED_YEARS = re.compile(
    rf"(?<![\d,])(?:{_YEAR_ITEM}|_____)(?:,\s+(?:{_YEAR_ITEM}|_____))+,?\s+(?:and|or)\s+(?:{_YEAR_ITEM}|_____)(?!\d)"
)


def check_one_of_listed_years(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "nominated for the Nobel Prize in ___, 1903, and 1905", "later outbreaks, in ___, 1931, and 1944": a year
    that is one of three or more the sentence lists for the same thing is one answer of several (rule 3), whichever
    the card blanks. Judged dev clozes blanking one: 1 of 6 accepted."""
    if cand.kind != "date":
        return None
    found = _LISTED_YEARS.search(cand.own_shown)
    if found is None or "_____" not in found.group(0):
        return None
    return f'"{found.group(0)}": the blank is one of the years the sentence lists for the same thing'


_RANGE_END = re.compile(r"\b(?:until|till|through|before|after)\b", re.I)


def _between(text: str, a: int, b: int) -> str:
    return text[min(a, b) : max(a, b)] if a >= 0 else ""


#: Nouns for a publication or a measurement that a year only dates ("A 2009 study found ...", "A 1991 estimate
#: ... was over $1.2 billion", "the Corruption Perceptions Index of 2017"): what it found is the fact, its year a
#: citation. Judged dev clozes blanking such a year: 2 of 9 accepted. (A census year is left alone: it is what
#: a population figure counts from, 3 of 6 accepted; so is a "white paper" or "law papers of ___".)
_DATED_DOCUMENTS = frozenset(
    {"study", "estimate", "survey", "report", "index", "edition", "poll", "ranking", "review", "audit"}
)


def check_citation_year(cand: Candidate, scope: ArticleScope) -> str | None:
    """The year that only dates a study, estimate, poll or edition the sentence cites (see ``_DATED_DOCUMENTS``)."""
    if cand.kind != "date":
        return None
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    root = span.root
    if root.dep_ in {"compound", "nummod", "amod", "npadvmod", "nmod"}:
        noun = root.head
    elif root.dep_ == "pobj" and root.head.lower_ in {"of", "for"}:
        noun = root.head.head
    else:
        return None
    if noun.pos_ != "NOUN" or noun.lemma_.casefold() not in _DATED_DOCUMENTS:
        return None
    return f"the blank only dates the {noun.text} the sentence cites; what it found is the fact"


#: A figure the sentence reports: a share, an amount of money or a count in millions ("rose 2.2% to 47.2bn euros").
_REPORTED_FIGURE = re.compile(
    r"\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:%|per ?cent\b|bn\b|billion\b|m\b|million\b|tn\b|trillion\b)|[$£€¥]\s?\d", re.I
)
#: How often a year must be written in the article to be the period the whole report covers.
FRAMING_YEAR_MENTIONS = 3


def check_framing_year(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "France Telecom saw its full-year sales rise 2.2% to 47.2bn euros in ___ [2004]": a year the article
    writes three times or more is the period the whole report covers, and in a sentence that reports a figure it
    only frames that figure, which is the fact (rule 5). Judged dev deck clozes: 23 of 54 accepted, against 76%
    for years the article writes less often or in sentences without a figure."""
    year = cand.mention.text.strip()
    if cand.kind != "date" or not re.fullmatch(r"\d{4}", year):
        return None
    if not _REPORTED_FIGURE.search(_sentence_without_blank(cand)):
        return None
    written = len(re.findall(rf"(?<![\d.,]){year}(?!\d)", scope.facts.text))
    if written < FRAMING_YEAR_MENTIONS:
        return None
    return f"{year} is written {written} times: the period the report covers, not its fact"


def check_century_from_years(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "the War of 1812 and the Spanish–American War in 1898 ... during the ___ [19th century]": a century whose
    years the sentence writes is read off them (rule 4; 0 of 3 such dev deck cards accepted); so is a decade ("founded
    in 1954 during the mambo explosion of the ___ [1950s]": 1 of 4 judged dev clozes accepted)."""
    granularity = cand.mention.granularity
    if cand.kind != "date" or granularity not in {"century", "decade"}:
        return None
    number = re.match(r"\d+", cand.mention.value or "")  # the extraction's "19th century", "1950s"
    if number is None:
        return None
    shown = cand.own_shown
    for found in _YEAR_IN_TEXT.finditer(shown):
        year = int(found.group(1))
        if _RANGE_END.search(_between(shown, shown.find("_____"), found.start())):
            continue  # "from the ___ until the fall of the Wall in 1989": the decade it started is not given
        if granularity == "century" and (year - 1) // 100 + 1 == int(number.group()):
            return f"{found.group(1)} in the same sentence gives the century away"
        if granularity == "decade" and year // 10 * 10 == int(number.group()):
            return f"{found.group(1)} in the same sentence gives the decade away"
    return None


#: An amount as written: currency, figure, scale ("$12.5 billion", "£35bn", "$697m", "€2.1 million").
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<cur>[$£€¥]|US\$|Rs\.? ?)(?P<figure>\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|billion|mn|m|million|k|thousand|tn|trillion))?)\b",
    re.I,
)


def _amounts(text: str) -> list[tuple[str, float]]:
    """(currency, value) of every amount of money in ``text``."""
    out = []
    for found in _AMOUNT.finditer(text):
        value = parse_amount(found.group("figure"))
        if value is not None:
            out.append((found.group("cur").strip().upper(), value))
    return out


def check_amount_adds_up(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "invested ___ in Chrysler and recovered $11.2 billion ... a loss of $1.3 billion", "a pre-tax profit of
    ___, a $697m improvement from $153m": an amount that is the sum or the difference of two others of the same
    currency in its sentence is worked out, not remembered (rule 4: "not as a sum that must add up"). 0 of 4 such
    dev deck cards were accepted (2026-12-07)."""
    if cand.kind != "number":
        return None
    answer = _amounts(cand.mention.text)
    if len(answer) != 1:
        return None
    currency, target = answer[0]
    others = [value for found, value in _amounts(_sentence_without_blank(cand)) if found == currency]
    for i, x in enumerate(others):
        for y in others[i + 1 :]:
            for result in (x + y, abs(x - y)):
                # As precise as the figures are written: "$12.5 billion" less "$1.3 billion" is "$11.2 billion".
                if target and abs(result - target) <= 0.005 * target:
                    return "the amount is the sum or the difference of two others in its sentence"
    return None


#: A whole number in digits or as a word (up to twenty), not inside a longer figure ("3.5", "$1,200", "H1").
_WHOLE = (
    r"(?:(?<![\w.,$£€])\d{1,3}(?:,\d{3})+(?![\d%])|(?<![\w.,$£€])\d+(?![\d%]|[.,]\d)|\b(?:"
    + "|".join(NUMBER_WORDS)
    + r")\b)"
)
#: Two counts written as a pair: "eight to one", "from number eight to number one", "4–8".
_COUNT_PAIR = re.compile(rf"({_WHOLE})(?: to (?:number |No\. )?|\s?[–-]\s?)({_WHOLE})", re.I)


def _whole_number(text: str) -> int:
    return NUMBER_WORDS.index(text.lower()) if text.isalpha() else int(text.replace(",", ""))


def check_count_follows(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "moved up ___ places from number eight to number one", "ruled by an eight to one majority in favour of
    appeals by ___ detainees": a count that is the sum or the difference of a pair of counts its sentence writes
    is worked out, not learned (rule 4). Dates are left out (a day or a year is no count)."""
    if cand.kind != "number" or not re.fullmatch(_WHOLE, cand.mention.text.strip(), re.I):
        return None
    target = _whole_number(cand.mention.text.strip())
    start = cand.mention.sentence_start
    sentence = cand.mention.sentence
    # The sentence with the blank and every date taken out.
    rest = list(sentence)
    for m in [cand.mention, *scope.facts.mentions]:
        if m is cand.mention or (m.kind == "date" and start <= m.start < start + len(sentence)):
            for i in range(max(0, m.start - start), min(len(rest), m.end - start)):
                rest[i] = " "
    for pair in _COUNT_PAIR.finditer("".join(rest)):
        x, y = _whole_number(pair.group(1)), _whole_number(pair.group(2))
        if target and target in {x + y, abs(x - y)}:
            return f'{target} is worked out from "{pair.group(0)}" in the same sentence'
    return None


#: "... exist: H1/H5, H2A, H2B, H3, and H4": the items of a list after a colon.
_LIST_ITEM_SPLIT = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,|;|\s+(?:and|or)\s+)\s*")


def check_count_given_by_list(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "___ major families of histones exist: H1/H5, H2A, H2B, H3, and H4.": the list the sentence goes on to
    give counts the blank out (rule 4)."""
    value = cand.mention.value or ""
    if cand.kind != "number" or not value.isdigit() or not 2 <= int(value) <= 12:
        return None
    sentence = cand.mention.sentence
    after = sentence[cand.mention.end - cand.mention.sentence_start :]
    colon = after.find(":")
    if colon == -1:
        return None
    items = [i for i in _LIST_ITEM_SPLIT.split(after[colon + 1 :].strip().rstrip(".")) if i]
    return (
        f"the list after the colon has {len(items)} items: it counts the blank out"
        if len(items) == int(value)
        else None
    )


_CAPITALS_RUN = re.compile(r"\b[A-Z]{2,}\s+(?:OF|THE|AND|IN|FOR|TO|ON|AT|A)\s+[A-Z0-9]{2,}\b")


def check_capitals_run(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "GROUP B OF THE 2017 AFRICA CUP OF NATIONS was played ...": words in capitals with their small words in
    capitals too are a heading or a page's bold title run into the text, not a sentence as a reader writes it
    (an acronym never holds "OF" or "THE")."""
    found = _found_in_sentence(_CAPITALS_RUN, cand.mention.sentence)
    return f'"{found.group(0)}": a heading in capitals run into the sentence' if found else None


def check_verbless_sentence(cand: Candidate, scope: ArticleScope) -> str | None:
    """A sentence whose head is a name or noun, not a verb ("Celina Jade as Dr. ___, a doctor who assists
    ..."): a cast list's or caption's line with a verb only in a side clause; judged acceptable 8 times in 23."""
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    if span.sent.root.pos_ not in {"VERB", "AUX"}:
        return f'the sentence is headed by "{span.sent.root.text}", not a verb: a list line or caption'
    if span.sent.root.tag_ == "VBG" and not any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in span_tokens(span.sent)):
        # "Unemployment rising back to 7% in late 2009.": a note's "-ing" line, no tense to make it a statement
        # (judged dev clozes without a finite verb: 4 of 23 accepted).
        return f'the sentence is headed by "{span.sent.root.text}" and no verb has a tense: a note, not a statement'
    return None


#: English prose is about half function words ("the", "of", "was"); below this share a "sentence" is none.
NOT_PROSE_FUNCTION_SHARE = 0.06
_WEB_ADDRESS = re.compile(WEB_ADDRESS_PATTERN, re.I)


def check_not_prose(cand: Candidate, scope: ArticleScope) -> str | None:
    """A scorecard, a fixture list run into one line or a paragraph in Portuguese has next to no English
    function words. On the corpus no English sentence of 8 words or more fell under the bar; tables,
    run-together lists and other languages did."""
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    words = [t for t in span_tokens(span.sent) if t.is_alpha]
    lowered = [t.lower_ for t in words]
    foreign = sum(w in FOREIGN_FUNCTION_WORDS for w in lowered)
    if foreign >= 3 and foreign > sum(w in ENGLISH_FUNCTION_WORDS for w in lowered):
        return "more of its function words belong to another language than to English"
    if len(words) < 8 or sum(t.is_stop for t in words) >= len(words) * NOT_PROSE_FUNCTION_SHARE:
        return None
    return "almost none of its words are English function words: a table, a run-together list or another language"


#: A value the page lost in conversion ("a speed of .", "range from , recorded on ..."): a preposition that takes a
#: number, then the space the value stood in, then punctuation. ".500" is a value, so a digit after the stop is no
#: gap; a preposition that ends its sentence with no space ("the price the books are sold at.") is English. An
#: age that lost its number ("In 1901, year-old William S. Harley drew ...") is one too.
_SOURCE_GAP = re.compile(
    r"\b(?:of|from|at|about|than|reaching|by|in|between)\s+[,.;:)—–](?!\d)|\b(?:of|between) (?:and|or)\b|(?:^|[,;(]\s*)(?:year|month)-old\b"
    # "it is, , supported by": what stood between the commas (a date, a word) was lost; so was the figure after a
    # currency sign ("equivalent to $ in dollars"). (Empty brackets and a spaced comma were tried: in dev decks they
    # took more accepted cards than refused ones, the brackets' aside being left out anyway.)
    r"|,\s*,|[$£€](?=\s+[a-z])"
    # A measure the page gave in a template it dropped: "encompass a further of coastline", "elevated greater than
    # above sea level", "the coast is long, while ...".
    r"|\ba further of\b|\bthan (?:above|below)\b|\b(?:is|are|was|were) (?:long|wide|high|tall|deep)[,;]"
    # A date's year lost with its template: "Since July , the ...", "on April 8, .".
    rf"|\b(?-i:{MONTH_PATTERN})(?:\s+\d{{1,2}})?(?:\s+[,.]|,\s+\.)"
    # A hedge whose figure the template took with it: "has risen to approximately , representing ...".
    r"|\b(?:approximately|roughly|an estimated|a total of|nearly|almost|circa)\s+[,.;:)—–](?!\d)",
    re.I,
)


#: Two sentences the splitter ran together after an abbreviation ("investigations in the U.S. On 21 July 2012, ..."):
#: a card of them is no one sentence.
_RUN_ON = re.compile(
    r"\b(?:U\.S|U\.K|Inc|Ltd|Corp|Co)\.\s+(?:On|In|The|He|She|It|They|This|After|By|During|At|But|However)\s"
)


#: Two words written twice ("expects the deficit to fall to fall to 2.9%"): a slip of the page as well.
_DOUBLED_PAIR = re.compile(r"\b(?P<pair>[a-z]+ [a-z]+) (?P=pair)\b")
#: A small word written twice ("his side will will not relinquish"): a slip of the page a card would repeat.
#: "had had" and "that that" are English; doubled names ("Wagga Wagga") are no small words.
_DOUBLED_WORD = re.compile(
    r"\b(?P<word>will|would|can|the|a|an|in|on|of|to|for|with|by|at|from|and|or|is|was|are|were|this|we|he|she|it|"
    r"they|off|not|be|has|have)\s+(?P=word)\b",
    re.I,
)


#: Words no sentence puts side by side: two conjunctions ("from BMW and but hopes"), a preposition before a finite
#: verb ("raised a formal appeal with did not succeed"): a word of the page was dropped or left in.
_WORD_LEFT_IN = re.compile(
    r"\b(?:and|but|or) (?:and|but|or)\b|\b(?:with|of|from|by|for) (?:did|does|was|were|is|are|has|had)\b"
)


def check_source_gap(cand: Candidate, scope: ArticleScope) -> str | None:
    """The sentence lost a value where the page was made ("Asia covers an area of , about 30% of ..."), runs into
    the next, or holds a slip ("will will not"): what is left misstates the article or reads garbled, whatever is
    blanked."""
    found = _found_in_sentence(_SOURCE_GAP, cand.mention.sentence)
    if found:
        return f'"{found.group(0).strip()}": a value is missing from the sentence as written'
    run_on = _found_in_sentence(_RUN_ON, cand.mention.sentence)
    if run_on:
        return f'"{run_on.group(0).strip()}": two sentences run together'
    doubled = _found_in_sentence(_DOUBLED_WORD, cand.mention.sentence) or _found_in_sentence(
        _DOUBLED_PAIR, cand.mention.sentence
    )
    if doubled:
        return f'"{doubled.group(0)}": words written twice, a slip of the page'
    left_in = _found_in_sentence(_WORD_LEFT_IN, cand.mention.sentence)
    return f'"{left_in.group(0)}": a word dropped or left in, a slip of the page' if left_in else None


def check_web_address(cand: Candidate, scope: ArticleScope) -> str | None:
    """A sentence with a web address is the page's furniture ("sites are at http://... About X Founded in ...")."""
    return (
        "the sentence holds a web address: page furniture"
        if _found_in_sentence(_WEB_ADDRESS, cand.mention.sentence)
        else None
    )


def check_generic_head_answer(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "The ___ took custody of the copies" -> "Bureau": a name's head word alone ("Board", "Congress", "Lake") is
    the article's short form of a longer name or a common word, not a name to learn; judged dev cards with such an
    answer were accepted once in 27."""
    answer = cand.answer.strip()
    if cand.kind in NAME_KINDS and " " not in answer and answer.casefold() in NAME_HEADS:
        return f'"{answer}" alone is a name\'s head word, not a name'
    return None


def check_markup_residue(cand: Candidate, scope: ArticleScope) -> str | None:
    """A sentence with "{{" or "}}" left from a wiki's templates ("the Encyclopedia{{'}}s article"): the text is
    not what the page showed, and a deck's cloze marker is written that way, so no card can hold it."""
    text = cand.mention.sentence
    if "{{" in text or "}}" in text:
        return 'the sentence holds template markup ("{{" or "}}") left from the page'
    if _TEMPLATE_FIELD.search(text):
        # "| q=Rent control started ...", "Q=The researchers examined ...": a citation template's field.
        return 'the sentence holds a citation template\'s field ("q=") left from the page'
    if "__" in text:
        # "A version of the __ (philibeg), or small kilt": a word the page set in a script of its own was lost.
        return 'the sentence holds "__" where the page had a word it could not give'
    if _STRAY_UNDERSCORE.search(text):
        # "where they were called _dúidín_s", "_Mystery Science Theater 3000'' is ...": emphasis the page's
        # markup left half-done, beside a blank written with underscores (judged dev cards: none of 9 accepted).
        return "the sentence holds an underscore of the page's markup at the edge of a word"
    if _IMAGE_LINK.search(text):
        # "BardiaMural.jpg|The Bardia Mural, photographed in the 1960s ...": a gallery's caption and file name.
        return "the sentence holds an image's file name: a caption left from the page"
    return None


#: A wiki template's field at the sentence's start or after a bar: "| q=...", "Q=...".
_TEMPLATE_FIELD = re.compile(r"(?:^|\|)\s*[A-Za-z][\w-]{0,11}=\S")
#: An underscore that opens or closes a word ("_dúidín_s"), not one inside a name ("file_name").
_STRAY_UNDERSCORE = re.compile(r"(?<![_\w])_(?=\w)|(?<=\w)_(?![_\w])")
#: A wiki gallery line: an image's file name, then "|" and its caption.
_IMAGE_LINK = re.compile(r"\.(?:jpe?g|png|gif|svg|tiff?|webp)\s*\|", re.I)


#: A market report's price line: "Tata Steel was down 5 pc at Rs 385", "Acme rose 2.1% at $41.20".
_MARKET_TICK = re.compile(
    r"\b(?:up|down|rose|fell|gained|lost|shed|sheds|declined|firm|higher|lower|climbed|dropped|added)\b(?: by)? "
    # ("%" is no word: a word boundary after it never matched, and every "up 0.77% at $63.03" went through.)
    r"[\d.]+ ?(?:%|(?:pc|per ?cent|percent|points?|cents)\b)[^.]{0,20}\bat (?:Rs\.?|\$|€|£|US\$)? ?[\d.,]+",
    re.I,
)


def check_market_tick(cand: Candidate, scope: ArticleScope) -> str | None:
    """One share's move in a market wrap-up: a line among dozens like it, not worth learning (rubric 5).
    0 of 9 judged dev candidates from such lines were accepted."""
    found = _found_in_sentence(_MARKET_TICK, cand.mention.sentence)
    return f'"{found.group(0)}": one price move in a market report' if found else None


#: A figure as an answer may carry its unit or scale: "$1.13bn", "75 cents", "2.2 per cent", "583p".
_FIGURE = r"[$£€]?\d[\d,.]*(?:%|\s?(?:per ?cent|bn|billion|m|million|p|pence|cents?)\b)?"
#: A change told with both its ends: "jumped 76% to $1.13bn ... from $639m", "was down 75 cents to $42.70 a barrel
#: from $43.45", "rose 2% from $10.9bn to $11.1bn". Any of the three figures follows from the other two, which the
#: card shows (rubric point 4: "not as a sum that must add up"); judges failed such cards.
_CHANGE_WITH_BOTH_ENDS = re.compile(
    r"\b(?:rose|rise[ns]?|rising|fell|falls?|falling|jump(?:ed|s)?|climb(?:ed|s)?|dropp?(?:ed|s)?|increas(?:ed|es?)|"
    r"decreas(?:ed|es?)|grew|grows?|slipped|slumped|surged?|gained|gains?|lost|declined|up|down|soared|plunged|"
    r"growth)\s+(?:by\s+)?"
    rf"(?P<change>{_FIGURE})\s+(?:"
    rf"to\s+(?P<end>{_FIGURE})[^.;]{{0,60}}?\bfrom\s+(?P<start>{_FIGURE})"
    rf"|from\s+(?P<start2>{_FIGURE})(?:\s+[a-z]+)?\s+to\s+(?P<end2>{_FIGURE}))",
    re.I,
)


def check_derivable_figure(cand: Candidate, scope: ArticleScope) -> str | None:
    """A figure of a change whose other two figures the sentence gives: worked out, not remembered."""
    if cand.kind != "number":
        return None
    start = cand.mention.start - cand.mention.sentence_start
    end = start + len(cand.mention.text)
    for found in _CHANGE_WITH_BOTH_ENDS.finditer(cand.mention.sentence):
        ends = [found.group(g) for g in ("start", "end", "start2", "end2") if found.group(g)]
        if all(figure.rstrip(",.").isdigit() and len(figure.rstrip(",.")) == 4 for figure in ends):
            continue  # "increased by 400% from 1985 to 1999": a period, not the change's two ends
        for group in ("change", "end", "start", "end2", "start2"):
            if found.group(group) and found.start(group) < end and start < found.end(group):
                return "a change told with both its ends: the blank follows from the sentence's other two figures"
    shown = cand.own_shown
    blank = shown.find("_____")
    if blank >= 0 and _change_adds_up(
        shown.replace("_____", cand.mention.text, 1), range(blank, blank + len(cand.mention.text))
    ):
        return "a change and the amounts before and after it: the blank follows from the other two"
    return None


#: A percentage that is a change ("a rise of 49.7%", "up 1.4 percent", "a 20% increase"), not a share ("65% of
#: which was short-term debt").
_CHANGE_WORD = re.compile(
    r"\b(?:rise|rises|rose|risen|up|down|increase[sd]?|decrease[sd]?|fell|fall|falls|drop(?:ped|s)?|jump(?:ed|s)?|"
    r"grew|growth|gain(?:ed|s)?|climb(?:ed|s)?|declined?|decline|lower|higher|more|less)\b",
    re.I,
)
#: How close "a rise of 49.7%" from "£5.5bn to £8.2bn" must come out: the figures are rounded as written.
_CHANGE_TOLERANCE = 0.015


def _change_adds_up(sentence: str, blank: range) -> bool:
    """Whether the blank is one of a percentage and two amounts of one currency in the sentence where one amount
    is the other changed by that percentage, however the sentence words it ("increased from £5.5bn to £8.2bn a
    year, a rise of 49.7%", "topped $9.4 billion, up 1.4 percent from the 2003 total of $9.27 billion")."""
    figures: list[tuple[str, float, tuple[int, int]]] = [
        ("%", float(m.group(1)), m.span())
        for m in _PERCENT.finditer(sentence)
        if _CHANGE_WORD.search(sentence[max(0, m.start() - 30) : m.end() + 20])
    ]
    for found in _AMOUNT.finditer(sentence):
        value = parse_amount(found.group("figure"))
        if value:
            figures.append((found.group("cur").strip().upper(), value, found.span()))
    if not any(span[0] < blank.stop and blank.start < span[1] for _cur, _value, span in figures):
        return False
    shares = [(value, span) for cur, value, span in figures if cur == "%"]
    amounts = [(cur, value, span) for cur, value, span in figures if cur != "%"]
    for share, share_span in shares:
        for cur, before, before_span in amounts:
            for cur2, after, after_span in amounts:
                if cur2 != cur or before_span == after_span:
                    continue
                spans = (share_span, before_span, after_span)
                if not any(span[0] < blank.stop and blank.start < span[1] for span in spans):
                    continue
                if any(
                    abs(before * factor - after) <= _CHANGE_TOLERANCE * after
                    for factor in (1 + share / 100, 1 - share / 100)
                ):
                    return True
    return False


def check_cloze_lone_fact(cand: Candidate, scope: ArticleScope) -> str | None:
    """A sentence that names nothing besides its blank (no other name, date or number, none written out):
    nothing says which event or thing is meant. On dev judgments such clozes were accepted 29 times in 100,
    against 54% for clozes that name something else."""
    ev = cand.evidence
    if ev.get("mentions_in_sentence", 2) <= 1 and not ev.get("resolved_pronouns") and not ev.get("renamed"):
        return "the sentence names nothing but its blank: which event or thing is meant?"
    return None


def check_unnamed_referent(cand: Candidate, scope: ArticleScope) -> str | None:
    """ "___ felt it was best to cancel the film", "The move will create the third largest retailer": a work, deal
    or event the card calls only "the film", "the move" was named in a sentence the student does not see. A name
    beside the noun ("the film Jaws", "the deal with Sony"), or a name of a work or event earlier in the sentence,
    says which it is."""
    # A passage shows the sentence before, where the person an age describes is named ("... Conchita Martinez won
    # ... The 32-year-old Spaniard came through ...").
    aged = None if cand.evidence.get("lead") else described_by_age(cand.shown)
    if aged:
        return f'"{aged}": who is meant was said in another sentence'
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    shown = cand.shown.casefold()
    title = (scope.article.title or "").casefold()
    # A passage shows the sentence before, which may name it: "Sony signed a deal with Marvel ... The deal was ___".
    lead = str(cand.evidence.get("lead", "")).casefold()
    for tok in span_tokens(span.sent):
        lemma = tok.lemma_.casefold()
        # "The Scot was ... first choice": a person called by where they are from (as a subject; the parser may
        # make the word a name).
        demonym = (
            tok.lower_ in PERSON_DEMONYMS
            and tok.dep_ in {"nsubj", "nsubjpass"}
            and tok.ent_type_ != "ORG"
            and not lead  # a passage shows the sentence before, which names them
        )
        if demonym:
            lemma = tok.lower_
        if (
            (tok.pos_ != "NOUN" and not demonym)
            or (
                lemma not in REFERENT_NOUNS
                and lemma not in PERSON_EPITHETS
                and not demonym
                and not _firm_by_nationality(tok)
            )
            or re.search(rf"\b{re.escape(lemma)}(?:e?s)?\b", lead)
            or span.start <= tok.i < span.end
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            # Named or singled out beside the noun: "the film Jaws", "the deal with Sony", "the biggest deal",
            # "the third film".
            or any(
                (c.pos_ == "PROPN" and not _says_where_from(c, lemma))
                or (c.dep_ in {"compound", "appos", "poss"} and not _says_where_from(c, lemma))
                # "the deal with Sony" says which; a time the parser hung on the noun ("the request on Monday")
                # says only when.
                or (c.dep_ == "prep" and not _only_a_time(c))
                # A clause set off by commas says something of it, not which ("The movie, which cost $70m, ...").
                or (c.dep_ in {"relcl", "acl"} and not set_off(c))
                or c.tag_ in {"JJS", "RBS"}
                or c.ent_type_ == "ORDINAL"
                for c in tok.children
            )
            # The article is about it: its title or its first sentence says what it is ("... is a 2017 film").
            or lemma in scope.lead_kinds
            or re.search(rf"\b{re.escape(lemma)}", title)
            # (the title as words of its own: "Elephant" is not in "Borneo elephants ... the island")
            or (title and re.search(rf"\b{re.escape(title)}\b", span.sent.text.casefold()))
            # A name of its kind earlier in the sentence ("Dead Man's Curve, the song") or right after the noun
            # ("the play The Vagina Monologues") says which; one further on is mostly another ("The firm said ...
            # before informing the Securities and Exchange Commission").
            or any(
                (t.i < tok.i or t.i - tok.i <= 3)
                and t.i != tok.i
                and not (span.start <= t.i < span.end)
                and _names_a(t, lemma)
                for t in span.sent
            )
        ):
            continue
        if re.search(rf"\bthe (?:[\w-]+ )?{re.escape(tok.text.casefold())}\b", shown):
            return f'"the {tok.text}": which {tok.lemma_} is meant was said in another sentence'
    return None


#: Entity labels that can name a work, deal or event; an organization names only a firm.
_WORK_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC", ""})
_FIRM_NOUNS = frozenset({"company", "firm", "venture"})


_FIRM_LEMMAS = _FIRM_NOUNS | FIRM_EPITHETS


def _says_where_from(child: Any, lemma: str) -> bool:
    """Whether a word on a firm's noun says only where it is from ("the US firm"), not which firm it is."""
    # A nationality, or a country by the bundled reference: the small model labels many a firm's name a place
    # ("the AirAsia group", "the Supramar company").
    return (
        lemma in _FIRM_LEMMAS
        and child.dep_ in {"compound", "amod"}
        and (child.ent_type_ == "NORP" or country_named(child.text) is not None)
    )


def _firm_by_nationality(tok: Any) -> bool:
    """ "the US giant", "the German group": an epithet for a firm, marked by where it is from, with no name set
    beside it ("Norland Motors, the US giant, ...", "the German group Deutsche Boerse")."""
    lemma = tok.lemma_.casefold()
    if lemma not in FIRM_EPITHETS or not any(_says_where_from(c, lemma) for c in tok.children):
        return False
    beside = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    named = (tok.dep_ == "appos" and tok.head.pos_ == "PROPN") or (beside is not None and beside.pos_ == "PROPN")
    return not named


def _names_a(token: Any, lemma: str) -> bool:
    """Whether ``token`` is part of a proper name that can be what "the <lemma>" refers to."""
    if lemma in PERSON_EPITHETS or lemma in PERSON_DEMONYMS:
        return token.ent_type_ == "PERSON"  # "Kluft ... admired Sotherton as the pair prepared ..."
    if token.pos_ != "PROPN":
        return False
    if not token.ent_type_ and (
        token.lower_.rstrip(".") in COURTESY_TITLES
        or (token.dep_ in {"compound", "flat"} and token.head.ent_type_ == "PERSON")
    ):
        return False  # "President Barack Obama proposed cancelling the program": a title of a person names no work
    return token.ent_type_ in _WORK_LABELS or (token.ent_type_ == "ORG" and lemma in _FIRM_LEMMAS)


def _only_a_time(prep: Any) -> bool:
    """Whether a preposition's object is only a date or time ("on Monday", "in 2004")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def check_not_a_fact(cand: Candidate, scope: ArticleScope) -> str | None:
    """A sentence whose clause around the fact (or whose main clause) guesses, hedges or gives someone's view
    ("___ may have joined", "is considered a likely candidate in ___", "if only Yahoo had bought ___", "seems to
    have wished"): the card completes a speculation, not a fact. On dev judgments such clozes were accepted 8 times
    in 30, against 60%, and such wh-questions none of 5 (the templates' factual-clause rule looks at the fact's own
    clause only)."""
    span = mention_span(cand.mention, scope.doc)
    if span is None:
        return None
    own_verb = next((t for t in span.root.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    for verb in {v.i: v for v in (own_verb, span.sent.root) if v is not None}.values():
        for child in verb.children:
            word = child.lower_
            if child.tag_ == "MD" and word in SPECULATIVE_MODALS:
                return f'"{child.text} {verb.text}": the sentence guesses or wishes, it states no fact'
            if word in HEDGING_ADVERBS:
                return f'"{child.text}": the sentence hedges its claim'
            if word == "if" and child.dep_ == "mark":
                return '"if": the sentence states a condition or a wish'
        lemma = verb.lemma_.casefold()
        if lemma in OPINION_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children):
            return f'"{verb.text}": what someone expects or believes, not a fact'
        if lemma in {"seem", "appear"} and any(c.dep_ == "xcomp" for c in verb.children):
            return f'"{verb.text} to": an impression, not a fact'
    return None


# Measured and let go: a bare "the <noun>" the article used before ("the project") and the article's most-mentioned
# name as the blank were refused once; on dev judgments they were accepted 67% and 100% of the time, as often as
# candidates passing every check, so they are now left to the ranker (feature anaphoric_definite) and to one card
# per answer. A he/his/its whose only antecedent is the blank ("___ gave in, but his government collapsed") was
# measured too: 11 of 24 judged (46%), too close to clozes overall (54%) to refuse. A word tying the card to an
# earlier sentence ("later", "the same", "instead"; the ranker's context_marker) was refused for every form once:
# 34% of 76 judged candidates, but of the deck cards it removed 7 of 9 had been accepted, so it stays the ranker's.
# Likewise a person named once in a sentence with no date or number (37% of 43 judged candidates; of the deck cards
# it removed 7 of 12 had been accepted), someone named in passing after a role noun of any kind (47% of 32), a
# "Mr." before the blank (57% of 7) and "similar"/"other" pointing back (31% of 16; 3 of 6 deck cards accepted).


CHECKS: tuple[Check, ...] = (
    Check("not_prose", check_not_prose, frozenset(Form)),
    Check("web_address", check_web_address, frozenset(Form)),
    Check("markup_residue", check_markup_residue, frozenset(Form)),
    Check("capitals_run", check_capitals_run, frozenset(Form)),
    Check("generic_head_answer", check_generic_head_answer, frozenset(Form)),
    Check("source_gap", check_source_gap, frozenset(Form)),
    Check("market_tick", check_market_tick, frozenset(Form)),
    Check("derivable_figure", check_derivable_figure, frozenset(Form)),
    Check("malformed_stem", check_stem),
    Check("vague_subject_question", check_vague_subject_question),
    Check("unbound_pronoun", check_unbound_pronoun),
    Check("relocation_without_date", check_relocation),
    Check("second_year_in_stem", check_second_year),
    Check("year_not_stated", check_year_not_stated),
    Check("truncated_name", check_truncated_name),
    Check("descriptor_answer", check_descriptor_answer),
    Check("relative_clause_pronoun", check_relative_pronoun),
    Check("glued_aside", check_glued_aside),
    Check("owned_answer", check_owned_answer),
    Check("time_clause_without_date", check_time_clause),
    Check("lost_its_day", check_lost_day),
    Check("shared_name_part", check_shared_name_part),
    Check("not_unique", check_unique_answer),
    Check("count_without_its_period", check_count_without_its_period),
    Check("bare_trip", check_bare_trip),
    Check("word_lost_from_source", check_word_lost_from_source, frozenset({Form.WH, Form.CLOZE})),
    Check("passing_life_date", check_passing_life_date, frozenset({Form.WH, Form.CLOZE})),
    Check("passing_speaker", check_passing_speaker, frozenset({Form.WH, Form.CLOZE})),
    Check("passing_commentator", check_passing_commentator, frozenset({Form.WH, Form.CLOZE})),
    Check("cast_credit", check_cast_credit, frozenset({Form.WH, Form.CLOZE})),
    Check("citation_year", check_citation_year, frozenset({Form.WH, Form.CLOZE})),
    Check("framing_year", check_framing_year, frozenset({Form.WH, Form.CLOZE})),
    Check("source_affiliation", check_source_affiliation, frozenset({Form.WH, Form.CLOZE})),
    Check("outlet_staff", check_outlet_staff, frozenset({Form.WH, Form.CLOZE})),
    Check("shouted_name", check_shouted_name, frozenset({Form.WH, Form.CLOZE})),
    Check("not_a_fact", check_not_a_fact, frozenset({Form.WH, Form.CLOZE})),
    Check("person_after_possessive", check_person_after_possessive, frozenset({Form.CLOZE})),
    Check("person_at_a_place", check_person_at_a_place, frozenset({Form.CLOZE})),
    Check("city_as_team", check_city_as_team, frozenset({Form.WH, Form.CLOZE})),
    Check("unnamed_referent", check_unnamed_referent, frozenset({Form.WH, Form.CLOZE})),
    Check("place_as_locator", check_place_as_locator, frozenset({Form.WH, Form.CLOZE})),
    Check("place_among_places", check_place_among_places, frozenset({Form.CLOZE})),
    Check("name_in_a_list", check_name_in_a_list, frozenset({Form.CLOZE})),
    Check("as_of_date", check_as_of_date, frozenset({Form.WH, Form.CLOZE})),
    Check("comparison_baseline", check_comparison_baseline, frozenset({Form.WH, Form.CLOZE})),
    Check("share_adds_up", check_share_adds_up, frozenset({Form.WH, Form.CLOZE})),
    Check("count_follows", check_count_follows, frozenset({Form.WH, Form.CLOZE})),
    Check("count_given_by_list", check_count_given_by_list, frozenset({Form.WH, Form.CLOZE})),
    Check("neighbouring_year", check_neighbouring_year, frozenset({Form.WH, Form.CLOZE})),
    Check("one_of_listed_years", check_one_of_listed_years, frozenset({Form.CLOZE})),
    Check("century_from_years", check_century_from_years, frozenset({Form.WH, Form.CLOZE})),
    Check("amount_adds_up", check_amount_adds_up, frozenset({Form.WH, Form.CLOZE})),
    Check("verbless_sentence", check_verbless_sentence, frozenset({Form.CLOZE})),
    Check("cloze_open_quote", check_cloze_open_quote, frozenset({Form.CLOZE})),
    Check("cloze_too_long", check_cloze_length, frozenset({Form.CLOZE})),
    Check("cloze_asides", check_cloze_asides, frozenset({Form.CLOZE})),
    Check("cloze_needs_context", check_cloze_context, frozenset({Form.CLOZE})),
    Check("cloze_kind_uncertain", check_cloze_kind, frozenset({Form.CLOZE})),
    Check("cloze_side_detail", check_cloze_role, frozenset({Form.CLOZE})),
    Check("cloze_lone_fact", check_cloze_lone_fact, frozenset({Form.CLOZE})),
    Check("cloze_country", check_country_blank, frozenset({Form.CLOZE})),
)


# ------------------------------------------------------------------ helpers of the checks


def _clause_verb(token: Any) -> Any:
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def _lost_its_day(question: str, mention: Mention, doc: Any) -> bool:
    """ "Which country established relations with Valmora?" of "... on Wednesday" (a relative time is dropped):
    with no other date the doer could be anyone's that ever did it. A day on another clause
    ("..., the ministry said on Monday") does not count."""
    if re.search(r"\d", question) or _DROPPED_TIME.search(question):
        return False
    span = mention_span(mention, doc)
    if span is None:
        return False
    verb = _clause_verb(span.root)
    return any(_DROPPED_TIME.fullmatch(t.text) and _clause_verb(t) == verb for t in span_tokens(span.sent))


def _time_clause_without_date(question: str, mention: Mention, doc: Any) -> bool:
    """A fact stated in a "while/when/as" clause holds only at the time of the clause it hangs on ("on 17 June
    1944, while Denmark was occupied by Germany, ..."): asked without a date it has other answers."""
    span = mention_span(mention, doc)
    if span is None or re.search(r"\d", question):
        return False
    verb = _clause_verb(span.root)
    if verb.dep_ != "advcl" or not any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in {"while", "when", "as"} for c in verb.children
    ):
        return False
    # Only a state ("was occupied", "was living", "was mayor") lasts while the other clause happens; an event
    # ("..., while Tenzing became the first director") is a contrast, not a time.
    return verb.lemma_ == "be" or any(c.dep_ in {"aux", "auxpass"} and c.lemma_ == "be" for c in verb.children)


def _glued_aside(question: str, mention: Mention, doc: Any) -> bool:
    """An aside the sentence sets off with commas kept in the stem without them ("Who left food in the snow
    a Buddhist custom?" of "..., a Buddhist custom, ..."): the noun phrases run together into nonsense."""
    span = mention_span(mention, doc)
    if span is None:
        return False
    for tok in span_tokens(span.sent):
        first = tok.left_edge.i
        if (
            tok.pos_ not in {"NOUN", "PROPN"}
            or first < 2
            or doc[first - 1].text != ","
            or doc[first].dep_ != "det"
            or tok.head.i in range(first, tok.right_edge.i + 1)
        ):
            continue
        phrase = doc[first : tok.right_edge.i + 1].text.strip(" ,")
        if f"{doc[first - 2].text} {phrase}" in question:
            return True
    return False


def _pronoun_of_main_clause(question: str, mention: Mention, doc: Any) -> bool:
    """A pronoun asked in a name's relative clause that the sentence's own clause also uses: it means the
    main clause's subject, not the name ("she began working with Otto Hahn, who was roughly her own age")."""
    asked = {w.casefold() for w in re.findall(r"[\w’'-]+", question)} & PERSONAL_PRONOUNS
    if not asked:
        return False
    span = mention_span(mention, doc)
    if span is None:
        return True
    relative = next((c for c in span.root.children if c.dep_ == "relcl"), None)
    inside = {t.i for t in relative.subtree} if relative is not None else set()
    female = {"she", "her", "hers", "herself"}
    others = {t.lower_ for t in span_tokens(span.sent) if t.i not in inside and t.lower_ in PERSONAL_PRONOUNS}
    return any((a in female) == (o in female) for a in asked for o in others)


def _bare_name_part(stem: str, part: str) -> bool:
    """Whether ``part`` stands alone in ``stem``, not inside a longer name ("Kim" but not "Kim Jong-un")."""
    for found in re.finditer(rf"\b{re.escape(part)}\b(?![ -][A-Z])", stem):
        before = stem[: found.start()].rstrip()
        previous = before.split()[-1] if before.split() else ""
        if not (previous[:1].isupper() and before == stem[: found.start()][: len(before)] and previous.isalpha()):
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


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a:
        return 0.0
    return len(a & b) / len(a)


def competing_answer(cand: Candidate, corpus: list[CorpusSentence]) -> str | None:
    """Another sentence making the same claim about a different fact of the same kind: its answer."""
    if len(cand.signature) < 2:
        return None
    for sent in corpus:
        if sent.source == cand.source and (
            sent.start == cand.mention.sentence_start or sent.start <= cand.mention.start < sent.start + len(sent.text)
        ):
            continue
        if _overlap(cand.signature, sent.lemmas) < SAME_CLAIM_OVERLAP:
            continue
        for m in sent.mentions:
            if m.kind == cand.kind and m.canonical.casefold() != cand.mention.canonical.casefold():
                if (
                    cand.kind == "date"
                    and m.value
                    and cand.mention.value
                    and (m.value.startswith(cand.mention.value) or cand.mention.value.startswith(m.value))
                ):
                    continue
                return m.text
    return None


def also_true(cand: Candidate, corpus: list[CorpusSentence]) -> set[str]:
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


__all__ = ["CHECKS", "NAME_KINDS", "also_true", "competing_answer", "verify"]
