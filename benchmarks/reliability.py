"""Nothing lost, nothing hangs: kill -9 while answering, hostile decks, hostile articles, a fuzzed deck loader.

Run: python benchmarks/reliability.py [--kills 50] [--article-timeout 180] [--fuzz-examples 1000]
(prints one table; not part of the test suite; everything happens in a temporary folder).

* **kill -9**: a real child process studies a deck through the app's own domain API
  (:class:`quizapp.study.session.StudySession` over :class:`quizapp.storage.db.ReviewStore`,
  as the study screen does) and, after each answer has returned — so after its
  transaction committed — appends the review's id to a side file. The parent
  SIGKILLs it at a random moment, then checks with a fresh connection that every
  acknowledged review is in the database, that the file passes ``PRAGMA
  integrity_check`` and that the totals the triggers keep agree with the reviews.
  The next child continues on the same database.
* **hostile decks**: ``quizapp validate`` on each file in a subprocess, with a timeout;
  the outcome is a deck, a message that names the file, a crash (a traceback) or a hang.
* **hostile articles**: ``quizapp generate`` on each, likewise.
* **fuzzing**: the hypothesis properties of ``tests/test_deck_fuzz.py`` with more
  examples than the test suite runs, and its kept corpus of inputs that once failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUIZAPP = [sys.executable, "-m", "quizapp"]


@dataclass
class Row:
    area: str
    tried: str
    outcome: str
    ok: bool
    seconds: float
    peak_mb: float | None = None


# --- kill -9 while answering ----------------------------------------------------------------------


def study_deck_text(cards: int) -> str:
    lines = ["title: Kill test", "cards:"]
    for n in range(cards):
        lines += [f"  - q: What is the code of station {n}?", f"    a: C{n * 7919 % 100000}"]
    return "\n".join(lines) + "\n"


def child(data: Path, deck_path: Path, log_path: Path, seed: int, sabotage: bool = False) -> None:
    """Answer cards forever, logging each review id once ``session.answer`` has returned.

    ``sabotage`` checks the check: answers are then committed only every 20th time, so
    acknowledged reviews do get lost at a kill, and the table must say so.
    """
    from quizapp.deck.yaml_io import load_deck
    from quizapp.storage.db import ReviewStore
    from quizapp.study.scheduling import Settings
    from quizapp.study.session import StudySession

    deck = load_deck(deck_path)
    settings = Settings(new_per_day=1_000_000)
    store = ReviewStore.open(data)
    # The review id is what record_review returns after COMMIT; keep it for the log.
    committed: list[int] = []
    record_review = store.record_review

    def recording(*args, **kwargs) -> int:  # type: ignore[no-untyped-def]
        review_id = record_review(*args, **kwargs)
        committed.append(review_id)
        return review_id

    store.record_review = recording  # type: ignore[method-assign]
    if sabotage:
        import contextlib

        store._transaction = contextlib.nullcontext  # type: ignore[method-assign]
        store.connection.execute("BEGIN")
    # Simulated time: each reading of the clock is an hour later, continuing after the last review stored,
    # so that cards keep coming due and every child answers real reviews, not only new cards.
    last = store.connection.execute("SELECT MAX(reviewed_at) FROM reviews").fetchone()[0]
    start = datetime.fromtimestamp(last, UTC) if last else datetime.now(UTC)
    ticks = itertools.count(1)

    def clock() -> datetime:
        return start + timedelta(hours=next(ticks))

    rng = random.Random(seed)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    while True:
        session = StudySession(deck, deck_path, store, settings, clock=clock)
        while not session.finished:
            item = session.current
            assert item is not None
            typed = item.card.answer if rng.random() < 0.7 else rng.choice(["no idea", item.card.answer[:-1] + "9"])
            grade = session.grade(typed)
            session.answer(
                grade.suggested_rating, response=typed, correct=grade.correct, duration_ms=rng.randint(500, 9000)
            )
            # One write(2) per id: it either happens whole or not at all when the kill comes.
            os.write(log, f"{committed[-1]}\n".encode())
            if sabotage and len(committed) % 20 == 0:
                store.connection.execute("COMMIT")
                store.connection.execute("BEGIN")


def _acknowledged(log_path: Path) -> list[int]:
    if not log_path.exists():
        return []
    return [int(line) for line in log_path.read_text().split("\n") if line.strip().isdigit()]


def kill_test(folder: Path, kills: int, seed: int, sabotage: bool = False) -> Row:
    rng = random.Random(seed)
    data, deck_path, log_path = folder / "data", folder / "kill.yaml", folder / "acknowledged.log"
    deck_path.write_text(study_deck_text(300))
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(data)}
    lost_total = failures = in_flight = in_flight_max = child_errors = 0
    acknowledged_before = 0
    started = time.perf_counter()
    for kill in range(kills):
        stderr_path = folder / f"child-{kill}.err"
        with open(stderr_path, "wb") as stderr:
            proc = subprocess.Popen(
                [sys.executable, __file__, "--child", str(data), str(deck_path), str(log_path), str(seed + kill)]
                + (["--sabotage"] if sabotage else []),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
            )
            # Wait until this child has answered at least one card, then kill it at a random moment.
            deadline = time.monotonic() + 120
            while len(_acknowledged(log_path)) <= acknowledged_before and proc.poll() is None:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.4))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            else:
                child_errors += 1  # it stopped by itself: that is a failure of its own
            proc.wait()
        acknowledged = _acknowledged(log_path)
        acknowledged_before = len(acknowledged)
        connection = sqlite3.connect(data / "quizapp.sqlite3")
        try:
            stored = {row[0] for row in connection.execute("SELECT id FROM reviews")}
            lost = [review_id for review_id in acknowledged if review_id not in stored]
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            totals = connection.execute("SELECT COALESCE(SUM(reviews), 0) FROM deck_totals").fetchone()[0]
            unscheduled = connection.execute(
                "SELECT COUNT(*) FROM (SELECT DISTINCT deck_path, item_id FROM reviews) r"
                " LEFT JOIN item_state s USING (deck_path, item_id) WHERE s.item_id IS NULL"
            ).fetchone()[0]
        finally:
            connection.close()
        lost_total += len(lost)
        # Reviews stored but never acknowledged: killed between COMMIT and the log write (at most one a kill).
        unacknowledged = len(stored) - len(set(acknowledged))
        in_flight_max = max(in_flight_max, unacknowledged - in_flight)
        in_flight = unacknowledged
        if lost or integrity != "ok" or totals != len(stored) or unscheduled:
            failures += 1
    seconds = time.perf_counter() - started
    acknowledged = len(_acknowledged(log_path))
    survived = kills - failures - child_errors
    outcome = (
        f"{survived}/{kills} kills survived; {acknowledged:,} reviews acknowledged, {lost_total} lost; "
        f"integrity, totals and schedules consistent after every kill: {'yes' if not failures else 'NO'}; "
        f"killed between commit and acknowledgement: {in_flight} time{'' if in_flight == 1 else 's'} (at most {in_flight_max} review a kill)"
    )
    tried = f"{kills} SIGKILLs at random moments" + (" (SABOTAGED: commits every 20th answer)" if sabotage else "")
    return Row(
        "kill -9 while answering", tried, outcome, lost_total == 0 and failures == 0 and child_errors == 0, seconds
    )


# --- subprocesses with a timeout and their peak memory ----------------------------------------------


def run_bounded(
    args: list[str], timeout: float, env: dict[str, str], cwd: Path
) -> tuple[int | None, str, str, float, float]:
    """(exit status or None on timeout, stdout, stderr, seconds, peak MB) of a command."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env, cwd=cwd)
        status: int | None = None
        usage = None
        high_water_kb = 0
        while True:
            high_water_kb = max(high_water_kb, _high_water_kb(proc.pid))
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(wait_status)
                break
            if time.perf_counter() - started > timeout:
                proc.kill()
                _, _, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        proc.returncode = status if status is not None else -9  # wait4 reaped it; keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        # ru_maxrss of a child counts the parent's memory at fork (Linux keeps it across exec), and this
        # parent holds big inputs; the child's own high-water mark (VmHWM) is what it used itself.
        peak = (high_water_kb or (usage.ru_maxrss if usage else 0)) / 1024
        return status, out.read().decode(errors="replace"), err.read().decode(errors="replace"), seconds, peak


