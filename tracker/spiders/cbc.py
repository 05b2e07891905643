"""CBC News: Canada's public broadcaster."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class CbcSpider(NewsSpider):
    """CBC News."""

    name = "cbc"
    publisher = "CBC News"
    allowed_domains = ["cbc.ca"]
    sources = [
        Feed("https://www.cbc.ca/webfeed/rss/rss-topstories"),
        Feed("https://www.cbc.ca/webfeed/rss/rss-world"),
        Feed("https://www.cbc.ca/webfeed/rss/rss-canada"),
    ]
    country = "CA"
    language = "en"
    deny = [r"/player/", r"/listen/", r"/live-"]
