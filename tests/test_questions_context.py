"""Resolving subjects from the article around them, on small original texts."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="session")
def nlp():
    from quizapp.facts.nlp import load_nlp

    return load_nlp()


def _context(text: str, title: str | None = None):
    from quizapp.facts.extract import extract_facts_with_docs
    from quizapp.ingest.model import Article
    from quizapp.questions.context import ArticleContext

    article = Article(path="t.txt", text=text, title=title)
    ((facts, doc),) = extract_facts_with_docs([article])
    return ArticleContext.build(doc, facts), doc


def _token(doc, text: str, nth: int = 0):
    return [t for t in doc if t.text == text][nth]


def test_they_follows_subjects_back_to_a_counted_group():
    ctx, doc = _context(
        "Two Norland sailors were stopped in Valmora on Monday. The two were released later. "
        "They had sailed from Port Alder."
    )
    assert ctx.resolve(_token(doc, "They")) == "the two Norland sailors"


def test_a_models_number_is_no_count_of_a_group():
    # "Heron 4 rockets" are rockets of the model Heron 4, not four rockets: "they" stays unresolved.
    ctx, doc = _context(
        "Norland Valspace Heron 4 rockets are the workhorse launch vehicles of Norland. They had flown from Port Alder."
    )
    assert ctx.resolve(_token(doc, "They")) is None


def test_they_without_a_counted_group_is_not_resolved():
    ctx, doc = _context("The sailors were stopped in Valmora. They had sailed from Port Alder.")
    assert ctx.resolve(_token(doc, "They")) is None


def test_the_two_countries_are_the_two_named_before():
    ctx, doc = _context("Portugal wanted closer ties with Chile. In 2019, the two countries signed a trade treaty.")
    assert ctx.resolve(_token(doc, "countries")) == "Portugal and Chile"


def test_a_described_person_is_found_by_noun_and_modifiers():
    ctx, doc = _context(
        "Olaf Brandt, a retired Norland sailor, lives in Valmora. The retired sailor said he sold his boat."
    )
    assert ctx.resolve(_token(doc, "sailor", 1)) == "Olaf Brandt"


def test_he_in_a_stated_clause_is_the_speaker():
    ctx, doc = _context(
        "Olaf Brandt, a retired Norland sailor, lives in Valmora. "
        "The retired sailor stated that he sold his boat in 2019."
    )
    assert ctx.resolve(_token(doc, "he")) == "Olaf Brandt"


def test_she_with_two_people_before_is_not_resolved():
    ctx, doc = _context("Helena Brandt met Ines Moreau in Valmora. She opened a school there.")
    assert ctx.resolve(_token(doc, "She")) is None


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        # The one the sentence is about, and the other named only as whom he met: "He" carries on the subject.
        ("Ralf Ode met Ivo Stern in Lima in 1970.", "Ralf Ode"),
        # Each does something of his own, in joined clauses: either may be the one captured.
        ("In 1359, Edgar Crane invaded Flanders and Linden Marsh travelled with the army.", None),
        # The other is the subject of his own relative clause: he may be the one due a scan.
        ("Coach Peter Dane has an injury worry over centre Tom Wick, who withdrew from the team.", None),
        # What the subject suspected of another is no doing of the other's: "He" is still the subject.
        ("The physiologist Gordon Stein suspected that Tom Wick was too ashamed to admit it.", "Gordon Stein"),
    ],
    ids=["object-only", "joined-clauses", "relative-clause", "what-he-suspected"],
)
def test_he_carries_on_the_subject_only_when_no_other_person_acts_before(before, expected):
    ctx, doc = _context(f"{before} He was later held in Arras for a month.")
    assert ctx.resolve(_token(doc, "He")) == expected


def test_short_names_are_written_in_full_only_when_one_person_fits():
    ctx, doc = _context(
        "Helena Brandt founded the company in 1998. Olaf Brandt joined it in 2001. "
        "Helena sold her share in 2010. Brandt retired in 2015."
    )
    renames = {}
    for sent in doc.sents:
        renames.update(ctx.renames(sent.start_char))
    names = {doc[i].text: full for i, full in renames.items()}
    assert "Brandt" not in names  # two people are called Brandt
    ctx, doc = _context("Olaf Brandt, a retired Norland sailor, lives in Valmora. Brandt sold his boat in 2019.")
    assert {doc[i].text: full for i, full in ctx.renames(list(doc.sents)[1].start_char).items()} == {
        "Brandt": "Olaf Brandt"
    }


def test_fixture_articles_yield_readable_cards():
    from quizapp.questions.generate import generate_deck

    deck = generate_deck(sorted(FIXTURES.glob("*.txt")), seed=0)
    questions = [getattr(c, "question", None) or getattr(c, "statement", "") for c in deck.cards]
    assert len(deck.cards) >= 8
    for q in questions:
        assert not any(w in q.split() for w in ("he", "she", "they", "it", "He", "She", "They", "It"))
    assert {c.tags[0] for c in deck.cards} >= {"person", "date"}


def test_she_never_resolves_to_a_man_the_article_calls_his():
    ctx, doc = _context(
        "Mira Solberg was a Danish weaver. In 1901 Mira met Olav Brekke, the engineer, who showed her a model of his "
        "loom in Aarhus. Brekke, who admired her patterns, later hired her. In 1905 she married Tomas Lund."
    )
    assert "she" not in ctx.genders.get("Olav Brekke", set())
    assert "he" in ctx.genders["Olav Brekke"]
    assert ctx.resolve(_token(doc, "she")) != "Olav Brekke"


def test_she_never_resolves_to_the_man_a_biography_calls_he():
    # "She was born in Fresno ..." of a man's biography is someone else (his wife): it was written out as him.
    ctx, doc = _context(
        "Anton Varga was a Hungarian screenwriter. He wrote forty films, and he won two awards for his scripts. In 1938 "
        "he married Clara Fenn, a photographer, in his home town. Anton Varga was the father of three children. "
        "She was born in Fresno in 1916 and moved to Los Angeles with her mother.",
        title="Anton Varga",
    )
    assert ctx.title_person == "Anton Varga" and ctx.title_pronoun == "he"
    assert ctx.resolve(_token(doc, "She")) != "Anton Varga"


def test_gendered_title_words_are_evidence():
    ctx, doc = _context(
        "Mrs Greta Holm opened the bakery in Lund in 1950. Mr Emil Varga sold it in 1970. She retired in 1972."
    )
    assert ctx.genders["Greta Holm"] == {"she"}
    assert ctx.genders["Emil Varga"] == {"he"}
    assert ctx.resolve(_token(doc, "She")) is None  # the one person before is Varga, a man


def test_its_in_what_an_organization_said_is_that_organization():
    ctx, doc = _context(
        "Heavy rain closed the coast road on Monday. The Lindmark Lifeboat Trust said its crews had "
        "rescued 340 people from the Varna River."
    )
    assert ctx.resolve(_token(doc, "its")) == "the Lindmark Lifeboat Trust"


def test_a_quote_closing_the_paragraph_before_opens_nothing(nlp):
    from quizapp.questions.templates import _in_quotes

    doc = nlp(
        '"The water came at night," she said. "We left everything."\n\n'
        "Health officials confirmed that 14 cholera cases had been recorded in two camps near Kilwa."
    )
    assert not _in_quotes(_token(doc, "recorded"))
    assert _in_quotes(_token(doc, "left"))


def test_a_run_of_subject_its_carries_on_the_named_subject_before_it():
    ctx, doc = _context(
        "The Harlow Port Fund opened an office in Nairobi in 1994. It later lent 40 million dollars to Kenya. "
        "It also funded a new pier in Mombasa in 1999. Helena Brandt wrote about the pier in 2000. "
        "It was read by the staff of the ministry."
    )
    ctx.main = None  # not the article's subject: only the sentences before say what "it" is
    its = [t for t in doc if t.text == "It"]
    assert [ctx.resolve(t) for t in its] == ["the Harlow Port Fund", "the Harlow Port Fund", None]


def test_it_carries_on_no_subject_when_the_sentence_before_has_two():
    ctx, doc = _context(
        "The Harlow Port Fund opened an office in Nairobi in 1994, and the Kilwa Bank opened one in Mombasa. "
        "It later lent 40 million dollars to Kenya."
    )
    ctx.main = None
    it = next(t for t in doc if t.text == "It")
    assert ctx.resolve(it) is None  # the fund or the bank: the card cannot tell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jan Berry and Dean Torrence formed a surf duo in Los Angeles in 1958. They recorded a single in 1959.",
            "Jan Berry and Dean Torrence",
        ),
        (
            "The Lindmark Rovers won 13 games in the 2009 season. They qualified for the final in Varna.",
            "the Lindmark Rovers",
        ),
        (
            "The Harlow Shipping Company opened an office in Nairobi in 1994. Their ships carried tea to Mombasa.",
            "the Harlow Shipping Company",
        ),
        ("Helena Brandt wrote a report on the port in 1999. They read it in Nairobi.", None),
    ],
    ids=["pair", "team", "company", "one-person"],
)
def test_they_carries_on_a_named_pair_or_organization_that_was_the_subject_before(text, expected):
    ctx, doc = _context(text)
    ctx.main = None
    pronoun = next(t for t in doc if t.lower_ in {"they", "their"} and t.sent.start > 0)
    assert ctx.resolve(pronoun) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Four Danish engineers in Kilwa were detained on Monday after being mistaken for smugglers, the "
            "Varna Herald has reported. They were repairing a pump near the harbour.",
            "the four Danish engineers in Kilwa",
        ),
        (
            "The Lindmark Rovers won the regional cup on Sunday, the Varna Herald reported. They qualified in May.",
            "the Lindmark Rovers",
        ),
    ],
    ids=["counted-group", "named-organization"],
)
def test_they_after_news_told_before_its_source_is_who_the_news_is_about(text, expected):
    # "X happened, the paper reported.": the sentence is about X; the paper that reported it is not "they".
    ctx, doc = _context(text)
    ctx.main = None
    pronoun = next(t for t in doc if t.lower_ == "they")
    assert ctx.resolve(pronoun) == expected


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        ("The Kilwa Water Board raised its prices in May.", "the Varna Port Authority"),
        (
            "The Kilwa Water Board raised its prices in May. Critics of the Kilwa Water Board called the rise unfair.",
            None,
        ),
    ],
    ids=["passing-mention", "talked-about-since"],
)
def test_a_bare_definite_is_named_by_its_head_noun_only_while_nothing_else_took_over(between, expected):
    # "The authority" could be the Water Board too: the writer's noun need not be in the name it stands for.
    text = (
        f"The Varna Port Authority opened a ferry terminal in 2004. {between} "
        "The authority has spent $20 million on new cranes."
    )
    ctx, doc = _context(text)
    ctx.main = None
    assert ctx.named_by_head_noun(_token(doc, "authority")) == expected
    # What the title names stays the one meant however much else the article talks about.
    ctx, doc = _context(text, title="Varna Port Authority")
    ctx.main = None
    assert ctx.named_by_head_noun(_token(doc, "authority")) == "the Varna Port Authority"


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        # The paragraph just named it: "the rally" is that rally, whatever its kind of name.
        ("The Lindholm Rally crosses the island's forest roads every May.", "the Lindholm Rally"),
        # A possessive before the name is no part of it ("His Benz Patent Motorcar" gave "the His ... Motorcar").
        ("Their Lindholm Rally crosses the island's forest roads every May.", "the Lindholm Rally"),
        # Two rallies named nearby: either could be meant.
        ("The Lindholm Rally and the Vassby Rally share the island's forest roads every May.", None),
        # The article sorts rallies into kinds ("a gravel rally"): "the rally" may be rallying in general.
        ("The Lindholm Rally is a gravel rally on the island's forest roads every May.", None),
        # Nothing nearby ends in the noun.
        ("Crews cross the island's forest roads every May.", None),
    ],
    ids=["named-before", "after-a-possessive", "two-named", "sorted-into-kinds", "nothing-named"],
)
def test_a_bare_definite_is_named_by_a_name_ending_in_it_nearby(before, expected):
    text = f"Drivers on Tarnö\n\n{before} In 2019 the rally drew 140 crews from 12 countries."
    ctx, doc = _context(text)
    ctx.main = None
    assert ctx.named_by_head_noun(_token(doc, "rally", nth=-1)) == expected


def test_a_pronoun_chain_breaks_at_a_sentence_naming_people_before_its_pronoun():
    # "in this role, she kept ...": that she may be Lisa Brandt (or even the mayor), so the "She" after it is not
    # carried back past them to Greta Holm.
    ctx, doc = _context(
        "Greta Holm wrote a column about the budget in 1968. When she left the council in 1970, Mayor Tomas Berg "
        "named Lisa Brandt treasurer; in this role, she kept her seat on the board. She was given an office in "
        "the town hall in 1971."
    )
    assert ctx.resolve(_token(doc, "She")) is None
    # With no one named before its pronoun, the sentence carries the person before on.
    ctx, doc = _context(
        "Greta Holm wrote a column about the budget in 1968. She left the council in 1970 to work with Tomas Berg. "
        "She was given an office in the town hall in 1971."
    )
    assert ctx.resolve(_token(doc, "She")) == "Greta Holm"


def test_a_pronoun_after_a_given_name_several_people_share_is_not_the_person_before():
    # "Harvey" alone names one of two Harveys, so the extraction makes no mention of it; the "he" after it may
    # be him, and is not carried back to the man the sentence before named.
    ctx, doc = _context(
        "Harvey Dahl and Harvey Dahl Jr. ran the nail works at Vestby. Oscar Lind bought the upper mill in 1869. "
        "Upon Harvey's death in 1870, he was succeeded by a son."
    )
    assert ctx.resolve(_token(doc, "he")) is None
    # With no name before it, the "he" carries on the man the sentence before is about.
    ctx, doc = _context(
        "Harvey Dahl and Harvey Dahl Jr. ran the nail works at Vestby. Oscar Lind bought the upper mill in 1869. "
        "In 1870 he was elected mayor of Vestby."
    )
    assert ctx.resolve(_token(doc, "he")) == "Oscar Lind"


@pytest.mark.parametrize(
    ("text", "label", "blocks"),
    [
        # The small model took the subject's name for an organization: "him" may well be that name's.
        ("Brenholt won the vote, and was sworn in as mayor, making him the first Danish mayor.", "ORG", True),
        # A place is nobody's "him".
        ("Norland won the vote, and was sworn in as mayor, making him the first Danish mayor.", "GPE", False),
        # No named subject before the pronoun: it may carry on a person of the sentence before.
        ("The vote went well for the party, making him the first Danish mayor.", None, False),
    ],
)
def test_a_named_subject_before_a_pronoun_keeps_it_in_its_sentence(nlp, text, label, blocks):
    from spacy.tokens import Span

    from quizapp.questions.context import named_subject_before

    doc = nlp(text)
    if label:
        doc.ents = [Span(doc, 0, 1, label=label)]
    assert named_subject_before(_token(doc, "him")) is blocks
