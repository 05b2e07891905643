"""The generic spider: any article URL, feed or sitemap, for outlets without a spider of their own.

    scrapy crawl article -a urls=https://example.com/a,https://example.com/b
    scrapy crawl article -a feed=https://example.com/rss.xml -a limit=10
    scrapy crawl article -a sitemap=https://example.com/news-sitemap.xml
    scrapy crawl article -a news_sitemap=https://example.com/news.xml
    scrapy crawl article -a urls=... -a rules=generic   # ignore dedicated spiders' rules

Extraction and pipelines are the same as for publisher spiders. When an article's host belongs to
a publisher that has a dedicated spider (its ``allowed_domains``), that publisher's whole
declaration applies, exactly as in its own spider: its site rules and family, its
``post_process_item`` hook, its publisher name and language, and the hints for the pipelines (time
zone, default category). The item is then the one ``scrapy crawl <publisher> -a urls=...`` makes,
apart from its ``spider`` field (tests/test_same_item.py holds every fixture page to that).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, ClassVar
from urllib.parse import urlparse

from scrapy.crawler import Crawler
from scrapy.http import Request

from tracker.items import ArticleItem
from tracker.spiders import publisher_spiders
from tracker.spiders.base import NewsSpider, broken_http_url, split_arg
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap, Source

logger = logging.getLogger(__name__)


class ArticleSpider(NewsSpider):
    """Scrapes the URLs, feed or sitemap given as arguments, with any publisher's rules."""

    name = "article"
    publisher = ""  # the dedicated spider's, or the page's site name, or the host
    language = None
    arguments: ClassVar[dict[str, str]] = {
        **NewsSpider.arguments,
        "feed": "comma-separated RSS/Atom feed URLs",
        "sitemap": "comma-separated sitemap or sitemap index URLs",
        "news_sitemap": "comma-separated Google News sitemap URLs",
        "rules": "auto (a dedicated spider's rules when one covers the host) or generic",
    }

    def __init__(
        self,
        *args: Any,
        feed: str | None = None,
        sitemap: str | None = None,
        news_sitemap: str | None = None,
        rules: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.check_arguments(feed=feed, sitemap=sitemap, news_sitemap=news_sitemap, rules=rules)
        # -a rules=generic: never use a dedicated spider's rules (measures the generic layers).
        self.generic_only = rules == "generic"
        sources: list[Source] = []
        for value, kind in ((feed, Feed), (sitemap, Sitemap), (news_sitemap, NewsSitemap)):
            sources.extend(kind(url) for url in split_arg(value))
        # An instance attribute: the class declares no sources (crawlall leaves it out).
        self.sources = sources  # type: ignore[misc]
        self._dedicated: dict[str, type[NewsSpider]] = {}

    @classmethod
    def check_arguments(
        cls,
        *,
        rules: str | None = None,
        **arguments: Any,
    ) -> tuple[list[str], int | None, bool | None]:
        """NewsSpider's checks, plus ``-a rules`` and the feed and sitemap URLs."""
        if (rules or "auto") not in ("auto", "generic"):
            raise ValueError(f"-a rules: expected auto or generic, got {rules!r}")
        for name in ("feed", "sitemap", "news_sitemap"):
            for url in split_arg(arguments.pop(name, None)):
                if urlparse(url).scheme not in ("http", "https"):
                    raise ValueError(f"-a {name}: {url!r} is not an http(s) URL")
                problem = broken_http_url(url)
                if problem:
                    raise ValueError(f"-a {name}: {url!r}: {problem}")
        return super().check_arguments(**arguments)

    @classmethod
    def check_command_line(cls, spider_args: dict[str, Any]) -> None:
        """NewsSpider's checks, and something to crawl: a crawl without a URL, feed or sitemap
        has nothing to do."""
        super().check_command_line(spider_args)
        inputs = ("urls", "feed", "sitemap", "news_sitemap", "warc", "ccnews")
        if not any(split_arg(spider_args.get(n)) for n in inputs):
            raise ValueError(
                "the article spider needs -a urls=URL[,URL...], -a feed=URL, -a sitemap=URL,"
                " -a news_sitemap=URL, -a warc=PATH_OR_URL or -a ccnews=YYYY-MM[-DD]"
            )

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArticleSpider:
        spider: ArticleSpider = super().from_crawler(crawler, *args, **kwargs)
        # -a rules=generic never asks for them: every publisher spider's module stays unread.
        spider._dedicated = {} if spider.generic_only else dedicated_spiders(crawler)
        return spider

    async def start(self) -> AsyncIterator[Request | ArticleItem]:
        if not self.sources and not self.article_urls and not self.archive_requested:
            # Checked here, not in __init__, so the spider can be built without arguments
            # (fixture tests, `scrapy list`); a crawl without them has nothing to do.
            logger.error(
                "The article spider needs -a urls=URL[,URL...], -a feed=URL, -a sitemap=URL,"
                " -a warc=PATH_OR_URL or -a ccnews=YYYY-MM"
            )
            self.crawler.stats.set_value("tracker/article/no_arguments", 1)
            return
        async for request in super().start():
            yield request

    def dedicated_spider(self, url: str) -> type[NewsSpider] | None:
        """The publisher spider whose allowed_domains cover the URL's host, if any."""
        host = (urlparse(url).hostname or "").lower()
        while host and not self.generic_only:
            if host in self._dedicated:
                return self._dedicated[host]
            host = host.partition(".")[2]
        return None

    def site_for(self, url: str) -> type[NewsSpider] | None:
        """The dedicated spider's declaration for a URL on its domains; None (generic rules)
        elsewhere and with ``-a rules=generic``."""
        return self.dedicated_spider(url)

    @classmethod
    def offsite(cls, url: str) -> str | None:
        return None  # any site


def dedicated_spiders(crawler: Crawler) -> dict[str, type[NewsSpider]]:
    """Host (an allowed domain) -> the publisher spider that declares it."""
    hosts: dict[str, type[NewsSpider]] = {}
    for _name, cls in sorted(publisher_spiders(crawler.settings).items()):
        for domain in cls.allowed_domains or []:
            hosts.setdefault(domain.lower(), cls)
    return hosts
