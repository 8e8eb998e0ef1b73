"""The one schema source: it validates scenario files, writes the JSON Schema for editors'
language servers, and gives the field reference on the "Add a scenario" page."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .checker import STR, Checker, describe, join, mapping_items
from .problems import BIDI_CONTROLS, did_you_mean, quoted

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TAG_PATTERN = r"^[\w][\w '’-]*$"
# Words with one space between them: the reader's form folds spaces, so a label with two in a row, or one
# at either end, would never match its placeholder in the letter.
LABEL_PATTERN = r"^[^\[\]\\\s]+( [^\[\]\\\s]+)*$"
LABEL_HINT = ("cannot be a placeholder label: write words with one space between them and none at either end, "
              "without brackets or backslashes")
STAGES = ("before-interview", "between-rounds", "after-offer")
LETTER_KINDS = ("email", "phone", "voicemail", "message")

# Characters no editor means to type: controls (kept out of pages and terminals), invisible line
# separators that YAML, Markdown and browsers each treat differently, and bidirectional controls, which
# make text show in another order than it is written (a title, a feed entry or a terminal line that lies).
_INVISIBLE = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def _printable(value: str) -> bool:
    """True if `value` has no character but printable ones, spaces, tabs and line breaks: then no
    `_INVISIBLE` character either. A quick test that spares most text the slower pattern search."""
    return value.isprintable() or value.replace("\n", "").replace("\t", "").isprintable()


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


class Type:
    """A value type: checks a node, describes itself for JSON Schema and for the docs."""

    summary = ""

    def check(self, checker: Checker, node: yaml.Node, path: str) -> Any:
        raise NotImplementedError

    def json(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Type):
    """Text on one or more lines; `markdown` fields allow the everyday Markdown subset."""

    max_length: int | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    markdown: bool = False
    letter: bool = False

    @functools.cached_property
    def _pattern(self) -> re.Pattern[str]:
        return re.compile(self.pattern or "")

    @property
    def summary(self) -> str:  # type: ignore[override]
        kind = "Markdown" if self.markdown else "text with placeholders" if self.letter else "text"
        return f"{kind}, at most {self.max_length} characters" if self.max_length else kind

    def check(self, checker: Checker, node: yaml.Node, path: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            found = describe(node)
            hint = ""
            if isinstance(node, yaml.ScalarNode) and found != "empty":
                hint = " (remove the tag)" if "tagged" in found else " (put the value in quotes)"
            checker.report(node, path, f"must be text, not {found}{hint}")
            return None
        # A "\r" (from a quoted escape) is a line break to Markdown: make it one here, where the checks see it.
        value = node.value
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        length = len(value.strip())
        if not length:
            checker.report(node, path, "must not be empty")
            return None
        if not _printable(value) and (invisible := _INVISIBLE.search(value)):
            code = f"U+{ord(invisible[0]):04X}"
            checker.report(node, path, f"holds {code}, a bidirectional control, which makes text show in another "
                           "order than it is written; delete it (retype the text around it)"
                           if _BIDI.match(invisible[0]) else f"holds the invisible character {code}; delete it "
                           "(retype the text around it) or use a normal line break",
                           at=checker.text_position(node, invisible.start()))
            return None
        if self.max_length and length > self.max_length:
            checker.report(node, path, f"is {length} characters long; the limit is "
                           f"{self.max_length}, so shorten it")
        if self.pattern and not self._pattern.fullmatch(value):
            checker.report(node, path, f"{quoted(value)} {self.pattern_hint}")
            return None
        if self.letter:
            checker.letter_texts.append((node, path))
        elif self.markdown:
            checker.markdown_texts.append((node, path))
        return value

    def json(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_length:
            schema["maxLength"] = self.max_length
        if self.pattern:
            schema["pattern"] = self.pattern
        return schema


@dataclass(frozen=True)
class Choice(Type):
    """One of a fixed set of words."""

    options: tuple[str, ...]

    @property
    def summary(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(f"`{option}`" for option in self.options)

    def check(self, checker: Checker, node: yaml.Node, path: str) -> str | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if value not in self.options:
            shown = f"'{value}'" if isinstance(value, str) else describe(node)
            checker.report(node, path, f"{shown} is not one of {', '.join(self.options)}"
                           + did_you_mean(str(value), self.options))
            return None
        return value

    def json(self) -> dict[str, Any]:
        return {"enum": list(self.options)}


@dataclass(frozen=True)
class ListOf(Type):
    """A YAML list of items of one type."""

    item: Type
    min_items: int = 0
    unique: bool = False

    @property
    def summary(self) -> str:  # type: ignore[override]
        least = f", at least {self.min_items}" if self.min_items else ""
        return f"list of {self.item.summary}{least}"

    def check(self, checker: Checker, node: yaml.Node, path: str) -> list[Any] | None:
        if not isinstance(node, yaml.SequenceNode):
            checker.report(node, path, f"must be a list (lines starting with '- '), not {describe(node)}")
            return None
        if len(node.value) < self.min_items:
            checker.report(node, path, f"needs at least {self.min_items} item"
                           f"{'s' * (self.min_items != 1)}, found {len(node.value)}")
        values, seen = [], set()
        for index, item_node in enumerate(node.value):
            item_path = join(path, index)
            if not checker.enter(item_node, item_path):
                continue
            value = self.item.check(checker, item_node, item_path)
            if self.unique and isinstance(value, str):
                if value in seen:
                    checker.report(item_node, item_path, f"'{value}' is listed twice")
                    continue
                seen.add(value)
            if value is not None:
                values.append(value)
        return values

    def json(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class MapOf(Type):
    """A mapping from text keys to values of one type."""

    key: Text
    value: Type

    @property
    def summary(self) -> str:  # type: ignore[override]
        return f"mapping of label to {self.value.summary}"

    def check(self, checker: Checker, node: yaml.Node, path: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            checker.report(node, path, f"must be a mapping of 'label: hint' lines, not {describe(node)}")
            return None
        result = {}
        for key, key_node, value_node in mapping_items(checker, node, path):
            key_path = join(path, key)
            if not checker.enter(value_node, key_path):
                continue
            checked_key = self.key.check(checker, key_node, key_path)
            value = self.value.check(checker, value_node, key_path)
            if checked_key is not None and value is not None:
                result[checked_key] = value
        return result

    def json(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": self.key.json(),
                "additionalProperties": self.value.json()}


@dataclass(frozen=True)
class Field:
    """One key of an object."""

    key: str
    type: Type
    meaning: str
    required: bool = False
    default: Any = None


@dataclass(frozen=True)
class Object(Type):
    """A mapping with known keys; any other key is an error with a suggestion."""

    name: str
    fields: tuple[Field, ...]
    # Keys that must be present, or absent, when another key has a given value.
    required_when: tuple[tuple[str, str, str], ...] = ()  # (key, when key, equals value)
    summary: str = field(default="mapping")

    @functools.cached_property
    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @functools.cached_property
    def _required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    @functools.cached_property
    def _defaulted(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.default is not None)

    def check(self, checker: Checker, node: yaml.Node, path: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            keys = ", ".join(f.key for f in self._required)
            checker.report(node, path, f"must be a mapping with {keys}, not {describe(node)}")
            return None
        known = self.by_key
        result: dict[str, Any] = {}
        present: dict[str, yaml.Node] = {}
        for key, key_node, value_node in mapping_items(checker, node, path):
            key_path = join(path, key)
            if key not in known:
                checker.report(key_node, key_path, f"unknown key '{key}'" + did_you_mean(key, known)
                               + f"; {_article(self.name)} {self.name} has the keys {', '.join(known)}")
                continue
            present[key] = key_node
            if not checker.enter(value_node, key_path):
                continue
            value = known[key].type.check(checker, value_node, key_path)
            if value is not None:
                result[key] = value
        for f in self._required:
            if f.key not in present:
                checker.report(node, path, f"missing required key '{f.key}' ({f.meaning})")
        for key, when, equals in self.required_when:
            if result.get(when) == equals and key not in present:
                checker.report(node, path, f"{_article(self.name)} {self.name} with {when} '{equals}' needs a '{key}'")
            elif when in result and result.get(when) != equals and key in present:
                checker.report(present[key], join(path, key), f"only {_article(self.name)} {self.name} "
                               f"with {when} '{equals}' has a '{key}'; remove it")
        for f in self._defaulted:
            if f.key not in result and f.key not in present:
                result[f.key] = f.default
        return result

    def json(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "required": [f.key for f in self.fields if f.required],
            "properties": {f.key: {**f.type.json(), "description": f.meaning} for f in self.fields},
        }
        rules = [
            {"if": {"properties": {when: {"const": equals}}, "required": [when]},
             "then": {"required": [key]}, "else": {"not": {"required": [key]}}}
            for key, when, equals in self.required_when
        ]
        if rules:
            schema["allOf"] = rules
        return schema


ADVICE_STEP = Object("advice step", (
    Field("title", Text(max_length=90), "the step, as a short instruction", required=True),
    Field("body", Text(markdown=True), "how and why, in a few sentences", required=True),
), summary="`{title, body}`")

LETTER = Object("letter", (
    Field("kind", Choice(LETTER_KINDS), "`message` is a short LinkedIn or text message", required=True),
    Field("title", Text(max_length=90), 'what this letter is, e.g. "Short email to the recruiter"',
          required=True),
    Field("subject", Text(max_length=120, letter=True), "the email subject line; emails only"),
    Field("body", Text(letter=True), "the message itself; line breaks are kept exactly, so write each "
          "paragraph on one line", required=True),
), required_when=(("subject", "kind", "email"),), summary="letters (below)")

FAQ_ITEM = Object("question", (
    Field("question", Text(max_length=150), "what a reader asks", required=True),
    Field("answer", Text(markdown=True), "a short answer", required=True),
), summary="`{question, answer}`")

SCENARIO = Object("scenario", (
    Field("title", Text(max_length=90), "the page heading and its name in lists", required=True),
    Field("summary", Text(max_length=300), "one or two sentences for lists, search results "
          "and the page's meta description", required=True),
    Field("situation", Text(markdown=True), 'when this guide applies ("Is this you?")', required=True),
    Field("advice", ListOf(ADVICE_STEP, min_items=1), "the steps to take, in order", required=True),
    Field("letters", ListOf(LETTER, min_items=1), "example messages", required=True),
    Field("category", Text(max_length=60), "the reason group a reader would recognize, one of those declared in "
          "_categories.yml; groups the nav and the home page (default: Other situations)"),
    Field("stages", ListOf(Choice(STAGES), min_items=1, unique=True), "where in the hiring process "
          "the guide applies; omitted means every stage", default=list(STAGES)),
    Field("tags", ListOf(Text(max_length=30, pattern=TAG_PATTERN, pattern_hint=(
        "is not a tag: use words, digits, spaces and hyphens")), unique=True), "topics for the tag index"),
    Field("before_you_decline", ListOf(Text(markdown=True)), "questions to settle before declining"),
    Field("avoid", ListOf(Text(markdown=True)), "what not to say or do"),
    Field("faq", ListOf(FAQ_ITEM), "questions and answers"),
    Field("related", ListOf(Text(pattern=ID_PATTERN, pattern_hint=(
        "is not a scenario id (the file name without .yml, e.g. another-offer)")), unique=True),
        "ids of other scenarios (their file names without .yml)"),
    Field("fields", MapOf(Text(max_length=40, pattern=LABEL_PATTERN, pattern_hint=LABEL_HINT), Text(max_length=120)),
        "placeholders this scenario uses beyond the built-in ones, each with a hint for the reader"),
))


def json_schema() -> dict[str, Any]:
    """The JSON Schema for scenario files, for YAML language servers."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Bow Out scenario",
        "description": "One situation in which a job seeker declines or withdraws from an interview. "
        "Generated from hooks/bow_out/schema.py; do not edit by hand.",
        **SCENARIO.json(),
    }


# The field reference on "Add a scenario": a heading and a table for each object, then the placeholders.
REFERENCE_SECTIONS = (("A scenario file", SCENARIO), ("An advice step", ADVICE_STEP), ("A letter", LETTER),
                      ("A question", FAQ_ITEM))
PLACEHOLDERS_HEADING = "Built-in placeholders"
