"""A forked helper process, so that the generator's work runs on a second core beside MkDocs.

MkDocs builds on one core. On Linux a forked child starts with the parent's memory (the catalog, the
compiled templates) at no copying cost, so only file paths, page addresses and the resulting text
cross between the two processes. Elsewhere, or on a single core, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")

SWITCH = "BOW_OUT_SECOND_CORE"  # set to 0 to keep all the work in one process


def available() -> bool:
    """Whether a helper can run beside this process: Linux, two usable cores, not switched off."""
    return (sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
            and os.environ.get(SWITCH, "1") != "0")


def start_helper(initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """One forked helper process; `initializer(*initargs)` runs in it first, without pickling the args."""
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                               initializer=initializer, initargs=initargs)


def submit(helper: ProcessPoolExecutor, work: Callable[..., T], *args: Any) -> Future[T]:
    """`helper.submit(work, *args)`; if the helper has died, a future that `outcome` will replace."""
    try:
        return helper.submit(work, *args)
    except BrokenProcessPool as error:
        failed: Future[T] = Future()
        failed.set_exception(error)
        return failed


def outcome(future: Future[T], fallback: Callable[[], T]) -> T:
    """The helper's result, or `fallback()` computed here if the helper died (killed, out of memory).

    An exception raised by the work itself is raised again here, as it would be without a helper.
    """
    try:
        return future.result()
    except BrokenProcessPool:
        return fallback()
