"""Westdeutsche Allgemeine Zeitung (waz.de): Ruhr regional daily (Funke Mediengruppe)."""

from __future__ import annotations

from tracker.extract.sites.funke import FUNKE
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class WazSpider(NewsSpider):
    """WAZ."""

    name = "waz"
    publisher = "WAZ"
    allowed_domains = ["waz.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.waz.de/sitemaps/news.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    family = FUNKE
