"""junge Welt: left-wing German daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class JungeweltSpider(NewsSpider):
    """junge Welt."""

    name = "jungewelt"
    publisher = "junge Welt"
    allowed_domains = ["jungewelt.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.jungewelt.de/feeds/newsticker.rss"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
