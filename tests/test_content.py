"""The project's own guides meet the editorial standards that `make check` enforces, and read as US English.

The standards themselves live in `hooks/bow_out/editorial.py`, so that `make check` and this test can never
disagree about a scenario.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from bow_out.catalog import Catalog, load_catalog
from bow_out.schema import STAGES
from conftest import ROOT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "scenarios", ROOT / "docs")


def test_guides_meet_the_editorial_standards(catalog: Catalog) -> None:
    assert [str(note) for note in catalog.notes] == []


def test_catalog_covers_reasons_and_stages(catalog: Catalog) -> None:
    assert len(catalog.scenarios) >= 33
    assert len(catalog.categories) >= 4
    for stage in STAGES:
        assert sum(stage in s.data["stages"] for s in catalog.scenarios.values()) >= 4, stage


def test_spelling_is_us_english() -> None:
    targets = [str(ROOT / name) for name in ("scenarios", "docs", "README.md")]
    result = subprocess.run(
        # The Spanish edition (scenarios/es, docs/es) is not English: codespell would flag every word.
        [sys.executable, "-m", "codespell_lib", "--builtin", "clear,rare,en-GB_to_en-US", "--skip", "*.json,es",
         "--ignore-words-list", "nmae,discreet,mis",  # "mis" is Spanish (the page script speaks both)
         *targets], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
