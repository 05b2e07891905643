"""Nikkei (nikkei.com): Japanese business daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class NikkeiSpider(NewsSpider):
    """Nikkei."""

    name = "nikkei"
    publisher = "Nikkei"
    allowed_domains = ["nikkei.com"]
    # The feeds and sitemaps fundus lists for Nikkei (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.nikkei.com/sitemap.xml"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"

    # The article's topic is the link over the headline (the page has no keywords meta tag).
    selectors = {"tags": "header:has(h1) > div > a"}
    # The JSON-LD author is the publisher itself.
    drop_authors = [r"^日本経済新聞"]
