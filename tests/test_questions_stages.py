"""The generation stages one by one: overgenerate (cloze shape), verify, rank, select, --explain.

Every case goes through one helper, ``stages(text)``, which runs extraction and the stages on a
small original article and returns the report and the candidates at each stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizapp.questions.features import features
from quizapp.questions.model import Candidate, Form, GenerationReport, Outcome

pytest.importorskip("spacy")


@dataclass
class Run:
    made: list[Candidate]
    verified: list[Candidate]
    ranked: list[Candidate]
    report: GenerationReport

    def clozes(self) -> list[Candidate]:
        return [c for c in self.made if c.form is Form.CLOZE]

    def verified_cloze_texts(self, containing: str) -> list[str]:
        """The clozes of that sentence that passed every check."""
        return [c.shown for c in self.verified if c.form is Form.CLOZE and containing in c.shown]

    def shown_clozes(self, containing: str) -> list[str]:
        """What the student would read of each cloze made from the sentence holding ``containing``, whether alone
        or shown after the sentence before it."""
        return [c.shown for c in self.clozes() if containing in c.shown]

    def cloze_texts(self, containing: str) -> list[str]:
        """What the student would read of each cloze made from the sentence holding ``containing`` alone (not
        shown after the sentence before it)."""
        return [c.shown for c in self.clozes() if containing in c.shown and not c.evidence.get("leans_back")]

    def alone(self) -> list[str]:
        """What the student would read of every candidate made that stands alone (not shown after the sentence
        before it)."""
        return [c.shown for c in self.made if not c.evidence.get("leans_back")]

    def passage_texts(self, containing: str) -> list[str]:
        """The clozes of that sentence shown after the sentence before it."""
        return [c.shown for c in self.clozes() if containing in c.own_shown and c.evidence.get("leans_back")]

    def dropped(self, answer: str) -> set[str]:
        """Names of the checks that dropped candidates (or facts) with this answer, or that kept its sentence
        from standing alone (its cloze then shows the sentence before)."""
        return {t.check for t in self.report.traces if t.answer == answer and t.outcome is Outcome.DROPPED} | {
            c.evidence["alone_refused"] for c in self.made if c.answer == answer and "alone_refused" in c.evidence
        }


def stages(text: str, tmp_path: Path, name: str = "article.txt") -> Run:
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.ingest import read_articles
    from quizapp.questions.candidates import overgenerate
    from quizapp.questions.generate import article_scopes
    from quizapp.questions.rank import rank
    from quizapp.questions.verify import verify

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    articles = read_articles([str(path)], None, None)
    pairs = extract_facts_with_docs(articles)
    _sources, _pool, scopes = article_scopes(articles, pairs)
    report = GenerationReport()
    made = overgenerate(scopes[0], report)
    verified = verify(list(made), scopes[0], report)
    return Run(made, verified, rank(list(verified)), report)


BRIDGE = """The Ostvik Bridge

The Ostvik Bridge crosses the Lenna river at the town of Ostvik in northern Norway.
Construction began in 1987 under the engineer Marta Halvorsen, who had trained in Trondheim.
Marta Halvorsen chose a steel deck for the bridge in the same year.
She later said the project cost 410 million kroner, twice the first estimate.
However, the steel deck was shipped from Gothenburg in Sweden by the firm Nordstal.
This decision angered the mayor of Bergen, Per Lunde.
The bridge opened to traffic on 14 June 1991 after four years of work.
"""


@pytest.fixture(scope="module")
def bridge(tmp_path_factory):
    return stages(BRIDGE, tmp_path_factory.mktemp("bridge"))


CLOZE_CASES = [
    # (answer, expected: "cloze" made / name of the check that refused it)
    ("1987", "cloze"),
    ("Trondheim", "cloze"),
    ("Gothenburg", "cloze"),  # "However," is dropped, the rest of the sentence stands
    ("Bergen", "pointing_opener"),  # "This decision ..." points back
]


@pytest.mark.parametrize(("answer", "expected"), CLOZE_CASES)
def test_cloze_candidates_and_their_named_refusals(bridge, answer, expected):
    clozes = [c for c in bridge.clozes() if c.answer == answer]
    if expected == "cloze":
        assert clozes, f"no cloze for {answer}: dropped by {bridge.dropped(answer)}"
        assert "_____" in clozes[0].shown and answer not in clozes[0].shown
    else:
        assert not clozes
        assert expected in bridge.dropped(answer)


def test_a_pure_connective_is_dropped_and_the_sentence_starts_clean(bridge):
    gothenburg = next(c for c in bridge.clozes() if c.answer == "Gothenburg")
    assert gothenburg.shown.startswith("The steel deck")
    assert gothenburg.evidence["dropped_opener"]


def test_a_pronoun_is_written_out_from_context(bridge):
    cost = [c for c in bridge.clozes() if "410 million" in c.answer]
    assert cost, bridge.dropped("410 million kroner")
    assert cost[0].shown.startswith("Marta Halvorsen later said")


def test_a_name_written_out_after_a_name_gets_the_comma_of_its_opening_phrase(tmp_path):
    # "After signing for Charlton he made ..." had read "After signing for Charlton Graham Stuart made ...".
    run = stages(
        "Ola Brun\n\nOla Brun is a Norland footballer who was born in Skarvik in 1980.\n"
        "Brun played for Skarvik United from 1998 to 2004.\n"
        "After signing for Charlton he made 164 appearances for the club, scoring 23 goals.\n",
        tmp_path,
    )
    shown = run.cloze_texts("appearances")
    assert "After signing for Charlton, Ola Brun made _____ appearances for the club, scoring 23 goals." in shown, shown


def test_the_blank_never_gives_itself_away(tmp_path):
    run = stages(
        "Lake Lomsvatn\n\nThe village of Lomsvatn lies on the shore of Lake Lomsvatn in Innlandet county, "
        "where the painter Ivar Rosen settled in 1902 after years in Paris.\n",
        tmp_path,
    )
    assert not [c for c in run.clozes() if c.answer == "Lomsvatn"]


def test_every_dropped_candidate_names_its_check_and_reason(bridge):
    dropped = [t for t in bridge.report.traces if t.outcome is Outcome.DROPPED]
    assert dropped
    assert all(t.check and t.reason for t in dropped)


def test_ranking_orders_by_the_learned_estimate(bridge):
    scores = [c.score for c in bridge.ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < s < 1.0 for s in scores)


def test_select_keeps_one_card_per_sentence_below_the_second_card_estimate(bridge):
    from dataclasses import replace as copy_of

    from quizapp.questions.select import SECOND_CARD_SCORE, select

    # Every estimate under the second card's: each sentence gives at most one card.
    weak = [copy_of(c, score=SECOND_CARD_SCORE - 0.05) for c in bridge.ranked]
    kept = select(weak, limit=10, words=400, threshold=0.0)
    sentences = [c.sentence_key for c in kept]
    assert len(sentences) == len(set(sentences))
    assert [c.position for c in kept] == sorted(c.position for c in kept)


YARD = """The Eklund Yard

Tomas Eklund moved his boatyard from Kalmar to the island of Visingsö in 1902.
Eklund's yard on Visingsö built 214 fishing boats and 12 ferries for the steamship company Vätterbolaget in the province of Småland before the First World War.
The Eklund Yard closed in 1934 when Tomas Eklund retired to Jönköping.
"""  # noqa: E501


def test_a_sentence_may_give_a_second_card_once_the_deck_is_spread(tmp_path):
    from collections import Counter

    from quizapp.questions.select import MAX_PER_SENTENCE, select

    run = stages(YARD, tmp_path)
    kept = select(list(run.ranked), limit=10, words=400, threshold=0.0)
    per_sentence = Counter(c.sentence_key for c in kept)
    long_key = next(
        k for k in per_sentence if "Småland" in next(c for c in kept if c.sentence_key == k).mention.sentence
    )
    assert per_sentence[long_key] == MAX_PER_SENTENCE
    assert max(per_sentence.values()) <= MAX_PER_SENTENCE
    assert len({c.fact_key for c in kept}) == len(kept) and len({c.answer_key for c in kept}) == len(kept)
    # In a small deck the second card of the sentence (ranked above the 1902 card) waits for the second pass,
    # so every sentence gets its first card before any gets two.
    small = select(list(run.ranked), limit=3, words=50, threshold=0.0)  # too short for the floor to add cards
    assert Counter(c.sentence_key for c in small)[long_key] == 1
    assert "1902" in {c.answer for c in small}
    # A second card needs a good estimate whatever the bar: a sentence's best fact is taken first.
    from dataclasses import replace as copy_of

    from quizapp.questions.select import SECOND_CARD_SCORE

    first = max((c for c in run.ranked if c.sentence_key == long_key), key=lambda c: c.score)
    weaker = [
        c if c.sentence_key != long_key or c is first else copy_of(c, score=SECOND_CARD_SCORE - 0.01)
        for c in run.ranked
    ]
    assert Counter(c.sentence_key for c in select(weaker, limit=10, words=400, threshold=0.0))[long_key] == 1


REPEATS = """Nordstal Works

Nordstal Works is a Swedish maker of steel ferries.
Tomas Eklund founded Nordstal Works in Gothenburg in 1871 with a loan from his brother.
Nordstal Works delivered 40 steel ferries to the city council of Kalmar in 1921.
Tomas Eklund retired to Gothenburg in 1925 after a stroke.
"""


def test_an_answer_is_asked_once_more_only_in_the_second_pass_and_at_a_good_estimate(tmp_path):
    from dataclasses import replace as copy_of

    from quizapp.questions.select import REPEAT_ANSWER_SCORE, select

    run = stages(REPEATS, tmp_path)
    city = [c for c in run.ranked if c.answer == "Gothenburg"]
    founded = min(c.position for c in city)
    assert len({c.sentence_key for c in city}) == 2, [c.shown for c in city]

    def gothenburg_cards(repeat_score: float, limit: int, words: int = 400) -> int:
        # The founding sentence's Gothenburg comes first; the other sentence's at ``repeat_score``.
        ranked = sorted(
            (
                copy_of(c, score=(0.95 if c.position == founded else repeat_score) if c.answer == "Gothenburg" else 0.5)
                for c in run.ranked
            ),
            key=lambda c: -c.score,
        )
        return sum(c.answer == "Gothenburg" for c in select(ranked, limit=limit, words=words, threshold=0.0))

    assert gothenburg_cards(REPEAT_ANSWER_SCORE, limit=20) == 2
    assert gothenburg_cards(REPEAT_ANSWER_SCORE - 0.01, limit=20) == 1
    # A deck with room for one card per sentence asks each answer once: a repeat waits for the second pass.
    # (50 words: too short for the floor, which would top a deck of 3 up to 4.)
    assert gothenburg_cards(REPEAT_ANSWER_SCORE, limit=len({c.sentence_key for c in run.ranked}), words=50) == 1


def test_select_respects_the_bar_and_the_floor(bridge):
    from dataclasses import replace as copy_of

    from quizapp.questions.select import FLOOR_SCORE, MIN_DEFAULT_CARDS, select

    assert select(list(bridge.ranked), limit=10, words=40, threshold=1.01) == []
    # Nothing reaches the bar: the floor keeps a few cards, none of them under its own score (but one at least).
    mixed = [copy_of(c, score=FLOOR_SCORE + 0.1 if i % 2 else FLOOR_SCORE - 0.1) for i, c in enumerate(bridge.ranked)]
    rescued = select(mixed, limit=10, words=400, threshold=1.01)
    assert 0 < len(rescued) <= MIN_DEFAULT_CARDS
    assert all(c.score >= FLOOR_SCORE for c in rescued)
    # Every candidate under the floor's score: an article of 400 words gets the best one, a short item none.
    weak = [copy_of(c, score=FLOOR_SCORE - 0.1 - 0.01 * i) for i, c in enumerate(bridge.ranked)]
    assert [c.score for c in select(weak, limit=10, words=400, threshold=1.01)] == [FLOOR_SCORE - 0.1]
    assert select(weak, limit=10, words=399, threshold=1.01) == []


def test_number_and_date_distractors_fall_on_both_sides():
    import random

    from quizapp.questions import distractors as dist

    ranks = set()
    for seed in range(40):
        answer = dist.Answer(kind="number", canonical="410", value="410", granularity="integer")
        wrong = dist.number_distractors(answer, random.Random(seed))
        assert wrong and len(wrong) == 3
        choices = sorted([*wrong, "410"], key=dist.order_key)
        ranks.add(choices.index("410"))
    assert ranks == {0, 1, 2, 3}  # smallest, middle and largest all happen: the order gives nothing away


def test_explain_prints_every_sentence_with_its_verdicts(tmp_path):
    from typer.testing import CliRunner

    from quizapp.cli import app

    article = tmp_path / "bridge.txt"
    article.write_text(BRIDGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["generate", str(article), "-o", str(tmp_path / "d.yaml"), "--explain"])
    assert result.exit_code == 0, result.output
    assert "pointing_opener" in result.output
    assert "+ kept" in result.output
    assert "bridge:" in result.output  # the per-article summary


TOWN = """Velmora Harbour Project

The harbour project in Velmora began in 2009 under the mayor Agnes Tull.
The total bill for the project came in at 48 million euros when the work ended in 2016.
Ferries from Velmora first reached the island of Kirkvall in 2011 and 2013, the port authority said.
The local paper's harbour correspondent Jonas Vik wrote that the new quay was finished in 2014.
Later that year the Board of the harbour met in the old customs house in Velmora for the first time.
Since then the ferry firm Brisa Lines has run four crossings a day from the new quay.
The old pier was sold to the brewer Hallgrim Oster, who has kept his boats there ever since.
"""


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    return stages(TOWN, tmp_path_factory.mktemp("town"))


TOWN_CASES = [
    ("2011", "cloze_side_detail"),  # one of a pair: "in 2011 and 2013"
    ("Jonas Vik", "attribution"),  # the reporter, not a fact of the story
    ("Board of the harbour", "pointing_opener"),  # "Later that year" ties it to the sentence before
    ("Brisa Lines", "pointing_opener"),  # "Since then": since what, the card would not say
    ("Hallgrim Oster", "pointing_opener"),  # "... ever since." points back as well
]


@pytest.mark.parametrize(("answer", "check"), TOWN_CASES)
def test_general_cloze_checks_name_what_they_refuse(town, answer, check):
    assert not [
        c for c in town.verified if c.form is Form.CLOZE and c.answer == answer and not c.evidence.get("leans_back")
    ]
    # A sentence that points back may still be asked after the sentence before it; here that passage fails too
    # (its blank sits in what the card leaves out), which is then the refusal named.
    assert {check, "left_out"} & town.dropped(answer), town.dropped(answer)


@pytest.mark.parametrize(
    "opener",
    ["Elsewhere in the harbour,", "In other news,", "In other nominations,", "Firstly,", "Secondly,"],
)
def test_an_opener_that_sets_the_sentence_beside_another_points_back(tmp_path, opener):
    # "In other nominations, ___ triumphed as the best supporting actress ...": which awards, the card never says.
    run = stages(
        "Velmora Harbour\n\nThe harbour of Velmora was rebuilt in 2009 by the firm Brisa Lines.\n"
        f"{opener} the ferry firm Norra Lines opened its first office on the old quay in 2015.\n",
        tmp_path,
    )
    assert not [c for c in run.verified if c.answer == "Norra Lines" and not c.evidence.get("leans_back")]
    assert "pointing_opener" in run.dropped("Norra Lines"), run.dropped("Norra Lines")


@pytest.mark.parametrize(
    ("sentence", "points_back"),
    [
        ("The ferry firm Norra Lines opened its first office on the old quay that fall.", True),
        ("The ferry firm Norra Lines opened its first office on the old quay that August.", True),
        ("In March 2015 the ferry firm Norra Lines opened its first office on the old quay that summer.", False),
    ],
)
def test_that_fall_is_a_time_an_earlier_sentence_gave(tmp_path, sentence, points_back):
    # "Nirvana asked ___ to fill in on drums for a tour with Sonic Youth that August": which August?
    run = stages(
        f"Velmora Harbour\n\nThe harbour of Velmora was rebuilt in 2009 by the firm Brisa Lines.\n{sentence}\n",
        tmp_path,
    )
    alone = [c for c in run.verified if c.answer == "Norra Lines" and not c.evidence.get("leans_back")]
    assert (not alone and "pointing_opener" in run.dropped("Norra Lines")) is points_back, run.dropped("Norra Lines")


def test_a_clean_sentence_keeps_its_cloze(town):
    kept = [c for c in town.verified if c.form is Form.CLOZE and c.answer == "2009"]
    assert kept and kept[0].hint == "year"


QUAY = """The Velmora Quay

The new quay at Velmora was built between 2009 and 2014 for the ferry firm Brisa Lines.
Earlier, the harbour master Piet Sand told the Velmora Courier that the old pier needed new funding.
Next the engineer Dora Lind surveyed the old pier for the harbour board of Velmora.
Earlier British divers under Ivar Moe had mapped the old pier for the harbour board of Velmora.
Next, in 2015, the diver Ansel Roe mapped the wrecks under the new quay at Velmora.
Brisa Lines had grown in the interim from 50 staff to 430 staff on the island of Kirkvall.
Now the skipper Jens Holm runs the ferry Marta from Velmora to the lighthouse at Kirkvall.
In the season, the skipper Ola Brun sailed .458 of the crossings with the old ferry Marta.
Next month's vote in Velmora will be the fourth since the harbour board was founded in 1997.
One was the painter Eva Moe, who drew the new quay at Velmora for the harbour board in 2016.
More ambitious was the North Quay of the engineer Lars Vik, which the harbour board of Velmora opened in 2019.
Significantly, the harbour board of Velmora paid 4 million euros for the new quay in 2016.
Meantime, the harbour board of Velmora paid 2 million euros for the old pier in 2017.
"""


@pytest.fixture(scope="module")
def quay(tmp_path_factory):
    return stages(QUAY, tmp_path_factory.mktemp("quay"))


@pytest.mark.parametrize(
    "answer",
    ["Piet Sand", "Dora Lind", "Ivar Moe", "430", "Jens Holm", "Eva Moe", "Lars Vik"],
    ids=["earlier", "next", "earlier-before-a-name", "in-the-interim", "now", "one-was", "more-than-before"],
)
def test_a_sentence_placed_only_after_the_one_before_stands_no_cloze_alone(quay, answer):
    assert not [
        c for c in quay.verified if c.form is Form.CLOZE and c.answer == answer and not c.evidence.get("leans_back")
    ]
    assert {"pointing_opener", "left_out"} & quay.dropped(answer), quay.dropped(answer)


def test_a_sentence_adverb_opener_is_dropped_like_a_connective(quay):
    for paid in ("paid 4 million", "paid 2 million"):
        shown = quay.cloze_texts(paid)
        assert shown and all(text.startswith("The harbour board") for text in shown), shown


def test_next_goes_like_later_when_the_sentence_names_its_own_year(quay):
    shown = quay.cloze_texts("mapped the wrecks")
    assert shown and all(text.startswith(("In ", "The diver")) for text in shown), shown


#: (article, words of the sentence asked, how its card must begin): words the card leaves out of its sentence.
LEFT_OUT_CASES = [
    (  # a comma before a left-out bracket goes with it
        "Marlow Vance\n\nKeith Marlow Vance, (born 11 March 1931) is an English engineer who founded Vance Motors "
        "in Leeds.\n",
        "English engineer",
        "Keith Marlow Vance is an English",
    ),
    (  # a "then" after the subject goes where the sentence names its own year, as a "Then" opener would
        "Skarv Film\n\nAnsel Brekke founded the Skarv Film Company in Oslo in 1925.\n"
        "The Norland Film Board then banned its second film in 1931 for a scene in a church.\n",
        "banned its second film",
        "The Norland Film Board banned its second film",
    ),
]


@pytest.mark.parametrize(("article", "marker", "start"), LEFT_OUT_CASES, ids=["bracket-comma", "then-with-a-year"])
def test_words_the_card_leaves_out_leave_a_clean_sentence(tmp_path, article, marker, start):
    shown = stages(article, tmp_path).cloze_texts(marker)
    assert shown and all(text.startswith(start) for text in shown), shown


def test_a_name_inside_an_opening_participle_does_not_bind_its_subject_it(tmp_path):
    # "Founded ... by members of the Norland Church, it is ...": "it" is the college, not the church.
    shown = stages(
        "Skarvik College\n\nSkarvik College is a private liberal arts college in Bergen, Norway. Founded in 1887 "
        "by clergy and members of the Norland Church, it is one of the oldest colleges on the west coast of "
        "Norway.\n\nThe college moved to its present campus in 1914.\n",
        tmp_path,
    ).cloze_texts("oldest colleges")
    assert shown and all(", Skarvik College is one" in text and ", it is" not in text for text in shown), shown


def test_a_comma_before_a_left_out_bracket_at_the_end_goes_with_it(tmp_path):
    shown = stages(
        "Skarvik Regatta\n\nThe 12th Skarvik Regatta took place on 4 May 1961, on the bay of Skarvik, (Norland, "
        "Sweden).\nIt was won by the yacht Ferry Queen of Bergen.\n",
        tmp_path,
    ).cloze_texts("took place")
    assert shown and all(text.endswith("on the bay of Skarvik.") for text in shown), shown


def test_next_as_a_word_of_a_phrase_is_no_opener(quay):
    shown = quay.cloze_texts("month's vote")
    assert shown and all(text.startswith("Next month's vote") for text in shown), shown


def test_a_decimal_point_keeps_the_space_before_it(quay):
    shown = quay.cloze_texts("of the crossings")
    assert shown and all("sailed .458 of" in text for text in shown if "458" in text), shown


VALLEY = """Orrin Valley Railway

