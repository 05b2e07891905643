"""Mallorca Zeitung (mallorcazeitung.es): German-language weekly and news site on Mallorca."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class MallorcazeitungSpider(NewsSpider):
    """Mallorca Zeitung."""

    name = "mallorcazeitung"
    publisher = "Mallorca Zeitung"
    allowed_domains = ["mallorcazeitung.es"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.mallorcazeitung.es/rss/section/28000"),
        NewsSitemap("https://www.mallorcazeitung.es/sitemap_google_news_8d82b.xml"),
    ]
    country = "ES"
    language = "de"
    timezone = "Europe/Madrid"
