"""ProperDocs, the maintained MkDocs 1.x fork, builds the same site and keeps the bad-input guarantees.

Both command lines run in this venv (requirements-dev.txt pins properdocs beside mkdocs): in its own
process, `properdocs` redirects every `mkdocs.*` import, Material's and the hooks' included, to itself.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import Project
from test_bad_input import CASES

TOOLS = ("mkdocs", "properdocs")
# The only line the two are meant to differ by: "mkdocs-1.6.1, ..." against "mkdocs-ProperDocs 1.6.7, ...".
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
       "SOURCE_DATE_EPOCH": "1767225600"}  # the sitemap's dates, fixed so a build across midnight compares


def build_with_each(project: Project, prefix: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """Build `project` with each tool at once (into `<prefix>-<tool>/`); their results by tool."""
    running = {tool: subprocess.Popen(
        [sys.executable, "-m", tool, "build", "--strict", "--site-dir", f"{prefix}-{tool}"],
        cwd=project.root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tool in TOOLS}
    results = {}
    for tool, process in running.items():
        stdout, stderr = process.communicate(timeout=120)
        results[tool] = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    return results


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)  # the gzip header holds a timestamp
    if path.suffix == ".html":
        return GENERATOR.sub(b"", data)
    return data


def files_in(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site(real_project: Project) -> None:
    results = build_with_each(real_project, "site")
    for tool, result in results.items():
        assert result.returncode == 0, f"{tool}:\n{result.stderr}"
    mkdocs_site, properdocs_site = (files_in(real_project.root / f"site-{tool}") for tool in TOOLS)

    assert sorted(mkdocs_site) == sorted(properdocs_site)
    different = [name for name, path in mkdocs_site.items() if comparable(path) != comparable(properdocs_site[name])]
    assert different == []
    pages = [name for name in mkdocs_site if name.endswith(".html")]
    guides = list(real_project.scenarios.glob("[!_]*.yml"))
    assert len(pages) > len(guides) > 0 and "api/guides.json" in mkdocs_site
    # Not a vacuous match: the tag that differs is there, and names each tool.
    assert b"ProperDocs" in properdocs_site["index.html"].read_bytes()
    assert b"ProperDocs" not in mkdocs_site["index.html"].read_bytes()


def test_bad_input_is_reported_the_same_by_both(project: Project) -> None:
    """Every bad-input case of test_bad_input at once, each in its own file: one build per tool."""
    expected = []
    for number, (name, text, line) in enumerate(CASES.values()):
        unique = f"case-{number:02}.yml" if name == "a.yml" else name
        project.write(unique, text)
        expected.append(line.replace(f"scenarios/{name}:", f"scenarios/{unique}:").replace(
            "/guides/a/", f"/guides/{unique[:-4]}/") if line else
                        f"scenarios/{unique}:1:8: (file): is not valid YAML")
    last_good = {}
    for tool in TOOLS:
        site = project.root / f"site-{tool}"
        site.mkdir()
        (site / "index.html").write_text(f"last good site of {tool}")
        last_good[tool] = site

    results = build_with_each(project, "site")

    reports = {}
    for tool, result in results.items():
        assert result.returncode != 0, tool
        # MkDocs' logger puts its prefix before each line: keep each from the file name on.
        reports[tool] = [line[line.index("scenarios/"):] for line in result.stderr.splitlines()
                         if re.search(r"scenarios/[^:]*:\d+:\d+: ", line)]
        missing = [line for line in expected if not any(found.startswith(line) for found in reports[tool])]
        assert missing == [], f"{tool} did not report:\n" + "\n".join(missing)
        assert [path.name for path in last_good[tool].iterdir()] == ["index.html"]
        assert (last_good[tool] / "index.html").read_text() == f"last good site of {tool}"
        assert "Traceback" not in result.stderr, result.stderr
    assert reports["mkdocs"] == reports["properdocs"]
