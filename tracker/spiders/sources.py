"""Where a publisher spider discovers its articles: typed source declarations.

A spider lists them in ``sources``; NewsSpider turns each into requests. They are plain values, so a
publisher reads like a data sheet (fundus style)::

    sources = [Feed("https://www.nasa.gov/feed/"), NewsSitemap("https://example.com/news.xml")]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Source:
    url: str


@dataclass(frozen=True)
class Feed(Source):
    """An RSS 2.0, RSS 1.0 or Atom feed; its entries' titles, dates, authors and content travel
    with the article requests and fill gaps the page leaves."""


@dataclass(frozen=True)
class Sitemap(Source):
    """A sitemap or sitemap index (followed recursively, newest child sitemaps first).

    ``max_age_days`` skips URLs whose lastmod is older; ``max_sitemaps`` bounds how many child
    sitemaps of an index are followed (large archives are not crawled in full by default).
    """

    max_age_days: int | None = 7
    max_sitemaps: int = 3

    def urls_at(self, now: datetime) -> list[str]:
        """The URLs to fetch for a crawl starting at ``now``: this sitemap's own, any day."""
        return [self.url]


@dataclass(frozen=True)
class DatedSitemap(Sitemap):
    """A sitemap published one a month (or a year) under a dated URL: ``url`` is a ``strftime``
    pattern (``https://elpais.com/sitemaps/%Y/%m/sitemap_0.xml``), filled in when the crawl
    starts for the current month and the ``months - 1`` before it, in the publisher's time
    zone. A spider that wrote this month's URL down went stale the month after."""

    months: int = 2

    def urls_at(self, now: datetime) -> list[str]:
        """The URLs for the month of ``now`` and the ones before it, newest first, each once
        (a yearly pattern gives one URL for the months of one year)."""
        urls: list[str] = []
        year, month = now.year, now.month
        for _ in range(max(self.months, 1)):
            url = datetime(year, month, 1).strftime(self.url)
            if url not in urls:
                urls.append(url)
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return urls


@dataclass(frozen=True)
class NewsSitemap(Sitemap):
    """A Google News sitemap (news:title, news:publication_date, news:keywords)."""


@dataclass(frozen=True)
class Listing(Source):
    """An HTML listing page; ``links`` is a CSS selector for the article links on it."""

    links: str = "a"
