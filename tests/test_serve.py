"""The editing loop: `mkdocs serve` shows a bad edit's problems, keeps serving, and recovers on the fix."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable

from conftest import MINIMAL, Project


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
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def test_serve_reports_bad_edits_and_recovers(project: Project) -> None:
    scenario = project.write("late.yml", MINIMAL)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(server.stdout), daemon=True).start()
    url = f"http://127.0.0.1:{port}/guides/late/"
    try:
        wait_for(lambda: "You accepted another offer" in fetch(url), "the first build")

        time.sleep(1.1)  # a later modification time than the first build saw
        scenario.write_text(MINIMAL.replace("summary:", "sumary:"))
        wait_for(lambda: any(line.startswith("scenarios/late.yml:2:1: sumary: unknown key") for line in output),
                 "the problem line")
        # MkDocs holds page requests while a rebuild is broken, so there is nothing to fetch here.

        scenario.write_text(MINIMAL.replace("You accepted another offer", "You signed elsewhere"))
        wait_for(lambda: "You signed elsewhere" in fetch(url), "the rebuild after the fix")

        project.write("second.yml", MINIMAL.replace("You accepted another offer", "A new guide"))
        wait_for(lambda: "A new guide" in fetch(f"http://127.0.0.1:{port}/"), "a new file on the home page")
    finally:
        server.terminate()
        server.wait(timeout=10)
