"""spaCy entities to candidate mentions, with the small model's usual mistakes repaired.

Repairs (all general rules, none tied to particular articles):
- spans never cross a paragraph break and lose a leading article, a possessive and
  stray punctuation or function words ("the Korean National Cemetery in" → "Korean
  National Cemetery");
- names cut short are grown over adjacent capitalized words ("Guest House" →
  "Paekhwawon State Guest House") and relabelled by their head noun (a House,
  Airport or Palace is a place; an Agency, Ministry or Army an organization);
- nationalities and demonyms ("Cuban", "the North Koreans") and bare compass or
  landform words ("North", "Island") are not places; words tagged as common nouns
  are not names at all ("Cigar smuggling ...");
- dates are normalized against the publication date; weekdays and vague spans are
  dropped; durations and ages become numbers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.facts.dates import is_duration, normalize_date
from quizapp.facts.labels import (
    DROP,
    NAME_NEVER_OPENS,
    SENTENCE_OPENING_PREPOSITIONS,
    kind_from_context,
    kind_from_suffix,
    strip_leading_numbers,
    strip_leading_titles,
    strip_trailing_scores,
)
from quizapp.facts.model import Granularity
from quizapp.facts.names import acronym_of, initials
from quizapp.facts.numbers import number_from_entity, numbers_outside_entities
from quizapp.ingest.model import Article
from quizapp.reference import country_named
from quizapp.vocabulary import COURTESY_TITLES, ERA_MARKERS, MONTH_PATTERN, MONTHS, NAME_PARTICLES, WEEKDAY_PATTERN

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

KIND_OF_LABEL = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organization"}
NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}

FACILITY_HEADS = {
    "airport",
    "palace",
    "house",
    "cemetery",
    "stadium",
    "hall",
    "bridge",
    "tower",
    "museum",
    "station",
    "square",
    "park",
    "hotel",
    "building",
    "temple",
    "church",
    "cathedral",
    "castle",
    "mosque",
    "port",
    "harbor",
    "harbour",
    "base",
    "prison",
    "camp",
    "dam",
    "canal",
    "monument",
    "memorial",
    "arena",
    "gate",
    "wall",
    "street",
    "avenue",
    "highway",
    "road",
    "island",
    "islands",
    "mountain",
    "mountains",
    "river",
    "lake",
    "sea",
    "ocean",
    "bay",
    # A racetrack the model took for a person ("Talladega Superspeedway"). (Theatres were tried too: as often a
    # company, "American Conservatory Theater", as a building.)
    "speedway",
    "superspeedway",
    "raceway",
    "racecourse",
}
ORG_HEADS = {
    "productions",
    "studios",
    "pictures",
    "agency",
    "ministry",
    "service",
    "army",
    "navy",
    "force",
    "forces",
    "association",
    "consulate",
    "embassy",
    "office",
    "council",
    "committee",
    "university",
    "college",
    "school",
    "party",
    "company",
    "corporation",
    "corp",
    "inc",
    "bank",
    "organization",
    "organisation",
    "union",
    "institute",
    "court",
    "government",
    "department",
    "network",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "group",
    "foundation",
    "commission",
    "federation",
    "league",
    "club",
    "parliament",
    "assembly",
    "congress",
    "senate",
    "police",
    "guard",
    "command",
    "bureau",
    "authority",
    "board",
    "fund",
    "team",
    "society",
    "alliance",
    "movement",
    "front",
    "coalition",
    "secretariat",
    "conservatory",
    "academy",
    "orchestra",
    "holdings",
    "partners",
    "industries",
    "airlines",
    "airways",
    "ltd",
    "plc",
    "gmbh",
    "llc",
    "co",
    "motors",
    "systems",
    "technologies",
    "labs",
    "laboratories",
    "enterprises",
    "mining",
    "resources",
    "minerals",
    "metals",
    "energy",
    "petroleum",
    "oil",
    "power",
    "electric",
    "shipping",
    "logistics",
    "freight",
    "media",
    "pharmaceuticals",
    "foods",
    "brewery",
    "brewing",
    "capital",
    "insurance",
    "securities",
    "investments",
    "ventures",
    "solutions",
    "chemicals",
    "telecom",
    "communications",
}
#: Head words that end the name of an organization or a facility.
NAME_HEADS = ORG_HEADS | FACILITY_HEADS
PERSON_TITLES = COURTESY_TITLES | {
    "president",
    "vice",
    "prime",
    "minister",
    "ambassador",
    "leader",
    "dictator",
    "chairman",
    "chairwoman",
    "secretary",
    "general",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "senator",
    "governor",
    "mayor",
    "judge",
    "chancellor",
    "premier",
    "director",
    "chief",
    "commander",
    "colonel",
    "captain",
    "lieutenant",
    "sergeant",
    "officer",
    "spokesman",
    "spokeswoman",
    "counselor",
    "counsellor",
    "envoy",
    "diplomat",
    "defector",
    "lawyer",
    "filmmaker",
    "official",
    "professor",
    "emperor",
    "empress",
    "sheikh",
    "rabbi",
    "bishop",
    "cardinal",
    "father",
    "sister",
    "brother",
    "wife",
    "husband",
    "son",
    "daughter",
    "grandfather",
    "grandmother",
    "counterpart",
    "representative",
    "rep.",
    "sen.",
    "gov.",
}
# Words a capitalized span can be without being the name of a place.
GEOGRAPHIC_COMMON_WORDS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "island",
    "peninsula",
    "mainland",
    "continent",
    "coast",
    "region",
    "capital",
    "city",
    "republic",
    "kingdom",
    "state",
    "nation",
    "country",
    "west bank",
    "midwest",
}
PLURAL_PLACE_ENDINGS = (
    "states",
    "emirates",
    "islands",
    "philippines",
    "netherlands",
    "bahamas",
    "maldives",
    "comoros",
    "seychelles",
    "lands",
    "falls",
    "mountains",
    "alps",
    "andes",
    "rockies",
)
_LEADING = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:in|of|and|or|at|on|for|to|the|from|with|by))+$", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Dates keep "this"/"last" ("this July"); only "the" goes.
_MONTH_NAME = f"(?:{MONTH_PATTERN})"
_DATE_PART = re.compile(
    rf"\b(?:{_MONTH_NAME} \d{{1,2}}, \d{{4}}|\d{{1,2}} {_MONTH_NAME} \d{{4}}|{_MONTH_NAME} \d{{4}}|(?:1[0-9]|20)\d{{2}}s?)\b"
)
_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z.&]{1,8})\)")
_LEADING_THE = re.compile(r"^the\s+", re.I)
# "W90", "F16": a letter glued to digits is a code or amount, not a name.
_CODE_TOKEN = re.compile(r"^[A-Z]\d[\d,.-]*$")


@dataclass
class Candidate:
    """A mention before clustering: kind, span and evidence for the label vote."""

    kind: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    label: str | None = None
    value: str | None = None
    unit: str | None = None
    granularity: Granularity | None = None
    aside: bool = False
    titled: bool = False  # preceded by a person's title ("President", "Ambassador")
    strong: bool = False  # the words around it say what it is ("the consultancy ...", "... United")
    evidence: list[str] = field(default_factory=list)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line separated) around ``start``..``end``."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    return para_start, (len(text) if para_end < 0 else para_end)


class SentenceIndex:
    """Sentence bounds of a doc, computed once (``token.sent`` rescans the doc on every call)."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]
        self.starts = [start for start, _end in self.bounds]

    def sentence_of(self, start: int, end: int) -> tuple[str, int]:
        """The sentence holding the span, clipped to its paragraph (captions and datelines stand alone)."""
        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        if not self.bounds:
            return self.text[start:end], start
        sent_start, sent_end = self.bounds[index]
        para_start, para_end = paragraph_bounds(self.text, start, end)
        s_start = max(sent_start, para_start)
        s_end = max(min(sent_end, para_end), end)
        raw = self.text[s_start:s_end]
        stripped = raw.lstrip()
        return stripped.rstrip(), s_start + (len(raw) - len(stripped))


