"""Render the catalog into Markdown pages through Jinja2 templates.

Scenario text is only ever a value passed to our templates, never a template itself. Every value a
template prints is made inert plain text unless a filter below has already made it safe Markdown.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

from . import editorial, letters, markdown_fields
from .addresses import (
    FIELD_REFERENCE_MARKER,
    FINDER_MARKER,
    GUIDE_LIST_MARKER,
    GUIDES_INDEX_SRC,
    category_src,
    generated_pages,
    guide_src,
    site_path,
    slugify,
    source_between,
    url_between,
)
from .cache import BuildCache
from .languages import PRIMARY, codes, language
from .schema import COUNTRY, PLACEHOLDERS_HEADING, REFERENCE_SECTIONS

if TYPE_CHECKING:  # the catalog renders pages to check links against their headings
    from .catalog import Catalog

TEMPLATES = Path(__file__).parent / "templates"
NAV_GUIDES_PER_CATEGORY = 10  # a guide page's nav lists at most this many siblings
HOME_GUIDES_PER_CATEGORY = 12
_LATER_LINE = re.compile(r"\n(?=[^\n])")
_FOR_EVERYONE = Markup("")  # the condition label of an item for every reader: none


def _inert_unless_markup(value: Any) -> str:
    return value if isinstance(value, Markup) else markdown_fields.inert_text(str(value))


def _front_matter_text(text: str) -> Markup:
    """Text for a YAML front matter value: a JSON string, which YAML reads as a double-quoted scalar.

    Characters beyond the Basic Multilingual Plane stay as they are: JSON writes them as surrogate
    pairs, which YAML refuses, and MkDocs then drops the whole front matter without a word.
    """
    quoted = json.dumps(markdown_fields.html_text(text), ensure_ascii=False)
    return Markup(quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85"))


@jinja2.pass_context
def _url(context: Context, src_uri: str) -> Markup:
    """The relative URL from the page being written to another, for raw HTML that MkDocs does not rewrite."""
    return Markup(url_between(context["page_src"], src_uri))


@jinja2.pass_context
def _link(context: Context, src_uri: str) -> Markup:
    """The relative path from the page being written to another source file, for Markdown links."""
    return Markup(source_between(context["page_src"], src_uri))


@jinja2.pass_context
def _markdown(context: Context, text: str, indent: int = 0) -> Markup:
    """Scenario Markdown made safe; `indent` spaces before every later non-blank line (in a list item)."""
    page_src, site_pages = context["page_src"], context["site_pages"]
    safe = markdown_fields.neutralize(text, lambda target: _resolve(target, page_src, site_pages))
    return Markup(_LATER_LINE.sub("\n" + " " * indent, safe) if indent else safe)


def _resolve(target: str, page_src: str, site_pages: dict[str, str]) -> str | None:
    """A link target as the page at `page_src` writes it, or None if it leads nowhere on this site."""
    if markdown_fields.link_problem(target):
        return None
    if not target.startswith("/"):
        return target
    src = site_pages.get(site_path(target))
    if src is None:
        return None
    fragment = target[len(target.split("#", 1)[0]):]
    return f"{source_between(page_src, src)}{fragment}"


@jinja2.pass_context
def _condition(context: Context, item: dict[str, Any], tag: str = "span", grouped: bool = False) -> Markup:
    """The label of an item that fits only some answers ("If: I left a voicemail or Not yet"), carrying
    its conditions for the page script (`data-when="reached:voicemail,not-yet;country:uk"`); empty for
    an item for everyone. In a country's group (`grouped`), the label leaves out the country: the
    group's name says it."""
    when, unless = item.get("when"), item.get("unless")
    if not when and not unless:
        return _FOR_EVERYONE
    t = context["t"]
    shown_when = {question: chosen for question, chosen in (when or {}).items()
                  if not (grouped and question == COUNTRY)}
    attributes = "".join(f' data-{key}="{_code(condition)}"' for key, condition in (("when", when), ("unless", unless))
                         if condition)
    label = " ".join(f"{t[key]} {_answers(context, condition)}"
                     for key, condition in (("if", shown_when), ("not_if", unless)) if condition)
    return Markup(f'<{tag} class="bo-if" data-search-exclude="true"{attributes}>'
                  f"{markdown_fields.inert_text(label)}</{tag}>{' ' if tag == 'span' and label else ''}")