The Orrin Valley Railway opened between Dunmere and Carrick in 1874 after a decade of disputes.
The Orrin Valley Railway also carried mail for the Royal Mail from 1880 onwards.
Trains ran between Dunmere and Carrick for 96 years before the last service in 1970.
Oh, the old engineers at Dunmere remember the Orrin Flyer of 1921 with great fondness.
The line's chief engineer Tomas Greer[12] designed the viaduct at Carrick in 1872.
"""


@pytest.fixture(scope="module")
def valley(tmp_path_factory):
    return stages(VALLEY, tmp_path_factory.mktemp("valley"))


VALLEY_CASES = [
    ("1874", None),  # a clean sentence: its year is asked
    ("1880", "cloze_needs_context"),  # "also" leans on what came before
    ("1921", "not_a_statement"),  # "Ahh, ..." is an aside
]


@pytest.mark.parametrize(("answer", "check"), VALLEY_CASES)
def test_cloze_checks_measured_on_judgments(valley, answer, check):
    # Alone (a sentence leaning on the one before may still be asked after it: its check is then named too).
    clozes = [
        c for c in valley.verified if c.form is Form.CLOZE and c.answer == answer and not c.evidence.get("leans_back")
    ]
    if check is None:
        assert clozes
    else:
        assert not clozes and check in valley.dropped(answer), valley.dropped(answer)


def test_a_length_of_time_is_no_cloze_blank(valley):
    assert not [c for c in valley.made if c.form is Form.CLOZE and "years" in c.answer]


def test_reference_markers_are_cleaned_out_of_the_text(valley):
    assert all("[12]" not in c.shown for c in valley.made)
    assert any("Tomas Greer designed" in c.shown for c in valley.made)


def test_a_pronoun_is_written_as_the_article_writes_the_name():
    # The extraction may glue a place to a name ("At Samos Octavian received ..." gives the canonical
    # "Samos Octavian"): a pronoun is written out with the form the article uses most, never the glued one.
    from types import SimpleNamespace

    from quizapp.questions.candidates import name_as_written

    def person(text: str, canonical: str) -> SimpleNamespace:
        return SimpleNamespace(kind="person", text=text, canonical=canonical)

    samos = SimpleNamespace(kind="place", text="Samos", canonical="Samos")
    glued = SimpleNamespace(
        facts=SimpleNamespace(
            mentions=[samos, person("Samos Octavian", "Samos Octavian")] + [person("Octavian", "Samos Octavian")] * 4,
            text="At Samos Octavian received a message.",
        )
    )
    assert name_as_written(glued.facts, "Samos Octavian") == "Octavian"  # type: ignore[arg-type]
    full = SimpleNamespace(
        facts=SimpleNamespace(
            mentions=[person("Ri Il-gyu", "Ri Il-gyu")] + [person("Ri", "Ri Il-gyu")] * 5,
            text="Ri Il-gyu defected in 2023. Ri said so.",
        )
    )
    assert name_as_written(full.facts, "Ri Il-gyu") == "Ri Il-gyu"  # type: ignore[arg-type]
    # A childhood told with the given name ("Humphrey" four times) does not make "him" the given name alone
    # when the article calls the person by the surname elsewhere.
    surname = SimpleNamespace(
        facts=SimpleNamespace(
            mentions=[person("Humphrey Bogart", "Humphrey Bogart")]
            + [person("Humphrey", "Humphrey Bogart")] * 4
            + [person("Bogart", "Bogart")] * 6,
            text="Humphrey Bogart was born in 1899. Humphrey was raised in New York. In 1930, Bogart, then 31, left.",
        )
    )
    assert name_as_written(surname.facts, "Humphrey Bogart") == "Bogart"  # type: ignore[arg-type]


def test_a_long_sentence_is_asked_by_the_clause_that_holds_the_fact(tmp_path):
    text = (
        "The Orrin Valley Railway\n\nThe Orrin Valley Railway opened between Dunmere and Carrick in 1874 after a "
        "decade of disputes between the two towns over the route; the line closed to passengers in 1970 when "
        "the last service ran to Carrick.\n"
    )
    run = stages(text, tmp_path)
    opened = [c for c in run.made if c.form is Form.CLOZE and c.answer == "1874"]
    assert opened and opened[0].evidence["clause"]
    assert opened[0].shown.endswith("over the route.") and ";" not in opened[0].shown


def test_the_floor_takes_one_card_from_the_reserve_when_nothing_else_would_fill_the_deck(bridge):
    # Every candidate failed a soft check: an article of 400 words still gets its best one, and the report says so.
    from quizapp.questions.select import select

    report = GenerationReport()
    reserve = list(bridge.ranked)
    kept = select([], limit=10, words=400, threshold=0.5, report=report, reserve=reserve)
    assert [k.score for k in kept] == [max(c.score for c in reserve)]
    assert kept[0].source in report.notes
    # A short item gets none from the reserve.
    assert select([], limit=10, words=300, threshold=0.5, reserve=reserve) == []


def test_a_fact_without_a_wh_rewrite_says_which_rewrite_step_refused_it(tmp_path):
    run = stages(
        'Harbour Notes\n\nThe mayor of Ostvik, Per Lunde, said the ferry would "probably" reach Kirkvall '
        "by 2031 if the council agreed.\n",
        tmp_path,
    )
    checks = {t.check for t in run.report.traces}
    assert any(c.startswith("wh_") for c in checks), checks
    assert "no_rewrite" not in checks


def test_a_person_hint_only_for_someone_also_called_by_part_of_their_name():
    from types import SimpleNamespace

    from quizapp.questions.candidates import _hint_is_safe

    kwame = SimpleNamespace(kind="person", canonical="Kwame Nkrumah")
    forest = SimpleNamespace(kind="person", canonical="Nottingham Forest")
    assert _hint_is_safe(kwame, ["Nkrumah"])  # type: ignore[arg-type]
    assert not _hint_is_safe(forest, [])  # type: ignore[arg-type]


def test_an_organization_hint_for_an_acronym_only_when_spelled_out_or_known():
    from types import SimpleNamespace

    from quizapp.questions.candidates import _hint_is_safe

    def org(name: str):
        return SimpleNamespace(kind="organization", canonical=name)

    assert not _hint_is_safe(org("SMS"), [])  # type: ignore[arg-type]  # the small model's ORG for a text message
    assert _hint_is_safe(org("VHA"), ["Varna Harbour Authority"])  # type: ignore[arg-type]  # spelled out
    assert _hint_is_safe(org("NATO"), [])  # type: ignore[arg-type]  # the bundled reference knows it
    assert _hint_is_safe(org("Varna Harbour Authority"), [])  # type: ignore[arg-type]


HEDGED = """The Harbour Fire

The harbour fire of 1911 destroyed the old customs house in the port town of Velmar.
The fire destroyed only 140 warehouses on the Velmar quay.
The town council rebuilt the quay in the year 1913 with money from the Velmar Shipping Company.
Each of the 60 fishermen of Velmar received only £15 from the fund in 1912.
"""


def test_a_hedge_stays_in_the_sentence_and_out_of_the_answer(tmp_path):
    run = stages(HEDGED, tmp_path)
    answers = {c.answer for c in run.clozes()}
    assert "140" in answers and "only 140" not in answers
    four = next(c for c in run.clozes() if c.answer == "140")
    assert "only _____" in four.shown
    assert "1913" in answers and "year 1913" not in answers
    assert "£15" in answers and "only £15" not in answers  # a currency sign starts the value too


LEANING = """The Kestrel Mill

The Kestrel Mill was built on the river Aske in 1842 by the miller Tomas Breck.
Tomas Breck ran the mill until 1870, when his son Edvin Breck took it over.
Edvin Breck later sold the mill to the Aske Grain Company in 1872.
"Nothing here will change," said Ilse Varga, the company's manager.
"""


def test_the_ranker_sees_words_that_lean_on_earlier_sentences(tmp_path):
    from quizapp.questions.features import features

    run = stages(LEANING, tmp_path)
    by_answer = {c.answer: features(c) for c in run.clozes()}
    assert by_answer["1842"]["context_marker"] == 0.0
    assert by_answer["1872"]["context_marker"] == 1.0
    assert by_answer["1870"]["pronouns_left"] > 0 and by_answer["1842"]["pronouns_left"] == 0.0
    assert by_answer["Ilse Varga"]["speaker"] == 1.0
    assert by_answer["Ilse Varga"]["person_once"] == 1.0
    assert by_answer["1842"]["speaker"] == 0.0


def test_an_article_of_some_length_keeps_its_best_card_even_at_a_low_score(bridge):
    from dataclasses import replace as copy_of

    from quizapp.questions.select import select

    weak = [copy_of(c, score=0.05) for c in bridge.ranked]  # all below the floor's score
    kept = select(weak, limit=10, words=400, threshold=0.5)
    assert len(kept) == 1


def test_the_floor_takes_candidates_that_passed_every_check_before_any_of_the_reserve(bridge):
    from dataclasses import replace as copy_of

    from quizapp.questions.select import FLOOR_SCORE, select

    # (a group whose bar is above the floor's score: candidates between the two fill a thin deck)
    bar = FLOOR_SCORE + 0.1
    first, *rest = bridge.ranked
    leaning = copy_of(first, score=0.9, evidence={**first.evidence, "soft_fail": "cloze_needs_context"})
    below_bar = [copy_of(c, score=FLOOR_SCORE + 0.05) for c in rest if c.sentence_key != first.sentence_key]
    assert below_bar
    kept = select(below_bar, limit=10, words=400, threshold=bar, reserve=[leaning])
    assert kept and all(k is not leaning for k in kept)
    assert select([], limit=10, words=400, threshold=bar, reserve=[leaning]) == [leaning]
    # A sentence of asides is judged as often acceptable as the deck: it fills the floor like the rest.
    asides = [copy_of(c, evidence={**c.evidence, "soft_fail": "cloze_asides"}) for c in below_bar]
    assert len(select([], limit=10, words=400, threshold=bar, reserve=asides)) > 1


BRACKETED = """Ines Halvard

Ines Halvard (born in Tromsø in 1902) was a Norwegian painter of coastal villages.
In 1931 Ines Halvard moved to Bergen, where she taught at the Vestland Academy (later the Bergen School of Art).
"""


def test_a_bracketed_aside_is_left_out_of_the_cloze_and_never_blanked(tmp_path):
    run = stages(BRACKETED, tmp_path)
    by_answer = {c.answer: c for c in run.clozes()}
    moved = next(c for c in run.clozes() if "moved" in c.shown)
    assert "(" not in moved.shown and "Bergen School of Art" not in moved.shown
    assert moved.shown.endswith("Vestland Academy.")
    assert "Tromsø" not in by_answer and "in_brackets" in run.dropped("Tromsø")


def test_a_bracket_inside_an_aside_is_part_of_the_aside(tmp_path):
    run = stages(
        "Ines Halvard\n\nInes Halvard was a Norwegian painter of coastal villages.\nIn 1931 Ines Halvard painted "
        "the harbour mural (Norwegian for the harbour (or quay) at dawn) for the Bergen town hall.\n",
        tmp_path,
    )
    shown = run.cloze_texts("harbour mural")
    assert shown and all("harbour mural for the " in text and ")" not in text for text in shown), shown


MILLS = """Harrow Mills

Harrow Mills was a cotton mill founded by Edith Carrow in the town of Selby Cross in 1841.
Edith Carrow ran Harrow Mills for forty years and doubled its workforce by 1860.
Edith Carrow expanded the mill with a second weaving shed in 1852.
Her nephew Arthur Pell died in 1859 at the age of six.
In 1881 Edith Carrow sold the mill to the Lindqvist family of Gothenburg.
Edith Carrow died in 1890 in the house she had built beside the river Selby.
The mill kept its looms running through the cotton famine of the 1860s, said Owen Bratt, a local historian.
HAROLD Pike wrote the first history of Harrow Mills in 1902 for the town council.
The weaver Tobias Wren never wanted to leave the old weaving shed by the water.
The mill's second steam engine arrived from Leeds in 1850, according to the Selby Herald's Martha Quill.
The mill's records note that the first steam engine was bought from the firm of on 3 May 1845.
Carl Stenberg, an engineer from Leeds, tested the mill's looms from 1860 until his death in 1871.
"""


@pytest.fixture(scope="module")
def mills(tmp_path_factory):
    return stages(MILLS, tmp_path_factory.mktemp("mills"))


MILLS_CASES = [
    ("1859", "passing_life_date"),  # the death year of a nephew named once
    ("1871", "passing_life_date"),  # "until his death in ___": the death year of an engineer named once
    ("3 May 1845", "word_lost_from_source"),  # "the firm of on": the firm's name was lost from the text
    ("Owen Bratt", "passing_speaker"),  # named once, as the one who said something
    ("HAROLD Pike", "shouted_name"),  # a kicker's capitals are typography, not the name
    ("Tobias Wren", "cloze_lone_fact"),  # the sentence names nothing but the blank
    ("Martha Quill", "outlet_staff"),  # the news source ("according to the Selby Herald's ___")
]


@pytest.mark.parametrize(("answer", "check"), MILLS_CASES)
def test_passing_people_and_damaged_text_are_refused(mills, answer, check):
    assert not [c for c in mills.verified if c.answer == answer]
    assert check in mills.dropped(answer), mills.dropped(answer)


@pytest.mark.parametrize(
    ("sentence", "outlet", "check"),
    [
        # An outlet that officials tell is the source, not the fact.
        (
            "Marta Dahl will replace Olaf Brekke in March, two board members tell the Selby Herald.",
            "Selby Herald",
            "cloze_side_detail",
        ),
        # An outlet named before its correspondent is a byline.
        (
            "BBC Scotland political correspondent Kari Lunde said Marta Dahl had met the minister in Bergen in March.",
            "BBC Scotland",
            "outlet_staff",
        ),
    ],
    ids=["told", "correspondent"],
)
def test_a_news_outlet_is_who_tells_the_news_not_a_fact_of_it(tmp_path, sentence, outlet, check):
    run = stages(
        f"Harbour Board\n\nThe Skarvik harbour board chose Marta Dahl as its new chair in 2024.\n{sentence}\n",
        tmp_path,
    )
    assert check in run.dropped(outlet), run.dropped(outlet)


def test_the_life_dates_of_someone_the_article_is_about_stay(mills):
    assert "passing_life_date" not in mills.dropped("1890")
    assert [c for c in mills.verified if c.answer == "1890"]


FERRY = """Vestria ferry line

The Vestria Ferry Company opened its first line between Port Alder and Skarnes in 1987.
Analysts say the company could buy the Norland shipyard in 2026.
Harriet Lunde is considered a likely chair of the harbour board in 2027.
The captain Olaf Brekke seems to have sailed the first ferry to Skarnes in 1989.
Ahh, if only Vestria had bought the Selby Dock in 1990.
The harbour board, according to the Port Alder Gazette, will probably approve the new pier in 2025.
Harbour analyst Petra Sund counted forty crossings a day on the Skarnes line in 2019.
"""


@pytest.fixture(scope="module")
def ferry(tmp_path_factory):
    return stages(FERRY, tmp_path_factory.mktemp("ferry"))


@pytest.mark.parametrize(
    "answer",
    [
        "2026",  # "could buy": a guess
        "2027",  # "is considered a likely chair": someone's view
        "Olaf Brekke",  # "seems to have carried": an impression
        "1990",  # "if only ... had bought": a wish
        "2025",  # "will probably approve": hedged
    ],
)
def test_a_guess_a_wish_or_a_view_is_no_fact_to_ask(ferry, answer):
    assert not [c for c in ferry.verified if c.answer == answer]
    assert "not_a_fact" in ferry.dropped(answer), ferry.dropped(answer)


def test_a_commentator_named_in_passing_is_a_source_not_a_fact(ferry):
    assert not [c for c in ferry.verified if c.answer == "Petra Sund"]
    assert "passing_commentator" in ferry.dropped("Petra Sund"), ferry.dropped("Petra Sund")
    assert [c for c in ferry.verified if c.answer == "2019"]  # what she counted is still asked


SOURCES = """Harbour Ferry Strike

The Norland Ferry Company cancelled 40 sailings from Skarvik on Monday after a strike by its crews.
"We dodged a bullet," said Steve Cowan, a spokesman for the Skarvik Harbour Board.
Professor Ida Vance, who is also vice-president of research at Holm University, told the Skarvik Times the strike would cost 2 million crowns.
Mark Olsen, director of the Skarvik Chamber of Commerce, sold the Norland Ferry Company 3 ships in 2001.
Olga Berg, chief executive of the Holm Shipping Guild, said the crews would strike again in June 2025.
Erik Dahl, deputy director of the Skarvik Pilots Office, said the strike had closed the harbour for 3 days.
John Harris, who recently quit the Holm Rowing Club, said the strike had cost him 2 races in May 2024.
"""


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    return stages(SOURCES, tmp_path_factory.mktemp("sources"))


@pytest.mark.parametrize("answer", ["Skarvik Harbour Board", "Holm University", "Skarvik Pilots Office"])
def test_where_a_quoted_source_works_is_a_byline_not_a_fact(sources, answer):
    assert [c for c in sources.made if c.answer == answer], [c.answer for c in sources.made]
    assert not [c for c in sources.verified if c.answer == answer]
    assert "source_affiliation" in sources.dropped(answer), sources.dropped(answer)


def test_where_someone_works_who_is_not_quoted_is_no_byline(sources):
    # Mark Olsen is not a source here: he sold the ships, so the chamber he runs is no attribution of a quote.
    assert "source_affiliation" not in sources.dropped("Skarvik Chamber of Commerce")
    # Who heads it speaks for it: what the chief executive says, the guild says.
    assert [c for c in sources.made if c.answer == "Holm Shipping Guild"]
    assert "source_affiliation" not in sources.dropped("Holm Shipping Guild")
    # "who recently quit the ___" says what he did, not where he works.
    assert [c for c in sources.made if c.answer == "Holm Rowing Club"]
    assert "source_affiliation" not in sources.dropped("Holm Rowing Club")


FILED = """Ferry office moves

