"""Read one YAML file into position-carrying nodes, turning every failure into a Problem.

PyYAML's composer keeps the line and column of every node; we stop there and never construct
Python objects, so YAML tags cannot run code and aliases cannot multiply.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

MAX_FILE_BYTES = 256 * 1024

# The C parser is several times faster and keeps positions just the same.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

EXAMPLE = ("a scenario has at least the keys title, summary, situation, advice and letters "
           "(copy scenarios/_template.yml to start)")


@dataclass(frozen=True)
class Loaded:
    """The root node of a file, or the problems that kept us from reading it."""

    root: yaml.Node | None
    problems: tuple[Problem, ...] = ()
    lines: tuple[str, ...] = ()  # the decoded text, to locate problems inside block scalars


def load_yaml(path: Path, shown_as: str) -> Loaded:
    """Parse `path` into nodes; `shown_as` is the name used in problems."""

    def fail(line: int, column: int, message: str) -> Loaded:
        return Loaded(None, (Problem(shown_as, line, column, "(file)", message),))

    try:
        data = path.read_bytes()
    except OSError as error:
        return fail(1, 1, f"cannot be read: {error.strerror}")
    if len(data) > MAX_FILE_BYTES:
        return fail(1, 1, f"is {len(data):,} bytes; a scenario file may be at most "
                    f"{MAX_FILE_BYTES:,} bytes. Split it into two guides.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return fail(line, column, f"byte 0x{data[error.start]:02x} is not UTF-8; "
                    "save the file as UTF-8 (most editors offer this under 'Save with encoding')")
    lines = tuple(text.splitlines())
    if all(_is_comment_or_blank(line) for line in lines):
        return fail(1, 1, "the file is empty; " + EXAMPLE)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "end of stream" in (error.problem or "") and error.context_mark:
            mark = error.context_mark  # an unclosed quote or bracket: point at where it opened
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(line, column, _explain_syntax_error(error, text, mark))
    except yaml.YAMLError as error:
        return fail(1, 1, f"is not valid YAML: {error}")
    except RecursionError:
        return fail(1, 1, "is nested too deeply to read; a scenario needs only a few levels")
    if root is None:
        return fail(1, 1, "the file is empty; " + EXAMPLE)
    return Loaded(root, lines=lines)


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _explain_syntax_error(error: yaml.MarkedYAMLError, text: str, mark: yaml.Mark | None) -> str:
    """Say what went wrong in an editor's words, keeping PyYAML's own words as a hint."""
    problem = (error.problem or "").strip()
    lines = text.splitlines()
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in problem or "\\t" in problem or (mark and here[: mark.column + 1].lstrip(" ").startswith("\t")):
        return "a tab is used for indentation; YAML indents with spaces only (replace the tab with spaces)"
    if "expected a single document" in str(error):
        return "holds more than one YAML document ('---' line); a scenario file holds exactly one"
    context = f"{error.context}, " if error.context else ""
    return (f"is not valid YAML ({context}{problem}); check the indentation and quoting "
            "near this line; text containing ': ' or starting with a quote or '[' needs quotes "
            "around the whole value")
