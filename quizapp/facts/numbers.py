"""Numbers with the noun they count: "3,800 cigars", "500 dollars a month", "52-year-old", "193rd country"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.facts.model import NumberGranularity
from quizapp.vocabulary import FRACTION_DENOMINATORS, NUMBER_HEDGE_PATTERN, SPELLED_NUMBER_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_SCALES = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "tn": 1_000_000_000_000,
}
#: The scales written as words ("a million"), without the abbreviations ("m", "bn").
_MAGNITUDE_WORDS = frozenset({"hundred", *(word for word in _SCALES if len(word) > 2)})
_RATE = re.compile(
    r"^\s*(?:a|an|per|each|every)\s+(year|month|week|day|hour|minute|person|head|piece|ton|kilogram|kilo|barrel)\b",
    re.I,
)
_AGE = re.compile(r"^(?P<n>\w+)[- ]years?[- ]old$", re.I)
_ORDINAL = re.compile(r"^(\d[\d,]*)(?:st|nd|rd|th)$", re.I)
_ORDINAL_WORDS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


_QUALIFIER = re.compile(
    r"^(?:the|for|over|past|last|next|first|coming|previous|following|nearly|almost|about|around|some|"
    r"more than|less than|at least|up to|only|just|roughly|approximately)\s+",
    re.I,
)
#: Words after an amount that still make it money, besides the currencies themselves.
_MONEY_WORDS = {"cents", "cent", "pence", "penny", "bucks", "crore", "crores", "lakh", "lakhs", "apiece", "each"}
CURRENCY_NOUNS = {
    "dollars",
    "dollar",
    "euros",
    "euro",
    "pounds",
    "yen",
    "won",
    "pesos",
    "yuan",
    "rubles",
    "roubles",
    "francs",
    "rupees",
    "reais",
    "rand",
    "kronor",
    "kroner",
    "krona",
    "krone",
    "lira",
    "rupiah",
    "ringgit",
    "baht",
    "shekels",
    "zlotys",
}
_NOT_UNITS = {"others", "ones", "times", "of", "percent of"}


@dataclass
class NumberFact:
    start: int
    end: int
    value: str
    unit: str | None
    granularity: NumberGranularity


def parse_amount(text: str) -> float | None:
    """'3,800' → 3800, 'three' → 3, '150 million' → 150000000, '2.5' → 2.5."""
    cleaned = text.lower().replace(",", "").replace("-", " ").strip()
    cleaned = re.sub(rf"^(?:{NUMBER_HEDGE_PATTERN})\s+", "", cleaned)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|k|m|mn|bn|tn))?", cleaned)
    if match:
        return float(match.group(1)) * _SCALES.get(match.group(2) or "", 1)
    half = re.fullmatch(r"half an? (thousand|million|billion|trillion)", cleaned)
    if half:  # word2number reads "half a million" as a million
        return 0.5 * _SCALES[half.group(1)]
    try:
        from word2number import w2n

        return float(w2n.word_to_num(cleaned))
    except (ValueError, IndexError, KeyError):
        return None


def format_amount(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _noun_phrase_after(tokens: list[Token]) -> str | None:
    """The counted noun: compounds and adjectives up to the head noun ('travel bags')."""
    words: list[str] = []
    for token in tokens:
        # A participle describing the noun counts as an adjective ("19 suspected cholera cases").
        describing = token.pos_ == "ADJ" or (token.tag_ in {"VBN", "VBG"} and token.dep_ == "amod")
        if token.pos_ in {"NOUN", "PROPN"} or (describing and not words):
            words.append(token.text)
            if token.pos_ == "NOUN" and (token.dep_ not in {"compound", "amod"}):
                break
        else:
            break
    if not words or not any(t.pos_ == "NOUN" for t in tokens[: len(words)]):
        return None
    return " ".join(words)


_SPELLED_NUMBER_WORDS = SPELLED_NUMBER_WORDS | {"and", "a", "an", "half"}


def _longest_word_amount(text: str) -> tuple[float | None, str | None]:
    """A number written in words and its unit: the longest leading run of words that reads as a number
    ("thirty-five tons" -> 35, "tons"; "one hundred percent" -> 100, "percent")."""
    cuts = [m.start() for m in re.finditer(r"[ -]", text)] + [len(text)]
    for cut in reversed(cuts):
        words = re.split(r"[ -]+", _QUALIFIER.sub("", text[:cut]).lower())
        if not all(word in _SPELLED_NUMBER_WORDS for word in words):
            continue  # word2number reads past the number ("thirty five tons" is 35 to it)
        amount = parse_amount(text[:cut])
        if amount is not None:
            return amount, text[cut + 1 :].strip() or None
    return None, None


def _fraction_of(amount: float, unit: str | None, after: list[Token]) -> tuple[str, str] | None:
    """A fraction in words ("two-thirds majority", "one-third of visitors") as its value and what it is of:
    ("2/3", "majority"), ("1/3", "of visitors"); the denominator was read as the unit ("2 thirds") before."""
    words = (unit or "").split()
    if not words or words[0].lower() not in FRACTION_DENOMINATORS or amount != int(amount):
        return None
    value = f"{int(amount)}/{FRACTION_DENOMINATORS[words[0].lower()]}"
    rest = " ".join(words[1:])
    if not rest and after and after[0].lower_ == "of":
        counted = _noun_phrase_after([t for t in after[1:] if t.pos_ != "DET"])
        rest = f"of {counted}" if counted else ""
    return value, rest or _noun_phrase_after(after) or "fraction"


#: Units written with a capital all the same.
_CAPITAL_UNITS = frozenset({"celsius", "fahrenheit", "kelvin", "richter"})


def _titled(unit: str) -> bool:
    """ "Night", "Seven Wonders": every word of the unit capitalised like a name, and no currency or scale."""
    words = unit.split()
    return all(w[:1].isupper() and w[1:].islower() for w in words) and not any(
        w.casefold() in CURRENCY_NOUNS or w.casefold() in _CAPITAL_UNITS for w in words
    )


#: Two or more words, each capitalized: a title or a name, whatever numbers its words spell.
_TITLE_WORDS = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


def number_from_entity(ent: Span, doc_text: str) -> NumberFact | None:
    """A number fact from a CARDINAL/MONEY/QUANTITY/PERCENT/ORDINAL (or duration/age DATE/TIME) entity."""
    doc = ent.doc
    label = ent.label_
    span_start, span_end, end_token = ent.start_char, ent.end_char, ent.end
    if label == "MONEY":
        # The tokenizer splits "£90m" into "£" "90" "m" and the entity may hold only "90".
        while span_start > 0 and doc_text[span_start - 1] in "$€£¥₩":
            span_start -= 1
        if doc_text[span_start - 2 : span_start] == "US":
            span_start -= 2
        suffix = re.match(r"(?:m|mn|bn|k|tn)\b", doc_text[span_end : span_end + 3])
        if suffix:
            span_end += suffix.end()
            while end_token < len(doc) and doc[end_token].idx < span_end:
                end_token += 1
    if doc_text[span_start:span_end].strip().lower() in _MAGNITUDE_WORDS:
        # "a million units": the model leaves out the "a", and a blank on "million" alone reads "a ___ units".
        article = re.search(r"\ban? $", doc_text[max(0, span_start - 3) : span_start], re.I)
        if article:
            span_start -= len(article.group(0))
    text = doc_text[span_start:span_end].strip()
    if _TITLE_WORDS.fullmatch(text) and not any(ch.isdigit() for ch in text):
        return None  # "Million Dollar Baby", "Seven Samurai": a title written in words, not an amount
    after = list(doc[end_token : min(len(doc), end_token + 4)])

    age = _AGE.match(text)
    if age:
        amount = parse_amount(age.group("n"))
        if amount is None:
            return None
        return NumberFact(ent.start_char, ent.end_char, format_amount(amount), "years old", "age")

    if label == "ORDINAL":
        match = _ORDINAL.match(text)
        amount = float(match.group(1).replace(",", "")) if match else _ORDINAL_WORDS.get(text.lower())
        noun = _noun_phrase_after(after)
        if amount is None or noun is None:
            return None
        return NumberFact(ent.start_char, ent.end_char, format_amount(amount), noun, "ordinal")

    if label == "PERCENT" or re.search(r"(?i)\d\s*(?:%|percent|per\s?cent)$", text):  # "34 per cent" read as MONEY
        amount = parse_amount(re.sub(r"\s*(?:%|percent|per cent)$", "", text, flags=re.I))
        if amount is None:
            return None
        return NumberFact(ent.start_char, ent.end_char, format_amount(amount), "percent", "percent")

    # Qualifiers say how the amount is framed, not what it is: "the past three years" → "three years".
    while True:
        shorter = _QUALIFIER.sub("", text)
        if shorter == text or not shorter:
            break
        text = shorter
    # Split "500 dollars", "seven kilograms", "three days" into amount and unit.
    match = re.match(
        rf"^(?P<amount>(?:(?:{NUMBER_HEDGE_PATTERN}) )?"
        r"[\d,.]+(?: (?:thousand|million|billion|trillion))?|[a-z -]+?)(?:[ -](?P<unit>[A-Za-z][A-Za-z ]*))?$",
        text,
        re.I,
    )
    currency = re.match(
        r"^(?P<symbol>US\$|\$|€|£|¥|₩)\s?(?P<amount>[\d,.]+(?:\s?(?:thousand|million|billion|trillion|k|m|mn|bn|tn))?)$",
        text,
    )
    unit: str | None = None
    if currency:
        amount = parse_amount(currency.group("amount"))
        unit = {"US$": "US dollars", "$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₩": "won"}[
            currency.group("symbol")
        ]
    elif match:
        amount = parse_amount(match.group("amount"))
        unit = match.group("unit")
        if not match.group("amount")[:1].isdigit():
            amount, unit = _longest_word_amount(text)  # "thirty-five tons" is 35 tons, not 30 "five tons"
        elif amount is None and unit:  # "one hundred percent" style: try the whole text
            amount, unit = parse_amount(text), None
    else:
        return None
    if amount is None:
        return None
    fraction = _fraction_of(amount, unit, after)
    if fraction is not None:
        return NumberFact(span_start, span_end, fraction[0], fraction[1], "decimal")
    if unit is None:
        unit = _noun_phrase_after(after)
    if unit is None or not re.search(r"[A-Za-z]{2}", unit) or unit.lower() in _NOT_UNITS:
        return None  # a bare number ("one of four", "the three others") says nothing worth asking
    first = unit.split()[0]
    if first.casefold() in CURRENCY_NOUNS and any(
        t.pos_ == "VERB" and t.text == first for t in doc[ent.start : end_token + 1]
    ):
        return None  # "Burnout 3 won three awards": the verb "won" read as Korea's currency
    if _titled(unit) and (label in {"DATE", "TIME"} or not unit.endswith("s")):
        # "will sing One Night", "Catch 22": a title or a name, not an amount of anything. A plural may be a count
        # of named things ("three Oscars"), but never a duration ("One Night" read as a time).
        return None
    rate = _RATE.match(doc_text[span_end : span_end + 30])
    end = span_end
    if rate and label == "MONEY":
        unit = f"{unit} a {rate.group(1)}"
        end = span_end + rate.end()
    # "weigh 200 pounds": a pound the model calls a quantity is a weight, not a sum of money.
    weight = unit.split()[-1].lower() in {"pound", "pounds"} and label == "QUANTITY"
    if unit and unit.split()[-1].lower() in CURRENCY_NOUNS and not weight:
        label = "MONEY"  # "412 million reais": the model calls a sum in a less common currency a cardinal
    elif (
        label == "MONEY"
        and not currency
        and unit.islower()
        and not any(w in CURRENCY_NOUNS or w in _MONEY_WORDS for w in unit.split())
    ):
        label = "CARDINAL"  # "68,986 migrants": no currency in sight, whatever the model's label
    granularity: NumberGranularity = (
        "money"
        if label == "MONEY"
        else ("duration" if label in {"DATE", "TIME"} else ("decimal" if amount != int(amount) else "integer"))
    )
    return NumberFact(span_start, end, format_amount(amount), unit, granularity)


def numbers_outside_entities(doc: Doc, doc_text: str) -> list[NumberFact]:
    """Numbers spaCy's NER missed ("each crew would earn 900 euros a month"): a numeral before a noun."""
    from spacy.tokens import Span

    found: list[NumberFact] = []
    index = 0
    while index < len(doc):
        token = doc[index]
        if token.ent_type_ or not token.like_num or token.pos_ != "NUM":
            index += 1
            continue
        end = index + 1
        while end < len(doc) and doc[end].like_num and not doc[end].ent_type_:
            end += 1
        following = doc[end] if end < len(doc) else None
        label = "MONEY" if following is not None and following.lower_ in CURRENCY_NOUNS else "CARDINAL"
        stop = end + 1 if label == "MONEY" else end
        number = number_from_entity(Span(doc, index, stop, label=label), doc_text)
        if number is not None:
            found.append(number)
        index = stop
    return found