def clean_span(text: str, start: int, end: int, leading: re.Pattern = _LEADING) -> tuple[int, int] | None:
    """Offsets of the span without a leading article, possessive or stray punctuation/function words."""
    segment = text[start:end]
    # Never across a line break: keep the part holding most letters (usually the name after the break).
    if "\n" in segment:
        parts = segment.split("\n")
        best = max(parts, key=lambda part: sum(ch.isalpha() for ch in part))
        start += segment.index(best)
        segment = best
        end = start + len(segment)
    while True:
        before = segment
        stripped = segment.lstrip(" \t\"'“”‘’([{,;:-–—")
        start += len(segment) - len(stripped)
        segment = stripped
        article = leading.match(segment)
        if article and len(segment) > article.end():
            start += article.end()
            segment = segment[article.end() :]
        segment = segment.rstrip(' \t"“”‘([{)]},;:-–—')
        segment = _POSSESSIVE.sub("", segment)
        if segment.endswith(".") and not re.search(r"\b(?:[A-Z]\.)+$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$", segment):
            segment = segment[:-1]
        segment = _TRAILING_FUNCTION_WORDS.sub("", segment)
        if segment == before:
            break
    end = start + len(segment)
    if not segment or not any(ch.isalnum() for ch in segment):
        return None
    return start, end


