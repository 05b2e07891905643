"""taz, die tageszeitung (taz.de): national daily based in Berlin."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class TazSpider(NewsSpider):
    """taz."""

    name = "taz"
    publisher = "taz"
    allowed_domains = ["taz.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        NewsSitemap("https://taz.de/sitemap-google-news.xml"),
        Sitemap("https://taz.de/sitemap-index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
