"""Read one YAML file into position-carrying nodes, turning every failure into a Problem.

PyYAML's composer keeps the line and column of every node; we stop there and never construct
Python objects, so YAML tags cannot run code and aliases cannot multiply.
"""

from __future__ import annotations

import bisect
import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

MAX_FILE_BYTES = 256 * 1024

# PyYAML's safe loader, in C where it can be: several times faster, with the same positions.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, resolving tags with less work.

    Its composer asks this Python method for the tag of every node: PyYAML's own version of it is a
    twelfth of parsing a file. This one gives the same tags for less, leaving out what the safe loader
    never registers: path resolvers, and resolvers tried whatever a scalar's first character (a test
    holds both, and the tags, to PyYAML's).
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: yes, 12 or ~ may be a boolean, a number or null
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):  # type: ignore[index]
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


# YAML ends a line at these as well as at "\n"; editors do not, so positions after them are recounted.
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")

_SIMPLE_KEY = "while scanning a simple key"  # PyYAML's words when a line is neither text nor a key

EXAMPLE = ("a scenario has at least the keys title, summary, situation, advice and letters "
           "(copy scenarios/_template.yml to start)")


@dataclass(frozen=True)
class SourceText:
    """A file's decoded text, with its lines as an editor counts them (split at "\\n" only)."""

    value: str

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.value.split("\n")

    @functools.cached_property
    def _has_yaml_only_breaks(self) -> bool:
        return any(odd in self.value for odd in _YAML_ONLY_BREAKS)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(i + 1 for i, c in enumerate(self.value) if c == "\n")]

    def locate(self, mark: yaml.Mark) -> tuple[int, int]:
        """The 1-based line and column an editor shows for a YAML mark."""
        if not self._has_yaml_only_breaks:
            return mark.line + 1, mark.column + 1
        return self.at_offset(mark.index)

    def at_offset(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of character `offset`."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


@dataclass(frozen=True)
class Loaded:
    """The root node of a file, or the problems that kept us from reading it."""

    root: yaml.Node | None
    problems: tuple[Problem, ...] = ()
    text: SourceText = SourceText("")


def load_yaml(path: Path, shown_path: str) -> Loaded:
    """Parse `path` into nodes; `shown_path` is the name used in problems."""

    def fail(line: int, column: int, message: str) -> Loaded:
        return Loaded(None, (Problem(shown_path, line, column, "(file)", message),))

    try:
        data = read_regular_file(path, MAX_FILE_BYTES + 1)  # never more: a huge file is refused, not held
    except NotARegularFile as error:
        return fail(1, 1, str(error))
    except OSError as error:
        return fail(1, 1, f"cannot be read: {error.strerror or error}")
    if len(data) > MAX_FILE_BYTES:
        return fail(1, 1, f"is larger than {MAX_FILE_BYTES:,} bytes, the most a scenario file may hold; "
                    "split it into two guides")
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return fail(line, column, f"byte 0x{data[error.start]:02x} is not UTF-8; "
                    "save the file as UTF-8 (most editors offer this under 'Save with encoding')")
    text = SourceText(decoded)
    if all(_is_comment_or_blank(line) for line in text.lines):
        return fail(1, 1, "the file is empty; " + EXAMPLE)
    try:
        root = yaml.compose(decoded, Loader=_Loader)
    except yaml.reader.ReaderError as error:
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        return fail(*text.at_offset(error.position), f"character {character} is a control character, which "
                    "YAML does not allow in a file; delete it (it is often invisible: retype the text around it)")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and ("end of stream" in (error.problem or "") or error.context == _SIMPLE_KEY):
            # An unclosed quote or bracket: point at where it opened. A line that is not a key (one dedented
            # out of a block of text) is read as the start of one, and found wanting lines later: point at it.
            mark = error.context_mark
        line, column = text.locate(mark) if mark else (1, 1)
        return fail(line, column, _explain_syntax_error(error, text, line, column))
    except yaml.YAMLError as error:
        return fail(1, 1, "is not valid YAML: " + " ".join(str(error).split()))
    except RecursionError:
        return fail(1, 1, "is nested too deeply to read; a scenario needs only a few levels")
    if root is None:
        return fail(1, 1, "the file is empty; " + EXAMPLE)
    return Loaded(root, text=text)


class NotARegularFile(OSError):
    """A path that names a folder, a FIFO, a device or a socket: nothing a scenario can be read from."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of `path`, which must be a regular file (a link to one is followed).

    Opened without blocking and checked before any read: a FIFO named like a scenario would otherwise
    wait forever for a writer, and a device such as /dev/zero would never end.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(f"is {kind_of(mode)}, not a regular file; a scenario is a plain text file, "
                                  "so remove it or rename it to start with '_'")
        return file.read(limit)


def kind_of(mode: int) -> str:
    """What a file mode names, in words: "a folder", "a named pipe (FIFO)"..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _explain_syntax_error(error: yaml.MarkedYAMLError, text: SourceText, line: int, column: int) -> str:
    """Say what went wrong in an editor's words, keeping PyYAML's own words as a hint."""
    problem = (error.problem or "").strip()
    lines = text.lines
    here = lines[line - 1] if line - 1 < len(lines) else ""
    if "\t" in problem or "\\t" in problem or here[:column].lstrip(" ").startswith("\t"):
        return "a tab is used for indentation; YAML indents with spaces only (replace the tab with spaces)"
    if "expected a single document" in str(error):
        return "holds more than one YAML document ('---' line); a scenario file holds exactly one"
    if error.context == _SIMPLE_KEY:
        return ("this line is neither a 'key: value' line nor indented as the text above it; if it belongs "
                "to that text, indent it like the text's other lines (if it is a key, add ': ' after it)")
    context = f"{error.context}, " if error.context else ""
    return (f"is not valid YAML ({context}{problem}); check the indentation and quoting "
            "near this line; text containing ': ' or starting with a quote or '[' needs quotes "
            "around the whole value")
