"""``-a warc=`` and ``-a ccnews=``: a spider's pages read from WARC files instead of the web.

:class:`ArchiveSource` is what a NewsSpider's ``start()`` runs instead of its feeds and
sitemaps when given those arguments. For each WARC file (a unit of work, tracker.archive.units)
it streams the HTTP response records whose URL the spider accepts (its domains, allow and deny
rules; every http(s) URL for the generic ``article`` spider) and hands each page to the spider
as if it had just been downloaded:

- the record becomes a Scrapy response in :class:`ArchiveResponseMiddleware` (a downloader
  middleware), so it passes the same downloader middlewares as a live page (the seen-URL filter,
  decompression of its Content-Encoding, stats), and nothing in archive mode reaches the network:
  a redirect or retry a middleware asks for is refused (``not_in_archive``);
- the spider's ``parse_article`` extracts it and the items go through every pipeline (dedupe,
  categories, summaries, Markdown, rejects), with ``scraped_at`` the record's WARC-Date and
  ``warc_file``/``warc_offset`` where the record lives;
- feeds and sitemaps in the archive are read for their entries, which travel with the pages they
  list as in a live crawl (titles, dates, authors); an entry whose page is not in the archive,
  or was archived with an error status, ends as the live crawl's would: the feed's full content
  when it has some, else a reject (``not_in_archive``, ``http_404``, ...). Without the shared
  queue only: with it, another process may hold the page;
- a page that yields no article because it needs a browser is rejected (``needs_browser``): an
  archive cannot be rendered again.

Records are read in a worker thread, one ahead of the page being extracted, so reading (and a
remote file's download) overlaps extraction; memory holds a few records whatever the file size.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import hashlib
import logging
import os
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlparse

from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import task
from twisted.python.failure import Failure

from tracker.archive.ccnews import DEFAULT_BASE, Period, parse_period, warc_urls
from tracker.archive.middleware import ARCHIVE_FLAG
from tracker.archive.reader import (
    READERS,
    ArchivedResponse,
    ArchiveError,
    SkippedRecord,
    archived_responses,
    open_archive,
)
from tracker.archive.units import DEFAULT_LEASE, LocalUnits, RedisUnits, WorkUnits
from tracker.arguments import split_arg
from tracker.distributed import queue_url
from tracker.downloader import RejectRequest
from tracker.extract.feeds import FeedError, parse_feed
from tracker.extract.sitemaps import SitemapError, parse_sitemap
from tracker.extract.types import FeedEntry
from tracker.items import ArticleItem
from tracker.processing.normalise import url_key
from tracker.signals import article_rejected
from tracker.state import state_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from tracker.spiders.base import NewsSpider

logger = logging.getLogger(__name__)

# request.meta keys: the archived record a request is answered with; and "this crawl reads an
# archive", which every request derived from it (a redirect, a retry) inherits.
META_ARCHIVED = "tracker_archived"
META_ARCHIVE_ONLY = "tracker_archive_only"
WARC_SUFFIXES = (".warc", ".warc.gz")
# The finish reason of an archive crawl that could not start (no path list, no file readable).
FAILED_REASON = "archive_error"
# Feed and sitemap entries waiting for their page, at most (the oldest give way).
MAX_PENDING_ENTRIES = 10_000
_FEED_TYPES = ("xml", "rss", "atom")
_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")


# --- arguments -----------------------------------------------------------------------------------


def _is_url(text: str) -> bool:
    return urlparse(text).scheme in ("http", "https")


def local_warc_files(location: str) -> list[str]:
    """The WARC files a local argument names: a file, a folder (searched recursively) or a
    glob pattern; absolute paths, sorted."""
    path = Path(os.path.expanduser(location))
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.is_file() and p.name.endswith(WARC_SUFFIXES)]
    elif any(ch in location for ch in "*?["):
        found = [Path(p) for p in glob.glob(os.path.expanduser(location), recursive=True)]
        found = [p for p in found if p.is_file()]
    else:
        found = [path] if path.is_file() else []
    return sorted(str(p.resolve()) for p in found)


def check_archive_arguments(
    warc: str | Iterable[str] | None, ccnews: str | Iterable[str] | None
) -> tuple[list[str], list[Period]]:
    """The ``-a warc`` locations and ``-a ccnews`` periods; ValueError names a bad one."""
    locations = split_arg(warc)
    for location in locations:
        scheme = urlparse(location).scheme
        if scheme and len(scheme) > 1 and scheme not in ("http", "https"):
            raise ValueError(f"-a warc: {location!r} is neither a local path nor an http(s) URL")
        if not _is_url(location) and not local_warc_files(location):
            raise ValueError(f"-a warc: no WARC file at {location!r}")
    periods = [parse_period(text) for text in split_arg(ccnews)]
    return locations, periods


# --- the downloader side ------------------------------------------------------------------------


def archived_to_response(record: ArchivedResponse, request: Request) -> Response:
    """A Scrapy response for an archived record (body still in its Content-Encoding)."""
    headers = Headers()
    for name, value in record.headers:
        headers.appendlist(name, value)
    respcls = responsetypes.from_args(headers=headers, url=record.url, body=record.body)
    return respcls(
        url=record.url,
        status=record.status,
        headers=headers,
        body=record.body,
        flags=[ARCHIVE_FLAG],
        request=request,
    )


class ArchiveResponseMiddleware:
    """Downloader middleware (before robots.txt and cassettes): answers a request that carries an
    archived record with it, and refuses any other request of an archive crawl."""

    def process_request(self, request: Request, spider: Any = None) -> Response | None:
        record = request.meta.pop(META_ARCHIVED, None)
        if record is not None:
            return archived_to_response(record, request)
        if request.meta.get(META_ARCHIVE_ONLY):
            raise RejectRequest(
                "not_in_archive", f"{request.url} is not in the archive (nothing is fetched)"
            )
        return None


# --- the spider side ----------------------------------------------------------------------------


class ArchiveSource:
    """Runs a spider over WARC files (module docstring); ``items()`` is its ``start()``."""

    def __init__(self, spider: NewsSpider, locations: list[str], periods: list[Period]) -> None:
        self.spider = spider
        self.crawler: Crawler = spider.crawler
        self.settings = self.crawler.settings
        self.stats = self.crawler.stats
        self.locations = locations
        self.periods = periods
        self.reader = str(self.settings.get("TRACKER_WARC_READER") or "fastwarc")
        if self.reader not in READERS:
            raise ValueError(
                f"TRACKER_WARC_READER={self.reader!r}: expected one of {', '.join(READERS)}"
            )
        self.max_size = self.settings.getint("DOWNLOAD_MAXSIZE", 0)
        self.entries: OrderedDict[str, FeedEntry] = OrderedDict()
        self.units: WorkUnits | None = None
        self.limit_reached = False
        # Items handed to the engine and not yet through the pipelines: id -> unit.
        self._unsettled: dict[int, str] = {}
        self._skipped: deque[SkippedRecord] = deque()
        self._done = self._failed = 0
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            self.crawler.signals.connect(self._item_settled, signal=signal)

    def _reject(self, url: str, reason: str, detail: str) -> None:
        self.crawler.signals.send_catch_log(
            article_rejected, url=url, reason=reason, detail=detail, spider=self.spider
        )

    def inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"tracker/archive/{key}", count)

    # --- units ----------------------------------------------------------------------------------

    def job_name(self) -> str:
        """``<spider>:<argument>``: the processes that share it split its files."""
        parts = [f"ccnews={p}" for p in self.periods]
        if self.locations:
            digest = hashlib.sha1("\n".join(self.locations).encode()).hexdigest()[:12]
            parts.append(f"warc={digest}")
        return f"{self.spider.name}:{','.join(parts)}"

    def list_units(self) -> list[str]:
        """Every WARC file of the job: local files, URLs, and the periods' CC-NEWS files."""
        units: list[str] = []
        for location in self.locations:
            units.extend([location] if _is_url(location) else local_warc_files(location))
        base = str(self.settings.get("TRACKER_CCNEWS_BASE") or DEFAULT_BASE)
        timeout = self.settings.getfloat("DOWNLOAD_TIMEOUT", 60.0)
        for period in self.periods:
            urls = warc_urls(period, base, timeout=timeout)
            logger.info("CC-NEWS %s: %d WARC file(s)", period, len(urls))
            if not urls:
                logger.warning("CC-NEWS %s: the path list names no WARC file for it", period)
            units.extend(urls)
        return list(dict.fromkeys(units))

    def open_units(self, units: list[str]) -> WorkUnits:
        url = queue_url(self.settings)
        if not url:
            return LocalUnits(units)
        lease = self.settings.getfloat("TRACKER_WARC_LEASE", DEFAULT_LEASE)
        return RedisUnits(url, self.job_name(), units, lease=lease)

    # --- the crawl ------------------------------------------------------------------------------

    async def items(self) -> AsyncIterator[ArticleItem]:
        try:
            units = await asyncio.to_thread(self.list_units)
        except ArchiveError as exc:
            self._fail_crawl(str(exc))
            return
        self.inc("files_listed", len(units))
        self.units = units_ = await asyncio.to_thread(self.open_units, units)
        heartbeat = task.LoopingCall(self._renew)
        if units_.distributed:
            heartbeat.start(
                max(1.0, self.settings.getfloat("TRACKER_WARC_LEASE", 300) / 5), now=False
            )
        try:
            async for item in self._run(units_):
                yield item
        finally:
            if heartbeat.running:
                heartbeat.stop()
            units_.close()
        if self._failed and not self._done:
            self._fail_crawl(f"none of the WARC files could be read ({self._failed} failed)")
        if not units_.distributed and not self.limit_reached:
            for item in self._unmatched_entries(list(self.entries.values())):
                yield item
            self.entries.clear()

    async def _run(self, units: WorkUnits) -> AsyncIterator[ArticleItem]:
        poll = self.settings.getfloat("TRACKER_WARC_POLL", 5.0)
        while not self.limit_reached:
            unit = units.claim()
            if unit is None:
                if units.distributed and units.remaining() > 0:
                    # Other processes hold the rest; one may die and leave its file to us.
                    await asyncio.sleep(poll)
                    continue
                return
            logger.info("Reading WARC file %s", unit)
            try:
                async for item in self._read_unit(unit):
                    yield item
            except ArchiveError as exc:
                logger.error("%s", exc)
                self.inc("files_failed")
                self._failed += 1
                units.failed(unit)
                continue
            if self.limit_reached:
                units.release(unit)
                return
            await self._settled(unit)
            units.done(unit)
            self.inc("files_done")
            self._done += 1

    def _renew(self) -> None:
        try:
            if self.units is not None:
                self.units.renew()
        except Exception as exc:  # a Redis hiccup: the next beat retries before the lease ends
            logger.warning("Could not renew the lease on WARC files: %s", exc)

    def _fail_crawl(self, reason: str) -> None:
        """Stop the crawl: it cannot do its job (``scrapy crawl`` then exits with 1)."""
        logger.error("%s", reason)
        if self.stats is not None:
            self.stats.set_value("tracker/archive/error", reason)
        raise CloseSpider(FAILED_REASON)

    # --- reading one file -----------------------------------------------------------------------

    def _wanted(self, url: str) -> bool:
        # Pages the spider accepts; XML documents (feeds, sitemaps) on its domains as well.
        return self.spider.accepts_url(url) or self.spider.on_own_domain(url)

    async def _read_unit(self, unit: str) -> AsyncIterator[ArticleItem]:
        user_agent = str(self.settings.get("USER_AGENT") or "")
        timeout = self.settings.getfloat("DOWNLOAD_TIMEOUT", 60.0)
        stream: BinaryIO = await asyncio.to_thread(open_archive, unit, timeout, user_agent)
        records = archived_responses(
            stream,
            unit,
            self._wanted,
            reader=self.reader,
            max_size=self.max_size,
            skipped=self._skipped.append,
        )
        try:
            upcoming = asyncio.ensure_future(asyncio.to_thread(_next_record, records))
            while True:
                record = await upcoming
                if record is None:
                    break
                # Read the next record while this one is extracted.
                upcoming = asyncio.ensure_future(asyncio.to_thread(_next_record, records))
                self._count_skipped()
                self.inc("records")
                async for item in self._page(record):
                    self._unsettled[id(item)] = unit
                    yield item
                if self.limit_reached:
                    break
            self._count_skipped()
        finally:
            if not upcoming.done():
                upcoming.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await upcoming
            await asyncio.to_thread(_close_quietly, records, stream)

    def _count_skipped(self) -> None:
        while self._skipped:
            skipped = self._skipped.popleft()
            self.inc(f"skipped/{skipped.reason}")
            if skipped.reason == "too_large" and self.spider.accepts_url(skipped.url):
                self._reject(
                    skipped.url,
                    "too_large",
                    "the archived page is larger than DOWNLOAD_MAXSIZE",
                )

    async def _page(self, record: ArchivedResponse) -> AsyncIterator[ArticleItem]:
        content_type = _content_type(record.headers)
        if record.status != 200:
            entry = self.entries.pop(url_key(record.url), None)
            if entry is not None and record.status >= 400:
                # The live crawl met this error status for a page its feed listed.
                for item in self._failed_entry(entry, record):
                    yield item
            else:
                self.inc("skipped/status")
            return
        if any(kind in content_type for kind in _FEED_TYPES) and "html" not in content_type:
            if self.spider.on_own_domain(record.url):
                await self._read_feed(record)
            return
        if not self.spider.accepts_url(record.url):
            return
        if content_type and not content_type.startswith(_PAGE_TYPES):
            self.inc("skipped/not_html")
            return
        if state_of(self.crawler).already_written(record.url):
            self.entries.pop(url_key(record.url), None)
            return
        entry = self.entries.pop(url_key(record.url), None)
        request = self.spider.article_request(record.url, entry)
        if request is None:
            self.limit_reached = True
            return
        response = await self._download(request, record)
        if isinstance(response, Failure):
            for item in self.spider.article_failed(response):
                yield self._located(item, record)
            return
        async for result in self.spider.parse_article(response):
            if isinstance(result, Request):
                self._reject(
                    record.url,
                    "needs_browser",
                    "the archived page holds no article and looks rendered by JavaScript;"
                    " an archive cannot be rendered again",
                )
            elif isinstance(result, ArticleItem):
                yield self._located(result, record)

    async def _download(self, request: Request, record: ArchivedResponse) -> Response | Failure:
        """``record`` through the downloader middlewares, as ``request``'s response."""
        request.meta.pop("playwright", None)
        request.meta[META_ARCHIVED] = record
        request.meta[META_ARCHIVE_ONLY] = True
        engine = self.crawler.engine
        assert engine is not None
        try:
            return await engine.download_async(request)
        except IgnoreRequest as exc:
            failure = Failure(exc)
            failure.request = request  # type: ignore[attr-defined]
            return failure

    def _located(self, item: ArticleItem, record: ArchivedResponse) -> ArticleItem:
        if item.fetched_url is not None:
            item.warc_file = record.source
            item.warc_offset = record.offset
            # The page is as it was when archived: that is when it was scraped.
            item.scraped_at = record.date or item.scraped_at
        return item

    # --- feeds and sitemaps in the archive ------------------------------------------------------

    async def _read_feed(self, record: ArchivedResponse) -> None:
        request = Request(record.url, dont_filter=True)
        response = await self._download(request, record)
        if isinstance(response, Failure):
            self.inc("skipped/bad_feed")
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        try:
            entries = parse_feed(response.body, response.url, content_type or None)
            self.inc("feeds")
        except FeedError:
            try:
                entries = parse_sitemap(self.spider.sitemap_body(response)).entries
                self.inc("sitemaps")
            except SitemapError:
                self.inc("skipped/bad_feed")
                return
        for entry in entries:
            if not self.spider.accepts_url(entry.url):
                continue
            key = url_key(entry.url)
            self.entries[key] = entry
            self.entries.move_to_end(key)
        self.inc("feed_entries", len(entries))
        while len(self.entries) > MAX_PENDING_ENTRIES:
            _key, oldest = self.entries.popitem(last=False)
            self.inc("feed_entries_evicted")
            logger.debug("Feed entry %s given up: too many entries wait for pages", oldest.url)

    def _failed_entry(self, entry: FeedEntry, record: ArchivedResponse) -> Iterator[ArticleItem]:
        request = self.spider.article_request(entry.url, entry)
        if request is None:
            self.limit_reached = True
            return
        request.meta[META_ARCHIVE_ONLY] = True
        response = archived_to_response(record, request)
        failure = Failure(HttpError(response, f"archived with HTTP {record.status}"))
        failure.request = request  # type: ignore[attr-defined]
        yield from self.spider.article_failed(failure)

    def _unmatched_entries(self, entries: list[FeedEntry]) -> Iterator[ArticleItem]:
        """Entries whose page never came: as a live crawl whose page fetch failed."""
        for entry in entries:
            if state_of(self.crawler).already_written(entry.url):
                continue
            request = self.spider.article_request(entry.url, entry)
            if request is None:
                return
            self.inc("feed_entries_unmatched")
            error = RejectRequest("not_in_archive", f"{entry.url} is not in the archive")
            failure = Failure(error)
            failure.request = request  # type: ignore[attr-defined]
            yield from self.spider.article_failed(failure)

    # --- settling -------------------------------------------------------------------------------

    def _item_settled(self, item: Any, **kwargs: Any) -> None:
        self._unsettled.pop(id(item), None)

    async def _settled(self, unit: str, timeout: float = 300.0) -> None:
        """Wait until every item read from ``unit`` has left the pipelines."""
        waited = 0.0
        while unit in self._unsettled.values() and waited < timeout:
            await asyncio.sleep(0.05)
            waited += 0.05


def _next_record(records: Iterator[ArchivedResponse]) -> ArchivedResponse | None:
    return next(records, None)


def _close_quietly(records: Iterator[ArchivedResponse], stream: BinaryIO) -> None:
    close = getattr(records, "close", None)
    if close is not None:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            close()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        stream.close()


def _content_type(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name.lower() == b"content-type":
            return value.decode("latin-1").split(";", 1)[0].strip().lower()
    return ""


__all__ = [
    "META_ARCHIVED",
    "META_ARCHIVE_ONLY",
    "ArchiveResponseMiddleware",
    "ArchiveSource",
    "archived_to_response",
    "check_archive_arguments",
    "local_warc_files",
]
