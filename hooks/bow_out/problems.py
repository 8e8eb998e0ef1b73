"""Located problems in scenario files, and "did you mean" suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Anything that could end a problem's line or steer a terminal (escape sequences) is shown escaped.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` on one line with nothing a terminal would act on: '\\n', '\\x1b' and the like escaped."""
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
    """Raised with every problem found, so that one run reports them all."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(summary(self.problems, "problem"))

    def report(self) -> str:
        """Every problem, one per line, followed by the summary."""
        return "\n".join([*map(str, self.problems), f"{self}: fix the lines above and save again."])


def summary(problems: list[Problem], noun: str) -> str:
    """'3 problems in 2 scenario files'."""
    files = len({problem.shown_path for problem in problems})
    return f"{len(problems)} {noun}{'s' * (len(problems) != 1)} in {files} scenario file{'s' * (files != 1)}"


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


def did_you_mean(word: str, known: Iterable[str], template: str = "'{}'") -> str:
    """A message ending such as " (did you mean 'title'?)", or "" when nothing is close."""
    match = suggest(word, known)
    return f" (did you mean {template.format(match)}?)" if match else ""


def quoted(value: str, limit: int = 60) -> str:
    """A value from a scenario file, quoted for a message and cut short if long."""
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return f"'{value}'"
