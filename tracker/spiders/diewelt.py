"""Die Welt (welt.de): German national daily (Axel Springer)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class DieweltSpider(NewsSpider):
    """Die Welt."""

    name = "diewelt"
    publisher = "Die Welt"
    allowed_domains = ["welt.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.welt.de/feeds/latest.rss"),
        NewsSitemap("https://www.welt.de/sitemaps/newssitemap/newssitemap.xml"),
        Sitemap("https://www.welt.de/sitemaps/sitemap/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The topics are comma-separated in the keywords meta.
    selectors = {"tags": "meta[name='keywords']"}
    separators = {"tags": ","}
