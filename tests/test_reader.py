"""The reader's side, in Debian's Chromium driven by Playwright: letters, details, finder, privacy, accessibility.

Search is in test_reader_search.py and page layout in test_reader_layout.py; fixtures in conftest.py.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import (
    MINIMAL,
    WIDTHS,
    Site,
    axe_violations,
    clipboard,
    focused_label,
    make_project,
    open_guide,
    open_page,
    serving,
    wait_two_frames,
)

pytestmark = pytest.mark.build


def test_letters_fill_in_as_the_reader_types(context, site: str) -> None:
    page = open_guide(context, site)
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Company").fill("Acme & Sons")
    page.get_by_label("Interview date").fill("June 3")
    page.get_by_label("Recipient email").fill("jo@acme.example")

    email = page.locator(".bo-letter--email")
    body = email.locator(".bo-letter__body").inner_text()
    assert body == ("Dear [Recipient name],\n\nAbout June 3:\n\nI have accepted another offer, so I am withdrawing."
                    "\n\nBest regards,\nAda Lovelace")
    assert email.locator(".bo-letter__subject-text").inner_text() == "Withdrawing from the [Role] interview"
    assert "Acme & Sons" in page.locator(".bo-letter--phone").inner_text()
    assert page.locator(".bo-placeholder--filled").count() == 6  # four [Your name], [Company], [Interview date]

    href = email.locator("[data-bo-mailto]").get_attribute("href")
    assert href.startswith("mailto:jo@acme.example?subject=Withdrawing%20from%20the%20%5BRole%5D%20interview&body=")
    assert "%0D%0A%0D%0AAbout%20June%203%3A" in href
    query = parse_qs(urlsplit(href).query)
    assert query["body"][0] == body.replace("\n", "\r\n")
    assert unquote(urlsplit(href).path) == "jo@acme.example"
    assert page.errors == []


def fill_in_everything(page) -> None:
    for label, value in [("Your name", "Ada"), ("Recipient name", "Jo"), ("Company", "Acme"), ("Role", "Analyst"),
                         ("Interview date", "June 3")]:
        page.get_by_label(label, exact=True).fill(value)


def test_a_filled_letter_copies_at_once(context, site: str) -> None:
    page = open_guide(context, site)
    fill_in_everything(page)
    page.get_by_role("button", name="Copy short message: Short text").click()
    assert clipboard(page) == "Hi Jo, I have withdrawn from the Analyst process. Thanks, Ada"
    assert page.locator(".bo-letter--message .bo-copy-status").inner_text() == "Copied."
    page.locator(".bo-letter--email").get_by_role("button", name="Copy email").click()
    assert clipboard(page).startswith("Dear Jo,\n\nAbout June 3:")
    page.locator(".bo-letter--email").get_by_role("button", name="Copy subject").click()
    assert clipboard(page) == "Withdrawing from the Analyst interview"
    assert page.locator(".bo-placeholder--missing").count() == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_copy_with_blanks_says_which_and_copies_only_when_asked_again(new_context, site: str, width: int) -> None:
    from playwright.sync_api import expect

    page = open_guide(new_context(width), site)
    page.get_by_label("Your name").fill("Ada")
    page.evaluate("navigator.clipboard.writeText('nothing yet')")
    email = page.locator(".bo-letter--email")
    email.get_by_role("button", name="Copy email").click()

    assert clipboard(page) == "nothing yet"
    status = page.locator(".bo-blocked").get_by_role("status")  # above the field that has focus
    expect(status).to_be_visible()
    expect(status).to_contain_text("Recipient name")
    assert "Interview date" in status.inner_text() and "Role" not in status.inner_text()  # [Role] is in the subject
    missing = email.locator(".bo-letter__body .bo-placeholder--missing")
    assert missing.all_inner_texts() == ["[Recipient name]", "[Interview date]"]
    assert missing.first.evaluate("blank => getComputedStyle(blank).outlineStyle") != "none"
    assert focused_label(page) == "Recipient name"  # the first empty field the letter needs
    assert page.get_by_label("Interview date").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Company").get_attribute("aria-invalid") is None  # not in this letter

    page.locator(".bo-blocked").get_by_role("button", name=re.compile("anyway")).click()
    assert clipboard(page) == ("Dear [Recipient name],\n\nAbout [Interview date]:\n\nI have accepted another offer, "
                               "so I am withdrawing.\n\nBest regards,\nAda")
    expect(email.get_by_role("status")).to_have_text("Copied, with Recipient name and Interview date still blank.")
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_copy_subject_and_open_in_email_app_check_their_own_blanks(new_context, site: str, width: int) -> None:
    from playwright.sync_api import expect

    page = open_guide(new_context(width), site)
    for label, value in [("Your name", "Ada"), ("Recipient name", "Jo"), ("Interview date", "June 3")]:
        page.get_by_label(label).fill(value)
    page.evaluate("navigator.clipboard.writeText('nothing yet')")
    # Record whether the page stopped a click, and keep the test browser from following mailto: links.
    page.evaluate("document.addEventListener('click', (e) => { window.stopped = e.defaultPrevented; "
                  "e.preventDefault(); })")
    email = page.locator(".bo-letter--email")
    status = page.locator(".bo-blocked").get_by_role("status")  # above the field that has focus

    email.get_by_role("button", name="Copy subject").click()
    assert clipboard(page) == "nothing yet"
    expect(status).to_contain_text("Role")
    assert "Recipient name" not in status.inner_text()
    assert focused_label(page) == "Role"

    page.evaluate("document.activeElement.blur()")  # the next check must bring focus back
    email.get_by_role("link", name="Open in email app").click()
    assert page.evaluate("window.stopped") is True
    expect(status).to_contain_text("Role")
    assert focused_label(page) == "Role"
    anyway = page.locator(".bo-blocked").get_by_role("link", name=re.compile("Open anyway"))
    assert "subject=Withdrawing%20from%20the%20%5BRole%5D%20interview" in anyway.get_attribute("href")

    page.get_by_label("Role").fill("Analyst")
    email.get_by_role("button", name="Copy subject").click()
    assert clipboard(page) == "Withdrawing from the Analyst interview"
    email.get_by_role("link", name="Open in email app").click()
    assert page.evaluate("window.stopped") is False
    assert page.errors == []


def test_copy_falls_back_to_selecting_without_the_clipboard_api(context, site: str) -> None:
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = open_guide(context, site)
    fill_in_everything(page)
    page.locator(".bo-letter--phone").get_by_role("button", name="Copy").click()
    assert page.evaluate("getSelection().toString()") == "Hi Jo, it's Ada about the Analyst role at Acme."
    assert "Ctrl+C" in page.locator(".bo-letter--phone .bo-copy-status").inner_text()


def test_details_follow_the_reader_and_clear_leaves_nothing(context, site: str) -> None:
    page = open_guide(context, site)
    page.get_by_label("Your name").fill("Ada")
    page.locator("article").get_by_role("link", name="The pay is too low").click()
    page.wait_for_url(f"{site}/guides/pay/")
    assert page.get_by_label("Your name").input_value() == "Ada"
    assert "Best regards,\nAda" in page.locator(".bo-letter__body").first.inner_text()
    assert page.evaluate("localStorage.length") == 0 and context.cookies() == []

    page.get_by_role("button", name="Clear my details").click()
    assert page.get_by_label("Your name").input_value() == ""
    assert page.evaluate("sessionStorage.length") == 0
    assert page.locator(".bo-letter__body").first.inner_text().endswith("[Your name]")


@pytest.mark.parametrize("width", WIDTHS)
def test_only_the_built_in_details_carry_over_and_the_form_says_so(new_context, site: str, width: int) -> None:
    page = open_guide(new_context(width), site)
    note = page.locator("form.bo-details").get_by_text("carry over")
    assert note.is_visible()
    for label in ["Your name", "Recipient name", "Company", "Role", "Recipient email"]:
        assert label in note.inner_text()
    assert "Interview date" not in note.inner_text() and "this guide" in note.inner_text()
    page.get_by_label("Your name").fill("Ada")
    page.get_by_label("Interview date").fill("June 3")

    page.goto(f"{site}/guides/soon/")  # another guide with an [Interview date] of its own
    assert page.get_by_label("Your name").input_value() == "Ada"
    assert page.get_by_label("Interview date").input_value() == ""
    page.goto(f"{site}/guides/late/")  # back on the first guide, its own details are still there
    assert page.get_by_label("Interview date").input_value() == "June 3"


def test_without_javascript_the_letters_read_as_written(browser, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/guides/late/")
    assert not page.locator("form.bo-details").is_visible()
    assert page.get_by_role("button", name="Copy").count() == 0
    assert page.locator(".bo-fill-hints").is_visible()
    body = page.locator(".bo-letter--email .bo-letter__body").inner_text()
    assert body.startswith("Dear [Recipient name],\n\nAbout [Interview date]:")
    assert page.get_by_role("link", name="Open in email app").get_attribute("href").startswith("mailto:?subject=")
    context.close()


def guide_links(page, selector: str = "[data-bo-finder] li a") -> list[str]:
    return [href.rsplit("/", 2)[-2] for href in page.locator(selector).evaluate_all(
        "links => links.map((link) => link.getAttribute('href'))")]


def test_without_javascript_the_finder_is_a_plain_list_of_every_guide_once(browser, built: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{built.url}/find/")
    assert not page.locator("[data-bo-finder] form").is_visible()
    assert not page.locator("[data-bo-count]").is_visible()
    assert page.locator("[data-bo-finder] h2").all_inner_texts()[:2] == [
        "You chose another path", "The job is not right for you"]  # the order of _categories.yml
    links = guide_links(page)
    guides = sorted(path.stem for path in built.project.scenarios.glob("[!_]*.yml"))
    assert sorted(links) == guides  # each guide once
    assert page.locator("[data-bo-finder] li:has(a[href$='/pay/'])").inner_text().endswith(
        "Between rounds · After an offer")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_finder_lists_each_guide_once_and_narrows_by_reason_and_stage(new_context, site: str, width: int) -> None:
    page = open_page(new_context(width), f"{site}/")
    page.locator("article").get_by_role("link", name="Find your guide").click()
    page.wait_for_url(f"{site}/find/")
    count = page.locator("[data-bo-count]")

    def shown() -> list[str]:
        return guide_links(page, "[data-bo-finder] li:visible a")

    everything = shown()
    assert len(everything) == len(set(everything)) >= 24
    assert count.inner_text() == f"{len(everything)} guides match."
    page.get_by_label("After an offer").check()
    page.get_by_label("The job is not right for you").check()
    matching = page.locator("[data-bo-finder] li:visible").all_inner_texts()
    assert 0 < len(shown()) < len(everything) and count.inner_text() == f"{len(shown())} guides match."
    assert "pay" in shown() and "The pay is too low" in "".join(matching)
    assert "The job is not what was advertised" not in "".join(matching)  # not at the offer stage
    assert page.locator("[data-bo-finder] h2:visible").all_inner_texts() == ["The job is not right for you"]
    page.get_by_label("Anywhere").check()
    page.get_by_label("Senior and executive roles").check()
    assert shown() == ["senior-role"]
    assert count.inner_text() == "1 guide matches."
    assert page.errors == []


def test_printing_shows_the_advice_and_letters_only(context, site: str) -> None:
    page = open_guide(context, site)
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", "form.bo-details", ".bo-letter__actions", ".md-footer"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".bo-letter__body").first.is_visible()
    assert page.get_by_role("heading", name="What to do").is_visible()


def test_keyboard_reaches_the_form_with_a_visible_focus(context, site: str) -> None:
    page = open_guide(context, site)
    page.get_by_label("Your name").focus()
    page.keyboard.type("Ada")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == page.get_by_label("Recipient name").get_attribute("id")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    assert page.locator(".bo-letter__body").first.inner_text().endswith("Ada")


def test_keyboard_alone_copies_a_letter_with_blanks_on_purpose(context, site: str) -> None:
    page = open_guide(context, site)
    copy = page.locator(".bo-letter--message").get_by_role("button", name="Copy short message")
    copy.focus()
    page.keyboard.press("Enter")
    assert focused_label(page) == "Your name"  # the first of the letter's blanks in the form
    page.keyboard.type("Ada")
    anyway = page.get_by_role("button", name=re.compile("anyway"))
    assert anyway.count() == 0  # the notice went with the change: it named a blank that is filled now
    copy.focus()
    page.keyboard.press("Enter")
    assert focused_label(page) == "Recipient name"
    anyway.focus()
    page.keyboard.press("Enter")
    assert clipboard(page) == "Hi [Recipient name], I have withdrawn from the [Role] process. Thanks, Ada"
    assert focused_label(page) == "" and page.evaluate("document.activeElement.textContent") == "Copy"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_has_no_axe_violations(browser, site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    for path in ["", "guides/late/", "find/", "tags/", "how-to-decline-well/", "faq/", "add-a-scenario/", "guides/",
                 "categories/you-chose-another-path/", "404.html"]:
        page.goto(f"{site}/{path}")
        page.wait_for_load_state("networkidle")
        found[path or "home"] = axe_violations(page)
        if path == "guides/late/":
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.locator(".bo-letter--email").get_by_role("button", name="Copy subject").click()  # a notice, marks
            found["guide with blanks"] = axe_violations(page)
    context.close()
    assert found == {key: [] for key in found}


def test_a_reader_who_prefers_reduced_motion_sees_nothing_move(new_context, site: str) -> None:
    page = open_guide(new_context(360, reduced_motion="reduce"), site)
    page.locator(".bo-letter--email").get_by_role("button", name="Copy subject").click()  # scrolls, shows a notice
    wait_two_frames(page)
    assert page.locator(".md-header__title--active").count() == 1  # the header swapped in the page title
    assert page.evaluate("document.getAnimations().map((animation) => animation.transitionProperty "
                         "?? animation.animationName)") == []


# Two fuzzing finds: a guide need not have an email, and a field label is any text, even one that
# names a property every JavaScript object has.
NO_EMAIL = """\
title: A call will do
summary: You only need to phone.
situation: The recruiter prefers calls.
advice:
  - title: Call
    body: Keep it short.
