"""Der Standard (derstandard.at): Austrian daily newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class DerstandardSpider(NewsSpider):
    """Der Standard."""

    name = "derstandard"
    publisher = "Der Standard"
    allowed_domains = ["derstandard.at"]
    # The feeds and sitemaps fundus lists for DerStandard (publishers_sources.json).
    sources = [
        Feed("https://www.derstandard.at/rss"),
        NewsSitemap("https://www.derstandard.at/sitemaps/news.xml"),
        Sitemap("https://www.derstandard.at/sitemaps/sitemap.xml"),
    ]
    country = "AT"
    language = "de"
    timezone = "Europe/Vienna"
