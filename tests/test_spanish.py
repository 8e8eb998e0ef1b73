"""The Spanish edition: built from scenarios/es/ and docs/es/ into site/es/, beside the English one."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from mkdocs.exceptions import Abort

from conftest import MINIMAL, ROOT, Project, axe_violations, make_project, open_page, reported, run_check, serving

SITE = "https://bow-out.example/"  # site_url in mkdocs.yml


def english_ids() -> list[str]:
    return sorted(path.stem for path in (ROOT / "scenarios").glob("[!_]*.yml"))


@pytest.mark.build
def test_every_english_guide_has_a_spanish_page(bilingual: Project) -> None:
    for scenario_id in english_ids():
        page = bilingual.page(f"es/guides/{scenario_id}/")
        assert '<html lang="es"' in page, scenario_id
    guide = bilingual.page("es/guides/another-offer/")
    for heading in ("¿Es tu caso?", "Qué hacer", "Cartas de ejemplo", "Guías relacionadas"):
        assert heading in guide
    assert 'data-placeholder="Nombre del destinatario"' in guide and 'data-placeholder="Recipient name"' not in guide
    assert "Asunto" in guide and "Abrir en tu correo" in guide
    assert "Is this you?" not in guide and "Example letters" not in guide


def hreflang_pairs(sitemap: Path) -> dict[str, dict[str, str]]:
    """Page address -> {language: address of that page in the language}, from one edition's sitemap."""
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {url.find("s:loc", namespaces).text: {link.get("hreflang"): link.get("href")
                                                 for link in url.findall("x:link[@rel='alternate']", namespaces)}
            for url in ElementTree.parse(sitemap).getroot()}


@pytest.mark.build
def test_hreflang_and_the_language_selector_pair_each_guide_both_ways(bilingual: Project) -> None:
    pairs = {**hreflang_pairs(bilingual.site / "sitemap.xml"), **hreflang_pairs(bilingual.site / "es" / "sitemap.xml")}
    for url, other in (("guides/poor-fit/", "es/guides/poor-fit/"), ("es/guides/poor-fit/", "guides/poor-fit/"),
                       ("faq/", "es/faq/"), ("es/", "")):
        english, spanish = (other, url) if url.startswith("es/") else (url, other)
        assert pairs[SITE + url] == {"en": SITE + english, "es": SITE + spanish}, url
        page = bilingual.page(url)
        other_language = "en" if url.startswith("es/") else "es"
        assert f'<a href="/{other}" hreflang="{other_language}" class="md-select__link">' in page
        # Material's script looks for a sitemap.xml beside every <link rel="alternate">: none, so no 404s.
        assert '<link rel="alternate"' not in page
    # A page with no twin (the editors' page is English only) has no pair; its selector leads to the Spanish home.
    assert pairs[SITE + "add-a-scenario/"] == {}
    assert '<a href="/es/" hreflang="es" class="md-select__link">' in bilingual.page("add-a-scenario/")