letters:
  - kind: phone
    title: Call the recruiter
    body: Hi [Recipient name], it's [Your name] about the [Role] role.
  - kind: message
    title: Text after the call
    body: Thanks for your time, [Recipient name]. [Your name]
"""
OBJECT_LABELS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]
OBJECT_FIELDS = MINIMAL.replace("I have accepted another offer", " ".join(f"[{label}]" for label in OBJECT_LABELS)) + (
    "fields:\n" + "".join(f"  {label}: what goes in {label}\n" for label in OBJECT_LABELS))


@pytest.fixture(scope="module")
def odd_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One small site per fuzzing find, so that each fails on its own."""
    with contextlib.ExitStack() as stack:
        urls = {}
        for name, text in [("no-email", NO_EMAIL), ("object-labels", OBJECT_FIELDS)]:
            project = make_project(tmp_path_factory.mktemp(name), with_scenarios=False)
            project.write(f"{name}.yml", text)
            urls[name] = stack.enter_context(serving(project.build()))
        yield urls


def test_a_guide_without_an_email_renders_and_fills_in(new_context, odd_sites: dict[str, str]) -> None:
    site = odd_sites["no-email"]
    page = open_page(new_context(origin=site), f"{site}/guides/no-email/")
    assert page.get_by_label("Recipient email").count() == 0 and page.locator("[data-bo-mailto]").count() == 0
    fill = {"Your name": "Ada", "Recipient name": "Jo", "Role": "Analyst"}
    for label, value in fill.items():
        page.get_by_label(label).fill(value)
    page.locator(".bo-letter--phone").get_by_role("button", name="Copy").click()
    assert clipboard(page) == "Hi Jo, it's Ada about the Analyst role."
    assert page.errors == []


def test_field_labels_named_like_object_properties_are_just_labels(new_context, odd_sites: dict[str, str]) -> None:
    site = odd_sites["object-labels"]
    page = open_page(new_context(origin=site), f"{site}/guides/object-labels/")
    body = page.locator(".bo-letter__body")
    assert "[constructor] [toString] [__proto__]" in body.inner_text()  # untouched before anything is typed
    for label in OBJECT_LABELS:
        assert page.get_by_label(label, exact=True).input_value() == ""
        page.get_by_label(label, exact=True).fill(label.upper())
    assert " ".join(label.upper() for label in OBJECT_LABELS) in body.inner_text()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert [page.get_by_label(label, exact=True).input_value() for label in OBJECT_LABELS] == [
        label.upper() for label in OBJECT_LABELS]
    assert page.evaluate("({}).constructor === Object && Object.getPrototypeOf({}) === Object.prototype")
    assert page.errors == []
