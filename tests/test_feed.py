"""The guides as open data: site/api/guides.json holds every guide as the pages show it, and no HTML."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml

from bow_out.catalog import scenario_files
from bow_out.feed import feed_schema
from conftest import MINIMAL, Project, fetch, free_port, make_project, wait_for

pytestmark = pytest.mark.build

# A literal bracket, a declared field, and whitespace the pages fold.
BRACKETS = MINIMAL.replace("title: You accepted another offer", "title: Brackets   and  spaces").replace(
    "I have accepted another offer", "Re: \\[urgent] my [Interview date] slot.\n      Note: a \\ stays").replace(
    "Withdrawing from the [Role] interview", "\\[Update] [Role] on [Interview date]") + """\
fields:
  Interview date: the day   you were due in
"""
HTML = re.compile(r"<[A-Za-z/!?]|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("feed"), with_scenarios=True)
    project.write("brackets.yml", BRACKETS)
    project.build()
    return project


@pytest.fixture(scope="module")
def feed(built: Project) -> dict[str, Any]:
    return json.loads((built.site / "api" / "guides.json").read_text(encoding="utf-8"))


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def text_of(fragment: str) -> str:
    """What a reader sees of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def page_letters(page: str) -> list[dict[str, Any]]:
    """Each letter on a built guide page: title, subject, body, placeholders marked, in page order."""
    found = []
    for match in re.finditer(r'<h3[^>]*>(.*?)<a class="headerlink"[^>]*>¶</a></h3>\s*'
                             r'<div class="bo-letter (.*?)<div class="bo-letter__actions"', page, re.S):
        letter = match[2]
        subject = re.search(r'<span class="bo-letter__subject-text"[^>]*>(.*?)</span></p>', letter, re.S)
        body = re.search(r'<div class="bo-letter__body"[^>]*>(.*?)</div>', letter, re.S)
        found.append({"title": text_of(match[1]), "subject": subject and text_of(subject[1]),
                      "body": text_of(body[1]), "placeholders": re.findall(r'data-placeholder="([^"]*)"', letter)})
    return found


def test_every_guide_is_in_the_feed_and_it_follows_its_schema(built: Project, feed: dict[str, Any]) -> None:
    ids = [guide["id"] for guide in feed["guides"]]
    assert ids == sorted(path.stem for path in scenario_files(built.scenarios))
    assert len(ids) > 25 and "brackets" in ids
    schema = json.loads((built.site / "api" / "guides.schema.json").read_text(encoding="utf-8"))
    assert schema == feed_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(feed)
    for guide in feed["guides"]:
        assert guide["url"] == f"https://bow-out.example/guides/{guide['id']}/"
        assert (built.site / "guides" / guide["id"] / "index.html").is_file()
        assert guide["category"] in {category["name"] for category in feed["categories"]}
        assert set(guide["related"]) <= set(ids)


def test_schema_refuses_what_the_feed_never_holds(feed: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(feed_schema())
    guide = feed["guides"][0]
    email = next(letter for letter in guide["letters"] if letter["kind"] == "email")
    broken = [
        {**guide, "stages": ["after-interview"]},
        {**guide, "letters": [{key: value for key, value in email.items() if key != "subject"}]},
        {**guide, "letters": [{**email, "kind": "phone"}]},
        {**guide, "advice": []},
        {**guide, "html": "<p>"},
    ]
    for wrong in broken:
        assert not validator.is_valid({**feed, "guides": [wrong]}), wrong


def test_the_feed_holds_no_html(feed: dict[str, Any]) -> None:
    assert [text for text in strings(feed) if HTML.search(text)] == []


def test_letters_round_trip_exactly(built: Project, feed: dict[str, Any]) -> None:
    """As written in the YAML, placeholders included and `\\[` as `[`; and as the page shows them."""
    for guide in feed["guides"]:
        written = yaml.safe_load((built.scenarios / f"{guide['id']}.yml").read_text(encoding="utf-8"))
        shown = page_letters(built.page(f"guides/{guide['id']}/"))
        hints = dict(re.findall(r'<li data-field="([^"]*)"[^>]*><strong>\[[^<]*\]</strong>(?: <em>[^<]*</em>)?: '
                                r'<span>([^<]*)</span>',
                                built.page(f"guides/{guide['id']}/")))
        assert len(guide["letters"]) == len(written["letters"]) == len(shown), guide["id"]
        for letter, source, page in zip(guide["letters"], written["letters"], shown, strict=True):
            assert letter["kind"] == source["kind"]
            assert letter["body"] == source["body"].rstrip("\n").replace("\\[", "[") == page["body"]
            if "subject" in source:
                assert letter["subject"] == source["subject"].rstrip("\n").replace("\\[", "[") == page["subject"]
            else:
                assert "subject" not in letter and page["subject"] is None
            assert letter["title"] == page["title"]
            labels = [placeholder["label"] for placeholder in letter["placeholders"]]
            assert labels == list(dict.fromkeys(page["placeholders"]))
            assert {p["label"]: p["hint"] for p in letter["placeholders"]} == {
                label: html.unescape(hints[label]) for label in labels}


def test_literal_brackets_and_folded_text(feed: dict[str, Any]) -> None:
    guide = next(guide for guide in feed["guides"] if guide["id"] == "brackets")
    assert guide["title"] == "Brackets and spaces"
    letter = guide["letters"][0]
    assert letter["subject"] == "[Update] [Role] on [Interview date]"
    assert "Re: [urgent] my [Interview date] slot.\nNote: a \\ stays, so I am withdrawing." in letter["body"]
    assert [p["label"] for p in letter["placeholders"]] == ["Role", "Interview date", "Recipient name", "Your name"]
    assert letter["placeholders"][1] == {"label": "Interview date", "hint": "the day you were due in",
                                         "optional": False}


def test_plain_fields_are_what_the_page_shows(built: Project, feed: dict[str, Any]) -> None:
    for guide in feed["guides"]:
        page = built.page(f"guides/{guide['id']}/")
        assert text_of(re.search(r'<h1[^>]*>(.*?)<a class="headerlink"', page)[1]) == guide["title"]
        assert text_of(re.search(r'<p class="bo-summary"[^>]*>(.*?)</p>', page, re.S)[1]) == guide["summary"]
    for category in feed["categories"]:
        assert category["url"].startswith("https://bow-out.example/categories/")


def test_serve_writes_the_feed_and_rewrites_it_on_an_edit(project: Project) -> None:
    scenario = project.write("late.yml", MINIMAL)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    threading.Thread(target=lambda: list(server.stdout), daemon=True).start()
    url = f"http://127.0.0.1:{port}/api/guides.json"
    try:
        wait_for(lambda: '"title":"You accepted another offer"' in fetch(url), "the feed of the first build")
        time.sleep(1.1)  # a later modification time than the first build saw
        scenario.write_text(MINIMAL.replace("You accepted another offer", "You signed elsewhere"))
        wait_for(lambda: '"title":"You signed elsewhere"' in fetch(url), "the feed after the edit")
        assert json.loads(fetch(url))["site_url"] == f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
