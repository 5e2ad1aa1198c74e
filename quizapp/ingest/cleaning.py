"""Separating article content from what surrounds it on a page.

The rules work on paragraphs (lines of a plain-text article) and are meant for any
news or encyclopedia text: they look at the *shape* of a paragraph (a lone
short line, a line without final punctuation, a credit in brackets, an e-mail
address) rather than at the words of particular articles.

What is kept:
- content paragraphs, in order;
- photo captions once (their facts count; they are marked as *asides*, not quizzed);
- datelines split off their paragraph as asides;
- headlines, as titles only (removed from the text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from quizapp.ingest.published import Dateline, parse_dateline_date, split_dateline
from quizapp.vocabulary import NEWS_SECTION_LABELS, WEB_ADDRESS_PATTERN

_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")", ":", ";")
_RULE_LINE = re.compile(r"^[\W_]+$")  # "____", "* * *", "©": no letters or digits
# Tried only where a run of address characters begins: tried inside a run too, a long one (a pasted blob,
# text without spaces) costs time growing with the square of its length.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+\d[\d\s().-]{7,}\d|\(\d{3}\)\s?\d{3}-\d{4})")
_CONTACT = re.compile(
    r"(?:^|[.?!] )(?:write to|contact us|contact:|follow us|sign up|subscribe to|send (?:us )?(?:your )?tips)", re.I
)
_READ_MORE = re.compile(
    r"^(?:you can )?(?:read|see|click|continue reading)\b.{0,40}\b(?:more|link|here|full (?:story|article))\b", re.I
)
_WIDGETS = {
    "share",
    "share this",
    "share this article",
    "tweet",
    "print",
    "email",
    "e-mail",
    "comment",
    "comments",
    "leave a comment",
    "what do you think?",
    "filed under:",
    "related",
    "related articles",
    "advertisement",
    "read more",
    "see also",
    "more",
    "reply",
    "like",
    "subscribe",
    "newsletter",
    "top stories",
}
_URL = re.compile(WEB_ADDRESS_PATTERN, re.I)
_FOLLOW = re.compile(r"^(?:follow|like|join) (?:us|our|\w+['’]s coverage|the conversation)\b", re.I)
# "Image source, Getty Images", "Photo credit: AP": credits standing alone.
_MEDIA_CREDIT = re.compile(r"^(?:image|photo|picture|video)s? (?:source|credit|copyright)s?\b", re.I)
# "Image caption, The river runs through the town": the caption itself follows the label.
_MEDIA_CAPTION = re.compile(r"^(?:image|photo|picture|video)s? caption\s*[,:]\s*", re.I)
# "Published 5 March 2023", "Updated: March 5, 2023 10:30 GMT"
_PUBLISHED_LINE = re.compile(
    r"^(?P<kind>published|posted|first published|updated|last updated)(?: on)?\s*:?\s+(?P<date>.{6,40})$", re.I
)
_LABEL_LINE = re.compile(r"^(?:tags?|topics?|categor(?:y|ies)|filed under|keywords|section)\s*:\s*.{0,80}$", re.I)
_CREDIT_LINE = re.compile(
    r"^(?:translated by|translation by|edited by|reporting by|additional reporting by|written by|"
    r"photo(?:graph)?s?(?: credit)?:|image:|source:|"
    # (the byline's name in capitals whatever the flag: "By comparison, when ..." opens a sentence, not a byline)
    r"by (?-i:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})(?:,.{0,40}|\s*\([^()]{1,40}\))?$)",
    re.I,
)
#: Where the page sits on its site: "Home > News > UK > Health", "You are here: :: ::".
_BREADCRUMB = re.compile(r"^(?:you are here\b|home\s*(?:>|›|»|::|\|))|^(?:[^>\n]{1,40} > ){2,}[^>\n]{1,40}$", re.I)
#: "(C) All rights reserved.", "© 2004 Example Media", "Copyright 2004 The Times".
_COPYRIGHT = re.compile(r"^(?:\(c\)|©|copyright\b)|\ball rights reserved\b", re.I)
#: The page's tools: "Email this story to a friend | Printable Version", "Printer-friendly version".
_PAGE_TOOLS = re.compile(
    r"\b(?:e-?mail this (?:story|article|page)|printable version|printer[- ]friendly|print this (?:story|article|page))\b",
    re.I,
)
#: A byline naming a role rather than a story: "Washington Post Staff Writers", "BBC News business reporter".
_STAFF_LINE = re.compile(
    r"\b(?:staff (?:writers?|reporters?|correspondents?)|reporters?|correspondents?|columnists?)$", re.I
)
#: The site's navigation and a mail's headers: "Search Asia Times", "Back to main page", "From: Democracy Now!".
_NAVIGATION = re.compile(r"^(?:search|back to|return to|go to|skip to)\b|^(?:from|to|sent|subject):\s", re.I)
#: A page's date stamp standing alone: "Thursday, November 18, 2004", "Tuesday, January 4, 2005; Page A01".
_DATE_STAMP_TAIL = re.compile(r"\s*[;,]\s*(?:page|p\.)\s*\w+\s*$", re.I)
#: A script's text left by a page copy ("'); //--> Loading Top Headlines...").
_SCRIPT_DEBRIS = re.compile(r"//\s*-->|<!--|\bdocument\.write\b|\bfunction\s*\(")
#: A related-story link, known by the date after it: "(01 Aug 04 | Business )", "Japan takes notice (Mar 5, '04)".
_DATED_LINK = re.compile(
    r"\((?:\d{1,2} [A-Z][a-z]{2} \d{2,4}|[A-Z][a-z]{2,8}\.? \d{1,2},? '?\d{2,4})(?:\s*\|[^()]*)?\s*\)$"
)
#: A page whose paragraphs were flattened into one block: furniture then sits among the sentences.
_LONG_PARAGRAPH_WORDS = 60
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\"”])\s+(?=[\"“A-Z])")
#: An abbreviation written before a name ("Mount St. Helens", "Dr. Smith"): its full stop ends no sentence.
_ENDS_WITH_TITLE_ABBREVIATION = re.compile(
    r"\b(?:St|Mt|Dr|Mr|Mrs|Ms|Prof|Gen|Lt|Col|Capt|Sgt|Rev|Sen|Rep|Gov|Ft|Hon|Sr)\.$"
)
_GLUED_WIDGET = re.compile(
    r"(?<=[.!?\"”]) (?:"
    + "|".join(re.escape(w) for w in ("advertisement", "story continues below"))
    + r") (?=[\"“A-Z])",
    re.I,
)
_APPEAL = re.compile(
    r"\b(?:becom(?:e|ing) a (?:member|subscriber|patron)|support (?:us|our (?:work|journalism))|donat(?:e|ion)|"
    r"membership|subscribe now|join (?:us|our community))\b",
    re.I,
)
# Captions: words that only photo captions use, or a credit attached at the end.
_CAPTION_CUES = re.compile(
    r"\b(?:file photo|photo shows|in this photo|this photo|photo (?:courtesy|taken|provided)|pictured|"
    r"seen (?:here|in the photo))\b|\((?:[LRC]|left|right|center)\)|, (?:left|right|center|second from (?:left|right)),",
    re.I,
)
# Credits that end a caption or paragraph: "(Yonhap)", "(PHOTO NOT FOR SALE)", "[MINISTRY OF X]",
# "Photo courtesy of Name/Agency", "/ Capture / Outlet".
_CAPTION_CREDITS = [
    re.compile(r"\s*\((?:[A-Z][\w.&'-]*)(?: [A-Z][\w.&'-]*){0,2}\)\s*$"),
    re.compile(r"\s*\([A-Z0-9 ,.'&/-]{3,}\)\s*$"),  # all caps, e.g. (PHOTO NOT FOR SALE)
    re.compile(r"\s*\[[A-Z0-9 ,.'&/-]{3,}\]\s*$"),  # all caps in brackets, e.g. [MINISTRY OF X]
    re.compile(r"\s*(?:photo|image|picture)s?(?: courtesy of| by|:)\s+[^.]{1,80}$", re.I),
    re.compile(r"\s+/\s+[^/.]{1,40}(?:\s+/\s+[^/.]{1,40})+\s*$"),
]
# A source tag closing a content paragraph ("... would stay.  [Korea Times]"): removed, not a caption.
_SOURCE_TAG = re.compile(r"(?<=[.!?\"”])\s*\[[^\[\]]{1,40}\]\s*$")
# "(R)"/"(L)" position markers in captions.
_POSITION_MARKER = re.compile(r" \((?:[LRC]|left|right|center)\)(?=\W)")
#: Encyclopedia reference markers pasted with the text: "games[22]", "in 1835.[3][4]", "[citation needed]".
#: A live blog's entry time opening its paragraph ("14.29 Indonesian authorities ...", "7:05pm GMT Rescuers ..."):
#: the page's furniture, not part of the sentence. Taken off only when two or more paragraphs open so, so a
#: story's sentence that happens to begin with a figure keeps it.
_LIVE_STAMP = re.compile(
    r"^(?:(?:[01]?\d|2[0-3])[.:][0-5]\d(?:\s?[aApP]\.?[mM]\.?)?|(?:1[0-2]|0?[1-9])\s?[aApP]\.?[mM]\.?)"
    r"(?:\s(?:GMT|BST|UTC|[ECMP][SD]?T))?(?:\s*[:–—-])?\s+(?=[A-Z\"“‘'])"
)
_REFERENCE_MARKER = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d+)\]")


@dataclass
class Paragraph:
    text: str
    aside: bool = False  # a caption or dateline: facts count, not quizzed


@dataclass
class CleanedText:
    paragraphs: list[Paragraph] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    #: From a "Published 5 March 2023" line.
    published: dt.date | None = None
    #: The first headline when it opened the document.
    leading_headline: str | None = None


def parse_stamp(text: str) -> dt.date | None:
    """The date of a "Published ..." line, ignoring a time after it."""
    text = re.split(r"\s+\d{1,2}[:.]\d{2}\b|,?\s+at\s+", text.strip())[0]
    return parse_dateline_date(text.strip(" ,."))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: one per line, except hard-wrapped blocks, which are joined."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) > 1 and _looks_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return [" ".join(p.split()) for p in paragraphs]


def _looks_hard_wrapped(lines: list[str]) -> bool:
    # Wrapped prose: every line but the last is of similar, editor-like width and
    # most don't end a sentence.
    body = lines[:-1]
    if not all(40 <= len(line) <= 100 for line in body):
        return False
    return sum(not line.endswith(_TERMINAL) for line in body) >= len(body) / 2


_TITLE_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "for",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "as",
    "vs",
    "after",
    "over",
}
_SENTENCE_STARTERS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "according",
    "after",
    "before",
    "when",
    "while",
    "for",
    "as",
    "but",
    "and",
    "our",
    "his",
    "her",
    "their",
    "its",
    "one",
    "two",
    "some",
    "many",
    "most",
    "last",
    "since",
    "during",
    "with",
    "from",
    "here",
    "if",
}
_GLUE = re.compile(r"^(?P<left>[A-Za-z'’-]*?(?:[a-z]|[A-Z]{2}))(?P<right>[A-Z][a-z]+)$")


def split_glued_headline(paragraph: str) -> tuple[str, str] | None:
    """A headline run into its paragraph ("SUPPORT OUR WORKThe team ...", "A New ChapterThe town ...").

    The join shows as a word whose lowercase (or all-caps) part runs straight into a
    capitalized word; the words before it must read as a title and the words after as a sentence.
    """
    words = paragraph.split()
    for index, word in enumerate(words[:20]):
        match = _GLUE.match(word)
        if not match or len(match.group("left")) < 3 or index < 2:
            continue
        if match.group("right").lower() not in _SENTENCE_STARTERS:
            continue  # "PlayStation", "McDonald": a name written in camel case, not a join
        head_words = words[:index] + [match.group("left")]
        content = [w for w in head_words if w.lower() not in _TITLE_SMALL_WORDS]
        if len(content) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in content):
            return None
        rest_words = [match.group("right"), *words[index + 1 :]]
        if len(rest_words) < 4 or not any(w.islower() for w in rest_words[1:4]):
            return None
        return " ".join(head_words), " ".join(rest_words)
    return None


#: Three or more shouted words opening a paragraph before ordinary text: a kicker or a fact box's heading run
#: into what follows ("EXPECTED HEALTH REFORMS Smoking to be banned ...", "MONEY, SOFTWARE FOR FOCUS: HOPE ...").
_SHOUTED_KICKER = re.compile(r"((?:[A-Z][A-Z'&.-]+[,:]?\s+){2,}[A-Z][A-Z'&.-]+[,:]?)\s+(?=[A-Z][a-z])")


def split_shouted_kicker(paragraph: str) -> tuple[str, str] | None:
    """(heading, text) when the paragraph opens with a shouted heading run into its text, else None."""
    found = _SHOUTED_KICKER.match(paragraph)
    if found is None or len(paragraph[found.end() :].split()) < 4:
        return None
    return found.group(1).rstrip(" ,:"), paragraph[found.end() :]


#: One or two shouted words (a year may lead) before a capitalised function word: a section label or dateline run
#: into its text ("2006 SEASON On March 14, ...", "OBITUARY The founder of ...", "WASHINGTON The president ...").
#: An acronym is followed by what it names ("NATO leaders", "NASA Administrator ..."), not by "On" or "The".
_SHOUTED_LABEL = re.compile(
    r"(?:\d{4}\s+)?(?:[A-Z][A-Z'&-]{2,}\s+){1,2}(?=(?:On|In|The|A|An|At|After|When|During|Since|Before|Following)\s+\S)"
)
#: A newspaper's section name before any sentence ("OBITUARY Reed Irvine, 82, ...", "LABOR Newspaper Guild ..."):
#: a closed list, since an acronym before a name reads the same ("NASA Administrator Bill Nelson").
_SECTION_LABEL = re.compile(rf"(?:{'|'.join(sorted(NEWS_SECTION_LABELS))}):?\s+(?=[A-Z])")
#: Where a sentence may start inside a paragraph: after an end mark (and a closing quote or bracket). Pages
#: flattened to one paragraph per story run their section labels and kickers into the text there.
_SENTENCE_START = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9])")


def strip_shouted_label(paragraph: str) -> str:
    """The paragraph without the shouted section labels, datelines or kickers run into its sentences (at its
    start, a kicker is split off as a headline by ``split_shouted_kicker`` instead)."""
    kept: list[str] = []
    last = 0
    starts = [0, *(m.end() for m in _SENTENCE_START.finditer(paragraph))]
    for start in starts:
        patterns = (_SHOUTED_LABEL, _SECTION_LABEL) if start == 0 else (_SHOUTED_LABEL, _SECTION_LABEL, _SHOUTED_KICKER)
        for pattern in patterns:
            found = pattern.match(paragraph, start)
            if found is not None and len(paragraph[found.end() :].split()) >= 4:
                kept.append(paragraph[last:start])
                last = found.end()
                break
    return "".join(kept) + paragraph[last:]


def is_boilerplate(paragraph: str) -> bool:
    """Page furniture that is never article content."""
    lowered = paragraph.lower().strip()
    if _RULE_LINE.match(paragraph) or not re.search(r"[^\W\d_]", paragraph):
        return True
    if lowered in _WIDGETS or lowered.rstrip(":") in _WIDGETS:
        return True
    words = len(paragraph.split())
    if words > _LONG_PARAGRAPH_WORDS:
        return False  # long: its furniture sentences are taken out one by one (_without_furniture_sentences)
    if _EMAIL.search(paragraph) or _PHONE.search(paragraph) or _CONTACT.search(paragraph):
        return True
    if _READ_MORE.match(paragraph):
        return True
    if words <= 20 and (
        _BREADCRUMB.search(paragraph)
        or _COPYRIGHT.search(paragraph)
        or _SCRIPT_DEBRIS.search(paragraph)
        or _DATED_LINK.search(paragraph)
        or _PAGE_TOOLS.search(paragraph)
        or (words <= 7 and _STAFF_LINE.search(paragraph) and not paragraph.endswith("."))
        or (words <= 8 and _NAVIGATION.search(paragraph))
    ):
        return True
    if _LABEL_LINE.match(paragraph) or _CREDIT_LINE.match(paragraph) or _MEDIA_CREDIT.match(paragraph):
        return True
    if _URL.search(paragraph) and (words <= 25 or _FOLLOW.match(paragraph)):
        return True  # "Follow our coverage at https://...", "Source: https://..."
    if _FOLLOW.match(paragraph) and words <= 25:
        return True
    if _APPEAL.search(paragraph) and re.search(r"\b(?:we|us|our)\b", lowered):
        return True
    return False


def _without_furniture_sentences(paragraph: str) -> str:
    """A long paragraph with its furniture sentences taken out ("... should phone ... or e-mail ...@...").

    A short paragraph with an address or an appeal is furniture as a whole (``is_boilerplate``); a long one is
    article text that a flattened page glued furniture into, so only the sentences that are furniture go."""
    if len(paragraph.split()) <= _LONG_PARAGRAPH_WORDS:
        return paragraph
    paragraph = _GLUED_WIDGET.sub(" ", paragraph)
    sentences: list[str] = []
    for piece in _SENTENCE_BREAK.split(paragraph):
        if sentences and _ENDS_WITH_TITLE_ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece  # "when Mount St." + "Helens erupted ...": one sentence
        else:
            sentences.append(piece)
    kept = [sentence for sentence in sentences if not is_boilerplate(sentence)]
    return " ".join(kept) if kept else paragraph


def strip_credits(paragraph: str) -> tuple[str, bool]:
    """The paragraph without trailing photo/source credits, and whether any were removed."""
    stripped = paragraph
    changed = True
    while changed:
        changed = False
        for pattern in _CAPTION_CREDITS:
            new = pattern.sub("", stripped)
            # Never strip a whole paragraph away, and keep a real parenthetical ending a sentence.
            if new != stripped and len(new.split()) >= 3:
                stripped = new.rstrip()
                changed = True
    return stripped, stripped != paragraph


#: A caption is a sentence or two under a picture; a longer paragraph that says "pictured" or "(R)" is text (a page
#: saved without line breaks is one paragraph of thousands of words, all of which a cue would have left out).
CAPTION_MAX_WORDS = 80


def is_caption(paragraph: str, had_credit: bool) -> bool:
    words = len(paragraph.split())
    if words > CAPTION_MAX_WORDS:
        return False
    if _CAPTION_CUES.search(paragraph):
        return True
    # A photo credit glued to the end of a short paragraph marks a caption.
    return had_credit and words <= 60


def is_headline(paragraph: str) -> bool:
    """A line standing alone without final punctuation, or in Title Case, short enough to be a title."""
    words = paragraph.split()
    if not 3 <= len(words) <= 25:
        return False
    if not paragraph.rstrip().endswith(_TERMINAL):
        return True
    content = [w for w in words if len(w.strip("‘’“”\"'")) > 3]
    capitalized = [w for w in content if w.strip("‘’“”\"'")[:1].isupper()]
    return not paragraph.endswith((".", "?", "!", ":")) and len(content) >= 3 and len(capitalized) >= 0.8 * len(content)


def _normalized(text: str) -> str:
    return re.sub(r"[^\w ]", "", text.lower().replace("’", "'"))


#: Repeats are looked for through pieces of this many characters at a paragraph's start and end.
_EDGE = 24
#: A paragraph is compared with at most this many others sharing its rare words, its start or its end.
_MOST_COMPARED = 16
_WORD_RUN = re.compile(r"\S+")


class _RepeatFinder:
    """Finds repeated paragraphs (a caption printed twice, a pull quote, a summary line restated) in time linear
    in the text: hashes of paragraph pieces name the few paragraphs worth comparing, instead of every pair.

    The comparisons themselves are the same as ever (containment, fuzzy ratios); the hashes only choose whom to
    compare with. A paragraph inside another starts, there, at a word start and ends at a word end, so the
    other's pieces at its word starts and ends hold the paragraph's own start and end.
    """

    def __init__(self, normalized: list[str]) -> None:
        self.normalized = normalized
        #: word -> how many paragraphs have it (rare words tell restatements apart).
        self.document_frequency: Counter[str] = Counter()
        # Only the pieces some paragraph opens or closes with are ever looked up: noting just those (rather than
        # a list for every word's pieces) keeps the walk over every word cheap.
        edges = [norm.strip() for norm in normalized]
        openings = {hash(edge[:_EDGE]) for edge in edges if len(edge) >= _EDGE}
        closings = {hash(edge[-_EDGE:]) for edge in edges if len(edge) >= _EDGE}
        #: hash of the _EDGE characters from a word start (or up to a word end) -> the paragraphs with them.
        self.starting: dict[int, list[int]] = defaultdict(list)
        self.ending: dict[int, list[int]] = defaultdict(list)
        starting, ending = self.starting, self.ending  # local names: this loop visits every word of the text
        for index, norm in enumerate(normalized):
            self.document_frequency.update(set(norm.split()))
            for match in _WORD_RUN.finditer(norm):
                start, end = match.span()
                piece = hash(norm[start : start + _EDGE])
                if piece in openings:
                    starting[piece].append(index)
                if end >= _EDGE:
                    piece = hash(norm[end - _EDGE : end])
                    if piece in closings:
                        ending[piece].append(index)
        self.kept: set[str] = set()
        #: word -> kept paragraphs having it (by index), for near-verbatim restatements.
        self.kept_with: dict[str, list[int]] = defaultdict(list)

    def keep(self, index: int) -> None:
        norm = self.normalized[index]
        if norm in self.kept:
            return
        self.kept.add(norm)
        for word in set(norm.split()):
            self.kept_with[word].append(index)

    def _kept_sharing_rare_words(self, index: int) -> list[str]:
        """Kept paragraphs that may restate this one: a restatement shares all but a word or two with the
        original, so the original has one of its four rarest words. Those sharing the most come first."""
        words = set(self.normalized[index].split())
        rare = sorted(words, key=lambda w: (self.document_frequency[w], w))[:4]
        shared = Counter(other for word in rare for other in self.kept_with.get(word, ()))
        nearest = sorted(shared, key=lambda other: (-shared[other], abs(other - index)))[:_MOST_COMPARED]
        return [self.normalized[other] for other in nearest]

    def _longer_paragraphs_sharing_an_edge(self, index: int) -> list[int]:
        """Longer paragraphs that open or close with this one's first or last characters, the nearest first.

        At most _MOST_COMPARED: a text whose paragraphs often open alike (a list, a log, sentences reused)
        must not make cleaning quadratic. Six words under _EDGE characters are too short to tell a pull quote.
        """
        norm = self.normalized[index].strip()
        if len(norm) < _EDGE:
            return []
        found = set(self.starting.get(hash(norm[:_EDGE]), ())) | set(self.ending.get(hash(norm[-_EDGE:]), ()))
        longer = [i for i in found if i != index and len(self.normalized[i]) > len(self.normalized[index]) * 1.1]
        return sorted(longer, key=lambda i: (abs(i - index), i))[:_MOST_COMPARED]

    def is_repeat(self, index: int) -> bool:
        """A paragraph already kept (a repeated caption) or contained in a longer one (a pull quote)."""
        norm = self.normalized[index]
        if norm in self.kept:
            return True
        words = norm.split()
        if len(words) < 6:
            return False
        # A near-verbatim restatement (a summary line repeated in the body) is kept once.
        for other in self._kept_sharing_rare_words(index):
            if 0.8 <= len(other) / len(norm) <= 1.25 and fuzz.ratio(norm, other, score_cutoff=90):
                return True
        for other_index in self._longer_paragraphs_sharing_an_edge(index):
            other = self.normalized[other_index]
            if norm in other:
                return True
            # Near-verbatim repeats (a word changed, a credit left) share a start or an end with the original:
            # compared there with a stretch of the original as long as they are, they are nearly the same.
            if _near_verbatim_at_an_edge(norm, other):
                return True
        return False


def _near_verbatim_at_an_edge(norm: str, other: str) -> bool:
    """Whether ``other`` holds ``norm`` with a word or two changed, aligned by their shared start or end.

    The stretch of ``other`` opening (or closing) with ``norm``'s first (last) characters is where a fuzzy
    substring search would find it; comparing that stretch alone keeps the cost to one ratio per pair.
    """
    start = other.find(norm[:_EDGE])
    if start >= 0 and fuzz.ratio(norm, other[start : start + len(norm)], score_cutoff=95):
        return True
    end = other.find(norm[-_EDGE:])
    if end >= 0:
        end += _EDGE
        return bool(fuzz.ratio(norm, other[max(0, end - len(norm)) : end], score_cutoff=95))
    return False


_WIKI_FILE = re.compile(r"\[\[(?:File|Image):[^\[\]]{0,2000}\]\]", re.I)
_WIKI_LINK = re.compile(r"\[\[(?:[^\[\]|]{0,300}\|)?([^\[\]|]{0,300})\]\]")
#: What a wiki dump leaves of an image caption: its tail and the closing brackets, before the paragraph's text.
_WIKI_CAPTION_TAIL = re.compile(r"^[^\[\]]{0,2000}\]\]\s*")


#: Image file names a wiki dump leaves before a paragraph ("Rocas_de_Suesca_1.JPG Golden_Hooks.jpg The central
#: highlands ..."): a name without spaces ending in an image extension.
_LEADING_IMAGE_FILES = re.compile(r"^(?:[^\s|\[\]]+\.(?:jpe?g|png|gif|svg|tiff?|webp)\s+)+", re.I)


def _without_wiki_markup(paragraph: str) -> str:
    """Wiki markup left in a copied page: "[[File:...]]" and image file names before the text go, "[[Target|text]]"
    is its text, and a caption's tail ("..., the Borders.]] Walter Scott was born ...") goes with its brackets."""
    paragraph = _LEADING_IMAGE_FILES.sub("", paragraph)
    if "[[" not in paragraph and "]]" not in paragraph:
        return paragraph
    paragraph = _WIKI_LINK.sub(r"\1", _WIKI_FILE.sub("", paragraph))
    return re.sub(r" {2,}", " ", _WIKI_CAPTION_TAIL.sub("", paragraph)).strip()