def _high_water_kb(pid: int) -> int:
    """The peak resident memory of a running process, in KB (0 where /proc is missing)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def classify(
    status: int | None, stdout: str, stderr: str, timeout: float, success: str, names: str
) -> tuple[str, bool]:
    """What the user saw: success, a clear message (naming ``names``), a crash or a hang."""
    if status is None:
        return f"HANG: no answer in {timeout:.0f} s (killed)", False
    if "Traceback (most recent call last)" in stderr or status < 0:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else f"signal {-status}"
        return f"CRASH: {last[:110]}", False
    if status == 0:
        return success, True
    message = next((line for line in stderr.splitlines() if line.strip()), "(no message)")
    # Clear: one plain message that names the file it is about.
    return f"message: {message.strip()[:150]}", names in message


# --- hostile decks --------------------------------------------------------------------------------


def hostile_decks(folder: Path) -> dict[str, bytes]:
    bomb = "title: bomb\ncards:\n  - &a [" + ",".join(['"lol"'] * 9) + "]\n"
    for level in "bcdefghi":
        bomb += f"  - &{level} [" + ",".join([f"*{chr(ord(level) - 1)}"] * 9) + "]\n"
    valid = "title: Capitals\ncards:\n  - q: What is the capital of Norway?\n    a: Oslo\n"
    filler = "".join(f"  - q: Filler question {n}?\n    a: Answer {n}\n" for n in range(1_200_000))
    hundred_thousand = "title: Big\ncards:\n" + "".join(
        f"  - q: What is item {n} of the big deck?\n    a: Value {n}\n" for n in range(100_000)
    )
    return {
        "billion laughs (aliases to 9^9 values)": bomb.encode(),
        "deep nesting (1,000,000 '[')": ("title: deep\ncards: " + "[" * 1_000_000 + "]" * 1_000_000).encode(),
        "50 MB deck": ("title: Fifty\ncards:\n" + filler).encode()[: 50 * 2**20],
        "binary (1 MB of random bytes)": random.Random(1).randbytes(2**20),
        "NUL bytes inside the text": b"title: Caf\x00e\ncards:\n  - q: What is \x00?\n    a: nothing\n",
        "invalid UTF-8": b"title: Caf\xe9\ncards:\n  - q: Capital of \xff\xfe?\n    a: Oslo\n",
        "UTF-16 with a byte-order mark": valid.encode("utf-16"),
        "duplicate keys (title twice, a twice)": b"title: One\ntitle: Two\ncards:\n  - q: Why?\n    a: Because\n    a: Also\n",
        "100,000 cards (6 MB, valid)": hundred_thousand.encode(),
    }


def deck_rows(folder: Path, timeout: float) -> list[Row]:
    rows = []
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(folder / "data")}
    for number, (name, content) in enumerate(hostile_decks(folder).items()):
        path = folder / f"hostile-{number}.yaml"
        path.write_bytes(content)
        status, out, err, seconds, peak = run_bounded([*QUIZAPP, "validate", str(path)], timeout, env, folder)
        loaded = next((line for line in out.splitlines() if ": ok (" in line), "")
        success = "loaded: " + loaded.split(": ok ", 1)[-1] if loaded else "loaded"
        outcome, ok = classify(status, out, err, timeout, success, str(path))
        rows.append(Row("hostile deck", name, outcome.replace(str(path), path.name), ok, seconds, peak))
    return rows


# --- hostile articles -----------------------------------------------------------------------------


_SUBJECTS = [
    "The council of {town}",
    "{person}",
    "The harbour board",
    "A group of {n} residents",
    "The county",
    "The mayor of {town}",
    "The {town} rowing club",
    "Engineers from {town}",
    "The regional court",
    "{person}'s family",
    "The local newspaper",
    "A committee led by {person}",
    "Farmers near {town}",
]
_VERBS = [
    "approved",
    "rejected",
    "paid for",
    "opened",
    "closed",
    "delayed",
    "rebuilt",
    "sold",
    "bought",
    "protested",
    "celebrated",
    "inspected",
    "mapped",
    "repaired",
    "funded",
    "named",
]
_OBJECTS = [
    "{n} new homes",
    "the old lighthouse",
    "a bridge over the {river}",
    "the {river} ferry",
    "a school for {n} pupils",
    "the fish market",
    "a museum of local history",
    "the railway station",
    "{n} hectares of forest",
    "the stone quay",
    "a flood wall along the {river}",
    "the winter festival",
    "a library in {town}",
]
_TOWNS = [
    "Northbridge",
    "Alder Bay",
    "Kesston",
    "Marrow Fell",
    "Ostbury",
    "Wenlow",
    "Carrick Point",
    "Hallam Cross",
    "Dunmere",
    "Quayside",
    "Brackenholt",
    "Sellick",
]
_PEOPLE = [
    "Maria Okafor",
    "Tomas Varga",
    "Helen Strand",
    "Ravi Menon",
    "Lucia Ferro",
    "Jonas Albrecht",
    "Agnes Moll",
    "Pieter Vos",
    "Nadia Haddad",
    "Owen Pryce",
]
_RIVERS = ["Tarrow", "Esk", "Wend", "Callan", "Mire"]


def _english_paragraph(rng: random.Random) -> str:
    """A paragraph of plausible news prose; random enough that cleaning does not take it for a repeat."""
    sentences = []
    for _ in range(rng.randint(3, 6)):
        fill = {
            "town": rng.choice(_TOWNS),
            "person": rng.choice(_PEOPLE),
            "river": rng.choice(_RIVERS),
            "n": rng.randint(2, 5000),
        }
        when = rng.choice(
            [
                f"In {rng.randint(1850, 2024)}",
                f"On {rng.randint(1, 28)} March {rng.randint(1900, 2024)}",
                "Last year",
                f"In the spring of {rng.randint(1900, 2024)}",
            ]
        )
        subject = rng.choice(_SUBJECTS).format(**fill)
        if subject.split()[0] in ("The", "A", "Engineers", "Farmers"):
            subject = subject[0].lower() + subject[1:]
        sentences.append(f"{when}, {subject} {rng.choice(_VERBS)} {rng.choice(_OBJECTS).format(**fill)}.")
    return " ".join(sentences) + "\n\n"


def hostile_articles() -> dict[str, tuple[str, bytes]]:
    rng = random.Random(3)
    twenty_mb = []
    size = 0
    while size < 20 * 2**20:
        paragraph = _english_paragraph(rng)
        twenty_mb.append(paragraph)
        size += len(paragraph)
    german = (
        "Am 3. Oktober 1990 wurde die Wiedervereinigung Deutschlands vollzogen. Die Stadt Leipzig war zuvor ein "
        "Zentrum der friedlichen Proteste gewesen, an denen im Herbst 1989 mehr als 70.000 Menschen teilnahmen. "
        "Bundeskanzler Helmut Kohl sprach später von einem glücklichen Tag für alle Deutschen.\n\n"
    ) * 20
    chinese = (
        "一九四九年十月一日，中华人民共和国在北京宣告成立。长江是中国最长的河流，全长约六千三百公里。"
        "上海是中国人口最多的城市之一，二零二零年人口超过两千四百万。\n\n"
    ) * 20
    html = (
        "<html><head><title>Harbour news</title><script>document.write('In 1999 the script says the mayor resigned.');"
        "alert('x')</script><style>p { color: red }</style></head><body><article><h1>Harbour reopens</h1>"
        "<p>In 2021 the harbour of Northbridge reopened after a storm closed it for eight months.</p>"
        "<p>Mayor Helen Strand said 40 boats returned in the first week.</p>"
        "<script>var fact = 'In 1850 the script founded the town of Fakeville.'; fetch('/track')</script>"
        "<p onclick=\"alert('click')\">The repairs cost 12 million pounds, paid by the county.</p></article>"
        '<script src="https://example.invalid/ads.js"></script></body></html>'
    )
    no_stops = " ".join(
        f"the council of Northbridge approved {n} homes in {1900 + n % 120} and Helen Strand chaired the board"
        for n in range(2000)
    )
    return {
        "empty file": ("empty.txt", b""),
        "binary (200 KB of random bytes)": ("binary.txt", random.Random(2).randbytes(200 * 1024)),
        "20 MB of English text": ("twenty.txt", "".join(twenty_mb).encode()),
        "non-English (German)": ("german.txt", german.encode()),
        "non-English (Chinese)": ("chinese.txt", chinese.encode()),
        "HTML with scripts": ("scripts.html", html.encode()),
        f"no sentence ends ({len(no_stops) // 1024} KB)": ("nostops.txt", no_stops.encode()),
    }


def article_rows(folder: Path, timeout: float) -> list[Row]:
    rows = []
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(folder / "data")}
    for name, (filename, content) in hostile_articles().items():
        path = folder / filename
        path.write_bytes(content)
        output = folder / f"{path.stem}-deck.yaml"
        status, out, err, seconds, peak = run_bounded(
            [*QUIZAPP, "generate", str(path), "-o", str(output)], timeout, env, folder
        )
        written = next((line for line in out.splitlines() if " card" in line and "from" in line), "")
        success = "deck written: " + written.split(": ", 1)[-1] if written else "deck written"
        if status == 0 and filename.endswith(".html") and output.exists():
            leaked = any(
                word in output.read_text() for word in ("Fakeville", "alert", "document.write", "mayor resigned")
            )
            success += "; script text in the deck: " + ("YES" if leaked else "none")
            if leaked:
                status = 1
        # An article's refusal may be about all the articles given ("no question could be generated"):
        # any one plain message is clear here.
        outcome, ok = classify(status, out, err, timeout, success, "error:")
        rows.append(Row("hostile article", name, outcome.replace(str(path), path.name), ok, seconds, peak))
    return rows


# --- hypothesis on the deck loader ----------------------------------------------------------------


def fuzz_row(examples: int) -> Row:
    os.environ["QUIZAPP_FUZZ_EXAMPLES"] = str(examples)
    spec = importlib.util.spec_from_file_location("deck_fuzz", ROOT / "tests" / "test_deck_fuzz.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    started = time.perf_counter()
    failures = []
    properties = [
        getattr(module, name)
        for name in dir(module)
        if name.startswith("test_") and hasattr(getattr(module, name), "hypothesis")
    ]
    for prop in properties:
        try:
            prop()
        except Exception as exc:  # a property failed: hypothesis has shrunk and printed the case
            failures.append(f"{prop.__name__}: {type(exc).__name__}: {str(exc).splitlines()[0][:100]}")
    seconds = time.perf_counter() - started
    corpus = len(module.kept_corpus())
    outcome = (
        f"{module.EXAMPLES_RUN:,} inputs over {len(properties)} properties (incl. {corpus} kept cases that once failed): "
        + ("no crash, every refusal located" if not failures else "FAILED " + "; ".join(failures))
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Row("hypothesis", "deck loader (tests/test_deck_fuzz.py)", outcome, not failures, seconds, peak)


# --- the table ------------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    headers = ("area", "input", "ok", "time", "peak", "outcome")
    cells = [
        (
            r.area,
            r.tried,
            "yes" if r.ok else "NO",
            f"{r.seconds:.1f} s",
            f"{r.peak_mb:.0f} MB" if r.peak_mb else "-",
            r.outcome,
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers[:-1])]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths)) + "  outcome"
    print(line)
    print("  ".join("-" * w for w in widths) + "  " + "-" * 7)
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths)) + "  " + c[-1])
    bad = sum(not r.ok for r in rows)
    print(f"\n{len(rows) - bad} of {len(rows)} checks answered as they should" + (f"; {bad} did NOT" if bad else ""))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]), "--sabotage" in sys.argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--deck-timeout", type=float, default=120)
    parser.add_argument("--article-timeout", type=float, default=180)
    parser.add_argument("--fuzz-examples", type=int, default=1000, help="hypothesis examples per property")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=["kill", "decks", "articles", "fuzz"], action="append")
    parser.add_argument("--sabotage", action="store_true", help="check the kill check: commit only every 20th answer")
    args = parser.parse_args()
    only = set(args.only or ["kill", "decks", "articles", "fuzz"])
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="quizapp-reliability-") as tmp:
        folder = Path(tmp)
        os.environ["QUIZAPP_DATA_DIR"] = str(folder / "data")  # never the user's real data folder
        if "kill" in only:
            (folder / "kill").mkdir()
            rows.append(kill_test(folder / "kill", args.kills, args.seed, args.sabotage))
            print(f"[kill -9] {rows[-1].outcome}", file=sys.stderr)
        if "decks" in only:
            (folder / "decks").mkdir()
            rows += deck_rows(folder / "decks", args.deck_timeout)
            print("[decks] done", file=sys.stderr)
        if "articles" in only:
            (folder / "articles").mkdir()
            rows += article_rows(folder / "articles", args.article_timeout)
            print("[articles] done", file=sys.stderr)
        if "fuzz" in only:
            rows.append(fuzz_row(args.fuzz_examples))
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
