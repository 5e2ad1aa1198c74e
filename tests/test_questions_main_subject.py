"""The article's main subject ("It", "the bridge", "the company"), passive agents and possessives,
on small original articles."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("spacy")

BRIDGE = (
    "Lindmark, 3 June 2025 — The Saltholm Bridge, which links the town of Lindmark with the island of Skarvö, "
    "opened to traffic on Friday.\n\n"
    "The bridge is 2.1 kilometers long. It was designed by the engineering firm Aldren Partners. "
    "Officials expect 9,000 cars to cross the bridge every day.\n"
)
COMPANY = (
    "Bellwood & Crane is a British maker of garden tools, based in Leicester. It was founded in 1931.\n\n"
    "The company began as a small forge. In 1978 Bellwood & Crane was bought by the holding group Tarrant Holdings.\n"
)
BIOGRAPHY = (
    "Ines Halvard (born 1902) was a Danish painter. She studied drawing with Erik Lund in Aarhus. "
    "In 1925 she moved to Paris.\n\n"
    "Her best-known painting was first shown in Oslo in 1931.\n"
)


def _parse(text: str, title: str | None):
    """Read the article as the app does (the title as its first line, a dateline split off)."""
    import tempfile
    from pathlib import Path

    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.ingest import read_article
    from quizapp.questions.context import ArticleContext

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(f"{title}\n\n{text}" if title else text, encoding="utf-8")
        article = read_article(path, default_date=dt.date(2025, 6, 3))
    ((facts, doc),) = extract_facts_with_docs([article])
    return ArticleContext.build(doc, facts), doc, facts


def _questions(text: str, title: str | None, answer: str, kind: str, category: str | None = None) -> list[str]:
    from quizapp.questions.templates import Target, transform_all

    ctx, doc, facts = _parse(text, title)
    start = doc.text.index(answer)
    span = doc.char_span(start, start + len(answer), alignment_mode="expand")
    mention = next(m for m in facts.mentions if m.start <= start < m.end)
    target = Target(
        start=span.start, end=span.end, kind=kind, category=category, granularity="year" if kind == "date" else None
    )
    return [t.question for t in transform_all(doc, target, ctx.resolve, ctx.renames(mention.sentence_start))]


def test_main_subject_from_a_headline_and_the_first_sentence():
    ctx, _doc, _facts = _parse(BRIDGE, "Saltholm Bridge Opens to Traffic")
    assert ctx.main is not None
    assert ctx.main.name == "the Saltholm Bridge"
    assert "bridge" in ctx.main.nouns


def test_main_subject_from_a_title_that_is_a_name_with_its_defining_noun():
    ctx, _doc, _facts = _parse(COMPANY, "Bellwood & Crane")
    assert ctx.main is not None and ctx.main.name == "Bellwood & Crane"
    assert {"maker", "company", "firm"} <= ctx.main.nouns


def test_a_town_defined_by_a_capitalized_municipality_is_the_town():
    # "Fort Skarvik is the Home Rule Municipality ...": the defining noun is capitalized, so the small model
    # makes it a name; "the town" further on is still Fort Skarvik.
    town = (
        "Fort Skarvik is the Home Rule Municipality that is the county seat of Vest County, Norland.\n\n"
        "The first school and church opened in 1866, and the town was platted in 1867.\n"
    )
    ctx, _doc, _facts = _parse(town, "Fort Skarvik, Norland")
    assert ctx.main is not None and ctx.main.name == "Fort Skarvik"
    assert {"municipality", "town", "city"} <= ctx.main.nouns


def test_a_title_with_small_words_in_lower_case_is_the_whole_name():
    # "Escape from New York": the subject was cut at "from" and "the film" written out as "Escape".
    film = (
        "Flight From Old Varna is a 1981 Danish adventure film directed by Erik Lund. It stars Ines Halvard.\n\n"
        "Lund wrote the film in the mid-1970s after a trip to Varna.\n"
    )
    ctx, _doc, _facts = _parse(film, "Flight from Old Varna")
    assert ctx.main is not None and ctx.main.name.casefold() == "flight from old varna"


def test_a_shouted_lead_and_a_number_in_the_name_are_written_as_the_title_writes_them():
    # "ROUTE 41 is an express bus route": the subject had been "ROUTE", and "It has since become ..." read
    # "ROUTE has since become ...".
    route = (
        "FERRY 12 is a car ferry route run by Norland Ferries between Varna and Skarvik.\n\n"
        "It was opened in 1970 by the harbour board of Varna.\n"
    )
    ctx, _doc, _facts = _parse(route, "Ferry 12 (Norland Ferries)")
    assert ctx.main is not None and ctx.main.name == "Ferry 12"


def test_a_shouted_lead_with_the_writes_the_subject_with_the():
    # "The SEATTLE MARINERS are ...": "The team joined ..." read "Seattle Mariners joined ...".
    club = (
        "The NORLAND ROVERS are a professional football club based in Skarvik.\n\n"
        "The team joined the Northern League as a new club in 1977.\n"
    )
    ctx, _doc, _facts = _parse(club, "Norland Rovers")
    assert ctx.main is not None and ctx.main.name == "the Norland Rovers"


@pytest.mark.parametrize(
    ("title", "text", "written"),
    [
        # A thing one counts: "the kilt was first worn ...", never "Kilt was first worn ...".
        (
            "Kilt",
            "A kilt is a knee-length skirt worn by the men of Norland. It was first worn in Skarvik in 1720.\n\n"
            "The kilt was made of wool until 1850, and a kilt pin held it in place.\n",
            "the kilt",
        ),
        # A thing one does not count, written bare: "In 1919 advertising was ...", never "Advertising" inside a
        # sentence.
        (
            "Ferrying",
            "Ferrying is the carrying of people and goods across water by boat. It grew in Norland after 1850.\n\n"
            "By 1919 ferrying was the main trade of Skarvik, and ferrying firms employed 400 people.\n",
            "ferrying",
        ),
    ],
    ids=["counted", "uncounted"],
)
def test_a_title_the_article_writes_in_lower_case_is_a_common_noun(title, text, written):
    ctx, _doc, _facts = _parse(text, title)
    assert ctx.main is not None and ctx.main.name == written


def test_it_after_a_sentence_about_a_common_noun_subject_is_that_noun():
    text = (
        "A kilt is a knee-length skirt worn by the men of Norland. It was first worn in Skarvik in 1720.\n\n"
        "The kilt was made of wool until 1850, and a kilt pin held it in place.\n"
    )
    assert "In what year was the kilt first worn in Skarvik?" in _questions(text, "Kilt", "1720", "date")


def test_the_subjects_noun_in_the_plural_is_not_the_subject():
    # "Kepler had solved the anagrams" had become "... had solved the anagram".
    from quizapp.questions.main_subject import refers_to_subject

    text = (
        "An anagram is a word made from the letters of another word. It was a game of Norland poets in 1610.\n\n"
        "The anagram was sent to Olaf Lund in Skarvik, and Lund solved the anagrams in 1611.\n"
    )
    ctx, doc, _facts = _parse(text, "Anagram")
    assert ctx.main is not None
    nouns = {t.text: refers_to_subject(t, ctx.main) for t in doc if t.lower_.startswith("anagram") and t.i > 10}
    assert nouns == {"anagram": True, "anagrams": False}, nouns


def test_no_main_subject_when_the_title_is_a_headline_about_something_else():
    ctx, _doc, _facts = _parse(BRIDGE, "Officials Expect Heavy Traffic")
    assert ctx.main is None


def test_it_after_a_sentence_about_the_subject_is_the_subject():
    assert "Which firm designed the Saltholm Bridge?" in _questions(
        BRIDGE, "Saltholm Bridge Opens to Traffic", "Aldren Partners", "organization"
    )


def test_the_noun_of_the_subject_is_written_out_as_its_name():
    got = _questions(BRIDGE, "Saltholm Bridge Opens to Traffic", "9,000", "number")
    assert got == ["How many cars do officials expect to cross the Saltholm Bridge every day?"] or all(
        "the bridge" not in q for q in got
    )


def test_it_and_the_company_resolve_to_a_titled_company():
    assert "In what year was Bellwood & Crane founded?" in _questions(COMPANY, "Bellwood & Crane", "1931", "date")


def test_passive_agent_asked_in_the_active_voice_with_the_describing_noun():
    assert "Which group bought Bellwood & Crane in 1978?" in _questions(
        COMPANY, "Bellwood & Crane", "Tarrant Holdings", "organization"
    )


def test_without_a_main_subject_it_stays_unresolved():
    got = _questions(COMPANY, "Garden Tools Through the Ages", "1931", "date")
    assert not any(q.startswith("In what year was it") for q in got)
    assert not any("Bellwood & Crane founded" in q for q in got)


def test_she_skips_a_sentence_where_she_is_still_the_subject():
    # "She studied drawing with Erik Lund": the next "she" is still Ines Halvard, not Erik Lund.
    got = _questions(BIOGRAPHY, "Ines Halvard", "Paris", "place", category="city")
    assert got and all("Erik Lund" not in q for q in got)
    assert any("Ines Halvard" in q for q in got)


def test_possessive_in_the_subject_is_written_out():
    got = _questions(BIOGRAPHY, "Ines Halvard", "1931", "date")
    assert got and all(not q.lower().startswith(("in what year was her", "her")) for q in got)
    assert any("Ines Halvard’s best-known painting" in q for q in got)


def test_active_question_falls_back_to_a_final_by_for_an_unknown_past_tense(nlp=None):
    from quizapp.questions.templates import IRREGULAR_PAST

    # Regular participles are their own past tense; irregular ones come from the table.
    assert IRREGULAR_PAST["written"] == "wrote" and IRREGULAR_PAST["built"] == "built"
    got = _questions(
        "The Orsk Canal is a canal in Norland. It is owned by the shipping firm Valdt Lines.\n",
        "Orsk Canal",
        "Valdt Lines",
        "organization",
    )
    assert got == ["Which firm is the Orsk Canal owned by?"]


def test_a_garbled_parse_gives_no_question():
    # The small model reads "By 1935 Bellwood" as a number of Bellwood; no "How many ... 1935 Bellwood".
    text = "Bellwood & Crane is a British maker of garden tools. By 1935 Bellwood & Crane employed 600 people.\n"
    got = _questions(text, "Bellwood & Crane", "600", "number")
    assert all("1935 Bellwood" not in q for q in got)


def test_a_role_title_at_the_start_is_lower_cased_in_a_question():
    text = "Winger Ciaran Doyle scored two tries for Westport in the final.\n"
    got = _questions(text, None, "two", "number")
    assert got and all("Winger" not in q for q in got)


AIRPORT = (
    "A court on Thursday blocked plans for a new runway at Varden Airport.\n\n"
    "The airport, the region's busiest for cargo, handled 900,000 tonnes of freight in 2023. "
    "The regional transport minister, Hanne Vik, called the ruling a setback for investment.\n"
)


def test_the_noun_of_one_named_place_is_that_place():
    got = _questions(AIRPORT, "Court Blocks Runway Plans", "2023", "date")
    assert "In what year did Varden Airport handle 900,000 tonnes of freight?" in got


def test_a_name_set_off_after_the_subject_noun_is_asked_with_who():
    got = _questions(AIRPORT, "Court Blocks Runway Plans", "Hanne Vik", "person")
    assert got == ["Who called the ruling a setback for investment?"]


def test_the_noun_stays_unresolved_when_two_named_things_share_it():
    text = AIRPORT.replace("at Varden Airport.", "at Varden Airport and Oslen Airport.")
    got = _questions(text, "Court Blocks Runway Plans", "2023", "date")
    assert not any("Varden Airport" in q or "Oslen Airport" in q for q in got)


def test_a_person_after_in_is_never_asked_in_whom():
    text = "The probe was launched in 2021 from Kourou in Marta Selve, officials said.\n"
    got = _questions(text, None, "Marta Selve", "person")
    assert not any(q.startswith(("In whom", "At whom", "On whom")) for q in got)


def test_an_and_joining_nothing_is_a_misparse():
    text = "Oskar Lind is a Swedish rugby player. The 27-year-old joined Leinster from Munster in 2021 and has won 31 caps.\n"
    got = _questions(text, "Oskar Lind", "31", "number")
    assert all("joined" not in q for q in got)


HOSPITAL = (
    "After three years of building, two delays and a quarrel over parking, the Hospital Municipal Dora Vilela "
    "opened on Sunday in the Lagoa district.\n\n"
    "The hospital has 180 beds. It also houses four operating theatres.\n\n"
    "The building, a six-storey block of glass, cost 95 million reais.\n"
)


def test_news_title_naming_the_subject_by_its_kind_and_a_leading_head_noun():
    # The title says "Hospital"; the first sentence names it in the Portuguese order ("Hospital Municipal ...").
    ctx, _doc, _facts = _parse(HOSPITAL, "New Maternity Hospital Opens in the North")
    assert ctx.main is not None and ctx.main.name == "the Hospital Municipal Dora Vilela"
    assert "hospital" in ctx.main.nouns
    assert "How many beds does the Hospital Municipal Dora Vilela have?" in _questions(
        HOSPITAL, "New Maternity Hospital Opens in the North", "180", "number"
    )


def test_no_main_subject_when_the_title_shares_no_head_noun():
    ctx, _doc, _facts = _parse(HOSPITAL, "Residents Celebrate in the North")
    assert ctx.main is None


def test_a_price_is_asked_how_much_of_the_named_subject_with_its_currency():
    title = "New Maternity Hospital Opens in the North"
    assert "How much did the Hospital Municipal Dora Vilela cost?" in _questions(
        HOSPITAL, title, "95 million", "number"
    )
    _ctx, _doc, facts = _parse(HOSPITAL, title)
    price = next(m for m in facts.mentions if m.text.startswith("95"))
    assert price.granularity == "money"  # a sum in reais, though the model calls it a cardinal

    from quizapp.questions.candidates import money_unit as _money_unit

    assert _money_unit(price).strip() == "reais"
