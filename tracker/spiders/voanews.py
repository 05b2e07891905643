"""Voice of America (voanews.com): US and world news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class VoanewsSpider(NewsSpider):
    """Voice of America."""

    name = "voanews"
    publisher = "Voice of America"
    allowed_domains = ["voanews.com"]
    sources = [
        Sitemap("https://www.voanews.com/sitemap.xml"),
    ]
    default_category = "World"
    country = "US"
    language = "en"
    allow = [r"/a/"]
