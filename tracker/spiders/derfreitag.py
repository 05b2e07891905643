"""der Freitag: German weekly of politics and culture."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class DerfreitagSpider(NewsSpider):
    """der Freitag."""

    name = "derfreitag"
    publisher = "der Freitag"
    allowed_domains = ["freitag.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.freitag.de/@@RSS"),
        Sitemap("https://www.freitag.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
