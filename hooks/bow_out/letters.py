"""Letter text: placeholders such as [Recipient name], and the HTML a letter is shown in."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from urllib.parse import quote

_PART = re.compile(r"\\\[|\[([^\[\]\n]*)\]|\[")
# Characters a Markdown preprocessor could act on even inside a raw HTML block (fences, snippets).
_HTML_INERT = {"`": "&#96;", "~": "&#126;", "{": "&#123;", "}": "&#125;"}


@dataclass(frozen=True)
class Part:
    """A run of letter text, or a placeholder when `label` is set."""

    text: str
    offset: int
    label: str | None = None
    unclosed: bool = False


@functools.lru_cache(maxsize=16384)  # each letter is split by the checks, its page, its mailto link and the feed
def parts(text: str) -> tuple[Part, ...]:
    """Split letter text into plain runs and placeholders; `\\[` is a literal bracket."""
    found, pos = [], 0
    for match in _PART.finditer(text):
        if match.start() > pos:
            found.append(Part(text[pos:match.start()], pos))
        if match[0] == "\\[":
            found.append(Part("[", match.start()))
        elif match[0] == "[":
            found.append(Part("[", match.start(), unclosed=True))
        else:
            found.append(Part(match[0], match.start(), label=match[1]))
        pos = match.end()
    if pos < len(text):
        found.append(Part(text[pos:], pos))
    return tuple(found)


def _escape(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return "".join(_HTML_INERT.get(c, c) for c in escaped) if any(c in escaped for c in _HTML_INERT) else escaped


def letter_html(text: str) -> str:
    """The letter as one line of HTML: placeholders marked, line breaks as &#10; for pre-wrap.

    One line, so that Python-Markdown keeps the raw HTML block whole whatever the text holds.
    """
    out = []
    for part in parts(text.rstrip("\n")):
        if part.label is not None:
            label = html.escape(part.label, quote=True)
            out.append(f'<span class="bo-placeholder" data-placeholder="{label}">[{_escape(part.label)}]</span>')
        else:
            out.append(_escape(part.text))
    return "".join(out).replace("\n", "&#10;")


def plain_text(text: str) -> str:
    """The letter as a reader copies it before filling anything in: placeholders as written."""
    return "".join(part.text for part in parts(text.rstrip("\n")))


def mailto_href(subject: str, body: str) -> str:
    """A mailto: URL with no address yet, encoded per RFC 6068 (line breaks as %0D%0A)."""
    def encode(text: str) -> str:
        return quote(plain_text(text).replace("\r\n", "\n").replace("\n", "\r\n"), safe="")

    return html.escape(f"mailto:?subject={encode(subject)}&body={encode(body)}", quote=True)
