"""Validate one scenario file: schema, placeholders, declared fields and link syntax."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import file_findings, letters, markdown_fields, questions
from .checker import Checker
from .languages import PRIMARY, Language, language
from .loader import load_yaml
from .problems import Problem, did_you_mean
from .schema import SCENARIO

_COUNTRY_ANSWER = ".country"  # the catalog checks these against the edition's countries, so keeps where they are
_HTML_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?/?>|<!--")


@dataclass
class Scenario:
    """A valid scenario: its id, its data (plain dicts and lists) and where each key sits."""

    id: str
    shown_path: str  # as shown in problems, e.g. "scenarios/another-offer.yml"
    data: dict[str, Any]
    located: dict[str, tuple[int, int]] | None  # see `positions`; None until asked, in a build
    site_links: list[tuple[str, str, tuple[int, int]]] = field(default_factory=list)  # (key, target, at)
    notes: list[Problem] = field(default_factory=list)  # editorial findings located inside the text
    depends_on: set[str] = field(default_factory=set)  # the questions its items' conditions name
    # The questions this guide asks the reader, in the order to show them: its own, then the built-in stage
    # and country if an item depends on them. Set by the catalog, which knows the edition's countries.
    asks: list[dict[str, Any]] = field(default_factory=list)
    source: Path | None = None  # the file, read again if a build reports a problem at one of its keys

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def positions(self) -> dict[str, tuple[int, int]]:
        """Where the keys that rules across files and editorial checks report on are (line, column).

        A build uses them only to report a problem, which most builds never do, so it reads files without
        working them out (a twelfth of the reading); the first problem reads the file again to locate it.
        """
        if self.located is None:  # read in any language: where keys are does not depend on it
            again = read_scenario(self.source, self.id, self.shown_path, language(PRIMARY))[0] if self.source else None
            self.located = again.located if again is not None else {}
        return self.located


def read_scenario(path: Path, scenario_id: str, shown_path: str, language: Language,
                  standards: bool = True) -> tuple[Scenario | None, list[Problem]]:
    """Load and check one file on its own, in `language`; cross-file rules are the catalog's job.

    With `standards` (for `check` and `serve`, which hold files to the editorial standards), the findings
    that only the file's text shows (a letter line wrapped mid-sentence, a stale `$schema` line) are noted,
    and where each key is; a build has no use for either unless it reports a problem.

    With problems, the scenario holds what was valid (for the cross-file rules, so that one run reports
    everything); it is None only if the file holds no mapping to check.
    """
    loaded = load_yaml(path, shown_path)
    if loaded.root is None:
        return None, list(loaded.problems)
    checker = Checker(shown_path, loaded.text)
    checker.enter(loaded.root, "")
    if not isinstance(loaded.root, yaml.MappingNode):
        checker.report(loaded.root, "(file)", "a scenario file is a mapping of keys such as "
                       "'title: ...' and 'summary: ...', not a list or a single value")
        return None, checker.problems
    data = SCENARIO.check(checker, loaded.root, "") or {}
    located = {key: checker.position(node) for key, node in checker.nodes.items()
               if key.count(".") + key.count("[") <= 1 or _COUNTRY_ANSWER in key} if standards else None
    scenario = Scenario(scenario_id, shown_path, data, located, source=path)
    data.setdefault("category", language.default_category)
    _check_placeholders(checker, language, data.get("fields", {}))
    scenario.depends_on = questions.used_questions(data)
    questions.check_file(checker, data, scenario.depends_on)
    for node, text_path in checker.markdown_texts:
        _check_links(checker, node, text_path, scenario)
        _check_bounds(checker, node, text_path)
    if standards:
        scenario.notes = [*file_findings.wrapped_letter_lines(checker),
                          *filter(None, [file_findings.schema_modeline(checker, path)])]
    return scenario, checker.problems


def _check_placeholders(checker: Checker, lang: Language, declared: dict[str, dict[str, Any]]) -> None:
    """Every placeholder is built in or declared, every declared field is used, and no subject holds an
    optional one (a subject line cannot be left out)."""
    built_in = lang.placeholders
    known = {**built_in, **declared}
    used: set[str] = set()
    for node, path in checker.letter_texts:
        # Split as the page and the feed split it (trailing line breaks dropped), so that all share one split.
        for _, offset, label, unclosed in letters.parts(node.value.rstrip("\n")):
            if label in known:
                used.add(label)
                if path.endswith(".subject") and label in declared and declared[label].get("optional"):
                    checker.report(node, path, f"[{label}] is optional, so it cannot be in a subject: a reader "
                                   "who leaves it blank would send a subject with a gap. Move it to its own line "
                                   "of the body, or make the field required (remove 'optional: true')",
                                   at=checker.text_position(node, offset))
            elif unclosed:
                checker.report(node, path, "'[' opens a placeholder that is never closed on this line; "
                               "close it with ']' or write '\\[' for a literal bracket",
                               at=checker.text_position(node, offset))
            elif label is not None and not label.strip():
                checker.report(node, path, "'[]' is an empty placeholder; write a label such as "
                               "[Recipient name], or '\\[' for a literal bracket",
                               at=checker.text_position(node, offset))
            elif label is not None:
                # A translator who keeps an English placeholder is told its counterpart, which no spelling
                # is close to.
                counterparts = dict(zip(language(PRIMARY).placeholders, built_in, strict=True))
                suggestion = (f" (did you mean [{counterparts[label]}]?)" if label in counterparts
                              else did_you_mean(label, known, "[{}]", by_words=True))
                own = f" (this guide declares {', '.join(f'[{k}]' for k in declared)})" if declared else ""
                checker.report(node, path, f"unknown placeholder [{label}]{suggestion}; the built-in ones are "
                               f"{', '.join(f'[{k}]' for k in built_in)}, "
                               f"others must be declared under 'fields'{own}",
                               at=checker.text_position(node, offset))
    for label in declared:
        if label not in used:
            checker.report(None, f"fields.{label}", f"'{label}' is declared but no letter uses "
                           f"[{label}]; use it in a letter or remove it", at=checker.position_of(f"fields.{label}"))


def _check_links(checker: Checker, node: yaml.ScalarNode, path: str, scenario: Scenario) -> None:
    text = node.value
    for link in markdown_fields.links(text):
        at = checker.text_position(node, link.offset)
        if link.is_image:
            checker.report(node, path, "images are not supported in scenario text; link to the "
                           "image instead: [description](https://...)", at=at)
        elif problem := markdown_fields.link_problem(link.target):
            checker.report(node, path, problem, at=at)
        elif link.target.startswith(("/", "#")):
            scenario.site_links.append((path, link.target, at))
    for offset in markdown_fields.broken_link_offsets(text):
        checker.report(node, path, "this '](' does not make a link: write [text](https://...) with "
                       "no spaces in the address and no title", at=checker.text_position(node, offset))
    if "<" in text and _looks_like_html(text):
        checker.report(node, path, "raw HTML is not allowed in scenario text; it would be shown as "
                       "text. Use Markdown (*emphasis*, **bold**, lists, [links](https://...))",
                       at=checker.text_position(node, text.index("<")))


def _check_bounds(checker: Checker, node: yaml.ScalarNode, path: str) -> None:
    """Text that Python-Markdown would take minutes over, or exhaust Python's stack on, is refused here."""
    # A text no longer than the limit cannot exceed it: most are, and are spared the count.
    if len(node.value) > markdown_fields.MAX_ESCAPED and (
            count := markdown_fields.escaped_count(node.value)) > markdown_fields.MAX_ESCAPED:
        checker.report(node, path, f"holds {count:,} characters that Markdown reads as syntax "
                       f"({' '.join(markdown_fields.ESCAPED)}); a field holds at most "
                       f"{markdown_fields.MAX_ESCAPED:,}, far more than any guide needs")
    for offset, depth in markdown_fields.deep_lists(node.value):
        checker.report(node, path, f"a list nested {depth} levels deep; Markdown in a scenario nests lists at "
                       f"most {markdown_fields.MAX_LIST_DEPTH} levels (a '- ' at the start of a line begins a "
                       "list item: write '\\-' for a literal dash)", at=checker.text_position(node, offset))


def _looks_like_html(text: str) -> bool:
    return _HTML_TAG.search(text) is not None
