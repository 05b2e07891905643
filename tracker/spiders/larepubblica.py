"""la Repubblica (repubblica.it): Italian daily newspaper from Rome."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import DatedSitemap, Feed


class LarepubblicaSpider(NewsSpider):
    """la Repubblica."""

    name = "larepubblica"
    publisher = "la Repubblica"
    allowed_domains = ["repubblica.it"]
    # The feed and this month's and last month's sitemaps (publishers_sources.json lists one a
    # month back to 2020: archives, older than any max_age_days).
    sources = [
        Feed("https://www.repubblica.it/rss/homepage/rss2.0.xml"),
        DatedSitemap("https://www.repubblica.it/sitemap-%Y-%m.xml"),
    ]
    country = "IT"
    language = "it"
    timezone = "Europe/Rome"
