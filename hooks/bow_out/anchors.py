"""The heading ids of a page's Markdown, so that links to `/page/#heading` are checked before a build.

The Markdown is the page as it will be built: a hand-written page with its markers filled in, or a
generated page rendered through its template. Ids are made as the `toc` Markdown extension makes them
(its own slugify, "_1" for repeats, explicit `{ #id }` ids kept and reserved first), from the text a
heading shows once its entities and backslash escapes are read.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import slugify, unique

_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_HTML_HEADING_ID = re.compile(r"<h[1-6][^>]*?\sid=\"([^\"]+)\"")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ATTRIBUTES = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")  # a trailing attribute list: { #id .class key="value" }
_ATTRIBUTE_ID = re.compile(r"(?:^|\s)#([\w-]+)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BACKSLASH_ESCAPE = re.compile(r"\\(.)")


def of_markdown(source: str) -> set[str]:
    """The ids of a page's headings."""
    texts, explicit, in_fence = [], set(), False
    for line in source.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif in_fence:
            continue
        elif heading := _ATX_HEADING.match(line):
            text = heading[1]
            if attributes := _ATTRIBUTES.search(text):
                text = text[:attributes.start()]
                if given := _ATTRIBUTE_ID.search(attributes[1]):
                    explicit.add(given[1])
                    continue
            texts.append(_shown(text))
        else:
            explicit.update(_HTML_HEADING_ID.findall(line))
    ids = set(explicit)
    for text in texts:
        unique(slugify(text, "-"), ids)
    return ids


def _shown(text: str) -> str:
    """A heading's Markdown as its text shows: links by their labels, no emphasis marks, escapes read."""
    text = _LINK.sub(r"\1", text).replace("`", "").replace("*", "")
    return html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", text))
