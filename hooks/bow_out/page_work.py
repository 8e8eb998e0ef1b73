"""The Markdown of every generated page and the cleaned HTML of each, worked out ahead of need.

With a spare core, a forked helper renders pages in the order the site builder reads them (first
what stands in for markers on hand-written pages, then the generated pages), and cleans each page's
HTML while the builder goes on with the next page. Without one, the same work happens in this
process when it is asked for. Either way the results are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any

from . import sanitize, second_core
from .render import MARKERS, Renderer

BATCH = 64  # pages per message to or from the helper: fewer messages, fewer thread switches here
HELPER_MIN_PAGES = 16  # fewer pages than this are rendered and cleaned faster than a helper starts

# In the helper process only, set once as it starts: the renderer it inherited through fork.
_helper_renderer: Renderer | None = None


def _adopt(renderer: Renderer) -> None:
    global _helper_renderer
    _helper_renderer = renderer


def _render_each(renderer: Renderer, src_uris: list[str]) -> list[tuple[int | None, str]]:
    return [renderer.render(src_uri) for src_uri in src_uris]


def _fill_each(renderer: Renderer, fillings: list[tuple[str, str]]) -> list[str]:
    return [renderer.filling(marker, src_uri) for src_uri, marker in fillings]


def _in_helper(work: Callable[[Renderer, list[Any]], list[Any]], items: list[Any]) -> list[Any]:
    """`work` done with the renderer the helper inherited."""
    assert _helper_renderer is not None
    return work(_helper_renderer, items)


def _clean_each(pages: list[str]) -> list[str]:
    return [sanitize.clean(html) for html in pages]


class _Results:
    """Results by key: computed here, or sent to the helper in batches and collected when asked for."""

    def __init__(self, finish: Callable[[Any, Any], Any] = lambda key, result: result):
        self.done: dict[Hashable, Any] = {}
        self._pending: dict[Hashable, tuple[Future[list[Any]], list[Any], Callable[[], list[Any]]]] = {}
        self._finish = finish

    def expect(self, future: Future[list[Any]], keys: list[Any], compute_here: Callable[[], list[Any]]) -> None:
        """`future` will give the results for `keys`, in order; `compute_here` if the helper dies."""
        for key in keys:
            self._pending[key] = (future, keys, compute_here)

    def store(self, keys: list[Any], results: list[Any]) -> None:
        """Keep the results for `keys`, in order."""
        for key, result in zip(keys, results, strict=True):
            self.done[key] = self._finish(key, result)
            self._pending.pop(key, None)

    def __contains__(self, key: Hashable) -> bool:
        return key in self.done or key in self._pending

    def __getitem__(self, key: Hashable) -> Any:
        if key not in self.done:
            future, keys, compute_here = self._pending[key]
            self.store(keys, second_core.outcome(future, compute_here))
        return self.done[key]


class PageWork:
    """One build's generated Markdown and cleaned HTML, by page address (`src_uri`).

    `fillings` lists the (hand-written page, marker) pairs the build will ask `filled` about.
    """

    def __init__(self, renderer: Renderer, fillings: list[tuple[str, str]], use_second_core: bool = False):
        self._renderer = renderer
        self._markdown = _Results(lambda src_uri, keyed: renderer.remember(src_uri, *keyed))
        self._fillings = _Results()
        self._cleaned = _Results()
        self._to_clean: dict[str, str] = {}
        to_render = []
        for page in renderer.pages:
            cached = renderer.cached(page.src_uri)
            if cached is None:
                to_render.append(page.src_uri)
            else:
                self._markdown.done[page.src_uri] = cached
        self._helper = None
        # Every page is cleaned on every build, so a helper pays even when the cache spares the rendering.
        if use_second_core and len(renderer.pages) >= HELPER_MIN_PAGES and second_core.available():
            self._helper = second_core.start_helper(_adopt, (renderer,))
            # Hand-written pages come first in the build, so their fillings go first.
            self._send(self._fillings, _fill_each, fillings)
            for start in range(0, len(to_render), BATCH):
                self._send(self._markdown, _render_each, to_render[start:start + BATCH])
        else:
            # Now rather than on demand: the caller may have paused the garbage collector for it.
            self._markdown.store(to_render, _render_each(renderer, to_render))
            self._fillings.store(fillings, _fill_each(renderer, fillings))

    def markdown(self, src_uri: str) -> str:
        """A generated page's Markdown."""
        return self._markdown[src_uri]

    def filled(self, src_uri: str, markdown: str) -> str:
        """A hand-written page's Markdown with each marker replaced by what it stands for."""
        for marker in MARKERS:
            if marker in markdown:
                if (src_uri, marker) not in self._fillings:  # a page added since the build began
                    self._fillings.store([(src_uri, marker)], _fill_each(self._renderer, [(src_uri, marker)]))
                markdown = markdown.replace(marker, self._fillings[src_uri, marker])
        return markdown

    def clean_later(self, src_uri: str, html: str) -> None:
        """Hand over a generated page's HTML; `cleaned` returns it cleaned."""
        self._to_clean[src_uri] = html
        if self._helper is not None and len(self._to_clean) >= BATCH:
            self._send_to_clean()

    def all_handed_over(self) -> None:
        """Every page's HTML has been handed over: start cleaning the last of it now."""
        if self._helper is not None and self._to_clean:
            self._send_to_clean()

    def cleaned(self, src_uri: str) -> str:
        """The HTML handed over for a page, through the allowlist sanitizer."""
        if src_uri in self._to_clean and self._helper is None:
            self._cleaned.store([src_uri], _clean_each([self._to_clean.pop(src_uri)]))
        elif src_uri in self._to_clean:
            self._send_to_clean()
        return self._cleaned[src_uri]

    def close(self) -> None:
        """Stop the helper, if there is one; work not yet asked for is dropped."""
        if self._helper is not None:
            self._helper.shutdown(wait=False, cancel_futures=True)
            self._helper = None

    def _send(self, results: _Results, work: Callable[[Renderer, list[Any]], list[Any]], items: list[Any]) -> None:
        assert self._helper is not None
        renderer = self._renderer
        results.expect(second_core.submit(self._helper, _in_helper, work, items), items,
                       lambda: work(renderer, items))

    def _send_to_clean(self) -> None:
        assert self._helper is not None
        src_uris, pages = list(self._to_clean), list(self._to_clean.values())
        self._to_clean.clear()
        self._cleaned.expect(second_core.submit(self._helper, _clean_each, pages), src_uris, lambda: _clean_each(pages))
