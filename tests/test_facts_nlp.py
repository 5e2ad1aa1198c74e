"""The pipeline quizapp loads: the model's attribute rules applied by lookup give the stock component's parse."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("spacy")

FIXTURES = Path(__file__).parent / "fixtures" / "articles"

#: Texts that reach every kind of rule of the small English model: a tag's part of speech and morphology, pronouns
#: and determiners by their lower-case form, "but" as an adverb (a dependency), spaces, and the rules of two tokens
#: ("gonna", "ain't", "let's") that still go through a Matcher.
RULE_TEXTS = [
    "She said it was not there, but they gave him 5 books and kept theirs.",
    "I'm gonna tell you: it ain't over, so let's go.\n\nThey'd been there, hadn't they?",
    "Something happened to everyone; nobody knew why.   But the council, which met once, did nothing.",
    "We could have done it ourselves, but those who did were well paid by us.",
]


@pytest.fixture(scope="module")
def pipelines():
    """The stock pipeline, and the same with its attribute ruler's rules applied by lookup."""
    from quizapp.facts.attribute_rules import AttributeRulesByLookup
    from quizapp.facts.nlp import ModelMissingError, load_stock_nlp, look_up_attribute_rules

    try:
        stock, ours = load_stock_nlp(), load_stock_nlp()
    except ModelMissingError:
        pytest.skip("no English spaCy model installed")
    look_up_attribute_rules(ours)
    assert isinstance(ours.get_pipe("quizapp_attribute_rules"), AttributeRulesByLookup)
    return stock, ours


def _annotations(doc):
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    return doc.to_array([POS, TAG, MORPH, LEMMA, DEP, HEAD]).tolist(), [str(t.morph) for t in doc]


def test_the_loaded_pipeline_looks_the_rules_up():
    from quizapp.facts.nlp import load_nlp

    names = load_nlp().pipe_names
    assert "quizapp_attribute_rules" in names and "attribute_ruler" not in names
    assert names.index("parser") < names.index("quizapp_attribute_rules") < names.index("lemmatizer")


@pytest.mark.parametrize("text", RULE_TEXTS)
def test_rules_by_lookup_give_the_stock_parse(pipelines, text):
    stock, ours = pipelines
    assert _annotations(ours(text)) == _annotations(stock(text))


def test_rules_by_lookup_give_the_stock_parse_of_whole_articles(pipelines):
    stock, ours = pipelines
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*"))[:6] if p.is_file()]
    assert texts
    for text in texts:
        assert _annotations(ours(text)) == _annotations(stock(text))


def test_a_rule_of_two_tokens_still_applies(pipelines):
    _stock, ours = pipelines
    doc = ours("We're gonna win.")
    assert [t.lemma_ for t in doc if t.lower_ in {"gon", "na"}] == ["go", "to"]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # A short name with a colon in it opening a sentence: one sentence, not "Skarvik:" and the rest.
        (
            "The board agreed to build it. Skarvik: The Harbour Game was released in 1993 by the board.",
            ["The board agreed to build it.", "Skarvik: The Harbour Game was released in 1993 by the board."],
        ),
        # A blank line always ends a sentence, a closing quote staying with its own.
        (
            '"We will rebuild it."\n\nThe mayor said so in 1999.',
            ['"We will rebuild it."', "The mayor said so in 1999."],
        ),
    ],
)
def test_sentence_breaks_of_the_loaded_pipeline(text, sentences):
    from quizapp.facts.nlp import ModelMissingError, load_nlp

    try:
        nlp = load_nlp()
    except ModelMissingError:
        pytest.skip("no English spaCy model installed")
    assert [s.text.strip() for s in nlp(text).sents] == sentences
