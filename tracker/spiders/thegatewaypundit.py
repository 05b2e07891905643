"""The Gateway Pundit: American right-wing news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class ThegatewaypunditSpider(NewsSpider):
    """The Gateway Pundit."""

    name = "thegatewaypundit"
    publisher = "The Gateway Pundit"
    allowed_domains = ["thegatewaypundit.com"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://www.thegatewaypundit.com/sitemap.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "US"
    language = "en"
    timezone = "America/Chicago"
