"""The site's editions: each language's catalog, checked against that edition's pages, and the pages
that are one page in two languages.

English is the primary edition (`scenarios/`, `docs/`); a translation's scenarios translate the
English guides with the same ids (`scenarios/<code>/`, `docs/<code>/`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .addresses import GUIDES_INDEX_SRC, category_src, guide_src, page_url
from .cache import BuildCache
from .catalog import Catalog, load_catalog, scenario_files, scenario_ids
from .languages import PRIMARY, codes, language
from .problems import Problem
from .scenario import read_scenario


def edition_codes(project: Path) -> list[str]:
    """The languages this project has an edition in: the primary, and each with a scenarios folder."""
    return [code for code in codes() if language(code).is_primary or language(code).scenarios_folder(project).is_dir()]


def load_edition(project: Path, code: str, cache: BuildCache | None = None, docs_dir: Path | None = None,
                 standards: bool = True) -> Catalog:
    """One language's catalog, checked against its pages (in `docs_dir`, by default the language's folder
    of docs/) and, for a translation, the English ids."""
    lang = language(code)
    docs_dir = docs_dir or lang.docs_folder(project)
    primary_folder = language(PRIMARY).scenarios_folder(project)
    return load_catalog(
        lang.scenarios_folder(project), docs_dir if docs_dir.is_dir() else None, cache=cache, lang=lang,
        originals=None if lang.is_primary else scenario_ids(primary_folder),
        # The primary edition's docs folder holds the other editions' folders: they are not its pages.
        skip_docs=_other_editions(code), standards=standards,
        english_categories=None if lang.is_primary else lambda: _categories_by_id(primary_folder))


def _categories_by_id(folder: Path) -> dict[str, str]:
    """Each English guide's category, read only when a translation names a category it has not declared."""
    categories = {}
    for path in scenario_files(folder):
        scenario, _ = read_scenario(path, path.stem, path.name, language(PRIMARY)) if path.is_file() else (None, [])
        if scenario is not None:
            categories[path.stem] = scenario.data["category"]
    return categories


def untranslated(project: Path, code: str) -> list[Problem]:
    """A note for each English guide that has no translation in this language yet."""
    lang, primary = language(code), language(PRIMARY)
    missing = scenario_ids(primary.scenarios_folder(project)) - scenario_ids(lang.scenarios_folder(project))
    return [Problem(f"{primary.shown_folder}{id_}.yml", 1, 1, "(file)", f"no {lang.name} translation yet "
                    f"({lang.shown_folder}{id_}.yml)") for id_ in sorted(missing)]


def page_twins(catalog: Catalog, primary: Catalog | None) -> dict[str, str]:
    """The URL paths of an edition's pages, keyed by the URL path of the same page in the primary edition.

    Hand-written pages and guides have the same path in every edition. A category's name, and so its
    address, differs: a translated category is the twin of the English category most of its guides'
    English twins are in (`primary` is the primary edition's catalog, None if it did not load).
    """
    twins = {url: url for url in [*catalog.hand_written, page_url(GUIDES_INDEX_SRC),
                                  *(page_url(guide_src(id_)) for id_ in catalog.scenarios)]}
    for category in catalog.categories:
        url = page_url(category_src(category.name))
        if catalog.language.is_primary:
            twins[url] = url
            continue
        english = Counter(primary.scenarios[s.id].data["category"] for s in category.scenarios
                          if primary is not None and s.id in primary.scenarios)
        if english:
            twins.setdefault(page_url(category_src(english.most_common(1)[0][0])), url)
    return twins


def _other_editions(code: str) -> tuple[str, ...]:
    """The folders of docs/ that hold other editions' pages, when `code` is the primary edition's."""
    return tuple(other for other in codes() if other != code) if language(code).is_primary else ()
