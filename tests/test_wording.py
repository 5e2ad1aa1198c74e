"""Counted nouns in the words shown to people."""

from quizapp.wording import plural


def test_plural_uses_the_singular_only_for_one():
    assert plural(1, "answer") == "1 answer"
    assert [plural(n, "day") for n in (0, 2)] == ["0 days", "2 days"]
    assert plural(3, "entry", "entries") == "3 entries"
