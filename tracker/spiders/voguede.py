"""Vogue Germany (vogue.de): fashion, beauty and culture magazine."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class VogueDESpider(NewsSpider):
    """Vogue Germany."""

    name = "voguede"
    publisher = "Vogue Germany"
    allowed_domains = ["vogue.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.vogue.de/feed/rss"),
        NewsSitemap("https://www.vogue.de/feed/sitemap-news/sitemap-google-news"),
        Sitemap("https://www.vogue.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
