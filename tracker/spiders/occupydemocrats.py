"""Occupy Democrats: American progressive political news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class OccupydemocratsSpider(NewsSpider):
    """Occupy Democrats."""

    name = "occupydemocrats"
    publisher = "Occupy Democrats"
    allowed_domains = ["occupydemocrats.com"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://occupydemocrats.com/sitemap.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "US"
    language = "en"
    timezone = "America/New_York"