The Nordlys ferry company moved its head office to Copenhagen in 1998.
Its crews ended a strike between Oslo and Copenhagen on 3 March 2021 after talks in Stockholm.
"""


def test_a_false_statement_never_swaps_in_a_place_only_the_dateline_gives(tmp_path):
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.facts.model import Cluster, Mention
    from quizapp.ingest import read_articles
    from quizapp.questions.candidates import overgenerate
    from quizapp.questions.generate import article_scopes
    from quizapp.questions.verify import verify

    path = tmp_path / "filed.txt"
    path.write_text(FILED, encoding="utf-8")
    articles = read_articles([str(path)], None, None)
    pairs = extract_facts_with_docs(articles)
    facts = pairs[0][0]
    # The page was filed from Helsinki: a dateline, which the extractor keeps as an aside.
    facts.mentions.append(
        Mention(kind="place", text="Helsinki", canonical="Helsinki", sentence="Helsinki.", start=0, end=8, aside=True)
    )
    facts.clusters.append(Cluster(kind="place", canonical="Helsinki", label="GPE"))
    _sources, _pool, scopes = article_scopes(articles, pairs)
    verified = verify(overgenerate(scopes[0], GenerationReport()), scopes[0], GenerationReport())
    asked = [c for c in verified if c.answer == "Copenhagen" and c.swaps]
    assert asked, "the article's own cities are swapped in"
    assert all("Helsinki" not in c.swaps for c in asked)
    assert any("Stockholm" in c.swaps for c in asked)


def test_a_plain_statement_of_fact_is_asked(ferry):
    assert "not_a_fact" not in ferry.dropped("1987")
    assert [c for c in ferry.verified if c.answer == "1987"]


DATELINED = """Harbour talks resume

The long dispute over the harbour may be nearing its end.

PORT ALDER—Negotiators from Norland and Vestria met in Port Alder on Tuesday to restart the harbour treaty talks.
The treaty was first signed in 1998 by the Norland Ferry Company and the port authority of Vestria.
"""


WIRE_DATELINED = """Harbour talks resume

By Mara Quint PORT ALDER, Vestria, Mar 4 (Harbour Wire) - Negotiators from Norland met Vestrian officials on Tuesday to restart the 1998 harbour treaty talks.
The treaty was first signed in 1998 by the Norland Ferry Company and the port authority of Vestria.
"""


@pytest.mark.parametrize(
    ("article", "lead_words"),
    [(DATELINED, "met in"), (WIRE_DATELINED, "restart the")],
    ids=["place-dash", "wire-byline-region-day-agency"],
)
def test_a_dateline_is_left_out_of_the_lead_sentence_and_never_blanked(tmp_path, article, lead_words):
    run = stages(article, tmp_path)
    lead = [t for t in run.report.traces if t.form == "cloze" and lead_words in t.text]
    assert lead, "the lead sentence still gives clozes"
    assert all(t.text.startswith("Negotiators from") for t in lead)
    assert not [t for t in run.report.traces if t.form == "cloze" and t.answer.upper() == "PORT ALDER"]


@pytest.mark.parametrize(
    ("name", "label", "certain"),
    [
        ("Green Bay Packers", "LOC", False),  # the small model's LOC alone: a team, no "region" hint
        ("Portugal", "GPE", True),  # the bundled reference knows it
        ("Lisbon", "GPE", True),
    ],
)
def test_a_place_kind_rests_on_the_reference_not_on_the_model_label(name, label, certain):
    from quizapp.facts.model import Mention
    from quizapp.questions.candidates import kind_is_certain

    sentence = f"They met near {name} last spring."
    mention = Mention(
        kind="place", text=name, canonical=name, sentence=sentence, start=14, end=14 + len(name), label=label
    )
    assert kind_is_certain(mention, []) is certain


@pytest.mark.parametrize(
    ("text", "granularity", "hint"),
    [
        ("1987", "year", "year"),
        ("44 BC", "year", "year"),
        ("fall 2012", "year", "date"),  # a season: "year" would name only part of the blank
        ("winter of 1664", "year", "date"),
        ("May", "month", "month"),
        ("May 1945", "month", "month and year"),
        ("July of last year", "month", "date"),
        ("the 1990s", "decade", "decade"),
        ("3 May 1850", "day", "date"),
    ],
)
def test_a_date_hint_names_the_whole_blank(text, granularity, hint):
    from quizapp.facts.model import Mention
    from quizapp.questions.shapes.cloze import hint_for

    date = Mention(kind="date", text=text, canonical=text, sentence=f"It was {text}.", start=7, end=7 + len(text))
    assert hint_for(date, None, granularity) == hint


UTILITY = """Nordvik Water Company

