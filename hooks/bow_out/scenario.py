"""Validate one scenario file: schema, placeholders, declared fields and link syntax."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import letters, markdown_fields
from .loader import load_yaml
from .nodes import Checker
from .problems import Problem, did_you_mean
from .schema import SCENARIO, Object, Text

_HTML_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?/?>|<!--")


@dataclass
class Scenario:
    """A valid scenario: its id, its data (plain dicts and lists) and where each key sits."""

    id: str
    source: str  # as shown in problems, e.g. "scenarios/another-offer.yml"
    data: dict[str, Any]
    positions: dict[str, tuple[int, int]]
    site_links: list[tuple[str, str, tuple[int, int]]] = field(default_factory=list)  # (path, target, at)

    @property
    def title(self) -> str:
        return self.data["title"]


def read_scenario(path: Path, scenario_id: str, shown_as: str) -> tuple[Scenario | None, list[Problem]]:
    """Load and check one file on its own; cross-file rules are the catalog's job."""
    loaded = load_yaml(path, shown_as)
    if loaded.root is None:
        return None, list(loaded.problems)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    checker = Checker(shown_as, lines)
    checker.enter(loaded.root, "")
    if not isinstance(loaded.root, yaml.MappingNode):
        checker.report(loaded.root, "(file)", "a scenario file is a mapping of keys such as "
                       "'title: ...' and 'summary: ...', not a list or a single value")
        return None, checker.problems
    data = SCENARIO.check(checker, loaded.root, "")
    scenario = Scenario(scenario_id, shown_as, data or {}, checker.positions)
    _check_text(checker, loaded.root, SCENARIO, "", scenario)
    if checker.problems:
        return None, checker.problems
    return scenario, []


def _check_text(checker: Checker, node: yaml.Node, object_type: Object, path: str, scenario: Scenario) -> None:
    """Check placeholders in letters and links in Markdown, walking the nodes again."""
    used: set[str] = set()
    declared = scenario.data.get("fields", {})
    known = {**letters.BUILT_IN_PLACEHOLDERS, **declared}

    def walk(node: yaml.Node, type_: Any, path: str) -> None:
        if isinstance(type_, Object) and isinstance(node, yaml.MappingNode):
            fields = {f.key: f.type for f in type_.fields}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value in fields:
                    walk(value_node, fields[key_node.value], f"{path}.{key_node.value}" if path else key_node.value)
        elif hasattr(type_, "item") and isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, type_.item, f"{path}[{index}]")
        elif isinstance(type_, Text) and isinstance(node, yaml.ScalarNode):
            if type_.letter:
                _check_placeholders(checker, node, path, known, used)
            elif type_.markdown:
                _check_links(checker, node, path, scenario)

    walk(node, object_type, path)
    for label in declared:
        if label not in used:
            at = checker.positions.get(f"fields.{label}")
            checker.report(None, f"fields.{label}", f"'{label}' is declared but no letter uses "
                           f"[{label}]; use it in a letter or remove it", at=at)


def _check_placeholders(checker: Checker, node: yaml.ScalarNode, path: str,
                        known: dict[str, str], used: set[str]) -> None:
    for part in letters.parts(node.value):
        at = checker.text_position(node, part.offset)
        if part.unclosed:
            checker.report(node, path, "'[' opens a placeholder that is never closed on this line; "
                           "close it with ']' or write '\\[' for a literal bracket", at=at)
        elif part.label is not None and part.label not in known:
            hint = did_you_mean(part.label, known, "[{}]")
            if not part.label.strip():
                checker.report(node, path, "'[]' is an empty placeholder; write a label such as "
                               "[Recipient name], or '\\[' for a literal bracket", at=at)
            else:
                checker.report(node, path, f"unknown placeholder [{part.label}]{hint}; the built-in "
                               f"ones are {', '.join(f'[{k}]' for k in letters.BUILT_IN_PLACEHOLDERS)}, "
                               "others must be declared under 'fields'", at=at)
        elif part.label is not None:
            used.add(part.label)


def _check_links(checker: Checker, node: yaml.ScalarNode, path: str, scenario: Scenario) -> None:
    text = node.value
    for link in markdown_fields.links(text):
        at = checker.text_position(node, link.offset)
        if link.is_image:
            checker.report(node, path, "images are not supported in scenario text; link to the "
                           "image instead: [description](https://...)", at=at)
        elif problem := markdown_fields.link_problem(link.target):
            checker.report(node, path, problem, at=at)
        elif link.target.startswith("/"):
            scenario.site_links.append((path, link.target, at))
    for offset in markdown_fields.broken_link_offsets(text):
        checker.report(node, path, "this '](' does not make a link: write [text](https://...) with "
                       "no spaces in the address and no title", at=checker.text_position(node, offset))
    if "<" in text and _looks_like_html(text):
        checker.report(node, path, "raw HTML is not allowed in scenario text; it would be shown as "
                       "text. Use Markdown (*emphasis*, **bold**, lists, [links](https://...))",
                       at=checker.text_position(node, text.index("<")))


def _looks_like_html(text: str) -> bool:
    return _HTML_TAG.search(text) is not None
