"""An allowlist sanitizer for rendered guide pages (nh3, the Rust crate Ammonia)."""

from __future__ import annotations

import re

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "code", "dd", "del", "div", "dl", "dt", "em", "fieldset", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "input", "label", "legend", "li",
    "mark", "nav", "ol", "p", "pre", "section", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "data-search-exclude"},
    "a": {"href", "data-bo-mailto"},
    "div": {"data-kind", "data-bo-fields", "data-bo-email"},
    "li": {"data-field", "data-bo-shared", "data-bo-optional", "data-bo-autocomplete"},
    "span": {"data-placeholder", "data-when", "data-unless", "data-bo-fit", "role"},
    "p": {"data-when", "data-unless"},
    "h2": {"data-bo-section"},
    # The guide's questions: a form of radio buttons that only the page script acts on.
    "form": {"data-bo-questions"},
    "fieldset": {"data-question"},
    "input": {"type", "name", "value"},
    "button": {"type", "data-bo-reset", "data-bo-more", "aria-expanded"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto"}
_CLEANER = nh3.Cleaner(tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None, strip_comments=True)


def clean(html: str) -> str:
    """Keep only known tags and attributes; links only to http(s), mailto or relative URLs."""
    cleaned = _CLEANER.clean(html)
    # nh3 writes the letters' &#10; back as line breaks: encode them again, so that nothing that
    # tidies the page's white space later (a minifier, say) can change a letter.
    return _LETTER_BODY.sub(lambda match: match[0].replace("\n", "&#10;"), cleaned)


_LETTER_BODY = re.compile(r'<div class="bo-letter__body">[^<]*(?:<(?!/div>)[^<]*)*</div>')
