"""Mallorca Magazin (mallorcamagazin.com): German-language news from Mallorca."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class MallorcamagazinSpider(NewsSpider):
    """Mallorca Magazin."""

    name = "mallorcamagazin"
    publisher = "Mallorca Magazin"
    allowed_domains = ["mallorcamagazin.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.mallorcamagazin.com/googlenews.xml"),
        Sitemap("https://www.mallorcamagazin.com/nachrichten/sitemapIndex.xml"),
    ]
    country = "ES"
    language = "de"
    timezone = "Europe/Madrid"
    # "MM-Redaktion" is the outlet's own desk, not a person.
    drop_authors = [r"^MM-Redaktion$"]
