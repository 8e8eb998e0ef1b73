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
LETTER_KINDS = ("email", "phone", "voicemail", "message", "printed")
MAX_QUESTIONS = 3  # built-in questions count too, once an item depends on them
COUNTRY, STAGE = "country", "stage"  # the built-in questions
OTHER_COUNTRY = "other"  # the country option for readers in none of the declared countries
CONDITION_KEYS = ("when", "unless")

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


# Tags YAML 1.1 gives plain words such as yes, no, on, off and 12: where the contract says text, they are text.
# (An empty value, `~` or `null` stays empty: that is a missing value, not a word.)
_PLAIN_WORD_TAGS = frozenset({"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                              "tag:yaml.org,2002:timestamp"})


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
    max_items: int | None = None
    unique_key: str | None = None  # for a list of objects: the key whose value no two items share

    @property
    def summary(self) -> str:  # type: ignore[override]
        least = f", at least {self.min_items}" if self.min_items else ""
        most = f", at most {self.max_items}" if self.max_items else ""
        return f"list of {self.item.summary}{least}{most}"

    def check(self, checker: Checker, node: yaml.Node, path: str) -> list[Any] | None:
        if not isinstance(node, yaml.SequenceNode):
            checker.report(node, path, f"must be a list (lines starting with '- '), not {describe(node)}")
            return None
        if len(node.value) < self.min_items:
            checker.report(node, path, f"needs at least {self.min_items} item"
                           f"{'s' * (self.min_items != 1)}, found {len(node.value)}")
        if self.max_items is not None and len(node.value) > self.max_items:
            checker.report(node, path, f"has {len(node.value)} items; the most is {self.max_items}, "
                           "so keep the ones that matter most")
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
            if self.unique_key and isinstance(value, dict) and self.unique_key in value:
                if (key := value[self.unique_key]) in seen:
                    checker.report(None, join(item_path, self.unique_key), f"'{key}' is used by an earlier "
                                   f"item; give each its own {self.unique_key}",
                                   at=checker.position_of(join(item_path, self.unique_key)))
                    continue
                seen.add(key)
            if value is not None:
                values.append(value)
        return values

    def json(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class MapOf(Type):
    """A mapping from text keys to values of one type."""

    key: Text
    value: Type
    lines = "'label: hint' lines"  # what the mapping is written as, for the error when it is not one

    @property
    def summary(self) -> str:  # type: ignore[override]
        return f"mapping of label to {self.value.summary}"

    def check(self, checker: Checker, node: yaml.Node, path: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            checker.report(node, path, f"must be a mapping of {self.lines}, not {describe(node)}")
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
class Word(Text):
    """Text in which an unquoted `yes`, `no`, `on`, `off` (or a number) is the word as written, as the
    contract promises for question and option ids and labels, never a boolean."""

    def check(self, checker: Checker, node: yaml.Node, path: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_WORD_TAGS and not node.style:
            node = yaml.ScalarNode(STR, node.value, node.start_mark, node.end_mark, style=node.style)
        return super().check(checker, node, path)


@dataclass(frozen=True)
class Flag(Type):
    """true or false."""

    summary = "`true` or `false`"

    def check(self, checker: Checker, node: yaml.Node, path: str) -> bool | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            checker.report(node, path, f"must be true or false, such as '{path.rsplit('.', 1)[-1]}: true', "
                           f"not {describe(node)}")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def json(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Either(Type):
    """A short form (text) or a long form (an object), normalized to the long form: the text becomes
    its `key`, and the long form's defaults are filled in."""

    short: Type
    long: Object
    key: str
    summary: str = ""

    def check(self, checker: Checker, node: yaml.Node, path: str) -> dict[str, Any] | None:
        if isinstance(node, yaml.MappingNode):
            return self.long.check(checker, node, path)
        value = self.short.check(checker, node, path)
        if value is None:
            return None
        return {self.key: value, **{f.key: f.default for f in self.long.fields if f.default is not None}}

    def json(self) -> dict[str, Any]:
        return {"anyOf": [self.short.json(), self.long.json()]}


@dataclass(frozen=True)
class Condition(Type):
    """`{question: option}` or `{question: [option, ...]}`, normalized to lists. Whether the questions
    and options exist is known only with the guide's questions and the edition's countries."""

    summary: str = "mapping of question id to an option id or a list of them"

    def check(self, checker: Checker, node: yaml.Node, path: str) -> dict[str, list[str]] | None:
        example = f"such as '{path.rsplit('.', 1)[-1]}: {{reached: voicemail}}'"
        if isinstance(node, yaml.ScalarNode) and describe(node) == "empty":
            node = yaml.MappingNode("tag:yaml.org,2002:map", [], node.start_mark, node.end_mark)
        if not isinstance(node, yaml.MappingNode):
            checker.report(node, path, f"must be a mapping of question id to answers, {example}, "
                           f"not {describe(node)}")
            return None
        if not node.value:
            checker.report(node, path, f"is an empty condition; name a question and its answers, {example}, "
                           "or remove it")
            return None
        result: dict[str, list[str]] = {}
        for key, key_node, value_node in mapping_items(checker, node, path):
            key_path = join(path, key)
            if not checker.enter(value_node, key_path):
                continue
            question = ANSWER_ID.check(checker, key_node, key_path)
            if isinstance(value_node, yaml.SequenceNode):
                if not value_node.value:
                    checker.report(value_node, key_path, f"is an empty list of answers; list at least one "
                                   f"option of '{key}', or remove '{key}'")
                    continue
                answers = ANSWER_LIST.check(checker, value_node, key_path)
            else:
                answer = ANSWER_ID.check(checker, value_node, key_path)
                answers = None if answer is None else [answer]
            if question is not None and answers:
                result[question] = answers
        return result

    def json(self) -> dict[str, Any]:
        answer = ANSWER_ID.json()
        return {"type": "object", "minProperties": 1, "propertyNames": answer, "additionalProperties": {
            "anyOf": [answer, {"type": "array", "items": answer, "minItems": 1, "uniqueItems": True}]}}


@dataclass(frozen=True)
class Options(MapOf):
    """A question's options: option id -> label, two to four, in the order shown."""

    lines = "option id to label, such as 'voicemail: I left a voicemail' on its own line"
    least: int = 2
    most: int = 4

    @property
    def summary(self) -> str:  # type: ignore[override]
        return f"mapping of option id to label, {self.least} to {self.most}"

    def check(self, checker: Checker, node: yaml.Node, path: str) -> dict[str, Any] | None:
        result = super().check(checker, node, path)
        if result is not None and not self.least <= len(node.value) <= self.most:
            checker.report(node, path, f"has {len(node.value)} option{'s' * (len(node.value) != 1)}; a question "
                           f"offers {self.least} to {self.most}, each on its own line such as "
                           "'voicemail: I left a voicemail'")
        return result

    def json(self) -> dict[str, Any]:
        return {**super().json(), "minProperties": self.least, "maxProperties": self.most}


ANSWER_ID = Word(max_length=40, pattern=ID_PATTERN, pattern_hint=(
    "is not a question or option id: use lowercase letters, digits and single hyphens, e.g. not-yet"))
ANSWER_LIST = ListOf(ANSWER_ID, min_items=1, unique=True)
OPTION_LABEL = Word(max_length=60)


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
    # Keys allowed only when another key has one of some values; by default, only when it is required.
    allowed_when: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (key, when key, one of values)
    summary: str = field(default="mapping")

    @functools.cached_property
    def _allowed(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        named = {key for key, _, _ in self.allowed_when}
        return (*self.allowed_when, *((key, when, (equals,)) for key, when, equals in self.required_when
                                       if key not in named))

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
        for key, when, allowed in self._allowed:
            if when in result and result.get(when) not in allowed and key in present:
                checker.report(present[key], join(path, key), f"only {_article(self.name)} {self.name} "
                               f"with {when} {' or '.join(map(repr, allowed))} has a '{key}'; remove it")
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
            {"if": {"properties": {when: {"const": equals}}, "required": [when]}, "then": {"required": [key]}}
            for key, when, equals in self.required_when
        ] + [
            {"if": {"properties": {when: {"not": {"enum": list(allowed)}}}, "required": [when]},
             "then": {"not": {"required": [key]}}}
            for key, when, allowed in self._allowed
        ]
        if rules:
            schema["allOf"] = rules
        return schema


def _conditional(name: str, fields: tuple[Field, ...], summary: str) -> Object:
    """An object that may also carry `when` and `unless`."""
    return Object(name, (*fields, *CONDITIONS), summary=summary)


CONDITIONS = (
    Field("when", Condition(), "shown only to readers whose answers these are, e.g. `{reached: voicemail}`"),
    Field("unless", Condition(), "hidden from readers whose answers these are"),
)

ADVICE_STEP = _conditional("advice step", (
    Field("title", Text(max_length=90), "the step, as a short instruction", required=True),
    Field("body", Text(markdown=True), "how and why, in a few sentences", required=True),
), summary="`{title, body}`")

LETTER = Object("letter", (
    Field("kind", Choice(LETTER_KINDS), "`message` is a short LinkedIn or text message; `printed` is a letter "
          "to print and sign", required=True),
    Field("title", Text(max_length=90), 'what this letter is, e.g. "Short email to the recruiter"',
          required=True),
    Field("subject", Text(max_length=120, letter=True), "the subject line; required for emails, optional for "
          "printed letters"),
    Field("body", Text(letter=True), "the message itself; line breaks are kept exactly, so write each "
          "paragraph on one line", required=True),
    *CONDITIONS,
), required_when=(("subject", "kind", "email"),), allowed_when=(("subject", "kind", ("email", "printed")),),
    summary="letters")

FAQ_ITEM = _conditional("FAQ entry", (
    Field("question", Text(max_length=150), "what a reader asks", required=True),
    Field("answer", Text(markdown=True), "a short answer", required=True),
), summary="`{question, answer}`")

QUESTION = Object("question", (
    Field("id", ANSWER_ID, "what `when` and `unless` call it, e.g. `reached`", required=True),
    Field("ask", Text(max_length=90), "the question, as the page asks it", required=True),
    Field("options", Options(ANSWER_ID, OPTION_LABEL), "option id: label, one a line, e.g. "
          "`voicemail: I left a voicemail`", required=True),
), summary="`{id, ask, options}`")

CONDITIONAL_TEXT = Either(Text(markdown=True), Object("item", (
    Field("text", Text(markdown=True), "the item, in Markdown", required=True), *CONDITIONS)), "text",
    summary="Markdown, or `{text, when, unless}`")

FIELD_HINT = Either(Text(max_length=120), Object("field", (
    Field("hint", Text(max_length=120), "what the reader should put there", required=True),
    Field("optional", Flag(), "true if the reader may leave it blank: the line holding it is left out",
          default=False),
)), "hint", summary="a hint, or `{hint, optional}`")

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
    Field("before_you_decline", ListOf(CONDITIONAL_TEXT), "questions to settle before declining"),
    Field("avoid", ListOf(CONDITIONAL_TEXT), "what not to say or do"),
    Field("faq", ListOf(FAQ_ITEM), "questions and answers"),
    Field("related", ListOf(Text(pattern=ID_PATTERN, pattern_hint=(
        "is not a scenario id (the file name without .yml, e.g. another-offer)")), unique=True),
        "ids of other scenarios (their file names without .yml)"),
    Field("fields", MapOf(Text(max_length=40, pattern=LABEL_PATTERN, pattern_hint=LABEL_HINT), FIELD_HINT),
        "placeholders this scenario uses beyond the built-in ones, each with a hint for the reader "
        "(and `optional: true` if it may be left blank)"),
    Field("questions", ListOf(QUESTION, min_items=1, max_items=MAX_QUESTIONS, unique_key="id"),
          "what the guide asks the reader so it can show what fits them first, at most "
          f"{MAX_QUESTIONS} (built-in {STAGE} and {COUNTRY} count once an item depends on them)"),
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
                      ("A question to the reader", QUESTION), ("A FAQ entry", FAQ_ITEM))
PLACEHOLDERS_HEADING = "Built-in placeholders"
