"""quizapp export / import from the command line: files written, overwrite refused, history imported."""

from __future__ import annotations

import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import State
from typer.testing import CliRunner

from quizapp.cli import app
from quizapp.deck.yaml_io import load_deck
from quizapp.storage.db import ReviewStore
from quizapp.study.session import StudySession
from tests.anki_support import add_note, export_package, fresh_collection

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "decks" / "example-solar-system.yaml"
DAY_MS = 86_400_000


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_export_then_import_through_the_cli(runner, tmp_path):
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(tmp_path / "solar.apkg")])
    assert result.exit_code == 0, result.output
    assert "25 cards exported" in result.stdout
    result = runner.invoke(app, ["import", str(tmp_path / "solar.apkg"), "-o", str(tmp_path / "solar.yaml")])
    assert result.exit_code == 0, result.output
    assert len(load_deck(tmp_path / "solar.yaml").cards) == 25


def test_import_writes_to_the_deck_folder_when_no_output_is_given(runner, tmp_path):
    (tmp_path / "words.tsv").write_text("perro\tdog\n", encoding="utf-8")
    data = tmp_path / "data"
    result = runner.invoke(app, ["import", str(tmp_path / "words.tsv"), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert load_deck(data / "decks" / "words.yaml").cards[0].back == "dog"


@pytest.mark.parametrize("command", ["export", "import"])
def test_an_existing_output_is_never_replaced_without_force(runner, tmp_path, command):
    source = EXAMPLE if command == "export" else tmp_path / "in.csv"
    (tmp_path / "in.csv").write_text("a,b\n", encoding="utf-8")
    target = tmp_path / ("out.apkg" if command == "export" else "out.yaml")
    target.write_text("precious", encoding="utf-8")
    result = runner.invoke(app, [command, str(source), "-o", str(target)])
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"
    result = runner.invoke(app, [command, str(source), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8", errors="replace") != "precious"


def _malformed(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.apkg"
    if kind == "not-a-zip":
        path.write_bytes(b"PK? no, just text")
    elif kind == "no-collection":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("media", "{}")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("collection.anki21", b"SQLite format 3\x00" + b"\x00" * 100)
    return path


@pytest.mark.parametrize("kind", ["not-a-zip", "no-collection", "broken-collection"])
def test_malformed_packages_exit_non_zero_with_one_message(runner, tmp_path, kind):
    result = runner.invoke(app, ["import", str(_malformed(tmp_path, kind)), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / kind}.apkg: ")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_unsupported_formats_are_refused(runner, tmp_path):
    (tmp_path / "deck.pdf").write_bytes(b"%PDF")
    result = runner.invoke(app, ["import", str(tmp_path / "deck.pdf"), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1 and "cannot import .pdf files" in result.stderr
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 1 and "cannot export to .docx" in result.stderr


def _collection_with_history(folder: Path) -> tuple[Path, dict[str, object]]:
    """An Anki package whose first card was reviewed three times over the last month and is due in 5 days."""
    with fresh_collection(folder / "anki") as col:
        reviewed = add_note(col, "Basic", ["Capital of Norway?", "Oslo"])
        fresh = add_note(col, "Basic", ["Capital of Peru?", "Lima"])
        cloze = add_note(col, "Cloze", ["{{c1::Quito}} is in {{c2::Ecuador}}", ""])
        shelved = add_note(col, "Basic", ["Capital of Chad?", "N'Djamena"])
        col.db.execute("UPDATE cards SET queue = -1 WHERE id = ?", shelved.cards()[0].id)  # suspended in Anki
        card = reviewed.cards()[0]
        now_ms = int(time.time() * 1000)
        for days_ago, ease, ivl, kind in [(30, 3, -600, 0), (29, 3, 3, 0), (20, 4, 15, 1)]:
            col.db.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,?,?,?,?,?,?,?)",
                now_ms - days_ago * DAY_MS,
                card.id,
                -1,
                ease,
                ivl,
                0,
                2500,
                4000,
                kind,
            )
        # A reschedule by hand carries no rating: it must not count as a review.
        col.db.execute(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,?,?,?,?,?,?,?)",
            now_ms - 10 * DAY_MS,
            card.id,
            -1,
            0,
            15,
            15,
            2500,
            0,
            4,
        )
        today = col.sched.today
        col.db.execute("UPDATE cards SET type = 2, queue = 2, ivl = 15, due = ? WHERE id = ?", today + 5, card.id)
        due_at = datetime.fromtimestamp(col.crt, UTC) + timedelta(days=today + 5)
        package = export_package(col, folder / "with-history.apkg", with_scheduling=True)
        return package, {
            "reviewed": reviewed.guid,
            "fresh": fresh.guid,
            "cloze": cloze.guid,
            "shelved": shelved.guid,
            "due": due_at,
        }


def test_with_history_continues_the_anki_schedule_and_the_deck_can_be_studied_at_once(runner, tmp_path):
    from quizapp.interop.anki_import import generic_card_id

    package, facts = _collection_with_history(tmp_path)
    data, deck_path = tmp_path / "data", tmp_path / "imported.yaml"
    result = runner.invoke(
        app, ["import", str(package), "-o", str(deck_path), "--with-history", "--data-dir", str(data)]
    )
    assert result.exit_code == 0, result.output
    assert "3 reviews" in result.stderr
    deck = load_deck(deck_path)
    reviewed_id = generic_card_id(facts["reviewed"])
    with ReviewStore.open(data) as store:
        reviews = store.reviews(deck_path, reviewed_id)
        assert [r.rating for r in reviews] == [3, 3, 4]
        state = store.get_state(deck_path, reviewed_id)
        assert state is not None and state.state == int(State.Review)
        assert abs(state.due - facts["due"].timestamp()) < 1  # Anki's own next due date
        assert state.fsrs_card().stability > 1  # fsrs learned from the replayed reviews
        # Suspended in Anki, suspended here.
        assert store.suspended_ids(deck_path) == {generic_card_id(facts["shelved"])}
        # Studied at once: the never-reviewed cards are new and queued (a cloze's second deletion waits for
        # tomorrow, as Anki buries siblings); the reviewed one waits for its day; the suspended one is left out.
        session = StudySession(deck, deck_path, store)
        queued = {item.item_id for item in session.queue}
        cloze_id = generic_card_id(facts["cloze"])
        assert queued == {generic_card_id(facts["fresh"]), f"{cloze_id}::c1"}
        assert session.buried == 1
        item = session.current
        session.answer(3)
        assert store.get_state(deck_path, item.item_id) is not None

    # Importing again keeps the history quizapp now has, and says so.
    result = runner.invoke(
        app, ["import", str(package), "-o", str(deck_path), "--with-history", "--force", "--data-dir", str(data)]
    )
    assert result.exit_code == 0, result.output
    assert "already has history in quizapp" in result.stderr
    with ReviewStore.open(data) as store:
        assert [r.rating for r in store.reviews(deck_path, reviewed_id)] == [3, 3, 4]


def test_with_history_needs_an_anki_package(runner, tmp_path):
    (tmp_path / "words.csv").write_text("a,b\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(tmp_path / "words.csv"), "-o", str(tmp_path / "w.yaml"), "--with-history"]
    )
    assert result.exit_code == 1
    assert "--with-history needs an Anki package" in result.stderr
    assert not (tmp_path / "w.yaml").exists()
