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
"""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class GcFreezeExtension:
    """Freezes the objects alive at spider open and after the first scraped item; unfreezes
    them when the engine stops."""

    def __init__(self) -> None:
        self._after_first_item = True

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

    def item_scraped(self, *_args: Any, **_kwargs: Any) -> None:
        if self._after_first_item:
            self._after_first_item = False
            self.freeze()

    def unfreeze(self, *_args: Any, **_kwargs: Any) -> None:
        gc.unfreeze()
