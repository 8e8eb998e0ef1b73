"""ProperDocs, the maintained MkDocs 1.x fork, builds the same site (test_bad_input.py: and reports the same).

Both command lines run in this venv (requirements-dev.txt pins properdocs beside mkdocs): in its own
process, `properdocs` redirects every `mkdocs.*` import, Material's and the hooks' included, to itself.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from conftest import TOOLS, Project, build_with_each

pytestmark = pytest.mark.build
# The only line the two are meant to differ by: "mkdocs-1.6.1, ..." against "mkdocs-ProperDocs 1.6.7, ...".
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


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
