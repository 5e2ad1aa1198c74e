"""Distractor rules: kind, granularity, distinctness, never an alias or another true answer."""

import random

import pytest

from quizapp.questions.distractors import (
    Answer,
    PoolEntry,
    date_distractors,
    format_date,
    number_distractors,
    pick_distractors,
    place_category,
)

POOL = [
    PoolEntry("place", "Valmora", (), "city"),
    PoolEntry("place", "Port Alder", ("Alder",), "city"),
    PoolEntry("place", "Portugal", (), "country"),
    PoolEntry("place", "Chile", (), "country"),
    PoolEntry("place", "Jamaica", (), "country"),
    PoolEntry("person", "Helena Brandt", ("Brandt",), "minister"),
    PoolEntry("person", "Olaf Brandt", (), "minister"),
    PoolEntry("person", "Ines Moreau", (), "minister"),
    PoolEntry("person", "Tomas Reyes", (), "minister"),
    PoolEntry("person", "Marta Silva", (), "minister"),
    PoolEntry("person", "Jonas Berg", (), "minister"),
    PoolEntry("organization", "Reuters", (), "news agency"),
]


def _rng():
    return random.Random(7)


def test_three_distinct_countries_for_a_country():
    got = pick_distractors(Answer("place", "Cuba", category="country"), POOL, _rng())
    assert got is not None and len(got) == 3 and len({g.casefold() for g in got}) == 3
    assert all(place_category(g) == "country" for g in got)
    assert "Cuba" not in got
    assert "Jamaica" in got  # the deck's own neighbour of the answer comes first
    assert not {"Portugal", "Chile"} & set(got)  # other regions are not plausible


def test_cities_against_cities():
    got = pick_distractors(Answer("place", "Havana", category="city"), POOL, _rng())
    assert got is not None and all(g in {"Valmora", "Port Alder"} or place_category(g) == "city" for g in got)


def test_never_an_alias_of_the_answer_nor_an_excluded_answer():
    answer = Answer("person", "Helena Brandt", aliases=("Brandt",), excluded={"Ines Moreau"}, category="minister")
    got = pick_distractors(answer, POOL, _rng())
    assert got is not None
    assert "Helena Brandt" not in got and "Brandt" not in got and "Ines Moreau" not in got
    # a name containing the answer's alias ("Olaf Brandt") would confuse: blocked too
    assert "Olaf Brandt" not in got
    assert len(got) == 3


def test_a_name_written_another_way_is_neither_a_distractor_nor_offered_twice():
    # The same department in another word order, an airport with "International" added: two right answers.
    from quizapp.questions.distractors import name_distractors

    departments = [
        PoolEntry("organization", name, (), "agency")
        for name in (
            "Department of Environmental Protection",
            "Environmental Protection Department",
            "Transportation Department",
            "Department of Design and Construction",
            "Parks Department",
            "Police Department",
        )
    ]
    for seed in range(12):
        wrong = name_distractors(
            Answer("organization", "Department of Environmental Protection", category="agency"),
            departments,
            random.Random(seed),
        )
        assert wrong and "Environmental Protection Department" not in wrong
        other = name_distractors(
            Answer("organization", "Parks Department", category="agency"), departments, random.Random(seed)
        )
        assert other and not {"Department of Environmental Protection", "Environmental Protection Department"} <= set(
            other
        )
    airports = [PoolEntry("place", n, (), "facility") for n in ("Stansted International Airport", "Gatwick Airport")]
    assert "Stansted International Airport" not in (
        name_distractors(Answer("place", "Stansted Airport", category="facility"), airports, random.Random(1)) or []
    )


def test_unknown_place_kind_gets_no_distractors():
    assert pick_distractors(Answer("place", "Alder Ferry Terminal", category="place"), POOL, _rng()) is None


def test_year_distractors_are_nearby_years():
    got = date_distractors(Answer("date", "1998", value="1998"), _rng())
    assert got is not None and len(set(got)) == 3
    assert all(len(g) == 4 and g.isdigit() and abs(int(g) - 1998) <= 4 and g != "1998" for g in got)


def test_month_distractors_are_months():
    got = date_distractors(Answer("date", "November 2023", value="2023-11"), _rng())
    assert got is not None
    for g in got:
        month, year = g.split()
        assert month.isalpha() and year.isdigit() and g != "November 2023"


def test_excluded_dates_are_not_offered():
    answer = Answer("date", "1998", value="1998", excluded={"1997", "1999", "2000", "1996"})
    got = date_distractors(answer, _rng())
    assert got is not None and not {"1996", "1997", "1999", "2000"} & set(got)


def test_numbers_keep_precision_and_format():
    got = number_distractors(Answer("number", "12,000", value="12000"), _rng())
    assert got is not None and len(set(got)) == 3
    assert all("," in g and g.endswith("000") and g != "12,000" for g in got)
    small = number_distractors(Answer("number", "7", value="7"), _rng())
    assert small is not None and all(g.isdigit() and g != "7" for g in small)


