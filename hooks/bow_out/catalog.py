"""All scenario files together: ids, declared categories, links, and the rules that span files."""

from __future__ import annotations

import difflib
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import anchors, editorial, questions, render
from .addresses import category_src, generated_pages, guide_src, page_url, site_path, slugify
from .cache import BuildCache
from .checker import Checker
from .languages import PRIMARY, Language, language
from .loader import SourceText, kind_of, load_yaml
from .problems import Problem, ScenarioError, did_you_mean, quoted
from .scenario import Scenario, read_scenario
from .schema import ANSWER_ID, ID_PATTERN, OTHER_COUNTRY, SCENARIO, Field, ListOf, Object, Text

TAGS_SRC = "tags.md"  # the tag index, where Material's tags plugin lists every topic
RESERVED_IDS = frozenset({"index"})  # guides/index.md lists every category
SCENARIO_SUFFIXES = (".yml", ".yaml")
CATEGORIES_FILE = "_categories.yml"
COUNTRIES_FILE = "_countries.yml"
SCENARIO_REQUIRED = tuple(f.key for f in SCENARIO.fields if f.required)

CATEGORY_LIST = ListOf(Object("category", (
    Field("name", Text(max_length=60), "the category as scenarios spell it", required=True),
    Field("description", Text(max_length=200), "one line shown under the category", required=True),
)))

COUNTRY_LIST = ListOf(Object("country", (
    Field("id", ANSWER_ID, "what `when: {country: ...}` and page addresses call it, e.g. uk", required=True),
    Field("name", Text(max_length=60), "the country as readers of the edition name it", required=True),
)))


@dataclass
class Category:
    """A reason group: its guides sorted by title."""

    name: str
    description: str
    scenarios: list[Scenario] = field(default_factory=list)


@dataclass
class Catalog:
    """Every valid scenario, by id; the categories in display order; notes on editorial standards."""

    scenarios: dict[str, Scenario]
    categories: list[Category]
    hand_written: dict[str, str] = field(default_factory=dict)  # URL path -> docs source path
    notes: list[Problem] = field(default_factory=list)  # editorial findings, not errors of the contract
    language: Language = field(default_factory=lambda: language(PRIMARY))
    countries: dict[str, str] = field(default_factory=dict)  # id -> name, as declared (without "other")
    remarks: list[Problem] = field(default_factory=list)  # worth a look, but fail nothing (look-alike categories)