The Nordvik Water Company, which maintains 2,100 miles of pipes around the city of Nordvik, records about 300 leaks in a typical month.
The Great Flood of 1842 destroyed 410 houses in the old town of Nordvik before the river fell.
"""


def test_a_count_is_not_asked_without_the_period_it_holds_for(tmp_path):
    run = stages(UTILITY, tmp_path)
    # "How many leaks does ... record?" would drop "in a typical month": unscoped, so refused by name.
    assert "count_without_its_period" in run.dropped("300")
    assert not [c for c in run.verified if c.form is Form.WH and c.answer == "300"]
    # The miles are another clause's count, and the flood's year stays in its question: both kept.
    asked = {c.answer: c.shown for c in run.verified if c.form is Form.WH}
    assert "2,100" in asked and "410" in asked and "1842" in asked["410"]


def test_the_two_countries_is_written_out_or_the_cloze_refused(tmp_path):
    (tmp_path / "named").mkdir()
    (tmp_path / "unnamed").mkdir()
    named = stages(
        "Polar Research\n\nNorway and Chile signed a polar research treaty in Oslo in March 2019.\n"
        "In 2022, the two countries opened a joint research station in Punta Arenas.\n",
        tmp_path / "named",
    )
    opened = [c for c in named.verified if c.form is Form.CLOZE and c.answer == "2022"]
    assert opened and "Norway and Chile opened" in opened[0].shown
    unnamed = stages(
        "Polar Research\n\nThe talks in Oslo dragged on for most of the winter of 2019.\n"
        "In 2022, the two countries opened a joint research station in Punta Arenas.\n",
        tmp_path / "unnamed",
    )
    assert "unresolved_reference" in unnamed.dropped("2022")
    assert not [
        c for c in unnamed.verified if c.form is Form.CLOZE and c.answer == "2022" and not c.evidence.get("leans_back")
    ]


def test_a_pronoun_is_never_written_out_as_the_person_its_own_sentence_names_after_it(tmp_path):
    run = stages(
        "The Harbour Film\n\nThe director Ansel Brekke cast Tove Lindqvist as the harbour master in 2021.\n"
        "Tove Lindqvist had never acted in a film before.\n"
        "He said Lindqvist studied the fishing trade in Tromsø for a month.\n",
        tmp_path,
    )
    shown = run.cloze_texts("studied the fishing")
    assert not any("Tove Lindqvist said Lindqvist" in s for s in shown), shown
    assert "unresolved_reference" in run.dropped("Tromsø")


#: (article, words of the sentence asked, how its card must open, words of a sentence left unresolved): a pronoun
#: subject carries on the named subject of the sentence before, and nothing less sure.
CARRIED_SUBJECTS = [
    (  # the sentence before names two people: "He" is its subject, "him" (no subject) stays unresolved
        "Harbour Talks\n\nCarlos Vidal met Ines Ortiz in Lima in March 2014 to discuss the new harbour.\n"
        "He later signed a contract with the Norland Navy worth 40 million dollars in June 2015.\n"
        "Ines Ortiz praised Carlos Vidal in a speech in Callao in 2016.\n"
        "The mayor of Lima later gave him a medal for the harbour in 2017.\n",
        "signed a contract",
        "Carlos Vidal later signed",
        "gave him a medal",
    ),
    (  # "It" after a named organization; not after a person, even one the small model labels ORG
        "Bank Lending\n\nThe World Bank opened a regional office in Nairobi in 1994 after long talks.\n"
        "It later lent 40 million dollars to the government of Kenya in 1997.\n"
        "Helena Brandt wrote about the loan in Nairobi in 1999.\n"
        "It was read by the staff of the ministry in 2001.\n",
        "lent 40 million",
        "The World Bank later lent",
        "read by the staff",
    ),
]


@pytest.mark.parametrize(("article", "asked", "opening", "unresolved"), CARRIED_SUBJECTS, ids=["he", "it"])
def test_a_pronoun_subject_carries_on_the_named_subject_before(tmp_path, article, asked, opening, unresolved):
    run = stages(article, tmp_path)
    carried = run.cloze_texts(asked)
    assert carried and all(s.startswith(opening) for s in carried), carried
    assert not run.cloze_texts(unresolved)


def test_a_blank_never_cuts_a_regnal_number_from_its_name(tmp_path):
    run = stages(
        "Kings of Norland\n\nIn 1282, Haakon I sealed the harbour charter of Skarvik after a long siege.\n",
        tmp_path,
    )
    assert "inside_a_name" in run.dropped("Haakon")
    assert run.cloze_texts("sealed the harbour charter")  # the year is still asked


def test_in_a_biography_her_pronoun_is_not_bound_by_another_person_named_before_it(tmp_path):
    run = stages(
        "Maren Holt\n\nMaren Holt was a Norwegian painter of coastal villages. She studied in Bergen, and she "
        "showed her work in Oslo in 1921.\nThe critic Olav Brekke reviewed her first show in Oslo. After Olav Brekke "
        "praised her paintings, she was elected to the Bergen Academy in 1925.\n",
        tmp_path,
    )
    shown = run.shown_clozes("elected to the Bergen Academy")
    # "she" is Maren Holt, not Olav Brekke: written out, shown after a sentence naming her, or not asked.
    assert not [text for text in shown if "she was elected" in text and "Maren Holt" not in text], shown


def test_a_blank_never_cuts_jr_from_its_name(tmp_path):
    run = stages(
        "Harbour Books\n\nTobias Brekke, Jr.'s novel Salt Roads was adapted into the 1987 film Low Tide by the "
        "Skarvik studio.\n",
        tmp_path,
    )
    assert not [s for s in run.cloze_texts("novel Salt Roads") if s.startswith("_____, Jr.")]
    assert "inside_a_name" in run.dropped("Tobias Brekke")


def test_a_possessive_inside_the_subject_is_not_bound_by_that_subject(tmp_path):
    run = stages(
        "Parkland Results\n\nParkland Resorts runs water parks in Ohio and Texas.\n"
        "Attendance across its nine parks fell 6% in 2023 after a wet summer.\n",
        tmp_path,
    )
    fell = run.cloze_texts("nine parks")
    # Written out with the company's name, or refused: never "its nine parks" left for the student to guess.
    assert not [s for s in fell if "its nine parks" in s], fell
    assert fell or "unresolved_reference" in run.dropped("2023")


def test_a_date_question_needs_the_year_the_article_writes(tmp_path):
    run = stages(
        "Ferry Strike\n\nPublished: 3 March 2024\n\n"
        "The ferry workers of Norland walked out in January over pay.\n"
        "The ferry line to Skarvik opened in June 2019 after two years of building.\n",
        tmp_path,
    )
    asked = {c.answer for c in run.verified if c.form is Form.WH and c.kind == "date"}
    assert "year_not_stated" in run.dropped("January 2024")
    assert "January 2024" not in asked
    assert "year_not_stated" not in run.dropped("June 2019")


def test_a_pronoun_in_an_opening_phrase_is_left_and_the_subject_written_out(tmp_path):
    run = stages(
        "Ansel Brekke\n\nAnsel Brekke was a Norwegian harbour engineer born in Skarvik in 1871.\n"
        "After completing his studies in Trondheim, he became the harbour master of Bergen in 1898.\n"
        "Brekke designed his first breakwater for the port of Ålesund in 1903.\n",
        tmp_path,
    )
    studies = run.cloze_texts("completing his studies")
    assert studies and all("Ansel Brekke became" in s for s in studies), studies
    first = run.cloze_texts("first breakwater")
    assert first and all("designed his first" in s for s in first), first  # the name before binds "his"


def test_a_pronoun_in_an_opening_phrase_is_bound_by_the_name_that_follows(tmp_path):
    run = stages(
        "Harbours of Norland\n\nThe harbours of Norland were rebuilt after the storm of 1862.\n"
        "Marta Halvorsen surveyed the coast of Norland in 1868 for the harbour board.\n"
        "Two years into his tenure, Ansel Brekke asked the harbour board of Bergen for 40,000 kroner.\n"
        "Since its founding in 1901, the Skarvik Ferry Company has carried 3 million passengers.\n"
        "Before his retirement, she sent the harbour board of Bergen a report on Skarvik in 1890.\n",
        tmp_path,
    )
    tenure = run.cloze_texts("into his tenure")
    assert tenure and all("his tenure" in s for s in tenure), tenure
    founding = run.cloze_texts("its founding")
    assert founding and all("its founding" in s for s in founding), founding
    # A pronoun of another person than the subject ("his" before "she") still needs its antecedent.
    assert not [s for s in run.cloze_texts("his retirement") if "his retirement" in s]


def test_there_and_such_pointing_back_refuse_the_cloze_unless_the_sentence_names_what_they_mean(tmp_path):
    run = stages(
        "Skarvik\n\nSkarvik is a fishing town on the west coast of Norland.\n"
        "German troops remained there until the Norland Army arrived in October 1944.\n"
        "The harbour board said such repairs would cost Skarvik 40,000 kroner in 1951.\n"
        "The Bergen Harbour Company opened an office in Trondheim in 1903 and stayed there until 1931.\n"
        "Marta Halvorsen sold such goods as cod and herring to Bergen merchants in 1911.\n"
        "The first ferry of such a size was built for the Skarvik line by Ola Brun in 1923.\n"
        "The storm of 1934 did such a lot of damage that the Skarvik pier was closed for a year.\n",
        tmp_path,
    )
    assert "unresolved_reference" in run.dropped("October 1944")
    assert "unresolved_reference" in run.dropped("1951")
    assert "unresolved_reference" in run.dropped("1923")  # "such a size": what size was said before
    assert run.cloze_texts("such a lot of damage that"), run.dropped("1934")
    assert run.cloze_texts("stayed there"), run.dropped("1931")
    assert run.cloze_texts("such goods as"), run.dropped("1911")


def test_a_pronoun_inside_a_bracketed_aside_needs_no_referent_since_the_aside_is_left_out(tmp_path):
    run = stages(
        "Skarvik\n\nSkarvik is a fishing town on the west coast of Norland.\n"
        "The pier at Skarvik (she called it her finest work) was built by the Bergen Harbour Company in 1903.\n",
        tmp_path,
    )
    built = run.cloze_texts("was built by")
    assert built and not [s for s in built if "finest work" in s], run.dropped("1903")


@pytest.mark.parametrize(
    ("line", "marker", "made"),
    [
        ("1987 – Nordstal opens a steel works in Gothenburg.", "steel works", False),
        ("1899 Marta Halvorsen discovers a new alloy in Trondheim.", "new alloy", False),
        ("Had 711,847 households and had 743,436 dwellings in Trondheim.", "dwellings", False),
        ("TFR = the number of children each woman of Trondheim has, as counted in 1987.", "each woman", False),
        ("March 3, 2017 − Nordstal signed welder Ola Berg to a one-year contract in Gothenburg.", "welder", False),
        ("Jan. 5 – Nordstal bought the Bergen Harbour Company for 40 million kroner.", "Harbour Company", False),
        ("March 2017: Nordstal moved its head office from Gothenburg to Trondheim.", "head office", False),
        ("March 3, 2017 was the day Nordstal moved its head office from Gothenburg to Trondheim.", "head office", True),
        ("1500 Swedish soldiers landed at the harbour of Gothenburg in the spring of 1658.", "soldiers", True),
        # A list that shouts its dates, and an entry that gives its event a title before the dash.
        (
            "11 NOVEMBER – A broker of Gothenburg was shot dead by Ola Berg while he waited in traffic.",
            "traffic",
            False,
        ),
        (
            "30 November Harbour Inn bombing – The gang threw two bombs into the Harbour Inn in Gothenburg.",
            "bombs",
            False,
        ),
    ],
)
def test_timeline_entries_keys_and_subjectless_lines_are_no_sentences(tmp_path, line, marker, made):
    run = stages(
        f"Norland Chronicle\n\nThe chronicle of Norland begins with the town's charter in 1402.\n\n{line}\n", tmp_path
    )
    assert bool(run.cloze_texts(marker)) is made, run.report.traces


@pytest.mark.parametrize(
    ("line", "check"),
    [
        (
            "O Norland Harbour Board verificou em Gotemburgo uma incidência notória de votos inválidos em 1987.",
            "not_prose",
        ),
        (
            "Depois das eleições de 1987 e 1990, o Norland Harbour Board pediu a cidade que construísse um novo cais "
            "para as barcas do porto.",
            "not_prose",
        ),
        (
            "Norland ferry timetables for every harbour on the coast are at https://example.org/ferries About the "
            "Norland Ferry Company Founded in 1987, the Norland Ferry Company runs six boats between Bergen and Skarvik.",
            "web_address",
        ),
        (
            "We opened the new ferry terminal of Norland in Gothenburg in 1987, the harbour board wrote.",
            "unfit_sentence",
        ),
        (
            "Marta Halvorsen is a regular contributor to the Norland Gazette, which she joined in 1987.",
            "unfit_sentence",
        ),
        ("Marta Halvorsen takes a closer look at the 1987 merger of the Norland ferry companies.", "unfit_sentence"),
        ("Norland Ferries was down 5.2 pc at Rs 1987, and Skarvik Shipping fell 3 pc at Rs 410.", "market_tick"),
        (
            "Norland Ferries Inc., founded in 1987, traded up 0.77% at $63.03 shortly before the closing bell.",
            "market_tick",
        ),
        ("The Norland Gazette{{'}}s harbour column first appeared in Skarvik in 1987.", "markup_residue"),
        (
            "SkarvikMural.jpg|The Skarvik Mural of the harbour, photographed in 1987 before its repair.",
            "markup_residue",
        ),
        ("| q=Rent control started in Skarvik in 1987, when the harbour board of Norland signed it.", "markup_residue"),
        (
            "Q=The researchers examined the 1987 harbour vote of Skarvik and the ferry fares of Norland.",
            "markup_residue",
        ),
        (
            "A version of the __ (sjark), or small boat, was first built by Ola Brun of Skarvik in 1987.",
            "markup_residue",
        ),
        (
            "Clay pipes were first made by Ola Brun of Skarvik in 1987, where they were called _sjarkpipe_s.",
            "markup_residue",
        ),
        ("The Norland ferry line faces stiff competition from Skarvik and but hopes to grow by 1987.", "source_gap"),
        (
            "The Norland harbour board raised an appeal with did not succeed in the court of Skarvik in 1987.",
            "source_gap",
        ),
        ("The Norland coast is long, while its 1987 islands encompass a further of coastline.", "source_gap"),
        ("Since July , the Norland Rovers have played at Skarvik Park, which was built in 1987.", "source_gap"),
        (
            "Marta Halvorsen, born in 1987, sang the song at the Norland Rovers' opening game on April 8, .",
            "source_gap",
        ),
        ("Only 3% of Norland is higher than above sea level, the survey of Skarvik found in 1987.", "source_gap"),
        ("The Norland ferry Skarvik reached a speed of , a record for the harbour in 1987.", "source_gap"),
        (
            "The population of Skarvik has risen by half since 1987 to approximately , or 4% of Norland's total.",
            "source_gap",
        ),
        ("Temperatures in Norland ranged from , recorded in 1987, to 31 degrees in 1990.", "source_gap"),
        ("In 1987, year-old Marta Halvorsen drew up plans for the new ferry of Skarvik.", "source_gap"),
        ("The Norland ferry line is, , run by the harbour board of Skarvik since 1987.", "source_gap"),
        ("In 1987 the new ferry of Norland was longer than the old ferry of Skarvik by .", "source_gap"),
        ("In 1987 the harbour board of Norland paid $ in dollars for the new ferry of Skarvik.", "source_gap"),
        ("The census of Norland put the population in , against only 1 895 000 people in 1987.", "source_gap"),
        ("The harbour of Skarvik had a temperature that swung between and over the year 1987.", "source_gap"),
        (
            "Marta Halvorsen, The Ferries of Norland, edited by Per Ostberg, Skarvik University Press, (1987).",
            "unfit_sentence",
        ),
        ("Marta Halvorsen said the harbour board will will not sell the pier of Skarvik before 1987.", "source_gap"),
        ("The harbour board of Skarvik expects the toll to fall to fall to 3 euros in 1987.", "source_gap"),
        (
            "At a depth of about —approximately, the harbour of Skarvik was the deepest of Norland in 1987.",
            "source_gap",
        ),
        ("THE NORLAND FERRY COMPANY OF SKARVIK was founded by Marta Halvorsen in 1987.", "capitals_run"),
    ],
)
def test_lines_with_no_fact_to_learn_give_no_candidate(tmp_path, line, check):
    run = stages(
        f"Norland Chronicle\n\nThe chronicle of Norland begins with the town's charter in 1402.\n\n{line}\n", tmp_path
    )
    assert not [c for c in run.verified if "1987" in c.mention.sentence]
    assert check in run.dropped("1987"), run.dropped("1987")


@pytest.mark.parametrize(
    ("sentence", "figures", "derivable"),
    [
        (
            "Quarterly profits at Norland Ferries jumped 76% to $1.13bn in the three months to June, from $639m a "
            "year before.",
            ["76%", "$1.13bn"],
            True,
        ),
        ("Ticket sales on the Skarvik line rose 4% from $250m to $260m in 1987.", ["4%", "$250m", "$260m"], True),
        # A period is no change's two ends, and one end alone gives nothing away.
        (
            "Ferry traffic to Skarvik increased by 400% from 1985 to 1999, the Norland harbour board said.",
            ["400%"],
            False,
        ),
        ("Quarterly profits at Norland Ferries rose to $1.13bn in the three months to June 1987.", ["$1.13bn"], False),
    ],
)
def test_a_figure_the_sentences_other_two_give_is_no_card(tmp_path, sentence, figures, derivable):
    run = stages(f"Norland Ferries\n\nNorland Ferries was founded in Skarvik in 1961.\n\n{sentence}\n", tmp_path)
    for figure in figures:
        assert ("derivable_figure" in run.dropped(figure)) is derivable, (figure, run.dropped(figure))
        if derivable:
            assert not [c for c in run.verified if c.answer == figure]


@pytest.mark.parametrize(
    ("sentence", "run_on"),
    [
        ("Halvorsen faced investigations by the FBI in the U.S. On 3 May 1987, Halvorsen resigned.", True),
        ("Halvorsen faced investigations by the U.S. Coast Guard on 3 May 1987 and resigned.", False),
    ],
)
def test_two_sentences_the_splitter_ran_together_are_no_card(sentence, run_on):
    # Whether the splitter ends a sentence at "U.S." depends on the text around it: the check reads the sentence
    # it was given.
    from types import SimpleNamespace

    from quizapp.questions.verify import check_source_gap

    reason = check_source_gap(SimpleNamespace(mention=SimpleNamespace(sentence=sentence)), None)
    assert (reason is not None and "run together" in reason) is run_on, reason


#: (article, check, answer): what a check must let through, though it looks like what the check refuses.
NOT_REFUSED_CASES = [
    (  # ".500" is a value written with a leading point, not a lost one
        "Norland Rovers\n\nThe Norland Rovers joined the league in 1961.\n"
        "The 1979 team of the Norland Rovers was the first to finish at .500 in the league, in 1979.\n",
        "source_gap",
        "1961",
    ),
    (  # a preposition ending its sentence is English
        "Norland Books\n\nThe Norland Book Fair opened in Skarvik in 1961.\n"
        "In 1987 the Norland publishers chose the price that their books would be sold at.\n",
        "source_gap",
        "1987",
    ),
    (  # "had had" is English, not a word written twice by mistake
        "Norland Pier\n\nThe pier of Skarvik was built by the Norland crown in 1788.\n"
        "By 1921 the harbour board of Skarvik had had the old pier rebuilt twice.\n",
        "source_gap",
        "1921",
    ),
    (  # a colon between digits is a time of day
        "Skarvik Harbour\n\nThe harbour of Skarvik was built by the Norland crown in 1788.\n"
        "The last ferry of the old line left the harbour of Skarvik at 8:51 p.m. on 3 May 1921.\n",
        "cloze_asides",
        "3 May 1921",
    ),
]


@pytest.mark.parametrize(("article", "check", "answer"), NOT_REFUSED_CASES, ids=[c[1] for c in NOT_REFUSED_CASES])
def test_a_check_lets_through_what_only_looks_like_its_case(tmp_path, article, check, answer):
    run = stages(article, tmp_path)
    assert check not in run.dropped(answer), run.dropped(answer)
    assert not [r for r in run.report.traces if r.check == check]


def test_a_pronoun_glued_to_a_noun_is_a_typo_no_card_repeats(tmp_path):
    run = stages(
        "Skarvik Ferries\n\nTwo Norland ferries were the workhorses of the coast in 2001.\n"
        "They family of six ferries has carried most of the island traffic since 2003.\n"
        "The Skarn ferry was the busiest ferry of 2004, making it the third busiest ferry in Norland.\n",
        tmp_path,
    )
    assert not [c for c in run.made if "family of" in c.transformed.statement]
    assert "garbled_pronoun" in run.dropped("2003")
    assert "garbled_pronoun" not in run.dropped("2004")  # "making it the third busiest ferry": a small clause


def test_a_cast_list_line_headed_by_a_name_is_no_sentence(tmp_path):
    run = stages(
        "The Harbour Film\n\nThe Harbour is a 2021 Norwegian film directed by Ansel Brekke in Skarvik.\n"
        "Tove Lindqvist as Marta Dahl, a harbour master who fights the council of Bergen.\n",
        tmp_path,
    )
    assert not run.verified_cloze_texts("harbour master who fights")


LEANING_SENTENCES = [
    "Ansel Brekke was sworn in as mayor of Skarvik two weeks later, in May 1923.",
    "Ansel Brekke bought the following ships for the harbour of Skarvik in 1923.",
    "Ansel Brekke classified all three as harbour seals in 1923.",
    "In contrast, Ansel Brekke kept the old harbour of Skarvik open until 1923.",
    "Ansel Brekke had no training in shipbuilding in 1923 either.",
    "Soon after, Ansel Brekke was sworn in as mayor of Skarvik in May 1923.",
    "Ansel Brekke had indeed become the mayor of Skarvik in May 1923.",
    "Previous winners include the painter Ansel Brekke of Skarvik in May 1923.",
    "In order to do so, Ansel Brekke sold the old harbour of Skarvik in May 1923.",
    "The only exception within the harbour of Skarvik is the quay Ansel Brekke built in May 1923.",
]
#: Openers that order or answer what came before, with no comma to drop them by or no year to date them.
POINTING_SENTENCES = [
    "Meanwhile Ansel Brekke sold the old harbour of Skarvik in May 1923.",
    "Eventually in May 1923, Ansel Brekke sold the old harbour of Skarvik.",
    "Subsequently, in the 1920s Ansel Brekke sold the old harbour of Skarvik.",
    "At first, Ansel Brekke sold the old harbour of Skarvik in May 1923.",
    "To compensate, Ansel Brekke sold the old harbour of Skarvik in May 1923.",
    "Others compared Ansel Brekke to the mayor of Skarvik in May 1923.",
    "Worse yet, Ansel Brekke sold the old harbour of Skarvik in May 1923.",
    "Some time later, Ansel Brekke sold the old harbour of Skarvik in May 1923.",
    "Similar harbours were sold by Ansel Brekke to the town of Skarvik in May 1923.",
]


@pytest.mark.parametrize(
    ("sentence", "check", "probe", "form"),
    [(s, "cloze_needs_context", s.split()[3], "cloze") for s in LEANING_SENTENCES]
    + [(s, "pointing_opener", "Ansel Brekke", None) for s in POINTING_SENTENCES],
)
def test_a_sentence_leaning_on_something_said_before_needs_its_context(tmp_path, sentence, check, probe, form):
    # The first sentence: no sentence before it to show, so it must stand alone.
    run = stages(f"Skarvik Harbour\n\n{sentence}\n\nThe harbour of Skarvik was rebuilt after the storm.\n", tmp_path)
    checks = {t.check for t in run.report.traces if t.sentence == sentence and (form is None or t.form == form)}
    assert check in checks, run.report.traces
    assert not run.verified_cloze_texts(probe)


#: (article, check, answers it refuses, an answer of the same article it lets through)
CHECK_CASES = [
    (  # "then" after the subject places the sentence after the one before, as a "Then" opener would
        "Skarv Film\n\nAnsel Brekke founded the Skarv Film Company in Oslo in 1925.\n"
        "Ingrid Dahl then signed a contract with Norland Pictures for a weekly wage.\n"
        "The company's first film was shown in Bergen in 1927 and then in Tromso.\n",
        "pointing_opener",
        ["Norland Pictures"],
        "Bergen",
    ),
    (  # a piece of a quotation that goes on in the next sentence
        "Skarvik Harbour\n\nThe harbour of Skarvik was rebuilt by the Norland Ferry Company in 1924.\n"
        'In 1925, Ansel Brekke promised the council of Bergen that "the new quay will carry the ferries of Norland.\n'
        'It will stand for a century," he said.\n',
        "cloze_open_quote",
        ["1925"],
        "1924",
    ),
    (  # the same "then" in a clause a reporting verb after it carries
        "Skarv Film\n\nAnsel Brekke founded the Skarv Film Company in Oslo in 1925.\n"
        "Ingrid Dahl then signed a contract with Norland Pictures for a weekly wage, writes Ansel Brekke.\n"
        "The company's first film was shown in Bergen in 1927 and then in Tromso.\n",
        "pointing_opener",
        ["Norland Pictures"],
        "Bergen",
    ),
    (
        "Skarvik Economy\n\nThe economy of Skarvik grew quickly after the new harbour opened in 1999.\n"
        "Unemployment in Skarvik rising back to 7% in late 2009.\n",
        "verbless_sentence",
        ["7%"],
        "1999",
    ),
    (
        "Norland Ferries\n\nIn 1921 Ansel Brekke opened ferry routes from London to Paris, Berlin and Rome.\n"
        "Ansel Brekke built his first ship in Hamburg in 1919 for the crossing to London.\n",
        "place_among_places",
        ["London"],
        "Hamburg",
    ),
    (
        "Harbour Works\n\nThe new ferry terminal was built at Skarvik harbour near Tromsø in 2019.\n"
        "The ferry company held its yearly meeting in Salt Lake City, Utah, that autumn.\n"
        "The terminal's first ferry sailed to Bodø on 3 May 2020.\n",
        "place_as_locator",
        ["Tromsø", "Utah"],
        "Bodø",
    ),
    (
        "Ferry Records\n\nThe Norland ferry line opened in 1921 between Skarvik and Bodø.\n"
        "As of March 2023, Norland Ferries had carried 4.1 million passengers on the Skarvik route.\n",
        "as_of_date",
        ["March 2023"],
        "1921",
    ),
    (
        "Ferry Traffic\n\nThe Norland ferry line opened in 1921 between Skarvik and Bodø.\n"
        "Passengers on the Skarvik route fell from 412,000 in 2019 to 268,000 in 2021, the ferry company said.\n",
        "comparison_baseline",
        ["2019"],
        "1921",
    ),
    (
        "Skarvik Census\n\nThe census of Skarvik in 2020 counted 4,120 people.\n"
        "Women made up 51.1% of the town's people in 2020, and men made up 48.9%.\n"
        "The town grew by 12% between 2010 and 2020.\n",
        "share_adds_up",
        ["48.9%"],
        "12%",
    ),
    (
        "Skarvik Census\n\nThe census of Skarvik in 2020 counted 4,120 people.\n"
        "Children made up 31% of the town's people in 2020, 52.5% were of working age and 16.5% were retired.\n"
        "The town grew by 12% between 2010 and 2020.\n",
        "share_adds_up",
        ["52.5%"],
        "12%",
    ),
    (
        # A count that is the difference (or the sum) of two others in its sentence is worked out.
        "Skarvik Charts\n\nThe Skarvik ferry song was first sung by Ola Brun in 1998.\n"
        "The ferry song moved up seven places from number eight to number one in the charts of Norland on Friday.\n"
        "The ferry song was sold 4,000 times in its first week in Skarvik.\n",
        "count_follows",
        ["seven"],
        "4,000",
    ),
    (
        # The year of a study dates the citation; the census year is what the count counts from.
        "Skarvik Ferries\n\nThe Skarvik ferry line opened in 1921.\n"
        "A 2009 study found that the ferries carried 2 million people a year.\n"
        "The harbour was rebuilt in 1950 after a fire.\nIn the 2011 census, 4,120 people lived in Skarvik.\n",
        "citation_year",
        ["2009"],
        "2011",
    ),
    (
        # A share written in words counts with the others.
        "Skarvik Fund\n\nThe harbour fund of Skarvik was set up in 2020 with 4 million crowns.\n"
        "Sixty percent of the fund will go to the quays of Skarvik, 30% to the ferries and 10% to the lighthouse.\n"
        "Ferry traffic grew by 12% between 2010 and 2020.\n",
        "share_adds_up",
        ["Sixty percent"],
        "12%",
    ),
    (
        # Shares rounded as written add up to 99: the slack of their rounding.
        "Skarvik Ferries\n\nThe ferry survey of Skarvik in 2020 asked 4,120 people.\n"
        "According to the survey 44% of riders use a single ferry line, 48% use two or three and a few, 7%, use more.\n"
        "Ferry traffic grew by 12% between 2010 and 2020.\n",
        "share_adds_up",
        ["48%"],
        "12%",
    ),
    (
        "Talks in Skarvik\n\nSKARVIK — The Norland foreign minister Ansel Brekke met his Swedish counterpart "
        "Ingrid Dahl here on Sunday to discuss the harbour treaty of 1902.\n"
        "Ansel Brekke became foreign minister of Norland in 2019 after the election.\n",
        "cloze_needs_context",
        ["Ingrid Dahl"],
        "2019",
    ),
    (
        "Harbour Survey\n\nThe harbour survey of Skarvik was published by Ansel Brekke in 2021.\n"
        "[More than 400 fishermen] were questioned by the harbour board of Skarvik in May 2020.\n",
        "cloze_asides",
        ["May 2020"],
        "2021",
    ),
    (
        # Who stars in a film the article names in passing is no fact of it.
        "Skarvik Cinema\n\nThe Skarvik cinema was opened by Ingrid Dahl in 1921 on the harbour of Skarvik.\n"
        "The Ferry Queen, starring Ola Brun, was the biggest film at the Skarvik cinema in 1950.\n"
        "The Skarvik cinema was sold to Norland Pictures in 1985.\n",
        "cast_credit",
        ["Ola Brun"],
        "Norland Pictures",
    ),
    (
        # A year the article writes three times frames the figures reported in it; one written once is a fact.
        "Skarvik Ferries\n\nThe Skarvik Ferry Company was founded in 1921.\n"
        "In 2004 the company carried 2 million people across the fjord of Skarvik.\n"
        "Sales of the Skarvik Ferry Company rose 4.5% to 80m crowns in 2004.\n"
        "The company had a new ferry built in Bergen in 2004.\n"
        "Ticket prices of the Skarvik Ferry Company rose by 10% in 1999.\n",
        "framing_year",
        ["2004"],
        "1999",
    ),
    (
        # A sentence cut after "Later..." leaves a verb whose subject went with the sentence before.
        "Skarvik Radio\n\nThe Skarvik radio show was hosted by Ola Brun from 1950.\n"
        "With Ingrid Dahl, booked the Skarvik choir for the show in 1952.\n"
        "In 1953, Ola Brun left the Skarvik radio show for a post in Bergen.\n",
        "fragment",
        ["1952"],
        "1953",
    ),
    (
        # A country written with "the" is one of few, mostly where the story is set, even in the opening.
        "Phone Anniversary\n\nShops all over the United Kingdom sold a record number of phones made by Norland "
        "Telecom of Norway on Saturday.\nNorland Telecom was founded in Bergen in 1975 by Ansel Brekke.\n"
        "Its first phone went on sale in Oslo in 1985.\nThe firm now sells phones in 40 countries.\n"
        "Its chief Ingrid Dahl said sales rose by 12% in 2024.\n",
        "cloze_country",
        ["United Kingdom"],
        "Norway",
    ),
    (
        # A person called only by their nationality, with no one named before in the sentence, was named elsewhere.
        "Skarvik Ferries\n\nAnsel Brekke left the Skarvik ferry board in February after a row over wages.\n"
        "The Scot was the board chairman Ola Brun's first choice to replace Ingrid Dahl, who left for Bergen in "
        "December.\nAfter Tomas Berg signed for the Skarvik ferry board in May, the Dane was the first choice of "
        "Lars Holm for the post of captain.\n",
        "unnamed_referent",
        ["Ola Brun"],
        "Lars Holm",
    ),
    (
        # Brackets that hold the verb's only subject cannot be left out ("..., then signed the treaty"); an aside
        # beside a subject of its own can.
        "Skarvik Treaty\n\nThe ferry treaty of Skarvik was drawn up by the harbour board of Norland in 1990.\n"
        "On 6 July 1994 at Bergen, as the envoy of Norland, then (Ola Brun, who was later knighted) signed the ferry "
        "treaty of Skarvik.\nIn 1996, Ingrid Dahl (the harbour master of Skarvik) signed the treaty at Bergen.\n",
        "needed_aside",
        ["6 July 1994"],
        "1996",
    ),
    (
        # "the problem" alone was said in another sentence; "the problem of silt" says which.
        "Skarvik Sailing\n\nSailing at the Skarvik club has lost young members since 1990.\n"
        "Ingrid Dahl, a clerk from Bergen, gave up sailing at the age of 10 and is typical of the problem.\n"
        "Ola Brun wrote about the problem of silt in the harbour of Skarvik in 1990.\n",
        "unnamed_referent",
        ["Ingrid Dahl"],
        "Ola Brun",
    ),
]


def test_brackets_after_the_subject_may_go_even_when_the_parser_hangs_the_verb_on_them(tmp_path):
    # The small model reads "July" as the subject of "was"; the name before the brackets is the subject.
    run = stages(
        "Lars Halvorsen\n\nLars Halvorsen (born HARALD EMIL STRAND JR.; ; July 4, 1872 – January 5, 1933) was an "
        "American politician and lawyer who served as the 30th president of the United States from 1923 to 1929.\n",
        tmp_path,
    )
    assert "needed_aside" not in run.dropped("1923"), run.dropped("1923")


def test_a_noun_followed_by_the_subjects_name_is_not_written_out_again(tmp_path):
    # "the genus Skarvikia", parsed with the name apart from its noun, had read "Skarvikia Skarvikia".
    run = stages(
        "Skarvikia\n\nSkarvikia is a genus of bacteria found in the harbour of Skarvik.\n"
        "In 1984, many bacteria formerly grouped in the genus Skarvikia were moved into the genera Norlandia and "
        "Bergenia by Ola Brun.\n",
        tmp_path,
    )
    texts = run.shown_clozes("formerly grouped")
    assert texts and not [t for t in texts if "Skarvikia Skarvikia" in t], texts


def test_lists_reach_the_ranker_but_quotations_and_asides_do_not(tmp_path):
    run = stages(
        "Skarvik Harbour\n\nThe harbour of Skarvik shipped timber, fish, salt, wool and iron ore to Bergen in 1911.\n"
        'The harbour master Ansel Brekke called the new quay "a gift to the town" when it opened in 1913.\n'
        "The old quay of Skarvik had been rebuilt twice; the harbour board pulled down the old quay in 1921.\n",
        tmp_path,
    )
    assert "cloze_asides" not in run.dropped("1911"), run.dropped("1911")
    listed = [c for c in run.verified if c.form is Form.CLOZE and c.answer == "1911"]
    assert listed and features(listed[0])["list_like"] == 1.0
    assert "cloze_asides" in run.dropped("1913")
    assert "cloze_asides" in run.dropped("1921")


def test_a_short_sentence_of_seven_words_is_asked(tmp_path):
    run = stages(
        "Skarvik Harbour\n\nThe harbour of Skarvik was built by the Norland crown in 1788.\n"
        "Ansel Brekke designed the lighthouse in 1902.\n",
        tmp_path,
    )
    assert run.verified_cloze_texts("designed the lighthouse")


@pytest.mark.parametrize(("article", "check", "refused", "kept"), CHECK_CASES, ids=[c[1] for c in CHECK_CASES])
def test_a_general_check_refuses_what_it_names_and_no_more(tmp_path, article, check, refused, kept):
    run = stages(article, tmp_path)
    for answer in refused:
        assert check in run.dropped(answer), (answer, run.dropped(answer))
    assert check not in run.dropped(kept)


#: (article, words of the sentence asked, what a wrong binding would write): a pronoun that nothing before it in
#: its sentence can mean is written out or the cloze refused, never left bound to the wrong noun.
BINDING_CASES = [
    (  # a singular subject does not bind "they"
        "Ansel Brekke\n\nAnsel Brekke married Ingrid Dahl in Skarvik in 1896.\n"
        "After their third son was born in 1901, they moved to a house on the harbour in Bergen.\n",
        "moved to a house",
        ", they moved",
    ),
    (  # a verb's subject never binds its object, and "it" never means a person
        "Harbour Seals\n\nThe Skarvik seal lives only in the fjords of Norland.\n"
        "The zoologist Ansel Brekke described it in 1923 from a skull found near Bergen.\n",
        "described",
        "described it",
    ),
    (  # a name a possessive owns ("their Norland Records releases") is said of the one the pronoun means, not that one
        "Skarv Quartet\n\nThe Skarv Quartet was founded in Bergen in 1981 by Ansel Brekke.\n"
        "After a quarrel with Brekke over royalties from their Norland Records releases, they were signed to "
        "Velta Records by Ingrid Dahl in 1986.\n",
        "were signed to",
        ", they were signed",
    ),
]


@pytest.mark.parametrize(("article", "marker", "wrong"), BINDING_CASES)
def test_a_pronoun_is_not_left_bound_to_a_noun_that_cannot_mean_it(tmp_path, article, marker, wrong):
    shown = stages(article, tmp_path).cloze_texts(marker)
    assert not [s for s in shown if wrong in s], shown


@pytest.mark.parametrize(
    ("sentence", "last_named"),
    [
        # The sentence names her already, though the small model tagged no person ("Crow recorded Maren Crow's").
        ("In 1988, Crow recorded her first album with the producer Hugh Padgham in London.", "Maren Crow"),
        # An "it" standing for the clause after it ("Skarvik was concluded that ..." was the result).
        ("From the 2018 census, it was concluded that 33.5% of the people of Skarvik were born abroad.", "Skarvik"),
    ],
)
def test_a_pronoun_that_needs_no_name_is_left_as_written(sentence, last_named):
    from quizapp.facts.nlp import load_nlp
    from quizapp.questions.shapes.cloze import ClozeSentence, prepare_sentence

    sent = next(iter(load_nlp()(sentence).sents))
    # No mentions at all, and whatever the pronoun is asked about, the article's last-named one is offered.
    prepared = prepare_sentence(sent, [], lambda _tok: last_named, {})
    assert isinstance(prepared, ClozeSentence)
    assert not prepared.replace, prepared.replace


def test_as_well_as_joins_two_things_and_as_well_points_back(tmp_path):
    run = stages(
        "Varna Crossings\n\nThe Varna Bridge was opened in 1911 for trains as well as carts from the harbour.\n"
        "The Skarvik Tunnel was opened to carts in 1923 as well.\n",
        tmp_path,
    )
    assert run.cloze_texts("opened in 1911")
    assert not run.cloze_texts("opened to carts")


SEQUENCED = """Tollmere Observatory

