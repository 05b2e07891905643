"""ORF (orf.at): Austria's public broadcaster, news site orf.at."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class OrfSpider(NewsSpider):
    """ORF."""

    name = "orf"
    publisher = "ORF"
    allowed_domains = ["orf.at"]
    # The feeds and sitemaps fundus lists for ORF (publishers_sources.json).
    sources = [
        Feed("https://rss.orf.at/news.xml"),
    ]
    country = "AT"
    language = "de"
    timezone = "Europe/Vienna"
