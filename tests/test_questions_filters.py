"""Each filter a candidate must pass, on original examples."""

import pytest

from quizapp.questions.filters import is_near_duplicate, photo_caption_problem, sentence_problem, stem_problem


def test_clean_stem_passes():
    assert stem_problem("Who founded the Norland Ferry Company in 1998?", ["Helena Brandt"]) is None


def test_unresolved_pronoun_is_rejected():
    assert "needs the surrounding text" in stem_problem("When did he found the Norland Ferry Company?", ["1998"])
    assert stem_problem("Where was this terminal opened by the mayor?", ["Port Alder"]) is not None


def test_possessive_needs_a_binder():
    assert stem_problem("Which city did their company move to in 2019?", ["Valmora"]) is not None
    assert stem_problem("Who sailed to Valmora with his brother in 2019?", ["Olaf"], subject_bound=True) is None


def test_answer_in_stem_is_rejected_verbatim_and_as_part_of_a_name():
    assert stem_problem("Who founded the Brandt Ferry Company in 1998?", ["Helena Brandt"]) is not None
    assert stem_problem("Which city hosts the Valmora Stadium today?", ["Valmora"]) is not None


def test_generic_words_of_an_answer_do_not_count_as_giving_it_away():
    assert (
        stem_problem("Where did the mayor's national ferry service open its terminal?", ["Alder International Airport"])
        is not None
    )  # "the mayor" is context
    assert (
        stem_problem("Where did Helena Brandt open an international terminal in 2025?", ["Alder International Airport"])
        is None
    )


def test_length_limits():
    assert stem_problem("Who won?", ["Olaf"]) == "stem too short to be answerable"
    long = "Who " + " ".join(["walked"] * 30) + "?"
    assert stem_problem(long, ["Olaf"]) == "stem too long to read"


def test_numbered_reference_back_is_rejected_but_a_described_one_is_not():
    assert stem_problem("Where did the two countries sign the treaty in 2001?", ["Valmora"]) is not None
    assert stem_problem("Where were the two Norland sailors arrested last spring?", ["Valmora"]) is None


def test_quotes_and_connectives_are_rejected():
    assert stem_problem('Who called the pier "a marvel" in 2025?', ["Helena Brandt"]) is not None
    assert stem_problem("However, who opened the new ferry terminal?", ["Helena Brandt"]) is not None


def test_sentence_filters():
    assert sentence_problem("The Harbor Authority of Norland opened a new ferry terminal in Port Alder.") is None
    assert sentence_problem("This 2024 file photo shows the ferry terminal in Port Alder.") == "a photo caption"
    assert sentence_problem("You can read more at the link below if you are interested.") == "boilerplate"
    for about_a_picture in (
        "In the accompanying diagram, the ferry's route from Port Alder is drawn in red for 2024.",
        "The new pier of Port Alder, shown below, opened to ferries in March 2024.",
    ):
        assert sentence_problem(about_a_picture) == "about a picture or diagram beside the text"
    run_together = "Ida Vance said a new pier could cost $40m. Between 10 and 12 ferries dock in Port Alder each day."
    assert sentence_problem(run_together) == "two sentences run together"
    # Abbreviations and initials end no sentence.
    assert sentence_problem("The U.S. Navy sent Dr. Ida Vance to Port Alder, Calif. in 2024 with J. R. Olsen.") is None
    # A diagram the sentence is about is no picture beside the text.
    assert sentence_problem("Ida Vance drew the first diagram of the Port Alder pier in 1911.") is None
    assert sentence_problem("“We are proud of this fine new pier on the bay,” the mayor said.") == "mostly a quote"
    assert sentence_problem("Here is something I did not expect about the ferries:") is not None
    assert sentence_problem("Ferries.") == "too short"
    assert sentence_problem("Booking a seat on the Port Alder ferry is free and easy!") is not None
    # An exclamation inside a quotation is what someone said, reported as a fact.
    assert sentence_problem('In 1998 the crew of the Port Alder ferry painted "Welcome home!"') is None
    note = "Ida Vance is a contributing editor at Harbour Monthly and a writer based in Port Alder."
    assert sentence_problem(note) == "a contributor's note about the writer"
    note = "Ida Vance is technology correspondent for Harbour Radio, a Port Alder and Skarvik co-production."
    assert sentence_problem(note) == "a contributor's note about the writer"
    # A past career in a story is a fact about someone, not the page's note on its writer.
    assert (
        sentence_problem("In 1990 Ida Vance was a reporter for the Port Alder Gazette before entering politics.")
        is None
    )


