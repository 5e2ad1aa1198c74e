"""One label and one canonical name per entity, within and across articles.

- **One label per name.** Every name is voted on across all articles; a name that is
  the first or last part of a person's full name ("Ri" of "Ri Il-gyu",
  "Diaz-Canel" of "Miguel Diaz-Canel") is that person's, whatever spaCy said,
  unless it stands after a place preposition ("in Washington").
- **Alias clusters.** Names are compared after folding case, accents, hyphens and
  the usual ambiguity of Korean/Chinese romanization (k/g, t/d, p/b, ch/j), so
  "Ri Il Kyu" = "Ri Il-gyu" and "Kim Jong Un" = "Kim Jong-un" but not "Kim
  Jong-il". An acronym joins the one name whose initials it spells ("NIS" =
  "National Intelligence Service", "U.S." = "United States"). A bare surname or
  given name joins a cluster only when exactly one cluster of the same article
  fits; when several fit it is ambiguous and dropped.
- **Canonical name**: the most frequent full form (an expansion beats its acronym).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from quizapp.facts.entities import ORG_HEADS, Candidate, SentenceIndex
from quizapp.facts.labels import CLUB_SUFFIXES, DROP, PLACE_NOUN_OF
from quizapp.facts.model import ArticleFacts, Cluster, Mention
from quizapp.facts.names import acronym_of, initials, name_key, name_tokens, name_words, romanization_key
from quizapp.ingest.model import Article
from quizapp.vocabulary import NAME_KINDS, ROLE_TITLES

#: Kinds a name can be voted: ours, or "drop" (a medal, a ship, a song: none of ours).
VOTED_KINDS = (*NAME_KINDS, DROP)
_PLACE_PREPOSITIONS = {"in", "to", "from", "at", "near", "into", "across", "toward", "towards", "via", "through"}


def same_name(a: str, b: str) -> bool:
    """Spelling variants of one full name ('Ri Il Kyu' / 'Ri Il-gyu'), not different names."""
    if name_key(a) == name_key(b):
        return True
    words_a, words_b = name_words(a), name_words(b)
    if len(words_a) < 2 or len(words_b) < 2 or words_a[0] != words_b[0]:
        return False
    return romanization_key(a) == romanization_key(b)


# --- label vote ---------------------------------------------------------------


def _vote_labels(all_candidates: Sequence[Sequence[Candidate]], texts: Sequence[str]) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for candidates in all_candidates:
        for c in candidates:
            if c.kind in VOTED_KINDS:
                strong = c.strong or (c.kind == "person" and c.titled)
                votes[name_key(c.text)][c.kind] += 3 if strong else 1
    # On a tie a person beats an organization (the model calls many names organizations).
    order = {"person": 0, "place": 1, "organization": 2, DROP: 3}
    decided = {key: min(counter.items(), key=lambda kv: (-kv[1], order[kv[0]]))[0] for key, counter in votes.items()}

    # Parts of a person's full name are that person's.
    person_parts: set[str] = set()
    for key, kind in decided.items():
        words = key.split()
        if kind == "person" and len(words) >= 2:
            person_parts.update({words[0], " ".join(words[:-1])})
            if words[-2] != "of":  # "Clairvaux" of "Bernard of Clairvaux" is his abbey's place, not him
                person_parts.update({words[-1], " ".join(words[1:])})
    locative: Counter = Counter()
    total: Counter = Counter()
    for candidates, text in zip(all_candidates, texts):
        for c in candidates:
            key = name_key(c.text)
            if key in person_parts and decided.get(key) != "person":
                total[key] += 1
                before = text[max(0, c.start - 20) : c.start].split()
                if (
                    before
                    and before[-1].lower() in _PLACE_PREPOSITIONS
                    and not (len(before) >= 2 and before[-2].lower() == "according")
                ) or PLACE_NOUN_OF.search(text, max(0, c.start - 20), c.start):  # "the city of Seattle"
                    locative[key] += 1
    for key in total:
        if locative[key] * 2 <= total[key]:
            decided[key] = "person"

    # A dropped name's parts go with it ("Mont-Blanc" of the ship "SS Mont-Blanc").
    for key, kind in list(decided.items()):
        words = key.split()
        if kind == DROP and len(words) >= 2:
            for part in (" ".join(words[1:]), words[-1]):
                if (
                    part in decided
                    and part not in person_parts
                    and votes[part][DROP] == 0
                    and sum(votes[part].values()) <= 2
                ):
                    decided[part] = DROP
    # The first word of one club's name is that club ("Redhaven" of "Redhaven Rovers").
    club_first = Counter(
        key.split()[0]
        for key, kind in decided.items()
        if kind == "organization" and len(key.split()) == 2 and key.split()[1] in CLUB_SUFFIXES
    )
    for key in list(decided):
        if club_first[key] == 1 and key not in person_parts:
            decided[key] = "organization"

    # A plural word ending one organization's name is that organization ("Panthers" of "Carolina Panthers").
    org_last_words = Counter(
        key.split()[-1] for key, kind in decided.items() if kind == "organization" and len(key.split()) >= 2
    )
    for key, kind in list(decided.items()):
        if (
            len(key.split()) == 1
            and kind != "place"
            and key.endswith("s")
            and org_last_words[key] == 1
            and key not in person_parts
            and key not in ORG_HEADS
        ):
            decided[key] = "organization"
    return decided


# --- clustering ----------------------------------------------------------------


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_b] = root_a


def find_missed_mentions(
    article: Article, candidates: list[Candidate], kind_of: dict[str, str], sentences: SentenceIndex
) -> list[Candidate]:
    """Occurrences of the article's own names that spaCy did not mark ("Ruto told reporters ...").

    The small model often finds "William Ruto" but not the later "Ruto"; every name
    already found in the article, and the last word of each person's full name, is
    looked up again. A hit inside a longer capitalized name is skipped.
    """
    text = article.text
    wanted: dict[str, str] = {}
    labels: dict[str, str | None] = {}
    for c in candidates:
        if c.kind not in NAME_KINDS:
            continue
        if len(c.text) >= 3 or acronym_of(c.text):
            wanted.setdefault(c.text, kind_of.get(name_key(c.text), c.kind))
            labels.setdefault(c.text, c.label)
        words = c.text.split()
        if c.kind == "person" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][:1].isupper():
            wanted.setdefault(words[-1], "person")
    if not wanted:
        return []
    taken = sorted((c.start, c.end) for c in candidates)
    found: list[Candidate] = []
    for name, start, end in _occurrences(text, wanted):
        index = bisect.bisect_right(taken, (start, float("inf"))) - 1
        if index >= 0 and taken[index][1] > start:
            continue  # inside a mention already found
        if index + 1 < len(taken) and taken[index + 1][0] < end:
            continue
        before = text[max(0, start - 30) : start]
        after = text[end : end + 30]
        previous_word = re.search(r"([\w’'-]+)\s$", before)
        next_word = re.match(r"\s([\w’'-]+)", after)
        if (
            previous_word
            and previous_word.group(1)[:1].isupper()
            and not re.search(r"[.!?:\"“”]\s*$", before[: previous_word.start()] or ".")
        ):
            if before[: previous_word.start()].strip():  # a capitalized word before, not at sentence start
                continue
        if next_word and next_word.group(1)[:1].isupper():
            continue  # part of a longer name ("Ruto Foundation")
        sentence, sentence_start = sentences.sentence_of(start, end)
        found.append(
            Candidate(
                wanted[name],
                name,
                start,
                end,
                sentence,
                sentence_start,
                label=labels.get(name),
                aside=article.in_aside(start, end),
            )
        )
    return found


_NAME_FOLLOWS = re.compile(r"[\w-]|['’]\w\w")
_WORD_CHAR = re.compile(r"[\w-]")


def _occurrences(text: str, names: Iterable[str]) -> list[tuple[str, int, int]]:
    """Where the names stand in ``text`` as words of their own, scanned left to right as one alternation of them
    all (longest first) would match: at each place the longest name, then on after it. Found with ``str.find``
    per name: compiling that alternation cost more than all the rest of the lookup."""
    hits: dict[int, tuple[int, str]] = {}
    for name in names:
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            if (at == 0 or not _WORD_CHAR.match(text, at - 1)) and not _NAME_FOLLOWS.match(text, end):
                if at not in hits or hits[at][0] < end:
                    hits[at] = (end, name)
            at = text.find(name, at + 1)
    out: list[tuple[str, int, int]] = []
    reached = 0
    for start in sorted(hits):
        if start < reached:
            continue
        end, name = hits[start]
        out.append((name, start, end))
        reached = end
    return out


def _drop_sentence_initial_words(all_candidates: Sequence[list[Candidate]], kind_of: dict[str, str]) -> None:
    """A one-word "person" only ever written first in a sentence, and part of no longer name, is a
    capitalized common word ("Turnout was 62 percent", "Nationally, ...")."""
    parts: set[str] = set()
    for key, kind in kind_of.items():
        words = key.split()
        if len(words) >= 2:
            parts.update(words)
    seen_inside: set[str] = set()
    for candidates in all_candidates:
        for c in candidates:
            if c.kind == "person" and c.start != c.sentence_start:
                seen_inside.add(name_key(c.text))
    for candidates in all_candidates:
        candidates[:] = [
            c
            for c in candidates
            if not (
                c.kind == "person"
                and " " not in c.text.strip()
                and c.start == c.sentence_start
                and name_key(c.text) not in seen_inside
                and name_key(c.text) not in parts
            )
        ]


def resolve_clusters(
    articles: Sequence[Article],
    all_candidates: Sequence[list[Candidate]],
    sentence_indexes: Sequence[SentenceIndex] | None = None,
) -> list[ArticleFacts]:
    """Vote labels, build alias clusters across articles and return each article's facts."""
    texts = [a.text for a in articles]
    kind_of = _vote_labels(all_candidates, texts)
    for candidates in all_candidates:
        for c in candidates:
            if c.kind in VOTED_KINDS:
                c.kind = kind_of.get(name_key(c.text), c.kind)
        candidates[:] = [c for c in candidates if c.kind != DROP]
    _drop_sentence_initial_words(all_candidates, kind_of)
    if sentence_indexes is not None:
        for article, candidates, sentences in zip(articles, all_candidates, sentence_indexes):
            candidates.extend(find_missed_mentions(article, candidates, kind_of, sentences))
            candidates.sort(key=lambda c: c.start)

    # Surface forms per key, and counts to pick canonical names.
    surface_count: Counter = Counter()
    for candidates in all_candidates:
        for c in candidates:
            if c.kind in NAME_KINDS:
                surface_count[(c.kind, c.text)] += 1

    union = _Union()
    keys_by_kind: dict[str, set[str]] = defaultdict(set)
    for (kind, text), _n in surface_count.items():
        keys_by_kind[kind].add(name_key(text))
        union.find(f"{kind}:{name_key(text)}")

    # Spelling variants of full names.
    for kind, keys in keys_by_kind.items():
        multi = sorted(k for k in keys if len(k.split()) >= 2)
        for i, a in enumerate(multi):
            for b in multi[i + 1 :]:
                if same_name(a, b):
                    union.union(f"{kind}:{a}", f"{kind}:{b}")

    # A biography's other forms of its title person ("Elise Meitner" under "Lise Meitner").
    for article, candidates in zip(articles, all_candidates):
        for a, b in _title_person_variants(article, candidates):
            union.union(f"person:{a}", f"person:{b}")

    # Acronyms to their one expansion (any kind: the expansion's kind wins).
    acronym_kind_fix: dict[str, str] = {}
    all_surfaces = {text for (_k, text) in surface_count}
    for kind, text in list(surface_count):
        acronym = acronym_of(text)
        if acronym is None:
            continue
        expansions = {
            (k2, name_key(t2))
            for (k2, t2) in surface_count
            if len(name_words(t2)) >= 2 and initials(t2) == acronym and acronym_of(t2) is None
        }
        expansion_roots = {union.find(f"{k2}:{key2}") for k2, key2 in expansions}
        if len(expansion_roots) == 1:
            k2, key2 = next(iter(expansions))
            acronym_kind_fix[text] = k2
            union.union(f"{k2}:{key2}", f"{kind}:{name_key(text)}")
    del all_surfaces

    # Apply acronym kinds, then place bare names in clusters per article.
    # The clusters are final here: index each full name's first and last word by its cluster, once (asking every
    # full name of the corpus for every bare name took seconds on a page naming hundreds of people).
    clusters_ending_in: dict[str, set[str]] = defaultdict(set)
    for kind, text in surface_count:
        words = name_tokens(text)
        if kind == "person" and len(words) >= 2:
            root = union.find(f"person:{name_key(text)}")
            clusters_ending_in[words[0]].add(root)
            if words[-2].lower() != "of":  # "Citeaux" of "Stephen of Cîteaux" is his abbey, not him
                clusters_ending_in[words[-1]].add(root)
    facts: list[ArticleFacts] = []
    cluster_members: dict[str, Counter] = defaultdict(Counter)  # root -> surface counts (global)
    resolved: list[list[tuple[Candidate, str]]] = []
    article_of = {id(candidates): article for article, candidates in zip(articles, all_candidates)}
    for candidates in all_candidates:
        article_roots: list[tuple[Candidate, str]] = []
        for c in candidates:
            if c.kind in NAME_KINDS and c.text in acronym_kind_fix:
                c.kind = acronym_kind_fix[c.text]
        title_root = _title_person_root(article_of[id(candidates)], candidates, union)
        # Full-name clusters present in this article, per kind.
        local_full: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for c in candidates:
            if c.kind in NAME_KINDS and len(name_tokens(c.text)) >= 2:
                root = union.find(f"{c.kind}:{name_key(c.text)}")
                local_full[c.kind].setdefault(root, name_tokens(c.text))
        for c in candidates:
            if c.kind not in NAME_KINDS:
                article_roots.append((c, ""))
                continue
            words = name_tokens(c.text)
            root = union.find(f"{c.kind}:{name_key(c.text)}")
            if len(words) == 1 and c.kind in {"person", "organization"} and acronym_of(c.text) is None:
                if c.kind == "person":
                    # The bare word is the first or last written word of one of the cluster's full names.
                    fits = set(local_full["person"]) & clusters_ending_in.get(words[0], set())
                else:
                    fits = {
                        r
                        for r, full in local_full["organization"].items()
                        if full[-1] == words[0]
                        or (len(full) == 2 and full[0] == words[0] and full[1].lower() in CLUB_SUFFIXES)
                    }
                    starts = {r for r, full in local_full["organization"].items() if full[0] == words[0]} - fits
                    if len(fits) != 1 or starts:
                        # An organization's bare word stays its own name unless one name fits: "Brightwater"
                        # of both "Brightwater Freight" and "Halvorsen Brightwater" is neither.
                        fits = set()
                if len(fits) > 1 and title_root in fits:
                    fits = {title_root}  # in a biography the bare surname is its subject, not her father
                if fits and c.kind == "person":
                    fits = _title_fits(article_of[id(candidates)].title or "", c.text, fits, local_full["person"])
                if len(fits) == 1:
                    root = next(iter(fits))
                elif len(fits) > 1:
                    continue  # ambiguous bare name: not a fact anyone can be asked about
            article_roots.append((c, root))
            cluster_members[root][c.text] += 1
        resolved.append(article_roots)

    canonical_of = {root: _canonical(counter) for root, counter in cluster_members.items()}
    # A biography's person goes by the name its title gives them, not a birth name used once.
    for article, candidates in zip(articles, all_candidates):
        person_root = _title_person_root(article, candidates, union)
        title = (article.title or "").strip()
        if person_root in cluster_members and title in cluster_members[person_root]:
            canonical_of[person_root] = title
        elif person_root is None:
            short = _title_short_name_root(title, candidates, union, cluster_members)
            if short is not None:
                canonical_of[short] = title  # "Ada" throughout an article titled "Ada Lovelace"

    for article, article_roots in zip(articles, resolved):
        mentions: list[Mention] = []
        aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
        labels: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for c, root in article_roots:
            if c.kind in NAME_KINDS:
                canonical = canonical_of[root]
            elif c.kind == "date":
                canonical = c.value or c.text
            else:
                amount = ordinal_text(c.value) if c.granularity == "ordinal" and c.value else c.value
                canonical = f"{amount} {c.unit}" if c.unit else (amount or c.text)
            mention = Mention(
                kind=c.kind,  # type: ignore[arg-type]
                text=c.text,
                canonical=canonical,
                value=c.value,
                sentence=c.sentence,
                start=c.start,
                end=c.end,
                sentence_start=c.sentence_start,
                label=c.label,
                unit=c.unit,
                granularity=c.granularity,
                aside=c.aside,
            )
            mentions.append(mention)
            key = (c.kind, canonical)
            if c.text != canonical and c.text not in aliases[key]:
                aliases[key].append(c.text)
            aliases.setdefault(key, aliases[key])
            if c.label:
                labels[key][c.label] += 1
        clusters = [
            Cluster(
                kind=kind,  # type: ignore[arg-type]
                canonical=canonical,
                aliases=names,
                label=(labels[(kind, canonical)].most_common(1)[0][0] if labels[(kind, canonical)] else None),
            )
            for (kind, canonical), names in aliases.items()
        ]
        facts.append(
            ArticleFacts(
                path=article.path,
                title=article.title,
                published=article.published,
                text=article.text,
                mentions=mentions,
                clusters=clusters,
            )
        )
    return facts


