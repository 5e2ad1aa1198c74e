"""Article-level checks on a question, beyond what its own stem shows.

``ArticleReview.review`` takes a candidate question and returns it (possibly with
its stem and statement rewritten) or ``None``:

* the answer is one of the article's own subjects (``subject.py``): every "who"
  in a profile of a person has that person as its answer;
* a city standing for its government ("Havana is a close ally of Pyongyang"):
  "Which city ...?" reads wrong and the country would be just as right;
* relative time references are resolved or dropped (``time_refs.py``);
* "his/her/their" with two people it could mean ("Who does X blame for his ...?");
* a place the stem gives away: "Cuban" names Cuba, "Kim Jong-un" names North
  Korea, "North Korean" leaves only one other Korea.

It also records, for true/false cards, the values of the same kind the article
itself states (``swaps``): a false statement swaps in one of those, so the
article alone decides it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from quizapp.facts.model import ArticleFacts, Mention
from quizapp.ingest.model import Article
from quizapp.questions import classify
from quizapp.questions import distractors as dist
from quizapp.questions.main_subject import with_its_article
from quizapp.questions.subject import Subjects, article_subjects
from quizapp.questions.time_refs import resolve_time_refs
from quizapp.vocabulary import NAME_KINDS

POSSESSIVE = re.compile(r"\b(?:his|her|their)\b", re.I)
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}

#: Relations only a government has: a capital after "an ally of", "ties with" stands for its government.
GOVERNMENT_RELATIONS = frozenset(
    """ally tie relation relationship talk negotiation dialogue dispute rival partner pressure sanction
    rapprochement friendship""".split()
)
#: Verbs a city can be the subject of as a place, not as its government.
PLACE_PREDICATES = {
    "host",
    "lie",
    "sit",
    "border",
    "have",
    "house",
    "overlook",
    "face",
    "attract",
    "stand",
    "flood",
    "suffer",
    "experience",
    "record",
    "grow",
    "shrink",
    "straddle",
    "cover",
}
#: "Havana is the capital / a port / home to ...": being a place.
PLACE_NOUNS = {
    "city",
    "capital",
    "port",
    "home",
    "site",
    "venue",
    "centre",
    "center",
    "hub",
    "seat",
    "town",
    "destination",
    "gateway",
    "birthplace",
    "metropolis",
    "village",
    "harbor",
    "harbour",
}
PLACE_ADJECTIVES = {
    "located",
    "situated",
    "known",
    "famous",
    "home",
    "located",
    "big",
    "large",
    "small",
    "populous",
    "old",
    "older",
    "oldest",
    "largest",
    "biggest",
}


@dataclass
class ArticleReview:
    """What the checks need to know about one article."""

    article: Article
    facts: ArticleFacts
    doc: Any
    subjects: Subjects
    #: Every name of each person of the deck, longest first (one tuple a person).
    people: tuple[tuple[str, ...], ...]
    dates_by_sentence: dict[int, dict[str, str]]
    #: Names the article states in its text, not only in a dateline or caption ("CAIRO —" is where it was filed).
    stated_names: frozenset[str]
    #: Whether the article always writes a name longer (``_always_goes_on``), by name: asked once per candidate.
    cut_names: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def build(cls, article: Article, facts: ArticleFacts, doc: Any, pool: list[dist.PoolEntry]) -> ArticleReview:
        people = []
        for entry in pool:
            if entry.kind != "person":
                continue
            names = sorted({n for n in (entry.canonical, *entry.aliases) if len(n) > 1}, key=len, reverse=True)
            if names:
                people.append(tuple(names))
        dates: dict[int, dict[str, str]] = {}
        for m in facts.mentions:
            if m.kind == "date" and m.value:
                dates.setdefault(m.sentence_start, {})[m.text.casefold()] = m.value
        stated = frozenset(m.canonical.casefold() for m in facts.mentions if not m.aside)
        return cls(article, facts, doc, article_subjects(article, facts, doc), tuple(people), dates, stated)

    # ------------------------------------------------------------------ the checks

    @functools.cached_property
    def person_names(self) -> tuple[re.Pattern[str], ...]:
        """One pattern per person of the deck (all their names): compiled when a question first has a possessive
        to weigh: most questions never have one, and compiled up front they were some 9 patterns an article."""
        return tuple(re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") for names in self.people)

    @functools.cached_property
    def article_year(self) -> int | None:
        """The year the article was written: its publication date, else the latest year its text names (an
        undated report of 2004 names no later year, so no later year is offered as a choice)."""
        if self.article.published:
            return self.article.published.year
        values = [m.value or "" for m in self.facts.mentions if m.kind == "date"]
        years = [int(v[:4]) for v in values if v[:4].isdigit()]
        return max(years) if years else None

    def review(self, cand: Any) -> Any | None:
        """The candidate, rewritten where needed, or None when it cannot be asked fairly."""
        found = self.review_or_reason(cand)
        return None if isinstance(found, tuple) else found

    def review_or_reason(self, cand: Any) -> Any:
        """The candidate, rewritten where needed, or ``(check, reason)`` saying why it cannot be asked fairly."""
        m: Mention = cand.mention
        names = (cand.answer, m.canonical, m.text, *cand.aliases)
        if cand.kind in NAME_KINDS and self.subjects.covers_fact(cand.kind, *names):
            return ("article_subject", "the answer is what the article is about: it would answer every question")
        if self.is_metonymy(cand):
            return ("city_for_government", "the city stands for its government here, not for a place")
        if cand.transformed.wh == "how old" and not self.age_worth_asking(cand.transformed.template):
            return ("passing_age", "the age of someone the article mentions only in passing")
        if getattr(cand.form, "value", "wh") == "cloze":
            # A cloze shows the article's own sentence: its "last week" is read against the article's date.
            cand.year = self.article_year
            return (
                ("given_away", "the sentence names the place's people, capital, leader or the rest of its name")
                if self.gives_place_away(cand, cand.question)
                else cand
            )
        dates = self.dates_by_sentence.get(m.sentence_start, {})
        question = resolve_time_refs(cand.question, dates)
        if question is None:
            return ("relative_time", 'a relative time ("Friday\'s", "the end of last year") the card cannot carry')
        if self.ambiguous_possessive(question, cand.kind == "person"):
            return ("ambiguous_possessive", "his/her/their could mean two people")
        if self.gives_place_away(cand, question):
            return ("given_away", "the question names the place's people, capital, leader or the rest of its name")
        question = self.facility_question(cand, question)
        transformed = cand.transformed
        template = transformed.template
        if "{answer}" in template:
            fixed = resolve_time_refs(template, dates)
            if fixed is None or self.ambiguous_possessive(fixed.replace("{answer}", ""), cand.kind == "person"):
                fixed = ""  # no statement: the card will be of another type
            template = fixed
        if question != transformed.question or template != transformed.template:
            cand.transformed = dataclasses.replace(transformed, question=question, template=template)
        cand.year = self.article_year
        cand.swaps = self.swaps(cand)
        return cand

    def age_worth_asking(self, template: str) -> bool:
        """An age is worth learning only for someone the article is about: named in its headline or first
        paragraph, or mentioned more than once. A one-off interviewee's age is trivia."""
        named = re.match(r"^(.+?) was \{answer\} years old\.$", template)
        return named is not None and is_prominent_person(named.group(1), self.article, self.facts)

    def is_metonymy(self, cand: Any) -> bool:
        """A city as the subject of something only a government does ("Which city is an ally of ...?", or the
        cloze "___ is a close ally of Pyongyang", where Cuba fits as well as Havana)."""
        if cand.kind != "place" or cand.pattern not in {"subject", "relative", "cloze"}:
            return False
        if dist.place_category(cand.mention.canonical, cand.aliases, cand.mention.label) != "city":
            return False
        span = self.doc.char_span(cand.mention.start, cand.mention.end, alignment_mode="expand")
        if span is None:
            return cand.pattern != "cloze"
        root = span.root
        if cand.pattern == "cloze" and root.dep_ == "pobj" and root.head.head.lemma_.casefold() in GOVERNMENT_RELATIONS:
            return True  # "a close ally of ___", "ties with ___": the capital stands for its government
        if cand.pattern == "cloze" and root.dep_ not in {"nsubj", "nsubjpass"}:
            return False  # a city in any other role of its sentence is a place
        if cand.pattern == "relative":
            verb = next((c for c in root.children if c.dep_ == "relcl"), None)
        else:
            verb = root.head if root.dep_ in {"nsubj", "nsubjpass"} else None
        if verb is None:
            return True
        lemma = verb.lemma_.casefold()
        if lemma in PLACE_PREDICATES:
            return False
        if lemma in {"be", "become", "remain"}:
            complements = [c for c in verb.children if c.dep_ in {"attr", "acomp", "oprd"}]
            return not any(c.lemma_.casefold() in PLACE_NOUNS | PLACE_ADJECTIVES for c in complements)
        return True

    def facility_question(self, cand: Any, question: str) -> str:
        """ "Where were they arrested?" with an airport for answer is also answered by its city: ask
        "At which airport were they arrested?" instead."""
        if cand.kind != "place" or not question.startswith("Where "):
            return question
        head = dist.facility_head(cand.answer)
        span = self.doc.char_span(cand.mention.start, cand.mention.end, alignment_mode="expand")
        if head is None or span is None or span.root.dep_ != "pobj":
            return question
        prep = span.root.head.lower_
        if prep not in {"at", "in", "on", "to", "from", "near", "outside", "inside"}:
            return question
        return f"{prep.capitalize()} which {head} {question[len('Where ') :]}"

    def ambiguous_possessive(self, text: str, answer_is_person: bool) -> bool:
        """ "his/her/their" with more than one person it could point to.

        In a biography, the pronoun the article uses for its person, after that person is named as the
        question's subject ("In what year did Ada Brun receive her doctorate under X?"), means them."""
        if not POSSESSIVE.search(text):
            return False
        if self.biography_possessive(text):
            return False
        referents = sum(1 for pattern in self.person_names if pattern.search(text)) + (1 if answer_is_person else 0)
        return referents >= 2

    def biography_possessive(self, text: str) -> bool:
        from quizapp.questions.context import _title_person

        if not hasattr(self, "_biography"):
            self._biography = _title_person(self.doc, self.facts)  # counted once per article
        person, pronoun = self._biography
        if person is None or pronoun is None:
            return False
        possessive = "her" if pronoun == "she" else "his"
        used = {w.casefold() for w in POSSESSIVE.findall(text)}
        if used != {possessive}:
            return False
        at = text.find(person)
        first_person = min(
            (m.start() for pattern in self.person_names for m in [pattern.search(text)] if m), default=at
        )
        return at >= 0 and at == first_person and at < text.casefold().find(f" {possessive} ")

    def gives_place_away(self, cand: Any, question: str) -> bool:
        """The stem names or implies the answer country (its demonym, capital or leader), or shares its
        root with it ("North Korean" for South Korea: only one other Korea is left)."""
        if cand.kind != "place" or dist.place_category(cand.answer, cand.aliases) != "country":
            return False
        implied = dist.implied_countries(question)
        if cand.answer in implied or dist.country_named(cand.answer) in implied:
            return True  # "Welsh Secretary ... in ___" for Wales: the United Kingdom's own people
        words = [w for w in re.findall(r"[\w-]+", cand.answer.casefold())]
        if words and words[0] in COMPASS:
            root = " ".join(words[1:])
            return bool(root) and re.search(rf"\b{re.escape(root)}", question.casefold()) is not None
        return False

    # ------------------------------------------------------------------ true/false swaps

    def swaps(self, cand: Any) -> list[str]:
        """Values of the answer's kind the article itself states, as they would read in place of the answer."""
        m: Mention = cand.mention
        out: list[str] = []
        own = {m.canonical.casefold(), m.text.casefold(), cand.answer.casefold(), *(a.casefold() for a in cand.aliases)}
        if cand.kind == "date":
            gran = dist.date_granularity(m.value or "")
            for other in self.facts.mentions:
                if other.kind == "date" and other.value and dist.date_granularity(other.value) == gran:
                    shown = dist.format_date(other.value, None)
                    if (
                        shown
                        and shown.casefold() not in own
                        and other.value != m.value
                        and plausible_year_swap(m.value or "", other.value)
                    ):
                        out.append(shown)
        elif cand.kind == "number":
            for other in self.facts.mentions:
                if (
                    other.kind == "number"
                    and other.unit
                    and other.unit == m.unit
                    and other.granularity == m.granularity
                    and other.value != m.value
                ):
                    # "Around 6,000" -> "6,000"; "about 190 million reais" -> "190 million" (the scale is the value's)
                    digits = re.search(r"(?:\d[\d,.]*\d|\d)(?:\s+(?:thousand|million|billion|trillion)\b)?", other.text)
                    if digits and digits.group() not in cand.transformed.template:
                        out.append(digits.group())
        elif cand.kind in NAME_KINDS:
            implied = dist.implied_countries(cand.transformed.template) if cand.kind == "place" else set()
            role = dist.person_role(cand.answer, cand.aliases) if cand.kind == "person" else None
            country = dist.person_country(cand.answer, cand.aliases) if cand.kind == "person" else None
            for cluster in self.facts.clusters:
                if cluster.kind != cand.kind or cluster.canonical.casefold() in own:
                    continue
                if cluster.canonical.casefold() not in self.stated_names:  # a dateline's place is no claim to swap
                    continue
                if {a.casefold() for a in cluster.aliases} & own:
                    continue
                cut = self.cut_names.get(cluster.canonical)
                if cut is None:
                    cut = self.cut_names[cluster.canonical] = _always_goes_on(cluster.canonical, self.facts.text)
                if cut:
                    continue  # "the European Convention on Human" of "... on Human Rights": half a name
                if cand.kind == "place":
                    other_category = dist.place_category(cluster.canonical, cluster.aliases, cluster.label)
                    if other_category != dist.place_category(cand.answer, cand.aliases, cand.mention.label):
                        continue
                    if other_category == "facility" and dist.facility_head(cluster.canonical) != dist.facility_head(
                        cand.answer
                    ):
                        continue
                    if other_category == "country" and dist.continent_of(cluster.canonical) != dist.continent_of(
                        cand.answer
                    ):
                        continue  # Panama's stand-in is a neighbour, not South Korea
                elif cand.kind == "organization":
                    if dist.organization_category(cluster.canonical, cluster.aliases) != dist.organization_category(
                        cand.answer, cand.aliases
                    ):
                        continue
                    if classify.unexplained_acronym(cluster.canonical, cluster.aliases):
                        continue  # "LAN started by a handful of volunteers": maybe no organization at all
                elif cand.kind == "person" and (
                    role is None
                    or dist.person_role(cluster.canonical, cluster.aliases) != role
                    or dist.person_country(cluster.canonical, cluster.aliases) != country
                ):
                    continue  # "Kim Jong-un first traveled ..." for a film-maker: the article cannot rule it out
                if cand.kind == "place" and cluster.canonical in implied:
                    continue  # "smuggled Cuban cigars into Cuba" is no statement to judge
                out.append(with_its_article(self.facts.text, cluster.canonical))  # "the United States"
        return list(dict.fromkeys(out))


