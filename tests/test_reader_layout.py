"""Layout as a reader sees it on a phone and a laptop: nothing jumps, letters are near, nothing breaks oddly."""

from __future__ import annotations

import pytest

from conftest import LAYOUT_SHIFT, WIDTHS, open_guide, open_page

pytestmark = pytest.mark.build
PAGES = ["", "guides/late/", "guides/another-offer/", "find/", "how-to-decline-well/", "faq/", "tags/",
         "add-a-scenario/", "guides/", "categories/you-chose-another-path/"]
PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_shifts_while_it_sets_up(new_context, site: str, width: int) -> None:
    context = new_context(width)
    shifts = {path or "home": round(open_page(context, f"{site}/{path}").evaluate(LAYOUT_SHIFT), 3) for path in PAGES}
    assert {path: shift for path, shift in shifts.items() if shift > 0.1} == {}


def test_on_a_phone_the_letters_come_within_two_screens_and_the_skip_link_reaches_them(new_context, site: str) -> None:
    page = open_guide(new_context(**PHONE), site, "another-offer")
    assert page.get_by_role("heading", name="What to do").count() == 1  # the advice is still there
    first_letter = page.locator(".bo-letter").first.bounding_box()
    assert first_letter["y"] < 2 * PHONE["height"]  # the answer first: no tap needed
    skip = page.get_by_role("link", name="Skip to the letters")  # for the keyboard, at the second Tab
    skip.focus()
    page.keyboard.press("Enter")
    # The letters' heading comes to the top quarter of the screen (waited for: Material may swap the page).
    page.wait_for_function("(() => { const top = document.getElementById('example-letters')?.getBoundingClientRect()"
                           ".top; return top >= 0 && top < innerHeight / 4; })()")
    assert page.get_by_role("heading", name="Example letters").is_visible()


def test_on_a_phone_the_title_comes_before_the_tags(new_context, site: str) -> None:
    page = open_guide(new_context(**PHONE), site, "late")
    title = page.locator("article h1").bounding_box()
    tags = page.locator("article .md-tags").bounding_box()
    assert tags["y"] > title["y"]
    assert title["y"] < 120  # right under the header, nothing before it


# Headings whose box is taller than their own text: the hidden permalink wrapped onto a line of its own.
PERMALINK_WRAPS = """() => [...document.querySelectorAll("article :is(h1, h2, h3)")].filter((heading) => {
  const text = document.createRange();
  text.selectNodeContents(heading);
  const link = heading.querySelector(".headerlink");
  if (link) text.setEndBefore(link);
  const lines = new Set([...text.getClientRects()].map((rect) => Math.round(rect.bottom))).size;
  return heading.getBoundingClientRect().height > lines * parseFloat(getComputedStyle(heading).lineHeight) + 1;
}).map((heading) => heading.textContent)"""


def test_a_hidden_permalink_never_wraps_a_heading(new_context, site: str) -> None:
    context = new_context()
    page = context.new_page()
    wrapped = {}
    for path in ["faq/", "how-to-decline-well/", "guides/another-offer/"]:
        page.goto(f"{site}/{path}")
        for width in range(320, 1300, 12):
            page.set_viewport_size({"width": width, "height": 800})
            if found := page.evaluate(PERMALINK_WRAPS):
                wrapped[(path, width)] = found
    assert wrapped == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_letter_actions_in_a_row_are_one_height(new_context, site: str, width: int) -> None:
    page = open_guide(new_context(width), site, "another-offer")
    rows = page.locator(".bo-letter__actions").evaluate_all("""(rows) => rows.map((row) => {
      const heights = {};
      row.querySelectorAll(".md-button").forEach((control) => {
        const box = control.getBoundingClientRect();
        (heights[Math.round(box.top + box.height / 2)] ??= []).push(Math.round(box.height));  /* a row's middle */
      });
      return Object.values(heights);
    })""")
    assert any(len(row) > 1 for letter in rows for row in letter)  # some rows hold two controls or more
    assert [row for letter in rows for row in letter if len(set(row)) > 1] == []


def test_field_reference_reads_on_a_phone(new_context, site: str) -> None:
    page = open_page(new_context(**PHONE), f"{site}/add-a-scenario/")
    tables = page.locator("article table")
    assert tables.count() >= 4
    broken = tables.locator("code").evaluate_all("""codes => codes.filter((code) => !/\\s/.test(code.textContent)
      && code.getClientRects().length > 1).map((code) => code.textContent)""")
    assert broken == []  # no key is broken mid-word, before_yo/u_decline
    off_screen = tables.locator("td, th").evaluate_all(
        "cells => cells.filter((cell) => cell.getBoundingClientRect().right > innerWidth).map((c) => c.textContent)")
    assert off_screen == []  # every column, the meaning included, without scrolling sideways
    assert page.locator("article table >> text=the page heading and its name in lists").is_visible()
