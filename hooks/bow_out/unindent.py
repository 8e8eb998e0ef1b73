"""Lighter pages: the theme's templates served without the indentation of their lines.

The theme indents its HTML for people reading the templates; in a guide page that indentation is a
fifth of the bytes. Removing it from each template once, as it loads, costs nothing per page. Page
content is a template variable, so its own white space is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2

Uptodate = Callable[[], bool] | None
_INDENTATION = re.compile(r"^\s+", re.MULTILINE)  # blank lines go too
_WHITESPACE_SENSITIVE = ("<pre", "<textarea")  # templates holding these are served as they are


class UnindentedLoader(jinja2.BaseLoader):
    """Serves the templates of `loader` without blank lines or white space at the start of a line."""

    def __init__(self, loader: jinja2.BaseLoader):
        self.loader = loader

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Uptodate]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if not any(sign in source for sign in _WHITESPACE_SENSITIVE):
            source = _INDENTATION.sub("", source)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()
