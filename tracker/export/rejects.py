"""Articles that were found but not written, and the file that lists them.

Pipelines reject an item by raising :class:`RejectItem` with a short, stable reason code (any
other DropItem is listed as ``dropped``, an exception in a pipeline as ``pipeline_error``); spiders
report pages that never became items (a fetch that failed after retries, a page that is not an
article) by sending ``tracker.signals.article_rejected``. The :class:`RejectsLog` extension turns
both into one JSON line each in ``<TRACKER_OUTPUT_DIR>/rejects.jsonl``, a WARNING log line and a
``tracker/rejected/<reason>`` counter, so nothing is lost silently.

Duplicates are not rejects: :class:`DuplicateItem` only counts (``tracker/duplicates/...``).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem

from tracker import signals as tracker_signals
from tracker.preflight import mark_failed

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.spiders import Spider
    from scrapy.statscollectors import StatsCollector
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

_REASON_RE = re.compile(r"[^a-z0-9_]+")


# Stats key counting writes the full disk refused (files, indexes, state store, rejects.jsonl).
DISK_FULL_STAT = "tracker/disk_full"
_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error means the disk (or the quota, or the file size limit) is full: an
    OSError with ENOSPC/EDQUOT/EFBIG, or SQLite's "database or disk is full"."""
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
        return True
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return code == sqlite3.SQLITE_FULL or "disk is full" in str(exc)
    return False


def short_error(exc: BaseException) -> str:
    """An error as one short phrase for a reject's detail: its text, not its repr."""
    text = getattr(exc, "strerror", None) if isinstance(exc, OSError) else None
    return str(text or exc or type(exc).__name__)


@contextmanager
def full_disk_rejects(stats: StatsCollector | None, what: str) -> Iterator[None]:
    """Run a write of ``what`` ("the story index") for one article; a full disk under it
    becomes that article's counted ``write_failed`` reject, one line, never a traceback. Other
    errors pass through."""
    try:
        yield
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        if stats is not None:
            stats.inc_value(DISK_FULL_STAT)
        raise RejectItem(
            "write_failed", f"{what} could not be written: {short_error(exc)}"
        ) from exc


def reason_code(reason: object) -> str:
    """A stats-key- and grep-friendly code: lower case, ``[a-z0-9_]``, at most 40 characters."""
    code = _REASON_RE.sub("_", str(reason or "unknown").lower()).strip("_")
    return code[:40] or "unknown"


class RejectItem(DropItem):
    """An item that will not be written, with a reason code (``no_title``, ``no_body``,
    ``not_article``, ``write_failed``, ...) and a sentence for a person.

    Scrapy's own "Dropped" line goes to DEBUG: the rejects log writes the useful WARNING line.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason_code(reason)
        self.detail = detail
        super().__init__(f"{self.reason}: {detail}" if detail else self.reason, log_level="DEBUG")


class DuplicateItem(DropItem):
    """An item already written (this crawl or an earlier one); ``kind`` is ``url`` or ``hash``."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"duplicate ({kind}): {detail}", log_level="DEBUG")


def _one_line(value: object, limit: int = 2000) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RejectsLog:
    """Extension: appends every rejected article to ``<TRACKER_OUTPUT_DIR>/rejects.jsonl``.

    Each record is written with one ``write`` on a file opened with O_APPEND, so lines from
    concurrent crawls on the same folder never interleave, and flushed at once, so a crash
    loses no reject that was logged.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.path = Path(crawler.settings.get("TRACKER_OUTPUT_DIR") or "output") / "rejects.jsonl"
        self._fd: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RejectsLog:
        ext = cls(crawler)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.article_rejected, signal=tracker_signals.article_rejected)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.close, signal=signals.engine_stopped)
        return ext

    # --- signal handlers -------------------------------------------------------------------------

    def item_dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None = None,
        spider: Spider | None = None,
    ) -> None:
        if isinstance(exception, DuplicateItem):
            return  # already in the output: counted by the dedupe pipeline, not lost
        if isinstance(exception, RejectItem):
            reason, detail = exception.reason, exception.detail
        else:  # a DropItem from some other component: still an article not written
            reason, detail = "dropped", str(exception)
        self._record_item(item, reason, detail, spider)

    def item_error(
        self,
        item: Any,
        failure: Failure | None = None,
        response: Response | Failure | None = None,
        spider: Spider | None = None,
    ) -> None:
        # A bug in a pipeline must not lose an article silently either.
        error = failure.value if failure is not None else None
        if error is not None and is_disk_full(error):
            # A pipeline that did not say so itself: still the disk, not a bug.
            self._count_disk_full()
            self._record_item(item, "write_failed", short_error(error), spider)
            return
        detail = f"{type(error).__name__}: {error}" if error is not None else "pipeline error"
        self._record_item(item, "pipeline_error", detail, spider)

    def _record_item(self, item: Any, reason: str, detail: str, spider: Spider | None) -> None:
        adapter = ItemAdapter(item)
        url = adapter.get("url") or adapter.get("fetched_url") or ""
        name = adapter.get("spider") or (spider.name if spider is not None else None)
        self.record(url, reason, detail, name)

    def article_rejected(
        self,
        url: str = "",
        reason: str = "unknown",
        detail: str = "",
        spider: Spider | str | None = None,
        **kwargs: Any,
    ) -> None:
        name = spider if isinstance(spider, str) or spider is None else spider.name
        self.record(url, reason, detail, name)

    # --- writing ---------------------------------------------------------------------------------

    def record(self, url: str, reason: str, detail: str, spider: str | None) -> None:
        """Append one reject line, log it and count it."""
        code = reason_code(reason)
        if spider is None and self.crawler.spider is not None:
            spider = self.crawler.spider.name
        entry = {
            "url": _one_line(url),
            "spider": spider,
            "reason": code,
            "detail": _one_line(detail),
            "at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        }
        logger.warning("Rejected %s: %s (%s)", entry["url"] or "<no url>", code, entry["detail"])
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"tracker/rejected/{code}")
            self.crawler.stats.inc_value("tracker/rejected")
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            fd = self._open()
            os.write(fd, line)
        except OSError as exc:
            # The log line above still names the article; say loudly (once) that the file
            # missed it, and count every one.
            unrecorded = 0
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("tracker/rejected/unrecorded")
                unrecorded = self.crawler.stats.get_value("tracker/rejected/unrecorded")
            if is_disk_full(exc):
                self._count_disk_full()
            level = logging.ERROR if unrecorded <= 1 else logging.DEBUG
            logger.log(level, "Could not append to %s: %s", self.path, short_error(exc))

    def _count_disk_full(self) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(DISK_FULL_STAT)

    def spider_closed(self, spider: Spider, reason: str = "") -> None:
        """A full disk is said once at the end, with what it cost, and fails the crawl."""
        stats = self.crawler.stats
        if stats is None or not stats.get_value(DISK_FULL_STAT):
            return
        lost = stats.get_value("tracker/rejected/write_failed", 0)
        unrecorded = stats.get_value("tracker/rejected/unrecorded", 0)
        message = (
            f"The disk is full: {lost} articles could not be written (write_failed)"
            + (f", {unrecorded} rejects could not be added to {self.path}" if unrecorded else "")
            + "; free some space and run the crawl again: it fetches them again"
        )
        logger.error("%s", message)
        mark_failed(self.crawler, message)

    def _open(self) -> int:
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        return self._fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
