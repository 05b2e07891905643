"""Krautreporter: reader-funded German online magazine."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class KrautreporterSpider(NewsSpider):
    """Krautreporter."""

    name = "krautreporter"
    publisher = "Krautreporter"
    allowed_domains = ["krautreporter.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://krautreporter.de/feeds.rss"),
        Sitemap("https://krautreporter.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The topic ("Thema") link above the headline.
    selectors = {"tags": ".article-headers-shared-topic__cta"}