def test_a_regnal_numeral_is_a_name_not_the_writer_speaking():
    assert sentence_problem("The harbour charter was sealed by King Haakon I of Norland in 1282.") is None
    assert sentence_problem("Norland stayed neutral in World War I and traded with both sides.") is None
    # The writer's "I" stays the writer's, whatever stands before it.
    assert sentence_problem("Then I took the ferry to Skarvik with the harbour master.") == "the writer's own voice"
    assert sentence_problem("In 1998 Tove and I took the ferry to Skarvik.") == "the writer's own voice"


def test_near_duplicates():
    assert is_near_duplicate("Who founded the Norland Ferry Company in 1998?", "Who founded the Norland Ferry Company?")
    assert not is_near_duplicate(
        "Who founded the Norland Ferry Company?", "Where were the two Norland sailors arrested?"
    )


def test_a_described_back_reference_needs_the_text():
    from quizapp.questions.filters import stem_problem

    assert stem_problem("Who had led the port city since 2016?", ["Jorge Castillo"])
    assert stem_problem("How many hours did the team observe the planet?", ["32"])
    # Named things and plain sports words stay fine.
    assert stem_problem("Who had led the city of Valparaíso since 2016?", ["Jorge Castillo"]) is None
    assert (
        stem_problem("Which club did Redhaven Rovers beat in the cup final at Elmfield?", ["Castlemoor United"]) is None
    )


def test_an_age_used_as_a_noun_points_back():
    from quizapp.questions.filters import stem_problem

    assert stem_problem("How many caps has the 27-year-old won for Ireland?", ["31"])


def test_writers_filler_marks_a_copied_clause():
    from quizapp.questions.filters import copied_clause_problem

    long_filler = "When was Marta Quell finishing a slow and rather dreary rehearsal at the Dunmere Playhouse?"
    assert copied_clause_problem(long_filler) is not None
    assert stem_problem(long_filler, ["March 2011"]) is not None
    hedged = "When did Ottilie Varga open the reportedly haunted Harrow Mill on the river Dunne near Kelby?"
    assert copied_clause_problem(hedged) is not None
    # Short and plain stems keep their place.
    assert copied_clause_problem("When did Ottilie Varga open the Harrow Mill in Kelby?") is None
    assert copied_clause_problem("Who reportedly bought the Harrow Mill in 1990?") is None


def test_a_flow_of_goods_needs_its_period():
    from quizapp.questions.filters import untimed_flow

    assert untimed_flow("How many tonnes did Porto Vell ship?")
    assert untimed_flow("Porto Vell shipped about {answer}.")
    assert untimed_flow("Kelby exported 2.1 million barrels.")
    assert not untimed_flow("How many tonnes did Porto Vell ship in 2019?")
    assert not untimed_flow("How many tonnes did the harbour of Porto Vell ship each year?")
    assert not untimed_flow("How many goals did Anna Brandt score?")


def test_an_untimed_flow_takes_the_one_year_of_its_sentence():
    from quizapp.questions.candidates import with_sentence_year as _with_sentence_year
    from quizapp.questions.templates import Transformed

    flow = Transformed(
        "How many tonnes did Porto Vell ship?",
        "Porto Vell shipped 3 million tonnes.",
        "Porto Vell shipped {answer}.",
        "3 million tonnes",
        "how_many",
        "how many",
    )
    dated = _with_sentence_year(flow, "Kelby grew 4 percent in 2019, while Porto Vell shipped 3 million tonnes.")
    assert dated is not None
    assert dated.question == "How many tonnes did Porto Vell ship in 2019?"
    assert dated.template == "Porto Vell shipped {answer} in 2019."
    assert _with_sentence_year(flow, "Porto Vell shipped 3 million tonnes, its harbour master said.") is None
    assert _with_sentence_year(flow, "From 2017 to 2019 Porto Vell shipped 3 million tonnes.") is None


def test_questions_sharing_a_long_subject_name_are_not_duplicates_for_it():
    assert not is_near_duplicate(
        "How many beds does the Hospital Municipal Dora Vilela have?",
        "How many operating theatres does the Hospital Municipal Dora Vilela house?",
    )
    assert is_near_duplicate(
        "How many beds does the Hospital Municipal Dora Vilela have?",
        "How many beds does the Hospital Municipal Dora Vilela have in 2025?",
    )


