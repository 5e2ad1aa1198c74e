"""The article's main subject: what "It", "the bridge" and "the company" stand for.

Encyclopedia entries and many news stories are about one thing the title names
("Tartu", "Harlow & Finch", "Varnholt Bridge Opens to Traffic ..."), and their
sentences refer back to it as "It was founded in 1923 ...", "The company began
...", "Officials expect 18,000 vehicles to cross the bridge". A question must
name it. The main subject is found, when it can be, from:

* a short title that is a name (no verb, every word capitalized): "Tartu",
  "Halifax Explosion", "Harlow & Finch";
* otherwise the named subject of the first sentence when the title names it too
  ("The Varnholt Bridge, which links ..., opened ..." under "Varnholt Bridge Opens ...").

It is referred to by the last word of its name ("the bridge", "the explosion"), by
the noun the first sentence defines it with ("Tartu is the second-largest *city*",
"Harlow & Finch is a British *manufacturer*" → also "the company", "the firm"),
and by "it"/"its" when the sentence before was about it too. Persons are left to the
he/she rules of ``context.py``.

Works on spaCy tokens without importing spaCy.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from quizapp.facts.entities import FACILITY_HEADS, ORG_HEADS
from quizapp.facts.labels import THING_SUFFIXES
from quizapp.facts.model import ArticleFacts

Token = Any

#: Words a title leaves in lower case ("Escape from New York", "Gone with the Wind").
_TITLE_SMALL_WORDS = frozenset(
    {"of", "the", "and", "&", "de", "la", "von", "van", "on", "upon", "in", "from", "for", "to", "at", "a", "an"}
    | {"with", "by"}
)
#: Nouns that make a thing a company, so "the company"/"the firm" mean it too.
COMPANY_NOUNS = {
    "manufacturer",
    "maker",
    "company",
    "firm",
    "retailer",
    "producer",
    "carmaker",
    "automaker",
    "airline",
    "bank",
    "publisher",
    "brewery",
    "business",
    "conglomerate",
    "corporation",
    "chain",
    "developer",
    "operator",
    "supplier",
    "startup",
    "insurer",
    "broadcaster",
}
PLACE_NOUNS = {"city", "town", "village", "capital", "municipality", "port"}
#: Last words of names that are common nouns the thing goes by ("the bridge", "the explosion").
HEAD_NOUNS = FACILITY_HEADS | ORG_HEADS | THING_SUFFIXES
#: Kinds that lead a name in Romance languages ("Hospital Municipal ...", "Museo del Prado", "Banco do Brasil").
FOREIGN_ORDER_HEADS = {
    "hospital",
    "museum",
    "university",
    "bank",
    "church",
    "cathedral",
    "palace",
    "theatre",
    "theater",
    "stadium",
    "airport",
    "bridge",
    "institute",
    "school",
    "college",
    "park",
}
HEAD_NOUNS = HEAD_NOUNS | {"hospital", "clinic", "theatre", "theater", "library", "school"}
#: Kinds of building, so "the building" means the subject too.
BUILDING_NOUNS = {
    "hospital",
    "clinic",
    "museum",
    "library",
    "school",
    "stadium",
    "theatre",
    "theater",
    "hotel",
    "station",
    "terminal",
    "tower",
    "church",
    "cathedral",
    "temple",
    "mosque",
    "hall",
    "palace",
}
#: Nouns too vague to stand for the subject on their own.
VAGUE_NOUNS = {"one", "part", "member", "group", "kind", "type", "name", "series", "number", "home", "example"}


@dataclass
class MainSubject:
    name: str  # as a question writes it: "the Varnholt Bridge", "Harlow & Finch", "Tartu"
    kind: str | None  # person, place, organization, or None when the extraction did not find it
    nouns: set[str] = field(default_factory=set)  # "bridge", "company", "city"
    words: set[str] = field(default_factory=set)  # lowercased words of its name
    common: bool = False  # a common noun ("Kilt": "a kilt is ..."), not a name

    def is_named_by(self, tokens: list[Token]) -> bool:
        """Whether a noun phrase's proper-noun words are this subject's name (or, for a common noun, whether the
        phrase is that noun and its article alone: "A kilt", "The kilt")."""
        if self.common:
            return {t.lemma_.lower() for t in tokens if t.dep_ != "det"} == self.words
        names = {t.lower_ for t in tokens if t.pos_ == "PROPN" or t.text[:1].isupper() and t.dep_ != "det"}
        return bool(names) and names <= self.words


def find_main_subject(doc: Any, facts: ArticleFacts) -> MainSubject | None:
    """The thing the article is about, or None when the title and first sentence do not agree on one."""
    title = (facts.title or "").strip()
    # ``facts.text`` is the text the doc was parsed from (``doc.text`` would join every token again).
    if not title or not facts.text.strip():
        return None
    # The first real sentence: a dateline ("Lindqvist, 14 May 2025.") has no verb.
    first_sentence = next((s for s in itertools.islice(doc.sents, 3) if s.root.pos_ in {"VERB", "AUX"}), None)
    if first_sentence is None:
        return None
    subjects = [t for t in first_sentence if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"]
    # "After four years, two funding delays and ..., the Hospital X opened": the parse may give the root a
    # second subject from an opening phrase; a name is the one the sentence is about.
    subject = next((t for t in subjects if t.pos_ == "PROPN"), subjects[0] if subjects else None)
    name: str | None = None
    if _is_name(title) and title.casefold() in first_sentence.text.casefold():
        name = title  # an entry's title, repeated in its opening sentence ("Tartu is the second-largest city")
    elif subject is not None:
        phrase = [
            t
            for t in subject.subtree
            if t.i <= subject.i
            and t.dep_ in {"compound", "det", "amod"}
            or t == subject
            or (t.dep_ == "nummod" and t.head == subject and t.i == subject.i + 1)  # "Route 41"
        ]
        proper = [t for t in phrase if t.pos_ == "PROPN" or (t.dep_ == "nummod" and t.i > subject.i)]
        text = " ".join(t.text for t in proper)
        whole = proper and len(proper) == len(phrase) - (phrase[0].lower_ == "the")
        at = title.casefold().find(text.casefold()) if text else -1
        if whole and text and (at >= 0 or _title_shares_head(text, title)):
            # As the title writes it: a lead that shouts "ROUTE 41 is ..." is still "Route 41" (where folding the
            # case keeps every letter's place).
            same_places = len(title.casefold()) == len(title)
            name = title[at : at + len(text)] if at >= 0 and same_places else text
    if not name:
        return None
    common = _as_a_common_noun(name, facts.text)
    kind = None if common else _kind_of(name, facts)
    if kind == "person":
        return None  # he/she resolution handles people
    written = common or with_its_article(facts.text, name)
    subject_words = {w.casefold() for w in re.findall(r"[\w’'&-]+", name)}
    nouns: set[str] = set()
    last = name.split()[-1].lower()
    if len(name.split()) >= 2 and last in HEAD_NOUNS:
        nouns.add(last)  # "the bridge" of "Varnholt Bridge", "the explosion" of "Halifax Explosion"
    first = name.split()[0].lower()
    if len(name.split()) >= 2 and first in FOREIGN_ORDER_HEADS:
        nouns.add(first)  # "the hospital" of "Hospital Municipal Irmã Celina Baptista"
    # "Tartu is the second-largest city": the noun the first sentence defines it by (the small model
    # sometimes misparses an unknown name, so a sentence opening with the name counts too).
    opens_with_name = first_sentence.text.casefold().startswith(name.casefold())
    if (subject is not None and {t.lower_ for t in subject.subtree} & subject_words) or opens_with_name:
        for child in first_sentence.root.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN" and child.lemma_.lower() not in VAGUE_NOUNS:
                nouns.add(child.lemma_.lower())
            elif child.dep_ == "attr" and child.lower_ in PLACE_NOUNS:
                nouns.add(child.lower_)  # "Fort Collins is the Home Rule Municipality ...": capitalized, a noun still
    if nouns & BUILDING_NOUNS:
        nouns.add("building")  # "The building, a seven-storey block ..., cost ..." of a hospital's opening
    if nouns & COMPANY_NOUNS or kind == "organization" and nouns & COMPANY_NOUNS:
        nouns |= {"company", "firm"}
    if nouns & PLACE_NOUNS:
        nouns |= {"city", "town"} if nouns & {"city", "town", "municipality"} else set()
    if common:
        nouns |= subject_words  # "The kilt was made of wool ...": the entry's noun names it
    return MainSubject(name=written, kind=kind, nouns=nouns, words=subject_words, common=bool(common))


def _title_shares_head(name: str, title: str) -> bool:
    """ "Hospital Municipal Irmã Celina Baptista" under "New ... Hospital Opens Its Doors": a news title
    often calls the subject of the first sentence by its kind; a shared head noun says they are one thing."""
    words = name.split()
    heads = {words[-1].lower()} & HEAD_NOUNS | {words[0].lower()} & FOREIGN_ORDER_HEADS
    title_words = {w.casefold() for w in re.findall(r"[\w’'&-]+", title)}
    return len(words) >= 2 and bool(heads & title_words)


def _is_name(title: str) -> bool:
    words = title.split()
    if not 1 <= len(words) <= 5 or title.endswith((".", "?", "!", ":")):
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS or w[:1].isdigit() for w in words)


def _kind_of(name: str, facts: ArticleFacts) -> str | None:
    folded = name.casefold()
    for cluster in facts.clusters:
        if cluster.kind in {"person", "place", "organization"} and folded in {
            n.casefold() for n in (cluster.canonical, *cluster.aliases)
        }:
            return cluster.kind
    return None


def _as_a_common_noun(name: str, text: str) -> str | None:
    """ "the kilt" for an entry titled "Kilt", "advertising" for "Advertising": a title the article writes in lower
    case within its sentences is a common noun, and a card writing it out for "it" ("In 1919 Advertising was ...")
    must write it so, with "the" for a thing one counts ("a kilt": "the kilt was worn", not "kilt was worn") or that the
    article mostly writes with "the"."""
    lower = name.lower()
    if lower == name or " " in name:
        return None
    in_lower = len(re.findall(rf"\b{re.escape(lower)}\b", text))
    capital_inside = len(re.findall(rf"(?<=[a-z0-9,;] ){re.escape(name)}\b", text))
    if in_lower < 2 or in_lower <= capital_inside:
        return None
    if re.search(rf"\b(?:[Aa]n?|[Oo]ne) {re.escape(lower)}\b", text):
        return f"the {lower}"  # a thing one counts ("a kilt"): "the kilt was worn ..."
    with_the = len(re.findall(rf"\b[Tt]he {re.escape(lower)}\b", text))
    return f"the {lower}" if with_the * 2 > in_lower else lower  # "advertising", "kerosene"


def with_its_article(text: str, name: str) -> str:
    """ "the Varnholt Bridge" when the article (``text``) first writes it with "the", else the name alone. A lead
    that shouts the name ("The SEATTLE MARINERS are ...") writes it too; a longer name it begins ("The CESSNA
    AIRCRAFT COMPANY", "the Holy Island of ...") does not."""
    for found in re.finditer(rf"\b(the\s+)?{re.escape(name)}\b", text, re.I):
        if re.match(r"[\w-]|\s+(?:[A-Z]|of\b|OF\b)", text[found.end() : found.end() + 8]):
            continue
        return f"the {name}" if found.group(1) else name
    return name


def refers_to_subject(token: Token, subject: MainSubject) -> bool:
    """ "the bridge", "The company": a bare definite noun the subject goes by."""
    if token.pos_ != "NOUN":
        return False
    if token.tag_ == "NNS":
        # ("the anagrams" are many, the subject one), unless the subject's name is plural too: "the islands" of
        # an article on the Channel Islands.
        if token.lower_ != subject.name.split()[-1].lower():
            return False
    elif token.lemma_.lower() not in subject.nouns:
        return False
    return is_bare_definite(token)


def is_bare_definite(token: Token) -> bool:
    """ "the bridge", "The airport, the country's busiest, ...": "the" and a noun, asides at most."""
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return False
    if _named_by_what_follows(token):
        return False
    return all(c.dep_ in {"det", "punct"} or (c.dep_ in {"relcl", "acl", "appos"} and set_off(c)) for c in children)


def _named_by_what_follows(token: Token) -> bool:
    """ "the award for best adapted writer", "the award of the year": the words after the noun say which one, even
    where the parser hangs them on the verb ("won [the award] [for best adapted writer]"); written out as the one
    award named nearby, it became another award ("won the Special Award for best adapted writer")."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ not in {"of", "for"}:
        return False
    after = doc[token.i + 2]
    if doc[token.i + 1].lower_ == "of":
        return after.pos_ != "PRON"
    return after.tag_ in {"JJS", "RBS"} or after.lower_ in {"best", "most", "outstanding"}


def set_off(token: Token) -> bool:
    """A dependent written after a comma, a dash or a bracket: an aside ("the movie, which cost $70m, ...")."""
    left = token.left_edge
    return left.i > 0 and token.doc[left.i - 1].text in {",", "—", "–", "("}


def sentence_is_about(sent: Any, subject: MainSubject, depth: int = 0) -> bool:
    """Whether a sentence's main subject is the article's subject (by name, noun or a chained "it")."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None:
        return False
    if subj.lower_ == "it":
        if depth >= 3 or sent.start == 0:
            return False
        previous = sent.doc[sent.start - 1].sent
        return sentence_is_about(previous, subject, depth + 1)
    if refers_to_subject(subj, subject):
        return True
    phrase = [t for t in subj.subtree if t.i <= subj.i]
    return subject.is_named_by(phrase)
