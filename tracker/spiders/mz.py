"""Mitteldeutsche Zeitung (mz.de): regional daily of Saxony-Anhalt, based in Halle."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class MZSpider(NewsSpider):
    """Mitteldeutsche Zeitung."""

    name = "mz"
    publisher = "Mitteldeutsche Zeitung"
    allowed_domains = ["mz.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.mz.de/sitemaps/newssitemap-index.xml"),
        Sitemap("https://www.mz.de/sitemaps/sitemap-ressort-index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
