"""The benchmark's plain-Markdown baseline builds the same pages as the hooks do."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import benchmark  # bench/, on the path by pyproject.toml's pythonpath
import pytest

pytestmark = pytest.mark.build


def visible_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_plain_twin_builds_the_same_guides(tmp_path: Path) -> None:
    project = benchmark.make_project(tmp_path / "generated", 12)
    plain = benchmark.make_plain_twin(project, tmp_path / "plain")
    assert "bow_out_hooks" not in (plain / "mkdocs.yml").read_text()
    benchmark.run_build(project), benchmark.run_build(plain)
    generated_pages = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("index.html"))
    # The hooks write the 404 page to 404.html, where static hosts look for it; plain MkDocs writes 404/index.html.
    assert (project / "site" / "404.html").is_file() and (plain / "site" / "404" / "index.html").is_file()
    assert generated_pages == sorted(p.relative_to(plain / "site") for p in (plain / "site").rglob("index.html")
                                     if p.parent.name != "404")
    for page in generated_pages:
        if page.parts[0] in ("guides", "categories"):
            assert visible_text(project / "site" / page) == visible_text(plain / "site" / page), page
    sizes = benchmark.measure_site(project / "site")
    assert 0 < sizes["guide_gzip_kb"] < 10 and sizes["search_gzip_kb"] > 0
