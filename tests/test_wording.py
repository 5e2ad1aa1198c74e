"""Counted nouns in the words shown to people."""

from quizapp.wording import plural, with_article


def test_plural_uses_the_singular_only_for_one():
    assert plural(1, "answer") == "1 answer"
    assert [plural(n, "day") for n in (0, 2)] == ["0 days", "2 days"]
    assert plural(3, "entry", "entries") == "3 entries"


def test_an_article_fits_the_noun():
    assert [with_article(k) for k in ("organization", "person", "cloze", "event")] == [
        "an organization",
        "a person",
        "a cloze",
        "an event",
    ]


def test_the_explain_summary_counts_one_card_as_one():
    from quizapp.questions.explain import summary
    from quizapp.questions.model import GenerationReport, Outcome, Stage, Trace

    report = GenerationReport(words={"ferry": 1}, targets={"ferry": 4})
    report.traces.append(Trace("ferry", 0, "Ferries left.", "1921", "cloze", "", Outcome.KEPT, Stage.SELECT))
    assert summary(report) == "ferry: 1 card of 4 aimed at, 1 word"
