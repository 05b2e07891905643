"""The New Yorker: reporting, commentary, culture."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class NewyorkerSpider(NewsSpider):
    """The New Yorker."""

    name = "newyorker"
    publisher = "The New Yorker"
    allowed_domains = ["newyorker.com"]
    sources = [
        NewsSitemap("https://www.newyorker.com/feed/google-news-sitemap-feed/sitemap-google-news"),
        Feed("https://www.newyorker.com/feed/news"),
    ]
    country = "US"
    language = "en"
    deny = [r"/video/", r"/podcast/", r"/cartoons/"]
