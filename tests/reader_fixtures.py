"""Shared by the reader's tests (test_reader*.py): the built site, Chromium and its contexts.

A plugin (each module names it in `pytest_plugins`), so that the session's site is built once and
Chromium started once for all of them. The modules import from it before pytest loads it as a plugin,
too late for assertion rewriting: PYTEST_DONT_REWRITE.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MINIMAL, Project, make_project

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")
WIDTHS = [360, 1280]  # a phone and a laptop

LATE = MINIMAL.replace("Dear [Recipient name],", "Dear [Recipient name],\n\n      About [Interview date]:") + """\
  - kind: phone
    title: Call the recruiter
    body: Hi [Recipient name], it's [Your name] about the [Role] role at [Company].
  - kind: voicemail
    title: Voicemail for the recruiter
    body: Hello [Recipient name], it's [Your name]. My sabbatical starts early, so I'm withdrawing.
  - kind: message
    title: Short text
    body: Hi [Recipient name], I have withdrawn from the [Role] process. Thanks, [Your name]
category: You chose another path
stages: [before-interview]
tags: [another offer, short notice, phone call, referral]
fields:
  Interview date: the day you were due to come in
related: [pay]
"""
PAY = MINIMAL.replace("You accepted another offer", "The pay is too low") + """\
category: The job is not right for you
stages: [between-rounds, after-offer]
related: [late]
"""
SOON = MINIMAL.replace("You accepted another offer", "The interview is tomorrow").replace(
    "I have accepted another offer", "I cannot come on [Interview date]") + """\
fields:
  Interview date: the day of the interview
"""


@dataclass
class Site:
    project: Project
    url: str


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve a built site on a free local port; yields its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The project's own guides and a few of ours, built and served."""
    project = make_project(tmp_path_factory.mktemp("reader"), with_scenarios=True)
    for name, text in [("late.yml", LATE), ("pay.yml", PAY), ("soon.yml", SOON)]:
        project.write(name, text)
    with serving(project.build()) as url:
        yield Site(project, url)


@pytest.fixture(scope="session")
def site(built: Site) -> str:
    return built.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, site: str):
    """Makes browser contexts (a viewport width, clipboard allowed) and checks no request left the site."""
    made = []

    def make(width: int = 1280, height: int = 900, origin: str = site, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        context.origin = origin
        context.requests = []
        context.on("request", lambda request: context.requests.append(request.url))
        made.append(context)
        return context

    yield make
    outside = [url for context in made for url in context.requests if not url.startswith(context.origin)]
    for context in made:
        context.close()
    assert outside == [], f"requests left the site: {outside}"


@pytest.fixture
def context(new_context):
    return new_context()


def open_page(context, url: str):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.errors = errors
    failed = []  # requests the site could not answer, such as a 404 (Lighthouse counts them as errors)
    page.on("response", lambda response: response.status >= 400 and failed.append((response.status, response.url)))
    page.on("requestfailed", lambda request: failed.append((request.failure, request.url)))
    page.failed = failed
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def open_guide(context, site: str, guide: str = "late"):
    return open_page(context, f"{site}/guides/{guide}/")


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def focused_label(page) -> str:
    return page.evaluate("document.activeElement.labels?.[0]?.textContent ?? ''")


def wait_two_frames(page) -> None:
    """Wait until the page has drawn twice: by then it has handled a scroll and restyled what that changed."""
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def axe_violations(page) -> list[tuple[str, list]]:
    """What axe finds on the page once it has settled: each broken rule's id and the elements that break it.

    Axe measures colors as they are at that instant. Material cross-fades the header title (site name out,
    page title in) when the page scrolls past its heading, so a page measured mid-fade shows half-transparent
    text (contrast 1.01 on a busy machine). So the page prefers reduced motion from here on (Material then
    turns its transitions off, and ends a running one at once), and axe waits for any other animation to end.
    The settled page is the same with or without the preference: only the steps between differ.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(reduced_motion="reduce")
    wait_two_frames(page)
    page.wait_for_function("document.getAnimations().every((animation) => animation.playState !== 'running')")
    return [(rule["id"], [node["target"] for node in rule["nodes"]]) for rule in Axe().run(page).response["violations"]]
