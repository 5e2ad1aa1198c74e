"""Big decks at speed, with the same answers: the due list from SQL, the trusted deck cache, paused GC.

Each fast path is compared with a plain reimplementation of what it replaced, on a
generated deck with every kind of card and every kind of scheduling state.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fsrs import State

from quizapp.deck import cache, listing
from quizapp.deck.items import deck_items
from quizapp.deck.model import (
    ClozeCard,
    Deck,
    FactRef,
    Flashcard,
    MultipleChoiceCard,
    Provenance,
    Source,
    StudyItem,
    TrueFalseCard,
    TypedCard,
)
from quizapp.deck.yaml_io import dump_deck, load_deck
from quizapp.storage.db import ItemState, ReviewStore, deck_key
from quizapp.study.scheduling import Settings, new_card
from quizapp.study.session import StudySession, deck_summary, is_due, start_of_day

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
#: The stored fsrs card of every generated state (the due list never reads it).
TEMPLATE = new_card().to_json()


def generated_deck(n: int = 600, seed: int = 7) -> Deck:
    """Every card type, written ids and derived ones, clozes with several deletions, provenance, sources."""
    rng = random.Random(seed)
    cards = []
    for i in range(n):
        card_id = f"k{i}" if i % 3 else None  # a third of the ids are derived from the question
        provenance = (
            Provenance(
                source="Article",
                sentence=f"Sentence {i}.",
                start=i,
                end=i + 4,
                fact=FactRef(kind="date", canonical=f"{1900 + i}", value=f"{1900 + i}-01-01", aliases=[f"'{i % 100}"]),
            )
            if i % 5 == 0
            else None
        )
        kind = i % 5
        if kind == 0:
            cards.append(
                TypedCard(
                    id=card_id,
                    question=f"When was thing {i}?",
                    answer=f"{1900 + i}",
                    accept=[f"year {1900 + i}"],
                    tags=["dates"],
                    provenance=provenance,
                )
            )
        elif kind == 1:
            cards.append(Flashcard(id=card_id, front=f"Front {i}", back=f"Back {i}", explanation="Because."))
        elif kind == 2:
            cards.append(
                MultipleChoiceCard(
                    id=card_id, question=f"Which one is {i}?", answer=f"A{i}", choices=[f"B{i}", f"A{i}", f"C{i}"]
                )
            )
        elif kind == 3:
            cards.append(TrueFalseCard(id=card_id, statement=f"{i} is even.", answer=i % 2 == 0))
        else:
            deletions = rng.randint(1, 3)
            text = " and ".join(f"{{{{c{d}::word{i}x{d}}}}}" for d in range(1, deletions + 1))
            cards.append(ClozeCard(id=card_id, text=f"Thing {i}: {text}.", tags=["cloze", f"t{i % 7}"]))
    return Deck(
        title="Generated",
        description="Every kind of card.",
        tags=["big"],
        sources=[Source(id="Article", title="An article", url="https://example.org/a", published=dt.date(2024, 3, 19))],
        cards=cards,
    )


def fill_states(store: ReviewStore, deck: Deck, deck_path: Path, seed: int = 3) -> None:
    """Due, overdue (with ties), learning inside and outside the learn-ahead window, future, new, orphans."""
    rng = random.Random(seed)
    key = deck_key(deck_path)
    rows = []
    items = list(deck.item_keys())
    for position, (card, item_id, _cloze) in enumerate(items[: len(items) * 3 // 4]):
        state = rng.choice([State.Learning, State.Review, State.Relearning, State.Review])
        offset = rng.choice([-3600.0, -60.0, 0.0, 0.0, 300.0, 1500.0, 86400.0, -86400.0 * 3])  # many equal dues
        introduced = (NOW - timedelta(hours=1 if position % 11 == 0 else 200)).timestamp()
        rows.append((key, item_id, card.card_id, TEMPLATE, NOW.timestamp() + offset, int(state), introduced))
    rows.append(
        (key, "gone-card", "gone-card", TEMPLATE, NOW.timestamp() - 10, int(State.Review), 0.0)
    )  # not in the deck
    rng.shuffle(rows)  # stored in another order than the deck's, as a real history is
    store.connection.executemany("INSERT INTO item_state VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def reference_queue(deck: Deck, deck_path: Path, store: ReviewStore, settings: Settings, now: datetime) -> list[str]:
    """The due list as it was computed before SQL did it: every item of the deck checked in Python."""
    schedule = {
        row[0]: (row[1], row[2])
        for row in store.connection.execute(
            "SELECT item_id, due, state FROM item_state WHERE deck_path = ?", (deck_key(deck_path),)
        )
    }
    cutoff, horizon = now.timestamp(), (now + timedelta(minutes=settings.learn_ahead_minutes)).timestamp()
    allowance = max(0, settings.new_per_day - store.count_introduced_since(deck_path, start_of_day(now)))
    due, new = [], []
    group_of = {}
    for position, (card, item_id, _cloze) in enumerate(deck.item_keys()):
        group_of[item_id] = card.sibling_group()
        scheduled = schedule.get(item_id)
        if scheduled is None:
            new.append(item_id)
        elif is_due(scheduled, cutoff, horizon):
            due.append((scheduled[0], position, item_id))
    due.sort(key=lambda entry: (entry[0], entry[1]))
    if not settings.bury_siblings:
        return [item_id for _, _, item_id in due] + new[:allowance]
    # The first item of a sibling group is asked; later review or new items of the group wait for tomorrow.
    asked: set[str] = set()
    queue = []
    for _, _, item_id in due:
        if schedule[item_id][1] == int(State.Review) and group_of[item_id] in asked:
            continue
        asked.add(group_of[item_id])
        queue.append(item_id)
    fresh = [item_id for item_id in new if group_of[item_id] not in asked and not asked.add(group_of[item_id])]
    return queue + fresh[:allowance]


@pytest.fixture()
def store(tmp_path):
    with ReviewStore.open(tmp_path / "data") as opened:
        yield opened


@pytest.mark.parametrize("bury", [True, False])
@pytest.mark.parametrize("new_per_day", [0, 7, 20, 10_000])
def test_the_due_list_from_sql_is_the_one_computed_over_every_card(store, tmp_path, new_per_day, bury):
    deck, deck_path = generated_deck(), tmp_path / "deck.yaml"
    fill_states(store, deck, deck_path)
    settings = Settings(new_per_day=new_per_day, enable_fuzzing=False, bury_siblings=bury)
    expected = reference_queue(deck, deck_path, store, settings, NOW)
    session = StudySession(deck, deck_path, store, settings, NOW)
    assert [item.item_id for item in session.queue] == expected
    assert len(expected) > 100 and "gone-card" not in expected
    scheduled = set(store.item_schedule(deck_path))
    assert session.new_in_queue == sum(1 for item_id in expected if item_id not in scheduled)
    # The items are the deck's cards, as validating them would have made them.
    for item in session.queue[:50]:
        assert item == StudyItem(item_id=item.item_id, card=item.card, cloze_index=item.cloze_index)


def test_the_summary_counts_what_the_per_card_walk_counted(store, tmp_path):
    deck, deck_path = generated_deck(), tmp_path / "deck.yaml"
    fill_states(store, deck, deck_path)
    settings = Settings()
    schedule = store.item_schedule(deck_path)
    cutoff, horizon = NOW.timestamp(), (NOW + timedelta(minutes=settings.learn_ahead_minutes)).timestamp()
    keys = list(deck.item_keys())
    due = sum(1 for _, item_id, _ in keys if item_id in schedule and is_due(schedule[item_id], cutoff, horizon))
    known = sum(
        1
        for _, item_id, _ in keys
        if item_id in schedule
        and not is_due(schedule[item_id], cutoff, horizon)
        and schedule[item_id][1] == int(State.Review)
    )
    new = sum(1 for _, item_id, _ in keys if item_id not in schedule)
    summary = deck_summary(deck, deck_path, store, NOW, settings)
    assert (summary.items, summary.due, summary.new) == (len(keys), due, new)
    assert summary.mastery == pytest.approx(known / len(keys))


def test_answers_are_committed_one_by_one_on_a_big_queue(store, tmp_path):
    deck, deck_path = generated_deck(), tmp_path / "deck.yaml"
    fill_states(store, deck, deck_path)
    session = StudySession(deck, deck_path, store, Settings(enable_fuzzing=False), NOW)
    first, second = session.current, session.queue[1]
    session.answer(3)
    assert store.get_state(deck_path, first.item_id).card_json != TEMPLATE  # stored before the next answer
    session.answer(3)
    assert store.get_state(deck_path, second.item_id).card_json != TEMPLATE
    session.undo()
    assert store.get_state(deck_path, second.item_id).card_json == TEMPLATE


# --- the deck cache ------------------------------------------------------------------------------


def _write(deck: Deck, path: Path) -> Path:
    path.write_text(dump_deck(deck), encoding="utf-8")
    assert len(path.read_text(encoding="utf-8")) >= cache.MIN_CACHED_CHARS
    return path


def test_a_cached_deck_is_the_deck_that_was_parsed(tmp_path, monkeypatch):
    path = _write(generated_deck(1500), tmp_path / "big.yaml")
    parsed = load_deck(path, use_cache=False)
    load_deck(path)  # fills the cache
    monkeypatch.setattr("quizapp.deck.yaml_io.parse_deck", lambda *a, **k: pytest.fail("parsed again"))
    cached = load_deck(path)
    assert cached == parsed
    for mine, theirs in zip(cached.cards, parsed.cards):
        assert type(mine) is type(theirs)
        assert mine.model_fields_set == theirs.model_fields_set
        assert mine.model_dump() == theirs.model_dump()
        if theirs.provenance is not None:
            assert type(mine.provenance) is Provenance and type(mine.provenance.fact) is FactRef
    assert cached.sources[0].published == dt.date(2024, 3, 19)
    assert cached.model_fields_set == parsed.model_fields_set
    # The study items worked out while rebuilding are the deck's own.
    assert deck_items(cached).keys == list(cached.item_keys())
    assert dump_deck(cached) == dump_deck(parsed)


def test_a_change_to_the_deck_code_misses_the_cache(tmp_path, monkeypatch):
    path = _write(generated_deck(1500), tmp_path / "big.yaml")
    load_deck(path)
    parsed = []
    original = __import__("quizapp.deck.yaml_io", fromlist=["parse_deck"]).parse_deck
    monkeypatch.setattr("quizapp.deck.yaml_io.parse_deck", lambda *a, **k: parsed.append(1) or original(*a, **k))
    load_deck(path)
    assert parsed == []
    monkeypatch.setattr(listing, "code_fingerprint", lambda: "another-model")
    load_deck(path)
    assert parsed == [1]


def test_the_fingerprint_covers_the_model_source():
    assert len(listing.code_fingerprint()) == 16
    assert "model.py" in listing.READER_MODULES and "yaml_io.py" in listing.READER_MODULES


def test_a_deck_the_compact_form_cannot_describe_is_not_cached(tmp_path, monkeypatch):
    path = _write(generated_deck(1500), tmp_path / "big.yaml")
    monkeypatch.setattr(cache, "_NESTED", {})  # as if the model had grown a kind of value the cache does not know
    load_deck(path)
    assert not cache._entry_path(path).exists()


def test_gc_pauses_nest_and_restore_the_collector():
    assert gc.isenabled()
    with cache.paused_gc():
        assert not gc.isenabled()
        with cache.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cache.paused_gc():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


# --- statistics by local day ---------------------------------------------------------------------


@pytest.fixture()
def local_zone(request):
    """Run the test in the time zone ``request.param`` (the process's local time), restored afterwards."""
    zone = request.param
    if zone != "UTC" and not Path("/usr/share/zoneinfo", zone).exists():
        pytest.skip("no time zone database")
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    yield zone
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize(
    "local_zone", ["UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"], indirect=True
)
def test_daily_activity_falls_into_the_same_local_days_as_python_says(tmp_path, local_zone):
    with ReviewStore.open(tmp_path) as store:
        start = datetime(2026, 3, 7, 0, 0, tzinfo=dt.UTC)  # around a DST change in several zones
        rows = []
        for n in range(400):
            at = start + timedelta(minutes=37 * n)
            rows.append((deck_key("d.yaml"), f"q{n}", f"q{n}", at.timestamp(), 3, None, n % 2, 1000, None, "date"))
        store.connection.executemany(
            "INSERT INTO reviews (deck_path, item_id, card_id, reviewed_at, rating, answer, correct, duration_ms,"
            " previous_state, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        per_day: dict[str, int] = {}
        for row in rows:
            day = datetime.fromtimestamp(row[3]).date().isoformat()
            per_day[day] = per_day.get(day, 0) + 1
        activity = store.daily_activity("d.yaml")
    assert [(day, reviews) for day, _kind, reviews, *_ in activity] == sorted(per_day.items())
    assert len(per_day) >= 10


def test_item_states_json_is_untouched_by_the_session(store, tmp_path):
    # The due list reads (item id, due) only; the stored fsrs card is parsed when an item is shown.
    deck, deck_path = generated_deck(50), tmp_path / "deck.yaml"
    fill_states(store, deck, deck_path)
    session = StudySession(deck, deck_path, store, Settings(), NOW)
    assert session._states == {}
    assert isinstance(store.get_state(deck_path, session.queue[0].item_id), ItemState)


# --- reading a valid deck without positions --------------------------------------------------------


def _read_in_full(text: str) -> Deck:
    """parse_deck's full reading (positions kept, card by card), as for a deck with problems."""
    from quizapp.deck import yaml_io

    original = yaml_io._parse_valid_deck
    yaml_io._parse_valid_deck = lambda *_: None
    try:
        return yaml_io.parse_deck(text, "deck.yaml")
    finally:
        yaml_io._parse_valid_deck = original


CONCISE = """\
title: '  Hand written  '
tags: solo
description:
cards:
  - q: What is "no"?
    a: no
    accept: nope
    tags:
  - q: Which year?
    a: 1945
    distractors: [1944, 1946]
  - type: true_false
    statement: The sky is blue.
    answer: yes
  - text: "{{c1::Paris}} is in {{c2::France::country}}."
    explanation: ''
  - front: !!str Front
    back: |
      Back
      on two lines
"""


@pytest.mark.parametrize("source", ["generated", "concise", "bundled"])
def test_a_valid_deck_reads_the_same_without_positions(source, tmp_path):
    from quizapp.deck import yaml_io

    if source == "generated":
        texts = [dump_deck(generated_deck(300))]
    elif source == "concise":
        texts = [CONCISE]
    else:
        folder = Path(__file__).parents[1] / "decks"
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yaml"))]
    assert texts
    for text in texts:
        fast = yaml_io._parse_valid_deck(text, "deck.yaml")
        assert fast is not None  # these decks are valid: the fast reading is the one used
        full = _read_in_full(text)
        assert fast == full
        assert fast.model_fields_set == full.model_fields_set
        assert [card.model_fields_set for card in fast.cards] == [card.model_fields_set for card in full.cards]


@pytest.mark.parametrize(
    "text",
    [
        "title: A\ncards: &all []\nother: *all\n",  # anchors and aliases
        "title: A\ntitle: B\ncards: []\n",  # a repeated key
        "title: A\ncards: []\n<<: {x: 1}\n",  # a merge key
        "title: A\n? [x]\n: 1\ncards: []\n",  # a key that is a list
        "title: A\ncards: []\n---\ntitle: B\n",  # two documents
        "title: A\ncards: [\n",  # a syntax error
        "a:" + " [" * 70 + " ]" * 70 + "\n",  # nested too deep
    ],
)
def test_anything_unusual_is_left_to_the_full_reading(text):
    from quizapp.deck.safe_yaml import NotPlain, read_plain

    with pytest.raises(NotPlain):
        read_plain(text)


def test_plain_reading_keeps_scalars_as_written():
    from quizapp.deck.safe_yaml import read_plain, read_yaml

    text = "a: no\nb: 1945\nc: 3.10\nd: ~\ne:\nf: ''\ng: !!int 7\nh: [1, '', x]\ni: {j: 2024-03-19}\n"
    assert read_plain(text) == read_yaml(text, "x.yaml").data
    assert read_plain(text)["e"] is None and read_plain(text)["f"] == ""


def test_a_deck_with_problems_is_still_reported_in_full(tmp_path):
    from quizapp.deck import yaml_io
    from quizapp.errors import DeckError

    mistakes = (Path(__file__).parent / "fixtures" / "decks" / "ten_mistakes.yaml").read_text(encoding="utf-8")
    assert yaml_io._parse_valid_deck(mistakes, "deck.yaml") is None

    text = CONCISE.replace("a: 1945", "a: 1945\n    q: again") + '  - q: What is "no"?\n    a: twice\n'
    with pytest.raises(DeckError) as excinfo:
        yaml_io_parse(text)
    messages = str(excinfo.value)
    assert "appears twice" in messages and "same question" in messages


def yaml_io_parse(text: str) -> Deck:
    from quizapp.deck.yaml_io import parse_deck

    return parse_deck(text, "deck.yaml")


@pytest.mark.parametrize(
    "local_zone", ["UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"], indirect=True
)
def test_the_due_forecast_counts_each_item_on_its_local_day(local_zone):
    from quizapp.study.stats import DUE_FORECAST_DAYS, _Accumulator

    rng = random.Random(5)
    today = dt.date(2026, 3, 1)  # the forecast crosses a DST change in several zones
    start = datetime(2026, 2, 25, tzinfo=dt.UTC).timestamp()
    dues = [start + rng.uniform(0, 40 * 86400) for _ in range(3000)] + [
        datetime.combine(today + timedelta(days=d), dt.time()).timestamp() + edge
        for d in range(40)
        for edge in (-1, 0, 1)
    ]
    accumulator = _Accumulator()
    accumulator.add_due(dues, today)
    expected: dict[dt.date, int] = {}
    last = today + timedelta(days=DUE_FORECAST_DAYS - 1)
    for due in dues:  # as it was counted before: each item's local date, overdue ones today
        day = max(datetime.fromtimestamp(due).date(), today)
        if day <= last:
            expected[day] = expected.get(day, 0) + 1
    assert dict(accumulator.due_per_day) == expected


# --- the home screen's list, from listings ----------------------------------------------------------


def test_the_home_list_comes_from_listings_until_a_deck_changes(tmp_path):
    from quizapp.tui.screens.home import find_decks

    folder = tmp_path / "decks"
    folder.mkdir()
    deck = generated_deck(40)
    (folder / "a.yaml").write_text(dump_deck(deck), encoding="utf-8")
    (folder / "b.yaml").write_text("title: Broken\ncards:\n  - q: Why?\n", encoding="utf-8")
    first = {row.path.name: row for row in find_decks([folder], tmp_path / "data", show_bundled=False)}
    assert first["a.yaml"].deck is not None and first["b.yaml"].error
    again = {row.path.name: row for row in find_decks([folder], tmp_path / "data", show_bundled=False)}
    listed = again["a.yaml"]
    assert listed.deck is None and listed.listing is not None and listed.error is None
    assert (listed.title, listed.cards, listed.item_counts()) == (deck.title, len(deck.cards), deck.study_item_counts())
    assert listed.listing.item_ids == [item_id for _, item_id, _ in deck.item_keys()]
    assert again["b.yaml"].error  # an invalid deck is read (and reported) every time
    # Any edit, even one that keeps the size, reads the deck again.
    path = folder / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Generated", "Renamed!!", 1), encoding="utf-8")
    edited = {row.path.name: row for row in find_decks([folder], tmp_path / "data", show_bundled=False)}
    assert edited["a.yaml"].deck is not None and edited["a.yaml"].title == "Renamed!!"


def test_a_deck_overview_counts_what_its_summary_counts(store, tmp_path):
    from quizapp.deck.listing import DeckListing
    from quizapp.study.overview import LEARN_AHEAD_MINUTES, deck_overview

    deck, deck_path = generated_deck(), tmp_path / "deck.yaml"
    fill_states(store, deck, deck_path)
    store.save_quiz(deck_path, started_at=NOW, finished_at=NOW, score=3, total=4, seconds=10.0, answers=[])
    listing = DeckListing(
        deck.title, len(deck.cards), [item_id for _, item_id, _ in deck.item_keys()], deck.study_item_counts()
    )
    assert Settings().learn_ahead_minutes == LEARN_AHEAD_MINUTES
    summary = deck_summary(deck, deck_path, store, NOW, Settings())
    overview = deck_overview(listing, deck_path, store, NOW, LEARN_AHEAD_MINUTES)
    for name in ("cards", "items", "due", "new", "last_score", "mastery"):
        assert getattr(overview, name) == getattr(summary, name), name
    assert overview.due > 0 and overview.new > 0 and overview.last_score == 0.75
