"""The editing loop: `mkdocs serve` shows a bad edit's problems, keeps serving, and recovers on the fix."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from conftest import MINIMAL, Project, fetch, free_port, wait_for

pytestmark = pytest.mark.build


class Server:
    """`mkdocs serve` on a free port, its output collected line by line."""

    def __init__(self, project: Project):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        self.output: list[str] = []
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def said(self, text: str) -> bool:
        return any(text in line for line in self.output)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def test_serve_shows_problems_on_the_last_good_pages_and_recovers(project: Project) -> None:
    scenario = project.write("late.yml", MINIMAL)
    server = Server(project)
    guide = server.url("guides/late/")
    try:
        wait_for(lambda: "You accepted another offer" in fetch(guide), "the first build")
        assert "bo-problems" not in fetch(guide)
        assert "7 findings in 1 scenario file against the editorial standards" in fetch(guide), "notes, not errors"

        time.sleep(1.1)  # a later modification time than the first build saw
        scenario.write_text(MINIMAL.replace("summary:", "sumary:").replace("[Role]", "[Rol]"))
        problem = "scenarios/late.yml:2:1: sumary: unknown key &#x27;sumary&#x27;"
        wait_for(lambda: problem in fetch(guide), "the problems on the page")
        page = fetch(guide)
        assert "You accepted another offer" in page, "the last good page stays up"
        assert "scenarios/late.yml:10:35: letters[0].subject: unknown placeholder [Rol]" in page
        assert problem in fetch(server.url("")), "every page shows the problems"
        assert fetch(server.url("assets/bow-out.css")), "assets are still served"
        assert server.said("scenarios/late.yml:2:1: sumary: unknown key 'sumary'")
        assert server.said("3 problems in 1 scenario file: still serving the last good pages")

        scenario.write_text(MINIMAL.replace("You accepted another offer", "You signed elsewhere"))
        wait_for(lambda: "You signed elsewhere" in fetch(guide), "the rebuild after the fix")
        assert "bo-problems" not in fetch(guide)

        project.write("second.yml", MINIMAL.replace("You accepted another offer", "A new guide"))
        wait_for(lambda: "A new guide" in fetch(server.url("")), "a new file on the home page")
    finally:
        server.stop()


def test_serve_starts_with_a_broken_scenario(project: Project) -> None:
    project.write("late.yml", MINIMAL.replace("[Role]", "[Rol]"))
    server = Server(project)
    try:
        wait_for(lambda: "unknown placeholder [Rol]" in fetch(server.url("")), "the problems on the home page")
        project.write("late.yml", MINIMAL)
        wait_for(lambda: "You accepted another offer" in fetch(server.url("guides/late/")), "the guide once fixed")
    finally:
        server.stop()
