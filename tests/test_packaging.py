"""The built wheel carries the bundled decks, and the app finds them when installed from it.

The wheel is built from a copy of the sources (so the check never leaves a ``build/`` folder in the
repository) without build isolation and without an index, so it runs offline.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHIPPED_DECKS = sorted(p.name for p in (REPO / "decks").glob("*.yaml"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "quizapp", source / "quizapp", ignore=ignore)
    shutil.copytree(REPO / "decks", source / "decks", ignore=ignore)
    dist = tmp / "dist"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(dist),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel_file] = dist.glob("quizapp-*.whl")
    return wheel_file


def test_the_wheel_contains_every_bundled_deck(wheel):
    assert SHIPPED_DECKS, "the repository ships decks in decks/"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        packaged = sorted(n.removeprefix("quizapp/decks/") for n in names if n.startswith("quizapp/decks/"))
        assert packaged == SHIPPED_DECKS
        for name in SHIPPED_DECKS:
            assert archive.read(f"quizapp/decks/{name}") == (REPO / "decks" / name).read_bytes()
    # The package's own data still travels too (the mapping must not replace the package's file list).
    assert "quizapp/tui/app.tcss" in names and "quizapp/deck/discovery.py" in names


def test_an_install_from_the_wheel_finds_its_bundled_decks(wheel, tmp_path):
    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    probe = (
        "import json, quizapp\n"
        "from quizapp.deck.discovery import discover_decks\n"
        "from quizapp.paths import BUNDLED_DECKS_DIR\n"
        f"entries = discover_decks([], data_dir={str(tmp_path / 'data')!r})\n"
        "print(json.dumps({'package': quizapp.__file__, 'bundled': str(BUNDLED_DECKS_DIR),\n"
        "  'decks': [[str(e.path), e.origin, e.cards, e.error] for e in entries]}))\n"
    )
    # The installed copy comes first on the path, ahead of this checkout; dependencies come from this environment.
    found = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert Path(result["package"]).is_relative_to(site), "the probe must import the installed copy"
    assert Path(result["bundled"]) == site / "quizapp" / "decks"
    bundled = [d for d in result["decks"] if d[1] == "bundled"]
    assert sorted(Path(path).name for path, *_ in bundled) == SHIPPED_DECKS
    for path, _origin, cards, error in bundled:
        assert Path(path).is_relative_to(site)
        assert error is None and cards > 0, (path, error)
