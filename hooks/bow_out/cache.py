"""What one build leaves for the next, so that `mkdocs serve` redoes only what an edit touched.

The MkDocs adapter owns one `BuildCache` for the life of the process; the engine's functions take it
as an argument and keep no state of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FileKey = tuple[int, int]  # size and modification time


@dataclass
class BuildCache:
    """Readings of scenario files by path, size and mtime; rendered guides by id and what they show."""

    readings: dict[Path, tuple[FileKey, Any]] = field(default_factory=dict)
    guides: dict[str, tuple[Any, str]] = field(default_factory=dict)

    def reading(self, path: Path, read: Callable[[], T]) -> T | None:
        """`read()`, or its result from an earlier build if the file is unchanged; None if it is gone."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        key = (stat.st_size, stat.st_mtime_ns)
        cached = self.readings.get(path)
        if cached is None or cached[0] != key:
            cached = self.readings[path] = (key, read())
        return cached[1]

    def keep_readings(self, paths: Iterable[Path]) -> None:
        """Forget the readings of files not in `paths` (deleted or renamed)."""
        keep = set(paths)
        self.readings = {path: entry for path, entry in self.readings.items() if path in keep}

    def guide(self, scenario_id: str, shows: Any, render: Callable[[], str]) -> str:
        """A guide's Markdown: rendered again only if what its page `shows` has changed."""
        cached = self.guides.get(scenario_id)
        if cached is None or cached[0] != shows:
            cached = self.guides[scenario_id] = (shows, render())
        return cached[1]

    def keep_guides(self, scenario_ids: Iterable[str]) -> None:
        """Forget the guides not in `scenario_ids`."""
        keep = set(scenario_ids)
        self.guides = {id_: entry for id_, entry in self.guides.items() if id_ in keep}
