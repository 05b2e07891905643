"""Het Nieuwsblad (nieuwsblad.be): Flemish daily newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class NieuwsbladSpider(NewsSpider):
    """Het Nieuwsblad."""

    name = "nieuwsblad"
    publisher = "Het Nieuwsblad"
    allowed_domains = ["nieuwsblad.be"]
    # The feeds and sitemaps fundus lists for Nieuwsblad (publishers_sources.json).
    sources = [
        Feed("https://www.nieuwsblad.be/rss/"),
        NewsSitemap("https://www.nieuwsblad.be/sitemap-news.xml"),
        Sitemap("https://www.nieuwsblad.be/sitemap.xml"),
    ]
    country = "BE"
    language = "nl"
    timezone = "Europe/Brussels"