@pytest.mark.parametrize(
    "credit",
    [
        "Ida Vance reported from Port Alder, and Tom Reyes from Norland City.",
        "Tom Reyes is on Twitter at tomreyes_news and writes about harbours.",
        "Additional reporting by Ida Vance and Tom Reyes in the Norland capital.",
        "Ida Vance contributed reporting to this story from the Norland coast.",
    ],
)
def test_the_pages_credits_are_not_quizzed(credit):
    assert sentence_problem(credit) == "the page's credits (who reported or wrote it)"


def test_a_report_in_the_story_is_not_a_credit():
    # "reported" as the story's own fact, and a book "written by" someone, stay quizzable.
    assert (
        sentence_problem("The harbour board reported a loss of 3 million euros for 2019 to the city council.") is None
    )
    assert sentence_problem("The Ferryman's Daughter was written by Ida Vance in Port Alder in 1921.") is None


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        # A census breakdown: tabulated figures, not facts to learn (a place's population alone is one).
        ("The racial makeup of the town was 91.2% White, 3.1% Asian and 1.4% Black or African American.", "census"),
        ("There were 4,120 housing units at an average density of 310.5 per square mile.", "census"),
        ("For every 100 females age 18 and over, there were 96.2 males.", "census"),
        ("The median income for a household in the town was $41,200.", "census"),
        ("Holtby had a population of 12,480 at the 2010 census, up from 9,870 in 2000.", None),
        # A bracket without its partner: the page lost the text around it.
        ("Ferula nordica) is the giant fennel of Norland, but yields a resin inferior to true myrrh.", "bracket"),
        ("at the harbour in 2002]] Brekke had been a member of the Skarvik Rowing Club since 1998.", "bracket"),
        ("Ferula nordica (giant fennel) grows on the cliffs of Norland and yields a resin.", None),
        # Text elsewhere on the page: the card does not show it.
        ("In 1740 Ida Vance described the harbour tide as a cycle, essentially giving the description above.", "page"),
        ("The Skarvik ferry, as noted below, carried 3,000 passengers a day in 1912.", "page"),
        ("Ida Vance built a house in the hills above Skarvik in 1912.", None),
        # Cut where a title's stop was taken for the sentence's end.
        ("In July 1993 the harbour board adopted a definition from a 1987 report to the council by Fr.", "title"),
        ("In July 1993 the harbour board adopted a definition from a report written by Ida Vance, Dr.", "title"),
    ],
)
def test_a_sentence_problem_names_its_reason(sentence, reason):
    problem = sentence_problem(sentence)
    assert (problem is None) if reason is None else (problem is not None and reason in problem), problem


@pytest.mark.parametrize(
    ("sentence", "caption"),
    [
        (
            "Marchers block the Hallam Bridge during a protest against the new toll on June 12, 2014 in Port Alder.",
            True,
        ),
        ("Firefighters carry a resident out of the flooded church on Sunday, 3 March 2019, in Valmora.", True),
        ("A resident is carried out of the flooded church on Sunday, 3 March 2019, in Valmora.", True),
        ("A resident was carried out of the flooded church on Sunday, 3 March 2019, in Valmora.", False),
        # A dated noun before the verb: the present tense is about today.
        ("The flood of the church, on Sunday, 3 March 2019, is still remembered in Valmora.", False),
        # A source stating something dated: no picture.
        ("The parish records note that the church was flooded on Sunday, 3 March 2019.", False),
        # The same event told as news: past tense.
        (
            "Marchers blocked the Hallam Bridge during a protest against the new toll on June 12, 2014 in Port Alder.",
            False,
        ),
        # A present-tense statement of what is so, or a date with no year (a schedule), is no caption.
        ("The treaty includes a clause signed by both ministers on June 12, 2014 in Port Alder.", False),
        ("The ferry service resumes its summer timetable on June 12 in Port Alder.", False),
    ],
)
def test_a_dated_present_tense_action_is_a_photo_caption(sentence, caption):
    from quizapp.facts.nlp import load_nlp

    sent = next(iter(load_nlp()(sentence).sents))
    problem = photo_caption_problem(sent)
    assert (problem is not None and "caption" in problem) is caption
