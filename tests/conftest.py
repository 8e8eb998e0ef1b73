"""What the tests share: throwaway copies of the project built for real, a served site, Chromium, helpers.

Fixtures come from here by name; test modules import the helpers (`from conftest import ...`), never from
each other. Markers (registered in pyproject.toml): every test that uses the `browser` fixture, directly or
through `new_context` or `context`, is marked `browser` here, and skipped where Debian's chromium is missing;
a test that runs MkDocs or ProperDocs (a build or `mkdocs serve`) is marked `build` in its module.
`make test-fast` runs the rest. Nothing here does any work at import time.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
WIDTHS = [360, 1280]  # a phone and a laptop

MINIMAL = """\
title: You accepted another offer
summary: You said yes elsewhere and need to withdraw.
situation: You signed an offer and still have an interview booked.
advice:
  - title: Tell them the same day
    body: The team is holding a slot for you.
letters:
  - kind: email
    title: Short email
    subject: Withdrawing from the [Role] interview
    body: |
      Dear [Recipient name],

      I have accepted another offer, so I am withdrawing.

      Best regards,
      [Your name]
"""


def pytest_configure(config: pytest.Config) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # for builds in this process, as the Makefile sets it for make


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    no_chromium = pytest.mark.skip(reason="needs Debian's chromium (.ci/run installs it)")
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                item.add_marker(no_chromium)


# Projects: a copy of the site's config and docs, with a scenarios folder of the test's choosing.

@dataclass
class Project:
    """A copy of the site's config and docs with a scenarios folder of our choosing."""

    root: Path

    @property
    def scenarios(self) -> Path:
        return self.root / "scenarios"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.scenarios / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def build(self, config: dict | None = None, config_file: str = "mkdocs.yml") -> Path:
        """Build with MkDocs in this process (strict); returns the site folder.

        `config_file="mkdocs.es.yml"` builds the Spanish edition into site/es/, as `make build` does.
        """
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        site = self.site / "es" if config_file == "mkdocs.es.yml" else self.site
        cfg = load_config(str(self.root / config_file), site_dir=str(site), strict=True, **(config or {}))
        build(cfg)
        return site

    def page(self, url: str) -> str:
        """The built HTML of a page, by its URL path such as 'guides/x/'."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def make_project(tmp_path: Path, with_scenarios: bool) -> Project:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copy(ROOT / "mkdocs.es.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "hooks").symlink_to(ROOT / "hooks")
    (root / "overrides").symlink_to(ROOT / "overrides")
    if with_scenarios:
        shutil.copytree(ROOT / "scenarios", root / "scenarios")
    else:
        (root / "scenarios").mkdir()
        shutil.copy(ROOT / "scenarios" / "_categories.yml", root / "scenarios")
        # These pages link to the project's own guides, which an empty catalog does not have.
        for name in ("how-to-decline-well.md", "faq.md"):
            (root / "docs" / name).write_text(f"# {name[:-3].replace('-', ' ').capitalize()}\n")
    return Project(root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty-catalog copy of the project."""
    return make_project(tmp_path, with_scenarios=False)


@pytest.fixture
def real_project(tmp_path: Path) -> Project:
    """A copy of the project with its own scenarios."""
    return make_project(tmp_path, with_scenarios=True)


@pytest.fixture(scope="session")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project's own site in both languages, built as `make build` builds it (read it, never change it)."""
    project = make_project(tmp_path_factory.mktemp("bilingual"), with_scenarios=True)
    project.build()
    project.build(config_file="mkdocs.es.yml")
    return project


def reported(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The problem lines the hooks logged, each from its file name on (MkDocs' logger adds a prefix)."""
    return [message[message.index("scenarios/"):] for message in caplog.messages
            if re.search(r"scenarios/[^:]+:\d+:\d+: ", message)]


def run_check(project: Project, **environment: str) -> subprocess.CompletedProcess[str]:
    """`python -m bow_out check` in the project, as `make check` runs it on a developer's machine.

    Without GITHUB_ACTIONS even on GitHub, where `check` would add workflow annotations to its output,
    unless `environment` sets it.
    """
    env = {name: value for name, value in os.environ.items() if name != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "bow_out", "check"], cwd=project.root, capture_output=True,
                          env={**env, "PYTHONPATH": str(ROOT / "hooks"), **environment}, text=True, timeout=60)


# ProperDocs, the maintained MkDocs 1.x fork: both command lines are in the venv (requirements-dev.txt).

TOOLS = ("mkdocs", "properdocs")


def build_with_each(project: Project, prefix: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """Build `project` with each tool at once (into `<prefix>-<tool>/`); their results by tool."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "SOURCE_DATE_EPOCH": "1767225600"}  # the sitemap's dates, fixed so a build across midnight compares
    running = {tool: subprocess.Popen(
        [sys.executable, "-m", tool, "build", "--strict", "--site-dir", f"{prefix}-{tool}"],
        cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tool in TOOLS}
    results = {}
    for tool, process in running.items():
        stdout, stderr = process.communicate(timeout=120)
        results[tool] = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    return results


# Servers: a built site on a local port, and waiting for a server that rebuilds.

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def fetch(url: str) -> str:
    """The page's text, or "" while the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


# The reader's site: the project's own guides and a few of ours, built once per session and served.

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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The project's own guides and a few of ours (late, pay, soon), built and served."""
    project = make_project(tmp_path_factory.mktemp("reader"), with_scenarios=True)
    for name, text in [("late.yml", LATE), ("pay.yml", PAY), ("soon.yml", SOON)]:
        project.write(name, text)
    with serving(project.build()) as url:
        yield Site(project, url)


@pytest.fixture(scope="session")
def site(built: Site) -> str:
    return built.url


# Chromium: Debian's, driven by Playwright, started once per session.

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
    """A new tab at `url`, loaded, recording the page's script errors and the requests it could not get."""
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


# Cumulative layout shift as the browser reports it, for shifts the reader did not cause: page.evaluate(LAYOUT_SHIFT).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


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
