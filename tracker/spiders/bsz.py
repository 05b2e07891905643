"""Braunschweiger Zeitung: regional daily of Braunschweig (Funke Mediengruppe)."""

from __future__ import annotations

from tracker.extract.sites.funke import FUNKE
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class BszSpider(NewsSpider):
    """Braunschweiger Zeitung."""

    name = "bsz"
    publisher = "Braunschweiger Zeitung"
    allowed_domains = ["braunschweiger-zeitung.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    # Its 252 monthly archive sitemaps are left out: a crawl wants recent articles.
    sources = [
        Feed("https://www.braunschweiger-zeitung.de/rss"),
        NewsSitemap("https://www.braunschweiger-zeitung.de/sitemaps/news.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    family = FUNKE