def _code(condition: dict[str, list[str]]) -> str:
    return ";".join(f"{question}:{','.join(chosen)}" for question, chosen in condition.items())


def _answers(context: Context, condition: dict[str, list[str]]) -> str:
    """The answers a condition names, as the reader chose them: "I left a voicemail or Not yet · Ireland".

    An answer the guide does not ask (a page rendered before the catalog worked out what each guide asks,
    to find its headings) shows its id.
    """
    t, options = context["t"], {question["id"]: question["options"] for question in context["scenario"].asks}
    return " · ".join(f" {t['or']} ".join(options.get(question, {}).get(option, option) for option in chosen)
                      for question, chosen in condition.items())


@jinja2.pass_context
def _by_country(context: Context, items: list[dict[str, Any]]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """Points for everyone first, then each country's under its name (in the order they first come), so
    that a guide with several countries' points stays readable before the reader says where they are."""
    groups: dict[tuple[str, ...] | None, list[dict[str, Any]]] = {None: []}
    for item in items:
        countries = (item.get("when") or {}).get(COUNTRY)
        groups.setdefault(tuple(countries) if countries else None, []).append(item)
    return [(None if key is None else _answers(context, {COUNTRY: list(key)}), members)
            for key, members in groups.items() if members]


def _used_labels(letter_list: list[dict[str, Any]]) -> set[str]:
    """Every placeholder label the letters use, in subjects and bodies."""
    return {label for letter in letter_list for key in ("subject", "body") if key in letter
            for _, _, label, _ in letters.parts(letter[key].rstrip("\n")) if label is not None}


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
    # Filters rather than functions in the context: Jinja calls a filter directly, a function through
    # its generic `Context.call`, which costs more than most of these do.
    env.filters.update(url=_url, link=_link, markdown=_markdown, guide_src=guide_src, category_src=category_src,
                       slugify=slugify)
    env.filters["letter"] = lambda text, optional=frozenset(): Markup(letters.letter_html(text, optional))
    env.filters["trusted"] = Markup  # only for the project's own strings, never scenario text
    env.filters["mailto"] = lambda letter, optional=frozenset(): Markup(
        letters.mailto_href(letter["subject"], letter["body"], optional))
    env.filters["condition"] = _condition
    env.filters["by_country"] = _by_country
    env.filters["used_labels"] = _used_labels
    env.filters["optional_labels"] = lambda fields: frozenset(
        label for label, field in fields.items() if field.get("optional"))
    env.filters["meta"] = _front_matter_text
    # "{n} guides" and "All guides for “{name}”": the language's text with the values put in.
    env.filters["fill"] = lambda text, **values: functools.reduce(
        lambda out, item: out.replace("{" + item[0] + "}", str(item[1])), values.items(), text)
    env.filters["count"] = lambda n, t, key: t[f"{key}_one"] if n == 1 else t[f"{key}_other"].replace("{n}", str(n))
    return env


def render_pages(catalog: Catalog, cache: BuildCache | None = None) -> dict[str, str]:
    """Every generated page's Markdown by its address among the docs, in the order the nav lists them.

    With `cache`, a guide is rendered again only if something its page shows has changed.
    """
    cache = cache if cache is not None else BuildCache()
    site_pages = {**catalog.hand_written, **generated_pages(
        catalog.scenarios, (category.name for category in catalog.categories))}
    render = _Renderer(catalog, site_pages)
    # Guides are kept by what their page shows; the templates and the site's pages show on every page.
    everywhere = (tuple(path.stat().st_mtime_ns for path in sorted(TEMPLATES.iterdir())), site_pages)
    pages = {GUIDES_INDEX_SRC: render("guides-index.md.j2", GUIDES_INDEX_SRC)}
    for category in catalog.categories:
        pages[category_src(category.name)] = render("category.md.j2", category_src(category.name), category=category)
        for scenario in category.scenarios:
            src = guide_src(scenario.id)
            related = [(other, catalog.scenarios[other].title, catalog.scenarios[other].data["summary"])
                       for other in scenario.data.get("related", ())]
            # What it asks depends on the edition's countries too, not only on its own file.
            pages[src] = cache.guide(scenario.id, (everywhere, scenario.data, category.name, related, scenario.asks),
                                     lambda src=src, s=scenario, c=category: render("guide.md.j2", src, scenario=s,
                                                                                   category=c))
    return pages


def generated_page(catalog: Catalog, src: str) -> str:
    """One generated page's Markdown, as `render_pages` writes it (KeyError if there is no such page).

    The check renders the pages that links point into, to find their headings where they are made.
    """
    render = _Renderer(catalog, {**catalog.hand_written, **generated_pages(
        catalog.scenarios, (category.name for category in catalog.categories))})
    if src == GUIDES_INDEX_SRC:
        return render("guides-index.md.j2", src)
    for category in catalog.categories:
        if src == category_src(category.name):
            return render("category.md.j2", src, category=category)
        for scenario in category.scenarios:
            if src == guide_src(scenario.id):
                return render("guide.md.j2", src, scenario=scenario, category=category)
    raise KeyError(src)


def fill_markers(markdown: str, page_src: str, catalog: Catalog) -> str:
    """A hand-written page's Markdown with each marker replaced by the generated text it stands for."""
    if "<!-- bow-out:" not in markdown:
        return markdown
    render = _Renderer(catalog, catalog.hand_written)
    fillings = {
        GUIDE_LIST_MARKER: lambda: render("guide-list.md.j2", page_src, per_category=HOME_GUIDES_PER_CATEGORY),
        FINDER_MARKER: lambda: render("finder.md.j2", page_src),
        FIELD_REFERENCE_MARKER: field_reference,
    }
    for marker, fill in fillings.items():
        if marker in markdown:
            markdown = markdown.replace(marker, fill())
    return markdown


def pages_in_nav(catalog: Catalog) -> set[str]:
    """The generated pages the nav lists: each category lists its first guides, its page lists all."""
    return {GUIDES_INDEX_SRC, *(category_src(c.name) for c in catalog.categories),
            *(guide_src(s.id) for c in catalog.categories for s in c.scenarios[:NAV_GUIDES_PER_CATEGORY])}


def grow_nav(configured: list[Any] | None, catalog: Catalog) -> list[Any]:
    """The nav with its `guides/index.md` entry grown into the Guides section, one entry per category.

    Without a configured nav: the hand-written pages (home first), then the Guides section.
    """
    section = [GUIDES_INDEX_SRC, *(
        {Markup(markdown_fields.html_text(c.name)): [category_src(c.name), *(
            guide_src(s.id) for s in c.scenarios[:NAV_GUIDES_PER_CATEGORY])]}
        for c in catalog.categories)]
    nav = list(configured) if configured is not None else sorted(
        catalog.hand_written.values(), key=lambda src: (src != "index.md", src))
    for index, entry in enumerate(nav):
        title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if target == GUIDES_INDEX_SRC:
            nav[index] = {title or "Guides": section}
            return nav
    return [*nav, {"Guides": section}]


class _Renderer:
    """Renders templates for pages of one site, with links relative to the page being written."""

    def __init__(self, catalog: Catalog, site_pages: dict[str, str]):
        self.catalog = catalog
        self.site_pages = site_pages  # URL path -> docs source path
        self.templates: dict[str, jinja2.Template] = {}  # looked up (and checked for edits) once per build

    def __call__(self, template: str, page_src: str, **context: Any) -> str:
        if template not in self.templates:
            self.templates[template] = environment().get_template(template)
        language = self.catalog.language
        return self.templates[template].render(
            catalog=self.catalog, page_src=page_src, site_pages=self.site_pages, placeholders=language.placeholders,
            kind_labels=language.kind_labels, stage_labels=language.stage_labels, t=language.text,
            words=language.script, **context)


def field_reference() -> str:
    """The field reference for editors, from the schema itself."""
    return environment().get_template("field-reference.md.j2").render(
        objects=REFERENCE_SECTIONS, placeholders_heading=PLACEHOLDERS_HEADING,
        placeholders=language(PRIMARY).placeholders, min_advice_steps=editorial.MIN_ADVICE_STEPS,
        languages=[language(code) for code in codes()])
