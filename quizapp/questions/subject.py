"""What an article is about: the entities no question should have as its answer.

A question whose answer is the article's own subject ("Who defected ...?" in a
profile of the defector) is answered by the title, not by the fact. Subjects are
found by general signals only:

* a "Tag: X" / "Topics: X, Y" line at the top of the source file (blog archives);
* a person named in the title, or the person the title describes ("Former
  diplomat trafficked cigars" and "X, a former diplomat");
* the most-mentioned person, when clearly dominant (1.5 times the next) or the
  subject of the article's opening sentence;
* a place or organization named in the title (by name, by its demonym,
  "North Korean" for North Korea, or as the title's acronym, "GWP" for "Global
  warming potential") that is also among the most mentioned of its kind; in a compilation of posts, the most mentioned one, named in at least
  half of the headlines.

Questions may still name a subject in their stem; only the answer is barred.
(``main_subject.py`` finds the one thing "it"/"the bridge" refer back to; this module
finds everything an answer must not be.)
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizapp.facts.model import ArticleFacts
from quizapp.facts.names import acronym_of, initials
from quizapp.ingest.model import Article
from quizapp.questions import distractors as dist
from quizapp.questions.parse_cache import span_tokens
from quizapp.vocabulary import JUNIOR_SUFFIXES, NAME_KINDS, ORGANIZATION_ABBREVIATIONS

#: The top line a blog archive uses to say what the page collects.
TAG_LINE = re.compile(r"^\s*(?:tags?|topics?|categor(?:y|ies)|filed under)\s*:\s*(?P<names>.{1,120})$", re.I | re.M)
#: How much more often the leading person must be mentioned than the next one.
DOMINANCE = 1.5
#: Minimum mentions for a person to be a subject by count alone.
MIN_SUBJECT_MENTIONS = 3
#: A place or organization in the title is a subject when mentioned at least this share as often as
#: the most-mentioned one of its kind ("diplomat in Cuba" in a title, Cuba all through the text).
TITLE_SHARE = 0.5


@dataclass(frozen=True)
class Subjects:
    """The subjects of one article, as normalized names (canonicals and aliases)."""

    names: frozenset[str]

    def covers(self, *names: str) -> bool:
        return any(_norm(n) in self.names for n in names if n)

    def covers_fact(self, kind: str, *names: str) -> bool:
        """Whether a fact of this kind under these names is one of the subjects: a person or an organization by
        the fuller and shorter forms below, anything else as written."""
        if kind == "person":
            return self.covers_person(*names)
        if kind == "organization":
            return self.covers_organization(*names)
        return self.covers(*names)

    def covers_person(self, *names: str) -> bool:
        """``covers``, and a fuller form of a subject's name of two words or more: "James Dalton Trumbo" (with a
        given name more), "Charles Henry Alston" (with a middle name) or "George Edward Moore" (written out) is the
        "Dalton Trumbo", "Charles Alston" or "G. E. Moore" of the title, even where the extraction kept the forms
        apart."""
        if self.covers(*names):
            return True
        subjects = [name.split() for name in self.names if " " in name]
        for name in names:
            words = _norm(name).split() if name else []
            suffixed = len(words) > 3 and words[-1] in _JUNIOR
            if suffixed:
                # "John Calvin Coolidge Jr." is the "Calvin Coolidge" of the title (his father, "Sr.", is not)
                words = words[:-1]
            for subject in subjects:
                if not words or words[-1] != subject[-1]:
                    continue
                if len(words) > len(subject) and words[-len(subject) :] == subject:
                    return True
                if len(subject) == 2 and len(words) > 2 and words[0] == subject[0] and not suffixed:
                    return True  # "Charles Henry Alston" (a middle name more) is the "Charles Alston" of the title
                initials = subject[:-1]
                if (
                    len(words) == len(subject)
                    and all(len(i) == 1 for i in initials)
                    and [w[0] for w in words[:-1]] == initials
                ):
                    return True
        return False

    def covers_organization(self, *names: str) -> bool:
        """``covers``, and the end of a subject's name of three words or more, or its initials: "West India
        Company" and "WIC" are the "Dutch West India Company" of the title."""
        if self.covers(*names):
            return True
        subjects = [name.split() for name in self.names if name.count(" ") >= 2]
        for name in names:
            words = _norm(name).split() if name else []
            for subject in subjects:
                if 2 <= len(words) < len(subject) and subject[-len(words) :] == words:
                    return True
                if len(words) == 1 and name.isupper() and len(name) >= 3:
                    heads = [w[0] for w in subject if w not in _NOT_IN_INITIALS]
                    if any("".join(heads[k:]) == words[0] for k in range(len(heads) - 1)):
                        return True
        return False


