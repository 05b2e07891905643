"""The Namibian: Namibian national news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class ThenamibianSpider(NewsSpider):
    """The Namibian."""

    name = "thenamibian"
    publisher = "The Namibian"
    allowed_domains = ["namibian.com.na"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.namibian.com.na/feed/"),
        Sitemap("https://namibian.com.na/sitemap_index.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "NA"
    language = "en"
    timezone = "Africa/Windhoek"
