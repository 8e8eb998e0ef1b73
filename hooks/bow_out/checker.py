"""The `Checker`, which collects the problems of one file as the schema walks its YAML nodes, and the
helpers of that walk: key paths, positions, duplicate keys and aliases."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .loader import SourceText
from .problems import Problem

STR = "tag:yaml.org,2002:str"
YAML_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:timestamp": "a date",
}


def describe(node: yaml.Node) -> str:
    """What an editor wrote, in words: 'a list', 'a number', 'text'..."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == STR:
        return "text"
    return YAML_TYPE_NAMES.get(node.tag, f"a value tagged '{node.tag}'")


@dataclass
class Checker:
    """Collects problems, and the node at each key path, while the schema walks one file."""

    shown_path: str  # the name shown in problems
    text: SourceText  # the file's text, to locate nodes and text inside block scalars
    problems: list[Problem] = field(default_factory=list)
    nodes: dict[str, yaml.Node] = field(default_factory=dict)  # located only when a problem needs it
    seen: set[int] = field(default_factory=set)
    alias_reported: bool = False
    # Text the schema found valid, for the checks that need the whole file first (placeholders, links).
    letter_texts: list[tuple[yaml.ScalarNode, str]] = field(default_factory=list)
    markdown_texts: list[tuple[yaml.ScalarNode, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # An alias (*name) repeats a node that an anchor (&name) marked: without a '&', there is none.
        self.anchored = "&" in self.text.value

    def enter(self, node: yaml.Node, path: str) -> bool:
        """Record where `path` is; False (with a problem) if the node was already used by an alias."""
        self.nodes[path] = node
        if not self.anchored:
            return True
        if id(node) in self.seen:
            if not self.alias_reported:
                self.alias_reported = True
                self.report(node, path, "anchors and aliases (&name, *name) are not supported; "
                            "write the text out in full", at=self._first_alias())
            return False
        self.seen.add(id(node))
        return True

    def _first_alias(self) -> tuple[int, int] | None:
        """Where the first alias (*name) is; parsed again only in this rare case."""
        for event in yaml.parse(self.text.value, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                return self.text.locate(event.start_mark)
        return None

    def report(self, node: yaml.Node | None, path: str, message: str,
               at: tuple[int, int] | None = None) -> None:
        """Add a problem at `at`, or at the node, or at the file's start."""
        line, column = at or (self.position(node) if node is not None else (1, 1))
        self.problems.append(Problem(self.shown_path, line, column, path or "(file)", message))

    def position(self, node: yaml.Node) -> tuple[int, int]:
        """1-based line and column of a node, as an editor counts them."""
        return self.text.locate(node.start_mark)

    def position_of(self, path: str) -> tuple[int, int] | None:
        """Where the value at a key path starts, if the schema walked it."""
        node = self.nodes.get(path)
        return None if node is None else self.position(node)

    def text_position(self, node: yaml.ScalarNode, offset: int) -> tuple[int, int]:
        """The line and column of character `offset` of a scalar's value, where we can tell."""
        line, column = self.position(node)
        if node.start_mark.line == node.end_mark.line and node.style in (None, "", "'", '"'):
            return line, column + offset + bool(node.style)  # exact unless quotes hold escapes
        if node.style not in ("|", ">"):
            return line, column
        before = node.value[:offset]
        line += 1 + before.count("\n")
        lines = self.text.lines
        source = lines[line - 1] if line - 1 < len(lines) else ""
        indent = len(source) - len(source.lstrip(" "))
        return line, indent + len(before) - (before.rfind("\n") + 1) + 1


def join(path: str, key: str | int) -> str:
    """Extend a key path: join('letters', 1) == 'letters[1]'; join('letters[1]', 'body')."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def mapping_items(checker: Checker, node: yaml.MappingNode, path: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """The (key, key node, value node) triples of a mapping, reporting bad and duplicate keys."""
    items: list[tuple[str, yaml.Node, yaml.Node]] = []
    first_seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
            checker.report(key_node, path, "keys must be plain words such as 'title' "
                           "(merge keys '<<' and complex keys are not supported)")
            continue
        key = key_node.value
        if key in first_seen:
            line, _ = checker.position(first_seen[key])
            checker.report(key_node, join(path, key), f"duplicate key '{key}' (first given on "
                           f"line {line}); YAML would silently keep only the last one, so remove one")
            continue
        first_seen[key] = key_node
        items.append((key, key_node, value_node))
    return items