#: A number multiplied by another: "1800 x 1920", "1920×1080" are sizes.
_DIMENSION_BEFORE = re.compile(r"\d\s*[x×]\s*\Z")
_DIMENSION_AFTER = re.compile(r"\s*[x×]\s*\d")
#: "from 1930 on BBC One", "kicks off at 1945 GMT": a time on the 24-hour clock (British usage), not a year.
_CLOCK_TIME = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_CLOCK_ZONE_AFTER = re.compile(r"\s*(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|hrs\b|hours\b|local time\b)")
_CLOCK_BROADCAST_AFTER = re.compile(r"\s+on\s+(?:BBC|ITV|Channel|Sky|S4C|Radio|RTÉ|RTE)\b")
_CLOCK_BEFORE = re.compile(rf"(?:{WEEKDAY_PATTERN})\b[^.;]{{0,40}}\b(?:at|from|until|till|before|after|by)\s+\Z")
#: "... and New Art": capitalized words joined by "and" that finish a name cut short at the "and".
_AND_CONTINUATION = re.compile(r"\s+(?:and|&)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}")


def _complete_coordinated_name(doc: Doc, text: str, start: int, end: int, end_token: int) -> int:
    """The end token of a name like "Museum of Old and New Art" that the model cut at its "and".

    Only a name built with "of" is extended (an institution's name), and only over capitalized words
    no other entity claims, so "Lisbon and Setúbal" stay two names."""
    if " of " not in text[start:end]:
        return end_token
    found = _AND_CONTINUATION.match(text, end)
    if not found:
        return end_token
    stop = found.end()
    index = end_token
    while index < len(doc) and doc[index].idx < stop:
        token = doc[index]
        if token.ent_type_ in {"GPE", "PERSON", "NORP"}:
            return end_token  # the next words are a place or person of their own
        index += 1
    return index


_DAY_MONTH = re.compile(
    rf"^(?:on\s+|in\s+)?(?:\d{{1,2}}\s+{_MONTH_NAME}|{_MONTH_NAME}(?:\s+\d{{1,2}})?)(?:\s+of\s+that\s+year)?$", re.I
)


_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


def _tells_the_past(text: str, published: dt.date) -> bool:
    """Whether a dated text names years, none of them near its date: a history or an encyclopedia entry (its
    date is when it was saved), where "On 21 April" belongs to the story's year, not the date's. A news story
    naming any recent year keeps its bare days and months relative to its publication."""
    years = [int(y) for y in _YEAR.findall(text)]
    return bool(years) and max(years) < published.year - 1


