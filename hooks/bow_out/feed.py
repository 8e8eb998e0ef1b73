"""The guides as open data: one JSON file per language, with its JSON Schema, written beside the site.

Plain fields are whitespace-folded as the pages show them; Markdown fields are the editor's Markdown
source; letters are the text a reader copies before filling anything in (placeholders as written,
`\\[` shown as `[`). Nothing here is HTML. Each edition is its own build, so its feed goes into
its own site folder from its own catalog, in the catalog's language.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from typing import Any

from . import letters
from .addresses import category_src, guide_src, page_url
from .catalog import Catalog
from .scenario import Scenario
from .schema import CONDITION_KEYS, ID_PATTERN, LETTER_KINDS, STAGES

FEED_FORMAT = 2  # raise on any change that could break a reader of the feed (2: questions and conditions)
FEED_FILE = "guides.json"
SCHEMA_FILE = "guides.schema.json"
LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def _folded(text: str) -> str:
    """Plain text as the pages show it: runs of whitespace, line breaks included, as one space."""
    return " ".join(text.split())


def _markdown(text: str) -> str:
    return text.rstrip()


def _conditions_of(item: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """The item's `when` and `unless`, those it has, as the scenario gives them (lists of option ids)."""
    if "when" not in item and "unless" not in item:
        return {}  # most items: no comprehension to run
    return {key: item[key] for key in CONDITION_KEYS if key in item}


def _letter(letter: Mapping[str, Any], hints: Mapping[str, str], optional: set[str]) -> dict[str, Any]:
    """A letter's entry; `hints` are already folded; `optional` are the labels a reader may leave blank."""
    entry: dict[str, Any] = {"kind": letter["kind"], "title": _folded(letter["title"])}
    used: dict[str, None] = {}
    for key in ("subject", "body"):
        if key in letter:
            # One pass gives both the text (as `letters.plain_text` joins it) and the placeholders: at
            # 1,000 guides, a second pass would add a third to the feed's time.
            runs = letters.parts(letter[key].rstrip("\n"))
            entry[key] = "".join(text for text, _, _, _ in runs)
            used.update(dict.fromkeys(label for _, _, label, _ in runs if label is not None))
    entry["placeholders"] = [{"label": label, "hint": hints[label], "optional": label in optional}
                             for label in used]
    return {**entry, **_conditions_of(letter)}


def _guide(scenario: Scenario, site_url: str, placeholders: Mapping[str, str]) -> dict[str, Any]:
    """A guide's entry; `placeholders` are the built-in hints, already folded."""
    data = scenario.data
    # The page lets a field's hint win too.
    fields = data.get("fields", {})
    hints = {**placeholders, **{label: _folded(field["hint"]) for label, field in fields.items()}}
    optional = {label for label, field in fields.items() if field["optional"]}
    return {
        "id": scenario.id,
        "url": site_url + page_url(guide_src(scenario.id)),
        "title": _folded(data["title"]),
        "summary": _folded(data["summary"]),
        "category": _folded(data["category"]),
        "stages": list(data["stages"]),
        "tags": [_folded(tag) for tag in data.get("tags", [])],
        "situation": _markdown(data["situation"]),
        "questions": [{"id": question["id"], "ask": _folded(question["ask"]), "options": [
            {"id": option, "label": _folded(label)} for option, label in question["options"].items()]}
            for question in scenario.asks],
        "before_you_decline": [{"text": _markdown(item["text"]), **_conditions_of(item)}
                               for item in data.get("before_you_decline", [])],
        "advice": [{"title": _folded(step["title"]), "body": _markdown(step["body"]), **_conditions_of(step)}
                   for step in data["advice"]],
        "letters": [_letter(letter, hints, optional) for letter in data["letters"]],
        "avoid": [{"text": _markdown(item["text"]), **_conditions_of(item)} for item in data.get("avoid", [])],
        "faq": [{"question": _folded(item["question"]), "answer": _markdown(item["answer"]), **_conditions_of(item)}
                for item in data.get("faq", [])],
        "related": list(data.get("related", [])),
    }


def guides_feed(catalog: Catalog, site_url: str | None = None) -> dict[str, Any]:
    """The feed's data for one edition's catalog; page URLs are absolute when `site_url` is given."""
    head, guides = _feed(catalog, site_url)
    return {**head, "guides": list(guides)}


def _feed(catalog: Catalog, site_url: str | None) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The feed's data but its guides, and its guides one at a time."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    language = catalog.language
    placeholders = {label: _folded(hint) for label, hint in language.placeholders.items()}
    head = {
        "format": FEED_FORMAT,
        "language": language.code,
        "site_url": base or None,
        "license": LICENSE,
        "stage_labels": {stage: language.stage_labels[stage] for stage in STAGES},
        "letter_kind_labels": {kind: language.kind_labels[kind] for kind in LETTER_KINDS},
        "categories": [{"name": _folded(category.name), "description": _folded(category.description),
                        "url": base + page_url(category_src(category.name))}
                       for category in catalog.categories],
    }
    return head, (_guide(scenario, base, placeholders) for scenario in catalog.scenarios.values())


def _text(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description, **extra}


def _texts(description: str, item: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "array", "items": item or {"type": "string", "minLength": 1}, "description": description}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "required": [key for key in properties if key not in optional], "properties": properties, **extra}


def _labels(keys: tuple[str, ...], description: str) -> dict[str, Any]:
    return _object({key: {"type": "string", "minLength": 1} for key in keys}, description=description)


_MARKDOWN = "Markdown source as the editor wrote it (paragraphs, emphasis, lists, inline code, links; no HTML)"
_ID = {"type": "string", "pattern": ID_PATTERN}
_CONDITION = {"type": "object", "minProperties": 1, "propertyNames": _ID,
              "additionalProperties": {"type": "array", "items": _ID, "minItems": 1, "uniqueItems": True}}
