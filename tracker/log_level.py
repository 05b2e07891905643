"""Keeps log records no handler will print from being made at all.

Scrapy installs its root handler with the crawl's ``LOG_LEVEL`` but sets the root logger itself
to ``NOTSET``, so every ``logger.debug`` in the process builds a ``LogRecord`` (caller lookup,
time, formatting arguments kept) that each handler then drops. Extraction libraries log a lot at
DEBUG: trafilatura made 16,181 records for 256 pages, ~1.2 s of a profiled crawl's 28 s of
extraction (bench.crawl_cost). When the spider opens, this sets the root logger's level to the
lowest level any of its handlers accepts, if nobody chose a root level; the engine stopping puts
it back. A handler added later with a lower level (a test's log capture, a debugger) only sees
records at or above that level unless it sets the root level itself, as pytest's ``caplog``
does. ``TRACKER_LOG_TRIM = False`` turns it off.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def lowest_handler_level(root: logging.Logger) -> int:
    """The lowest level a handler of ``root`` accepts (NOTSET when one accepts everything, or
    when there is no handler: then Python's last-resort handler decides)."""
    levels = [handler.level for handler in root.handlers]
    return min(levels) if levels else logging.NOTSET


class LogLevelExtension:
    """Raises the root logger's level to what its handlers print while a crawl runs."""

    def __init__(self) -> None:
        self._restore: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LogLevelExtension:
        if not crawler.settings.getbool("TRACKER_LOG_TRIM", True):
            raise NotConfigured("TRACKER_LOG_TRIM is off")
        extension = cls()
        crawler.signals.connect(extension.trim, signal=signals.spider_opened)
        crawler.signals.connect(extension.restore, signal=signals.engine_stopped)
        return extension

    def trim(self, *_args: Any, **_kwargs: Any) -> None:
        root = logging.getLogger()
        if root.level != logging.NOTSET or self._restore is not None:
            return  # someone chose a level: theirs stands
        level = lowest_handler_level(root)
        if level == logging.NOTSET:
            return
        self._restore = root.level
        root.setLevel(level)
        logger.debug("root logger level set to %s", logging.getLevelName(level))

    def restore(self, *_args: Any, **_kwargs: Any) -> None:
        if self._restore is not None:
            logging.getLogger().setLevel(self._restore)
            self._restore = None
