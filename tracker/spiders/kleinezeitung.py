"""Kleine Zeitung (kleinezeitung.at): Austrian regional daily (Styria and Carinthia)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class KleinezeitungSpider(NewsSpider):
    """Kleine Zeitung."""

    name = "kleinezeitung"
    publisher = "Kleine Zeitung"
    allowed_domains = ["kleinezeitung.at"]
    # The feeds and sitemaps fundus lists for KleineZeitung (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.kleinezeitung.at/news-sitemap"),
        Sitemap("https://www.kleinezeitung.at/sitemaps/sitemap_main.xml"),
    ]
    country = "AT"
    language = "de"
    timezone = "Europe/Vienna"
