"""Checks every candidate passes before it can reach a deck.

Two levels: a *sentence* must be worth quizzing on (not a caption, a headline,
a quote, the blogger's own aside), and a *stem* must be answerable and fair (no
unresolved pronoun, the answer not given away, a readable length). Each check
returns the reason it failed so tests and debugging can see why a candidate
was dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from quizapp import caseless
from quizapp.vocabulary import (
    DEMONSTRATIVES,
    MONTH_ABBREVIATION_PATTERN,
    MONTH_PATTERN,
    PERSONAL_PRONOUNS,
    REPORTING_VERBS,
    ROLE_TITLES,
    SPEAKER_PRONOUNS,
    WEEKDAY_PATTERN,
)

MIN_STEM_WORDS = 5
MAX_STEM_WORDS = 26
MIN_SENTENCE_TOKENS = 6

#: Words that point outside the stem; a stem with one cannot be answered alone.
CONTEXT_WORDS = (
    PERSONAL_PRONOUNS
    | DEMONSTRATIVES
    | SPEAKER_PRONOUNS
    | {"there", "here", "latter", "aforementioned", "such", "above", "below", "same", "both"}
)
#: Possessives are fine when a named subject or "Who" binds them ("Who entered ... with his family?").
BOUND_POSSESSIVES = {"his", "her", "its", "their"}
#: Phrases that need the previous sentences to make sense.
CONTEXT_PHRASES = (
    "the other",
    "the country",
    "the countries",
    "the island",
    "the city",
    "the president",
    "the ambassador",
    "the diplomat",
    "the official",
    "the former",
    "the leader",
    "the envoy",
    "the man",
    "the woman",
    "the group",
    "the regime",
    "the company",
    "the latest",
    "the deal",
    "the report",
    "the move",
    "the decision",
    "the event",
    "the meeting",
    "the visit",
    "the agency",
    "the government",
    "the nation",
    "the team",
    "the article",
    "the film",
    "the letter",
    "the incident",
    "the change",
    "the plan",
    "the talks",
    "the club",
    "the firm",
    "the charity",
    "the bridge",
    "the project",
    "the school",
    "the university",
    "the league",
    "the match",
    "the final",
    "the season",
    "the filter",
    "the device",
    "the ship",
    "the band",
    "the album",
    "the book",
    "the study",
)
#: Nouns that, after "the" and at most one describing word, point back to something named before.
BACK_REFERENCE_NOUNS = (
    "city",
    "town",
    "village",
    "country",
    "island",
    "region",
    "capital",
    "port",
    "planet",
    "star",
    "moon",
    "mine",
    "ship",
    "vessel",
    "strike",
    "stoppage",
    "side",
    "squad",
    "team",
    "club",
    "company",
    "firm",
    "charity",
    "group",
    "bridge",
    "building",
    "museum",
    "stadium",
    "site",
    "plant",
    "factory",
    "party",
    "coalition",
    "government",
    "agency",
    "university",
    "school",
    "band",
    "album",
    "film",
    "book",
    "song",
    "device",
    "drug",
    "study",
    "mission",
    "telescope",
    "satellite",
    "spacecraft",
    "species",
    "disease",
    "virus",
    "war",
    "battle",
    "treaty",
    "deal",
    "agreement",
    "law",
    "bill",
    "campaign",
    "tournament",
    "competition",
    "event",
    "festival",
    "project",
    "scheme",
    "programme",
    "program",
    "plan",
    "report",
    "inquiry",
    "investigation",
    "trial",
    "case",
)
BACK_REFERENCE = re.compile(rf"\bthe\s+(?:(?:[a-z][\w-]*\s+)?(?:{'|'.join(BACK_REFERENCE_NOUNS)})s?|\d+-year-old)\b")
#: Relational place nouns that only name a place relative to another one: "the summit" of which
#: mountain, "the west coast" of which land? Without an "of …"/"with …" complement they point back.
RELATIONAL_PLACE = re.compile(
    r"\b[Tt]he\s+(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?"
    r"(?:summit|peak|coast|coastline|shore|border|frontier|island|capital|peninsula|mainland|interior)\b"
    r"|\b[Tt]he\s+(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\b(?!\s+(?:coast|shore))"
)
#: A complement or a following name that says which place is meant.
RELATIONAL_COMPLEMENT = re.compile(r"\s+(?:of|with|between)\b|\s+[A-Z]")
#: Month and weekday names: capitalised, yet no place.
_CALENDAR_WORDS = f"{MONTH_PATTERN}|{WEEKDAY_PATTERN}"
#: A named place elsewhere in the stem ("in Nepal", "near Hobart") that the relational noun hangs on.
NAMED_PLACE = re.compile(rf"\b(?:in|at|near|on|off|from|to|across|of)\s+(?!(?:{_CALENDAR_WORDS})\b)[A-Z]")


def bare_relational_place(stem: str) -> str | None:
    """A relational place noun ("the summit", "the west coast") with no complement, when the stem names
    no other place: "of which mountain?" cannot be answered without the article."""
    for match in RELATIONAL_PLACE.finditer(stem):
        if RELATIONAL_COMPLEMENT.match(stem[match.end() :]):
            continue
        if NAMED_PLACE.search(stem):
            return None
        return match.group(0)
    return None


#: "since" with a year soon after it ("since 1990", "since early 1990", "since May 1990").
SINCE_YEAR = re.compile(r"\bsince\s+(?:[\w-]+\s+){0,2}\d{4}\b", re.I)
SINCE = re.compile(r"\bsince\b", re.I)
DO_SUPPORT = re.compile(r"\b(?:did|does|do)\b", re.I)


def since_problem(stem: str) -> str | None:
    """A "since …" kept by a simple-past rewrite ("did … flee since the summer") is ungrammatical, and
    "since the summer" with no year does not say when."""
    if not SINCE.search(stem):
        return None
    if DO_SUPPORT.search(stem):
        return '"since" cannot go with a simple past "did"'
    if len(SINCE.findall(stem)) != len(SINCE_YEAR.findall(stem)):
        return '"since" without a year does not say from when'
    return None


#: Words naming a category that, after "the", stand in for the answer ("the league" for the NFL).
CAPTION_MARKERS = re.compile(
    r"\b(file photo|photo courtesy|pictured|in this photo|captured from|\(photo|\(yonhap\)|getty images|"
    r"courtesy of|credit:|reuters photo|ap photo|afp photo)\b",
    re.IGNORECASE,
)
#: A day written out with its year after "on" ("on June 12, 2014", "on Sunday, 21 November 2004").
_ON_DATED_DAY = re.compile(
    rf"\bon\s+(?:(?:{WEEKDAY_PATTERN}),?\s+)?(?:(?:{MONTH_PATTERN}|(?:{MONTH_ABBREVIATION_PATTERN})\.?)\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+(?:{MONTH_PATTERN}|(?:{MONTH_ABBREVIATION_PATTERN})\.?),?\s+\d{{4}})\b"
)
#: Present-tense verbs that state what is so rather than show an action ("The deal includes ...", "X is ...").
_STATE_VERBS = frozenset(
    {"be", "have", "remain", "include", "contain", "mean", "seem", "appear", "lie", "show", "feature"}
)


def may_be_photo_caption(sentence: str) -> bool:
    """Whether a sentence's text alone allows ``photo_caption_problem`` (it dates a day with its year)."""
    return _ON_DATED_DAY.search(sentence) is not None


