"""Keeps the garbage collector off what a crawl builds once and keeps: modules, spiders,
language and date models.

CPython's full (oldest-generation) collection walks every container object alive; in a crawl
that is millions of objects made at start-up (Scrapy, Twisted, the 186 spider modules) and by
the first article (lazily loaded models), none of which will ever be garbage. Each full
collection cost ~0.1 CPU s, several per 256 articles. ``gc.freeze()`` moves the objects alive
at that moment into a permanent generation the collector skips: done when the spider opens, and
once more after the first article went through the pipelines. Objects frozen are still freed by
reference counting; only a reference cycle among them would stay until the engine stops, when
they are handed back to the collector (a process running several crawls, or tests, keeps no
frozen garbage). ``TRACKER_GC_FREEZE = False`` turns it off.

While the crawl runs, the collector's thresholds are raised from CPython's (700, 10, 10) to
:data:`CRAWL_THRESHOLDS` (a young collection every 10,000 allocations instead of 700): an article
allocates and frees hundreds of thousands of objects, nearly none in reference cycles, and with
the long-lived objects frozen, CPython's rule for full collections (a quarter of the
long-lived objects pending) ran one nearly every tenth middle collection. Garbage collection
over bench.crawl_cost's 256 pages: ~0.24 -> ~0.12 CPU s, ~880 -> ~110 collections. The engine's
stop puts the thresholds back.

At the process's exit (after a crawl) the collector gets one last full collection, then
everything still alive is frozen: the interpreter's shutdown otherwise runs full collections over
every object while it tears the modules down, ~0.25 CPU s after bench.crawl_cost's 256 pages
(~0.03 s frozen, plus ~0.05 s for the collection). Garbage that exists at exit is still
collected (its finalizers run, Twisted's report of unhandled errors included) and frozen objects
are still freed by reference counting; only cycles that the module teardown itself leaves are
not collected, whose finalizers CPython does not promise to run at exit either. Files the
tracker writes are closed (and synced) when written, never left to the exit.
"""

from __future__ import annotations

import atexit
import gc
import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

CRAWL_THRESHOLDS = (10_000, 20, 100)


class GcFreezeExtension:
    """Freezes the objects alive at spider open and after the first scraped item; unfreezes
    them when the engine stops."""

    def __init__(self) -> None:
        self._after_first_item = True
        self._thresholds: tuple[int, int, int] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GcFreezeExtension:
        if not crawler.settings.getbool("TRACKER_GC_FREEZE", True):
            raise NotConfigured("TRACKER_GC_FREEZE is off")
        extension = cls()
        crawler.signals.connect(extension.freeze, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.unfreeze, signal=signals.engine_stopped)
        return extension

    def freeze(self, *_args: Any, **_kwargs: Any) -> None:
        # Collect first: garbage frozen would never be freed.
        gc.collect()
        gc.freeze()
        logger.debug("gc: %d objects frozen", gc.get_freeze_count())
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(*CRAWL_THRESHOLDS)

    def item_scraped(self, *_args: Any, **_kwargs: Any) -> None:
        if self._after_first_item:
            self._after_first_item = False
            self.freeze()

    def unfreeze(self, *_args: Any, **_kwargs: Any) -> None:
        gc.unfreeze()
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
        _freeze_at_exit_once()


_exit_hook_registered = False


def _freeze_at_exit_once() -> None:
    """Register :func:`freeze_at_exit` to run when the process exits (once per process)."""
    global _exit_hook_registered
    if not _exit_hook_registered:
        _exit_hook_registered = True
        atexit.register(freeze_at_exit)


def freeze_at_exit() -> None:
    """One full collection of the garbage there is, then freeze what is left, so that the
    interpreter's shutdown does not walk it all again (module docstring)."""
    gc.collect()
    gc.freeze()
