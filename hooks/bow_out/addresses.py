"""Where every page lives: source paths among the docs and the URL paths MkDocs gives them."""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Iterable

GUIDES_INDEX_SRC = "guides/index.md"

# What hand-written pages may hold, each replaced by generated Markdown as the page is read.
GUIDE_LIST_MARKER = "<!-- bow-out:guide-list -->"
FINDER_MARKER = "<!-- bow-out:finder -->"
FIELD_REFERENCE_MARKER = "<!-- bow-out:field-reference -->"


@functools.lru_cache(maxsize=4096)  # a category's name is slugified for each of its guides' links
def slugify(text: str) -> str:
    """'You chose another path' -> 'you-chose-another-path'; 'Más allá' -> 'mas-alla'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "category"


def guide_src(scenario_id: str) -> str:
    """Where a scenario's page lives among the docs: guides/<id>.md -> /guides/<id>/."""
    return f"guides/{scenario_id}.md"


def category_src(category_name: str) -> str:
    """A category's own page, also its section index in the nav."""
    return f"categories/{slugify(category_name)}/index.md"


@functools.lru_cache(maxsize=4096)  # a page's own URL is needed for each link it holds
def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def _relative(from_dir: str, to: str) -> str:
    """The relative path between two paths under the site's root: ('guides', 'categories/x') -> '../categories/x'.

    Plain string work: `posixpath.relpath` asks the operating system for the working directory on
    every call, and a build makes thousands of these.
    """
    start, target = from_dir.split("/") if from_dir else [], to.split("/") if to else []
    common = 0
    for here, there in zip(start, target, strict=False):
        if here != there:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def source_between(from_src: str, to_src: str) -> str:
    """The relative path from one docs source file to another, as Markdown links write it."""
    return _relative(posixpath.dirname(from_src), to_src)


def url_between(from_src: str, to_src: str) -> str:
    """The relative URL from one page to another, for raw HTML that MkDocs does not rewrite."""
    relative = _relative(page_url(from_src).rstrip("/"), page_url(to_src).rstrip("/"))
    return "./" if relative == "." else relative + "/"


def generated_pages(scenario_ids: Iterable[str], category_names: Iterable[str]) -> dict[str, str]:
    """URL path -> source path of every page the generator writes."""
    sources = [GUIDES_INDEX_SRC, *map(guide_src, scenario_ids), *map(category_src, category_names)]
    return {page_url(src): src for src in sources}


def site_path(target: str) -> str:
    """The page part of a site link: '/guides/x#faq' -> 'guides/x/'; '/' -> ''."""
    page = re.split(r"[#?]", target, maxsplit=1)[0].lstrip("/")
    page = re.sub(r"(^|/)index\.html$", r"\1", page)
    if page.endswith(".md"):
        page = page_url(page)
    return page if not page or page.endswith("/") else page + "/"
