"""Deutsche Welle (dw.com): Germany's international broadcaster, German edition."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class DwSpider(NewsSpider):
    """Deutsche Welle."""

    name = "dw"
    publisher = "Deutsche Welle"
    allowed_domains = ["dw.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://rss.dw.com/xml/rss-de-all"),
        Feed("https://rss.dw.com/xml/rss-en-all"),
        NewsSitemap("https://www.dw.com/de/news-sitemap.xml"),
        NewsSitemap("https://www.dw.com/en/news-sitemap.xml"),
        Sitemap("https://www.dw.com/de/article-sitemap.xml"),
        Sitemap("https://www.dw.com/en/article-sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
