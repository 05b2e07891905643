"""Bild: German tabloid (Axel Springer)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class BildSpider(NewsSpider):
    """Bild."""

    name = "bild"
    publisher = "Bild"
    allowed_domains = ["bild.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.bild.de/feed/alles.xml"),
        NewsSitemap("https://www.bild.de/sitemap-news.xml"),
        Sitemap("https://www.bild.de/sitemap-index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The JSON-LD headline ends in the section (" | Sport"); og:title is the headline as shown.
    selectors = {"title": "meta[property='og:title']"}
    # Embedded video teasers carry a heading of their own inside the article text.
    exclude = [".video-heading"]
