"""Rest of World: technology's impact outside the Western world."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class RestofworldSpider(NewsSpider):
    """Rest of World."""

    name = "restofworld"
    publisher = "Rest of World"
    allowed_domains = ["restofworld.org"]
    sources = [
        Feed("https://restofworld.org/feed/latest/"),
        Sitemap("https://restofworld.org/sitemap.xml"),
    ]
    default_category = "Technology"
    country = "US"
    language = "en"
