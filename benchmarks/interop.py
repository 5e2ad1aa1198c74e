"""How long exporting and importing Anki packages and CSV files takes, by deck size.

Run: python benchmarks/interop.py   (prints a table; not part of the test suite)

Also imports a package with review history (5 reviews per card) into a scratch data folder.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deck_io import _deck_text  # noqa: E402  (the same synthetic decks as the deck I/O benchmark)

from quizapp.deck.yaml_io import parse_deck  # noqa: E402
from quizapp.interop.convert import export_deck, import_file, import_history  # noqa: E402


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _with_history(package: Path, out: Path) -> Path:
    """The package run through the real Anki with 5 rated reviews per card (needs the dev extra)."""
    from anki.collection import Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(out.parent / "bench.anki2"))
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions()))
    now_ms = int(time.time() * 1000)
    rows = []
    for n, cid in enumerate(col.find_cards("")):
        for k in range(5):
            rows.append((now_ms - (50 - k * 10) * 86_400_000 + n, cid, -1, 3, k * 5, 0, 2500, 3000, 1))
    col.db.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,?,?,?,?,?,?,?)", rows
    )
    col.export_anki_package(out_path=str(out), options=ExportAnkiPackageOptions(with_scheduling=True), limit=None)
    col.close()
    return out


def main() -> None:
    print(
        f"{'cards':>7} | {'export apkg':>11} | {'import apkg':>11} | {'export csv':>10} | {'import csv':>10} | {'history import':>14}"
    )
    print("-" * 80)
    for size in (100, 1_000, 10_000):
        deck = parse_deck(_deck_text(size))
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            apkg, csv_path = folder / "d.apkg", folder / "d.csv"
            t_export = _time(lambda: export_deck(deck, apkg))
            t_import = _time(lambda: import_file(apkg))
            t_csv_out = _time(lambda: export_deck(deck, csv_path))
            t_csv_in = _time(lambda: import_file(csv_path))
            history = "-"
            if size <= 1_000:
                package = _with_history(apkg, folder / "h.apkg")
                result = import_file(package)
                seconds = _time(lambda: import_history(result, folder / "h.yaml", folder / "data"))
                history = f"{seconds:.2f} s"
        print(
            f"{size:>7} | {t_export:>9.2f} s | {t_import:>9.2f} s | {t_csv_out:>8.2f} s | {t_csv_in:>8.2f} s | {history:>14}"
        )


if __name__ == "__main__":
    main()
