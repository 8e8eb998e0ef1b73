"""The languages the site is written in: what differs between editions, as data.

English is the primary edition: its scenarios sit in `scenarios/` and its pages in `docs/`. Another
language's sit in `scenarios/<code>/` and `docs/<code>/`, and each of its guides translates the English
guide with the same id.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..loader import SAFE_LOADER

PRIMARY = "en"
_FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class Language:
    """One edition's built-in placeholders, default category, letter limits and interface text."""

    code: str
    name: str  # in English, for messages to editors: "Spanish"
    default_category: str
    default_category_description: str
    placeholders: dict[str, str]  # built-in label -> hint for the reader
    max_words: dict[str, int]  # letter kind -> most words
    stage_labels: dict[str, str]  # stage -> how pages name it
    kind_labels: dict[str, str]  # letter kind -> how pages name it
    text: dict[str, str]  # what generated pages say around the scenarios' text, by key
    script: dict[str, str]  # what the page script says, by key: every page hands it these as JSON
    # The built-in questions' wording: {"country": {"ask", "other"}, "stage": {"ask"}}.
    questions: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def is_primary(self) -> bool:
        return self.code == PRIMARY

    def scenarios_folder(self, project: Path) -> Path:
        """Where this edition's scenario files are."""
        return project / "scenarios" if self.is_primary else project / "scenarios" / self.code

    def docs_folder(self, project: Path) -> Path:
        """Where this edition's hand-written pages are."""
        return project / "docs" if self.is_primary else project / "docs" / self.code

    @property
    def shown_folder(self) -> str:
        """The scenarios folder as problems name it."""
        return "scenarios/" if self.is_primary else f"scenarios/{self.code}/"


def codes() -> list[str]:
    """Every language the engine knows, the primary first."""
    found = sorted(path.stem for path in _FOLDER.glob("*.yml"))
    return [PRIMARY, *(code for code in found if code != PRIMARY)]


@functools.cache
def language(code: str) -> Language:
    """The language with this code ("en", "es"); KeyError if the engine does not know it."""
    path = _FOLDER / f"{code}.yml"
    if not path.is_file():
        raise KeyError(f"no language '{code}': the engine knows {', '.join(codes())}")
    # The C loader: the pure-Python one takes a twentieth of a second for the two files, on every build.
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    return Language(code=code, **data)
