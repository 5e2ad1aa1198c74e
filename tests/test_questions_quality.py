"""The judge's failure classes, each on small original sentences: article subjects, metonymy,
true/false swaps, distractor plausibility, time references, ambiguous possessives, give-aways
and worth."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

import pytest

from quizapp.questions import distractors as dist
from quizapp.questions.quality import copies_source
from quizapp.questions.subject import Subjects
from quizapp.questions.time_refs import resolve_time_refs

pytest.importorskip("spacy")


@pytest.fixture(scope="session")
def nlp():
    from quizapp.facts.nlp import load_nlp

    return load_nlp()


def _read(tmp_path, text: str, date: dt.date | None = None, name: str = "story.txt"):
    from quizapp.ingest import read_articles

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_articles([str(path)], date)


def _candidates(tmp_path, text: str, date: dt.date | None = None):
    """The reviewed candidates of one article, as the generator would rank them."""
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.questions import generate as gen

    articles = _read(tmp_path, text, date)
    pairs = extract_facts_with_docs(articles)
    pool = gen._pool([facts for facts, _doc in pairs])
    facts, doc = pairs[0]
    return gen.wh_candidates(articles, pairs), pool


def _review(tmp_path, text: str):
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.questions import generate as gen
    from quizapp.questions.quality import ArticleReview

    articles = _read(tmp_path, text)
    pairs = extract_facts_with_docs(articles)
    facts, doc = pairs[0]
    return ArticleReview.build(articles[0], facts, doc, gen._pool([facts]))


# ---------------------------------------------------------------- 1. the article's own subject

PROFILE = """Former Norland skipper crossed the ocean alone

Olaf Brandt, a retired Norland skipper, crossed the Atlantic alone in 2019.

Brandt left Valmora in May and reached Port Alder after 41 days at sea.

In 2021 Brandt received the Blue Pennant from the Norland Sailing Club.

