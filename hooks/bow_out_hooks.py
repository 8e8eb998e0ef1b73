"""MkDocs hooks: the thin adapter between MkDocs and the scenario engine in `bow_out/`.

The engine's steps run in MkDocs' order: load and check every scenario of every edition in
`on_config`, before MkDocs cleans `site/`; render the generated pages and the open-data feed in
`on_files`; clean their HTML in `on_env`, once MkDocs has converted every page and before it indexes
or writes any. A bad scenario stops `mkdocs build` with every problem listed. Under `mkdocs serve` it
never stops the server: the last good pages stay up, with the problems shown on every page (and the
editorial findings in the terminal) until they are fixed; `on_serve` watches the scenario folders.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from bow_out import sanitize
from bow_out.addresses import guide_src
from bow_out.cache import BuildCache
from bow_out.catalog import Catalog, docs_pages
from bow_out.editions import edition_codes, load_edition, page_twins
from bow_out.feed import feed_files
from bow_out.languages import PRIMARY, language
from bow_out.problems import Problem, ScenarioError, summary
from bow_out.render import fill_markers, grow_nav, pages_in_nav, render_pages

log = get_plugin_logger(__name__)
NOT_FOUND_SRC = "404.md"
_RELATIVE_URL = re.compile(r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]*)"')
_MATERIAL_BASE = re.compile(r'("base":\s*)"[^"]*"')  # in Material's __config, for its scripts


@dataclass
class _State:
    """What lives from one build to the next: MkDocs loads this module once per process."""

    caches: dict[str, BuildCache] = field(default_factory=dict)  # by language: each edition keeps its readings
    serving: bool = False
    catalog: Catalog | None = None  # this build's, or under `serve` the last good one
    problems: list[Problem] = field(default_factory=list)  # under `serve`: why the files on disk did not build
    twins: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> its pages by the primary's URL
    primary_urls: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> the primary's URL by its
    editions: list[dict[str, str]] = field(default_factory=list)  # the language selector's entries


_state = _State()


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Note whether MkDocs serves: then a bad scenario must not stop the server."""
    _state.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every scenario of every edition before MkDocs touches `site/`, and grow the nav's Guides entry.

    The editions share `site/` (the English build cleans it all, site/es/ included), so each build checks
    the other editions too: a broken translation stops `make build` before either build removes a file.
    """
    project = Path(config.config_file_path or ".").resolve().parent
    code = config.theme["language"]
    catalogs, elsewhere = _load_other_editions(project, code)
    own: ScenarioError | None = None
    try:
        # The editorial standards are for editors: `make check` enforces them, `serve` shows them as notes,
        # and a plain build has no use for them.
        _state.catalog = load_edition(project, code, _state.caches.setdefault(code, BuildCache()),
                                      Path(config.docs_dir), standards=_state.serving)
        _state.problems, notes = [], _state.catalog.notes
    except ScenarioError as error:
        own, notes = error, error.notes
    for problem in [*(own.problems if own else ()), *(() if _state.serving else elsewhere)]:
        log.error(str(problem))
    if not _state.serving and (own or elsewhere):
        raise PluginError(f"{ScenarioError([*(own.problems if own else ()), *elsewhere])}"
                          + (" (every edition is checked before either build touches site/)" if elsewhere else "")
                          + "; the site was not rebuilt: fix the lines above.")
    for note in notes:
        log.info(f"{note} (note)")  # never a warning: `build --strict` would count it (it checks none)
    if own:
        log.error(f"{own}: still serving the last good pages; fix the lines above and save.")
        _state.problems = own.problems
        _state.catalog = _state.catalog or Catalog({}, [], docs_pages(Path(config.docs_dir)),
                                                  language=language(code))
    if elsewhere:  # serving one edition: the other's problems are its own server's to show
        log.info(f"{ScenarioError(elsewhere)} of another edition (serve that edition, or run make check, to see them)")
    catalogs[code] = _state.catalog
    primary = catalogs.get(PRIMARY)
    for other, catalog in catalogs.items():
        if catalog is not None:  # else, under `serve`, the last good pairs stay
            _state.twins[other] = page_twins(catalog, primary)
            _state.primary_urls[other] = {url: key for key, url in _state.twins[other].items()}
    _state.editions = [dict(entry) for entry in config.extra.get("editions") or []]
    config.nav = grow_nav(config.nav, _state.catalog)
    return config


def _load_other_editions(project: Path, code: str) -> tuple[dict[str, Catalog | None], list[Problem]]:
    """The other editions' catalogs (None where one has problems) and their problems."""
    catalogs: dict[str, Catalog | None] = {}
    problems: list[Problem] = []
    for other in edition_codes(project):
        if other == code:
            continue
        try:
            catalogs[other] = load_edition(project, other, _state.caches.setdefault(other, BuildCache()),
                                           standards=False)
        except ScenarioError as error:
            catalogs[other] = None
            problems += error.problems
    return catalogs, problems


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
    """Watch each edition's scenario folder, without its subfolders, for a rebuild on every save.

    Not recursively, as MkDocs' `watch:` would: a link named like a scenario that leads to a big folder
    (`ln -s /usr scenarios/x.yml`) would have the server poll every file under it, every second.
    """
    project = Path(config.config_file_path or ".").resolve().parent
    for code in edition_codes(project):
        server.watch(str(language(code).scenarios_folder(project)), recursive=False)
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, with edit links to their scenario files, and the guides as open data."""
    catalog = _require_catalog()
    listed = pages_in_nav(catalog)
    sources = {guide_src(scenario.id): scenario.shown_path for scenario in catalog.scenarios.values()}
    for src_uri, markdown in render_pages(catalog, _state.caches[config.theme["language"]]).items():
        file = File.generated(config, src_uri, content=markdown,
                              inclusion=InclusionLevel.UNDEFINED if src_uri in listed else InclusionLevel.NOT_IN_NAV)
        if src_uri in sources:
            file.edit_uri = posixpath.join("..", sources[src_uri])  # edit_uri points at docs/; scenarios/ is beside it
        files.append(file)
    for path, content in feed_files(catalog, config.site_url).items():
        files.append(File.generated(config, path, content=content))
    # GitHub Pages answers every missing address, those under /es/ too, with the root's 404.html: write
    # the edition's own 404 page there, over the theme's bare one (pages are written after it).
    if (not_found := files.get_file_from_path(NOT_FOUND_SRC)) is not None:
        files.remove(not_found)
        files.append(File(not_found.src_uri, not_found.src_dir, not_found.dest_dir, not_found.use_directory_urls,
                          dest_uri="404.html", inclusion=not_found.inclusion))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the markers in hand-written pages; mark generated titles as already escaped."""
    if not page.file.generated_by:
        return fill_markers(markdown, page.file.src_uri, _require_catalog())
    # The template escaped these for HTML; Markup stops Material's `| e` escaping them twice.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = Markup(page.meta[key])
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Pass generated pages through the allowlist sanitizer, the second wall behind the escaping.

    MkDocs has converted every page by now and has yet to index or write any. Cleaning all pages here,
    one after another, takes half the CPU time of cleaning each as it is converted (0.4 to 0.7 s
    against 1.0 to 1.2 s at 1,000 guides), as the sanitizer's code and data stay in the CPU's caches.
    """
    env.globals["bow_out_language"] = _require_catalog().language  # the page script's words: overrides/main.html
    for file in files.documentation_pages():
        if file.generated_by and file.page is not None and file.page.content is not None:
            file.page.content = sanitize.clean(file.page.content)
    return env


def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Point the language selector at this page in each language, where it exists (else at that edition's home)."""
    key = _primary_url(config.theme["language"], page.url)
    context["editions"] = [{**entry, "link": _link(entry, _state.twins.get(entry["lang"], {}).get(key, ""))}
                           for entry in _state.editions]
    return context


