"""Located problems in scenario files, and "did you mean" suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Bidirectional controls: they reorder the text around them on screen, so a line can show one thing and
# say another (file names, placeholders and text fields refuse them; a problem line shows them escaped).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Anything that could end a problem's line, steer a terminal (escape sequences) or reorder it is shown escaped.
_UNPRINTABLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")


def printable(text: str) -> str:
    """`text` on one line with nothing a terminal would act on: '\\n', '\\x1b', U+202E and the like escaped."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a place an editor's terminal can click on."""

    shown_path: str  # the file as the editor knows it, e.g. "scenarios/another-offer.yml"
    line: int  # counted from 1
    column: int  # counted from 1
    key: str  # key path such as "letters[1].subject", or "(file)"
    message: str

    def __str__(self) -> str:
        return printable(f"{self.shown_path}:{self.line}:{self.column}: {self.key}: {self.message}")


class ScenarioError(Exception):
    """Raised with every problem found, so that one run reports them all.

    It carries the editorial findings (`notes`) and `remarks` found in the same run, so that fixing the
    problems brings no new round of messages.
    """

    def __init__(self, problems: Iterable[Problem], notes: Iterable[Problem] = (), remarks: Iterable[Problem] = ()):
        self.problems = sorted(problems)
        self.notes = sorted(notes)
        self.remarks = sorted(remarks)
        super().__init__(summary(self.problems, "problem"))

    def report(self) -> str:
        """Every problem, one per line, followed by the summary."""
        return "\n".join([*map(str, self.problems), f"{self}: fix the lines above and save again."])


def summary(problems: list[Problem], noun: str) -> str:
    """'3 problems in 2 scenario files'."""
    files = len({problem.shown_path for problem in problems})
    return f"{len(problems)} {noun}{'s' * (len(problems) != 1)} in {files} scenario file{'s' * (files != 1)}"


_WORDS = re.compile(r"\w{3,}")  # words that say something: "of" and "a" are shared by chance


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def suggest(word: str, known: Iterable[str]) -> str | None:
    """The known word an editor most likely meant: the same but for case and spacing, or a close typo."""
    folded = {_folded(k): k for k in known}
    exact = folded.get(_folded(word))
    if exact is not None:
        return exact
    close = difflib.get_close_matches(_folded(word), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def sharing_words(word: str, known: Iterable[str]) -> str | None:
    """The known label that shares the most words with `word` ('[Start]' for 'Start date'), if any does."""
    words = set(_WORDS.findall(word.casefold()))
    shared = {label: len(words & set(_WORDS.findall(label.casefold()))) for label in known}
    best = max(shared, key=shared.__getitem__, default=None)
    return best if best is not None and shared[best] else None


def did_you_mean(word: str, known: Iterable[str], template: str = "'{}'", by_words: bool = False) -> str:
    """A message ending such as " (did you mean 'title'?)", or "" when nothing is close.

    With `by_words`, a known label that shares a word is suggested when no spelling is close.
    """
    known = list(known)
    match = suggest(word, known) or (sharing_words(word, known) if by_words else None)
    return f" (did you mean {template.format(match)}?)" if match else ""


def quoted(value: str, limit: int = 60) -> str:
    """A value from a scenario file, quoted for a message and cut short if long."""
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return f"'{value}'"


def _workflow_data(text: str) -> str:
    """Text escaped for a GitHub Actions workflow command's message: '%', '\\r' and '\\n' as %25, %0D, %0A."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _workflow_property(text: str) -> str:
    """A workflow command property's value: escaped as its message is, and ':' and ',' too."""
    return _workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str = "error") -> str:
    """`problem` as a GitHub Actions workflow command (`::error file=...,line=...,col=...::...`), which a
    pull request shows on the line it is about. `level` is "error", "warning" or "notice"."""
    return (f"::{level} file={_workflow_property(problem.shown_path)},line={problem.line},col={problem.column}"
            f"::{_workflow_data(f'{problem.key}: {problem.message}')}")