Brandt wrote a book about the voyage, and Helena Marsk published it in 2022.
"""


def test_the_profiled_person_is_never_an_answer_but_may_be_in_stems(nlp, tmp_path):
    candidates, _ = _candidates(tmp_path, PROFILE)
    assert candidates, "the article has other facts to ask about"
    assert all(c.answer != "Olaf Brandt" for c in candidates)
    assert any("Olaf Brandt" in c.question for c in candidates)


def _subjects(tmp_path, text: str):
    """The subjects ``subject.py`` finds in an article of ``text``."""
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.questions.subject import article_subjects

    articles = _read(tmp_path, text)
    ((facts, doc),) = extract_facts_with_docs(articles)
    return article_subjects(articles[0], facts, doc)


def test_a_tag_line_names_the_subject_of_a_compilation(nlp, tmp_path):
    text = (
        "Tag: Chile\n\nCopper price rises\n\nChile sold more copper to Japan in 2023 than in any year before.\n\n"
        "Harbour reopens\n\nThe port of Antofagasta in Chile reopened after repairs, officials in Peru said.\n"
    )
    subjects = _subjects(tmp_path, text)
    assert subjects.covers("Chile") and not subjects.covers("Japan")


def test_a_fuller_form_of_a_subject_name_is_the_subject_too():
    # The extraction kept the lead's "James Dalton Trumbo" apart from the title's "Dalton Trumbo" (and "George
    # Edward Moore" from "G. E. Moore", "Charles Henry Alston" from "Charles Alston"): "[_____] was an American
    # screenwriter." blanked the article's own subject.
    subjects = Subjects(frozenset({"edvard lindqvist", "lindqvist", "h j brun"}))
    assert subjects.covers_person("Marten Edvard Lindqvist")  # a given name more
    assert subjects.covers_person("Harald Jon Brun")  # the initials written out
    assert subjects.covers_person("Edvard Olav Lindqvist")  # a middle name more
    assert not subjects.covers_person("Edvard Olav Lindqvist Jr.")  # a son with a middle name of his own
    assert not subjects.covers_person("Jacob Lindqvist")  # a relative: another given name
    assert not subjects.covers_person("Harald Brun")  # an initial missing
    assert subjects.covers_person("Marten Edvard Lindqvist Jr.")  # a given name more, and the son of his father
    assert not subjects.covers_person("Marten Edvard Lindqvist Sr.")  # his father
    assert not subjects.covers_person("Edvard Lindqvist Jr.")  # his son, named after him
    assert not subjects.covers("Marten Edvard Lindqvist")  # names of places and organizations: as written only


def test_the_end_of_an_organization_subjects_name_and_its_initials_are_the_subject_too():
    # "Dutch West India Company" in the title: "The [_____] received its charter" of "West India Company", and
    # "[_____] reorganized" of "WIC", blanked the article's own subject.
    subjects = Subjects(frozenset({"norland east sea company"}))
    assert subjects.covers_organization("East Sea Company")  # the end of the name
    assert subjects.covers_organization("ESC") and subjects.covers_organization("NESC")  # its initials
    assert not subjects.covers_organization("Company")  # one word: any company
    assert not subjects.covers_organization("Norland Sea Company")  # not its end
    assert not subjects.covers_organization("SC")  # two letters stand for too much
    assert not subjects.covers("East Sea Company")  # places and persons: as written only


@pytest.mark.parametrize(
    ("text", "subject", "not_subject"),
    [
        (  # a title with an abbreviated club or company names the full name
            "# Dunmere Rovers F.C.\n\n"
            "Dunmere Rovers Football Club is a football club based in Dunmere, founded in 1889 by railway workers.\n\n"
            "Dunmere Rovers Football Club won the Northern League in 1923 under the manager Hugh Pell.\n\n"
            "In 1951 Dunmere Rovers Football Club moved to the Quarry Lane ground, built by Ellis & Sons.\n",
            "Dunmere Rovers Football Club",
            "Hugh Pell",
        ),
        (  # a place the title names is the subject of a short item that names it once (Ostvik: as often, not titled)
            "# Calm returns to Varnland after strike\n\n"
            "The week-long strike in Varnland ended on Monday with a new wage deal for dock workers.\n\n"
            "Union leaders met ministers in the port of Ostvik on Sunday and signed the deal after talks.\n",
            "Varnland",
            "Ostvik",
        ),
        (  # the acronym of the title
            "# Harbour dredging index\n\n"
            "The HDI measures how much silt the Ostvik harbour takes in each year, the Varnland port board said in "
            "2019.\n\nThe HDI was first published in 1987 by the engineer Marta Halvorsen.\n",
            "HDI",
            "Marta Halvorsen",
        ),
        (  # the title's "X of <country>" written with the country's adjective
            "# Armed Forces of Portugal\n\n"
            "The Portuguese Armed Forces are the military of Portugal, with about 27,000 troops in 2020.\n\n"
            "The Portuguese Armed Forces are headquartered in Lisbon, where the general staff works.\n\n"
            "In 2019 the Portuguese Armed Forces bought ten trucks from the Ostvik Motor Company.\n",
            "Portuguese Armed Forces",
            "Ostvik Motor Company",
        ),
        (  # the title is the name, though the text names another body more often
            "# Danish Baltic Trading Company\n\n"
            "The Danish Baltic Trading Company was a chartered company of merchants from Copenhagen, founded in "
            "1621.\n\nIt traded furs and timber with the Riga Fur Exchange until 1674. The Riga Fur Exchange "
            "bought its last cargo in 1673, and the Riga Fur Exchange closed its Copenhagen office in 1675.\n",
            "Danish Baltic Trading Company",
            "Riga Fur Exchange",
        ),
    ],
    ids=["abbreviated-club", "titled-place-named-once", "title-acronym", "title-of-a-country", "title-is-the-name"],
)
def test_what_the_title_names_is_the_subject(nlp, tmp_path, text, subject, not_subject):
    subjects = _subjects(tmp_path, text)
    assert subjects.covers(subject)
    assert not subjects.covers(not_subject)


# ---------------------------------------------------------------- 2. metonymy


def test_a_capital_acting_as_its_government_is_not_asked_as_a_city(nlp, tmp_path):
    review = _review(
        tmp_path,
        "Ottawa is a close ally of Canberra in the new trade talks. "
        "Lisbon hosted the Atlantic fisheries summit in 2019. The delegates later flew to Madrid.",
    )

    def cand(name: str, pattern: str = "subject"):
        start = review.facts.text.index(name)
        mention = SimpleNamespace(canonical=name, label="GPE", start=start, end=start + len(name))
        return SimpleNamespace(kind="place", pattern=pattern, mention=mention, aliases=[])

    assert review.is_metonymy(cand("Ottawa"))
    assert not review.is_metonymy(cand("Lisbon"))
    # A cloze blanking the subject reads the same way ("___ is a close ally of Canberra": Canada fits too), and
    # so does the capital a government's relation names ("an ally of ___"); a city in another role is a place.
    assert review.is_metonymy(cand("Ottawa", "cloze"))
    assert review.is_metonymy(cand("Canberra", "cloze"))
    assert not review.is_metonymy(cand("Lisbon", "cloze"))
    assert not review.is_metonymy(cand("Madrid", "cloze"))


# ---------------------------------------------------------------- 3. true/false


def test_a_true_statement_must_not_copy_its_source():
    source = "However, Olaf Brandt crossed the Atlantic alone in 2019."
    assert copies_source("Olaf Brandt crossed the Atlantic alone in 2019.", source)
    assert not copies_source(
        "Olaf Brandt crossed the Atlantic in 2019.",
        "After two failed attempts and a long winter in the harbour of Valmora, Olaf Brandt "
        "crossed the Atlantic in 2019, his sponsor said on Monday.",
    )


def test_false_statements_swap_in_values_of_the_same_article(nlp, tmp_path):
    text = (
        "The Varnholt Bridge opened in 2021 after six years of work. Engineers first surveyed the strait in 2009. "
        "The old ferry was withdrawn in 2022."
    )
    candidates, _ = _candidates(tmp_path, text)
    dated = [c for c in candidates if c.kind == "date"]
    assert dated
    years = {"2021", "2009", "2022"}
    for cand in dated:
        assert cand.swaps and set(cand.swaps) <= years - {cand.answer}


def test_an_acronym_the_article_never_spells_out_is_no_organization_to_swap_in(nlp, tmp_path):
    # "LAN started by a handful of volunteers in 2012" swapped a network for the foundation.
    text = (
        "The Valmora Ferry Foundation was started by a handful of volunteers in 2012. "
        "The Skarvik Harbour Trust paid for the new quay in 2015. "
        "Every ferry of the Valmora Ferry Foundation now has a LAN for its passengers, the Skarvik Harbour Trust said."
    )
    candidates, _ = _candidates(tmp_path, text)
    orgs = [c for c in candidates if c.kind == "organization" and c.answer == "Valmora Ferry Foundation"]
    assert orgs and all(c.swaps for c in orgs), [c.swaps for c in orgs]
    assert all("LAN" not in c.swaps for c in orgs)


@pytest.mark.parametrize(
    ("name", "goes_on"),
    [
        ("Norland Convention on Ferry", True),  # every time "... on Ferry Rights": the span was cut
        ("Norland Convention on Ferry Rights", False),
        ("Skarvik", False),  # once "Skarvik Harbour", once on its own
    ],
)
def test_a_name_the_article_always_writes_longer_is_no_value_to_swap_in(name, goes_on):
    # "The European Convention on Human backed the Home Office's powers" was a false statement.
    from quizapp.questions.quality import _always_goes_on

    text = (
        "Norland signed the Norland Convention on Ferry Rights in Skarvik in 1990. The Skarvik Harbour board "
        "said the Norland Convention on Ferry Rights holds for every ferry that calls at Skarvik."
    )
    assert _always_goes_on(name, text) is goes_on


@pytest.mark.parametrize(
    ("template", "value", "statement"),
    [
        ("Aggrey had died in 1929 in the {answer}.", "Canada", "Aggrey had died in 1929 in Canada."),
        ("Aggrey had died in 1929 in the {answer}.", "the Netherlands", "Aggrey had died in 1929 in the Netherlands."),
        (
            "In {answer} during the war Baldwin built boats.",
            "the United States",
            "In the United States during the war Baldwin built boats.",
        ),
        ("{answer} raised rates in 2019.", "the Federal Reserve", "The Federal Reserve raised rates in 2019."),
        ("Crow was born in {answer}.", "L.A.", "Crow was born in L.A."),
    ],
)
def test_a_swapped_name_takes_the_article_it_is_written_with(template, value, statement):
    from quizapp.questions.cards import _in_place

    assert _in_place(template, value) == statement


def test_true_false_cards_are_balanced_and_swap_article_values(nlp, tmp_path):
    from quizapp.questions.generate import generate_deck

    # Each sentence has an aside to trim, so a true statement is never the sentence itself.
    text = (
        "The Harbour Choir of Valmora, a group of forty singers, recorded its first album in 2007, the local "
        "paper reported. Composer Ines Moreau, who grew up in Port Alder, joined the Harbour Choir in 1994. "
        "The Harbour Choir, which rehearses in an old warehouse, toured Chile in 1998 with a new programme. "
        "Tomas Reyes, a retired teacher, opened a music school in 2003. In 2015, after years of trying, the "
        "Harbour Choir won the Nordic Prize, officials said."
    )
    path = tmp_path / "choir.txt"
    path.write_text(text, encoding="utf-8")
    years = {"2007", "1994", "1998", "2003", "2015"}
    truths = []
    for seed in range(6):
        deck = generate_deck([path], seed=seed, types={"true_false"})
        for card in deck.cards:
            truths.append(card.answer)
            if not card.answer:
                assert any(y in card.statement for y in years)
    assert truths and 0.25 <= sum(truths) / len(truths) <= 0.75


# ---------------------------------------------------------------- 4. distractors


def test_an_airport_is_offered_only_against_airports():
    pool = [
        dist.PoolEntry("place", "Elmfield Palace", (), "facility"),
        dist.PoolEntry("place", "Norland Guest House", (), "facility"),
    ]
    got = dist.pick_distractors(
        dist.Answer("place", "Campinas International Airport", category="facility"), pool, random.Random(1)
    )
    assert got is not None and all(g.endswith("Airport") for g in got)


def test_countries_come_from_the_answer_region_and_never_from_the_stem():
    answer = dist.Answer("place", "Brazil", category="country", stem="Into which country were Cuban cigars smuggled?")
    for seed in range(10):
        got = dist.pick_distractors(answer, [], random.Random(seed))
        assert got is not None and "Cuba" not in got
        assert all(dist.continent_of(g) == "americas" for g in got)


def test_people_need_a_comparable_role_and_country_or_the_card_is_typed():
    # No role known: no multiple choice.
    assert dist.pick_distractors(dist.Answer("person", "Joseph Kellan"), [], random.Random(1)) is None
    # A Cuban head of state: Raul Castro is alive, Fidel Castro died before the article: too few.
    answer = dist.Answer("person", "Miguel Diaz-Canel", category="head of state or government", year=2024)
    assert dist.pick_distractors(answer, [], random.Random(1)) is None
    # Deck people of the same role and country make it possible.
    pool = [
        dist.PoolEntry("person", n, (), "diplomat or defector", "Norland")
        for n in ("Ines Moreau", "Tomas Reyes", "Marta Silva")
    ]
    answer = dist.Answer("person", "Olaf Brandt", category="diplomat or defector", country="Norland")
    assert set(dist.pick_distractors(answer, pool, random.Random(1)) or []) == {
        "Ines Moreau",
        "Tomas Reyes",
        "Marta Silva",
    }


def test_a_role_and_country_are_read_from_how_the_article_introduces_someone():
    role, country = dist.described_person("Ana Lucero", (), ["Peruvian President Ana Lucero opened the summit."])
    assert role == "head of state or government" and country == "Peru"


# ---------------------------------------------------------------- 5. time references


def test_relative_times_are_resolved_dropped_or_the_stem_is_skipped():
    dates = {"last year": "2023", "november": "2023-11"}
    assert (
        resolve_time_refs("To which country did the sailor flee last year?", dates)
        == "To which country did the sailor flee in 2023?"
    )
    assert (
        resolve_time_refs("Who reached Valmora in November with his crew?", dates)
        == "Who reached Valmora in November 2023 with his crew?"
    )
    assert resolve_time_refs("Who met the mayor on Tuesday in Valmora?", dates) == "Who met the mayor in Valmora?"
    assert resolve_time_refs("Who filmed Friday's meeting with the mayor?", dates) is None
    assert resolve_time_refs("Who left at the end of last month?", dates) is None
    # "the past week" is a span up to now: an adverbial goes whole, never leaving "over the".
    assert (
        resolve_time_refs("How many boats had the crew repaired over the past week?", dates)
        == "How many boats had the crew repaired?"
    )
    assert resolve_time_refs("Who won in the last year?", dates) == "Who won?"


def test_last_year_in_a_generated_stem_becomes_the_year(nlp, tmp_path):
    text = "Two Norland sailors reached Port Alder last year after a storm, the harbour office said on Monday."
    candidates, _ = _candidates(tmp_path, text, date=dt.date(2024, 5, 2))
    assert candidates
    for cand in candidates:
        assert "last year" not in cand.question and "Monday" not in cand.question
    assert any("in 2023" in c.question for c in candidates)


# ---------------------------------------------------------------- 6. possessives


def test_his_with_two_possible_people_is_ambiguous(nlp, tmp_path):
    review = _review(tmp_path, "Olaf Brandt blames Tomas Reyes for his failure in the regatta of 2019.")
    assert review.ambiguous_possessive("Who does Olaf Brandt blame for his failure?", answer_is_person=True)
    assert not review.ambiguous_possessive("Who sailed with his family?", answer_is_person=True)
    assert not review.ambiguous_possessive("When did Olaf Brandt sail with his family?", answer_is_person=False)


# ---------------------------------------------------------------- 7. give-aways


@pytest.mark.parametrize(
    "stem,answer",
    [
        ("Where have the Cuban cigars been sold?", "Cuba"),
        ("Where has loyalty towards Kim Jong-un declined?", "North Korea"),
        ("To which country did the North Korean sailor defect?", "South Korea"),
        ("Which country did officials in Pyongyang thank?", "North Korea"),
        ("Iraq closed its border crossing into _____, Jordanian officials said.", "Jordan"),
        ("Which country did the talks in Kathmandu bring together?", "Nepal"),
    ],
)
def test_a_stem_that_implies_the_answer_country_is_skipped(stem, answer):
    from quizapp.questions.quality import ArticleReview

    cand = SimpleNamespace(kind="place", answer=answer, aliases=[])
    assert ArticleReview.gives_place_away(None, cand, stem)  # type: ignore[arg-type]
    fair = SimpleNamespace(kind="place", answer="Brazil", aliases=[])
    assert not ArticleReview.gives_place_away(None, fair, stem)  # type: ignore[arg-type]


# ---------------------------------------------------------------- 8. worth


def test_a_bare_departure_is_refused_by_a_named_check_and_a_first_is_not():
    def cand(question: str, kind: str, sentence: str):
        return SimpleNamespace(
            question=question, pattern="prep", kind=kind, position=0.5, mention=SimpleNamespace(sentence=sentence)
        )

    trip = cand("Which city did Olaf Brandt depart?", "place", "Brandt departed Valmora on Monday.")
    first = cand(
        "In what year did Olaf Brandt first cross the Atlantic alone?",
        "date",
        "Brandt first crossed the Atlantic alone in 2019.",
    )
    from quizapp.questions.verify import check_bare_trip

    assert check_bare_trip(trip, None) is not None  # type: ignore[arg-type]
    assert check_bare_trip(first, None) is None  # type: ignore[arg-type]


def test_no_year_distractor_comes_after_the_article():
    answer = dist.Answer("date", "2023", value="2023", year=2024)
    for seed in range(8):
        got = dist.date_distractors(answer, random.Random(seed))
        assert got is not None and all(int(g) <= 2024 for g in got)


def test_where_with_a_facility_answer_names_the_kind_of_place(nlp, tmp_path):
    text = "The two Norland sailors were arrested at Valmora International Airport in Port Alder on Monday."
    candidates, _ = _candidates(tmp_path, text)
    asked = [c.question for c in candidates if c.answer == "Valmora International Airport"]
    assert asked and all(q.startswith("At which airport") for q in asked)


def test_a_subject_question_that_loses_its_only_time_is_not_asked(tmp_path):
    text = (
        "Harbour Trade Grows in the Baltic\n\n"
        "Kessin port handled 4 million tonnes of cargo in 2023, the port authority said. "
        "Portugal established diplomatic relations with Bhutan on Wednesday, its foreign ministry said. "
        "Bhutan exports timber and fruit to India.\n"
    )
    candidates, _pool = _candidates(tmp_path, text, dt.date(2024, 2, 16))
    questions = [c.question for c in candidates]
    assert "In what year did Kessin port handle 4 million tonnes of cargo?" in questions
    assert not any(q.startswith("Which country established") for q in questions), questions


def test_a_false_sum_keeps_its_scale(nlp, tmp_path):
    # "cost 190 reais" for "about 190 million reais": the scale word is part of the value swapped in.
    text = (
        "New Hall Opens\n\nThe Lundby Concert Hall cost 412 million euros. "
        "The region also approved a fund of about 190 million euros for schools."
    )
    candidates, _ = _candidates(tmp_path, text)
    priced = [c for c in candidates if c.kind == "number" and "412" in c.answer]
    assert priced
    for cand in priced:
        assert "190 million" in cand.swaps and "190" not in cand.swaps