def photo_caption_problem(sent: Any) -> str | None:
    """A photo caption in the body text: a present-tense action dated to a past day with its year ("Police take
    up positions during a protest outside the station on June 12, 2014 in Sao Paulo"). News prose tells a dated
    event in the past tense; only a caption shows it as happening now. ``sent`` is the parsed sentence.
    Judged dev candidates of such sentences (a gallery page, a funeral photo): 0 of 9 acceptable."""
    root = getattr(sent, "root", None)
    if root is None or root.lemma_.casefold() in _STATE_VERBS | REPORTING_VERBS:
        return None
    if any(c.dep_ == "ccomp" for c in root.children):
        return None  # "The records note that it was bought on 3 May 1845": a source's statement, no picture
    # "A journalist is taken from the protest ...": the present passive shows it happening too.
    passive_now = root.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in root.children)
    if root.tag_ not in {"VBZ", "VBP"} and not passive_now:
        return None
    # The day dates the action (after its verb), not a noun before it ("X's death, on 3 May 1999, is marked ...").
    dated = _ON_DATED_DAY.search(str(sent), pos=root.idx + len(root.text) - sent.start_char)
    if dated:
        return "a photo caption (an action in the present tense, dated to a past day)"
    return None


#: A line of a census breakdown, the standard demographics paragraph of a place's encyclopedia entry ("The racial
#: makeup of the city was 88.15% White, ...", "There were 61,444 housing units at an average density of ...",
#: "For every 100 females age 18 and over, there were 94.0 males"): tabulated figures, not facts a reader learns.
#: Judged dev cards from such lines: 1 of 13 acceptable. A place's population alone is no breakdown.
CENSUS_BREAKDOWN = re.compile(
    r"\b(?:racial makeup|housing units|households? (?:in|of) the (?:city|town|county|village|state|cdp)|"
    r"(?:people|persons), [\d,]+ households|families residing|average (?:household|family) size|"
    r"median (?:income|household income|family income|age)|per capita income|below the poverty line|"
    r"(?:females|males) age 18 and over|of any race|married couples living together|"
    r"had (?:a|an) (?:female|male) householder|someone living alone)\b",
    re.IGNORECASE,
)
#: A sentence about a picture beside the text ("In the accompanying diagram, ...", "as shown below"): it reads
#: like text but needs the picture.
FIGURE_REFERENCE = re.compile(
    r"\b(?:accompanying|attached|adjacent) (?:diagram|figure|chart|graphic|map|image|photo(?:graph)?|table|"
    r"illustration|graph|picture)s?\b|\b(?:shown|seen|pictured|illustrated|depicted) (?:above|below|here)\b|"
    r"\b(?:the|this) (?:diagram|figure|chart|graphic|table|illustration|graph|picture) (?:above|below)\b|"
    r"\bsee fig(?:ure|\.)? ?\d",
    re.IGNORECASE,
)
#: A sentence that points elsewhere on the page ("essentially giving the description above", "as defined below"):
#: what it means is in text the card does not show.
PAGE_REFERENCE = re.compile(
    r"\b(?:the|this|these|that|those) (?:[a-z]+ ){0,2}(?:description|definition|example|formula|equation|list|"
    r"section|discussion|method|proof|argument|sequence|case|table|paragraph)s? (?:above|below)\b|"
    r"\b(?:described|mentioned|defined|given|discussed|listed|noted|stated|explained) (?:above|below)\b",
    re.IGNORECASE,
)
#: A full stop inside the sentence after a word or a figure, then a capitalised word: two sentences the parser ran
#: together ("... could run to $40m. Between 10 and 12 ..."); abbreviations ("U.S.", "Calif.", "Mr.") do not match.
RUN_TOGETHER = re.compile(r"(?:\b[a-z]{3,}|\b\d[\w$£€%]*|\))[.!?][\"”’]?\s+(?=[A-Z][a-z]*\s)")
BOILERPLATE = re.compile(
    r"(read more|click here|subscribe|sign up|newsletter|follow us|share this|all rights reserved|"
    r"copyright|translated by|contact us|write to|comment|advertis|membership)",
    re.IGNORECASE,
)
QUOTE_CHARS = '"“”«»'
#: A contributor's note ("Jo Lin is an editor at The Ledger and a writer based in Leeds"): the page's furniture.
WRITER_BIO = re.compile(
    r"\bis (?:(?:a|an|the) )?(?:[\w-]+ ){0,4}(?:writer|editor|reporter|correspondent|columnist|contributor|journalist|"
    r"blogger)\b[^.]*\b(?:at|for|of|to|based in|who covers)\b",
    re.IGNORECASE,
)

