"""GameStar: German video games magazine."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class GamestarSpider(NewsSpider):
    """GameStar."""

    name = "gamestar"
    publisher = "GameStar"
    allowed_domains = ["gamestar.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.gamestar.de/sitemapnews.xml"),
        Sitemap("https://www.gamestar.de/artikel_archiv_index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Technology"
