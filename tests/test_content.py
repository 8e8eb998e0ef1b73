"""Checks of the project's own guides (not build rules: a minimal file written to the contract still builds)."""

from __future__ import annotations

import difflib
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bow_out.catalog import load_catalog
from bow_out.scenario import Scenario
from bow_out.schema import STAGES
from conftest import ROOT

CATALOGUE = load_catalog(ROOT / "scenarios", "scenarios/")
SCENARIOS = list(CATALOGUE.scenarios.values())
IDS = [scenario.id for scenario in SCENARIOS]


def words(text: str) -> int:
    return len(re.findall(r"[\w'’]+", text))


def test_catalog_covers_reasons_and_stages() -> None:
    assert len(SCENARIOS) >= 24
    assert len(CATALOGUE.categories) >= 4
    for stage in STAGES:
        assert sum(stage in s.data["stages"] for s in SCENARIOS) >= 4, stage


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_guide_is_complete(scenario: Scenario) -> None:
    data = scenario.data
    kinds = [letter["kind"] for letter in data["letters"]]
    assert len(data["advice"]) >= 3
    assert data.get("before_you_decline"), "questions to settle first"
    assert "email" in kinds and "message" in kinds
    assert "phone" in kinds or "voicemail" in kinds
    assert data.get("avoid") and data.get("faq")
    assert data.get("related"), "every guide links to related guides"
    written = (ROOT / scenario.source).read_text(encoding="utf-8")
    assert data["stages"] != list(STAGES) or "\nstages:" in written, "stages chosen deliberately"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_letters_are_short(scenario: Scenario) -> None:
    for letter in scenario.data["letters"]:
        count = words(letter["body"])
        if letter["kind"] == "email":
            assert 35 <= count <= 160, f"{letter['title']}: {count} words"
        if letter["kind"] == "message":
            assert count <= 80, f"{letter['title']}: {count} words"


def test_no_two_guides_share_a_letter() -> None:
    letters = [(s.id, letter["title"], " ".join(letter["body"].split()))
               for s in SCENARIOS for letter in s.data["letters"]]
    too_close = []
    for (id_a, title_a, a), (id_b, title_b, b) in itertools.combinations(letters, 2):
        if id_a == id_b:
            continue
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        if matcher.quick_ratio() > 0.8 and matcher.ratio() > 0.8:
            too_close.append(f"{id_a}: {title_a} ~ {id_b}: {title_b} ({matcher.ratio():.2f})")
    assert too_close == []


def test_spelling_is_us_english() -> None:
    targets = [str(ROOT / name) for name in ("scenarios", "docs", "README.md")]
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", "--builtin", "clear,rare,en-GB_to_en-US", "--skip", "*.json",
         "--ignore-words-list", "nmae,discreet",
         *targets], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_codespell_catches_british_spelling(tmp_path: Path) -> None:
    sample = tmp_path / "sample.md"
    sample.write_text("We apologise for the behaviour.\n")
    result = subprocess.run([sys.executable, "-m", "codespell_lib", "--builtin", "clear,rare,en-GB_to_en-US",
                             str(sample)], capture_output=True, text=True)
    assert result.returncode != 0 and "apologise" in result.stdout