#: The page's credits ("Stella Kim reported from Seoul", "Jo Lin is on Twitter at @jolin", "Additional reporting
#: by ..."): who wrote the story, not what it says. Judges failed all 5 judged dev candidates made from them.
CREDIT_LINE = re.compile(
    r"\b(?:reported from|reports from|writes for|takes a (?:closer )?look at|"
    r"contributed (?:to )?(?:this )?(?:report|reporting|story|article)|(?:is )?on twitter at|"
    r"follow (?:him|her|them|\w+) on (?:twitter|x|instagram|facebook)|can be reached at|"
    r"e-?mail (?:him|her|them|\w+) at|(?:additional )?reporting by)\b",
    re.IGNORECASE,
)
#: A book in a list of references: "G. E. Moore, The Elements of Ethics, edited by Tom Regan, Temple University
#: Press, (1991)." - a publisher's name, then the year closing the line.
CITATION_LINE = re.compile(r"\b(?:Press|Publishers|Publishing|ISBN)\b[^.]{0,80}?\(?\b\d{4}\)?\s*\.?$")


#: The writer or a speaker talking ("we", "I", "your"): who is meant, the card cannot say.
_OWN_VOICE = re.compile(
    r"\b(?:I|I'm|I've|I'd|me|my|mine|myself|we|we're|we've|us|our|ours|ourselves|you|your)\b", re.IGNORECASE
)


