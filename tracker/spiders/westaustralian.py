"""The West Australian (thewest.com.au): Western Australian and national news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class WestaustralianSpider(NewsSpider):
    """The West Australian."""

    name = "westaustralian"
    publisher = "The West Australian"
    allowed_domains = ["thewest.com.au"]
    sources = [
        Feed("https://thewest.com.au/rss"),
        NewsSitemap("https://thewest.com.au/news-sitemap.xml"),
    ]
    country = "AU"
    language = "en"
    deny = [r"/video/", r"/live-"]
