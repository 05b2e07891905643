"""The Mirror (mirror.co.uk): UK news, sport and celebrity."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class MirrorSpider(NewsSpider):
    """The Mirror."""

    name = "mirror"
    publisher = "The Mirror"
    allowed_domains = ["mirror.co.uk"]
    sources = [
        NewsSitemap("https://www.mirror.co.uk/map_news.xml"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/video/"]
    # The JSON-LD headline is an SEO variant; og:title is the headline as published.
    selectors = {"title": "meta[property='og:title']"}