def _regnal_numeral(text: str, found: re.Match[str]) -> bool:
    """ "Artaxerxes I (465-424 BCE)", "World War I": a capital I after a name, not the writer speaking. The name
    must not open the sentence ("Then I ...")."""
    if found.group(0) != "I":
        return False
    before = text[: found.start()].split()
    return len(before) >= 2 and before[-1][:1].isupper() and before[-1][-1:].isalpha()


#: A sentence whose last word is a title written before names ("by Fr.", "with Dr."): the name is cut off. The
#: shared titles' abbreviations, and a few clerical and military ones, but not "St." (a street ends sentences).
_ENDS_AT_A_TITLE = re.compile(
    r"\s(?:"
    + "|".join(
        sorted(
            {t.rstrip(".") for t in ROLE_TITLES if t.endswith(".") and t != "St."} | {"Fr", "Rev", "Lt", "Sgt", "Hon"}
        )
    )
    + r")\.$"
)


# Asked once for every fact of a sentence: the answer is kept, not worked out again.
@functools.lru_cache(maxsize=4096)
def sentence_problem(sentence: str) -> str | None:
    """Why a sentence should not be quizzed on, or None when it may be."""
    text = sentence.strip()
    if not text:
        return "empty"
    words = text.split()
    if len(words) < MIN_SENTENCE_TOKENS:
        return "too short"
    if text.endswith((":", "?")):
        return "an aside or a question, not a statement"
    if text.endswith("!"):
        # "Registering is free and easy!", "Wow, what a crowd!": a cry or a pitch (a quoted one is reported).
        return "an exclamation, not a statement of fact"
    lowered = text.lower()  # the case-insensitive checks below read it (see quizapp.caseless)
    if caseless.search(CAPTION_MARKERS, text, lowered):
        return "a photo caption"
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        # "Acacia arabica) is the gum arabic tree of India", "in 2002]] Crow had been ...": the page lost the
        # text around a bracket, so the sentence is a fragment (judged dev candidates: 0 of 7).
        return "a bracket without its partner (text lost from the page)"
    if _ENDS_AT_A_TITLE.search(text):
        # "... to the French Economic and Social Council by Fr.": the splitter took the title's stop for the
        # sentence's end, and the name went to the next piece.
        return "cut off after a title (its name went to the next sentence)"
    if RUN_TOGETHER.search(text.rstrip('.!?"”’ ')):
        return "two sentences run together"
    if caseless.search(FIGURE_REFERENCE, text, lowered):
        return "about a picture or diagram beside the text"
    if caseless.search(PAGE_REFERENCE, text, lowered):
        return "points to another part of the page"
    if caseless.search(CENSUS_BREAKDOWN, text, lowered):
        return "a line of a census breakdown (tabulated figures)"
    if caseless.search(BOILERPLATE, text, lowered):
        return "boilerplate"
    if caseless.search(WRITER_BIO, text, lowered):
        return "a contributor's note about the writer"
    if caseless.search(CREDIT_LINE, text, lowered):
        return "the page's credits (who reported or wrote it)"
    if text.count(",") >= 2 and CITATION_LINE.search(text):
        return "a book in a list of references (author, title, publisher, year)"
    quoted = sum(len(m) for m in re.findall(r"[“\"]([^”\"]*)[”\"]", text))
    if quoted > 0.5 * len(text):
        return "mostly a quote"
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]", "", text)
    # Any case ("We've got ..." opens a sentence), but "US" is the country and a small "i" is "i.e.".
    if any(
        found.group(0) not in {"US", "i"} and not _regnal_numeral(unquoted, found)
        for found in _OWN_VOICE.finditer(unquoted)
    ):
        return "the writer's own voice"
    if text == text.title() and not text.endswith("."):
        return "a headline"
    return None


