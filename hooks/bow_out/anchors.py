"""The heading ids a page will have, so that links to `/page/#heading` are checked before a build.

Ids are made as the `toc` Markdown extension makes them (its own slugify, "_1" for repeats), from
the text a heading shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify, unique

from .addresses import FIELD_REFERENCE_MARKER, GUIDE_LIST_MARKER
from .schema import PLACEHOLDERS_HEADING, REFERENCE_SECTIONS

_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ATTRIBUTE_ID = re.compile(r"[ \t]*\{[^}]*#([\w-]+)[^}]*\}[ \t]*$")
_TAG_LISTING = "<!-- material/tags -->"  # where Material's tags plugin lists every tag, each with an id
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def of_heading_texts(texts: Iterable[str]) -> set[str]:
    """The ids of headings showing `texts`, in page order."""
    ids: set[str] = set()
    for text in texts:
        unique(slugify(text, "-"), ids)
    return ids


def of_markdown_file(path: Path, categories: Iterable[str] = (), tags: Iterable[str] = ()) -> set[str]:
    """The ids of a hand-written page's headings, with those of the generated text its markers stand for."""
    texts, ids, in_fence = [], set(), False
    source = path.read_text(encoding="utf-8", errors="replace")
    for line in source.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (heading := _ATX_HEADING.match(line)):
            text = heading[1]
            if explicit := _ATTRIBUTE_ID.search(text):
                ids.add(explicit[1])
            else:
                texts.append(_LINK.sub(r"\1", text).replace("`", "").replace("*", ""))
    if GUIDE_LIST_MARKER in source:
        texts.extend(categories)
    if FIELD_REFERENCE_MARKER in source:
        texts += [heading for heading, _ in REFERENCE_SECTIONS] + [PLACEHOLDERS_HEADING]
    if _TAG_LISTING in source:
        ids.update(f"tag:{slugify(tag, '-')}" for tag in tags)
    return ids | of_heading_texts(texts)


def of_guide(data: dict[str, Any], text: dict[str, str]) -> set[str]:
    """The ids of a guide page's headings, in the order `templates/guide.md.j2` writes them.

    `text` is the language's wording of the fixed headings; the letters' section has the id
    "example-letters" in every language.
    """
    texts = [data["title"], text["is_this_you"]]
    if data.get("before_you_decline"):
        texts.append(text["before_you_decline"])
    texts += [text["what_to_do"], *(letter["title"] for letter in data["letters"])]
    if data.get("avoid"):
        texts.append(text["what_to_avoid"])
    if data.get("faq"):
        texts += [text["questions"], *(item["question"] for item in data["faq"])]
    texts.append(text["related_guides"])
    return of_heading_texts(texts) | {"example-letters"}
