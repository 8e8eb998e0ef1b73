"""MkDocs hooks: the thin adapter between MkDocs and the scenario engine in `bow_out/`.

Everything is checked in `on_config`, before MkDocs cleans `site/`, so a bad scenario leaves the
last good site in place. Pages are rendered and cleaned by the engine's helper process on a second
core while MkDocs works on the first. The engine itself knows nothing of MkDocs.
"""

from __future__ import annotations

import gc
import posixpath
import sys
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from bow_out.feed import write_feed
from bow_out.problems import ScenarioError
from bow_out.site import GeneratedSite, generate_site
from bow_out.unindent import UnindentedLoader

log = get_plugin_logger(__name__)

# The site of the build in progress; replaced at the start of every build, so never stale.
_site: GeneratedSite | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check every scenario, start rendering their pages, and grow the nav's Guides entry."""
    global _site
    _end_build()  # a build that ended without its last events (e.g. interrupted) may leave a helper
    project = Path(config.config_file_path or ".").resolve().parent
    try:
        _site = generate_site(project / "scenarios", Path(config.docs_dir), use_second_core=True)
    except ScenarioError as error:
        _site = None
        # Printed as is: the logger's prefix and wrapping would break clickable file:line:column.
        print(error.report(), file=sys.stderr, flush=True)
        raise PluginError(f"{error}; the site was not rebuilt.") from None
    # What the engine holds lives until the build ends: keep the collector from walking it again and
    # again while MkDocs allocates (at 3,000 guides, a third of the collector's extra time).
    gc.freeze()
    config.nav = _site.nav(config.nav)
    count = len(_site.catalog.scenarios)
    log.info(f"{count} scenario{'s' * (count != 1)} in {len(_site.catalog.categories)} categories")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages as virtual files, with edit links to their scenario files."""
    assert _site is not None
    for page in _site.pages:
        # The Markdown is filled in by `on_pre_page`, when the helper has rendered it.
        file = File.generated(config, page.src_uri, content="",
                              inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV)
        if page.source_file:
            # Relative to `edit_uri`, which points at docs/; scenarios/ sits beside it.
            file.edit_uri = posixpath.join("..", page.source_file)
        files.append(file)
    return files


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Give a generated page its Markdown just before MkDocs reads it."""
    assert _site is not None
    if page.file.generated_by:
        page.file.content_string = _site.work.markdown(page.file.src_uri)
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the markers in hand-written pages; mark generated titles as already escaped."""
    assert _site is not None
    if not page.file.generated_by:
        return _site.work.filled(page.file.src_uri, markdown)
    # The template escaped these for HTML; Markup stops Material's `| e` escaping them twice.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = Markup(page.meta[key])
    return markdown


@event_priority(-100)  # last, so that what is cleaned is the page's final HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Send generated pages to the allowlist sanitizer, the second wall behind the escaping."""
    assert _site is not None
    if page.file.generated_by:
        _site.work.clean_later(page.file.src_uri, html)
    return html


@event_priority(100)  # first, so that the search plugin and the theme see only the cleaned page
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Swap in the cleaned HTML; the sanitizer ran beside MkDocs while it read the other pages."""
    assert _site is not None
    if page.file.generated_by:
        page.content = _site.work.cleaned(page.file.src_uri)
    return context


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Every page is read: let the helper clean the last pages while MkDocs copies the theme's files.

    And serve the theme's templates without their indentation: a fifth of a guide page's bytes.
    """
    assert _site is not None
    _site.work.all_handed_over()
    env.loader = UnindentedLoader(env.loader)
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Stop the helper process: the build is written. Then write the guides feed beside it."""
    _end_build()
    write_feed(_site.catalog, config.site_dir, config.site_url)


def on_build_error(error: Exception) -> None:
    """Stop the helper process: the build failed after `on_config`."""
    _end_build()


def _end_build() -> None:
    gc.unfreeze()  # `mkdocs serve` builds again: let the collector reclaim this build's cycles
    if _site is not None:
        _site.work.close()
