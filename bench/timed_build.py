"""`mkdocs build -q -d site`, noting the CPU time spent inside the project's hooks.

Usage: python bench/timed_build.py REPORT.json (in the project folder). The report holds the CPU
seconds spent inside hook functions, by event. Wall time on a shared machine varies by several
percent from run to run; CPU time inside the hooks hardly depends on what else the machine does.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from mkdocs.__main__ import cli
from mkdocs.plugins import PluginCollection

hook_seconds: Counter[str] = Counter()
run_event = PluginCollection.run_event


def timed_run_event(self: PluginCollection, name: str, item: object = None, **kwargs: object) -> object:
    """MkDocs' own loop over an event's methods, timing those that come from `hooks:` files."""
    pass_item = item is not None
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        start = time.process_time()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        if self._current_plugin.endswith(".py"):  # hooks are named by their file
            hook_seconds[name] += time.process_time() - start
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def main() -> None:
    report = Path(sys.argv[1])
    PluginCollection.run_event = timed_run_event
    try:
        cli(["build", "-q", "-d", "site"], standalone_mode=False)
    finally:
        PluginCollection.run_event = run_event
    report.write_text(json.dumps({"hook_seconds": sum(hook_seconds.values()), "by_event": hook_seconds}))


if __name__ == "__main__":
    main()
