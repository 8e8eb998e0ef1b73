"""Kept only so that tests written against the old layout still run: import from conftest instead.

The reader's fixtures and helpers now live in conftest.py; this module defines no fixture, so naming it in
`pytest_plugins` does nothing (PYTEST_DONT_REWRITE: such a module is imported before pytest loads it as a
plugin, too late to rewrite its assertions, and it has none). Delete it once no test names it
(`grep -l reader_fixtures tests/`).
"""

import pytest

from conftest import (  # noqa: F401
    CHROMIUM,
    LATE,
    PAY,
    SOON,
    WIDTHS,
    Site,
    axe_violations,
    clipboard,
    focused_label,
    open_guide,
    open_page,
    serving,
    wait_two_frames,
)

needs_chromium = pytest.mark.browser  # conftest marks and, without chromium, skips every test using `browser`
