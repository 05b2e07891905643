"""Frankfurter Allgemeine Zeitung (faz.net): German national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class FazSpider(NewsSpider):
    """Frankfurter Allgemeine Zeitung."""

    name = "faz"
    publisher = "Frankfurter Allgemeine Zeitung"
    allowed_domains = ["faz.net"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.faz.net/rss/aktuell"),
        Feed("https://www.faz.net/rss/aktuell/politik"),
        Feed("https://www.faz.net/rss/aktuell/sport"),
        Feed("https://www.faz.net/rss/aktuell/wirtschaft/"),
        Feed("https://www.faz.net/rss/aktuell/gesellschaft/"),
        NewsSitemap("https://www.faz.net/sitemap-news.xml"),
        Sitemap("https://www.faz.net/sitemap-index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
