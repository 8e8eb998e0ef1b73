"""Shared fixtures: throwaway copies of the project, built for real with MkDocs."""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ["NO_MKDOCS_2_WARNING"] = "1"

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


def reported(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The problem lines the hooks logged, each from its file name on (MkDocs' logger adds a prefix)."""
    return [message[message.index("scenarios/"):] for message in caplog.messages
            if re.search(r"scenarios/[^:]+:\d+:\d+: ", message)]