def _words(text: str) -> list[str]:
    words = re.findall(r"[\w’'-]+", text.casefold())
    return [re.sub(r"[’']s$", "", w).strip("’'-") for w in words]


def _answer_words(answer: str) -> set[str]:
    """Distinctive words of an answer (not generic ones like "International" or "of")."""
    generic = {
        "the",
        "of",
        "and",
        "in",
        "for",
        "on",
        "at",
        "to",
        "a",
        "an",
        "international",
        "national",
        "state",
        "republic",
        "people's",
        "peoples",
        "democratic",
        "united",
        "ministry",
        "foreign",
        "affairs",
        "north",
        "south",
        "east",
        "west",
        "new",
        "city",
        "airport",
        "palace",
        "house",
        "agency",
        "service",
        "news",
        "central",
        "government",
        "office",
        "party",
        "army",
        "korean",
        "american",
        "cuban",
    }
    return {w for w in _words(answer) if w not in generic and len(w) > 1 and not w.isdigit()} | {
        w for w in _words(answer) if w.isdigit() and len(w) >= 3
    }


def stem_problem(stem: str, answers: Iterable[str], *, subject_bound: bool = False) -> str | None:
    """Why a question stem (or statement) is not fair, or None.

    ``answers`` are the answer and its aliases; ``subject_bound`` says a possessive
    like "his" refers to the stem's own named subject or to "Who".
    """
    words = _words(stem)
    if len(words) < MIN_STEM_WORDS:
        return "stem too short to be answerable"
    if len(words) > MAX_STEM_WORDS:
        return "stem too long to read"
    if any(ch in stem for ch in QUOTE_CHARS + "()[]"):
        return "quotes or brackets in the stem"
    if CUT_HYPHEN.search(stem):
        return "a word cut from its hyphenated partner"
    lowered = f" {' '.join(words)} "
    for word in words:
        if word == "her" and subject_bound:
            continue  # a possessive bound to the subject ("Who founded ... with her colleague?")
        if word in CONTEXT_WORDS:
            return f'"{word}" needs the surrounding text'
        if word in BOUND_POSSESSIVES and not subject_bound:
            return f'"{word}" has no antecedent in the stem'
    for phrase in CONTEXT_PHRASES:
        # "the charity" points back; "the charity CleanCup" and "the University of Leeds" name themselves.
        if f" {phrase} " in lowered and re.search(rf"(?i:\b{phrase}\b)(?!\s+(?:of\s+)?[A-Z])", stem):
            return f'"{phrase}" needs the surrounding text'
    # "the port city", "the national side", "the planet": one describing word does not say which one.
    for match in BACK_REFERENCE.finditer(stem):
        if not re.match(r"\s+(?:of\s+)?[A-Z]", stem[match.end() :]):
            return f'"{match.group(0)}" needs the surrounding text'
    award = award_problem(stem)
    if award:
        return award
    copied = copied_clause_problem(stem)
    if copied:
        return copied
    since = since_problem(stem)
    if since:
        return since
    relational = bare_relational_place(stem)
    if relational:
        return f'"{relational}" does not say of which place'
    if re.match(r"^(however|but|and|also|so|yet|still|additionally|interestingly)\b", stem, re.IGNORECASE):
        return "opens with a connective"
    # "the two countries" points back; "the two North Korean diplomats" describes itself.
    if re.search(r"\bthe (two|three|four|five|six|both)\b(?! [A-Z])", stem):
        return "a numbered reference back to the text"
    stem_words = set(words)
    for answer in answers:
        if not answer:
            continue
        if f" {' '.join(_words(answer))} " in lowered:
            return "the answer appears in the stem"
        shared = _answer_words(answer) & stem_words
        if shared:
            return f'part of the answer ("{sorted(shared)[0]}") appears in the stem'
    return None


