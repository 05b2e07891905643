"""heise online (heise.de): German IT and technology news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class HeiseSpider(NewsSpider):
    """heise online."""

    name = "heise"
    publisher = "heise online"
    allowed_domains = ["heise.de"]
    # The feed and sitemap index fundus lists for Heise (publishers_sources.json).
    sources = [
        Feed("https://www.heise.de/rss/heise.rdf"),
        Sitemap("https://www.heise.de/sitemapindex.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Technology"
