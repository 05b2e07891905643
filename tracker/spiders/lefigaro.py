"""Le Figaro (lefigaro.fr): French daily newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class LefigaroSpider(NewsSpider):
    """Le Figaro."""

    name = "lefigaro"
    publisher = "Le Figaro"
    allowed_domains = ["lefigaro.fr"]
    # The feeds and sitemaps fundus lists for LeFigaro (publishers_sources.json).
    sources = [
        Feed("https://www.lefigaro.fr/rss/figaro_actualites.xml"),
        Feed("https://www.lefigaro.fr/rss/figaro_flash-actu.xml"),
        NewsSitemap("https://www.lefigaro.fr/sitemap_news.xml"),
        Sitemap("https://sitemaps.lefigaro.fr/lefigaro.fr/articles.xml"),
    ]
    country = "FR"
    language = "fr"
    timezone = "Europe/Paris"
