"""The generic spider: any article URL, feed or sitemap, for outlets without a spider of their own.

    scrapy crawl article -a urls=https://example.com/a,https://example.com/b
    scrapy crawl article -a feed=https://example.com/rss.xml -a limit=10
    scrapy crawl article -a sitemap=https://example.com/news-sitemap.xml
    scrapy crawl article -a news_sitemap=https://example.com/news.xml
    scrapy crawl article -a urls=... -a rules=generic   # ignore dedicated spiders' rules

Extraction and pipelines are the same as for publisher spiders. When an article's host belongs to
a publisher that has a dedicated spider (its ``allowed_domains``), that spider's rules are used:
its selectors, exclusions and title suffixes, its publisher name and its default category. Its
``post_process_item`` hook is not: the generic spider stays declarative.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlparse

from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.spiderloader import get_spider_loader

from tracker.browser import browser_retry
from tracker.downloader.revisit import note_fetch
from tracker.extract import Extraction, SiteRules
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, _split_arg, broken_http_url
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap, Source

logger = logging.getLogger(__name__)


class ArticleSpider(NewsSpider):
    """Scrapes the URLs, feed or sitemap given as arguments, with any publisher's rules."""

    name = "article"
    publisher = ""  # from the dedicated spider, the page's site name, or the host
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
            sources.extend(kind(url) for url in _split_arg(value))
        # An instance attribute: the class declares no sources (crawlall leaves it out).
        self.sources = sources  # type: ignore[misc]
        self._dedicated: dict[str, type[NewsSpider]] = {}

    @classmethod
    def check_arguments(
        cls,
        urls: str | Iterable[str] | None = None,
        limit: str | int | None = None,
        render_js: str | bool | None = None,
        **others: Any,
    ) -> tuple[list[str], int | None, bool | None]:
        """NewsSpider's checks, plus ``-a rules`` and the feed and sitemap URLs."""
        parsed = super().check_arguments(urls=urls, limit=limit, render_js=render_js, **others)
        if (others.get("rules") or "auto") not in ("auto", "generic"):
            raise ValueError(f"-a rules: expected auto or generic, got {others['rules']!r}")
        for name in ("feed", "sitemap", "news_sitemap"):
            for url in _split_arg(others.get(name)):
                if urlparse(url).scheme not in ("http", "https"):
                    raise ValueError(f"-a {name}: {url!r} is not an http(s) URL")
                problem = broken_http_url(url)
                if problem:
                    raise ValueError(f"-a {name}: {url!r}: {problem}")
        return parsed

    @classmethod
    def check_command_line(cls, spider_args: dict[str, Any]) -> None:
        """NewsSpider's checks, and something to crawl: a crawl without a URL, feed or sitemap
        has nothing to do."""
        super().check_command_line(spider_args)
        inputs = ("urls", "feed", "sitemap", "news_sitemap", "warc", "ccnews")
        if not any(_split_arg(spider_args.get(n)) for n in inputs):
            raise ValueError(
                "the article spider needs -a urls=URL[,URL...], -a feed=URL, -a sitemap=URL,"
                " -a news_sitemap=URL, -a warc=PATH_OR_URL or -a ccnews=YYYY-MM[-DD]"
            )

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArticleSpider:
        spider: ArticleSpider = super().from_crawler(crawler, *args, **kwargs)
        spider._dedicated = dedicated_spiders(crawler)
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

    def rules_for(self, response: Response) -> SiteRules:
        """The dedicated spider's rules when the page's host has one, else none."""
        dedicated = self.dedicated_spider(response.url)
        return dedicated.site_rules() if dedicated else self.site_rules()

    def _parse_article(
        self, response: Response, extraction: Extraction | None
    ) -> Iterator[ArticleItem | Request]:
        # Overrides the base's inner step: NewsSpider.parse_article turns any error into a reject.
        dedicated = self.dedicated_spider(response.url)
        if dedicated is None or extraction is None:
            for result in super()._parse_article(response, extraction):
                # A Request is the base's browser fallback (tracker.browser.browser_retry).
                yield self._fill_publisher(result) if isinstance(result, ArticleItem) else result
            return
        self.crawler.stats.inc_value(f"tracker/article/rules/{dedicated.name}")
        retry = browser_retry(response, extraction.fields, self.settings, self.crawler.stats)
        if retry is not None:
            yield retry
            return
        if self.not_an_article(extraction, response):
            return
        item = self.item_from_extraction(extraction, fetched_url=response.url)
        note_fetch(item, response)
        item.publisher = dedicated.publisher
        item.language = item.language or dedicated.language
        if dedicated.default_category and not item.category:
            item.category = dedicated.default_category
        item.provenance["rules"] = dedicated.name
        yield item

    def _fill_publisher(self, item: ArticleItem) -> ArticleItem:
        if not item.publisher:
            host = urlparse(item.url or item.fetched_url or "").hostname or ""
            item.publisher = host.removeprefix("www.") or None
        return item


def dedicated_spiders(crawler: Crawler) -> dict[str, type[NewsSpider]]:
    """Host (an allowed domain) -> the publisher spider that declares it."""
    loader = get_spider_loader(crawler.settings)
    hosts: dict[str, type[NewsSpider]] = {}
    for name in sorted(loader.list()):
        cls = loader.load(name)
        if name == ArticleSpider.name or not issubclass(cls, NewsSpider):
            continue
        for domain in getattr(cls, "allowed_domains", None) or []:
            hosts.setdefault(domain.lower(), cls)
    return hosts