def _in_narrative_year(phrase: str, earlier: list[Candidate], months: bool = False):
    """ "9 October" in an undated history ("... on 9 November 1989 ... on 9 October"): the year the story
    last named. Only a day and month (with ``months``, a bare month too: for a dated text that names only
    years long past), only after a full date or year, never in a dated news story (whose "9 October" is
    relative to its publication)."""
    match = _DAY_MONTH.match(phrase.strip())
    if not match or (not months and not re.search(r"\d", phrase)):
        return None  # a bare month only in a text that names no recent year ("in November" of a blog is its own)
    years = [c.value[:4] for c in earlier if c.kind == "date" and c.value and re.match(r"^\d{4}", c.value)]
    if not years:
        return None
    day_month = re.sub(
        r"\s+of\s+that\s+year$", "", re.sub(r"^(?:on|in)\s+", "", phrase.strip(), flags=re.I), flags=re.I
    )
    return normalize_date(f"{day_month} {years[-1]}", None)


def _grow_name(ent: Span) -> tuple[int, int]:
    """Token bounds grown over adjacent capitalized words that no other entity claims."""
    doc = ent.doc
    start, end = ent.start, ent.end

    def free_capitalized(index: int) -> bool:
        token = doc[index]
        return (
            token.ent_type_ == ""
            and token.text[:1].isupper()
            and token.tag_ in {"NNP", "NNPS"}
            and token.lower_ not in PERSON_TITLES
            and not token.is_sent_start
            and "\n" not in token.whitespace_
            and "\n" not in token.text
        )

    # Grow only to complete a name whose head says what it is ("... Guest House", "... Airport"):
    # elsewhere a neighbouring capitalized word is usually another name.
    heads = FACILITY_HEADS | ORG_HEADS
    if ent[-1].lower_ in heads:
        while start > 0 and free_capitalized(start - 1):
            start -= 1
    grown_end = end
    while grown_end < len(doc) and free_capitalized(grown_end) and grown_end - end < 3:
        grown_end += 1
        if doc[grown_end - 1].lower_ in heads:
            end = grown_end
    return start, end


class WordUse:
    """How often each word is written in lowercase and capitalized in a text (counted once per doc)."""

    def __init__(self, text: str) -> None:
        words = re.findall(r"(?<![\w-])[A-Za-z]+(?![\w-])", text)
        self.lower = Counter(w for w in words if w.islower())
        self.capitalized = Counter(w.lower() for w in words if w[:1].isupper() and w[1:].islower())

    @staticmethod
    def _forms(word: str) -> set[str]:
        lowered = word.lower()
        return {f for f in (lowered, lowered.rstrip("s"), lowered + "s") if len(f) > 2}

    def used_as_common_word(self, word: str) -> bool:
        """Whether ``word`` (or its singular/plural) also occurs in lowercase: then it is a common noun."""
        return any(self.lower[f] for f in self._forms(word))

    def mostly_common_word(self, word: str) -> bool:
        """Whether ``word`` is written in lowercase at least three times and more often than capitalized."""
        forms = self._forms(word)
        lower_count = sum(self.lower[f] for f in forms)
        return lower_count >= 3 and lower_count > sum(self.capitalized[f] for f in forms)


def _in_conversion_note(text: str, start: int, end: int) -> bool:
    """Inside a bracketed rate or conversion like "(US$1=W1,133)": an aside for the reader, not a fact."""
    opening = text.rfind("(", max(0, start - 40), start)
    closing = text.find(")", end, end + 40)
    if opening < 0 or closing < 0 or ")" in text[opening:start]:
        return False
    return "=" in text[opening:closing]


