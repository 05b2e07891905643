"""The (London Evening) Standard: London and UK news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class StandardSpider(NewsSpider):
    """The Standard."""

    name = "standard"
    publisher = "The Standard"
    allowed_domains = ["standard.co.uk"]
    sources = [
        Feed("https://www.standard.co.uk/rss"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/video/", r"/live-"]
    # The JSON-LD headline is an SEO variant; og:title is the headline as published.
    selectors = {"title": "meta[property='og:title']"}
