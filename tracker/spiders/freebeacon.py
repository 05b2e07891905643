"""The Washington Free Beacon: American conservative news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class FreebeaconSpider(NewsSpider):
    """Washington Free Beacon."""

    name = "freebeacon"
    publisher = "Washington Free Beacon"
    allowed_domains = ["freebeacon.com"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://freebeacon.com/wp-sitemap.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "US"
    language = "en"
    timezone = "America/New_York"
