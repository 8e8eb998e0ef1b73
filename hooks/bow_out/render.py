"""Render the catalog into Markdown pages through Jinja2 templates.

Scenario text is only ever a value passed to our templates, never a template itself. Every value a
template prints is made inert plain text unless a filter below has already made it safe Markdown.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import letters, markdown_fields
from .addresses import (
    GUIDES_INDEX_SRC,
    category_src,
    generated_pages,
    guide_src,
    site_path,
    slugify,
    source_between,
    url_between,
)
from .catalog import Catalog, Category
from .scenario import Scenario
from .schema import LETTER_KINDS, STAGES

TEMPLATES = Path(__file__).parent / "templates"
GUIDE_LIST_MARKER = "<!-- bow-out:guide-list -->"
FINDER_MARKER = "<!-- bow-out:finder -->"
FIELD_REFERENCE_MARKER = "<!-- bow-out:field-reference -->"
MARKERS = (GUIDE_LIST_MARKER, FINDER_MARKER, FIELD_REFERENCE_MARKER)  # what hand-written pages may hold
NAV_GUIDES_PER_CATEGORY = 10  # a guide page's nav lists at most this many siblings
HOME_GUIDES_PER_CATEGORY = 12

KIND_LABELS = dict(zip(LETTER_KINDS, ("Email", "Phone script", "Voicemail", "Short message"), strict=True))
STAGE_LABELS = dict(zip(STAGES, ("Before the interview", "Between rounds", "After an offer"), strict=True))


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, the scenario file behind it, and whether the nav lists it."""

    src_uri: str
    source_file: str | None = None
    in_nav: bool = True


def _inert_unless_markup(value: Any) -> str:
    return value if isinstance(value, Markup) else markdown_fields.inert_text(str(value))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment, compiled once per process; templates reload when edited."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # we write Markdown, and finalize makes every plain value inert
        finalize=_inert_unless_markup,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["letter"] = lambda text: Markup(letters.letter_html(text))
    env.tests["containing"] = lambda sequence, item: item in sequence
    env.filters["trusted"] = Markup  # only for the project's own strings, never scenario text
    env.filters["mailto"] = lambda letter: Markup(letters.mailto_href(letter["subject"], letter["body"]))
    env.filters["meta"] = lambda text: Markup(json.dumps(markdown_fields.html_text(text)))
    env.globals.update(kind_labels=KIND_LABELS, stage_labels=STAGE_LABELS,
                       placeholders=letters.BUILT_IN_PLACEHOLDERS)
    return env


# Rendered guides keyed by everything their page shows, so that `mkdocs serve` re-renders only the
# guides an edit touched. Entries for guides that no longer exist are dropped on every build.
_rendered: dict[str, tuple[int, str]] = {}


