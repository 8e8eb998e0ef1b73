"""Findings about how a scenario file is written, located inside its text.

These are editorial findings, not errors: the page builds either way, but reads wrong or helps the
editor less. `make check` fails on them; `mkdocs serve` shows them as notes.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .checker import Checker
from .problems import Problem

SCHEMA_FILE = Path("docs/schema/scenario.schema.json")
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
_SENTENCE_ENDS = frozenset(".!?:;,…)\"”»'’")
_WRAP_WORDS = 6  # a line this long that stops on a bare word was wrapped, not ended


def wrapped_letter_lines(checker: Checker) -> Iterator[Problem]:
    """A line break inside a sentence of a letter's body.

    Letters keep their line breaks exactly (a reader copies them as they are), so a sentence wrapped
    across two lines breaks in two on the page, in the email app and in the feed. Told apart from a
    deliberate break (a greeting, a sign-off, a name under it) by the line's end: no punctuation, and
    either the next line goes on in lowercase or the line is a long run of words.
    """
    for node, path in checker.letter_texts:
        text = node.value
        if "\n" not in text.rstrip("\n"):
            continue
        offset = 0
        lines = text.split("\n")
        for line, following in itertools.pairwise(lines):
            offset += len(line) + 1
            end, start = line.rstrip(), following.lstrip()
            if not end or not start or end[-1] in _SENTENCE_ENDS:
                continue
            if start[0].islower() or (end[-1].isalnum() and len(end.split()) >= _WRAP_WORDS):
                yield Problem(checker.shown_path, *checker.text_position(node, offset - 1), path,
                              "a sentence goes on to the next line, and letters keep every line break, so it "
                              "would break in two on the page and in the reader's email; write each paragraph "
                              "on one line (editorial standard)")


def schema_modeline(checker: Checker, path: Path) -> Problem | None:
    """A `# yaml-language-server: $schema=...` first line whose relative path leads to no file.

    A guide copied one folder down (a translation in scenarios/es/) keeps a path that is wrong there, and
    the editor's language server then checks nothing, without a word.
    """
    first_line = checker.text.lines[0]
    match = _MODELINE.match(first_line)
    if not match or "://" in match[1] or (path.parent / match[1]).is_file():
        return None
    right = next((os.path.relpath(folder / SCHEMA_FILE, path.parent) for folder in path.absolute().parents
                  if (folder / SCHEMA_FILE).is_file()), None)
    fix = (f"write $schema={Path(right).as_posix()}, the path from this file's folder" if right
           else f"point it at {SCHEMA_FILE.as_posix()} from this file's folder")
    return Problem(checker.shown_path, 1, match.start(1) + 1, "(file)",
                   f"the $schema path '{match[1]}' leads to no file, so the editor checks nothing as you type; "
                   f"{fix} (editorial standard)")
