"""All scenario files together: ids, categories and the rules that span files."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import second_core
from .addresses import generated_pages, site_path, slugify
from .loader import load_yaml
from .nodes import Checker
from .problems import Problem, ScenarioError, did_you_mean
from .scenario import Scenario, read_scenario
from .schema import DEFAULT_CATEGORY, ID_PATTERN, Field, ListOf, Object, Text

RESERVED_IDS = frozenset({"index"})  # guides/index.md lists every category
SCENARIO_SUFFIXES = (".yml", ".yaml")
CATEGORIES_FILE = "_categories.yml"

CATEGORY_LIST = ListOf(Object("category", (
    Field("name", Text(max_length=60), "the category as scenarios spell it", required=True),
    Field("description", Text(max_length=200), "one line shown under the category", required=True),
)))

Reading = tuple[Scenario | None, list[Problem]]  # a valid scenario, or the file's problems
HELPER_MIN_FILES = 16  # fewer changed files than this are read faster than a helper starts

# Parsed files keyed by path, size and modification time: `mkdocs serve` re-reads only what changed.
_cache: dict[Path, tuple[tuple[int, int, str], Reading]] = {}


@dataclass
class Category:
    """A reason group: its guides sorted by title."""

    name: str
    description: str
    scenarios: list[Scenario] = field(default_factory=list)


@dataclass
class Catalog:
    """Every valid scenario, by id, and the categories in display order."""

    scenarios: dict[str, Scenario]
    categories: list[Category]


def scenario_files(folder: Path) -> list[Path]:
    """The files directly in `folder` that are scenarios (not _shared, .hidden, backups or folders)."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix in SCENARIO_SUFFIXES and not path.name.startswith(("_", "."))
    )


def load_catalog(folder: Path, shown_prefix: str, site_pages: set[str] | None = None, *,
                 use_second_core: bool = False) -> Catalog:
    """Read and check every scenario; raise ScenarioError listing every problem in every file.

    `site_pages` holds the URL paths of the site's hand-written pages ("", "tags/", ...); when
    given, links to pages of this site are checked against it and the guides. With
    `use_second_core`, a helper process reads nearly half of the changed files.
    """
    problems: list[Problem] = []
    scenarios: dict[str, Scenario] = {}
    files = scenario_files(folder)
    to_read: list[tuple[Path, str, str]] = []
    ids: dict[str, str] = {}
    for path in files:
        shown = f"{shown_prefix}{path.name}"
        scenario_id = path.stem
        if not re.match(ID_PATTERN, scenario_id):
            problems.append(Problem(shown, 1, 1, "(file name)", f"'{path.name}' is not a valid scenario "
                                    "file name: use lowercase letters, digits and single hyphens, e.g. "
                                    f"'{slugify(scenario_id)}{path.suffix}'"))
        elif scenario_id in RESERVED_IDS:
            problems.append(Problem(shown, 1, 1, "(file name)", f"'{scenario_id}' is reserved for the "
                                    "site's own page under guides/; choose another file name"))
        elif scenario_id in ids:
            problems.append(Problem(shown, 1, 1, "(file name)", f"two files have the id '{scenario_id}' "
                                    f"({ids[scenario_id]} and {shown}); rename or remove one"))
        else:
            ids[scenario_id] = shown
            to_read.append((path, scenario_id, shown))
    for scenario, file_problems in _read_all(to_read, use_second_core):
        problems.extend(file_problems)
        if scenario is not None:
            scenarios[scenario.id] = scenario
    for stale in set(_cache) - set(files):
        del _cache[stale]

    listed, category_problems = _read_categories(folder / CATEGORIES_FILE, f"{shown_prefix}{CATEGORIES_FILE}")
    problems.extend(category_problems)
    problems.extend(_check_related(scenarios, {path.stem for path in files}))
    problems.extend(_check_categories(scenarios, listed))
    if site_pages is not None:
        categories = {scenario.data["category"] for scenario in scenarios.values()}
        pages = site_pages | set(generated_pages(scenarios, categories))
        problems.extend(_check_site_links(scenarios, pages))
    if problems:
        raise ScenarioError(problems)
    return _group(scenarios, listed)


