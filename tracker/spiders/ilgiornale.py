"""il Giornale (ilgiornale.it): Italian daily newspaper from Milan."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class IlgiornaleSpider(NewsSpider):
    """il Giornale."""

    name = "ilgiornale"
    publisher = "il Giornale"
    allowed_domains = ["ilgiornale.it"]
    # The feeds and sitemaps fundus lists for IlGiornale (publishers_sources.json).
    sources = [
        Feed("https://www.ilgiornale.it/feed.xml"),
        NewsSitemap("https://www.ilgiornale.it/sitemap/google-news.xml"),
        Sitemap("https://www.ilgiornale.it/sitemap/indice.xml"),
    ]
    country = "IT"
    language = "it"
    timezone = "Europe/Rome"
