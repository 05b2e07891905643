"""Hamburger Abendblatt: Hamburg daily (Funke Mediengruppe)."""

from __future__ import annotations

from tracker.extract.sites.funke import FUNKE
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class HamburgerabendblattSpider(NewsSpider):
    """Hamburger Abendblatt."""

    name = "hamburgerabendblatt"
    publisher = "Hamburger Abendblatt"
    allowed_domains = ["abendblatt.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    # Its 320 monthly archive sitemaps are left out: a crawl wants recent articles.
    sources = [
        Feed("https://www.abendblatt.de/rss"),
        NewsSitemap("https://www.abendblatt.de/sitemaps/news.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    family = FUNKE