The Tollmere Observatory stands on a ridge above the village of Kessby in Norland.
Its first telescope was built by the instrument maker Oda Brannsen and her brother.
Later, in 1911, Tollmere Observatory was bought by the University of Varholm for its astronomy school.
Then the engineer Piet Lavrans rebuilt the dome of Tollmere Observatory after a storm in 1936.
Later the dome of Tollmere Observatory was painted white by the villagers of Kessby.
"""


def test_a_sequence_opener_goes_when_the_sentence_names_its_own_year(tmp_path):
    run = stages(SEQUENCED, tmp_path)
    clozes = [t for t in run.report.traces if t.form == "cloze"]
    bought = [t for t in clozes if "bought by" in t.text]
    rebuilt = [t for t in clozes if "rebuilt the dome" in t.text]
    assert bought and rebuilt
    assert all(t.text.startswith(("In 1911, ", "In _____,")) for t in bought)
    assert all(t.text.startswith(("The engineer", "_____ rebuilt")) for t in rebuilt)
    assert all(t.check != "pointing_opener" for t in bought + rebuilt)
    # Without a year of its own, "Later" still ties the sentence to the one before.
    painted = [t for t in run.report.traces if "painted white" in t.sentence]
    assert painted and all(
        c.evidence.get("alone_refused") == "pointing_opener" for c in run.made if "painted white" in c.own_shown
    )
    assert not [c for c in run.cloze_texts("painted white") if c.startswith("The dome")]


@pytest.mark.parametrize(
    ("name", "certain"),
    [
        ("Catherine of Aragon", True),  # a lower-case particle inside a full name
        ("Ludwig van Beethoven", True),
        ("Alexander the Great", True),
        ("Ada Brun", True),
        ("Cleopatra", False),  # one word: the small model's label alone
        ("of Aragon", False),
        ("Catherine of", False),
    ],
)
def test_a_person_is_certain_with_a_full_name_particles_included(name, certain):
    from quizapp.facts.model import Mention
    from quizapp.questions.candidates import kind_is_certain

    sentence = f"In 1510 {name} wrote a letter."
    mention = Mention(kind="person", text=name, canonical=name, sentence=sentence, start=8, end=8 + len(name))
    assert kind_is_certain(mention, []) is certain


@pytest.mark.parametrize(
    ("sentence", "name", "certain"),
    [
        ("The Skarn Pro has only 8GB of memory.", "Skarn Pro", False),  # "the": a thing, not a person
        ("Valmora Studio 4 sold well in 2019.", "Valmora Studio 4", False),  # a model number
        ("Ansel Brekke sold the Skarn Pro in 2019.", "Ansel Brekke", True),
    ],
)
def test_a_product_the_model_calls_a_person_is_no_certain_person(sentence, name, certain):
    from quizapp.facts.model import Mention
    from quizapp.questions.candidates import kind_is_certain

    start = sentence.index(name)
    mention = Mention(kind="person", text=name, canonical=name, sentence=sentence, start=start, end=start + len(name))
    assert kind_is_certain(mention, []) is certain


def _blank_problem(sentence: str, blank: str, kind: str, at: int | None = None):
    """What ``blank_problem`` says of a blank of ``kind`` on ``blank`` (at ``at``, else its first place) in a
    one-sentence cloze."""
    from quizapp.facts.model import Mention
    from quizapp.facts.nlp import load_nlp
    from quizapp.questions.shapes.cloze import ClozeSentence, blank_problem, prepare_sentence

    doc = load_nlp()(sentence)
    prepared = prepare_sentence(next(iter(doc.sents)), [], lambda _tok: None, {}, text_of_doc=sentence)
    assert isinstance(prepared, ClozeSentence)
    start = sentence.index(blank) if at is None else at
    value = blank if kind == "date" else None
    mention = Mention(
        kind=kind, text=blank, canonical=blank, value=value, sentence=sentence, start=start, end=start + len(blank)
    )
    return blank_problem(prepared, mention, [])


@pytest.mark.parametrize(
    ("sentence", "blank", "cut"),
    [
        ("In 1486 Henry married Elizabeth of York at Westminster.", "York", True),  # the end of her name
        ("Margaret was a great-granddaughter of the Duke of Lancaster in Kent.", "Lancaster", True),
        ("Ghent was the birthplace of John of Gaunt in the year 1340.", "John of Gaunt", False),
        ("In 1502 Henry Tudor signed a treaty with Scotland at Richmond.", "Henry Tudor", False),
    ],
)
def test_a_person_blank_right_after_a_name_and_of_is_the_end_of_a_longer_name(sentence, blank, cut):
    problem = _blank_problem(sentence, blank, "person")
    assert (problem is not None and problem.check == "inside_a_name") is cut, problem


@pytest.mark.parametrize(
    ("sentence", "blank", "cut"),
    [
        ("Norland Falk 2 and 3 rockets carry satellites for the navy of Norland.", "3", True),  # a model
        ("The Heron II or III engines powered every ferry of the Skarvik line.", "III", True),
        ("Between 2 and 5 ferries cross to Skarvik every hour in the summer.", "5", False),  # a range's end
        ("The ferry line bought 12 and then 14 boats for the Skarvik crossing.", "14", False),
    ],
)
def test_a_number_after_a_model_name_and_another_number_names_a_model(sentence, blank, cut):
    problem = _blank_problem(sentence, blank, "number", at=sentence.index(f" {blank} ") + 1)
    assert (problem is not None and problem.check == "inside_a_name") is cut, problem


@pytest.mark.parametrize(
    ("sentence", "blank", "cut"),
    [
        (
            "A Nordstal rocket will launch the Imager for Skarvik-to-Aurora Survey probe in 2026.",
            "Imager for Skarvik",
            True,
        ),
        ("The Skarvik-based firm Nordstal built the new quay in 2019.", "Skarvik", False),  # "-based": a compound
        ("According to Halvorsen's, the ferry line carried 4,000 cars in 2019.", "Halvorsen", True),  # owns nothing
        ("Halvorsen's survey of the ferry line counted 4,000 cars in 2019.", "Halvorsen", False),
        # An award's name goes on after "of the": "Skarvik League Skipper" is not the whole of it.
        ("Ola Brun won the Skarvik League Skipper of the Month Award for April.", "Skarvik League Skipper", True),
        ("Ola Brun won the Skarvik League Skipper of the Year in 2019.", "Skarvik League Skipper", True),
        ("Ola Brun won the Skarvik Cup for the ferry line of the island in 2019.", "Skarvik Cup", False),
    ],
)
def test_a_blank_a_hyphen_or_a_bare_possessive_joins_to_more_name_would_cut_it(sentence, blank, cut):
    problem = _blank_problem(sentence, blank, "organization")
    assert (problem is not None and problem.check == "inside_a_name") is cut, problem


@pytest.mark.parametrize(
    ("sentence", "blank", "kind", "cut"),
    [
        (
            "Ola Brun wrote to the Fishing Council of Norland about the quay in 1950.",
            "Fishing Council",
            "organization",
            True,
        ),
        (
            "Ola Brun wrote to the Fishing Council in Norland about the quay in 1950.",
            "Fishing Council",
            "organization",
            False,
        ),
        (
            "Ola Brun sailed his ferry through the Straits of Skarvik for the first time in 1950.",
            "Straits",
            "place",
            True,
        ),
        (
            "Senator Ola Brun of Norland called the debt of the ferry line a danger in 2013.",
            "Ola Brun",
            "person",
            False,
        ),
        # A number after a name the model calls an organization or a person is the end of the name; a score is not.
        (
            "Harbour Quest 4 went back to the top of the charts, a week after losing it to its rival.",
            "Harbour Quest",
            "person",
            True,
        ),
        (
            "The Skarvik Act 1800 moved the seat of the ferry board from Skarvik to Bergen.",
            "Skarvik Act",
            "organization",
            True,
        ),
        ("Ola Brun beat Lars Holm 6-1 7-6 in the final of the Skarvik ferry race.", "Lars Holm", "person", False),
        ("Ola Brun beat Lars Holm in 2004 in the final of the Skarvik ferry race.", "Lars Holm", "person", False),
    ],
)
def test_a_name_that_goes_on_past_the_blank_with_of_or_a_number_would_be_cut(sentence, blank, kind, cut):
    problem = _blank_problem(sentence, blank, kind)
    assert (problem is not None and problem.check == "inside_a_name") is cut, problem


@pytest.mark.parametrize(
    ("sentence", "blank", "kind", "check"),
    [
        # The page ran the title into the name: the blank would be glued to "Dr." too.
        (
            "Ines was born in Varnby to the lawyer Olaf Brun and the surgeon Dr.Karin Lund.",
            "Karin Lund",
            "person",
            "part_of_a_word",
        ),
        (
            "Ines was born in Varnby to the lawyer Olaf Brun and the surgeon Dr. Karin Lund.",
            "Karin Lund",
            "person",
            None,
        ),
        # A post someone holds is no organization, whatever the model's label.
        (
            "Ines studied law in Varnby and was the University Union Councilor in 1999.",
            "University Union Councilor",
            "organization",
            "not_a_name",
        ),
        (
            "Ines studied law in Varnby and joined the University Union Council in 1999.",
            "University Union Council",
            "organization",
            None,
        ),
        # A title word opening an organization's name is part of the name ("Prime View International").
        (
            "In 2005, Vance sold its patents to Prime View International of Norland.",
            "View International",
            "organization",
            "inside_a_name",
        ),
        # The amount's currency begins before the blank.
        ("In 2005, Vance Motors made savings of A$245m at its works in Leeds.", "$245m", "number", "part_of_a_word"),
        # "top 10" is a set phrase, no count to learn.
        (
            "The first song of Ola Brun to reach the top 10 was Dear Mama, recorded in 1959.",
            "10",
            "number",
            "common_word",
        ),
        # A surname the tagger misread still goes on past the blank.
        ("Denis Colin O'leary is an American actor and writer from Boston.", "Denis Colin", "person", "inside_a_name"),
        # A sign inside a name ("A$AP Rocky"): the blank would keep half the name.
        (
            "The singer Ola Brun named Kanye West and A$AP Rocky as the models for the stage clothes of Ola Brun.",
            "AP Rocky",
            "person",
            "part_of_a_word",
        ),
        # A place owning what the sentence is about sets the scene; the place as the fact is kept.
        (
            "The rise of Norland's two biggest ferry lines came with the new harbour in 2004.",
            "Norland",
            "place",
            "place_as_owner",
        ),
        (
            "Big ferry lines of the north first came to Norland with the new harbour in 2004.",
            "Norland",
            "place",
            None,
        ),
        # Whom a remark was told to, where a reporter sits: how the news came, not the news.
        (
            "The harbour master Ola Brun told Norland Radio that the new quay would open in 2004.",
            "Norland Radio",
            "organization",
            "attribution",
        ),
        (
            "The Gazette's correspondent in Skarvik, Ola Brun, said the new quay would open in 2004.",
            "Skarvik",
            "place",
            "attribution",
        ),
        # The outlet that found the news out.
        (
            "Skarvik have rejected a third bid from Norland for the ferry captain Ola Brun, Ferry Weekly has learnt.",
            "Ferry Weekly",
            "organization",
            "attribution",
        ),
        # The paper a report is credited to; a thinker's claim is theirs to learn.
        (
            "According to the Norland Gazette, the new quay of Skarvik would open in 2004.",
            "Norland Gazette",
            "organization",
            "attribution",
        ),
        (
            "According to Ola Brun, a ferry town is a new form of harbour town made of small islands.",
            "Ola Brun",
            "person",
            None,
        ),
        # One of a pair written with a slash ("Stepanova/Bukin"): half the pair's name.
        (
            "Lund/Brekke took the silver medal in Skarvik, while Sand/Holm edged out Vik/Berg.",
            "Lund",
            "person",
            "part_of_a_word",
        ),
        (
            "Lund/Brekke took the silver medal in Skarvik, while Sand/Holm edged out Vik/Berg.",
            "Brekke",
            "person",
            "part_of_a_word",
        ),
        # A span that stops on "of" is half a name.
        (
            "The Council of 1123 of Norland is reckoned among the great councils of Skarvik.",
            "Council of",
            "organization",
            "inside_a_name",
        ),
        # "No. 3" is a rank, no count.
        (
            "In 1997, Ola Brun became the undisputed World No. 3 skier of the Norland league.",
            "3",
            "number",
            "common_word",
        ),
    ],
    ids=[
        "glued",
        "spaced",
        "post",
        "body",
        "title-word-in-a-name",
        "glued-currency",
        "top-10",
        "misread-surname",
        "sign-in-a-name",
        "place-as-owner",
        "place-as-the-fact",
        "told-to",
        "correspondent-in",
        "has-learnt",
        "according-to-a-paper",
        "according-to-a-thinker",
        "slash-pair-first",
        "slash-pair-second",
        "stops-on-of",
        "rank",
    ],
)
def test_a_blank_glued_to_a_word_cutting_a_name_or_naming_a_post_is_refused(sentence, blank, kind, check):
    problem = _blank_problem(sentence, blank, kind)
    assert (problem.check if problem else None) == check, problem


LISTED = """The Velmora Players

