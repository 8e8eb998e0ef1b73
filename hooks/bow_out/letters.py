"""Letter text: placeholders such as [Recipient name], and the HTML a letter is shown in."""

from __future__ import annotations

import functools
import html
import re

_PART = re.compile(r"\\\[|\[([^\[\]\n]*)\]|\[")
# The same without "\\[": most letters hold no backslash, and a pattern whose every branch starts with
# "[" is searched for several times faster.
_PART_NO_ESCAPES = re.compile(r"\[([^\[\]\n]*)\]|\[")
# Characters a Markdown preprocessor could act on even inside a raw HTML block (fences, snippets).
_HTML_INERT = {"`": "&#96;", "~": "&#126;", "{": "&#123;", "}": "&#125;"}
# Percent-encoding as `urllib.parse.quote(text, safe="")` does it, for each UTF-8 byte read as a Latin-1
# character: one table lookup in C per byte, where `quote` runs a Python loop over the bytes.
_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_PERCENT = [chr(byte) if chr(byte) in _UNRESERVED else f"%{byte:02X}" for byte in range(256)]


# A run of letter text: (text, offset, label, unclosed). `label` is set for a placeholder such as
# [Your name]; `unclosed` for a "[" that opens one it never closes. A plain tuple rather than a named one:
# every letter's parts are kept for the build, and the collector stops tracking plain tuples of text, where
# it would walk 20,000 named ones at 1,000 guides in each full collection.
Part = tuple[str, int, str | None, bool]


@functools.lru_cache(maxsize=16384)  # each letter is split by the checks, its page, its mailto link and the feed
def parts(text: str) -> tuple[Part, ...]:
    """Split letter text into plain runs and placeholders; `\\[` is a literal bracket."""
    found: list[Part] = []
    pos = 0
    for match in _parts_pattern(text).finditer(text):
        start = match.start()
        if start > pos:
            found.append((text[pos:start], pos, None, False))
        if match[1] is not None:
            found.append((match[0], start, match[1], False))
        else:  # "\\[" is a literal bracket; a lone "[" opens a placeholder it never closes
            found.append(("[", start, None, match[0] == "["))
        pos = match.end()
    if pos < len(text):
        found.append((text[pos:], pos, None, False))
    return tuple(found)


def _parts_pattern(text: str) -> re.Pattern[str]:
    return _PART if "\\" in text else _PART_NO_ESCAPES


def _placeholder_html(match: re.Match[str]) -> str:
    if match[1] is None:
        return "["
    return f'<span class="bo-placeholder" data-placeholder="{match[1]}">[{match[1]}]</span>'


@functools.lru_cache(maxsize=256)  # a guide's page splits each letter twice: for the page and for its mailto link
def optional_lines(text: str, optional: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """Where each line holding an optional placeholder starts and ends, in order, with one neighboring
    blank line (the one before it, else the one after), so that leaving the range out leaves no gap.

    Without a free blank neighbor, the range takes one of the line's own line breaks. Ranges never
    overlap, so that each line can be left out on its own.
    """
    # A placeholder [Label] is those characters in the text (though not all of them are one, after a "\\"):
    # a letter or line without them holds no optional placeholder, and is not split into parts.
    marks = [f"[{label}]" for label in optional]
    if not any(mark in text for mark in marks):
        return ()
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    ends = [start + len(line) for start, line in zip(starts, lines, strict=True)]
    ranges: list[tuple[int, int]] = []
    taken = -1  # the last line a range has taken

    def blank(index: int) -> bool:
        return 0 <= index < len(lines) and index > taken and not lines[index].strip()

    for i, line in enumerate(lines):
        if i <= taken or not any(mark in line for mark in marks) or not any(
                label in optional for _, _, label, _ in parts(line)):
            continue
        if i >= 2 and blank(i - 1):  # "\n\n" + the line
            ranges.append((ends[i - 2], ends[i]))
            taken = i
        elif blank(i + 1):  # the line + "\n\n"
            ranges.append((starts[i], starts[i + 2] if i + 2 < len(lines) else ends[i + 1]))
            taken = i + 1
        elif i + 1 < len(lines):  # the line + "\n"
            ranges.append((starts[i], starts[i + 1]))
            taken = i
        else:  # the last line: "\n" + the line, unless a range before has its line break
            ranges.append((max(ends[i - 1], ranges[-1][1] if ranges else 0) if i else 0, ends[i]))
            taken = i
    return tuple(ranges)


def letter_html(text: str, optional: frozenset[str] = frozenset()) -> str:
    """The letter as one line of HTML: placeholders marked, line breaks as &#10; for pre-wrap.

    Each line holding an `optional` placeholder, with its neighbouring blank line, is wrapped in a
    `bo-opt` span, which the page script hides while the placeholder is blank. One line, so that
    Python-Markdown keeps the raw HTML block whole whatever the text holds.
    """
    text = text.rstrip("\n")
    ranges = optional_lines(text, optional)
    if not ranges:
        return _text_html(text)
    out, pos = [], 0
    for start, end in ranges:
        out += [_text_html(text[pos:start]), '<span class="bo-opt">', _text_html(text[start:end]), "</span>"]
        pos = end
    out.append(_text_html(text[pos:]))
    return "".join(out)


def _text_html(text: str) -> str:
    # Escaping leaves brackets, backslashes and line breaks alone, so the escaped text splits into the
    # same placeholders as the text itself.
    escaped = html.escape(text, quote=True)
    for char, entity in _HTML_INERT.items():
        if char in escaped:
            escaped = escaped.replace(char, entity)
    return _parts_pattern(escaped).sub(_placeholder_html, escaped).replace("\n", "&#10;")


def plain_text(text: str) -> str:
    """The letter as a reader copies it before filling anything in: placeholders as written."""
    return "".join(run for run, _, _, _ in parts(text.rstrip("\n")))


def without_optional_lines(text: str, optional: frozenset[str]) -> str:
    """The letter with every line that holds an `optional` placeholder left out, as when it is blank."""
    text = text.rstrip("\n")
    kept, pos = [], 0
    for start, end in optional_lines(text, optional):
        kept.append(text[pos:start])
        pos = end
    return "".join(kept) + text[pos:]


def mailto_href(subject: str, body: str, optional: frozenset[str] = frozenset()) -> str:
    """A mailto: URL with no address yet, encoded per RFC 6068 (line breaks as %0D%0A).

    Nothing is filled in yet, so the lines holding `optional` placeholders are left out.
    """
    def encode(text: str) -> str:
        crlf = plain_text(text).replace("\r\n", "\n").replace("\n", "\r\n")
        return crlf.encode().decode("latin-1").translate(_PERCENT)

    return html.escape(f"mailto:?subject={encode(subject)}&body={encode(without_optional_lines(body, optional))}",
                       quote=True)
