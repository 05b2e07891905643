"""Revisits: young articles are requested again by later crawls, conditionally.

An article written by a crawl is revisited by the crawls that follow while it was published less
than ``TRACKER_REVISIT_DAYS`` ago (default 2; 0 turns revisits off), at most once every
``TRACKER_REVISIT_HOURS`` (default 6) whatever the number of crawls or crawler processes (the
state store hands each due article to one crawl: tracker.state.revisits). A revisit request
carries ``If-None-Match`` / ``If-Modified-Since`` from the validators the page sent last time, so
an unchanged page costs a 304 and no body.

- :func:`revisit_requests` builds a spider's due revisits (``NewsSpider.start`` yields them after
  its sources); counted under ``tracker/revisit/requested``.
- :class:`RevisitMiddleware` (downloader) adds the conditional headers and turns a 304 into a
  quiet skip, counted under ``tracker/revisit/not_modified``.
- A page that did change comes back as an item with ``provenance["fetch"] = "revisit"``;
  tracker.story_pipelines.RevisitPipeline decides whether it is a new revision
  (``tracker/revisit/revised``) or not (``tracker/revisit/unchanged``).

The seen-URL filter (tracker.downloader.seen) lets requests with ``meta["tracker_revisit"]``
through: they are the one deliberate exception to "a written URL is not fetched again".
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from tracker.downloader.seen import META_ARTICLE, META_REVISIT, META_SKIPPED
from tracker.state import store_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

# request.meta[META_REVISIT]: {"etag": ..., "last_modified": ...} of the article's last version.
__all__ = ["META_REVISIT", "RevisitMiddleware", "note_fetch", "revisit_failed", "revisit_requests"]
# provenance["fetch"] of an item that came from a revisit.
FETCH_REVISIT = "revisit"

DEFAULT_REVISIT_DAYS = 2.0
DEFAULT_REVISIT_HOURS = 6.0
# Revisits one spider asks for in one crawl, newest articles first.
DEFAULT_REVISIT_MAX = 1000


def revisit_days(settings: BaseSettings) -> float:
    return max(0.0, settings.getfloat("TRACKER_REVISIT_DAYS", DEFAULT_REVISIT_DAYS))


def _inc(crawler: Crawler, key: str, count: int = 1) -> None:
    if crawler.stats is not None:
        crawler.stats.inc_value(f"tracker/revisit/{key}", count)


def revisit_requests(spider: Any) -> list[Request]:
    """Conditional requests for the spider's articles that are due a revisit (marked requested
    in the store as they are handed out). Empty when revisits are off."""
    crawler: Crawler = spider.crawler
    settings = crawler.settings
    days = revisit_days(settings)
    if days <= 0:
        return []
    hours = max(0.0, settings.getfloat("TRACKER_REVISIT_HOURS", DEFAULT_REVISIT_HOURS))
    limit = settings.getint("TRACKER_REVISIT_MAX", DEFAULT_REVISIT_MAX)
    now = time.time()
    store = store_for(crawler)
    store.prune_revisits(now - days * 86400)
    records = store.due_revisits(spider.name, now - days * 86400, now - hours * 3600, now, limit)
    requests = []
    for record in records:
        meta: dict[str, Any] = {
            META_ARTICLE: True,
            META_REVISIT: {"etag": record.etag, "last_modified": record.last_modified},
        }
        if getattr(spider, "render_js", False):
            meta["playwright"] = True
        requests.append(
            Request(
                record.url,
                callback=spider.parse_article,
                errback=spider.article_failed,
                meta=meta,
                dont_filter=True,
            )
        )
    if requests:
        _inc(crawler, "requested", len(requests))
        logger.info("Revisiting %d articles of %s", len(requests), spider.name)
    return requests


def note_fetch(item: Any, response: Response) -> None:
    """Record on an item what its response says for later revisits: its validators, and
    ``provenance["fetch"] = "revisit"`` when the request was one."""
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    item.etag = etag.decode("latin-1") if etag else None
    item.last_modified = last_modified.decode("latin-1") if last_modified else None
    if response.meta.get(META_REVISIT) is not None:
        item.provenance["fetch"] = FETCH_REVISIT


def revisit_failed(crawler: Crawler, request: Request, reason: str, detail: str) -> None:
    """A revisit that failed (404, timeout, ...): the article stays as written; counted under
    ``tracker/revisit/failed/<reason>``, not a reject."""
    _inc(crawler, f"failed/{reason}")
    logger.info("Revisit of %s failed: %s (%s)", request.url, reason, detail)


class RevisitMiddleware:
    """Downloader middleware: conditional headers on revisits; a 304 ends the revisit quietly
    (``meta["tracker_skipped"]``, so the spider's errback neither rejects it nor falls back)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RevisitMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        validators = request.meta.get(META_REVISIT)
        if not validators:
            return None
        if validators.get("etag") and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = validators["etag"]
        if validators.get("last_modified") and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = validators["last_modified"]
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Any:
        if request.meta.get(META_REVISIT) is None or response.status != 304:
            return response
        _inc(self.crawler, "not_modified")
        etag = response.headers.get("ETag")
        store_for(self.crawler).touch_revisit(
            request.url, time.time(), etag=etag.decode("latin-1") if etag else ""
        )
        logger.debug("Revisit of %s: not modified", request.url)
        request.meta[META_SKIPPED] = True
        raise IgnoreRequest(f"not modified since the last visit: {request.url}")
