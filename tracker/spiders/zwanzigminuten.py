"""20 Minuten (20min.ch): Swiss free daily, German and French editions."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class ZwanzigminutenSpider(NewsSpider):
    """20 Minuten."""

    name = "zwanzigminuten"
    publisher = "20 Minuten"
    allowed_domains = ["20min.ch"]
    # The feeds and sitemaps fundus lists for ZwanzigMinuten (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.20min.ch/sitemaps/de/news.xml"),
        NewsSitemap("https://www.20min.ch/sitemaps/fr/news.xml"),
        Sitemap("https://www.20min.ch/sitemaps/de/articles.xml"),
        Sitemap("https://www.20min.ch/sitemaps/fr/articles.xml"),
    ]
    country = "CH"
    language = "de"
    timezone = "Europe/Zurich"