def _choices(text, value, seeds=range(6)):
    return [number_distractors(Answer("number", text, value=value), random.Random(seed)) for seed in seeds]


def test_number_choices_are_written_as_the_answer_is():
    # A currency sign, a percent sign, a scale word: on every choice, or the odd one out is the answer.
    for got in _choices("$13,955", "13955"):
        assert got is not None and all(g.startswith("$") and "," in g for g in got), got
    for got in _choices("12.5%", "12.5"):
        assert got is not None and all(g.endswith("%") and len(g.split(".")[1]) == 2 for g in got), got
    for got in _choices("about 6.4 million tonnes", "6400000"):
        assert got is not None and all(g.startswith("about ") and g.endswith(" million tonnes") for g in got), got
    for got in _choices("Six", "6"):
        assert got is not None and all(g.isalpha() and g[0].isupper() for g in got), got
    assert _choices("a dozen", "12", [0]) == [None]  # nothing reads like it: no choices
    for got in _choices("64%", "64"):
        assert got is not None and all(float(g.rstrip("%")) < 100 for g in got), got  # a share stays a share


def test_number_choices_are_as_round_as_the_answer():
    # "157" among "80", "120", "200" would be picked for being the only figure not rounded.
    for got in _choices("157", "157"):
        assert got is not None and not [g for g in got if g.endswith("0")], got
    for got in _choices("1,050", "1050"):
        assert got is not None and all(g.endswith("0") and not g.endswith("00") for g in got), got
    for got in _choices("2,000", "2000"):
        assert got is not None and all(g.endswith(",000") for g in got), got


def test_date_choices_follow_the_answer_and_its_question():
    for seed in range(6):
        month = date_distractors(Answer("date", "May", value="2005-05"), random.Random(seed))
        assert month is not None and all(m.isalpha() and m != "May" for m in month), month
        asked = Answer("date", "2007", value="2007", stem="In 2006 the line opened, and in _____ it closed.")
        years = date_distractors(asked, random.Random(seed))
        assert years is not None and "2006" not in years, years


@pytest.mark.parametrize(
    ("written", "value", "shape"),
    [
        ("fall of 2017", "2017", r"fall of \d{4}"),
        ("mid-2007", "2007", r"mid-\d{4}"),
        ("the early 1960s", "1960s", r"the early \d{3}0s"),
        ("Dec. 18", "2014-12-18", r"(Nov|Dec|Jan)\. \d{1,2}"),
        ("Sept. 5, 2014", "2014-09-05", r"(Aug|Sept|Oct)\. \d{1,2}, 2014"),
        ("2017", "2017", r"\d{4}"),
        ("8 July 1835", "1835-07-08", r"\d{1,2} (June|July|August) 1835"),
        ("30 August", "1852-08-30", r"\d{1,2} (August|September)"),
        ("Saturday 23 June 1509", "1509-06-23", r"[A-Z][a-z]+day \d{1,2} (June|July) 1509"),
    ],
)
def test_date_choices_are_worded_as_the_answer_is(written, value, shape):
    # A bare year among "summer of 1959" and its choices picks itself out by its form alone.
    import re

    for seed in range(10):
        wrong = date_distractors(Answer(kind="date", canonical=written, value=value), random.Random(seed))
        assert wrong and len(set(wrong)) == 3
        assert all(re.fullmatch(shape, w) for w in wrong), wrong
        assert written not in wrong


def test_a_stated_weekday_is_counted_on_from_the_answers_own():
    # 23 June 1509 was a Saturday in the Julian calendar the article uses: a week earlier is a Saturday too.
    import datetime as dt

    for seed in range(10):
        for wrong in (
            date_distractors(
                Answer(kind="date", canonical="Saturday 23 June 1509", value="1509-06-23"), random.Random(seed)
            )
            or []
        ):
            weekday, day, month, _year = wrong.split()
            offset = (dt.date(1509, 6, 23) - dt.date(1509, 6 if month == "June" else 7, int(day))).days
            days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            assert weekday == days[(5 - offset) % 7], wrong


def test_format_date_by_granularity():
    assert format_date("2023", None) == "2023"
    assert format_date("2023-11", None) == "November 2023"
    assert format_date("2024-03-19", None) == "March 19, 2024"
    assert format_date("1970s", None) == "1970s"


