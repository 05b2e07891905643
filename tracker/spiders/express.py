"""Daily Express (express.co.uk): UK news, finance, sport and showbiz."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class ExpressSpider(NewsSpider):
    """Daily Express."""

    name = "express"
    publisher = "Daily Express"
    allowed_domains = ["express.co.uk"]
    sources = [
        NewsSitemap("https://www.express.co.uk/googlenews.xml"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/pictures/", r"/videos?/"]
    # The JSON-LD headline is an SEO variant; og:title is the headline as published.
    selectors = {"title": "meta[property='og:title']"}
