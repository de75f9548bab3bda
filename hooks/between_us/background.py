"""Pure functions run beside the build, in worker processes, so the checks cost little wall time.

MkDocs renders pages on one core. On a machine with another core free, a large site's content
checks and QR codes run there while the pages render; the hooks wait for a result only where they
use it. A small site, or a one-core machine, runs everything in-process, at once: a worker takes
about a second to start (its imports), more than a small site's checks.

Workers are spawned, not forked: `mkdocs serve` runs threads, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import multiprocessing
import os
import site
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent
BATCH = 40  # items per task: few enough round trips, small enough to keep the worker's queue moving


def spare_cores() -> int:
    """Cores this process may use, less the one MkDocs renders on."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return usable - 1


class Pending(Generic[R]):
    """The joined results of batched tasks, in submission order; waits on the first call only."""

    def __init__(self, futures: Sequence[Future[list[R]]]) -> None:
        self._futures = futures
        self._results: list[R] | None = None

    def result(self) -> list[R]:
        if self._results is None:
            self._results = [item for future in self._futures for item in future.result()]
        return self._results


class Background:
    """Runs `fn(batch, *args)` over batches of items, in `workers` processes, or in-process with 0."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # MkDocs imports hooks with their folder on sys.path only while loading them: a worker
        # adds the folder this package is in before it unpickles a task.
        self._pool = (ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                          initializer=site.addsitedir, initargs=(str(_PACKAGE_PARENT),))
                      if workers > 0 else None)

    def map(self, fn: Callable[..., list[R]], items: Sequence[T], *args: Any) -> Pending[R]:
        """Tasks run in submission order: submit first what the build needs first."""
        return Pending([self._submit(fn, items[i:i + BATCH], *args) for i in range(0, len(items), BATCH)])

    def _submit(self, fn: Callable[..., list[R]], *args: Any) -> Future[list[R]]:
        if self._pool is not None:
            return self._pool.submit(fn, *args)
        future: Future[list[R]] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as error:  # raised again where the result is used, as from a worker
            future.set_exception(error)
        return future

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


# One per build: the content checks hook starts it when it knows the site's size; others share it.
_current = Background(0)


def start(pages: int, min_pages: int) -> Background:
    """A fresh Background for this build: worker processes when the site has `min_pages` or more."""
    global _current
    _current.close()
    _current = Background(spare_cores() if pages >= min_pages else 0)
    return _current


def current() -> Background:
    return _current


def stop() -> None:
    _current.close()
