"""ABC (abc.es): Spanish national daily, Madrid."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class AbcEsSpider(NewsSpider):
    """ABC."""

    name = "abces"
    publisher = "ABC"
    allowed_domains = ["abc.es"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.abc.es/rss/2.0/espana/"),
        Feed("https://www.abc.es/rss/2.0/portada/"),
        NewsSitemap("https://www.abc.es/sitemap.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
