"""Nature: science news, features and comment (not the research papers)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class NatureSpider(NewsSpider):
    """Nature."""

    name = "nature"
    publisher = "Nature"
    allowed_domains = ["nature.com"]
    sources = [
        Feed("https://www.nature.com/nature.rss"),
        NewsSitemap("https://www.nature.com/latest-news/sitemap.xml"),
    ]
    default_category = "Science"
    country = "GB"
    language = "en"
    # News, features and comment have d41586-style ids; research papers (s41586-...) are not news.
    allow = [r"/articles/d\d+-"]
