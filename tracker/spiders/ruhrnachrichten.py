"""Ruhr Nachrichten (ruhrnachrichten.de): regional daily of Dortmund and the Ruhr."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class RuhrNachrichtenSpider(NewsSpider):
    """Ruhr Nachrichten."""

    name = "ruhrnachrichten"
    publisher = "Ruhr Nachrichten"
    allowed_domains = ["ruhrnachrichten.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.ruhrnachrichten.de/service/feed/"),
        NewsSitemap("https://www.ruhrnachrichten.de/news-sitemap.xml"),
        Sitemap("https://www.ruhrnachrichten.de/sitemap_index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
