"""Euronews (English edition): European and world news."""

from __future__ import annotations

from tracker.extract.sites.euronews import EURONEWS
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class EuronewsSpider(NewsSpider):
    """Euronews."""

    name = "euronews"
    publisher = "Euronews"
    allowed_domains = ["euronews.com"]
    sources = [
        NewsSitemap("https://www.euronews.com/sitemaps/en/latest-news.xml"),
    ]
    default_category = "World"
    country = "FR"
    language = "en"
    deny = [r"/video/", r"/live/"]
    family = EURONEWS
