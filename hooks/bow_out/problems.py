"""Located problems in scenario files, and "did you mean" suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a place an editor's terminal can click on."""

    file: str  # path shown to the editor, e.g. "scenarios/another-offer.yml"
    line: int  # counted from 1
    column: int  # counted from 1
    path: str  # key path such as "letters[1].subject", or "(file)"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"


class ScenarioError(Exception):
    """Raised with every problem found, so that one run reports them all."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        files = {problem.file for problem in self.problems}
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' * (count != 1)} in {len(files)} "
            f"scenario file{'s' * (len(files) != 1)}"
        )

    def report(self) -> str:
        """Every problem, one per line, followed by the summary."""
        lines = [str(problem) for problem in self.problems]
        return "\n".join([*lines, f"{self}: fix the lines above and save again."])


def suggest(word: str, known: Iterable[str]) -> str | None:
    """The known word an editor most likely meant, if one is close enough."""
    known = list(known)
    folded = {" ".join(k.lower().split()): k for k in known}
    exact = folded.get(" ".join(word.lower().split()))
    if exact is not None:
        return exact
    close = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def did_you_mean(word: str, known: Iterable[str], template: str = "'{}'") -> str:
    """A message ending such as " (did you mean 'title'?)", or "" when nothing is close."""
    match = suggest(word, known)
    return f" (did you mean {template.format(match)}?)" if match else ""
