"""Die Presse (diepresse.com): Austrian daily newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class DiepresseSpider(NewsSpider):
    """Die Presse."""

    name = "diepresse"
    publisher = "Die Presse"
    allowed_domains = ["diepresse.com"]
    # The feeds and sitemaps fundus lists for DiePresse (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.diepresse.com/news-sitemap"),
        Sitemap("https://www.diepresse.com/sitemap"),
    ]
    country = "AT"
    language = "de"
    timezone = "Europe/Vienna"