#: Words an organization's initials skip ("Bank of England": BoE, "BE").
_NOT_IN_INITIALS = frozenset({"of", "the", "and", "for", "in", "on", "de"})


_JUNIOR = frozenset(s.casefold() for s in JUNIOR_SUFFIXES)


@functools.lru_cache(maxsize=16384)  # asked of every mention's names, over and over
def _norm(text: str) -> str:
    """Lower case, words only, an abbreviated last word of an organization written out ("f c" -> "football club")."""
    words = re.sub(r"[^\w]+", " ", text.casefold()).strip()
    for short, full in _ABBREVIATIONS_LONGEST_FIRST:  # "a f c" before "f c"
        if words.endswith(" " + short):
            return words[: -len(short)] + full
    return words


_ABBREVIATIONS_LONGEST_FIRST = tuple(sorted(ORGANIZATION_ABBREVIATIONS.items(), key=lambda kv: -len(kv[0])))


def source_tags(article: Article) -> list[str]:
    """Names on a "Tag:" line near the top of the source file (the cleaner drops that line as furniture)."""
    if article.path in {"", "-"}:
        return []
    try:
        with Path(article.path).open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(2000)
    except OSError:
        return []
    found = TAG_LINE.search(head)
    if not found:
        return []
    return [n.strip() for n in re.split(r"[,;|]", found.group("names")) if n.strip()]


def _mentioned_in(text: str, names: Iterable[str]) -> bool:
    padded = f" {_norm(text)} "
    return any(len(n) > 1 and f" {_norm(n)} " in padded for n in names)


#: Words a news headline has and a section heading ("Early life and education") does not need.
HEADLINE_MIN_WORDS = 5


def _headline_like(headings: list[str]) -> bool:
    """Whether most headings read as headlines of separate posts rather than section headings of one
    article: "North Korean Ambassador Replaced After ..." against "Early life", "Exile and fission"."""
    others = headings[1:]
    return sum(len(h.split()) >= HEADLINE_MIN_WORDS for h in others) * 2 > len(others)


def _in_heading(heading: str, kind: str, names: list[str]) -> bool:
    if _mentioned_in(heading, names):
        return True
    # "GWP" in an article titled "Global warming potential": the acronym of the title is what it is about.
    title_initials = initials(heading)
    if len(title_initials) >= 2 and any(acronym_of(n) == title_initials for n in names):
        return True
    # "North Korean Defector ..." names North Korea through its demonym.
    if kind == "place" and dist.country_of_demonym(heading) in names:
        return True
    # "Armenian Armed Forces" in an article titled "Armed Forces of Armenia": the same name, turned around.
    turned = [t for t in map(_of_country, names) if t] if kind == "organization" else []
    return _mentioned_in(heading, turned)


