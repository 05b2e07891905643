"""TimesLIVE: South African news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class TimesliveSpider(NewsSpider):
    """TimesLIVE."""

    name = "timeslive"
    publisher = "TimesLIVE"
    allowed_domains = ["timeslive.co.za"]
    sources = [
        Feed("https://www.timeslive.co.za/arc/outboundfeeds/google-news-feed/"),
        NewsSitemap("https://www.timeslive.co.za/arc/outboundfeeds/sitemap-news-index/"),
    ]
    country = "ZA"
    language = "en"
    deny = [r"/video/"]
