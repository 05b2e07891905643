"""Golem.de: German IT news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class GolemSpider(NewsSpider):
    """Golem.de."""

    name = "golem"
    publisher = "Golem.de"
    allowed_domains = ["golem.de"]
    # The feed and sitemap index fundus lists for it (publishers_sources.json); fundus's news
    # sitemap is one month's (gsitemap-YYMM.xml), a URL that goes stale.
    sources = [
        Feed("https://www.golem.de/rss"),
        Sitemap("https://www.golem.de/gsiteindex.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Technology"
