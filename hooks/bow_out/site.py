"""One build's worth of generated site: the catalog, its pages and its nav, from folders on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .addresses import GUIDES_INDEX_SRC, page_url
from .catalog import Catalog, load_catalog
from .render import Page, Renderer

GUIDE_LIST_MARKER = "<!-- bow-out:guide-list -->"
FIELD_REFERENCE_MARKER = "<!-- bow-out:field-reference -->"
FINDER_MARKER = "<!-- bow-out:finder -->"


def docs_pages(docs_dir: Path) -> dict[str, str]:
    """URL path -> source path of every hand-written Markdown page in `docs_dir`."""
    pages = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if not any(part.startswith(".") for part in src.split("/")):
            pages[page_url(src)] = src
    return pages


@dataclass
class GeneratedSite:
    """Everything the hooks add to one build."""

    catalog: Catalog
    renderer: Renderer
    pages: list[Page]
    hand_written: dict[str, str]  # URL path -> source path

    def nav(self, configured: list[Any] | None) -> list[Any]:
        """The configured nav with its `guides/index.md` entry grown into the Guides section.

        Without a configured nav: the hand-written pages (home first), then the Guides section.
        """
        section = self.renderer.nav()
        nav = list(configured) if configured is not None else sorted(
            self.hand_written.values(), key=lambda src: (src != "index.md", src))
        for index, entry in enumerate(nav):
            title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
            if target == GUIDES_INDEX_SRC:
                nav[index] = {title or "Guides": section}
                return nav
        return [*nav, {"Guides": section}]


def generate_site(scenarios_dir: Path, docs_dir: Path, shown_prefix: str = "scenarios/") -> GeneratedSite:
    """Load, check and render every scenario; raises ScenarioError listing every problem."""
    hand_written = docs_pages(docs_dir)
    catalog = load_catalog(scenarios_dir, shown_prefix, set(hand_written))
    renderer = Renderer(catalog, hand_written)
    return GeneratedSite(catalog, renderer, renderer.pages(), hand_written)