@pytest.mark.build
def test_spanish_search_uses_spanish_stemming_and_indexes_spanish_letters(bilingual: Project) -> None:
    index = json.loads((bilingual.site / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("guides/another-offer/"))
    assert "Nombre del destinatario" in texts


@pytest.mark.build
def test_each_edition_has_its_own_feed(bilingual: Project) -> None:
    english = json.loads((bilingual.site / "api" / "guides.json").read_text(encoding="utf-8"))
    spanish = json.loads((bilingual.site / "es" / "api" / "guides.json").read_text(encoding="utf-8"))
    assert (english["language"], spanish["language"]) == ("en", "es")
    assert [g["id"] for g in spanish["guides"]] == [g["id"] for g in english["guides"]] == english_ids()
    assert spanish["guides"][0]["url"].startswith("https://bow-out.example/es/guides/")
    assert spanish["stage_labels"]["after-offer"] == "Tras una oferta"


SPANISH = """\
title: Aceptaste otra oferta
summary: Dijiste que sí en otro sitio y tienes que retirarte.
category: Sigues otro camino
situation: Firmaste una oferta y aún tienes una entrevista.
advice:
  - title: Avisa el mismo día
    body: El equipo te guarda un hueco.
letters:
  - kind: email
    title: Correo breve
    subject: Me retiro del proceso para [Puesto]
    body: |
      Estimado/a [Nombre del destinatario]:

      He aceptado otra oferta, así que me retiro del proceso en [Empresa].

      Atentamente,
      [Tu nombre]
"""


def spanish_project(tmp_path: Path) -> Project:
    project = make_project(tmp_path, with_scenarios=False)
    for name in ("how-to-decline-well.md", "faq.md"):  # they link to guides an empty catalog lacks
        (project.root / "docs" / "es" / name).write_text(f"# {name[:-3]}\n")
    project.write("es/_categories.yml", (ROOT / "scenarios" / "es" / "_categories.yml").read_text(encoding="utf-8"))
    return project


@pytest.mark.build
def test_a_translation_uses_the_spanish_placeholders_and_builds(tmp_path: Path) -> None:
    project = spanish_project(tmp_path)
    project.write("late.yml", MINIMAL)
    project.write("es/late.yml", SPANISH)
    project.build()
    site = project.build(config_file="mkdocs.es.yml")
    page = (site / "guides" / "late" / "index.html").read_text(encoding="utf-8")
    assert "Aceptaste otra oferta" in page and 'data-placeholder="Tu nombre"' in page


@pytest.mark.build
def test_bad_spanish_input_is_located_and_leaves_the_spanish_site_alone(tmp_path: Path, caplog) -> None:
    project = spanish_project(tmp_path)
    project.write("late.yml", MINIMAL)
    project.write("es/late.yml", SPANISH.replace("[Tu nombre]", "[Your name]").replace("summary:", "resumen:"))
    project.write("es/orphan.yml", SPANISH)
    last_good = project.site / "es" / "index.html"
    last_good.parent.mkdir(parents=True)
    last_good.write_text("last good Spanish site")
    with pytest.raises(Abort):
        project.build(config_file="mkdocs.es.yml")
    assert reported(caplog) == [
        "scenarios/es/late.yml:1:1: (file): missing required key 'summary' (one or two sentences for lists, search "
        "results and the page's meta description)",
        "scenarios/es/late.yml:2:1: resumen: unknown key 'resumen'; a scenario has the keys title, summary, situation, "
        "advice, letters, category, stages, tags, before_you_decline, avoid, faq, related, fields, questions",
        "scenarios/es/late.yml:18:7: letters[0].body: unknown placeholder [Your name] (did you mean [Tu nombre]?); the "
        "built-in ones are [Tu nombre], [Nombre del destinatario], [Empresa], [Puesto], others must be declared under "
        "'fields'",
        "scenarios/es/orphan.yml:1:1: (file name): there is no English guide 'scenarios/orphan.yml' for this "
        "translation; a translation keeps the file name of the English guide it translates",
    ]
    assert [path.name for path in last_good.parent.iterdir()] == ["index.html"]
    assert last_good.read_text() == "last good Spanish site"


def test_check_notes_untranslated_guides_without_failing(tmp_path: Path) -> None:
    project = spanish_project(tmp_path)
    template = yaml.safe_load((ROOT / "scenarios" / "_template.yml").read_text(encoding="utf-8"))
    words = {"first": "I have accepted another offer today, so please take me off the [Role] schedule at [Company].",
             "second": "My plans changed this week and the [Company] opening no longer fits; cancel our [Role] talk."}
    for name, other in (("first", "second"), ("second", "first")):
        letters = [{**letter, "body": f"{kind} [Recipient name]: {words[name]} [Your name]"}
                   for kind, letter in zip(("Hello", "Hi", "Good morning"), template["letters"], strict=True)]
        guide = {**template, "related": [other], "title": f"The {name} guide", "letters": letters}
        project.write(f"{name}.yml", yaml.safe_dump(guide, allow_unicode=True, sort_keys=False))
    result = run_check(project)
    assert result.stdout.splitlines() == [
        "scenarios/first.yml:1:1: (file): no Spanish translation yet (scenarios/es/first.yml) (note)",
        "scenarios/second.yml:1:1: (file): no Spanish translation yet (scenarios/es/second.yml) (note)",
        "2 English and 0 Spanish scenarios checked: no problems"]
    assert (result.returncode, result.stderr) == (0, "")


@pytest.fixture(scope="module")
def bilingual_url(bilingual: Project) -> Iterator[str]:
    with serving(bilingual.site) as url:
        yield url


@pytest.mark.build
@pytest.mark.parametrize("width", [360, 1280])
def test_the_spanish_form_fills_letters_and_carries_across_spanish_guides(browser, bilingual_url: str,
                                                                          width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=bilingual_url)
    try:
        page = open_page(context, f"{bilingual_url}/es/guides/another-offer/")
        assert page.errors == []
        assert page.locator(".bo-details legend").inner_text() == "Tus datos"
        page.get_by_label("Tu nombre", exact=True).fill("Ana Pérez")
        letter = page.locator(".bo-letter").first
        assert "Ana Pérez" in letter.locator(".bo-letter__body").inner_text()
        letter.get_by_role("button", name=re.compile("^Copiar")).first.click()
        assert "No copiamos la carta" in page.locator(".bo-blocked [role=status]").inner_text()  # beside the field
        page.goto(f"{bilingual_url}/es/guides/poor-fit/")  # the same tab: sessionStorage is per tab
        assert page.get_by_label("Tu nombre", exact=True).input_value() == "Ana Pérez"
        selector = page.locator(".md-select__link[hreflang=en]").first.get_attribute("href")
        assert selector in ("/guides/poor-fit/", f"{bilingual_url}/guides/poor-fit/")
    finally:
        context.close()


@pytest.mark.build
def test_no_page_view_asks_for_anything_the_site_does_not_have(browser, bilingual_url: str) -> None:
    context = browser.new_context()
    try:
        for url in ("", "guides/poor-fit/", "find/", "add-a-scenario/", "es/", "es/guides/poor-fit/", "es/faq/"):
            page = open_page(context, f"{bilingual_url}/{url}")
            assert (page.failed, page.errors) == ([], []), url
            page.close()
    finally:
        context.close()


@pytest.mark.build
@pytest.mark.parametrize("width", [360, 1280])
def test_spanish_pages_have_no_axe_violations(browser, bilingual_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        for url in ("es/", "es/guides/another-offer/", "es/find/", "es/how-to-decline-well/", "es/faq/"):
            page = open_page(context, f"{bilingual_url}/{url}")
            assert axe_violations(page) == [], url
    finally:
        context.close()