def _join_hyphenated(doc: Doc, end: int) -> int:
    """Extend a name cut at a hyphen: "Maria Alvarado" + "-Reyes" → "Maria Alvarado-Reyes"."""
    while (
        end + 1 < len(doc)
        and doc[end - 1].whitespace_ == ""
        and doc[end].text in {"-", "‐"}
        and doc[end].whitespace_ == ""
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
    return end


#: Street words that lead a name in Romance languages: "Avenida Assis Brasil" is a street, not a person.
LEADING_STREET_WORDS = {
    "avenida",
    "rua",
    "calle",
    "rue",
    "via",
    "viale",
    "praça",
    "plaza",
    "piazza",
    "paseo",
    "largo",
    "rodovia",
    "estrada",
    "carrera",
    "boulevard",
    "travessa",
    "alameda",
}


#: First words that make a name a place, whatever the small model says ("Cape Cod", "Mount Kenya", "Fort Worth").
LEADING_PLACE_WORDS = frozenset({"cape", "mount", "mt", "mt.", "lake", "loch", "lough", "gulf", "isle", "fort", "port"})


def _relabel_by_head(words: list[str], kind: str, label: str) -> tuple[str, str]:
    head = words[-1].lower() if words else ""
    if len(words) >= 2 and words[0].lower() in LEADING_STREET_WORDS:
        return "place", "FAC"
    if len(words) >= 2 and words[0].lower() in LEADING_PLACE_WORDS and kind != "organization":
        return "place", "LOC"
    if len(words) >= 2 and head in FACILITY_HEADS:
        return "place", "FAC"
    if len(words) >= 2 and head in ORG_HEADS:
        return "organization", "ORG"
    return kind, label


def _is_demonym(ent_tokens: list, text: str) -> bool:
    last = ent_tokens[-1]
    lowered = text.lower()
    if last.tag_ == "JJ":
        return True
    if lowered.endswith(PLURAL_PLACE_ENDINGS):
        return False
    return last.tag_ == "NNPS" and re.search(r"(?:ans|ese|ians|ish|is)$", lowered) is not None


def _titled(doc: Doc, token_index: int) -> bool:
    return token_index > 0 and doc[token_index - 1].lower_ in PERSON_TITLES


def _future_context(ent: Span) -> bool:
    head = ent.root.head
    for _ in range(3):
        if any(child.lower_ in {"will", "'ll", "shall"} or child.lower_ == "going" for child in head.children):
            return True
        # "The CEO is leaving in January": a present progressive with a date is an arrangement ahead.
        if head.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.lower_ in {"is", "are", "am", "'s", "'re"} for c in head.children
        ):
            return True
        if head.head.i == head.i:  # the root (Token objects are made afresh: "is" never holds)
            break
        head = head.head
    return False


def _next_to_number(doc: Doc, tokens: list) -> bool:
    """Whether a one-word span stands right after or before a number ("31 BC", "AD 79")."""
    if len(tokens) != 1:
        return False
    i = tokens[0].i
    return (i > 0 and doc[i - 1].like_num) or (i + 1 < len(doc) and doc[i + 1].like_num)


