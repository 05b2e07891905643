"""Where a publisher spider discovers its articles: typed source declarations.

A spider lists them in ``sources``; NewsSpider turns each into requests. They are plain values, so a
publisher reads like a data sheet (fundus style)::

    sources = [Feed("https://www.nasa.gov/feed/"), NewsSitemap("https://example.com/news.xml")]
"""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class NewsSitemap(Sitemap):
    """A Google News sitemap (news:title, news:publication_date, news:keywords)."""


@dataclass(frozen=True)
class Listing(Source):
    """An HTML listing page; ``links`` is a CSS selector for the article links on it."""

    links: str = "a"
