"""Le Monde (lemonde.fr): French daily newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class LemondeSpider(NewsSpider):
    """Le Monde."""

    name = "lemonde"
    publisher = "Le Monde"
    allowed_domains = ["lemonde.fr"]
    # The feeds and sitemaps fundus lists for LeMonde (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.lemonde.fr/sitemap_news.xml"),
        Sitemap("https://www.lemonde.fr/sitemap_index.xml"),
    ]
    country = "FR"
    language = "fr"
    timezone = "Europe/Paris"