def on_template_context(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
    """Give sitemap.xml the language versions of each page that exists in more than one language."""
    if template_name == "sitemap.xml":
        code, hreflang = config.theme["language"], {}
        for key, url in _state.twins.get(code, {}).items():
            versions = [(entry["lang"], urljoin(config.site_url or "", _link(entry, _state.twins[entry["lang"]][key])))
                        for entry in _state.editions if key in _state.twins.get(entry["lang"], {})]
            if len(versions) > 1:  # a page in one language only has no alternates
                hreflang[url] = versions
        context["hreflang"] = hreflang
    return context


def _primary_url(code: str, url: str) -> str | None:
    """The URL path, in the primary edition, of this edition's page at `url`; None if it has no twin."""
    return _state.primary_urls.get(code, {}).get(url)


def _link(entry: dict[str, str], url: str) -> str:
    # Each edition's link is the root of that edition, an absolute path ("/es/").
    return entry["link"].rstrip("/") + "/" + url


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Under `mkdocs serve`, show what is wrong with the scenarios at the top of every page.

    The 404 page is shown at any missing address, however deep: its relative links (to the stylesheet,
    the nav, the guides, and the search index through Material's `base`) are made to lead from the
    site's root, as MkDocs does for a theme's error page. Links within the page (#...) stay as they are.
    """
    if page.file.src_uri == NOT_FOUND_SRC:
        root = urlsplit(config.site_url or "/").path or "/"
        output = _RELATIVE_URL.sub(lambda url: f'{url[1]}="{html.escape(urljoin(root, url[2]))}"', output)
        output = _MATERIAL_BASE.sub(lambda base: f'{base[1]}"{root}"', output, count=1)
    catalog = _require_catalog()
    if not _state.serving or not (_state.problems or catalog.notes):
        return output
    return re.sub(r"<body[^>]*>", lambda body: body[0] + _problem_panel(_state.problems, catalog.notes), output,
                  count=1)


def _problem_panel(problems: list[Problem], notes: list[Problem]) -> str:
    if problems:
        heading = (f"{summary(problems, 'problem')}. This is the last good build; fix these lines and save, "
                   "and this page reloads.")
        lines, color, kind, role = problems, "#8b0000", "bo-problems", "alert"
    else:
        heading = (f"{summary(notes, 'finding')} against the editorial standards. The pages build; "
                   "<code>make check</code> fails until these are fixed.")
        lines, color, kind, role = notes, "#6b4e00", "bo-notes", "status"
    listing = html.escape("\n".join(map(str, lines)))
    return (f'<div class="{kind}" role="{role}" style="position:relative;z-index:10;margin:0;padding:1rem;'
            f'background:#fff;color:{color};border:4px solid {color};font:14px/1.5 system-ui,sans-serif">'
            f'<p style="margin:0 0 .5rem;font-weight:bold">{heading}</p>'
            f'<pre style="margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.5 monospace">'
            f"{listing}</pre></div>")


def _require_catalog() -> Catalog:
    if _state.catalog is None:
        raise PluginError("the Bow Out hooks ran out of order: on_config has not loaded the scenarios")
    return _state.catalog
