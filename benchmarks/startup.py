"""Time from starting ``quizapp`` to its first painted screen, next to a bare Textual app.

Each run is a fresh Python process (interpreter start, imports, first paint, exit), in
Textual's headless mode so no terminal is needed. ``quizapp`` goes through the real console
script (``quizapp.launch.main`` with no command, on the bundled decks and a temporary data dir); two
moments are reported for it: the first paint (the home screen's frame) and the deck list
filled in: the first frame after the home screen shows a row for every bundled deck with its
counts (due, new, ...) taken from the review history, no deck left to read or count. Since the
home screen counts the decks it has listed before while it builds its first frame (see
quizapp.tui.screens.home), that is usually the first frame itself; the measured runs come after
one warm-up run, so they are starts like every start after the first (the decks' listings and the
database exist); the first start ever reads the decks after its first frame. The targets are
first paint ≤ 1.5× the bare app, and the deck list filled ≤ 1.3× the bare app's first paint.

quizapp is timed through hooks put on its app and home screen modules as main() imports them, so
that it starts exactly as the console script does (importing them beforehand would import Textual
before main() starts). Note that quizapp pauses Python's garbage collector from main() until its
first frame (see quizapp.launch), Textual's import included; the bare app is left as it is.

The two apps are run in turns (bare, quizapp, bare, ...), so that other work on the machine
weighs on both alike. Both run as an installed app does, with Python's bytecode cache (the
warm-up runs write it when missing), even when PYTHONDONTWRITEBYTECODE is set here: without it
every quizapp module would be compiled at each start, which no installed copy does (pip
compiles at install time).

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
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
import importlib.abc, json, sys, time
start = time.perf_counter()
marks = {}

def patch_app(app_module):
    original_run = app_module.QuizApp.run

    def run(self, *args, **kwargs):
        def painted():
            marks.setdefault("first_paint", time.perf_counter() - start)
        self.call_after_refresh(painted)
        return original_run(self, headless=True, size=(80, 24))

    app_module.QuizApp.run = run

def patch_home(home):
    original_show = home.HomeScreen._show_rows

    def show_rows(self, rows, **kwargs):
        original_show(self, rows, **kwargs)
        if not all(row.summary is not None or row.error is not None for row in rows):
            return  # some deck is not read or not counted yet: the list is not filled
        def ready():
            if "ready" not in marks:
                marks["ready"] = time.perf_counter() - start
                marks["rows"] = self.query_one("#decks").row_count
                marks["counted"] = [(row.summary.due, row.summary.new) for row in rows if row.summary is not None]
            self.app.exit()
        self.call_after_refresh(ready)

    home.HomeScreen._show_rows = show_rows

PATCHES = {"quizapp.tui.app": patch_app, "quizapp.tui.screens.home": patch_home}

class PatchOnImport(importlib.abc.MetaPathFinder):
    # The modules are patched as the console script imports them: importing them here, before
    # main(), would change what main() does first (Textual's import among it).
    def find_spec(self, name, path, target=None):
        if name not in PATCHES:
            return None
        for finder in sys.meta_path:
            spec = None if finder is self else finder.find_spec(name, path, target)
            if spec is not None:
                execute = spec.loader.exec_module
                def exec_module(module):
                    execute(module)
                    PATCHES[name](module)
                spec.loader.exec_module = exec_module
                return spec
        return None

sys.meta_path.insert(0, PatchOnImport())
import quizapp.launch
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
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, check=True, env=env)
    wall = time.perf_counter() - wall_start
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def bundled_decks() -> int:
    from quizapp.deck.discovery import DECK_SUFFIXES
    from quizapp.paths import BUNDLED_DECKS_DIR

    return sum(1 for path in BUNDLED_DECKS_DIR.iterdir() if path.suffix in DECK_SUFFIXES)


def spread(rows: list[dict[str, float]], key: str) -> str:
    values = [row[key] for row in rows]
    return f"{min(values):.3f}-{max(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        measure(BARE_APP)  # warm the OS file cache for both
        measure(QUIZAPP, data_dir)
        bare, ours = [], []
        for _ in range(args.runs):  # taken in turns, so that other work on the machine weighs on both alike
            bare.append(measure(BARE_APP))
            ours.append(measure(QUIZAPP, data_dir))

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
    shown = sorted({int(r["rows"]) for r in ours})
    print(f"deck rows shown when filled: {', '.join(map(str, shown))} (bundled decks: {bundled_decks()})")
    print(
        f"spread (min-max): bare first paint {spread(bare, 'first_paint')}, quizapp first paint "
        f"{spread(ours, 'first_paint')}, deck list filled {spread(ours, 'ready')}"
    )


if __name__ == "__main__":
    main()
