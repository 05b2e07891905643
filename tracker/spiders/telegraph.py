"""The Telegraph: UK and world news, politics, business and sport."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class TelegraphSpider(NewsSpider):
    """The Telegraph."""

    name = "telegraph"
    publisher = "The Telegraph"
    allowed_domains = ["telegraph.co.uk"]
    sources = [
        NewsSitemap("https://www.telegraph.co.uk/custom/daily-news/sitemap.xml"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/video/", r"/puzzles/"]
    # The JSON-LD headline is an SEO variant; og:title is the headline as published.
    selectors = {"title": "meta[property='og:title']"}
