"""All scenario files together: ids, declared categories, links, and the rules that span files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import anchors, editorial, questions
from .addresses import category_src, generated_pages, guide_src, page_url, site_path, slugify
from .cache import BuildCache
from .languages import PRIMARY, Language, codes, language
from .loader import Text as FileText
from .loader import load_yaml
from .nodes import Checker
from .problems import Problem, ScenarioError, did_you_mean, quoted
from .scenario import Scenario, read_scenario
from .schema import ANSWER_ID, ID_PATTERN, OTHER_COUNTRY, Field, ListOf, Object, Text

RESERVED_IDS = frozenset({"index"})  # guides/index.md lists every category
SCENARIO_SUFFIXES = (".yml", ".yaml")
CATEGORIES_FILE = "_categories.yml"
COUNTRIES_FILE = "_countries.yml"

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
                 skip_docs: tuple[str, ...] = (), standards: bool = True) -> Catalog:
    """Read and check every scenario; raise ScenarioError listing every problem in every file.

    With `docs_dir`, links to pages and headings of the site are checked against its hand-written
    pages (but those in folders `skip_docs`) and the generated ones. `lang` is the edition (English by
    default); for a translation, `originals` are the English ids each file must match. `cache` keeps
    readings for the next call (`mkdocs serve`). With `standards`, the editorial standards are checked
    too, as notes.
    """
    cache = cache if cache is not None else BuildCache()
    lang = lang or language(PRIMARY)
    shown_folder = lang.shown_folder
    problems: list[Problem] = []
    scenarios: dict[str, Scenario] = {}
    paths: list[Path] = []
    for path in scenario_files(scenarios_dir):
        shown_path = f"{shown_folder}{path.name}"
        if problem := _file_name_problem(path, shown_path, scenarios, originals):
            problems.append(problem)
            continue
        reading = cache.reading(path, lambda path=path, shown_path=shown_path: read_scenario(
            path, path.stem, shown_path, lang))
        if reading is None:
            continue  # deleted since the folder was listed: the next build will not look for it
        paths.append(path)
        scenario, file_problems = reading
        problems.extend(file_problems)
        # Placeholder for an unreadable file, so that a second file with its id is still a clash.
        scenarios[path.stem] = scenario if scenario is not None else Scenario(path.stem, shown_path, {}, {})
    valid = {id_: s for id_, s in scenarios.items() if s.data}
    cache.keep_only(paths, valid)

    declared, category_problems = _read_categories(scenarios_dir / CATEGORIES_FILE, shown_folder + CATEGORIES_FILE)
    problems.extend(category_problems)
    problems.extend(_check_related(valid, set(scenarios), lang, originals or set()))
    problems.extend(_check_categories(valid, declared, lang, shown_folder + CATEGORIES_FILE))
    countries, country_problems = _read_countries(scenarios_dir / COUNTRIES_FILE, shown_folder + COUNTRIES_FILE)
    problems.extend(country_problems)
    for scenario in valid.values():
        problems.extend(questions.check_countries(scenario, countries, shown_folder + COUNTRIES_FILE))
    if originals is not None:
        # A translation's folder sits in the English one (scenarios/es/ in scenarios/).
        problems.extend(_check_translated_questions(valid, scenarios_dir.parent))
    hand_written = docs_pages(docs_dir, skip_docs) if docs_dir is not None else {}
    if docs_dir is not None:
        problems.extend(_check_site_links(valid, docs_dir, hand_written, lang))
    if problems:
        raise ScenarioError(problems)
    notes = [*(note for scenario in valid.values() for note in editorial.findings(scenario, lang)),
             *editorial.near_copies(valid)] if standards else []
    for scenario in valid.values():
        scenario.asks = questions.asks(scenario.data, countries, lang)
    return Catalog(dict(sorted(valid.items())), _group(valid, declared, lang), hand_written, sorted(notes), lang,
                   countries)


def _file_name_problem(path: Path, shown_path: str, seen: dict[str, Scenario],
                       originals: set[str] | None) -> Problem | None:
    def problem(message: str) -> Problem:
        return Problem(shown_path, 1, 1, "(file name)", message)

    name, stem = path.name, path.stem
    if path.suffix not in SCENARIO_SUFFIXES:
        return problem(f"{quoted(name)} ends in '{path.suffix}'; scenario files end in lowercase .yml or .yaml, "
                       f"e.g. '{stem}.yml'")
    if path.is_symlink() and not path.exists():
        return problem(f"{quoted(name)} is a link to a file that does not exist; remove the link or restore its file")
    if path.is_dir():
        return problem(f"{quoted(name)} is a folder; a scenario is a file, so rename the folder "
                       "(folders in scenarios/ hold other languages or shared data)")
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
    checker = Checker(shown_path, FileText(""))
    if not path.is_file():
        return checker, []
    loaded = load_yaml(path, shown_path)
    if loaded.root is None:
        checker.problems.extend(loaded.problems)
        return checker, []
    checker.text = loaded.text
    checker.enter(loaded.root, "")
    return checker, list_type.check(checker, loaded.root, "") or []


def _read_categories(path: Path, shown_path: str) -> tuple[dict[str, str], list[Problem]]:
    """The declared categories, in display order, with their descriptions."""
    checker, entries = _read_list(path, shown_path, CATEGORY_LIST)
    declared: dict[str, str] = {}
    by_address: dict[str, str] = {}
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
        by_address[address] = name
        declared[name] = entry["description"]
    return declared, checker.problems


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


def _check_categories(scenarios: dict[str, Scenario], declared: dict[str, str], lang: Language,
                      shown_path: str) -> list[Problem]:
    known = [*declared, lang.default_category]
    return [
        Problem(s.shown_path, *s.positions.get("category", (1, 1)), "category",
                f"{quoted(s.data['category'])} is not a declared category{did_you_mean(s.data['category'], known)}; "
                f"use one of the categories in {shown_path}, or declare a new one there with a description "
                "(- name: ...  description: ...)")
        for s in scenarios.values() if s.data["category"] not in known
    ]


def _check_related(scenarios: dict[str, Scenario], all_ids: set[str], lang: Language,
                   originals: set[str]) -> list[Problem]:
    problems = []
    for scenario in scenarios.values():
        for index, related_id in enumerate(scenario.data.get("related", [])):
            key = f"related[{index}]"
            at = scenario.positions.get(key, (1, 1))
            if related_id == scenario.id:
                problems.append(Problem(scenario.shown_path, *at, key, "a guide cannot be related to itself"))
            elif related_id not in all_ids and related_id in originals:
                problems.append(Problem(scenario.shown_path, *at, key, f"'{related_id}' has no {lang.name} "
                                        f"translation yet ({lang.shown_folder}{related_id}.yml); translate it "
                                        "first or leave it out of related"))
            elif related_id not in all_ids:
                problems.append(Problem(scenario.shown_path, *at, key, f"there is no scenario {quoted(related_id)}"
                                        + did_you_mean(related_id, scenarios)
                                        + "; related lists ids of files in scenarios/"))
    return problems


def _check_site_links(scenarios: dict[str, Scenario], docs_dir: Path, hand_written: dict[str, str],
                      lang: Language) -> list[Problem]:
    """Every link to a page or heading of the site reaches one, so that a strict build cannot fail later."""
    categories = {s.data["category"] for s in scenarios.values()}
    pages = {**hand_written, **generated_pages(scenarios, categories)}
    tags = {tag for s in scenarios.values() for tag in s.data.get("tags", ())}
    page_anchors = {url: anchors.of_markdown_file(docs_dir / src, categories, tags)
                    for url, src in hand_written.items()}
    page_anchors.update({page_url(category_src(name)): anchors.of_heading_texts([name]) for name in categories})
    page_anchors[page_url("guides/index.md")] = anchors.of_heading_texts([lang.text["all_guides"]])
    guide_urls = {page_url(guide_src(scenario.id)): scenario for scenario in scenarios.values()}

    def has_anchor(url: str, fragment: str) -> bool:
        if url not in page_anchors:  # a guide's: worked out only when a link needs it
            page_anchors[url] = anchors.of_guide(guide_urls[url].data, lang.text)
        return fragment in page_anchors[url]

    problems = []
    for scenario in scenarios.values():
        own_url = page_url(guide_src(scenario.id))
        for key, target, at in scenario.site_links:
            page, _, fragment = target.partition("#")
            url = site_path(page) if page else own_url
            if url not in pages:
                problems.append(Problem(scenario.shown_path, *at, key, f"links to {quoted(target)}, but this site has "
                                        "no such page" + did_you_mean(url, pages, "'/{}'")))
            elif fragment and not has_anchor(url, fragment):
                problems.append(Problem(scenario.shown_path, *at, key, f"links to {quoted(target)}, but "
                                        f"/{url} has no heading '#{fragment}'"
                                        + did_you_mean(fragment, page_anchors[url], "'#{}'")))
    return problems


def _group(scenarios: dict[str, Scenario], declared: dict[str, str], lang: Language) -> list[Category]:
    by_name: dict[str, Category] = {}
    for scenario in sorted(scenarios.values(), key=lambda s: (s.title.casefold(), s.id)):
        name = scenario.data["category"]
        if name not in by_name:
            by_name[name] = Category(name, declared.get(name, lang.default_category_description))
        by_name[name].scenarios.append(scenario)
    order = {name: index for index, name in enumerate([*declared, lang.default_category])}
    return sorted(by_name.values(), key=lambda c: order[c.name])


def load_edition(project: Path, code: str, cache: BuildCache | None = None, docs_dir: Path | None = None,
                 standards: bool = True) -> Catalog:
    """One language's catalog, checked against its pages (in `docs_dir`, by default the language's folder
    of docs/) and, for a translation, the English ids."""
    lang = language(code)
    docs_dir = docs_dir or lang.docs_folder(project)
    return load_catalog(
        lang.scenarios_folder(project), docs_dir if docs_dir.is_dir() else None, cache=cache, lang=lang,
        originals=None if lang.is_primary else scenario_ids(language(PRIMARY).scenarios_folder(project)),
        # The primary edition's docs folder holds the other editions' folders: they are not its pages.
        skip_docs=_other_editions(code), standards=standards)


def untranslated(project: Path, code: str) -> list[Problem]:
    """A note for each English guide that has no translation in this language yet."""
    lang, primary = language(code), language(PRIMARY)
    missing = scenario_ids(primary.scenarios_folder(project)) - scenario_ids(lang.scenarios_folder(project))
    return [Problem(f"{primary.shown_folder}{id_}.yml", 1, 1, "(file)", f"no {lang.name} translation yet "
                    f"({lang.shown_folder}{id_}.yml)") for id_ in sorted(missing)]


def edition_urls(project: Path, code: str) -> set[str]:
    """The URL paths of one edition's pages that have a twin in every edition: hand-written pages and guides."""
    lang = language(code)
    docs = lang.docs_folder(project)
    pages = set(docs_pages(docs, _other_editions(code))) if docs.is_dir() else set()
    return pages | {page_url("guides/index.md")} | {
        page_url(guide_src(id_)) for id_ in scenario_ids(lang.scenarios_folder(project))}


def _other_editions(code: str) -> tuple[str, ...]:
    """The folders of docs/ that hold other editions' pages, when `code` is the primary edition's."""
    return tuple(other for other in codes() if other != code) if language(code).is_primary else ()
