"""Mutated real scenarios fed to the checker: never a traceback or a hang, every problem one located line.

Valid mutants are rendered too, so that text the checker accepts can never break a template.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bow_out.cache import BuildCache
from bow_out.catalog import load_catalog
from bow_out.problems import ScenarioError
from bow_out.render import render_pages
from conftest import ROOT

SOURCES = ["late-notice.yml", "decline-offer.yml", "travel-booked.yml"]
PROBLEM_LINE = re.compile(r"scenarios/[^\s:]+:\d+:\d+: [^\n]*: [^\n]+")
# Characters that have broken parsers, pages or terminals before.
TRICKY = ["\t", "\r", "\x00", "\x1b", "\x85", "\u2028", "\ufeff", "🎉", ":", "- ", "[", "]", "{", "}", "&a ",
          "*a", "!!python/name:os.system ", "'", '"', "#", "|", ">", "\\", "<script>", "{{ 7*7 }}", "\n", "  ",
          "[Role", "](/faq/#x)", "](mailto:a@b.c?cc=d)", "constructor", "---\n"]


@st.composite
def mutants(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "indent", "dedent", "cut"]))
        line = lines[at]
        if action == "insert":
            column = draw(st.integers(0, len(line)))
            piece = draw(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)))
            lines[at] = line[:column] + piece + line[column:]
        elif action == "delete":
            del lines[at:at + draw(st.integers(1, 5))]
        elif action == "duplicate":
            lines.insert(at, line)
        elif action == "indent":
            lines[at] = "  " + line
        elif action == "dedent":
            lines[at] = line.lstrip()
        else:
            lines = lines[:at]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildCache]:
    """A copy of every real guide, and the cache that spares re-reading the ones a mutant leaves alone."""
    folder = tmp_path_factory.mktemp("fuzz") / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    return folder, BuildCache()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.integers(0, len(SOURCES) - 1), data=st.data())
def test_mutated_scenarios_give_located_lines_or_pages(scenarios: tuple[Path, BuildCache], source: int,
                                                       data: st.DataObject) -> None:
    # The mutant replaces its original among copies of every real guide, so that related ids and site
    # links resolve and valid mutants are rendered.
    folder, cache = scenarios
    original = (ROOT / "scenarios" / SOURCES[source]).read_text(encoding="utf-8")
    text = data.draw(mutants(original))
    path = folder / SOURCES[source]
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        catalog = load_catalog(folder, ROOT / "docs", cache=cache)
    except ScenarioError as error:
        lines = [str(problem) for problem in error.problems]
        assert lines, "an error with no problem"
        for line in lines:
            assert PROBLEM_LINE.fullmatch(line), line
    else:
        pages = render_pages(catalog, cache)
        assert len(pages) > len(catalog.scenarios)
    finally:
        path.write_text(original, encoding="utf-8")