_CONDITIONS = {
    "when": {**_CONDITION, "description": "the item is for readers whose answer to each question named here is "
             "one of the listed option ids (or who have not answered it); see the guide's questions"},
    "unless": {**_CONDITION, "description": "the item is not for readers whose answer to every question named "
               "here is one of the listed option ids"},
}


def _conditional(properties: dict[str, Any], optional: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    """An item that may carry `when` and `unless`."""
    return _object({**properties, **_CONDITIONS}, (*optional, *_CONDITIONS), **extra)


_LETTER = _conditional({
    "kind": {"enum": list(LETTER_KINDS), "description": "what the letter is; see letter_kind_labels"},
    "title": _text("what this letter is, e.g. 'Short email to the recruiter'"),
    "subject": _text("the subject line: always for an email, sometimes for a printed letter, never otherwise"),
    "body": _text("the message exactly as the page shows it before the reader fills anything in: line breaks "
                  "kept, placeholders such as [Company] as written"),
    "placeholders": _texts("the placeholders this letter uses (subject, then body), in order of first use",
                           _object({"label": _text("the label between the brackets, e.g. 'Company'"),
                                    "hint": _text("what the reader should put there"),
                                    "optional": {"type": "boolean", "description": "true if the reader may leave "
                                                 "it blank: then every line of the body holding it is left out, "
                                                 "with one neighboring blank line"}})),
}, optional=("subject",), allOf=[
    {"if": {"properties": {"kind": {"const": "email"}}}, "then": {"required": ["subject"]}},
    {"if": {"properties": {"kind": {"not": {"enum": ["email", "printed"]}}}},
     "then": {"not": {"required": ["subject"]}}},
])

_ITEM = _conditional({"text": _text(_MARKDOWN)})

_GUIDE = _object({
    "id": _text("the guide's id, also its file name in scenarios/", pattern=ID_PATTERN),
    "url": _text("the guide's page: absolute when the site's URL is known, else relative to the site"),
    "title": _text("the page heading"),
    "summary": _text("one or two sentences"),
    "category": _text("the reason group; one of the feed's categories"),
    "stages": _texts("where in the hiring process the guide applies; see stage_labels",
                     {"enum": list(STAGES)}) | {"minItems": 1, "uniqueItems": True},
    "tags": _texts("topics"),
    "situation": _text(f"when this guide applies; {_MARKDOWN}"),
    "questions": _texts("what the page asks the reader, in order, so that what fits them comes first: the guide's "
                        "own questions, then the built-in 'stage' and 'country' if an item depends on them. An "
                        "unanswered question matches every option", _object({
                            "id": _text("what when and unless call it", pattern=ID_PATTERN),
                            "ask": _text("the question as the page asks it"),
                            "options": _texts("the answers, in order", _object({
                                "id": _text("the option's id", pattern=ID_PATTERN),
                                "label": _text("the answer as the page shows it")})) | {"minItems": 1}})),
    "before_you_decline": _texts("questions to settle first", _ITEM),
    "advice": _texts("the steps to take, in order", _conditional({
        "title": _text("the step"), "body": _text(f"how and why; {_MARKDOWN}")})) | {"minItems": 1},
    "letters": _texts("example messages; the first that fits the reader's answers is their message",
                      _LETTER) | {"minItems": 1},
    "avoid": _texts("what not to say or do", _ITEM),
    "faq": _texts("questions and answers", _conditional({
        "question": _text("what a reader asks"), "answer": _text(f"a short answer; {_MARKDOWN}")})),
    "related": _texts("ids of related guides in this feed", {"type": "string", "pattern": ID_PATTERN}),
})


def feed_schema() -> dict[str, Any]:
    """The JSON Schema (draft 7) that every language's feed follows."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Bow Out guides",
        "description": "Every guide of one language of the Bow Out site, as plain data. Generated by "
        "hooks/bow_out/feed.py; the texts are licensed CC BY 4.0.",
        **_object({
            "format": {"const": FEED_FORMAT, "description": "raised on any change that could break a reader"},
            "language": _text("the language of every text, as a BCP 47 tag"),
            "site_url": {"type": ["string", "null"], "description": "the site's address, ending in '/'; "
                         "links in Markdown fields that start with '/' are relative to it"},
            "license": _object({"name": _text("the license of the texts"), "url": _text("where to read it")}),
            "stage_labels": _labels(STAGES, "how the pages name each stage"),
            "letter_kind_labels": _labels(LETTER_KINDS, "how the pages name each kind of letter"),
            "categories": _texts("the reason groups, in the site's order", _object({
                "name": _text("as guides give it"), "description": {"type": "string"},
                "url": _text("the category's page")})),
            "guides": _texts("every guide, by id", _GUIDE),
        }),
    }


def feed_files(catalog: Catalog, site_url: str | None = None) -> dict[str, str]:
    """One edition's feed and its schema, by their paths in the built site (under api/)."""
    head, guides = _feed(catalog, site_url)
    # Trees made just now, so no container can hold itself: the encoder's check for that is spared.
    encode = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    # Guide by guide, each encoded as soon as it is made: the same text as encoding the whole tree, which
    # is never held at once (61,000 dicts and lists at 1,000 guides, each one more for the collector to walk).
    feed = encode({**head, "guides": []})[:-2] + ",".join(map(encode, guides)) + "]}\n"
    return {
        f"api/{FEED_FILE}": feed,
        f"api/{SCHEMA_FILE}": json.dumps(feed_schema(), ensure_ascii=False, indent=2) + "\n",
    }
