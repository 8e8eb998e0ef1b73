"""An allowlist sanitizer for rendered guide pages (nh3, the Rust crate Ammonia)."""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "code", "dd", "del", "div", "dl", "dt", "em",
    "fieldset", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "input", "label", "legend", "li",
    "mark", "nav", "ol", "p", "pre", "section", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "hidden", "role", "aria-describedby", "aria-label", "aria-labelledby",
          "aria-live"},
    "a": {"href", "data-bo-mailto"},
    "button": {"type", "data-bo-copy", "data-bo-clear"},
    "div": {"data-kind", "data-bo-without-js"},
    "form": {"data-bo-details"},
    "input": {"type", "autocomplete", "data-placeholder", "data-recipient-email"},
    "label": {"for"},
    "span": {"data-placeholder"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    """Keep only known tags and attributes; links only to http(s), mailto or relative URLs."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None,
                     strip_comments=True)
