"""Die Zeit (zeit.de): German national weekly and its news site."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class DiezeitSpider(NewsSpider):
    """Die Zeit."""

    name = "diezeit"
    publisher = "Die Zeit"
    allowed_domains = ["zeit.de"]
    # The feed and sitemap index fundus lists for it (publishers_sources.json); fundus's news
    # sitemap is the index's page for one day (?date=YYYY-MM-DD&unit=days), a URL that goes stale.
    sources = [
        Feed("https://newsfeed.zeit.de/news/index"),
        Sitemap("https://www.zeit.de/gsitemaps/index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
