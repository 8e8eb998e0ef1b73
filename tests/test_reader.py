"""The reader's side, in Debian's Chromium driven by Playwright: letters, finder, privacy, accessibility."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import MINIMAL, make_project

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")

LATE = MINIMAL.replace("Dear [Recipient name],", "Dear [Recipient name],\n\n      About [Interview date]:") + """\
  - kind: phone
    title: Call the recruiter
    body: Hi [Recipient name], it's [Your name] about the [Role] role at [Company].
  - kind: message
    title: Short text
    body: Hi [Recipient name], I have withdrawn from the [Role] process. Thanks, [Your name]
category: You chose another path
stages: [before-interview]
fields:
  Interview date: the day you were due to come in
related: [pay]
"""
PAY = MINIMAL.replace("You accepted another offer", "The pay is too low") + """\
category: The job is not right for you
stages: [between-rounds, after-offer]
related: [late]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("reader"), with_scenarios=True)
    project.write("late.yml", LATE)
    project.write("pay.yml", PAY)
    built = project.build()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield browser
        browser.close()


@pytest.fixture
def context(browser, site: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    yield context
    outside = [url for url in context.requests if not url.startswith(site)]
    context.close()
    assert outside == [], f"requests left the site: {outside}"


def open_guide(context, site: str, guide: str = "late"):
    page = context.new_page()
    page.goto(f"{site}/guides/{guide}/")
    page.wait_for_load_state("networkidle")
    return page


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
    assert page.locator(".bo-placeholder--filled").count() == 5  # three [Your name], [Company], [Interview date]

    href = email.locator("[data-bo-mailto]").get_attribute("href")
    assert href.startswith("mailto:jo@acme.example?subject=Withdrawing%20from%20the%20%5BRole%5D%20interview&body=")
    assert "%0D%0A%0D%0AAbout%20June%203%3A" in href
    query = parse_qs(urlsplit(href).query)
    assert query["body"][0] == body.replace("\n", "\r\n")
    assert unquote(urlsplit(href).path) == "jo@acme.example"


def test_copy_puts_the_personal_letter_on_the_clipboard(context, site: str) -> None:
    page = open_guide(context, site)
    page.get_by_label("Recipient name").fill("Jo")
    page.get_by_role("button", name="Copy short message: Short text").click()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Hi Jo, I have withdrawn from the [Role] process. Thanks, [Your name]")
    assert page.locator(".bo-letter--message .bo-copy-status").inner_text() == "Copied."
    page.locator(".bo-letter--email").get_by_role("button", name="Copy email").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Dear Jo,\n\nAbout [Interview date]:")


def test_copy_falls_back_to_selecting_without_the_clipboard_api(context, site: str) -> None:
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = open_guide(context, site)
    page.locator(".bo-letter--phone").get_by_role("button", name="Copy").click()
    assert page.evaluate("getSelection().toString()").startswith("Hi [Recipient name], it's [Your name]")
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
    finder = context.new_page()
    finder.goto(f"{site}/find/")
    full = finder.locator("[data-bo-finder]")
    assert not finder.locator("[data-bo-finder] form").is_visible()
    assert full.locator("h2").all_inner_texts()[:2] == [
        "You chose another path", "The job is not right for you"]  # the order of _categories.yml
    assert full.locator("h3").all_inner_texts()[:2] == ["Before the interview", "Between rounds"]
    assert full.locator("a", has_text="You accepted another offer").count() == 3  # under each of its stages
    context.close()


def test_printing_shows_the_advice_and_letters_only(context, site: str) -> None:
    page = open_guide(context, site)
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", "form.bo-details", ".bo-letter__actions", ".md-footer"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".bo-letter__body").first.is_visible()
    assert page.get_by_role("heading", name="What to do").is_visible()


def test_finder_filters_by_reason_and_stage(context, site: str) -> None:
    page = context.new_page()
    page.goto(f"{site}/")
    page.get_by_role("link", name="Find your guide").first.click()
    page.wait_for_url(f"{site}/find/")
    count = page.locator("[data-bo-count]")

    def shown() -> set[str]:
        return {link.get_attribute("href") for link in page.locator("[data-bo-finder] li:visible a").all()}

    everything = len(shown())
    assert everything >= 24 and count.inner_text() == f"{everything} guides match."
    page.get_by_label("After an offer").check()
    page.get_by_label("The job is not right for you").check()
    matching = page.locator("[data-bo-finder] li:visible").all_inner_texts()
    assert 0 < len(shown()) < everything and count.inner_text() == f"{len(shown())} guides match."
    assert "The pay is below what you can accept" in "".join(matching)
    assert "The job is not what was advertised" not in "".join(matching)  # not at the offer stage
    assert page.locator("[data-bo-finder] h3:visible").all_inner_texts() == ["After an offer"]
    page.get_by_label("Anywhere").check()
    page.get_by_label("Senior and executive roles").check()
    assert [href.rsplit("/", 2)[-2] for href in shown()] == ["senior-role"]
    assert count.inner_text() == "1 guide matches."


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


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_type_has_no_axe_violations(browser, site: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    for path in ["", "guides/late/", "find/", "tags/", "how-to-decline-well/", "faq/", "add-a-scenario/", "guides/",
                 "categories/you-chose-another-path/", "404.html"]:
        page.goto(f"{site}/{path}")
        page.wait_for_load_state("networkidle")
        violations = axe.run(page).response["violations"]
        found[path or "home"] = [(v["id"], v["nodes"][0]["target"]) for v in violations]
        if path == "guides/late/":
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert found == {key: [] for key in found}
