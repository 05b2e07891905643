"""Euronews (French edition, fr.euronews.com): European and world news."""

from __future__ import annotations

from tracker.extract.sites.euronews import EURONEWS
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class EuronewsFrSpider(NewsSpider):
    """Euronews (French edition)."""

    name = "euronews_fr"
    publisher = "Euronews"
    allowed_domains = ["fr.euronews.com"]
    # The news sitemap and article sitemap fundus lists for EuronewsFR (publishers_sources.json).
    sources = [
        NewsSitemap("https://fr.euronews.com/sitemaps/fr/latest-news.xml"),
        Sitemap("https://fr.euronews.com/sitemaps/fr/articles.xml"),
    ]
    default_category = "World"
    country = "FR"
    language = "fr"
    timezone = "Europe/Paris"
    deny = [r"/video/", r"/live/"]
    family = EURONEWS
