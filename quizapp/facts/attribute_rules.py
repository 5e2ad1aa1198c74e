"""The model's attribute rules (a tag's part of speech and morphology, pronoun lemmas ...), applied by lookup.

spaCy's ``AttributeRuler`` runs each of its rules through a ``Matcher`` at every token and then makes a ``Span``
for every match; in the small English pipeline nearly every token matches one of its 179 rules, and the component
took 13% of the pipeline's time (more than the tagger, the lemmatizer and the tokenizer together). The rules stay
the model's own, read from its ``attribute_ruler``; only how they are found changes. A rule of one token on its tag,
lower-case form, dependency or whether it is a space is looked up by the token's tag (or lower-case form); any
other rule (a few of two tokens) still goes through a ``Matcher``. Every match is then applied in the stock
component's order, rule by rule, so that a later rule overrides an earlier one: the parse is the same, attribute
for attribute (``tests/test_facts_nlp.py`` and ``benchmarks/attribute_rules.py`` compare the two).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: The token attributes a looked-up rule may test, each with the one way it may test them.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TAG, _LOWER, _IS_SPACE = (_TESTED.index(key) for key in ("TAG", "LOWER", "IS_SPACE"))


@dataclass(frozen=True)
class _Rule:
    """One rule of one token: its place in the ruler (later ones win) and, per column its lookup leaves to test,
    the values that pass."""

    order: int
    tests: tuple[tuple[int, frozenset[int]], ...]


class AttributeRulesByLookup:
    """Does what ``ruler`` (spaCy's ``AttributeRuler`` of the loaded model) does, by lookup."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        strings = ruler.vocab.strings
        #: Rules by what they are looked up on: (tag, lower-case form), tag, lower-case form, is-a-space, nothing.
        self.by_tag_lower: dict[tuple[int, int], list[_Rule]] = {}
        self.by_tag: dict[int, list[_Rule]] = {}
        self.by_lower: dict[int, list[_Rule]] = {}
        self.by_space: dict[int, list[_Rule]] = {}
        self.always: list[_Rule] = []
        self.matcher = Matcher(ruler.vocab)  # the rules a lookup cannot find
        for order, pattern in enumerate(ruler.patterns):
            for token_patterns in pattern["patterns"]:
                tests = _one_token_tests(token_patterns, pattern["index"], strings)
                if tests is None:
                    self.matcher.add(str(order), [token_patterns])
                    continue
                tags, lowers, spaces = tests.get(_TAG), tests.get(_LOWER), tests.get(_IS_SPACE)
                looked_up = {_TAG, _LOWER} if tags and lowers else {_TAG} if tags else {_LOWER} if lowers else set()
                if not looked_up and spaces:
                    looked_up = {_IS_SPACE}
                # What the lookup does not settle (a dependency, for a few rules) is tested token by token.
                rule = _Rule(order, tuple((c, a) for c, a in sorted(tests.items()) if c not in looked_up))
                if tags and lowers:
                    for tag in tags:
                        for lower in lowers:
                            self.by_tag_lower.setdefault((tag, lower), []).append(rule)
                elif tags:
                    for tag in tags:
                        self.by_tag.setdefault(tag, []).append(rule)
                elif lowers:
                    for lower in lowers:
                        self.by_lower.setdefault(lower, []).append(rule)
                elif spaces:
                    for space in spaces:
                        self.by_space.setdefault(space, []).append(rule)
                else:
                    self.always.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        columns = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        hits: list[tuple[int, int]] = []  # (rule order, token index)
        by_tag_lower, by_tag, by_lower, by_space = self.by_tag_lower, self.by_tag, self.by_lower, self.by_space
        for i, row in enumerate(columns):
            tag, lower = row[0], row[1]
            for rules in (
                by_tag_lower.get((tag, lower)),
                by_tag.get(tag),
                by_lower.get(lower),
                by_space.get(row[3]),
                self.always,
            ):
                if rules:
                    for rule in rules:
                        if not rule.tests or all(row[column] in allowed for column, allowed in rule.tests):
                            hits.append((rule.order, i))
        if len(self.matcher):
            indices = self.ruler.indices
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                order = int(self.ruler.vocab.strings[match_id])
                index = indices[order]
                target = (start if index >= 0 else end) + index
                if not start <= target < end:
                    raise ValueError(f"attribute rule {order}: index {index} is outside its match")
                hits.append((order, target))
        hits.sort()
        values = doc.to_array([POS, MORPH, LEMMA])
        others: list[tuple[int, int, int]] = []
        columns_of = {POS: 0, MORPH: 1, LEMMA: 2}
        for order, i in hits:
            for attr, value in self.ruler.attrs[order].items():
                column = columns_of.get(attr)
                if column is None:
                    others.append((i, attr, value))
                else:
                    values[i, column] = value
        # to_array gave uint64 values, as from_array wants them (spaCy types the two arrays differently)
        doc.from_array([POS, MORPH, LEMMA], cast(Any, values))
        for i, attr, value in others:
            _set_other(doc, i, attr, value)
        return doc


def _one_token_tests(
    token_patterns: list[dict[str, Any]], index: int, strings: Any
) -> dict[int, frozenset[int]] | None:
    """What a rule of one token tests, per column of ``_TESTED``, or None when it needs the ``Matcher`` (several
    tokens, a regular expression, an attribute not in ``_TESTED`` ...)."""
    if len(token_patterns) != 1 or index not in (0, -1):
        return None
    (spec,) = token_patterns
    tests: dict[int, frozenset[int]] = {}
    for key, wanted in spec.items():
        if key not in _TESTED:
            return None
        if isinstance(wanted, dict):
            if set(wanted) != {"IN"} or key == "IS_SPACE":
                return None
            options = wanted["IN"]
        else:
            options = [wanted]
        if key == "IS_SPACE":
            if not all(isinstance(o, bool) for o in options):
                return None
            tests[_TESTED.index(key)] = frozenset(int(o) for o in options)
        else:
            if not all(isinstance(o, str) for o in options):
                return None
            tests[_TESTED.index(key)] = frozenset(strings.add(o) for o in options)
    return tests


def _set_other(doc: Doc, i: int, attr: int, value: int) -> None:
    """A rule's attribute besides part of speech, morphology and lemma (the model's set the tag or dependency)."""
    from spacy.attrs import DEP, TAG

    token = doc[i]
    if attr == TAG:
        token.tag = value
    elif attr == DEP:
        token.dep = value
    else:
        raise ValueError(f"attribute rules setting attribute {attr} are not supported")
