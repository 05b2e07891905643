"""The i Paper (inews.co.uk): UK news and analysis."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class InewsSpider(NewsSpider):
    """The i Paper."""

    name = "inews"
    publisher = "The i Paper"
    allowed_domains = ["inews.co.uk"]
    sources = [
        Feed("https://inews.co.uk/feed"),
        Sitemap("https://inews.co.uk/sitemap.xml"),
    ]
    country = "GB"
    language = "en"