def collect_mentions(article: Article, doc: Doc, sentences: SentenceIndex | None = None) -> list[Candidate]:
    """Candidate mentions of one article from its spaCy parse."""
    text = article.text  # the same string as doc.text, which spaCy rebuilds on every access
    candidates: list[Candidate] = []
    seen_spans: set[tuple[int, int]] = set()
    sentences = sentences or SentenceIndex(doc, text)
    word_use = WordUse(text)

    def add(kind: str, start: int, end: int, **extra) -> None:
        if (start, end) in seen_spans or end <= start:
            return
        if kind == "number" and _in_conversion_note(text, start, end):
            return
        seen_spans.add((start, end))
        sentence, sentence_start = sentences.sentence_of(start, end)
        candidates.append(
            Candidate(
                kind, text[start:end], start, end, sentence, sentence_start, aside=article.in_aside(start, end), **extra
            )
        )

    absorbed_until = -1
    past_only = article.published is not None and _tells_the_past(text, article.published)
    for ent in doc.ents:
        label = ent.label_
        if label in KIND_OF_LABEL:
            if ent.start_char < absorbed_until:
                continue
            kind = KIND_OF_LABEL[label]
            start_token, end_token = ent.start, ent.end
            if label != "PERSON" or ent[-1].lower_ in FACILITY_HEADS | ORG_HEADS:
                start_token, end_token = _grow_name(ent)
            end_token = _join_hyphenated(doc, end_token)
            span = doc[start_token:end_token]
            bounds = clean_span(text, span.start_char, span.end_char)
            if bounds is None:
                continue
            start, end = bounds
            end_token = _complete_coordinated_name(doc, text, start, end, end_token)
            if end_token > span.end:
                span = doc[start_token:end_token]
                end = span.end_char
                absorbed_until = end  # "New Art" of "Museum of Old and New Art" is no name of its own
            tokens = [t for t in span if t.idx >= start and t.idx + len(t.text) <= end] or list(span)
            # "Striker Tomas Varga" → "Tomas Varga" (a person); "Castlemoor United 2-1" → "Castlemoor United".
            if label != "PERSON" and any(t.lower_ in NAME_HEADS for t in tokens[1:]):
                title_cut = False  # "King Brothers Productions", "St. John Fisher College": a name, title word and all
            else:
                tokens, title_cut = strip_leading_titles(tokens, label)
            tokens = strip_trailing_scores(strip_leading_numbers(tokens, label))
            # "the tragedian Aeschylus": a lower-case word opening a name's span describes it ("van Gogh" and
            # "de Gaulle" open with a particle of the name).
            while (
                len(tokens) > 1 and tokens[0].is_lower and tokens[0].is_alpha and tokens[0].lower_ not in NAME_PARTICLES
            ):
                tokens = tokens[1:]
            if tokens[0].lower_ in NAME_NEVER_OPENS:
                continue
            if (
                len(tokens) > 1
                and tokens[0].is_sent_start
                and (tokens[0].lower_ in SENTENCE_OPENING_PREPOSITIONS or tokens[0].tag_ in {"VBG", "VBN"})
            ):
                # "Following Henson's death": the name is Henson; so is "Searching Leon's hotel room, ..." an
                # opening participle's object (a name's own first word is no verb form).
                tokens = tokens[1:]
            verb_at = next(
                (i for i, t in enumerate(tokens) if t.pos_ in {"AUX", "VERB"} and t.is_lower and i > 0), None
            )
            if verb_at is not None:
                # "Armenian Armed Forces are Headquartered", "Anthony became Lopez": the name stops at its verb
                tokens = tokens[:verb_at]
            owner_ends = next((i for i, t in enumerate(tokens) if t.tag_ == "POS" and 0 < i < len(tokens) - 1), None)
            if label == "PERSON" and owner_ends is not None:
                tokens = tokens[:owner_ends]  # "James' Catholicism": the name ends where what they own begins
            if title_cut:
                kind, label = "person", "PERSON"
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            # A trailing common noun capitalized as part of a product line ("Cohiba Cigars") is not the name.
            while (
                len(tokens) > 1
                and tokens[-1].lower_ not in FACILITY_HEADS | ORG_HEADS
                and not any(t.lower_ == "of" for t in tokens)
                and word_use.mostly_common_word(tokens[-1].text)
            ):
                tokens = tokens[:-1]
                end = tokens[-1].idx + len(tokens[-1].text)
            name = text[start:end]
            if name.replace(".", "") in ERA_MARKERS and _next_to_number(doc, tokens):
                continue  # "31 BC": the small model sometimes makes the era an organization
            if not any(t.tag_ in {"NNP", "NNPS"} for t in tokens) and not name.isupper():
                continue  # a common noun capitalized at a sentence start, not a name
            if len(tokens) == 1 and word_use.used_as_common_word(name):
                continue  # "Cigar smuggling is ...": the same word appears as a plain noun elsewhere
            if any(_CODE_TOKEN.match(t.text) for t in tokens):
                continue
            if sum(ch.isalpha() for ch in name) < 2:
                continue  # "X.", "Q": one letter names nothing anyone could be asked about
            kind, label = _relabel_by_head(name.replace("-", " ").split(), kind, label)
            if kind == "place":
                if name.lower() in GEOGRAPHIC_COMMON_WORDS or _is_demonym(tokens, name):
                    continue
            strong = title_cut
            by_suffix = kind_from_suffix(name.split())
            words = name.replace("-", " ").split()
            head_says = len(words) >= 2 and (
                words[-1].lower() in FACILITY_HEADS | ORG_HEADS  # "... Army", "... Airport"
                or words[0].lower() in LEADING_STREET_WORDS
            )  # "Avenida ..."
            verdict = kind_from_context(doc, tokens[0].i, tokens[-1].i, kind) if not (title_cut or head_says) else None
            if by_suffix is not None:
                kind, strong = by_suffix, True
            elif verdict is not None:
                kind, strong = verdict.kind, verdict.strong
            elif kind == "person" and len(tokens) == 1 and tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ == "the":
                kind = DROP  # "the Wayfarer", "the Emajõgi": people are not written with "the"
            if kind in {"person", "organization"} and country_named(name):
                # "the dissolution of the Soviet Union" (ORG), "Vanuatu beat Fiji" (PERSON): a country whatever
                # the small model's label, by the bundled reference.
                kind = "place"
            label = {"person": "PERSON", "organization": "ORG"}.get(kind, label)
            if kind == "place" and label not in {"GPE", "LOC", "FAC"}:
                label = "GPE"
            # "Enugu, Nigeria": a place and the country it lies in are two places.
            if kind == "place" and ", " in name:
                head_part, _sep, tail_part = name.partition(", ")
                if head_part[:1].isupper() and tail_part[:1].isupper():
                    add(kind, start, start + len(head_part), label=label, strong=strong)
                    add(kind, end - len(tail_part), end, label=label, strong=strong)
                    continue
            add(kind, start, end, label=label, titled=title_cut or _titled(doc, tokens[0].i), strong=strong)
            # "Association of Caribbean States (ACS)": the acronym in brackets names the same thing.
            bracket = _BRACKETED_ACRONYM.match(text, end)
            if bracket and len(name.split()) >= 2 and initials(name) == acronym_of(bracket.group(1)):
                add(kind, bracket.start(1), bracket.end(1), label=label)
        elif label in {"DATE", "TIME"}:
            bounds = clean_span(text, ent.start_char, ent.end_char, leading=_LEADING_THE)
            if bounds is None:
                continue
            start, end = bounds
            phrase = text[start:end]
            period = _DATED_PERIOD.match(phrase)
            if period:
                # "the 2004 season": the year is the date, the season is what it dates.
                end = start + period.end(1)
                phrase = text[start:end]
            season = _SEASON_OF_YEAR.match(phrase)
            if season:
                # "the spring of 1863": the year is the date to learn; a blank of "spring of 1863" reads "In the
                # ___, ..." and is answered by the year alone.
                start += season.start(1)
                phrase = text[start:end]
            if is_duration(phrase) or re.search(r"\d[- ]years?[- ]old", phrase, re.I):
                number = number_from_entity(ent, text)
                if number is not None:
                    add(
                        "number",
                        number.start,
                        number.end,
                        label=label,
                        value=number.value,
                        unit=number.unit,
                        granularity=number.granularity,
                    )
                continue
            if label == "TIME" or _month_as_a_word(phrase, doc, ent):
                continue
            # Searched in the few characters before (from the text's start it walked the whole article each time).
            if _DIMENSION_BEFORE.search(text, max(0, start - 24), start) or _DIMENSION_AFTER.match(text, end):
                continue  # "1800 x 1920 per eye": a size, not a year
            if _CLOCK_TIME.fullmatch(phrase) and (
                _CLOCK_ZONE_AFTER.match(text, end)
                or _CLOCK_BROADCAST_AFTER.match(text, end)
                or _CLOCK_BEFORE.search(text[max(0, start - 80) : start])
            ):
                continue
            value = None
            if article.published is None or past_only:
                value = _in_narrative_year(phrase, candidates, months=past_only)
            if value is None:
                value = normalize_date(phrase, article.published, future=_future_context(ent))
            if value is not None:
                add("date", start, end, label=label, value=value.value, granularity=value.granularity)
                continue
            # A range or list ("from 1939 to 1945", "March 2019 and June 2020"): each end is a date.
            for part in _DATE_PART.finditer(phrase):
                part_value = normalize_date(part.group(0), article.published)
                if part_value is not None:
                    add(
                        "date",
                        start + part.start(),
                        start + part.end(),
                        label=label,
                        value=part_value.value,
                        granularity=part_value.granularity,
                    )
        elif label in NUMBER_LABELS:
            number = number_from_entity(ent, text)
            if number is not None:
                add(
                    "number",
                    number.start,
                    number.end,
                    label=label,
                    value=number.value,
                    unit=number.unit,
                    granularity=number.granularity,
                )
    for number in numbers_outside_entities(doc, text):
        add(
            "number",
            number.start,
            number.end,
            label="MONEY" if number.granularity == "money" else "CARDINAL",
            value=number.value,
            unit=number.unit,
            granularity=number.granularity,
        )
    candidates.extend(_dateline_outlet(article, doc, text, seen_spans, candidates))
    candidates.sort(key=lambda c: c.start)
    return candidates