def _always_goes_on(name: str, text: str) -> bool:
    """Whether every time the article writes ``name`` a capitalized word follows it: the extraction's span was cut
    short of the name ("European Convention on Human" of "European Convention on Human Rights")."""
    found = [m.end() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(found) and all(re.match(r" [A-Z]", text[end : end + 2]) for end in found)


def is_prominent_person(name: str, article: Article, facts: ArticleFacts) -> bool:
    """Whether the article names a person in a headline or its first paragraph, or mentions them twice."""
    cluster = next(
        (c for c in facts.clusters if c.kind == "person" and (name == c.canonical or name in c.aliases)), None
    )
    forms = {name, *((cluster.canonical, *cluster.aliases) if cluster else ())}
    forms = {f for f in forms if len(f) > 2}
    opening = " ".join([article.title or "", *article.headlines, article.text.strip().split("\n\n")[0]])
    if any(re.search(rf"\b{re.escape(form)}\b", opening) for form in forms):
        return True
    mentions = sum(
        1
        for m in facts.mentions
        if m.kind == "person" and ((cluster is not None and m.canonical == cluster.canonical) or m.text in forms)
    )
    return mentions >= 2


#: How far a false statement's year may lie from the true one: further off, the year is absurd on its
#: face ("a founding member of NATO in 1904") and gives the answer away.
MAX_YEAR_SWAP = 25


def plausible_year_swap(true_value: str, swapped_value: str) -> bool:
    """Whether a date swapped into a false statement lies within MAX_YEAR_SWAP years of the true one."""
    true_year, swapped_year = re.match(r"\d{4}", true_value), re.match(r"\d{4}", swapped_value)
    if true_year is None or swapped_year is None:
        return True  # no year to compare (a decade, a relative date): the granularity check decides
    return abs(int(true_year.group()) - int(swapped_year.group())) <= MAX_YEAR_SWAP


def _plain_words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.casefold())


#: Similarity (0-100) above which a true statement merely repeats its source sentence.
COPY_SIMILARITY = 92


def copies_source(statement: str, sentence: str) -> bool:
    """A true statement that is its source sentence word for word (or all but a connective): not a
    question at all. A trimmed clause or a resolved reference makes it one."""
    from rapidfuzz import fuzz

    a, b = _plain_words(statement), _plain_words(sentence)
    return a == b or fuzz.ratio(" ".join(a), " ".join(b)) >= COPY_SIMILARITY
