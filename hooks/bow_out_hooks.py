"""MkDocs hooks: the thin adapter between MkDocs and the scenario engine in `bow_out/`.

The engine's steps run in MkDocs' order: load and check every scenario in `on_config`, before
MkDocs cleans `site/`; render the generated pages and the open-data feed in `on_files`; clean their
HTML in `on_env`, once MkDocs has converted every page and before it indexes or writes any. A bad
scenario stops `mkdocs build` with every problem listed. Under `mkdocs serve` it never stops the
server: the last good pages stay up, with the problems shown on every page until they are fixed.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from bow_out import sanitize
from bow_out.addresses import guide_src
from bow_out.cache import BuildCache
from bow_out.catalog import Catalog, docs_pages, edition_urls, load_edition
from bow_out.feed import feed_files
from bow_out.languages import codes, language
from bow_out.problems import Problem, ScenarioError, summary
from bow_out.render import fill_markers, grow_nav, pages_in_nav, render_pages

log = get_plugin_logger(__name__)


@dataclass
class _State:
    """What lives from one build to the next: MkDocs loads this module once per process."""

    cache: BuildCache = field(default_factory=BuildCache)
    serving: bool = False
    catalog: Catalog | None = None  # this build's, or under `serve` the last good one
    problems: list[Problem] = field(default_factory=list)  # under `serve`: why the files on disk did not build
    editions: list[tuple[dict[str, str], set[str]]] = field(default_factory=list)  # selector entry, its pages


_state = _State()


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Note whether MkDocs serves: then a bad scenario must not stop the server."""
    _state.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every scenario before MkDocs touches `site/`, and grow the nav's Guides entry."""
    project = Path(config.config_file_path or ".").resolve().parent
    code = config.theme["language"]
    try:
        # The editorial standards are for editors: `make check` enforces them, `serve` shows them as notes,
        # and a plain build has no use for them.
        _state.catalog = load_edition(project, code, _state.cache, Path(config.docs_dir), standards=_state.serving)
        _state.problems = []
    except ScenarioError as error:
        for problem in error.problems:
            log.error(str(problem))
        if not _state.serving:
            raise PluginError(f"{error}; the site was not rebuilt: fix the lines above.") from None
        log.error(f"{error}: still serving the last good pages; fix the lines above and save.")
        _state.problems = error.problems
        _state.catalog = _state.catalog or Catalog({}, [], docs_pages(Path(config.docs_dir)),
                                                  language=language(code))
    known = set(codes())
    _state.editions = [(dict(entry), edition_urls(project, entry["lang"]) if entry.get("lang") in known else set())
                       for entry in config.extra.get("editions") or []]
    config.nav = grow_nav(config.nav, _state.catalog)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, with edit links to their scenario files, and the guides as open data."""
    catalog = _require_catalog()
    listed = pages_in_nav(catalog)
    sources = {guide_src(scenario.id): scenario.shown_path for scenario in catalog.scenarios.values()}
    for src_uri, markdown in render_pages(catalog, _state.cache).items():
        file = File.generated(config, src_uri, content=markdown,
                              inclusion=InclusionLevel.UNDEFINED if src_uri in listed else InclusionLevel.NOT_IN_NAV)
        if src_uri in sources:
            file.edit_uri = posixpath.join("..", sources[src_uri])  # edit_uri points at docs/; scenarios/ is beside it
        files.append(file)
    for path, content in feed_files(catalog, config.site_url).items():
        files.append(File.generated(config, path, content=content))
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
    context["editions"] = [{**entry, "link": _link(entry, page.url if page.url in pages else "")}
                           for entry, pages in _state.editions]
    return context


def on_template_context(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
    """Give sitemap.xml the language versions of each page that exists in more than one language."""
    if template_name == "sitemap.xml":
        hreflang = {}
        for url in {url for _, pages in _state.editions for url in pages}:
            versions = [(entry["lang"], urljoin(config.site_url or "", _link(entry, url)))
                        for entry, pages in _state.editions if url in pages]
            if len(versions) > 1:  # a page in one language only has no alternates
                hreflang[url] = versions
        context["hreflang"] = hreflang
    return context


def _link(entry: dict[str, str], url: str) -> str:
    # Each edition's link is the root of that edition, an absolute path ("/es/").
    return entry["link"].rstrip("/") + "/" + url


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Under `mkdocs serve`, show what is wrong with the scenarios at the top of every page."""
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
