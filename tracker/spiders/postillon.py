"""Der Postillon (der-postillon.com): German satirical news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class PostillonSpider(NewsSpider):
    """Der Postillon."""

    name = "postillon"
    publisher = "Der Postillon"
    allowed_domains = ["der-postillon.com"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Sitemap("https://www.der-postillon.com/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
