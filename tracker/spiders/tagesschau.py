"""tagesschau (tagesschau.de): the ARD's national and world news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class TagesschauSpider(NewsSpider):
    """tagesschau."""

    name = "tagesschau"
    publisher = "tagesschau"
    allowed_domains = ["tagesschau.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.tagesschau.de/xml/rss2/"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
