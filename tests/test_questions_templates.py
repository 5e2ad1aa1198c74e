"""Each wh-question pattern on small original sentences (one spaCy load per session)."""

from __future__ import annotations

import pytest

from quizapp.questions.templates import Target, transform

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="session")
def nlp():
    from quizapp.facts.nlp import load_nlp

    return load_nlp()


def _target(doc, text: str, kind: str, **kw) -> Target:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    return Target(span.start, span.end, kind, **kw)


def _ask(nlp, sentence: str, answer: str, kind: str, **kw):
    doc = nlp(sentence)
    return transform(doc, _target(doc, answer, kind, **kw))


def test_subject_person_becomes_who(nlp):
    got = _ask(nlp, "Helena Brandt founded the Norland Ferry Company in 1998.", "Helena Brandt", "person")
    assert got is not None
    assert got.question == "Who founded the Norland Ferry Company in 1998?"
    assert got.pattern == "subject" and got.wh == "who"


def test_subject_with_title_is_replaced_whole(nlp):
    got = _ask(nlp, "Mayor Helena Brandt opened the new terminal in Port Alder.", "Helena Brandt", "person")
    assert got is not None and got.question.startswith("Who opened the new terminal")


def test_year_in_prepositional_phrase_uses_do_support(nlp):
    got = _ask(nlp, "Helena Brandt founded the Norland Ferry Company in 1998.", "1998", "date", granularity="year")
    assert got is not None
    assert got.question == "In what year did Helena Brandt found the Norland Ferry Company?"


def test_place_with_in_becomes_where_and_passive_inverts(nlp):
    got = _ask(
        nlp, "The two smugglers were arrested in Valmora by the coast guard.", "Valmora", "place", category="city"
    )
    # "the two" without a resolver is not answerable: no question
    assert got is None
    got = _ask(nlp, "Two Norland sailors were arrested in Valmora last spring.", "Valmora", "place", category="city")
    assert got is not None and got.question.startswith("Where were two Norland sailors arrested")


def test_object_place_uses_which_category(nlp):
    got = _ask(nlp, "Helena Brandt visited Portugal last summer.", "Portugal", "place", category="country")
    assert got is not None and got.question == "Which country did Helena Brandt visit last summer?"


def test_preposition_is_fronted(nlp):
    got = _ask(
        nlp, "The Norland Ferry Company moved its headquarters to Valmora in 2019.", "Valmora", "place", category="city"
    )
    assert got is not None and got.question.startswith(
        "To which city did the Norland Ferry Company move its headquarters"
    )


def test_how_many_for_a_counted_object(nlp):
    got = _ask(nlp, "Norland Ferries carried 12,000 passengers in March.", "12,000", "number")
    assert got is not None and got.question == "How many passengers did Norland Ferries carry in March?"


def test_subject_organization_uses_category(nlp):
    got = _ask(
        nlp,
        "The Harbor Authority confirmed the opening of the terminal.",
        "Harbor Authority",
        "organization",
        category="agency",
    )
    assert got is not None and got.question == "Which agency confirmed the opening of the terminal?"


def test_statement_keeps_the_answer_and_drops_asides(nlp):
    got = _ask(
        nlp,
        "Helena Brandt, who grew up in Valmora, founded the Norland Ferry Company in 1998.",
        "1998",
        "date",
        granularity="year",
    )
    assert got is not None
    assert "grew up" not in got.question
    assert got.statement == "Helena Brandt founded the Norland Ferry Company in 1998."
    assert got.template == "Helena Brandt founded the Norland Ferry Company in {answer}."


def test_unresolved_pronoun_subject_gives_no_question(nlp):
    assert _ask(nlp, "He founded the Norland Ferry Company in 1998.", "1998", "date", granularity="year") is None


def test_pronoun_resolved_by_context(nlp):
    doc = nlp("He founded the Norland Ferry Company in 1998.")
    got = transform(doc, _target(doc, "1998", "date", granularity="year"), resolve=lambda tok: "Olaf Brandt")
    assert got is not None and got.question == "In what year did Olaf Brandt found the Norland Ferry Company?"


def test_speculation_and_negation_give_no_question(nlp):
    assert _ask(nlp, "Helena Brandt might visit Portugal in 2026.", "Portugal", "place", category="country") is None
    assert _ask(nlp, "Helena Brandt did not visit Portugal in 2020.", "Portugal", "place", category="country") is None


def test_fact_inside_relative_clause_of_a_name_is_asked_with_the_name(nlp):
    got = _ask(nlp, "Helena Brandt, who was born in Valmora, opened the terminal.", "Valmora", "place", category="city")
    assert got is not None and got.question == "Where was Helena Brandt born?"
    assert got.statement == "Helena Brandt was born in Valmora."


