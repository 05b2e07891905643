"""Jyllands-Posten (jyllands-posten.dk): Danish national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class JyllandspostenSpider(NewsSpider):
    """Jyllands-Posten."""

    name = "jyllandsposten"
    publisher = "Jyllands-Posten"
    allowed_domains = ["jyllands-posten.dk"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://jyllands-posten.dk/sitemapindex.xml"),
    ]
    country = "DK"
    language = "da"
    timezone = "Europe/Copenhagen"