def _title_person_key(article: Article, candidates: Sequence[Candidate]) -> str | None:
    """The name key of the person an article's title is ("Lise Meitner"), when a person of the text has it."""
    title = (article.title or "").strip()
    key = name_key(title)
    if len(key.split()) < 2:
        return None
    if any(c.kind == "person" and name_key(c.text) == key for c in candidates):
        return key
    return None


def _reads_as_a_name(words: list[str]) -> bool:
    """A title of two or three capitalized words and nothing else ("Ada Lovelace"): a person's name, as a
    biography is titled."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)


def _title_fits(title: str, bare: str, fits: set[str], full_names: dict[str, list[str]]) -> set[str]:
    """Which of the people it may be (one or several) a bare name is, going by the article's title.

    A title that names one of them in full ("Steven Spielberg's unrealized projects") makes the bare surname
    that person, not a relative named once. A title that is a person's name ending in the bare word ("Sheryl
    Crow", her full name never tagged in the text) makes it the title person: no fit (the bare word stays its
    own cluster, which takes the title's name). Otherwise the name stays ambiguous (all fits).
    """
    plain_title = re.sub(r"['’]s\b", "", title)  # "Steven Spielberg's projects" names Steven Spielberg
    title_words = " " + " ".join(name_tokens(plain_title)) + " "
    named = {root for root in fits if f" {' '.join(full_names.get(root, []))} " in title_words}
    if len(named) == 1:
        return named
    words = title.split()
    if (
        not named
        and _reads_as_a_name(words)
        and words[0] not in ROLE_TITLES  # "President Lee" is a headline, not a biography's title
        and name_key(words[-1]) == name_key(bare)
    ):
        return set()
    return fits


def _title_person_root(article: Article, candidates: Sequence[Candidate], union: _Union) -> str | None:
    key = _title_person_key(article, candidates)
    return union.find(f"person:{key}") if key else None


def _title_short_name_root(
    title: str, candidates: Sequence[Candidate], union: _Union, cluster_members: dict[str, Counter]
) -> str | None:
    """The cluster an article titled with a full name ("Ada Lovelace") calls its person by one part of that
    name only ("Ada"), when exactly one person cluster of the article is written so and no other way."""
    words = title.split()
    if not _reads_as_a_name(words):
        return None
    roots = {
        union.find(f"person:{name_key(c.text)}")
        for c in candidates
        if c.kind == "person" and c.text in (words[0], words[-1])
    }
    roots = {r for r in roots if r in cluster_members and set(cluster_members[r]) <= {words[0], words[-1]}}
    return next(iter(roots)) if len(roots) == 1 else None


def _title_person_variants(article: Article, candidates: Sequence[Candidate]) -> list[tuple[str, str]]:
    """Full names of the title person under another given name: the same surname, and either a given name
    containing the title's ("Elise" for "Lise", "Alexander" for "Alex") or introduced as a birth name
    ("born Anna Schmidt", "née ...")."""
    key = _title_person_key(article, candidates)
    if key is None:
        return []
    given, surname = key.split()[0], key.split()[-1]
    out: list[tuple[str, str]] = []
    for c in candidates:
        other = name_key(c.text)
        words = other.split()
        if c.kind != "person" or len(words) < 2 or other == key or words[-1] != surname:
            continue
        birth_name = re.search(rf"\b(?:born|née|nee)\s+{re.escape(c.text)}", article.text) is not None
        if birth_name or (given in words[0] and len(given) >= 3):
            out.append((key, other))
    return out


def ordinal_text(value: str) -> str:
    """'193' → '193rd', '12' → '12th'."""
    number = int(float(value))
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _canonical(surfaces: Counter) -> str:
    """Most frequent multi-word form; an expansion over an acronym; longer on ties."""

    def rank(item: tuple[str, int]) -> tuple:
        text, count = item
        shouted = text.isupper() and acronym_of(text) is None  # "NAIROBI" from a dateline
        return (len(name_tokens(text)) >= 2, acronym_of(text) is None, not shouted, count, len(text))

    best = max(surfaces.items(), key=rank)[0]
    if best.isupper() and acronym_of(best) is None and len(best) > 3:
        return best.title()  # "PORTO ALEGRE" of a dateline, named nowhere else: "Porto Alegre"
    return best
