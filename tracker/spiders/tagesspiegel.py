"""Tagesspiegel (tagesspiegel.de): daily newspaper of Berlin."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import DatedSitemap, NewsSitemap


class TagesspiegelSpider(NewsSpider):
    """Tagesspiegel."""

    name = "tagesspiegel"
    publisher = "Tagesspiegel"
    allowed_domains = ["tagesspiegel.de"]
    # fundus lists its news sitemap and one sitemap index a year back to 1996; only the current
    # year's index (and last year's, in the first days of January) can hold articles of the last
    # week (Sitemap's max_age_days), so the older ones would be fetched for nothing.
    sources = [
        NewsSitemap("https://www.tagesspiegel.de/news.xml"),
        DatedSitemap("https://www.tagesspiegel.de/contentexport/static/sitemap-index_%Y.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