def test_fact_inside_relative_clause_of_an_indefinite_noun_gives_no_question(nlp):
    got = _ask(nlp, "A sailor who was born in Valmora opened the terminal.", "Valmora", "place", category="city")
    assert got is None


def test_named_antecedent_of_a_relative_clause_becomes_who(nlp):
    from quizapp.questions.templates import transform_all

    doc = nlp("The mayor thanked Helena Brandt, who had designed the new terminal in Port Alder.")
    found = transform_all(doc, _target(doc, "Helena Brandt", "person"))
    assert [f.question for f in found if f.pattern == "relative"] == ["Who designed the new terminal in Port Alder?"]


def test_participle_clause_asks_how_many_with_the_main_subject(nlp):
    got = _ask(nlp, "Two Norland sailors had sailed from Valmora carrying 1,200 crates of tea.", "1,200", "number")
    assert got is not None and got.question == "How many crates were two Norland sailors carrying?"


def test_content_clause_of_a_report_is_asked(nlp):
    got = _ask(
        nlp,
        "The coast guard confirmed a report that Olaf Brandt reached Valmora in 2019.",
        "2019",
        "date",
        granularity="year",
    )
    assert got is not None and got.question == "In what year did Olaf Brandt reach Valmora?"


def test_stated_clause_is_asked_without_the_reporting_verb(nlp):
    got = _ask(
        nlp,
        "The harbor office said that the Norland Ferry Company moved to Valmora in 2019.",
        "Valmora",
        "place",
        category="city",
    )
    assert got is not None and got.question == "To which city did the Norland Ferry Company move in 2019?"


def test_age_of_a_described_person(nlp):
    got = _ask(
        nlp, "Olaf Brandt, a 47-year-old Norland sailor, reached Valmora on foot.", "47", "number", granularity="age"
    )
    assert got is not None and got.question == "How old was Norland sailor Olaf Brandt?"
    assert got.template == "Olaf Brandt was {answer} years old."


def test_salary_becomes_how_much(nlp):
    got = _ask(
        nlp,
        "With a salary of 900 dollars a month, Olaf Brandt managed to buy a boat in Valmora.",
        "900",
        "number",
        granularity="money",
    )
    assert got is not None and got.question == "How much was Olaf Brandt’s salary?"
    assert got.answer_text == "900 dollars a month"


def test_duration_for_becomes_how_many_units(nlp):
    got = _ask(nlp, "The Norland Ferry Company ran the Valmora route for 12 years.", "12", "number")
    assert got is not None and got.question == "How many years did the Norland Ferry Company run the Valmora route?"


def test_counted_back_reference_is_not_a_question(nlp):
    assert _ask(nlp, "In 2019, the two companies signed a merger in Valmora.", "two", "number") is None


def test_qualified_date_is_not_asked(nlp):
    got = _ask(
        nlp, "Valmora Rovers had won the cup three times, most recently in 2017.", "2017", "date", granularity="year"
    )
    assert got is None


def test_proper_name_apposition_is_kept(nlp):
    got = _ask(nlp, "Helena Brandt founded the charity SeaWell in 2003.", "2003", "date", granularity="year")
    assert got is not None and got.question == "In what year did Helena Brandt found the charity SeaWell?"


def test_age_drops_a_describing_noun_that_is_no_title(nlp):
    got = _ask(
        nlp, "Rosa Tembe, a 38-year-old mother of four, waited at the Kilwa ferry.", "38", "number", granularity="age"
    )
    assert got is not None and got.question == "How old was Rosa Tembe?"


def test_a_second_verb_keeps_the_shared_subject_in_its_statement(tmp_path):
    from tests.test_questions_vagueness import _candidates_of

    candidates = _candidates_of(
        tmp_path,
        (
            "Norland\n\nNorland is an island country in the Baltic Sea. Its capital is Kessin. "
            "The country has no army but was a founding member of the Baltic League in 1951.\n"
        ),
    )
    asked = [c for c in candidates if c.answer == "1951"]
    assert asked, [c.question for c in candidates]
    assert all(c.transformed.statement.startswith("Norland was a founding member") for c in asked)


def test_a_past_perfect_is_asked_in_the_simple_past(nlp):
    # "had been replaced" -> "was replaced"; "had sailed" -> do-support; "had written" -> "wrote".
    got = _ask(nlp, "Olaf Dahl had been replaced as harbour master on 4 March 1961.", "4 March 1961", "date")
    assert got is not None and got.question.startswith("When was Olaf Dahl replaced")
    got = _ask(
        nlp,
        "Since the spring, hundreds of Estonian sailors had fled south through Latvia.",
        "Latvia",
        "place",
        category="country",
    )
    assert got is not None
    assert got.question == "Through which country did hundreds of Estonian sailors flee south since the spring?"
    got = _ask(nlp, "Ada Brun had written the Varnholt survey in 1911.", "Ada Brun", "person")
    assert got is not None and got.question == "Who wrote the Varnholt survey in 1911?"
    got = _ask(nlp, "Olaf Dahl had been the harbour master of Varnholt since 1950.", "Olaf Dahl", "person")
    assert got is None or "had" not in got.question.split()


