"""Letter text: placeholders such as [Recipient name], and the HTML a letter is shown in."""

from __future__ import annotations

import functools
import html
import re
from typing import NamedTuple
from urllib.parse import quote

_PART = re.compile(r"\\\[|\[([^\[\]\n]*)\]|\[")
# The same without "\\[": most letters hold no backslash, and a pattern whose every branch starts with
# "[" is searched for several times faster.
_PART_NO_ESCAPES = re.compile(r"\[([^\[\]\n]*)\]|\[")
# Characters a Markdown preprocessor could act on even inside a raw HTML block (fences, snippets).
_HTML_INERT = {"`": "&#96;", "~": "&#126;", "{": "&#123;", "}": "&#125;"}


class Part(NamedTuple):
    """A run of letter text, or a placeholder when `label` is set."""

    text: str
    offset: int
    label: str | None = None
    unclosed: bool = False


@functools.lru_cache(maxsize=16384)  # each letter is split by the checks, its page, its mailto link and the feed
def parts(text: str) -> tuple[Part, ...]:
    """Split letter text into plain runs and placeholders; `\\[` is a literal bracket."""
    found, pos = [], 0
    for match in _parts_pattern(text).finditer(text):
        start = match.start()
        if start > pos:
            found.append(Part(text[pos:start], pos))
        if match[1] is not None:
            found.append(Part(match[0], start, match[1]))
        else:  # "\\[" is a literal bracket; a lone "[" opens a placeholder it never closes
            found.append(Part("[", start, None, match[0] == "["))
        pos = match.end()
    if pos < len(text):
        found.append(Part(text[pos:], pos))
    return tuple(found)


def _parts_pattern(text: str) -> re.Pattern[str]:
    return _PART if "\\" in text else _PART_NO_ESCAPES


def _placeholder_html(match: re.Match[str]) -> str:
    if match[1] is None:
        return "["
    return f'<span class="bo-placeholder" data-placeholder="{match[1]}">[{match[1]}]</span>'


def letter_html(text: str) -> str:
    """The letter as one line of HTML: placeholders marked, line breaks as &#10; for pre-wrap.

    One line, so that Python-Markdown keeps the raw HTML block whole whatever the text holds.
    """
    # Escaping leaves brackets, backslashes and line breaks alone, so the escaped text splits into the
    # same placeholders as the text itself.
    escaped = html.escape(text.rstrip("\n"), quote=True)
    for char, entity in _HTML_INERT.items():
        if char in escaped:
            escaped = escaped.replace(char, entity)
    return _parts_pattern(escaped).sub(_placeholder_html, escaped).replace("\n", "&#10;")


def plain_text(text: str) -> str:
    """The letter as a reader copies it before filling anything in: placeholders as written."""
    return "".join(part.text for part in parts(text.rstrip("\n")))


def mailto_href(subject: str, body: str) -> str:
    """A mailto: URL with no address yet, encoded per RFC 6068 (line breaks as %0D%0A)."""
    def encode(text: str) -> str:
        return quote(plain_text(text).replace("\r\n", "\n").replace("\n", "\r\n"), safe="")

    return html.escape(f"mailto:?subject={encode(subject)}&body={encode(body)}", quote=True)