def test_no_country_that_did_not_exist_in_the_events_year():
    # "In 1987 the convoy crossed into Hungary": Kosovo (2008) or Slovenia (1991) would be anachronisms.
    later = {
        "Czech Republic",
        "Slovakia",
        "Kosovo",
        "Croatia",
        "Slovenia",
        "Serbia",
        "Ukraine",
        "Belarus",
        "Russia",
        "North Macedonia",
        "Montenegro",
        "Bosnia and Herzegovina",
    }
    seen: set[str] = set()
    for seed in range(40):
        got = pick_distractors(Answer("place", "Hungary", category="country", event_year=1987), [], random.Random(seed))
        assert got is not None and len(got) == 3
        seen.update(got)
    assert not seen & later
    assert "Poland" in seen
    # In 2015 they all existed: offered again.
    after = set()
    for seed in range(40):
        after.update(
            pick_distractors(Answer("place", "Hungary", category="country", event_year=2015), [], random.Random(seed))
            or []
        )
    assert after & later


def test_the_event_year_is_the_sentences_year_else_the_last_year_named_else_the_articles():
    import datetime as dt

    from quizapp.facts.model import ArticleFacts, Mention
    from quizapp.questions.candidates import event_year as _event_year

    first = "In May 1987 the convoy left Vienna."
    second = "Two days later it crossed into Hungary."
    text = f"{first} {second}"
    at = len(first) + 1
    dated = Mention(kind="date", text="May 1987", canonical="1987-05", value="1987-05", start=3, end=11, sentence=first)
    hungary = Mention(
        kind="place",
        text="Hungary",
        canonical="Hungary",
        start=text.index("Hungary"),
        end=text.index("Hungary") + 7,
        sentence=second,
        sentence_start=at,
    )
    facts = ArticleFacts(path="x.txt", text=text, published=dt.date(2024, 3, 1), mentions=[dated, hungary])
    assert _event_year(hungary, facts) == 1987  # the year the text last named
    assert _event_year(hungary, facts.model_copy(update={"mentions": [hungary]})) == 2024  # the article's
    own = hungary.model_copy(update={"sentence": "In 1990 it crossed into Hungary."})
    assert _event_year(own, facts) == 1990  # the sentence's own year


def test_city_distractors_come_from_the_answers_own_country():
    from quizapp.questions.distractors import reference

    pool = [*POOL, PoolEntry("place", "Leeds", (), "city"), PoolEntry("place", "Madrid", (), "city")]
    got = pick_distractors(
        Answer("place", "Bristol", category="city", stem="Where was the English engineer Ada Quell born?"),
        pool,
        random.Random(5),
    )
    assert got is not None and len(got) == 3
    assert "Leeds" in got  # the deck's own city of the same country comes first
    assert all(reference().city_country[g] == "United Kingdom" for g in got)


def test_a_city_of_no_known_country_gets_no_choices():
    assert pick_distractors(Answer("place", "Valmora", category="city"), POOL, random.Random(5)) is None


def test_a_country_written_by_another_name_is_a_country_whose_bundled_name_is_never_a_choice():
    from quizapp.questions.classify import place_category

    assert place_category("U.S.") == place_category("Britain") == place_category("Rwanda") == "country"
    for seed in range(20):
        got = pick_distractors(Answer("place", "U.S.", category="country"), [], random.Random(seed))
        assert got is not None and len(got) == 3
        assert "United States" not in got
        assert not {"U.S.", "US", "America"} & set(got)


def test_us_as_written_names_the_country_but_the_pronoun_us_does_not():
    from quizapp.questions.classify import implied_countries

    assert "United States" in implied_countries("The US embassy said so.")
    assert "United States" not in implied_countries("The ministry told us so.")
    assert "Rwanda" in implied_countries("A Rwandan official spoke.")


def test_a_country_named_by_another_name_is_given_away_by_its_peoples_name():
    from quizapp.questions.classify import country_named, implied_countries

    assert country_named("Wales") == country_named("U.K.") == "United Kingdom"
    assert country_named("America") is None  # as often the continents
    assert country_named("Wales") in implied_countries("The Welsh Secretary said the rule will be adopted in ___.")


def test_a_former_state_is_offered_only_among_former_states_and_only_while_it_existed():
    for seed in range(20):
        got = pick_distractors(
            Answer("place", "Soviet Union", category="country", event_year=1980), [], random.Random(seed)
        )
        assert got is not None
        assert set(got) <= {"Yugoslavia", "Czechoslovakia", "East Germany", "West Germany"}
    for seed in range(20):
        later = pick_distractors(
            Answer("place", "Ukraine", category="country", event_year=2005), [], random.Random(seed)
        )
        assert later is not None and not {"Soviet Union", "Yugoslavia", "Czechoslovakia"} & set(later)


def test_a_state_of_a_federation_stays_an_uncertain_place():
    # Measured and let go on 2026-12-04: hinted "(state)" and asked against other states, "Ohio" blanks were
    # accepted 16 times in 22 on dev but 3 in 12 on held-out articles (team names, passing locations).
    from quizapp.questions.classify import place_category

    assert place_category("Ohio") == place_category("Quebec") == place_category("Georgia") == "place"