def clean_text(text: str) -> CleanedText:
    """Split ``text`` into content paragraphs, captions, the dateline and headlines."""
    raw = split_paragraphs(text)
    if sum(1 for paragraph in raw if _LIVE_STAMP.match(paragraph)) >= 2:
        raw = [_LIVE_STAMP.sub("", paragraph, count=1) for paragraph in raw]
    result = CleanedText()

    # Pass 1: drop furniture, strip credits, recognise captions.
    staged: list[Paragraph] = []
    for position, paragraph in enumerate(raw):
        glued = split_glued_headline(paragraph) or split_shouted_kicker(paragraph)
        if glued is not None:
            headline, paragraph = glued
            result.headlines.append(headline)
        paragraph = strip_shouted_label(paragraph)
        stamp = _PUBLISHED_LINE.match(paragraph)
        if stamp and len(paragraph.split()) <= 10:
            stamped = parse_stamp(stamp.group("date"))
            # An update time is only a fallback for the publication date.
            if stamped and (result.published is None or not stamp.group("kind").lower().endswith("updated")):
                result.published = stamped
            continue
        if len(paragraph.split()) <= 8 and re.search(r"\d{4}", paragraph):
            stamped = parse_stamp(_DATE_STAMP_TAIL.sub("", paragraph))
            if stamped is not None:
                # A date on its own line is the page's stamp: a fallback for the publication date, never a title.
                result.published = result.published or stamped
                continue
        labelled_caption = _MEDIA_CAPTION.match(paragraph)
        if labelled_caption:
            caption_text = paragraph[labelled_caption.end() :].strip()
            if caption_text:
                staged.append(
                    Paragraph(caption_text if caption_text.endswith(_TERMINAL) else caption_text + ".", aside=True)
                )
            continue
        paragraph = _without_furniture_sentences(paragraph)
        if is_boilerplate(paragraph):
            continue
        words = paragraph.split()
        if len(words) < 3 and not paragraph.endswith((".", "!", "?")):
            if position == 0 and all(w[:1].isupper() for w in words) and len(raw) > 1:
                # An encyclopedia entry's title ("Tartu", "Mara Okonkwo") opens the document.
                result.headlines.append(paragraph)
                result.leading_headline = paragraph
            continue  # a lone source tag, alt text or widget label ("Yonhap", "nk flag")
        paragraph = _REFERENCE_MARKER.sub("", _SOURCE_TAG.sub("", _without_wiki_markup(paragraph)))
        if not paragraph:
            continue
        stripped, had_credit = strip_credits(paragraph)
        caption = is_caption(stripped, had_credit)
        if caption:
            stripped = _POSITION_MARKER.sub("", stripped)
            if not stripped.endswith(_TERMINAL):
                stripped += "."  # so a caption never runs into the next sentence
        staged.append(Paragraph(stripped, aside=caption))

    # Pass 2: drop repeats and pull quotes, take headlines out, split off the dateline.
    repeats = _RepeatFinder([_normalized(p.text) for p in staged])
    for index, kept in enumerate(staged):
        if repeats.is_repeat(index):
            continue
        repeats.keep(index)
        if not kept.aside and is_headline(kept.text):
            result.headlines.append(kept.text)
            if not result.paragraphs and result.leading_headline is None:
                result.leading_headline = kept.text
            continue
        if result.dateline is None and not kept.aside and len(result.paragraphs) < 6:
            dateline = split_dateline(kept.text)
            if dateline is not None:
                result.dateline = dateline
                result.paragraphs.append(Paragraph(dateline.line + ".", aside=True))
                if dateline.rest.strip():
                    result.paragraphs.append(Paragraph(dateline.rest.strip()))
                continue
        result.paragraphs.append(kept)
    return result