def scenario_files(folder: Path) -> list[Path]:
    """The entries directly in `folder` that are meant as scenarios (not _shared, .hidden or backups)."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir()
                  if path.suffix.lower() in SCENARIO_SUFFIXES and not path.name.startswith(("_", ".")))


def scenario_ids(folder: Path) -> set[str]:
    """The ids of the scenario files in `folder`, valid or not."""
    return {path.stem for path in scenario_files(folder)}


def docs_pages(docs_dir: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """URL path -> source path of every hand-written Markdown page in `docs_dir`, but in folders `skip`."""
    pages = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if not any(part.startswith(".") for part in src.split("/")) and src.split("/")[0] not in skip:
            pages[page_url(src)] = src
    return pages


def load_catalog(scenarios_dir: Path, docs_dir: Path | None = None, *, cache: BuildCache | None = None,
                 lang: Language | None = None, originals: set[str] | None = None,
                 skip_docs: tuple[str, ...] = (), standards: bool = True,
                 english_categories: Callable[[], dict[str, str]] | None = None) -> Catalog:
    """Read and check every scenario; raise ScenarioError listing every problem in every file.

    One run reports everything: the rules across files (categories, related guides, links) and the
    editorial standards are checked on what each file holds that is valid, even when that file has
    problems of its own. With `docs_dir`, links to pages and headings of the site are checked against
    its hand-written pages (but those in folders `skip_docs`) and the generated ones. `lang` is the
    edition (English by default); for a translation, `originals` are the English ids each file must
    match, and `english_categories` gives each English guide's category (asked only when a category is
    not declared, to suggest this edition's name for it). `cache` keeps readings for the next call
    (`mkdocs serve`). With `standards`, the editorial standards are checked too, as notes.
    """
    cache = cache if cache is not None else BuildCache()
    lang = lang or language(PRIMARY)
    shown_folder = lang.shown_folder
    problems: list[Problem] = []
    scenarios: dict[str, Scenario] = {}  # every file with an id, for clashes and `related`
    readable: dict[str, Scenario] = {}  # those that hold a mapping: the rules across files check them
    valid: dict[str, Scenario] = {}  # those without a problem of their own: these make pages
    paths: list[Path] = []
    for path in scenario_files(scenarios_dir):
        shown_path = f"{shown_folder}{path.name}"
        if problem := _file_name_problem(path, shown_path, scenarios, originals):
            problems.append(problem)
            continue
        reading = cache.reading(path, lambda path=path, shown_path=shown_path: read_scenario(
            path, path.stem, shown_path, lang, standards=standards), variant=standards)
        if reading is None:
            continue  # deleted since the folder was listed: the next build will not look for it
        paths.append(path)
        scenario, file_problems = reading
        problems.extend(file_problems)
        # Placeholder for an unreadable file, so that a second file with its id is still a clash.
        scenarios[path.stem] = scenario if scenario is not None else Scenario(path.stem, shown_path, {}, {})
        if scenario is not None:
            readable[path.stem] = scenario
            if not file_problems:
                valid[path.stem] = scenario
    cache.keep_only(paths, valid)

    declared, category_problems, look_alikes = _read_categories(scenarios_dir / CATEGORIES_FILE,
                                                                shown_folder + CATEGORIES_FILE)
    problems.extend(category_problems)
    problems.extend(_check_related(readable, set(scenarios), lang, originals or set()))
    problems.extend(_check_categories(readable, declared, lang, shown_folder + CATEGORIES_FILE,
                                      english_categories))
    countries, country_problems = _read_countries(scenarios_dir / COUNTRIES_FILE, shown_folder + COUNTRIES_FILE)
    problems.extend(country_problems)
    for id_, scenario in readable.items():
        problems.extend(questions.check_countries(scenario, countries, shown_folder + COUNTRIES_FILE,
                                                  dead_ends=id_ in valid))
    if originals is not None:
        # A translation's folder sits in the English one (scenarios/es/ in scenarios/).
        problems.extend(_check_translated_questions(readable, scenarios_dir.parent))
    for scenario in valid.values():
        scenario.asks = questions.asks(scenario.data, scenario.depends_on, countries, lang)
    hand_written = docs_pages(docs_dir, skip_docs) if docs_dir is not None else {}
    catalog = Catalog(dict(sorted(valid.items())), _group(valid, declared, lang), hand_written, [], lang,
                      countries, remarks=look_alikes)
    if docs_dir is not None:
        problems.extend(_check_site_links(readable, catalog, docs_dir))
    notes: list[Problem] = []
    if standards:
        complete = {id_: s for id_, s in readable.items() if _complete(s.data)}
        notes = sorted([*(note for scenario in complete.values() for note in editorial.findings(scenario, lang)),
                        *(note for scenario in readable.values() for note in scenario.notes),
                        *editorial.near_copies(complete)])
    if problems:
        raise ScenarioError(problems, notes=notes, remarks=look_alikes)
    catalog.notes = notes
    return catalog


def _complete(data: dict[str, Any]) -> bool:
    """Whether a file's valid part has all the editorial standards look at (all of it, in a valid file)."""
    return all(key in data for key in SCENARIO_REQUIRED) and all(
        "kind" in letter and "body" in letter for letter in data["letters"]) and all(
        isinstance(step, dict) for step in data["advice"])