class Renderer:
    """Renders the pages of one build; `site_pages` maps URL paths to their docs source files."""

    def __init__(self, catalog: Catalog, site_pages: dict[str, str]):
        self.catalog = catalog
        self.site_pages = {**site_pages, **generated_pages(
            catalog.scenarios, (category.name for category in catalog.categories))}
        self.env = environment()
        templates = tuple(path.stat().st_mtime_ns for path in sorted(TEMPLATES.iterdir()))
        self._build_key = hash((templates, frozenset(self.site_pages.items())))
        self.pages: list[Page] = [Page(GUIDES_INDEX_SRC)]  # every generated page, in build order
        self._sources: dict[str, tuple[Category | None, Scenario | None]] = {GUIDES_INDEX_SRC: (None, None)}
        for category in catalog.categories:
            self.pages.append(Page(category_src(category.name)))
            self._sources[category_src(category.name)] = (category, None)
            for index, scenario in enumerate(category.scenarios):
                self.pages.append(Page(guide_src(scenario.id), scenario.source, in_nav=index < NAV_GUIDES_PER_CATEGORY))
                self._sources[guide_src(scenario.id)] = (category, scenario)
        for stale in set(_rendered) - set(catalog.scenarios):
            del _rendered[stale]

    def cached(self, src_uri: str) -> str | None:
        """A guide's Markdown from an earlier build, if nothing its page shows has changed since."""
        category, scenario = self._sources[src_uri]
        if scenario is None or scenario.id not in _rendered:
            return None
        key, markdown = _rendered[scenario.id]
        return markdown if key == self._guide_key(scenario, category) else None

    def render(self, src_uri: str) -> tuple[int | None, str]:
        """A generated page's Markdown, and for a guide the key to remember it by."""
        category, scenario = self._sources[src_uri]
        if category is None:
            return None, self._render("guides-index.md.j2", src_uri)
        if scenario is None:
            return None, self._render("category.md.j2", src_uri, category=category)
        return (self._guide_key(scenario, category),
                self._render("guide.md.j2", src_uri, scenario=scenario, category=category))

    def remember(self, src_uri: str, key: int | None, markdown: str) -> str:
        """Keep a guide's Markdown for the next build (`mkdocs serve`); returns the Markdown."""
        _, scenario = self._sources[src_uri]
        if scenario is not None and key is not None:
            _rendered[scenario.id] = (key, markdown)
        return markdown

    def _guide_key(self, scenario: Scenario, category: Category) -> int:
        related = tuple((other, self.catalog.scenarios[other].title, self.catalog.scenarios[other].data["summary"])
                        for other in scenario.data.get("related", ()))
        return hash((self._build_key, repr(scenario.data), category.name, related))

    def filling(self, marker: str, page_src: str) -> str:
        """What stands in for one of the `MARKERS` on the hand-written page `page_src`."""
        if marker == GUIDE_LIST_MARKER:
            return self.guide_list(page_src)
        if marker == FINDER_MARKER:
            return self.finder(page_src)
        return field_reference()

    def guide_list(self, page_src: str) -> str:
        """The home page's list: each category with its first guides and their summaries."""
        return self._render("guide-list.md.j2", page_src, per_category=HOME_GUIDES_PER_CATEGORY)

    def finder(self, page_src: str) -> str:
        """The guide finder: filters by reason and stage with JavaScript, a grouped list without."""
        return self._render("finder.md.j2", page_src)

    def nav(self) -> list[Any]:
        """The Guides section of the nav: the index, then each category with its first guides."""
        return [GUIDES_INDEX_SRC, *(
            {Markup(markdown_fields.html_text(c.name)): [category_src(c.name), *(
                guide_src(s.id) for s in c.scenarios[:NAV_GUIDES_PER_CATEGORY])]}
            for c in self.catalog.categories)]

    def _render(self, template: str, page_src: str, **context: Any) -> str:
        def link(src_uri: str) -> Markup:
            return Markup(source_between(page_src, src_uri))

        def url(src_uri: str) -> Markup:
            return Markup(url_between(page_src, src_uri))

        def markdown(text: str) -> Markup:
            return Markup(markdown_fields.neutralize(text, lambda target: self._resolve(target, link)))

        return self.env.get_template(template).render(
            catalog=self.catalog, link=link, url=url, markdown=markdown, guide_src=guide_src, slugify=slugify,
            category_src=category_src, **context)

    def _resolve(self, target: str, link: Any) -> str | None:
        if markdown_fields.link_problem(target):
            return None
        if not target.startswith("/"):
            return target
        src = self.site_pages.get(site_path(target))
        if src is None:
            return None
        fragment = target[len(target.split("#", 1)[0]):]
        return f"{link(src)}{fragment}"


def field_reference() -> str:
    """The field reference for editors, from the schema itself."""
    from .schema import ADVICE_STEP, FAQ_ITEM, LETTER, SCENARIO

    return environment().get_template("field-reference.md.j2").render(
        objects=[("A scenario file", SCENARIO), ("An advice step", ADVICE_STEP),
                 ("A letter", LETTER), ("A question", FAQ_ITEM)])
