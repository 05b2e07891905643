"""Berliner Morgenpost: Berlin daily (Funke Mediengruppe)."""

from __future__ import annotations

from tracker.extract.sites.funke import FUNKE
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class BerlinermorgenpostSpider(NewsSpider):
    """Berliner Morgenpost."""

    name = "berlinermorgenpost"
    publisher = "Berliner Morgenpost"
    allowed_domains = ["morgenpost.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    # Its 286 monthly archive sitemaps are left out: a crawl wants recent articles.
    sources = [
        NewsSitemap("https://www.morgenpost.de/sitemaps/news.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    family = FUNKE