#: A run of two or more words in capitals (with their small words in capitals too, a year or number among them):
#: an encyclopedia lead's bold name as some dumps render it ("The AMAZON RIVER is ...", "ALBERT LAWRENCE EINSTEIN
#: (born ...)"). A markup underscore may stand before it.
_SHOUTED_RUN = re.compile(r"(?<![A-Za-z0-9])[A-Z0-9][A-Z0-9'’.&:-]*(?:\s+[A-Z0-9][A-Z0-9'’.&:-]*)+\b")

#: One word in capitals: the title's own word when a one-word title is set so ("ARES (...) is the Greek god ...").
_SHOUTED_WORD = re.compile(r"(?<![A-Za-z0-9'’-])[A-Z][A-Z'’-]{2,}(?![A-Za-z0-9'’-])")


def _title_cased(shouted: str, known: dict[str, str]) -> str:
    """Each word as the title writes it ("UEFA", "Women's"), else capitalised, small words after the first lower
    and a roman numeral as it is."""

    def word(index: int, text: str) -> str:
        lowered = text.lower()
        if lowered in known:
            return known[lowered]
        if index and re.fullmatch(r"[IVX]+[,.]?", text):
            return text  # a regnal or ordinal numeral ("PHILIP II", "WORLD WAR I")
        if index and lowered in _TITLE_SMALL_WORDS:
            return lowered
        return "-".join(part[:1].upper() + part[1:] for part in lowered.split("-"))

    return re.sub(r"\S+", lambda m: word(m.start(), m.group(0)), shouted)


