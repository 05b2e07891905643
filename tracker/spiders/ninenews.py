"""9News (nine.com.au): Australian and world news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class NinenewsSpider(NewsSpider):
    """9News."""

    name = "ninenews"
    publisher = "9News"
    allowed_domains = ["nine.com.au"]
    sources = [
        Feed("https://www.nine.com.au/rss/feed.xml"),
        Sitemap("https://www.nine.com.au/sitemaps/nine-sitemaps-articles.xml"),
    ]
    country = "AU"
    language = "en"
    deny = [r"/video/", r"/live-"]
