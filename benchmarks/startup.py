"""Time from starting ``quizapp`` to its first painted screen, next to a bare Textual app.

Each run is a fresh Python process (interpreter start, imports, first paint, exit), in
Textual's headless mode so no terminal is needed. ``quizapp`` goes through the real console
script (``quizapp.launch.main`` with no command, on the bundled decks and a temporary data dir); two
moments are reported for it: the first paint (the home screen's frame) and the deck list
filled in (after the background deck scan). The targets are first paint ≤ 1.5× the bare app,
and the deck list filled ≤ 1.3× the bare app's first paint.

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time

BARE_APP = r"""
import json, sys, time
start = time.perf_counter()
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        self.first_paint = time.perf_counter() - start
        self.exit()

app = Bare()
app.run(headless=True, size=(80, 24))
print(json.dumps({"first_paint": app.first_paint, "ready": app.first_paint, "spacy": "spacy" in sys.modules}))
"""

QUIZAPP = r"""
import json, sys, time
start = time.perf_counter()
marks = {}
import quizapp.launch
from quizapp.tui import app as app_module
from quizapp.tui.screens import home

original_run = app_module.QuizApp.run
original_show = home.HomeScreen._show_rows

def run(self, *args, **kwargs):
    def painted():
        marks.setdefault("first_paint", time.perf_counter() - start)
    self.call_after_refresh(painted)
    return original_run(self, headless=True, size=(80, 24))

def show_rows(self, rows, **kwargs):
    original_show(self, rows, **kwargs)
    def ready():
        marks["ready"] = time.perf_counter() - start
        self.app.exit()
    self.call_after_refresh(ready)

app_module.QuizApp.run = run
home.HomeScreen._show_rows = show_rows
sys.argv = ["quizapp", "--data-dir", sys.argv[1]]
try:
    quizapp.launch.main()
except SystemExit:
    pass
marks["spacy"] = "spacy" in sys.modules
print(json.dumps(marks))
"""


def measure(program: str, *args: str) -> dict[str, float]:
    wall_start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - wall_start
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        measure(BARE_APP)  # warm the OS file cache for both
        measure(QUIZAPP, data_dir)
        bare = [measure(BARE_APP) for _ in range(args.runs)]
        ours = [measure(QUIZAPP, data_dir) for _ in range(args.runs)]

    def median(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    print(f"Startup, median of {args.runs} fresh processes (seconds; headless, 80x24)")
    print(f"{'app':<22}{'first paint':>12}{'ready':>10}{'process':>10}")
    for name, rows in (("bare Textual app", bare), ("quizapp (home)", ours)):
        print(
            f"{name:<22}{median(rows, 'first_paint'):>12.3f}{median(rows, 'ready'):>10.3f}{median(rows, 'wall'):>10.3f}"
        )
    ratio = median(ours, "first_paint") / median(bare, "first_paint")
    wall_ratio = median(ours, "wall") / median(bare, "wall")
    print(f"ratio first paint: {ratio:.2f}x   ratio whole process: {wall_ratio:.2f}x   (target <= 1.5x)")
    ready_ratio = median(ours, "ready") / median(bare, "first_paint")
    print(
        f"home screen's deck list filled (bundled decks) / bare app's first paint: {ready_ratio:.2f}x "
        f"(target <= 1.3x: {'met' if ready_ratio <= 1.3 else 'NOT met'})"
    )
    print(f"spaCy imported by quizapp at startup: {'yes' if any(r['spacy'] for r in ours) else 'no'}")


if __name__ == "__main__":
    main()
