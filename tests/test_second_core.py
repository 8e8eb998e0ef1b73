"""The helper process on a second core: the same site with it and without it, and no harm if it dies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bow_out import page_work, second_core
from bow_out.site import generate_site
from conftest import ROOT, Project

pytestmark = pytest.mark.skipif(not second_core.available(), reason="needs Linux and two cores")


def count_helpers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    started: list[int] = []
    real = second_core.start_helper

    def counted(*args, **kwargs):
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(second_core, "start_helper", counted)
    return started


def _die(*args: object) -> None:
    os._exit(3)


def built_files(site: Path) -> dict[str, bytes]:
    # The gzipped sitemap carries the time it was written.
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file() and path.suffix != ".gz"}


def test_the_site_is_the_same_with_and_without_the_helper(real_project: Project,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from bow_out import catalog, render

    started = count_helpers(monkeypatch)
    monkeypatch.setenv(second_core.SWITCH, "0")
    alone = built_files(real_project.build())
    assert started == []
    monkeypatch.setattr(catalog, "_cache", {})
    monkeypatch.setattr(render, "_rendered", {})
    monkeypatch.setenv(second_core.SWITCH, "1")
    helped = built_files(real_project.build())
    assert len(started) == 2, "one helper shares the reading, one renders and cleans"
    assert helped.keys() == alone.keys()
    assert [name for name in helped if helped[name] != alone[name]] == []


@pytest.mark.usefixtures("cold_caches")
def test_pages_come_out_whole_when_the_helper_dies(monkeypatch: pytest.MonkeyPatch) -> None:
    # The helper runs this as it starts, and dies; the work falls back to this process.
    monkeypatch.setattr(page_work, "_adopt", _die)
    site = generate_site(ROOT / "scenarios", ROOT / "docs", use_second_core=True)
    try:
        markdown = {page.src_uri: site.work.markdown(page.src_uri) for page in site.pages}
        site.work.clean_later("guides/late-notice.md", "<p onclick='x()'>Hi</p>")
        assert site.work.cleaned("guides/late-notice.md") == "<p>Hi</p>"
    finally:
        site.work.close()
    alone = generate_site(ROOT / "scenarios", ROOT / "docs")
    assert markdown == {page.src_uri: alone.work.markdown(page.src_uri) for page in alone.pages}
    assert len(markdown) > page_work.HELPER_MIN_PAGES
