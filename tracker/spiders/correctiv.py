"""Correctiv: German non-profit investigative newsroom."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class CorrectivSpider(NewsSpider):
    """Correctiv."""

    name = "correctiv"
    publisher = "Correctiv"
    allowed_domains = ["correctiv.org"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://correctiv.org/feed/"),
        Feed("https://correctiv.org/en/feed/"),
        Sitemap("https://www.correctiv.org/sitemap_index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The topics are comma-separated in the keywords meta.
    selectors = {"tags": "meta[name='keywords']"}
    separators = {"tags": ","}
