"""MkDocs hooks: the thin adapter between MkDocs and the scenario engine in `bow_out/`.

Everything is checked and rendered in `on_config`, before MkDocs cleans `site/`, so a bad
scenario leaves the last good site in place. The engine itself knows nothing of MkDocs.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from bow_out import sanitize
from bow_out.problems import ScenarioError
from bow_out.render import field_reference
from bow_out.site import FIELD_REFERENCE_MARKER, FINDER_MARKER, GUIDE_LIST_MARKER, GeneratedSite, generate_site

log = get_plugin_logger(__name__)

# The site of the build in progress; replaced at the start of every build, so never stale.
_site: GeneratedSite | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check and render every scenario, and grow the nav's Guides entry."""
    global _site
    project = Path(config.config_file_path or ".").resolve().parent
    try:
        _site = generate_site(project / "scenarios", Path(config.docs_dir))
    except ScenarioError as error:
        _site = None
        # Printed as is: the logger's prefix and wrapping would break clickable file:line:column.
        print(error.report(), file=sys.stderr, flush=True)
        raise PluginError(f"{error}; the site was not rebuilt.") from None
    config.nav = _site.nav(config.nav)
    count = len(_site.catalog.scenarios)
    log.info(f"{count} scenario{'s' * (count != 1)} in {len(_site.catalog.categories)} categories")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages as virtual files, with edit links to their scenario files."""
    assert _site is not None
    for page in _site.pages:
        file = File.generated(config, page.src_uri, content=page.markdown,
                              inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV)
        if page.source_file:
            # Relative to `edit_uri`, which points at docs/; scenarios/ sits beside it.
            file.edit_uri = posixpath.join("..", page.source_file)
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the markers in hand-written pages; mark generated titles as already escaped."""
    assert _site is not None
    if page.file.generated_by:
        # The template escaped these for HTML; Markup stops Material's `| e` escaping them twice.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = Markup(page.meta[key])
        return markdown
    if GUIDE_LIST_MARKER in markdown:
        markdown = markdown.replace(GUIDE_LIST_MARKER, _site.renderer.guide_list(page.file.src_uri))
    if FINDER_MARKER in markdown:
        markdown = markdown.replace(FINDER_MARKER, _site.renderer.finder(page.file.src_uri))
    if FIELD_REFERENCE_MARKER in markdown:
        markdown = markdown.replace(FIELD_REFERENCE_MARKER, field_reference())
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Clean generated pages with an allowlist: the second wall behind the escaping."""
    return sanitize.clean(html) if page.file.generated_by else html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Drop the theme's indentation from generated pages: a fifth of a guide's bytes."""
    return sanitize.collapse_indentation(output) if page.file.generated_by else output
