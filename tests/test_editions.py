"""The two editions never harm each other, and each page of one leads to its twin in the other."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from bow_out.catalog import rendered_anchors
from bow_out.editions import load_edition
from bow_out.languages import language
from conftest import Project, make_project, reported

SITE = "https://bow-out.example/"
pytestmark = pytest.mark.build


def files_and_times(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns for path in folder.rglob("*")}


def test_a_broken_translation_stops_make_build_before_either_edition_touches_site(tmp_path: Path, caplog) -> None:
    project = make_project(tmp_path, with_scenarios=True)
    project.build()
    project.build(config_file="mkdocs.es.yml")
    before = files_and_times(project.site)
    assert any(name.startswith("es/guides/") for name in before)
    broken = project.scenarios / "es" / "poor-fit.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("title:", "titulo:", 1), encoding="utf-8")
    with pytest.raises(Abort):
        project.build()  # the English build, first in `make build`
    assert files_and_times(project.site) == before, "site/, site/es/ included, is as the last good build left it"
    assert any(line.startswith("scenarios/es/poor-fit.yml:2:1: titulo: unknown key") for line in reported(caplog))
    assert "every edition is checked before either build touches site/" in caplog.text


def test_the_language_switch_on_a_category_page_leads_to_its_twin(bilingual: Project) -> None:
    english, spanish = "categories/you-chose-another-path/", "es/categories/sigues-otro-camino/"
    assert f'<a href="/{spanish}" hreflang="es" class="md-select__link">' in bilingual.page(english)
    assert f'<a href="/{english}" hreflang="en" class="md-select__link">' in bilingual.page(spanish)
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for sitemap, url in ((bilingual.site / "sitemap.xml", english), (bilingual.site / "es" / "sitemap.xml", spanish)):
        entry = next(u for u in ElementTree.parse(sitemap).getroot() if u.find("s:loc", namespaces).text == SITE + url)
        assert {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", namespaces)} == {
            "en": SITE + english, "es": SITE + spanish}


def test_every_category_page_has_a_twin(bilingual: Project) -> None:
    for code, other in (("en", "es"), ("es", "en")):
        folder = bilingual.site / ("es" if code == "es" else "") / "categories"
        for page in folder.glob("*/index.html"):
            html = page.read_text(encoding="utf-8")
            link = re.search(rf'<a href="([^"]*)" hreflang="{other}" class="md-select__link">', html)[1]
            assert "/categories/" in link, f"{page}: the switch leads to {link}"


def test_spanish_pages_have_spanish_permalink_tooltips(bilingual: Project) -> None:
    page = bilingual.page("es/guides/poor-fit/")
    assert 'title="Enlace permanente a esta sección"' in page and "Permanent link" not in page
    english = load_config(str(bilingual.root / "mkdocs.yml"))
    spanish = load_config(str(bilingual.root / "mkdocs.es.yml"))
    assert spanish.markdown_extensions == english.markdown_extensions, "mkdocs.es.yml repeats mkdocs.yml's list"
    assert {**spanish.mdx_configs["toc"], "permalink_title": None} == {**english.mdx_configs["toc"],
                                                                      "permalink_title": None}


def test_the_root_404_page_speaks_spanish_too_and_works_at_any_depth(bilingual: Project) -> None:
    page = (bilingual.site / "404.html").read_text(encoding="utf-8")
    assert "This page does not exist" in page
    assert re.search(r'<h2 id="[^"]+" lang="es">Esta página no existe', page)
    assert '<a href="/es/find/">' in page
    # GitHub Pages serves it for /es/guides/missing/ too: its links lead from the root, but for links within it.
    assert re.findall(r'(?:href|src)="([^"]*)"', page) and not [
        url for url in re.findall(r'(?:href|src)="([^"]*)"', page) if not re.match(r"/|#|https?:|mailto:", url)]
    assert '<link rel="stylesheet" href="/assets/bow-out.css">' in page and '"base": "/"' in page
    assert '<a href="#this-page-does-not-exist" class="md-skip">' in page
    assert not (bilingual.site / "404").exists(), "404.md is the 404 page, not a page of its own"


def built_heading_ids(html: str) -> set[str]:
    # The tags plugin's "tag:..." headings are left out: links to them are refused (tests/test_fuzz_finds.py).
    return {id_ for id_ in re.findall(r'<h[1-6][^>]* id="([^"]+)"', html) if not id_.startswith("tag:")}


@pytest.mark.parametrize("code", ["en", "es"])
def test_links_are_checked_against_the_headings_the_build_makes(bilingual: Project, code: str) -> None:
    catalog = load_edition(bilingual.root, code)
    docs, site = language(code).docs_folder(bilingual.root), bilingual.site / ("es" if code == "es" else "")
    pages = {**{url: src for url, src in catalog.hand_written.items() if src != "404.md"},
             "guides/": "guides/index.md",
             **{f"guides/{id_}/": f"guides/{id_}.md" for id_ in catalog.scenarios},
             **{f"categories/{src.split('/')[1]}/": src for src in
                (f"categories/{page.parent.name}/index.md" for page in (site / "categories").glob("*/index.html"))}}
    assert len(pages) > len(catalog.scenarios) + 5
    for url, src in pages.items():
        built = built_heading_ids((site / url / "index.html").read_text(encoding="utf-8"))
        assert rendered_anchors(catalog, docs, src) == built, src
