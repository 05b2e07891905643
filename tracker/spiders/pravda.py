"""Ukrainska Pravda (pravda.com.ua): Ukrainian online newspaper, in Ukrainian and Russian."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class PravdaSpider(NewsSpider):
    """Ukrainska Pravda."""

    name = "pravda"
    publisher = "Ukrainska Pravda"
    allowed_domains = ["pravda.com.ua"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.pravda.com.ua/sitemap/sitemap-news.xml"),
        Sitemap("https://www.pravda.com.ua/sitemap/sitemap-archive.xml"),
    ]
    country = "UA"
    language = "uk"
    timezone = "Europe/Kyiv"
