"""Börsen-Zeitung: German financial daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class BoersenzeitungSpider(NewsSpider):
    """Börsen-Zeitung."""

    name = "boersenzeitung"
    publisher = "Börsen-Zeitung"
    allowed_domains = ["boersen-zeitung.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.boersen-zeitung.de/sitemap/news.xml.gz"),
        Sitemap("https://www.boersen-zeitung.de/sitemap/index.xml.gz"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Business"
