"""Downloader middlewares of the tracker (the cassette ones live in tracker.cassettes)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest

from tracker.state import store_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

# request.meta keys shared with tracker.spiders.base (META_ARTICLE, META_SKIPPED): spiders mark
# article-page requests; we mark the ones we drop on purpose, so the spider's errback neither
# rejects them nor falls back to the feed's copy of the article.
META_ARTICLE = "tracker_article"
META_SKIPPED = "tracker_skipped"
# Set on revisits (tracker.downloader.revisit): a written article asked for again on purpose.
META_REVISIT = "tracker_revisit"


class SeenUrlFilterMiddleware:
    """Skips article pages whose URL was written in an earlier run, so an incremental crawl
    costs the feeds and not the articles.

    Only requests with ``meta["tracker_article"]`` true are checked (feeds, sitemaps,
    robots.txt and revisits always go through); a skipped request raises IgnoreRequest and is
    counted under ``tracker/skipped/seen_url`` and flagged with ``meta["tracker_skipped"]``.
    It is not a reject: the article is already in the output.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenUrlFilterMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if not request.meta.get(META_ARTICLE) or request.meta.get(META_REVISIT) is not None:
            return None
        if already_written(self.crawler, request.url):
            request.meta[META_SKIPPED] = True
            raise IgnoreRequest(f"already written: {request.url}")
        return None


def already_written(crawler: Crawler, url: str) -> bool:
    """Whether an article at ``url`` was written in an earlier run (counted and logged when so).

    Spiders ask before they request an article, so ``-a limit`` counts new articles only; this
    middleware asks again for any article request that reaches the downloader."""
    if not store_for(crawler).has_url(url):
        return False
    if crawler.stats is not None:
        crawler.stats.inc_value("tracker/skipped/seen_url")
    logger.debug("Skipping %s: written in an earlier run", url)
    return True