The Velmora Players staged their first play in the harbour hall of Velmora in 1921.
The Velmora Players were founded in 1920 by Olaf Lund, Karin Sand and Piet Holm in the old harbour hall.
The Velmora Players were led by the painter Jonas Vik from 1950 to 1972 in the old harbour hall.
"""


def test_a_name_among_a_list_of_its_kind_is_no_blank(tmp_path):
    run = stages(LISTED, tmp_path)
    # The first of the list (later ones are "one of a pair or list" to an older check, the parse permitting).
    assert not [c for c in run.verified if c.form is Form.CLOZE and c.answer == "Olaf Lund"]
    assert "name_in_a_list" in run.dropped("Olaf Lund"), run.dropped("Olaf Lund")
    # A name set beside a noun ("the painter Jonas Vik") is no list.
    assert "name_in_a_list" not in run.dropped("Jonas Vik")


@pytest.mark.parametrize(
    ("sentence", "cut"),
    [
        ("Ask Olaf has added a way to save web pages for the users of Norland in 2004.", True),
        ("Olaf has added a way to save web pages for the users of Norland in 2004.", False),
    ],
)
def test_a_blank_inside_the_name_the_article_goes_by_is_refused(sentence, cut):
    # "Ask ___ has added ..." of the search engine "Ask Jeeves": the model's span for this mention was "Jeeves".
    from quizapp.facts.model import Mention
    from quizapp.facts.nlp import load_nlp
    from quizapp.questions.shapes.cloze import ClozeSentence, blank_problem, prepare_sentence

    doc = load_nlp()(sentence)
    prepared = prepare_sentence(next(iter(doc.sents)), [], lambda _tok: None, {}, text_of_doc=sentence)
    assert isinstance(prepared, ClozeSentence)
    start = sentence.index("Olaf")
    mention = Mention(
        kind="organization", text="Olaf", canonical="Ask Olaf", sentence=sentence, start=start, end=start + 4
    )
    problem = blank_problem(prepared, mention, [])
    assert (problem is not None and problem.check == "inside_a_name") is cut, problem


@pytest.mark.parametrize("blank", ["1921", "1924"])
def test_a_fact_that_is_part_of_a_word_is_no_blank(blank):
    # "1921–1924" is one word to the parse: a blank of either year took all of it, or (the end) nothing, and a
    # cloze card without a blank failed the whole article's deck.
    problem = _blank_problem(
        "The harbour of Skarvik was rebuilt in 1921–1924 by the firm Nordstal of Bergen.", blank, "date"
    )
    assert problem is not None and problem.check == "part_of_a_word", problem


ROWING = """Harbour Rowing Club

Coach Maren Holtvik joined the Harbour Rowing Club in 2011 after ten years in Bergen.
Maren, as the rowers call her, rebuilt the boathouse in 2014.
Holtvik led the club to the national title in 2016 in Trondheim.
"""


def test_a_first_name_alone_is_no_accepted_alias_of_a_person(tmp_path):
    # "Maren" is shared by many: the cluster knows it, but a card about Holtvik does not take it as her name.
    run = stages(ROWING, tmp_path)
    # (a card on the sentence that writes "Maren" takes it: that is how the sentence names her)
    people = [c for c in run.made if c.kind == "person" and c.mention.text != "Maren"]
    assert people
    for cand in people:
        assert "Maren" not in cand.aliases and "Maren" not in cand.accept, (cand.answer, cand.aliases, cand.accept)
        assert "Holtvik" in cand.aliases


def test_a_date_counted_from_the_day_of_writing_is_no_cloze_blank(tmp_path):
    text = (
        "---\ntitle: Harbour News\ndate: 2020-03-02\n---\n\n"
        "The Velmora harbour authority closed the old pier last December after two winter storms damaged its piles.\n"
    )
    run = stages(text, tmp_path, name="news.md")
    assert not [c for c in run.clozes() if "December" in c.answer]
    assert "relative_date" in run.dropped("last December")


def test_a_share_written_per_cent_is_hinted_as_a_percentage(tmp_path):
    run = stages(
        "Refinery Results\n\nThe Velmora refinery said its third-quarter profit declined 34 per cent because of "
        "higher crude prices.\n",
        tmp_path,
    )
    shares = [c for c in run.clozes() if "34" in c.answer]
    assert shares and all(c.hint == "percentage" for c in shares), [(c.answer, c.hint) for c in shares]


KESTREL_OPENING = (
    "Kestrel Line\n\nThe Kestrel Line opened between Dunmere and Carrick in 1874 after a decade of disputes. "
)


@pytest.mark.parametrize(
    ("broken", "answer"),
    [
        ("and by 1880, trains on the Kestrel Line carried mail from Dunmere to the port of Carrick.", "1880"),
        (
            ", with the mail contract going to the Carrick Post Office, eleven trains a day ran on the line by 1880.",
            "1880",
        ),
        # The first clause of a long sentence cut at its semicolon is still its broken-off opening.
        (
            "where the line crossed the Aln, the engineer Ruth Calder built a viaduct of forty arches for 3 million "
            "pounds in the years after 1880 and before the strikes of the decade; the Carrick Post Office paid half "
            "of the cost of the viaduct of the line in the year 1881, with the town of Dunmere paying the rest.",
            "Ruth Calder",
        ),
    ],
    ids=["lower-case", "lost-opening", "lower-case-clause"],
)
def test_a_sentence_the_page_broke_off_is_no_cloze(tmp_path, broken, answer):
    run = stages(KESTREL_OPENING + broken + "\n", tmp_path)
    assert [c for c in run.clozes() if c.answer == "1874"], run.dropped("1874")
    assert not [c for c in run.clozes() if c.answer == answer]
    assert "fragment" in run.dropped(answer), run.dropped(answer)


def test_an_adjective_standing_for_a_noun_named_before_is_an_unnamed_subject(tmp_path):
    run = stages(
        "Harbour Festivals\n\nThe town of Velmora has held two harbour festivals since the war. "
        "The first was held in 1951 on the initiative of the mayor Ingrid Hals. "
        "The Velmora Regatta was first sailed in 1962 by eleven boats from the old quay.\n",
        tmp_path,
    )
    assert not [c for c in run.clozes() if c.answer == "1951" and not c.evidence.get("leans_back")]
    assert "unnamed_subject" in run.dropped("1951")
    # Shown after the sentence before, "The first" is the first harbour festival.
    assert (
        "The town of Velmora has held two harbour festivals since the war. The first was held in _____ on the "
        "initiative of the mayor Ingrid Hals."
    ) in run.passage_texts("The first was held")
    assert [c for c in run.clozes() if c.answer == "1962"], run.dropped("1962")


def test_a_sentence_whose_end_mark_sat_in_the_aside_left_out_still_ends_with_one(tmp_path):
    run = stages(
        "Isle of Varn\n\nThe Isle of Varn lies in the Lenna Sound north of Ostvik. "
        "Crofters on the Isle of Varn farmed only about 26 square kilometres in 1901 (less than 10 sq. mi.)\n",
        tmp_path,
    )
    card = next(c for c in run.clozes() if c.answer == "1901")
    assert card.shown.endswith("kilometres in _____."), card.shown


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (
            "The whales of the Varn Sound weigh up to four to five pounds and live in fresh water near Ostvik.",
            "five pounds",
        ),
        ("The Ostvik museum counted 3-5 calves per pod in the Varn Sound in 1998.", "5"),
        # The model's date span stopped inside a span of days: "held in Ostvik on ___ through 16, 1848".
        (
            "Published 3 May 2019\n\nThe first congress of the Varn whalers was held in Ostvik on June 2 through 16, "
            "1848.",
            "June 2",
        ),
    ],
)
def test_one_end_of_a_number_range_is_no_blank(tmp_path, text, answer):
    run = stages(f"Whales of Varn\n\n{text}\n", tmp_path)
    assert not [c for c in run.clozes() if c.answer == answer]
    assert "range_end" in run.dropped(answer)


def test_where_a_quoted_source_works_is_a_side_detail_of_the_quote(tmp_path):
    run = stages(
        "Dock Strike\n\nThe Ostvik dock strike cost the port 40 million kroner in 2019, said Ingrid Hals, an economist "
        "at the University of Varnland in Ostvik.\n\nDr. Per Lunde, of the Varnland Harbour Trust, said the strike "
        "ended in May 2019.\n",
        tmp_path,
    )
    assert not [c for c in run.verified if c.answer == "University of Varnland"]
    assert {"cloze_side_detail", "source_affiliation"} & run.dropped("University of Varnland")
    # before the verb, the source's organization is part of who speaks
    assert "cloze_side_detail" not in run.dropped("Varnland Harbour Trust")


def test_a_bound_after_only_is_still_a_bound(tmp_path):
    run = stages(
        "Isle of Varn\n\nThe Isle of Varn has poor soil and a total land area of only about 26 square kilometres, "
        "the survey of 1998 found.\n",
        tmp_path,
    )
    assert not [c for c in run.clozes() if "26" in c.answer]
    assert "bound_in_blank" in run.dropped("only about 26 square kilometres")


def test_a_candidate_whose_card_the_deck_model_refuses_is_skipped_not_raised(bridge):
    # A cloze left without its blank made ClozeCard's validation fail, and with it the whole article's deck.
    from dataclasses import replace as copy_of

    from quizapp.questions.cards import make_card

    cloze_cand = next(c for c in bridge.ranked if c.form is Form.CLOZE)
    assert make_card(cloze_cand, [], 0, ["cloze"], 0) is not None
    broken = copy_of(cloze_cand, transformed=copy_of(cloze_cand.transformed, template="The bridge opened."))
    assert make_card(broken, [], 0, ["cloze"], 0) is None
    empty = copy_of(cloze_cand, transformed=copy_of(cloze_cand.transformed, answer_text=" "))
    assert make_card(empty, [], 0, ["cloze"], 0) is None  # "{{c1:: }}": the model's own validation refuses it


FILMS = """Harbour Lights

Ida Vance wrote a film about the Port Alder ferries called Harbour Lights in 1998.
The studio Northlight bought it in 1999 and hired Mark Olsen to direct it.
In 2003, Mark Olsen cancelled the film after a dispute over the budget.
In 2005, Ida Vance sold the film Harbour Lights to the studio Bluewater for 2 million dollars.
"""


def test_a_work_called_only_the_film_is_no_standalone_card(tmp_path):
    run = stages(FILMS, tmp_path)
    # "the film" alone: which film was said in another sentence.
    cancelled = [c for c in run.made if "cancelled the film" in c.shown]
    assert cancelled, [c.shown for c in run.made]
    assert all("the film" in c.shown for c in cancelled)
    assert not [c for c in run.verified if "cancelled the film" in c.shown]
    assert "unnamed_referent" in {t.check for t in run.report.traces if "cancelled the film" in t.text}
    # Named beside the noun, the film is known.
    assert [c for c in run.verified if "the film Harbour Lights" in c.shown]


def test_an_event_called_only_the_disaster_needs_its_context(tmp_path):
    run = stages(
        "Harbour Storm\n\nA storm flooded the harbour of Skarvik in March 2019.\n"
        "In its first report on the disaster, the Norland Red Cross counted 410 damaged homes in Skarvik.\n",
        tmp_path,
    )
    assert not [c for c in run.verified if "the disaster" in c.shown]
    assert "unnamed_referent" in {t.check for t in run.report.traces if "the disaster" in t.text}


@pytest.mark.parametrize(
    ("article", "said"),
    [
        (  # a title before a person's name is no name of the program
            "Harbour Ferries\n\nThe Norland ferry fleet was founded in Skarvik in 1921.\n"
            "The harbour board later planned a night ferry to Bergen.\n"
            "On 3 May 1988, Mayor Ida Vance proposed cancelling the program in the budget for 1989.\n",
            "cancelling the program",
        ),
        (  # a time hung on the noun says when, not which request
            "Harbour Court\n\nThe fishermen of Skarvik went to court over the new pier in 1987.\n"
            "They asked to see the plans of the harbour board.\n"
            "The Norland Supreme Court is due to consider the request on 4 May 1988.\n",
            "consider the request",
        ),
        (  # the title's word inside a longer one ("Ferry" in "ferrymen") is not the title in the sentence
            "Ferry\n\nA ferry carries people and goods across water.\n"
            "The first ferry of Norland sailed to the island of Holm.\nThe crossing took four hours in good weather.\n"
            "In 1988 the Norland ferrymen of Skarvik sailed to the island twice a day.\n",
            "to the island twice",
        ),
    ],
    ids=["title_of_a_person", "time_on_the_noun", "title_inside_a_word"],
)
def test_what_only_looks_like_naming_the_referent_does_not_name_it(tmp_path, article, said):
    run = stages(article, tmp_path)
    assert [c for c in run.made if said in c.shown], [c.shown for c in run.made]
    assert not [c for c in run.verified if said in c.shown and not c.evidence.get("lead")]
    assert "unnamed_referent" in {t.check for t in run.report.traces if said in t.text}


FIRMS = """Norland Motors results

Norland Motors made a loss of $20m in the last quarter of 2004, the firm said on Monday.
The US giant earned $630m in the October-to-December period of 2003, down from $1bn in the fourth quarter of 2002.
Norland Motors, the US giant, earned $3.7bn for the whole of 2001.
The German group Harbour Werke raised its bid to $1.5bn in 2005.
The Skarvik company sold 20 ferries to Holm in 1999.
"""


PAIR = """Harbour Duet

Ida Vance and Mark Olsen recorded a duet in Skarvik in 2019.
The Norland Music Fund paid the pair 40,000 crowns in March 2020.
Ida Vance met Mark Olsen in Holm in 2015, and the pair toured Norland in 2016.
"""


def test_people_called_only_the_pair_were_named_elsewhere(tmp_path):
    run = stages(PAIR, tmp_path)
    assert [c for c in run.made if "paid the pair" in c.own_shown], [c.own_shown for c in run.made]
    assert not [c for c in run.verified if "paid the pair" in c.shown and not c.evidence.get("lead")]
    assert "unnamed_referent" in run.dropped("40,000")
    # With both named before it in the sentence, "the pair" is known.
    assert "unnamed_referent" not in run.dropped("2016")


def test_a_firm_called_only_by_where_it_is_from_was_named_elsewhere(tmp_path):
    run = stages(FIRMS, tmp_path)
    alone = [c for c in run.made if "The US giant earned" in c.shown and not c.evidence.get("lead")]
    assert alone, [c.shown for c in run.made]
    assert not [c for c in run.verified if c in alone]
    assert "unnamed_referent" in run.dropped("$630m")
    # With its name beside the epithet, it is known which firm is meant.
    assert [c for c in run.verified if c.answer == "$3.7bn"]
    assert [c for c in run.verified if c.answer == "$1.5bn"]
    # A name the small model takes for a place ("the Skarvik company") is still the firm's name.
    assert "unnamed_referent" not in run.dropped("1999")


def test_a_person_called_only_by_age_needs_the_sentence_before(tmp_path):
    run = stages(
        "Harbour Swim\n\nIda Vance won the Port Alder harbour swim in 2019 and 2021.\n"
        "Sports psychologist Mark Olsen says the 30-year-old must draw on her past wins to beat Jo Lin in the "
        "Skarvik race in 2024.\n",
        tmp_path,
    )
    # Alone, the card would not say who "the 30-year-old" is; after the sentence that names her it reads.
    assert not [c for c in run.verified if "the 30-year-old must" in c.shown and not c.evidence.get("lead")]
    assert "unnamed_referent" in run.dropped("Jo Lin")
    shown = [c.shown for c in run.verified if "the 30-year-old must" in c.shown]
    assert shown and all(s.startswith("Ida Vance won the Port Alder harbour swim") for s in shown), shown


@pytest.mark.parametrize(
    ("shown", "unnamed"),
    [
        ("_____ says the 30-year-old must win.", True),
        ("_____ says the 25-year-old striker scored twice.", True),
        ("In 2023 the 29-year-old Ida Vance swam to _____.", False),  # the name follows: a description
        ("In 2023 the 29-year-old _____ swam to Skarvik.", False),  # the blank is the one described
        ("In 2023 the 29-year-old Scot swam to _____.", True),  # a nationality is no name
        ("In 2023 the 29-year-old Kenyan swam to _____.", True),
    ],
)
def test_an_age_description_refers_back_unless_a_name_follows(shown, unnamed):
    from quizapp.questions.shapes.cloze import described_by_age

    assert bool(described_by_age(shown)) == unnamed


def test_who_is_never_answered_by_a_description(tmp_path):
    run = stages(
        "Harbour Concert\n\nSir Ian Vance played a concert at the Port Alder harbour festival in 2019.\n"
        "The former Beatle thanked the crowd of 40,000 fans in Port Alder in June 2019.\n",
        tmp_path,
    )
    assert not [c for c in run.verified if c.answer == "Beatle"]
    assert "descriptor_answer" in run.dropped("Beatle")


def test_a_date_span_that_lost_its_day_is_no_blank(tmp_path):
    run = stages(
        "Harbour Poll\n\nThe Port Alder council ran a poll of 4,000 people from 15 November 2004 to 3 January 2005 "
        "across 22 towns.\n",
        tmp_path,
    )
    assert "part_of_a_date" in run.dropped("January 2005")
    assert not [c for c in run.clozes() if "to 3 _____" in c.shown]


def test_the_content_words_read_column_wise_are_those_of_a_token_walk():
    from quizapp.facts.nlp import load_nlp
    from quizapp.questions.parse_cache import content_words

    doc = load_nlp()(
        "The harbour board of Skarvik met on Monday. Its chair, Olga Brandt, said the new cranes were quickly running "
        "and that 3 ships had docked since the storm."
    )
    walked = [
        (t.i, t.idx, t.lemma_.casefold(), t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"}, bool(t.ent_type_))
        for t in doc
        if t.is_alpha and not t.is_stop
    ]
    assert content_words(doc) == walked
    assert any(in_entity for *_, in_entity in walked) and any(not pos for *_, pos, _ in walked)
    assert content_words(doc) is content_words(doc)  # read once per parse


HOLM = (
    "The painter Arne Holm moved to Bergen in 1985.\n\n"
    "The city council gave a prize to the school in 1988.\n\n"
    "Arne Holm first met him in June 1990, through a friend, the sculptor Lise Dahl.\n"
)


def test_an_object_pronoun_is_never_its_own_verbs_subject(tmp_path):
    # "Arne Holm first met him": him is someone else, whom the card does not name (it had been taken as bound
    # by the name before it, and the cloze shipped with "him" unexplained).
    run = stages(HOLM, tmp_path)
    assert run.cloze_texts("first met him") == []
    assert "unresolved_reference" in run.dropped("June 1990")


def test_the_subject_binding_rule_reads_the_name_not_what_hangs_on_it():
    from quizapp.facts.nlp import load_nlp
    from quizapp.questions.shapes.cloze import own_subject_span

    nlp = load_nlp()
    met = nlp("Arne Holm first met him in June 1990.")
    assert met.text[slice(*own_subject_span(met[4]))] == "Arne Holm"
    # "Holm's mother was promoting him": him may well be Holm, so nothing is ruled out
    promoting = nlp("Holm's mother was promoting him as a painter.")
    assert own_subject_span(promoting[5]) is None


SETTING = (
    "Dunmore Harbour Reopens\n\n"
    "The harbour at Dunmore reopened in 2019 after a storm had closed it for two months.\n\n"
    "Fishing boats returned to Dunmore within a week, and the ferry to Kells sailed again in 2019.\n\n"
    "The council of Dunmore spent 4 million euros on the new pier, which the engineer Ruth Carney designed.\n\n"
    "Visitors to Dunmore rose by a third in 2019, the tourist office said.\n"
)


def test_the_ranker_sees_a_blank_that_is_the_articles_setting(tmp_path):
    # Judged dev clozes blanking the place an article is set in were acceptable 13 times of 44, its most
    # dated year 28 of 56: "Visitors to ___ rose by a third" asks what the whole article is about.
    run = stages(SETTING, tmp_path)
    by_answer = {c.answer: features(c) for c in run.clozes()}
    assert by_answer["Dunmore"]["setting_place"] == 1.0 and by_answer["Kells"]["setting_place"] == 0.0
    assert by_answer["2019"]["setting_year"] == 1.0
    assert by_answer["Ruth Carney"]["setting_place"] == by_answer["Ruth Carney"]["setting_year"] == 0.0


def test_the_ranker_sees_a_figure_among_many(tmp_path):
    text = (
        "The Garrison at Holt\n\n"
        "In 2005 the garrison at Holt had 74 tanks, 12 bridging vehicles, 148 armoured carriers and 84 guns.\n\n"
        "The Holt garrison was founded by the engineer Ruth Carney in 1950.\n"
    )
    run = stages(text, tmp_path)
    by_answer = {c.answer: features(c) for c in run.clozes()}
    assert by_answer["12"]["many_numbers"] == 1.0
    assert by_answer["1950"]["many_numbers"] == 0.0


OUTLET = (
    "Leaders Meet in Brasilia\n\n"
    "President Hu Jintao of China arrived in Brasilia on Friday for talks on trade.\n\n"
    "Mr Hu was all smiles as he left the talks with President Lula, according to the BBC's Tom Gibb in Sao Paulo.\n\n"
    "The harbour authority of Santos signed a deal with Apple's finance chief Ruth Carney in Sao Paulo.\n"
)


def test_a_news_outlets_reporter_and_where_they_stand_are_no_blank(tmp_path):
    run = stages(OUTLET, tmp_path)
    assert "outlet_staff" in run.dropped("Tom Gibb")
    assert any("outlet_staff" in t.check for t in run.report.traces if t.answer == "Sao Paulo")
    # a firm's officer is no reporter: the check reads the outlet's name
    assert "outlet_staff" not in run.dropped("Ruth Carney")


PASSAGES = """The Korsvik Ferry

