"""Habertürk (haberturk.com): Turkish news channel and site."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class HaberturkSpider(NewsSpider):
    """Habertürk."""

    name = "haberturk"
    publisher = "Habertürk"
    allowed_domains = ["haberturk.com"]
    # The feeds and sitemaps fundus lists for Haberturk (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.haberturk.com/sitemap_google_news.xml"),
        Sitemap("https://www.haberturk.com/sitemap.xml"),
    ]
    country = "TR"
    language = "tr"
    timezone = "Europe/Istanbul"

    # The JSON-LD author of desk stories is the outlet.
    drop_authors = [r"(?i)^habertürk$"]
