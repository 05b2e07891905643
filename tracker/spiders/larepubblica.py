"""la Repubblica (repubblica.it): Italian daily newspaper from Rome."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class LarepubblicaSpider(NewsSpider):
    """la Repubblica."""

    name = "larepubblica"
    publisher = "la Repubblica"
    allowed_domains = ["repubblica.it"]
    # The feed and the two newest of the monthly sitemaps fundus lists (publishers_sources.json
    # has one a month back to 2020: archives, older than any max_age_days).
    sources = [
        Feed("https://www.repubblica.it/rss/homepage/rss2.0.xml"),
        Sitemap("https://www.repubblica.it/sitemap-2026-12.xml"),
        Sitemap("https://www.repubblica.it/sitemap-2026-11.xml"),
    ]
    country = "IT"
    language = "it"
    timezone = "Europe/Rome"