The ferry line between Korsvik and Hamnoy was opened by the shipping firm Vestlink in 1962. It carried 40,000 passengers from Korsvik in its first year, most of them fishermen. Then the line was sold to the state for 9 million kroner in 1984.

It was sold again to the shipping firm Nordlinje in 1991.

The new quay at Hamnoy was finished in 1979. He paid 3 million kroner for the new quay.

"We will sail every day," said the captain Marta Ekholm in 1970. She bought a second ship, the Solvind, in 1975.
"""


@pytest.fixture(scope="module")
def passages(tmp_path_factory):
    return stages(PASSAGES, tmp_path_factory.mktemp("passages"))


def test_a_sentence_leaning_on_the_one_before_is_asked_after_it(passages):
    carried = [c for c in passages.made if "passengers from" in c.own_shown and c.evidence.get("leans_back")]
    assert [c.answer for c in carried] == ["40,000"]
    assert carried[0].shown == (
        "The ferry line between Korsvik and Hamnoy was opened by the shipping firm Vestlink in 1962. "
        "It carried _____ passengers from Korsvik in its first year, most of them fishermen."
    )
    assert carried[0].evidence["alone_refused"] == "unresolved_reference"
    # The card's provenance gives both sentences, as the card shows them.
    assert carried[0].evidence["lead_source"].startswith("The ferry line")
    # A sentence before that leans back itself ("It carried ...") is no help: "the line" stays unnamed.
    assert not passages.passage_texts("Then the line was sold")
    assert "unnamed_subject" in passages.dropped("1984")


def test_the_sentence_before_never_names_the_blank(passages):
    # "from Korsvik": the sentence shown first names Korsvik, so that blank would be given away.
    assert not [c for c in passages.made if c.answer == "Korsvik" and "passengers from" in c.own_shown]
    assert "given_away" in passages.dropped("Korsvik")


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("sold again to the shipping firm", "the sentence before leans back itself ('the line')"),
        ("He paid 3 million", "the sentence before names no one for he to be"),
        ("bought a second ship", "she is written out as Marta Ekholm: the sentence stands alone"),
    ],
)
def test_no_passage_when_the_sentence_before_cannot_answer_what_points_back(passages, sentence, why):
    assert not passages.passage_texts(sentence), why


LEANING_BACK = """The Lenna Dam

The engineer Oda Brannsen designed the Lenna Dam for the county of Norland in 1931. She also built the power station at Kessby in 1936.

Norland County opened a ferry museum in Skarvik in 1988. Kristin Vold ran the museum from 1989 to 2001.

The harbour at Skarvik was dredged in 1995. The museum lent its old ferry to the harbour festival in 1996.
"""


def test_a_sentence_that_stands_alone_but_leans_back_is_shown_after_the_one_before(tmp_path):
    run = stages(LEANING_BACK, tmp_path)
    also = [c for c in run.verified if c.form is Form.CLOZE and "also built" in c.own_shown]
    # "also": alone, verify refuses it (it answers something said before); after the sentence before it reads.
    assert also and all(c.shown.startswith("The engineer Oda Brannsen designed the Lenna Dam") for c in also)
    assert {c.evidence["alone_refused"] for c in also} == {"cloze_needs_context"}
    # "the museum": the sentence before names the museum, so it is shown first.
    ran = [c for c in run.clozes() if "ran the museum" in c.own_shown]
    assert ran and all(c.shown.startswith("Norland County opened a ferry museum") for c in ran)
    assert {c.evidence["alone_refused"] for c in ran} == {"anaphoric_definite"}
    # ... but not when the sentence before names no museum for "The museum".
    assert not [c for c in run.made if "lent its old ferry" in c.shown]
    assert "unnamed_subject" in run.dropped("1996")


def test_a_passage_whose_sentence_before_names_the_deal_keeps_its_the_deal(tmp_path):
    run = stages(
        "Studio news\n\nSony Pictures signed a deal with Marvel Studios in April 2004, after months of talks in Los "
        "Angeles. The deal was worth 200 million dollars and ran for five years, according to the studio.\n"
        "The studio later bought a lot in Culver City in 2006.\n",
        tmp_path,
    )
    worth = [c for c in run.verified if "was worth" in c.own_shown]
    # Alone, "The deal" is unnamed (verify refuses it); after the sentence naming the deal, it reads.
    assert worth and all(c.shown.startswith("Sony Pictures signed a deal") for c in worth)
    assert "unnamed_referent" not in run.dropped(worth[0].answer)


def test_a_word_built_on_a_one_word_name_gives_the_blank_away(tmp_path):
    run = stages(
        "Border news\n\nIraq closed its Karameh border crossing into Jordan until further notice, Jordanian "
        "officials said on Monday.\nThe crossing into Jordan had reopened in March 2004 after a year of talks "
        "in Amman.\n",
        tmp_path,
    )
    assert not [c for c in run.clozes() if c.answer == "Jordan" and "Jordanian" in c.shown]
    assert "given_away" in run.dropped("Jordan")
    # Without a word built on it, the name is a fair blank.
    assert [c for c in run.clozes() if c.answer == "Jordan" and "reopened" in c.shown]


def test_a_figure_written_again_in_the_sentence_gives_the_blank_away(tmp_path):
    run = stages(
        "Harbour news\n\nThe Skarvik coast guard keeps 2 cutters, 5 patrol boats and 5 rescue launches at the "
        "harbour.\nThe Korsvik coast guard kept 14 patrol boats at its harbour in 1990.\n",
        tmp_path,
    )
    # "2 cutters, ___ patrol boats and 5 rescue launches": the other 5 is the first guess.
    assert not [c for c in run.clozes() if "cutters" in c.own_shown and "_____ patrol boats" in c.shown]
    assert "given_away" in run.dropped("5")
    # A figure written once is a fair blank.
    assert [c for c in run.clozes() if c.answer == "14"]


PAINTER = """Ansel Brekke

Ansel Brekke is a Norwegian painter and stage designer. Brekke was born in 1950 in Tromso, the son of Danish parents who had moved to Norway. When Ansel Brekke was twelve, they moved to Bergen.

Although he had turned down Ivar Lunde for a part in his first play, Lunde cast him as the ferryman in the opera Skarv in 1988, which brought him notice.

His father was a ship's doctor and was often away at sea. He died on 4 May 1971 in Oslo. Brekke moved to Oslo in 1975 and opened a studio there in 1979.
"""


def test_a_pronoun_is_never_bound_to_someone_it_cannot_be(tmp_path):
    run = stages(PAINTER, tmp_path)
    alone = [c.shown for c in run.clozes() if not c.evidence.get("lead")]
    # "they" after one person named: the parents, whom the sentence does not name (a passage may show them).
    assert not [s for s in alone if "they moved to" in s]
    # "Although he had turned down Ivar Lunde ..., Lunde cast him": he is not Lunde, whom his own clause names.
    assert not [s for s in alone if "Lunde had turned down" in s or "Although he had turned down" in s]
    assert any("Although Ansel Brekke had turned down Ivar Lunde" in s for s in alone)
    # "His father was ... He died on 4 May 1971": he is the father, not the painter the article is about.
    assert not [s for s in alone if "Brekke died on" in s]


def test_one_of_a_kind_said_before_leans_on_the_sentence_before(tmp_path):
    run = stages(
        "Harbour Awards\n\n"
        "The harbour board of Skarvik gave its first award to the ferry captain Marta Ekholm in 1970. Another "
        "award went to the engineer Oda Brannsen in 1974.\n\n"
        "Other winners of the award included the painter Ansel Brekke in 1981.\n\n"
        "Further awards were given to the harbour pilots of Skarvik in 1983.\n\n"
        "The ferry Solvind, another ship of the line, was built in Bergen in 1975.\n",
        tmp_path,
    )
    alone = [c.shown for c in run.verified if c.form is Form.CLOZE and not c.evidence.get("lead")]
    # "Another award", "Other winners", "Further awards": alone they answer something said before.
    assert not [s for s in alone if "nother award went" in s or "Other winners" in s or "Further awards" in s]
    assert {"cloze_needs_context"} <= run.dropped("1981") | run.dropped("Ansel Brekke")
    assert "cloze_needs_context" in run.dropped("1983")
    # An aside that names what "another" is ("the ferry Solvind, another ship of the line,") stands alone.
    assert [s for s in alone if "another ship of the line" in s]


def test_a_work_the_first_sentence_defines_is_never_he(tmp_path):
    run = stages(
        "Harbour Lights\n\n"
        "Harbour Lights is a 1999 Norwegian comedy film directed by Ivar Lunde and written by Kari Dahl and Ola "
        "Berg.\n\n"
        "Lunde read the script in 1997. He cast the singer Marta Ekholm in the lead in 1998. His film opened in "
        "Oslo in 1999. He said the film was his best. He later made a sequel in 2003.\n\n"
        "The script was bought by Nordfilm in 1996. He submitted his first draft to Nordfilm in 1995.\n",
        tmp_path,
    )
    assert not [c for c in run.made if "Harbour Lights submitted" in c.shown]


EPITHETS = """Harbour Games

The harbour mile has been run every June in Skarvik since 1950. Dougie Marsh won the harbour mile in Skarvik in 1996. The 29-year-old Scot set a course record of 3 minutes 58 seconds in 1997.

The rowing club moved to a new boathouse in 2003.

The 31-year-old Scot was suspended for two years in 1998 after a failed test.

Norland's growth reached 2.1% in the third quarter of 2004. If confirmed, that would be the best quarterly showing since 2002. It leaves the harbour economy up 3.4% for the full year.
"""


@pytest.fixture(scope="module")
def epithets(tmp_path_factory):
    return stages(EPITHETS, tmp_path_factory.mktemp("epithets"))


def test_an_age_and_a_nationality_describe_a_person_named_elsewhere(epithets):
    # "The 31-year-old Scot" is not a name: alone, the card would not say who was suspended.
    assert not [c for c in epithets.verified if "was suspended" in c.own_shown]
    assert "unnamed_referent" in epithets.dropped("1998")
    # After the sentence that names him, the same kind of description reads.
    record = [c for c in epithets.verified if "set a course record" in c.own_shown]
    assert record and all(c.shown.startswith("Dougie Marsh won the harbour mile") for c in record)


def test_a_sentence_that_guesses_is_no_sentence_before(epithets):
    # "If confirmed, that would be ...": neither a fact alone nor one to show before "It leaves ...".
    assert not [c for c in epithets.made if "that would be" in c.shown]


def test_a_passage_is_kept_only_as_the_one_card_of_an_article_that_would_be_empty(passages):
    from dataclasses import replace as copy_of

    from quizapp.questions.select import select

    passage = next(c for c in passages.clozes() if c.evidence.get("leans_back"))
    alone = next(c for c in passages.clozes() if not c.evidence.get("leans_back"))
    report = GenerationReport()
    kept = select([copy_of(passage, score=0.99), copy_of(alone, score=0.6)], 10, 1000, 0.5, report, floor=False)
    assert [k.answer for k in kept] == [alone.answer]
    assert any(t.check == "two_sentences" and t.answer == passage.answer for t in report.traces)
    # Only an article of 400 words or more that would otherwise get no card gets one, as its last resort.
    assert select([copy_of(passage, score=0.99)], 10, 300, 0.5) == []
    assert select([copy_of(passage, score=0.99)], 10, 1000, 0.5) == [copy_of(passage, score=0.99)]
    assert [k.answer for k in select([copy_of(passage, score=0.99), copy_of(alone, score=0.3)], 10, 1000, 0.5)] == [
        alone.answer
    ]


HARBOUR_PRIZES = """Harbour Prizes

The Skarvik Harbour Prizes were first given in Skarvik in 1970. The ferry captain Marta Ekholm was given the Special Award for outstanding service to the harbour in 1990. The painter Ansel Brekke won the award for best harbour painting for his work with the poet Oda Brannsen in 1991.

In his Dahl Lundberg, Ansel Brekke wrote of the poet Oda Brannsen as his teacher in 1992.

Brekke painted the lighthouse at Skarvik in 1993. Alternatively, Oda Brannsen painted the old lighthouse at Ostvik for the harbour board of Bergen in 1994.

The shipping firm Nordlys paid for the Skarvik Harbour Prizes from 1970 until the harbour board took them over in 1985; for the harbour historian Ivar Lunde says of the painter Ansel Brekke that he was the best painter of the harbour in the long years between 1950 and 1990 in the town of Skarvik in the north.

The prizes of 1995 went to the rowers of Skarvik, and club chairman Per Lunde entering into a long dispute with the harbour board of Skarvik after being left out of the prizes of 1995 in December 1995.

The special harbour rights are known by their acronym SHR, and the Skarvik Harbour Board gave the first special harbour rights to the ferry company Nordlys in 1996.

The singer Kari Dahl will sing One Night at the prize evening in Skarvik in 1997.