def test_a_present_perfect_is_asked_in_the_simple_past_for_a_date(nlp):
    got = _ask(nlp, "The Varnholt ferry has been rebuilt in 1987 by the town.", "1987", "date")
    assert got is not None and "has" not in got.question.split() and "was the Varnholt ferry rebuilt" in got.question


def test_size_of_a_change_by_percent_is_asked_by_percentage(nlp):
    got = _ask(
        nlp,
        "The Orvale Water Board cut leakage from its pipes by 18 percent in 2021.",
        "18 percent",
        "number",
        granularity="percent",
    )
    assert got is not None
    assert got.question == "By what percentage did the Orvale Water Board cut leakage from its pipes in 2021?"
    # A share ("by 18 percent of ...") or a bound ("by about 18 percent") is not the plain size of the change.
    assert (
        _ask(
            nlp,
            "The Orvale Water Board cut leakage by about 18 percent in 2021.",
            "18 percent",
            "number",
            granularity="percent",
        )
        is None
    )


def test_a_semicolon_inside_brackets_does_not_cut_the_sentence_into_clauses(nlp):
    from quizapp.questions.shapes.cloze import clause_spans

    doc = nlp(
        "Marta Lind (née Holm; 4 May 1901 – 9 June 1980) was a Swedish engineer who designed the Ulvsund bridge; "
        "she later taught at the Royal Institute of Technology in Stockholm for twenty years."
    )
    spans = clause_spans(next(doc.sents))
    assert [s.text.split()[0] for s in spans] == ["Marta", "she"]


def test_a_list_of_clauses_is_not_cut_at_its_last_and(nlp):
    # Cut at ", and", "A wrote X, B wrote Y, and C built Z" left the comma splice "A wrote X, B wrote Y." as a card.
    from quizapp.questions.shapes.cloze import long_sentence_clauses

    listed = nlp(
        "The Orvald compiler came out of a project led by Ines Marlow at the Tallin Research Laboratory; Ines Marlow "
        "wrote most of the early parser, Piet Ovens wrote most of the manual, and Karla Dunne built most of the "
        "first runtime."
    )
    clauses = [c.text for c in long_sentence_clauses(next(listed.sents))]
    assert clauses[-1].startswith("Ines Marlow wrote") and clauses[-1].endswith("first runtime.")
    # Two clauses joined by ", and" are still asked one by one.
    pair = nlp(
        "The Verna bridge opened to traffic in 1874 after six years of work, and the old ferry line across the "
        "river closed for good in 1970 after a century of service."
    )
    assert [c.text.split()[1] for c in long_sentence_clauses(next(pair.sents))] == ["Verna", "old"]


def test_a_capitalized_first_word_the_article_writes_in_lower_case_is_no_name():
    import spacy
    from spacy.tokens import Doc

    from quizapp.questions.templates import _common_word_tagged_as_name

    words = ["Zombies", "made", "the", "leap", ",", "Inguanzo", "said", ".", "The", "zombies", "walked", "."]
    pos = ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    assert _common_word_tagged_as_name(doc[0])  # "zombies" stands in lower case later
    assert not _common_word_tagged_as_name(doc[5])  # a name the article never writes in lower case
    assert not _common_word_tagged_as_name(doc[1])  # not taken for a name at all


def test_a_phrase_of_the_first_of_several_objects_is_not_asked(nlp):
    # Taken out of "new integration with Zoom, redesign of ... and ...", the phrase left the list dangling:
    # "With whom do the updates ... include new integration, redesign of its booking page, and ...?"
    listed = _ask(
        nlp,
        "The updates to the Norland app include new integration with Zoom, redesign of its booking page, and "
        "cheaper family tickets.",
        "Zoom",
        "person",
    )
    assert listed is None
    single = _ask(
        nlp, "Portugal established diplomatic relations with Bhutan in 2019.", "Bhutan", "place", category="country"
    )
    assert single is not None and single.question.startswith("With which country did Portugal establish")


@pytest.mark.parametrize(
    "sentence",
    [
        "Amir Khan, Tariq Aziz and Samir Nasri were held for three years, accused of spying.",
        "Omar Begg, Martin Mubanga, Feroz Abbasi and Richard Belmar were held for three years, accused of spying.",
    ],
)
def test_a_list_of_names_the_parser_reads_as_an_apposition_stays_whole(nlp, sentence):
    # The small model hangs the second name on the first as an apposition; dropping it as an aside asked
    # "How many years were Amir Khan held?", a name lost and the verb left plural.
    got = _ask(nlp, sentence, "three", "number")
    subject = sentence.split(" were ")[0]
    assert got is not None and got.question == f"How many years were {subject} held?"