def _opens_a_dateline(after: str) -> bool:
    """Whether a run in capitals followed by ``after`` is a dateline's place ("PORT ALDER, Vestria, Mar 4 (Wire) -
    Negotiators ...", "PORT ALDER—Negotiators"): a dash comes before any word in lower case (brackets aside)."""
    head = re.sub(r"\([^)]*\)", "", after.split("\n", 1)[0][:120])
    dash = re.search(r"—|–|\s-\s", head)
    return dash is not None and not re.search(r"\b[a-z]", head[: dash.start()])


def recase_shouted_name(paragraph: str, title: str | None, text: str = "") -> str:
    """The lead paragraph with its name in capitals written as a reader writes it: in the title's own casing where
    the run is (part of) the title, else, in the first sentence, in title case (a word of the title as the title
    writes it). A parser takes "AMAZON RIVER" for a heading run into the text, and the name is the fact most worth
    asking. A title's first word goes lower case inside a sentence when the article (``text``) writes the title
    so ("The RED WOLF is ..." → "The red wolf"). Acronyms stay: a run needs two words of letters, one of them of
    four letters or more, and two such words unless two are the title's ("NATO UN", "AD 750" stay as they are);
    one word in capitals only when it is a one-word title ("ARES (...) is the Greek god of war")."""
    first_sentence_end = next((m.start() for m in _SENTENCE_START.finditer(paragraph)), len(paragraph))
    title = title if title and len(title.lower()) == len(title) else None
    known = {w.lower(): w for w in title.split()} if title else {}
    lowered_title = title[:1].lower() + title[1:] if title else ""

    def lower_inside(cased: str, at: int, written: str) -> str:
        """``cased`` with its first letter in lower case when it stands inside a sentence (not at the paragraph's or
        a sentence's start) and the article writes the title so (``written``)."""
        before = paragraph[:at].rstrip()
        if before and not before.endswith((".", "!", "?")) and re.search(rf"\b{re.escape(written)}\b", text):
            return cased[:1].lower() + cased[1:]
        return cased

    def recased(found: re.Match[str]) -> str:
        run = found.group(0)
        words = [w for w in (re.sub(r"[.'’&-]", "", w) for w in run.split()) if w.isalpha()]
        if len(words) < 2 or not any(len(w) >= 4 for w in words) or _opens_a_dateline(paragraph[found.end() :]):
            return run
        if title is not None and (title.lower() in run.lower() or run.lower() in title.lower()):
            at, inner = title.lower().find(run.lower()), run.lower().find(title.lower())
            if at >= 0:
                cased = title[at : at + len(run)]
            else:
                around = _title_cased(run, known)
                cased = around[:inner] + title + around[inner + len(title) :]
            return lower_inside(cased, found.start(), lowered_title) if cased.startswith(title[:1]) else cased
        titled = sum(w.lower() in known for w in words) >= 2
        generic = found.start() < first_sentence_end and sum(len(w) >= 4 for w in words) >= 2
        return _title_cased(run, known) if titled or generic else run

    def recased_title_word(found: re.Match[str]) -> str:
        word = found.group(0)
        if title is None or word.lower() not in {title.lower(), title.lower() + "s", title.lower() + "es"}:
            return word  # one word in capitals is an acronym unless it is the title ("ARES (...) is the god ...")
        cased = title + word[len(title) :].lower()
        return lower_inside(cased, found.start(), cased[:1].lower() + cased[1:])  # "An ANAGRAM is ..."

    return _SHOUTED_WORD.sub(recased_title_word, _SHOUTED_RUN.sub(recased, paragraph))
