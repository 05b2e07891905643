"""The seen-URL filter: article pages written in an earlier run are not fetched again."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest

from tracker.request_meta import META_ARTICLE, META_REVISIT, META_SKIPPED
from tracker.state import StateStoreExtension, state_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)


class SeenUrlFilterMiddleware:
    """Skips article pages whose URL was written in an earlier run, so an incremental crawl
    costs the feeds and not the articles.

    Spiders ask the state store before they request an article (so ``-a limit`` counts new
    articles only); this middleware asks again for any article request that reaches the
    downloader. Only requests with ``meta["tracker_article"]`` true are checked (feeds, sitemaps,
    robots.txt and revisits always go through); a skipped request raises IgnoreRequest and is
    counted under ``tracker/skipped/seen_url`` and flagged with ``meta["tracker_skipped"]``.
    It is not a reject: the article is already in the output.
    """

    def __init__(self, state: StateStoreExtension) -> None:
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenUrlFilterMiddleware:
        return cls(state_of(crawler))

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if not request.meta.get(META_ARTICLE) or request.meta.get(META_REVISIT) is not None:
            return None
        if self.state.already_written(request.url):
            request.meta[META_SKIPPED] = True
            raise IgnoreRequest(f"already written: {request.url}")
        return None
