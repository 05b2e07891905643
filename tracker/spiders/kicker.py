"""kicker: German football and sports magazine."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class KickerSpider(NewsSpider):
    """kicker."""

    name = "kicker"
    publisher = "kicker"
    allowed_domains = ["kicker.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://newsfeed.kicker.de/news/aktuell"),
        NewsSitemap("https://newsfeed.kicker.de/googlesitemapnews.xml"),
        Sitemap("https://leserservice.kicker.de/sitemap_0.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Sports"
    # Unsigned pieces name the magazine as their author.
    drop_authors = [r"(?i)^kicker$"]
