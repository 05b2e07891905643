"""LRT (lrt.lt): Lithuanian National Radio and Television's news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class LrtSpider(NewsSpider):
    """LRT."""

    name = "lrt"
    publisher = "LRT"
    allowed_domains = ["lrt.lt"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.lrt.lt/?rss"),
        Sitemap("https://www.lrt.lt/servisai/sitemap/sitemap-index.xml"),
    ]
    country = "LT"
    language = "lt"
    timezone = "Europe/Vilnius"
    # JSON-LD author names carry the author's affiliation after a comma; lrt_authors names them.
    selectors = {"authors": "meta[property=lrt_authors]"}
    separators = {"authors": ","}