#: A year written with the period it names ("2004 season", "1998–99 campaign"): the blank is the year alone.
_DATED_PERIOD = re.compile(
    r"^((?:early |late |mid-?)?\d{4}(?:[–-]\d{2,4})?)\s+(?:season|campaign|edition|term|session|tour|series)s?$", re.I
)
#: A season of a year ("spring of 1863", "the summer of 2010"): the blank is the year alone.
_SEASON_OF_YEAR = re.compile(
    r"^(?:the\s+)?(?:early |late |mid-?)?(?:spring|summer|autumn|fall|winter)\s+of\s+(\d{4})$", re.I
)
#: Words after which a bare month name is a time ("in May", "last June", "since March", "May and June").
_TIME_WORDS_BEFORE_MONTH = frozenset(
    "in on by since until till from through throughout during before after between to of and or last next this "
    "early late mid around into each every as for following previous".split()
)


def _month_as_a_word(phrase: str, doc: Doc, ent: Span) -> bool:
    """A month name alone that no time word governs is a name or a noun, not a date: "Holtz bantered with May"
    (the broadcaster Mark May), "its busiest August in eight years" (a month, not a point in time). One that
    opens its sentence ("March was wet") is left to the date rules."""
    if phrase.strip().casefold() not in MONTHS or ent.start == 0 or doc[ent.start].is_sent_start:
        return False
    before = doc[ent.start - 1]
    return before.lower_ not in _TIME_WORDS_BEFORE_MONTH and before.pos_ != "NUM" and before.text != "-"


