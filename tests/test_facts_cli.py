"""The ``quizapp facts`` command: grouped listing and the exact --json shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizapp.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


@pytest.fixture(scope="module")
def json_output():
    result = runner.invoke(
        app, ["facts", str(FIXTURES / "harbor-festival.txt"), str(FIXTURES / "lighthouse.md"), "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_shape(json_output):
    sources = json_output["sources"]
    assert [Path(s["path"]).name for s in sources] == ["harbor-festival.txt", "lighthouse.md"]
    assert sources[0]["published"] == "2024-03-12" and sources[1]["published"] == "2023-09-14"
    assert sources[1]["title"] == "The Keepers of Cape Verdant"
    for source in sources:
        assert source["facts"]
        for fact in source["facts"]:
            assert fact["kind"] in {"person", "place", "organization", "date", "number"}
            assert isinstance(fact["text"], str) and isinstance(fact["canonical"], str)
            assert fact["value"] is None or isinstance(fact["value"], str)
            assert isinstance(fact["sentence"], str)
            assert isinstance(fact["start"], int) and fact["end"] > fact["start"]


def test_json_dates_carry_their_normalized_value(json_output):
    dates = [f for f in json_output["sources"][0]["facts"] if f["kind"] == "date"]
    by_text = {f["text"]: f for f in dates}
    assert by_text["last year"]["canonical"] == by_text["last year"]["value"] == "2023"


def test_date_option_overrides(tmp_path):
    result = runner.invoke(app, ["facts", str(FIXTURES / "lighthouse.md"), "--date", "2030-01-05", "--json"])
    source = json.loads(result.stdout)["sources"][0]
    assert source["published"] == "2030-01-05"
    assert any(f["text"] == "last year" and f["value"] == "2029" for f in source["facts"])


def test_text_listing_groups_by_kind_with_counts_and_aliases():
    result = runner.invoke(app, ["facts", str(FIXTURES / "harbor-festival.txt")])
    assert result.exit_code == 0
    assert "People (2)" in result.stdout
    assert "Park Ji-hoon  ×3  (also: Park Ji Hoon, Park)" in result.stdout
    assert "Organizations (1)" in result.stdout


def test_missing_article_is_one_clear_message(tmp_path):
    missing = tmp_path / "gone.txt"
    completed = subprocess.run(
        [sys.executable, "-m", "quizapp", "facts", str(missing)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"error: {missing}: no such file"


def test_default_date_only_dates_articles_without_their_own(tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "Harbour Works\n\nThe harbour wall in Porthleven was rebuilt last year by the council.\n", encoding="utf-8"
    )
    result = runner.invoke(
        app, ["facts", str(FIXTURES / "harbor-festival.txt"), str(undated), "--default-date", "2030-01-05", "--json"]
    )
    assert result.exit_code == 0, result.output
    dated, fallback = json.loads(result.stdout)["sources"]
    assert dated["published"] == "2024-03-12"  # its own dateline wins
    assert fallback["published"] == "2030-01-05"
    assert any(f["text"] == "last year" and f["value"] == "2029" for f in fallback["facts"])


def test_date_still_overrides_when_both_are_given(tmp_path):
    result = runner.invoke(
        app,
        [
            "facts",
            str(FIXTURES / "harbor-festival.txt"),
            "--date",
            "2031-02-03",
            "--default-date",
            "2030-01-05",
            "--json",
        ],
    )
    assert json.loads(result.stdout)["sources"][0]["published"] == "2031-02-03"


def test_default_date_rejects_a_malformed_value():
    result = runner.invoke(app, ["facts", str(FIXTURES / "harbor-festival.txt"), "--default-date", "05/01/2030"])
    assert result.exit_code != 0
    assert "--default-date" in str(result.exception) + result.output
