"""The Sun (thesun.co.uk): UK news, sport and showbiz."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class ThesunSpider(NewsSpider):
    """The Sun."""

    name = "thesun"
    publisher = "The Sun"
    allowed_domains = ["thesun.co.uk"]
    sources = [
        NewsSitemap("https://www.thesun.co.uk/news-sitemap.xml"),
        Feed("https://www.thesun.co.uk/sport/feed/"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/video/", r"/live/"]