#: Focus adverbs the parse strands at the end ("Who turned 19 only?" of "turned 19 only last month").
STRANDED_ADVERB = re.compile(r"\b(?:only|just|also|even|still|already)\s*\?$", re.I)
#: "-evening" of "Monday-evening" once the weekday is dropped.
CUT_HYPHEN = re.compile(r"(?:^|\s)-\w")
#: Words that anchor a question in the article: a name, a number or a date.
_ANCHOR = re.compile(r"\d|\b[A-Z][\w’'-]*")
#: Pronouns that stand for a person (a who-question with one before any name asks about nobody named).
PERSON_REFERENCES = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
#: Who-questions about who voiced a stance: many sides deny, claim or blame, so the stem
#: rarely picks out one person, and the "fact" is an opinion ("Who denied the kidnapping …?").
STANCE_WHO = re.compile(
    r"^Who (?:denied|denies|claimed|claims|believed|believes|argued|argues|insisted|insists|admitted|admits|"
    r"maintained|maintains|blamed|blames|accused|accuses|critici[sz]ed|critici[sz]es|praised|praises|"
    r"warned|warns|suggested|suggests|thought|thinks)\b"
)
#: "Who was the descendant of …?": a relation that many people share names no one in particular.
SHARED_RELATION_WHO = re.compile(
    r"^Who (?:was|is|were|are|had been|has been) (?:the|a|an|one of the) "
    r"(?:descendants?|sons?|daughters?|child|children|grandsons?|granddaughters?|relatives?|members?|residents?|"
    r"citizens?|friends?|colleagues?|supporters?|fans?|students?|pupils?|one)\b"
)

#: Verbs whose fact is a reaction to, or a continuation of, something earlier in the article: asked
#: without that thing ("Who responded by sending on Okafor?", "Who continued to work …?") the stem
#: is a sentence with a hole. A stem naming the thing ("Who responded to the letter …?", "Who
#: resumed the excavation …?") is kept.
_DETERMINER = r"(?:the|a|an|his|her|its|their|this|that|these|those)\b"
CONTEXT_VERB_WHO = re.compile(
    r"^Who (?:"
    r"(?:responded|responds|replied|replies|reacted|reacts)\b(?! to\b)"
    r"|(?:agreed|agrees)\b(?! (?:to|with|on)\b)"
    r"|(?:continued|continues|resumed|resumes)\b(?! " + _DETERMINER + r")"
    r"|(?:returned|returns)\b(?! to\b)(?! " + _DETERMINER + r")"
    r"|(?:followed|follows) (?:suit|up|on|through|with|by)\b"
    r"|(?:joined|joins) in\b(?! " + _DETERMINER + r")"
    r")"
)
#: A side clause's background state ("Kohl, who was on a visit to Poland"; "De Morgan, who taught at
#: UCL"): without a date, the question has no link to the article's events and many could answer it.
BACKGROUND_STATE_WHO = re.compile(
    r"^Who (?:was|were|is|are|taught|teaches|worked|works|lived|lives|served|serves|studied|studies|"
    r"headed|heads|ran|runs|led|leads|owned|owns|held|holds|lectured|lectures)\b"
)
#: "Where did X continue to work?": continuing presumes an earlier spell the stem leaves out.
CONTINUATION = re.compile(r"\b(?:continue[sd]?|resume[sd]?) (?:to \w+|\w+ing)\b", re.I)