def _file_name_problem(path: Path, shown_path: str, seen: dict[str, Scenario],
                       originals: set[str] | None) -> Problem | None:
    def problem(message: str) -> Problem:
        return Problem(shown_path, 1, 1, "(file name)", message)

    name, stem = path.name, path.stem
    if path.suffix not in SCENARIO_SUFFIXES:
        return problem(f"{quoted(name)} ends in '{path.suffix}'; scenario files end in lowercase .yml or .yaml, "
                       f"e.g. '{stem}.yml'")
    try:
        mode = path.stat().st_mode  # where a link leads, without opening or walking it
    except OSError:
        if path.is_symlink():
            return problem(f"{quoted(name)} is a link to a file that does not exist; remove the link or restore "
                           "its file")
        return None  # deleted since the folder was listed: the reading finds it gone and skips it
    if path.is_symlink() and not stat.S_ISREG(mode):
        return problem(f"{quoted(name)} is a link to {kind_of(mode)}, not to a file; a scenario is a file, so "
                       "remove the link (scenarios/ is read one file at a time, never through a link to a folder)")
    if stat.S_ISDIR(mode):
        return problem(f"{quoted(name)} is a folder; a scenario is a file, so rename the folder "
                       "(folders in scenarios/ hold other languages or shared data)")
    if not stat.S_ISREG(mode):
        return problem(f"{quoted(name)} is {kind_of(mode)}, not a regular file; a scenario is a plain text file, "
                       "so remove it or rename it to start with '_'")
    if not _is_id(stem):
        return problem(f"{quoted(name)} is not a valid scenario file name: use lowercase letters, digits and "
                       f"single hyphens, e.g. '{slugify(stem)}{path.suffix}'")
    if stem in RESERVED_IDS:
        return problem(f"'{stem}' is reserved for the site's own page under guides/; choose another file name")
    if stem in seen:
        return problem(f"two files have the id '{stem}' ({seen[stem].shown_path} and {shown_path}); "
                       "rename or remove one")
    if originals is not None and stem not in originals:
        return problem(f"there is no English guide 'scenarios/{stem}.yml' for this translation"
                       f"{did_you_mean(stem, originals, chr(39) + '{}.yml' + chr(39))}; a translation keeps the "
                       "file name of the English guide it translates")
    return None


def _is_id(text: str) -> bool:
    return re.fullmatch(ID_PATTERN, text) is not None


def _read_list(path: Path, shown_path: str, list_type: ListOf) -> tuple[Checker, list[dict[str, str]]]:
    """The entries of a shared list such as _categories.yml (none if the file is missing), and the checker
    that holds their problems and positions."""
    if not path.is_file():
        return Checker(shown_path, SourceText("")), []
    loaded = load_yaml(path, shown_path)
    checker = Checker(shown_path, loaded.text)
    if loaded.root is None:
        checker.problems.extend(loaded.problems)
        return checker, []
    checker.enter(loaded.root, "")
    return checker, list_type.check(checker, loaded.root, "") or []