def _of_country(name: str) -> str | None:
    """ "Armenian Armed Forces" -> "Armed Forces of Armenia": a name led by a country's adjective, written the
    other way, else None."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    one = dist.country_of_demonym(words[0])
    two = dist.country_of_demonym(" ".join(words[:2])) if len(words) > 2 else None
    if two is not None and two != one:  # "North Korean Embassy", "South African Airways"
        return f"{' '.join(words[2:])} of {two}"
    return f"{' '.join(words[1:])} of {one}" if one else None


def article_subjects(article: Article, facts: ArticleFacts, doc: Any = None) -> Subjects:
    """The article's subjects (see the module docstring for the signals)."""
    counts = Counter((m.kind, m.canonical) for m in facts.mentions if m.kind in NAME_KINDS and not m.aside)
    clusters: dict[tuple[str, str], list[str]] = {
        (c.kind, c.canonical): [c.canonical, *c.aliases] for c in facts.clusters if c.kind in NAME_KINDS
    }
    title = article.title or ""
    headings = list(dict.fromkeys([h for h in [title, *article.headlines] if h]))
    tags = source_tags(article)
    # A page of several posts: its title is just the first post's headline. (Section headings of a
    # single article do not repeat the title.)
    compilation = bool(tags) or (len(headings) > 3 and title in article.headlines and _headline_like(headings))
    chosen: set[tuple[str, str]] = set()

    for tag in tags:
        for key, names in clusters.items():
            if _norm(tag) in {_norm(n) for n in names}:
                chosen.add(key)

    for kind in NAME_KINDS:
        ranked = [(key, n) for key, n in counts.most_common() if key[0] == kind]
        if not ranked:
            continue
        top_key, top_n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        for key, n in ranked:
            names = clusters.get(key, [key[1]])
            in_title = bool(title) and _in_heading(title, kind, names)
            if compilation:
                share = sum(_in_heading(h, kind, names) for h in headings)
                if share * 2 >= len(headings) and n == top_n:
                    chosen.add(key)
            elif kind == "person" and in_title:
                chosen.add(key)
            elif in_title and _norm(title) in {_norm(n) for n in names}:
                chosen.add(key)  # the title is the name ("Dutch West India Company"), however often the text uses it
            elif in_title and n >= max(1, TITLE_SHARE * top_n) and (n >= 2 or n == top_n):
                chosen.add(key)
        if kind == "person" and not compilation and top_n >= MIN_SUBJECT_MENTIONS:
            names = clusters.get(top_key, [top_key[1]])
            if (
                top_n >= DOMINANCE * runner_up
                or _described_by_title(title, names, facts)
                or _opens_article(article, names, doc)
            ):
                chosen.add(top_key)

    found: set[str] = set()
    for chosen_key in chosen:
        found |= {_norm(n) for n in clusters.get(chosen_key, [chosen_key[1]])}
    return Subjects(frozenset(found))


#: Title nouns that describe a person ("Former North Korean diplomat ...").
_PERSON_NOUNS = {t.split()[-1] for t in dist.ROLE_TITLES} | {
    "official",
    "activist",
    "journalist",
    "scientist",
    "player",
    "author",
    "coach",
    "founder",
    "artist",
    "singer",
    "writer",
    "director",
    "mayor",
    "governor",
    "striker",
    "composer",
}


def _described_by_title(title: str, names: list[str], facts: ArticleFacts) -> bool:
    """The title calls someone "diplomat" and the article introduces this person as one."""
    nouns = {w.rstrip("s") for w in _norm(title).split()} & _PERSON_NOUNS
    name_re = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 2)
    if not nouns or not name_re:
        return False
    noun_re = "|".join(sorted(nouns))
    near = re.compile(
        rf"(?:(?:{name_re}),\s+(?:the|a|an)\s+(?:[\w-]+\s){{0,4}}?(?:{noun_re})\b)|"
        rf"(?:\b(?:{noun_re})\s+(?:{name_re}))",
        re.I,
    )
    return any(near.search(m.sentence) for m in facts.mentions if m.canonical in names or m.text in names)


def _opens_article(article: Article, names: list[str], doc: Any) -> bool:
    """The person is the grammatical subject of the first sentence of the body (not a caption)."""
    if doc is None:
        return False
    for sent in doc.sents:
        if article.in_aside(sent.start_char, sent.end_char) or len(sent) < 6:
            continue
        subject = next(
            (t for t in span_tokens(sent) if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"), None
        )
        if subject is None:
            return False
        phrase = doc[subject.left_edge.i : subject.right_edge.i + 1].text
        return _mentioned_in(phrase, names)
    return False
