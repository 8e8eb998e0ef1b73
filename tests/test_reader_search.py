"""Search: every letter word for word, no button or label, and the guide before any list of guides."""

from __future__ import annotations

import gzip
import html
import json
import re
import urllib.request

import pytest

from bow_out import letters
from bow_out.catalog import load_catalog
from conftest import WIDTHS, Site, make_project, open_page

pytestmark = pytest.mark.build
LIST_PAGES = re.compile(r"^(|find/|tags/|guides/|categories/.*)$")  # pages that list guides
INDEX_BUDGET_GZIP_PER_GUIDE = 2_000


def search_index(site: str) -> list[dict]:
    with urllib.request.urlopen(f"{site}/search/search_index.json") as response:
        return json.load(response)["docs"]


def words(text: str) -> str:
    """Text as search shows it: no tags or entities, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_every_letter_is_in_the_search_index_word_for_word(built: Site) -> None:
    docs = search_index(built.url)
    catalog = load_catalog(built.project.scenarios, built.project.root / "docs")
    assert len(catalog.scenarios) >= 24
    for scenario_id, scenario in catalog.scenarios.items():
        indexed = " ".join(words(doc["text"]) for doc in docs if doc["location"].startswith(f"guides/{scenario_id}/"))
        for letter in scenario.data["letters"]:
            for part in ("subject", "body"):
                if part in letter:
                    assert words(letters.plain_text(letter[part])) in indexed, (scenario_id, letter["title"], part)


def test_no_button_label_or_list_of_guides_is_indexed(site: str) -> None:
    docs = search_index(site)
    assert [doc["location"] for doc in docs if LIST_PAGES.match(doc["location"].split("#")[0])] == []
    guides = [doc for doc in docs if doc["location"].startswith("guides/")]
    assert len(guides) > 100
    for doc in guides:
        text = words(doc["text"])
        for label in ["Open in email app", "Skip to the letters", "Words in brackets are yours", "All guides for"]:
            assert label not in text, (doc["location"], label)
        assert not re.search(r"\b(Reason|Stage|Subject):", text), doc["location"]
        assert not re.search(r"<p>(Email|Phone script|Voicemail|Short message)</p>", doc["text"]), doc["location"]
        assert text, f"{doc['location']}: an empty section only weighs on the index"


def search(page, query: str) -> list[str]:
    """The addresses Material's search lists for `query`, best first, as paths without the highlight."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.fill("")
    box.press_sequentially(query)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for()
    origin = page.evaluate("location.origin")
    return [re.sub(r"\?h=[^#]*", "", href).removeprefix(origin + "/")
            for href in results.evaluate_all("links => links.map((link) => link.href)")]


@pytest.mark.parametrize("width", WIDTHS)
def test_search_leads_to_the_guide_and_never_to_a_list(new_context, site: str, width: int) -> None:
    page = open_page(new_context(width), f"{site}/faq/")
    assert search(page, "sabbatical")[0] == "guides/late/"  # only in the late guide's voicemail
    for query in ["logistics", "referral", "pay", "withdrawing", "recruiter"]:
        found = search(page, query)
        assert [path for path in found if LIST_PAGES.match(path.split("#")[0])] == [], query
    assert search(page, "tomorrow")[0] == "guides/soon/"  # its title, and in no list


def test_search_index_stays_within_its_budget_per_guide(tmp_path) -> None:
    from synthetic import write_scenarios

    guides = 150  # the index's per-guide size only shrinks as the catalog grows: pages of the site are shared
    project = make_project(tmp_path, with_scenarios=False)
    write_scenarios(project.scenarios, guides)
    index = (project.build() / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(index)) / guides <= INDEX_BUDGET_GZIP_PER_GUIDE
