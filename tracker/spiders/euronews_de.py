"""Euronews, German edition (de.euronews.com): European and world news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class EuronewsDeSpider(NewsSpider):
    """Euronews."""

    name = "euronews_de"
    publisher = "Euronews"
    allowed_domains = ["de.euronews.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://de.euronews.com/sitemaps/de/latest-news.xml"),
        Sitemap("https://de.euronews.com/sitemaps/de/articles.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "World"
