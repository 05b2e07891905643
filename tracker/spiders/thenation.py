"""The Nation: US politics and culture."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class ThenationSpider(NewsSpider):
    """The Nation."""

    name = "thenation"
    publisher = "The Nation"
    allowed_domains = ["thenation.com"]
    sources = [
        NewsSitemap("https://www.thenation.com/news-sitemap.xml"),
        Feed("https://www.thenation.com/feed/?post_type=article"),
    ]
    country = "US"
    language = "en"
    deny = [r"/podcast/", r"/video/"]
