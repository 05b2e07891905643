"""Tageblatt (tageblatt.lu): Luxembourg daily newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class TageblattSpider(NewsSpider):
    """Tageblatt."""

    name = "tageblatt"
    publisher = "Tageblatt"
    allowed_domains = ["tageblatt.lu"]
    # The feeds and sitemaps fundus lists for Tageblatt (publishers_sources.json).
    sources = [
        Sitemap("https://www.tageblatt.lu/Sitemap_Index.xml.gz"),
    ]
    country = "LU"
    language = "de"
    timezone = "Europe/Luxembourg"