def _read_categories(path: Path, shown_path: str) -> tuple[dict[str, str], list[Problem], list[Problem]]:
    """The declared categories, in display order, with their descriptions; problems; look-alike remarks."""
    checker, entries = _read_list(path, shown_path, CATEGORY_LIST)
    declared: dict[str, str] = {}
    by_address: dict[str, str] = {}
    remarks: list[Problem] = []
    for index, entry in enumerate(entries):
        if "name" not in entry or "description" not in entry:
            continue
        name, at = entry["name"], checker.position_of(f"[{index}].name")
        address = category_src(name)
        if address in by_address:
            other = by_address[address]
            checker.report(None, f"[{index}].name", f"{quoted(name)} is listed twice" if other == name else
                           f"{quoted(name)} and {quoted(other)} would share the page /{page_url(address)}; "
                           "rename one so that they differ in letters or digits", at=at)
            continue
        if look_alike := next((other for other in declared if _one_letter_apart(name, other)), None):
            remarks.append(Problem(shown_path, *(at or (1, 1)), f"[{index}].name",
                                   f"{quoted(name)} is a letter away from {quoted(look_alike)}, declared above; "
                                   "if they are meant to be one category, keep one name (a note: both build)"))
        by_address[address] = name
        declared[name] = entry["description"]
    return declared, checker.problems, remarks


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two names differ only by one letter added, dropped or changed (case and spacing aside)."""
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    opcodes = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    return len(opcodes) == 1 and max(opcodes[0][2] - opcodes[0][1], opcodes[0][4] - opcodes[0][3]) == 1


def _read_countries(path: Path, shown_path: str) -> tuple[dict[str, str], list[Problem]]:
    """The declared countries, in the order readers choose from, by id."""
    checker, entries = _read_list(path, shown_path, COUNTRY_LIST)
    declared: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if "id" not in entry or "name" not in entry:
            continue
        id_, at = entry["id"], checker.position_of(f"[{index}].id")
        if id_ == OTHER_COUNTRY:
            checker.report(None, f"[{index}].id", f"'{OTHER_COUNTRY}' is built in: it is every reader outside the "
                           "declared countries (\"Somewhere else\"); remove this entry", at=at)
        elif id_ in declared:
            checker.report(None, f"[{index}].id", f"'{id_}' is listed twice; remove one", at=at)
        else:
            declared[id_] = entry["name"]
    return declared, checker.problems


def _check_translated_questions(scenarios: dict[str, Scenario], primary_folder: Path) -> list[Problem]:
    """A translation declares the same questions as its English twin: ids and option ids, in order."""
    problems = []
    for scenario in scenarios.values():
        twin = next((primary_folder / f"{scenario.id}{suffix}" for suffix in SCENARIO_SUFFIXES
                     if (primary_folder / f"{scenario.id}{suffix}").is_file()), None)
        english = _declared_questions(twin) if twin is not None else None
        mine = questions.question_shape(scenario.data)
        if english is None or english == mine:
            continue
        problems.append(Problem(scenario.shown_path, *scenario.positions.get("questions", (1, 1)),
                                "questions" if mine else "(file)",
                                questions.translation_message(mine, english, f"scenarios/{twin.name}")))
    return problems


def _declared_questions(path: Path) -> list[tuple[str, list[str]]] | None:
    """The question ids and option ids an English guide declares, as written; None if it cannot be read
    (its own edition says why). Only the ids are read: the English edition checks the rest."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("questions:") and "\nquestions:" not in text:
        return []  # most guides: no need to parse the file
    loaded = load_yaml(path, path.name)
    if not isinstance(loaded.root, yaml.MappingNode):
        return None
    node = next((value for key, value in loaded.root.value if key.value == "questions"), None)
    if not isinstance(node, yaml.SequenceNode):
        return None
    shape = []
    for item in node.value:
        fields = {key.value: value for key, value in item.value if isinstance(key, yaml.ScalarNode)} if isinstance(
            item, yaml.MappingNode) else {}
        options = fields.get("options")
        if not isinstance(fields.get("id"), yaml.ScalarNode) or not isinstance(options, yaml.MappingNode):
            return None
        shape.append((fields["id"].value, [key.value for key, _ in options.value if isinstance(key, yaml.ScalarNode)]))
    return shape


def _check_categories(scenarios: dict[str, Scenario], declared: dict[str, str], lang: Language, shown_path: str,
                      english_categories: Callable[[], dict[str, str]] | None) -> list[Problem]:
    known = [*declared, lang.default_category]
    problems = []
    for scenario in scenarios.values():
        name = scenario.data["category"]
        if name in known:
            continue
        hint = did_you_mean(name, known) or _counterpart(name, scenarios, known, lang, english_categories)
        listing = "" if hint else f" ({', '.join(map(quoted, known))})"
        problems.append(Problem(
            scenario.shown_path, *scenario.positions.get("category", (1, 1)), "category",
            f"{quoted(name)} is not a declared category{hint}; use one of the categories in {shown_path}{listing}, "
            "or declare a new one there with a description (- name: ...  description: ...)"))
    return problems


def _counterpart(name: str, scenarios: dict[str, Scenario], known: list[str], lang: Language,
                 english_categories: Callable[[], dict[str, str]] | None) -> str:
    """For an English category in a translation (a guide copied over): the category this edition's
    translations of that category's English guides use, as a "did you mean"."""
    if english_categories is None:
        return ""
    english = english_categories()
    used = Counter(other.data["category"] for other in scenarios.values()
                   if english.get(other.id) == name and other.data["category"] in known)
    if not used:
        return ""
    counterpart = used.most_common(1)[0][0]
    return (f" (did you mean {quoted(counterpart)}? It is what the {lang.name} translations of the English "
            f"guides in {quoted(name)} use)")


