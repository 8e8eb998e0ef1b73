"""One build's worth of generated site: the catalogue, its pages and its nav, from folders on disk."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import Catalogue, load_catalogue
from .render import GUIDES_INDEX_SRC, Page, Renderer

GUIDE_LIST_MARKER = "<!-- bow-out:guide-list -->"
FIELD_REFERENCE_MARKER = "<!-- bow-out:field-reference -->"


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


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

    catalogue: Catalogue
    renderer: Renderer
    pages: list[Page]

    def nav(self, configured: list[Any] | None) -> list[Any]:
        """The configured nav with its `guides/index.md` entry grown into the Guides section."""
        section = self.renderer.nav()
        nav = list(configured or [{"Home": "index.md"}])
        for index, entry in enumerate(nav):
            title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
            if target == GUIDES_INDEX_SRC:
                nav[index] = {title or "Guides": section}
                return nav
        return [*nav, {"Guides": section}]


def generate_site(scenarios_dir: Path, docs_dir: Path, shown_prefix: str = "scenarios/") -> GeneratedSite:
    """Load, check and render every scenario; raises ScenarioError listing every problem."""
    hand_written = docs_pages(docs_dir)
    catalogue = load_catalogue(scenarios_dir, shown_prefix, set(hand_written))
    renderer = Renderer(catalogue, hand_written)
    return GeneratedSite(catalogue, renderer, renderer.pages())
