"""Münchner Merkur (merkur.de): Munich daily (Ippen Media)."""

from __future__ import annotations

from tracker.extract.sites.ippen import IPPEN
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class MerkurSpider(NewsSpider):
    """Münchner Merkur."""

    name = "merkur"
    publisher = "Münchner Merkur"
    allowed_domains = ["merkur.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.merkur.de/welt/rssfeed.rdf"),
        NewsSitemap("https://www.merkur.de/news.xml"),
        Sitemap("https://www.merkur.de/sitemap-index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    family = IPPEN