def _read_all(jobs: list[tuple[Path, str, str]], use_second_core: bool) -> list[Reading]:
    """Each file's reading, in order: from the cache when unchanged, else read now."""
    keys = [_cache_key(path, shown) for path, _, shown in jobs]
    changed = [index for index, (job, key) in enumerate(zip(jobs, keys, strict=True))
               if _cache.get(job[0], (None,))[0] != key]
    if use_second_core and len(changed) >= HELPER_MIN_FILES and second_core.available():
        # The helper reads the rest while this process reads the first part: a little more than half,
        # as the helper starts later and sends its readings back.
        mine = len(changed) * 11 // 20
        theirs = [jobs[index] for index in changed[mine:]]
        with second_core.start_helper() as helper:
            pending = second_core.submit(helper, _read_each, theirs)
            readings = _read_each([jobs[index] for index in changed[:mine]])
            readings += second_core.outcome(pending, lambda: _read_each(theirs))
    else:
        readings = _read_each([jobs[index] for index in changed])
    for index, reading in zip(changed, readings, strict=True):
        _cache[jobs[index][0]] = (keys[index], reading)
    return [_cache[path][1] for path, _, _ in jobs]


def _read_each(jobs: list[tuple[Path, str, str]]) -> list[Reading]:
    return [read_scenario(path, scenario_id, shown) for path, scenario_id, shown in jobs]


def _cache_key(path: Path, shown: str) -> tuple[int, int, str]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, shown


def _read_categories(path: Path, shown: str) -> tuple[dict[str, str], list[Problem]]:
    """Category order and descriptions from the optional `_categories.yml`."""
    if not path.is_file():
        return {}, []
    loaded = load_yaml(path, shown)
    if loaded.root is None:
        return {}, list(loaded.problems)
    checker = Checker(shown, loaded.lines)
    checker.enter(loaded.root, "")
    entries = CATEGORY_LIST.check(checker, loaded.root, "") or []
    listed: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if "name" in entry and "description" in entry:
            if (close := _near_category(entry["name"], listed)) is not None:
                checker.report(None, f"[{index}].name", f"'{entry['name']}' is listed twice "
                               f"(as '{close}')", at=checker.positions.get(f"[{index}].name"))
            listed[entry["name"]] = entry["description"]
    return listed, checker.problems


def _near_category(name: str, known: dict[str, object] | list[str]) -> str | None:
    """A known category that `name` differs from only by case, spacing or a typo."""
    folded = " ".join(name.lower().split())
    for other in known:
        other_folded = " ".join(other.lower().split())
        if folded == other_folded or difflib.SequenceMatcher(None, folded, other_folded).ratio() >= 0.9:
            return other
    return None


def _check_categories(scenarios: dict[str, Scenario], listed: dict[str, str]) -> list[Problem]:
    counts: dict[str, int] = {}
    for scenario in scenarios.values():
        counts[scenario.data["category"]] = counts.get(scenario.data["category"], 0) + 1
    canonical = [*listed, DEFAULT_CATEGORY]
    wrong: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        if name in canonical:
            continue
        close = _near_category(name, canonical)
        if close is None:
            canonical.append(name)
        else:
            wrong[name] = close
    return [
        Problem(s.source, *s.positions.get("category", (1, 1)), "category",
                f"'{s.data['category']}' differs from the existing category '{wrong[s.data['category']]}' "
                f"only by case, spacing or a typo (did you mean '{wrong[s.data['category']]}'?)")
        for s in scenarios.values() if s.data["category"] in wrong
    ]


def _check_related(scenarios: dict[str, Scenario], all_ids: set[str]) -> list[Problem]:
    problems = []
    for scenario in scenarios.values():
        for index, related_id in enumerate(scenario.data.get("related", [])):
            path = f"related[{index}]"
            at = scenario.positions.get(path, (1, 1))
            if related_id == scenario.id:
                problems.append(Problem(scenario.source, *at, path, "a guide cannot be related to itself"))
            elif related_id not in all_ids:
                problems.append(Problem(scenario.source, *at, path, f"there is no scenario '{related_id}'"
                                        + did_you_mean(related_id, scenarios)
                                        + "; related lists ids of files in scenarios/"))
    return problems


def _check_site_links(scenarios: dict[str, Scenario], pages: set[str]) -> list[Problem]:
    problems = []
    for scenario in scenarios.values():
        for path, target, at in scenario.site_links:
            if site_path(target) not in pages:
                problems.append(Problem(scenario.source, *at, path, f"links to '{target}', but this site "
                                        "has no such page" + did_you_mean(
                                            site_path(target), pages, "'/{}'")))
    return problems


def _group(scenarios: dict[str, Scenario], listed: dict[str, str]) -> Catalog:
    by_name: dict[str, Category] = {}
    for scenario in sorted(scenarios.values(), key=lambda s: (s.title.casefold(), s.id)):
        name = scenario.data["category"]
        if name not in by_name:
            by_name[name] = Category(name, listed.get(name, ""))
        by_name[name].scenarios.append(scenario)
    order = {name: index for index, name in enumerate(listed)}
    categories = sorted(by_name.values(), key=lambda c: (
        order.get(c.name, len(order)), c.name == DEFAULT_CATEGORY, c.name.casefold()))
    return Catalog(dict(sorted(scenarios.items())), categories)
