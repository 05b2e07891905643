"""Frankfurter Rundschau (fr.de): Frankfurt daily (Ippen Media)."""

from __future__ import annotations

from tracker.extract.sites.ippen import IPPEN
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class FrankfurterrundschauSpider(NewsSpider):
    """Frankfurter Rundschau."""

    name = "frankfurterrundschau"
    publisher = "Frankfurter Rundschau"
    allowed_domains = ["fr.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://fr.de/rssfeed.rdf"),
        NewsSitemap("https://www.fr.de/news.xml"),
        Sitemap("https://www.fr.de/sitemap-index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    family = IPPEN
