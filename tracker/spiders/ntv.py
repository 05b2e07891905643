"""NTV (ntv.com.tr): Turkish news channel and site (fundus id NTVTR)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class NtvSpider(NewsSpider):
    """NTV."""

    name = "ntv"
    publisher = "NTV"
    allowed_domains = ["ntv.com.tr"]
    # The feeds and sitemaps fundus lists for NTVTR (publishers_sources.json).
    sources = [
        Feed("https://www.ntv.com.tr/gundem.rss"),
        NewsSitemap("https://www.ntv.com.tr/sitemaps/news-sitemap.xml"),
        Sitemap("https://www.ntv.com.tr/sitemaps"),
    ]
    country = "TR"
    language = "tr"
    timezone = "Europe/Istanbul"
