"""Scenario Markdown made safe for the site's own Python-Markdown.

The site renders every page once, with whatever extensions `mkdocs.yml` enables. Scenario text
must use only the everyday subset (paragraphs, emphasis, lists, inline code, links), so every
character that raw HTML or an extension keys on (`<`, `{`, `:`, `=`, `~`, `^`, `|`, `--8<--`,
`!!!`, `[TOC]`...) is written as an entity or a backslash escape, and link targets are checked.
An allowlist sanitizer cleans the rendered page afterwards as a second wall.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .problems import quoted

_TOKEN = re.compile(
    r"""
    (?P<code>(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`))
  | (?P<link>(?P<bang>!?)\[(?P<label>(?:[^\[\]\\`\n]|\\.|`[^`\n]*`)*)\]\((?P<dest>(?:[^\s()]|\([^\s()]*\))*)\))
  | (?P<autolink><(?P<auto>(?:https?://|mailto:)[^\s<>]+)>)
  | (?P<escape>\\[^\n])
    """,
    re.VERBOSE | re.DOTALL,
)
# The characters a token can start with. The pattern above gives the regex engine no first character to
# look for, so on its own it tries every branch at every character: ~20 times slower than finding these first.
_TOKEN_FIRST = "`![<\\"
_TOKEN_START = re.compile(f"[{re.escape(_TOKEN_FIRST)}]")

_BACKTICK_RUN = re.compile(r"`+")
# A code span already found, as a match with `_TOKEN`'s groups (the others never take part).
_CODE_SPAN = re.compile(r"(?P<code>(?P<ticks>`+).+)|(?P<link>(?P<bang>)(?P<label>)(?P<dest>))|"
                        r"(?P<autolink>(?P<auto>))|(?P<escape>)", re.DOTALL)
# Lists nested deeper than this are refused: Python-Markdown reads each level by recursion, and a few
# hundred on one line exhaust Python's stack in the middle of a build.
MAX_LIST_DEPTH = 10
_LIST_MARKERS = re.compile(r"^([ \t]*)((?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+)", re.MULTILINE)
_LIST_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")
# Python-Markdown reads each escaped character as one inline match, and its time grows with the square
# of their number in a paragraph: 120,000 backticks take 20 s of a build. Real text holds a few dozen.
MAX_ESCAPED = 2000

# Outside code spans and links these characters only ever mean extension syntax or HTML.
_INERT = {
    "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "|": "&#124;", "~": "&#126;",
    "^": "&#94;", "=": "&#61;", ":": "&#58;", "$": "&#36;", "+": "&#43;", "@": "&#64;",
    "[": "\\[", "]": "\\]", "`": "\\`",
}
ESCAPED = tuple(_INERT)  # as messages list them
# Both match from the "\n" before a line (the text gets one in front): a pattern that starts with a
# character is searched for much faster than one that starts with "^".
_LINE_START = re.compile(r"\n([ \t]*)(#|!|\?|/|&#43;(?=[ \t]))")
_LINE_START_FIX = {"#": "\\#", "!": "\\!", "?": "&#63;", "/": "&#47;", "&#43;": "+"}
# A rule (---, ***, ___) or a setext heading's underline (a line of "-" under text; "=" is made inert).
_RULE_LINE = re.compile(r"\n([ \t]*)(?=(?:([-*_])(?:[ \t]*\2){2,}|-+)[ \t]*$)", re.MULTILINE)
_LINE_START_CHARS = "#!?/&-*_"  # what a match of either pattern starts with, after spaces and tabs

_PLAIN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#+!|~^=:$@"}
_PLAIN.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_PLAIN_TABLE = str.maketrans(_PLAIN)
_LIST_START = re.compile(r"^(\d+)\.")

SITE_LINK_HINT = "a page of this site written from the site's root, such as /guides/another-offer/"


@dataclass(frozen=True)
class Link:
    """A link found in scenario Markdown: its target and where it starts in the text."""

    target: str
    offset: int
    is_image: bool = False


def _tokens(text: str) -> Iterator[re.Match[str]]:
    """`_TOKEN.finditer(text)`, trying the pattern only where a token can start.

    Code spans are found from a list of the text's runs of backticks instead: the pattern, tried at
    each backtick of a long run that never closes, would scan the rest of the text each time, and a
    field of 120,000 backticks would take minutes.
    """
    if not any(map(text.__contains__, _TOKEN_FIRST)):
        return  # most text: five quick tests, no pattern search
    runs = _BacktickRuns(text) if "`" in text else None
    pos = 0
    while start := _TOKEN_START.search(text, pos):
        if runs is not None and start[0] == "`":
            span = runs.code_span(start.start())
            if span is not None:
                yield span
                pos = span.end()
            else:
                pos = runs.end_of(start.start())
        elif match := _TOKEN.match(text, start.start()):
            yield match
            pos = match.end()
        else:
            pos = start.end()


class _BacktickRuns:
    """The runs of backticks in a text, to find code spans in time that grows with the text's length.

    A code span opens at a run and closes at the next run of the same length; from inside a run (a
    backtick after others), the rest of the run is the opening, as `_TOKEN` reads it.
    """

    def __init__(self, text: str):
        self.text = text
        self.ends: dict[int, int] = {}  # start of each run -> its end
        self.starts_by_length: dict[int, list[int]] = {}
        for run in _BACKTICK_RUN.finditer(text):
            self.ends[run.start()] = run.end()
            self.starts_by_length.setdefault(run.end() - run.start(), []).append(run.start())
        self._run_starts = sorted(self.ends)

    def end_of(self, index: int) -> int:
        """The end of the run holding the backtick at `index`."""
        return self.ends[self._run_starts[bisect.bisect_right(self._run_starts, index) - 1]]

    def code_span(self, index: int) -> re.Match[str] | None:
        """The code span opening at the backtick at `index` (or at one after it in the same run)."""
        end = self.end_of(index)
        for opening in range(index, end):  # each try is one lookup, however long the text
            length = end - opening
            later = self.starts_by_length.get(length, ())
            closing = bisect.bisect_right(later, end)
            if closing < len(later):
                return _CODE_SPAN.match(self.text, opening, later[closing] + length)
        return None


def links(text: str) -> Iterator[Link]:
    """Every link (and image) in a Markdown field."""
    if "](" not in text and "<" not in text:
        return
    for match in _tokens(text):
        if match["link"]:
            yield Link(match["dest"], match.start(), bool(match["bang"]))
        elif match["autolink"]:
            yield Link(match["auto"], match.start())


def deep_lists(text: str) -> Iterator[tuple[int, int]]:
    """(offset, depth) of each line that starts a list nested deeper than `MAX_LIST_DEPTH`.

    A line's depth is its list markers ("- - 1. x" is three) plus one for every four spaces of
    indentation, as Python-Markdown nests a list item's list.
    """
    if "\n" not in text and not _LIST_MARKER.match(text.lstrip()):
        return
    for line in _LIST_MARKERS.finditer(text):
        indent = line[1].expandtabs(4)
        depth = len(indent) // 4 + len(_LIST_MARKER.findall(line[2]))
        if depth > MAX_LIST_DEPTH:
            yield line.start(2), depth


def escaped_count(text: str) -> int:
    """How many characters of `text` the page must escape, for Markdown would read them as syntax."""
    return sum(map(text.count, ESCAPED))


def broken_link_offsets(text: str) -> Iterator[int]:
    """Offsets of `](` that did not make a link, e.g. a space in the target or a title."""
    if "](" not in text:
        return
    pos = 0
    for match in _tokens(text):
        yield from _find_all(text, "](", pos, match.start())
        pos = match.end()
    yield from _find_all(text, "](", pos, len(text))


def _find_all(text: str, needle: str, start: int, end: int) -> Iterator[int]:
    index = text.find(needle, start, end)
    while index != -1:
        yield index
        index = text.find(needle, index + 1, end)


_MAILTO = re.compile(r"mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def link_problem(target: str) -> str | None:
    """Why a link target is refused, or None for http(s), mailto, same-page and site links."""
    lowered = target.lower()
    if re.search(r"[<>\"'{}`\\]", target):
        return f"{quoted(target)} holds characters a link cannot; percent-encode them (%3C for <)"
    if re.match(r"https?://[^/\s]+", lowered):
        return None
    if lowered.startswith("mailto:"):
        if _MAILTO.fullmatch(target) and "%" not in target:
            return None
        return (f"{quoted(target)}: a mailto: link carries one address and nothing else, such as "
                "mailto:jobs@example.com (no ?subject=, ?cc=, ?bcc= or other headers)")
    if (target.startswith(("/", "#")) and not target.startswith("//") and len(target) > 1) or target == "/":
        if "?" in target:
            return (f"{quoted(target)}: a link to this site cannot carry a query string ('?...'); "
                    f"link to {SITE_LINK_HINT}, with an optional #heading")
        return None
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", lowered)
    if scheme and scheme[1] not in ("http", "https", "mailto"):
        return (f"'{scheme[1]}:' links are not allowed; links go to https://, mailto: or "
                f"{SITE_LINK_HINT}")
    return f"{quoted(target)} is not a link this site can follow; links go to https://, mailto: or {SITE_LINK_HINT}"


def neutralize(text: str, resolve: Callable[[str], str | None]) -> str:
    """Markdown that renders as the editor meant and cannot trigger HTML or an extension.

    `resolve` maps a link target to the target the page should use, or None to show it as text.
    """
    out: list[str] = []
    pos = 0
    for match in _tokens(text):
        out.append(_inert(text[pos:match.start()]))
        pos = match.end()
        if match["code"]:
            # A line that starts inside a code span could start a fence or a snippet.
            out.append(" ".join(match["code"].splitlines()))
        elif match["link"] and not match["bang"] and (dest := resolve(match["dest"])):
            out.append(f"[{neutralize(match['label'], lambda _: None)}]({dest})")
        elif match["autolink"] and (dest := resolve(match["auto"])):
            out.append(f"[{_inert(match['auto'])}]({dest})")
        elif match["escape"]:
            out.append(match["escape"] if match["escape"][1].isalnum() else
                       match["escape"][1].translate(_PLAIN_TABLE))
        else:
            out.append(_inert(match[0]))
    out.append(_inert(text[pos:]))
    joined = "".join(out)
    if "\n" not in joined and joined.lstrip(" \t")[:1] not in _LINE_START_CHARS:
        return joined  # one line, starting with none of the characters the two patterns below look for
    result = _LINE_START.sub(lambda m: "\n" + m[1] + _LINE_START_FIX[m[2]], "\n" + joined)
    return _RULE_LINE.sub(lambda m: "\n" + m[1] + "\\", result)[1:]


def _inert(text: str) -> str:
    """Each of `_INERT`'s characters replaced by its entity or escape (faster than `str.translate` here)."""
    for char, entity in _INERT.items():
        if char in text:
            text = text.replace(char, entity)  # no entity holds a character replaced after it
    return text


@functools.lru_cache(maxsize=8192)  # labels, hints and titles repeat across pages
def inert_text(text: str) -> str:
    """Plain text that reads the same in Markdown, HTML or an attribute, with nothing live."""
    if "\n" in text or "  " in text or text != text.strip():
        text = " ".join(text.split())
    text = text.translate(_PLAIN_TABLE)
    # A leading "-" or "1." would start a list where the text begins a line.
    if text[:1] == "-":
        text = "&#45;" + text[1:]
    elif text[:1].isdigit():
        text = _LIST_START.sub(r"\1&#46;", text)
    return text


def html_text(text: str) -> str:
    """Plain text escaped for HTML attributes and page metadata, whitespace folded."""
    return html.escape(" ".join(text.split()), quote=True)