def subject_question_problem(stem: str, pattern: str) -> str | None:
    """Why a question about a clause's subject ("Who ...?", "Which organization ...?") is too vague.

    Its predicate must be anchored by a name, number or date besides the answer ("Who went to the
    crossings?" could be anyone), and a stranded focus adverb is a misparse. A he/she/his/her in a
    who-question with no name before it in the stem leaves the reader guessing whose it is."""
    if STRANDED_ADVERB.search(stem):
        return "a stranded adverb: the clause was misparsed"
    rest = stem.split(None, 1)[1] if " " in stem else ""
    if pattern in {"date"} and not _ANCHOR.search(rest):
        return "no name, number or date says which event is meant"  # "When did the first steamer arrive?"
    if stem.startswith("How many ") and not _ANCHOR.search(stem.split(None, 2)[2]):
        return "no name, place or date says which count is meant"  # "How many large firms carried risks?"
    if CONTINUATION.search(stem):
        return "continuing presumes an earlier spell the question leaves out"
    if pattern not in {"subject", "relative"}:
        return None
    if pattern == "relative" and BACKGROUND_STATE_WHO.search(stem) and not re.search(r"\d", stem):
        return "a side clause's background state without a date links to no event of the article"
    if CONTEXT_VERB_WHO.search(stem):
        return "a reaction or continuation asked without what it answers or continues"
    if not _ANCHOR.search(rest):
        return "no name, number or date anchors the question"
    if STANCE_WHO.search(stem):
        return "asks who voiced a stance: an opinion many could hold, not one person's fact"
    if SHARED_RELATION_WHO.search(stem):
        return "a relation many people share does not pick out one person"
    words = re.findall(r"[\w’'-]+", rest)
    for index, word in enumerate(words):
        if word.casefold() in PERSON_REFERENCES and not any(w[:1].isupper() for w in words[:index]):
            return f'"{word}" has no antecedent inside the question'
    return None


#: Receiving a named honour: "awarded the George Medal", "won the Ardel Prize for Poetry".
AWARD = re.compile(
    r"\b(?:awarded|received|receives|receive|won|wins|win|given|presented with|earned|earns)\s+"
    r"(?:the\s+|a\s+|an\s+)?"
    r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|in|and|the)\s+)*[A-Z][\w’'-]*)*"
)
#: Words a question opens with, which anchor nothing.
_QUESTION_OPENING = re.compile(r"^(?:(?:Who|Whom|Whose|Which|What|When|Where|How|In|To|From|At|On|For)\b\s*)+")


def award_problem(stem: str) -> str | None:
    """A named award with nothing else to anchor it ("Who was awarded the George Medal?"): many people
    received it, so the question needs a year, a place or another name besides the award."""
    match = AWARD.search(stem)
    if match is None:
        return None
    rest = _QUESTION_OPENING.sub("", stem[: match.start()]) + " " + stem[match.end() :]
    if _ANCHOR.search(rest):
        return None
    return "a named award with no year, place or other name: many received it"


def unbound_pronoun(stem: str, people: Iterable[str]) -> str | None:
    """A his/her/him in a question that is not about "Who" and names no person before it ("In what year did
    the ministry name a language in her honour?"): the reader cannot tell whose."""
    words = re.findall(r"[\w’'-]+", stem)
    if words and words[0] in {"Who", "Whom", "Whose"}:
        return None  # subject_question_problem judges these
    named = {w for name in people for w in name.split() if w[:1].isupper()}
    for index, word in enumerate(words):
        if word.casefold() in PERSON_REFERENCES and not named & set(words[:index]):
            return f'"{word}" names no person of the question'
    return None


def truncates_name(stem: str, names: Iterable[str]) -> bool:
    """Whether the stem holds only the start of a longer name of its sentence ("the Museum of Old" of
    "Museum of Old and New Art")."""
    for name in names:
        head, sep, _tail = name.partition(" and ")
        if sep and " " in head and head in stem and name not in stem:
            return True
    return False


