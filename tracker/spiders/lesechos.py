"""Les Echos (lesechos.fr): French business daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class LesechosSpider(NewsSpider):
    """Les Echos."""

    name = "lesechos"
    publisher = "Les Echos"
    allowed_domains = ["lesechos.fr"]
    # The feeds and sitemaps fundus lists for LesEchos (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.lesechos.fr/sitemap_news.xml"),
        Sitemap("https://sitemap.lesechos.fr/sitemap_index.xml"),
    ]
    country = "FR"
    language = "fr"
    timezone = "Europe/Paris"