The harbour board built a stone quay at Skarvik in 1996. According to the harbour historian Ivar Lunde, it was meant to mark the opening of the new ferry line to Bergen in 1996.
"""


@pytest.fixture(scope="module")
def prizes(tmp_path_factory):
    return stages(HARBOUR_PRIZES, tmp_path_factory.mktemp("prizes"))


def test_a_noun_its_following_words_name_is_not_the_award_named_nearby(prizes):
    # "won the award for best harbour painting": the words after it say which award; it is not the Special Award.
    assert not [c for c in prizes.made if "won the Special Award for best harbour painting" in c.shown]
    assert [c for c in prizes.made if "won the award for best harbour painting" in c.shown]


def test_a_person_blank_after_his_is_a_title_not_a_person(prizes):
    assert "person_after_possessive" in prizes.dropped("Dahl Lundberg")
    assert not [c for c in prizes.verified if c.answer == "Dahl Lundberg"]


def test_alternatively_points_back(prizes):
    alone = prizes.alone()
    assert not [s for s in alone if "Alternatively" in s or s.startswith("Oda Brannsen painted")]


def test_a_clause_that_opens_on_a_conjunction_after_a_semicolon_is_no_sentence(prizes):
    assert not [c for c in prizes.made if c.shown.casefold().startswith("for the harbour historian")]
    # The clause before the semicolon still stands alone.
    assert [c for c in prizes.made if c.shown.startswith("The shipping firm") and ";" not in c.shown]


def test_a_clause_without_a_tensed_verb_is_no_sentence(prizes):
    assert not [c for c in prizes.made if c.shown.startswith(("club chairman", "Club chairman"))]


def test_words_that_spell_out_an_acronym_give_it_away(prizes):
    assert "given_away" in prizes.dropped("SHR")
    assert not [c for c in prizes.made if c.answer == "SHR"]


@pytest.mark.parametrize(
    ("answer", "text", "spelled"),
    [
        ("SDR", "the code for special drawing rights is XDR", "special drawing rights"),
        ("Fbi", "the Federal Bureau of Investigation said", None),  # not all capitals: no acronym
        ("FBI", "the Federal Bureau of Investigation said", "Federal Bureau of Investigation"),
        ("BBC", "a film by Brian Cox", None),  # "by" is too short to stand for a letter
        ("US", "we use stock options", None),  # two letters need capitalised words
        ("WTO", "a complaint with the over state aid", None),  # function words stand for no letter
        ("UN", "the United Nations met", "United Nations"),
    ],
)
def test_spelled_out_acronym(answer, text, spelled):
    from quizapp.questions.shapes.cloze import spelled_out_acronym

    assert spelled_out_acronym(answer, text) == spelled


def test_a_song_title_that_starts_with_a_number_is_no_number(prizes):
    assert not [c for c in prizes.made if c.answer == "One Night" or c.kind == "number" and "One Night" in c.answer]


def test_a_passive_it_with_a_to_clause_is_a_thing_said_before(prizes):
    # "it was meant to mark ...": "it" is the quay of the sentence before, not the to-clause ("it was decided to").
    alone = prizes.alone()
    assert not [s for s in alone if "it was meant to mark" in s]


def test_a_country_blank_is_asked_only_where_the_article_opens(tmp_path):
    text = (
        "Skarvik\n\nSkarvik is a port town in Norway with a population of 9,000 people.\n\n"
        "The harbour of Skarvik grew quickly after the ferry line to Bergen opened in 1701. "
        "The painter Ansel Brekke moved to Skarvik in 1890 and opened a studio there in 1895. "
        "The shipping firm Nordlys built a new quay at Skarvik in 1920. "
        "The Skarvik fishing fleet counted 300 boats in 1930. "
        "In 1950 the ferry company Nordlys opened a second line from Skarvik to Denmark.\n"
    )
    run = stages(text, tmp_path)
    # In the opening the country is what the article is about.
    assert [c for c in run.verified if c.answer == "Norway" and c.category == "country"]
    # Further on, a country is the blank a reader guesses: it fills an article's floor at most.
    assert "cloze_country" in run.dropped("Denmark")
    assert not [c for c in run.verified if c.answer == "Denmark"]


def test_a_main_clause_he_is_not_the_object_of_an_opening_phrase(tmp_path):
    run = stages(
        "Harbour Languages\n\nThe linguist Ansel Brekke wrote a grammar of the Skarvik dialect in 1950. "
        "Following Ivar Lunde and rejecting Kari Dahl, he classified the Skarvik dialect as a Norse language in "
        "1955. When Oda Brannsen moved to Skarvik in 1960, she opened a school for the dialect.\n",
        tmp_path,
    )
    alone = run.alone()
    # "he" is neither Lunde nor Dahl, whom the opening phrase follows and rejects: never left as if it were.
    assert not [s for s in alone if ", he classified" in s]
    # The subject of an opening clause still binds it ("When Oda Brannsen moved ..., she opened ...").
    assert [s for s in alone if ", she opened a school" in s]


def test_a_main_clause_he_is_not_the_owner_in_an_opening_phrase(tmp_path):
    run = stages(
        "Ansel Brekke\n\nAnsel Brekke was a Norland politician and lawyer. He joined the Skarvik Harbour Party of "
        "the lawyer Nils Lunde in 1921, and he was elected to its board in 1930. After Nils Lunde's death in 1950 he "
        "became the leader of the Skarvik Harbour Party.\n",
        tmp_path,
    )
    alone = run.alone()
    # "he" is not Lunde, whose death the opening phrase dates: written out, or the card is not made alone.
    assert not [s for s in alone if "he became the leader" in s], alone


def test_a_war_a_nickname_or_in_doing_so_lean_on_a_sentence_not_shown(tmp_path):
    run = stages(
        "Harbour Prize\n\nThe Skarvik Harbour Prize was first given by the Norland Academy in 1920. Sailors soon "
        "called the prize the Anchor. The Norland Academy officially adopted the nickname in 1939.\n\n"
        "The ferry captain Marta Ekholm joined the harbour navy in 1939. She served through the war until 1945. "
        "Ansel Brekke mapped the harbour of Skarvik in 1946. In doing so, Ansel Brekke found the wreck of the "
        "ferry Solvind in 1947.\n",
        tmp_path,
    )
    alone = [c for c in run.verified if c.form is Form.CLOZE and not c.evidence.get("leans_back")]
    assert not [c for c in alone if "adopted the nickname" in c.shown]
    assert "unnamed_referent" in run.dropped("1939")
    assert not [c for c in run.made if c.shown.startswith("In doing so") and not c.evidence.get("leans_back")]
    assert not [c for c in alone if "through the war" in c.shown]


def test_a_club_or_party_does_not_say_which_athlete(tmp_path):
    run = stages(
        "Harbour Games\n\nThe Skarvik long jump was won by Dougie Marsh in 1996. The Middlesbrough athlete jumped "
        "a season's best of 7.95m at the Skarvik Grand Prix to push Ansel Brekke into second place. The "
        "Middlesbrough club manager Ivar Lunde praised the jump in 1997.\n",
        tmp_path,
    )
    alone = run.alone()
    assert not [s for s in alone if s.startswith("The Middlesbrough athlete")]
    assert "unnamed_subject" in run.dropped("Ansel Brekke")


def test_a_number_after_an_organization_is_the_end_of_its_name_and_an_aside_names_nothing(tmp_path):
    run = stages(
        "Harbour Radio\n\nThe new evening show on Norland Radio 1 goes on air on Tuesday in Skarvik. "
        "The station hired the singer Kari Dahl to host it in 2004.\n\n"
        "The harbour film Solvind opened in Skarvik in 2005. The movie, which cost a reported $7m to make, has "
        "taken $13m in Norland so far.\n",
        tmp_path,
    )
    assert "inside_a_name" in run.dropped("Norland Radio")
    alone = run.alone()
    # "which cost a reported $7m" says something of the movie, not which movie it is.
    assert not [s for s in alone if s.startswith("The movie, which")]


def test_a_count_that_the_list_after_it_spells_out_is_no_blank(tmp_path):
    run = stages(
        "Norland Ferries\n\nThe ferries of Norland carried 2 million passengers in 1987.\n"
        "Five kinds of ferry exist in Norland: car ferries, rail ferries, fast ferries, cable ferries, and night "
        "ferries.\nSix kinds of ferry exist in Holm: car ferries, rail ferries and fast ferries among them.\n",
        tmp_path,
    )
    assert "count_given_by_list" in run.dropped("Five")
    assert not [c for c in run.verified if c.answer == "Five"]
    # A list that does not add up to the count gives nothing away.
    assert [c for c in run.made if c.answer == "Six"]
    assert "count_given_by_list" not in run.dropped("Six")


def test_a_names_head_word_alone_is_no_answer(tmp_path):
    run = stages(
        "Norland Standards\n\nThe National Bureau of Weights was founded in Skarvik in Norland in 1901.\n"
        "In 1911 the Bureau took custody of the copies of the kilogram that were the standards of Norland.\n",
        tmp_path,
    )
    assert "generic_head_answer" in run.dropped("Bureau"), run.dropped("Bureau")
    assert not [c for c in run.verified if c.answer == "Bureau"]
    assert [c for c in run.made if c.answer == "National Bureau of Weights"] or [
        c for c in run.made if "National Bureau" in c.answer
    ]


def test_a_word_that_starts_with_a_full_stop_keeps_its_space_in_the_card(tmp_path):
    run = stages(
        "Island news\n\nIn 1996 the Norland government won the right to use the .nl web domain for its public "
        "sites.\nThe Korsvik ferry line was opened in 1962.\n",
        tmp_path,
    )
    domain = [c for c in run.clozes() if "web domain" in c.shown]
    assert domain and all("the .nl web domain" in c.shown for c in domain)


def test_a_bare_title_as_the_subject_names_nobody(tmp_path):
    run = stages(
        "The Norland War\n\nThe Duke of Varna marched an army to Skarvik in May 1702.\n"
        "On 14 June 1702 the Duke gathered the troops at Tongeren, near the river Orm.\n"
        "On 2 July 1702 Duke Anton of Varna gathered the troops at Halden, near the river Orm.\n",
        tmp_path,
    )
    # "the Duke gathered ...": which duke, the card does not say (it may not be the Duke of Varna).
    assert not [c for c in run.verified if "Tongeren" in c.shown and not c.evidence.get("leans_back")]
    assert "unnamed_subject" in run.dropped("14 June 1702"), run.dropped("14 June 1702")
    # With the name after the title, the subject names someone.
    assert [c for c in run.verified if "Halden" in c.shown]


def test_a_pronoun_before_a_shared_given_name_is_that_persons(tmp_path):
    # Two Roberts and two Harveys: the extraction makes no mention of a bare "Robert", yet the parser knows him
    # for a person, and "his" before and after him are his, not those of the person named the sentence before.
    run = stages(
        "The Dahl Nail Works\n\nThe Dahl nail works stood at Vestby on the river Lysa.\n"
        "Robert Dahl founded the first mill in 1820 with his brother Harvey Dahl.\n"
        "Robert Dahl Jr. joined the works in 1841, and Harvey Dahl Jr. in 1843.\n"
        "In 1845 Oscar Lind bought the upper mill from the family.\n"
        "With his chances limited by his cousins, Robert left in 1847 to start his own business at Moss.\n",
        tmp_path,
    )
    left = run.cloze_texts("to start his own business")
    assert left and all("With his chances" in s and "start his own business" in s for s in left), left


def test_a_spans_kept_text_is_what_spacy_reads_for_it() -> None:
    """``span_text`` cuts a span's text from the parse's kept text instead of joining its tokens: it must be the
    very string ``Span.text`` is, for sentences (after a paragraph break too), clauses and single words."""
    from quizapp.facts.nlp import load_nlp
    from quizapp.questions.parse_cache import span_text

    doc = load_nlp()(
        "Ada Brun came to Tartu in 1902.\n\n  She taught there (briefly) until 1910 ,  then left. It rained."
    )
    spans = [*doc.sents, doc[0:1], doc[2:5], doc[len(doc) - 3 :], doc[7:15]]
    assert len(list(doc.sents)) >= 3
    for span in spans:
        assert span_text(span) == span.text, (span_text(span), span.text)


@pytest.mark.parametrize(
    ("sentence", "answer", "check", "refused"),
    [
        # A year beside the year before or after it is counted to.
        (
            "Ida Brekke was elected to the Skarvik council in 1962 and reelected in 1963.",
            "1962",
            "neighbouring_year",
            True,
        ),
        (
            "Ida Brekke was elected to the Skarvik council in 1962 and reelected in 1963.",
            "1963",
            "neighbouring_year",
            True,
        ),
        # One of three or more years the sentence lists for the same thing is one answer of several.
        (
            "Ida Brekke was nominated for the Skarvik harbour prize in 1958, 1962, and 1966.",
            "1958",
            "one_of_listed_years",
            True,
        ),
        (
            "Ida Brekke was nominated for the Skarvik harbour prize in 1958 and won it in 1966.",
            "1958",
            "one_of_listed_years",
            False,
        ),
        # Years further apart are each a fact of their own.
        (
            "Ida Brekke was elected to the Skarvik council in 1962 and reelected in 1966.",
            "1962",
            "neighbouring_year",
            False,
        ),
        # A century read off the years its sentence writes.
        (
            "Between the fire of 1812 and the flood of 1898, Skarvik grew quickly during the 19th century.",
            "the 19th century",
            "century_from_years",
            True,
        ),
        (
            "Skarvik grew quickly during the 19th century, when the harbour was dug by the Norland Ferry Company.",
            "the 19th century",
            "century_from_years",
            False,
        ),
        # However the sentence words the change, when its three figures add up.
        (
            "Norland Ferries said its contributions had increased from £5.5bn to £8.2bn a year, a rise of 49.7%.",
            "49.7%",
            "derivable_figure",
            True,
        ),
        (  # a share is no change: 65% of $109bn is not what the $38.7bn is, whatever the sums say
            "By 1997 Norland Ferries owed $109bn, 65% of it short-term, and held $38.7bn in reserves.",
            "$38.7bn",
            "derivable_figure",
            False,
        ),
        # A decade too.
        (
            "The Norland Ferry Company was founded in 1954 during the shipping boom of the 1950s.",
            "the 1950s",
            "century_from_years",
            True,
        ),
        (
            "The Norland Ferry Company was founded in 1948, before the shipping boom of the 1950s.",
            "the 1950s",
            "century_from_years",
            False,
        ),
        # An amount that is the sum or the difference of two others of its sentence.
        (
            "Norland Ferries made a pre-tax profit of $850m, a $697m improvement from $153m a year earlier.",
            "$850m",
            "amount_adds_up",
            True,
        ),
        (
            "The Skarvik board invested $12.5 billion in Norland Ferries and recovered $11.2 billion, a loss of "
            "$1.3 billion.",
            "$11.2 billion",
            "amount_adds_up",
            True,
        ),
        (
            "Norland Ferries made a pre-tax profit of $850m, against $697m in 1987 and $160m in 1986.",
            "$850m",
            "amount_adds_up",
            False,
        ),
    ],
)
def test_a_figure_or_year_its_sentence_counts_out_is_no_card(tmp_path, sentence, answer, check, refused):
    run = stages(f"Norland Ferries\n\nNorland Ferries was founded in Skarvik in 1931.\n\n{sentence}\n", tmp_path)
    made = [c for c in run.made if c.mention.text.strip() in {answer, answer.removeprefix("the ")}]
    assert made, [c.mention.text for c in run.made]
    assert (check in run.dropped(made[0].answer)) is refused, run.dropped(made[0].answer)


@pytest.mark.parametrize(
    ("name", "text", "letters"),
    [
        ("Federal Bureau of Investigation", "e-mails that claim to come from the FBI", "FBI"),
        ("US Federal Bureau of Investigation", "e-mails that claim to come from the FBI", "FBI"),
        ("American Football League", "before the NFL-AFL merger", "AFL"),
        ("Electronic Arts", "EA Mobile is a division of", "EA"),
        # An acronym of part of the name that stops short of its last word names something else.
        ("United States Navy", "during the US involvement in the war", None),
        ("Skarvik Harbour Authority", "the HQ of the ferry line", None),
        ("Skarvik", "the SK ferry line", None),  # one word has no acronym
    ],
)
def test_an_acronym_in_the_sentence_names_the_answer(name, text, letters):
    from quizapp.questions.shapes.cloze import acronym_named

    assert acronym_named(name, text) == letters


PLAN = """Skarvik Harbour

Skarvik Harbour is a fishing port on the west coast of Norway, founded by dockers in 1901.
The harbour board found in 1999 that in nine out of 10 crossings the ferries of Skarvik left on time.
The planner Marta Dahl argued for such a tunnel within the town plan of 1950, as did the engineer Ansel Brekke.
The engineer Ansel Brekke argued for a tunnel under the harbour in the town plan of 1950.
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return stages(PLAN, tmp_path_factory.mktemp("plan"))


def test_such_a_noun_points_back_though_an_as_clause_follows_it(plan):
    # "such a tunnel ..., as did the engineer ___": the "as" is another clause's, not "such tunnels as ...".
    assert not plan.verified_cloze_texts("such a tunnel")
    assert "unresolved_reference" in plan.dropped("Marta Dahl")
    assert plan.verified_cloze_texts("argued for a tunnel under the harbour")


def test_the_scale_of_a_share_is_no_count_to_ask(plan):
    # "in nine out of ___ crossings": the 10 is the scale the share is told on.
    assert "common_word" in plan.dropped("10")
    assert not [c for c in plan.verified if c.answer == "10"]


def test_an_aside_set_off_by_commas_of_its_own_leaves_one_comma(tmp_path):
    run = stages(
        "Marta Dahl\n\nMarta Dahl, Baroness of Skarvik, (1901–1980), styled Lady Brekke from 1930 to 1950, was a "
        "Norwegian ship owner and the founder of the Skarvik ferry line.\n",
        tmp_path,
    )
    shown = run.cloze_texts("styled Lady Brekke")
    assert shown and all(",," not in text and "Skarvik, styled" in text for text in shown), shown


def test_a_name_whose_span_runs_into_a_bracket_is_never_the_blank(tmp_path):
    # The page lost what stood in the bracket ("Halvard (; Hálvarðr ) is ..."); the model's span ends inside it.
    run = stages(
        "Norse gods\n\nHalvard (; Hálvarðr ) is a god of the sea or sometimes a giant in Norse mythology.\n"
        "The poet Sigrid Tolle wrote of Halvard in 1230 in a poem of the harbour of Skarvik.\n",
        tmp_path,
    )
    assert "part_of_a_word" in run.dropped("Halvard (; Hálvarðr")
    assert not [c for c in run.verified if c.answer.count("(") != c.answer.count(")")]


def test_years_later_points_back_and_a_class_label_is_no_count(tmp_path):
    run = stages(
        "Skarvik Harbour\n\nSkarvik Harbour is a fishing port on the west coast of Norway, founded by dockers in 1901.\n"
        "Years later, in 1962, the board of Skarvik gave the harbour a grant of 42 million kroner.\n"
        "Type 4 ferries of the Skarvik line carry up to 300 cars on each crossing to Bergen.\n",
        tmp_path,
    )
    # Alone it would not say later than what; after the sentence before it, it may still be asked.
    assert not [
        c
        for c in run.verified
        if c.form is Form.CLOZE and "Years later" in c.shown and not c.evidence.get("leans_back")
    ]
    assert "pointing_opener" in run.dropped("1962")
    assert "common_word" in run.dropped("4")
    assert not [c for c in run.verified if c.answer == "4"]


ABBEY = """The Abbey of Tarvo

The scholar Ingrid Sorli founded the Abbey of Tarvo in 1204 with the monk Halvard Brekke.
Brekke wrote the first chronicle of the abbey in 1210, and Brekke copied the gospels there in 1215.
Soon after Brekke settled in Ansgar, he began teaching the novice Oddvar Lien in 1221.
Ansgar said that the abbey would need a new library in 1230.
Ingrid Sorli sailed from the port of Ansgar to Tromso in 1234.
Liverpool have little chance of winning the league, the abbot told Oddvar Lien in 1231.
Oddvar Lien sailed from Liverpool to Bergen in 1232.
"""


@pytest.fixture(scope="module")
def abbey(tmp_path_factory):
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.ingest import read_articles
    from quizapp.questions.candidates import overgenerate
    from quizapp.questions.generate import article_scopes

    path = tmp_path_factory.mktemp("abbey") / "abbey.txt"
    path.write_text(ABBEY, encoding="utf-8")
    articles = read_articles([str(path)], None, None)
    _sources, _pool, scopes = article_scopes(articles, extract_facts_with_docs(articles))
    return scopes[0], overgenerate(scopes[0], GenerationReport())


def _cloze_of(made: list[Candidate], answer: str, containing: str) -> Candidate:
    return next(c for c in made if c.form is Form.CLOZE and c.answer == answer and containing in c.shown)


@pytest.mark.parametrize(
    ("hint", "containing", "refused"),
    [
        ("person", "settled in _____", True),  # a "(person)" where a place stands
        (None, "settled in _____", False),  # no hint, no kind claimed
        ("person", "_____ said that", False),  # the same name as a speaker is a person slot
        ("person", "port of _____", True),  # a place noun names it
    ],
)
def test_a_person_hint_where_a_place_stands_is_refused(abbey, hint, containing, refused):
    import dataclasses

    from quizapp.questions.verify import check_person_at_a_place

    scope, made = abbey
    cand = dataclasses.replace(_cloze_of(made, "Ansgar", containing), kind="person", hint=hint)
    assert (check_person_at_a_place(cand, scope) is not None) is refused


def test_a_city_the_article_writes_as_a_team_is_not_hinted_as_a_city(abbey):
    import dataclasses

    from quizapp.questions.verify import check_city_as_team

    scope, made = abbey
    sailed = _cloze_of(made, "Liverpool", "sailed from")
    as_city = dataclasses.replace(sailed, kind="place", category="city", hint="city")
    assert "as a team" in (check_city_as_team(as_city, scope) or "")
    assert check_city_as_team(dataclasses.replace(as_city, hint=None), scope) is None
    # Bergen is never a plural subject: a city it stays.
    bergen = dataclasses.replace(_cloze_of(made, "Bergen", "sailed from"), category="city", hint="city")
    assert check_city_as_team(bergen, scope) is None


def test_a_subject_pronoun_the_parser_hangs_under_a_later_clause_is_still_written_out(tmp_path):
    # The parser reads "the year Manuel Godoy signed ..." as the sentence's main clause; "He" is still the
    # painter, not someone the sentence names after it.
    run = stages(
        "Ansel Brekke\n\nAnsel Brekke was a Norwegian painter of harbours, born in Skarvik in 1746.\n"
        "He became head of the Royal Academy in 1795, the year Manuel Godoy signed a costly treaty with France.\n",
        tmp_path,
    )
    made = [c.shown for c in run.clozes() if c.answer == "1795"]
    assert made and all(shown.startswith("Ansel Brekke became head") for shown in made), made


ISLANDS = """Skarv Islands

The Skarv Islands are an archipelago in the Norland Sea, west of Bergen.
Holm is the largest Skarv Island, with 2,000 people in 2020.
The islands were invaded by the Danes in 1338.
The Norland Navy blockaded the islands from time to time in the winter of 1944.
"""


def test_the_islands_of_an_article_on_islands_are_written_out_by_its_plural_name(tmp_path):
    # "the islands" are the Skarv Islands the article is about, never the one "Skarv Island" named in passing.
    run = stages(ISLANDS, tmp_path)
    shown = [c.own_shown for c in run.made if c.answer in {"1338", "1944"}]
    assert shown and all("the Skarv Islands" in s or "The Skarv Islands" in s for s in shown), shown
    assert not [
        s for c in run.made for s in [c.own_shown] if re.search(r"Skarv Island\b(?!s)", s) and "largest" not in s
    ]