def is_near_duplicate(a: str, b: str, threshold: float = 85.0) -> bool:
    """Two stems asking the same thing in nearly the same words."""
    from rapidfuzz import fuzz

    # A long name both stems share ("the Hospital Municipal Irmã Celina Baptista") says they are about one
    # thing, not that they ask one thing: compare what is left ("How many beds ... have?" against
    # "How many operating theatres ... house?").
    shared = set(_NAME_WORD.findall(a[1:])) & set(_NAME_WORD.findall(b[1:]))
    if shared:
        a, b = (" ".join(w for w in s.split() if w.strip("?,.") not in shared) for s in (a, b))
    return fuzz.token_set_ratio(a, b) >= threshold


_NAME_WORD = re.compile(r"\b[A-Z][\w’'-]+")


#: The writer's judgement or hedging copied into a stem: a degree adverb before a describing word
#: ("rather tedious", "quite long") is filler from the source, never the fact being asked.
DEGREE_FILLER = re.compile(r"\b(?:rather|quite|somewhat|fairly|a little|a bit)\s+[a-z]+\b")
#: Evaluative or hedging words that mark a stem as the source sentence copied with a hole.
EVALUATIVE = re.compile(
    r"\b(?:tedious|boring|dull|lengthy|rambling|remarkabl[ey]|extraordinar(?:y|ily)|famous(?:ly)?|notorious(?:ly)?|"
    r"reportedly|allegedly|arguably|supposedly|apparently|surprisingly|unfortunately|sadly|happily|"
    r"widely (?:seen|regarded|considered|viewed|believed)|so-called)\b",
    re.I,
)
#: Above this many words a stem holding an evaluative word reads as a copied clause, not a question.
EVALUATIVE_MAX_WORDS = 14


def copied_clause_problem(stem: str) -> str | None:
    """A stem that keeps the source's evaluative filler ("nearing the end of a long and rather tedious
    press conference") is a copied sentence with a hole: the opinion words carry no fact to learn."""
    if DEGREE_FILLER.search(stem):
        return 'keeps the writer\'s degree filler ("rather ...")'
    if EVALUATIVE.search(stem) and len(_words(stem)) > EVALUATIVE_MAX_WORDS:
        return "a long stem keeping the writer's evaluative words"
    return None


#: Verbs of a place or company moving goods: "Setúbal moved 6.4 million tonnes" counts a flow, and a
#: flow has no size without the period it was measured over.
TRANSFER_VERBS = (
    r"(?:move|moved|handle|handled|ship|shipped|export|exported|import|imported|produce|produced|"
    r"process|processed|carry|carried|load|loaded)"
)
_PROPER_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"
_MEASURE_UNITS = (
    r"(?:tonnes|tons|barrels|containers|TEU|passengers|vehicles|cars|units|litres|liters|gallons|"
    r"kilograms|kilos|cubic metres|cubic meters|bags|crates|cargoes|shipments)"
)
UNTIMED_FLOW_QUESTION = re.compile(
    rf"^How (?:many|much)(?: {_MEASURE_UNITS})? (?:of \w+ )?did ({_PROPER_NAME}) {TRANSFER_VERBS}\b"
)
UNTIMED_FLOW_STATEMENT = re.compile(
    rf"^({_PROPER_NAME}) {TRANSFER_VERBS}\b(?: (?:about|roughly|around|some|nearly|almost|just over|just under))?"
    rf" (?:\{{answer\}}|[\d.,]+(?: (?:million|billion|thousand))?(?: {_MEASURE_UNITS})?)"
)
#: A time reference that says over which period a flow was counted.
FLOW_PERIOD = re.compile(
    rf"\b(?:1\d{{3}}|20\d{{2}})\b|\b(?:a|per|each|every|last|this) (?:year|month|week|day|quarter)\b"
    rf"|\b(?:{_CALENDAR_WORDS})\b|\bannually\b|\ba year\b",
    re.I,
)


def untimed_flow(stem: str) -> bool:
    """ "How many tonnes did Setúbal move?" / "Setúbal moved about 6.4 million tonnes.": a bare name as
    the agent of a transfer verb, counted with no period, is a fragment (how much, and when?)."""
    match = UNTIMED_FLOW_QUESTION.match(stem) or UNTIMED_FLOW_STATEMENT.match(stem)
    if match is None or match.group(1).split()[0] in {"The", "A", "An"}:
        return False
    return not FLOW_PERIOD.search(stem)