def _dateline_outlet(
    article: Article, doc: Doc, text: str, seen: set[tuple[int, int]], existing: list[Candidate]
) -> list[Candidate]:
    """In a dateline "Outlet, Place, Date", the first part names the publishing organization."""
    result: list[Candidate] = []
    for start, end in article.asides:
        line = text[start:end]
        parts = [p.strip() for p in line.rstrip(".").split(",")]
        if len(parts) == 2 and parts[0].isupper() and re.search(r"\d{4}", parts[1]) and len(parts[0].split()) <= 4:
            # "PORTO ALEGRE, 4 May 2025": the place alone. The model reads capitals as an organization
            # ("ALEGRE"); the whole first part is the place.
            place_end = start + len(parts[0])
            existing[:] = [c for c in existing if not (start <= c.start < place_end)]
            result.append(
                Candidate("place", parts[0], start, place_end, line, start, label="GPE", aside=True, strong=True)
            )
            continue
        if len(parts) < 3 or not re.search(r"\d{4}", parts[-1]):
            continue
        outlet = parts[0]
        second = text.find(parts[1], start + len(outlet))
        if outlet.isupper() and any(ent.start_char == second and ent.label_ in {"GPE", "LOC"} for ent in doc.ents):
            # "ANTOFAGASTA, Chile, 3 March 2025": a city and its country, not an outlet and a place.
            for c in existing:
                if c.start == start and c.end == start + len(outlet):
                    c.kind, c.label, c.strong = "place", "GPE", True
            if (start, start + len(outlet)) not in seen:
                result.append(
                    Candidate(
                        "place", outlet, start, start + len(outlet), line, start, label="GPE", aside=True, strong=True
                    )
                )
            continue
        if not outlet or len(outlet.split()) > 5 or (start, start + len(outlet)) in seen:
            continue
        if any(ent.start_char == start and ent.label_ in {"GPE", "LOC"} for ent in doc.ents):
            continue
        if text.startswith(outlet, start):
            result.append(
                Candidate("organization", outlet, start, start + len(outlet), line, start, label="ORG", aside=True)
            )
    return result
