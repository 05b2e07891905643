"""Berliner Zeitung: Berlin daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class BerlinerzeitungSpider(NewsSpider):
    """Berliner Zeitung."""

    name = "berlinerzeitung"
    publisher = "Berliner Zeitung"
    allowed_domains = ["berliner-zeitung.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.berliner-zeitung.de/feed.xml"),
        NewsSitemap("https://www.berliner-zeitung.de/news-sitemap.xml"),
        Sitemap("https://www.berliner-zeitung.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
