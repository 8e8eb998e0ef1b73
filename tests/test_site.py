"""Integration: build real sites into temp folders and read the HTML."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from conftest import MINIMAL, Project

pytestmark = pytest.mark.build


def article(page: str) -> str:
    """The page's own content, without the theme's nav and footer."""
    return page[page.index("<article"):page.index("</article>")]


def test_project_site_lists_every_guide_on_home_and_in_nav(real_project: Project) -> None:
    real_project.build()
    home = real_project.page("")
    assert 'href="how-to-decline-well/"' in home and 'href="faq/"' in home and 'href="find/"' in home
    for scenario_id, title in [("another-offer", "You accepted another offer"),
                               ("poor-fit", "The role is not a good fit")]:
        assert f'href="guides/{scenario_id}/"' in home
        assert title in home
    guide = real_project.page("guides/another-offer/")
    nav = guide[guide.index('class="md-nav md-nav--primary"'):guide.index('class="md-content"')]
    assert "You chose another path" in nav and 'href="../poor-fit/"' not in nav.split("You chose another path")[0]
    assert 'href="../../tags/#tag:referral"' in guide


GUIDE_PAGE_BUDGET_GZIP = 12_000  # the budget for a guide page, gzipped at level 6 as bench/benchmark.py measures it


def test_every_guide_page_in_both_editions_keeps_the_budget(bilingual: Project) -> None:
    pages = sorted([*bilingual.site.glob("guides/*/index.html"), *bilingual.site.glob("es/guides/*/index.html")])
    assert len(pages) > 2, "the real project has guides in both editions"
    sizes = {page.parent.relative_to(bilingual.site).as_posix(): len(gzip.compress(page.read_bytes(), 6))
             for page in pages}
    over = {url: size for url, size in sizes.items() if size > GUIDE_PAGE_BUDGET_GZIP}
    assert not over, f"guide pages over {GUIDE_PAGE_BUDGET_GZIP:,} bytes gzipped: " + ", ".join(
        f"{url}/ {size:,}" for url, size in sorted(over.items(), key=lambda item: -item[1]))


def test_guide_page_has_every_part(project: Project) -> None:
    project.write("late.yml", MINIMAL + (
        "category: You chose another path\n"
        "stages: [before-interview]\n"
        "tags: [another offer]\n"
        "before_you_decline:\n  - Is the offer **signed**?\n"
        "avoid:\n  - Naming the other company's salary.\n"
        "faq:\n  - question: Should I say where I'm going?\n    answer: You *can*; most people don't.\n"
        "related: [other]\n"))
    project.write("other.yml", MINIMAL.replace("You accepted another offer", "Another guide"))
    project.build()
    page = project.page("guides/late/")
    assert '<meta name="description" content="You said yes elsewhere and need to withdraw.">' in page
    assert "<title>You accepted another offer - Bow Out</title>" in page
    assert '<meta property="og:title" content="You accepted another offer">' in page
    assert '<meta property="og:description" content="You said yes elsewhere and need to withdraw.">' in page
    assert '<link rel="canonical" href="https://bow-out.example/guides/late/">' in page
    for heading in ["Is this you?", "Before you decline", "What to do", "Example letters", "What to avoid",
                    "Questions", "Related guides"]:
        assert re.search(rf"<h2[^>]* id=\"[^\"]+\">{re.escape(heading)}<", page), heading
    assert "Is the offer <strong>signed</strong>?" in page
    assert "You <em>can</em>; most people don&rsquo;t." in page or "You <em>can</em>; most people don't." in page
    assert 'class="bo-letter bo-letter--email" data-kind="email"' in page
    assert ('<span class="bo-letter__label">Subject:</span> <span class="bo-letter__subject-text">Withdrawing from the '
            '<span class="bo-placeholder" data-placeholder="Role">[Role]</span> interview') in page
    body = re.search(r'<div class="bo-letter__body">(.*?)</div>', page, re.S)[1]
    assert body.startswith('Dear <span class="bo-placeholder" data-placeholder="Recipient name">[Recipient name]'
                           '</span>,&#10;&#10;I have accepted') or "\n\nI have accepted" in body
    assert 'href="../other/"' in page
    assert "Before the interview" in page
    # The allowlist sanitizer wrote the guide (it gives every attribute a value), and left the hand-written
    # finder alone (it would have stripped its form).
    assert '<div class="bo-fill-hints" data-bo-fields="" data-bo-email="">' in page
    assert '<input type="radio" name="reason" value="" checked>' in project.page("find/")


def test_search_index_covers_advice_and_letters(real_project: Project) -> None:
    real_project.build()
    index = json.loads((real_project.site / "search" / "search_index.json").read_text())
    guide_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("guides/another-offer/"))
    assert "Withdraw the same day" in guide_text or "withdraw" in guide_text.lower()
    assert "I have accepted another offer" in guide_text


def test_edit_link_points_at_the_scenario_file_and_nothing_calls_github(project: Project) -> None:
    project.write("late.yml", MINIMAL)
    project.build({"repo_url": "https://github.com/example/bow-out", "edit_uri": "edit/main/docs/"})
    page = project.page("guides/late/")
    assert 'href="https://github.com/example/bow-out/edit/main/scenarios/late.yml"' in page
    assert 'class="md-source"' in page and 'data-md-component="source"' not in page  # no API fetch for stars


def test_nav_lists_a_bounded_number_of_siblings(project: Project) -> None:
    for number in range(14):
        project.write(f"case-{number:02}.yml", MINIMAL.replace("You accepted another offer", f"Case {number:02}"))
    project.build()
    guide = project.page("guides/case-00/")
    nav = guide[guide.index('class="md-nav md-nav--primary"'):guide.index('class="md-content"')]
    assert len(re.findall(r'href="\.\./case-\d\d/"', nav)) == 9  # ten in the nav, one is this page
    category = article(project.page("categories/other-situations/"))
    assert len(re.findall(r'href="\.\./\.\./guides/case-\d\d/"', category)) == 14
    assert "Case 13" in project.page("guides/case-13/")  # out of the nav, still built


def test_files_that_are_not_scenarios_are_ignored(project: Project) -> None:
    project.write("late.yml", MINIMAL)
    for name in ["_shared.yml", ".hidden.yml", "late.yml~", "late.yml.swp", "drafts/draft.yml"]:
        project.write(name, "not: [a scenario")
    project.build()
    assert sorted(p.name for p in (project.site / "guides").iterdir()) == ["index.html", "late"]


def test_categories_follow_the_categories_file(project: Project) -> None:
    project.write("_categories.yml", "- name: Zebra reasons\n  description: Listed first on purpose.\n"
                                     "- name: Apple reasons\n  description: Listed second.\n")
    project.write("a.yml", MINIMAL + "category: Apple reasons\n")
    project.write("z.yml", MINIMAL + "category: Zebra reasons\n")
    project.build()
    home = project.page("")
    assert home.index("Zebra reasons") < home.index("Apple reasons")
    assert "Listed first on purpose." in home


def test_tag_index_and_category_links(project: Project) -> None:
    situation = "situation: See [more](/categories/pay/) if you signed"
    extra = "category: Pay\ntags: [late notice]\n"
    project.write("_categories.yml", "- name: Pay\n  description: Money.\n")
    project.write("late.yml", MINIMAL.replace("situation: You signed", situation) + extra)
    project.build()
    tags = article(project.page("tags/"))
    assert "late notice" in tags and 'href="../guides/late/"' in tags
    assert 'href="../../categories/pay/"' in project.page("guides/late/")


def test_a_site_without_a_nav_still_gets_the_guides_section(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text()
    (project.root / "mkdocs.yml").write_text(config[:config.index("\nnav:")] + "\n")
    project.write("late.yml", MINIMAL)
    project.build()
    nav = project.page("guides/late/")
    assert "How to decline well" in nav and 'href="../../add-a-scenario/"' in nav


def test_text_beyond_the_basic_plane_keeps_the_front_matter(project: Project) -> None:
    project.write("party.yml", MINIMAL.replace("You accepted another offer", "You accepted 🎉 another offer")
                  .replace("summary: You said", "summary: 🎉 You said"))
    project.build()
    page = project.page("guides/party/")
    assert "<title>You accepted 🎉 another offer - Bow Out</title>" in page
    assert 'content="🎉 You said yes elsewhere and need to withdraw."' in page