def _check_related(scenarios: dict[str, Scenario], all_ids: set[str], lang: Language,
                   originals: set[str]) -> list[Problem]:
    problems = []
    for scenario in scenarios.values():
        for index, related_id in enumerate(scenario.data.get("related", [])):
            if related_id == scenario.id:
                message = "a guide cannot be related to itself"
            elif related_id not in all_ids and related_id in originals:
                message = (f"'{related_id}' has no {lang.name} translation yet ({lang.shown_folder}{related_id}.yml); "
                           "translate it first or leave it out of related")
            elif related_id not in all_ids:
                message = (f"there is no scenario {quoted(related_id)}" + did_you_mean(related_id, scenarios)
                           + "; related lists ids of files in scenarios/")
            else:
                continue
            key = f"related[{index}]"  # located only now: a build locates keys by reading the file again
            problems.append(Problem(scenario.shown_path, *scenario.positions.get(key, (1, 1)), key, message))
    return problems


def _check_site_links(scenarios: dict[str, Scenario], site: Catalog, docs_dir: Path) -> list[Problem]:
    """Every link to a page or heading of the site reaches one, so that a strict build cannot fail later.

    `scenarios` are the files whose links are checked; `site` is the catalog of the valid ones, whose
    pages are rendered (only those that links point into) to find their headings as the build makes them.
    """
    categories = {s.data["category"] for s in scenarios.values()}
    pages = {**site.hand_written, **generated_pages(scenarios, categories)}
    page_anchors: dict[str, set[str] | None] = {}

    def has_anchor(url: str, fragment: str) -> bool:
        if url not in page_anchors:  # worked out only when a link needs it
            page_anchors[url] = rendered_anchors(site, docs_dir, pages[url])
        known = page_anchors[url]
        return known is None or fragment in known

    problems = []
    for scenario in scenarios.values():
        own_url = page_url(guide_src(scenario.id))
        for key, target, at in scenario.site_links:
            page, _, fragment = target.partition("#")
            url = site_path(page) if page else own_url
            if url not in pages:
                problems.append(Problem(scenario.shown_path, *at, key, f"links to {quoted(target)}, but this site has "
                                        "no such page" + did_you_mean(url, pages, "'/{}'")))
            elif fragment.startswith("tag:") and url == page_url(TAGS_SRC):
                problems.append(Problem(scenario.shown_path, *at, key, f"links to {quoted(target)}, a topic on the "
                                        "tag index, which the build cannot check (the tags plugin writes those "
                                        f"headings after MkDocs checks links); link to /{url} itself"))
            elif fragment and not has_anchor(url, fragment):
                problems.append(Problem(scenario.shown_path, *at, key, f"links to {quoted(target)}, but "
                                        f"/{url} has no heading '#{fragment}'"
                                        + did_you_mean(fragment, page_anchors[url] or (), "'#{}'")))
    return problems


def rendered_anchors(site: Catalog, docs_dir: Path, src: str) -> set[str] | None:
    """The heading ids of a page as it will be built; None for a guide that cannot be rendered yet (its own
    file, or one it relates to, has problems: those are reported, and its links are checked once fixed)."""
    if src in site.hand_written.values():
        markdown = (docs_dir / src).read_text(encoding="utf-8", errors="replace")
        return anchors.of_markdown(render.fill_markers(markdown, src, site))
    try:
        return anchors.of_markdown(render.generated_page(site, src))
    except KeyError:
        return None


def _group(scenarios: dict[str, Scenario], declared: dict[str, str], lang: Language) -> list[Category]:
    by_name: dict[str, Category] = {}
    for scenario in sorted(scenarios.values(), key=lambda s: (s.title.casefold(), s.id)):
        name = scenario.data["category"]
        if name not in by_name:
            by_name[name] = Category(name, declared.get(name, lang.default_category_description))
        by_name[name].scenarios.append(scenario)
    order = {name: index for index, name in enumerate([*declared, lang.default_category])}
    return sorted(by_name.values(), key=lambda c: order.get(c.name, len(order)))  # undeclared: reported, last
