"""Grading of typed answers: a table of what counts as right, plus item-level grading."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.deck.model import (
    ClozeCard,
    Deck,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    TrueFalseCard,
    TypedCard,
)
from quizapp.study.grading import (
    AGAIN,
    GOOD,
    HARD,
    diff_segments,
    grade_answer,
    grade_item,
    normalize,
    parse_date,
    parse_number,
    typo_budget,
)

OTHERS = ["Austria", "Australia", "Paris", "Marie Curie", "Pierre Curie", "Lyon", "Leon"]

# (given, expected answers, kind, other answers, correct, exact, reason)
CASES = [
    # case, accents, punctuation, spaces, articles
    ("paris", ["Paris"], "place", [], True, True, "exact"),
    ("PARIS", ["Paris"], "place", [], True, True, "exact"),
    ("  Paris  ", ["Paris"], "place", [], True, True, "exact"),
    ("Paris.", ["Paris"], "place", [], True, True, "exact"),
    ("Zurich", ["Zürich"], "place", [], True, True, "exact"),
    ("sao paulo", ["São Paulo"], "place", [], True, True, "exact"),
    ("Francois Hollande", ["François Hollande"], "person", [], True, True, "exact"),
    ("Jean Paul Sartre", ["Jean-Paul Sartre"], "person", [], True, True, "exact"),
    ("OBrien", ["O'Brien"], "person", [], True, True, "exact"),
    ("the Louvre", ["Louvre"], "place", [], True, True, "exact"),
    ("Louvre", ["The Louvre"], "place", [], True, True, "exact"),
    ("a treaty", ["Treaty"], "other", [], True, True, "exact"),
    ("an apple", ["apple"], "other", [], True, True, "exact"),
    ("United States", ["the United States"], "place", [], True, True, "exact"),
    ("AT&T", ["AT and T"], "organization", [], True, True, "exact"),
    # aliases
    ("USA", ["United States", "USA", "US"], "place", [], True, True, "accepted alias"),
    ("u.s.", ["United States", "USA", "US"], "place", [], True, True, "accepted alias"),
    ("UN", ["United Nations", "UN"], "organization", [], True, True, "accepted alias"),
    # typos, length-aware
    ("Pariss", ["Paris"], "place", [], True, False, "typo accepted"),
    ("Marie Curry", ["Marie Curie"], "person", [], True, False, "typo accepted"),
    ("Shakespear", ["Shakespeare"], "person", [], True, False, "typo accepted"),
    ("Shakspear", ["Shakespeare"], "person", [], True, False, "typo accepted"),
    ("Constantinopel", ["Constantinople"], "place", [], True, False, "typo accepted"),
    ("Rom", ["Rome"], "place", [], True, False, "typo accepted"),
    ("Ro", ["Rome"], "place", [], False, False, "wrong"),
    ("UM", ["UN"], "organization", [], False, False, "wrong"),
    ("Lyonn", ["Lyon"], "place", [], True, False, "typo accepted"),
    ("Shkspr", ["Shakespeare"], "person", [], False, False, "wrong"),
    ("Berlin", ["Paris"], "place", [], False, False, "wrong"),
    # a typo never lands on, or closer to, another answer of the deck
    ("Austria", ["Australia"], "place", OTHERS, False, False, "wrong"),
    ("Ausstralia", ["Australia"], "place", OTHERS, True, False, "typo accepted"),
    ("Austrlia", ["Australia"], "place", OTHERS, False, False, "wrong"),  # as close to "Austria": ambiguous
    ("Pierre Curie", ["Marie Curie"], "person", OTHERS, False, False, "wrong"),
    ("Pierre Curi", ["Marie Curie"], "person", OTHERS, False, False, "wrong"),
    ("Leon", ["Lyon"], "place", OTHERS, False, False, "wrong"),
    ("Lean", ["Lyon"], "place", OTHERS, False, False, "wrong"),
    # dates in equivalent forms and at the expected precision
    ("19 March 2024", ["2024-03-19"], "date", [], True, True, "equivalent date"),
    ("March 19th, 2024", ["2024-03-19"], "date", [], True, True, "equivalent date"),
    ("2024-03-19", ["19 March 2024"], "date", [], True, True, "equivalent date"),
    ("the 19th of March 2024", ["2024-03-19"], "date", [], True, True, "equivalent date"),
    ("November 2023", ["2023-11"], "date", [], True, True, "equivalent date"),
    ("Nov. 2023", ["2023-11"], "date", [], True, True, "equivalent date"),
    ("5 November 2023", ["2023-11"], "date", [], True, True, "equivalent date"),
    ("2023", ["2023-11-05"], "date", [], False, False, "wrong"),
    ("20 March 2024", ["2024-03-19"], "date", [], False, False, "wrong"),
    ("1946", ["1945"], "date", [], False, False, "wrong"),
    # a day asked without its year: the year a student adds is more than the card asks
    ("June 25, 1968", ["June 25"], "date", [], True, True, "equivalent date"),
    ("25 June 1968", ["June 25"], "date", [], True, True, "equivalent date"),
    ("June 26, 1968", ["June 25"], "date", [], False, False, "wrong"),
    ("June 25, 1969", ["June 25, 1968"], "date", [], False, False, "wrong"),
    # a season with or without "of", autumn or fall
    ("autumn 2017", ["fall of 2017"], "date", [], True, True, "equivalent date"),
    ("summer 1959", ["summer of 1959"], "date", [], True, True, "equivalent date"),
    ("winter 1959", ["summer of 1959"], "date", [], False, False, "wrong"),
    # an era marker: AD and CE are the default, BCE is BC; the other era is another year
    ("AD 126", ["126"], "date", [], True, True, "equivalent date"),
    ("44 BCE", ["44 BC"], "date", [], True, True, "equivalent date"),
    ("126 BC", ["126"], "date", [], False, False, "wrong"),
    # "bn", "mn", "tn" are scales without a currency sign too
    ("4.3 bn dollars", ["$4.3 billion"], "number", [], True, True, "same amount"),
    # a country by another name the bundled reference knows
    ("USA", ["United States"], "place", [], True, True, "another name of the country"),
    ("the U.S.", ["United States"], "place", [], True, True, "another name of the country"),
    ("UK", ["United States"], "place", [], False, False, "wrong"),
    # a name with its title, its Jr. or its legal form, or without them; never without a regnal number
    ("President Obama", ["Barack Obama", "Obama"], "person", [], True, True, "same name"),
    ("Martin Luther King", ["Martin Luther King Jr."], "person", [], True, True, "same name"),
    ("Henry VIII", ["King Henry VIII"], "person", [], True, True, "same name"),
    ("Henry", ["King Henry VIII"], "person", [], False, False, "wrong"),
    ("Microsoft", ["Microsoft Corp."], "organization", [], True, True, "same name"),
    ("President Bush", ["Barack Obama", "Obama"], "person", [], False, False, "wrong"),
    # a month asked alone: with its year, or abbreviated
    ("October 2014", ["October"], "date", [], True, True, "equivalent date"),
    ("Oct.", ["October"], "date", [], True, True, "equivalent date"),
    ("November 2014", ["October"], "date", [], False, False, "wrong"),
    # fractions in words or figures; a number written with its unit by a hyphen
    ("2/3", ["two-thirds"], "number", [], True, True, "equivalent number"),
    ("three quarters", ["three-fourths"], "number", [], True, True, "equivalent number"),
    ("1/3", ["two-thirds"], "number", [], False, False, "wrong"),
    ("10", ["10-meters"], "number", [], True, True, "same amount"),
    ("ten metres", ["10-meters"], "number", [], True, True, "same amount"),
    ("March 2024", ["2024-03-19"], "date", [], False, False, "wrong"),
    # numbers in equivalent forms; no typo tolerance on digits
    ("3,800", ["3800"], "number", [], True, True, "equivalent number"),
    ("3800", ["3,800"], "number", [], True, True, "equivalent number"),
    ("three thousand eight hundred", ["3800"], "number", [], True, True, "equivalent number"),
    ("3.8 thousand", ["3800"], "number", [], True, True, "equivalent number"),
    ("2.5 million", ["2,500,000"], "number", [], True, True, "equivalent number"),
    ("forty-two", ["42"], "number", [], True, True, "equivalent number"),
    ("3801", ["3800"], "number", [], False, False, "wrong"),
    ("3,900", ["3,800"], "number", [], False, False, "wrong"),
    ("eight hundred", ["3800"], "number", [], False, False, "wrong"),
    ("3 thousands", ["3 thousand"], "number", [], True, True, "equivalent number"),
    # a scale or a month a letter or two off is another value, not a typo
    ("3 billion", ["3 million"], "number", [], False, False, "wrong"),
    ("$163 billion", ["$163 million"], "number", [], False, False, "wrong"),
    ("July 2000", ["June 2000"], "date", [], False, False, "wrong"),
    ("July 20, 2000", ["June 20, 2000"], "date", [], False, False, "wrong"),
    ("Jnue 20, 2000", ["June 20, 2000"], "date", [], True, False, "typo accepted"),
    ("500 dolars", ["500 dollars"], "number", [], True, False, "typo accepted"),
    # "a thousand", a hedged expected amount, a price per unit
    ("1,000", ["a thousand"], "number", [], True, True, "equivalent number"),
    ("26", ["only about 26 square kilometres"], "number", [], True, True, "same amount"),
    ("27", ["only about 26 square kilometres"], "number", [], False, False, "wrong"),
    ("59", ["$59 a barrel"], "number", [], True, True, "same amount"),
    ("59 dollars a barrel", ["$59 a barrel"], "number", [], True, True, "same amount"),
    ("$59 a gallon", ["$59 a barrel"], "number", [], False, False, "wrong"),
    # ordinals in words or figures, "Saint" or "St."
    ("fifth century", ["5th century"], "date", [], True, True, "exact"),
    ("twenty-first century", ["21st century"], "date", [], True, True, "exact"),
    ("sixth century", ["5th century"], "date", [], False, False, "wrong"),
    ("Saint Louis", ["St. Louis"], "place", [], True, True, "exact"),
    # decades in figures or words; another decade, or a time span dateparser reads as "now", is wrong
    ("the sixties", ["1960s"], "date", [], True, True, "equivalent date"),
    ("'60s", ["1960s"], "date", [], True, True, "equivalent date"),
    ("1960s", ["60s"], "date", [], True, True, "equivalent date"),
    ("the late 1960s", ["1960s"], "date", [], True, True, "equivalent date"),
    ("1970s", ["1960s"], "date", [], False, False, "wrong"),
    ("1970s", ["60s"], "date", [], False, False, "wrong"),
    ("5 minutes", ["1960s"], "date", [], False, False, "wrong"),
    ("early 1960s", ["late 1960s"], "date", [], False, False, "wrong"),
    # a person surname first or with initials, an organization by its initials
    ("Nkrumah, Kwame", ["Kwame Nkrumah"], "person", [], True, True, "same name"),
    ("K. Nkrumah", ["Kwame Nkrumah"], "person", [], True, True, "same name"),
    ("Martin L. King", ["Martin Luther King"], "person", [], True, True, "same name"),
    ("J. Nkrumah", ["Kwame Nkrumah"], "person", [], False, False, "wrong"),
    ("Kwame", ["Kwame Nkrumah"], "person", [], False, False, "wrong"),
    ("U.N.", ["United Nations"], "organization", [], True, True, "same name"),
    ("WHO", ["World Health Organization"], "organization", [], True, True, "same name"),
    ("UK", ["United Nations"], "organization", [], False, False, "wrong"),
    # the sentence's preposition typed along with the blank
    ("in Paris", ["Paris"], "place", [], True, True, "exact"),
    ("by the UN", ["United Nations"], "organization", [], True, True, "same name"),
    ("in Lyon", ["Paris"], "place", [], False, False, "wrong"),
    ("Of Mice and Men", ["Of Mice and Men"], "other", [], True, True, "exact"),
    # a regnal number is never a typo's to change
    ("Richard II", ["Richard III"], "person", [], False, False, "wrong"),
    ("Richrd III", ["Richard III"], "person", [], True, False, "typo accepted"),
    # a range of days: both ends count
    ("February 11-14", ["Feb. 11-14"], "date", [], True, True, "equivalent date"),
    ("Feb. 11-15", ["Feb. 11-14"], "date", [], False, False, "wrong"),
    # percentages and newspaper money scales in their usual spellings
    ("34%", ["34 per cent"], "number", [], True, True, "same amount"),
    ("34 pct", ["34 percent"], "number", [], True, True, "same amount"),
    ("34 per cent", ["34%"], "number", [], True, True, "same amount"),
    ("35%", ["34 per cent"], "number", [], False, False, "wrong"),
    ("$163m", ["$163 million"], "number", [], True, True, "same amount"),
    ("£2.5bn", ["£2.5 billion"], "number", [], True, True, "same amount"),
    ("$40k", ["$40,000"], "number", [], True, True, "same amount"),
    ("5m", ["5 metres"], "number", [], True, True, "same amount"),  # without a currency, m is a metre
    # nothing typed
    ("", ["Paris"], "place", [], False, False, "no answer"),
    ("   ", ["Paris"], "place", [], False, False, "no answer"),
    ("the", ["Paris"], "place", [], False, False, "wrong"),
]


@pytest.mark.parametrize(("given", "expected", "kind", "others", "correct", "exact", "reason"), CASES)
def test_grade_answer_table(given, expected, kind, others, correct, exact, reason):
    grade = grade_answer(given, expected, kind=kind, other_answers=others)
    assert (grade.correct, grade.exact) == (correct, exact), grade
    if reason == "wrong":
        assert not grade.correct
    else:
        assert grade.reason == reason
    assert grade.expected == expected[0]
    assert grade.given == given


def test_table_has_at_least_forty_cases():
    assert len(CASES) >= 40


def test_suggested_ratings_follow_the_verdict():
    assert grade_answer("Paris", ["Paris"]).suggested_rating == GOOD
    assert grade_answer("Pariss", ["Paris"]).suggested_rating == HARD
    assert grade_answer("Rome", ["Paris"]).suggested_rating == AGAIN


def test_a_typo_reports_which_answer_it_matched():
    grade = grade_answer("Untied Nations", ["UN", "United Nations"])
    assert grade.correct and grade.matched == "United Nations"


def test_rejection_near_another_answer_names_it():
    grade = grade_answer("Ostvig", ["Ostvik"], other_answers=["Ostvig"])
    assert not grade.correct and "Ostvig" in grade.reason


def test_a_typo_never_makes_another_country():
    # "Austria" is two letters from "Australia", and a country of its own, in the deck or not
    assert not grade_answer("Austria", ["Australia"], kind="place").correct
    assert not grade_answer("Iran", ["Iraq"], kind="place").correct
    assert grade_answer("Austrlia", ["Australia"], kind="place").reason == "typo accepted"


def test_typo_budget_grows_with_length():
    assert [typo_budget(n) for n in (1, 3, 4, 6, 7, 12, 13, 40)] == [0, 0, 1, 1, 2, 2, 3, 3]


def test_normalize():
    assert normalize("  The Élysée   Palace! ") == "elysee palace"
    assert normalize("The") == "the"  # a lone article is the answer itself


def test_parse_date_granularity():
    assert parse_date("2023-11") is not None and parse_date("2023-11")[1] == 1
    assert parse_date("1945")[1] == 0
    assert parse_date("19 March 2024")[1] == 2
    assert parse_date("yesterday") is None  # relative words are not answers


def test_parse_number_rejects_words_that_are_not_numbers():
    assert parse_number("Paris") is None
    assert parse_number("12 apostles") is None
    assert parse_number("1,234.5") == 1234.5


def test_expected_must_not_be_empty():
    with pytest.raises(ValueError):
        grade_answer("x", [])


def test_diff_segments_mark_the_difference():
    segments = diff_segments("Pariss", "Paris")
    assert ("equal", "Paris") in segments
    assert ("delete", "s") in segments
    assert "".join(text for tag, text in segments if tag != "insert") == "Pariss"
    segments = diff_segments("Pars", "Paris")
    assert ("insert", "i") in segments
    assert diff_segments("Paris", "Paris") == [("equal", "Paris")]


# --- grading items of each card type ----------------------------------------------------------------


@pytest.fixture()
def deck() -> Deck:
    return Deck(
        title="Grading",
        cards=[
            TypedCard(
                id="capital",
                question="Which city is the capital of Australia?",
                answer="Canberra",
                accept=["Canberra ACT"],
                provenance=Provenance(fact=FactRef(kind="place", aliases=["Canberra City"])),
            ),
            TypedCard(id="country", question="Which country has Vienna as capital?", answer="Austria"),
            TypedCard(id="continent", question="Which continent is also a country?", answer="Australia"),
            ClozeCard(
                id="moon",
                text="Apollo 11 landed on the Moon on {{c1::20 July 1969}} with {{c2::Neil Armstrong}}.",
                provenance=Provenance(fact=FactRef(kind="date")),
            ),
            MultipleChoiceCard(
                id="mc", question="Largest planet?", answer="Jupiter", choices=["Mars", "Jupiter", "Venus"]
            ),
            TrueFalseCard(id="tf", statement="Water boils at 100 °C at sea level.", answer=True),
            Flashcard(id="fc", front="Front", back="Back"),
        ],
    )


def _item(deck: Deck, item_id: str):
    return next(item for item in deck.study_items() if item.item_id == item_id)


def test_typed_item_accepts_accept_list_and_fact_aliases(deck):
    item = _item(deck, "capital")
    assert grade_item(item, "canberra act", deck).correct
    assert grade_item(item, "Canberra City", deck).correct
    assert grade_item(item, "Canbera", deck).reason == "typo accepted"
    assert not grade_item(item, "Sydney", deck).correct


def test_typed_item_rejects_a_typo_that_is_another_deck_answer(deck):
    assert not grade_item(_item(deck, "continent"), "Austria", deck).correct
    assert not grade_item(_item(deck, "country"), "Australia", deck).correct


def test_cloze_items_are_graded_per_deletion(deck):
    assert grade_item(_item(deck, "moon::c1"), "1969-07-20", deck).reason == "equivalent date"
    assert grade_item(_item(deck, "moon::c2"), "neil armstrong", deck).correct
    assert not grade_item(_item(deck, "moon::c2"), "Buzz Aldrin", deck).correct


def test_multiple_choice_true_false_and_flashcard(deck):
    assert grade_item(_item(deck, "mc"), "Jupiter", deck).correct
    assert not grade_item(_item(deck, "mc"), "Mars", deck).correct
    assert not grade_item(_item(deck, "mc"), "Jupitr", deck).correct  # choices are picked, not typed
    assert grade_item(_item(deck, "tf"), True, deck).correct
    assert grade_item(_item(deck, "tf"), "t", deck).correct
    assert not grade_item(_item(deck, "tf"), False, deck).correct
    assert grade_item(_item(deck, "fc"), None, deck) is None


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_answer_typed_as_is_is_right(answer):
    if not normalize(answer):
        return  # nothing gradable (only punctuation or spaces)
    grade = grade_answer(answer, [answer])
    assert grade.correct and grade.exact
    assert normalize(normalize(answer)) == normalize(answer)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghij", min_size=1, max_size=20), st.text(alphabet="abcdefghij", min_size=1, max_size=20))
def test_an_answer_of_the_deck_is_never_accepted_as_a_typo_of_another(expected, other):
    if normalize(expected) == normalize(other):
        return
    assert not grade_answer(other, [expected], other_answers=[other]).correct


def test_normalizing_twice_changes_nothing_even_with_two_leading_articles():
    assert normalize("A:A:0") == normalize(normalize("A:A:0")) == "0"
    assert grade_answer("a a 0", ["A:A:0"]).correct


def test_every_name_of_the_fact_is_an_exact_answer_not_a_typo():
    # The article says "Ri Il Kyu"; the fact's cluster is named "Ri Il-gyu" (what `quizapp facts` lists).
    fact = FactRef(kind="person", canonical="Ri Il-gyu", aliases=["Ri Il Kyu", "Ri"])
    cloze = ClozeCard(id="ri", text="{{c1::Ri Il Kyu}} was a diplomat in Havana.", provenance=Provenance(fact=fact))
    typed = TypedCard(
        id="who",
        question="Who defected?",
        answer="Ri Il Kyu",
        provenance=Provenance(fact=FactRef(kind="person", canonical="Ri Il-gyu")),
    )
    deck = Deck(title="Defectors", cards=[cloze, typed])
    for item_id in ("ri::c1", "who"):
        grade = grade_item(_item(deck, item_id), "Ri Il-gyu", deck)
        verdict = (grade.correct, grade.exact, grade.reason, grade.suggested_rating)
        assert verdict == (True, True, "accepted alias", GOOD)
    assert grade_item(_item(deck, "ri::c1"), "Ri", deck).exact


@pytest.mark.parametrize(
    ("given", "correct"),
    [
        ("500 dollars", True),  # the rate left out
        ("$500", True),
        ("500 dollars per month", True),
        ("$500/month", True),
        ("500 dollars monthly", True),
        ("five hundred dollars a month", True),
        ("500", True),
        ("500 euros", False),  # another unit
        ("500 dollars a year", False),  # another rate
        ("600 dollars", False),
        ("50 dollars", False),
    ],
)
def test_an_amount_counts_with_or_without_its_unit_and_rate_but_not_with_other_ones(given, correct):
    card = TypedCard(
        id="salary",
        question="How much was his salary?",
        answer="500 dollars a month",
        provenance=Provenance(fact=FactRef(kind="number", canonical="500", value="500")),
    )
    deck = Deck(title="Pay", cards=[card])
    grade = grade_item(_item(deck, "salary"), given, deck)
    assert grade.correct is correct, grade.reason
    if correct:
        assert grade.suggested_rating == GOOD


def test_units_compare_in_any_common_form():
    assert grade_answer("7 kg", ["7 kilograms"], kind="number").correct
    assert grade_answer("3.8 million people", ["3,800,000 people"], kind="number").correct
    assert not grade_answer("7 pounds", ["7 kilograms"], kind="number").correct


def test_the_answer_is_shown_back_as_typed():
    assert grade_answer("in Paris", ["Paris"], kind="place").given == "in Paris"
