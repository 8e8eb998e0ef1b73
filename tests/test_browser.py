"""Debian's Chromium, driven by Playwright, reads a built guide as a reader would."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Project

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")


@pytest.fixture
def served_site(real_project: Project) -> Iterator[str]:
    site = real_project.build()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_guide_reads_well_and_stays_on_the_site(served_site: str) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{served_site}/guides/another-offer/")
        page.wait_for_load_state("networkidle")

        assert page.locator("h1").inner_text().rstrip("¶") == "You accepted another offer"
        letter = page.locator(".bo-letter--email .bo-letter__body").first
        assert "\n\n" in letter.inner_text(), "line breaks are kept"
        assert letter.locator(".bo-placeholder").count() >= 2
        assert page.locator(".bo-letter--phone").count() == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, "no sideways scrolling on a phone"
        browser.close()
    outside = [url for url in requests if not url.startswith(served_site)]
    assert outside == [], outside
