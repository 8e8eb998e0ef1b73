"""What one build leaves for the next, so that `mkdocs serve` redoes only what an edit touched.

The MkDocs adapter owns one `BuildCache` for the life of the process; the engine's functions take it
as an argument and keep no state of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def _remembered(store: dict[Hashable, tuple[Any, Any]], key: Hashable, version: Any, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave before for `key` if `version` is the same as then."""
    kept = store.get(key)
    if kept is None or kept[0] != version:
        kept = store[key] = (version, compute())
    return kept[1]


@dataclass
class BuildCache:
    """Readings of scenario files by path, size and mtime; rendered guides by id and what they show."""

    readings: dict[Hashable, tuple[Any, Any]] = field(default_factory=dict)
    guides: dict[Hashable, tuple[Any, Any]] = field(default_factory=dict)

    def reading(self, path: Path, read: Callable[[], T], variant: Hashable = None) -> T | None:
        """`read()`, or its result from an earlier build if the file is unchanged and was read the same way
        (`variant`); None if it is gone."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        return _remembered(self.readings, path, (stat.st_size, stat.st_mtime_ns, variant), read)

    def guide(self, scenario_id: str, shows: Any, render: Callable[[], str]) -> str:
        """A guide's Markdown: rendered again only if what its page `shows` has changed."""
        return _remembered(self.guides, scenario_id, shows, render)

    def keep_only(self, paths: Iterable[Path], scenario_ids: Iterable[str]) -> None:
        """Forget the readings and guides of files and scenarios that are gone (deleted or renamed)."""
        paths, scenario_ids = set(paths), set(scenario_ids)
        self.readings = {key: kept for key, kept in self.readings.items() if key in paths}
        self.guides = {key: kept for key, kept in self.guides.items() if key in scenario_ids}
