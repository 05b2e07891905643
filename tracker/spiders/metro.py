"""Metro (metro.co.uk): UK news, entertainment and sport."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class MetroSpider(NewsSpider):
    """Metro."""

    name = "metro"
    publisher = "Metro"
    allowed_domains = ["metro.co.uk"]
    sources = [
        NewsSitemap("https://metro.co.uk/news-sitemap.xml"),
        Feed("https://metro.co.uk/feed/"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/video/", r"/live-"]
