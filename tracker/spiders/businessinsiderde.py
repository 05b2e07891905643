"""Business Insider Deutschland: the German edition of Business Insider."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class BusinessinsiderdeSpider(NewsSpider):
    """Business Insider Deutschland."""

    name = "businessinsiderde"
    publisher = "Business Insider Deutschland"
    allowed_domains = ["businessinsider.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.businessinsider.de/feed/businessinsider-alle-artikel"),
        NewsSitemap("https://www.businessinsider.de/news-sitemap.xml"),
        Sitemap("https://www.businessinsider.de/sitemap_index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Business"
